//! ASI interviews (Addiction Severity Index).

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use super::schema::asi_interviews;
use super::versioned::participant_records;

#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = asi_interviews, treat_none_as_null = true)]
pub struct AsiInterviewRow {
    pub id: String,
    pub participant_id: String,
    pub kind: String,
    pub interviewed_on: NaiveDate,
    pub interviewer_id: String,
    pub intervention_code: Option<String>,
    /// JSON array of `domain::asi::AreaRating`.
    pub ratings: String,
    pub note: Option<String>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub version: i32,
}

participant_records!(
    AsiStore,
    AsiInterviewRow,
    asi_interviews,
    interviewed_on,
    insert_asi_interview,
    get_asi_interview,
    asi_interviews_of,
    update_asi_interview
);
