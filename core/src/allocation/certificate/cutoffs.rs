//! What a round's certificate tells a parent (`RULES.md §5a`): for each kindergarten a
//! child ranked above the one it got, where the last child admitted there stood and where
//! the child stood, in kk/ru/en with no code or id.

use std::sync::Arc;

use serde::Serialize;

use super::CheckedCertificate;
use crate::application::ApplicationId;
use crate::lang::LocalizedText;

/// Where a unit stood at a kindergarten, as a parent reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Standing {
    /// Its place in the round's order, from 1.
    pub position: u32,
    /// Whether a sibling's enrolment there put it first.
    pub sibling: bool,
    /// Whether it held a direction there before the round (which put it first).
    pub held: bool,
}

/// Why a child did not get a kindergarten it ranked above the one it got.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ChoiceCutoff {
    /// The kindergarten.
    pub kindergarten: Arc<str>,
    /// Its places in the round.
    pub places: u32,
    /// Where the last child given a place there stood; `None` if nobody was (the
    /// places were fewer than the twins need).
    pub last_admitted: Option<Standing>,
    /// Where the child stood there.
    pub own: Standing,
    /// The same, in words a parent reads (no codes, no ids).
    pub message: LocalizedText,
}

impl CheckedCertificate {
    /// For application `id`, the cutoff at each kindergarten of the round it ranked above
    /// the one it got (all of them if it got none), best first. Empty for a child the
    /// round did not consider (skipped: the report says why; or none of its choices had
    /// a place) and for one placed at its first choice.
    #[must_use]
    pub fn cutoffs(&self, id: ApplicationId) -> Vec<ChoiceCutoff> {
        let Some((p, u)) = (0_u32..)
            .zip(&self.units)
            .find(|(_, u)| u.children.contains(&id))
        else {
            return Vec::new();
        };
        let placed = self.placed_keys();
        u.preferred()
            .iter()
            .map(|&k| {
                let room = &self.kindergartens[k as usize];
                let standing = |(level, position): (u8, u32)| Standing {
                    position: position.saturating_add(1),
                    sibling: level == 1,
                    held: level == 0,
                };
                let last_admitted = placed[k as usize].last().map(|&(key, _)| standing(key));
                let own = standing(u.key(p, k));
                let message = cutoff_message(room.places, last_admitted, own, u.children.len());
                ChoiceCutoff {
                    kindergarten: Arc::clone(&room.id),
                    places: room.places,
                    last_admitted,
                    own,
                    message,
                }
            })
            .collect()
    }
}

/// A cutoff in words: the places, where the last child admitted stood, and the child.
fn cutoff_message(
    places: u32,
    last: Option<Standing>,
    own: Standing,
    children: usize,
) -> LocalizedText {
    const SIBLING: [&str; 3] = [
        " (осы балабақшада бауыры бар)",
        " (с братом или сестрой в этом саду)",
        " (with a sibling enrolled there)",
    ];
    const HELD: [&str; 3] = [
        " (осы балабақшаға жолдамасы бұрыннан бар)",
        " (уже с направлением в этот сад)",
        " (already holding a direction there)",
    ];
    let sib = |s: Standing| match (s.held, s.sibling) {
        (true, _) => HELD,
        (false, true) => SIBLING,
        (false, false) => ["", "", ""],
    };
    let ([ok, or, oe], o) = (sib(own), own.position);
    let places_en = crate::lang::count_en(places.into(), ["place", "places"]);
    match last {
        Some(l) => {
            let ([lk, lr, le], n) = (sib(l), l.position);
            LocalizedText::new(
                format!("Бұл балабақшада осы бөлуде {places} орын болды; орын алған соңғы бала кезекте {n}-орында тұрды{lk}; сіздің балаңыз {o}-орында тұрды{ok}."),
                format!("В этом распределении в саду было мест: {places}; последний получивший место ребёнок стоял в очереди {n}-м{lr}; ваш ребёнок стоял {o}-м{or}."),
                format!("This kindergarten had {places_en} in this round; the last child given one was number {n} in the queue{le}; your child was number {o}{oe}."),
            )
        }
        None => LocalizedText::new(
            format!("Бұл балабақшада осы бөлуде {places} орын болды: егіздерге {children} орын керек еді."),
            format!("В этом распределении в саду было мест: {places}, а двойне нужно {children}."),
            format!("This kindergarten had {places_en} in this round; the twins need {children}."),
        ),
    }
}
