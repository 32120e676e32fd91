//! The housing support report (boendestöd i egen bostad, seed 004): caseload per worker against the
//! limit, home visits per participant per month, action plans written, reviews on time or late,
//! goals achieved, and eviction-risk events with how they ended.
//!
//! Definitions:
//! - **supported**: a participant with a housing-support assignment running on some day of the
//!   period.
//! - **caseload** (per worker, by name): participants with a running housing-support assignment
//!   to the worker on the period's last day (or `until`, normally today, if that is earlier), as a
//!   share of the worker's maximum; `over_maximum` / `under_minimum` count the workers.
//! - **home_visits**: attended home-visit contacts of supported participants in the period;
//!   `per_participant_per_month` = visits ÷ supported participants ÷ months (days in the period ÷
//!   30.4375), one decimal; per calendar month (`YYYY-MM`) the visits (`count`), the people
//!   visited and the visits per participant supported in that month (`value`); `not_visited`:
//!   supported participants with no home visit in the period.
//! - **action_plans**: plans (not drafts) of the unit's participants whose period starts in the
//!   period (`written`); plans whose period ends in the period had their review due: `on_time`
//!   (reviewed by the period end), `late` (reviewed after it) or `missing` (not reviewed although
//!   it has ended, as of `until`), shares of those due. The same definitions as the method
//!   evaluation, over any period.
//! - **goals**: the goals judged in reviews done in the period, by outcome (shares).
//! - **risk_events**: eviction-risk events dated in the period, per event, by kind; of those,
//!   `resolved` by the period's last day, `open` at its end, `resolved_median_days` from event to
//!   resolution, and `became_homeless`: people whose housing changed to a homeless situation on or
//!   after an event, by the period's end.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use chrono::{Datelike, NaiveDate};

use super::{Figure, median};
use crate::action_plan::{GoalOutcome, PlanStatus, on_time};
use crate::housing::{LadderStep, RiskKind, StageChange, ladder_step};
use crate::period::Period;

/// A housing-support assignment.
#[derive(Debug, Clone, PartialEq)]
pub struct SupportAssignment {
    pub participant_id: String,
    pub staff_id: String,
    pub start: NaiveDate,
    pub end: Option<NaiveDate>,
}

/// A worker with their caseload limits.
#[derive(Debug, Clone, PartialEq)]
pub struct Worker {
    pub staff_id: String,
    pub name: String,
    pub min_caseload: i32,
    pub max_caseload: i32,
}

/// Attended home visits of one person in one calendar month.
#[derive(Debug, Clone, PartialEq)]
pub struct MonthVisits {
    pub participant_id: String,
    /// The first day of the month.
    pub month: NaiveDate,
    pub visits: usize,
}

/// An action plan with its review.
#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    pub participant_id: String,
    pub status: PlanStatus,
    pub period_start: NaiveDate,
    pub period_end: NaiveDate,
    pub reviewed_on: Option<NaiveDate>,
    pub outcomes: Vec<GoalOutcome>,
}

/// An eviction-risk event.
#[derive(Debug, Clone, PartialEq)]
pub struct RiskEvent {
    pub participant_id: String,
    pub kind: RiskKind,
    pub occurred_on: NaiveDate,
    pub resolved_on: Option<NaiveDate>,
}

/// Everything the report is computed from.
#[derive(Debug, Clone, Default)]
pub struct SupportInput {
    pub assignments: Vec<SupportAssignment>,
    pub workers: Vec<Worker>,
    pub visits: Vec<MonthVisits>,
    pub plans: Vec<Plan>,
    pub risks: Vec<RiskEvent>,
    /// Housing changes of the people with a risk event, by person.
    pub changes: BTreeMap<String, Vec<StageChange>>,
    /// Today: the caseload is counted on the period's end or today, whichever is earlier.
    pub until: NaiveDate,
}

fn runs_on(a: &SupportAssignment, day: NaiveDate) -> bool {
    a.start <= day && a.end.is_none_or(|e| e >= day)
}

/// The calendar months a period touches, each clipped to it.
pub fn months_in(period: &Period) -> Vec<Period> {
    let mut out = Vec::new();
    let mut first = period.from.with_day(1).unwrap_or(period.from);
    while first <= period.to {
        let next = first
            .checked_add_months(chrono::Months::new(1))
            .unwrap_or(NaiveDate::MAX);
        let last = next.pred_opt().unwrap_or(next);
        if let Ok(p) = Period::new(first.max(period.from), last.min(period.to)) {
            out.push(p);
        }
        first = next;
    }
    out
}

/// Months in a period: days ÷ the mean month length (30.4375 days).
pub fn months_of(period: &Period) -> f64 {
    ((period.to - period.from).num_days() + 1) as f64 / 30.4375
}

/// A share whose `count` is not the number of people behind it (events, goals, workers).
fn share_of(section: &str, figure: &str, people: Vec<String>, count: usize, of: usize) -> Figure {
    Figure {
        count,
        percent: super::percent(count, of),
        ..Figure::share(section, figure, people, of)
    }
}

fn one_decimal(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

/// The housing support report for `period`.
pub fn housing_support_report(input: &SupportInput, period: &Period) -> Vec<Figure> {
    let mut out = Vec::new();
    let supported: BTreeSet<&str> = input
        .assignments
        .iter()
        .filter(|a| period.overlaps(a.start, a.end))
        .map(|a| a.participant_id.as_str())
        .collect();
    let n = supported.len();
    out.push(Figure::count(
        "supported",
        "participants",
        supported.iter().map(|s| (*s).to_owned()).collect(),
        n,
    ));

    // Caseload per worker.
    let day = period.to.min(input.until).max(period.from);
    let (mut over, mut under) = (Vec::<&str>::new(), Vec::<&str>::new());
    // Grouped by worker once: thousands of workers each filtering every assignment took a
    // fifth of a second on the benchmark's data.
    let mut loads: HashMap<&str, BTreeSet<&str>> = HashMap::new();
    for a in input.assignments.iter().filter(|a| runs_on(a, day)) {
        loads
            .entry(a.staff_id.as_str())
            .or_default()
            .insert(a.participant_id.as_str());
    }
    for w in &input.workers {
        let load = loads.get(w.staff_id.as_str()).cloned().unwrap_or_default();
        let count = load.len();
        let max = usize::try_from(w.max_caseload).unwrap_or(0);
        if count > max {
            over.push(&w.name);
        }
        if count < usize::try_from(w.min_caseload).unwrap_or(0) {
            under.push(&w.name);
        }
        out.push(Figure::share(
            "caseload",
            &w.name,
            load.into_iter().map(str::to_owned).collect(),
            max,
        ));
    }
    let workers = input.workers.len();
    // Workers are staff, not people of the register: counts without drill-down.
    out.push(share_of(
        "caseload",
        "workers_over_maximum",
        Vec::new(),
        over.len(),
        workers,
    ));
    out.push(share_of(
        "caseload",
        "workers_under_minimum",
        Vec::new(),
        under.len(),
        workers,
    ));

    // Home visits.
    let visits: Vec<&MonthVisits> = input
        .visits
        .iter()
        .filter(|v| supported.contains(v.participant_id.as_str()) && v.visits > 0)
        .collect();
    let total: usize = visits.iter().map(|v| v.visits).sum();
    let visited: BTreeSet<&str> = visits.iter().map(|v| v.participant_id.as_str()).collect();
    out.push(Figure::count(
        "home_visits",
        "visits",
        visited.iter().map(|s| (*s).to_owned()).collect(),
        total,
    ));
    let months = months_of(period);
    out.push(Figure::value(
        "home_visits",
        "per_participant_per_month",
        n,
        (n > 0).then(|| one_decimal(total as f64 / n as f64 / months)),
    ));
    out.push(Figure::share(
        "home_visits",
        "not_visited",
        supported
            .iter()
            .filter(|p| !visited.contains(*p))
            .map(|s| (*s).to_owned())
            .collect(),
        n,
    ));
    // Visits and supported people per month, each row visited once (not once per month).
    let calendar_months = months_in(period);
    let mut by_month: HashMap<NaiveDate, Vec<&MonthVisits>> = HashMap::new();
    for v in &visits {
        by_month.entry(v.month).or_default().push(v);
    }
    let mut supported_in: Vec<HashSet<&str>> = vec![HashSet::new(); calendar_months.len()];
    for a in &input.assignments {
        for (i, m) in calendar_months.iter().enumerate() {
            if m.overlaps(a.start, a.end) {
                supported_in[i].insert(a.participant_id.as_str());
            }
        }
    }
    for (m, supported_then) in calendar_months
        .iter()
        .zip(supported_in.iter().map(HashSet::len))
    {
        let first = m.from.with_day(1).unwrap_or(m.from);
        let in_month = by_month.remove(&first).unwrap_or_default();
        let count: usize = in_month.iter().map(|v| v.visits).sum();
        let mut f = Figure::count(
            "home_visits",
            &format!("{:04}-{:02}", m.from.year(), m.from.month()),
            in_month
                .iter()
                .map(|v| v.participant_id.clone())
                .collect::<BTreeSet<_>>()
                .into_iter()
                .collect(),
            count,
        );
        f.value = (supported_then > 0).then(|| one_decimal(count as f64 / supported_then as f64));
        out.push(f);
    }

    // Action plans and reviews.
    let plans: Vec<&Plan> = input
        .plans
        .iter()
        .filter(|p| p.status != PlanStatus::Draft)
        .collect();
    let written: Vec<String> = plans
        .iter()
        .filter(|p| period.contains(p.period_start))
        .map(|p| p.participant_id.clone())
        .collect();
    let w = written.len();
    out.push(Figure::count("action_plans", "written", written, w));
    let due: Vec<&&Plan> = plans
        .iter()
        .filter(|p| period.contains(p.period_end))
        .collect();
    let who = |pred: &dyn Fn(&Plan) -> bool| -> Vec<String> {
        due.iter()
            .filter(|p| pred(p))
            .map(|p| p.participant_id.clone())
            .collect()
    };
    let due_ids = who(&|_| true);
    let n_due = due_ids.len();
    out.push(Figure::count("reviews", "due", due_ids, n_due));
    out.push(Figure::share(
        "reviews",
        "on_time",
        who(&|p| p.reviewed_on.is_some_and(|r| on_time(p.period_end, r))),
        n_due,
    ));
    out.push(Figure::share(
        "reviews",
        "late",
        who(&|p| p.reviewed_on.is_some_and(|r| !on_time(p.period_end, r))),
        n_due,
    ));
    out.push(Figure::share(
        "reviews",
        "missing",
        who(&|p| p.reviewed_on.is_none() && input.until > p.period_end),
        n_due,
    ));

    // Goals judged in reviews done in the period.
    let reviewed: Vec<&&Plan> = plans
        .iter()
        .filter(|p| p.reviewed_on.is_some_and(|r| period.contains(r)))
        .collect();
    let assessed: usize = reviewed.iter().map(|p| p.outcomes.len()).sum();
    out.push(Figure::count(
        "goals",
        "assessed",
        reviewed.iter().map(|p| p.participant_id.clone()).collect(),
        assessed,
    ));
    for o in GoalOutcome::ALL {
        let mut people = BTreeSet::new();
        let mut count = 0;
        for p in &reviewed {
            let k = p.outcomes.iter().filter(|x| *x == o).count();
            if k > 0 {
                people.insert(p.participant_id.clone());
                count += k;
            }
        }
        out.push(share_of(
            "goals",
            o.as_str(),
            people.into_iter().collect(),
            count,
            assessed,
        ));
    }

    // Eviction-risk events.
    let events: Vec<&RiskEvent> = input
        .risks
        .iter()
        .filter(|r| period.contains(r.occurred_on))
        .collect();
    let ev = events.len();
    let list = |pred: &dyn Fn(&RiskEvent) -> bool| -> (Vec<String>, usize) {
        let hit: Vec<&&RiskEvent> = events.iter().filter(|e| pred(e)).collect();
        let people: BTreeSet<String> = hit.iter().map(|e| e.participant_id.clone()).collect();
        (people.into_iter().collect(), hit.len())
    };
    let (people, count) = list(&|_| true);
    out.push(Figure::count("risk_events", "events", people, count));
    for k in RiskKind::ALL {
        let (people, count) = list(&|e| e.kind == *k);
        out.push(share_of("risk_events", k.as_str(), people, count, ev));
    }
    let resolved_by_end = |e: &RiskEvent| e.resolved_on.is_some_and(|r| r <= period.to);
    for (name, pred) in [
        ("resolved", &resolved_by_end as &dyn Fn(&RiskEvent) -> bool),
        ("open", &|e: &RiskEvent| !resolved_by_end(e)),
    ] {
        let (people, count) = list(pred);
        out.push(share_of("risk_events", name, people, count, ev));
    }
    let days: Vec<i64> = events
        .iter()
        .filter(|e| resolved_by_end(e))
        .filter_map(|e| e.resolved_on.map(|r| (r - e.occurred_on).num_days()))
        .collect();
    out.push(Figure::value(
        "risk_events",
        "resolved_median_days",
        days.len(),
        median(&days),
    ));
    let with_event: BTreeMap<&str, NaiveDate> = events.iter().fold(BTreeMap::new(), |mut m, e| {
        let first = m.entry(e.participant_id.as_str()).or_insert(e.occurred_on);
        *first = (*first).min(e.occurred_on);
        m
    });
    let homeless: Vec<String> = with_event
        .iter()
        .filter(|(id, first)| {
            input.changes.get(**id).is_some_and(|changes| {
                changes.iter().any(|c| {
                    c.from >= **first
                        && c.from <= period.to
                        && ladder_step(c.situation) == Some(LadderStep::Homeless)
                })
            })
        })
        .map(|(id, _)| (*id).to_owned())
        .collect();
    out.push(Figure::share(
        "risk_events",
        "became_homeless",
        homeless,
        with_event.len(),
    ));
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;
    use crate::participant::HousingSituation;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn fig<'a>(f: &'a [Figure], s: &str, n: &str) -> &'a Figure {
        f.iter()
            .find(|x| x.section == s && x.figure == n)
            .unwrap_or_else(|| panic!("{s}/{n}"))
    }

    fn assign(p: &str, w: &str, start: &str, end: Option<&str>) -> SupportAssignment {
        SupportAssignment {
            participant_id: p.into(),
            staff_id: w.into(),
            start: d(start),
            end: end.map(d),
        }
    }

    fn input() -> SupportInput {
        SupportInput {
            assignments: vec![
                assign("a", "w1", "2012-01-01", None),
                assign("b", "w1", "2012-02-01", Some("2012-04-30")),
                // Ended the day before T1 ended? No: ended 2012-03-31, so not on the caseload at its end.
                assign("c", "w2", "2011-06-01", Some("2012-03-31")),
                // Starts after T1.
                assign("d", "w2", "2012-05-01", None),
            ],
            workers: vec![
                Worker {
                    staff_id: "w1".into(),
                    name: "Ville Boende".into(),
                    min_caseload: 1,
                    max_caseload: 1,
                },
                Worker {
                    staff_id: "w2".into(),
                    name: "Wilma Stöd".into(),
                    min_caseload: 1,
                    max_caseload: 15,
                },
            ],
            visits: vec![
                MonthVisits {
                    participant_id: "a".into(),
                    month: d("2012-01-01"),
                    visits: 4,
                },
                MonthVisits {
                    participant_id: "a".into(),
                    month: d("2012-02-01"),
                    visits: 4,
                },
                MonthVisits {
                    participant_id: "b".into(),
                    month: d("2012-02-01"),
                    visits: 2,
                },
                MonthVisits {
                    participant_id: "c".into(),
                    month: d("2012-03-01"),
                    visits: 6,
                },
            ],
            plans: vec![
                Plan {
                    participant_id: "a".into(),
                    status: PlanStatus::Reviewed,
                    period_start: d("2012-01-01"),
                    period_end: d("2012-03-31"),
                    reviewed_on: Some(d("2012-03-30")),
                    outcomes: vec![GoalOutcome::Achieved, GoalOutcome::PartlyAchieved],
                },
                Plan {
                    participant_id: "a".into(),
                    status: PlanStatus::Active,
                    period_start: d("2012-03-31"),
                    period_end: d("2012-06-29"),
                    reviewed_on: None,
                    outcomes: vec![],
                },
                Plan {
                    participant_id: "b".into(),
                    status: PlanStatus::Reviewed,
                    period_start: d("2012-02-01"),
                    period_end: d("2012-04-30"),
                    reviewed_on: Some(d("2012-05-02")),
                    outcomes: vec![GoalOutcome::NotAchieved],
                },
                Plan {
                    participant_id: "c".into(),
                    status: PlanStatus::Active,
                    period_start: d("2011-12-15"),
                    period_end: d("2012-03-14"),
                    reviewed_on: None,
                    outcomes: vec![],
                },
                Plan {
                    participant_id: "d".into(),
                    status: PlanStatus::Draft,
                    period_start: d("2012-04-01"),
                    period_end: d("2012-06-30"),
                    reviewed_on: None,
                    outcomes: vec![],
                },
            ],
            risks: vec![
                RiskEvent {
                    participant_id: "a".into(),
                    kind: RiskKind::UnpaidRent,
                    occurred_on: d("2012-02-01"),
                    resolved_on: Some(d("2012-02-11")),
                },
                RiskEvent {
                    participant_id: "c".into(),
                    kind: RiskKind::DisturbanceComplaint,
                    occurred_on: d("2012-03-01"),
                    resolved_on: Some(d("2012-05-01")),
                },
                RiskEvent {
                    participant_id: "c".into(),
                    kind: RiskKind::UnpaidRent,
                    occurred_on: d("2012-05-01"),
                    resolved_on: None,
                },
            ],
            changes: [(
                "c".to_owned(),
                vec![StageChange {
                    from: d("2012-04-15"),
                    situation: HousingSituation::Shelter,
                }],
            )]
            .into(),
            until: d("2012-06-01"),
        }
    }

    #[test]
    fn tertial_one() {
        let t1 = Period::tertial(2012, 1).unwrap();
        let f = housing_support_report(&input(), &t1);
        assert_eq!(
            fig(&f, "supported", "participants").participants,
            ["a", "b", "c"]
        );
        // On 2012-04-30: w1 has a and b (over the maximum of 1), w2 nobody.
        let w1 = fig(&f, "caseload", "Ville Boende");
        assert_eq!((w1.count, w1.of, w1.percent), (2, Some(1), Some(200.0)));
        assert_eq!(fig(&f, "caseload", "Wilma Stöd").count, 0);
        assert_eq!(fig(&f, "caseload", "workers_over_maximum").count, 1);
        assert_eq!(fig(&f, "caseload", "workers_under_minimum").count, 1);
        // 16 visits, 3 participants, 121 days = 3.975 months: 1.3 per participant per month.
        assert_eq!(fig(&f, "home_visits", "visits").count, 16);
        assert_eq!(
            fig(&f, "home_visits", "per_participant_per_month").value,
            Some(1.3)
        );
        let feb = fig(&f, "home_visits", "2012-02");
        assert_eq!(
            (feb.count, feb.participants.clone(), feb.value),
            (6, vec!["a".to_owned(), "b".to_owned()], Some(2.0))
        );
        assert_eq!(fig(&f, "home_visits", "2012-04").count, 0);
        // Written in T1: a's two plans and b's; c's started in 2011, d's is a draft.
        assert_eq!(fig(&f, "action_plans", "written").count, 3);
        // Due in T1: a's first (on time), b's (late, reviewed in May), c's (missing).
        let due = fig(&f, "reviews", "due");
        assert_eq!(due.count, 3);
        assert_eq!(fig(&f, "reviews", "on_time").participants, ["a"]);
        assert_eq!(fig(&f, "reviews", "late").participants, ["b"]);
        assert_eq!(fig(&f, "reviews", "missing").participants, ["c"]);
        // Goals judged in T1: only a's review (b's was in May).
        let g = fig(&f, "goals", "achieved");
        assert_eq!((g.count, g.of, g.percent), (1, Some(2), Some(50.0)));
        assert_eq!(fig(&f, "goals", "not_achieved").count, 0);
        // Risk events in T1: a's (resolved after 10 days) and c's first (resolved in May: open at the end).
        assert_eq!(fig(&f, "risk_events", "events").count, 2);
        assert_eq!(fig(&f, "risk_events", "unpaid_rent").participants, ["a"]);
        assert_eq!(fig(&f, "risk_events", "resolved").participants, ["a"]);
        assert_eq!(fig(&f, "risk_events", "open").participants, ["c"]);
        assert_eq!(
            fig(&f, "risk_events", "resolved_median_days").value,
            Some(10.0)
        );
        // c moved to a shelter on 04-15, after the event.
        let h = fig(&f, "risk_events", "became_homeless");
        assert_eq!(
            (h.count, h.of, h.participants.clone()),
            (1, Some(2), vec!["c".to_owned()])
        );
    }

    #[test]
    fn months_are_clipped_to_the_period() {
        let p = Period::parse("2012-01-15..2012-03-10").unwrap();
        let m = months_in(&p);
        assert_eq!(m.len(), 3);
        assert_eq!((m[0].from, m[0].to), (d("2012-01-15"), d("2012-01-31")));
        assert_eq!((m[2].from, m[2].to), (d("2012-03-01"), d("2012-03-10")));
        assert!((months_of(&Period::year(2012).unwrap()) - 12.025).abs() < 0.01);
    }
}
