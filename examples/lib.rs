//! Runnable examples of kezek live beside this file; run one with
//! `cargo run --release --example deadlines`. This library holds what they share: their
//! own sentences in Kazakh, Russian and English ([`Messages`], Fluent files in `i18n/`).
//! Every name of the domain (states, reasons, documents…), every date as people write it
//! and every error's message comes from kezek itself; only the examples' narrative is here.
//! [`outln!`] prints their lines.

use fluent_bundle::{FluentArgs, FluentBundle, FluentResource, FluentValue};
use kezek::Lang;

/// One example's sentences in one language, from its Fluent file (`i18n/<example>/<lang>.ftl`,
/// compiled in): `say("registered", &[("number", 3.into())])`.
pub struct Messages {
    bundle: FluentBundle<FluentResource>,
    ids: Vec<String>,
}

impl Messages {
    /// The sentences of `files` (the kk, ru and en texts of one example) in `lang`.
    ///
    /// # Panics
    /// When a file is not valid Fluent: the files are part of the examples, and a test
    /// reads every one of them.
    #[must_use]
    pub fn new(lang: Lang, [kk, ru, en]: [&str; 3]) -> Self {
        let source = match lang {
            Lang::Kk => kk,
            Lang::Ru => ru,
            Lang::En => en,
        };
        let locale = lang.code().parse().expect("a language code");
        let mut bundle = FluentBundle::new(vec![locale]);
        // No Unicode isolation marks around arguments: the text goes to a terminal.
        bundle.set_use_isolating(false);
        let resource = FluentResource::try_new(source.to_owned()).expect("valid Fluent");
        bundle
            .add_resource(resource)
            .expect("no message defined twice");
        // A message starts a line with its id (terms start with `-`, comments with `#`).
        let ids = source
            .lines()
            .filter(|l| l.starts_with(|c: char| c.is_ascii_alphabetic()))
            .filter_map(|l| l.split_once('=').map(|(id, _)| id.trim().to_owned()))
            .collect();
        Self { bundle, ids }
    }

    /// The message `id` with its arguments, or the id itself when the file lacks it.
    #[must_use]
    pub fn say(&self, id: &str, args: &[(&str, FluentValue<'_>)]) -> String {
        let Some(pattern) = self.bundle.get_message(id).and_then(|m| m.value()) else {
            return id.to_owned();
        };
        let mut fluent_args = FluentArgs::new();
        for (name, value) in args {
            fluent_args.set(*name, value.clone());
        }
        let mut errors = Vec::new();
        self.bundle
            .format_pattern(pattern, Some(&fluent_args), &mut errors)
            .into_owned()
    }

    /// Every message id of the file, for the tests.
    pub fn ids(&self) -> impl Iterator<Item = &str> {
        self.ids.iter().map(String::as_str)
    }
}

/// The Fluent files of the `deadlines` example, kk, ru, en.
pub const DEADLINES: [&str; 3] = [
    include_str!("i18n/deadlines/kk.ftl"),
    include_str!("i18n/deadlines/ru.ftl"),
    include_str!("i18n/deadlines/en.ftl"),
];

/// Prints a line to standard output, as `println!` does, except that a reader who stops
/// reading (`deadlines | head`) ends the example quietly, as Unix tools end on `SIGPIPE`,
/// where `println!` panics with "failed printing to stdout".
#[macro_export]
macro_rules! outln {
    () => {
        $crate::print_line(format_args!(""))
    };
    ($($arg:tt)*) => {
        $crate::print_line(format_args!($($arg)*))
    };
}

/// What [`outln!`] calls: writes `line` and a newline to standard output; on a closed pipe
/// the process ends with status 0, on any other failure with a message and status 1.
pub fn print_line(line: std::fmt::Arguments<'_>) {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    if let Err(e) = out.write_fmt(line).and_then(|()| out.write_all(b"\n")) {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            std::process::exit(0);
        }
        eprintln!("cannot write to standard output: {e}");
        std::process::exit(1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_has_every_message_and_each_formats() {
        let en = Messages::new(Lang::En, DEADLINES);
        let ids: Vec<String> = en.ids().map(str::to_owned).collect();
        assert!(ids.len() > 20);
        for lang in [Lang::Kk, Lang::Ru] {
            let m = Messages::new(lang, DEADLINES);
            let mut theirs: Vec<&str> = m.ids().collect();
            let mut ours: Vec<&str> = ids.iter().map(String::as_str).collect();
            theirs.sort_unstable();
            ours.sort_unstable();
            assert_eq!(theirs, ours, "{lang:?}");
        }
        let ru = Messages::new(Lang::Ru, DEADLINES);
        assert_eq!(
            ru.say(
                "registered",
                &[("moment", "03.03.2025, 09:00".into()), ("number", 3.into())]
            ),
            "Зарегистрировано 03.03.2025, 09:00: номер в очереди 3"
        );
    }
}
