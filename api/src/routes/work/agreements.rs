//! `/api/v1/internship-agreements`: praktikavtal for internships, their follow-ups (workplace
//! visit or phone call), extensions (each resting on a follow-up recorded first) and early ends
//! by any party; `?ending_within_days=N` is the consultant's due list.

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use chrono::{DateTime, NaiveDate, TimeDelta, Utc};
use domain::activity::{ActivityAction, ActivityKind, ActivityStatus, transition};
use domain::internship::{
    AgreementParty, AgreementProblem, AgreementState, FollowUp, FollowUpKind, check_early_end,
    check_extension, check_follow_up, check_period, default_end,
};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_actix_web::service_config::ServiceConfig;

use crate::app::AppState;
use crate::audit::Action;
use crate::auth::CurrentUser;
use crate::auth::policy;
use crate::error::{ApiError, ApiResult};
use crate::extract::{ApiJson, ApiQuery};
use crate::routes::scoped::{Ctx, Errors, code, missing, run};
use crate::routes::{etag, expected_version, list_envelope, paging, utc};
use crate::store::time;
use crate::store::work::{ActivityRow, AgreementFilter, AgreementRow, ExtensionRow, FollowUpRow};

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(
        utoipa_actix_web::scope("/internship-agreements")
            .service(list_internship_agreements)
            .service(create_internship_agreement)
            .service(get_internship_agreement)
            .service(record_agreement_follow_up)
            .service(extend_internship_agreement)
            .service(end_internship_agreement_early),
    );
}

/// A new agreement for an internship activity.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"activity_id": "01936f4e-9a00-7b3c-8d2e-0a1b2c3d4e71", "period_start": "2012-03-01",
    "signed_on": "2012-02-27", "insurance_confirmed": true, "workplace_contact": "Kim Exempel, arbetsledare"}))]
pub struct AgreementInput {
    /// An internship activity that has not ended.
    pub activity_id: uuid::Uuid,
    /// Defaults to the activity's start.
    #[serde(default)]
    pub period_start: Option<NaiveDate>,
    /// Defaults to one month: the day before the same date next month.
    #[serde(default)]
    pub period_end: Option<NaiveDate>,
    /// When all parties signed (not in the future).
    #[serde(default)]
    pub signed_on: Option<NaiveDate>,
    /// Every intern must be insured.
    #[serde(default)]
    pub insurance_confirmed: bool,
    /// The named contact at the workplace.
    pub workplace_contact: String,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(example = json!({"id": "01936f4e-9a00-7b3c-8d2e-0a1b2c3d4e73", "occurred_on": "2012-03-26",
    "kind": "workplace_visit", "note": "Fungerar bra, båda vill förlänga", "staff_id": "01936f4e-8b1c-7d2a-9c3e-1f2a3b4c5d70",
    "used_by_extension": true}))]
// Named apart from the housing follow-up: two schemas of one name overwrite each other in openapi.yaml.
#[schema(as = InternshipFollowUpView)]
pub struct FollowUpView {
    pub id: String,
    pub occurred_on: NaiveDate,
    pub kind: FollowUpKind,
    pub note: Option<String>,
    pub staff_id: String,
    /// Whether an extension rests on this follow-up.
    pub used_by_extension: bool,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(example = json!({"id": "01936f4e-9a00-7b3c-8d2e-0a1b2c3d4e74", "decided_on": "2012-03-27",
    "previous_end": "2012-03-31", "new_end": "2012-04-30", "follow_up_id": "01936f4e-9a00-7b3c-8d2e-0a1b2c3d4e73"}))]
pub struct ExtensionView {
    pub id: String,
    pub decided_on: NaiveDate,
    pub previous_end: NaiveDate,
    pub new_end: NaiveDate,
    /// The follow-up the extension rests on.
    pub follow_up_id: String,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(example = json!({"id": "01936f4e-9a00-7b3c-8d2e-0a1b2c3d4e72", "activity_id": "01936f4e-9a00-7b3c-8d2e-0a1b2c3d4e71",
    "participant_id": "01936f4e-9a00-7b3c-8d2e-0a1b2c3d4e5f", "employer_id": "01936f4e-9a00-7b3c-8d2e-0a1b2c3d4e70",
    "period_start": "2012-03-01", "original_end": "2012-03-31", "period_end": "2012-04-30", "signed_on": "2012-02-27",
    "insurance_confirmed": true, "workplace_contact": "Kim Exempel, arbetsledare", "status": "running",
    "ended_early_on": null, "ended_by": null, "end_reason": null, "follow_ups": [], "extensions": [],
    "created_at": "2026-11-25T09:30:00Z", "updated_at": "2026-11-25T09:30:00Z", "version": 2}))]
pub struct AgreementView {
    pub id: String,
    pub activity_id: String,
    pub participant_id: String,
    /// The workplace (the internship's employer).
    pub employer_id: Option<String>,
    pub period_start: NaiveDate,
    /// The end agreed when signed.
    pub original_end: NaiveDate,
    /// The current end, after extensions.
    pub period_end: NaiveDate,
    pub signed_on: Option<NaiveDate>,
    pub insurance_confirmed: bool,
    pub workplace_contact: String,
    /// running, expired (past its end) or ended_early.
    pub status: String,
    pub ended_early_on: Option<NaiveDate>,
    pub ended_by: Option<AgreementParty>,
    pub end_reason: Option<String>,
    /// Oldest first.
    pub follow_ups: Vec<FollowUpView>,
    /// Oldest first.
    pub extensions: Vec<ExtensionView>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i32,
}

list_envelope!(AgreementList, AgreementView);

fn view(ctx: &mut Ctx<'_>, a: AgreementRow, activity: &ActivityRow) -> ApiResult<AgreementView> {
    let extensions = ctx.store.extensions_of(&a.id)?;
    let follow_ups = ctx
        .store
        .follow_ups_of(&a.id)?
        .into_iter()
        .map(|f| {
            Ok(FollowUpView {
                kind: code(&f.kind, "agreement_follow_ups.kind")?,
                used_by_extension: extensions.iter().any(|x| x.follow_up_id == f.id),
                id: f.id,
                occurred_on: f.occurred_on,
                note: f.note,
                staff_id: f.staff_id,
            })
        })
        .collect::<ApiResult<Vec<_>>>()?;
    let status = if a.ended_early_on.is_some() {
        "ended_early"
    } else if a.period_end < ctx.today {
        "expired"
    } else {
        "running"
    };
    Ok(AgreementView {
        ended_by: a
            .ended_by
            .as_deref()
            .map(|b| code(b, "internship_agreements.ended_by"))
            .transpose()?,
        status: status.into(),
        follow_ups,
        extensions: extensions
            .into_iter()
            .map(|x| ExtensionView {
                id: x.id,
                decided_on: x.decided_on,
                previous_end: x.previous_end,
                new_end: x.new_end,
                follow_up_id: x.follow_up_id,
            })
            .collect(),
        created_at: utc(a.created_at),
        updated_at: utc(a.updated_at),
        participant_id: activity.participant_id.clone(),
        employer_id: activity.provider_employer_id.clone(),
        id: a.id,
        activity_id: a.activity_id,
        period_start: a.period_start,
        original_end: a.original_end,
        period_end: a.period_end,
        signed_on: a.signed_on,
        insurance_confirmed: a.insurance_confirmed,
        workplace_contact: a.workplace_contact,
        ended_early_on: a.ended_early_on,
        end_reason: a.end_reason,
        version: a.version,
    })
}

/// 409 for the first conflict, else 422 with every field problem.
fn problems(list: Vec<AgreementProblem>) -> ApiResult<()> {
    if let Some(c) = list.iter().find(|p| p.conflict) {
        return Err(ApiError::conflict(c.message.clone()));
    }
    let mut e = Errors::default();
    for p in list {
        e.add(p.field, p.message);
    }
    e.finish()
}

/// Loads an agreement with its activity and authorises the participant.
fn load(ctx: &mut Ctx<'_>, id: &str, write: bool) -> ApiResult<(AgreementRow, ActivityRow)> {
    let a = ctx
        .store
        .get_agreement(id)?
        .ok_or_else(|| ApiError::not_found("internship agreement"))?;
    let activity = super::activity(ctx, &a.activity_id, write)?;
    Ok((a, activity))
}

fn state_of(ctx: &mut Ctx<'_>, a: &AgreementRow) -> ApiResult<AgreementState> {
    Ok(AgreementState {
        start: a.period_start,
        end: a.period_end,
        ended_early_on: a.ended_early_on,
        extensions: ctx
            .store
            .extensions_of(&a.id)?
            .into_iter()
            .map(|x| x.decided_on)
            .collect(),
    })
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct AgreementQuery {
    limit: Option<i64>,
    offset: Option<i64>,
    participant_id: Option<uuid::Uuid>,
    /// The due list: running agreements ending within this many days from today (0–365).
    ending_within_days: Option<i64>,
}

/// List internship agreements of participants you may see, soonest end first (each audited).
#[utoipa::path(tag = "work", params(AgreementQuery), responses((status = 200, body = AgreementList)), security(("bearer" = [])))]
#[get("")]
async fn list_internship_agreements(
    state: web::Data<AppState>,
    user: CurrentUser,
    ApiQuery(q): ApiQuery<AgreementQuery>,
) -> ApiResult<HttpResponse> {
    let (limit, offset) = paging(q.limit, q.offset)?;
    let today = state.today();
    if q.ending_within_days
        .is_some_and(|d| !(0..=365).contains(&d))
    {
        return Err(ApiError::field(
            "ending_within_days",
            "must be between 0 and 365",
        ));
    }
    let filter = AgreementFilter {
        scope: policy::participant_scope(&user, today)?,
        participant_id: q.participant_id.map(|p| p.to_string()),
        ending_between: q
            .ending_within_days
            .map(|d| (today, today + TimeDelta::days(d))),
        limit,
        offset,
    };
    let (items, total) = run(
        &state,
        user,
        "internship_agreement",
        Action::List,
        move |ctx| {
            let (rows, total) = ctx.store.list_agreements(&filter)?;
            let mut items = Vec::new();
            for (a, activity) in rows {
                ctx.audit(Some(&a.id), &activity.participant_id);
                items.push(view(ctx, a, &activity)?);
            }
            Ok((items, total))
        },
    )
    .await?;
    Ok(HttpResponse::Ok().json(AgreementList {
        items,
        total,
        limit,
        offset,
    }))
}

/// Write the internship agreement for an internship activity (422 `activity_id` if the activity
/// is not an internship; 409 if it has ended or already has an agreement).
#[utoipa::path(tag = "work", request_body = AgreementInput,
    responses((status = 201, body = AgreementView, headers(("Location" = String))),
        (status = 409, body = crate::error::Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
#[post("")]
async fn create_internship_agreement(
    state: web::Data<AppState>,
    user: CurrentUser,
    ApiJson(input): ApiJson<AgreementInput>,
) -> ApiResult<HttpResponse> {
    let mut e = Errors::default();
    let contact = e.required("workplace_contact", input.workplace_contact, 200);
    e.finish()?;
    let v = run(
        &state,
        user,
        "internship_agreement",
        Action::Create,
        move |ctx| {
            let activity_id = input.activity_id.to_string();
            let activity = ctx
                .store
                .get_activity(&activity_id)?
                .ok_or_else(|| missing("activity_id", "activity"))?;
            super::participant(ctx, &activity.participant_id, true)?;
            let kind: ActivityKind = code(&activity.kind, "activities.kind")?;
            if kind != ActivityKind::Internship {
                return Err(ApiError::field(
                    "activity_id",
                    format!("an internship agreement is for an internship, not {kind}"),
                ));
            }
            let start = input.period_start.unwrap_or(activity.start_date);
            let end = input.period_end.unwrap_or_else(|| default_end(start));
            problems(check_period(start, end, input.signed_on, ctx.today))?;
            let status: ActivityStatus = code(&activity.status, "activities.status")?;
            if matches!(
                status,
                ActivityStatus::Completed | ActivityStatus::EndedEarly
            ) {
                return Err(ApiError::conflict("the internship has already ended"));
            }
            if let Some(existing) = ctx.store.agreement_of_activity(&activity_id)? {
                return Err(ApiError::Duplicate {
                    detail: "the internship already has an agreement".into(),
                    existing_id: existing.id,
                });
            }
            let now = time::now();
            let row = AgreementRow {
                id: time::new_id(),
                activity_id,
                period_start: start,
                original_end: end,
                period_end: end,
                signed_on: input.signed_on,
                insurance_confirmed: input.insurance_confirmed,
                workplace_contact: contact,
                ended_early_on: None,
                ended_by: None,
                end_reason: None,
                created_by: ctx.user.staff_id.clone(),
                created_at: now,
                updated_at: now,
                version: 1,
            };
            ctx.store.insert_agreement(&row)?;
            ctx.audit(Some(&row.id), &activity.participant_id);
            view(ctx, row, &activity)
        },
    )
    .await?;
    Ok(HttpResponse::Created()
        .insert_header((
            header::LOCATION,
            format!("/api/v1/internship-agreements/{}", v.id),
        ))
        .insert_header(etag(v.version))
        .json(v))
}

/// Read one agreement with its follow-ups and extensions (audited).
#[utoipa::path(tag = "work", params(("id" = uuid::Uuid, Path)),
    responses((status = 200, body = AgreementView), (status = 404, body = crate::error::Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
#[get("/{id}")]
async fn get_internship_agreement(
    state: web::Data<AppState>,
    user: CurrentUser,
    id: web::Path<uuid::Uuid>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner().to_string();
    let v = run(
        &state,
        user,
        "internship_agreement",
        Action::Read,
        move |ctx| {
            let (a, activity) = load(ctx, &id, false)?;
            ctx.audit(Some(&id), &activity.participant_id);
            view(ctx, a, &activity)
        },
    )
    .await?;
    Ok(HttpResponse::Ok().insert_header(etag(v.version)).json(v))
}

/// A follow-up of the internship: a workplace visit or a phone call with both parties.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"occurred_on": "2012-03-26", "kind": "workplace_visit", "note": "Fungerar bra, båda vill förlänga"}))]
#[schema(as = InternshipFollowUpInput)]
pub struct FollowUpInput {
    /// On or after the agreement's start; not in the future.
    pub occurred_on: NaiveDate,
    pub kind: FollowUpKind,
    #[serde(default)]
    pub note: Option<String>,
}

/// Record a follow-up (409 if the agreement was ended early). Returns the agreement.
#[utoipa::path(tag = "work", params(("id" = uuid::Uuid, Path)), request_body = FollowUpInput,
    responses((status = 201, body = AgreementView, headers(("Location" = String))),
        (status = 409, body = crate::error::Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
#[post("/{id}/follow-ups")]
async fn record_agreement_follow_up(
    state: web::Data<AppState>,
    user: CurrentUser,
    id: web::Path<uuid::Uuid>,
    ApiJson(input): ApiJson<FollowUpInput>,
) -> ApiResult<HttpResponse> {
    let mut e = Errors::default();
    let note = e.text("note", input.note, 4000);
    e.finish()?;
    let id = id.into_inner().to_string();
    let v = run(
        &state,
        user,
        "internship_agreement",
        Action::Update,
        move |ctx| {
            let (a, activity) = load(ctx, &id, true)?;
            problems(check_follow_up(
                a.period_start,
                input.occurred_on,
                ctx.today,
            ))?;
            if a.ended_early_on.is_some() {
                return Err(ApiError::conflict("the agreement has been ended early"));
            }
            ctx.store.insert_follow_up(&FollowUpRow {
                id: time::new_id(),
                agreement_id: id.clone(),
                occurred_on: input.occurred_on,
                kind: input.kind.as_str().into(),
                note,
                staff_id: ctx.user.staff_id.clone(),
                created_at: time::now(),
            })?;
            ctx.audit(Some(&id), &activity.participant_id);
            view(ctx, a, &activity)
        },
    )
    .await?;
    Ok(HttpResponse::Created()
        .insert_header((
            header::LOCATION,
            format!("/api/v1/internship-agreements/{}", v.id),
        ))
        .insert_header(etag(v.version))
        .json(v))
}

/// Extend an agreement to a new end.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"new_end": "2012-04-30", "decided_on": "2012-03-27", "version": 1}))]
pub struct ExtendInput {
    #[serde(default)]
    pub version: Option<i32>,
    /// After the current end.
    pub new_end: NaiveDate,
    /// Defaults to today; a follow-up must be recorded on or before this day.
    #[serde(default)]
    pub decided_on: Option<NaiveDate>,
}

/// Extend the agreement (409 if no follow-up was recorded since the start or the last
/// extension, or if it was ended early; 422 if the new end is not after the current one).
#[utoipa::path(tag = "work", params(("id" = uuid::Uuid, Path)), request_body = ExtendInput,
    responses((status = 200, body = AgreementView), (status = 409, body = crate::error::Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
#[post("/{id}/extend")]
async fn extend_internship_agreement(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: CurrentUser,
    id: web::Path<uuid::Uuid>,
    ApiJson(input): ApiJson<ExtendInput>,
) -> ApiResult<HttpResponse> {
    let version = expected_version(&req, input.version)?;
    let id = id.into_inner().to_string();
    let v = run(
        &state,
        user,
        "internship_agreement",
        Action::Update,
        move |ctx| {
            let (mut a, activity) = load(ctx, &id, true)?;
            let state = state_of(ctx, &a)?;
            let used: Vec<String> = ctx
                .store
                .extensions_of(&id)?
                .into_iter()
                .map(|x| x.follow_up_id)
                .collect();
            let rows = ctx.store.follow_ups_of(&id)?;
            let follow_ups: Vec<FollowUp> = rows
                .iter()
                .map(|f| FollowUp {
                    on: f.occurred_on,
                    used: used.contains(&f.id),
                })
                .collect();
            let decided_on = input.decided_on.unwrap_or(ctx.today);
            let index = check_extension(&state, &follow_ups, input.new_end, decided_on, ctx.today)
                .or_else(|p| problems(p).map(|()| 0))?;
            let follow_up = rows
                .get(index)
                .ok_or_else(|| ApiError::Internal("follow-up index".into()))?;
            if a.version != version {
                return Err(ApiError::Stale {
                    current_version: a.version,
                });
            }
            ctx.store.insert_extension(&ExtensionRow {
                id: time::new_id(),
                agreement_id: id.clone(),
                decided_on,
                previous_end: a.period_end,
                new_end: input.new_end,
                follow_up_id: follow_up.id.clone(),
                staff_id: ctx.user.staff_id.clone(),
                created_at: time::now(),
            })?;
            a.period_end = input.new_end;
            a.updated_at = time::now();
            a.version = version + 1;
            ctx.store.update_agreement(version, &a)?;
            ctx.audit(Some(&id), &activity.participant_id);
            view(ctx, a, &activity)
        },
    )
    .await?;
    Ok(HttpResponse::Ok().insert_header(etag(v.version)).json(v))
}

/// End the agreement early; any party may.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"ended_on": "2012-03-20", "ended_by": "employer", "reason": "Arbetsplatsen kunde inte ge handledning", "version": 1}))]
pub struct EndAgreementInput {
    #[serde(default)]
    pub version: Option<i32>,
    /// Defaults to today; within the agreement's period, not in the future.
    #[serde(default)]
    pub ended_on: Option<NaiveDate>,
    pub ended_by: AgreementParty,
    pub reason: String,
}

/// End the agreement early with a reason (409 if already ended early). The internship activity
/// ends early with it, if it is still planned or ongoing.
#[utoipa::path(tag = "work", params(("id" = uuid::Uuid, Path)), request_body = EndAgreementInput,
    responses((status = 200, body = AgreementView), (status = 409, body = crate::error::Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
#[post("/{id}/end-early")]
async fn end_internship_agreement_early(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: CurrentUser,
    id: web::Path<uuid::Uuid>,
    ApiJson(input): ApiJson<EndAgreementInput>,
) -> ApiResult<HttpResponse> {
    let version = expected_version(&req, input.version)?;
    let mut e = Errors::default();
    let reason = e.required("reason", input.reason, 2000);
    e.finish()?;
    let id = id.into_inner().to_string();
    let v = run(
        &state,
        user,
        "internship_agreement",
        Action::Close,
        move |ctx| {
            let (mut a, mut activity) = load(ctx, &id, true)?;
            let state = state_of(ctx, &a)?;
            let on = input.ended_on.unwrap_or(ctx.today);
            problems(check_early_end(&state, on, ctx.today))?;
            if a.version != version {
                return Err(ApiError::Stale {
                    current_version: a.version,
                });
            }
            a.ended_early_on = Some(on);
            a.ended_by = Some(input.ended_by.as_str().into());
            a.end_reason = Some(reason.clone());
            a.updated_at = time::now();
            a.version = version + 1;
            ctx.store.update_agreement(version, &a)?;
            let status: ActivityStatus = code(&activity.status, "activities.status")?;
            if let Ok(next) = transition(status, ActivityAction::EndEarly) {
                let v = activity.version;
                if status.has_started() {
                    activity.actual_end = Some(on.max(activity.start_date));
                }
                activity.status = next.as_str().into();
                activity.end_reason = Some(reason);
                activity.updated_at = time::now();
                activity.version = v + 1;
                ctx.store.update_activity(v, &activity)?;
                ctx.audit_as(
                    Action::Close,
                    "activity",
                    Some(&activity.id),
                    &activity.participant_id,
                );
            }
            ctx.audit(Some(&id), &activity.participant_id);
            view(ctx, a, &activity)
        },
    )
    .await?;
    Ok(HttpResponse::Ok().insert_header(etag(v.version)).json(v))
}
