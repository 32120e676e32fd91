//! Staff assignments (`/participants/{id}/assignments`, `/assignments/{id}`, `/assignments/{id}/end`)
//! and a staff member's caseload (`/staff/{id}/caseload`): their participants today.

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, get, post, put, web};
use chrono::{DateTime, NaiveDate, Utc};
use domain::assignment::{AssignmentKind, is_running};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_actix_web::service_config::ServiceConfig;

use super::contacts::PageQuery;
use super::participants::ParticipantView;
use super::scoped::{Ctx, Errors, code, run};
use crate::app::AppState;
use crate::audit::Action;
use crate::auth::CurrentUser;
use crate::auth::policy::{self, ParticipantAction};
use crate::error::{ApiError, ApiResult};
use crate::extract::{ApiJson, ApiQuery, parse_versioned};
use crate::routes::{etag, expected_version, list_envelope, paging, utc};
use crate::store::assignments::AssignmentRow;
use crate::store::time;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list_assignments)
        .service(create_assignment)
        .service(get_assignment)
        .service(update_assignment)
        .service(end_assignment)
        .service(staff_caseload);
}

#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"staff_id": "01936f4e-8b1c-7d2a-9c3e-1f2a3b4c5d70", "kind": "work_consultant", "start_date": "2012-02-01"}))]
pub struct AssignmentInput {
    /// An active staff member of the participant's unit.
    pub staff_id: uuid::Uuid,
    pub kind: AssignmentKind,
    pub start_date: NaiveDate,
    #[serde(default)]
    pub end_date: Option<NaiveDate>,
}

/// Ending an assignment.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EndAssignment {
    #[serde(default)]
    pub version: Option<i32>,
    /// Defaults to today.
    #[serde(default)]
    pub end_date: Option<NaiveDate>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(example = json!({"id": "01936f4e-9a00-7b3c-8d2e-0a1b2c3d4e67", "participant_id": "01936f4e-9a00-7b3c-8d2e-0a1b2c3d4e5f",
    "staff_id": "01936f4e-8b1c-7d2a-9c3e-1f2a3b4c5d70", "kind": "work_consultant", "start_date": "2012-02-01",
    "end_date": null, "current": true, "created_at": "2026-11-25T09:30:00Z", "updated_at": "2026-11-25T09:30:00Z", "version": 1}))]
pub struct AssignmentView {
    pub id: String,
    pub participant_id: String,
    pub staff_id: String,
    pub kind: AssignmentKind,
    pub start_date: NaiveDate,
    pub end_date: Option<NaiveDate>,
    /// Running today.
    pub current: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i32,
}

list_envelope!(AssignmentList, AssignmentView);

fn view(r: AssignmentRow, today: NaiveDate) -> ApiResult<AssignmentView> {
    Ok(AssignmentView {
        kind: code(&r.kind, "participant_assignments.kind")?,
        current: is_running(r.start_date, r.end_date, today),
        created_at: utc(r.created_at),
        updated_at: utc(r.updated_at),
        id: r.id,
        participant_id: r.participant_id,
        staff_id: r.staff_id,
        start_date: r.start_date,
        end_date: r.end_date,
        version: r.version,
    })
}

fn check(ctx: &mut Ctx<'_>, unit_id: &str, input: &AssignmentInput) -> ApiResult<()> {
    let mut e = Errors::default();
    for p in domain::programme::check_range(input.start_date, input.end_date) {
        e.add(p.field, p.message);
    }
    let staff = input.staff_id.to_string();
    let member = match ctx.store.get_staff(&staff)? {
        Some(s) if s.active => ctx
            .store
            .staff_unit_ids(&staff)?
            .iter()
            .any(|u| u == unit_id),
        _ => false,
    };
    if !member {
        e.add(
            "staff_id",
            "must be an active staff member of the participant's unit",
        );
    }
    e.finish()
}

fn load(ctx: &mut Ctx<'_>, id: &str, action: ParticipantAction) -> ApiResult<AssignmentRow> {
    let row = ctx
        .store
        .get_assignment(id)?
        .ok_or_else(|| ApiError::not_found("assignment"))?;
    ctx.participant(&row.participant_id, action)?;
    Ok(row)
}

/// A participant's assignments (current and past), newest first.
#[utoipa::path(tag = "assignments", params(("id" = uuid::Uuid, Path, description = "Participant id"), PageQuery),
    responses((status = 200, body = AssignmentList)), security(("bearer" = [])))]
#[get("/participants/{id}/assignments")]
async fn list_assignments(
    state: web::Data<AppState>,
    user: CurrentUser,
    id: web::Path<uuid::Uuid>,
    ApiQuery(q): ApiQuery<PageQuery>,
) -> ApiResult<HttpResponse> {
    let (limit, offset) = paging(q.limit, q.offset)?;
    let today = state.today();
    let id = id.into_inner().to_string();
    let (rows, total) = run(&state, user, "assignment", Action::List, move |ctx| {
        ctx.participant(&id, ParticipantAction::Read)?;
        ctx.audit(None, &id);
        ctx.store.assignments_of(&id, limit, offset)
    })
    .await?;
    let items = rows
        .into_iter()
        .map(|r| view(r, today))
        .collect::<ApiResult<_>>()?;
    Ok(HttpResponse::Ok().json(AssignmentList {
        items,
        total,
        limit,
        offset,
    }))
}

/// Assign a staff member to a participant (caseworkers and managers).
#[utoipa::path(tag = "assignments", params(("id" = uuid::Uuid, Path, description = "Participant id")), request_body = AssignmentInput,
    responses((status = 201, body = AssignmentView, headers(("Location" = String)))), security(("bearer" = [])))]
#[post("/participants/{id}/assignments")]
async fn create_assignment(
    state: web::Data<AppState>,
    user: CurrentUser,
    id: web::Path<uuid::Uuid>,
    ApiJson(input): ApiJson<AssignmentInput>,
) -> ApiResult<HttpResponse> {
    let today = state.today();
    let id = id.into_inner().to_string();
    let row = run(&state, user, "assignment", Action::Create, move |ctx| {
        let p = ctx.participant(&id, ParticipantAction::Update)?;
        check(ctx, &p.unit_id, &input)?;
        let now = time::now();
        let row = AssignmentRow {
            id: time::new_id(),
            participant_id: id.clone(),
            staff_id: input.staff_id.to_string(),
            kind: input.kind.as_str().into(),
            start_date: input.start_date,
            end_date: input.end_date,
            created_at: now,
            updated_at: now,
            version: 1,
        };
        ctx.store.insert_assignment(&row)?;
        ctx.audit(Some(&row.id), &id);
        Ok(row)
    })
    .await?;
    Ok(HttpResponse::Created()
        .insert_header((header::LOCATION, format!("/api/v1/assignments/{}", row.id)))
        .insert_header(etag(row.version))
        .json(view(row, today)?))
}

/// Read one assignment.
#[utoipa::path(tag = "assignments", params(("id" = uuid::Uuid, Path)),
    responses((status = 200, body = AssignmentView), (status = 404, body = crate::error::Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
#[get("/assignments/{id}")]
async fn get_assignment(
    state: web::Data<AppState>,
    user: CurrentUser,
    id: web::Path<uuid::Uuid>,
) -> ApiResult<HttpResponse> {
    let today = state.today();
    let id = id.into_inner().to_string();
    let row = run(&state, user, "assignment", Action::Read, move |ctx| {
        let row = load(ctx, &id, ParticipantAction::Read)?;
        ctx.audit(Some(&id), &row.participant_id);
        Ok(row)
    })
    .await?;
    Ok(HttpResponse::Ok()
        .insert_header(etag(row.version))
        .json(view(row, today)?))
}

/// Change an assignment (whole record plus `version`).
#[utoipa::path(tag = "assignments", params(("id" = uuid::Uuid, Path)), request_body = AssignmentInput,
    responses((status = 200, body = AssignmentView), (status = 412, body = crate::error::Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
#[put("/assignments/{id}")]
async fn update_assignment(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: CurrentUser,
    id: web::Path<uuid::Uuid>,
    ApiJson(body): ApiJson<serde_json::Value>,
) -> ApiResult<HttpResponse> {
    let (input, ver): (AssignmentInput, _) = parse_versioned(body)?;
    let version = expected_version(&req, ver)?;
    let today = state.today();
    let id = id.into_inner().to_string();
    let row = run(&state, user, "assignment", Action::Update, move |ctx| {
        let mut row = load(ctx, &id, ParticipantAction::Update)?;
        let p = ctx.participant(&row.participant_id, ParticipantAction::Update)?;
        check(ctx, &p.unit_id, &input)?;
        row.staff_id = input.staff_id.to_string();
        row.kind = input.kind.as_str().into();
        row.start_date = input.start_date;
        row.end_date = input.end_date;
        row.updated_at = time::now();
        row.version = version + 1;
        ctx.store.update_assignment(version, &row)?;
        ctx.audit(Some(&id), &row.participant_id);
        Ok(row)
    })
    .await?;
    Ok(HttpResponse::Ok()
        .insert_header(etag(row.version))
        .json(view(row, today)?))
}

/// End an assignment (409 if it has already ended).
#[utoipa::path(tag = "assignments", params(("id" = uuid::Uuid, Path)), request_body = EndAssignment,
    responses((status = 200, body = AssignmentView), (status = 409, body = crate::error::Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
#[post("/assignments/{id}/end")]
async fn end_assignment(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: CurrentUser,
    id: web::Path<uuid::Uuid>,
    ApiJson(body): ApiJson<EndAssignment>,
) -> ApiResult<HttpResponse> {
    let version = expected_version(&req, body.version)?;
    let today = state.today();
    let end = body.end_date.unwrap_or(today);
    let id = id.into_inner().to_string();
    let row = run(&state, user, "assignment", Action::Close, move |ctx| {
        let mut row = load(ctx, &id, ParticipantAction::Update)?;
        if row.end_date.is_some_and(|d| d < today) {
            return Err(ApiError::conflict("the assignment has already ended"));
        }
        if end < row.start_date {
            return Err(ApiError::field("end_date", "must not be before start_date"));
        }
        row.end_date = Some(end);
        row.updated_at = time::now();
        row.version = version + 1;
        ctx.store.update_assignment(version, &row)?;
        ctx.audit(Some(&id), &row.participant_id);
        Ok(row)
    })
    .await?;
    Ok(HttpResponse::Ok()
        .insert_header(etag(row.version))
        .json(view(row, today)?))
}

/// One participant in a caseload, with the assignments that put them there.
#[derive(Debug, Serialize, ToSchema)]
pub struct CaseloadEntry {
    pub participant: ParticipantView,
    pub assignments: Vec<AssignmentView>,
}

/// A caseload: everyone a staff member is assigned to today.
#[derive(Debug, Serialize, ToSchema)]
pub struct Caseload {
    pub staff_id: String,
    pub on: NaiveDate,
    pub items: Vec<CaseloadEntry>,
    pub total: i64,
}

/// A staff member's caseload today: the participants (that you may see) they have a running
/// assignment with, sorted by name. Every participant listed is audited as read.
#[utoipa::path(tag = "assignments", params(("id" = uuid::Uuid, Path, description = "Staff id")),
    responses((status = 200, body = Caseload)), security(("bearer" = [])))]
#[get("/staff/{id}/caseload")]
async fn staff_caseload(
    state: web::Data<AppState>,
    user: CurrentUser,
    id: web::Path<uuid::Uuid>,
) -> ApiResult<HttpResponse> {
    let today = state.today();
    let scope = policy::participant_scope(&user, today)?;
    let staff_id = id.into_inner().to_string();
    let sid = staff_id.clone();
    let rows = run(&state, user, "participant", Action::List, move |ctx| {
        let rows = ctx.store.caseload(&sid, &scope)?;
        for (p, _) in &rows {
            ctx.audit(Some(&p.id), &p.id);
        }
        Ok(rows)
    })
    .await?;
    let items = rows
        .into_iter()
        .map(|(p, a)| {
            Ok(CaseloadEntry {
                participant: ParticipantView::try_from(p)?,
                assignments: a
                    .into_iter()
                    .map(|r| view(r, today))
                    .collect::<ApiResult<_>>()?,
            })
        })
        .collect::<ApiResult<Vec<_>>>()?;
    let total = i64::try_from(items.len()).unwrap_or(i64::MAX);
    Ok(HttpResponse::Ok().json(Caseload {
        staff_id,
        on: today,
        items,
        total,
    }))
}
