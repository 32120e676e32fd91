//! The participant request bodies and their validation into a storable, checked value.

use chrono::NaiveDate;
use domain::participant::{
    Gender, HousingSituation, IncomeSource, Substance, normalise_name, search_key,
};
use domain::personnummer::PersonalIdentityNumber;
use serde::Deserialize;
use utoipa::ToSchema;
use validator::ValidateEmail;

use crate::error::{ApiError, ApiResult, FieldError};

/// A participant as sent on create and update.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({
    "personal_identity_number": "19811218-9876",
    "first_name": "Testa",
    "last_name": "Testsson",
    "gender": "woman",
    "protected_identity": false,
    "phone": "070-123 45 67",
    "care_of": "Härbärget Stigen",
    "postal_code": "118 20",
    "city": "Stockholm",
    "unit_id": "01936f4e-8b1c-7d2a-9c3e-1f2a3b4c5d6e",
    "housing_situation": "shelter",
    "main_substance": "alcohol",
    "income_source": "financial_assistance"
}))]
pub struct ParticipantInput {
    /// Personnummer or samordningsnummer in any common form (YYMMDD-NNNN, YYYYMMDDNNNN …);
    /// stored and returned as YYYYMMDD-NNNN. Optional: some clients have neither.
    #[serde(default)]
    pub personal_identity_number: Option<String>,
    #[schema(min_length = 1, max_length = 100, pattern = r"\S")]
    pub first_name: String,
    #[schema(min_length = 1, max_length = 100, pattern = r"\S")]
    pub last_name: String,
    /// Derived from the personnummer when one is given; required to match it if both are sent.
    #[serde(default)]
    pub date_of_birth: Option<NaiveDate>,
    pub gender: Gender,
    /// Skyddade personuppgifter: visible only to assigned staff and managers.
    #[serde(default)]
    pub protected_identity: bool,
    #[serde(default)]
    pub phone: Option<String>,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub postal_address: Option<String>,
    /// c/o address (many clients have no address of their own).
    #[serde(default)]
    pub care_of: Option<String>,
    #[serde(default)]
    pub postal_code: Option<String>,
    #[serde(default)]
    pub city: Option<String>,
    pub unit_id: uuid::Uuid,
    #[serde(default)]
    pub responsible_caseworker_id: Option<uuid::Uuid>,
    pub housing_situation: HousingSituation,
    pub main_substance: Substance,
    pub income_source: IncomeSource,
    /// The person's key in the system the record comes from (imports match on it). Optional;
    /// unique. An update that leaves it out keeps the stored one.
    #[serde(default)]
    #[schema(max_length = 100, example = "LIFECARE-4711")]
    pub external_id: Option<String>,
}

/// Update body: the full record as edited, plus the version it was based on.
#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct ParticipantUpdate {
    #[serde(flatten)]
    pub participant: ParticipantInput,
    /// The version the edit started from (or send `If-Match`). A stale version gives 412.
    #[serde(default)]
    #[schema(minimum = 1)]
    pub version: Option<i32>,
}

/// A validated participant, ready to store.
#[derive(Debug, Clone)]
pub struct ValidParticipant {
    pub personal_identity_number: Option<String>,
    pub first_name: String,
    pub last_name: String,
    pub date_of_birth: Option<NaiveDate>,
    pub gender: Gender,
    pub protected_identity: bool,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub postal_address: Option<String>,
    pub care_of: Option<String>,
    pub postal_code: Option<String>,
    pub city: Option<String>,
    pub unit_id: String,
    pub responsible_caseworker_id: Option<String>,
    pub housing_situation: HousingSituation,
    pub main_substance: Substance,
    pub income_source: IncomeSource,
    pub search_key: String,
    pub external_id: Option<String>,
}

/// Trims; empty becomes `None`; longer than `max` is an error.
fn optional_text(
    errors: &mut Vec<FieldError>,
    field: &str,
    value: Option<String>,
    max: usize,
) -> Option<String> {
    let trimmed = value
        .map(|v| v.trim().to_owned())
        .filter(|v| !v.is_empty())?;
    if trimmed.chars().count() > max {
        errors.push(FieldError::new(
            field,
            format!("must be at most {max} characters"),
        ));
    }
    if trimmed.chars().any(char::is_control) {
        errors.push(FieldError::new(
            field,
            "must not contain control characters",
        ));
    }
    Some(trimmed)
}

impl ParticipantInput {
    /// Checks every field and reports all problems at once.
    pub fn validate(self, today: NaiveDate) -> ApiResult<ValidParticipant> {
        let mut errors = Vec::new();

        let pin = match self.personal_identity_number.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(raw) => match PersonalIdentityNumber::parse(raw, today) {
                Ok(pin) => Some(pin),
                Err(e) => {
                    errors.push(FieldError::new("personal_identity_number", e.to_string()));
                    None
                }
            },
        };
        let first_name = normalise_name(&self.first_name)
            .map_err(|e| errors.push(FieldError::new("first_name", e.to_string())))
            .unwrap_or_default();
        let last_name = normalise_name(&self.last_name)
            .map_err(|e| errors.push(FieldError::new("last_name", e.to_string())))
            .unwrap_or_default();

        let date_of_birth = match (&pin, self.date_of_birth) {
            (Some(pin), Some(given)) if given != pin.date_of_birth() => {
                errors.push(FieldError::new(
                    "date_of_birth",
                    "does not match the personal identity number",
                ));
                Some(given)
            }
            (Some(pin), _) => Some(pin.date_of_birth()),
            (None, Some(given)) => {
                if given > today {
                    errors.push(FieldError::new(
                        "date_of_birth",
                        "must not be in the future",
                    ));
                } else if given < NaiveDate::from_ymd_opt(1900, 1, 1).unwrap_or(given) {
                    errors.push(FieldError::new(
                        "date_of_birth",
                        "must be 1900-01-01 or later",
                    ));
                }
                Some(given)
            }
            (None, None) => None,
        };

        let phone = optional_text(&mut errors, "phone", self.phone, 30);
        if let Some(p) = &phone {
            let ok = p.chars().all(|c| c.is_ascii_digit() || " +-()".contains(c))
                && p.chars().filter(char::is_ascii_digit).count() >= 5;
            if !ok {
                errors.push(FieldError::new(
                    "phone",
                    "must be a phone number (digits, spaces, + - ( ))",
                ));
            }
        }
        let email = optional_text(&mut errors, "email", self.email, 254);
        if email.as_ref().is_some_and(|e| !e.validate_email()) {
            errors.push(FieldError::new("email", "must be a valid email address"));
        }
        let postal_code = optional_text(&mut errors, "postal_code", self.postal_code, 10)
            .map(|p| p.replace(' ', ""));
        if postal_code
            .as_ref()
            .is_some_and(|p| p.len() != 5 || !p.chars().all(|c| c.is_ascii_digit()))
        {
            errors.push(FieldError::new(
                "postal_code",
                "must be five digits, e.g. 118 20",
            ));
        }
        let postal_code =
            postal_code.map(|p| format!("{} {}", &p[..3.min(p.len())], &p[3.min(p.len())..]));
        let postal_address = optional_text(&mut errors, "postal_address", self.postal_address, 200);
        let care_of = optional_text(&mut errors, "care_of", self.care_of, 200);
        let city = optional_text(&mut errors, "city", self.city, 100);
        let external_id = optional_text(&mut errors, "external_id", self.external_id, 100);

        if !errors.is_empty() {
            return Err(ApiError::Validation(errors));
        }
        let canonical = pin.as_ref().map(PersonalIdentityNumber::canonical);
        let digits = pin
            .as_ref()
            .map(PersonalIdentityNumber::digits)
            .unwrap_or_default();
        let search = search_key(&[
            &first_name,
            &last_name,
            canonical.as_deref().unwrap_or(""),
            &digits,
        ]);
        Ok(ValidParticipant {
            personal_identity_number: canonical,
            first_name,
            last_name,
            date_of_birth,
            gender: self.gender,
            protected_identity: self.protected_identity,
            phone,
            email,
            postal_address,
            care_of,
            postal_code,
            city,
            unit_id: self.unit_id.to_string(),
            responsible_caseworker_id: self.responsible_caseworker_id.map(|id| id.to_string()),
            housing_situation: self.housing_situation,
            main_substance: self.main_substance,
            income_source: self.income_source,
            search_key: search,
            external_id,
        })
    }
}

/// Closing a participant's case.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"version": 3, "closed_on": "2012-12-31", "reason": "Eget kontrakt och arbete"}))]
pub struct CloseParticipant {
    /// The version the decision was based on (or send `If-Match`).
    #[serde(default)]
    #[schema(minimum = 1)]
    pub version: Option<i32>,
    /// Defaults to today; must not be in the future.
    #[serde(default)]
    pub closed_on: Option<NaiveDate>,
    #[serde(default)]
    pub reason: Option<String>,
}

/// Reopening a closed case.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReopenParticipant {
    #[serde(default)]
    #[schema(minimum = 1)]
    pub version: Option<i32>,
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn input() -> ParticipantInput {
        serde_json::from_value(serde_json::json!({
            "first_name": " Testa ", "last_name": "Testsson", "gender": "woman",
            "unit_id": "01936f4e-8b1c-7d2a-9c3e-1f2a3b4c5d6e", "housing_situation": "shelter",
            "main_substance": "alcohol", "income_source": "financial_assistance"
        }))
        .unwrap()
    }

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()
    }

    #[test]
    fn derives_birth_date_and_canonical_number() {
        let mut i = input();
        i.personal_identity_number = Some("811218-9876".into());
        let v = i.validate(today()).unwrap();
        assert_eq!(v.personal_identity_number.as_deref(), Some("19811218-9876"));
        assert_eq!(v.date_of_birth, NaiveDate::from_ymd_opt(1981, 12, 18));
        assert_eq!(v.first_name, "Testa");
        assert!(v.search_key.contains("198112189876"));
    }

    #[test]
    fn reports_every_bad_field() {
        let mut i = input();
        i.personal_identity_number = Some("811218-9875".into());
        i.email = Some("not-an-email".into());
        i.postal_code = Some("12".into());
        let Err(ApiError::Validation(errors)) = i.validate(today()) else {
            panic!()
        };
        let fields: Vec<_> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["personal_identity_number", "email", "postal_code"]);
    }

    #[test]
    fn normalises_postal_code() {
        let mut i = input();
        i.postal_code = Some("11820".into());
        assert_eq!(
            i.validate(today()).unwrap().postal_code.as_deref(),
            Some("118 20")
        );
    }
}
