//! ASI interviews: `/participants/{id}/asi-interviews` (list, record), `/asi-interviews/{id}`
//! (read, correct). Each follow-up shows its change from the participant's baseline.

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, get, post, put, web};
use chrono::{DateTime, NaiveDate, Utc};
use domain::asi::{AreaChange, AreaRating, AsiKind, change, check_ratings};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_actix_web::service_config::ServiceConfig;

use super::contacts::PageQuery;
use super::scoped::{Ctx, Errors, code, run};
use crate::app::AppState;
use crate::audit::Action;
use crate::auth::CurrentUser;
use crate::auth::policy::ParticipantAction;
use crate::error::{ApiError, ApiResult};
use crate::extract::{ApiJson, ApiQuery, parse_versioned};
use crate::routes::{etag, expected_version, list_envelope, paging, utc};
use crate::store::asi::AsiInterviewRow;
use crate::store::time;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list_asi_interviews)
        .service(create_asi_interview)
        .service(get_asi_interview)
        .service(update_asi_interview);
}

#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"kind": "baseline", "interviewed_on": "2012-02-10", "intervention_code": "URHEM-JOBB",
    "ratings": [{"area": "alcohol", "interviewer_severity": 7, "participant_rating": 3},
                {"area": "employment_support", "interviewer_severity": 8, "participant_rating": 4}]}))]
pub struct AsiInput {
    pub kind: AsiKind,
    /// Not in the future.
    pub interviewed_on: NaiveDate,
    /// Defaults to you.
    #[serde(default)]
    pub interviewer_id: Option<uuid::Uuid>,
    /// This service's intervention code.
    #[serde(default)]
    pub intervention_code: Option<String>,
    /// One entry per life area rated (at most seven): interviewer 0–9, participant 0–4.
    pub ratings: Vec<AreaRating>,
    #[serde(default)]
    pub note: Option<String>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(example = json!({"id": "01936f4e-9a00-7b3c-8d2e-0a1b2c3d4e66", "participant_id": "01936f4e-9a00-7b3c-8d2e-0a1b2c3d4e5f",
    "kind": "follow_up", "interviewed_on": "2012-11-10", "interviewer_id": "01936f4e-8b1c-7d2a-9c3e-1f2a3b4c5d70",
    "intervention_code": "URHEM-JOBB", "ratings": [{"area": "alcohol", "interviewer_severity": 4, "participant_rating": 1}],
    "change_from_baseline": [{"area": "alcohol", "interviewer_severity_change": -3, "participant_rating_change": -2}],
    "note": null, "created_at": "2026-11-25T09:30:00Z", "updated_at": "2026-11-25T09:30:00Z", "version": 1}))]
pub struct AsiView {
    pub id: String,
    pub participant_id: String,
    pub kind: AsiKind,
    pub interviewed_on: NaiveDate,
    pub interviewer_id: String,
    pub intervention_code: Option<String>,
    pub ratings: Vec<AreaRating>,
    /// For a follow-up: the change per area since the participant's (earliest) baseline.
    pub change_from_baseline: Option<Vec<AreaChange>>,
    pub note: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i32,
}

list_envelope!(AsiList, AsiView);

fn ratings(r: &AsiInterviewRow) -> ApiResult<Vec<AreaRating>> {
    serde_json::from_str(&r.ratings)
        .map_err(|_| ApiError::Internal("asi_interviews.ratings is not valid".into()))
}

fn view(r: AsiInterviewRow, baseline: Option<&AsiInterviewRow>) -> ApiResult<AsiView> {
    let kind: AsiKind = code(&r.kind, "asi_interviews.kind")?;
    let mine = ratings(&r)?;
    let change_from_baseline = match (kind, baseline) {
        (AsiKind::FollowUp, Some(b)) => Some(change(&ratings(b)?, &mine)),
        _ => None,
    };
    Ok(AsiView {
        kind,
        ratings: mine,
        change_from_baseline,
        created_at: utc(r.created_at),
        updated_at: utc(r.updated_at),
        id: r.id,
        participant_id: r.participant_id,
        interviewed_on: r.interviewed_on,
        interviewer_id: r.interviewer_id,
        intervention_code: r.intervention_code,
        note: r.note,
        version: r.version,
    })
}

fn baseline_of(ctx: &mut Ctx<'_>, participant_id: &str) -> ApiResult<Option<AsiInterviewRow>> {
    let (all, _) = ctx.store.asi_interviews_of(participant_id, 10_000, 0)?;
    Ok(all
        .into_iter()
        .filter(|r| r.kind == AsiKind::Baseline.as_str())
        .min_by_key(|r| r.interviewed_on))
}

struct Valid {
    code: Option<String>,
    note: Option<String>,
    ratings: String,
}

fn validate(input: &AsiInput, today: NaiveDate) -> ApiResult<Valid> {
    let mut e = Errors::default();
    let code = e.text("intervention_code", input.intervention_code.clone(), 50);
    let note = e.text("note", input.note.clone(), 4000);
    e.not_future("interviewed_on", Some(input.interviewed_on), today);
    if input.ratings.is_empty() {
        e.add("ratings", "must rate at least one life area");
    }
    for (i, f, m) in check_ratings(&input.ratings) {
        e.add(format!("ratings[{i}].{f}"), m);
    }
    e.finish()?;
    let ratings =
        serde_json::to_string(&input.ratings).map_err(|e| ApiError::Internal(e.to_string()))?;
    Ok(Valid {
        code,
        note,
        ratings,
    })
}

fn interviewer(ctx: &mut Ctx<'_>, given: Option<uuid::Uuid>) -> ApiResult<String> {
    let id = given.map_or_else(|| ctx.user.staff_id.clone(), |g| g.to_string());
    if ctx.store.get_staff(&id)?.is_none() {
        return Err(ApiError::field("interviewer_id", "no such staff member"));
    }
    Ok(id)
}

/// A participant's ASI interviews, newest first.
#[utoipa::path(tag = "asi", params(("id" = uuid::Uuid, Path, description = "Participant id"), PageQuery),
    responses((status = 200, body = AsiList)), security(("bearer" = [])))]
#[get("/participants/{id}/asi-interviews")]
async fn list_asi_interviews(
    state: web::Data<AppState>,
    user: CurrentUser,
    id: web::Path<uuid::Uuid>,
    ApiQuery(q): ApiQuery<PageQuery>,
) -> ApiResult<HttpResponse> {
    let (limit, offset) = paging(q.limit, q.offset)?;
    let id = id.into_inner().to_string();
    let (items, total) = run(&state, user, "asi_interview", Action::List, move |ctx| {
        ctx.participant(&id, ParticipantAction::Read)?;
        ctx.audit(None, &id);
        let baseline = baseline_of(ctx, &id)?;
        let (rows, total) = ctx.store.asi_interviews_of(&id, limit, offset)?;
        let items = rows
            .into_iter()
            .map(|r| view(r, baseline.as_ref()))
            .collect::<ApiResult<Vec<_>>>()?;
        Ok((items, total))
    })
    .await?;
    Ok(HttpResponse::Ok().json(AsiList {
        items,
        total,
        limit,
        offset,
    }))
}

/// Record an ASI interview (baseline or follow-up).
#[utoipa::path(tag = "asi", params(("id" = uuid::Uuid, Path, description = "Participant id")), request_body = AsiInput,
    responses((status = 201, body = AsiView, headers(("Location" = String)))), security(("bearer" = [])))]
#[post("/participants/{id}/asi-interviews")]
async fn create_asi_interview(
    state: web::Data<AppState>,
    user: CurrentUser,
    id: web::Path<uuid::Uuid>,
    ApiJson(input): ApiJson<AsiInput>,
) -> ApiResult<HttpResponse> {
    let v = validate(&input, state.today())?;
    let id = id.into_inner().to_string();
    let out = run(&state, user, "asi_interview", Action::Create, move |ctx| {
        ctx.participant(&id, ParticipantAction::RecordCasework)?;
        let interviewer_id = interviewer(ctx, input.interviewer_id)?;
        let now = time::now();
        let row = AsiInterviewRow {
            id: time::new_id(),
            participant_id: id.clone(),
            kind: input.kind.as_str().into(),
            interviewed_on: input.interviewed_on,
            interviewer_id,
            intervention_code: v.code,
            ratings: v.ratings,
            note: v.note,
            created_at: now,
            updated_at: now,
            version: 1,
        };
        ctx.store.insert_asi_interview(&row)?;
        ctx.audit(Some(&row.id), &id);
        let baseline = baseline_of(ctx, &id)?;
        view(row, baseline.as_ref())
    })
    .await?;
    Ok(HttpResponse::Created()
        .insert_header((
            header::LOCATION,
            format!("/api/v1/asi-interviews/{}", out.id),
        ))
        .insert_header(etag(out.version))
        .json(out))
}

/// Read one ASI interview.
#[utoipa::path(tag = "asi", params(("id" = uuid::Uuid, Path)),
    responses((status = 200, body = AsiView), (status = 404, body = crate::error::Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
#[get("/asi-interviews/{id}")]
async fn get_asi_interview(
    state: web::Data<AppState>,
    user: CurrentUser,
    id: web::Path<uuid::Uuid>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner().to_string();
    let out = run(&state, user, "asi_interview", Action::Read, move |ctx| {
        let row = ctx
            .store
            .get_asi_interview(&id)?
            .ok_or_else(|| ApiError::not_found("ASI interview"))?;
        ctx.participant(&row.participant_id, ParticipantAction::Read)?;
        ctx.audit(Some(&id), &row.participant_id);
        let baseline = baseline_of(ctx, &row.participant_id)?;
        view(row, baseline.as_ref())
    })
    .await?;
    Ok(HttpResponse::Ok()
        .insert_header(etag(out.version))
        .json(out))
}

/// Correct an ASI interview (whole record plus `version`).
#[utoipa::path(tag = "asi", params(("id" = uuid::Uuid, Path)), request_body = AsiInput,
    responses((status = 200, body = AsiView), (status = 412, body = crate::error::Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
#[put("/asi-interviews/{id}")]
async fn update_asi_interview(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: CurrentUser,
    id: web::Path<uuid::Uuid>,
    ApiJson(body): ApiJson<serde_json::Value>,
) -> ApiResult<HttpResponse> {
    let (input, ver): (AsiInput, _) = parse_versioned(body)?;
    let version = expected_version(&req, ver)?;
    let v = validate(&input, state.today())?;
    let id = id.into_inner().to_string();
    let out = run(&state, user, "asi_interview", Action::Update, move |ctx| {
        let mut row = ctx
            .store
            .get_asi_interview(&id)?
            .ok_or_else(|| ApiError::not_found("ASI interview"))?;
        ctx.participant(&row.participant_id, ParticipantAction::RecordCasework)?;
        row.interviewer_id = interviewer(ctx, input.interviewer_id)?;
        row.kind = input.kind.as_str().into();
        row.interviewed_on = input.interviewed_on;
        row.intervention_code = v.code;
        row.ratings = v.ratings;
        row.note = v.note;
        row.updated_at = time::now();
        row.version = version + 1;
        ctx.store.update_asi_interview(version, &row)?;
        ctx.audit(Some(&id), &row.participant_id);
        let baseline = baseline_of(ctx, &row.participant_id)?;
        view(row, baseline.as_ref())
    })
    .await?;
    Ok(HttpResponse::Ok()
        .insert_header(etag(out.version))
        .json(out))
}
