//! The participant as the API returns it.

use chrono::{DateTime, NaiveDate, Utc};
use domain::participant::{Gender, HousingSituation, IncomeSource, ParticipantStatus, Substance};
use serde::Serialize;
use utoipa::ToSchema;

use crate::error::{ApiError, ApiResult};
use crate::routes::utc;
use crate::store::participants::ParticipantRow;

#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(example = json!({
    "id": "01936f4e-9a00-7b3c-8d2e-0a1b2c3d4e5f",
    "personal_identity_number": "19811218-9876",
    "first_name": "Testa",
    "last_name": "Testsson",
    "date_of_birth": "1981-12-18",
    "gender": "woman",
    "protected_identity": false,
    "phone": "070-123 45 67",
    "email": null,
    "postal_address": null,
    "care_of": "Härbärget Stigen",
    "postal_code": "118 20",
    "city": "Stockholm",
    "unit_id": "01936f4e-8b1c-7d2a-9c3e-1f2a3b4c5d6e",
    "responsible_caseworker_id": null,
    "housing_situation": "shelter",
    "main_substance": "alcohol",
    "income_source": "financial_assistance",
    "status": "active",
    "closed_on": null,
    "closed_reason": null,
    "created_at": "2026-11-25T09:30:00Z",
    "updated_at": "2026-11-25T09:30:00Z",
    "version": 1,
    "external_id": null
}))]
pub struct ParticipantView {
    pub id: String,
    /// YYYYMMDD-NNNN, or null when the person has neither personnummer nor samordningsnummer.
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
    pub status: ParticipantStatus,
    pub closed_on: Option<NaiveDate>,
    pub closed_reason: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// Send back on update (or as If-Match) so concurrent edits are detected.
    pub version: i32,
    /// The key in the system the record was imported from, if any.
    pub external_id: Option<String>,
    /// Only on create: existing records that look like the same person (same name and date of
    /// birth). The registration is kept; check them before going on.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub possible_duplicates: Option<Vec<crate::routes::merges::DuplicateMatch>>,
}

fn parse<T: std::str::FromStr>(value: &str, column: &str) -> ApiResult<T> {
    value
        .parse()
        .map_err(|_| ApiError::Internal(format!("participants.{column} holds an unknown code")))
}

impl TryFrom<ParticipantRow> for ParticipantView {
    type Error = ApiError;

    fn try_from(row: ParticipantRow) -> ApiResult<Self> {
        Ok(Self {
            gender: parse(&row.gender, "gender")?,
            housing_situation: parse(&row.housing_situation, "housing_situation")?,
            main_substance: parse(&row.main_substance, "main_substance")?,
            income_source: parse(&row.income_source, "income_source")?,
            status: parse(&row.status, "status")?,
            created_at: utc(row.created_at),
            updated_at: utc(row.updated_at),
            id: row.id,
            personal_identity_number: row.personal_identity_number,
            first_name: row.first_name,
            last_name: row.last_name,
            date_of_birth: row.date_of_birth,
            protected_identity: row.protected_identity,
            phone: row.phone,
            email: row.email,
            postal_address: row.postal_address,
            care_of: row.care_of,
            postal_code: row.postal_code,
            city: row.city,
            unit_id: row.unit_id,
            responsible_caseworker_id: row.responsible_caseworker_id,
            closed_on: row.closed_on,
            closed_reason: row.closed_reason,
            version: row.version,
            external_id: row.external_id,
            possible_duplicates: None,
        })
    }
}
