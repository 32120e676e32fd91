//! The queue for training and trial apartments (seed 003): who waits, since when, in which
//! order, the steps an entry goes through, and the reproducible random draw of a cohort.

use chrono::NaiveDate;
use rand_chacha::ChaCha8Rng;
use rand_chacha::rand_core::{RngCore, SeedableRng};
use serde::{Deserialize, Serialize};

use crate::text_enum::text_enum;

/// Where a queue entry stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum QueueStatus {
    /// Väntar.
    Waiting,
    /// Aviserad: notified of a coming move-in.
    Notified,
    /// Inflyttad (final).
    MovedIn,
    /// Avförd, with a reason (final).
    Removed,
}

text_enum!(QueueStatus {
    Waiting => "waiting",
    Notified => "notified",
    MovedIn => "moved_in",
    Removed => "removed",
});

impl QueueStatus {
    /// Still in the queue (waiting or notified): one such entry per person.
    pub fn is_active(self) -> bool {
        matches!(self, Self::Waiting | Self::Notified)
    }
}

/// What kind of apartment the person waits for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum QueueWish {
    /// Träningslägenhet.
    TrainingApartment,
    /// Försökslägenhet.
    TrialApartment,
}

text_enum!(QueueWish {
    TrainingApartment => "training_apartment",
    TrialApartment => "trial_apartment",
});

/// Why someone left the queue without moving in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum RemovalReason {
    /// Försämrats.
    GotWorse,
    /// Valde att avstå.
    ChoseNotTo,
    /// Obetald hyra.
    UnpaidRent,
    /// Ordnade eget boende.
    OwnSolution,
    /// Annat.
    Other,
}

text_enum!(RemovalReason {
    GotWorse => "got_worse",
    ChoseNotTo => "chose_not_to",
    UnpaidRent => "unpaid_rent",
    OwnSolution => "own_solution",
    Other => "other",
});

/// The actions on a queue entry (each a `POST /queue-entries/{id}/<action>`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum QueueAction {
    /// Avisera inflyttning.
    Notify,
    /// Flytta in.
    MoveIn,
    /// Avföra ur kön.
    Remove,
}

text_enum!(QueueAction {
    Notify => "notify",
    MoveIn => "move_in",
    Remove => "remove",
});

/// An action not allowed from the entry's status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("cannot {action} a queue entry that is {from}")]
pub struct QueueTransitionError {
    pub from: QueueStatus,
    pub action: QueueAction,
}

/// waiting → notify → notified → move in → moved in; waiting or notified → remove → removed.
/// Moving in straight from waiting is allowed too (a notification is not always recorded).
pub fn transition(
    from: QueueStatus,
    action: QueueAction,
) -> Result<QueueStatus, QueueTransitionError> {
    use QueueAction as A;
    use QueueStatus as S;
    match (from, action) {
        (S::Waiting, A::Notify) => Ok(S::Notified),
        (S::Waiting | S::Notified, A::MoveIn) => Ok(S::MovedIn),
        (S::Waiting | S::Notified, A::Remove) => Ok(S::Removed),
        _ => Err(QueueTransitionError { from, action }),
    }
}

/// The priorities an entry may have: 1 (highest) to 3 (lowest); 2 is normal.
pub const PRIORITIES: std::ops::RangeInclusive<i32> = 1..=3;

/// What the queue order needs of an entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueuedEntry {
    pub id: String,
    pub priority: i32,
    pub joined_on: NaiveDate,
}

/// Queue positions (1-based) of waiting entries: by priority, then the date they joined, then id
/// (so ties are broken the same way every time). Returned in queue order.
pub fn queue_order(entries: &[QueuedEntry]) -> Vec<(String, usize)> {
    let mut sorted: Vec<&QueuedEntry> = entries.iter().collect();
    sorted.sort_by(|a, b| (a.priority, a.joined_on, &a.id).cmp(&(b.priority, b.joined_on, &b.id)));
    sorted
        .into_iter()
        .enumerate()
        .map(|(i, e)| (e.id.clone(), i + 1))
        .collect()
}

/// Days waited up to `today` (0 for a future join date).
pub fn waiting_days(joined_on: NaiveDate, today: NaiveDate) -> i64 {
    (today - joined_on).num_days().max(0)
}

/// Why a draw could not be made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum DrawError {
    /// Asked for none.
    #[error("must be at least 1")]
    Empty,
    /// Asked for more than are waiting.
    #[error("is larger than the {waiting} people waiting")]
    MoreThanWaiting { waiting: usize },
}

/// A candidate for the draw: who, and the order key that makes the draw reproducible.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DrawCandidate {
    pub id: String,
    pub joined_on: NaiveDate,
}

/// Draws `n` of `candidates` at random, reproducibly from `seed`.
///
/// The candidates are first put in a fixed order (joined date, then id), so the result depends
/// only on who was waiting and the seed, not on how the database returned the rows. Then a
/// partial Fisher–Yates shuffle driven by ChaCha8 seeded with `seed` picks `n` of them; each
/// pick is uniform (rejection sampling, no modulo bias). Returns the ids in draw order.
/// The algorithm is written out here rather than taken from `rand`'s helpers, whose output is
/// not promised to stay the same between versions.
pub fn draw(candidates: &[DrawCandidate], n: usize, seed: u64) -> Result<Vec<String>, DrawError> {
    if n == 0 {
        return Err(DrawError::Empty);
    }
    if n > candidates.len() {
        return Err(DrawError::MoreThanWaiting {
            waiting: candidates.len(),
        });
    }
    let mut pool: Vec<&DrawCandidate> = candidates.iter().collect();
    pool.sort_by(|a, b| (a.joined_on, &a.id).cmp(&(b.joined_on, &b.id)));
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    for i in 0..n {
        let remaining = (pool.len() - i) as u64;
        let j = i + uniform_below(&mut rng, remaining) as usize;
        pool.swap(i, j);
    }
    Ok(pool.into_iter().take(n).map(|c| c.id.clone()).collect())
}

/// A uniform integer in `0..bound` (`bound` > 0) by rejection sampling.
fn uniform_below(rng: &mut ChaCha8Rng, bound: u64) -> u64 {
    let zone = u64::MAX - (u64::MAX % bound);
    loop {
        let x = rng.next_u64();
        if x < zone {
            return x % bound;
        }
    }
}

/// The largest seed accepted: 2^53 − 1, so a seed survives a JavaScript number unchanged.
pub const MAX_SEED: u64 = (1 << 53) - 1;

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;
    use crate::text_enum::assert_text_codes_consistent;
    use proptest::prelude::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn candidates(n: usize) -> Vec<DrawCandidate> {
        (0..n)
            .map(|i| DrawCandidate {
                id: format!("id-{i:03}"),
                joined_on: d(2008, 10, 31) + chrono::TimeDelta::days((i * 37 % 500) as i64),
            })
            .collect()
    }

    #[test]
    fn text_codes() {
        assert_text_codes_consistent(QueueStatus::ALL, QueueStatus::as_str);
        assert_text_codes_consistent(QueueWish::ALL, QueueWish::as_str);
        assert_text_codes_consistent(RemovalReason::ALL, RemovalReason::as_str);
        assert_text_codes_consistent(QueueAction::ALL, QueueAction::as_str);
    }

    #[test]
    fn transitions() {
        use QueueAction as A;
        use QueueStatus as S;
        assert_eq!(transition(S::Waiting, A::Notify), Ok(S::Notified));
        assert_eq!(transition(S::Notified, A::MoveIn), Ok(S::MovedIn));
        assert_eq!(transition(S::Waiting, A::MoveIn), Ok(S::MovedIn));
        assert_eq!(transition(S::Notified, A::Remove), Ok(S::Removed));
        for from in [S::MovedIn, S::Removed] {
            for action in QueueAction::ALL {
                assert!(transition(from, *action).is_err());
            }
        }
        assert!(transition(S::Notified, A::Notify).is_err());
        assert_eq!(
            transition(S::Removed, A::Notify).unwrap_err().to_string(),
            "cannot notify a queue entry that is removed"
        );
    }

    #[test]
    fn order_by_priority_then_date_then_id() {
        let e = |id: &str, p, j| QueuedEntry {
            id: id.into(),
            priority: p,
            joined_on: j,
        };
        let order = queue_order(&[
            e("c", 2, d(2010, 1, 1)),
            e("a", 2, d(2009, 1, 1)),
            e("b", 1, d(2011, 1, 1)),
            e("0", 2, d(2009, 1, 1)),
        ]);
        let ids: Vec<_> = order.iter().map(|(id, _)| id.as_str()).collect();
        assert_eq!(ids, ["b", "0", "a", "c"]);
        assert_eq!(order[3].1, 4);
        assert_eq!(waiting_days(d(2008, 10, 31), d(2008, 11, 30)), 30);
    }

    #[test]
    fn draw_is_fixed_for_a_seed() {
        // A regression anchor: changing the algorithm would change recorded cohorts.
        let drawn = draw(&candidates(10), 3, 42).unwrap();
        assert_eq!(drawn, draw(&candidates(10), 3, 42).unwrap());
        assert_ne!(drawn, draw(&candidates(10), 3, 43).unwrap());
        let all = draw(&candidates(5), 5, 7).unwrap();
        let mut sorted = all.clone();
        sorted.sort();
        assert_eq!(sorted, ["id-000", "id-001", "id-002", "id-003", "id-004"]);
    }

    #[test]
    fn draw_refuses_bad_sizes() {
        assert_eq!(draw(&candidates(3), 0, 1), Err(DrawError::Empty));
        assert_eq!(
            draw(&candidates(3), 4, 1),
            Err(DrawError::MoreThanWaiting { waiting: 3 })
        );
    }

    proptest! {
        /// The draw ignores input order, draws distinct candidates, and exactly n of them.
        #[test]
        fn draw_is_reproducible_and_distinct(len in 1usize..80, n_frac in 0.0f64..1.0, seed in 0u64..=MAX_SEED, rot in 0usize..80) {
            let c = candidates(len);
            let n = 1 + ((len - 1) as f64 * n_frac) as usize;
            let mut shuffled = c.clone();
            shuffled.rotate_left(rot % len);
            shuffled.reverse();
            let a = draw(&c, n, seed).unwrap();
            let b = draw(&shuffled, n, seed).unwrap();
            prop_assert_eq!(&a, &b);
            prop_assert_eq!(a.len(), n);
            let set: std::collections::HashSet<_> = a.iter().collect();
            prop_assert_eq!(set.len(), n);
        }
    }

    #[test]
    fn draw_is_roughly_uniform() {
        let c = candidates(10);
        let mut hits = [0u32; 10];
        for seed in 0..5000 {
            for id in draw(&c, 1, seed).unwrap() {
                let i: usize = id[3..].parse().unwrap();
                hits[i] += 1;
            }
        }
        assert!(hits.iter().all(|h| (400..600).contains(h)), "{hits:?}");
    }
}
