//! Bulk import and export: import jobs, and the set-at-a-time reads and writes an import needs
//! (one statement per batch of rows instead of one round trip per row).

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::audit::AuditRow;
use super::backend_impl;
use super::participants::{ParticipantFilter, ParticipantRow};
use super::schema::{audit_log, import_jobs, participant_assignments, participants};
use crate::error::ApiResult;

/// (personnummer, participant id, external id) of a participant already registered.
pub type RegisteredPin = (Option<String>, String, Option<String>);

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = import_jobs)]
pub struct ImportJobRow {
    pub id: String,
    pub staff_id: String,
    pub resource: String,
    pub format: String,
    pub mode: String,
    pub dry_run: bool,
    pub status: String,
    pub rows_processed: i32,
    pub created: i32,
    pub updated: i32,
    pub unchanged: i32,
    pub error_count: i32,
    /// JSON array of `{line, field, message}` (the first ones only).
    pub errors: String,
    pub started_at: NaiveDateTime,
    pub finished_at: Option<NaiveDateTime>,
}

/// What an import job's counters and outcome are changed to.
#[derive(Debug, Clone, AsChangeset)]
#[diesel(table_name = import_jobs)]
pub struct ImportJobChanges {
    pub status: String,
    pub rows_processed: i32,
    pub created: i32,
    pub updated: i32,
    pub unchanged: i32,
    pub error_count: i32,
    pub errors: String,
    pub finished_at: Option<NaiveDateTime>,
}

/// Rows per multi-row INSERT. 500 participants × 27 columns stays below both backends' limits
/// on bound parameters (SQLite 32,766; PostgreSQL 65,535).
pub const BATCH_ROWS: usize = 500;

pub trait ImportStore {
    fn insert_import_job(&mut self, row: &ImportJobRow) -> ApiResult<()>;
    fn update_import_job(&mut self, id: &str, changes: &ImportJobChanges) -> ApiResult<()>;
    /// Only the progress counter: written while the import's own transaction is still open.
    fn set_import_progress(&mut self, id: &str, rows_processed: i32) -> ApiResult<()>;
    fn get_import_job(&mut self, id: &str) -> ApiResult<Option<ImportJobRow>>;
    /// A staff member's jobs, newest first.
    fn list_import_jobs(
        &mut self,
        staff_id: &str,
        status: Option<&str>,
        limit: i64,
        offset: i64,
    ) -> ApiResult<(Vec<ImportJobRow>, i64)>;
    /// Many participants in multi-row INSERTs.
    fn insert_participants_batch(&mut self, rows: &[ParticipantRow]) -> ApiResult<()>;
    /// Many audit entries in multi-row INSERTs.
    fn insert_audit_batch(&mut self, rows: &[AuditRow]) -> ApiResult<()>;
    fn participants_by_external_ids(&mut self, ids: &[String]) -> ApiResult<Vec<ParticipantRow>>;
    /// Those of `pins` already registered.
    fn participants_by_pins(&mut self, pins: &[String]) -> ApiResult<Vec<RegisteredPin>>;
    /// One page of an export, in id order after `after` (keyset paging keeps each page cheap).
    fn export_participants(
        &mut self,
        filter: &ParticipantFilter,
        after: Option<&str>,
        limit: i64,
    ) -> ApiResult<Vec<ParticipantRow>>;
    /// Marks jobs still `running` as failed with `errors` (JSON): at start-up, a job left running
    /// belonged to a process that was stopped mid-import, whose transaction rolled back.
    fn fail_interrupted_imports(&mut self, errors: &str, now: NaiveDateTime) -> ApiResult<usize>;
}

/// How a batch reaches its table: each database's fastest bulk path inside the caller's
/// transaction — multi-row INSERTs on SQLite, the binary COPY protocol on PostgreSQL (several
/// times faster than INSERTs there; the import benchmark's raw figure is COPY too).
trait BulkWrite {
    fn write_participants(&mut self, rows: &[ParticipantRow]) -> ApiResult<()>;
    fn write_audit(&mut self, rows: &[AuditRow]) -> ApiResult<()>;
}

impl BulkWrite for diesel::SqliteConnection {
    fn write_participants(&mut self, rows: &[ParticipantRow]) -> ApiResult<()> {
        for chunk in rows.chunks(BATCH_ROWS) {
            diesel::insert_into(participants::table)
                .values(chunk)
                .execute(self)?;
        }
        Ok(())
    }

    fn write_audit(&mut self, rows: &[AuditRow]) -> ApiResult<()> {
        // Audit rows are narrow (8 columns): bigger statements, fewer of them.
        for chunk in rows.chunks(BATCH_ROWS * 2) {
            diesel::insert_into(audit_log::table)
                .values(chunk)
                .execute(self)?;
        }
        Ok(())
    }
}

impl BulkWrite for diesel::PgConnection {
    fn write_participants(&mut self, rows: &[ParticipantRow]) -> ApiResult<()> {
        if !rows.is_empty() {
            diesel::copy_from(participants::table)
                .from_insertable(rows)
                .execute(self)?;
        }
        Ok(())
    }

    fn write_audit(&mut self, rows: &[AuditRow]) -> ApiResult<()> {
        if !rows.is_empty() {
            diesel::copy_from(audit_log::table)
                .from_insertable(rows)
                .execute(self)?;
        }
        Ok(())
    }
}

backend_impl!(impl ImportStore {
    fn insert_import_job(&mut self, row: &ImportJobRow) -> ApiResult<()> {
        diesel::insert_into(import_jobs::table).values(row).execute(self)?;
        Ok(())
    }

    fn update_import_job(&mut self, id: &str, changes: &ImportJobChanges) -> ApiResult<()> {
        diesel::update(import_jobs::table.find(id)).set(changes).execute(self)?;
        Ok(())
    }

    fn set_import_progress(&mut self, id: &str, rows_processed: i32) -> ApiResult<()> {
        diesel::update(import_jobs::table.find(id))
            .set(import_jobs::rows_processed.eq(rows_processed))
            .execute(self)?;
        Ok(())
    }

    fn get_import_job(&mut self, id: &str) -> ApiResult<Option<ImportJobRow>> {
        Ok(import_jobs::table
            .find(id)
            .select(ImportJobRow::as_select())
            .first(self)
            .optional()?)
    }

    fn list_import_jobs(
        &mut self,
        staff_id: &str,
        status: Option<&str>,
        limit: i64,
        offset: i64,
    ) -> ApiResult<(Vec<ImportJobRow>, i64)> {
        let filtered = || {
            let mut q = import_jobs::table
                .filter(import_jobs::staff_id.eq(staff_id.to_owned()))
                .into_boxed();
            if let Some(status) = status {
                q = q.filter(import_jobs::status.eq(status.to_owned()));
            }
            q
        };
        let total: i64 = filtered().count().get_result(self)?;
        let items = filtered()
            .select(ImportJobRow::as_select())
            .order((import_jobs::started_at.desc(), import_jobs::id.desc()))
            .limit(limit)
            .offset(offset)
            .load(self)?;
        Ok((items, total))
    }

    fn insert_participants_batch(&mut self, rows: &[ParticipantRow]) -> ApiResult<()> {
        BulkWrite::write_participants(self, rows)
    }

    fn insert_audit_batch(&mut self, rows: &[AuditRow]) -> ApiResult<()> {
        BulkWrite::write_audit(self, rows)
    }

    fn participants_by_external_ids(&mut self, ids: &[String]) -> ApiResult<Vec<ParticipantRow>> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        Ok(participants::table
            .filter(participants::external_id.eq_any(ids))
            .select(ParticipantRow::as_select())
            .load(self)?)
    }

    fn participants_by_pins(
        &mut self,
        pins: &[String],
    ) -> ApiResult<Vec<RegisteredPin>> {
        if pins.is_empty() {
            return Ok(Vec::new());
        }
        Ok(participants::table
            .filter(participants::personal_identity_number.eq_any(pins))
            .select((
                participants::personal_identity_number,
                participants::id,
                participants::external_id,
            ))
            .load(self)?)
    }

    fn export_participants(
        &mut self,
        filter: &ParticipantFilter,
        after: Option<&str>,
        limit: i64,
    ) -> ApiResult<Vec<ParticipantRow>> {
        let mut q = super::participants::filtered_participants!(filter);
        if let Some(after) = after {
            q = q.filter(participants::id.gt(after.to_owned()));
        }
        Ok(q.select(ParticipantRow::as_select())
            .order(participants::id.asc())
            .limit(limit)
            .load(self)?)
    }

    fn fail_interrupted_imports(&mut self, errors: &str, now: NaiveDateTime) -> ApiResult<usize> {
        Ok(diesel::update(import_jobs::table.filter(import_jobs::status.eq("running")))
            .set((
                import_jobs::status.eq("failed"),
                import_jobs::error_count.eq(1),
                import_jobs::errors.eq(errors),
                import_jobs::finished_at.eq(now),
            ))
            .execute(self)?)
    }
});
