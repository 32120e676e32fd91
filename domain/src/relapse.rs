//! Relapses (återfall): expected, recorded, and followed by new treatment or resumed planning.
//! The final report counts relapses and how many resumed.

use serde::{Deserialize, Serialize};

use crate::text_enum::text_enum;

/// What followed a relapse.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum RelapseOutcome {
    /// Planeringen återupptogs.
    ResumedPlanning,
    /// Ny behandling.
    NewTreatment,
    /// Planeringen avbröts.
    PlanInterrupted,
    /// Ännu inte känt.
    NotYetKnown,
}

text_enum!(RelapseOutcome {
    ResumedPlanning => "resumed_planning",
    NewTreatment => "new_treatment",
    PlanInterrupted => "plan_interrupted",
    NotYetKnown => "not_yet_known",
});

impl RelapseOutcome {
    /// Counted as "resumed" in the final report (8 of the 10 who relapsed).
    pub fn resumed(&self) -> bool {
        matches!(self, Self::ResumedPlanning | Self::NewTreatment)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text_enum::assert_text_codes_consistent;

    #[test]
    fn codes_and_resumed() {
        assert_text_codes_consistent(RelapseOutcome::ALL, RelapseOutcome::as_str);
        assert!(RelapseOutcome::NewTreatment.resumed());
        assert!(!RelapseOutcome::PlanInterrupted.resumed());
    }
}
