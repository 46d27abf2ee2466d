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
/// Every text the events name, each made and stored once; an event keeps its text's
/// number (`Details::id`), so that storing an event touches no reference count.
#[derive(Debug, Clone, Default)]
pub(crate) struct Details {
    ids: HashMap<Detail, usize>,
    texts: Vec<Arc<str>>,
}

impl Details {
    /// The number of `detail`'s text (from 1; 0 is no text), made on first use.
    pub(crate) fn id(&mut self, detail: Detail) -> usize {
        if let Some(&id) = self.ids.get(&detail) {
            return id;
        }
        let text: Arc<str> = match &detail {
            Detail::Date(day) => day.to_string().into(),
            Detail::Anniversary(n) => format!("anniversary {n}").into(),
            Detail::Static(s) => (*s).into(),
            Detail::Text(s) => s.as_str().into(),
            Detail::Shared(s) => Arc::clone(s),
        };
        self.texts.push(text);
        let id = self.texts.len();
        self.ids.insert(detail, id);
        id
    }

    /// The text numbered `id`, if any.
    pub(crate) fn text(&self, id: usize) -> Option<Arc<str>> {
        self.texts.get(id.checked_sub(1)?).map(Arc::clone)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_text_is_made_once_and_reads_as_before() {
        let mut d = Details::default();
        let day = NaiveDate::from_ymd_opt(2025, 5, 14).unwrap_or_default();
        let a = d.id(Detail::Date(day));
        assert_eq!(d.id(Detail::Date(day)), a, "made once");
        assert_eq!(d.text(a).as_deref(), Some("2025-05-14"));
        let text = |d: &mut Details, detail| {
            let id = d.id(detail);
            d.text(id)
        };
        assert_eq!(
            text(&mut d, Detail::Anniversary(2)).as_deref(),
            Some("anniversary 2")
        );
        assert_eq!(
            text(&mut d, Detail::Static("general")).as_deref(),
            Some("general")
        );
        assert_eq!(
            text(&mut d, Detail::Text("kg-12".into())).as_deref(),
            Some("kg-12")
        );
        let kg: Arc<str> = "kg-7".into();
        let shared = text(&mut d, Detail::Shared(Arc::clone(&kg)));
        assert!(
            shared.is_some_and(|s| Arc::ptr_eq(&s, &kg)),
            "a shared text is stored as it is"
        );
        assert_eq!(
            d.id(Detail::Shared("kg-7".into())),
            d.id(Detail::Shared(kg)),
            "equal texts share a number"
        );
        assert_eq!(d.text(0), None, "0 is no text");
        assert_eq!(d.text(99), None);
    }
}
