//! `/api/v1/employers`: the employer register (shared across units) and each employer's history
//! of placements.

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, get, post, put, web};
use chrono::{DateTime, NaiveDate, Utc};
use domain::activity::{ActivityKind, ActivityStatus, EmployerSector, EmploymentKind};
use domain::organisationsnummer::OrganisationNumber;
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
use crate::store::Store;
use crate::store::time;
use crate::store::work::{EmployerFilter, EmployerRow, WorkFilter};

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(
        utoipa_actix_web::scope("/employers")
            .service(list_employers)
            .service(create_employer)
            .service(get_employer)
            .service(update_employer)
            .service(list_employer_placements),
    );
}

/// An employer or workplace (create, or the whole record plus `version` to update).
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"name": "Fiktiva Fastighetsservice AB", "organisation_number": "556677-8899",
    "sector": "private", "address": "Exempelgatan 1, 117 43 Stockholm", "contact_person": "Kim Exempel",
    "phone": "08-000 00 00", "email": "kim@example.se", "work_kinds": ["fastighetsskötare", "vaktmästare"],
    "notes": "Tar gärna emot praktikanter på förmiddagar", "external_id": "AF-4711"}))]
pub struct EmployerInput {
    pub name: String,
    /// Organisationsnummer, NNNNNN-NNNN or ten digits, Luhn-checked; unique when given.
    #[serde(default)]
    pub organisation_number: Option<String>,
    pub sector: EmployerSector,
    #[serde(default)]
    pub address: Option<String>,
    /// The contact person at the workplace.
    #[serde(default)]
    pub contact_person: Option<String>,
    #[serde(default)]
    pub phone: Option<String>,
    #[serde(default)]
    pub email: Option<String>,
    /// The kinds of work they can offer (janitor, park work, kitchen, warehouse …); at most 30.
    #[serde(default)]
    pub work_kinds: Vec<String>,
    #[serde(default)]
    pub notes: Option<String>,
    /// The employer's key in the system it comes from (imports upsert by it); unique when given.
    /// Left out on an update, the stored one is kept.
    #[serde(default)]
    pub external_id: Option<String>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(example = json!({"id": "01936f4e-9a00-7b3c-8d2e-0a1b2c3d4e70", "name": "Fiktiva Fastighetsservice AB",
    "organisation_number": "556677-8899", "sector": "private", "address": "Exempelgatan 1, 117 43 Stockholm",
    "contact_person": "Kim Exempel", "phone": "08-000 00 00", "email": "kim@example.se",
    "work_kinds": ["fastighetsskötare", "vaktmästare"], "notes": null, "placements": 3,
    "placements_led_to_employment": 1, "external_id": "AF-4711", "created_at": "2026-11-25T09:30:00Z",
    "updated_at": "2026-11-25T09:30:00Z", "version": 1}))]
pub struct EmployerView {
    pub id: String,
    pub name: String,
    /// Canonical NNNNNN-NNNN.
    pub organisation_number: Option<String>,
    pub sector: EmployerSector,
    pub address: Option<String>,
    pub contact_person: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub work_kinds: Vec<String>,
    pub notes: Option<String>,
    /// Placements (activities) with this employer, across all units.
    pub placements: i64,
    /// Of those, how many led to employment.
    pub placements_led_to_employment: i64,
    /// The employer's key in the system it was imported from.
    pub external_id: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i32,
}

list_envelope!(EmployerList, EmployerView);

fn view(ctx: &mut Ctx<'_>, r: EmployerRow) -> ApiResult<EmployerView> {
    let (placements, hired) = ctx.store.employer_placement_counts(&r.id)?;
    Ok(EmployerView {
        sector: code(&r.sector, "employers.sector")?,
        work_kinds: r.work_kind_list(),
        placements,
        placements_led_to_employment: hired,
        created_at: utc(r.created_at),
        updated_at: utc(r.updated_at),
        id: r.id,
        name: r.name,
        organisation_number: r.organisation_number,
        address: r.address,
        contact_person: r.contact_person,
        phone: r.phone,
        email: r.email,
        notes: r.notes,
        external_id: r.external_id,
        version: r.version,
    })
}

/// The validated, normalised fields of an employer.
pub struct Valid {
    pub(crate) sector: EmployerSector,
    pub(crate) external_id: Option<String>,
    name: String,
    pub(crate) organisation_number: Option<String>,
    address: Option<String>,
    contact_person: Option<String>,
    phone: Option<String>,
    email: Option<String>,
    work_kinds: Vec<String>,
    notes: Option<String>,
}

/// The rules of an employer, for the JSON endpoints and the import alike.
pub(crate) fn validate(input: EmployerInput) -> ApiResult<Valid> {
    let mut e = Errors::default();
    let external_id = e.text("external_id", input.external_id, 100);
    let name = e.required("name", input.name, 200);
    let organisation_number = e
        .text("organisation_number", input.organisation_number, 20)
        .and_then(|n| match OrganisationNumber::parse(&n) {
            Ok(o) => Some(o.canonical()),
            Err(err) => {
                e.add("organisation_number", err.to_string());
                None
            }
        });
    let address = e.text("address", input.address, 300);
    let contact_person = e.text("contact_person", input.contact_person, 200);
    let phone = e.text("phone", input.phone, 40);
    let email = e.text("email", input.email, 200);
    if email.as_deref().is_some_and(|m| !m.contains('@')) {
        e.add("email", "must be an e-mail address");
    }
    if input.work_kinds.len() > 30 {
        e.add("work_kinds", "at most 30 kinds of work");
    }
    let mut work_kinds: Vec<String> = Vec::new();
    for k in input.work_kinds {
        if let Some(k) = e.text("work_kinds", Some(k), 80)
            && !work_kinds.contains(&k)
        {
            work_kinds.push(k);
        }
    }
    let notes = e.text("notes", input.notes, 4000);
    e.finish()?;
    Ok(Valid {
        sector: input.sector,
        external_id,
        name,
        organisation_number,
        address,
        contact_person,
        phone,
        email,
        work_kinds,
        notes,
    })
}

fn search_key(v: &Valid) -> String {
    let digits = v
        .organisation_number
        .as_deref()
        .map(|n| n.replace('-', ""))
        .unwrap_or_default();
    let mut parts: Vec<&str> = vec![
        &v.name,
        v.organisation_number.as_deref().unwrap_or(""),
        &digits,
    ];
    parts.extend(v.work_kinds.iter().map(String::as_str));
    domain::participant::search_key(&parts)
}

/// Writes the validated fields onto `row` (an external id left out keeps the stored one).
pub(crate) fn apply(row: &mut EmployerRow, v: Valid) -> ApiResult<()> {
    row.search_key = search_key(&v);
    if v.external_id.is_some() {
        row.external_id = v.external_id;
    }
    row.work_kinds =
        serde_json::to_string(&v.work_kinds).map_err(|e| ApiError::Internal(e.to_string()))?;
    row.name = v.name;
    row.organisation_number = v.organisation_number;
    row.sector = v.sector.as_str().into();
    row.address = v.address;
    row.contact_person = v.contact_person;
    row.phone = v.phone;
    row.email = v.email;
    row.notes = v.notes;
    Ok(())
}

/// 409 with the existing employer's id when another employer has this organisation number.
pub(crate) fn check_unique(store: &mut dyn Store, row: &EmployerRow) -> ApiResult<()> {
    if let Some(n) = &row.organisation_number
        && let Some(other) = store.employer_by_organisation_number(n)?
        && other.id != row.id
    {
        return Err(ApiError::Duplicate {
            detail: "an employer with this organisation number is already registered".into(),
            existing_id: other.id,
        });
    }
    if let Some(external_id) = &row.external_id
        && let Some(other) = store.employer_by_external_id(external_id)?
        && other.id != row.id
    {
        return Err(ApiError::field(
            "external_id",
            "another employer has this external_id",
        ));
    }
    Ok(())
}

/// A new employer from validated fields.
pub(crate) fn new_row(valid: Valid) -> ApiResult<EmployerRow> {
    let now = time::now();
    let mut row = EmployerRow {
        id: time::new_id(),
        name: String::new(),
        organisation_number: None,
        sector: String::new(),
        address: None,
        contact_person: None,
        phone: None,
        email: None,
        work_kinds: "[]".into(),
        notes: None,
        search_key: String::new(),
        created_at: now,
        updated_at: now,
        version: 1,
        external_id: None,
    };
    apply(&mut row, valid)?;
    Ok(row)
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct EmployerQuery {
    limit: Option<i64>,
    offset: Option<i64>,
    /// Text within the name, organisation number or kinds of work (case-insensitive).
    q: Option<String>,
    sector: Option<EmployerSector>,
}

/// Search the employer register (sorted by name).
#[utoipa::path(tag = "work", params(EmployerQuery), responses((status = 200, body = EmployerList)), security(("bearer" = [])))]
#[get("")]
async fn list_employers(
    state: web::Data<AppState>,
    user: CurrentUser,
    ApiQuery(q): ApiQuery<EmployerQuery>,
) -> ApiResult<HttpResponse> {
    policy::read_employers(&user)?;
    let (limit, offset) = paging(q.limit, q.offset)?;
    let filter = EmployerFilter {
        q: q.q
            .map(|t| t.trim().to_lowercase())
            .filter(|t| !t.is_empty()),
        sector: q.sector.map(|s| s.as_str().to_owned()),
        limit,
        offset,
    };
    let (items, total) = run(&state, user, "employer", Action::List, move |ctx| {
        let (rows, total) = ctx.store.list_employers(&filter)?;
        let items = rows
            .into_iter()
            .map(|r| view(ctx, r))
            .collect::<ApiResult<Vec<_>>>()?;
        Ok((items, total))
    })
    .await?;
    Ok(HttpResponse::Ok().json(EmployerList {
        items,
        total,
        limit,
        offset,
    }))
}

/// Register an employer (422 for an invalid organisationsnummer; 409 with `existing_id` if the
/// number is already registered).
#[utoipa::path(tag = "work", request_body = EmployerInput,
    responses((status = 201, body = EmployerView, headers(("Location" = String))),
        (status = 409, body = crate::error::Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
#[post("")]
async fn create_employer(
    state: web::Data<AppState>,
    user: CurrentUser,
    ApiJson(input): ApiJson<EmployerInput>,
) -> ApiResult<HttpResponse> {
    policy::write_employers(&user)?;
    let valid = validate(input)?;
    let v = run(&state, user, "employer", Action::Create, move |ctx| {
        let row = new_row(valid)?;
        check_unique(ctx.store, &row)?;
        ctx.store.insert_employer(&row)?;
        view(ctx, row)
    })
    .await?;
    Ok(HttpResponse::Created()
        .insert_header((header::LOCATION, format!("/api/v1/employers/{}", v.id)))
        .insert_header(etag(v.version))
        .json(v))
}

/// Read one employer.
#[utoipa::path(tag = "work", params(("id" = uuid::Uuid, Path)),
    responses((status = 200, body = EmployerView), (status = 404, body = crate::error::Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
#[get("/{id}")]
async fn get_employer(
    state: web::Data<AppState>,
    user: CurrentUser,
    id: web::Path<uuid::Uuid>,
) -> ApiResult<HttpResponse> {
    policy::read_employers(&user)?;
    let id = id.into_inner().to_string();
    let v = run(&state, user, "employer", Action::Read, move |ctx| {
        let row = ctx
            .store
            .get_employer(&id)?
            .ok_or_else(|| ApiError::not_found("employer"))?;
        view(ctx, row)
    })
    .await?;
    Ok(HttpResponse::Ok().insert_header(etag(v.version)).json(v))
}

/// Update an employer (whole record plus `version`).
#[utoipa::path(tag = "work", params(("id" = uuid::Uuid, Path)), request_body = EmployerInput,
    responses((status = 200, body = EmployerView), (status = 412, body = crate::error::Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
#[put("/{id}")]
async fn update_employer(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: CurrentUser,
    id: web::Path<uuid::Uuid>,
    ApiJson(body): ApiJson<serde_json::Value>,
) -> ApiResult<HttpResponse> {
    policy::write_employers(&user)?;
    let (input, v): (EmployerInput, _) = parse_versioned(body)?;
    let version = expected_version(&req, v)?;
    let valid = validate(input)?;
    let id = id.into_inner().to_string();
    let v = run(&state, user, "employer", Action::Update, move |ctx| {
        let mut row = ctx
            .store
            .get_employer(&id)?
            .ok_or_else(|| ApiError::not_found("employer"))?;
        apply(&mut row, valid)?;
        check_unique(ctx.store, &row)?;
        row.updated_at = time::now();
        row.version = version + 1;
        ctx.store.update_employer(version, &row)?;
        view(ctx, row)
    })
    .await?;
    Ok(HttpResponse::Ok().insert_header(etag(v.version)).json(v))
}

/// One placement with an employer and how it ended.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(example = json!({"activity_id": "01936f4e-9a00-7b3c-8d2e-0a1b2c3d4e71", "participant_id": "01936f4e-9a00-7b3c-8d2e-0a1b2c3d4e5f",
    "kind": "internship", "start_date": "2012-03-01", "actual_end": "2012-06-30", "status": "completed",
    "end_reason": null, "led_to_employment": true, "employment_kind": "nystartsjobb"}))]
pub struct PlacementView {
    pub activity_id: String,
    pub participant_id: String,
    pub kind: ActivityKind,
    pub start_date: NaiveDate,
    pub actual_end: Option<NaiveDate>,
    pub status: ActivityStatus,
    pub end_reason: Option<String>,
    pub led_to_employment: bool,
    /// The kind of job it led to, if an employment outcome is recorded.
    pub employment_kind: Option<EmploymentKind>,
}

/// An employer's placement history: the placements of participants you may see (newest first),
/// and non-personal totals across all units.
#[derive(Debug, Serialize, ToSchema)]
pub struct PlacementList {
    pub items: Vec<PlacementView>,
    /// Placements of participants you may see.
    pub total: i64,
    pub limit: i64,
    pub offset: i64,
    /// Placements with this employer across all units.
    pub all_placements: i64,
    /// Of those, how many led to employment.
    pub all_led_to_employment: i64,
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct PlacementQuery {
    limit: Option<i64>,
    offset: Option<i64>,
}

/// Every placement with this employer and how it ended (who has taken interns before, who hired).
/// Each placement shown is audited as a read of that participant's activity.
#[utoipa::path(tag = "work", params(("id" = uuid::Uuid, Path), PlacementQuery),
    responses((status = 200, body = PlacementList), (status = 404, body = crate::error::Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
#[get("/{id}/placements")]
async fn list_employer_placements(
    state: web::Data<AppState>,
    user: CurrentUser,
    id: web::Path<uuid::Uuid>,
    ApiQuery(q): ApiQuery<PlacementQuery>,
) -> ApiResult<HttpResponse> {
    policy::read_employers(&user)?;
    let (limit, offset) = paging(q.limit, q.offset)?;
    let mut filter = WorkFilter::new(
        policy::participant_scope(&user, state.today())?,
        limit,
        offset,
    );
    let id = id.into_inner().to_string();
    filter.employer_id = Some(id.clone());
    let list = run(&state, user, "activity", Action::List, move |ctx| {
        ctx.store
            .get_employer(&id)?
            .ok_or_else(|| ApiError::not_found("employer"))?;
        let (all_placements, all_led_to_employment) = ctx.store.employer_placement_counts(&id)?;
        let (rows, total) = ctx.store.list_activities(&filter)?;
        let mut items = Vec::new();
        for r in rows {
            ctx.audit(Some(&r.id), &r.participant_id);
            let employment_kind = ctx
                .store
                .outcome_of_activity(&r.id)?
                .map(|o| code(&o.kind, "employment_outcomes.kind"))
                .transpose()?;
            items.push(PlacementView {
                kind: code(&r.kind, "activities.kind")?,
                status: code(&r.status, "activities.status")?,
                activity_id: r.id,
                participant_id: r.participant_id,
                start_date: r.start_date,
                actual_end: r.actual_end,
                end_reason: r.end_reason,
                led_to_employment: r.led_to_employment,
                employment_kind,
            });
        }
        Ok(PlacementList {
            items,
            total,
            limit,
            offset,
            all_placements,
            all_led_to_employment,
        })
    })
    .await?;
    Ok(HttpResponse::Ok().json(list))
}
