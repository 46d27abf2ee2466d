//! Places given back mid-year under ranked choices (`RULES.md §5a`), incrementally: the
//! chain and the swaps, on a round's instance (its units, places and where each unit is).
//!
//! A free place at kindergarten `k` goes to the first unit in priority order at `k` (a
//! holder of a direction there, then a sibling there, then the queue's order) that ranked
//! `k`, prefers it to where it is and fits; the place it leaves goes on in turn, until a
//! free place finds nobody. Only the units that ranked the kindergarten are read (each
//! kindergarten's list of them, in its priority order). With sibling priorities the chain
//! alone can leave children worse off than a fresh round (§5a's smallest case); the
//! **swaps** that remain — each kindergarten points to the place of the best-keyed unit
//! that wants it, and a cycle is a swap every unit in it prefers and nobody can object to
//! (Erdil & Ergin 2008) — are then carried out until none is left. From a round's
//! outcome, chain and swaps give what a fresh round on the new state gives (child-optimal
//! stability is unique; a property test). Units of several places (twins) take a place
//! only where it has room for all of them, and take no part in swaps.

use super::acceptance::Unit;

/// What re-placing did: where each unit is now, and the moves in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Replaced {
    /// Each unit's kindergarten (an index), or `None`.
    pub(crate) placed: Vec<Option<u32>>,
    /// Each move: the unit, where it was, where it went.
    pub(crate) moves: Vec<(u32, Option<u32>, u32)>,
    /// How many of the moves were swaps.
    pub(crate) swapped: usize,
}

/// Re-places the units after places were given back or added: `placed` is where each
/// unit is (a round's outcome, with the units that left taken out), `capacity` each
/// kindergarten's places. Every kindergarten with room is offered on (see the module).
pub(crate) fn replace(units: &[Unit], capacity: &[u32], placed: Vec<Option<u32>>) -> Replaced {
    let n = capacity.len();
    // Per kindergarten, the units that ranked it, best-keyed first.
    let mut rankers: Vec<Vec<((u8, u32), u32)>> = vec![Vec::new(); n];
    for (u, unit) in (0_u32..).zip(units) {
        for &k in &unit.choices {
            if let Some(list) = rankers.get_mut(k as usize) {
                list.push((unit.key(u, k), u));
            }
        }
    }
    for list in &mut rankers {
        list.sort_unstable();
    }
    let mut load = vec![0_u32; n];
    for (unit, p) in units.iter().zip(&placed) {
        if let Some(k) = p {
            load[*k as usize] += unit.weight();
        }
    }
    let mut r = Replaced {
        placed,
        moves: Vec::new(),
        swapped: 0,
    };
    let mut open: Vec<u32> = (0..u32::try_from(n).unwrap_or(u32::MAX))
        .rev()
        .filter(|&k| load[k as usize] < capacity[k as usize])
        .collect();
    loop {
        // The chain: each free place to the first who wants it and fits.
        while let Some(k) = open.pop() {
            let room = capacity[k as usize].saturating_sub(load[k as usize]);
            let next = rankers[k as usize].iter().find(|&&(_, u)| {
                let unit = &units[u as usize];
                unit.weight() <= room && unit.prefers(k, r.placed[u as usize])
            });
            let Some(&(_, u)) = next else { continue };
            let w = units[u as usize].weight();
            let from = r.placed[u as usize].replace(k);
            load[k as usize] += w;
            if let Some(j) = from {
                load[j as usize] -= w;
                open.push(j);
            }
            r.moves.push((u, from, k));
            if load[k as usize] < capacity[k as usize] {
                open.push(k);
            }
        }
        // The swaps: one cycle at a time, then the chain again (a swap frees nothing, so
        // the loop ends when no cycle is left).
        let Some(cycle) = swap(units, &rankers, &r.placed) else {
            break;
        };
        for (k, u) in cycle {
            let k = u32::try_from(k).unwrap_or(u32::MAX);
            let from = r.placed[u as usize].replace(k);
            r.moves.push((u, from, k));
            r.swapped += 1;
        }
    }
    r
}

/// A swap left: each kindergarten points to the best-keyed unit that prefers it to where
/// it is, if that unit is one child with a place; a cycle of kindergarten → unit → its
/// place, as (kindergarten, unit) pairs.
fn swap(
    units: &[Unit],
    rankers: &[Vec<((u8, u32), u32)>],
    placed: &[Option<u32>],
) -> Option<Vec<(usize, u32)>> {
    let next: Vec<Option<(usize, u32)>> = rankers
        .iter()
        .enumerate()
        .map(|(k, list)| {
            let k32 = u32::try_from(k).ok()?;
            let &(_, u) = list
                .iter()
                .find(|&&(_, u)| units[u as usize].prefers(k32, placed[u as usize]))?;
            if units[u as usize].weight() != 1 {
                return None;
            }
            Some((placed[u as usize]? as usize, u))
        })
        .collect();
    crate::allocation::certificate::cycle(&next)
}

#[cfg(test)]
mod tests;
