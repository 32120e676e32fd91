//! `/temporary-stays`: stays in temporary housing (shelter, hotel …) with their cost per night,
//! and `/temporary-stays/costs`: nights and cost per tertial for a unit (seed 001 follows how the
//! cost of temporary housing develops each tertial).

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, get, post, put, web};
use chrono::{DateTime, NaiveDate, Utc};
use domain::housing::{self as rules, PaidStay, Stay, TemporaryStayKind};
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
use crate::routes::{etag, expected_version, list_envelope, utc};
use crate::store::housing::more::TemporaryStayRow;
use crate::store::time;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(
        utoipa_actix_web::scope("/temporary-stays")
            .service(temporary_housing_costs)
            .service(list_temporary_stays)
            .service(create_temporary_stay)
            .service(get_temporary_stay)
            .service(update_temporary_stay)
            .service(end_temporary_stay),
    );
}

const RESOURCE: &str = "temporary_stay";

/// A stay in temporary housing.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"participant_id": "01936f4e-9a00-7b3c-8d2e-0a1b2c3d4e5f", "kind": "hotel", "from_date": "2012-04-20",
    "to_date": "2012-05-10", "cost_per_night": 650, "provider": "Fiktiva Hotellet"}))]
pub struct TemporaryStayInput {
    pub participant_id: uuid::Uuid,
    pub kind: TemporaryStayKind,
    /// The first night.
    pub from_date: NaiveDate,
    /// The day of leaving (that night is not paid); null while the stay goes on.
    #[serde(default)]
    pub to_date: Option<NaiveDate>,
    /// Kronor per night, not negative.
    pub cost_per_night: i32,
    #[serde(default)]
    pub provider: Option<String>,
}

/// The editable fields of a stay (plus `version`).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"version": 1, "kind": "hotel", "from_date": "2012-04-20", "to_date": "2012-05-12", "cost_per_night": 650}))]
pub struct TemporaryStayUpdate {
    pub kind: TemporaryStayKind,
    pub from_date: NaiveDate,
    #[serde(default)]
    pub to_date: Option<NaiveDate>,
    pub cost_per_night: i32,
    #[serde(default)]
    pub provider: Option<String>,
}

/// Ending a stay.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"version": 1, "to_date": "2012-05-10"}))]
pub struct EndTemporaryStay {
    /// The day of leaving; not before the first night.
    pub to_date: NaiveDate,
    #[serde(default)]
    pub version: Option<i32>,
}

/// A stay in temporary housing with what it has cost so far.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({"id": "01936f4e-9a00-7b3c-8d2e-0a1b2c3d4e71", "participant_id": "01936f4e-9a00-7b3c-8d2e-0a1b2c3d4e5f",
    "kind": "hotel", "from_date": "2012-04-20", "to_date": "2012-05-10", "cost_per_night": 650, "nights": 20, "cost": 13000,
    "provider": "Fiktiva Hotellet", "created_at": "2026-11-25T09:30:00Z", "updated_at": "2026-11-25T09:30:00Z", "version": 1}))]
pub struct TemporaryStayView {
    pub id: String,
    pub participant_id: String,
    pub kind: TemporaryStayKind,
    pub from_date: NaiveDate,
    pub to_date: Option<NaiveDate>,
    /// Kronor.
    pub cost_per_night: i32,
    /// Nights so far (an open stay counts up to today).
    pub nights: i64,
    /// Kronor so far.
    pub cost: i64,
    pub provider: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i32,
}

list_envelope!(TemporaryStayList, TemporaryStayView);

fn view(r: TemporaryStayRow, today: NaiveDate) -> ApiResult<TemporaryStayView> {
    let end = r.to_date.unwrap_or(today);
    let nights = (end - r.from_date).num_days().max(0);
    Ok(TemporaryStayView {
        kind: code(&r.kind, "temporary_stays.kind")?,
        nights,
        cost: nights * i64::from(r.cost_per_night),
        created_at: utc(r.created_at),
        updated_at: utc(r.updated_at),
        id: r.id,
        participant_id: r.participant_id,
        from_date: r.from_date,
        to_date: r.to_date,
        cost_per_night: r.cost_per_night,
        provider: r.provider,
        version: r.version,
    })
}

/// Field checks shared by create and update.
fn check(
    e: &mut Errors,
    from: NaiveDate,
    to: Option<NaiveDate>,
    cost: i32,
    provider: Option<String>,
) -> Option<String> {
    if cost < 0 {
        e.add("cost_per_night", "must not be negative");
    }
    for p in rules::check_stay_dates(from, to) {
        e.add(p.field, p.message);
    }
    e.text("provider", provider, 200)
}

/// 409 with `existing_id` if the person has another stay sharing a night with this one.
fn no_overlap(ctx: &mut Ctx<'_>, row: &TemporaryStayRow) -> ApiResult<()> {
    ctx.store.lock_participant(&row.participant_id)?;
    let others: Vec<TemporaryStayRow> = ctx
        .store
        .temporary_stays_of(&row.participant_id)?
        .into_iter()
        .filter(|s| s.id != row.id)
        .collect();
    let stays: Vec<Stay> = others
        .iter()
        .map(|s| Stay {
            from: s.from_date,
            to: s.to_date,
        })
        .collect();
    let new = Stay {
        from: row.from_date,
        to: row.to_date,
    };
    match rules::find_overlap(&stays, &new).and_then(|i| others.get(i)) {
        Some(existing) => Err(ApiError::Duplicate {
            detail: "the person has another temporary stay on these nights".into(),
            existing_id: existing.id.clone(),
        }),
        None => Ok(()),
    }
}

fn load(ctx: &mut Ctx<'_>, id: &str, write: bool) -> ApiResult<TemporaryStayRow> {
    let row = ctx
        .store
        .get_temporary_stay(id)?
        .ok_or_else(|| ApiError::not_found("temporary stay"))?;
    ctx.participant_by(&row.participant_id, |u, p, a| {
        policy::temporary_stay(u, write, p, a)
    })?;
    Ok(row)
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct StaysQuery {
    participant_id: uuid::Uuid,
}

/// A participant's temporary stays, newest first.
#[utoipa::path(tag = "temporary housing", params(StaysQuery), responses((status = 200, body = TemporaryStayList)), security(("bearer" = [])))]
#[get("")]
async fn list_temporary_stays(
    state: web::Data<AppState>,
    user: CurrentUser,
    ApiQuery(q): ApiQuery<StaysQuery>,
) -> ApiResult<HttpResponse> {
    let today = state.today();
    let pid = q.participant_id.to_string();
    let rows = run(&state, user, RESOURCE, Action::List, move |ctx| {
        ctx.participant_by(&pid, |u, p, a| policy::temporary_stay(u, false, p, a))?;
        ctx.audit(None, &pid);
        ctx.store.temporary_stays_of(&pid)
    })
    .await?;
    let items: Vec<_> = rows
        .into_iter()
        .map(|r| view(r, today))
        .collect::<ApiResult<_>>()?;
    let total = items.len() as i64;
    Ok(HttpResponse::Ok().json(TemporaryStayList {
        items,
        total,
        limit: total,
        offset: 0,
    }))
}

/// Record a stay in temporary housing (caseworkers, housing coordinators, managers). A negative
/// cost or an end before the start is 422; a stay sharing a night with another of the person's
/// stays is 409 with `existing_id`.
#[utoipa::path(tag = "temporary housing", request_body = TemporaryStayInput,
    responses((status = 201, body = TemporaryStayView, headers(("Location" = String, description = "URL of the stay"))),
        (status = 409, description = "Overlaps another stay", body = crate::error::Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
#[post("")]
async fn create_temporary_stay(
    state: web::Data<AppState>,
    user: CurrentUser,
    ApiJson(input): ApiJson<TemporaryStayInput>,
) -> ApiResult<HttpResponse> {
    let today = state.today();
    let mut e = Errors::default();
    let provider = check(
        &mut e,
        input.from_date,
        input.to_date,
        input.cost_per_night,
        input.provider,
    );
    e.finish()?;
    let pid = input.participant_id.to_string();
    let row = run(&state, user, RESOURCE, Action::Create, move |ctx| {
        ctx.participant_by(&pid, |u, p, a| policy::temporary_stay(u, true, p, a))?;
        let now = time::now();
        let row = TemporaryStayRow {
            id: time::new_id(),
            participant_id: pid.clone(),
            kind: input.kind.as_str().to_owned(),
            from_date: input.from_date,
            to_date: input.to_date,
            cost_per_night: input.cost_per_night,
            provider,
            created_at: now,
            updated_at: now,
            version: 1,
        };
        no_overlap(ctx, &row)?;
        ctx.store.insert_temporary_stay(&row)?;
        ctx.audit(Some(&row.id), &pid);
        Ok(row)
    })
    .await?;
    Ok(HttpResponse::Created()
        .insert_header((
            header::LOCATION,
            format!("/api/v1/temporary-stays/{}", row.id),
        ))
        .insert_header(etag(row.version))
        .json(view(row, today)?))
}

/// Read one temporary stay.
#[utoipa::path(tag = "temporary housing", params(("id" = uuid::Uuid, Path)),
    responses((status = 200, body = TemporaryStayView), (status = 404, body = crate::error::Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
#[get("/{id}")]
async fn get_temporary_stay(
    state: web::Data<AppState>,
    user: CurrentUser,
    id: web::Path<uuid::Uuid>,
) -> ApiResult<HttpResponse> {
    let today = state.today();
    let id = id.into_inner().to_string();
    let row = run(&state, user, RESOURCE, Action::Read, move |ctx| {
        let row = load(ctx, &id, false)?;
        ctx.audit(Some(&id), &row.participant_id);
        Ok(row)
    })
    .await?;
    Ok(HttpResponse::Ok()
        .insert_header(etag(row.version))
        .json(view(row, today)?))
}

/// Correct a stay (whole editable record plus `version`); same rules as creating one.
#[utoipa::path(tag = "temporary housing", params(("id" = uuid::Uuid, Path)), request_body = TemporaryStayUpdate,
    responses((status = 200, body = TemporaryStayView), (status = 412, body = crate::error::Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
#[put("/{id}")]
async fn update_temporary_stay(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: CurrentUser,
    id: web::Path<uuid::Uuid>,
    ApiJson(body): ApiJson<serde_json::Value>,
) -> ApiResult<HttpResponse> {
    let (input, v): (TemporaryStayUpdate, _) = parse_versioned(body)?;
    let version = expected_version(&req, v)?;
    let today = state.today();
    let mut e = Errors::default();
    let provider = check(
        &mut e,
        input.from_date,
        input.to_date,
        input.cost_per_night,
        input.provider,
    );
    e.finish()?;
    let id = id.into_inner().to_string();
    let row = run(&state, user, RESOURCE, Action::Update, move |ctx| {
        let mut row = load(ctx, &id, true)?;
        if row.version != version {
            return Err(ApiError::Stale {
                current_version: row.version,
            });
        }
        row.kind = input.kind.as_str().to_owned();
        row.from_date = input.from_date;
        row.to_date = input.to_date;
        row.cost_per_night = input.cost_per_night;
        row.provider = provider;
        row.updated_at = time::now();
        row.version = version + 1;
        no_overlap(ctx, &row)?;
        ctx.store.update_temporary_stay(version, &row)?;
        ctx.audit(Some(&id), &row.participant_id);
        Ok(row)
    })
    .await?;
    Ok(HttpResponse::Ok()
        .insert_header(etag(row.version))
        .json(view(row, today)?))
}

/// End an ongoing stay (409 if it has already ended; 422 `to_date` before the first night).
#[utoipa::path(tag = "temporary housing", params(("id" = uuid::Uuid, Path)), request_body = EndTemporaryStay,
    responses((status = 200, body = TemporaryStayView), (status = 409, body = crate::error::Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
#[post("/{id}/end")]
async fn end_temporary_stay(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: CurrentUser,
    id: web::Path<uuid::Uuid>,
    ApiJson(body): ApiJson<EndTemporaryStay>,
) -> ApiResult<HttpResponse> {
    let version = expected_version(&req, body.version)?;
    let today = state.today();
    let id = id.into_inner().to_string();
    let row = run(&state, user, RESOURCE, Action::Close, move |ctx| {
        let mut row = load(ctx, &id, true)?;
        if row.to_date.is_some() {
            return Err(ApiError::conflict("the stay has already ended"));
        }
        if let Some(p) = rules::check_stay_dates(row.from_date, Some(body.to_date)).pop() {
            return Err(ApiError::field(p.field, p.message));
        }
        if row.version != version {
            return Err(ApiError::Stale {
                current_version: row.version,
            });
        }
        row.to_date = Some(body.to_date);
        row.updated_at = time::now();
        row.version = version + 1;
        ctx.store.update_temporary_stay(version, &row)?;
        ctx.audit(Some(&id), &row.participant_id);
        Ok(row)
    })
    .await?;
    Ok(HttpResponse::Ok()
        .insert_header(etag(row.version))
        .json(view(row, today)?))
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct CostsQuery {
    /// One of your units: the stays of its participants are counted.
    unit_id: uuid::Uuid,
    #[param(minimum = 1900, maximum = 2200)]
    year: i32,
}

/// Nights and cost in one tertial.
#[derive(Debug, Serialize, ToSchema)]
pub struct TertialCostView {
    /// 1 = Jan–Apr, 2 = May–Aug, 3 = Sep–Dec.
    pub tertial: u8,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub nights: i64,
    /// Kronor.
    pub cost: i64,
}

/// The cost of temporary housing in a unit, per tertial of a year.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({"unit_id": "01936f4e-8b1c-7d2a-9c3e-1f2a3b4c5d6e", "year": 2012, "stays": 2,
    "tertials": [{"tertial": 1, "from": "2012-01-01", "to": "2012-04-30", "nights": 11, "cost": 7150},
        {"tertial": 2, "from": "2012-05-01", "to": "2012-08-31", "nights": 9, "cost": 5850},
        {"tertial": 3, "from": "2012-09-01", "to": "2012-12-31", "nights": 0, "cost": 0}],
    "nights": 20, "cost": 13000}))]
pub struct TemporaryCostsView {
    pub unit_id: String,
    pub year: i32,
    /// Stays with at least one night in the year.
    pub stays: i64,
    pub tertials: Vec<TertialCostView>,
    /// The whole year (the sum of the tertials).
    pub nights: i64,
    pub cost: i64,
}

/// Nights and cost of temporary housing per tertial (Jan–Apr, May–Aug, Sep–Dec) for the
/// participants of a unit. A stay crossing a tertial boundary is split by nights; an ongoing stay
/// counts up to today. No personal data is returned.
#[utoipa::path(tag = "temporary housing", params(CostsQuery), responses((status = 200, body = TemporaryCostsView)), security(("bearer" = [])))]
#[get("/costs")]
async fn temporary_housing_costs(
    state: web::Data<AppState>,
    user: CurrentUser,
    ApiQuery(q): ApiQuery<CostsQuery>,
) -> ApiResult<HttpResponse> {
    let unit = q.unit_id.to_string();
    policy::read_housing_unit(&user, &unit)?;
    if !(1900..=2200).contains(&q.year) {
        return Err(ApiError::field("year", "must be between 1900 and 2200"));
    }
    let year_period = domain::period::Period::year(q.year)
        .map_err(|_| ApiError::field("year", "is not a valid year"))?;
    let today = state.today();
    let unit_id = unit.clone();
    let rows = state
        .db
        .read(move |store| {
            store.temporary_stays_of_unit(&unit_id, year_period.from, year_period.to)
        })
        .await?;
    let stays: Vec<PaidStay> = rows
        .iter()
        .map(|r| PaidStay {
            from: r.from_date,
            to: r.to_date,
            cost_per_night: i64::from(r.cost_per_night),
        })
        .filter(|s| rules::nights_within(s.from, s.to, year_period.from, year_period.to, today) > 0)
        .collect();
    let parts = rules::tertial_costs(&stays, q.year, today);
    Ok(HttpResponse::Ok().json(TemporaryCostsView {
        unit_id: unit,
        year: q.year,
        stays: stays.len() as i64,
        nights: parts.iter().map(|p| p.nights).sum(),
        cost: parts.iter().map(|p| p.cost).sum(),
        tertials: parts
            .into_iter()
            .map(|p| TertialCostView {
                tertial: p.tertial,
                from: p.from,
                to: p.to,
                nights: p.nights,
                cost: p.cost,
            })
            .collect(),
    }))
}
