//! Internship agreements (praktikavtal), seed 002: "ett praktikavtal skrivits på en månad, i några
//! fall på längre period … praktikavtalet kan upphävas av alla parter under perioden … En
//! förlängning har föregåtts av en uppföljning, vanligtvis genom arbetsplatsbesök men ibland även
//! via telefonsamtal med båda parter."

use chrono::{Months, NaiveDate, TimeDelta};
use serde::{Deserialize, Serialize};

use crate::text_enum::text_enum;

/// How a follow-up of an internship was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(as = AgreementFollowUpKind))]
pub enum FollowUpKind {
    /// Arbetsplatsbesök.
    WorkplaceVisit,
    /// Telefonsamtal med båda parter.
    PhoneCall,
}

text_enum!(FollowUpKind {
    WorkplaceVisit => "workplace_visit",
    PhoneCall => "phone_call",
});

/// The party that ended an agreement early (any of them may).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum AgreementParty {
    Participant,
    Employer,
    /// The work consultant (for the social services).
    Consultant,
}

text_enum!(AgreementParty {
    Participant => "participant",
    Employer => "employer",
    Consultant => "consultant",
});

/// The default period: one month from the start, the day before the same date next month
/// (2012-03-01 → 2012-03-31; 2012-01-31 → 2012-02-28, because 31 February clamps to the 29th).
pub fn default_end(start: NaiveDate) -> NaiveDate {
    start
        .checked_add_months(Months::new(1))
        .and_then(|d| d.checked_sub_signed(TimeDelta::days(1)))
        .unwrap_or(start)
}

/// A rule broken by an agreement request. `conflict` problems are 409 (the state of the
/// agreement forbids it), the others 422 naming `field`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgreementProblem {
    pub field: &'static str,
    pub message: String,
    pub conflict: bool,
}

fn invalid(field: &'static str, message: impl Into<String>) -> AgreementProblem {
    AgreementProblem {
        field,
        message: message.into(),
        conflict: false,
    }
}

fn conflict(field: &'static str, message: impl Into<String>) -> AgreementProblem {
    AgreementProblem {
        field,
        message: message.into(),
        conflict: true,
    }
}

/// Checks a new agreement's period and signing date.
pub fn check_period(
    start: NaiveDate,
    end: NaiveDate,
    signed_on: Option<NaiveDate>,
    today: NaiveDate,
) -> Vec<AgreementProblem> {
    let mut out = Vec::new();
    if end < start {
        out.push(invalid(
            "period_end",
            "must not be before the period's start",
        ));
    }
    if signed_on.is_some_and(|s| s > today) {
        out.push(invalid("signed_on", "must not be in the future"));
    }
    out
}

/// What an extension is checked against.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgreementState {
    pub start: NaiveDate,
    /// The current end (after earlier extensions).
    pub end: NaiveDate,
    pub ended_early_on: Option<NaiveDate>,
    /// The decision dates of earlier extensions.
    pub extensions: Vec<NaiveDate>,
}

/// A recorded follow-up: its date and whether an earlier extension already rests on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FollowUp {
    pub on: NaiveDate,
    pub used: bool,
}

/// The follow-ups an extension decided on `decided_on` may rest on: not already used, dated on
/// or after the agreement's start and after the previous extension, and not after `decided_on`.
pub fn eligible_follow_up(
    state: &AgreementState,
    follow_ups: &[FollowUp],
    decided_on: NaiveDate,
) -> Option<usize> {
    let floor = state
        .extensions
        .iter()
        .copied()
        .max()
        .map_or(state.start, |last| last.max(state.start));
    follow_ups
        .iter()
        .enumerate()
        .filter(|(_, f)| !f.used && f.on >= floor && f.on <= decided_on)
        .max_by_key(|(_, f)| f.on)
        .map(|(i, _)| i)
}

/// Checks an extension to `new_end` decided on `decided_on`, and returns the index of the
/// follow-up it rests on (the latest eligible one). Extending an agreement that ended early, or
/// without a follow-up recorded first, is a conflict; a new end not after the current one, or a
/// decision in the future, is invalid.
pub fn check_extension(
    state: &AgreementState,
    follow_ups: &[FollowUp],
    new_end: NaiveDate,
    decided_on: NaiveDate,
    today: NaiveDate,
) -> Result<usize, Vec<AgreementProblem>> {
    let mut out = Vec::new();
    if new_end <= state.end {
        out.push(invalid(
            "new_end",
            format!("must be after the agreement's current end ({})", state.end),
        ));
    }
    if decided_on > today {
        out.push(invalid("decided_on", "must not be in the future"));
    }
    if decided_on < state.start {
        out.push(invalid(
            "decided_on",
            "must not be before the agreement's start",
        ));
    }
    if !out.is_empty() {
        return Err(out);
    }
    if state.ended_early_on.is_some() {
        return Err(vec![conflict(
            "new_end",
            "the agreement has been ended early and cannot be extended",
        )]);
    }
    eligible_follow_up(state, follow_ups, decided_on).ok_or_else(|| {
        vec![conflict(
            "follow_up",
            "an extension must be preceded by a follow-up (workplace visit or phone call) recorded since the agreement started or was last extended",
        )]
    })
}

/// Checks a follow-up date: within the agreement (start to current end) and not in the future.
pub fn check_follow_up(start: NaiveDate, on: NaiveDate, today: NaiveDate) -> Vec<AgreementProblem> {
    let mut out = Vec::new();
    if on < start {
        out.push(invalid(
            "occurred_on",
            "must not be before the agreement's start",
        ));
    }
    if on > today {
        out.push(invalid("occurred_on", "must not be in the future"));
    }
    out
}

/// Checks an early end on `on`: not already ended, within the period, not in the future.
pub fn check_early_end(
    state: &AgreementState,
    on: NaiveDate,
    today: NaiveDate,
) -> Vec<AgreementProblem> {
    if state.ended_early_on.is_some() {
        return vec![conflict(
            "ended_on",
            "the agreement has already been ended early",
        )];
    }
    let mut out = Vec::new();
    if on < state.start || on > state.end {
        out.push(invalid(
            "ended_on",
            format!(
                "must lie within the agreement ({} to {})",
                state.start, state.end
            ),
        ));
    }
    if on > today {
        out.push(invalid("ended_on", "must not be in the future"));
    }
    out
}

/// Whether a running agreement (not ended early) ends within `days` days from `today` (ends today
/// included; already-passed ends excluded) — the consultant's due list.
pub fn ends_within(end: NaiveDate, ended_early: bool, today: NaiveDate, days: i64) -> bool {
    !ended_early && end >= today && (end - today).num_days() <= days
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

    fn state() -> AgreementState {
        AgreementState {
            start: d(2012, 3, 1),
            end: d(2012, 3, 31),
            ended_early_on: None,
            extensions: vec![],
        }
    }

    #[test]
    fn codes() {
        assert_text_codes_consistent(FollowUpKind::ALL, FollowUpKind::as_str);
        assert_text_codes_consistent(AgreementParty::ALL, AgreementParty::as_str);
    }

    #[test]
    fn default_period_is_one_month() {
        assert_eq!(default_end(d(2012, 3, 1)), d(2012, 3, 31));
        assert_eq!(default_end(d(2012, 3, 15)), d(2012, 4, 14));
        assert_eq!(default_end(d(2012, 1, 31)), d(2012, 2, 28));
        assert_eq!(default_end(d(2012, 12, 10)), d(2013, 1, 9));
    }

    #[test]
    fn extension_needs_a_follow_up_first() {
        let today = d(2012, 6, 1);
        let none = check_extension(&state(), &[], d(2012, 4, 30), d(2012, 3, 28), today);
        assert!(none.unwrap_err()[0].conflict);
        // A follow-up after the decision does not count.
        let later = [FollowUp {
            on: d(2012, 3, 29),
            used: false,
        }];
        assert!(check_extension(&state(), &later, d(2012, 4, 30), d(2012, 3, 28), today).is_err());
        // Before the start does not count.
        let early = [FollowUp {
            on: d(2012, 2, 20),
            used: false,
        }];
        assert!(check_extension(&state(), &early, d(2012, 4, 30), d(2012, 3, 28), today).is_err());
        let ok = [
            FollowUp {
                on: d(2012, 3, 10),
                used: false,
            },
            FollowUp {
                on: d(2012, 3, 27),
                used: false,
            },
        ];
        assert_eq!(
            check_extension(&state(), &ok, d(2012, 4, 30), d(2012, 3, 28), today),
            Ok(1)
        );
    }

    #[test]
    fn each_extension_needs_its_own_follow_up() {
        let mut s = state();
        s.end = d(2012, 4, 30);
        s.extensions = vec![d(2012, 3, 28)];
        let used = [FollowUp {
            on: d(2012, 3, 27),
            used: true,
        }];
        assert!(check_extension(&s, &used, d(2012, 5, 31), d(2012, 4, 25), d(2012, 6, 1)).is_err());
        // An unused one from before the previous extension does not count either.
        let stale = [FollowUp {
            on: d(2012, 3, 20),
            used: false,
        }];
        assert!(
            check_extension(&s, &stale, d(2012, 5, 31), d(2012, 4, 25), d(2012, 6, 1)).is_err()
        );
        let fresh = [FollowUp {
            on: d(2012, 4, 24),
            used: false,
        }];
        assert!(check_extension(&s, &fresh, d(2012, 5, 31), d(2012, 4, 25), d(2012, 6, 1)).is_ok());
    }

    #[test]
    fn extension_must_move_the_end_and_not_after_early_end() {
        let f = [FollowUp {
            on: d(2012, 3, 10),
            used: false,
        }];
        let e = check_extension(&state(), &f, d(2012, 3, 31), d(2012, 3, 28), d(2012, 6, 1));
        let e = e.unwrap_err();
        assert_eq!(e[0].field, "new_end");
        assert!(!e[0].conflict);
        let mut ended = state();
        ended.ended_early_on = Some(d(2012, 3, 20));
        let e = check_extension(&ended, &f, d(2012, 4, 30), d(2012, 3, 28), d(2012, 6, 1));
        assert!(e.unwrap_err()[0].conflict);
    }

    #[test]
    fn early_end() {
        let today = d(2012, 6, 1);
        assert!(check_early_end(&state(), d(2012, 3, 15), today).is_empty());
        assert_eq!(
            check_early_end(&state(), d(2012, 4, 15), today)[0].field,
            "ended_on"
        );
        assert!(
            check_early_end(&state(), d(2012, 3, 15), d(2012, 3, 10))[0]
                .message
                .contains("future")
        );
        let mut ended = state();
        ended.ended_early_on = Some(d(2012, 3, 20));
        assert!(check_early_end(&ended, d(2012, 3, 25), today)[0].conflict);
    }

    #[test]
    fn due_list() {
        let today = d(2012, 3, 25);
        assert!(ends_within(d(2012, 3, 31), false, today, 7));
        assert!(ends_within(d(2012, 3, 25), false, today, 0));
        assert!(!ends_within(d(2012, 3, 31), true, today, 7));
        assert!(!ends_within(d(2012, 4, 30), false, today, 7));
        assert!(!ends_within(d(2012, 3, 24), false, today, 7));
    }

    proptest! {
        #[test]
        fn default_end_is_within_a_month(offset in 0i64..3000) {
            let start = d(2010, 1, 1) + TimeDelta::days(offset);
            let end = default_end(start);
            prop_assert!(end >= start + TimeDelta::days(26));
            prop_assert!(end <= start + TimeDelta::days(30));
        }

        #[test]
        fn extension_ok_iff_an_eligible_follow_up(f in 0i64..60, decided in 0i64..60, used: bool) {
            let s = state();
            let on = d(2012, 2, 15) + TimeDelta::days(f);
            let decided_on = d(2012, 3, 1) + TimeDelta::days(decided);
            let r = check_extension(&s, &[FollowUp { on, used }], d(2012, 6, 30), decided_on, d(2012, 12, 31));
            prop_assert_eq!(r.is_ok(), !used && on >= s.start && on <= decided_on);
        }
    }
}
