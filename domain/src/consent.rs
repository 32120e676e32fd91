//! Consents (samtycken): what a participant allows staff to share, and with whom. A consent is
//! active from the day it is given until it is withdrawn or expires; the state is derived from
//! the dates and today, never stored.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::text_enum::text_enum;

/// The party information may be shared with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum ConsentParty {
    /// Arbetsförmedlingen.
    EmploymentService,
    /// Hyresvärd.
    Landlord,
    /// Beroendevården.
    AddictionCare,
    /// Frivården (probation).
    Probation,
    /// Hälso- och sjukvården.
    HealthCare,
    /// Försäkringskassan.
    SocialInsurance,
    /// Bostadsförmedlingen.
    HousingAgency,
    /// Jobbtorg.
    JobCentre,
    /// Annan part (name it).
    Other,
}

text_enum!(ConsentParty {
    EmploymentService => "employment_service",
    Landlord => "landlord",
    AddictionCare => "addiction_care",
    Probation => "probation",
    HealthCare => "health_care",
    SocialInsurance => "social_insurance",
    HousingAgency => "housing_agency",
    JobCentre => "job_centre",
    Other => "other",
});

/// Where a consent stands on a given day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum ConsentState {
    /// Gäller.
    Active,
    /// Given with a start in the future (recorded ahead).
    NotYetValid,
    /// Past its expiry date.
    Expired,
    /// Återkallat.
    Withdrawn,
}

text_enum!(ConsentState {
    Active => "active",
    NotYetValid => "not_yet_valid",
    Expired => "expired",
    Withdrawn => "withdrawn",
});

/// The state on `today`: withdrawn wins over expired; the expiry day itself is still valid.
pub fn state(
    given_on: NaiveDate,
    expires_on: Option<NaiveDate>,
    withdrawn_on: Option<NaiveDate>,
    today: NaiveDate,
) -> ConsentState {
    if withdrawn_on.is_some_and(|w| w <= today) {
        ConsentState::Withdrawn
    } else if expires_on.is_some_and(|e| e < today) {
        ConsentState::Expired
    } else if given_on > today {
        ConsentState::NotYetValid
    } else {
        ConsentState::Active
    }
}

/// Checks a consent's dates; returns (field, message) pairs.
pub fn check_dates(
    given_on: NaiveDate,
    expires_on: Option<NaiveDate>,
    withdrawn_on: Option<NaiveDate>,
    today: NaiveDate,
) -> Vec<(&'static str, &'static str)> {
    let mut out = Vec::new();
    if given_on > today {
        out.push(("given_on", "must not be in the future"));
    }
    if expires_on.is_some_and(|e| e < given_on) {
        out.push(("expires_on", "must not be before given_on"));
    }
    if let Some(w) = withdrawn_on {
        if w < given_on {
            out.push(("withdrawn_on", "must not be before given_on"));
        } else if w > today {
            out.push(("withdrawn_on", "must not be in the future"));
        }
    }
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;
    use crate::text_enum::assert_text_codes_consistent;
    use proptest::prelude::*;

    fn d(day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2012, 5, day).unwrap()
    }

    #[test]
    fn states() {
        assert_text_codes_consistent(ConsentParty::ALL, ConsentParty::as_str);
        assert_text_codes_consistent(ConsentState::ALL, ConsentState::as_str);
        assert_eq!(state(d(1), None, None, d(10)), ConsentState::Active);
        assert_eq!(state(d(1), Some(d(10)), None, d(10)), ConsentState::Active);
        assert_eq!(state(d(1), Some(d(9)), None, d(10)), ConsentState::Expired);
        assert_eq!(
            state(d(1), Some(d(9)), Some(d(5)), d(10)),
            ConsentState::Withdrawn
        );
        assert_eq!(state(d(11), None, None, d(10)), ConsentState::NotYetValid);
        assert_eq!(check_dates(d(5), Some(d(4)), Some(d(3)), d(10)).len(), 2);
        assert_eq!(
            check_dates(d(11), None, None, d(10)),
            [("given_on", "must not be in the future")]
        );
    }

    proptest! {
        #[test]
        fn active_only_inside_the_window(g in 0i64..60, e in proptest::option::of(0i64..60), w in proptest::option::of(0i64..60), t in 0i64..60) {
            let base = d(1);
            let at = |n: i64| base + chrono::TimeDelta::days(n);
            let s = state(at(g), e.map(at), w.map(at), at(t));
            let active = g <= t && e.is_none_or(|e| t <= e) && w.is_none_or(|w| t < w);
            prop_assert_eq!(s == ConsentState::Active, active);
        }
    }
}
