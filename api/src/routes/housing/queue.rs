//! `/queue-entries` and `/queue-draws`: the queue for training and trial apartments, its steps
//! (notify, move in, remove) and the reproducible random draw of a cohort.

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, get, post, put, web};
use chrono::NaiveDate;
use domain::queue::{self as rules, QueueAction, QueueStatus, QueueWish, RemovalReason};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_actix_web::service_config::ServiceConfig;

use super::view::QueueEntryView;
use super::{authorised, done, text};
use crate::app::AppState;
use crate::audit::{self, Action, Outcome};
use crate::auth::CurrentUser;
use crate::auth::policy::{self, HousingAction};
use crate::error::{ApiError, ApiResult, FieldError};
use crate::extract::{ApiJson, ApiQuery, parse_versioned};
use crate::routes::{etag, expected_version, list_envelope, paging, utc};
use crate::store::Store;
use crate::store::housing::{
    DrawMemberRow, DrawRow, QueueEntryChanges, QueueEntryRow, QueueFilter,
};
use crate::store::participants::ParticipantRow;
use crate::store::time;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(
        utoipa_actix_web::scope("/queue-entries")
            .service(queue_summary)
            .service(list_queue_entries)
            .service(create_queue_entry)
            .service(get_queue_entry)
            .service(update_queue_entry)
            .service(notify_queue_entry)
            .service(move_in_queue_entry)
            .service(remove_queue_entry),
    )
    .service(
        utoipa_actix_web::scope("/queue-draws")
            .service(create_queue_draw)
            .service(get_queue_draw),
    );
}

list_envelope!(QueueEntryList, QueueEntryView);

/// Putting a participant in the queue (or editing the entry: send `version` too).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"participant_id": "01936f4e-9a00-7b3c-8d2e-0a1b2c3d4e5f", "wish": "trial_apartment",
    "joined_on": "2008-10-31", "priority": 2, "ready": false, "not_ready_reason": "Behöver stabilisera sitt drogfria liv"}))]
pub struct QueueEntryInput {
    pub participant_id: uuid::Uuid,
    pub wish: QueueWish,
    /// Default today; not in the future.
    #[serde(default)]
    pub joined_on: Option<NaiveDate>,
    /// 1 (highest) to 3 (lowest); default 2.
    #[serde(default)]
    pub priority: Option<i32>,
    /// Default true.
    #[serde(default)]
    pub ready: Option<bool>,
    /// Required when not ready.
    #[serde(default)]
    pub not_ready_reason: Option<String>,
    #[serde(default)]
    pub note: Option<String>,
    /// The key of this entry in another system (for imports); unique, at most 100 characters.
    /// Set when the entry is created; it cannot change afterwards.
    #[serde(default)]
    pub external_id: Option<String>,
}

/// A checked [`QueueEntryInput`].
#[derive(Debug, Clone, PartialEq)]
pub struct ValidEntry {
    pub participant_id: String,
    pub wish: QueueWish,
    pub joined_on: NaiveDate,
    pub priority: i32,
    pub ready: bool,
    pub not_ready_reason: Option<String>,
    pub note: Option<String>,
    pub external_id: Option<String>,
}

impl ValidEntry {
    /// The changes that bring `e` in line with this entry (an edit: the lifecycle stays).
    pub fn changes_to(&self, e: &QueueEntryRow) -> ApiResult<QueueEntryChanges> {
        if self.participant_id != e.participant_id {
            return Err(ApiError::field(
                "participant_id",
                "an entry cannot move to another participant",
            ));
        }
        if self.external_id.is_some() && self.external_id != e.external_id {
            return Err(ApiError::field(
                "external_id",
                "is set when the entry is created and cannot change",
            ));
        }
        let mut c = QueueEntryChanges::from(e);
        c.wish = self.wish.as_str().to_owned();
        c.joined_on = self.joined_on;
        c.priority = self.priority;
        c.ready = self.ready;
        c.not_ready_reason = self.not_ready_reason.clone();
        c.note = self.note.clone();
        Ok(c)
    }
}

/// Puts `p` in the queue of their unit (the caller has checked the policy): 409 with
/// `existing_id` when they are already waiting or notified. The caller audits it.
pub(crate) fn enqueue(
    store: &mut dyn Store,
    p: &ParticipantRow,
    v: ValidEntry,
) -> ApiResult<QueueEntryRow> {
    if let Some(existing) = store.active_queue_entry(&p.id)? {
        return Err(ApiError::Duplicate {
            detail: "the participant is already in the queue".into(),
            existing_id: existing,
        });
    }
    let now = time::now();
    let row = QueueEntryRow {
        id: time::new_id(),
        participant_id: p.id.clone(),
        unit_id: p.unit_id.clone(),
        wish: v.wish.as_str().to_owned(),
        joined_on: v.joined_on,
        priority: v.priority,
        ready: v.ready,
        not_ready_reason: v.not_ready_reason,
        status: QueueStatus::Waiting.as_str().to_owned(),
        notified_on: None,
        moved_in_on: None,
        removed_on: None,
        removal_reason: None,
        removal_note: None,
        tenancy_id: None,
        note: v.note,
        created_at: now,
        updated_at: now,
        version: 1,
        external_id: v.external_id,
    };
    store.insert_queue_entry(&row)?;
    Ok(row)
}

impl QueueEntryInput {
    pub fn validate(self, today: NaiveDate) -> ApiResult<ValidEntry> {
        let mut errors = Vec::new();
        let joined_on = self.joined_on.unwrap_or(today);
        if joined_on > today {
            errors.push(FieldError::new("joined_on", "must not be in the future"));
        }
        let priority = self.priority.unwrap_or(2);
        if !rules::PRIORITIES.contains(&priority) {
            errors.push(FieldError::new("priority", "must be 1, 2 or 3"));
        }
        let ready = self.ready.unwrap_or(true);
        let reason = text(&mut errors, "not_ready_reason", self.not_ready_reason, 500);
        if !ready && reason.is_none() {
            errors.push(FieldError::new(
                "not_ready_reason",
                "is required when the person is not ready",
            ));
        }
        let note = text(&mut errors, "note", self.note, 2000);
        let external_id = text(&mut errors, "external_id", self.external_id, 100);
        done(errors)?;
        Ok(ValidEntry {
            external_id,
            participant_id: self.participant_id.to_string(),
            wish: self.wish,
            joined_on,
            priority,
            ready,
            not_ready_reason: if ready { None } else { reason },
            note,
        })
    }
}

/// Positions of all waiting entries in these units.
fn positions(store: &mut dyn Store, units: &[String]) -> ApiResult<Vec<(String, i64)>> {
    let waiting = store.waiting_entries(units)?;
    let mut out = Vec::new();
    for unit in units {
        let entries: Vec<rules::QueuedEntry> = waiting
            .iter()
            .filter(|e| &e.unit_id == unit)
            .map(|e| rules::QueuedEntry {
                id: e.id.clone(),
                priority: e.priority,
                joined_on: e.joined_on,
            })
            .collect();
        out.extend(
            rules::queue_order(&entries)
                .into_iter()
                .map(|(id, p)| (id, p as i64)),
        );
    }
    Ok(out)
}

fn views(
    store: &mut dyn Store,
    rows: Vec<QueueEntryRow>,
    today: NaiveDate,
) -> ApiResult<Vec<QueueEntryView>> {
    let mut units: Vec<String> = rows.iter().map(|r| r.unit_id.clone()).collect();
    units.sort();
    units.dedup();
    let pos = positions(store, &units)?;
    let ids: Vec<String> = rows.iter().map(|r| r.participant_id.clone()).collect();
    let risks = store.risk_events_of(&ids)?;
    let completed = super::course::completed_course(store, &ids)?;
    rows.into_iter()
        .map(|r| {
            let p = pos.iter().find(|(id, _)| *id == r.id).map(|(_, p)| *p);
            let events: Vec<_> = risks
                .iter()
                .filter(|e| e.participant_id == r.participant_id)
                .map(|e| (e.occurred_on, e.resolved_on))
                .collect();
            let course = completed.contains(&r.participant_id);
            QueueEntryView::build(
                r,
                p,
                today,
                domain::housing::has_recent_risk(&events, today),
            )
            .map(|v| QueueEntryView {
                housing_course_completed: course,
                ..v
            })
        })
        .collect()
}

fn one_view(
    store: &mut dyn Store,
    row: QueueEntryRow,
    today: NaiveDate,
) -> ApiResult<QueueEntryView> {
    views(store, vec![row], today)?
        .pop()
        .ok_or_else(|| ApiError::Internal("queue view".into()))
}

/// Put a participant in the queue (housing coordinators, managers, and caseworkers for
/// participants they are assigned to). Someone already waiting or notified: 409 with `existing_id`.
#[utoipa::path(tag = "housing queue", request_body = QueueEntryInput,
    responses((status = 201, body = QueueEntryView, headers(("Location" = String, description = "URL of the entry"))),
        (status = 409, description = "Already in the queue", body = crate::error::Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
#[post("")]
async fn create_queue_entry(
    state: web::Data<AppState>,
    user: CurrentUser,
    ApiJson(input): ApiJson<QueueEntryInput>,
) -> ApiResult<HttpResponse> {
    let today = state.today();
    let v = input.validate(today)?;
    let view = state
        .db
        .tx(move |store| {
            let p = match authorised(
                store,
                &user,
                &v.participant_id,
                HousingAction::JoinQueue,
                "queue_entry",
                today,
            )? {
                Ok(p) => p,
                Err(denied) => return Ok(Err(denied)),
            };
            let row = enqueue(store, &p, v)?;
            store.insert_audit(&[audit::housing(
                &user,
                Action::Create,
                "queue_entry",
                &row.id,
                &p.id,
                Outcome::Success,
            )])?;
            Ok(Ok(one_view(store, row, today)?))
        })
        .await??;
    Ok(HttpResponse::Created()
        .insert_header((
            header::LOCATION,
            format!("/api/v1/queue-entries/{}", view.id),
        ))
        .insert_header(etag(view.version))
        .json(view))
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct QueueQuery {
    /// Page size, 1–500 (default 50).
    limit: Option<i64>,
    /// Records to skip (default 0).
    offset: Option<i64>,
    unit_id: Option<uuid::Uuid>,
    status: Option<QueueStatus>,
    wish: Option<QueueWish>,
    participant_id: Option<uuid::Uuid>,
}

/// The queue, in queue order (priority, join date). Entries of protected identities you may not
/// see are left out, but still count for the positions of the others. Audited per entry.
#[utoipa::path(tag = "housing queue", params(QueueQuery), responses((status = 200, body = QueueEntryList)), security(("bearer" = [])))]
#[get("")]
async fn list_queue_entries(
    state: web::Data<AppState>,
    user: CurrentUser,
    ApiQuery(q): ApiQuery<QueueQuery>,
) -> ApiResult<HttpResponse> {
    let today = state.today();
    let scope = policy::participant_scope(&user, today)?;
    let (limit, offset) = paging(q.limit, q.offset)?;
    let filter = QueueFilter {
        scope,
        unit_id: q.unit_id.map(|u| u.to_string()),
        status: q.status.map(|s| s.as_str().to_owned()),
        wish: q.wish.map(|w| w.as_str().to_owned()),
        participant_id: q.participant_id.map(|p| p.to_string()),
        limit,
        offset,
    };
    let (items, total) = state
        .db
        .tx(move |store| {
            let (rows, total) = store.list_queue_entries(&filter)?;
            let entries: Vec<_> = rows
                .iter()
                .map(|r| {
                    audit::housing(
                        &user,
                        Action::List,
                        "queue_entry",
                        &r.id,
                        &r.participant_id,
                        Outcome::Success,
                    )
                })
                .collect();
            store.insert_audit(&entries)?;
            Ok((views(store, rows, today)?, total))
        })
        .await?;
    Ok(HttpResponse::Ok().json(QueueEntryList {
        items,
        total,
        limit,
        offset,
    }))
}

/// The queue of a unit in figures.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({"unit_id": "01936f4e-8b1c-7d2a-9c3e-1f2a3b4c5d6e", "waiting": 112, "waiting_ready": 80, "notified": 4,
    "longest_waiting_since": "2008-10-31", "longest_waiting_days": 1491}))]
pub struct QueueSummary {
    pub unit_id: String,
    pub waiting: i64,
    pub waiting_ready: i64,
    pub notified: i64,
    /// Join date of whoever has waited longest ("the longest has stood in the queue since …").
    pub longest_waiting_since: Option<NaiveDate>,
    pub longest_waiting_days: Option<i64>,
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct SummaryQuery {
    unit_id: uuid::Uuid,
}

/// Queue length and the longest wait of a unit ("longest waiting since"). Counts only: no
/// personal data.
#[utoipa::path(tag = "housing queue", params(SummaryQuery), responses((status = 200, body = QueueSummary)), security(("bearer" = [])))]
#[get("/summary")]
async fn queue_summary(
    state: web::Data<AppState>,
    user: CurrentUser,
    ApiQuery(q): ApiQuery<SummaryQuery>,
) -> ApiResult<HttpResponse> {
    let unit = q.unit_id.to_string();
    policy::read_housing_unit(&user, &unit)?;
    let today = state.today();
    let summary = state
        .db
        .read(move |store| {
            let units = vec![unit.clone()];
            let waiting = store.waiting_entries(&units)?;
            let (_, notified) = store.list_queue_entries(&QueueFilter {
                scope: crate::store::participants::ParticipantScope {
                    unit_ids: units.clone(),
                    protected_only_if_assigned_to: None,
                    today,
                },
                unit_id: Some(unit.clone()),
                status: Some(QueueStatus::Notified.as_str().to_owned()),
                wish: None,
                participant_id: None,
                limit: 1,
                offset: 0,
            })?;
            let longest = waiting.iter().map(|e| e.joined_on).min();
            Ok(QueueSummary {
                unit_id: unit,
                waiting: waiting.len() as i64,
                waiting_ready: waiting.iter().filter(|e| e.ready).count() as i64,
                notified,
                longest_waiting_since: longest,
                longest_waiting_days: longest.map(|d| rules::waiting_days(d, today)),
            })
        })
        .await?;
    Ok(HttpResponse::Ok().json(summary))
}

fn load(
    store: &mut dyn Store,
    user: &CurrentUser,
    id: &str,
    action: HousingAction,
    today: NaiveDate,
) -> ApiResult<Result<QueueEntryRow, ApiError>> {
    let e = store
        .get_queue_entry(id)?
        .ok_or_else(|| ApiError::not_found("queue entry"))?;
    Ok(authorised(store, user, &e.participant_id, action, "queue_entry", today)?.map(|_| e))
}

/// One queue entry with its position (audited).
#[utoipa::path(tag = "housing queue", params(("id" = uuid::Uuid, Path, description = "Queue entry id")),
    responses((status = 200, body = QueueEntryView), (status = 404, body = crate::error::Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
#[get("/{id}")]
async fn get_queue_entry(
    state: web::Data<AppState>,
    user: CurrentUser,
    id: web::Path<uuid::Uuid>,
) -> ApiResult<HttpResponse> {
    let today = state.today();
    let id = id.into_inner().to_string();
    let view = state
        .db
        .tx(move |store| {
            let e = match load(store, &user, &id, HousingAction::Read, today)? {
                Ok(e) => e,
                Err(denied) => return Ok(Err(denied)),
            };
            store.insert_audit(&[audit::housing(
                &user,
                Action::Read,
                "queue_entry",
                &e.id,
                &e.participant_id,
                Outcome::Success,
            )])?;
            Ok(Ok(one_view(store, e, today)?))
        })
        .await??;
    Ok(HttpResponse::Ok()
        .insert_header(etag(view.version))
        .json(view))
}

/// Change wish, join date, priority, readiness or note (housing coordinators and managers).
#[utoipa::path(tag = "housing queue", params(("id" = uuid::Uuid, Path, description = "Queue entry id")), request_body = QueueEntryInput,
    responses((status = 200, body = QueueEntryView), (status = 409, body = crate::error::Problem, content_type = "application/problem+json"), (status = 412, body = crate::error::Problem, content_type = "application/problem+json"),
        (status = 428, body = crate::error::Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
#[put("/{id}")]
async fn update_queue_entry(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: CurrentUser,
    id: web::Path<uuid::Uuid>,
    ApiJson(body): ApiJson<serde_json::Value>,
) -> ApiResult<HttpResponse> {
    let (input, body_version): (QueueEntryInput, _) = parse_versioned(body)?;
    let version = expected_version(&req, body_version)?;
    let today = state.today();
    let v = input.validate(today)?;
    let id = id.into_inner().to_string();
    let view = state
        .db
        .tx(move |store| {
            let e = match load(store, &user, &id, HousingAction::Manage, today)? {
                Ok(e) => e,
                Err(denied) => return Ok(Err(denied)),
            };
            let c = v.changes_to(&e)?;
            if e.version != version {
                return Err(ApiError::Stale {
                    current_version: e.version,
                });
            }
            Ok(Ok(save_entry(store, &user, &id, version, &c, today)?))
        })
        .await??;
    Ok(HttpResponse::Ok()
        .insert_header(etag(view.version))
        .json(view))
}

/// Notify of move-in (avisering).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"version": 1, "notified_on": "2012-03-01"}))]
pub struct NotifyQueueEntry {
    /// Default today.
    #[serde(default)]
    pub notified_on: Option<NaiveDate>,
    #[serde(default)]
    pub version: Option<i32>,
}

/// Move in from the queue: starts the tenancy too.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"version": 2, "apartment_id": "01936f4e-9a00-7b3c-8d2e-0a1b2c3d4e61", "move_in_on": "2012-04-01"}))]
pub struct MoveInQueueEntry {
    pub apartment_id: uuid::Uuid,
    pub move_in_on: NaiveDate,
    /// Default move-in + 18 months.
    #[serde(default)]
    pub planned_takeover_on: Option<NaiveDate>,
    #[serde(default)]
    pub version: Option<i32>,
}

/// Remove from the queue with a reason.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"version": 1, "reason": "own_solution", "removed_on": "2012-05-01"}))]
pub struct RemoveQueueEntry {
    pub reason: RemovalReason,
    /// Default today.
    #[serde(default)]
    pub removed_on: Option<NaiveDate>,
    #[serde(default)]
    pub note: Option<String>,
    #[serde(default)]
    pub version: Option<i32>,
}

/// Loads, authorises, checks the transition and the version.
/// Writes a queue entry's changes (412 if `version` is stale), audits the update and returns the
/// entry as the API shows it: the common end of every queue-entry change.
fn save_entry(
    store: &mut dyn Store,
    user: &CurrentUser,
    id: &str,
    version: i32,
    changes: &QueueEntryChanges,
    today: NaiveDate,
) -> ApiResult<QueueEntryView> {
    let row = store.update_queue_entry(id, version, changes, time::now())?;
    store.insert_audit(&[audit::housing(
        user,
        Action::Update,
        "queue_entry",
        id,
        &row.participant_id,
        Outcome::Success,
    )])?;
    one_view(store, row, today)
}

fn transition(
    store: &mut dyn Store,
    user: &CurrentUser,
    id: &str,
    version: i32,
    action: QueueAction,
    today: NaiveDate,
) -> ApiResult<Result<(QueueEntryRow, QueueEntryChanges, QueueStatus), ApiError>> {
    let e = match load(store, user, id, HousingAction::Manage, today)? {
        Ok(e) => e,
        Err(denied) => return Ok(Err(denied)),
    };
    let from: QueueStatus = super::code(&e.status, "queue_entries.status")?;
    let to = rules::transition(from, action).map_err(|err| ApiError::conflict(err.to_string()))?;
    if e.version != version {
        return Err(ApiError::Stale {
            current_version: e.version,
        });
    }
    let mut c = QueueEntryChanges::from(&e);
    c.status = to.as_str().to_owned();
    Ok(Ok((e, c, to)))
}

fn date_not_before(field: &str, date: NaiveDate, joined: NaiveDate) -> ApiResult<()> {
    if date < joined {
        Err(ApiError::field(
            field,
            "must not be before the date the person joined the queue",
        ))
    } else {
        Ok(())
    }
}

/// Notify of move-in: waiting → notified. Any other status: 409.
#[utoipa::path(tag = "housing queue", params(("id" = uuid::Uuid, Path, description = "Queue entry id")), request_body = NotifyQueueEntry,
    responses((status = 200, body = QueueEntryView),
        (status = 409, description = "Not waiting", body = crate::error::Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
#[post("/{id}/notify")]
async fn notify_queue_entry(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: CurrentUser,
    id: web::Path<uuid::Uuid>,
    ApiJson(body): ApiJson<NotifyQueueEntry>,
) -> ApiResult<HttpResponse> {
    let version = expected_version(&req, body.version)?;
    let today = state.today();
    let on = body.notified_on.unwrap_or(today);
    let id = id.into_inner().to_string();
    let view = state
        .db
        .tx(move |store| {
            let (e, mut c, _) =
                match transition(store, &user, &id, version, QueueAction::Notify, today)? {
                    Ok(x) => x,
                    Err(denied) => return Ok(Err(denied)),
                };
            date_not_before("notified_on", on, e.joined_on)?;
            c.notified_on = Some(on);
            Ok(Ok(save_entry(store, &user, &id, version, &c, today)?))
        })
        .await??;
    Ok(HttpResponse::Ok()
        .insert_header(etag(view.version))
        .json(view))
}

/// Move in: waiting or notified → moved in, and the tenancy starts (with the same no-overlap
/// rules and follow-ups as POST /tenancies).
#[utoipa::path(tag = "housing queue", params(("id" = uuid::Uuid, Path, description = "Queue entry id")), request_body = MoveInQueueEntry,
    responses((status = 200, body = QueueEntryView),
        (status = 409, description = "Not in the queue any more, or the tenancy would overlap", body = crate::error::Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
#[post("/{id}/move-in")]
async fn move_in_queue_entry(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: CurrentUser,
    id: web::Path<uuid::Uuid>,
    ApiJson(body): ApiJson<MoveInQueueEntry>,
) -> ApiResult<HttpResponse> {
    let version = expected_version(&req, body.version)?;
    let today = state.today();
    let id = id.into_inner().to_string();
    let view = state
        .db
        .tx(move |store| {
            let (e, mut c, _) =
                match transition(store, &user, &id, version, QueueAction::MoveIn, today)? {
                    Ok(x) => x,
                    Err(denied) => return Ok(Err(denied)),
                };
            date_not_before("move_in_on", body.move_in_on, e.joined_on)?;
            let p = store
                .get_participant(&e.participant_id)?
                .ok_or_else(|| ApiError::not_found("participant"))?;
            let new = super::tenancies::NewTenancy {
                apartment_id: body.apartment_id.to_string(),
                move_in_on: body.move_in_on,
                planned_takeover_on: body.planned_takeover_on,
                note: None,
                external_id: None,
            };
            let t = super::tenancies::start_tenancy(store, &user, &p, new, today)?;
            store.insert_audit(&[super::tenancies::started(&user, &t)])?;
            c.moved_in_on = Some(body.move_in_on);
            c.tenancy_id = Some(t.id);
            Ok(Ok(save_entry(store, &user, &id, version, &c, today)?))
        })
        .await??;
    Ok(HttpResponse::Ok()
        .insert_header(etag(view.version))
        .json(view))
}

/// Remove from the queue with a reason (got worse, chose not to, unpaid rent, own solution,
/// other). Only waiting or notified entries: otherwise 409.
#[utoipa::path(tag = "housing queue", params(("id" = uuid::Uuid, Path, description = "Queue entry id")), request_body = RemoveQueueEntry,
    responses((status = 200, body = QueueEntryView),
        (status = 409, description = "Not in the queue any more", body = crate::error::Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
#[post("/{id}/remove")]
async fn remove_queue_entry(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: CurrentUser,
    id: web::Path<uuid::Uuid>,
    ApiJson(body): ApiJson<RemoveQueueEntry>,
) -> ApiResult<HttpResponse> {
    let version = expected_version(&req, body.version)?;
    let mut errors = Vec::new();
    let note = text(&mut errors, "note", body.note, 2000);
    done(errors)?;
    let today = state.today();
    let on = body.removed_on.unwrap_or(today);
    let id = id.into_inner().to_string();
    let view = state
        .db
        .tx(move |store| {
            let (e, mut c, _) =
                match transition(store, &user, &id, version, QueueAction::Remove, today)? {
                    Ok(x) => x,
                    Err(denied) => return Ok(Err(denied)),
                };
            date_not_before("removed_on", on, e.joined_on)?;
            c.removed_on = Some(on);
            c.removal_reason = Some(body.reason.as_str().to_owned());
            c.removal_note = note;
            Ok(Ok(save_entry(store, &user, &id, version, &c, today)?))
        })
        .await??;
    Ok(HttpResponse::Ok()
        .insert_header(etag(view.version))
        .json(view))
}

/// A random draw from the waiting queue of a unit.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"unit_id": "01936f4e-8b1c-7d2a-9c3e-1f2a3b4c5d6e", "size": 50, "seed": 20120301}))]
pub struct DrawInput {
    pub unit_id: uuid::Uuid,
    /// How many to draw (at most as many as are waiting).
    pub size: i32,
    /// 0 – 2^53−1. Leave out to let the server choose one; it is recorded either way, and the same
    /// seed over the same waiting entries always draws the same people.
    #[serde(default)]
    pub seed: Option<u64>,
    /// Only entries waiting for this kind of apartment.
    #[serde(default)]
    pub wish: Option<QueueWish>,
    /// Only entries marked ready (default false: everyone waiting).
    #[serde(default)]
    pub only_ready: bool,
    #[serde(default)]
    pub note: Option<String>,
}

/// One person drawn. A protected identity you may not see is shown as "skyddad" without ids.
#[derive(Debug, Serialize, ToSchema)]
pub struct DrawMemberView {
    /// Null for a protected identity you may not see.
    pub queue_entry_id: Option<String>,
    /// Null for a protected identity you may not see.
    pub participant_id: Option<String>,
    /// "skyddad" for a protected identity you may not see, else null.
    pub shown_as: Option<String>,
    /// 1 for the first drawn.
    pub draw_order: i32,
}

/// A recorded draw: who drew, when, with which seed, and who was drawn.
#[derive(Debug, Serialize, ToSchema)]
pub struct DrawView {
    pub id: String,
    pub unit_id: String,
    pub seed: i64,
    pub size: i32,
    /// How many were waiting (and eligible) when drawn.
    pub eligible: i32,
    pub wish: Option<QueueWish>,
    pub drawn_by: String,
    pub drawn_at: chrono::DateTime<chrono::Utc>,
    pub note: Option<String>,
    pub members: Vec<DrawMemberView>,
}

/// Draw members the caller may not see by id, by participant id (they stay in the cohort and are
/// counted, but shown as "skyddad").
fn hidden_members(
    store: &mut dyn Store,
    user: &CurrentUser,
    members: &[DrawMemberRow],
    today: NaiveDate,
) -> ApiResult<Vec<String>> {
    let ids: Vec<String> = members.iter().map(|m| m.participant_id.clone()).collect();
    let people = store.participants_by_ids(&ids)?;
    let assigned = store.assigned_among(&ids, &user.staff_id, today)?;
    Ok(people
        .iter()
        .filter(|p| !policy::sees_identity(user, p, assigned.contains(&p.id)))
        .map(|p| p.id.clone())
        .collect())
}

fn draw_view(d: DrawRow, members: Vec<DrawMemberRow>, hidden: &[String]) -> ApiResult<DrawView> {
    Ok(DrawView {
        wish: d
            .wish
            .as_deref()
            .map(|w| super::code(w, "queue_draws.wish"))
            .transpose()?,
        id: d.id,
        unit_id: d.unit_id,
        seed: d.seed,
        size: d.size,
        eligible: d.eligible,
        drawn_by: d.drawn_by,
        drawn_at: utc(d.drawn_at),
        note: d.note,
        members: members
            .into_iter()
            .map(|m| {
                if hidden.contains(&m.participant_id) {
                    DrawMemberView {
                        queue_entry_id: None,
                        participant_id: None,
                        shown_as: Some("skyddad".to_owned()),
                        draw_order: m.draw_order,
                    }
                } else {
                    DrawMemberView {
                        queue_entry_id: Some(m.queue_entry_id),
                        participant_id: Some(m.participant_id),
                        shown_as: None,
                        draw_order: m.draw_order,
                    }
                }
            })
            .collect(),
    })
}

/// Draw `size` people at random from those waiting in a unit, into a cohort (housing
/// coordinators and managers). Reproducible: the waiting entries are ordered by join date and id
/// and drawn with ChaCha8 seeded by `seed` (`domain::queue::draw`). Drawing more than are
/// waiting is 422 and nothing is written. Each drawn person is audited.
#[utoipa::path(tag = "housing queue", request_body = DrawInput,
    responses((status = 201, body = DrawView, headers(("Location" = String, description = "URL of the draw")))),
    security(("bearer" = [])))]
#[post("")]
async fn create_queue_draw(
    state: web::Data<AppState>,
    user: CurrentUser,
    ApiJson(input): ApiJson<DrawInput>,
) -> ApiResult<HttpResponse> {
    let today = state.today();
    let unit = input.unit_id.to_string();
    policy::write_housing_inventory(&user, &unit)?;
    let mut errors = Vec::new();
    if input.size < 1 {
        errors.push(FieldError::new("size", "must be at least 1"));
    }
    if input.seed.is_some_and(|s| s > rules::MAX_SEED) {
        errors.push(FieldError::new(
            "seed",
            "must be between 0 and 9007199254740991",
        ));
    }
    let note = text(&mut errors, "note", input.note, 2000);
    done(errors)?;
    let seed = input
        .seed
        .unwrap_or_else(|| rand::random::<u64>() & rules::MAX_SEED);
    let size = input.size;
    let view = state
        .db
        .tx(move |store| {
            let waiting: Vec<QueueEntryRow> = store
                .waiting_entries(std::slice::from_ref(&unit))?
                .into_iter()
                .filter(|e| input.wish.is_none_or(|w| e.wish == w.as_str()))
                .filter(|e| !input.only_ready || e.ready)
                .collect();
            let candidates: Vec<rules::DrawCandidate> = waiting
                .iter()
                .map(|e| rules::DrawCandidate {
                    id: e.id.clone(),
                    joined_on: e.joined_on,
                })
                .collect();
            let drawn = rules::draw(&candidates, usize::try_from(size).unwrap_or(0), seed)
                .map_err(|e| ApiError::field("size", e.to_string()))?;
            let now = time::now();
            let draw = DrawRow {
                id: time::new_id(),
                unit_id: unit.clone(),
                seed: i64::try_from(seed).map_err(|_| ApiError::field("seed", "too large"))?,
                size,
                eligible: i32::try_from(candidates.len()).unwrap_or(i32::MAX),
                wish: input.wish.map(|w| w.as_str().to_owned()),
                drawn_by: user.staff_id.clone(),
                drawn_at: now,
                note,
            };
            let members: Vec<DrawMemberRow> = drawn
                .iter()
                .enumerate()
                .filter_map(|(i, id)| {
                    waiting.iter().find(|e| &e.id == id).map(|e| DrawMemberRow {
                        draw_id: draw.id.clone(),
                        queue_entry_id: e.id.clone(),
                        participant_id: e.participant_id.clone(),
                        draw_order: i32::try_from(i + 1).unwrap_or(i32::MAX),
                    })
                })
                .collect();
            store.insert_draw(&draw, &members)?;
            let entries: Vec<_> = members
                .iter()
                .map(|m| {
                    audit::housing(
                        &user,
                        Action::Draw,
                        "queue_draw",
                        &draw.id,
                        &m.participant_id,
                        Outcome::Success,
                    )
                })
                .collect();
            store.insert_audit(&entries)?;
            let hidden = hidden_members(store, &user, &members, today)?;
            draw_view(draw, members, &hidden)
        })
        .await?;
    Ok(HttpResponse::Created()
        .insert_header((header::LOCATION, format!("/api/v1/queue-draws/{}", view.id)))
        .json(view))
}

/// A recorded draw with its cohort (every member shown is audited as read; protected identities
/// you may not see are counted but shown as "skyddad").
#[utoipa::path(tag = "housing queue", params(("id" = uuid::Uuid, Path, description = "Draw id")),
    responses((status = 200, body = DrawView), (status = 404, body = crate::error::Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
#[get("/{id}")]
async fn get_queue_draw(
    state: web::Data<AppState>,
    user: CurrentUser,
    id: web::Path<uuid::Uuid>,
) -> ApiResult<HttpResponse> {
    let today = state.today();
    let id = id.into_inner().to_string();
    let view = state
        .db
        .tx(move |store| {
            let (d, members) = store
                .get_draw(&id)?
                .ok_or_else(|| ApiError::not_found("draw"))?;
            policy::read_housing_unit(&user, &d.unit_id)?;
            let hidden = hidden_members(store, &user, &members, today)?;
            let entries: Vec<_> = members
                .iter()
                .filter(|m| !hidden.contains(&m.participant_id))
                .map(|m| {
                    audit::housing(
                        &user,
                        Action::Read,
                        "queue_draw",
                        &d.id,
                        &m.participant_id,
                        Outcome::Success,
                    )
                })
                .collect();
            store.insert_audit(&entries)?;
            draw_view(d, members, &hidden)
        })
        .await?;
    Ok(HttpResponse::Ok().json(view))
}
