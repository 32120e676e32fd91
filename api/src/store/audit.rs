//! The append-only audit log (database triggers refuse UPDATE and DELETE on both backends).

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::backend_impl;
use super::schema::{audit_log, participants};
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

macro_rules! filtered_audit {
    ($filter:expr) => {{
        let f = $filter;
        let mut q = audit_log::table.into_boxed();
        if let Some(actor) = &f.actor_id {
            q = q.filter(audit_log::actor_id.eq(actor.clone()));
        }
        if let Some(participant) = &f.participant_id {
            q = q.filter(audit_log::participant_id.eq(participant.clone()));
        }
        if let Some(kind) = &f.resource_type {
            q = q.filter(audit_log::resource_type.eq(kind.clone()));
        }
        if let Some(from) = f.from {
            q = q.filter(audit_log::at.ge(from));
        }
        if let Some(to) = f.to {
            q = q.filter(audit_log::at.le(to));
        }
        if let Some(units) = &f.units {
            q = q.filter(
                audit_log::participant_id.eq_any(
                    participants::table
                        .filter(participants::unit_id.eq_any(units.clone()))
                        .select(participants::id.nullable()),
                ),
            );
        }
        q
    }};
}

backend_impl!(impl AuditStore {
    fn insert_audit(&mut self, rows: &[AuditRow]) -> ApiResult<()> {
        if <Self as super::Dialect>::ROW_BY_ROW_INSERTS {
            for row in rows {
                diesel::insert_into(audit_log::table).values(row).execute(self)?;
            }
        } else if !rows.is_empty() {
            diesel::insert_into(audit_log::table).values(rows).execute(self)?;
        }
        Ok(())
    }

    fn list_audit(&mut self, filter: &AuditFilter) -> ApiResult<(Vec<AuditRow>, i64)> {
        let total: i64 = filtered_audit!(filter).count().get_result(self)?;
        let items = filtered_audit!(filter)
            .order((audit_log::at.desc(), audit_log::id.desc()))
            .limit(filter.limit)
            .offset(filter.offset)
            .select(AuditRow::as_select())
            .load(self)?;
        Ok((items, total))
    }
});
