//! Explanations of a matching: each kindergarten's admission cutoff, and for a child, why
//! not each kindergarten it ranked above the one it got.

use serde::{Deserialize, Serialize};

use super::{Matching, PriorityKey, Ranked};

/// A kindergarten's admission cutoff: the priority of the last child it admitted, when it
/// is full. A child ranked at it with a better key than the cutoff would have been admitted
/// under deferred acceptance.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cutoff {
    /// The kindergarten.
    pub kindergarten: u32,
    /// Places, and children admitted.
    pub capacity: u32,
    /// Children admitted.
    pub admitted: u32,
    /// The priority of the last admitted child, when it is full (`None`: places were left).
    pub last_admitted: Option<PriorityKey>,
}

/// Why a child did not get a kindergarten it ranked above its own place.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct WhyNot {
    /// The kindergarten.
    pub kindergarten: u32,
    /// Its position in the child's list (0 = first choice).
    pub choice: usize,
    /// The kindergarten's cutoff.
    pub cutoff: Option<PriorityKey>,
    /// Where the child stood there.
    pub child: PriorityKey,
    /// Whether every admitted child stood above it (the cutoff is better than the child's
    /// key). `false` under serial dictatorship or immediate acceptance means the places
    /// were taken earlier (a better turn, an earlier round), not by priority.
    pub below_cutoff: bool,
}

impl Ranked<'_> {
    /// Every kindergarten's cutoff under `m`.
    #[must_use]
    pub fn cutoffs(&self, m: &Matching) -> Vec<Cutoff> {
        let (held, worst) = self.holdings(m);
        let inst = self.instance;
        (0..inst.kindergartens())
            .map(|k| Cutoff {
                kindergarten: k as u32,
                capacity: inst.capacities[k],
                admitted: held[k],
                last_admitted: (held[k] >= inst.capacities[k] && held[k] > 0)
                    .then(|| PriorityKey::unpack(worst[k])),
            })
            .collect()
    }

    /// For child `c`, every kindergarten it ranked above the one it got (all of them when it
    /// got none): the cutoff there and where the child stood.
    #[must_use]
    pub fn why_not(&self, m: &Matching, c: u32) -> Vec<WhyNot> {
        let inst = self.instance;
        if c as usize >= inst.children() {
            return Vec::new();
        }
        let cutoffs = self.cutoffs(m);
        let above = m.choice_of(c).unwrap_or(inst.list(c).len());
        inst.list(c)[..above]
            .iter()
            .enumerate()
            .map(|(p, &k)| {
                let child = PriorityKey::unpack(self.key(c, p));
                let cutoff = cutoffs[k as usize].last_admitted;
                WhyNot {
                    kindergarten: k,
                    choice: p,
                    cutoff,
                    child,
                    below_cutoff: cutoff.is_some_and(|cut| child > cut),
                }
            })
            .collect()
    }
}
