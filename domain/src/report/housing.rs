//! The housing report (the shape of seed 003). Pure: the store loads queue entries, tenancies,
//! housing changes and follow-ups; this computes the figures for a period.
//!
//! Definitions:
//! - **in the queue at the end of the period**: joined on or before the period's last day and
//!   neither moved in nor removed by then. `ready` / `not_ready` use the entry's current flag
//!   (readiness is not kept historically). Waiting time = days from joining to the period's last day;
//!   the longest and the median are over those in the queue.
//! - **notified / removed (by reason)**: entries notified / removed on a day in the period.
//! - **moved in**: tenancies starting in the period, by apartment kind.
//! - **living in**: people with a tenancy of that kind on some day of the period (a year period
//!   gives "per year").
//! - **leases taken over**: tenancies taken over on a day in the period.
//! - **queue to move-in**: days from joining the queue to moving in, for entries moved in during the period.
//! - **time in homelessness before the first step**: for people whose first tenancy started in the
//!   period, the days homeless before that move-in ([`crate::housing::days_homeless`]).
//! - **follow-up changes**: for each follow-up (six months, takeover) done in the period that has
//!   a before-move-in follow-up for the same tenancy: income source changed, debts lower / higher /
//!   unchanged, occupation changed (shares of such pairs).

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::{Figure, mean, median};
use crate::housing::{FollowUpKind, StageChange, days_homeless};
use crate::period::Period;

/// A queue entry.
#[derive(Debug, Clone, PartialEq)]
pub struct QueueRow {
    pub participant_id: String,
    pub joined_on: NaiveDate,
    pub ready: bool,
    pub notified_on: Option<NaiveDate>,
    pub moved_in_on: Option<NaiveDate>,
    pub removed_on: Option<NaiveDate>,
    pub removal_reason: Option<String>,
}

/// A tenancy with its apartment's kind.
#[derive(Debug, Clone, PartialEq)]
pub struct TenancyRow {
    pub id: String,
    pub participant_id: String,
    pub apartment_kind: String,
    pub move_in_on: NaiveDate,
    pub moved_out_on: Option<NaiveDate>,
    pub taken_over_on: Option<NaiveDate>,
}

/// A housing follow-up.
#[derive(Debug, Clone, PartialEq)]
pub struct FollowUpRow {
    pub tenancy_id: String,
    pub participant_id: String,
    pub kind: FollowUpKind,
    pub done_on: Option<NaiveDate>,
    pub income_source: Option<String>,
    pub debts: Option<i32>,
    pub occupation: Option<String>,
}

/// Everything the housing report is computed from.
#[derive(Debug, Clone, Default)]
pub struct HousingInput {
    pub queue: Vec<QueueRow>,
    pub tenancies: Vec<TenancyRow>,
    /// Housing changes per participant.
    pub changes: BTreeMap<String, Vec<StageChange>>,
    pub follow_ups: Vec<FollowUpRow>,
}

/// The figures, and the date the longest-waiting person joined the queue.
#[derive(Debug, Clone, PartialEq)]
pub struct HousingReport {
    pub figures: Vec<Figure>,
    pub longest_waiting_since: Option<NaiveDate>,
}

fn by_day(d: Option<NaiveDate>, day: NaiveDate) -> bool {
    d.is_some_and(|d| d <= day)
}

/// Computes the housing report for `period`.
pub fn housing_report(input: &HousingInput, period: &Period) -> HousingReport {
    let end = period.to;
    let mut out = Vec::new();
    let waiting: Vec<&QueueRow> = input
        .queue
        .iter()
        .filter(|q| q.joined_on <= end && !by_day(q.moved_in_on, end) && !by_day(q.removed_on, end))
        .collect();
    let ids = |rows: &[&QueueRow]| {
        rows.iter()
            .map(|q| q.participant_id.clone())
            .collect::<Vec<_>>()
    };
    let n = waiting.len();
    out.push(Figure::count("queue", "waiting", ids(&waiting), n));
    let ready: Vec<&QueueRow> = waiting.iter().copied().filter(|q| q.ready).collect();
    let not_ready: Vec<&QueueRow> = waiting.iter().copied().filter(|q| !q.ready).collect();
    out.push(Figure::share("queue", "ready", ids(&ready), n));
    out.push(Figure::share("queue", "not_ready", ids(&not_ready), n));
    let waits: Vec<i64> = waiting
        .iter()
        .map(|q| (end - q.joined_on).num_days())
        .collect();
    let longest = waits.iter().max().copied();
    out.push(Figure::value(
        "queue",
        "longest_wait_days",
        n,
        longest.map(|d| d as f64),
    ));
    out.push(Figure::value(
        "queue",
        "median_wait_days",
        n,
        median(&waits),
    ));

    let notified: Vec<&QueueRow> = input
        .queue
        .iter()
        .filter(|q| q.notified_on.is_some_and(|d| period.contains(d)))
        .collect();
    out.push(Figure::count(
        "queue",
        "notified",
        ids(&notified),
        notified.len(),
    ));
    let removed: Vec<&QueueRow> = input
        .queue
        .iter()
        .filter(|q| q.removed_on.is_some_and(|d| period.contains(d)))
        .collect();
    out.push(Figure::count(
        "queue",
        "removed",
        ids(&removed),
        removed.len(),
    ));
    let mut reasons: BTreeMap<&str, Vec<&QueueRow>> = BTreeMap::new();
    for q in &removed {
        reasons
            .entry(q.removal_reason.as_deref().unwrap_or("unknown"))
            .or_default()
            .push(q);
    }
    for (reason, rows) in &reasons {
        out.push(Figure::share(
            "removed_reason",
            reason,
            ids(rows),
            removed.len(),
        ));
    }

    let moved: Vec<&QueueRow> = input
        .queue
        .iter()
        .filter(|q| q.moved_in_on.is_some_and(|d| period.contains(d)))
        .collect();
    let to_move_in: Vec<i64> = moved
        .iter()
        .filter_map(|q| q.moved_in_on.map(|d| (d - q.joined_on).num_days()))
        .collect();
    out.push(Figure::value(
        "queue_to_move_in",
        "mean_days",
        to_move_in.len(),
        mean(&to_move_in),
    ));
    out.push(Figure::value(
        "queue_to_move_in",
        "median_days",
        to_move_in.len(),
        median(&to_move_in),
    ));

    // Training and trial apartments are always listed; other kinds when there are any.
    let mut kinds: std::collections::BTreeSet<&str> =
        ["training_apartment", "trial_apartment"].into();
    kinds.extend(input.tenancies.iter().map(|t| t.apartment_kind.as_str()));
    for kind in &kinds {
        let of_kind = input.tenancies.iter().filter(|t| t.apartment_kind == *kind);
        let moved_in: Vec<String> = of_kind
            .clone()
            .filter(|t| period.contains(t.move_in_on))
            .map(|t| t.participant_id.clone())
            .collect();
        out.push(Figure::count(
            "moved_in",
            kind,
            moved_in.clone(),
            moved_in.len(),
        ));
        let mut living: Vec<String> = of_kind
            .filter(|t| period.overlaps(t.move_in_on, t.moved_out_on.or(t.taken_over_on)))
            .map(|t| t.participant_id.clone())
            .collect();
        living.sort();
        living.dedup();
        out.push(Figure::count(
            "living_in",
            kind,
            living.clone(),
            living.len(),
        ));
    }
    let taken: Vec<String> = input
        .tenancies
        .iter()
        .filter(|t| t.taken_over_on.is_some_and(|d| period.contains(d)))
        .map(|t| t.participant_id.clone())
        .collect();
    out.push(Figure::count(
        "leases",
        "taken_over",
        taken.clone(),
        taken.len(),
    ));

    // Time in homelessness before the first step, for first move-ins in the period.
    let mut first: BTreeMap<&str, NaiveDate> = BTreeMap::new();
    for t in &input.tenancies {
        let e = first
            .entry(t.participant_id.as_str())
            .or_insert(t.move_in_on);
        *e = (*e).min(t.move_in_on);
    }
    let homeless: Vec<i64> = first
        .iter()
        .filter(|(_, d)| period.contains(**d))
        .map(|(p, d)| days_homeless(input.changes.get(*p).map_or(&[][..], |v| v.as_slice()), *d))
        .collect();
    out.push(Figure::value(
        "homeless_before_first_step",
        "mean_days",
        homeless.len(),
        mean(&homeless),
    ));
    out.push(Figure::value(
        "homeless_before_first_step",
        "median_days",
        homeless.len(),
        median(&homeless),
    ));

    for (kind, name) in [
        (FollowUpKind::SixMonths, "six_months"),
        (FollowUpKind::Takeover, "takeover"),
    ] {
        let pairs: Vec<(&FollowUpRow, &FollowUpRow)> = input
            .follow_ups
            .iter()
            .filter(|f| f.kind == kind && f.done_on.is_some_and(|d| period.contains(d)))
            .filter_map(|after| {
                input
                    .follow_ups
                    .iter()
                    .find(|b| {
                        b.kind == FollowUpKind::BeforeMoveIn
                            && b.tenancy_id == after.tenancy_id
                            && b.done_on.is_some()
                    })
                    .map(|before| (before, after))
            })
            .collect();
        let section = format!("follow_up_{name}");
        let who = |pred: &dyn Fn(&FollowUpRow, &FollowUpRow) -> bool| -> Vec<String> {
            pairs
                .iter()
                .filter(|(b, a)| pred(b, a))
                .map(|(_, a)| a.participant_id.clone())
                .collect()
        };
        let n = pairs.len();
        out.push(Figure::count(&section, "compared", who(&|_, _| true), n));
        out.push(Figure::share(
            &section,
            "income_source_changed",
            who(&|b, a| b.income_source != a.income_source),
            n,
        ));
        out.push(Figure::share(
            &section,
            "debts_lower",
            who(&|b, a| matches!((b.debts, a.debts), (Some(x), Some(y)) if y < x)),
            n,
        ));
        out.push(Figure::share(
            &section,
            "debts_higher",
            who(&|b, a| matches!((b.debts, a.debts), (Some(x), Some(y)) if y > x)),
            n,
        ));
        out.push(Figure::share(
            &section,
            "debts_unchanged",
            who(&|b, a| matches!((b.debts, a.debts), (Some(x), Some(y)) if y == x)),
            n,
        ));
        out.push(Figure::share(
            &section,
            "occupation_changed",
            who(&|b, a| b.occupation != a.occupation),
            n,
        ));
    }
    HousingReport {
        figures: out,
        longest_waiting_since: waiting.iter().map(|q| q.joined_on).min(),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;
    use crate::participant::HousingSituation;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn get<'a>(r: &'a HousingReport, s: &str, f: &str) -> &'a Figure {
        r.figures
            .iter()
            .find(|x| x.section == s && x.figure == f)
            .unwrap()
    }

    #[test]
    fn housing_year() {
        let q = |p: &str,
                 joined: &str,
                 ready,
                 notified: Option<&str>,
                 moved: Option<&str>,
                 removed: Option<(&str, &str)>| QueueRow {
            participant_id: p.into(),
            joined_on: d(joined),
            ready,
            notified_on: notified.map(d),
            moved_in_on: moved.map(d),
            removed_on: removed.map(|r| d(r.0)),
            removal_reason: removed.map(|r| r.1.into()),
        };
        let input = HousingInput {
            queue: vec![
                q("a", "2008-10-31", true, None, None, None),
                q("b", "2011-12-31", false, None, None, None),
                q(
                    "c",
                    "2011-01-01",
                    true,
                    Some("2012-02-01"),
                    Some("2012-03-01"),
                    None,
                ),
                q(
                    "d",
                    "2011-06-01",
                    true,
                    None,
                    None,
                    Some(("2012-05-01", "unpaid_rent")),
                ),
                q("e", "2013-01-01", true, None, None, None),
            ],
            tenancies: vec![TenancyRow {
                id: "t".into(),
                participant_id: "c".into(),
                apartment_kind: "training_apartment".into(),
                move_in_on: d("2012-03-01"),
                moved_out_on: None,
                taken_over_on: None,
            }],
            changes: [(
                "c".to_owned(),
                vec![StageChange {
                    from: d("2012-01-01"),
                    situation: HousingSituation::Shelter,
                }],
            )]
            .into(),
            follow_ups: vec![
                FollowUpRow {
                    tenancy_id: "t".into(),
                    participant_id: "c".into(),
                    kind: FollowUpKind::BeforeMoveIn,
                    done_on: Some(d("2012-03-01")),
                    income_source: Some("financial_assistance".into()),
                    debts: Some(50_000),
                    occupation: None,
                },
                FollowUpRow {
                    tenancy_id: "t".into(),
                    participant_id: "c".into(),
                    kind: FollowUpKind::SixMonths,
                    done_on: Some(d("2012-09-01")),
                    income_source: Some("salary".into()),
                    debts: Some(40_000),
                    occupation: Some("praktik".into()),
                },
            ],
        };
        let r = housing_report(&input, &Period::year(2012).unwrap());
        assert_eq!(get(&r, "queue", "waiting").participants, ["a", "b"]);
        assert_eq!(get(&r, "queue", "not_ready").percent, Some(50.0));
        assert_eq!(r.longest_waiting_since, Some(d("2008-10-31")));
        assert_eq!(get(&r, "queue", "longest_wait_days").value, Some(1522.0));
        assert_eq!(get(&r, "queue", "median_wait_days").value, Some(944.0)); // (1522 + 366) / 2
        assert_eq!(get(&r, "queue", "notified").count, 1);
        assert_eq!(get(&r, "removed_reason", "unpaid_rent").participants, ["d"]);
        assert_eq!(get(&r, "queue_to_move_in", "mean_days").value, Some(425.0));
        assert_eq!(get(&r, "moved_in", "training_apartment").count, 1);
        assert_eq!(get(&r, "living_in", "training_apartment").count, 1);
        assert_eq!(get(&r, "leases", "taken_over").count, 0);
        assert_eq!(
            get(&r, "homeless_before_first_step", "mean_days").value,
            Some(60.0)
        );
        assert_eq!(
            get(&r, "follow_up_six_months", "income_source_changed").count,
            1
        );
        assert_eq!(
            get(&r, "follow_up_six_months", "debts_lower").percent,
            Some(100.0)
        );
        assert_eq!(get(&r, "follow_up_takeover", "compared").count, 0);
    }
}
