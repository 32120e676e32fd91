//! `/api/v1/audit`: reading the audit log (administrators: all; managers: their units' participants).

use actix_web::{HttpResponse, get, web};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_actix_web::service_config::ServiceConfig;

use crate::app::AppState;
use crate::auth::{CurrentUser, policy};
use crate::error::ApiResult;
use crate::extract::ApiQuery;
use crate::routes::{list_envelope, paging, utc};
use crate::store::audit::{AuditFilter, AuditRow};

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(utoipa_actix_web::scope("/audit").service(list_audit_entries));
}

/// One audit entry: who did what to which record, when, and whether it was allowed.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({"id": "01936f4f-1111-7000-8000-000000000001", "at": "2026-11-25T09:31:02.123456Z",
    "actor_id": "01936f4e-0000-7000-8000-000000000001", "action": "read", "resource_type": "participant",
    "resource_id": "01936f4e-9a00-7b3c-8d2e-0a1b2c3d4e5f", "participant_id": "01936f4e-9a00-7b3c-8d2e-0a1b2c3d4e5f",
    "outcome": "success"}))]
pub struct AuditEntryView {
    pub id: String,
    pub at: DateTime<Utc>,
    pub actor_id: Option<String>,
    /// read, list, create, update, close, reopen, login, login_failed, logout …
    pub action: String,
    pub resource_type: String,
    pub resource_id: Option<String>,
    pub participant_id: Option<String>,
    /// success or denied.
    pub outcome: String,
}

impl From<AuditRow> for AuditEntryView {
    fn from(row: AuditRow) -> Self {
        Self {
            id: row.id,
            at: utc(row.at),
            actor_id: row.actor_id,
            action: row.action,
            resource_type: row.resource_type,
            resource_id: row.resource_id,
            participant_id: row.participant_id,
            outcome: row.outcome,
        }
    }
}

list_envelope!(AuditList, AuditEntryView);

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct AuditQuery {
    #[param(minimum = 1, maximum = 500)]
    limit: Option<i64>,
    #[param(minimum = 0)]
    offset: Option<i64>,
    /// Only entries by this staff member.
    actor_id: Option<uuid::Uuid>,
    /// Only entries about this participant.
    participant_id: Option<uuid::Uuid>,
    /// Only this kind of resource, e.g. `participant`.
    resource_type: Option<String>,
    /// From this time (inclusive, UTC).
    from: Option<DateTime<Utc>>,
    /// Up to this time (inclusive, UTC).
    to: Option<DateTime<Utc>>,
}

/// Audit entries, newest first.
#[utoipa::path(tag = "audit", params(AuditQuery), responses((status = 200, body = AuditList)), security(("bearer" = [])))]
#[get("")]
async fn list_audit_entries(
    state: web::Data<AppState>,
    user: CurrentUser,
    ApiQuery(query): ApiQuery<AuditQuery>,
) -> ApiResult<HttpResponse> {
    let units = policy::read_audit(&user)?;
    let (limit, offset) = paging(query.limit, query.offset)?;
    let filter = AuditFilter {
        actor_id: query.actor_id.map(|a| a.to_string()),
        participant_id: query.participant_id.map(|p| p.to_string()),
        resource_type: query.resource_type,
        from: query.from.map(|t| t.naive_utc()),
        to: query.to.map(|t| t.naive_utc()),
        units,
        limit,
        offset,
    };
    let (rows, total) = state
        .db
        .read(move |store| store.list_audit(&filter))
        .await?;
    Ok(HttpResponse::Ok().json(AuditList {
        items: rows.into_iter().map(Into::into).collect(),
        total,
        limit,
        offset,
    }))
}
