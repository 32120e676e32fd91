//! Method evaluations (seed 004): every six months the unit evaluates its way of working with
//! action plans. One record per programme and half-year holds the figures the system computes
//! from the programme's plans when the record is created (`domain::action_plan::method_figures`),
//! and the unit's own text. `/api/v1/programmes/{id}/method-evaluations`, `/api/v1/method-evaluations/{id}`.

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, get, post, put, web};
use chrono::{DateTime, NaiveDate, Utc};
use domain::action_plan::{self as rules, GoalOutcome, HalfYear, MethodFigures, PlanRecord};
use domain::period::Period;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_actix_web::service_config::ServiceConfig;

use super::scoped::{Errors, code};
use crate::app::AppState;
use crate::auth::CurrentUser;
use crate::auth::policy;
use crate::error::{ApiError, ApiResult};
use crate::extract::{ApiJson, parse_versioned};
use crate::routes::{etag, expected_version, list_envelope, utc};
use crate::store::Store;
use crate::store::action_plans::MethodEvaluationRow;
use crate::store::programmes::ProgrammeRow;
use crate::store::time;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list_method_evaluations)
        .service(create_method_evaluation)
        .service(
            utoipa_actix_web::scope("/method-evaluations")
                .service(get_method_evaluation)
                .service(update_method_evaluation),
        );
}

/// A new method evaluation; the figures are computed from the programme's plans.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"half_year": "2012-H1",
    "evaluation": "Handlingsplanerna följs upp i tid i de flesta fall. Målen formuleras oftare med deltagarens egna ord."}))]
pub struct MethodEvaluationInput {
    /// `YYYY-H1` (January–June) or `YYYY-H2` (July–December); must have started.
    pub half_year: String,
    /// The unit's evaluation of the method.
    #[serde(default)]
    pub evaluation: Option<String>,
}

/// The unit's text (the computed figures do not change) plus `version`.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"evaluation": "Uppföljningarna sker i tid; nästa halvår prövar vi gemensamma målformuleringar.", "version": 1}))]
pub struct MethodEvaluationUpdate {
    #[serde(default)]
    pub evaluation: Option<String>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(example = json!({
    "id": "01936f4e-9a00-7b3c-8d2e-0a1b2c3d4ea0", "programme_id": "01936f4e-9a00-7b3c-8d2e-0a1b2c3d4e60",
    "half_year": "2012-H1", "period": {"from": "2012-01-01", "to": "2012-06-30"},
    "figures": {"plans_written": 12, "reviews_due": 9, "reviews_on_time": 7, "reviews_late": 1, "reviews_missing": 1,
        "goals_assessed": 20, "goals_achieved": 11, "goals_partly_achieved": 5, "goals_not_achieved": 4},
    "computed_on": "2012-07-05", "evaluation": "Handlingsplanerna följs upp i tid i de flesta fall.",
    "created_by": "01936f4e-9a00-7b3c-8d2e-0a1b2c3d4e70",
    "created_at": "2026-11-25T09:30:00Z", "updated_at": "2026-11-25T09:30:00Z", "version": 1}))]
pub struct MethodEvaluationView {
    pub id: String,
    pub programme_id: String,
    pub half_year: String,
    pub period: Period,
    /// Computed from the programme's plans on `computed_on`. Plans written: plans (not drafts)
    /// whose period starts in the half-year. Reviews due: plans whose period ends in it; on time
    /// = reviewed on or before the period end, late = after it, missing = not reviewed by
    /// `computed_on`. Goals: the outcomes of reviews done in the half-year.
    pub figures: MethodFigures,
    pub computed_on: NaiveDate,
    pub evaluation: Option<String>,
    pub created_by: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i32,
}

list_envelope!(MethodEvaluationList, MethodEvaluationView);

impl TryFrom<MethodEvaluationRow> for MethodEvaluationView {
    type Error = ApiError;
    fn try_from(r: MethodEvaluationRow) -> ApiResult<Self> {
        let half: HalfYear = code(&r.half_year, "method_evaluations.half_year")?;
        Ok(Self {
            period: half.period(),
            figures: serde_json::from_str(&r.figures).map_err(|_| {
                ApiError::Internal("method_evaluations.figures is not valid".into())
            })?,
            created_at: utc(r.created_at),
            updated_at: utc(r.updated_at),
            id: r.id,
            programme_id: r.programme_id,
            half_year: r.half_year,
            computed_on: r.computed_on,
            evaluation: r.evaluation,
            created_by: r.created_by,
            version: r.version,
        })
    }
}

fn programme(s: &mut dyn Store, id: &str) -> ApiResult<ProgrammeRow> {
    s.get_programme(id)?
        .ok_or_else(|| ApiError::not_found("programme"))
}

/// The figures of `half` from the programme's stored plans, as of `today`.
fn figures(
    s: &mut dyn Store,
    programme_id: &str,
    half: HalfYear,
    today: NaiveDate,
) -> ApiResult<MethodFigures> {
    let mut records = Vec::new();
    for rec in s.programme_plans(programme_id)? {
        let outcomes = rec
            .goals
            .iter()
            .filter_map(|g| g.outcome.as_deref())
            .map(|o| code::<GoalOutcome>(o, "action_plan_goals.outcome"))
            .collect::<ApiResult<_>>()?;
        records.push(PlanRecord {
            status: code(&rec.plan.status, "action_plans.status")?,
            period_start: rec.plan.period_start,
            period_end: rec.plan.period_end,
            reviewed_on: rec.review.map(|r| r.reviewed_on),
            outcomes,
        });
    }
    Ok(rules::method_figures(half, &records, today))
}

/// A programme's method evaluations, newest half-year first (staff of the programme's unit).
#[utoipa::path(tag = "method-evaluations", params(("id" = uuid::Uuid, Path, description = "The programme")),
    responses((status = 200, body = MethodEvaluationList), (status = 404, body = crate::error::Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
#[get("/programmes/{id}/method-evaluations")]
async fn list_method_evaluations(
    state: web::Data<AppState>,
    user: CurrentUser,
    id: web::Path<uuid::Uuid>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner().to_string();
    let rows = state
        .db
        .read(move |s| {
            let p = programme(s, &id)?;
            policy::method_evaluation(&user, false, &p.unit_id)?;
            s.method_evaluations_of(&id)
        })
        .await?;
    let items: Vec<MethodEvaluationView> = rows
        .into_iter()
        .map(MethodEvaluationView::try_from)
        .collect::<ApiResult<_>>()?;
    let total = i64::try_from(items.len()).unwrap_or(i64::MAX);
    Ok(HttpResponse::Ok().json(MethodEvaluationList {
        items,
        total,
        limit: total.max(1),
        offset: 0,
    }))
}

/// Create the method evaluation of a programme's half-year (the unit's manager). The figures
/// are computed now from the programme's plans and stored; 409 if the half-year already has one.
#[utoipa::path(tag = "method-evaluations", params(("id" = uuid::Uuid, Path, description = "The programme")),
    request_body = MethodEvaluationInput,
    responses((status = 201, body = MethodEvaluationView, headers(("Location" = String), ("ETag" = String))),
        (status = 404, body = crate::error::Problem, content_type = "application/problem+json"),
        (status = 409, body = crate::error::Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
#[post("/programmes/{id}/method-evaluations")]
async fn create_method_evaluation(
    state: web::Data<AppState>,
    user: CurrentUser,
    id: web::Path<uuid::Uuid>,
    ApiJson(input): ApiJson<MethodEvaluationInput>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner().to_string();
    let today = state.today();
    let row = state
        .db
        .tx(move |s| {
            let p = programme(s, &id)?;
            policy::method_evaluation(&user, true, &p.unit_id)?;
            let mut e = Errors::default();
            let half = input.half_year.parse::<HalfYear>();
            match half {
                Err(err) => e.add("half_year", err.to_string()),
                Ok(h) if h.period().from > today => e.add("half_year", "must have started"),
                Ok(_) => {}
            }
            let evaluation = e.text("evaluation", input.evaluation, 20_000);
            e.finish()?;
            let half = half.map_err(|_| ApiError::field("half_year", "invalid"))?;
            let figures = figures(s, &id, half, today)?;
            let now = time::now();
            let row = MethodEvaluationRow {
                id: time::new_id(),
                programme_id: id,
                half_year: half.to_string(),
                figures: serde_json::to_string(&figures)
                    .map_err(|e| ApiError::Internal(e.to_string()))?,
                computed_on: today,
                evaluation,
                created_by: user.staff_id.clone(),
                created_at: now,
                updated_at: now,
                version: 1,
            };
            s.insert_method_evaluation(&row)?;
            Ok(row)
        })
        .await?;
    Ok(HttpResponse::Created()
        .insert_header((
            header::LOCATION,
            format!("/api/v1/method-evaluations/{}", row.id),
        ))
        .insert_header(etag(row.version))
        .json(MethodEvaluationView::try_from(row)?))
}

fn load(
    s: &mut dyn Store,
    user: &CurrentUser,
    id: &str,
    write: bool,
) -> ApiResult<MethodEvaluationRow> {
    let row = s
        .get_method_evaluation(id)?
        .ok_or_else(|| ApiError::not_found("method evaluation"))?;
    let p = programme(s, &row.programme_id)?;
    policy::method_evaluation(user, write, &p.unit_id)?;
    Ok(row)
}

/// Read one method evaluation.
#[utoipa::path(tag = "method-evaluations", params(("id" = uuid::Uuid, Path)),
    responses((status = 200, body = MethodEvaluationView), (status = 404, body = crate::error::Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
#[get("/{id}")]
async fn get_method_evaluation(
    state: web::Data<AppState>,
    user: CurrentUser,
    id: web::Path<uuid::Uuid>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner().to_string();
    let row = state.db.read(move |s| load(s, &user, &id, false)).await?;
    Ok(HttpResponse::Ok()
        .insert_header(etag(row.version))
        .json(MethodEvaluationView::try_from(row)?))
}

/// Update the unit's text of a method evaluation (the unit's manager; `version` required).
#[utoipa::path(tag = "method-evaluations", params(("id" = uuid::Uuid, Path)), request_body = MethodEvaluationUpdate,
    responses((status = 200, body = MethodEvaluationView),
        (status = 412, body = crate::error::Problem, content_type = "application/problem+json"),
        (status = 428, body = crate::error::Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
#[put("/{id}")]
async fn update_method_evaluation(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: CurrentUser,
    id: web::Path<uuid::Uuid>,
    ApiJson(body): ApiJson<serde_json::Value>,
) -> ApiResult<HttpResponse> {
    let (input, v): (MethodEvaluationUpdate, _) = parse_versioned(body)?;
    let version = expected_version(&req, v)?;
    let id = id.into_inner().to_string();
    let row = state
        .db
        .tx(move |s| {
            let mut row = load(s, &user, &id, true)?;
            let mut e = Errors::default();
            let evaluation = e.text("evaluation", input.evaluation, 20_000);
            e.finish()?;
            row.evaluation = evaluation;
            row.updated_at = time::now();
            row.version = version + 1;
            s.update_method_evaluation(version, &row)?;
            Ok(row)
        })
        .await?;
    Ok(HttpResponse::Ok()
        .insert_header(etag(row.version))
        .json(MethodEvaluationView::try_from(row)?))
}
