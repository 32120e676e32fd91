//! Consents (samtycken) to share information with another party.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use super::schema::consents;
use super::versioned::participant_records;

#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = consents, treat_none_as_null = true)]
pub struct ConsentRow {
    pub id: String,
    pub participant_id: String,
    pub party: String,
    pub party_name: Option<String>,
    pub purpose: String,
    pub given_on: NaiveDate,
    pub expires_on: Option<NaiveDate>,
    pub withdrawn_on: Option<NaiveDate>,
    pub note: Option<String>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub version: i32,
}

participant_records!(
    ConsentStore,
    ConsentRow,
    consents,
    given_on,
    insert_consent,
    get_consent,
    consents_of,
    update_consent
);
