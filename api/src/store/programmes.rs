//! Programmes (insatser / projekt) run by a unit.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use super::backend_impl;
use super::schema::programmes;
use super::versioned::versioned_update;
use crate::error::ApiResult;

#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = programmes, treat_none_as_null = true)]
pub struct ProgrammeRow {
    pub id: String,
    pub unit_id: String,
    pub name: String,
    pub kind: String,
    pub description: Option<String>,
    pub start_date: NaiveDate,
    pub end_date: Option<NaiveDate>,
    /// JSON array of end-status codes.
    pub end_statuses: String,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub version: i32,
}

impl ProgrammeRow {
    pub fn end_status_list(&self) -> Vec<String> {
        serde_json::from_str(&self.end_statuses).unwrap_or_default()
    }
}

#[derive(Debug, Clone, Default)]
pub struct ProgrammeFilter {
    pub unit_id: Option<String>,
    pub kind: Option<String>,
    pub limit: i64,
    pub offset: i64,
}

pub trait ProgrammeStore {
    fn insert_programme(&mut self, row: &ProgrammeRow) -> ApiResult<()>;
    fn get_programme(&mut self, id: &str) -> ApiResult<Option<ProgrammeRow>>;
    fn list_programmes(&mut self, f: &ProgrammeFilter) -> ApiResult<(Vec<ProgrammeRow>, i64)>;
    fn update_programme(&mut self, expected_version: i32, row: &ProgrammeRow) -> ApiResult<()>;
}

macro_rules! filtered {
    ($f:expr) => {{
        let mut q = programmes::table.into_boxed();
        if let Some(u) = &$f.unit_id {
            q = q.filter(programmes::unit_id.eq(u.clone()));
        }
        if let Some(k) = &$f.kind {
            q = q.filter(programmes::kind.eq(k.clone()));
        }
        q
    }};
}

backend_impl!(impl ProgrammeStore {
    fn insert_programme(&mut self, row: &ProgrammeRow) -> ApiResult<()> {
        diesel::insert_into(programmes::table).values(row).execute(self)?;
        Ok(())
    }

    fn get_programme(&mut self, id: &str) -> ApiResult<Option<ProgrammeRow>> {
        Ok(programmes::table.find(id).select(ProgrammeRow::as_select()).first(self).optional()?)
    }

    fn list_programmes(&mut self, f: &ProgrammeFilter) -> ApiResult<(Vec<ProgrammeRow>, i64)> {
        let total = filtered!(f).count().get_result(self)?;
        let items = filtered!(f)
            .select(ProgrammeRow::as_select())
            .order((programmes::start_date.desc(), programmes::name.asc(), programmes::id.asc()))
            .limit(f.limit)
            .offset(f.offset)
            .load(self)?;
        Ok((items, total))
    }

    fn update_programme(&mut self, expected_version: i32, row: &ProgrammeRow) -> ApiResult<()> {
        versioned_update!(self, programmes, row, expected_version)
    }
});
