//! `/api/v1/activities`: a participant's activities within an enrolment, their explicit state
//! changes (`start`, `complete`, `end-early`) and the hours-per-week timeline (`hours`).

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, get, post, put, web};
use chrono::{DateTime, NaiveDate, Utc};
use domain::activity::{
    ActivityAction, ActivityKind, ActivityStatus, HoursChange, check_hours, check_hours_change,
    hours_on, transition,
};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_actix_web::service_config::ServiceConfig;

use crate::app::AppState;
use crate::audit::Action;
use crate::auth::CurrentUser;
use crate::auth::policy;
use crate::error::{ApiError, ApiResult};
use crate::extract::{ApiJson, ApiQuery, parse_versioned};
use crate::routes::scoped::{Ctx, Errors, code, missing, run};
use crate::routes::{etag, expected_version, list_envelope, paging, utc};
use crate::store::time;
use crate::store::work::{ActivityRow, HoursRow, WorkFilter};

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(
        utoipa_actix_web::scope("/activities")
            .service(list_activities)
            .service(create_activity)
            .service(get_activity)
            .service(update_activity)
            .service(start_activity)
            .service(complete_activity)
            .service(end_activity_early)
            .service(change_activity_hours),
    );
}

/// A new activity within an enrolment (the participant is the enrolment's).
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"enrolment_id": "01936f4e-9a00-7b3c-8d2e-0a1b2c3d4e61", "kind": "internship",
    "provider_employer_id": "01936f4e-9a00-7b3c-8d2e-0a1b2c3d4e70", "start_date": "2012-03-01",
    "planned_end": "2012-03-31", "hours_per_week": 10, "note": "Parkarbete förmiddagar"}))]
pub struct ActivityInput {
    pub enrolment_id: uuid::Uuid,
    pub kind: ActivityKind,
    /// The employer providing it (required for an internship).
    #[serde(default)]
    pub provider_employer_id: Option<uuid::Uuid>,
    /// An organisation that is not a registered employer (Nätverket, UMA, Arbetsförmedlingen …).
    #[serde(default)]
    pub provider_name: Option<String>,
    /// The planned start; within the enrolment.
    pub start_date: NaiveDate,
    #[serde(default)]
    pub planned_end: Option<NaiveDate>,
    /// Hours per week from the start (1–40); step-ups later with `POST /activities/{id}/hours`.
    #[serde(default)]
    pub hours_per_week: Option<i32>,
    #[serde(default)]
    pub note: Option<String>,
    /// The activity's key in the system it comes from (imports upsert by it); unique when given.
    #[serde(default)]
    pub external_id: Option<String>,
}

/// Edit an activity (whole record plus `version`); status, actual end and hours change only
/// through the explicit actions.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"kind": "internship", "provider_employer_id": "01936f4e-9a00-7b3c-8d2e-0a1b2c3d4e70",
    "start_date": "2012-03-01", "planned_end": "2012-04-30", "note": "Förlängd", "version": 2}))]
pub struct ActivityUpdate {
    pub kind: ActivityKind,
    #[serde(default)]
    pub provider_employer_id: Option<uuid::Uuid>,
    #[serde(default)]
    pub provider_name: Option<String>,
    pub start_date: NaiveDate,
    #[serde(default)]
    pub planned_end: Option<NaiveDate>,
    #[serde(default)]
    pub note: Option<String>,
}

/// One step of the hours-per-week timeline.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(example = json!({"from": "2012-03-01", "hours_per_week": 10}))]
pub struct HoursView {
    pub from: NaiveDate,
    pub hours_per_week: i32,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(example = json!({"id": "01936f4e-9a00-7b3c-8d2e-0a1b2c3d4e71", "participant_id": "01936f4e-9a00-7b3c-8d2e-0a1b2c3d4e5f",
    "enrolment_id": "01936f4e-9a00-7b3c-8d2e-0a1b2c3d4e61", "kind": "internship",
    "provider_employer_id": "01936f4e-9a00-7b3c-8d2e-0a1b2c3d4e70", "provider_name": null,
    "start_date": "2012-03-01", "planned_end": "2012-03-31", "actual_end": null, "status": "ongoing",
    "end_reason": null, "led_to_employment": false, "hours_per_week": 20,
    "hours": [{"from": "2012-03-01", "hours_per_week": 10}, {"from": "2012-03-15", "hours_per_week": 20}],
    "agreement_id": "01936f4e-9a00-7b3c-8d2e-0a1b2c3d4e72", "employment_outcome_id": null, "note": null,
    "created_by": "01936f4e-8b1c-7d2a-9c3e-1f2a3b4c5d70", "created_at": "2026-11-25T09:30:00Z",
    "updated_at": "2026-11-25T09:30:00Z", "version": 2}))]
pub struct ActivityView {
    pub id: String,
    pub participant_id: String,
    pub enrolment_id: String,
    pub kind: ActivityKind,
    pub provider_employer_id: Option<String>,
    pub provider_name: Option<String>,
    /// The planned start until started, then the actual start.
    pub start_date: NaiveDate,
    pub planned_end: Option<NaiveDate>,
    pub actual_end: Option<NaiveDate>,
    pub status: ActivityStatus,
    /// Why it ended early.
    pub end_reason: Option<String>,
    pub led_to_employment: bool,
    /// Hours per week today (or at the end, or the first planned step); null if none recorded.
    pub hours_per_week: Option<i32>,
    /// The hours timeline, oldest first.
    pub hours: Vec<HoursView>,
    /// The internship agreement, for an internship that has one.
    pub agreement_id: Option<String>,
    pub employment_outcome_id: Option<String>,
    pub note: Option<String>,
    pub created_by: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i32,
}

list_envelope!(ActivityList, ActivityView);

/// Builds the view with the hours timeline, agreement and outcome.
pub fn view(ctx: &mut Ctx<'_>, r: ActivityRow) -> ApiResult<ActivityView> {
    let hours: Vec<HoursView> = ctx
        .store
        .hours_of(&r.id)?
        .into_iter()
        .map(|h| HoursView {
            from: h.from_date,
            hours_per_week: h.hours_per_week,
        })
        .collect();
    let timeline: Vec<HoursChange> = hours
        .iter()
        .map(|h| HoursChange {
            from: h.from,
            hours_per_week: h.hours_per_week,
        })
        .collect();
    let on = r.actual_end.unwrap_or(ctx.today);
    let current = hours_on(&timeline, on).or_else(|| timeline.first().map(|h| h.hours_per_week));
    let agreement_id = ctx.store.agreement_of_activity(&r.id)?.map(|a| a.id);
    let employment_outcome_id = ctx.store.outcome_of_activity(&r.id)?.map(|o| o.id);
    Ok(ActivityView {
        kind: code(&r.kind, "activities.kind")?,
        status: code(&r.status, "activities.status")?,
        hours_per_week: current,
        hours,
        agreement_id,
        employment_outcome_id,
        created_at: utc(r.created_at),
        updated_at: utc(r.updated_at),
        id: r.id,
        participant_id: r.participant_id,
        enrolment_id: r.enrolment_id,
        provider_employer_id: r.provider_employer_id,
        provider_name: r.provider_name,
        start_date: r.start_date,
        planned_end: r.planned_end,
        actual_end: r.actual_end,
        end_reason: r.end_reason,
        led_to_employment: r.led_to_employment,
        note: r.note,
        created_by: r.created_by,
        version: r.version,
    })
}

/// Field checks shared by create and update; returns (provider name, note).
fn check_fields(
    e: &mut Errors,
    kind: ActivityKind,
    employer: Option<uuid::Uuid>,
    provider_name: Option<String>,
    start: NaiveDate,
    planned_end: Option<NaiveDate>,
    note: Option<String>,
) -> (Option<String>, Option<String>) {
    let name = e.text("provider_name", provider_name, 200);
    let note = e.text("note", note, 4000);
    if kind == ActivityKind::Internship && employer.is_none() {
        e.add(
            "provider_employer_id",
            "an internship is at a registered employer",
        );
    } else if employer.is_none() && name.is_none() {
        e.add(
            "provider_name",
            "give the provider: an employer or an organisation's name",
        );
    }
    if planned_end.is_some_and(|p| p < start) {
        e.add("planned_end", "must not be before the start");
    }
    (name, note)
}

/// The editable fields of an activity, checked on their own.
#[derive(Debug, Clone)]
pub struct ActivityFields {
    kind: ActivityKind,
    provider_employer_id: Option<uuid::Uuid>,
    provider_name: Option<String>,
    start_date: NaiveDate,
    planned_end: Option<NaiveDate>,
    note: Option<String>,
}

fn validate_fields(
    kind: ActivityKind,
    provider_employer_id: Option<uuid::Uuid>,
    provider_name: Option<String>,
    start_date: NaiveDate,
    planned_end: Option<NaiveDate>,
    note: Option<String>,
) -> ApiResult<ActivityFields> {
    let mut e = Errors::default();
    let (provider_name, note) = check_fields(
        &mut e,
        kind,
        provider_employer_id,
        provider_name,
        start_date,
        planned_end,
        note,
    );
    e.finish()?;
    Ok(ActivityFields {
        kind,
        provider_employer_id,
        provider_name,
        start_date,
        planned_end,
        note,
    })
}

/// A new activity's fields, checked on their own (the rules of `POST /activities`).
#[derive(Debug, Clone)]
pub struct ValidActivity {
    pub(crate) enrolment_id: uuid::Uuid,
    pub(crate) fields: ActivityFields,
    pub(crate) hours_per_week: Option<i32>,
    pub(crate) external_id: Option<String>,
}

pub(crate) fn validate_activity(input: ActivityInput) -> ApiResult<ValidActivity> {
    let mut e = Errors::default();
    let external_id = e.text("external_id", input.external_id, 100);
    if let Some(h) = input.hours_per_week
        && let Err(m) = check_hours(h)
    {
        e.add("hours_per_week", m);
    }
    let (provider_name, note) = check_fields(
        &mut e,
        input.kind,
        input.provider_employer_id,
        input.provider_name,
        input.start_date,
        input.planned_end,
        input.note,
    );
    e.finish()?;
    Ok(ValidActivity {
        enrolment_id: input.enrolment_id,
        fields: ActivityFields {
            kind: input.kind,
            provider_employer_id: input.provider_employer_id,
            provider_name,
            start_date: input.start_date,
            planned_end: input.planned_end,
            note,
        },
        hours_per_week: input.hours_per_week,
        external_id,
    })
}

/// A new activity and its first hours step, checked against the enrolment, the participant's
/// policy and the employer register, not written (`POST /activities` and the import alike).
pub(crate) fn new_activity(
    ctx: &mut Ctx<'_>,
    v: ValidActivity,
) -> ApiResult<(ActivityRow, Option<HoursRow>)> {
    let enrolment = ctx
        .store
        .get_enrolment(&v.enrolment_id.to_string())?
        .ok_or_else(|| missing("enrolment_id", "enrolment"))?;
    super::participant(ctx, &enrolment.participant_id, true)?;
    let f = v.fields;
    let employer = check_employer(ctx, f.provider_employer_id)?;
    let mut e = Errors::default();
    if f.start_date < enrolment.start_date
        || enrolment.end_date.is_some_and(|end| f.start_date > end)
    {
        e.add("start_date", "must lie within the enrolment");
    }
    if let Some(external_id) = &v.external_id
        && ctx.store.activity_by_external_id(external_id)?.is_some()
    {
        e.add("external_id", "another activity has this external_id");
    }
    e.finish()?;
    let now = time::now();
    let row = ActivityRow {
        id: time::new_id(),
        participant_id: enrolment.participant_id.clone(),
        enrolment_id: enrolment.id,
        kind: f.kind.as_str().into(),
        provider_employer_id: employer,
        provider_name: f.provider_name,
        start_date: f.start_date,
        planned_end: f.planned_end,
        actual_end: None,
        status: ActivityStatus::Planned.as_str().into(),
        end_reason: None,
        led_to_employment: false,
        note: f.note,
        created_by: ctx.user.staff_id.clone(),
        created_at: now,
        updated_at: now,
        version: 1,
        external_id: v.external_id,
    };
    let hours = v.hours_per_week.map(|h| HoursRow {
        id: time::new_id(),
        activity_id: row.id.clone(),
        from_date: row.start_date,
        hours_per_week: h,
        recorded_by: ctx.user.staff_id.clone(),
        created_at: now,
    });
    Ok((row, hours))
}

/// `row` with the edited fields, checked against its end, its hours and its agreement (the
/// caller has authorised it, checks the version and writes): `PUT /activities/{id}` and the
/// import alike.
pub(crate) fn changed_activity(
    ctx: &mut Ctx<'_>,
    mut row: ActivityRow,
    f: ActivityFields,
) -> ApiResult<ActivityRow> {
    let employer = check_employer(ctx, f.provider_employer_id)?;
    let mut e = Errors::default();
    if row.actual_end.is_some_and(|end| f.start_date > end) {
        e.add("start_date", "must not be after the activity's end");
    }
    if let Some(first) = ctx.store.hours_of(&row.id)?.first()
        && f.start_date > first.from_date
    {
        e.add(
            "start_date",
            format!(
                "must not be after the first hours step ({})",
                first.from_date
            ),
        );
    }
    e.finish()?;
    if f.kind != ActivityKind::Internship && ctx.store.agreement_of_activity(&row.id)?.is_some() {
        return Err(ApiError::conflict(
            "the activity has an internship agreement and must stay an internship",
        ));
    }
    row.kind = f.kind.as_str().into();
    row.provider_employer_id = employer;
    row.provider_name = f.provider_name;
    row.start_date = f.start_date;
    row.planned_end = f.planned_end;
    row.note = f.note;
    Ok(row)
}

fn check_employer(ctx: &mut Ctx<'_>, employer: Option<uuid::Uuid>) -> ApiResult<Option<String>> {
    match employer {
        None => Ok(None),
        Some(id) => {
            let id = id.to_string();
            ctx.store
                .get_employer(&id)?
                .ok_or_else(|| missing("provider_employer_id", "employer"))?;
            Ok(Some(id))
        }
    }
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ActivityQuery {
    limit: Option<i64>,
    offset: Option<i64>,
    participant_id: Option<uuid::Uuid>,
    enrolment_id: Option<uuid::Uuid>,
    /// Placements with this employer.
    employer_id: Option<uuid::Uuid>,
    status: Option<ActivityStatus>,
}

/// List the activities of participants you may see, newest start first (each audited).
#[utoipa::path(tag = "work", params(ActivityQuery), responses((status = 200, body = ActivityList)), security(("bearer" = [])))]
#[get("")]
async fn list_activities(
    state: web::Data<AppState>,
    user: CurrentUser,
    ApiQuery(q): ApiQuery<ActivityQuery>,
) -> ApiResult<HttpResponse> {
    let (limit, offset) = paging(q.limit, q.offset)?;
    let mut filter = WorkFilter::new(
        policy::participant_scope(&user, state.today())?,
        limit,
        offset,
    );
    filter.participant_id = q.participant_id.map(|p| p.to_string());
    filter.enrolment_id = q.enrolment_id.map(|p| p.to_string());
    filter.employer_id = q.employer_id.map(|p| p.to_string());
    filter.status = q.status.map(|s| s.as_str().to_owned());
    let (items, total) = run(&state, user, "activity", Action::List, move |ctx| {
        let (rows, total) = ctx.store.list_activities(&filter)?;
        let mut items = Vec::new();
        for r in rows {
            ctx.audit(Some(&r.id), &r.participant_id);
            items.push(view(ctx, r)?);
        }
        Ok((items, total))
    })
    .await?;
    Ok(HttpResponse::Ok().json(ActivityList {
        items,
        total,
        limit,
        offset,
    }))
}

/// Plan an activity within an enrolment (status `planned`). 422 for hours outside 1–40, a start
/// outside the enrolment, an internship without an employer, or a missing provider.
#[utoipa::path(tag = "work", request_body = ActivityInput,
    responses((status = 201, body = ActivityView, headers(("Location" = String)))), security(("bearer" = [])))]
#[post("")]
async fn create_activity(
    state: web::Data<AppState>,
    user: CurrentUser,
    ApiJson(input): ApiJson<ActivityInput>,
) -> ApiResult<HttpResponse> {
    let valid = validate_activity(input)?;
    let v = run(&state, user, "activity", Action::Create, move |ctx| {
        let (row, hours) = new_activity(ctx, valid)?;
        ctx.store.insert_activity(&row)?;
        if let Some(hours) = &hours {
            ctx.store.insert_hours(hours)?;
        }
        ctx.audit(Some(&row.id), &row.participant_id);
        view(ctx, row)
    })
    .await?;
    Ok(HttpResponse::Created()
        .insert_header((header::LOCATION, format!("/api/v1/activities/{}", v.id)))
        .insert_header(etag(v.version))
        .json(v))
}

/// Read one activity (audited).
#[utoipa::path(tag = "work", params(("id" = uuid::Uuid, Path)),
    responses((status = 200, body = ActivityView), (status = 404, body = crate::error::Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
#[get("/{id}")]
async fn get_activity(
    state: web::Data<AppState>,
    user: CurrentUser,
    id: web::Path<uuid::Uuid>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner().to_string();
    let v = run(&state, user, "activity", Action::Read, move |ctx| {
        let row = super::activity(ctx, &id, false)?;
        ctx.audit(Some(&id), &row.participant_id);
        view(ctx, row)
    })
    .await?;
    Ok(HttpResponse::Ok().insert_header(etag(v.version)).json(v))
}

/// Edit an activity's kind, provider, dates and note (409 when an internship with an agreement
/// would stop being an internship).
#[utoipa::path(tag = "work", params(("id" = uuid::Uuid, Path)), request_body = ActivityUpdate,
    responses((status = 200, body = ActivityView), (status = 409, body = crate::error::Problem, content_type = "application/problem+json"), (status = 412, body = crate::error::Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
#[put("/{id}")]
async fn update_activity(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: CurrentUser,
    id: web::Path<uuid::Uuid>,
    ApiJson(body): ApiJson<serde_json::Value>,
) -> ApiResult<HttpResponse> {
    let (input, v): (ActivityUpdate, _) = parse_versioned(body)?;
    let version = expected_version(&req, v)?;
    let fields = validate_fields(
        input.kind,
        input.provider_employer_id,
        input.provider_name,
        input.start_date,
        input.planned_end,
        input.note,
    )?;
    let id = id.into_inner().to_string();
    let v = run(&state, user, "activity", Action::Update, move |ctx| {
        let row = super::activity(ctx, &id, true)?;
        let mut row = changed_activity(ctx, row, fields)?;
        row.updated_at = time::now();
        row.version = version + 1;
        ctx.store.update_activity(version, &row)?;
        ctx.audit(Some(&id), &row.participant_id);
        view(ctx, row)
    })
    .await?;
    Ok(HttpResponse::Ok().insert_header(etag(v.version)).json(v))
}

/// Start a planned activity.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"started_on": "2012-03-01", "version": 1}))]
pub struct StartActivity {
    #[serde(default)]
    pub version: Option<i32>,
    /// The actual start (defaults to today; not in the future).
    #[serde(default)]
    pub started_on: Option<NaiveDate>,
}

/// Complete an ongoing activity, or end a planned or ongoing one early.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"ended_on": "2012-03-20", "reason": "Deltagaren återföll och avbröt", "version": 2}))]
pub struct EndActivity {
    #[serde(default)]
    pub version: Option<i32>,
    /// The actual end (defaults to today; not before the start, not in the future).
    #[serde(default)]
    pub ended_on: Option<NaiveDate>,
    /// Required when ending early.
    #[serde(default)]
    pub reason: Option<String>,
}

/// Applies a state change; `date` is the start (Start) or the end.
fn change_state(
    ctx: &mut Ctx<'_>,
    id: &str,
    version: i32,
    action: ActivityAction,
    date: Option<NaiveDate>,
    reason: Option<String>,
) -> ApiResult<ActivityView> {
    let mut row = super::activity(ctx, id, true)?;
    let from: ActivityStatus = code(&row.status, "activities.status")?;
    let to = transition(from, action).map_err(|e| ApiError::conflict(e.to_string()))?;
    let day = date.unwrap_or(ctx.today);
    let mut e = Errors::default();
    let field = if action == ActivityAction::Start {
        "started_on"
    } else {
        "ended_on"
    };
    e.not_future(field, Some(day), ctx.today);
    let reason = e.text("reason", reason, 2000);
    match action {
        ActivityAction::Start => {
            if row.planned_end.is_some_and(|p| day > p) {
                e.add("started_on", "must not be after the planned end");
            }
            row.start_date = day;
        }
        ActivityAction::Complete | ActivityAction::EndEarly => {
            if action == ActivityAction::EndEarly && reason.is_none() {
                e.add("reason", "is required when ending early");
            }
            // A planned activity that is called off never ran: it gets no actual end.
            if from.has_started() {
                if day < row.start_date {
                    e.add("ended_on", "must not be before the start");
                }
                row.actual_end = Some(day);
            }
            row.end_reason = reason;
        }
    }
    e.finish()?;
    if row.version != version {
        return Err(ApiError::Stale {
            current_version: row.version,
        });
    }
    row.status = to.as_str().into();
    row.updated_at = time::now();
    row.version = version + 1;
    ctx.store.update_activity(version, &row)?;
    ctx.audit(Some(id), &row.participant_id);
    view(ctx, row)
}

/// Start a planned activity (409 unless planned).
#[utoipa::path(tag = "work", params(("id" = uuid::Uuid, Path)), request_body = StartActivity,
    responses((status = 200, body = ActivityView), (status = 409, body = crate::error::Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
#[post("/{id}/start")]
async fn start_activity(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: CurrentUser,
    id: web::Path<uuid::Uuid>,
    ApiJson(body): ApiJson<StartActivity>,
) -> ApiResult<HttpResponse> {
    let version = expected_version(&req, body.version)?;
    let id = id.into_inner().to_string();
    let v = run(&state, user, "activity", Action::Update, move |ctx| {
        change_state(
            ctx,
            &id,
            version,
            ActivityAction::Start,
            body.started_on,
            None,
        )
    })
    .await?;
    Ok(HttpResponse::Ok().insert_header(etag(v.version)).json(v))
}

/// Complete an ongoing activity (409 unless ongoing).
#[utoipa::path(tag = "work", params(("id" = uuid::Uuid, Path)), request_body = EndActivity,
    responses((status = 200, body = ActivityView), (status = 409, body = crate::error::Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
#[post("/{id}/complete")]
async fn complete_activity(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: CurrentUser,
    id: web::Path<uuid::Uuid>,
    ApiJson(body): ApiJson<EndActivity>,
) -> ApiResult<HttpResponse> {
    let version = expected_version(&req, body.version)?;
    let id = id.into_inner().to_string();
    let v = run(&state, user, "activity", Action::Close, move |ctx| {
        change_state(
            ctx,
            &id,
            version,
            ActivityAction::Complete,
            body.ended_on,
            body.reason,
        )
    })
    .await?;
    Ok(HttpResponse::Ok().insert_header(etag(v.version)).json(v))
}

/// End a planned or ongoing activity early, with a reason (409 if already ended).
#[utoipa::path(tag = "work", params(("id" = uuid::Uuid, Path)), request_body = EndActivity,
    responses((status = 200, body = ActivityView), (status = 409, body = crate::error::Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
#[post("/{id}/end-early")]
async fn end_activity_early(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: CurrentUser,
    id: web::Path<uuid::Uuid>,
    ApiJson(body): ApiJson<EndActivity>,
) -> ApiResult<HttpResponse> {
    let version = expected_version(&req, body.version)?;
    let id = id.into_inner().to_string();
    let v = run(&state, user, "activity", Action::Close, move |ctx| {
        change_state(
            ctx,
            &id,
            version,
            ActivityAction::EndEarly,
            body.ended_on,
            body.reason,
        )
    })
    .await?;
    Ok(HttpResponse::Ok().insert_header(etag(v.version)).json(v))
}

/// A change of hours per week from a date (a step-up).
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"from": "2012-03-15", "hours_per_week": 20}))]
pub struct HoursInput {
    /// After every earlier change; within the activity.
    pub from: NaiveDate,
    /// 1–40.
    pub hours_per_week: i32,
}

/// Record a change of hours per week (422 outside 1–40, before the last change or outside the
/// activity's dates).
#[utoipa::path(tag = "work", params(("id" = uuid::Uuid, Path)), request_body = HoursInput,
    responses((status = 200, body = ActivityView)), security(("bearer" = [])))]
#[post("/{id}/hours")]
async fn change_activity_hours(
    state: web::Data<AppState>,
    user: CurrentUser,
    id: web::Path<uuid::Uuid>,
    ApiJson(input): ApiJson<HoursInput>,
) -> ApiResult<HttpResponse> {
    if let Err(m) = check_hours(input.hours_per_week) {
        return Err(ApiError::field("hours_per_week", m));
    }
    let id = id.into_inner().to_string();
    let v = run(&state, user, "activity", Action::Update, move |ctx| {
        let row = super::activity(ctx, &id, true)?;
        let timeline: Vec<HoursChange> = ctx
            .store
            .hours_of(&id)?
            .into_iter()
            .map(|h| HoursChange {
                from: h.from_date,
                hours_per_week: h.hours_per_week,
            })
            .collect();
        let change = HoursChange {
            from: input.from,
            hours_per_week: input.hours_per_week,
        };
        let mut e = Errors::default();
        let end = row.actual_end;
        for p in check_hours_change(&timeline, row.start_date, end, change) {
            e.add(p.field, p.message);
        }
        e.finish()?;
        ctx.store.insert_hours(&HoursRow {
            id: time::new_id(),
            activity_id: id.clone(),
            from_date: input.from,
            hours_per_week: input.hours_per_week,
            recorded_by: ctx.user.staff_id.clone(),
            created_at: time::now(),
        })?;
        ctx.audit(Some(&id), &row.participant_id);
        view(ctx, row)
    })
    .await?;
    Ok(HttpResponse::Ok().insert_header(etag(v.version)).json(v))
}
