//! ASI (Addiction Severity Index) interviews: a baseline and follow-ups, each with the
//! interviewer's severity rating (0–9) and the participant's own rating (0–4) for the seven life
//! areas, so the change between baseline and follow-up can be reported.

use serde::{Deserialize, Serialize};

use crate::text_enum::text_enum;

/// The seven life areas of the ASI.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum AsiArea {
    /// Fysisk hälsa.
    Medical,
    /// Arbete och försörjning.
    EmploymentSupport,
    /// Alkohol.
    Alcohol,
    /// Narkotika.
    Drugs,
    /// Kriminalitet.
    Legal,
    /// Familj och umgänge.
    FamilySocial,
    /// Psykisk hälsa.
    Psychiatric,
}

text_enum!(AsiArea {
    Medical => "medical",
    EmploymentSupport => "employment_support",
    Alcohol => "alcohol",
    Drugs => "drugs",
    Legal => "legal",
    FamilySocial => "family_social",
    Psychiatric => "psychiatric",
});

/// Baseline (grundintervju) or follow-up (uppföljning).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum AsiKind {
    Baseline,
    FollowUp,
}

text_enum!(AsiKind {
    Baseline => "baseline",
    FollowUp => "follow_up",
});

/// The highest interviewer severity rating.
pub const MAX_SEVERITY: u8 = 9;
/// The highest participant self-rating.
pub const MAX_OWN_RATING: u8 = 4;

/// The ratings for one life area.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AreaRating {
    pub area: AsiArea,
    /// Intervjuarens skattning, 0–9.
    pub interviewer_severity: u8,
    /// Klientens egen skattning, 0–4.
    pub participant_rating: u8,
}

/// Checks a set of ratings: each area at most once, values in range. Returns (index, field, message).
pub fn check_ratings(ratings: &[AreaRating]) -> Vec<(usize, &'static str, String)> {
    let mut out = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for (i, r) in ratings.iter().enumerate() {
        if !seen.insert(r.area) {
            out.push((i, "area", format!("{} is rated twice", r.area)));
        }
        if r.interviewer_severity > MAX_SEVERITY {
            out.push((
                i,
                "interviewer_severity",
                format!("must be 0–{MAX_SEVERITY}"),
            ));
        }
        if r.participant_rating > MAX_OWN_RATING {
            out.push((
                i,
                "participant_rating",
                format!("must be 0–{MAX_OWN_RATING}"),
            ));
        }
    }
    out
}

/// The change in one area from one interview to a later one (negative: less severe).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AreaChange {
    pub area: AsiArea,
    pub interviewer_severity_change: i16,
    pub participant_rating_change: i16,
}

/// The change per area rated in both interviews, in area order.
pub fn change(baseline: &[AreaRating], follow_up: &[AreaRating]) -> Vec<AreaChange> {
    let mut out: Vec<AreaChange> = baseline
        .iter()
        .filter_map(|b| {
            follow_up
                .iter()
                .find(|f| f.area == b.area)
                .map(|f| AreaChange {
                    area: b.area,
                    interviewer_severity_change: i16::from(f.interviewer_severity)
                        - i16::from(b.interviewer_severity),
                    participant_rating_change: i16::from(f.participant_rating)
                        - i16::from(b.participant_rating),
                })
        })
        .collect();
    out.sort_by_key(|c| c.area);
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;
    use crate::text_enum::assert_text_codes_consistent;
    use proptest::prelude::*;

    fn r(area: AsiArea, s: u8, p: u8) -> AreaRating {
        AreaRating {
            area,
            interviewer_severity: s,
            participant_rating: p,
        }
    }

    #[test]
    fn ranges_and_change() {
        assert_text_codes_consistent(AsiArea::ALL, AsiArea::as_str);
        assert_text_codes_consistent(AsiKind::ALL, AsiKind::as_str);
        assert_eq!(AsiArea::ALL.len(), 7);
        assert!(check_ratings(&[r(AsiArea::Alcohol, 9, 4)]).is_empty());
        let p = check_ratings(&[r(AsiArea::Alcohol, 10, 5), r(AsiArea::Alcohol, 1, 1)]);
        assert_eq!(
            p.iter().map(|x| x.1).collect::<Vec<_>>(),
            ["interviewer_severity", "participant_rating", "area"]
        );
        let c = change(
            &[r(AsiArea::Drugs, 7, 4), r(AsiArea::Legal, 3, 1)],
            &[r(AsiArea::Drugs, 4, 2)],
        );
        assert_eq!(
            c,
            [AreaChange {
                area: AsiArea::Drugs,
                interviewer_severity_change: -3,
                participant_rating_change: -2
            }]
        );
    }

    proptest! {
        #[test]
        fn valid_iff_in_range(s in 0u8..20, p in 0u8..10) {
            let ok = check_ratings(&[r(AsiArea::Medical, s, p)]).is_empty();
            prop_assert_eq!(ok, s <= 9 && p <= 4);
            let same = change(&[r(AsiArea::Medical, s, p)], &[r(AsiArea::Medical, s, p)]);
            prop_assert_eq!(same[0].interviewer_severity_change, 0);
        }
    }
}
