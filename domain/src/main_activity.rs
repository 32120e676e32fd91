//! The main activity (huvudsaklig aktivitet) of a participant in a period, as the final report
//! (seed 002) uses it: "den aktivitet som tidsmässigt dominerat varje enskild deltagares tid av
//! aktivitet inom projekttiden". Its five categories are the report's:
//!
//! | category | activity kinds |
//! |---|---|
//! | `internship` | internship that did not lead to employment |
//! | `internship_led_to_employment` | internship that led to employment (its own category) |
//! | `employment_service` | rehabilitation through AF, labour-market training, education |
//! | `preparatory` | work training (Nätverket), preparatory activity (UMA, X-plore) |
//! | `no_activity_support` | no started activity in the period (e.g. only support in job seeking) |
//!
//! Rules:
//! - Only activities that have started count; a planned one has no days yet. Each counts the days
//!   (both ends included) from its start to its actual end (or, while ongoing, the `until` date
//!   the caller gives, normally today) that fall inside the period. An activity ended without an
//!   actual end (called off before it started) has no days.
//! - Overlapping activities each count their own days (a day in two activities counts for both):
//!   "time taken" is per activity, as the report counts placements per activity.
//! - `employment` activities are the result, not a rehabilitation activity, and are not counted.
//! - Days are summed per category; the category with most days wins.
//! - Ties are broken by the report's order of the categories: internship led to employment,
//!   internship, employment service, preparatory (the first in that order wins).

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::activity::{ActivityKind, ActivityStatus, days_in_period};
use crate::period::Period;
use crate::text_enum::text_enum;

/// The final report's main-activity categories, in its order (also the tie-break order).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum MainActivity {
    /// Praktik som lett till anställning.
    InternshipLedToEmployment,
    /// Praktik.
    Internship,
    /// Insatser via Arbetsförmedlingen, arbetsmarknadsutbildning eller rehabinsats.
    EmploymentService,
    /// Förberedande aktivitet såsom Nätverket, UMA eller X-plore.
    Preparatory,
    /// Ingen aktivitet men t ex stöd i arbetssökande eller i kontakt med Arbetsförmedlingen.
    NoActivitySupport,
}

text_enum!(MainActivity {
    InternshipLedToEmployment => "internship_led_to_employment",
    Internship => "internship",
    EmploymentService => "employment_service",
    Preparatory => "preparatory",
    NoActivitySupport => "no_activity_support",
});

/// The category an activity's time counts towards; `None` for employment.
pub fn category(kind: ActivityKind, led_to_employment: bool) -> Option<MainActivity> {
    match kind {
        ActivityKind::Internship if led_to_employment => {
            Some(MainActivity::InternshipLedToEmployment)
        }
        ActivityKind::Internship => Some(MainActivity::Internship),
        ActivityKind::EmploymentServiceRehabilitation
        | ActivityKind::LabourMarketTraining
        | ActivityKind::Education => Some(MainActivity::EmploymentService),
        ActivityKind::WorkTraining | ActivityKind::Preparatory => Some(MainActivity::Preparatory),
        ActivityKind::Employment => None,
    }
}

/// What the computation needs of an activity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ActivitySpan {
    pub kind: ActivityKind,
    pub status: ActivityStatus,
    pub led_to_employment: bool,
    pub start: NaiveDate,
    /// The actual end; `None` while ongoing.
    pub end: Option<NaiveDate>,
}

/// The main activity and the days behind it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MainActivityResult {
    pub main_activity: MainActivity,
    /// Days per category in the period (categories with no days left out).
    pub days: BTreeMap<MainActivity, i64>,
}

/// The main activity of one participant in `period`. Ongoing activities count up to `until`
/// (normally today; capped by the period).
pub fn main_activity(
    activities: &[ActivitySpan],
    period: Period,
    until: NaiveDate,
) -> MainActivityResult {
    let mut days: BTreeMap<MainActivity, i64> = BTreeMap::new();
    for a in activities {
        // Planned, or ended without ever running (called off before the start).
        let never_ran = matches!(
            a.status,
            ActivityStatus::Completed | ActivityStatus::EndedEarly
        ) && a.end.is_none();
        if !a.status.has_started() || never_ran {
            continue;
        }
        let Some(cat) = category(a.kind, a.led_to_employment) else {
            continue;
        };
        let end = a.end.unwrap_or(until);
        let n = days_in_period(a.start, Some(end), period);
        if n > 0 {
            *days.entry(cat).or_default() += n;
        }
    }
    // BTreeMap iterates in the report's order, so the first maximum is the tie-break winner.
    let mut best: Option<(MainActivity, i64)> = None;
    for (cat, n) in &days {
        if best.is_none_or(|(_, b)| *n > b) {
            best = Some((*cat, *n));
        }
    }
    MainActivityResult {
        main_activity: best.map_or(MainActivity::NoActivitySupport, |(c, _)| c),
        days,
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;
    use crate::text_enum::assert_text_codes_consistent;
    use proptest::prelude::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn span(kind: ActivityKind, start: NaiveDate, end: Option<NaiveDate>) -> ActivitySpan {
        ActivitySpan {
            kind,
            status: if end.is_some() {
                ActivityStatus::Completed
            } else {
                ActivityStatus::Ongoing
            },
            led_to_employment: false,
            start,
            end,
        }
    }

    #[test]
    fn codes_and_categories() {
        assert_text_codes_consistent(MainActivity::ALL, MainActivity::as_str);
        assert_eq!(
            category(ActivityKind::Internship, true),
            Some(MainActivity::InternshipLedToEmployment)
        );
        assert_eq!(
            category(ActivityKind::LabourMarketTraining, false),
            Some(MainActivity::EmploymentService)
        );
        assert_eq!(
            category(ActivityKind::WorkTraining, false),
            Some(MainActivity::Preparatory)
        );
        assert_eq!(category(ActivityKind::Employment, false), None);
    }

    #[test]
    fn nothing_started_is_no_activity() {
        let p = Period::tertial(2012, 1).unwrap();
        let mut planned = span(ActivityKind::Internship, d(2012, 2, 1), None);
        planned.status = ActivityStatus::Planned;
        let r = main_activity(&[planned], p, d(2012, 4, 30));
        assert_eq!(r.main_activity, MainActivity::NoActivitySupport);
        assert!(r.days.is_empty());
    }

    #[test]
    fn work_training_followed_by_a_longer_internship() {
        // Seed 002: "arbetsträning på nätverket som följts av en praktikplats".
        let p = Period::year(2012).unwrap();
        let a = [
            span(
                ActivityKind::WorkTraining,
                d(2012, 1, 1),
                Some(d(2012, 2, 29)),
            ), // 60 days
            span(
                ActivityKind::Internship,
                d(2012, 3, 1),
                Some(d(2012, 6, 30)),
            ), // 122 days
            span(ActivityKind::Employment, d(2012, 7, 1), None),
        ];
        let r = main_activity(&a, p, d(2012, 12, 31));
        assert_eq!(r.main_activity, MainActivity::Internship);
        assert_eq!(r.days[&MainActivity::Preparatory], 60);
        assert_eq!(r.days[&MainActivity::Internship], 122);
        assert!(!r.days.contains_key(&MainActivity::NoActivitySupport));
    }

    #[test]
    fn an_internship_that_led_to_employment_is_its_own_category() {
        let p = Period::year(2012).unwrap();
        let mut i = span(
            ActivityKind::Internship,
            d(2012, 3, 1),
            Some(d(2012, 5, 31)),
        );
        i.led_to_employment = true;
        let r = main_activity(&[i], p, d(2012, 12, 31));
        assert_eq!(r.main_activity, MainActivity::InternshipLedToEmployment);
    }

    #[test]
    fn ongoing_counts_until_the_given_day_and_ties_follow_report_order() {
        let p = Period::tertial(2012, 1).unwrap();
        let a = [
            span(
                ActivityKind::Preparatory,
                d(2012, 1, 1),
                Some(d(2012, 1, 10)),
            ), // 10
            span(ActivityKind::LabourMarketTraining, d(2012, 1, 11), None), // until 20th: 10
        ];
        let r = main_activity(&a, p, d(2012, 1, 20));
        assert_eq!(r.days[&MainActivity::EmploymentService], 10);
        assert_eq!(r.main_activity, MainActivity::EmploymentService);
        // Outside the period nothing counts.
        let later = Period::tertial(2012, 2).unwrap();
        let r = main_activity(&a[..1], later, d(2012, 8, 31));
        assert_eq!(r.main_activity, MainActivity::NoActivitySupport);
    }

    fn kind() -> impl Strategy<Value = ActivityKind> {
        proptest::sample::select(ActivityKind::ALL.to_vec())
    }

    proptest! {
        #[test]
        fn main_activity_has_the_most_days_and_order_does_not_matter(
            items in proptest::collection::vec((kind(), any::<bool>(), 0i64..200, 0i64..120), 0..6)
        ) {
            let p = Period::year(2012).unwrap();
            let spans: Vec<ActivitySpan> = items.iter().map(|(k, led, s, len)| {
                let start = d(2011, 11, 1) + chrono::TimeDelta::days(*s);
                ActivitySpan { kind: *k, status: ActivityStatus::Completed, led_to_employment: *led,
                    start, end: Some(start + chrono::TimeDelta::days(*len)) }
            }).collect();
            let r = main_activity(&spans, p, d(2012, 12, 31));
            let mut reversed = spans.clone();
            reversed.reverse();
            prop_assert_eq!(&main_activity(&reversed, p, d(2012, 12, 31)), &r);
            let max = r.days.values().copied().max().unwrap_or(0);
            match r.main_activity {
                MainActivity::NoActivitySupport => prop_assert_eq!(max, 0),
                m => prop_assert_eq!(r.days[&m], max),
            }
        }
    }
}
