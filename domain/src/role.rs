//! Staff roles. A role says what kind of work a person does; the permission policy (in the API)
//! combines it with the unit and the case assignment to decide every access.

use serde::{Deserialize, Serialize};

use crate::text_enum::text_enum;

/// A staff member's role, named after the work rather than a permission level, so the policy
/// can change without renaming roles.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Role {
    /// Systemadministratör: staff accounts, units and reference data.
    Admin,
    /// Enhetschef: sees everything in the unit and reports every tertial and year.
    Manager,
    /// Socialsekreterare / handläggare: owns a participant's case, refers, decides and follows
    /// up interventions.
    Caseworker,
    /// Arbetskonsulent: maps work history, finds internships, writes internship agreements.
    WorkConsultant,
    /// Boendestödjare: home visits, action plans, teaching daily living.
    HousingSupport,
    /// Bosamordnare: apartment inventory, the queue, offers and move-ins, landlord contacts.
    HousingCoordinator,
    /// Behandlare / behandlingsassistent: treatment notes, relapses, group sessions.
    TreatmentStaff,
    /// Läsbehörighet: may read what the unit allows, never change anything.
    ReadOnly,
}

text_enum!(Role {
    Admin => "admin",
    Manager => "manager",
    Caseworker => "caseworker",
    WorkConsultant => "work_consultant",
    HousingSupport => "housing_support",
    HousingCoordinator => "housing_coordinator",
    TreatmentStaff => "treatment_staff",
    ReadOnly => "read_only",
});

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;
    use crate::text_enum::assert_text_codes_consistent;

    #[test]
    fn text_codes_match_serde_names() {
        assert_text_codes_consistent(Role::ALL, Role::as_str);
    }

    #[test]
    fn codes_are_the_agreed_strings() {
        let codes: Vec<_> = Role::ALL.iter().map(Role::as_str).collect();
        assert_eq!(
            codes,
            [
                "admin",
                "manager",
                "caseworker",
                "work_consultant",
                "housing_support",
                "housing_coordinator",
                "treatment_staff",
                "read_only",
            ]
        );
    }
}
