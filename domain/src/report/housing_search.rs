//! The housing search report (bostadssökarstöd, seed 001): the cases by referring unit and target
//! group, their outcomes, the days it took to reach regular housing, and how the cost of temporary
//! housing develops each tertial.
//!
//! Definitions:
//! - **active**: a case opened by the period's last day and not closed before its first day.
//!   **opened** / **closed**: opened / given its outcome in the period.
//! - **referring_unit**, **target_group**: the cases opened in the period, by the referring unit
//!   (as written, trimmed) and by target group; shares of the cases opened.
//! - **outcome**: the cases closed in the period, by outcome; `regular_housing` (first- or
//!   second-hand lease, exchange done) as a share of them.
//! - **days_to_housing**: from opening to the outcome, for cases closed in the period that reached
//!   regular housing: mean and median.
//! - **temporary_housing**: per tertial of the period (clipped to it), the nights and cost (kronor)
//!   of temporary stays of the unit's participants: a night belongs to the day it starts, an open
//!   stay counts up to `until` (normally today); the stays with a night in the tertial, and the
//!   same again for the people with an active search case (`…_search_cases`).

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;

use super::{Figure, mean, median};
use crate::housing::{SearchOutcome, SearchTargetGroup, days_to_housing, nights_within};
use crate::period::{Period, tertial_of};

/// One housing-search case.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchCase {
    pub participant_id: String,
    pub referring_unit: String,
    pub target_group: SearchTargetGroup,
    pub opened_on: NaiveDate,
    pub outcome: Option<SearchOutcome>,
    pub outcome_on: Option<NaiveDate>,
}

/// One stay in temporary housing.
#[derive(Debug, Clone, PartialEq)]
pub struct TemporaryStay {
    pub participant_id: String,
    pub from: NaiveDate,
    /// The day of leaving (its night is not counted); `None` while still there.
    pub to: Option<NaiveDate>,
    /// Kronor per night.
    pub cost_per_night: i64,
}

/// Whether a case was being worked on during some day of `period`.
pub fn active_during(c: &SearchCase, period: &Period) -> bool {
    c.opened_on <= period.to && c.outcome_on.is_none_or(|d| d >= period.from)
}

fn ids<'a>(cases: impl Iterator<Item = &'a SearchCase>) -> Vec<String> {
    cases.map(|c| c.participant_id.clone()).collect()
}

/// The housing search report for `period`; ongoing stays count up to `until`.
pub fn housing_search_report(
    cases: &[SearchCase],
    stays: &[TemporaryStay],
    period: &Period,
    until: NaiveDate,
) -> Vec<Figure> {
    let mut out = Vec::new();
    let active: Vec<&SearchCase> = cases.iter().filter(|c| active_during(c, period)).collect();
    let opened: Vec<&SearchCase> = cases
        .iter()
        .filter(|c| period.contains(c.opened_on))
        .collect();
    let closed: Vec<&SearchCase> = cases
        .iter()
        .filter(|c| c.outcome.is_some() && c.outcome_on.is_some_and(|d| period.contains(d)))
        .collect();
    let n_opened = opened.len();
    out.push(Figure::count(
        "cases",
        "active",
        ids(active.iter().copied()),
        active.len(),
    ));
    out.push(Figure::count(
        "cases",
        "opened",
        ids(opened.iter().copied()),
        n_opened,
    ));
    out.push(Figure::count(
        "cases",
        "closed",
        ids(closed.iter().copied()),
        closed.len(),
    ));

    let mut units: BTreeMap<&str, Vec<&SearchCase>> = BTreeMap::new();
    for c in &opened {
        units.entry(c.referring_unit.trim()).or_default().push(c);
    }
    for (unit, list) in units {
        out.push(Figure::share(
            "referring_unit",
            unit,
            ids(list.into_iter()),
            n_opened,
        ));
    }
    for g in SearchTargetGroup::ALL {
        out.push(Figure::share(
            "target_group",
            g.as_str(),
            ids(opened.iter().copied().filter(|c| c.target_group == *g)),
            n_opened,
        ));
    }
    for o in SearchOutcome::ALL {
        out.push(Figure::share(
            "outcome",
            o.as_str(),
            ids(closed.iter().copied().filter(|c| c.outcome == Some(*o))),
            closed.len(),
        ));
    }
    let housed: Vec<&SearchCase> = closed
        .iter()
        .copied()
        .filter(|c| c.outcome.is_some_and(SearchOutcome::is_regular_housing))
        .collect();
    out.push(Figure::share(
        "outcome",
        "regular_housing",
        ids(housed.iter().copied()),
        closed.len(),
    ));
    let days: Vec<i64> = housed
        .iter()
        .filter_map(|c| days_to_housing(c.opened_on, c.outcome, c.outcome_on))
        .collect();
    out.push(Figure::value(
        "days_to_housing",
        "mean_days",
        days.len(),
        mean(&days),
    ));
    out.push(Figure::value(
        "days_to_housing",
        "median_days",
        days.len(),
        median(&days),
    ));

    let searching: BTreeSet<&str> = active.iter().map(|c| c.participant_id.as_str()).collect();
    let of_searching: Vec<&TemporaryStay> = stays
        .iter()
        .filter(|s| searching.contains(s.participant_id.as_str()))
        .collect();
    let all: Vec<&TemporaryStay> = stays.iter().collect();
    for part in period.tertials_in() {
        let (year, t) = tertial_of(part.from);
        let code = format!("{year}-T{t}");
        for (section, list) in [
            ("temporary_housing", &all),
            ("temporary_housing_search_cases", &of_searching),
        ] {
            out.extend(tertial_figures(section, &code, list, &part, until));
        }
    }
    out
}

/// Stays, nights and cost of `stays` in one (clipped) tertial.
fn tertial_figures(
    section: &str,
    code: &str,
    stays: &[&TemporaryStay],
    part: &Period,
    until: NaiveDate,
) -> Vec<Figure> {
    let mut who = Vec::new();
    let (mut nights, mut cost) = (0i64, 0i64);
    for s in stays {
        let n = nights_within(s.from, s.to, part.from, part.to, until);
        if n > 0 {
            who.push(s.participant_id.clone());
            nights += n;
            cost += n * s.cost_per_night;
        }
    }
    let count = who.len();
    vec![
        Figure::count(section, &format!("{code}_stays"), who, count),
        Figure::value(
            section,
            &format!("{code}_nights"),
            count,
            Some(nights as f64),
        ),
        Figure::value(
            section,
            &format!("{code}_cost_sek"),
            count,
            Some(cost as f64),
        ),
    ]
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn case(
        id: &str,
        unit: &str,
        g: SearchTargetGroup,
        opened: &str,
        out: Option<(SearchOutcome, &str)>,
    ) -> SearchCase {
        SearchCase {
            participant_id: id.into(),
            referring_unit: unit.into(),
            target_group: g,
            opened_on: d(opened),
            outcome: out.map(|o| o.0),
            outcome_on: out.map(|o| d(o.1)),
        }
    }

    fn fig<'a>(f: &'a [Figure], s: &str, n: &str) -> &'a Figure {
        f.iter()
            .find(|x| x.section == s && x.figure == n)
            .unwrap_or_else(|| panic!("{s}/{n}"))
    }

    #[test]
    fn cases_outcomes_days_and_tertial_costs() {
        use SearchOutcome as O;
        use SearchTargetGroup as G;
        let cases = [
            case(
                "a",
                "Ekonomiskt bistånd",
                G::YoungAdult,
                "2012-01-10",
                Some((O::FirstHandLease, "2012-03-10")),
            ),
            case(
                "b",
                " Ekonomiskt bistånd ",
                G::FormerLodger,
                "2012-04-30",
                Some((O::None, "2012-06-01")),
            ),
            case(
                "c",
                "Socialpsykiatrin",
                G::YoungAdult,
                "2011-12-01",
                Some((O::ExchangeDone, "2012-01-01")),
            ),
            // Opened the day after T1: not in T1.
            case(
                "d",
                "Kvinnofrid",
                G::WomanSubjectedToViolence,
                "2012-05-01",
                None,
            ),
        ];
        let stays = [
            // 2012-04-28 to 2012-05-03: three nights in T1, two in T2.
            TemporaryStay {
                participant_id: "a".into(),
                from: d("2012-04-28"),
                to: Some(d("2012-05-03")),
                cost_per_night: 500,
            },
            // Still there: counts up to 2012-05-05 (today).
            TemporaryStay {
                participant_id: "x".into(),
                from: d("2012-05-01"),
                to: None,
                cost_per_night: 300,
            },
        ];
        let t1 = Period::tertial(2012, 1).unwrap();
        let f = housing_search_report(&cases, &stays, &t1, d("2012-05-05"));
        assert_eq!(fig(&f, "cases", "opened").participants, ["a", "b"]);
        assert_eq!(fig(&f, "cases", "active").participants, ["a", "b", "c"]);
        assert_eq!(fig(&f, "cases", "closed").participants, ["a", "c"]);
        let u = fig(&f, "referring_unit", "Ekonomiskt bistånd");
        assert_eq!((u.count, u.of, u.percent), (2, Some(2), Some(100.0)));
        assert_eq!(fig(&f, "target_group", "young_adult").participants, ["a"]);
        let r = fig(&f, "outcome", "regular_housing");
        assert_eq!((r.count, r.of), (2, Some(2)));
        // a: 60 days (leap year), c: 31 days.
        assert_eq!(fig(&f, "days_to_housing", "mean_days").value, Some(45.5));
        assert_eq!(fig(&f, "days_to_housing", "median_days").value, Some(45.5));
        assert_eq!(
            fig(&f, "temporary_housing", "2012-T1_nights").value,
            Some(3.0)
        );
        assert_eq!(
            fig(&f, "temporary_housing", "2012-T1_cost_sek").value,
            Some(1500.0)
        );
        assert_eq!(
            fig(&f, "temporary_housing_search_cases", "2012-T1_stays").participants,
            ["a"]
        );

        // The year: three tertials; T2 has a's two nights and x's four (to 05-05).
        let year = Period::year(2012).unwrap();
        let f = housing_search_report(&cases, &stays, &year, d("2012-05-05"));
        assert_eq!(
            fig(&f, "temporary_housing", "2012-T2_nights").value,
            Some(6.0)
        );
        assert_eq!(
            fig(&f, "temporary_housing", "2012-T2_cost_sek").value,
            Some(2200.0)
        );
        assert_eq!(fig(&f, "temporary_housing", "2012-T3_stays").count, 0);
        // x has no search case.
        assert_eq!(
            fig(&f, "temporary_housing_search_cases", "2012-T2_nights").value,
            Some(2.0)
        );
        let o = fig(&f, "outcome", "none");
        assert_eq!((o.count, o.of), (1, Some(3)));
    }
}
