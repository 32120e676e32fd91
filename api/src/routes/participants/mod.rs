//! `/api/v1/participants`: register, read, update, list, close and reopen participants.

mod input;
mod view;

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, get, post, put, web};
use domain::participant::ParticipantStatus;
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_actix_web::service_config::ServiceConfig;

pub use input::{
    CloseParticipant, ParticipantInput, ParticipantUpdate, ReopenParticipant, ValidParticipant,
};
pub use view::ParticipantView;

use crate::app::AppState;
use crate::audit::{self, Action, Outcome};
use crate::auth::policy::{self, ParticipantAction};
use crate::auth::{CurrentUser, SignedToken};
use crate::error::{ApiError, ApiResult, FieldError};
use crate::extract::{ApiJson, ApiQuery, parse_versioned};
use crate::routes::scoped::assigned_if_consulted;
use crate::routes::{etag, expected_version, list_envelope, paging};
use crate::store::Store;
use crate::store::participants::{
    ParticipantChanges, ParticipantFilter, ParticipantRow, ParticipantSort,
};
use crate::store::time;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(
        utoipa_actix_web::scope("/participants")
            .service(list_participants)
            .service(create_participant)
            .service(get_participant)
            .service(update_participant)
            .service(close_participant)
            .service(reopen_participant),
    );
}

list_envelope!(ParticipantList, ParticipantView);

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ParticipantQuery {
    /// Page size, 1–500 (default 50).
    #[param(minimum = 1, maximum = 500)]
    limit: Option<i64>,
    /// Records to skip (default 0).
    #[param(minimum = 0)]
    offset: Option<i64>,
    /// Only this unit (must be one of yours).
    unit_id: Option<uuid::Uuid>,
    status: Option<ParticipantStatus>,
    /// Only participants with this responsible caseworker.
    caseworker_id: Option<uuid::Uuid>,
    /// Case-insensitive text search on name and personnummer (any part, e.g. "åsa", "19811218", "9876").
    q: Option<String>,
    /// Default `last_name` (then first name).
    #[param(inline)]
    sort: Option<ParticipantOrder>,
}

/// Sort order: a field name, `-` in front for descending.
#[derive(Debug, Clone, Copy, Deserialize, utoipa::ToSchema)]
pub enum ParticipantOrder {
    #[serde(rename = "last_name")]
    LastName,
    #[serde(rename = "-last_name")]
    LastNameDesc,
    #[serde(rename = "created_at")]
    CreatedAt,
    #[serde(rename = "-created_at")]
    CreatedAtDesc,
}

impl From<ParticipantOrder> for ParticipantSort {
    fn from(order: ParticipantOrder) -> Self {
        match order {
            ParticipantOrder::LastName => Self::LastName,
            ParticipantOrder::LastNameDesc => Self::LastNameDesc,
            ParticipantOrder::CreatedAt => Self::CreatedAt,
            ParticipantOrder::CreatedAtDesc => Self::CreatedAtDesc,
        }
    }
}

/// List the participants you may see (your units; protected identities only when assigned,
/// or as manager). Every participant in the page is audited as read.
#[utoipa::path(
    tag = "participants",
    params(ParticipantQuery),
    responses((status = 200, description = "A page of participants", body = ParticipantList)),
    security(("bearer" = []))
)]
#[get("")]
async fn list_participants(
    state: web::Data<AppState>,
    user: CurrentUser,
    ApiQuery(query): ApiQuery<ParticipantQuery>,
) -> ApiResult<HttpResponse> {
    let scope = policy::participant_scope(&user, state.today())?;
    let (limit, offset) = paging(query.limit, query.offset)?;
    let text = query
        .q
        .as_deref()
        .map(str::trim)
        .filter(|q| !q.is_empty())
        .map(|q| domain::participant::search_key(&[q]));
    // Searching "811218-9876" must also find the digits-only key.
    let text = text.map(|t| {
        if t.chars().all(|c| c.is_ascii_digit() || c == '-') {
            t.replace('-', "")
        } else {
            t
        }
    });
    let filter = ParticipantFilter {
        scope,
        unit_id: query.unit_id.map(|u| u.to_string()),
        status: query.status.map(|s| s.as_str().to_owned()),
        caseworker_id: query.caseworker_id.map(|c| c.to_string()),
        text,
        sort: query.sort.unwrap_or(ParticipantOrder::LastName).into(),
        limit,
        offset,
    };
    let (rows, total, entries) = state
        .db
        .read(move |store| {
            let (rows, total) = store.list_participants(&filter)?;
            let entries: Vec<_> = rows
                .iter()
                .map(|r| audit::participant(&user, Action::List, &r.id, Outcome::Success))
                .collect();
            Ok((rows, total, entries))
        })
        .await?;
    // Group-committed; durable before the list is sent (see `audit_writer`).
    state.audit.record(entries).await?;
    let items = rows
        .into_iter()
        .map(ParticipantView::try_from)
        .collect::<ApiResult<_>>()?;
    Ok(HttpResponse::Ok().json(ParticipantList {
        items,
        total,
        limit,
        offset,
    }))
}

/// Register a participant. A personnummer already in the system gives 409 with `existing_id`.
#[utoipa::path(
    tag = "participants",
    request_body = ParticipantInput,
    params(("Idempotency-Key" = Option<String>, Header, description = "Retry-safe key: the same key and body return the first result")),
    responses(
        (status = 201, description = "Registered", body = ParticipantView,
            headers(("Location" = String, description = "URL of the new participant"), ("ETag" = String, description = "The version"))),
        (status = 409, description = "The personnummer is already registered; `existing_id` points at that record",
            body = crate::error::Problem, content_type = "application/problem+json",
            example = json!({"type": "https://stegvis.se/problems/conflict", "title": "Conflict", "status": 409,
                "detail": "a participant with this personal identity number already exists",
                "existing_id": "01936f4e-9a00-7b3c-8d2e-0a1b2c3d4e5f"})),
    ),
    security(("bearer" = []))
)]
#[post("")]
async fn create_participant(
    state: web::Data<AppState>,
    token: SignedToken,
    ApiJson(input): ApiJson<ParticipantInput>,
) -> ApiResult<HttpResponse> {
    let today = state.today();
    let valid = input.validate(today)?;
    // The session is checked in the write transaction itself: one trip to the database thread
    // instead of two.
    let row = state
        .db
        .tx(move |store| {
            let user = token.resolve(store)?;
            policy::create_participant(&user, &valid.unit_id)?;
            // The policy found the unit among the caller's own, and those exist.
            check_references(store, &valid, user.in_unit(&valid.unit_id))?;
            refuse_duplicate(store, valid.personal_identity_number.as_deref(), None)?;
            let now = time::now();
            let row = new_row(valid, now);
            store.insert_participant(&row)?;
            store.insert_audit(&[audit::participant(
                &user,
                Action::Create,
                &row.id,
                Outcome::Success,
            )])?;
            let who = domain::duplicate::Identity {
                personal_identity_number: row.personal_identity_number.as_deref(),
                first_name: &row.first_name,
                last_name: &row.last_name,
                date_of_birth: row.date_of_birth,
            };
            let alike = crate::routes::merges::matches(store, &user, today, &who, Some(&row.id))?;
            Ok((row, alike))
        })
        .await?;
    let (row, alike) = row;
    let location = format!("/api/v1/participants/{}", row.id);
    let mut view = ParticipantView::try_from(row)?;
    view.possible_duplicates = (!alike.is_empty()).then_some(alike);
    Ok(HttpResponse::Created()
        .insert_header((header::LOCATION, location))
        .insert_header(etag(view.version))
        .json(view))
}

/// Read one participant (audited).
#[utoipa::path(
    tag = "participants",
    params(("id" = uuid::Uuid, Path, description = "Participant id")),
    responses(
        (status = 200, body = ParticipantView, headers(("ETag" = String, description = "The version"))),
        (status = 404, description = "No such participant, or a protected identity you may not see",
            body = crate::error::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[get("/{id}")]
async fn get_participant(
    state: web::Data<AppState>,
    token: SignedToken,
    id: web::Path<uuid::Uuid>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner().to_string();
    let today = state.today();
    // The audit entry (granted or denied) is durable before the answer; the session is checked
    // in the same database call as the read (see `AuditWriter::point_read`).
    let row = state
        .audit
        .point_read(move |store| {
            let user = token.resolve(store)?;
            let row = store
                .get_participant(&id)?
                .ok_or_else(|| ApiError::not_found("participant"))?;
            let assigned = assigned_if_consulted(store, &user, &row, today)?;
            let allowed = policy::participant(&user, ParticipantAction::Read, &row, assigned);
            let outcome = match allowed {
                Ok(()) => Outcome::Success,
                Err(_) => Outcome::Denied,
            };
            let entry = audit::participant(&user, Action::Read, &id, outcome);
            Ok((allowed.map(|()| row), vec![entry]))
        })
        .await?;
    let row = row?;
    Ok(HttpResponse::Ok()
        .insert_header(etag(row.version))
        .json(ParticipantView::try_from(row)?))
}

/// Update a participant. Send the whole record and the `version` you edited (or `If-Match`);
/// if someone saved in between you get 412 and nothing is changed.
#[utoipa::path(
    tag = "participants",
    params(
        ("id" = uuid::Uuid, Path, description = "Participant id"),
        ("If-Match" = Option<String>, Header, description = "The version you edited, e.g. \"3\" (alternative to `version` in the body)"),
    ),
    request_body = ParticipantUpdate,
    responses(
        (status = 200, body = ParticipantView, headers(("ETag" = String, description = "The new version"))),
        (status = 404, body = crate::error::Problem, content_type = "application/problem+json"),
        (status = 409, description = "The personnummer belongs to another participant", body = crate::error::Problem, content_type = "application/problem+json"),
        (status = 412, description = "Someone else changed the record; `current_version` says which version is current",
            body = crate::error::Problem, content_type = "application/problem+json",
            example = json!({"type": "https://stegvis.se/problems/stale-version", "title": "The record was changed by someone else",
                "status": 412, "detail": "the record is now at version 4; reload it and apply your change again", "current_version": 4})),
        (status = 428, description = "No version was sent", body = crate::error::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[put("/{id}")]
async fn update_participant(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: CurrentUser,
    id: web::Path<uuid::Uuid>,
    ApiJson(body): ApiJson<serde_json::Value>,
) -> ApiResult<HttpResponse> {
    let (input, body_version): (ParticipantInput, _) = parse_versioned(body)?;
    let version = expected_version(&req, body_version)?;
    let valid = input.validate(state.today())?;
    let id = id.into_inner().to_string();
    let today = state.today();
    let row = state
        .db
        .tx(move |store| {
            let current = match authorised(
                store,
                &user,
                &id,
                ParticipantAction::Update,
                Action::Update,
                today,
            )? {
                Ok(row) => row,
                Err(denied) => return Ok(Err(denied)),
            };
            if valid.unit_id != current.unit_id {
                policy::move_participant(&user, &valid.unit_id)?;
            }
            if current.version != version {
                return Err(ApiError::Stale {
                    current_version: current.version,
                });
            }
            let unit_known = valid.unit_id == current.unit_id || user.in_unit(&valid.unit_id);
            check_references(store, &valid, unit_known)?;
            refuse_duplicate(store, valid.personal_identity_number.as_deref(), Some(&id))?;
            let mut changes = ParticipantChanges::from(&current);
            apply_changes(&mut changes, valid);
            let row = store.update_participant(&id, version, &changes, time::now())?;
            store.insert_audit(&[audit::participant(
                &user,
                Action::Update,
                &id,
                Outcome::Success,
            )])?;
            Ok(Ok(row))
        })
        .await??;
    Ok(HttpResponse::Ok()
        .insert_header(etag(row.version))
        .json(ParticipantView::try_from(row)?))
}

/// Close a participant's case (status `closed`). The record is kept.
#[utoipa::path(
    tag = "participants",
    params(("id" = uuid::Uuid, Path, description = "Participant id")),
    request_body = CloseParticipant,
    responses(
        (status = 200, body = ParticipantView),
        (status = 404, body = crate::error::Problem, content_type = "application/problem+json"),
        (status = 409, description = "Already closed", body = crate::error::Problem, content_type = "application/problem+json"),
        (status = 412, body = crate::error::Problem, content_type = "application/problem+json"),
        (status = 428, description = "No version was sent", body = crate::error::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[post("/{id}/close")]
async fn close_participant(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: CurrentUser,
    id: web::Path<uuid::Uuid>,
    ApiJson(body): ApiJson<CloseParticipant>,
) -> ApiResult<HttpResponse> {
    let version = expected_version(&req, body.version)?;
    let today = state.today();
    let closed_on = body.closed_on.unwrap_or(today);
    let mut errors = Vec::new();
    if closed_on > today {
        errors.push(FieldError::new("closed_on", "must not be in the future"));
    }
    let reason = body
        .reason
        .map(|r| r.trim().to_owned())
        .filter(|r| !r.is_empty());
    if reason.as_ref().is_some_and(|r| r.chars().count() > 500) {
        errors.push(FieldError::new("reason", "must be at most 500 characters"));
    }
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    let id = id.into_inner().to_string();
    let row = state
        .db
        .tx(move |store| {
            let current = match authorised(
                store,
                &user,
                &id,
                ParticipantAction::Close,
                Action::Close,
                today,
            )? {
                Ok(row) => row,
                Err(denied) => return Ok(Err(denied)),
            };
            if current.status == ParticipantStatus::Closed.as_str() {
                return Err(ApiError::conflict(
                    "the participant's case is already closed",
                ));
            }
            if current.version != version {
                return Err(ApiError::Stale {
                    current_version: current.version,
                });
            }
            let mut changes = ParticipantChanges::from(&current);
            changes.status = ParticipantStatus::Closed.as_str().to_owned();
            changes.closed_on = Some(closed_on);
            changes.closed_reason = reason;
            let row = store.update_participant(&id, version, &changes, time::now())?;
            store.insert_audit(&[audit::participant(
                &user,
                Action::Close,
                &id,
                Outcome::Success,
            )])?;
            Ok(Ok(row))
        })
        .await??;
    Ok(HttpResponse::Ok()
        .insert_header(etag(row.version))
        .json(ParticipantView::try_from(row)?))
}

/// Reopen a closed case.
#[utoipa::path(
    tag = "participants",
    params(("id" = uuid::Uuid, Path, description = "Participant id")),
    request_body = ReopenParticipant,
    responses(
        (status = 200, body = ParticipantView),
        (status = 404, body = crate::error::Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not closed", body = crate::error::Problem, content_type = "application/problem+json"),
        (status = 412, body = crate::error::Problem, content_type = "application/problem+json"),
        (status = 428, description = "No version was sent", body = crate::error::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[post("/{id}/reopen")]
async fn reopen_participant(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: CurrentUser,
    id: web::Path<uuid::Uuid>,
    ApiJson(body): ApiJson<ReopenParticipant>,
) -> ApiResult<HttpResponse> {
    let version = expected_version(&req, body.version)?;
    let id = id.into_inner().to_string();
    let today = state.today();
    let row = state
        .db
        .tx(move |store| {
            let current = match authorised(
                store,
                &user,
                &id,
                ParticipantAction::Update,
                Action::Reopen,
                today,
            )? {
                Ok(row) => row,
                Err(denied) => return Ok(Err(denied)),
            };
            if current.status != ParticipantStatus::Closed.as_str() {
                return Err(ApiError::conflict("the participant's case is not closed"));
            }
            if current.version != version {
                return Err(ApiError::Stale {
                    current_version: current.version,
                });
            }
            let mut changes = ParticipantChanges::from(&current);
            changes.status = ParticipantStatus::Active.as_str().to_owned();
            changes.closed_on = None;
            changes.closed_reason = None;
            let row = store.update_participant(&id, version, &changes, time::now())?;
            store.insert_audit(&[audit::participant(
                &user,
                Action::Reopen,
                &id,
                Outcome::Success,
            )])?;
            Ok(Ok(row))
        })
        .await??;
    Ok(HttpResponse::Ok()
        .insert_header(etag(row.version))
        .json(ParticipantView::try_from(row)?))
}

/// Loads a participant and asks the policy. A refusal is audited (and committed) and returned as
/// the inner `Err`, so the caller can end the transaction successfully and still answer 403/404.
fn authorised(
    store: &mut dyn Store,
    user: &CurrentUser,
    id: &str,
    action: ParticipantAction,
    audit_action: Action,
    today: chrono::NaiveDate,
) -> ApiResult<Result<ParticipantRow, ApiError>> {
    let row = store
        .get_participant(id)?
        .ok_or_else(|| ApiError::not_found("participant"))?;
    let assigned = assigned_if_consulted(store, user, &row, today)?;
    match policy::participant(user, action, &row, assigned) {
        Ok(()) => Ok(Ok(row)),
        Err(denied) => {
            store.insert_audit(&[audit::participant(user, audit_action, id, Outcome::Denied)])?;
            Ok(Err(denied))
        }
    }
}

/// The unit must exist; a responsible caseworker must be an active member of it.
/// `unit_known`: the unit is known to exist (the caller's own, or the participant's current one),
/// which saves a lookup on every registration.
pub(crate) fn check_references(
    store: &mut dyn Store,
    valid: &ValidParticipant,
    unit_known: bool,
) -> ApiResult<()> {
    let mut errors = Vec::new();
    if !unit_known && !store.unit_exists(&valid.unit_id)? {
        errors.push(FieldError::new("unit_id", "no such unit"));
    }
    if let Some(caseworker) = &valid.responsible_caseworker_id {
        let member = match store.get_staff(caseworker)? {
            Some(staff) if staff.active => {
                store.staff_unit_ids(caseworker)?.contains(&valid.unit_id)
            }
            _ => false,
        };
        if !member {
            errors.push(FieldError::new(
                "responsible_caseworker_id",
                "must be an active staff member of the participant's unit",
            ));
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(ApiError::Validation(errors))
    }
}

/// Refuses a personnummer that another participant already has (409 pointing at that record).
fn refuse_duplicate(
    store: &mut dyn Store,
    pin: Option<&str>,
    except: Option<&str>,
) -> ApiResult<()> {
    let Some(pin) = pin else { return Ok(()) };
    match store.participant_id_by_pin(pin)? {
        Some(existing) if Some(existing.as_str()) != except => Err(ApiError::Duplicate {
            detail: "a participant with this personal identity number already exists".into(),
            existing_id: existing,
        }),
        _ => Ok(()),
    }
}

pub(crate) fn new_row(valid: ValidParticipant, now: chrono::NaiveDateTime) -> ParticipantRow {
    ParticipantRow {
        id: time::new_id(),
        personal_identity_number: valid.personal_identity_number,
        first_name: valid.first_name,
        last_name: valid.last_name,
        date_of_birth: valid.date_of_birth,
        gender: valid.gender.as_str().to_owned(),
        protected_identity: valid.protected_identity,
        phone: valid.phone,
        email: valid.email,
        postal_address: valid.postal_address,
        care_of: valid.care_of,
        postal_code: valid.postal_code,
        city: valid.city,
        unit_id: valid.unit_id,
        responsible_caseworker_id: valid.responsible_caseworker_id,
        housing_situation: valid.housing_situation.as_str().to_owned(),
        main_substance: valid.main_substance.as_str().to_owned(),
        income_source: valid.income_source.as_str().to_owned(),
        status: ParticipantStatus::Active.as_str().to_owned(),
        closed_on: None,
        closed_reason: None,
        search_key: valid.search_key,
        created_at: now,
        updated_at: now,
        version: 1,
        external_id: valid.external_id,
    }
}

pub(crate) fn apply_changes(changes: &mut ParticipantChanges, valid: ValidParticipant) {
    changes.personal_identity_number = valid.personal_identity_number;
    changes.first_name = valid.first_name;
    changes.last_name = valid.last_name;
    changes.date_of_birth = valid.date_of_birth;
    changes.gender = valid.gender.as_str().to_owned();
    changes.protected_identity = valid.protected_identity;
    changes.phone = valid.phone;
    changes.email = valid.email;
    changes.postal_address = valid.postal_address;
    changes.care_of = valid.care_of;
    changes.postal_code = valid.postal_code;
    changes.city = valid.city;
    changes.unit_id = valid.unit_id;
    changes.responsible_caseworker_id = valid.responsible_caseworker_id;
    changes.housing_situation = valid.housing_situation.as_str().to_owned();
    changes.main_substance = valid.main_substance.as_str().to_owned();
    changes.income_source = valid.income_source.as_str().to_owned();
    changes.search_key = valid.search_key;
    // The external key is set on create or by an import; an edit that leaves it out keeps it.
    if valid.external_id.is_some() {
        changes.external_id = valid.external_id;
    }
}
