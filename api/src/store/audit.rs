//! The append-only audit log (database triggers refuse UPDATE and DELETE on both backends).

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::{audit_log, audit_log_all, participants};
use crate::error::ApiResult;

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = audit_log, treat_none_as_default_value = false)]
pub struct AuditRow {
    pub id: String,
    pub at: NaiveDateTime,
    pub actor_id: Option<String>,
    pub action: String,
    pub resource_type: String,
    pub resource_id: Option<String>,
    pub participant_id: Option<String>,
    pub outcome: String,
}

/// Filters for reading the log. `units` limits entries to participants of those units (managers).
#[derive(Debug, Default, Clone)]
pub struct AuditFilter {
    pub actor_id: Option<String>,
    pub participant_id: Option<String>,
    pub resource_type: Option<String>,
    pub from: Option<NaiveDateTime>,
    pub to: Option<NaiveDateTime>,
    pub units: Option<Vec<String>>,
    pub limit: i64,
    pub offset: i64,
}

pub trait AuditStore {
    fn insert_audit(&mut self, rows: &[AuditRow]) -> ApiResult<()>;
    fn list_audit(&mut self, filter: &AuditFilter) -> ApiResult<(Vec<AuditRow>, i64)>;
}

/// The entries `$filter` selects from `$t` (`audit_log`, or on SQLite `audit_log_all`).
macro_rules! filtered_audit {
    ($filter:expr, $t:ident) => {{
        let f = $filter;
        let mut q = $t::table.into_boxed();
        if let Some(actor) = &f.actor_id {
            q = q.filter($t::actor_id.eq(actor.clone()));
        }
        if let Some(participant) = &f.participant_id {
            q = q.filter($t::participant_id.eq(participant.clone()));
        }
        if let Some(kind) = &f.resource_type {
            q = q.filter($t::resource_type.eq(kind.clone()));
        }
        if let Some(from) = f.from {
            q = q.filter($t::at.ge(from));
        }
        if let Some(to) = f.to {
            q = q.filter($t::at.le(to));
        }
        if let Some(units) = &f.units {
            q = q.filter(
                $t::participant_id.eq_any(
                    participants::table
                        .filter(participants::unit_id.eq_any(units.clone()))
                        .select(participants::id.nullable()),
                ),
            );
        }
        q
    }};
}

/// Inserts `rows` into the `audit_log` of the connection's main file.
macro_rules! insert_audit_rows {
    ($conn:expr, $rows:expr) => {{
        let conn = $conn;
        let rows: &[AuditRow] = $rows;
        if <Self as super::Dialect>::ROW_BY_ROW_INSERTS {
            for row in rows {
                diesel::insert_into(audit_log::table)
                    .values(row)
                    .execute(conn)?;
            }
        } else if !rows.is_empty() {
            diesel::insert_into(audit_log::table)
                .values(rows)
                .execute(conn)?;
        }
        Ok(())
    }};
}

/// A page of the entries in `$t`, newest first, and how many there are.
macro_rules! list_audit_in {
    ($conn:expr, $filter:expr, $t:ident) => {{
        let conn = $conn;
        let filter: &AuditFilter = $filter;
        let total: i64 = filtered_audit!(filter, $t).count().get_result(conn)?;
        let items = filtered_audit!(filter, $t)
            .order(($t::at.desc(), $t::id.desc()))
            .limit(filter.limit)
            .offset(filter.offset)
            .select((
                $t::id,
                $t::at,
                $t::actor_id,
                $t::action,
                $t::resource_type,
                $t::resource_id,
                $t::participant_id,
                $t::outcome,
            ))
            .load::<AuditRow>(conn)?;
        Ok((items, total))
    }};
}

impl AuditStore for diesel::PgConnection {
    fn insert_audit(&mut self, rows: &[AuditRow]) -> ApiResult<()> {
        insert_audit_rows!(self, rows)
    }

    fn list_audit(&mut self, filter: &AuditFilter) -> ApiResult<(Vec<AuditRow>, i64)> {
        list_audit_in!(self, filter, audit_log)
    }
}

impl AuditStore for diesel::SqliteConnection {
    fn insert_audit(&mut self, rows: &[AuditRow]) -> ApiResult<()> {
        insert_audit_rows!(self, rows)
    }

    /// Both files' entries ([`super::read_audit`]): only on a connection of
    /// `SqlitePools::audit_listing`, which has the view.
    fn list_audit(&mut self, filter: &AuditFilter) -> ApiResult<(Vec<AuditRow>, i64)> {
        list_audit_in!(self, filter, audit_log_all)
    }
}
