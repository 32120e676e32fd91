//! Work-rehabilitation activities (seeds 000, 002): a participant's internship, work training,
//! rehabilitation through the employment service, labour-market training, preparatory activity,
//! education or employment within an enrolment; its status flow; hours per week and their
//! gradual step-up; employment outcomes and the hand-over when no job follows.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::period::Period;
use crate::text_enum::text_enum;

/// The kinds of activity the final report counts placements by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum ActivityKind {
    /// Praktik at a workplace chosen for the person (with a praktikavtal).
    Internship,
    /// Arbetsträning, e.g. at "Nätverket".
    WorkTraining,
    /// Rehabiliteringsinsats genom Arbetsförmedlingen.
    EmploymentServiceRehabilitation,
    /// Arbetsmarknadsutbildning.
    LabourMarketTraining,
    /// Förberedande aktivitet, e.g. UMA or the work trial "X-plore".
    Preparatory,
    /// Utbildning.
    Education,
    /// Anställning (a job held as the activity).
    Employment,
}

text_enum!(ActivityKind {
    Internship => "internship",
    WorkTraining => "work_training",
    EmploymentServiceRehabilitation => "employment_service_rehabilitation",
    LabourMarketTraining => "labour_market_training",
    Preparatory => "preparatory",
    Education => "education",
    Employment => "employment",
});

/// Where an activity is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum ActivityStatus {
    /// Agreed but not started.
    Planned,
    /// Started, not ended.
    Ongoing,
    /// Ran its course.
    Completed,
    /// Ended before the planned end, with a reason.
    EndedEarly,
}

text_enum!(ActivityStatus {
    Planned => "planned",
    Ongoing => "ongoing",
    Completed => "completed",
    EndedEarly => "ended_early",
});

/// The explicit state changes of an activity (`POST /activities/{id}/start` …).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ActivityAction {
    Start,
    Complete,
    EndEarly,
}

/// A state change the activity's status does not allow (HTTP 409).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("an activity that is {from} cannot be {action}")]
pub struct ActivityTransitionError {
    pub from: &'static str,
    pub action: &'static str,
}

impl ActivityAction {
    fn past(self) -> &'static str {
        match self {
            Self::Start => "started",
            Self::Complete => "completed",
            Self::EndEarly => "ended early",
        }
    }
}

/// planned → ongoing (start); ongoing → completed (complete); planned or ongoing → ended_early
/// (a planned activity can be called off). Completed and ended-early activities are final.
pub fn transition(
    from: ActivityStatus,
    action: ActivityAction,
) -> Result<ActivityStatus, ActivityTransitionError> {
    use ActivityAction as A;
    use ActivityStatus as S;
    match (from, action) {
        (S::Planned, A::Start) => Ok(S::Ongoing),
        (S::Ongoing, A::Complete) => Ok(S::Completed),
        (S::Planned | S::Ongoing, A::EndEarly) => Ok(S::EndedEarly),
        _ => Err(ActivityTransitionError {
            from: from.as_str(),
            action: action.past(),
        }),
    }
}

impl ActivityStatus {
    /// Whether the activity has started (ongoing or ended after starting).
    pub fn has_started(self) -> bool {
        !matches!(self, Self::Planned)
    }
}

/// Fewest and most hours per week an activity may be set to.
pub const MIN_HOURS: i32 = 1;
pub const MAX_HOURS: i32 = 40;

/// Hours per week must be 1–40.
pub fn check_hours(hours: i32) -> Result<(), &'static str> {
    if (MIN_HOURS..=MAX_HOURS).contains(&hours) {
        Ok(())
    } else {
        Err("must be between 1 and 40 hours per week")
    }
}

/// From `from` on, the activity runs `hours_per_week` hours a week.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HoursChange {
    pub from: NaiveDate,
    pub hours_per_week: i32,
}

/// The hours per week on `date`, from a timeline of changes (any order); `None` before the first.
pub fn hours_on(timeline: &[HoursChange], date: NaiveDate) -> Option<i32> {
    timeline
        .iter()
        .filter(|c| c.from <= date)
        .max_by_key(|c| c.from)
        .map(|c| c.hours_per_week)
}

/// Why a new step in the hours timeline is refused; `field` names the request field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HoursProblem {
    pub field: &'static str,
    pub message: String,
}

/// Checks a new change of hours: 1–40, not before the activity's start, not after its end, and
/// later than every change already recorded (the timeline only grows forwards).
pub fn check_hours_change(
    timeline: &[HoursChange],
    start: NaiveDate,
    end: Option<NaiveDate>,
    change: HoursChange,
) -> Vec<HoursProblem> {
    let mut out = Vec::new();
    if let Err(m) = check_hours(change.hours_per_week) {
        out.push(HoursProblem {
            field: "hours_per_week",
            message: m.into(),
        });
    }
    if change.from < start {
        out.push(HoursProblem {
            field: "from",
            message: "must not be before the activity's start".into(),
        });
    }
    if end.is_some_and(|e| change.from > e) {
        out.push(HoursProblem {
            field: "from",
            message: "must not be after the activity's end".into(),
        });
    }
    if let Some(last) = timeline.iter().map(|c| c.from).max()
        && change.from <= last
    {
        out.push(HoursProblem {
            field: "from",
            message: format!("must be after the last change of hours ({last})"),
        });
    }
    out
}

/// Days (both ends included) that something running from `from` to `to` (`None`: still running,
/// counted to the period's end) shares with `period`.
pub fn days_in_period(from: NaiveDate, to: Option<NaiveDate>, period: Period) -> i64 {
    let start = from.max(period.from);
    let end = to.map_or(period.to, |t| t.min(period.to));
    if end < start {
        0
    } else {
        (end - start).num_days() + 1
    }
}

/// The kinds of job an activity can lead to (seed 002: "två OSA, ett nystartsjobb, en
/// trygghetsanställning och en traditionell anställning").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum EmploymentKind {
    /// Offentligt skyddad anställning.
    Osa,
    /// Nystartsjobb.
    Nystartsjobb,
    /// Trygghetsanställning.
    Trygghetsanstallning,
    /// Traditional (ordinary) employment.
    Ordinary,
}

text_enum!(EmploymentKind {
    Osa => "osa",
    Nystartsjobb => "nystartsjobb",
    Trygghetsanstallning => "trygghetsanstallning",
    Ordinary => "ordinary",
});

/// The continuation when no job follows (seed 002, "Deltagares avslut i projektet").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum HandoverKind {
    /// The participant registered at Arbetsförmedlingen on their own.
    EmploymentServiceSelf,
    /// Registered at a joint meeting booked by the consultant with the AF contact person.
    EmploymentServiceJointMeeting,
    /// Jobbtorg Stockholm.
    Jobbtorg,
    /// Jobbtorg Resurs (for those needing extra support).
    JobbtorgResurs,
    /// Something else (described in the note).
    Other,
}

text_enum!(HandoverKind {
    EmploymentServiceSelf => "employment_service_self",
    EmploymentServiceJointMeeting => "employment_service_joint_meeting",
    Jobbtorg => "jobbtorg",
    JobbtorgResurs => "jobbtorg_resurs",
    Other => "other",
});

/// Employers are private, public or non-profit (ideella: easiest to find, least likely to hire).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum EmployerSector {
    Private,
    Public,
    NonProfit,
}

text_enum!(EmployerSector {
    Private => "private",
    Public => "public",
    NonProfit => "non_profit",
});

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;
    use crate::text_enum::assert_text_codes_consistent;
    use proptest::prelude::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn codes() {
        assert_text_codes_consistent(ActivityKind::ALL, ActivityKind::as_str);
        assert_text_codes_consistent(ActivityStatus::ALL, ActivityStatus::as_str);
        assert_text_codes_consistent(EmploymentKind::ALL, EmploymentKind::as_str);
        assert_text_codes_consistent(HandoverKind::ALL, HandoverKind::as_str);
        assert_text_codes_consistent(EmployerSector::ALL, EmployerSector::as_str);
    }

    #[test]
    fn transitions() {
        use ActivityAction as A;
        use ActivityStatus as S;
        assert_eq!(transition(S::Planned, A::Start), Ok(S::Ongoing));
        assert_eq!(transition(S::Ongoing, A::Complete), Ok(S::Completed));
        assert_eq!(transition(S::Ongoing, A::EndEarly), Ok(S::EndedEarly));
        assert_eq!(transition(S::Planned, A::EndEarly), Ok(S::EndedEarly));
        assert!(transition(S::Planned, A::Complete).is_err());
        assert!(transition(S::Ongoing, A::Start).is_err());
        for a in [A::Start, A::Complete, A::EndEarly] {
            assert!(transition(S::Completed, a).is_err());
            assert!(transition(S::EndedEarly, a).is_err());
        }
        assert_eq!(
            transition(S::Completed, A::Start).unwrap_err().to_string(),
            "an activity that is completed cannot be started"
        );
    }

    #[test]
    fn hours_bounds() {
        assert!(check_hours(0).is_err());
        assert!(check_hours(1).is_ok());
        assert!(check_hours(40).is_ok());
        assert!(check_hours(41).is_err());
    }

    #[test]
    fn step_up_timeline() {
        let t = [
            HoursChange {
                from: d(2012, 3, 1),
                hours_per_week: 10,
            },
            HoursChange {
                from: d(2012, 4, 1),
                hours_per_week: 20,
            },
        ];
        assert_eq!(hours_on(&t, d(2012, 2, 28)), None);
        assert_eq!(hours_on(&t, d(2012, 3, 31)), Some(10));
        assert_eq!(hours_on(&t, d(2012, 4, 1)), Some(20));
        let ok = HoursChange {
            from: d(2012, 5, 1),
            hours_per_week: 30,
        };
        assert!(check_hours_change(&t, d(2012, 3, 1), None, ok).is_empty());
        let back = HoursChange {
            from: d(2012, 4, 1),
            hours_per_week: 30,
        };
        assert_eq!(
            check_hours_change(&t, d(2012, 3, 1), None, back)[0].field,
            "from"
        );
        let too_many = HoursChange {
            from: d(2012, 5, 1),
            hours_per_week: 41,
        };
        let late = check_hours_change(&t, d(2012, 3, 1), Some(d(2012, 4, 30)), too_many);
        assert_eq!(late.len(), 2);
    }

    #[test]
    fn days_in_a_period() {
        let t1 = Period::tertial(2012, 1).unwrap();
        assert_eq!(days_in_period(d(2012, 4, 1), None, t1), 30);
        assert_eq!(days_in_period(d(2011, 12, 1), Some(d(2012, 1, 10)), t1), 10);
        assert_eq!(days_in_period(d(2012, 5, 1), None, t1), 0);
        assert_eq!(days_in_period(d(2011, 1, 1), Some(d(2011, 12, 31)), t1), 0);
    }

    proptest! {
        #[test]
        fn days_never_exceed_the_period(a in 0i64..800, len in proptest::option::of(0i64..400)) {
            let p = Period::year(2012).unwrap();
            let from = d(2011, 6, 1) + chrono::TimeDelta::days(a);
            let to = len.map(|l| from + chrono::TimeDelta::days(l));
            let n = days_in_period(from, to, p);
            prop_assert!((0..=366).contains(&n));
            if let Some(t) = to {
                prop_assert!(n <= (t - from).num_days() + 1);
            }
        }

        #[test]
        fn hours_accepted_exactly_in_range(h in -100i32..100) {
            prop_assert_eq!(check_hours(h).is_ok(), (1..=40).contains(&h));
        }
    }
}
