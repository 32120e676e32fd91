//! Duplicate participants: `GET /participants/duplicates` (possible matches before registering),
//! `POST /participants/{id}/merge` (an administrator moves every record of `from_id` onto this
//! participant and closes `from_id`), and `POST /participant-merges/{id}/undo`.

use actix_web::{HttpResponse, get, post, web};
use chrono::{DateTime, NaiveDate, Utc};
use domain::duplicate::{Identity, Likeness, likeness};
use domain::participant::ParticipantStatus;
use domain::personnummer::PersonalIdentityNumber;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_actix_web::service_config::ServiceConfig;

use crate::app::AppState;
use crate::audit::{self, Action, Outcome};
use crate::auth::CurrentUser;
use crate::auth::policy::{self, ParticipantAction};
use crate::error::{ApiError, ApiResult};
use crate::extract::{ApiJson, ApiQuery};
use crate::routes::utc;
use crate::store::Store;
use crate::store::merges::MergeRow;
use crate::store::participants::{ParticipantChanges, ParticipantRow};
use crate::store::time;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(find_duplicates)
        .service(merge_participant)
        .service(undo_merge);
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct DuplicateQuery {
    /// Personnummer in any common form.
    personal_identity_number: Option<String>,
    first_name: Option<String>,
    last_name: Option<String>,
    date_of_birth: Option<NaiveDate>,
}

/// A record that looks like the person described.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct DuplicateMatch {
    pub id: String,
    pub likeness: Likeness,
    /// False: the record exists but you may not open it (another unit, or a protected identity);
    /// ask its unit or an administrator.
    pub visible: bool,
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({"items": [{"id": "01936f4e-9a00-7b3c-8d2e-0a1b2c3d4e5f", "likeness": "same_name_and_birth_date", "visible": false}]}))]
pub struct DuplicateList {
    pub items: Vec<DuplicateMatch>,
}

/// Matches for a person among all participants (ids only; `visible` says whether you may open it).
pub fn matches(
    store: &mut dyn Store,
    user: &CurrentUser,
    today: NaiveDate,
    who: &Identity<'_>,
    except: Option<&str>,
) -> ApiResult<Vec<DuplicateMatch>> {
    let mut out = Vec::new();
    for row in store.duplicate_candidates(who.personal_identity_number, who.date_of_birth)? {
        if Some(row.id.as_str()) == except {
            continue;
        }
        let other = Identity {
            personal_identity_number: row.personal_identity_number.as_deref(),
            first_name: &row.first_name,
            last_name: &row.last_name,
            date_of_birth: row.date_of_birth,
        };
        if let Some(l) = likeness(who, &other) {
            // The whole row only for a match (rare), for the access check.
            let Some(full) = store.get_participant(&row.id)? else {
                continue;
            };
            let assigned = crate::routes::scoped::assigned_if_consulted(store, user, &full, today)?;
            let visible =
                policy::participant(user, ParticipantAction::Read, &full, assigned).is_ok();
            out.push(DuplicateMatch {
                id: row.id,
                likeness: l,
                visible,
            });
        }
    }
    Ok(out)
}

/// Possible duplicates of a person about to be registered: the same personnummer, or the same
/// name and date of birth. Not audited as a read: it returns ids only.
#[utoipa::path(tag = "participants", params(DuplicateQuery),
    responses((status = 200, body = DuplicateList)), security(("bearer" = [])))]
#[get("/participants/duplicates")]
async fn find_duplicates(
    state: web::Data<AppState>,
    user: CurrentUser,
    ApiQuery(q): ApiQuery<DuplicateQuery>,
) -> ApiResult<HttpResponse> {
    policy::check_duplicates(&user)?;
    let today = state.today();
    let pin = match q.personal_identity_number.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(raw) => Some(
            PersonalIdentityNumber::parse(raw, today)
                .map_err(|e| ApiError::field("personal_identity_number", e.to_string()))?,
        ),
    };
    let dob = q
        .date_of_birth
        .or(pin.as_ref().map(PersonalIdentityNumber::date_of_birth));
    let canonical = pin.as_ref().map(PersonalIdentityNumber::canonical);
    let items = state
        .db
        .read(move |store| {
            let who = Identity {
                personal_identity_number: canonical.as_deref(),
                first_name: q.first_name.as_deref().unwrap_or(""),
                last_name: q.last_name.as_deref().unwrap_or(""),
                date_of_birth: dob,
            };
            matches(store, &user, today, &who, None)
        })
        .await?;
    Ok(HttpResponse::Ok().json(DuplicateList { items }))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"from_id": "01936f4e-9a00-7b3c-8d2e-0a1b2c3d4e70"}))]
pub struct MergeInput {
    /// The duplicate record: its referrals, enrolments, contacts … move here and it is closed.
    pub from_id: uuid::Uuid,
}

/// Rows moved from one table.
#[derive(Debug, Serialize, ToSchema)]
pub struct MovedCount {
    pub table: String,
    pub rows: usize,
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({"id": "01936f4e-9a00-7b3c-8d2e-0a1b2c3d4e68", "into_id": "01936f4e-9a00-7b3c-8d2e-0a1b2c3d4e5f",
    "from_id": "01936f4e-9a00-7b3c-8d2e-0a1b2c3d4e70", "moved": [{"table": "contact_participants", "rows": 4}, {"table": "relapses", "rows": 1}],
    "merged_by": "01936f4e-8b1c-7d2a-9c3e-1f2a3b4c5d71", "merged_at": "2026-11-25T09:30:00Z", "undone_by": null, "undone_at": null}))]
pub struct MergeView {
    pub id: String,
    pub into_id: String,
    pub from_id: String,
    pub moved: Vec<MovedCount>,
    pub merged_by: String,
    pub merged_at: DateTime<Utc>,
    pub undone_by: Option<String>,
    pub undone_at: Option<DateTime<Utc>>,
}

fn view(r: MergeRow) -> ApiResult<MergeView> {
    Ok(MergeView {
        moved: r
            .moved_rows()?
            .into_iter()
            .map(|m| MovedCount {
                table: m.table,
                rows: m.keys.len(),
            })
            .collect(),
        merged_at: utc(r.merged_at),
        undone_at: r.undone_at.map(utc),
        id: r.id,
        into_id: r.into_id,
        from_id: r.from_id,
        merged_by: r.merged_by,
        undone_by: r.undone_by,
    })
}

fn get(store: &mut dyn Store, id: &str, field: &str) -> ApiResult<ParticipantRow> {
    store
        .get_participant(id)?
        .ok_or_else(|| ApiError::field(field, "no such participant"))
}

fn set_status(
    store: &mut dyn Store,
    row: &ParticipantRow,
    status: &str,
    on: Option<NaiveDate>,
    reason: Option<String>,
) -> ApiResult<()> {
    let mut changes = ParticipantChanges::from(row);
    changes.status = status.to_owned();
    changes.closed_on = on;
    changes.closed_reason = reason;
    store.update_participant(&row.id, row.version, &changes, time::now())?;
    Ok(())
}

fn entries(
    user: &CurrentUser,
    action: Action,
    merge_id: &str,
    ids: [&str; 2],
) -> Vec<crate::store::audit::AuditRow> {
    ids.iter()
        .map(|p| {
            audit::entry(
                Some(&user.staff_id),
                action,
                "participant_merge",
                Some(merge_id),
                Some(p),
                Outcome::Success,
            )
        })
        .collect()
}

/// Merge the duplicate `from_id` into this participant (administrators only): every record that
/// references `from_id` moves here, `from_id` is closed, and the merge can be undone.
#[utoipa::path(tag = "participants", params(("id" = uuid::Uuid, Path, description = "The participant to keep")),
    request_body = MergeInput,
    responses((status = 201, body = MergeView), (status = 409, description = "One of them is already merged away", body = crate::error::Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
#[post("/participants/{id}/merge")]
async fn merge_participant(
    state: web::Data<AppState>,
    user: CurrentUser,
    id: web::Path<uuid::Uuid>,
    ApiJson(input): ApiJson<MergeInput>,
) -> ApiResult<HttpResponse> {
    policy::merge_participants(&user)?;
    let into_id = id.into_inner().to_string();
    let from_id = input.from_id.to_string();
    if into_id == from_id {
        return Err(ApiError::field("from_id", "must be another participant"));
    }
    let today = state.today();
    let row = state
        .db
        .tx(move |store| {
            let into = store
                .get_participant(&into_id)?
                .ok_or_else(|| ApiError::not_found("participant"))?;
            let from = get(store, &from_id, "from_id")?;
            for id in [&into.id, &from.id] {
                if store.active_merge_from(id)?.is_some() {
                    return Err(ApiError::conflict(
                        "one of the records has already been merged into another",
                    ));
                }
            }
            let moved = store.move_participant_rows(&from.id, &into.id)?;
            set_status(
                store,
                &from,
                ParticipantStatus::Closed.as_str(),
                Some(today),
                Some(format!("merged into {}", into.id)),
            )?;
            let row = MergeRow {
                id: time::new_id(),
                into_id: into.id.clone(),
                from_id: from.id.clone(),
                moved: serde_json::to_string(&moved)
                    .map_err(|e| ApiError::Internal(e.to_string()))?,
                from_status: from.status.clone(),
                from_closed_on: from.closed_on,
                from_closed_reason: from.closed_reason.clone(),
                merged_by: user.staff_id.clone(),
                merged_at: time::now(),
                undone_by: None,
                undone_at: None,
            };
            store.insert_merge(&row)?;
            store.insert_audit(&entries(
                &user,
                Action::Merge,
                &row.id,
                [&into.id, &from.id],
            ))?;
            Ok(row)
        })
        .await?;
    Ok(HttpResponse::Created().json(view(row)?))
}

/// Undo a merge (administrators only): the moved records go back and the duplicate's status is
/// restored. 409 if it was already undone.
#[utoipa::path(tag = "participants", params(("id" = uuid::Uuid, Path, description = "Merge id")),
    responses((status = 200, body = MergeView), (status = 404, body = crate::error::Problem, content_type = "application/problem+json"),
        (status = 409, body = crate::error::Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
#[post("/participant-merges/{id}/undo")]
async fn undo_merge(
    state: web::Data<AppState>,
    user: CurrentUser,
    id: web::Path<uuid::Uuid>,
) -> ApiResult<HttpResponse> {
    policy::merge_participants(&user)?;
    let id = id.into_inner().to_string();
    let row = state
        .db
        .tx(move |store| {
            let mut row = store
                .get_merge(&id)?
                .ok_or_else(|| ApiError::not_found("merge"))?;
            if row.undone_at.is_some() {
                return Err(ApiError::conflict("the merge has already been undone"));
            }
            store.move_back(&row.moved_rows()?, &row.from_id, &row.into_id)?;
            let from = get(store, &row.from_id, "from_id")?;
            set_status(
                store,
                &from,
                &row.from_status,
                row.from_closed_on,
                row.from_closed_reason.clone(),
            )?;
            let now = time::now();
            store.mark_merge_undone(&id, &user.staff_id, now)?;
            row.undone_by = Some(user.staff_id.clone());
            row.undone_at = Some(now);
            store.insert_audit(&entries(
                &user,
                Action::UndoMerge,
                &id,
                [&row.into_id, &row.from_id],
            ))?;
            Ok(row)
        })
        .await?;
    Ok(HttpResponse::Ok().json(view(row)?))
}
