//! Each child's applications (`RULES.md §2`: a child has one application per group type
//! and area; `RULES.md §6`: the stop-list and an enrolment are the child's, so an offer
//! looks at its other applications).
//!
//! Every registration looks its child up here, and a city's children are hundreds of
//! thousands, so the index is kept small: one 16-byte entry per child (its IIN as a
//! number and its first application), with the rare children who have several
//! applications listed apart. A map of IINs to lists took 40 bytes a child, and its
//! lookups were four fifths of the time of a registration, waiting for memory.

use foldhash::HashMap;
use smallvec::SmallVec;

use crate::application::ApplicationId;
use crate::iin::Iin;

#[derive(Debug, Clone, Default)]
pub(crate) struct Children {
    /// By the child's IIN ([`Iin::number`]): its first application.
    first: HashMap<u64, ApplicationId>,
    /// The other applications of a child who has several, in the order registered (a
    /// small map: looking a child up in it costs no miss).
    more: HashMap<u64, SmallVec<[ApplicationId; 1]>>,
}

impl Children {
    /// Makes room for `additional` more children.
    pub(crate) fn try_reserve(
        &mut self,
        additional: usize,
    ) -> Result<(), std::collections::TryReserveError> {
        self.first.try_reserve(additional)
    }

    /// Adds application `id` of `child`; tells whether the child now has several.
    pub(crate) fn add(&mut self, child: &Iin, id: ApplicationId) -> bool {
        let key = child.number();
        if let std::collections::hash_map::Entry::Vacant(e) = self.first.entry(key) {
            e.insert(id);
            return false;
        }
        self.more.entry(key).or_default().push(id);
        true
    }

    /// The child's applications, in the order registered.
    pub(crate) fn of(&self, child: &Iin) -> impl Iterator<Item = ApplicationId> + '_ {
        let key = child.number();
        let more = self.more.get(&key).map_or(&[][..], |m| &m[..]);
        self.first
            .get(&key)
            .copied()
            .into_iter()
            .chain(more.iter().copied())
    }

    /// Whether the child has several applications.
    pub(crate) fn has_several(&self, child: &Iin) -> bool {
        self.more.contains_key(&child.number())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Twenty valid IINs of children born on the same day.
    fn iins() -> Vec<Iin> {
        let born = chrono::NaiveDate::from_ymd_opt(2020, 1, 1).unwrap_or_default();
        (1..200)
            .filter_map(|s| Iin::from_parts(born, crate::iin::Sex::Female, s).ok())
            .take(20)
            .collect()
    }

    #[test]
    fn an_iins_number_is_its_digits() {
        for iin in iins() {
            assert_eq!(Ok(iin.number()), iin.expose_digits().parse::<u64>());
        }
    }

    proptest! {
        /// The index gives back exactly the applications added for each child, in order,
        /// as a plain map of lists would.
        #[test]
        fn lists_each_childs_applications_in_order(children in proptest::collection::vec(0u32..20, 0..60)) {
            let iins = iins();
            let iin = |c: u32| iins[c as usize];
            let mut index = Children::default();
            let mut plain = std::collections::BTreeMap::<u32, Vec<ApplicationId>>::new();
            for (k, c) in children.iter().enumerate() {
                let id = ApplicationId(k as u64 + 1);
                let several = index.add(&iin(*c), id);
                let list = plain.entry(*c).or_default();
                list.push(id);
                prop_assert_eq!(several, list.len() > 1);
            }
            for c in 0..20 {
                let expected = plain.get(&c).cloned().unwrap_or_default();
                prop_assert_eq!(index.of(&iin(c)).collect::<Vec<_>>(), expected.clone());
                prop_assert_eq!(index.has_several(&iin(c)), expected.len() > 1);
            }
        }
    }
}
