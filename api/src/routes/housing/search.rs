//! `/housing-search-cases`: housing search support (bostadssökarstöd, seed 001) — a short case for
//! someone who cannot search for housing themselves, referred by any unit: the actions taken and
//! the outcome, so that "how many reached regular housing, and how fast" can be counted.

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, get, post, put, web};
use chrono::{DateTime, NaiveDate, Utc};
use domain::housing::{
    self as rules, SearchActionKind, SearchCaseStatus, SearchOutcome, SearchTargetGroup,
};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_actix_web::service_config::ServiceConfig;

use crate::app::AppState;
use crate::audit::Action;
use crate::auth::CurrentUser;
use crate::auth::policy;
use crate::error::{ApiError, ApiResult};
use crate::extract::{ApiJson, ApiQuery, parse_versioned};
use crate::routes::scoped::{Ctx, Errors, code, run};
use crate::routes::{etag, expected_version, list_envelope, paging, utc};
use crate::store::housing::more::{SearchCaseFilter, SearchCaseRow};
use crate::store::time;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(
        utoipa_actix_web::scope("/housing-search-cases")
            .service(list_housing_search_cases)
            .service(create_housing_search_case)
            .service(get_housing_search_case)
            .service(update_housing_search_case)
            .service(log_housing_search_action)
            .service(close_housing_search_case),
    );
}

const RESOURCE: &str = "housing_search_case";

/// One action taken in a search case.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"kind": "housing_agency_registration", "done_on": "2012-03-05", "note": "Registrerad i bostadsförmedlingen"}))]
pub struct SearchActionEntry {
    pub kind: SearchActionKind,
    /// Not before the case opened, not in the future.
    pub done_on: NaiveDate,
    pub note: Option<String>,
}

/// Opening a housing search case.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"participant_id": "01936f4e-9a00-7b3c-8d2e-0a1b2c3d4e5f", "referring_unit": "Ekonomiskt bistånd",
    "target_group": "young_adult", "opened_on": "2012-03-01", "note": "Behöver hjälp att söka bostad"}))]
pub struct SearchCaseInput {
    pub participant_id: uuid::Uuid,
    /// The unit that referred the person (any unit: financial assistance, adult unit, disability,
    /// children and youth, women's protection …), as free text.
    pub referring_unit: String,
    pub target_group: SearchTargetGroup,
    /// Default today; not in the future.
    #[serde(default)]
    pub opened_on: Option<NaiveDate>,
    #[serde(default)]
    pub note: Option<String>,
}

/// The editable fields of a search case (plus `version`); actions and the outcome have their own
/// endpoints.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"version": 1, "referring_unit": "Vuxenenheten", "target_group": "former_lodger", "opened_on": "2012-03-01"}))]
pub struct SearchCaseUpdate {
    pub referring_unit: String,
    pub target_group: SearchTargetGroup,
    /// Not in the future, not after the first action or the outcome.
    pub opened_on: NaiveDate,
    #[serde(default)]
    pub note: Option<String>,
}

/// Logging an action taken.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"kind": "exchange_advertisement", "done_on": "2012-03-10", "note": "Bytesannons på Blocket"}))]
pub struct SearchActionInput {
    pub kind: SearchActionKind,
    /// Default today; not before the case opened, not in the future.
    #[serde(default)]
    pub done_on: Option<NaiveDate>,
    #[serde(default)]
    pub note: Option<String>,
}

/// Closing a case with its outcome.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"version": 3, "outcome": "first_hand_lease", "outcome_on": "2012-04-15"}))]
pub struct CloseSearchCase {
    pub outcome: SearchOutcome,
    /// Not before the case opened, not in the future.
    pub outcome_on: NaiveDate,
    /// The version you saw (or `If-Match`).
    #[serde(default)]
    pub version: Option<i32>,
}

/// A housing search case.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({"id": "01936f4e-9a00-7b3c-8d2e-0a1b2c3d4e70", "participant_id": "01936f4e-9a00-7b3c-8d2e-0a1b2c3d4e5f",
    "referring_unit": "Ekonomiskt bistånd", "target_group": "young_adult", "opened_on": "2012-03-01", "status": "closed",
    "actions": [{"kind": "prepared_calls", "done_on": "2012-03-02", "note": null}],
    "outcome": "first_hand_lease", "outcome_on": "2012-04-15", "reached_regular_housing": true, "days_to_housing": 45,
    "note": null, "created_at": "2026-11-25T09:30:00Z", "updated_at": "2026-11-25T09:30:00Z", "version": 3}))]
pub struct SearchCaseView {
    pub id: String,
    pub participant_id: String,
    pub referring_unit: String,
    pub target_group: SearchTargetGroup,
    pub opened_on: NaiveDate,
    /// `open` until an outcome is recorded.
    pub status: SearchCaseStatus,
    /// In the order they were logged.
    pub actions: Vec<SearchActionEntry>,
    pub outcome: Option<SearchOutcome>,
    pub outcome_on: Option<NaiveDate>,
    /// First-hand lease, second-hand lease or an exchange done.
    pub reached_regular_housing: bool,
    /// Days from opening to regular housing; null unless reached.
    pub days_to_housing: Option<i64>,
    pub note: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i32,
}

list_envelope!(SearchCaseList, SearchCaseView);

fn actions_of(row: &SearchCaseRow) -> ApiResult<Vec<SearchActionEntry>> {
    serde_json::from_str(&row.actions)
        .map_err(|_| ApiError::Internal("housing_search_cases.actions is not valid".into()))
}

fn view(r: SearchCaseRow) -> ApiResult<SearchCaseView> {
    let actions = actions_of(&r)?;
    let outcome: Option<SearchOutcome> = r
        .outcome
        .as_deref()
        .map(|o| code(o, "housing_search_cases.outcome"))
        .transpose()?;
    Ok(SearchCaseView {
        target_group: code(&r.target_group, "housing_search_cases.target_group")?,
        status: SearchCaseStatus::of(outcome),
        reached_regular_housing: rules::reached_regular_housing(outcome),
        days_to_housing: rules::days_to_housing(r.opened_on, outcome, r.outcome_on),
        actions,
        outcome,
        created_at: utc(r.created_at),
        updated_at: utc(r.updated_at),
        id: r.id,
        participant_id: r.participant_id,
        referring_unit: r.referring_unit,
        opened_on: r.opened_on,
        outcome_on: r.outcome_on,
        note: r.note,
        version: r.version,
    })
}

fn load(ctx: &mut Ctx<'_>, id: &str, write: bool) -> ApiResult<SearchCaseRow> {
    let row = ctx
        .store
        .get_search_case(id)?
        .ok_or_else(|| ApiError::not_found("housing search case"))?;
    ctx.participant_by(&row.participant_id, |u, p, a| {
        policy::housing_search(u, write, p, a)
    })?;
    Ok(row)
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct SearchCaseQuery {
    /// Cases of participants in this unit (one of yours).
    unit_id: Option<uuid::Uuid>,
    /// Exact referring unit.
    referring_unit: Option<String>,
    target_group: Option<SearchTargetGroup>,
    status: Option<SearchCaseStatus>,
    /// `true`: open cases only (same as `status=open`); `false`: closed only.
    open: Option<bool>,
    participant_id: Option<uuid::Uuid>,
    /// Page size, 1–500 (default 50).
    limit: Option<i64>,
    /// Records to skip (default 0).
    offset: Option<i64>,
}

/// Housing search cases of the participants you may see, newest first.
#[utoipa::path(tag = "housing search", params(SearchCaseQuery), responses((status = 200, body = SearchCaseList)), security(("bearer" = [])))]
#[get("")]
async fn list_housing_search_cases(
    state: web::Data<AppState>,
    user: CurrentUser,
    ApiQuery(q): ApiQuery<SearchCaseQuery>,
) -> ApiResult<HttpResponse> {
    let (limit, offset) = paging(q.limit, q.offset)?;
    let scope = policy::participant_scope(&user, state.today())?;
    let unit_id = q.unit_id.map(|u| u.to_string());
    if unit_id.as_deref().is_some_and(|u| !user.in_unit(u)) {
        return Err(ApiError::forbidden("this unit is not one of yours"));
    }
    let status_open = q.status.map(|s| s == SearchCaseStatus::Open);
    if let (Some(a), Some(b)) = (status_open, q.open)
        && a != b
    {
        return Err(ApiError::field("open", "contradicts status"));
    }
    let filter = SearchCaseFilter {
        scope,
        unit_id,
        referring_unit: q.referring_unit.map(|r| r.trim().to_owned()),
        target_group: q.target_group.map(|t| t.as_str().to_owned()),
        open: status_open.or(q.open),
        participant_id: q.participant_id.map(|p| p.to_string()),
        limit,
        offset,
    };
    let (rows, total) = run(&state, user, RESOURCE, Action::List, move |ctx| {
        let (rows, total) = ctx.store.list_search_cases(&filter)?;
        for r in &rows {
            ctx.audit(Some(&r.id), &r.participant_id);
        }
        Ok((rows, total))
    })
    .await?;
    let items = rows.into_iter().map(view).collect::<ApiResult<_>>()?;
    Ok(HttpResponse::Ok().json(SearchCaseList {
        items,
        total,
        limit,
        offset,
    }))
}

/// Open a housing search case (caseworkers, housing coordinators, managers).
#[utoipa::path(tag = "housing search", request_body = SearchCaseInput,
    responses((status = 201, body = SearchCaseView, headers(("Location" = String, description = "URL of the case")))),
    security(("bearer" = [])))]
#[post("")]
async fn create_housing_search_case(
    state: web::Data<AppState>,
    user: CurrentUser,
    ApiJson(input): ApiJson<SearchCaseInput>,
) -> ApiResult<HttpResponse> {
    let today = state.today();
    let mut e = Errors::default();
    let referring_unit = e.required("referring_unit", input.referring_unit, 200);
    let opened_on = input.opened_on.unwrap_or(today);
    e.not_future("opened_on", Some(opened_on), today);
    let note = e.text("note", input.note, 4000);
    e.finish()?;
    let pid = input.participant_id.to_string();
    let row = run(&state, user, RESOURCE, Action::Create, move |ctx| {
        ctx.participant_by(&pid, |u, p, a| policy::housing_search(u, true, p, a))?;
        let now = time::now();
        let row = SearchCaseRow {
            id: time::new_id(),
            participant_id: pid.clone(),
            referring_unit,
            target_group: input.target_group.as_str().to_owned(),
            opened_on,
            actions: "[]".to_owned(),
            outcome: None,
            outcome_on: None,
            note,
            created_at: now,
            updated_at: now,
            version: 1,
        };
        ctx.store.insert_search_case(&row)?;
        ctx.audit(Some(&row.id), &pid);
        Ok(row)
    })
    .await?;
    Ok(HttpResponse::Created()
        .insert_header((
            header::LOCATION,
            format!("/api/v1/housing-search-cases/{}", row.id),
        ))
        .insert_header(etag(row.version))
        .json(view(row)?))
}

/// Read one housing search case.
#[utoipa::path(tag = "housing search", params(("id" = uuid::Uuid, Path)),
    responses((status = 200, body = SearchCaseView), (status = 404, body = crate::error::Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
#[get("/{id}")]
async fn get_housing_search_case(
    state: web::Data<AppState>,
    user: CurrentUser,
    id: web::Path<uuid::Uuid>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner().to_string();
    let row = run(&state, user, RESOURCE, Action::Read, move |ctx| {
        let row = load(ctx, &id, false)?;
        ctx.audit(Some(&id), &row.participant_id);
        Ok(row)
    })
    .await?;
    Ok(HttpResponse::Ok()
        .insert_header(etag(row.version))
        .json(view(row)?))
}

/// Correct a search case (whole editable record plus `version`).
#[utoipa::path(tag = "housing search", params(("id" = uuid::Uuid, Path)), request_body = SearchCaseUpdate,
    responses((status = 200, body = SearchCaseView), (status = 412, body = crate::error::Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
#[put("/{id}")]
async fn update_housing_search_case(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: CurrentUser,
    id: web::Path<uuid::Uuid>,
    ApiJson(body): ApiJson<serde_json::Value>,
) -> ApiResult<HttpResponse> {
    let (input, v): (SearchCaseUpdate, _) = parse_versioned(body)?;
    let version = expected_version(&req, v)?;
    let today = state.today();
    let mut e = Errors::default();
    let referring_unit = e.required("referring_unit", input.referring_unit, 200);
    e.not_future("opened_on", Some(input.opened_on), today);
    let note = e.text("note", input.note, 4000);
    e.finish()?;
    let id = id.into_inner().to_string();
    let row = run(&state, user, RESOURCE, Action::Update, move |ctx| {
        let mut row = load(ctx, &id, true)?;
        let first_action = actions_of(&row)?.iter().map(|a| a.done_on).min();
        if first_action.is_some_and(|d| d < input.opened_on)
            || row.outcome_on.is_some_and(|d| d < input.opened_on)
        {
            return Err(ApiError::field(
                "opened_on",
                "must not be after the first action or the outcome",
            ));
        }
        row.referring_unit = referring_unit;
        row.target_group = input.target_group.as_str().to_owned();
        row.opened_on = input.opened_on;
        row.note = note;
        row.updated_at = time::now();
        row.version = version + 1;
        ctx.store.update_search_case(version, &row)?;
        ctx.audit(Some(&id), &row.participant_id);
        Ok(row)
    })
    .await?;
    Ok(HttpResponse::Ok()
        .insert_header(etag(row.version))
        .json(view(row)?))
}

/// Log an action taken in an open case (409 once closed; 422 `done_on` before the case opened).
#[utoipa::path(tag = "housing search", params(("id" = uuid::Uuid, Path)), request_body = SearchActionInput,
    responses((status = 200, body = SearchCaseView), (status = 409, body = crate::error::Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
#[post("/{id}/actions")]
async fn log_housing_search_action(
    state: web::Data<AppState>,
    user: CurrentUser,
    id: web::Path<uuid::Uuid>,
    ApiJson(input): ApiJson<SearchActionInput>,
) -> ApiResult<HttpResponse> {
    let today = state.today();
    let mut e = Errors::default();
    let done_on = input.done_on.unwrap_or(today);
    e.not_future("done_on", Some(done_on), today);
    let note = e.text("note", input.note, 2000);
    e.finish()?;
    let id = id.into_inner().to_string();
    let row = run(&state, user, RESOURCE, Action::Update, move |ctx| {
        let probe = load(ctx, &id, true)?;
        // Serialise appends to one case: lock, then re-read.
        ctx.store.lock_participant(&probe.participant_id)?;
        let mut row = ctx
            .store
            .get_search_case(&id)?
            .ok_or_else(|| ApiError::not_found("housing search case"))?;
        if row.outcome.is_some() {
            return Err(ApiError::conflict("the case is closed"));
        }
        if done_on < row.opened_on {
            return Err(ApiError::field(
                "done_on",
                "must not be before the case was opened",
            ));
        }
        let mut actions = actions_of(&row)?;
        actions.push(SearchActionEntry {
            kind: input.kind,
            done_on,
            note,
        });
        row.actions = serde_json::to_string(&actions)
            .map_err(|e| ApiError::Internal(format!("actions: {e}")))?;
        let version = row.version;
        row.updated_at = time::now();
        row.version = version + 1;
        ctx.store.update_search_case(version, &row)?;
        ctx.audit(Some(&id), &row.participant_id);
        Ok(row)
    })
    .await?;
    Ok(HttpResponse::Ok()
        .insert_header(etag(row.version))
        .json(view(row)?))
}

/// Close a case with its outcome and date. Already closed: 409; an outcome before the case
/// opened or in the future: 422 `outcome_on`.
#[utoipa::path(tag = "housing search", params(("id" = uuid::Uuid, Path)), request_body = CloseSearchCase,
    responses((status = 200, body = SearchCaseView), (status = 409, body = crate::error::Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
#[post("/{id}/close")]
async fn close_housing_search_case(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: CurrentUser,
    id: web::Path<uuid::Uuid>,
    ApiJson(body): ApiJson<CloseSearchCase>,
) -> ApiResult<HttpResponse> {
    let version = expected_version(&req, body.version)?;
    let today = state.today();
    let id = id.into_inner().to_string();
    let row = run(&state, user, RESOURCE, Action::Close, move |ctx| {
        let mut row = load(ctx, &id, true)?;
        if row.outcome.is_some() {
            return Err(ApiError::conflict("the case is already closed"));
        }
        let mut e = Errors::default();
        for p in rules::check_search_outcome(row.opened_on, body.outcome_on, today) {
            e.add(p.field, p.message);
        }
        e.finish()?;
        if row.version != version {
            return Err(ApiError::Stale {
                current_version: row.version,
            });
        }
        row.outcome = Some(body.outcome.as_str().to_owned());
        row.outcome_on = Some(body.outcome_on);
        row.updated_at = time::now();
        row.version = version + 1;
        ctx.store.update_search_case(version, &row)?;
        ctx.audit(Some(&id), &row.participant_id);
        Ok(row)
    })
    .await?;
    Ok(HttpResponse::Ok()
        .insert_header(etag(row.version))
        .json(view(row)?))
}
