//! `/api/v1/units`: the organisational units (enheter) that own participants and staff.

use actix_web::http::header;
use actix_web::{HttpResponse, get, post, web};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_actix_web::service_config::ServiceConfig;

use crate::app::AppState;
use crate::audit::{self, Action, Outcome};
use crate::auth::{CurrentUser, policy};
use crate::error::{ApiError, ApiResult, FieldError};
use crate::extract::ApiJson;
use crate::routes::{list_envelope, utc};
use crate::store::staff::UnitRow;
use crate::store::time;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(
        utoipa_actix_web::scope("/units")
            .service(list_units)
            .service(create_unit),
    );
}

#[derive(Debug, Serialize, ToSchema)]
pub struct UnitView {
    pub id: String,
    #[schema(example = "Enheten för hemlösa vuxna")]
    pub name: String,
    pub description: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i32,
}

impl From<UnitRow> for UnitView {
    fn from(row: UnitRow) -> Self {
        Self {
            id: row.id,
            name: row.name,
            description: row.description,
            created_at: utc(row.created_at),
            updated_at: utc(row.updated_at),
            version: row.version,
        }
    }
}

list_envelope!(UnitList, UnitView);

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"name": "Enheten för hemlösa vuxna", "description": "Socialtjänstens vuxenenhet"}))]
pub struct NewUnit {
    pub name: String,
    #[serde(default)]
    pub description: Option<String>,
}

/// All units (names only; every signed-in staff member may see them, for pickers).
#[utoipa::path(tag = "units", responses((status = 200, body = UnitList)), security(("bearer" = [])))]
#[get("")]
async fn list_units(state: web::Data<AppState>, _user: CurrentUser) -> ApiResult<HttpResponse> {
    let units = state.db.read(|store| store.list_units(None)).await?;
    let total = i64::try_from(units.len()).unwrap_or(i64::MAX);
    Ok(HttpResponse::Ok().json(UnitList {
        items: units.into_iter().map(UnitView::from).collect(),
        total,
        limit: total,
        offset: 0,
    }))
}

/// Create a unit (administrators).
#[utoipa::path(
    tag = "units",
    request_body = NewUnit,
    responses((status = 201, body = UnitView, headers(("Location" = String, description = "URL of the unit")))),
    security(("bearer" = []))
)]
#[post("")]
async fn create_unit(
    state: web::Data<AppState>,
    user: CurrentUser,
    ApiJson(body): ApiJson<NewUnit>,
) -> ApiResult<HttpResponse> {
    policy::manage_staff_and_units(&user)?;
    let name = body.name.trim().to_owned();
    let mut errors = Vec::new();
    if name.is_empty() || name.chars().count() > 120 {
        errors.push(FieldError::new("name", "must be 1–120 characters"));
    }
    let description = body
        .description
        .map(|d| d.trim().to_owned())
        .filter(|d| !d.is_empty());
    if description
        .as_ref()
        .is_some_and(|d| d.chars().count() > 1000)
    {
        errors.push(FieldError::new(
            "description",
            "must be at most 1000 characters",
        ));
    }
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    let now = time::now();
    let row = UnitRow {
        id: time::new_id(),
        name,
        description,
        created_at: now,
        updated_at: now,
        version: 1,
    };
    let row = state
        .db
        .tx(move |store| {
            store.insert_unit(&row)?;
            store.insert_audit(&[audit::entry(
                Some(&user.staff_id),
                Action::Create,
                "unit",
                Some(&row.id),
                None,
                Outcome::Success,
            )])?;
            Ok(row)
        })
        .await?;
    Ok(HttpResponse::Created()
        .insert_header((header::LOCATION, format!("/api/v1/units/{}", row.id)))
        .json(UnitView::from(row)))
}
