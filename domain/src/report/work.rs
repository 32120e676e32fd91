//! The work-rehabilitation figures of the programme outcome report (seed 002's final report),
//! computed per participant so that subgroups get exactly the same figures.
//!
//! Definitions:
//! - **placement** ("placering"): an activity of the programme (not an employment) that has
//!   started and has at least one day in the period ([`crate::main_activity`]'s day rule: start
//!   to actual end, an ongoing one to the report's `until` day). Counted per placement, not per
//!   person, by [`ActivityKind`].
//! - **main activity**: [`crate::main_activity::main_activity`] over the person's activities of
//!   the programme in the period; `no_activity_support` when no placement had a day in it.
//! - **started an activity**: participants with at least one placement in the period.
//! - **employment**: an employment outcome of an activity of the programme whose start date is
//!   in the period, counted per employment by [`EmploymentKind`]; `employed` is the share of
//!   participants with at least one.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::Figure;
use crate::activity::{ActivityKind, EmploymentKind, days_in_period};
use crate::main_activity::{ActivitySpan, MainActivity, main_activity};
use crate::period::Period;

/// An activity of the programme, of one person.
#[derive(Debug, Clone, PartialEq)]
pub struct WorkActivity {
    pub participant_id: String,
    pub span: ActivitySpan,
}

/// An employment outcome of an activity of the programme.
#[derive(Debug, Clone, PartialEq)]
pub struct Employment {
    pub participant_id: String,
    pub kind: EmploymentKind,
    pub start_date: NaiveDate,
}

/// What the report knows about one participant's work in the period.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct WorkFacts {
    /// Placements in the period, by kind.
    pub placements: BTreeMap<&'static str, usize>,
    pub main_activity: Option<MainActivity>,
    /// Employments started in the period, by kind.
    pub employments: BTreeMap<&'static str, usize>,
}

/// Whether an activity is a placement with a day in `period` (counting an ongoing one to `until`).
pub fn is_placement(span: &ActivitySpan, period: Period, until: NaiveDate) -> bool {
    if span.kind == ActivityKind::Employment || !span.status.has_started() {
        return false;
    }
    let end = match span.end {
        Some(end) => end,
        // Ended without ever running (called off before the start): no days.
        None if !matches!(span.status, crate::activity::ActivityStatus::Ongoing) => return false,
        None => until,
    };
    days_in_period(span.start, Some(end), period) > 0
}

/// The work facts of one person from their activities and employments of the programme.
pub fn work_facts(
    activities: &[&ActivitySpan],
    employments: &[&Employment],
    period: Period,
    until: NaiveDate,
) -> WorkFacts {
    let mut f = WorkFacts::default();
    let spans: Vec<ActivitySpan> = activities.iter().map(|a| **a).collect();
    for a in &spans {
        if is_placement(a, period, until) {
            *f.placements.entry(a.kind.as_str()).or_default() += 1;
        }
    }
    f.main_activity = Some(main_activity(&spans, period, until).main_activity);
    for e in employments {
        if period.contains(e.start_date) {
            *f.employments.entry(e.kind.as_str()).or_default() += 1;
        }
    }
    f
}

/// The placement kinds the report lists (every kind but employment, which is a result).
fn placement_kinds() -> impl Iterator<Item = &'static ActivityKind> {
    ActivityKind::ALL
        .iter()
        .filter(|k| **k != ActivityKind::Employment)
}

/// The work figures over these participants (id, facts); shares are of `people.len()`.
pub fn work_figures(people: &[(&str, &WorkFacts)]) -> Vec<Figure> {
    let n = people.len();
    let who = |pred: &dyn Fn(&WorkFacts) -> bool| -> Vec<String> {
        people
            .iter()
            .filter(|(_, f)| pred(f))
            .map(|(id, _)| (*id).to_owned())
            .collect()
    };
    let mut out = Vec::new();
    let total: usize = people
        .iter()
        .map(|(_, f)| f.placements.values().sum::<usize>())
        .sum();
    out.push(Figure::count(
        "placements",
        "total",
        who(&|f| !f.placements.is_empty()),
        total,
    ));
    for kind in placement_kinds() {
        let k = kind.as_str();
        let count = people
            .iter()
            .map(|(_, f)| f.placements.get(k).copied().unwrap_or(0))
            .sum();
        out.push(Figure::count(
            "placements",
            k,
            who(&|f| f.placements.contains_key(k)),
            count,
        ));
    }
    for m in MainActivity::ALL {
        out.push(Figure::share(
            "main_activity",
            m.as_str(),
            who(&|f| f.main_activity == Some(*m)),
            n,
        ));
    }
    out.push(Figure::share(
        "started_activity",
        "started_any",
        who(&|f| !f.placements.is_empty()),
        n,
    ));
    let total: usize = people
        .iter()
        .map(|(_, f)| f.employments.values().sum::<usize>())
        .sum();
    out.push(Figure::count(
        "employments",
        "total",
        who(&|f| !f.employments.is_empty()),
        total,
    ));
    for kind in EmploymentKind::ALL {
        let k = kind.as_str();
        let count = people
            .iter()
            .map(|(_, f)| f.employments.get(k).copied().unwrap_or(0))
            .sum();
        out.push(Figure::count(
            "employments",
            k,
            who(&|f| f.employments.contains_key(k)),
            count,
        ));
    }
    out.push(Figure::share(
        "employments",
        "employed",
        who(&|f| !f.employments.is_empty()),
        n,
    ));
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;
    use crate::activity::ActivityStatus;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn span(
        kind: ActivityKind,
        status: ActivityStatus,
        start: &str,
        end: Option<&str>,
    ) -> ActivitySpan {
        ActivitySpan {
            kind,
            status,
            led_to_employment: false,
            start: d(start),
            end: end.map(d),
        }
    }

    fn fig<'a>(f: &'a [Figure], s: &str, n: &str) -> &'a Figure {
        f.iter().find(|x| x.section == s && x.figure == n).unwrap()
    }

    #[test]
    fn placements_are_counted_per_placement_and_only_with_days_in_the_period() {
        let t3 = Period::tertial(2012, 3).unwrap();
        let until = d("2012-12-31");
        use ActivityKind as K;
        use ActivityStatus as S;
        let a = [
            span(
                K::Internship,
                S::Completed,
                "2012-09-01",
                Some("2012-09-30"),
            ),
            span(K::Internship, S::Ongoing, "2012-11-01", None),
            // Ended the day before the period: not a placement in T3.
            span(
                K::WorkTraining,
                S::Completed,
                "2012-06-01",
                Some("2012-08-31"),
            ),
            // Planned, and called off before the start: no days.
            span(K::Preparatory, S::Planned, "2012-10-01", None),
            span(K::Education, S::EndedEarly, "2012-10-01", None),
            // An employment is a result, not a placement.
            span(K::Employment, S::Ongoing, "2012-12-01", None),
        ];
        let refs: Vec<&ActivitySpan> = a.iter().collect();
        let e = Employment {
            participant_id: "p".into(),
            kind: EmploymentKind::Osa,
            start_date: d("2012-12-01"),
        };
        let before = Employment {
            start_date: d("2012-08-31"),
            ..e.clone()
        };
        let f = work_facts(&refs, &[&e, &before], t3, until);
        assert_eq!(f.placements.get("internship"), Some(&2));
        assert_eq!(f.placements.len(), 1);
        assert_eq!(f.main_activity, Some(MainActivity::Internship));
        assert_eq!(f.employments.get("osa"), Some(&1));

        // The day before T3 only: nothing in T3.
        let only = [span(
            K::WorkTraining,
            S::Completed,
            "2012-06-01",
            Some("2012-08-31"),
        )];
        let refs: Vec<&ActivitySpan> = only.iter().collect();
        let g = work_facts(&refs, &[], t3, until);
        assert!(g.placements.is_empty());
        assert_eq!(g.main_activity, Some(MainActivity::NoActivitySupport));

        let figures = work_figures(&[("p", &f), ("q", &g)]);
        let p = fig(&figures, "placements", "internship");
        assert_eq!((p.count, p.participants.clone()), (2, vec!["p".to_owned()]));
        assert_eq!(fig(&figures, "placements", "total").count, 2);
        assert_eq!(fig(&figures, "placements", "work_training").count, 0);
        let s = fig(&figures, "started_activity", "started_any");
        assert_eq!((s.count, s.of, s.percent), (1, Some(2), Some(50.0)));
        let m = fig(&figures, "main_activity", "no_activity_support");
        assert_eq!(m.participants, ["q"]);
        assert_eq!(fig(&figures, "employments", "osa").count, 1);
        assert_eq!(fig(&figures, "employments", "nystartsjobb").count, 0);
        let emp = fig(&figures, "employments", "employed");
        assert_eq!((emp.count, emp.of), (1, Some(2)));
    }

    #[test]
    fn an_ongoing_placement_counts_up_to_until() {
        let t3 = Period::tertial(2012, 3).unwrap();
        let a = span(
            ActivityKind::Internship,
            ActivityStatus::Ongoing,
            "2012-12-31",
            None,
        );
        assert!(is_placement(&a, t3, d("2013-01-15")));
        // Started after the day the report counts to: not yet a day in the period.
        assert!(!is_placement(&a, t3, d("2012-12-30")));
    }
}
