//! `/api/v1/programmes`: the programmes (insatser / projekt) units run, each with its period and
//! its list of end statuses for enrolments.

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, get, post, put, web};
use chrono::{DateTime, NaiveDate, Utc};
use domain::programme::{ProgrammeKind, check_end_statuses, check_range};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_actix_web::service_config::ServiceConfig;

use super::scoped::{Errors, code};
use crate::app::AppState;
use crate::auth::CurrentUser;
use crate::auth::policy;
use crate::error::{ApiError, ApiResult};
use crate::extract::{ApiJson, ApiQuery, parse_versioned};
use crate::routes::{etag, expected_version, list_envelope, paging, utc};
use crate::store::programmes::{ProgrammeFilter, ProgrammeRow};
use crate::store::time;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(
        utoipa_actix_web::scope("/programmes")
            .service(list_programmes)
            .service(create_programme)
            .service(get_programme)
            .service(update_programme),
    );
}

/// A programme as sent on create and update.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({
    "unit_id": "01936f4e-8b1c-7d2a-9c3e-1f2a3b4c5d6e",
    "name": "Ur hemlöshet – I jobb",
    "kind": "job_rehabilitation",
    "description": "Arbetsrehabilitering för hemlösa med missbruk",
    "start_date": "2011-11-01",
    "end_date": "2012-12-31"
}))]
pub struct ProgrammeInput {
    pub unit_id: uuid::Uuid,
    pub name: String,
    pub kind: ProgrammeKind,
    #[serde(default)]
    pub description: Option<String>,
    pub start_date: NaiveDate,
    /// Open-ended when absent.
    #[serde(default)]
    pub end_date: Option<NaiveDate>,
    /// End-status codes for enrolments; defaults by kind (the final report's list for
    /// job_rehabilitation).
    #[serde(default)]
    pub end_statuses: Option<Vec<String>>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(example = json!({
    "id": "01936f4e-9a00-7b3c-8d2e-0a1b2c3d4e60", "unit_id": "01936f4e-8b1c-7d2a-9c3e-1f2a3b4c5d6e",
    "name": "Ur hemlöshet – I jobb", "kind": "job_rehabilitation", "description": null,
    "start_date": "2011-11-01", "end_date": "2012-12-31",
    "end_statuses": ["employed", "ongoing_internship", "jobbtorg_resurs", "ongoing_af_plan_or_intervention",
        "rehabilitation_at_uma", "ongoing_consultant_contact", "relapse_or_otherwise_prevented", "closed_at_unit", "other"],
    "created_at": "2026-11-25T09:30:00Z", "updated_at": "2026-11-25T09:30:00Z", "version": 1
}))]
pub struct ProgrammeView {
    pub id: String,
    pub unit_id: String,
    pub name: String,
    pub kind: ProgrammeKind,
    pub description: Option<String>,
    pub start_date: NaiveDate,
    pub end_date: Option<NaiveDate>,
    pub end_statuses: Vec<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i32,
}

impl TryFrom<ProgrammeRow> for ProgrammeView {
    type Error = ApiError;
    fn try_from(r: ProgrammeRow) -> ApiResult<Self> {
        Ok(Self {
            kind: code(&r.kind, "programmes.kind")?,
            end_statuses: r.end_status_list(),
            created_at: utc(r.created_at),
            updated_at: utc(r.updated_at),
            id: r.id,
            unit_id: r.unit_id,
            name: r.name,
            description: r.description,
            start_date: r.start_date,
            end_date: r.end_date,
            version: r.version,
        })
    }
}

list_envelope!(ProgrammeList, ProgrammeView);

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ProgrammeQuery {
    limit: Option<i64>,
    offset: Option<i64>,
    unit_id: Option<uuid::Uuid>,
    kind: Option<ProgrammeKind>,
}

fn validate(input: ProgrammeInput) -> ApiResult<ProgrammeRow> {
    let mut e = Errors::default();
    let name = e.required("name", input.name, 200);
    let description = e.text("description", input.description, 2000);
    for p in check_range(input.start_date, input.end_date) {
        e.add(p.field, p.message);
    }
    let statuses = input
        .end_statuses
        .unwrap_or_else(|| input.kind.default_end_statuses());
    if let Err(m) = check_end_statuses(&statuses) {
        e.add("end_statuses", m);
    }
    e.finish()?;
    let now = time::now();
    Ok(ProgrammeRow {
        id: time::new_id(),
        unit_id: input.unit_id.to_string(),
        name,
        kind: input.kind.as_str().into(),
        description,
        start_date: input.start_date,
        end_date: input.end_date,
        end_statuses: serde_json::to_string(&statuses)
            .map_err(|e| ApiError::Internal(e.to_string()))?,
        created_at: now,
        updated_at: now,
        version: 1,
    })
}

/// List programmes (any signed-in staff member: referrals come from every unit).
#[utoipa::path(tag = "programmes", params(ProgrammeQuery),
    responses((status = 200, body = ProgrammeList)), security(("bearer" = [])))]
#[get("")]
async fn list_programmes(
    state: web::Data<AppState>,
    _user: CurrentUser,
    ApiQuery(q): ApiQuery<ProgrammeQuery>,
) -> ApiResult<HttpResponse> {
    let (limit, offset) = paging(q.limit, q.offset)?;
    let filter = ProgrammeFilter {
        unit_id: q.unit_id.map(|u| u.to_string()),
        kind: q.kind.map(|k| k.as_str().to_owned()),
        limit,
        offset,
    };
    let (rows, total) = state.db.read(move |s| s.list_programmes(&filter)).await?;
    let items = rows
        .into_iter()
        .map(ProgrammeView::try_from)
        .collect::<ApiResult<_>>()?;
    Ok(HttpResponse::Ok().json(ProgrammeList {
        items,
        total,
        limit,
        offset,
    }))
}

/// Create a programme (the unit's manager, or an administrator).
#[utoipa::path(tag = "programmes", request_body = ProgrammeInput,
    responses((status = 201, body = ProgrammeView, headers(("Location" = String), ("ETag" = String)))),
    security(("bearer" = [])))]
#[post("")]
async fn create_programme(
    state: web::Data<AppState>,
    user: CurrentUser,
    ApiJson(input): ApiJson<ProgrammeInput>,
) -> ApiResult<HttpResponse> {
    policy::manage_programme(&user, &input.unit_id.to_string())?;
    let row = validate(input)?;
    let row = state
        .db
        .tx(move |s| {
            if !s.unit_exists(&row.unit_id)? {
                return Err(ApiError::field("unit_id", "no such unit"));
            }
            s.insert_programme(&row)?;
            Ok(row)
        })
        .await?;
    Ok(HttpResponse::Created()
        .insert_header((header::LOCATION, format!("/api/v1/programmes/{}", row.id)))
        .insert_header(etag(row.version))
        .json(ProgrammeView::try_from(row)?))
}

/// Read one programme.
#[utoipa::path(tag = "programmes", params(("id" = uuid::Uuid, Path)),
    responses((status = 200, body = ProgrammeView), (status = 404, body = crate::error::Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
#[get("/{id}")]
async fn get_programme(
    state: web::Data<AppState>,
    _user: CurrentUser,
    id: web::Path<uuid::Uuid>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner().to_string();
    let row = state
        .db
        .read(move |s| s.get_programme(&id))
        .await?
        .ok_or_else(|| ApiError::not_found("programme"))?;
    Ok(HttpResponse::Ok()
        .insert_header(etag(row.version))
        .json(ProgrammeView::try_from(row)?))
}

/// Update a programme (whole record plus `version`). Moving it to another unit needs the
/// right to manage programmes there too.
#[utoipa::path(tag = "programmes", params(("id" = uuid::Uuid, Path)), request_body = ProgrammeInput,
    responses((status = 200, body = ProgrammeView),
        (status = 412, body = crate::error::Problem, content_type = "application/problem+json"),
        (status = 428, body = crate::error::Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
#[put("/{id}")]
async fn update_programme(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: CurrentUser,
    id: web::Path<uuid::Uuid>,
    ApiJson(body): ApiJson<serde_json::Value>,
) -> ApiResult<HttpResponse> {
    let (input, v): (ProgrammeInput, _) = parse_versioned(body)?;
    let version = expected_version(&req, v)?;
    policy::manage_programme(&user, &input.unit_id.to_string())?;
    let mut row = validate(input)?;
    row.id = id.into_inner().to_string();
    let row = state
        .db
        .tx(move |s| {
            let current = s
                .get_programme(&row.id)?
                .ok_or_else(|| ApiError::not_found("programme"))?;
            policy::manage_programme(&user, &current.unit_id)?;
            if !s.unit_exists(&row.unit_id)? {
                return Err(ApiError::field("unit_id", "no such unit"));
            }
            row.created_at = current.created_at;
            row.version = version + 1;
            s.update_programme(version, &row)?;
            Ok(row)
        })
        .await?;
    Ok(HttpResponse::Ok()
        .insert_header(etag(row.version))
        .json(ProgrammeView::try_from(row)?))
}
