//! Relapses (återfall): `/participants/{id}/relapses` to list and record, `/relapses/{id}` to read
//! and correct. A relapse is recorded for someone enrolled in a programme (422 otherwise).

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, get, post, put, web};
use chrono::{DateTime, NaiveDate, Utc};
use domain::participant::Substance;
use domain::relapse::RelapseOutcome;
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
use crate::store::relapses::RelapseRow;
use crate::store::time;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list_relapses)
        .service(create_relapse)
        .service(get_relapse)
        .service(update_relapse);
}

#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"occurred_on": "2012-05-14", "substance": "alcohol", "outcome": "resumed_planning",
    "note": "Återfall under helgen; planeringen återupptogs efter två veckor"}))]
pub struct RelapseInput {
    /// Not in the future.
    pub occurred_on: NaiveDate,
    pub substance: Substance,
    /// What followed.
    pub outcome: RelapseOutcome,
    #[serde(default)]
    pub note: Option<String>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(example = json!({"id": "01936f4e-9a00-7b3c-8d2e-0a1b2c3d4e64", "participant_id": "01936f4e-9a00-7b3c-8d2e-0a1b2c3d4e5f",
    "occurred_on": "2012-05-14", "substance": "alcohol", "outcome": "resumed_planning", "resumed": true,
    "note": "Återfall under helgen", "recorded_by": "01936f4e-8b1c-7d2a-9c3e-1f2a3b4c5d70",
    "created_at": "2026-11-25T09:30:00Z", "updated_at": "2026-11-25T09:30:00Z", "version": 1}))]
pub struct RelapseView {
    pub id: String,
    pub participant_id: String,
    pub occurred_on: NaiveDate,
    pub substance: Substance,
    pub outcome: RelapseOutcome,
    /// True when planning resumed or new treatment started (the final report's "resumed").
    pub resumed: bool,
    pub note: Option<String>,
    pub recorded_by: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i32,
}

list_envelope!(RelapseList, RelapseView);

fn view(r: RelapseRow) -> ApiResult<RelapseView> {
    let outcome: RelapseOutcome = code(&r.outcome, "relapses.outcome")?;
    Ok(RelapseView {
        substance: code(&r.substance, "relapses.substance")?,
        resumed: outcome.resumed(),
        outcome,
        created_at: utc(r.created_at),
        updated_at: utc(r.updated_at),
        id: r.id,
        participant_id: r.participant_id,
        occurred_on: r.occurred_on,
        note: r.note,
        recorded_by: r.recorded_by,
        version: r.version,
    })
}

fn validate(input: &RelapseInput, today: NaiveDate) -> ApiResult<Option<String>> {
    let mut e = Errors::default();
    let note = e.text("note", input.note.clone(), 4000);
    e.not_future("occurred_on", Some(input.occurred_on), today);
    e.finish()?;
    Ok(note)
}

fn load(ctx: &mut Ctx<'_>, id: &str, action: ParticipantAction) -> ApiResult<RelapseRow> {
    let row = ctx
        .store
        .get_relapse(id)?
        .ok_or_else(|| ApiError::not_found("relapse"))?;
    ctx.participant(&row.participant_id, action)?;
    Ok(row)
}

/// A participant's relapses, newest first.
#[utoipa::path(tag = "relapses", params(("id" = uuid::Uuid, Path, description = "Participant id"), PageQuery),
    responses((status = 200, body = RelapseList)), security(("bearer" = [])))]
#[get("/participants/{id}/relapses")]
async fn list_relapses(
    state: web::Data<AppState>,
    user: CurrentUser,
    id: web::Path<uuid::Uuid>,
    ApiQuery(q): ApiQuery<PageQuery>,
) -> ApiResult<HttpResponse> {
    let (limit, offset) = paging(q.limit, q.offset)?;
    let id = id.into_inner().to_string();
    let (rows, total) = run(&state, user, "relapse", Action::List, move |ctx| {
        ctx.participant(&id, ParticipantAction::Read)?;
        ctx.audit(None, &id);
        ctx.store.relapses_of(&id, limit, offset)
    })
    .await?;
    let items = rows.into_iter().map(view).collect::<ApiResult<_>>()?;
    Ok(HttpResponse::Ok().json(RelapseList {
        items,
        total,
        limit,
        offset,
    }))
}

/// Record a relapse (422 `participant_id` if the person has never been enrolled in a programme).
#[utoipa::path(tag = "relapses", params(("id" = uuid::Uuid, Path, description = "Participant id")), request_body = RelapseInput,
    responses((status = 201, body = RelapseView, headers(("Location" = String)))), security(("bearer" = [])))]
#[post("/participants/{id}/relapses")]
async fn create_relapse(
    state: web::Data<AppState>,
    user: CurrentUser,
    id: web::Path<uuid::Uuid>,
    ApiJson(input): ApiJson<RelapseInput>,
) -> ApiResult<HttpResponse> {
    let note = validate(&input, state.today())?;
    let id = id.into_inner().to_string();
    let row = run(&state, user, "relapse", Action::Create, move |ctx| {
        ctx.participant(&id, ParticipantAction::RecordCasework)?;
        if ctx.store.enrolments_of(&id)?.is_empty() {
            return Err(ApiError::field(
                "participant_id",
                "the participant has never been enrolled in a programme",
            ));
        }
        let now = time::now();
        let row = RelapseRow {
            id: time::new_id(),
            participant_id: id.clone(),
            occurred_on: input.occurred_on,
            substance: input.substance.as_str().into(),
            outcome: input.outcome.as_str().into(),
            note,
            recorded_by: ctx.user.staff_id.clone(),
            created_at: now,
            updated_at: now,
            version: 1,
        };
        ctx.store.insert_relapse(&row)?;
        ctx.audit(Some(&row.id), &id);
        Ok(row)
    })
    .await?;
    Ok(HttpResponse::Created()
        .insert_header((header::LOCATION, format!("/api/v1/relapses/{}", row.id)))
        .insert_header(etag(row.version))
        .json(view(row)?))
}

/// Read one relapse.
#[utoipa::path(tag = "relapses", params(("id" = uuid::Uuid, Path)),
    responses((status = 200, body = RelapseView), (status = 404, body = crate::error::Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
#[get("/relapses/{id}")]
async fn get_relapse(
    state: web::Data<AppState>,
    user: CurrentUser,
    id: web::Path<uuid::Uuid>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner().to_string();
    let row = run(&state, user, "relapse", Action::Read, move |ctx| {
        let row = load(ctx, &id, ParticipantAction::Read)?;
        ctx.audit(Some(&id), &row.participant_id);
        Ok(row)
    })
    .await?;
    Ok(HttpResponse::Ok()
        .insert_header(etag(row.version))
        .json(view(row)?))
}

/// Correct a relapse (whole record plus `version`), e.g. when the outcome becomes known.
#[utoipa::path(tag = "relapses", params(("id" = uuid::Uuid, Path)), request_body = RelapseInput,
    responses((status = 200, body = RelapseView), (status = 412, body = crate::error::Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
#[put("/relapses/{id}")]
async fn update_relapse(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: CurrentUser,
    id: web::Path<uuid::Uuid>,
    ApiJson(body): ApiJson<serde_json::Value>,
) -> ApiResult<HttpResponse> {
    let (input, v): (RelapseInput, _) = parse_versioned(body)?;
    let version = expected_version(&req, v)?;
    let note = validate(&input, state.today())?;
    let id = id.into_inner().to_string();
    let row = run(&state, user, "relapse", Action::Update, move |ctx| {
        let mut row = load(ctx, &id, ParticipantAction::RecordCasework)?;
        row.occurred_on = input.occurred_on;
        row.substance = input.substance.as_str().into();
        row.outcome = input.outcome.as_str().into();
        row.note = note;
        row.updated_at = time::now();
        row.version = version + 1;
        ctx.store.update_relapse(version, &row)?;
        ctx.audit(Some(&id), &row.participant_id);
        Ok(row)
    })
    .await?;
    Ok(HttpResponse::Ok()
        .insert_header(etag(row.version))
        .json(view(row)?))
}
