//! Checkers of a matching: validity, blocking pairs (stability), justified envy.

use serde::{Deserialize, Serialize};

use super::{Matching, Ranked, NONE};

/// Why a matching is not valid for its instance.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Violation {
    /// The matching has a different number of children than the instance.
    Size {
        /// Children in the matching.
        found: usize,
    },
    /// A child holds a kindergarten it did not rank (or an index out of its list).
    Unranked {
        /// The child.
        child: u32,
    },
    /// A kindergarten holds more children than its capacity.
    OverCapacity {
        /// The kindergarten.
        kindergarten: u32,
        /// Children held.
        held: u32,
    },
}

/// Justified envy: `child` prefers `kindergarten` to its own place and stands above
/// `admitted`, who got it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Envy {
    /// The envious child.
    pub child: u32,
    /// The kindergarten it prefers.
    pub kindergarten: u32,
    /// A child admitted there with lower priority.
    pub admitted: u32,
}

impl Ranked<'_> {
    /// Whether `m` is a valid matching of this instance: every child placed at a
    /// kindergarten it ranked, no kindergarten over capacity.
    ///
    /// # Errors
    /// The first [`Violation`] found.
    pub fn check_valid(&self, m: &Matching) -> Result<(), Violation> {
        let inst = self.instance;
        if m.choice.len() != inst.children() || m.kindergarten.len() != inst.children() {
            return Err(Violation::Size {
                found: m.choice.len(),
            });
        }
        let mut held = vec![0u32; inst.kindergartens()];
        for c in 0..inst.children() as u32 {
            let (p, k) = (m.choice[c as usize], m.kindergarten[c as usize]);
            if p == NONE && k == NONE {
                continue;
            }
            if inst.list(c).get(p as usize) != Some(&k) {
                return Err(Violation::Unranked { child: c });
            }
            held[k as usize] += 1;
        }
        for (k, (&h, &cap)) in held.iter().zip(&inst.capacities).enumerate() {
            if h > cap {
                return Err(Violation::OverCapacity {
                    kindergarten: k as u32,
                    held: h,
                });
            }
        }
        Ok(())
    }

    /// Per kindergarten: how many it holds and the worst key among them.
    pub(super) fn holdings(&self, m: &Matching) -> (Vec<u32>, Vec<u128>) {
        let inst = self.instance;
        let mut held = vec![0u32; inst.kindergartens()];
        let mut worst = vec![0u128; inst.kindergartens()];
        for c in 0..inst.children() as u32 {
            if let (Some(k), Some(p)) = (m.kindergarten_of(c), m.choice_of(c)) {
                held[k as usize] += 1;
                worst[k as usize] = worst[k as usize].max(self.key(c, p));
            }
        }
        (held, worst)
    }

    /// The pairs (child, kindergarten) that would both rather be matched to each other: the
    /// child prefers the kindergarten to its own place, and the kindergarten has a place
    /// left or holds a child of lower priority. Empty exactly when `m` is stable.
    #[must_use]
    pub fn blocking_pairs(&self, m: &Matching) -> Vec<(u32, u32)> {
        let inst = self.instance;
        let (held, worst) = self.holdings(m);
        let mut out = Vec::new();
        for c in 0..inst.children() as u32 {
            let above = m.choice_of(c).unwrap_or(inst.list(c).len());
            for (p, &k) in inst.list(c)[..above].iter().enumerate() {
                let k_ = k as usize;
                if held[k_] < inst.capacities[k_] || self.key(c, p) < worst[k_] {
                    out.push((c, k));
                }
            }
        }
        out
    }

    /// Every case of justified envy: a child that prefers a kindergarten to its own place
    /// and stands above a child admitted there. Empty when the priorities are respected
    /// (deferred acceptance never has any).
    #[must_use]
    pub fn justified_envy(&self, m: &Matching) -> Vec<Envy> {
        let inst = self.instance;
        let admitted = m.admitted(inst.kindergartens());
        let mut out = Vec::new();
        for c in 0..inst.children() as u32 {
            let above = m.choice_of(c).unwrap_or(inst.list(c).len());
            for (p, &k) in inst.list(c)[..above].iter().enumerate() {
                let mine = self.key(c, p);
                for &d in &admitted[k as usize] {
                    let theirs = m.choice_of(d).map_or(u128::MAX, |q| self.key(d, q));
                    if mine < theirs {
                        out.push(Envy {
                            child: c,
                            kindergarten: k,
                            admitted: d,
                        });
                    }
                }
            }
        }
        out
    }
}
