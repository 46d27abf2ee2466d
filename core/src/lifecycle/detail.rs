//! What an event names (`Event::detail`): a date, a kindergarten, a class… Most events of
//! a city name one of few values (a million confirmations of interest name a few hundred
//! dates), so a detail travels as a value and its text is made once and shared.

use foldhash::HashMap;
use std::sync::Arc;

use chrono::NaiveDate;

/// An event's detail before it is stored.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) enum Detail {
    /// A day (a deadline's last day), written `YYYY-MM-DD`.
    Date(NaiveDate),
    /// The anniversary of registration passed, written `anniversary N`.
    Anniversary(u32),
    /// A fixed text (a class code).
    Static(&'static str),
    /// Any other text (a masked IIN, a benefit code).
    Text(String),
    /// A text already shared (a kindergarten id): stored as it is.
    Shared(Arc<str>),
}

/// The texts of the details stored so far, each once.
#[derive(Debug, Clone, Default)]
pub(crate) struct Details {
    texts: HashMap<Detail, Arc<str>>,
}

impl Details {
    /// The shared text of `detail`.
    pub(crate) fn text(&mut self, detail: Detail) -> Arc<str> {
        if let Detail::Shared(text) = detail {
            return text;
        }
        if let Some(text) = self.texts.get(&detail) {
            return Arc::clone(text);
        }
        let text: Arc<str> = match &detail {
            Detail::Date(day) => day.to_string().into(),
            Detail::Anniversary(n) => format!("anniversary {n}").into(),
            Detail::Static(s) => (*s).into(),
            Detail::Text(s) => s.as_str().into(),
            Detail::Shared(s) => Arc::clone(s),
        };
        self.texts.insert(detail, Arc::clone(&text));
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_text_is_made_once_and_reads_as_before() {
        let mut d = Details::default();
        let day = NaiveDate::from_ymd_opt(2025, 5, 14).unwrap_or_default();
        let a = d.text(Detail::Date(day));
        let b = d.text(Detail::Date(day));
        assert_eq!(&*a, "2025-05-14");
        assert!(Arc::ptr_eq(&a, &b), "shared, not made twice");
        assert_eq!(&*d.text(Detail::Anniversary(2)), "anniversary 2");
        assert_eq!(&*d.text(Detail::Static("general")), "general");
        assert_eq!(&*d.text(Detail::Text("kg-12".into())), "kg-12");
        let kg: Arc<str> = "kg-7".into();
        assert!(
            Arc::ptr_eq(&d.text(Detail::Shared(Arc::clone(&kg))), &kg),
            "a shared text is stored as it is"
        );
    }
}
