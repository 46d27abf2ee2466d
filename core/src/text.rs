//! Text as users type it: the trimming and normalisation every input field gets, and the
//! characters no identifier or contact may hold.

use std::sync::Arc;

use unicode_normalization::UnicodeNormalization;

/// `s` without leading and trailing white space (as [`str::trim`]), looking at no
/// character when both ends are plain ASCII: every registration trims two IINs and an
/// e-mail address, and `str::trim` decodes characters from both ends.
pub(crate) fn trimmed(s: &str) -> &str {
    match (s.as_bytes().first(), s.as_bytes().last()) {
        (Some(a), Some(z)) if is_plain(*a) && is_plain(*z) => s,
        _ => s.trim(),
    }
}

/// An ASCII byte that is not white space (nor the start of a longer character).
fn is_plain(b: u8) -> bool {
    b.is_ascii() && !is_ascii_space(b)
}

/// An ASCII byte that [`char::is_whitespace`] (and so [`str::trim`]) counts as white space:
/// [`u8::is_ascii_whitespace`] plus the vertical tab, which it leaves out.
pub(crate) fn is_ascii_space(b: u8) -> bool {
    b.is_ascii_whitespace() || b == 0x0b
}

/// The first character of `s` that changes how text reads without being seen: a control
/// character (`char::is_control`: C0, DEL, C1; inner tabs and line breaks too, since every
/// field is one line), a bidirectional formatting character (U+061C, U+200E–U+200F,
/// U+202A–U+202E, U+2066–U+2069), or an invisible one (zero-width space, joiners, word
/// joiner, invisible operators, U+FEFF, the soft hyphen, U+180E). Two fields that differ
/// only by such characters look the same to people, and `'\u{202e}ana@mail.kz'` shows
/// reversed: identifiers and contacts refuse them.
#[must_use]
pub(crate) fn hidden_character(s: &str) -> Option<char> {
    let s = trimmed(s);
    if s.bytes().all(|b| (0x20..0x7f).contains(&b)) {
        return None;
    }
    s.chars().find(|&c| {
        c.is_control()
            || matches!(
                c,
                '\u{061c}'
                    | '\u{00ad}'
                    | '\u{180e}'
                    | '\u{200b}'..='\u{200f}'
                    | '\u{202a}'..='\u{202e}'
                    | '\u{2060}'..='\u{2064}'
                    | '\u{2066}'..='\u{2069}'
                    | '\u{feff}'
            )
    })
}

/// `text` as the engine keeps it: trimmed, in Unicode normalisation form C (so "й" typed
/// as и + combining breve and "й" as one character are one text). The same `Arc` when
/// nothing changes, as for every plain ASCII text: no copy on the common path.
#[must_use]
pub(crate) fn normalized(text: &Arc<str>) -> Arc<str> {
    let t = trimmed(text);
    let nfc = t.is_ascii()
        || unicode_normalization::is_nfc_quick(t.chars())
            == unicode_normalization::IsNormalized::Yes;
    match (t.len() == text.len(), nfc) {
        (true, true) => Arc::clone(text),
        (false, true) => Arc::from(t),
        (_, false) => Arc::from(t.nfc().collect::<String>()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn trims_as_str_trim() {
        for s in [
            "",
            " ",
            "a",
            " a ",
            "\ta\n",
            "a b",
            "\u{a0}a",
            "a\u{2003}",
            "ə",
            " ə ",
            "\u{b}a\u{b}",
            "a\u{c}",
        ] {
            assert_eq!(trimmed(s), s.trim(), "{s:?}");
        }
    }

    #[test]
    fn hidden_characters_are_found() {
        for s in [
            "\u{202e}ana@mail.kz",
            "ana@mail.kz\u{1b}[2J",
            "Алма\u{200b}лы",
            "a\tb",
            "a\u{b}b",
            "a\u{85}b",
            "\u{feff}astana",
            "ast\u{ad}ana",
            "a\u{2066}b",
            "a\u{7f}",
        ] {
            assert!(hidden_character(s).is_some(), "{s:?}");
        }
        for s in [
            "ana@mail.kz",
            " Алмалы ",
            "Әуезов ауданы",
            "+7 (701) 123-45-67",
            "",
        ] {
            assert_eq!(hidden_character(s), None, "{s:?}");
        }
    }

    #[test]
    fn texts_are_kept_trimmed_and_composed() {
        let plain: Arc<str> = Arc::from("almaty");
        assert!(Arc::ptr_eq(&normalized(&plain), &plain), "no copy");
        assert_eq!(&*normalized(&Arc::from(" almaty ")), "almaty");
        let decomposed: Arc<str> = Arc::from("\u{438}\u{306}"); // и + combining breve
        assert_eq!(&*normalized(&decomposed), "\u{439}"); // й
        let composed: Arc<str> = Arc::from("Әуезов");
        assert!(Arc::ptr_eq(&normalized(&composed), &composed));
    }

    proptest! {
        #[test]
        fn normalising_is_idempotent_and_nfc(s in "\\PC{0,12}") {
            let once = normalized(&Arc::from(s.as_str()));
            let twice = normalized(&once);
            prop_assert_eq!(&once, &twice);
            prop_assert_eq!(once.to_string(), s.trim().nfc().collect::<String>());
        }

        #[test]
        fn trims_any_text_as_str_trim(s in "\\PC*|[ \\t\\u{b}\\u{c}\\u{a0}\\u{2003}a-z0-9@.]{0,12}") {
            prop_assert_eq!(trimmed(&s), s.trim());
        }
    }
}
