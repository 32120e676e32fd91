//! `/api/v1/retention`: retention (gallring). A closed case may be removed once the retention
//! period (`STEGVIS_RETENTION_YEARS`, default 5) has passed since the last entry about the
//! participant. A manager lists the candidates of their units and approves removals; the removal
//! deletes the participant and every record about them in one transaction, with an audit entry
//! that holds only ids. See `store::retention` for what is removed and what is kept.

use actix_web::{HttpResponse, get, post, web};
use chrono::{DateTime, Months, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_actix_web::service_config::ServiceConfig;

use crate::app::AppState;
use crate::audit::{self, Action, Outcome};
use crate::auth::CurrentUser;
use crate::auth::policy::{self, ParticipantAction};
use crate::error::{ApiError, ApiResult, FieldError};
use crate::extract::{ApiJson, ApiQuery};
use crate::routes::utc;
use crate::store::retention::Closed;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(
        utoipa_actix_web::scope("/retention")
            .service(list_candidates)
            .service(approve),
    );
}

/// A closed case whose retention period has passed.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({"participant_id": "01936f4e-8b1c-7d2a-9c3e-1f2a3b4c5d71", "unit_id": "01936f4e-8b1c-7d2a-9c3e-1f2a3b4c5d6e",
    "first_name": "Testa", "last_name": "Testsson", "closed_on": "2019-03-31", "last_entry_at": "2019-04-02T09:15:00Z",
    "removable_from": "2024-04-02"}))]
pub struct RetentionCandidate {
    pub participant_id: String,
    pub unit_id: String,
    pub first_name: String,
    pub last_name: String,
    pub closed_on: Option<NaiveDate>,
    /// The last write about the participant (the record, its closing, or any audited change).
    pub last_entry_at: DateTime<Utc>,
    /// The first day the case may be removed.
    pub removable_from: NaiveDate,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct RetentionCandidates {
    pub items: Vec<RetentionCandidate>,
    /// The configured retention period in years.
    pub retention_years: u32,
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct CandidateQuery {
    /// Only this one of your units.
    unit_id: Option<uuid::Uuid>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"participant_ids": ["01936f4e-8b1c-7d2a-9c3e-1f2a3b4c5d71"]}))]
pub struct RetentionApproval {
    /// The candidates to remove now (1–100). All or none are removed.
    #[schema(min_items = 1, max_items = 100)]
    pub participant_ids: Vec<uuid::Uuid>,
}

/// What was removed: how many rows per table, never what they said.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({"removed": [{"participant_id": "01936f4e-8b1c-7d2a-9c3e-1f2a3b4c5d71",
    "rows": [{"table": "participants", "count": 1}, {"table": "contacts", "count": 4}]}]}))]
pub struct RetentionResult {
    pub removed: Vec<RemovedParticipant>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct RemovedParticipant {
    pub participant_id: String,
    pub rows: Vec<RemovedRows>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct RemovedRows {
    pub table: String,
    pub count: i64,
}

fn removable_from(closed: &Closed, years: u32) -> NaiveDate {
    let last = closed.last_entry.date();
    last.checked_add_months(Months::new(years.saturating_mul(12)))
        .unwrap_or(NaiveDate::MAX)
}

/// Closed cases of your units whose retention period has passed (managers). Each listed person
/// is audited as read.
#[utoipa::path(tag = "retention", params(CandidateQuery),
    responses((status = 200, body = RetentionCandidates)), security(("bearer" = [])))]
#[get("/candidates")]
async fn list_candidates(
    state: web::Data<AppState>,
    user: CurrentUser,
    ApiQuery(q): ApiQuery<CandidateQuery>,
) -> ApiResult<HttpResponse> {
    policy::retention(&user)?;
    let units = match q.unit_id.map(|u| u.to_string()) {
        Some(unit) if !user.in_unit(&unit) => {
            return Err(ApiError::forbidden("this unit is not one you work in"));
        }
        Some(unit) => vec![unit],
        None => user.unit_ids.clone(),
    };
    let years = state.config.retention_years;
    let today = state.today();
    let items = state
        .db
        .tx(move |store| {
            let mut items = Vec::new();
            for closed in store.closed_participants(&units)? {
                let from = removable_from(&closed, years);
                if from > today {
                    continue;
                }
                let assigned =
                    crate::routes::scoped::assigned_if_consulted(store, &user, &closed.row, today)?;
                if policy::participant(&user, ParticipantAction::Read, &closed.row, assigned)
                    .is_err()
                {
                    continue;
                }
                store.insert_audit(&[audit::participant(
                    &user,
                    Action::Read,
                    &closed.row.id,
                    Outcome::Success,
                )])?;
                items.push(RetentionCandidate {
                    participant_id: closed.row.id.clone(),
                    unit_id: closed.row.unit_id.clone(),
                    first_name: closed.row.first_name.clone(),
                    last_name: closed.row.last_name.clone(),
                    closed_on: closed.row.closed_on,
                    last_entry_at: utc(closed.last_entry),
                    removable_from: from,
                });
            }
            Ok(items)
        })
        .await?;
    Ok(HttpResponse::Ok().json(RetentionCandidates {
        items,
        retention_years: years,
    }))
}

/// Approve the removal of closed cases past their retention period (managers of their units).
/// Removes each participant with every record about them, in one transaction: all or none.
/// The audit log keeps its entries (ids only) and gets one `delete` entry per participant.
#[utoipa::path(tag = "retention", request_body = RetentionApproval,
    responses((status = 200, body = RetentionResult)), security(("bearer" = [])))]
#[post("/approvals")]
async fn approve(
    state: web::Data<AppState>,
    user: CurrentUser,
    ApiJson(body): ApiJson<RetentionApproval>,
) -> ApiResult<HttpResponse> {
    policy::retention(&user)?;
    if body.participant_ids.is_empty() || body.participant_ids.len() > 100 {
        return Err(ApiError::field(
            "participant_ids",
            "must list 1–100 participants",
        ));
    }
    let mut ids: Vec<String> = body.participant_ids.iter().map(|u| u.to_string()).collect();
    ids.dedup();
    let years = state.config.retention_years;
    let today = state.today();
    let result = state
        .db
        .tx(move |store| {
            let candidates = store.closed_participants(&user.unit_ids)?;
            let mut errors = Vec::new();
            let mut approved = Vec::new();
            for (i, id) in ids.iter().enumerate() {
                let Some(row) = store.get_participant(id)? else {
                    return Err(ApiError::not_found("participant"));
                };
                let assigned =
                    crate::routes::scoped::assigned_if_consulted(store, &user, &row, today)?;
                if let Err(denied) =
                    policy::participant(&user, ParticipantAction::Close, &row, assigned)
                {
                    store.insert_audit(&[audit::participant(
                        &user,
                        Action::Delete,
                        id,
                        Outcome::Denied,
                    )])?;
                    return Ok(Err(denied));
                }
                match candidates.iter().find(|c| &c.row.id == id) {
                    Some(c) if removable_from(c, years) <= today => approved.push(id.clone()),
                    Some(c) => errors.push(FieldError::new(
                        format!("participant_ids[{i}]"),
                        format!(
                            "the retention period runs until {}",
                            removable_from(c, years)
                        ),
                    )),
                    None => errors.push(FieldError::new(
                        format!("participant_ids[{i}]"),
                        "the case is not closed",
                    )),
                }
            }
            if !errors.is_empty() {
                return Err(ApiError::Validation(errors));
            }
            let mut removed = Vec::new();
            for id in approved {
                let rows = store.remove_participant(&id)?;
                // Ids only: the entry says that this id was removed, by whom and when.
                store.insert_audit(&[audit::participant(
                    &user,
                    Action::Delete,
                    &id,
                    Outcome::Success,
                )])?;
                removed.push(RemovedParticipant {
                    participant_id: id,
                    rows: rows
                        .into_iter()
                        .map(|(table, n)| RemovedRows {
                            table,
                            count: i64::try_from(n).unwrap_or(i64::MAX),
                        })
                        .collect(),
                });
            }
            Ok(Ok(removed))
        })
        .await??;
    log::info!("retention: removed {} participant(s)", result.len());
    Ok(HttpResponse::Ok().json(RetentionResult { removed: result }))
}
