//! Relapses (återfall).

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use super::schema::relapses;
use super::versioned::participant_records;

#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = relapses, treat_none_as_null = true)]
pub struct RelapseRow {
    pub id: String,
    pub participant_id: String,
    pub occurred_on: NaiveDate,
    pub substance: String,
    pub outcome: String,
    pub note: Option<String>,
    pub recorded_by: String,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub version: i32,
}

participant_records!(
    RelapseStore,
    RelapseRow,
    relapses,
    occurred_on,
    insert_relapse,
    get_relapse,
    relapses_of,
    update_relapse
);
