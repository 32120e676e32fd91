//! The due list: what a staff member must do soon or should already have done. One definition
//! of each kind's due date and of urgency, shared by the API and the reports.

use chrono::{NaiveDate, TimeDelta};
use serde::{Deserialize, Serialize};

use crate::text_enum::text_enum;

/// What kind of thing is due.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum DueKind {
    /// An active action plan's period ends: review it with the participant (uppföljning).
    PlanReview,
    /// A housing follow-up (before move-in, 6 months, lease takeover / 18 months) not yet done.
    HousingFollowUp,
    /// A tenancy reaches its planned lease takeover (by default 18 months after move-in).
    LeaseTakeover,
    /// A booked first meeting for a referral.
    FirstMeeting,
    /// An internship agreement's period ends (extend after a follow-up, or end it).
    InternshipAgreementEnding,
    /// An ongoing activity has had no follow-up for a while.
    ActivityFollowUp,
    /// No attended contact with an active participant for the configured number of days.
    NoRecentContact,
}

text_enum!(DueKind {
    PlanReview => "plan_review",
    HousingFollowUp => "housing_follow_up",
    LeaseTakeover => "lease_takeover",
    FirstMeeting => "first_meeting",
    InternshipAgreementEnding => "internship_agreement_ending",
    ActivityFollowUp => "activity_follow_up",
    NoRecentContact => "no_recent_contact",
});

/// How urgent a due item is, relative to today.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Urgency {
    /// The due date has passed.
    Overdue,
    /// Due today.
    Today,
    /// Due within the next 7 days.
    ThisWeek,
    /// Due later.
    Later,
}

text_enum!(Urgency {
    Overdue => "overdue",
    Today => "today",
    ThisWeek => "this_week",
    Later => "later",
});

/// The urgency of something due on `due_on`, seen on `today`.
pub fn urgency(due_on: NaiveDate, today: NaiveDate) -> Urgency {
    let days = (due_on - today).num_days();
    match days {
        d if d < 0 => Urgency::Overdue,
        0 => Urgency::Today,
        1..=7 => Urgency::ThisWeek,
        _ => Urgency::Later,
    }
}

/// Whether an item belongs on a list that shows what is due within `within_days` days: everything
/// overdue, and everything due from today up to and including today + `within_days`.
pub fn is_listed(due_on: NaiveDate, today: NaiveDate, within_days: u32) -> bool {
    due_on <= today + TimeDelta::days(i64::from(within_days))
}

/// When "no recent contact" becomes due: `days` after the last attended contact, or after the
/// participant was registered when there has been none.
pub fn no_contact_due_on(
    last_contact: Option<NaiveDate>,
    registered_on: NaiveDate,
    days: u32,
) -> NaiveDate {
    last_contact.unwrap_or(registered_on) + TimeDelta::days(i64::from(days))
}

/// Orders due items: most urgent first, then by due date, then by kind (stable output).
pub fn sort_key(
    kind: DueKind,
    due_on: NaiveDate,
    today: NaiveDate,
) -> (Urgency, NaiveDate, DueKind) {
    (urgency(due_on, today), due_on, kind)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn urgency_boundaries() {
        let today = d("2026-11-25");
        assert_eq!(urgency(d("2026-11-24"), today), Urgency::Overdue);
        assert_eq!(urgency(d("2026-11-25"), today), Urgency::Today);
        assert_eq!(urgency(d("2026-11-26"), today), Urgency::ThisWeek);
        assert_eq!(urgency(d("2026-12-02"), today), Urgency::ThisWeek);
        assert_eq!(urgency(d("2026-12-03"), today), Urgency::Later);
    }

    #[test]
    fn listing_window_includes_overdue_and_the_last_day() {
        let today = d("2026-11-25");
        assert!(is_listed(d("2020-01-01"), today, 0));
        assert!(is_listed(today, today, 0));
        assert!(!is_listed(d("2026-11-26"), today, 0));
        assert!(is_listed(d("2026-12-09"), today, 14));
        assert!(!is_listed(d("2026-12-10"), today, 14));
    }

    #[test]
    fn no_contact_counts_from_the_last_contact_or_registration() {
        assert_eq!(
            no_contact_due_on(Some(d("2026-11-01")), d("2026-01-01"), 30),
            d("2026-12-01")
        );
        assert_eq!(
            no_contact_due_on(None, d("2026-11-01"), 30),
            d("2026-12-01")
        );
    }

    #[test]
    fn text_codes_round_trip() {
        for k in DueKind::ALL {
            assert_eq!(k.as_str().parse::<DueKind>().unwrap(), *k);
            assert_eq!(serde_json::to_value(k).unwrap(), k.as_str());
        }
        for u in Urgency::ALL {
            assert_eq!(u.as_str().parse::<Urgency>().unwrap(), *u);
        }
    }

    proptest! {
        #[test]
        fn urgency_is_monotonic_in_the_due_date(offset in -400i64..400, step in 0i64..30) {
            let today = d("2026-06-15");
            let a = today + TimeDelta::days(offset);
            let b = a + TimeDelta::days(step);
            prop_assert!(urgency(a, today) <= urgency(b, today));
        }

        #[test]
        fn listed_items_are_never_later_than_the_window(offset in -400i64..400, within in 0u32..120) {
            let today = d("2026-06-15");
            let due = today + TimeDelta::days(offset);
            prop_assert_eq!(is_listed(due, today, within), offset <= i64::from(within));
        }
    }
}
