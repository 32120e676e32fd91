//! Housing, continued: housing-search cases (seed 001), stays in temporary housing and their
//! cost, housing-course sessions and attendance, and the housing-support workers of a unit.
//!
//! Overlapping temporary stays of one person are checked in the writing transaction after
//! [`ParticipantLock::lock_participant`] (see the parent module for why this is race-free).

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use super::super::participants::ParticipantScope;
use super::super::schema::{
    housing_course_attendance, housing_course_sessions, housing_search_cases,
    participant_assignments, participants, staff, staff_units, temporary_stays,
};
use super::super::staff::StaffRow;
use crate::error::{ApiError, ApiResult};
use crate::store::backend_impl;

#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = housing_search_cases, treat_none_as_null = true)]
pub struct SearchCaseRow {
    pub id: String,
    pub participant_id: String,
    pub referring_unit: String,
    pub target_group: String,
    pub opened_on: NaiveDate,
    /// JSON array of the actions taken (`routes::housing::search::ActionEntry`).
    pub actions: String,
    pub outcome: Option<String>,
    pub outcome_on: Option<NaiveDate>,
    pub note: Option<String>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub version: i32,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = temporary_stays, treat_none_as_null = true)]
pub struct TemporaryStayRow {
    pub id: String,
    pub participant_id: String,
    pub kind: String,
    pub from_date: NaiveDate,
    pub to_date: Option<NaiveDate>,
    pub cost_per_night: i32,
    pub provider: Option<String>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub version: i32,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = housing_course_sessions)]
pub struct CourseSessionRow {
    pub id: String,
    pub unit_id: String,
    pub kind: String,
    pub title: String,
    pub session_number: Option<i32>,
    pub held_on: NaiveDate,
    pub leader: Option<String>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub version: i32,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = housing_course_attendance)]
pub struct AttendanceRow {
    pub session_id: String,
    pub participant_id: String,
    pub attended: bool,
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Clone)]
pub struct SearchCaseFilter {
    pub scope: ParticipantScope,
    /// Cases of participants in this unit.
    pub unit_id: Option<String>,
    pub referring_unit: Option<String>,
    pub target_group: Option<String>,
    /// `Some(true)`: no outcome yet; `Some(false)`: closed.
    pub open: Option<bool>,
    pub participant_id: Option<String>,
    pub limit: i64,
    pub offset: i64,
}

/// A row lock on the participant, taken before checking a person's stays for overlaps.
pub trait ParticipantLock {
    fn lock_participant(&mut self, participant_id: &str) -> ApiResult<()>;
}

impl ParticipantLock for diesel::SqliteConnection {
    fn lock_participant(&mut self, _: &str) -> ApiResult<()> {
        // BEGIN IMMEDIATE already holds the database write lock.
        Ok(())
    }
}

impl ParticipantLock for diesel::PgConnection {
    fn lock_participant(&mut self, participant_id: &str) -> ApiResult<()> {
        participants::table
            .find(participant_id)
            .select(participants::id)
            .for_update()
            .load::<String>(self)?;
        Ok(())
    }
}

pub trait HousingMoreStore {
    fn insert_search_case(&mut self, row: &SearchCaseRow) -> ApiResult<()>;
    fn get_search_case(&mut self, id: &str) -> ApiResult<Option<SearchCaseRow>>;
    fn list_search_cases(&mut self, f: &SearchCaseFilter) -> ApiResult<(Vec<SearchCaseRow>, i64)>;
    fn update_search_case(&mut self, expected_version: i32, row: &SearchCaseRow) -> ApiResult<()>;

    fn insert_temporary_stay(&mut self, row: &TemporaryStayRow) -> ApiResult<()>;
    fn get_temporary_stay(&mut self, id: &str) -> ApiResult<Option<TemporaryStayRow>>;
    fn temporary_stays_of(&mut self, participant_id: &str) -> ApiResult<Vec<TemporaryStayRow>>;
    fn update_temporary_stay(
        &mut self,
        expected_version: i32,
        row: &TemporaryStayRow,
    ) -> ApiResult<()>;
    /// Stays of the unit's participants that share a night with `from..=to`.
    fn temporary_stays_of_unit(
        &mut self,
        unit_id: &str,
        from: NaiveDate,
        to: NaiveDate,
    ) -> ApiResult<Vec<TemporaryStayRow>>;

    fn insert_course_session(&mut self, row: &CourseSessionRow) -> ApiResult<()>;
    fn get_course_session(&mut self, id: &str) -> ApiResult<Option<CourseSessionRow>>;
    fn list_course_sessions(
        &mut self,
        unit_ids: &[String],
        kind: Option<&str>,
        limit: i64,
        offset: i64,
    ) -> ApiResult<(Vec<CourseSessionRow>, i64)>;
    fn course_sessions_by_ids(&mut self, ids: &[String]) -> ApiResult<Vec<CourseSessionRow>>;
    fn attendance_of_session(&mut self, session_id: &str) -> ApiResult<Vec<AttendanceRow>>;
    /// Replaces the attendance of each listed (session, participant).
    fn set_attendance(&mut self, rows: &[AttendanceRow]) -> ApiResult<()>;
    fn attendance_of_participants(&mut self, ids: &[String]) -> ApiResult<Vec<AttendanceRow>>;

    /// Active housing-support workers of a unit, by name.
    fn housing_support_workers(&mut self, unit_id: &str) -> ApiResult<Vec<StaffRow>>;
}

macro_rules! filtered_search_cases {
    ($f:expr) => {{
        let f: &SearchCaseFilter = $f;
        let mut q = housing_search_cases::table
            .filter(housing_search_cases::participant_id.eq_any(visible_participant_ids!(&f.scope)))
            .into_boxed();
        if let Some(unit) = &f.unit_id {
            q = q.filter(
                housing_search_cases::participant_id.eq_any(
                    participants::table
                        .filter(participants::unit_id.eq(unit.clone()))
                        .select(participants::id),
                ),
            );
        }
        if let Some(r) = &f.referring_unit {
            q = q.filter(housing_search_cases::referring_unit.eq(r.clone()));
        }
        if let Some(t) = &f.target_group {
            q = q.filter(housing_search_cases::target_group.eq(t.clone()));
        }
        match f.open {
            Some(true) => q = q.filter(housing_search_cases::outcome.is_null()),
            Some(false) => q = q.filter(housing_search_cases::outcome.is_not_null()),
            None => {}
        }
        if let Some(p) = &f.participant_id {
            q = q.filter(housing_search_cases::participant_id.eq(p.clone()));
        }
        q
    }};
}

backend_impl!(impl HousingMoreStore {
    fn insert_search_case(&mut self, row: &SearchCaseRow) -> ApiResult<()> {
        diesel::insert_into(housing_search_cases::table).values(row).execute(self)?;
        Ok(())
    }

    fn get_search_case(&mut self, id: &str) -> ApiResult<Option<SearchCaseRow>> {
        Ok(housing_search_cases::table.find(id).select(SearchCaseRow::as_select()).first(self).optional()?)
    }

    fn list_search_cases(&mut self, f: &SearchCaseFilter) -> ApiResult<(Vec<SearchCaseRow>, i64)> {
        let total: i64 = filtered_search_cases!(f).count().get_result(self)?;
        let items = filtered_search_cases!(f)
            .order((housing_search_cases::opened_on.desc(), housing_search_cases::id.desc()))
            .limit(f.limit)
            .offset(f.offset)
            .select(SearchCaseRow::as_select())
            .load(self)?;
        Ok((items, total))
    }

    fn update_search_case(&mut self, expected_version: i32, row: &SearchCaseRow) -> ApiResult<()> {
        crate::store::versioned::versioned_update!(self, housing_search_cases, row, expected_version)
    }

    fn insert_temporary_stay(&mut self, row: &TemporaryStayRow) -> ApiResult<()> {
        diesel::insert_into(temporary_stays::table).values(row).execute(self)?;
        Ok(())
    }

    fn get_temporary_stay(&mut self, id: &str) -> ApiResult<Option<TemporaryStayRow>> {
        Ok(temporary_stays::table.find(id).select(TemporaryStayRow::as_select()).first(self).optional()?)
    }

    fn temporary_stays_of(&mut self, participant_id: &str) -> ApiResult<Vec<TemporaryStayRow>> {
        Ok(temporary_stays::table
            .filter(temporary_stays::participant_id.eq(participant_id))
            .order((temporary_stays::from_date.desc(), temporary_stays::id.desc()))
            .select(TemporaryStayRow::as_select())
            .load(self)?)
    }

    fn update_temporary_stay(&mut self, expected_version: i32, row: &TemporaryStayRow) -> ApiResult<()> {
        crate::store::versioned::versioned_update!(self, temporary_stays, row, expected_version)
    }

    fn temporary_stays_of_unit(&mut self, unit_id: &str, from: NaiveDate, to: NaiveDate) -> ApiResult<Vec<TemporaryStayRow>> {
        Ok(temporary_stays::table
            .filter(temporary_stays::participant_id.eq_any(
                participants::table.filter(participants::unit_id.eq(unit_id)).select(participants::id),
            ))
            .filter(temporary_stays::from_date.le(to))
            .filter(temporary_stays::to_date.is_null().or(temporary_stays::to_date.gt(from)))
            .order((temporary_stays::from_date.asc(), temporary_stays::id.asc()))
            .select(TemporaryStayRow::as_select())
            .load(self)?)
    }

    fn insert_course_session(&mut self, row: &CourseSessionRow) -> ApiResult<()> {
        diesel::insert_into(housing_course_sessions::table).values(row).execute(self)?;
        Ok(())
    }

    fn get_course_session(&mut self, id: &str) -> ApiResult<Option<CourseSessionRow>> {
        Ok(housing_course_sessions::table.find(id).select(CourseSessionRow::as_select()).first(self).optional()?)
    }

    fn list_course_sessions(&mut self, unit_ids: &[String], kind: Option<&str>, limit: i64, offset: i64) -> ApiResult<(Vec<CourseSessionRow>, i64)> {
        let scoped = || {
            let mut q = housing_course_sessions::table
                .filter(housing_course_sessions::unit_id.eq_any(unit_ids.to_vec()))
                .into_boxed();
            if let Some(k) = kind {
                q = q.filter(housing_course_sessions::kind.eq(k.to_owned()));
            }
            q
        };
        let total: i64 = scoped().count().get_result(self)?;
        let items = scoped()
            .order((housing_course_sessions::held_on.desc(), housing_course_sessions::id.desc()))
            .limit(limit)
            .offset(offset)
            .select(CourseSessionRow::as_select())
            .load(self)?;
        Ok((items, total))
    }

    fn course_sessions_by_ids(&mut self, ids: &[String]) -> ApiResult<Vec<CourseSessionRow>> {
        Ok(housing_course_sessions::table
            .filter(housing_course_sessions::id.eq_any(ids))
            .order((housing_course_sessions::held_on.asc(), housing_course_sessions::id.asc()))
            .select(CourseSessionRow::as_select())
            .load(self)?)
    }

    fn attendance_of_session(&mut self, session_id: &str) -> ApiResult<Vec<AttendanceRow>> {
        Ok(housing_course_attendance::table
            .filter(housing_course_attendance::session_id.eq(session_id))
            .order(housing_course_attendance::participant_id.asc())
            .select(AttendanceRow::as_select())
            .load(self)?)
    }

    fn set_attendance(&mut self, rows: &[AttendanceRow]) -> ApiResult<()> {
        for r in rows {
            diesel::delete(
                housing_course_attendance::table
                    .filter(housing_course_attendance::session_id.eq(&r.session_id))
                    .filter(housing_course_attendance::participant_id.eq(&r.participant_id)),
            )
            .execute(self)?;
        }
        diesel::insert_into(housing_course_attendance::table)
            .values(rows)
            .execute(self)
            .map_err(|e| super::super::on_unique_violation(e, || ApiError::conflict("the attendance was changed at the same time; try again")))?;
        Ok(())
    }

    fn attendance_of_participants(&mut self, ids: &[String]) -> ApiResult<Vec<AttendanceRow>> {
        Ok(housing_course_attendance::table
            .filter(housing_course_attendance::participant_id.eq_any(ids))
            .select(AttendanceRow::as_select())
            .load(self)?)
    }

    fn housing_support_workers(&mut self, unit_id: &str) -> ApiResult<Vec<StaffRow>> {
        Ok(staff::table
            .filter(staff::id.eq_any(
                staff_units::table.filter(staff_units::unit_id.eq(unit_id)).select(staff_units::staff_id),
            ))
            .filter(staff::role.eq(domain::role::Role::HousingSupport.as_str()))
            .filter(staff::active.eq(true))
            .order((staff::display_name.asc(), staff::id.asc()))
            .select(StaffRow::as_select())
            .load(self)?)
    }
});
