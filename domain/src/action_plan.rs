//! Action plans (handlingsplaner), their reviews and the half-yearly method evaluation (seed 004).
//!
//! Every participant in housing support has an individual action plan, written for three months
//! at a time with the participant: the purpose and scope of the contact, short- and long-term
//! goals, the interventions (what, who, how often) and the participant's own views. At the end of
//! each period the plan is reviewed with the participant (uppföljning och revidering): every goal
//! is judged achieved, partly achieved or not achieved (with the likely reason when not), and the
//! review closes the plan and starts the next version, which carries over the goals still open.
//!
//! Definitions used everywhere (API, reports, the due list):
//! - **Period**: [`default_period_end`]: three months from the start, the last day included.
//! - **Review due**: an active plan's review is due on its period end ([`review_due_on`]); it is
//!   overdue from the day after.
//! - **Review on time**: the review date is on or before the plan's period end ([`on_time`]).

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, Months, NaiveDate, TimeDelta};
use serde::{Deserialize, Serialize};

use crate::period::Period;
use crate::text_enum::text_enum;

/// Where a plan is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum PlanStatus {
    /// Being written; may be changed freely.
    Draft,
    /// In force: has goals and the participant's views. May still be adjusted until reviewed.
    Active,
    /// Closed by a review; never changed again.
    Reviewed,
}

text_enum!(PlanStatus {
    Draft => "draft",
    Active => "active",
    Reviewed => "reviewed",
});

/// What can be done to a plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlanAction {
    /// Change its contents (period, purpose, goals, interventions, views).
    Edit,
    /// Make it the plan in force.
    Activate,
    /// Record the date the participant signed it.
    Sign,
    /// Follow it up with the participant, which closes it.
    Review,
}

impl PlanAction {
    fn verb(self) -> &'static str {
        match self {
            Self::Edit => "changed",
            Self::Activate => "made active",
            Self::Sign => "signed",
            Self::Review => "reviewed",
        }
    }
}

/// Why an action is not allowed in the plan's status (the API answers 409 with the message).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("{} {} plan cannot be {}", if *.from == PlanStatus::Active { "an" } else { "a" }, .from, .action.verb())]
pub struct TransitionError {
    pub from: PlanStatus,
    pub action: PlanAction,
}

/// The status after `action`, or why it is not allowed. Draft → active → reviewed; a reviewed
/// plan is immutable.
pub fn transition(from: PlanStatus, action: PlanAction) -> Result<PlanStatus, TransitionError> {
    use PlanAction as A;
    use PlanStatus as S;
    match (from, action) {
        (S::Draft | S::Active, A::Edit | A::Sign) => Ok(from),
        (S::Draft, A::Activate) => Ok(S::Active),
        (S::Active, A::Review) => Ok(S::Reviewed),
        _ => Err(TransitionError { from, action }),
    }
}

/// How long a plan runs when no end is given.
pub const PERIOD_MONTHS: u32 = 3;

/// The last day of a plan period starting on `start`: three calendar months later, minus one
/// day. A start day that does not exist three months later rolls over to the first day of the
/// following month, so the period still covers three whole months: 31 Jan → 30 Apr,
/// 30 Nov → 28 (29) Feb, 1 Jan → 31 Mar, 15 Jan → 14 Apr.
pub fn default_period_end(start: NaiveDate) -> NaiveDate {
    let first = start.with_day(1).unwrap_or(start);
    let Some(target_month) = first.checked_add_months(Months::new(PERIOD_MONTHS)) else {
        return start;
    };
    let same_day = target_month.with_day(start.day()).unwrap_or_else(|| {
        // Day missing in the target month: the day after its last day.
        target_month
            .checked_add_months(Months::new(1))
            .unwrap_or(target_month)
    });
    same_day - TimeDelta::days(1)
}

/// The date an active plan's review is due (its period end); `None` for drafts and reviewed plans.
pub fn review_due_on(status: PlanStatus, period_end: NaiveDate) -> Option<NaiveDate> {
    (status == PlanStatus::Active).then_some(period_end)
}

/// An active plan whose period has ended without a review.
pub fn review_overdue(status: PlanStatus, period_end: NaiveDate, today: NaiveDate) -> bool {
    review_due_on(status, period_end).is_some_and(|due| today > due)
}

/// A review is on time when it is done on or before the plan's period end.
pub fn on_time(period_end: NaiveDate, reviewed_on: NaiveDate) -> bool {
    reviewed_on <= period_end
}

/// The first day of the plan that a review starts: the day after the review.
pub fn next_period_start(reviewed_on: NaiveDate) -> NaiveDate {
    reviewed_on + TimeDelta::days(1)
}

/// One problem with a request, naming the JSON field it concerns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldProblem {
    pub field: String,
    pub message: String,
}

fn problem(field: impl Into<String>, message: impl Into<String>) -> FieldProblem {
    FieldProblem {
        field: field.into(),
        message: message.into(),
    }
}

/// Checks a plan period: the end must not be before the start.
pub fn check_period(start: NaiveDate, end: NaiveDate) -> Vec<FieldProblem> {
    if end < start {
        vec![problem("period_end", "must not be before period_start")]
    } else {
        Vec::new()
    }
}

/// What a plan must hold before it can be made active: at least one goal and the participant's
/// own views. Every missing part is reported.
pub fn check_activation(goal_count: usize, participant_views: Option<&str>) -> Vec<FieldProblem> {
    let mut problems = Vec::new();
    if goal_count == 0 {
        problems.push(problem(
            "goals",
            "the plan needs at least one goal before it can be made active",
        ));
    }
    if participant_views.is_none_or(|v| v.trim().is_empty()) {
        problems.push(problem(
            "participant_views",
            "the participant's own views must be written down before the plan can be made active",
        ));
    }
    problems
}

/// Whether the participant's goal is short-term or long-term.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum GoalHorizon {
    /// Kortsiktigt mål (within the period).
    ShortTerm,
    /// Långsiktigt mål.
    LongTerm,
}

text_enum!(GoalHorizon {
    ShortTerm => "short_term",
    LongTerm => "long_term",
});

/// How far a goal was reached, judged at the review.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum GoalOutcome {
    /// Uppnått.
    Achieved,
    /// Delvis uppnått; carried over to the next plan.
    PartlyAchieved,
    /// Inte uppnått; carried over to the next plan.
    NotAchieved,
}

text_enum!(GoalOutcome {
    Achieved => "achieved",
    PartlyAchieved => "partly_achieved",
    NotAchieved => "not_achieved",
});

impl GoalOutcome {
    /// Partly or not achieved: the review must give the likely reason, and the goal carries over.
    pub fn is_open(self) -> bool {
        !matches!(self, Self::Achieved)
    }
}

/// Who is responsible for an intervention.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum ResponsibleKind {
    /// A staff member of the unit (`responsible_staff_id`).
    Staff,
    /// An external actor (`external_actor`): addiction care, probation, a voluntary organisation …
    External,
}

text_enum!(ResponsibleKind {
    Staff => "staff",
    External => "external",
});

/// One goal's outcome as given in a review.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutcomeInput<'a> {
    pub goal_id: &'a str,
    pub outcome: GoalOutcome,
    pub reason: Option<&'a str>,
}

/// Checks a review's outcomes against the plan's goals: every goal exactly once, no unknown
/// goal, and a reason for every goal partly or not achieved. Problems name `outcomes[i]…`
/// (or `outcomes` for a goal left out).
pub fn check_review(goal_ids: &[&str], outcomes: &[OutcomeInput<'_>]) -> Vec<FieldProblem> {
    let mut problems = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for (i, o) in outcomes.iter().enumerate() {
        if !goal_ids.contains(&o.goal_id) {
            problems.push(problem(
                format!("outcomes[{i}].goal_id"),
                "is not a goal of this plan",
            ));
        } else if !seen.insert(o.goal_id) {
            problems.push(problem(
                format!("outcomes[{i}].goal_id"),
                "is given more than once",
            ));
        }
        if o.outcome.is_open() && o.reason.is_none_or(|r| r.trim().is_empty()) {
            problems.push(problem(
                format!("outcomes[{i}].reason"),
                "give the likely reason when a goal is partly or not achieved",
            ));
        }
    }
    let missing: Vec<&str> = goal_ids
        .iter()
        .copied()
        .filter(|g| !seen.contains(g))
        .collect();
    if !missing.is_empty() {
        problems.push(problem(
            "outcomes",
            format!(
                "every goal needs an outcome; missing: {}",
                missing.join(", ")
            ),
        ));
    }
    problems
}

/// The goals a review carries over to the next plan: those partly or not achieved, in order,
/// each with the id of the goal it came from.
pub fn carried_over<G>(goals: &[(G, GoalOutcome)]) -> Vec<&G> {
    goals
        .iter()
        .filter(|(_, o)| o.is_open())
        .map(|(g, _)| g)
        .collect()
}

/// A half-year (`2012-H1` = January–June, `2012-H2` = July–December), the method evaluation's period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct HalfYear {
    pub year: i32,
    /// 1 or 2.
    pub half: u8,
}

/// Not of the form `2012-H1` / `2012-H2`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("must be a half-year such as 2012-H1 (January–June) or 2012-H2 (July–December)")]
pub struct HalfYearError;

impl HalfYear {
    /// The inclusive date range of the half-year.
    pub fn period(self) -> Period {
        let (from, to) = if self.half == 1 {
            ((1, 1), (6, 30))
        } else {
            ((7, 1), (12, 31))
        };
        let d = |(m, day)| NaiveDate::from_ymd_opt(self.year, m, day);
        match (d(from), d(to)) {
            (Some(from), Some(to)) => Period { from, to },
            _ => Period {
                from: NaiveDate::MIN,
                to: NaiveDate::MIN,
            },
        }
    }
}

impl FromStr for HalfYear {
    type Err = HalfYearError;
    fn from_str(s: &str) -> Result<Self, HalfYearError> {
        let s = s.trim();
        let (year, half) = s.split_once('-').ok_or(HalfYearError)?;
        let half = match half {
            "H1" | "h1" => 1,
            "H2" | "h2" => 2,
            _ => return Err(HalfYearError),
        };
        if year.len() != 4 || !year.bytes().all(|b| b.is_ascii_digit()) {
            return Err(HalfYearError);
        }
        let year: i32 = year.parse().map_err(|_| HalfYearError)?;
        if !(1900..=2999).contains(&year) {
            return Err(HalfYearError);
        }
        Ok(Self { year, half })
    }
}

impl fmt::Display for HalfYear {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-H{}", self.year, self.half)
    }
}

/// What the method evaluation needs to know about one plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanRecord {
    pub status: PlanStatus,
    pub period_start: NaiveDate,
    pub period_end: NaiveDate,
    /// The review's date, if the plan has been reviewed.
    pub reviewed_on: Option<NaiveDate>,
    /// The outcome of each goal (set when reviewed).
    pub outcomes: Vec<GoalOutcome>,
}

/// The figures the system fills in for a programme's half-year method evaluation.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MethodFigures {
    /// Plans (not drafts) whose period starts in the half-year.
    pub plans_written: u32,
    /// Plans (not drafts) whose period ends in the half-year: their reviews were due then.
    pub reviews_due: u32,
    /// Of those, reviewed on or before the period end.
    pub reviews_on_time: u32,
    /// Of those, reviewed after the period end.
    pub reviews_late: u32,
    /// Of those, not reviewed yet although the period has ended (as of the computation day).
    pub reviews_missing: u32,
    /// Goals judged in reviews done in the half-year.
    pub goals_assessed: u32,
    pub goals_achieved: u32,
    pub goals_partly_achieved: u32,
    pub goals_not_achieved: u32,
}

/// Computes the method-evaluation figures of `half` from plan records, as of `today`.
pub fn method_figures(half: HalfYear, plans: &[PlanRecord], today: NaiveDate) -> MethodFigures {
    let period = half.period();
    let mut f = MethodFigures::default();
    for p in plans.iter().filter(|p| p.status != PlanStatus::Draft) {
        if period.contains(p.period_start) {
            f.plans_written += 1;
        }
        if period.contains(p.period_end) {
            f.reviews_due += 1;
            match p.reviewed_on {
                Some(r) if on_time(p.period_end, r) => f.reviews_on_time += 1,
                Some(_) => f.reviews_late += 1,
                None if today > p.period_end => f.reviews_missing += 1,
                None => {}
            }
        }
        if p.reviewed_on.is_some_and(|r| period.contains(r)) {
            for o in &p.outcomes {
                f.goals_assessed += 1;
                match o {
                    GoalOutcome::Achieved => f.goals_achieved += 1,
                    GoalOutcome::PartlyAchieved => f.goals_partly_achieved += 1,
                    GoalOutcome::NotAchieved => f.goals_not_achieved += 1,
                }
            }
        }
    }
    f
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

    #[test]
    fn codes() {
        assert_text_codes_consistent(PlanStatus::ALL, PlanStatus::as_str);
        assert_text_codes_consistent(GoalHorizon::ALL, GoalHorizon::as_str);
        assert_text_codes_consistent(GoalOutcome::ALL, GoalOutcome::as_str);
        assert_text_codes_consistent(ResponsibleKind::ALL, ResponsibleKind::as_str);
    }

    #[test]
    fn transitions() {
        use PlanAction as A;
        use PlanStatus as S;
        assert_eq!(transition(S::Draft, A::Activate), Ok(S::Active));
        assert_eq!(transition(S::Active, A::Review), Ok(S::Reviewed));
        assert_eq!(transition(S::Draft, A::Edit), Ok(S::Draft));
        assert_eq!(transition(S::Active, A::Edit), Ok(S::Active));
        assert_eq!(transition(S::Active, A::Sign), Ok(S::Active));
        assert!(transition(S::Draft, A::Review).is_err());
        assert!(transition(S::Active, A::Activate).is_err());
        for a in [A::Edit, A::Activate, A::Sign, A::Review] {
            assert!(transition(S::Reviewed, a).is_err(), "{a:?}");
        }
        let e = transition(S::Reviewed, A::Edit).unwrap_err();
        assert_eq!(e.to_string(), "a reviewed plan cannot be changed");
        let e = transition(S::Draft, A::Review).unwrap_err();
        assert_eq!(e.to_string(), "a draft plan cannot be reviewed");
    }

    #[test]
    fn default_periods_and_month_ends() {
        assert_eq!(default_period_end(d(2012, 1, 1)), d(2012, 3, 31));
        assert_eq!(default_period_end(d(2012, 1, 15)), d(2012, 4, 14));
        assert_eq!(default_period_end(d(2012, 1, 31)), d(2012, 4, 30));
        assert_eq!(default_period_end(d(2011, 11, 30)), d(2012, 2, 29));
        assert_eq!(default_period_end(d(2012, 11, 30)), d(2013, 2, 28));
        assert_eq!(default_period_end(d(2012, 11, 29)), d(2013, 2, 28));
        assert_eq!(default_period_end(d(2012, 10, 31)), d(2013, 1, 30));
        assert_eq!(default_period_end(d(2012, 12, 1)), d(2013, 2, 28));
        assert_eq!(default_period_end(d(2012, 3, 31)), d(2012, 6, 30));
    }

    #[test]
    fn due_overdue_and_on_time() {
        let end = d(2012, 4, 30);
        assert_eq!(review_due_on(PlanStatus::Active, end), Some(end));
        assert_eq!(review_due_on(PlanStatus::Draft, end), None);
        assert_eq!(review_due_on(PlanStatus::Reviewed, end), None);
        assert!(!review_overdue(PlanStatus::Active, end, end));
        assert!(review_overdue(PlanStatus::Active, end, d(2012, 5, 1)));
        assert!(!review_overdue(PlanStatus::Reviewed, end, d(2013, 1, 1)));
        assert!(on_time(end, end));
        assert!(on_time(end, d(2012, 4, 1)));
        assert!(!on_time(end, d(2012, 5, 1)));
        assert_eq!(next_period_start(end), d(2012, 5, 1));
    }

    #[test]
    fn activation_needs_goals_and_views() {
        let p = check_activation(0, None);
        let fields: Vec<_> = p.iter().map(|p| p.field.as_str()).collect();
        assert_eq!(fields, ["goals", "participant_views"]);
        assert_eq!(check_activation(1, Some("  ")).len(), 1);
        assert!(check_activation(2, Some("Jag vill ha ett eget boende")).is_empty());
        assert_eq!(
            check_period(d(2012, 2, 1), d(2012, 1, 31))[0].field,
            "period_end"
        );
        assert!(check_period(d(2012, 2, 1), d(2012, 2, 1)).is_empty());
    }

    #[test]
    fn review_checks_every_goal() {
        let goals = ["g1", "g2"];
        let ok = [
            OutcomeInput {
                goal_id: "g1",
                outcome: GoalOutcome::Achieved,
                reason: None,
            },
            OutcomeInput {
                goal_id: "g2",
                outcome: GoalOutcome::NotAchieved,
                reason: Some("Återfall i mars"),
            },
        ];
        assert!(check_review(&goals, &ok).is_empty());
        let bad = [
            OutcomeInput {
                goal_id: "g1",
                outcome: GoalOutcome::PartlyAchieved,
                reason: Some(" "),
            },
            OutcomeInput {
                goal_id: "g1",
                outcome: GoalOutcome::Achieved,
                reason: None,
            },
            OutcomeInput {
                goal_id: "x",
                outcome: GoalOutcome::Achieved,
                reason: None,
            },
        ];
        let fields: Vec<_> = check_review(&goals, &bad)
            .into_iter()
            .map(|p| p.field)
            .collect();
        assert_eq!(
            fields,
            [
                "outcomes[0].reason",
                "outcomes[1].goal_id",
                "outcomes[2].goal_id",
                "outcomes"
            ]
        );
    }

    #[test]
    fn open_goals_carry_over_in_order() {
        let goals = [
            ("a", GoalOutcome::Achieved),
            ("b", GoalOutcome::NotAchieved),
            ("c", GoalOutcome::PartlyAchieved),
        ];
        assert_eq!(carried_over(&goals), [&"b", &"c"]);
    }

    #[test]
    fn half_years() {
        let h: HalfYear = "2012-H1".parse().unwrap();
        assert_eq!(
            h,
            HalfYear {
                year: 2012,
                half: 1
            }
        );
        assert_eq!(h.to_string(), "2012-H1");
        assert_eq!(
            h.period(),
            Period {
                from: d(2012, 1, 1),
                to: d(2012, 6, 30)
            }
        );
        let h: HalfYear = "2012-H2".parse().unwrap();
        assert_eq!(
            h.period(),
            Period {
                from: d(2012, 7, 1),
                to: d(2012, 12, 31)
            }
        );
        for bad in ["2012", "2012-H3", "12-H1", "2012-T1", "abcd-H1", ""] {
            assert!(bad.parse::<HalfYear>().is_err(), "{bad}");
        }
    }

    #[test]
    fn method_figures_by_hand() {
        use GoalOutcome::*;
        let rec = |status, s, e, r: Option<NaiveDate>, o: Vec<GoalOutcome>| PlanRecord {
            status,
            period_start: s,
            period_end: e,
            reviewed_on: r,
            outcomes: o,
        };
        let plans = [
            // Written in H1, reviewed on time in H1: 2 goals.
            rec(
                PlanStatus::Reviewed,
                d(2012, 1, 1),
                d(2012, 3, 31),
                Some(d(2012, 3, 30)),
                vec![Achieved, NotAchieved],
            ),
            // Its successor, written in H1, reviewed late in H2.
            rec(
                PlanStatus::Reviewed,
                d(2012, 3, 31),
                d(2012, 6, 29),
                Some(d(2012, 7, 10)),
                vec![PartlyAchieved],
            ),
            // Active, ended in H1 without a review: missing.
            rec(
                PlanStatus::Active,
                d(2012, 2, 1),
                d(2012, 4, 30),
                None,
                vec![],
            ),
            // Active, ends in H2: not due in H1.
            rec(
                PlanStatus::Active,
                d(2012, 5, 1),
                d(2012, 7, 31),
                None,
                vec![],
            ),
            // Drafts never count.
            rec(
                PlanStatus::Draft,
                d(2012, 1, 1),
                d(2012, 3, 31),
                None,
                vec![],
            ),
        ];
        let f = method_figures("2012-H1".parse().unwrap(), &plans, d(2012, 8, 1));
        assert_eq!(
            f,
            MethodFigures {
                plans_written: 4,
                reviews_due: 3,
                reviews_on_time: 1,
                reviews_late: 1,
                reviews_missing: 1,
                goals_assessed: 2,
                goals_achieved: 1,
                goals_partly_achieved: 0,
                goals_not_achieved: 1,
            }
        );
        let f = method_figures("2012-H2".parse().unwrap(), &plans, d(2012, 8, 1));
        assert_eq!(
            (f.plans_written, f.reviews_due, f.reviews_missing),
            (0, 1, 1)
        );
        assert_eq!((f.goals_assessed, f.goals_partly_achieved), (1, 1));
    }

    fn date() -> impl Strategy<Value = NaiveDate> {
        (0i64..20_000).prop_map(|n| d(1990, 1, 1) + TimeDelta::days(n))
    }

    proptest! {
        #[test]
        fn period_is_three_months(start in date()) {
            let end = default_period_end(start);
            let days = (end - start).num_days() + 1;
            prop_assert!((89..=92).contains(&days), "{start} → {end}: {days} days");
            // The end is never before the same day three months on (minus one).
            prop_assert!(end >= start + TimeDelta::days(88));
            if start.day() == 1 {
                // A period from the first of a month ends on the last of the third month.
                prop_assert_eq!((end + TimeDelta::days(1)).day(), 1);
            }
        }

        #[test]
        fn period_end_is_monotone(start in date(), later in 0i64..400) {
            let other = start + TimeDelta::days(later);
            prop_assert!(default_period_end(start) <= default_period_end(other));
        }

        #[test]
        fn review_check_accepts_exactly_complete_reasoned_outcomes(
            outcomes in proptest::collection::vec((0usize..3, proptest::bool::ANY), 0..6)
        ) {
            let ids: Vec<String> = (0..outcomes.len()).map(|i| format!("g{i}")).collect();
            let goal_ids: Vec<&str> = ids.iter().map(String::as_str).collect();
            let inputs: Vec<OutcomeInput<'_>> = outcomes
                .iter()
                .enumerate()
                .map(|(i, (o, reason))| OutcomeInput {
                    goal_id: goal_ids[i],
                    outcome: GoalOutcome::ALL[*o],
                    reason: reason.then_some("orsak"),
                })
                .collect();
            let valid = outcomes.iter().all(|(o, reason)| *o == 0 || *reason);
            prop_assert_eq!(check_review(&goal_ids, &inputs).is_empty(), valid);
            // Leaving out any goal is always an error.
            if !inputs.is_empty() {
                prop_assert!(!check_review(&goal_ids, &inputs[1..]).is_empty());
            }
        }

        #[test]
        fn figures_partition_the_due_reviews(
            plans in proptest::collection::vec((0usize..3, 0i64..400, 0i64..150, proptest::option::of(-30i64..60)), 0..20),
            today in 0i64..700,
        ) {
            let base = d(2012, 1, 1);
            let records: Vec<PlanRecord> = plans
                .iter()
                .map(|(s, start, len, review)| {
                    let period_start = base + TimeDelta::days(*start);
                    let period_end = period_start + TimeDelta::days(*len);
                    let status = PlanStatus::ALL[*s];
                    let reviewed_on = (status == PlanStatus::Reviewed)
                        .then(|| period_end + TimeDelta::days(review.unwrap_or(0)));
                    PlanRecord { status, period_start, period_end, reviewed_on, outcomes: vec![GoalOutcome::Achieved] }
                })
                .collect();
            let today = base + TimeDelta::days(today);
            for half in ["2012-H1", "2012-H2", "2013-H1"] {
                let f = method_figures(half.parse().unwrap(), &records, today);
                prop_assert!(f.reviews_on_time + f.reviews_late + f.reviews_missing <= f.reviews_due);
                prop_assert_eq!(f.goals_assessed, f.goals_achieved + f.goals_partly_achieved + f.goals_not_achieved);
                prop_assert!(f.plans_written as usize <= records.len());
            }
        }
    }
}
