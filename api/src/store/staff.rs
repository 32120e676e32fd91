//! Units, staff accounts, their unit memberships, and login sessions.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::backend_impl;
use super::schema::{sessions, staff, staff_units, units};
use crate::error::{ApiError, ApiResult};

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = units)]
pub struct UnitRow {
    pub id: String,
    pub name: String,
    pub description: Option<String>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub version: i32,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = staff)]
pub struct StaffRow {
    pub id: String,
    pub username: String,
    pub display_name: String,
    pub password_hash: String,
    pub role: String,
    pub active: bool,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub version: i32,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = sessions)]
pub struct SessionRow {
    pub id: String,
    pub staff_id: String,
    pub refresh_hash: String,
    pub created_at: NaiveDateTime,
    pub expires_at: NaiveDateTime,
    pub revoked_at: Option<NaiveDateTime>,
}

/// A staff row with the ids of the units the person works in.
pub type StaffWithUnits = (StaffRow, Vec<String>);

/// The editable fields of a staff account; `None` leaves a field as it is.
#[derive(Debug, Clone)]
pub struct StaffChanges {
    pub display_name: String,
    pub role: String,
    pub active: bool,
    pub unit_ids: Vec<String>,
    pub password_hash: Option<String>,
}

pub trait StaffStore {
    fn count_staff(&mut self) -> ApiResult<i64>;
    fn insert_unit(&mut self, row: &UnitRow) -> ApiResult<()>;
    fn list_units(&mut self, ids: Option<&[String]>) -> ApiResult<Vec<UnitRow>>;
    fn unit_exists(&mut self, id: &str) -> ApiResult<bool>;
    fn insert_staff(&mut self, row: &StaffRow, unit_ids: &[String]) -> ApiResult<()>;
    fn get_staff(&mut self, id: &str) -> ApiResult<Option<StaffRow>>;
    fn staff_by_username(&mut self, username: &str) -> ApiResult<Option<StaffRow>>;
    fn staff_unit_ids(&mut self, staff_id: &str) -> ApiResult<Vec<String>>;
    /// Staff with their unit ids; `unit_ids` limits the list to members of those units.
    fn list_staff(
        &mut self,
        unit_ids: Option<&[String]>,
        limit: i64,
        offset: i64,
    ) -> ApiResult<(Vec<StaffWithUnits>, i64)>;
    /// Applies changes if `expected_version` is current; `Ok(None)` when the account does not exist.
    fn update_staff(
        &mut self,
        id: &str,
        expected_version: i32,
        changes: &StaffChanges,
        now: NaiveDateTime,
    ) -> ApiResult<Option<StaffRow>>;
    fn insert_session(&mut self, row: &SessionRow) -> ApiResult<()>;
    fn session_by_refresh_hash(&mut self, hash: &str) -> ApiResult<Option<SessionRow>>;
    fn revoke_session(&mut self, id: &str, now: NaiveDateTime) -> ApiResult<()>;
    /// Replaces a live session's refresh token (rotation); false if the session is not live.
    fn rotate_refresh(
        &mut self,
        session_id: &str,
        old_hash: &str,
        new_hash: &str,
        expires_at: NaiveDateTime,
    ) -> ApiResult<bool>;
    fn revoke_sessions_of(&mut self, staff_id: &str, now: NaiveDateTime) -> ApiResult<()>;
    /// The account behind a live session: not revoked, not expired, account active.
    fn session_staff(
        &mut self,
        session_id: &str,
        now: NaiveDateTime,
    ) -> ApiResult<Option<(StaffRow, Vec<String>)>>;
}

backend_impl!(impl StaffStore {
    fn count_staff(&mut self) -> ApiResult<i64> {
        Ok(staff::table.count().get_result(self)?)
    }

    fn insert_unit(&mut self, row: &UnitRow) -> ApiResult<()> {
        diesel::insert_into(units::table)
            .values(row)
            .execute(self)
            .map_err(|e| {
                super::on_unique_violation(e, || {
                    ApiError::Validation(vec![crate::error::FieldError::new(
                        "name",
                        "a unit with this name already exists",
                    )])
                })
            })?;
        Ok(())
    }

    fn list_units(&mut self, ids: Option<&[String]>) -> ApiResult<Vec<UnitRow>> {
        let mut q = units::table.select(UnitRow::as_select()).order(units::name.asc()).into_boxed();
        if let Some(ids) = ids {
            q = q.filter(units::id.eq_any(ids.to_vec()));
        }
        Ok(q.load(self)?)
    }

    fn unit_exists(&mut self, id: &str) -> ApiResult<bool> {
        let n: i64 = units::table.filter(units::id.eq(id)).count().get_result(self)?;
        Ok(n > 0)
    }

    fn insert_staff(&mut self, row: &StaffRow, unit_ids: &[String]) -> ApiResult<()> {
        diesel::insert_into(staff::table)
            .values(row)
            .execute(self)
            .map_err(|e| {
                super::on_unique_violation(e, || {
                    ApiError::Validation(vec![crate::error::FieldError::new(
                        "username",
                        "this username is taken",
                    )])
                })
            })?;
        let members: Vec<_> = unit_ids
            .iter()
            .map(|u| (staff_units::staff_id.eq(&row.id), staff_units::unit_id.eq(u)))
            .collect();
        if !members.is_empty() {
            diesel::insert_into(staff_units::table).values(&members).execute(self)?;
        }
        Ok(())
    }

    fn get_staff(&mut self, id: &str) -> ApiResult<Option<StaffRow>> {
        Ok(staff::table.find(id).select(StaffRow::as_select()).first(self).optional()?)
    }

    fn staff_by_username(&mut self, username: &str) -> ApiResult<Option<StaffRow>> {
        Ok(staff::table
            .filter(staff::username.eq(username))
            .select(StaffRow::as_select())
            .first(self)
            .optional()?)
    }

    fn staff_unit_ids(&mut self, staff_id: &str) -> ApiResult<Vec<String>> {
        Ok(staff_units::table
            .filter(staff_units::staff_id.eq(staff_id))
            .select(staff_units::unit_id)
            .order(staff_units::unit_id)
            .load(self)?)
    }

    fn list_staff(
        &mut self,
        unit_ids: Option<&[String]>,
        limit: i64,
        offset: i64,
    ) -> ApiResult<(Vec<StaffWithUnits>, i64)> {
        let scoped = |ids: Option<&[String]>| {
            let mut q = staff::table.into_boxed();
            if let Some(ids) = ids {
                q = q.filter(
                    staff::id.eq_any(
                        staff_units::table
                            .filter(staff_units::unit_id.eq_any(ids.to_vec()))
                            .select(staff_units::staff_id),
                    ),
                );
            }
            q
        };
        let total: i64 = scoped(unit_ids).count().get_result(self)?;
        let rows: Vec<StaffRow> = scoped(unit_ids)
            .order((staff::display_name.asc(), staff::id.asc()))
            .limit(limit)
            .offset(offset)
            .select(StaffRow::as_select())
            .load(self)?;
        let ids: Vec<&str> = rows.iter().map(|r| r.id.as_str()).collect();
        let memberships: Vec<(String, String)> = staff_units::table
            .filter(staff_units::staff_id.eq_any(ids))
            .select((staff_units::staff_id, staff_units::unit_id))
            .order((staff_units::staff_id, staff_units::unit_id))
            .load(self)?;
        let items = rows
            .into_iter()
            .map(|row| {
                let units = memberships
                    .iter()
                    .filter(|(s, _)| *s == row.id)
                    .map(|(_, u)| u.clone())
                    .collect();
                (row, units)
            })
            .collect();
        Ok((items, total))
    }

    fn update_staff(
        &mut self,
        id: &str,
        expected_version: i32,
        changes: &StaffChanges,
        now: NaiveDateTime,
    ) -> ApiResult<Option<StaffRow>> {
        let Some(current) = staff::table.find(id).select(StaffRow::as_select()).first(self).optional()? else {
            return Ok(None);
        };
        if current.version != expected_version {
            return Err(ApiError::Stale { current_version: current.version });
        }
        let updated = diesel::update(staff::table.find(id).filter(staff::version.eq(expected_version)))
            .set((
                staff::display_name.eq(&changes.display_name),
                staff::role.eq(&changes.role),
                staff::active.eq(changes.active),
                staff::updated_at.eq(now),
                staff::version.eq(expected_version + 1),
            ))
            .execute(self)?;
        if updated == 0 {
            return Err(ApiError::Stale { current_version: current.version });
        }
        if let Some(hash) = &changes.password_hash {
            diesel::update(staff::table.find(id)).set(staff::password_hash.eq(hash)).execute(self)?;
        }
        diesel::delete(staff_units::table.filter(staff_units::staff_id.eq(id))).execute(self)?;
        let members: Vec<_> = changes
            .unit_ids
            .iter()
            .map(|u| (staff_units::staff_id.eq(id), staff_units::unit_id.eq(u)))
            .collect();
        if !members.is_empty() {
            diesel::insert_into(staff_units::table).values(&members).execute(self)?;
        }
        Ok(staff::table.find(id).select(StaffRow::as_select()).first(self).optional()?)
    }

    fn insert_session(&mut self, row: &SessionRow) -> ApiResult<()> {
        diesel::insert_into(sessions::table).values(row).execute(self)?;
        Ok(())
    }

    fn session_by_refresh_hash(&mut self, hash: &str) -> ApiResult<Option<SessionRow>> {
        Ok(sessions::table
            .filter(sessions::refresh_hash.eq(hash))
            .select(SessionRow::as_select())
            .first(self)
            .optional()?)
    }

    fn revoke_session(&mut self, id: &str, now: NaiveDateTime) -> ApiResult<()> {
        diesel::update(sessions::table.find(id).filter(sessions::revoked_at.is_null()))
            .set(sessions::revoked_at.eq(now))
            .execute(self)?;
        Ok(())
    }

    fn rotate_refresh(
        &mut self,
        session_id: &str,
        old_hash: &str,
        new_hash: &str,
        expires_at: NaiveDateTime,
    ) -> ApiResult<bool> {
        let n = diesel::update(
            sessions::table
                .find(session_id)
                .filter(sessions::refresh_hash.eq(old_hash))
                .filter(sessions::revoked_at.is_null()),
        )
        .set((sessions::refresh_hash.eq(new_hash), sessions::expires_at.eq(expires_at)))
        .execute(self)?;
        Ok(n == 1)
    }

    fn revoke_sessions_of(&mut self, staff_id: &str, now: NaiveDateTime) -> ApiResult<()> {
        diesel::update(
            sessions::table
                .filter(sessions::staff_id.eq(staff_id))
                .filter(sessions::revoked_at.is_null()),
        )
        .set(sessions::revoked_at.eq(now))
        .execute(self)?;
        Ok(())
    }

    fn session_staff(
        &mut self,
        session_id: &str,
        now: NaiveDateTime,
    ) -> ApiResult<Option<(StaffRow, Vec<String>)>> {
        // One statement for the session, its staff member and their units (every authenticated
        // request runs it; on PostgreSQL each statement is a round trip): one row per unit.
        let rows: Vec<(StaffRow, Option<String>)> = sessions::table
            .inner_join(staff::table.left_join(staff_units::table))
            .filter(sessions::id.eq(session_id))
            .filter(sessions::revoked_at.is_null())
            .filter(sessions::expires_at.gt(now))
            .filter(staff::active.eq(true))
            .select((StaffRow::as_select(), staff_units::unit_id.nullable()))
            .order(staff_units::unit_id)
            .load(self)?;
        let mut rows = rows.into_iter();
        let Some((row, first_unit)) = rows.next() else { return Ok(None) };
        let units = first_unit.into_iter().chain(rows.filter_map(|(_, unit)| unit)).collect();
        Ok(Some((row, units)))
    }
});
