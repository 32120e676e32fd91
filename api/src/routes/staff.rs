//! `/api/v1/staff`: staff accounts (administrators manage them; managers and caseworkers list
//! their units' staff to pick colleagues).

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, get, post, put, web};
use chrono::{DateTime, Utc};
use domain::role::Role;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_actix_web::service_config::ServiceConfig;

use crate::app::AppState;
use crate::audit::{self, Action, Outcome};
use crate::auth::{CurrentUser, password, policy};
use crate::error::{ApiError, ApiResult, FieldError};
use crate::extract::{ApiJson, ApiQuery, parse_versioned};
use crate::routes::{etag, expected_version, list_envelope, paging, utc};
use crate::store::Store;
use crate::store::staff::{StaffChanges, StaffRow};
use crate::store::time;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(
        utoipa_actix_web::scope("/staff")
            .service(list_staff)
            .service(create_staff)
            .service(get_staff)
            .service(update_staff),
    );
}

#[derive(Debug, Serialize, ToSchema)]
pub struct StaffView {
    pub id: String,
    #[schema(example = "anna.handlaggare")]
    pub username: String,
    #[schema(example = "Anna Handläggare")]
    pub display_name: String,
    pub role: Role,
    pub active: bool,
    pub unit_ids: Vec<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i32,
}

fn view(row: StaffRow, unit_ids: Vec<String>) -> ApiResult<StaffView> {
    Ok(StaffView {
        role: row
            .role
            .parse()
            .map_err(|_| ApiError::Internal("unknown stored role".into()))?,
        id: row.id,
        username: row.username,
        display_name: row.display_name,
        active: row.active,
        unit_ids,
        created_at: utc(row.created_at),
        updated_at: utc(row.updated_at),
        version: row.version,
    })
}

list_envelope!(StaffList, StaffView);

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"username": "anna.handlaggare", "display_name": "Anna Handläggare",
    "password": "byt-mig-snart-1", "role": "caseworker", "unit_ids": ["01936f4e-8b1c-7d2a-9c3e-1f2a3b4c5d6e"]}))]
pub struct NewStaff {
    /// 3–64 characters: lower-case letters, digits, `.`, `_`, `-`.
    pub username: String,
    pub display_name: String,
    /// At least 10 characters.
    pub password: String,
    pub role: Role,
    #[serde(default)]
    pub unit_ids: Vec<uuid::Uuid>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StaffUpdate {
    pub display_name: String,
    pub role: Role,
    /// false deactivates the account and ends its sessions at once.
    pub active: bool,
    pub unit_ids: Vec<uuid::Uuid>,
    /// Set a new password (at least 10 characters); omit to keep it.
    #[serde(default)]
    pub password: Option<String>,
    /// The version you edited (or send If-Match).
    #[serde(default)]
    #[schema(minimum = 1)]
    pub version: Option<i32>,
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct StaffQuery {
    #[param(minimum = 1, maximum = 500)]
    limit: Option<i64>,
    #[param(minimum = 0)]
    offset: Option<i64>,
}

fn check_common(errors: &mut Vec<FieldError>, display_name: &str, password: Option<&str>) {
    let n = display_name.trim().chars().count();
    if n == 0 || n > 100 {
        errors.push(FieldError::new("display_name", "must be 1–100 characters"));
    }
    if let Some(pw) = password {
        if pw.chars().count() < 10 {
            errors.push(FieldError::new(
                "password",
                "must be at least 10 characters",
            ));
        } else if pw.len() > 1024 {
            errors.push(FieldError::new("password", "must be at most 1024 bytes"));
        }
    }
}

fn check_units_exist(store: &mut dyn Store, unit_ids: &[String]) -> ApiResult<()> {
    for id in unit_ids {
        if !store.unit_exists(id)? {
            return Err(ApiError::field("unit_ids", format!("no such unit: {id}")));
        }
    }
    Ok(())
}

/// List staff: administrators see all; managers and caseworkers see their units' staff.
#[utoipa::path(tag = "staff", params(StaffQuery), responses((status = 200, body = StaffList)), security(("bearer" = [])))]
#[get("")]
async fn list_staff(
    state: web::Data<AppState>,
    user: CurrentUser,
    ApiQuery(query): ApiQuery<StaffQuery>,
) -> ApiResult<HttpResponse> {
    let scope = policy::list_staff(&user)?;
    let (limit, offset) = paging(query.limit, query.offset)?;
    let (rows, total) = state
        .db
        .read(move |store| store.list_staff(scope.as_deref(), limit, offset))
        .await?;
    let items = rows
        .into_iter()
        .map(|(row, units)| view(row, units))
        .collect::<ApiResult<_>>()?;
    Ok(HttpResponse::Ok().json(StaffList {
        items,
        total,
        limit,
        offset,
    }))
}

/// Create a staff account (administrators).
#[utoipa::path(
    tag = "staff",
    request_body = NewStaff,
    responses((status = 201, body = StaffView, headers(("Location" = String, description = "URL of the account")))),
    security(("bearer" = []))
)]
#[post("")]
async fn create_staff(
    state: web::Data<AppState>,
    user: CurrentUser,
    ApiJson(body): ApiJson<NewStaff>,
) -> ApiResult<HttpResponse> {
    policy::manage_staff_and_units(&user)?;
    let username = body.username.trim().to_owned();
    let mut errors = Vec::new();
    let valid_username = (3..=64).contains(&username.len())
        && username
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "._-".contains(c));
    if !valid_username {
        errors.push(FieldError::new(
            "username",
            "must be 3–64 characters: a–z, 0–9, '.', '_' or '-'",
        ));
    }
    check_common(&mut errors, &body.display_name, Some(&body.password));
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    let password = body.password;
    let hash = web::block(move || password::hash(&password)).await??;
    let now = time::now();
    let row = StaffRow {
        id: time::new_id(),
        username,
        display_name: body.display_name.trim().to_owned(),
        password_hash: hash,
        role: body.role.as_str().to_owned(),
        active: true,
        created_at: now,
        updated_at: now,
        version: 1,
    };
    let unit_ids: Vec<String> = body.unit_ids.iter().map(|u| u.to_string()).collect();
    let (row, unit_ids) = state
        .db
        .tx(move |store| {
            check_units_exist(store, &unit_ids)?;
            store.insert_staff(&row, &unit_ids)?;
            store.insert_audit(&[audit::entry(
                Some(&user.staff_id),
                Action::Create,
                "staff",
                Some(&row.id),
                None,
                Outcome::Success,
            )])?;
            Ok((row, unit_ids))
        })
        .await?;
    Ok(HttpResponse::Created()
        .insert_header((header::LOCATION, format!("/api/v1/staff/{}", row.id)))
        .json(view(row, unit_ids)?))
}

/// One staff account (administrators).
#[utoipa::path(
    tag = "staff",
    params(("id" = uuid::Uuid, Path, description = "Staff id")),
    responses((status = 200, body = StaffView), (status = 404, body = crate::error::Problem, content_type = "application/problem+json")),
    security(("bearer" = []))
)]
#[get("/{id}")]
async fn get_staff(
    state: web::Data<AppState>,
    user: CurrentUser,
    id: web::Path<uuid::Uuid>,
) -> ApiResult<HttpResponse> {
    policy::manage_staff_and_units(&user)?;
    let id = id.into_inner().to_string();
    let (row, units) = state
        .db
        .read(move |store| {
            let row = store
                .get_staff(&id)?
                .ok_or_else(|| ApiError::not_found("staff member"))?;
            let units = store.staff_unit_ids(&id)?;
            Ok((row, units))
        })
        .await?;
    Ok(HttpResponse::Ok()
        .insert_header(etag(row.version))
        .json(view(row, units)?))
}

/// Change a staff account (administrators): name, role, units, active, password.
/// Deactivating ends the account's sessions immediately.
#[utoipa::path(
    tag = "staff",
    params(("id" = uuid::Uuid, Path, description = "Staff id")),
    request_body = StaffUpdate,
    responses(
        (status = 200, body = StaffView),
        (status = 404, body = crate::error::Problem, content_type = "application/problem+json"),
        (status = 412, body = crate::error::Problem, content_type = "application/problem+json"),
        (status = 428, description = "No version was sent", body = crate::error::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[put("/{id}")]
async fn update_staff(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: CurrentUser,
    id: web::Path<uuid::Uuid>,
    ApiJson(body): ApiJson<serde_json::Value>,
) -> ApiResult<HttpResponse> {
    policy::manage_staff_and_units(&user)?;
    let (body, body_version): (StaffUpdate, _) = parse_versioned(body)?;
    let version = expected_version(&req, body_version.or(body.version))?;
    let mut errors = Vec::new();
    check_common(&mut errors, &body.display_name, body.password.as_deref());
    let id = id.into_inner().to_string();
    if id == user.staff_id && (!body.active || body.role != Role::Admin) {
        errors.push(FieldError::new(
            "active",
            "you cannot deactivate or demote your own account",
        ));
    }
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    let password_hash = match body.password {
        Some(pw) => Some(web::block(move || password::hash(&pw)).await??),
        None => None,
    };
    let changes = StaffChanges {
        display_name: body.display_name.trim().to_owned(),
        role: body.role.as_str().to_owned(),
        active: body.active,
        unit_ids: body.unit_ids.iter().map(|u| u.to_string()).collect(),
        password_hash,
    };
    let (row, units) = state
        .db
        .tx(move |store| {
            check_units_exist(store, &changes.unit_ids)?;
            let now = time::now();
            let row = store
                .update_staff(&id, version, &changes, now)?
                .ok_or_else(|| ApiError::not_found("staff member"))?;
            if !row.active || changes.password_hash.is_some() {
                store.revoke_sessions_of(&id, now)?;
            }
            store.insert_audit(&[audit::entry(
                Some(&user.staff_id),
                Action::Update,
                "staff",
                Some(&id),
                None,
                Outcome::Success,
            )])?;
            let units = store.staff_unit_ids(&id)?;
            Ok((row, units))
        })
        .await?;
    Ok(HttpResponse::Ok()
        .insert_header(etag(row.version))
        .json(view(row, units)?))
}
