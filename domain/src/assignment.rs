//! Staff assignments: who works with a participant, in which capacity, from when to when.
//! A running assignment makes the staff member "assigned" (protected identities become visible)
//! and puts the participant in their caseload.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::text_enum::text_enum;

/// The capacity a staff member works with a participant in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum AssignmentKind {
    /// Ansvarig handläggare.
    Caseworker,
    /// Arbetskonsulent.
    WorkConsultant,
    /// Boendestödjare.
    HousingSupport,
    /// Behandlingskontakt.
    TreatmentContact,
}

text_enum!(AssignmentKind {
    Caseworker => "caseworker",
    WorkConsultant => "work_consultant",
    HousingSupport => "housing_support",
    TreatmentContact => "treatment_contact",
});

/// Whether an assignment from `start` to `end` (inclusive; `None` open) runs on `today`.
pub fn is_running(start: NaiveDate, end: Option<NaiveDate>, today: NaiveDate) -> bool {
    start <= today && end.is_none_or(|e| e >= today)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;
    use crate::text_enum::assert_text_codes_consistent;

    #[test]
    fn running() {
        assert_text_codes_consistent(AssignmentKind::ALL, AssignmentKind::as_str);
        let d = |day| NaiveDate::from_ymd_opt(2012, 1, day).unwrap();
        assert!(is_running(d(1), None, d(1)));
        assert!(is_running(d(1), Some(d(5)), d(5)));
        assert!(!is_running(d(1), Some(d(5)), d(6)));
        assert!(!is_running(d(2), None, d(1)));
    }
}
