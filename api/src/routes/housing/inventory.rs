//! `/housing-sites` and `/apartments`: the inventory, and the occupancy board.

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, get, post, put, web};
use domain::housing::{ApartmentKind, ApartmentStatus};
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};
use utoipa_actix_web::service_config::ServiceConfig;

use super::view::{ApartmentView, OccupancyItem, SiteView};
use super::{done, required_text, text};
use crate::app::AppState;
use crate::audit::{self, Action, Outcome};
use crate::auth::CurrentUser;
use crate::auth::policy;
use crate::error::{ApiError, ApiResult, FieldError};
use crate::extract::{ApiJson, ApiQuery, parse_versioned};
use crate::routes::{etag, expected_version, list_envelope, paging};
use crate::store::Store;
use crate::store::housing::{ApartmentChanges, ApartmentFilter, ApartmentRow, SiteRow};
use crate::store::time;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(
        utoipa_actix_web::scope("/housing-sites")
            .service(list_housing_sites)
            .service(create_housing_site),
    )
    .service(
        utoipa_actix_web::scope("/apartments")
            .service(occupancy_board)
            .service(list_apartments)
            .service(create_apartment)
            .service(get_apartment)
            .service(update_apartment),
    );
}

list_envelope!(SiteList, SiteView);
list_envelope!(ApartmentList, ApartmentView);
list_envelope!(OccupancyBoard, OccupancyItem);

/// A supported-housing site.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"unit_id": "01936f4e-8b1c-7d2a-9c3e-1f2a3b4c5d6e", "name": "Stödboendet Fiktiva Gläntan",
    "address": "Exempelgatan 1", "district": "Södermalm"}))]
pub struct SiteInput {
    pub unit_id: uuid::Uuid,
    pub name: String,
    #[serde(default)]
    pub address: Option<String>,
    #[serde(default)]
    pub district: Option<String>,
    #[serde(default)]
    pub description: Option<String>,
}

/// The sites of your units.
#[utoipa::path(tag = "housing", responses((status = 200, body = SiteList)), security(("bearer" = [])))]
#[get("")]
async fn list_housing_sites(
    state: web::Data<AppState>,
    user: CurrentUser,
) -> ApiResult<HttpResponse> {
    let units = policy::read_housing_inventory(&user)?;
    let rows = state.db.read(move |store| store.list_sites(&units)).await?;
    let total = rows.len() as i64;
    Ok(HttpResponse::Ok().json(SiteList {
        items: rows.into_iter().map(SiteView::from).collect(),
        total,
        limit: total,
        offset: 0,
    }))
}

/// Register a supported-housing site (housing coordinators and managers). A name already used in
/// the unit gives 409.
#[utoipa::path(tag = "housing", request_body = SiteInput,
    responses((status = 201, body = SiteView, headers(("Location" = String, description = "URL of the site"))),
        (status = 409, description = "The unit already has a site with this name", body = crate::error::Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
#[post("")]
async fn create_housing_site(
    state: web::Data<AppState>,
    user: CurrentUser,
    ApiJson(input): ApiJson<SiteInput>,
) -> ApiResult<HttpResponse> {
    let unit_id = input.unit_id.to_string();
    policy::write_housing_inventory(&user, &unit_id)?;
    let mut errors = Vec::new();
    let name = required_text(&mut errors, "name", input.name, 200);
    let address = text(&mut errors, "address", input.address, 200);
    let district = text(&mut errors, "district", input.district, 100);
    let description = text(&mut errors, "description", input.description, 2000);
    done(errors)?;
    let now = time::now();
    let row = SiteRow {
        id: time::new_id(),
        unit_id,
        name,
        address,
        district,
        description,
        created_at: now,
        updated_at: now,
        version: 1,
    };
    let row = state
        .db
        .tx(move |store| {
            store.insert_site(&row)?;
            Ok(row)
        })
        .await?;
    Ok(HttpResponse::Created()
        .insert_header((
            header::LOCATION,
            format!("/api/v1/housing-sites/{}", row.id),
        ))
        .insert_header(etag(row.version))
        .json(SiteView::from(row)))
}

/// An apartment as sent on create and update.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"unit_id": "01936f4e-8b1c-7d2a-9c3e-1f2a3b4c5d6e", "site_id": "01936f4e-9a00-7b3c-8d2e-0a1b2c3d4e60",
    "address": "Exempelgatan 1, lgh 1102", "district": "Södermalm", "kind": "supported_housing", "landlord": "Fiktiva Bostäder AB",
    "rooms": 1, "size_sqm": 28.5, "monthly_rent": 4200, "lease_holder": "Socialförvaltningen"}))]
pub struct ApartmentInput {
    pub unit_id: uuid::Uuid,
    /// The supported-housing site the apartment belongs to, if any (same unit).
    #[serde(default)]
    pub site_id: Option<uuid::Uuid>,
    pub address: String,
    #[serde(default)]
    pub district: Option<String>,
    pub kind: ApartmentKind,
    #[serde(default)]
    pub landlord: Option<String>,
    #[serde(default)]
    pub rooms: Option<i32>,
    #[serde(default)]
    pub size_sqm: Option<f64>,
    /// Whole kronor per month; not negative.
    #[serde(default)]
    pub monthly_rent: Option<i32>,
    #[serde(default)]
    pub lease_holder: Option<String>,
    /// `available` (default), `renovation` or `returned` on create; `occupied` and `reserved`
    /// follow tenancies and cannot be set by hand while they disagree.
    #[serde(default)]
    pub status: Option<ApartmentStatus>,
    #[serde(default)]
    pub note: Option<String>,
    /// The apartment's key in the system it comes from (imports upsert by it); unique when given.
    /// Left out on an update, the stored one is kept.
    #[serde(default)]
    pub external_id: Option<String>,
}

/// Apartment update: the full record plus `version` (or `If-Match`). Documentation only: the
/// handler splits `version` off with `parse_versioned`.
#[allow(dead_code)]
#[derive(Debug, Deserialize, ToSchema)]
pub struct ApartmentUpdate {
    #[serde(flatten)]
    pub apartment: ApartmentInput,
    pub version: Option<i32>,
}

/// An apartment's validated fields.
pub struct ValidApartment {
    pub(crate) unit_id: String,
    pub(crate) changes: ApartmentChanges,
}

impl ApartmentInput {
    fn validate(self) -> ApiResult<ValidApartment> {
        let mut errors = Vec::new();
        let external_id = text(&mut errors, "external_id", self.external_id, 100);
        let mut valid = Self {
            external_id: None,
            ..self
        }
        .validate_fields(errors)?;
        valid.changes.external_id = external_id;
        Ok(valid)
    }

    fn validate_fields(self, mut errors: Vec<FieldError>) -> ApiResult<ValidApartment> {
        let address = required_text(&mut errors, "address", self.address, 200);
        let district = text(&mut errors, "district", self.district, 100);
        let landlord = text(&mut errors, "landlord", self.landlord, 200);
        let lease_holder = text(&mut errors, "lease_holder", self.lease_holder, 200);
        let note = text(&mut errors, "note", self.note, 2000);
        if self.rooms.is_some_and(|r| !(1..=20).contains(&r)) {
            errors.push(FieldError::new("rooms", "must be between 1 and 20"));
        }
        if self
            .size_sqm
            .is_some_and(|s| !(s.is_finite() && s > 0.0 && s < 1000.0))
        {
            errors.push(FieldError::new(
                "size_sqm",
                "must be more than 0 and less than 1000",
            ));
        }
        if self.monthly_rent.is_some_and(|r| r < 0) {
            errors.push(FieldError::new("monthly_rent", "must not be negative"));
        }
        done(errors)?;
        Ok(ValidApartment {
            unit_id: self.unit_id.to_string(),
            changes: ApartmentChanges {
                site_id: self.site_id.map(|s| s.to_string()),
                address,
                district,
                kind: self.kind.as_str().to_owned(),
                landlord,
                rooms: self.rooms,
                size_sqm: self.size_sqm,
                monthly_rent: self.monthly_rent,
                lease_holder,
                status: self
                    .status
                    .unwrap_or(ApartmentStatus::Available)
                    .as_str()
                    .to_owned(),
                note,
                external_id: None,
            },
        })
    }
}

/// A new apartment: the policy for its unit, the status rule, the field rules (the create
/// endpoint and the import alike).
pub(crate) fn validate_new(user: &CurrentUser, input: ApartmentInput) -> ApiResult<ValidApartment> {
    policy::write_housing_inventory(user, &input.unit_id.to_string())?;
    if matches!(
        input.status,
        Some(ApartmentStatus::Occupied | ApartmentStatus::Reserved)
    ) {
        return Err(ApiError::field(
            "status",
            "occupied and reserved follow tenancies; start a tenancy instead",
        ));
    }
    input.validate()
}

/// An existing apartment's row in an import: the policy for the unit it names and the field
/// rules; its status is checked against its tenancies by [`changes_for`].
pub(crate) fn validate_existing(
    user: &CurrentUser,
    input: ApartmentInput,
) -> ApiResult<ValidApartment> {
    policy::write_housing_inventory(user, &input.unit_id.to_string())?;
    input.validate()
}

/// Writes a new apartment (its site must be of the same unit).
pub(crate) fn insert_new(store: &mut dyn Store, valid: ValidApartment) -> ApiResult<ApartmentRow> {
    check_site(store, &valid)?;
    let now = time::now();
    let c = valid.changes;
    let row = ApartmentRow {
        id: time::new_id(),
        unit_id: valid.unit_id,
        site_id: c.site_id,
        address: c.address,
        district: c.district,
        kind: c.kind,
        landlord: c.landlord,
        rooms: c.rooms,
        size_sqm: c.size_sqm,
        monthly_rent: c.monthly_rent,
        lease_holder: c.lease_holder,
        status: c.status,
        note: c.note,
        created_at: now,
        updated_at: now,
        version: 1,
        external_id: c.external_id,
    };
    store.insert_apartment(&row)?;
    Ok(row)
}

/// The changes an update makes to `current`: the policy, the unit, the site, and the status,
/// which follows tenancies while somebody lives there (the update endpoint and the import alike).
pub(crate) fn changes_for(
    store: &mut dyn Store,
    user: &CurrentUser,
    today: chrono::NaiveDate,
    current: &ApartmentRow,
    valid: ValidApartment,
) -> ApiResult<ApartmentChanges> {
    policy::write_housing_inventory(user, &current.unit_id)?;
    if valid.unit_id != current.unit_id {
        return Err(ApiError::field(
            "unit_id",
            "an apartment cannot move to another unit",
        ));
    }
    check_site(store, &valid)?;
    let running = store
        .tenancies_of_apartment(&current.id)?
        .into_iter()
        .any(|t| t.moved_out_on.is_none_or(|d| d > today));
    let mut changes = valid.changes;
    if changes.status != current.status {
        let wanted: ApartmentStatus = super::code(&changes.status, "status")?;
        if matches!(
            wanted,
            ApartmentStatus::Occupied | ApartmentStatus::Reserved
        ) || running
        {
            return Err(ApiError::conflict(
                "occupied and reserved follow tenancies, and a lived-in apartment keeps its status",
            ));
        }
    }
    if running {
        changes.status = current.status.clone();
    }
    if changes.external_id.is_none() {
        changes.external_id = current.external_id.clone();
    }
    if let Some(external_id) = &changes.external_id
        && let Some(other) = store.apartment_by_external_id(external_id)?
        && other.id != current.id
    {
        return Err(ApiError::field(
            "external_id",
            "another apartment has this external_id",
        ));
    }
    Ok(changes)
}

pub(crate) fn check_site(store: &mut dyn Store, valid: &ValidApartment) -> ApiResult<()> {
    if let Some(site) = &valid.changes.site_id {
        match store.get_site(site)? {
            Some(s) if s.unit_id == valid.unit_id => {}
            _ => return Err(ApiError::field("site_id", "no such site in this unit")),
        }
    }
    Ok(())
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ApartmentQuery {
    /// Page size, 1–500 (default 50).
    limit: Option<i64>,
    /// Records to skip (default 0).
    offset: Option<i64>,
    /// Only this unit (must be one of yours).
    unit_id: Option<uuid::Uuid>,
    site_id: Option<uuid::Uuid>,
    status: Option<ApartmentStatus>,
    kind: Option<ApartmentKind>,
}

fn filter_units(user_units: Vec<String>, unit: Option<uuid::Uuid>) -> ApiResult<Vec<String>> {
    match unit.map(|u| u.to_string()) {
        None => Ok(user_units),
        Some(u) if user_units.contains(&u) => Ok(vec![u]),
        Some(_) => Err(ApiError::forbidden(
            "this belongs to a unit you do not work in",
        )),
    }
}

/// The apartments of your units, by address.
#[utoipa::path(tag = "housing", params(ApartmentQuery), responses((status = 200, body = ApartmentList)), security(("bearer" = [])))]
#[get("")]
async fn list_apartments(
    state: web::Data<AppState>,
    user: CurrentUser,
    ApiQuery(q): ApiQuery<ApartmentQuery>,
) -> ApiResult<HttpResponse> {
    let units = filter_units(policy::read_housing_inventory(&user)?, q.unit_id)?;
    let (limit, offset) = paging(q.limit, q.offset)?;
    let filter = ApartmentFilter {
        unit_ids: units,
        site_id: q.site_id.map(|s| s.to_string()),
        status: q.status.map(|s| s.as_str().to_owned()),
        kind: q.kind.map(|k| k.as_str().to_owned()),
        limit,
        offset,
    };
    let (rows, total) = state
        .db
        .read(move |store| store.list_apartments(&filter))
        .await?;
    let items = rows
        .into_iter()
        .map(ApartmentView::try_from)
        .collect::<ApiResult<_>>()?;
    Ok(HttpResponse::Ok().json(ApartmentList {
        items,
        total,
        limit,
        offset,
    }))
}

/// Add an apartment to the inventory (housing coordinators and managers).
#[utoipa::path(tag = "housing", request_body = ApartmentInput,
    responses((status = 201, body = ApartmentView, headers(("Location" = String, description = "URL of the apartment"), ("ETag" = String, description = "The version")))),
    security(("bearer" = [])))]
#[post("")]
async fn create_apartment(
    state: web::Data<AppState>,
    user: CurrentUser,
    ApiJson(input): ApiJson<ApartmentInput>,
) -> ApiResult<HttpResponse> {
    let valid = validate_new(&user, input)?;
    let row = state.db.tx(move |store| insert_new(store, valid)).await?;
    Ok(HttpResponse::Created()
        .insert_header((header::LOCATION, format!("/api/v1/apartments/{}", row.id)))
        .insert_header(etag(row.version))
        .json(ApartmentView::try_from(row)?))
}

/// One apartment.
#[utoipa::path(tag = "housing", params(("id" = uuid::Uuid, Path, description = "Apartment id")),
    responses((status = 200, body = ApartmentView), (status = 404, body = crate::error::Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
#[get("/{id}")]
async fn get_apartment(
    state: web::Data<AppState>,
    user: CurrentUser,
    id: web::Path<uuid::Uuid>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner().to_string();
    let row = state
        .db
        .read(move |store| {
            store
                .get_apartment(&id)?
                .ok_or_else(|| ApiError::not_found("apartment"))
        })
        .await?;
    policy::read_housing_unit(&user, &row.unit_id)?;
    Ok(HttpResponse::Ok()
        .insert_header(etag(row.version))
        .json(ApartmentView::try_from(row)?))
}

/// Update an apartment: the full record and its `version`. The status may be set to
/// `available`, `renovation` or `returned` only while nobody lives there (409 otherwise).
#[utoipa::path(tag = "housing", params(("id" = uuid::Uuid, Path, description = "Apartment id")), request_body = ApartmentUpdate,
    responses((status = 200, body = ApartmentView),
        (status = 409, description = "Status contradicts a running tenancy", body = crate::error::Problem, content_type = "application/problem+json"),
        (status = 412, body = crate::error::Problem, content_type = "application/problem+json"),
        (status = 428, body = crate::error::Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
#[put("/{id}")]
async fn update_apartment(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: CurrentUser,
    id: web::Path<uuid::Uuid>,
    ApiJson(body): ApiJson<serde_json::Value>,
) -> ApiResult<HttpResponse> {
    let (input, body_version): (ApartmentInput, _) = parse_versioned(body)?;
    let version = expected_version(&req, body_version)?;
    let valid = input.validate()?;
    let id = id.into_inner().to_string();
    let today = state.today();
    let row = state
        .db
        .tx(move |store| {
            let current = store
                .get_apartment(&id)?
                .ok_or_else(|| ApiError::not_found("apartment"))?;
            let changes = changes_for(store, &user, today, &current, valid)?;
            if current.version != version {
                return Err(ApiError::Stale {
                    current_version: current.version,
                });
            }
            store.update_apartment(&id, version, &changes, time::now())
        })
        .await?;
    Ok(HttpResponse::Ok()
        .insert_header(etag(row.version))
        .json(ApartmentView::try_from(row)?))
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct OccupancyQuery {
    /// Only this unit (must be one of yours).
    unit_id: Option<uuid::Uuid>,
    site_id: Option<uuid::Uuid>,
    /// The day to show (default today). Not named `on`: YAML 1.1 readers take that for a boolean.
    date: Option<chrono::NaiveDate>,
}

/// The occupancy board: every apartment of your units (returned ones left out), who lives there
/// and since when. A protected identity you may not see is shown as "skyddad" without id.
/// Every resident shown is audited as read.
#[utoipa::path(tag = "housing", params(OccupancyQuery), responses((status = 200, body = OccupancyBoard)), security(("bearer" = [])))]
#[get("/occupancy")]
async fn occupancy_board(
    state: web::Data<AppState>,
    user: CurrentUser,
    ApiQuery(q): ApiQuery<OccupancyQuery>,
) -> ApiResult<HttpResponse> {
    let units = filter_units(policy::read_housing_inventory(&user)?, q.unit_id)?;
    let today = state.today();
    let on = q.date.unwrap_or(today);
    let site = q.site_id.map(|s| s.to_string());
    let items = state
        .db
        .tx(move |store| {
            let (apartments, _) = store.list_apartments(&ApartmentFilter {
                unit_ids: units.clone(),
                site_id: site,
                status: None,
                kind: None,
                limit: 10_000,
                offset: 0,
            })?;
            let tenancies = store.current_tenancies(&units, on)?;
            let ids: Vec<String> = tenancies.iter().map(|t| t.participant_id.clone()).collect();
            let people = store.participants_by_ids(&ids)?;
            let assigned = store.assigned_among(&ids, &user.staff_id, today)?;
            let risks = store.risk_events_of(&ids)?;
            let mut audit_rows = Vec::new();
            let mut items = Vec::new();
            for a in apartments
                .into_iter()
                .filter(|a| a.status != ApartmentStatus::Returned.as_str())
            {
                let tenancy = tenancies.iter().find(|t| t.apartment_id == a.id);
                let person = tenancy.and_then(|t| people.iter().find(|p| p.id == t.participant_id));
                let (participant_id, name, risk_flag) = match person {
                    Some(p) if policy::sees_identity(&user, p, assigned.contains(&p.id)) => {
                        audit_rows.push(audit::participant(
                            &user,
                            Action::List,
                            &p.id,
                            Outcome::Success,
                        ));
                        let events: Vec<_> = risks
                            .iter()
                            .filter(|r| r.participant_id == p.id)
                            .map(|r| (r.occurred_on, r.resolved_on))
                            .collect();
                        (
                            Some(p.id.clone()),
                            Some(format!("{} {}", p.first_name, p.last_name)),
                            domain::housing::has_recent_risk(&events, today),
                        )
                    }
                    Some(_) => (None, Some("skyddad".to_owned()), false),
                    None => (None, None, false),
                };
                items.push(OccupancyItem {
                    apartment: ApartmentView::try_from(a)?,
                    tenancy_id: tenancy.map(|t| t.id.clone()),
                    participant_id,
                    resident_name: name,
                    since: tenancy.map(|t| t.move_in_on),
                    planned_takeover_on: tenancy.map(|t| t.planned_takeover_on),
                    risk_flag,
                });
            }
            store.insert_audit(&audit_rows)?;
            Ok(items)
        })
        .await?;
    let total = items.len() as i64;
    Ok(HttpResponse::Ok().json(OccupancyBoard {
        items,
        total,
        limit: total,
        offset: 0,
    }))
}
