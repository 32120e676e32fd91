//! The participant (deltagare): the person a case is about, and the facts recorded about them
//! at mapping (kartläggning) and follow-up — gender, housing, income and substance use — plus
//! the helpers for names, age and search that every participant screen needs.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::text_enum::text_enum;

/// Gender as recorded for reporting (the reports split every count by gender).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Gender {
    /// Kvinna.
    Woman,
    /// Man.
    Man,
    /// Annat (another gender identity).
    Other,
    /// Okänt (not recorded or not disclosed).
    Unknown,
}

text_enum!(Gender {
    Woman => "woman",
    Man => "man",
    Other => "other",
    Unknown => "unknown",
});

/// Whether the participant's case is open at the unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum ParticipantStatus {
    /// Aktuell: the unit is working with the person.
    Active,
    /// Avslutad: the case is closed (the record is kept for follow-up and reports).
    Closed,
}

text_enum!(ParticipantStatus {
    Active => "active",
    Closed => "closed",
});

/// Where the person lives, in the terms of the housing ladder (boendetrappan) and of
/// Socialstyrelsen's national homelessness survey.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum HousingSituation {
    /// Akut hemlös, sover ute (outdoors, stairwells, cars …).
    RoughSleeping,
    /// Härbärge or akutboende (night shelter).
    Shelter,
    /// Institution: kriminalvårdsanstalt, HVB, SiS, treatment unit.
    Institution,
    /// Tillfälligt boende: jourboende, hotell, vandrarhem (emergency hotel and the like).
    TemporaryHousing,
    /// Bor tillfälligt och kontraktslöst hos vänner, bekanta eller släkt.
    StayingWithFriends,
    /// Inneboende: rents a room in someone else's home, including a short private sublet.
    Lodger,
    /// Stödboende (e.g. "Valet"): supported housing run by or for the social services.
    SupportedHousing,
    /// Träningslägenhet: the unit holds the lease; the first step towards own housing.
    TrainingApartment,
    /// Försökslägenhet: the unit holds the lease; the person normally takes it over later.
    TrialApartment,
    /// Eget förstahandskontrakt (or owned home).
    OwnLease,
    /// Andrahandskontrakt via socialtjänsten (socialt kontrakt), with special conditions.
    SecondHandLease,
    /// Annat.
    Other,
    /// Okänt.
    Unknown,
}

text_enum!(HousingSituation {
    RoughSleeping => "rough_sleeping",
    Shelter => "shelter",
    Institution => "institution",
    TemporaryHousing => "temporary_housing",
    StayingWithFriends => "staying_with_friends",
    Lodger => "lodger",
    SupportedHousing => "supported_housing",
    TrainingApartment => "training_apartment",
    TrialApartment => "trial_apartment",
    OwnLease => "own_lease",
    SecondHandLease => "second_hand_lease",
    Other => "other",
    Unknown => "unknown",
});

impl HousingSituation {
    /// Homeless in Socialstyrelsen's sense: in any of its four homelessness situations. That
    /// includes the municipality's long-term solutions (training and trial apartments, social
    /// second-hand leases), because the person still has no lease of their own. `Other` and
    /// `Unknown` are not counted: the report must not guess.
    pub fn is_homeless(&self) -> bool {
        self.national_survey_situation().is_some()
    }

    /// The situation (1–4) in Socialstyrelsen's national homelessness survey, or `None` for
    /// own housing and for situations the survey cannot place.
    ///
    /// 1. Acute homelessness: rough sleeping, shelter, temporary housing (emergency hotel …).
    /// 2. Institution or supported housing. The survey counts these only if the person is due
    ///    to leave within three months with no home arranged; that needs data this enum does
    ///    not hold, so this returns 2 for every institution or supported-housing stay and the
    ///    caller refines it.
    /// 3. Long-term solutions arranged by the municipality: training or trial apartment,
    ///    second-hand lease via the social services.
    /// 4. Short-term private arrangements: staying with friends or family, lodger.
    pub fn national_survey_situation(&self) -> Option<u8> {
        match self {
            Self::RoughSleeping | Self::Shelter | Self::TemporaryHousing => Some(1),
            Self::Institution | Self::SupportedHousing => Some(2),
            Self::TrainingApartment | Self::TrialApartment | Self::SecondHandLease => Some(3),
            Self::StayingWithFriends | Self::Lodger => Some(4),
            Self::OwnLease | Self::Other | Self::Unknown => None,
        }
    }
}

/// The person's main source of income (recorded before move-in and at each follow-up).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum IncomeSource {
    /// Lön.
    Salary,
    /// Ekonomiskt bistånd (försörjningsstöd).
    FinancialAssistance,
    /// Sjukpenning.
    SicknessBenefit,
    /// Aktivitetsersättning or sjukersättning.
    ActivityCompensation,
    /// A-kassa or aktivitetsstöd.
    UnemploymentBenefit,
    /// Pension.
    Pension,
    /// Studiemedel.
    StudentAid,
    /// Ingen inkomst.
    None,
    /// Annat.
    Other,
    /// Okänt.
    Unknown,
}

text_enum!(IncomeSource {
    Salary => "salary",
    FinancialAssistance => "financial_assistance",
    SicknessBenefit => "sickness_benefit",
    ActivityCompensation => "activity_compensation",
    UnemploymentBenefit => "unemployment_benefit",
    Pension => "pension",
    StudentAid => "student_aid",
    None => "none",
    Other => "other",
    Unknown => "unknown",
});

/// The main substance in a substance-use problem (mapping and relapse records).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Substance {
    /// Alkohol.
    Alcohol,
    /// Cannabis.
    Cannabis,
    /// Amfetamin (and other central stimulants except cocaine).
    Amphetamine,
    /// Kokain.
    Cocaine,
    /// Opioider (heroin, methadone or buprenorphine outside treatment …).
    Opioids,
    /// Bensodiazepiner.
    Benzodiazepines,
    /// Blandmissbruk: several, none of them dominant.
    Multiple,
    /// Annat.
    Other,
    /// Inget missbruk.
    None,
    /// Okänt.
    Unknown,
}

text_enum!(Substance {
    Alcohol => "alcohol",
    Cannabis => "cannabis",
    Amphetamine => "amphetamine",
    Cocaine => "cocaine",
    Opioids => "opioids",
    Benzodiazepines => "benzodiazepines",
    Multiple => "multiple",
    Other => "other",
    None => "none",
    Unknown => "unknown",
});

/// Age in full years on `on`. Zero if `on` is before the date of birth (a data error the
/// caller should reject elsewhere; an age must not go negative in a report).
///
/// Someone born on 29 February becomes a year older on 1 March in common years, since the
/// birthday has not been reached on 28 February.
pub fn age_on(date_of_birth: NaiveDate, on: NaiveDate) -> u32 {
    if on < date_of_birth {
        return 0;
    }
    let years = on.year() - date_of_birth.year();
    let before_birthday = (on.month(), on.day()) < (date_of_birth.month(), date_of_birth.day());
    let full_years = if before_birthday { years - 1 } else { years };
    u32::try_from(full_years).unwrap_or(0)
}

/// The longest name accepted, in characters: generous for real names, short enough for lists.
pub const MAX_NAME_CHARS: usize = 100;

/// Why a name was rejected; the messages are meant for an API field error.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum NameError {
    /// Nothing left after trimming.
    #[error("must not be empty")]
    Empty,
    /// More than [`MAX_NAME_CHARS`] characters after normalising.
    #[error("must be at most 100 characters")]
    TooLong,
    /// Contains a control character or an invisible formatting character.
    #[error("must not contain control characters")]
    ControlCharacter,
}

impl NameError {
    /// A stable machine-readable code for the API's error table.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Empty => "empty",
            Self::TooLong => "too_long",
            Self::ControlCharacter => "control_character",
        }
    }
}

/// Trims a name, collapses runs of inner whitespace to one space, and checks it is 1–100
/// characters without control characters.
///
/// Control characters inside the name (a tab, a newline) are rejected rather than collapsed,
/// because they signal a copy or import mistake that someone should look at. Invisible
/// formatting characters (zero-width spaces, bidirectional overrides) are rejected too: they
/// make two names that look identical compare differently, or make a name display reversed.
pub fn normalise_name(s: &str) -> Result<String, NameError> {
    let trimmed = s.trim();
    if trimmed
        .chars()
        .any(|c| c.is_control() || is_invisible_format(c))
    {
        return Err(NameError::ControlCharacter);
    }
    let normalised = trimmed.split_whitespace().collect::<Vec<_>>().join(" ");
    let chars = normalised.chars().count();
    if chars == 0 {
        Err(NameError::Empty)
    } else if chars > MAX_NAME_CHARS {
        Err(NameError::TooLong)
    } else {
        Ok(normalised)
    }
}

/// Zero-width and bidirectional formatting characters (Unicode category Cf) that can turn up in
/// pasted text. Not covered by `char::is_control`, which only knows category Cc.
fn is_invisible_format(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{2069}'
            | '\u{FEFF}'
    )
}

/// A normalised text for a search column: the parts' words lowercased with full Unicode rules
/// (so "ÅSA ÖBERG" matches "åsa öberg"), joined by single spaces.
///
/// SQLite's `lower()` folds only ASCII, so the application stores this column and lowercases
/// the query the same way. Empty parts and extra whitespace are dropped so that a missing
/// middle name does not leave a double space that a query would have to reproduce.
pub fn search_key(parts: &[&str]) -> String {
    parts
        .iter()
        .flat_map(|part| part.split_whitespace())
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;
    use crate::text_enum::assert_text_codes_consistent;
    use proptest::prelude::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn text_codes_match_serde_names() {
        assert_text_codes_consistent(Gender::ALL, Gender::as_str);
        assert_text_codes_consistent(ParticipantStatus::ALL, ParticipantStatus::as_str);
        assert_text_codes_consistent(HousingSituation::ALL, HousingSituation::as_str);
        assert_text_codes_consistent(IncomeSource::ALL, IncomeSource::as_str);
        assert_text_codes_consistent(Substance::ALL, Substance::as_str);
    }

    #[test]
    fn all_lists_are_complete() {
        assert_eq!(Gender::ALL.len(), 4);
        assert_eq!(ParticipantStatus::ALL.len(), 2);
        assert_eq!(HousingSituation::ALL.len(), 13);
        assert_eq!(IncomeSource::ALL.len(), 10);
        assert_eq!(Substance::ALL.len(), 10);
    }

    #[test]
    fn specific_text_codes() {
        assert_eq!(
            HousingSituation::SecondHandLease.as_str(),
            "second_hand_lease"
        );
        assert_eq!(
            "staying_with_friends".parse::<HousingSituation>(),
            Ok(HousingSituation::StayingWithFriends)
        );
        assert_eq!(IncomeSource::None.as_str(), "none");
        assert_eq!(Substance::Benzodiazepines.as_str(), "benzodiazepines");
    }

    #[test]
    fn national_survey_situations() {
        use HousingSituation as H;
        let expected = [
            (H::RoughSleeping, Some(1)),
            (H::Shelter, Some(1)),
            (H::TemporaryHousing, Some(1)),
            (H::Institution, Some(2)),
            (H::SupportedHousing, Some(2)),
            (H::TrainingApartment, Some(3)),
            (H::TrialApartment, Some(3)),
            (H::SecondHandLease, Some(3)),
            (H::StayingWithFriends, Some(4)),
            (H::Lodger, Some(4)),
            (H::OwnLease, None),
            (H::Other, None),
            (H::Unknown, None),
        ];
        assert_eq!(expected.len(), H::ALL.len());
        for (situation, survey) in expected {
            assert_eq!(situation.national_survey_situation(), survey, "{situation}");
            assert_eq!(situation.is_homeless(), survey.is_some(), "{situation}");
        }
    }

    #[test]
    fn age_in_full_years() {
        let born = date(1981, 12, 18);
        assert_eq!(age_on(born, date(1981, 12, 18)), 0);
        assert_eq!(age_on(born, date(2012, 12, 17)), 30);
        assert_eq!(age_on(born, date(2012, 12, 18)), 31);
        assert_eq!(age_on(born, date(2013, 1, 1)), 31);
    }

    #[test]
    fn age_before_birth_is_zero() {
        assert_eq!(age_on(date(2000, 1, 2), date(2000, 1, 1)), 0);
        assert_eq!(age_on(date(2000, 1, 1), date(1900, 1, 1)), 0);
    }

    #[test]
    fn age_of_someone_born_on_leap_day() {
        let born = date(2000, 2, 29);
        assert_eq!(age_on(born, date(2001, 2, 28)), 0);
        assert_eq!(age_on(born, date(2001, 3, 1)), 1);
        assert_eq!(age_on(born, date(2004, 2, 28)), 3);
        assert_eq!(age_on(born, date(2004, 2, 29)), 4);
        assert_eq!(age_on(born, date(2100, 2, 28)), 99);
        assert_eq!(age_on(born, date(2100, 3, 1)), 100);
    }

    #[test]
    fn age_on_leap_day_of_someone_born_on_28_february_or_1_march() {
        assert_eq!(age_on(date(2000, 2, 28), date(2004, 2, 29)), 4);
        assert_eq!(age_on(date(2000, 3, 1), date(2004, 2, 29)), 3);
    }

    #[test]
    fn names_are_trimmed_and_collapsed() {
        assert_eq!(
            normalise_name("  Anna   Maria  "),
            Ok("Anna Maria".to_owned())
        );
        assert_eq!(
            normalise_name("Åsa\u{00A0}Öberg-Lindqvist"),
            Ok("Åsa Öberg-Lindqvist".to_owned())
        );
        assert_eq!(normalise_name("Li\n"), Ok("Li".to_owned()));
        assert_eq!(normalise_name("X"), Ok("X".to_owned()));
    }

    #[test]
    fn empty_names_are_rejected() {
        assert_eq!(normalise_name(""), Err(NameError::Empty));
        assert_eq!(normalise_name(" \t\n "), Err(NameError::Empty));
        assert_eq!(NameError::Empty.to_string(), "must not be empty");
    }

    #[test]
    fn name_length_counts_characters_not_bytes() {
        let hundred = "Ö".repeat(100);
        assert_eq!(normalise_name(&hundred), Ok(hundred.clone()));
        assert_eq!(
            normalise_name(&format!("{hundred}Ö")),
            Err(NameError::TooLong)
        );
        // Collapsing happens before counting.
        let spaced = format!("{}    {}", "a".repeat(49), "b".repeat(50));
        assert_eq!(normalise_name(&spaced).unwrap().chars().count(), 100);
    }

    #[test]
    fn control_and_invisible_characters_are_rejected() {
        for name in [
            "Anna\tKarlsson",
            "Anna\nKarlsson",
            "Anna\u{0000}",
            "An\u{007F}na",
            "An\u{200B}na",
            "\u{202E}anna",
            "anna\u{FEFF}x",
        ] {
            assert_eq!(
                normalise_name(name),
                Err(NameError::ControlCharacter),
                "{name:?}"
            );
        }
    }

    #[test]
    fn search_key_lowercases_unicode_and_joins() {
        assert_eq!(search_key(&["ÅSA", "ÖBERG"]), "åsa öberg");
        assert_eq!(
            search_key(&["Ärlig", "", "  Ängel  Östh "]),
            "ärlig ängel östh"
        );
        assert_eq!(search_key(&[]), "");
        assert_eq!(search_key(&["ÉMILE"]), "émile");
    }

    proptest! {
        #[test]
        fn age_increases_by_one_on_each_birthday(
            born_offset in 0u64..40_000,
            years in 0u32..120,
        ) {
            let born = date(1900, 1, 1) + chrono::Days::new(born_offset);
            let birthday = born
                .with_year(born.year() + years as i32)
                // A leap-day birthday in a common year is celebrated on 1 March.
                .unwrap_or_else(|| date(born.year() + years as i32, 3, 1));
            prop_assert_eq!(age_on(born, birthday), years);
            if years > 0 {
                prop_assert_eq!(age_on(born, birthday.pred_opt().unwrap()), years - 1);
            }
        }

        #[test]
        fn normalised_names_are_stable(s in "\\PC{0,120}") {
            if let Ok(name) = normalise_name(&s) {
                prop_assert_eq!(normalise_name(&name), Ok(name.clone()));
                prop_assert!(!name.contains("  "));
                prop_assert_eq!(name.trim(), name.as_str());
                prop_assert!((1..=MAX_NAME_CHARS).contains(&name.chars().count()));
            }
        }

        #[test]
        fn search_key_is_idempotent(a in "\\PC{0,30}", b in "\\PC{0,30}") {
            let key = search_key(&[&a, &b]);
            prop_assert_eq!(search_key(&[&key]), key.clone());
            prop_assert!(!key.contains("  "));
        }
    }
}
