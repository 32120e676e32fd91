//! `/tenancies`: a participant living in an apartment; move-in, planned takeover, move-out and
//! lease takeover. Starting one writes the ladder history and schedules the housing follow-ups.

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, get, post, put, web};
use chrono::NaiveDate;
use domain::housing::{self as rules, ApartmentStatus, FollowUpKind, MoveOutReason, Stay};
use domain::participant::HousingSituation;
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};
use utoipa_actix_web::service_config::ServiceConfig;

use super::view::TenancyView;
use super::{authorised, code, done, record_stage, text};
use crate::app::AppState;
use crate::audit::{self, Action, Outcome};
use crate::auth::CurrentUser;
use crate::auth::policy::HousingAction;
use crate::error::{ApiError, ApiResult, FieldError};
use crate::extract::{ApiJson, ApiQuery, parse_versioned};
use crate::routes::{etag, expected_version, list_envelope};
use crate::store::Store;
use crate::store::housing::{FollowUpRow, TenancyChanges, TenancyRow};
use crate::store::participants::ParticipantRow;
use crate::store::time;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(
        utoipa_actix_web::scope("/tenancies")
            .service(list_tenancies)
            .service(create_tenancy)
            .service(get_tenancy)
            .service(update_tenancy)
            .service(move_out_tenancy)
            .service(take_over_lease),
    );
}

list_envelope!(TenancyList, TenancyView);

/// A new tenancy.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"participant_id": "01936f4e-9a00-7b3c-8d2e-0a1b2c3d4e5f", "apartment_id": "01936f4e-9a00-7b3c-8d2e-0a1b2c3d4e61",
    "move_in_on": "2012-02-01"}))]
pub struct TenancyInput {
    pub participant_id: uuid::Uuid,
    pub apartment_id: uuid::Uuid,
    pub move_in_on: NaiveDate,
    /// Default: move-in + 18 months.
    #[serde(default)]
    pub planned_takeover_on: Option<NaiveDate>,
    #[serde(default)]
    pub note: Option<String>,
    /// The key of this tenancy in another system (for imports); unique, at most 100 characters.
    #[serde(default)]
    pub external_id: Option<String>,
}

/// A tenancy to start, checked for its fields (see [`start_tenancy`] for the rest).
pub struct NewTenancy {
    pub apartment_id: String,
    pub move_in_on: NaiveDate,
    pub planned_takeover_on: Option<NaiveDate>,
    pub note: Option<String>,
    pub external_id: Option<String>,
}

impl TenancyInput {
    /// The participant and the tenancy, or every field error at once.
    pub fn validate(self) -> ApiResult<(String, NewTenancy)> {
        let mut errors = Vec::new();
        let note = text(&mut errors, "note", self.note, 2000);
        let external_id = text(&mut errors, "external_id", self.external_id, 100);
        match self
            .planned_takeover_on
            .or_else(|| rules::default_planned_takeover(self.move_in_on))
        {
            Some(planned) => errors.extend(
                rules::check_tenancy_dates(self.move_in_on, planned, None, None)
                    .iter()
                    .map(|p| FieldError::new(p.field, p.message)),
            ),
            None => errors.push(FieldError::new("move_in_on", "is out of range")),
        }
        done(errors)?;
        Ok((
            self.participant_id.to_string(),
            NewTenancy {
                apartment_id: self.apartment_id.to_string(),
                move_in_on: self.move_in_on,
                planned_takeover_on: self.planned_takeover_on,
                note,
                external_id,
            },
        ))
    }
}

/// What a caller may change on a tenancy: the planned takeover (moves the takeover follow-up) and the note.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"version": 1, "planned_takeover_on": "2013-10-01", "note": "Förlängd prövotid"}))]
pub struct TenancyUpdate {
    pub planned_takeover_on: NaiveDate,
    #[serde(default)]
    pub note: Option<String>,
    #[serde(default)]
    pub version: Option<i32>,
}

/// Ending a tenancy.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"version": 1, "moved_out_on": "2012-09-30", "reason": "relapse", "housing_situation_after": "institution"}))]
pub struct MoveOut {
    pub moved_out_on: NaiveDate,
    /// `took_over_lease` is recorded with POST …/take-over instead.
    pub reason: MoveOutReason,
    /// Where the person lives afterwards (written to the ladder history); default unknown.
    #[serde(default)]
    pub housing_situation_after: Option<HousingSituation>,
    #[serde(default)]
    pub version: Option<i32>,
}

/// The participant takes over the lease: the tenancy ends that day, the apartment leaves the
/// inventory (returned), and the participant reaches own lease.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"version": 1, "taken_over_on": "2013-08-01"}))]
pub struct TakeOver {
    pub taken_over_on: NaiveDate,
    #[serde(default)]
    pub version: Option<i32>,
}

/// Starts a tenancy inside the caller's transaction: locks, checks both no-overlap rules (409
/// with the conflicting tenancy as `existing_id`), writes the tenancy, the apartment status, the
/// ladder change and the three follow-ups; the caller audits it ([`started`]).
pub(crate) fn start_tenancy(
    store: &mut dyn Store,
    user: &CurrentUser,
    participant: &ParticipantRow,
    new: NewTenancy,
    today: NaiveDate,
) -> ApiResult<TenancyRow> {
    let NewTenancy {
        apartment_id,
        move_in_on,
        planned_takeover_on,
        note,
        external_id,
    } = new;
    let apartment_id = apartment_id.as_str();
    let planned = match planned_takeover_on.or_else(|| rules::default_planned_takeover(move_in_on))
    {
        Some(p) => p,
        None => return Err(ApiError::field("move_in_on", "is out of range")),
    };
    let problems = rules::check_tenancy_dates(move_in_on, planned, None, None);
    done(
        problems
            .iter()
            .map(|p| FieldError::new(p.field, p.message))
            .collect(),
    )?;
    let apartment = store
        .get_apartment(apartment_id)?
        .ok_or_else(|| ApiError::field("apartment_id", "no such apartment"))?;
    crate::auth::policy::write_housing_inventory(user, &apartment.unit_id)?;
    store.lock_for_tenancy(apartment_id, &participant.id)?;
    let status: ApartmentStatus = code(&apartment.status, "apartments.status")?;
    if !matches!(
        status,
        ApartmentStatus::Available | ApartmentStatus::Reserved | ApartmentStatus::Occupied
    ) {
        return Err(ApiError::conflict(format!(
            "the apartment is {status} and cannot be let"
        )));
    }
    let new = Stay {
        from: move_in_on,
        to: None,
    };
    for (others, what) in [
        (
            store.tenancies_of_apartment(apartment_id)?,
            "the apartment is let to someone else at that time",
        ),
        (
            store.tenancies_of_participant(&participant.id)?,
            "the participant lives in another apartment at that time",
        ),
    ] {
        let stays: Vec<Stay> = others
            .iter()
            .map(|t| Stay {
                from: t.move_in_on,
                to: t.moved_out_on,
            })
            .collect();
        if let Some(i) = rules::find_overlap(&stays, &new) {
            return Err(ApiError::Duplicate {
                detail: what.into(),
                existing_id: others[i].id.clone(),
            });
        }
    }
    let now = time::now();
    let row = TenancyRow {
        id: time::new_id(),
        apartment_id: apartment_id.to_owned(),
        participant_id: participant.id.clone(),
        move_in_on,
        planned_takeover_on: planned,
        moved_out_on: None,
        move_out_reason: None,
        taken_over_on: None,
        note,
        created_at: now,
        updated_at: now,
        version: 1,
        external_id,
    };
    store.insert_tenancy(&row)?;
    let next = if move_in_on <= today {
        ApartmentStatus::Occupied
    } else {
        ApartmentStatus::Reserved
    };
    store.set_apartment_status(apartment_id, next.as_str(), now)?;
    let kind: domain::housing::ApartmentKind = code(&apartment.kind, "apartments.kind")?;
    record_stage(
        store,
        user,
        &participant.id,
        kind.housing_situation(),
        move_in_on,
        Some(&row.id),
        None,
        today,
    )?;
    let follow_ups: Vec<FollowUpRow> = rules::follow_up_schedule(move_in_on, planned, None)
        .into_iter()
        .map(|(kind, due)| FollowUpRow {
            id: time::new_id(),
            tenancy_id: row.id.clone(),
            participant_id: participant.id.clone(),
            kind: kind.as_str().to_owned(),
            due_on: due,
            done_on: None,
            housing_cost: None,
            income_source: None,
            debts: None,
            support: None,
            occupation: None,
            note: None,
            created_at: now,
            updated_at: now,
            version: 1,
        })
        .collect();
    store.insert_follow_ups(&follow_ups)?;
    Ok(row)
}

/// The audit entry of a started tenancy (the caller writes it: an import batches them).
pub(crate) fn started(user: &CurrentUser, row: &TenancyRow) -> crate::store::audit::AuditRow {
    audit::housing(
        user,
        Action::Create,
        "tenancy",
        &row.id,
        &row.participant_id,
        Outcome::Success,
    )
}

fn created(row: TenancyRow) -> ApiResult<HttpResponse> {
    Ok(HttpResponse::Created()
        .insert_header((header::LOCATION, format!("/api/v1/tenancies/{}", row.id)))
        .insert_header(etag(row.version))
        .json(TenancyView::try_from(row)?))
}

/// Start a tenancy (housing coordinators and managers). One apartment cannot hold two
/// overlapping tenancies and a participant cannot live in two places at once: 409 with the
/// conflicting tenancy's id in `existing_id`. Schedules the follow-ups (before move-in, 6 months,
/// takeover) and writes the ladder history.
#[utoipa::path(tag = "housing", request_body = TenancyInput,
    responses((status = 201, body = TenancyView, headers(("Location" = String, description = "URL of the tenancy"))),
        (status = 409, description = "Overlaps another tenancy of the apartment or the participant",
            body = crate::error::Problem, content_type = "application/problem+json",
            example = json!({"type": "https://stegvis.se/problems/conflict", "title": "Conflict", "status": 409,
                "detail": "the apartment is let to someone else at that time", "existing_id": "01936f4e-9a00-7b3c-8d2e-0a1b2c3d4e62"}))),
    security(("bearer" = [])))]
#[post("")]
async fn create_tenancy(
    state: web::Data<AppState>,
    user: CurrentUser,
    ApiJson(input): ApiJson<TenancyInput>,
) -> ApiResult<HttpResponse> {
    let (pid, new) = input.validate()?;
    let today = state.today();
    let row = state
        .db
        .tx(move |store| {
            let p = match authorised(store, &user, &pid, HousingAction::Manage, "tenancy", today)? {
                Ok(p) => p,
                Err(denied) => return Ok(Err(denied)),
            };
            let row = start_tenancy(store, &user, &p, new, today)?;
            store.insert_audit(&[started(&user, &row)])?;
            Ok(Ok(row))
        })
        .await??;
    created(row)
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct TenancyQuery {
    /// The participant's tenancies (one of `participant_id`, `apartment_id` is required).
    participant_id: Option<uuid::Uuid>,
    /// The apartment's tenancies; only residents you may see are listed.
    apartment_id: Option<uuid::Uuid>,
}

/// Tenancies of a participant or an apartment, newest first (audited).
#[utoipa::path(tag = "housing", params(TenancyQuery), responses((status = 200, body = TenancyList)), security(("bearer" = [])))]
#[get("")]
async fn list_tenancies(
    state: web::Data<AppState>,
    user: CurrentUser,
    ApiQuery(q): ApiQuery<TenancyQuery>,
) -> ApiResult<HttpResponse> {
    let today = state.today();
    let rows = state
        .db
        .tx(move |store| {
            let rows = match (q.participant_id, q.apartment_id) {
                (Some(pid), None) => {
                    let pid = pid.to_string();
                    if let Err(denied) =
                        authorised(store, &user, &pid, HousingAction::Read, "tenancy", today)?
                    {
                        return Ok(Err(denied));
                    }
                    store.tenancies_of_participant(&pid)?
                }
                (None, Some(aid)) => {
                    let a = store
                        .get_apartment(&aid.to_string())?
                        .ok_or_else(|| ApiError::not_found("apartment"))?;
                    crate::auth::policy::read_housing_unit(&user, &a.unit_id)?;
                    let all = store.tenancies_of_apartment(&a.id)?;
                    let ids: Vec<String> = all.iter().map(|t| t.participant_id.clone()).collect();
                    let people = store.participants_by_ids(&ids)?;
                    let assigned = store.assigned_among(&ids, &user.staff_id, today)?;
                    all.into_iter()
                        .filter(|t| {
                            people.iter().any(|p| {
                                p.id == t.participant_id
                                    && crate::auth::policy::sees_identity(
                                        &user,
                                        p,
                                        assigned.contains(&p.id),
                                    )
                            })
                        })
                        .collect()
                }
                _ => {
                    return Err(ApiError::field(
                        "participant_id",
                        "give exactly one of participant_id and apartment_id",
                    ));
                }
            };
            let entries: Vec<_> = rows
                .iter()
                .map(|t| {
                    audit::housing(
                        &user,
                        Action::List,
                        "tenancy",
                        &t.id,
                        &t.participant_id,
                        Outcome::Success,
                    )
                })
                .collect();
            store.insert_audit(&entries)?;
            Ok(Ok(rows))
        })
        .await??;
    let items: Vec<TenancyView> = rows
        .into_iter()
        .map(TenancyView::try_from)
        .collect::<ApiResult<_>>()?;
    let total = items.len() as i64;
    Ok(HttpResponse::Ok().json(TenancyList {
        items,
        total,
        limit: total,
        offset: 0,
    }))
}

/// Loads a tenancy and authorises `action` through its participant.
fn load(
    store: &mut dyn Store,
    user: &CurrentUser,
    id: &str,
    action: HousingAction,
    today: NaiveDate,
) -> ApiResult<Result<(TenancyRow, ParticipantRow), ApiError>> {
    let t = store
        .get_tenancy(id)?
        .ok_or_else(|| ApiError::not_found("tenancy"))?;
    Ok(authorised(store, user, &t.participant_id, action, "tenancy", today)?.map(|p| (t, p)))
}

/// One tenancy (audited).
#[utoipa::path(tag = "housing", params(("id" = uuid::Uuid, Path, description = "Tenancy id")),
    responses((status = 200, body = TenancyView), (status = 404, body = crate::error::Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
#[get("/{id}")]
async fn get_tenancy(
    state: web::Data<AppState>,
    user: CurrentUser,
    id: web::Path<uuid::Uuid>,
) -> ApiResult<HttpResponse> {
    let today = state.today();
    let id = id.into_inner().to_string();
    let row = state
        .db
        .tx(move |store| {
            let (t, p) = match load(store, &user, &id, HousingAction::Read, today)? {
                Ok(x) => x,
                Err(denied) => return Ok(Err(denied)),
            };
            store.insert_audit(&[audit::housing(
                &user,
                Action::Read,
                "tenancy",
                &t.id,
                &p.id,
                Outcome::Success,
            )])?;
            Ok(Ok(t))
        })
        .await??;
    Ok(HttpResponse::Ok()
        .insert_header(etag(row.version))
        .json(TenancyView::try_from(row)?))
}

/// Change the planned takeover or the note. The takeover follow-up moves with the planned date
/// unless it is done or the lease was already taken over.
#[utoipa::path(tag = "housing", params(("id" = uuid::Uuid, Path, description = "Tenancy id")), request_body = TenancyUpdate,
    responses((status = 200, body = TenancyView), (status = 409, body = crate::error::Problem, content_type = "application/problem+json"), (status = 412, body = crate::error::Problem, content_type = "application/problem+json"),
        (status = 428, body = crate::error::Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
#[put("/{id}")]
async fn update_tenancy(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: CurrentUser,
    id: web::Path<uuid::Uuid>,
    ApiJson(body): ApiJson<serde_json::Value>,
) -> ApiResult<HttpResponse> {
    let (input, body_version): (TenancyUpdate, _) = parse_versioned(body)?;
    let version = expected_version(&req, body_version.or(input.version))?;
    let mut errors = Vec::new();
    let note = text(&mut errors, "note", input.note, 2000);
    done(errors)?;
    let today = state.today();
    let id = id.into_inner().to_string();
    let row = state
        .db
        .tx(move |store| {
            let (t, p) = match load(store, &user, &id, HousingAction::Manage, today)? {
                Ok(x) => x,
                Err(denied) => return Ok(Err(denied)),
            };
            let row = replan(store, &t, version, input.planned_takeover_on, note)?;
            store.insert_audit(&[audit::housing(
                &user,
                Action::Update,
                "tenancy",
                &id,
                &p.id,
                Outcome::Success,
            )])?;
            Ok(Ok(row))
        })
        .await??;
    Ok(HttpResponse::Ok()
        .insert_header(etag(row.version))
        .json(TenancyView::try_from(row)?))
}

/// Moves the planned takeover (and its follow-up, unless the lease was taken over) and sets the
/// note: what `PUT /tenancies/{id}` and an import's upsert change. The caller audits it.
pub(crate) fn replan(
    store: &mut dyn Store,
    t: &TenancyRow,
    version: i32,
    planned_takeover_on: NaiveDate,
    note: Option<String>,
) -> ApiResult<TenancyRow> {
    let problems = rules::check_tenancy_dates(
        t.move_in_on,
        planned_takeover_on,
        t.moved_out_on,
        t.taken_over_on,
    );
    done(
        problems
            .iter()
            .map(|p| FieldError::new(p.field, p.message))
            .collect(),
    )?;
    if t.version != version {
        return Err(ApiError::Stale {
            current_version: t.version,
        });
    }
    let mut changes = TenancyChanges::from(t);
    changes.planned_takeover_on = planned_takeover_on;
    changes.note = note;
    let now = time::now();
    let row = store.update_tenancy(&t.id, version, &changes, now)?;
    if row.taken_over_on.is_none() {
        store.reschedule_follow_up(
            &t.id,
            FollowUpKind::Takeover.as_str(),
            row.planned_takeover_on,
            now,
        )?;
    }
    Ok(row)
}

/// Shared by move-out and takeover: checks and writes the end of a tenancy.
#[allow(clippy::too_many_arguments)]
fn end_tenancy(
    store: &mut dyn Store,
    user: &CurrentUser,
    id: &str,
    version: i32,
    end: NaiveDate,
    reason: MoveOutReason,
    after: HousingSituation,
    today: NaiveDate,
) -> ApiResult<Result<TenancyRow, ApiError>> {
    let (t, p) = match load(store, user, id, HousingAction::Manage, today)? {
        Ok(x) => x,
        Err(denied) => return Ok(Err(denied)),
    };
    let taken = (reason == MoveOutReason::TookOverLease).then_some(end);
    let problems = rules::check_tenancy_dates(
        t.move_in_on,
        t.planned_takeover_on
            .max(t.move_in_on.succ_opt().unwrap_or(t.move_in_on)),
        Some(end),
        taken,
    );
    let field = if taken.is_some() {
        "taken_over_on"
    } else {
        "moved_out_on"
    };
    let mut errors: Vec<FieldError> = problems
        .iter()
        .filter(|p| p.field != "planned_takeover_on")
        .map(|p| FieldError::new(field, p.message))
        .collect();
    errors.dedup();
    done(errors)?;
    if t.moved_out_on.is_some() {
        return Err(ApiError::conflict("the tenancy has already ended"));
    }
    if t.version != version {
        return Err(ApiError::Stale {
            current_version: t.version,
        });
    }
    let mut changes = TenancyChanges::from(&t);
    changes.moved_out_on = Some(end);
    changes.move_out_reason = Some(reason.as_str().to_owned());
    changes.taken_over_on = taken;
    let now = time::now();
    let row = store.update_tenancy(id, version, &changes, now)?;
    let apartment_status = if taken.is_some() {
        Some(ApartmentStatus::Returned)
    } else if end <= today {
        Some(ApartmentStatus::Available)
    } else {
        None
    };
    if let Some(s) = apartment_status {
        store.set_apartment_status(&t.apartment_id, s.as_str(), now)?;
    }
    if let Some(d) = taken {
        store.reschedule_follow_up(id, FollowUpKind::Takeover.as_str(), d, now)?;
    }
    record_stage(store, user, &p.id, after, end, Some(id), None, today)?;
    store.insert_audit(&[audit::housing(
        user,
        Action::Close,
        "tenancy",
        id,
        &p.id,
        Outcome::Success,
    )])?;
    Ok(Ok(row))
}

/// End a tenancy (moved on, evicted, relapse, other). Move-out before move-in is 422; a tenancy
/// that already ended is 409. The ladder history gets the situation after.
#[utoipa::path(tag = "housing", params(("id" = uuid::Uuid, Path, description = "Tenancy id")), request_body = MoveOut,
    responses((status = 200, body = TenancyView),
        (status = 409, description = "Already ended", body = crate::error::Problem, content_type = "application/problem+json"),
        (status = 412, body = crate::error::Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
#[post("/{id}/move-out")]
async fn move_out_tenancy(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: CurrentUser,
    id: web::Path<uuid::Uuid>,
    ApiJson(body): ApiJson<MoveOut>,
) -> ApiResult<HttpResponse> {
    let version = expected_version(&req, body.version)?;
    if body.reason == MoveOutReason::TookOverLease {
        return Err(ApiError::field(
            "reason",
            "record a lease takeover with POST /tenancies/{id}/take-over",
        ));
    }
    let today = state.today();
    let id = id.into_inner().to_string();
    let after = body
        .housing_situation_after
        .unwrap_or(body.reason.default_situation_after());
    let row = state
        .db
        .tx(move |store| {
            end_tenancy(
                store,
                &user,
                &id,
                version,
                body.moved_out_on,
                body.reason,
                after,
                today,
            )
        })
        .await??;
    Ok(HttpResponse::Ok()
        .insert_header(etag(row.version))
        .json(TenancyView::try_from(row)?))
}

/// The participant takes over the lease: the tenancy ends, the apartment is returned to the
/// landlord's ordinary stock, the ladder reaches own lease and the takeover follow-up is due that
/// day. A takeover date before move-in is 422.
#[utoipa::path(tag = "housing", params(("id" = uuid::Uuid, Path, description = "Tenancy id")), request_body = TakeOver,
    responses((status = 200, body = TenancyView),
        (status = 409, description = "Already ended", body = crate::error::Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
#[post("/{id}/take-over")]
async fn take_over_lease(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: CurrentUser,
    id: web::Path<uuid::Uuid>,
    ApiJson(body): ApiJson<TakeOver>,
) -> ApiResult<HttpResponse> {
    let version = expected_version(&req, body.version)?;
    let today = state.today();
    let id = id.into_inner().to_string();
    let row = state
        .db
        .tx(move |store| {
            end_tenancy(
                store,
                &user,
                &id,
                version,
                body.taken_over_on,
                MoveOutReason::TookOverLease,
                HousingSituation::OwnLease,
                today,
            )
        })
        .await??;
    Ok(HttpResponse::Ok()
        .insert_header(etag(row.version))
        .json(TenancyView::try_from(row)?))
}
