//! Housing follow-ups (`/housing-follow-ups`), risk events (`/risk-events`) and housing-support
//! assignments with caseload limits (`/housing-support-assignments`, `/caseload-limits`).

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, get, post, put, web};
use chrono::NaiveDate;
use domain::housing::{self as rules, CaseloadCheck, RiskKind};
use domain::participant::IncomeSource;
use domain::role::Role;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_actix_web::service_config::ServiceConfig;

use super::view::{FollowUpView, RiskEventView, SupportAssignmentView};
use super::{authorised, done, text};
use crate::app::AppState;
use crate::audit::{self, Action, Outcome};
use crate::auth::CurrentUser;
use crate::auth::policy::{self, HousingAction};
use crate::error::{ApiError, ApiResult, FieldError};
use crate::extract::{ApiJson, ApiQuery, parse_versioned};
use crate::routes::{etag, expected_version, list_envelope};
use crate::store::housing::{AssignmentRow, FollowUpChanges, HOUSING_SUPPORT, RiskEventRow};
use crate::store::time;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list_housing_support_caseloads)
        .service(
            utoipa_actix_web::scope("/housing-follow-ups")
                .service(list_housing_follow_ups)
                .service(record_housing_follow_up),
        )
        .service(
            utoipa_actix_web::scope("/risk-events")
                .service(list_risk_events)
                .service(create_risk_event)
                .service(resolve_risk_event),
        )
        .service(
            utoipa_actix_web::scope("/housing-support-assignments")
                .service(list_housing_support)
                .service(assign_housing_support)
                .service(end_housing_support),
        )
        .service(
            utoipa_actix_web::scope("/caseload-limits")
                .service(get_caseload)
                .service(set_caseload_limit),
        );
}

list_envelope!(FollowUpList, FollowUpView);
list_envelope!(RiskEventList, RiskEventView);
list_envelope!(SupportAssignmentList, SupportAssignmentView);

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ByParticipant {
    participant_id: uuid::Uuid,
}

/// The participant's housing follow-ups (scheduled automatically per tenancy), by due date.
#[utoipa::path(tag = "housing support", params(ByParticipant), responses((status = 200, body = FollowUpList)), security(("bearer" = [])))]
#[get("")]
async fn list_housing_follow_ups(
    state: web::Data<AppState>,
    user: CurrentUser,
    ApiQuery(q): ApiQuery<ByParticipant>,
) -> ApiResult<HttpResponse> {
    let today = state.today();
    let pid = q.participant_id.to_string();
    let rows = state
        .db
        .tx(move |store| {
            if let Err(d) = authorised(
                store,
                &user,
                &pid,
                HousingAction::Read,
                "housing_follow_up",
                today,
            )? {
                return Ok(Err(d));
            }
            store.insert_audit(&[audit::housing(
                &user,
                Action::List,
                "housing_follow_up",
                &pid,
                &pid,
                Outcome::Success,
            )])?;
            Ok(Ok(store.follow_ups_of_participant(&pid)?))
        })
        .await??;
    let items: Vec<FollowUpView> = rows
        .into_iter()
        .map(|r| FollowUpView::build(r, today))
        .collect::<ApiResult<_>>()?;
    let total = items.len() as i64;
    Ok(HttpResponse::Ok().json(FollowUpList {
        items,
        total,
        limit: total,
        offset: 0,
    }))
}

/// The result of a follow-up: the situation on `done_on`.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"version": 1, "done_on": "2012-08-03", "housing_cost": 4200, "income_source": "salary", "debts": 15000,
    "support": "Boendestöd varje vecka", "occupation": "Praktik 50 %"}))]
pub struct FollowUpInput {
    /// Not in the future.
    pub done_on: NaiveDate,
    /// Monthly housing cost in kronor (not negative).
    #[serde(default)]
    pub housing_cost: Option<i32>,
    #[serde(default)]
    pub income_source: Option<IncomeSource>,
    /// Debts in kronor (not negative).
    #[serde(default)]
    pub debts: Option<i32>,
    #[serde(default)]
    pub support: Option<String>,
    #[serde(default)]
    pub occupation: Option<String>,
    #[serde(default)]
    pub note: Option<String>,
    /// The version you edited (or `If-Match`); split off by `parse_versioned`.
    #[allow(dead_code)]
    #[serde(default)]
    pub version: Option<i32>,
}

/// Record (or correct) the result of a housing follow-up (housing support, coordinators, managers).
#[utoipa::path(tag = "housing support", params(("id" = uuid::Uuid, Path, description = "Follow-up id")), request_body = FollowUpInput,
    responses((status = 200, body = FollowUpView), (status = 412, body = crate::error::Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
#[put("/{id}")]
async fn record_housing_follow_up(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: CurrentUser,
    id: web::Path<uuid::Uuid>,
    ApiJson(body): ApiJson<serde_json::Value>,
) -> ApiResult<HttpResponse> {
    let (input, body_version): (FollowUpInput, _) = parse_versioned(body)?;
    let version = expected_version(&req, body_version)?;
    let today = state.today();
    let mut errors = Vec::new();
    if input.done_on > today {
        errors.push(FieldError::new("done_on", "must not be in the future"));
    }
    if input.housing_cost.is_some_and(|c| c < 0) {
        errors.push(FieldError::new("housing_cost", "must not be negative"));
    }
    if input.debts.is_some_and(|c| c < 0) {
        errors.push(FieldError::new("debts", "must not be negative"));
    }
    let changes = FollowUpChanges {
        done_on: Some(input.done_on),
        housing_cost: input.housing_cost,
        income_source: input.income_source.map(|i| i.as_str().to_owned()),
        debts: input.debts,
        support: text(&mut errors, "support", input.support, 500),
        occupation: text(&mut errors, "occupation", input.occupation, 500),
        note: text(&mut errors, "note", input.note, 2000),
    };
    done(errors)?;
    let id = id.into_inner().to_string();
    let row = state
        .db
        .tx(move |store| {
            let f = store
                .get_follow_up(&id)?
                .ok_or_else(|| ApiError::not_found("follow-up"))?;
            if let Err(d) = authorised(
                store,
                &user,
                &f.participant_id,
                HousingAction::Support,
                "housing_follow_up",
                today,
            )? {
                return Ok(Err(d));
            }
            if f.version != version {
                return Err(ApiError::Stale {
                    current_version: f.version,
                });
            }
            let row = store.update_follow_up(&id, version, &changes, time::now())?;
            store.insert_audit(&[audit::housing(
                &user,
                Action::Update,
                "housing_follow_up",
                &id,
                &f.participant_id,
                Outcome::Success,
            )])?;
            Ok(Ok(row))
        })
        .await??;
    Ok(HttpResponse::Ok()
        .insert_header(etag(row.version))
        .json(FollowUpView::build(row, today)?))
}

/// A risk of eviction.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"participant_id": "01936f4e-9a00-7b3c-8d2e-0a1b2c3d4e5f", "kind": "unpaid_rent", "occurred_on": "2012-10-01",
    "description": "Hyran för september obetald"}))]
pub struct RiskEventInput {
    pub participant_id: uuid::Uuid,
    pub kind: RiskKind,
    /// Not in the future.
    pub occurred_on: NaiveDate,
    #[serde(default)]
    pub description: Option<String>,
}

/// The participant's risk events, newest first.
#[utoipa::path(tag = "housing support", params(ByParticipant), responses((status = 200, body = RiskEventList)), security(("bearer" = [])))]
#[get("")]
async fn list_risk_events(
    state: web::Data<AppState>,
    user: CurrentUser,
    ApiQuery(q): ApiQuery<ByParticipant>,
) -> ApiResult<HttpResponse> {
    let today = state.today();
    let pid = q.participant_id.to_string();
    let rows = state
        .db
        .tx(move |store| {
            if let Err(d) =
                authorised(store, &user, &pid, HousingAction::Read, "risk_event", today)?
            {
                return Ok(Err(d));
            }
            store.insert_audit(&[audit::housing(
                &user,
                Action::List,
                "risk_event",
                &pid,
                &pid,
                Outcome::Success,
            )])?;
            Ok(Ok(store.risk_events_of(std::slice::from_ref(&pid))?))
        })
        .await??;
    let items: Vec<RiskEventView> = rows
        .into_iter()
        .map(RiskEventView::try_from)
        .collect::<ApiResult<_>>()?;
    let total = items.len() as i64;
    Ok(HttpResponse::Ok().json(RiskEventList {
        items,
        total,
        limit: total,
        offset: 0,
    }))
}

/// Record a risk event (housing support, coordinators, managers). The participant is flagged on
/// the queue and the occupancy board while it is unresolved or less than 90 days old.
#[utoipa::path(tag = "housing support", request_body = RiskEventInput,
    responses((status = 201, body = RiskEventView, headers(("Location" = String, description = "URL of the event")))),
    security(("bearer" = [])))]
#[post("")]
async fn create_risk_event(
    state: web::Data<AppState>,
    user: CurrentUser,
    ApiJson(input): ApiJson<RiskEventInput>,
) -> ApiResult<HttpResponse> {
    let today = state.today();
    let mut errors = Vec::new();
    if input.occurred_on > today {
        errors.push(FieldError::new("occurred_on", "must not be in the future"));
    }
    let description = text(&mut errors, "description", input.description, 2000);
    done(errors)?;
    let pid = input.participant_id.to_string();
    let row = state
        .db
        .tx(move |store| {
            if let Err(d) = authorised(
                store,
                &user,
                &pid,
                HousingAction::Support,
                "risk_event",
                today,
            )? {
                return Ok(Err(d));
            }
            let now = time::now();
            let row = RiskEventRow {
                id: time::new_id(),
                participant_id: pid.clone(),
                kind: input.kind.as_str().to_owned(),
                occurred_on: input.occurred_on,
                description,
                resolved_on: None,
                resolution: None,
                recorded_by: Some(user.staff_id.clone()),
                created_at: now,
                updated_at: now,
                version: 1,
            };
            store.insert_risk_event(&row)?;
            store.insert_audit(&[audit::housing(
                &user,
                Action::Create,
                "risk_event",
                &row.id,
                &pid,
                Outcome::Success,
            )])?;
            Ok(Ok(row))
        })
        .await??;
    Ok(HttpResponse::Created()
        .insert_header((header::LOCATION, format!("/api/v1/risk-events/{}", row.id)))
        .json(RiskEventView::try_from(row)?))
}

/// How a risk event was resolved.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"version": 1, "resolved_on": "2012-10-15", "resolution": "Avbetalningsplan med hyresvärden"}))]
pub struct ResolveRiskEvent {
    pub resolved_on: NaiveDate,
    #[serde(default)]
    pub resolution: Option<String>,
    #[serde(default)]
    pub version: Option<i32>,
}

/// Resolve a risk event. Resolving before it occurred is 422; already resolved is 409.
#[utoipa::path(tag = "housing support", params(("id" = uuid::Uuid, Path, description = "Risk event id")), request_body = ResolveRiskEvent,
    responses((status = 200, body = RiskEventView), (status = 409, body = crate::error::Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
#[post("/{id}/resolve")]
async fn resolve_risk_event(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: CurrentUser,
    id: web::Path<uuid::Uuid>,
    ApiJson(body): ApiJson<ResolveRiskEvent>,
) -> ApiResult<HttpResponse> {
    let version = expected_version(&req, body.version)?;
    let today = state.today();
    let mut errors = Vec::new();
    let resolution = text(&mut errors, "resolution", body.resolution, 2000);
    done(errors)?;
    let id = id.into_inner().to_string();
    let row = state
        .db
        .tx(move |store| {
            let e = store
                .get_risk_event(&id)?
                .ok_or_else(|| ApiError::not_found("risk event"))?;
            if let Err(d) = authorised(
                store,
                &user,
                &e.participant_id,
                HousingAction::Support,
                "risk_event",
                today,
            )? {
                return Ok(Err(d));
            }
            if body.resolved_on < e.occurred_on || body.resolved_on > today {
                return Err(ApiError::field(
                    "resolved_on",
                    "must be between the event and today",
                ));
            }
            if e.resolved_on.is_some() {
                return Err(ApiError::conflict("the risk event is already resolved"));
            }
            if e.version != version {
                return Err(ApiError::Stale {
                    current_version: e.version,
                });
            }
            let row = store.resolve_risk_event(
                &id,
                version,
                body.resolved_on,
                resolution,
                time::now(),
            )?;
            store.insert_audit(&[audit::housing(
                &user,
                Action::Update,
                "risk_event",
                &id,
                &e.participant_id,
                Outcome::Success,
            )])?;
            Ok(Ok(row))
        })
        .await??;
    Ok(HttpResponse::Ok()
        .insert_header(etag(row.version))
        .json(RiskEventView::try_from(row)?))
}

/// The participant's housing-support workers, newest first.
#[utoipa::path(tag = "housing support", params(ByParticipant), responses((status = 200, body = SupportAssignmentList)), security(("bearer" = [])))]
#[get("")]
async fn list_housing_support(
    state: web::Data<AppState>,
    user: CurrentUser,
    ApiQuery(q): ApiQuery<ByParticipant>,
) -> ApiResult<HttpResponse> {
    let today = state.today();
    let pid = q.participant_id.to_string();
    let rows = state
        .db
        .tx(move |store| {
            if let Err(d) = authorised(
                store,
                &user,
                &pid,
                HousingAction::Read,
                "housing_support",
                today,
            )? {
                return Ok(Err(d));
            }
            store.insert_audit(&[audit::housing(
                &user,
                Action::List,
                "housing_support",
                &pid,
                &pid,
                Outcome::Success,
            )])?;
            Ok(Ok(store.housing_support_of(&pid)?))
        })
        .await??;
    let items: Vec<_> = rows
        .into_iter()
        .map(|(r, f)| SupportAssignmentView::build(r, f))
        .collect();
    let total = items.len() as i64;
    Ok(HttpResponse::Ok().json(SupportAssignmentList {
        items,
        total,
        limit: total,
        offset: 0,
    }))
}

/// Assigning a housing-support worker.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"participant_id": "01936f4e-9a00-7b3c-8d2e-0a1b2c3d4e5f", "staff_id": "01936f4e-8b1c-7d2a-9c3e-1f2a3b4c5d70",
    "start_on": "2012-04-01", "override_caseload_limit": false}))]
pub struct SupportAssignmentInput {
    pub participant_id: uuid::Uuid,
    /// An active housing-support worker of the participant's unit.
    pub staff_id: uuid::Uuid,
    /// Default today.
    #[serde(default)]
    pub start_on: Option<NaiveDate>,
    /// Needed to assign beyond the worker's maximum caseload; the assignment is then flagged.
    #[serde(default)]
    pub override_caseload_limit: bool,
}

/// Assign a housing-support worker (coordinators and managers). Beyond the worker's maximum
/// caseload (default 15) the answer is 409 unless `override_caseload_limit` is true, and then the
/// assignment is flagged `over_caseload_limit`.
#[utoipa::path(tag = "housing support", request_body = SupportAssignmentInput,
    responses((status = 201, body = SupportAssignmentView),
        (status = 409, description = "The worker's caseload is full", body = crate::error::Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
#[post("")]
async fn assign_housing_support(
    state: web::Data<AppState>,
    user: CurrentUser,
    ApiJson(input): ApiJson<SupportAssignmentInput>,
) -> ApiResult<HttpResponse> {
    let today = state.today();
    let start = input.start_on.unwrap_or(today);
    let pid = input.participant_id.to_string();
    let staff_id = input.staff_id.to_string();
    let (row, flagged) = state
        .db
        .tx(move |store| {
            let p = match authorised(store, &user, &pid, HousingAction::Manage, "housing_support", today)? {
                Ok(p) => p,
                Err(d) => return Ok(Err(d)),
            };
            let ok_worker = match store.get_staff(&staff_id)? {
                Some(s) => s.active && s.role == Role::HousingSupport.as_str() && store.staff_unit_ids(&staff_id)?.contains(&p.unit_id),
                None => false,
            };
            if !ok_worker {
                return Err(ApiError::field("staff_id", "must be an active housing-support worker of the participant's unit"));
            }
            let (_, max) = store.caseload_limit(&staff_id)?.unwrap_or(rules::DEFAULT_CASELOAD);
            let current = store.support_caseload_count(&staff_id, start)?;
            let over = rules::check_caseload(current, max) == CaseloadCheck::OverMaximum;
            if over && !input.override_caseload_limit {
                return Err(ApiError::conflict(format!(
                    "the worker already has {current} participants (maximum {max}); send override_caseload_limit to assign anyway"
                )));
            }
            let now = time::now();
            let row = AssignmentRow {
                id: time::new_id(),
                participant_id: pid.clone(),
                staff_id,
                kind: HOUSING_SUPPORT.to_owned(),
                start_date: start,
                end_date: None,
                created_at: now,
                updated_at: now,
                version: 1,
            };
            store.insert_support_assignment(&row, over.then_some(user.staff_id.as_str()))?;
            store.insert_audit(&[audit::housing(&user, Action::Create, "housing_support", &row.id, &pid, Outcome::Success)])?;
            Ok(Ok((row, over)))
        })
        .await??;
    Ok(HttpResponse::Created().json(SupportAssignmentView::build(row, flagged)))
}

/// Ending a housing-support assignment.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EndSupport {
    pub end_on: NaiveDate,
    #[serde(default)]
    pub version: Option<i32>,
}

/// End a housing-support assignment (coordinators and managers).
#[utoipa::path(tag = "housing support", params(("id" = uuid::Uuid, Path, description = "Assignment id")), request_body = EndSupport,
    responses((status = 200, body = SupportAssignmentView), (status = 409, body = crate::error::Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
#[post("/{id}/end")]
async fn end_housing_support(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: CurrentUser,
    id: web::Path<uuid::Uuid>,
    ApiJson(body): ApiJson<EndSupport>,
) -> ApiResult<HttpResponse> {
    let version = expected_version(&req, body.version)?;
    let today = state.today();
    let id = id.into_inner().to_string();
    let (row, flagged) = state
        .db
        .tx(move |store| {
            let (a, flagged) = store
                .get_support_assignment(&id)?
                .ok_or_else(|| ApiError::not_found("assignment"))?;
            if let Err(d) = authorised(
                store,
                &user,
                &a.participant_id,
                HousingAction::Manage,
                "housing_support",
                today,
            )? {
                return Ok(Err(d));
            }
            if body.end_on < a.start_date {
                return Err(ApiError::field("end_on", "must not be before the start"));
            }
            if a.end_date.is_some() {
                return Err(ApiError::conflict("the assignment has already ended"));
            }
            let row = store.end_assignment(&id, version, body.end_on, time::now())?;
            store.insert_audit(&[audit::housing(
                &user,
                Action::Close,
                "housing_support",
                &id,
                &a.participant_id,
                Outcome::Success,
            )])?;
            Ok(Ok((row, flagged)))
        })
        .await??;
    Ok(HttpResponse::Ok().json(SupportAssignmentView::build(row, flagged)))
}

/// A worker's caseload and limits.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({"min_caseload": 10, "max_caseload": 15}))]
pub struct CaseloadLimit {
    pub min_caseload: i32,
    pub max_caseload: i32,
}

/// A worker's current housing-support caseload.
#[derive(Debug, Serialize, ToSchema)]
pub struct CaseloadView {
    pub staff_id: String,
    pub current: i64,
    pub min_caseload: i32,
    pub max_caseload: i32,
    pub over_maximum: bool,
}

/// A housing-support worker's caseload today and limits (default 10–15). Managers, coordinators
/// and the worker themself.
#[utoipa::path(tag = "housing support", params(("staff_id" = uuid::Uuid, Path, description = "Staff id")),
    responses((status = 200, body = CaseloadView)), security(("bearer" = [])))]
#[get("/{staff_id}")]
async fn get_caseload(
    state: web::Data<AppState>,
    user: CurrentUser,
    id: web::Path<uuid::Uuid>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner().to_string();
    if id != user.staff_id {
        policy::read_housing_inventory(&user)?;
        if !matches!(user.role, Role::Manager | Role::HousingCoordinator) {
            return Err(ApiError::forbidden("you may see only your own caseload"));
        }
    }
    let today = state.today();
    let own = id == user.staff_id;
    let view = state
        .db
        .read(move |store| {
            // Someone else's caseload only for a manager or coordinator of one of their units
            // (as for setting the limits): others do not learn the worker exists.
            if !own
                && (store.get_staff(&id)?.is_none()
                    || !store.staff_unit_ids(&id)?.iter().any(|u| user.in_unit(u)))
            {
                return Err(ApiError::not_found("staff member"));
            }
            let (min, max) = store
                .caseload_limit(&id)?
                .unwrap_or(rules::DEFAULT_CASELOAD);
            let current = store.support_caseload_count(&id, today)?;
            Ok(CaseloadView {
                staff_id: id,
                current,
                min_caseload: min,
                max_caseload: max,
                over_maximum: current > i64::from(max),
            })
        })
        .await?;
    Ok(HttpResponse::Ok().json(view))
}

/// Set a worker's caseload limits (managers).
#[utoipa::path(tag = "housing support", params(("staff_id" = uuid::Uuid, Path, description = "Staff id")), request_body = CaseloadLimit,
    responses((status = 200, body = CaseloadLimit)), security(("bearer" = [])))]
#[put("/{staff_id}")]
async fn set_caseload_limit(
    state: web::Data<AppState>,
    user: CurrentUser,
    id: web::Path<uuid::Uuid>,
    ApiJson(body): ApiJson<CaseloadLimit>,
) -> ApiResult<HttpResponse> {
    policy::set_caseload_limits(&user)?;
    let mut errors = Vec::new();
    if body.min_caseload < 0 {
        errors.push(FieldError::new("min_caseload", "must not be negative"));
    }
    if body.max_caseload < body.min_caseload.max(1) {
        errors.push(FieldError::new(
            "max_caseload",
            "must be at least 1 and not below min_caseload",
        ));
    }
    done(errors)?;
    let id = id.into_inner().to_string();
    let (min, max) = (body.min_caseload, body.max_caseload);
    state
        .db
        .tx(move |store| {
            let staff_units = store.staff_unit_ids(&id)?;
            if store.get_staff(&id)?.is_none() || !staff_units.iter().any(|u| user.in_unit(u)) {
                return Err(ApiError::not_found("staff member"));
            }
            store.set_caseload_limit(&id, min, max, time::now())
        })
        .await?;
    Ok(HttpResponse::Ok().json(body))
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct CaseloadOverviewQuery {
    /// One of your units.
    unit_id: uuid::Uuid,
}

/// One housing-support worker's caseload today against their limits.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({"staff_id": "01936f4e-8b1c-7d2a-9c3e-1f2a3b4c5d70", "display_name": "Johan Boendestödjare",
    "current": 16, "min_caseload": 10, "max_caseload": 15, "over_maximum": true, "under_minimum": false}))]
pub struct CaseloadOverviewItem {
    pub staff_id: String,
    pub display_name: String,
    /// Participants with a running housing-support assignment today.
    pub current: i64,
    pub min_caseload: i32,
    pub max_caseload: i32,
    /// More participants than the maximum (assigned with an override).
    pub over_maximum: bool,
    pub under_minimum: bool,
}

list_envelope!(CaseloadOverview, CaseloadOverviewItem);

/// Every active housing-support worker of a unit with their caseload today and limits (default
/// 10–15). Managers and housing coordinators see everyone; a housing-support worker sees only
/// their own line.
#[utoipa::path(tag = "housing support", params(CaseloadOverviewQuery), responses((status = 200, body = CaseloadOverview)), security(("bearer" = [])))]
#[get("/housing-support-caseloads")]
async fn list_housing_support_caseloads(
    state: web::Data<AppState>,
    user: CurrentUser,
    ApiQuery(q): ApiQuery<CaseloadOverviewQuery>,
) -> ApiResult<HttpResponse> {
    let unit = q.unit_id.to_string();
    let only = policy::caseload_overview(&user, &unit)?;
    let today = state.today();
    let items = state
        .db
        .read(move |store| {
            let mut out = Vec::new();
            for s in store.housing_support_workers(&unit)? {
                if only.as_ref().is_some_and(|o| *o != s.id) {
                    continue;
                }
                let (min, max) = store
                    .caseload_limit(&s.id)?
                    .unwrap_or(rules::DEFAULT_CASELOAD);
                let current = store.support_caseload_count(&s.id, today)?;
                out.push(CaseloadOverviewItem {
                    over_maximum: current > i64::from(max),
                    under_minimum: current < i64::from(min),
                    staff_id: s.id,
                    display_name: s.display_name,
                    current,
                    min_caseload: min,
                    max_caseload: max,
                });
            }
            Ok(out)
        })
        .await?;
    let total = items.len() as i64;
    Ok(HttpResponse::Ok().json(CaseloadOverview {
        items,
        total,
        limit: total,
        offset: 0,
    }))
}
