//! Contacts (journal entries): meetings, calls and visits with one or more participants, and the
//! "participated" rule of the final report (met the responsible staff more than twice).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::text_enum::text_enum;

/// What kind of contact it was.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum ContactKind {
    /// Möte (at the office).
    Meeting,
    /// Telefonsamtal.
    PhoneCall,
    /// Hembesök.
    HomeVisit,
    /// Arbetsplatsbesök (follow-up at an internship).
    WorkplaceVisit,
    /// Studiebesök (participant, employer and consultant meet before an internship).
    StudyVisit,
    /// Gruppträff.
    GroupSession,
    /// Annat.
    Other,
}

text_enum!(ContactKind {
    Meeting => "meeting",
    PhoneCall => "phone_call",
    HomeVisit => "home_visit",
    WorkplaceVisit => "workplace_visit",
    StudyVisit => "study_visit",
    GroupSession => "group_session",
    Other => "other",
});

/// A contact dated after today cannot have been attended yet (it can be booked as not attended).
pub fn check_attendance(date: NaiveDate, attended: bool, today: NaiveDate) -> Result<(), String> {
    if attended && date > today {
        Err("a contact in the future cannot be marked as attended".into())
    } else {
        Ok(())
    }
}

/// "Deltagit" in the final report: met the responsible staff more than this many times.
pub const PARTICIPATION_THRESHOLD: usize = 2;

/// Whether a participant counts as having participated, given their attended contacts.
pub fn participated(attended_contacts: usize) -> bool {
    attended_contacts > PARTICIPATION_THRESHOLD
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;
    use crate::text_enum::assert_text_codes_consistent;
    use proptest::prelude::*;

    #[test]
    fn codes() {
        assert_text_codes_consistent(ContactKind::ALL, ContactKind::as_str);
    }

    #[test]
    fn participated_means_more_than_twice() {
        assert!(!participated(0));
        assert!(!participated(2));
        assert!(participated(3));
    }

    proptest! {
        #[test]
        fn attendance_only_refused_in_the_future(offset in -400i64..400, attended: bool) {
            let today = NaiveDate::from_ymd_opt(2012, 6, 1).unwrap();
            let date = today + chrono::TimeDelta::days(offset);
            let ok = check_attendance(date, attended, today).is_ok();
            prop_assert_eq!(ok, !attended || offset <= 0);
        }
    }
}
