//! Employment outcomes (`/employment-outcomes`), hand-overs when no job follows (`/handovers`),
//! study visits before an internship (`/study-visits`) and a participant's main activity in a
//! period (`/participants/{id}/main-activity`).

use actix_web::http::header;
use actix_web::{HttpResponse, get, post, web};
use chrono::{DateTime, NaiveDate, Utc};
use domain::activity::{ActivityStatus, EmploymentKind, HandoverKind, check_hours};
use domain::main_activity::{ActivitySpan, MainActivity, main_activity};
use domain::period::Period;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_actix_web::service_config::ServiceConfig;

use crate::app::AppState;
use crate::audit::Action;
use crate::auth::CurrentUser;
use crate::auth::policy;
use crate::error::{ApiError, ApiResult};
use crate::extract::{ApiJson, ApiQuery};
use crate::routes::scoped::{Errors, code, missing, run};
use crate::routes::{etag, list_envelope, paging, utc};
use crate::store::time;
use crate::store::work::{HandoverRow, OutcomeRow, StudyVisitRow, WorkFilter};

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(
        utoipa_actix_web::scope("/employment-outcomes")
            .service(list_employment_outcomes)
            .service(create_employment_outcome)
            .service(get_employment_outcome),
    )
    .service(
        utoipa_actix_web::scope("/handovers")
            .service(list_handovers)
            .service(create_handover)
            .service(get_handover),
    )
    .service(
        utoipa_actix_web::scope("/study-visits")
            .service(list_study_visits)
            .service(create_study_visit)
            .service(get_study_visit),
    );
}

/// Full paths under `/participants/{id}/…`; registered before the participants scope.
pub fn configure_main_activity(cfg: &mut ServiceConfig) {
    cfg.service(participant_main_activity);
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct WorkListQuery {
    limit: Option<i64>,
    offset: Option<i64>,
    participant_id: Option<uuid::Uuid>,
}

fn filter(
    state: &AppState,
    user: &CurrentUser,
    q: WorkListQuery,
) -> ApiResult<(WorkFilter, i64, i64)> {
    let (limit, offset) = paging(q.limit, q.offset)?;
    let mut f = WorkFilter::new(
        policy::participant_scope(user, state.today())?,
        limit,
        offset,
    );
    f.participant_id = q.participant_id.map(|p| p.to_string());
    Ok((f, limit, offset))
}

// ---------------------------------------------------------------- employment outcomes

/// The job an activity led to.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"activity_id": "01936f4e-9a00-7b3c-8d2e-0a1b2c3d4e71", "kind": "nystartsjobb",
    "start_date": "2012-07-01", "hours_per_week": 30, "employment_service_contact": "Handläggare på AF Liljeholmen"}))]
pub struct OutcomeInput {
    /// An activity that has started.
    pub activity_id: uuid::Uuid,
    pub kind: EmploymentKind,
    /// Defaults to the activity's employer.
    #[serde(default)]
    pub employer_id: Option<uuid::Uuid>,
    /// An employer that is not registered.
    #[serde(default)]
    pub employer_name: Option<String>,
    /// Not before the activity's start.
    pub start_date: NaiveDate,
    /// 1–40.
    pub hours_per_week: i32,
    /// The employment-support contact at Arbetsförmedlingen, if any.
    #[serde(default)]
    pub employment_service_contact: Option<String>,
    #[serde(default)]
    pub note: Option<String>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(example = json!({"id": "01936f4e-9a00-7b3c-8d2e-0a1b2c3d4e75", "activity_id": "01936f4e-9a00-7b3c-8d2e-0a1b2c3d4e71",
    "participant_id": "01936f4e-9a00-7b3c-8d2e-0a1b2c3d4e5f", "kind": "nystartsjobb",
    "employer_id": "01936f4e-9a00-7b3c-8d2e-0a1b2c3d4e70", "employer_name": null, "start_date": "2012-07-01",
    "hours_per_week": 30, "employment_service_contact": "Handläggare på AF Liljeholmen", "note": null,
    "created_at": "2026-11-25T09:30:00Z", "updated_at": "2026-11-25T09:30:00Z", "version": 1}))]
pub struct OutcomeView {
    pub id: String,
    pub activity_id: String,
    pub participant_id: String,
    pub kind: EmploymentKind,
    pub employer_id: Option<String>,
    pub employer_name: Option<String>,
    pub start_date: NaiveDate,
    pub hours_per_week: i32,
    pub employment_service_contact: Option<String>,
    pub note: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i32,
}

list_envelope!(OutcomeList, OutcomeView);

fn outcome_view(r: OutcomeRow) -> ApiResult<OutcomeView> {
    Ok(OutcomeView {
        kind: code(&r.kind, "employment_outcomes.kind")?,
        created_at: utc(r.created_at),
        updated_at: utc(r.updated_at),
        id: r.id,
        activity_id: r.activity_id,
        participant_id: r.participant_id,
        employer_id: r.employer_id,
        employer_name: r.employer_name,
        start_date: r.start_date,
        hours_per_week: r.hours_per_week,
        employment_service_contact: r.employment_service_contact,
        note: r.note,
        version: r.version,
    })
}

/// Employment outcomes of participants you may see (each audited).
#[utoipa::path(tag = "work", params(WorkListQuery), responses((status = 200, body = OutcomeList)), security(("bearer" = [])))]
#[get("")]
async fn list_employment_outcomes(
    state: web::Data<AppState>,
    user: CurrentUser,
    ApiQuery(q): ApiQuery<WorkListQuery>,
) -> ApiResult<HttpResponse> {
    let (f, limit, offset) = filter(&state, &user, q)?;
    let (rows, total) = run(
        &state,
        user,
        "employment_outcome",
        Action::List,
        move |ctx| {
            let (rows, total) = ctx.store.list_outcomes(&f)?;
            for r in &rows {
                ctx.audit(Some(&r.id), &r.participant_id);
            }
            Ok((rows, total))
        },
    )
    .await?;
    Ok(HttpResponse::Ok().json(OutcomeList {
        items: rows
            .into_iter()
            .map(outcome_view)
            .collect::<ApiResult<_>>()?,
        total,
        limit,
        offset,
    }))
}

/// Record the job an activity led to; marks the activity as having led to employment. 409 if the
/// activity has not started or already has an outcome; 422 for hours outside 1–40.
#[utoipa::path(tag = "work", request_body = OutcomeInput,
    responses((status = 201, body = OutcomeView, headers(("Location" = String))),
        (status = 409, body = crate::error::Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
#[post("")]
async fn create_employment_outcome(
    state: web::Data<AppState>,
    user: CurrentUser,
    ApiJson(input): ApiJson<OutcomeInput>,
) -> ApiResult<HttpResponse> {
    let mut e = Errors::default();
    let employer_name = e.text("employer_name", input.employer_name, 200);
    let contact = e.text(
        "employment_service_contact",
        input.employment_service_contact,
        300,
    );
    let note = e.text("note", input.note, 4000);
    if let Err(m) = check_hours(input.hours_per_week) {
        e.add("hours_per_week", m);
    }
    e.finish()?;
    let row = run(
        &state,
        user,
        "employment_outcome",
        Action::Create,
        move |ctx| {
            let activity_id = input.activity_id.to_string();
            let mut activity = ctx
                .store
                .get_activity(&activity_id)?
                .ok_or_else(|| missing("activity_id", "activity"))?;
            super::participant(ctx, &activity.participant_id, true)?;
            let employer_id = match input.employer_id {
                Some(id) => Some(
                    ctx.store
                        .get_employer(&id.to_string())?
                        .ok_or_else(|| missing("employer_id", "employer"))?
                        .id,
                ),
                None if employer_name.is_none() => activity.provider_employer_id.clone(),
                None => None,
            };
            let mut e = Errors::default();
            if employer_id.is_none() && employer_name.is_none() {
                e.add("employer_id", "give the employer (registered or by name)");
            }
            if input.start_date < activity.start_date {
                e.add("start_date", "must not be before the activity's start");
            }
            e.finish()?;
            let status: ActivityStatus = code(&activity.status, "activities.status")?;
            let never_ran = status != ActivityStatus::Ongoing && activity.actual_end.is_none();
            if !status.has_started() || never_ran {
                return Err(ApiError::conflict(
                    "the activity has not started; an employment outcome follows a started activity",
                ));
            }
            if let Some(existing) = ctx.store.outcome_of_activity(&activity_id)? {
                return Err(ApiError::Duplicate {
                    detail: "the activity already has an employment outcome".into(),
                    existing_id: existing.id,
                });
            }
            let now = time::now();
            let row = OutcomeRow {
                id: time::new_id(),
                activity_id: activity_id.clone(),
                participant_id: activity.participant_id.clone(),
                kind: input.kind.as_str().into(),
                employer_id,
                employer_name,
                start_date: input.start_date,
                hours_per_week: input.hours_per_week,
                employment_service_contact: contact,
                note,
                created_by: ctx.user.staff_id.clone(),
                created_at: now,
                updated_at: now,
                version: 1,
            };
            ctx.store.insert_outcome(&row)?;
            if !activity.led_to_employment {
                let v = activity.version;
                activity.led_to_employment = true;
                activity.updated_at = now;
                activity.version = v + 1;
                ctx.store.update_activity(v, &activity)?;
                ctx.audit_as(Action::Update, "activity", Some(&activity_id), &row.participant_id);
            }
            ctx.audit(Some(&row.id), &row.participant_id);
            Ok(row)
        },
    )
    .await?;
    Ok(HttpResponse::Created()
        .insert_header((
            header::LOCATION,
            format!("/api/v1/employment-outcomes/{}", row.id),
        ))
        .insert_header(etag(row.version))
        .json(outcome_view(row)?))
}

/// Read one employment outcome (audited).
#[utoipa::path(tag = "work", params(("id" = uuid::Uuid, Path)),
    responses((status = 200, body = OutcomeView), (status = 404, body = crate::error::Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
#[get("/{id}")]
async fn get_employment_outcome(
    state: web::Data<AppState>,
    user: CurrentUser,
    id: web::Path<uuid::Uuid>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner().to_string();
    let row = run(
        &state,
        user,
        "employment_outcome",
        Action::Read,
        move |ctx| {
            let row = ctx
                .store
                .get_outcome(&id)?
                .ok_or_else(|| ApiError::not_found("employment outcome"))?;
            super::participant(ctx, &row.participant_id, false)?;
            ctx.audit(Some(&id), &row.participant_id);
            Ok(row)
        },
    )
    .await?;
    Ok(HttpResponse::Ok()
        .insert_header(etag(row.version))
        .json(outcome_view(row)?))
}

// ---------------------------------------------------------------- hand-overs

/// Where the participant continues when no job follows.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"participant_id": "01936f4e-9a00-7b3c-8d2e-0a1b2c3d4e5f", "enrolment_id": "01936f4e-9a00-7b3c-8d2e-0a1b2c3d4e61",
    "kind": "jobbtorg_resurs", "handed_over_on": "2012-11-15", "note": "Gemensamt möte med Jobbtorg Resurs"}))]
pub struct HandoverInput {
    pub participant_id: uuid::Uuid,
    /// The enrolment it ends, if any (the participant's own).
    #[serde(default)]
    pub enrolment_id: Option<uuid::Uuid>,
    pub kind: HandoverKind,
    /// Not in the future.
    pub handed_over_on: NaiveDate,
    /// Required for `other`.
    #[serde(default)]
    pub note: Option<String>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(example = json!({"id": "01936f4e-9a00-7b3c-8d2e-0a1b2c3d4e76", "participant_id": "01936f4e-9a00-7b3c-8d2e-0a1b2c3d4e5f",
    "enrolment_id": "01936f4e-9a00-7b3c-8d2e-0a1b2c3d4e61", "kind": "jobbtorg_resurs", "handed_over_on": "2012-11-15",
    "note": null, "created_by": "01936f4e-8b1c-7d2a-9c3e-1f2a3b4c5d70", "created_at": "2026-11-25T09:30:00Z",
    "updated_at": "2026-11-25T09:30:00Z", "version": 1}))]
pub struct HandoverView {
    pub id: String,
    pub participant_id: String,
    pub enrolment_id: Option<String>,
    pub kind: HandoverKind,
    pub handed_over_on: NaiveDate,
    pub note: Option<String>,
    pub created_by: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i32,
}

list_envelope!(HandoverList, HandoverView);

fn handover_view(r: HandoverRow) -> ApiResult<HandoverView> {
    Ok(HandoverView {
        kind: code(&r.kind, "handovers.kind")?,
        created_at: utc(r.created_at),
        updated_at: utc(r.updated_at),
        id: r.id,
        participant_id: r.participant_id,
        enrolment_id: r.enrolment_id,
        handed_over_on: r.handed_over_on,
        note: r.note,
        created_by: r.created_by,
        version: r.version,
    })
}

/// Hand-overs of participants you may see (each audited).
#[utoipa::path(tag = "work", params(WorkListQuery), responses((status = 200, body = HandoverList)), security(("bearer" = [])))]
#[get("")]
async fn list_handovers(
    state: web::Data<AppState>,
    user: CurrentUser,
    ApiQuery(q): ApiQuery<WorkListQuery>,
) -> ApiResult<HttpResponse> {
    let (f, limit, offset) = filter(&state, &user, q)?;
    let (rows, total) = run(&state, user, "handover", Action::List, move |ctx| {
        let (rows, total) = ctx.store.list_handovers(&f)?;
        for r in &rows {
            ctx.audit(Some(&r.id), &r.participant_id);
        }
        Ok((rows, total))
    })
    .await?;
    Ok(HttpResponse::Ok().json(HandoverList {
        items: rows
            .into_iter()
            .map(handover_view)
            .collect::<ApiResult<_>>()?,
        total,
        limit,
        offset,
    }))
}

/// Record the hand-over (AF by self or at a joint meeting, Jobbtorg, Jobbtorg Resurs, other).
#[utoipa::path(tag = "work", request_body = HandoverInput,
    responses((status = 201, body = HandoverView, headers(("Location" = String)))), security(("bearer" = [])))]
#[post("")]
async fn create_handover(
    state: web::Data<AppState>,
    user: CurrentUser,
    ApiJson(input): ApiJson<HandoverInput>,
) -> ApiResult<HttpResponse> {
    let mut e = Errors::default();
    let note = e.text("note", input.note, 4000);
    e.not_future("handed_over_on", Some(input.handed_over_on), state.today());
    if input.kind == HandoverKind::Other && note.is_none() {
        e.add("note", "describe the continuation");
    }
    e.finish()?;
    let row = run(&state, user, "handover", Action::Create, move |ctx| {
        let pid = input.participant_id.to_string();
        super::participant(ctx, &pid, true)?;
        let enrolment_id = match input.enrolment_id {
            None => None,
            Some(id) => {
                let en = ctx
                    .store
                    .get_enrolment(&id.to_string())?
                    .filter(|en| en.participant_id == pid)
                    .ok_or_else(|| missing("enrolment_id", "enrolment of this participant"))?;
                Some(en.id)
            }
        };
        let now = time::now();
        let row = HandoverRow {
            id: time::new_id(),
            participant_id: pid.clone(),
            enrolment_id,
            kind: input.kind.as_str().into(),
            handed_over_on: input.handed_over_on,
            note,
            created_by: ctx.user.staff_id.clone(),
            created_at: now,
            updated_at: now,
            version: 1,
        };
        ctx.store.insert_handover(&row)?;
        ctx.audit(Some(&row.id), &pid);
        Ok(row)
    })
    .await?;
    Ok(HttpResponse::Created()
        .insert_header((header::LOCATION, format!("/api/v1/handovers/{}", row.id)))
        .insert_header(etag(row.version))
        .json(handover_view(row)?))
}

/// Read one hand-over (audited).
#[utoipa::path(tag = "work", params(("id" = uuid::Uuid, Path)),
    responses((status = 200, body = HandoverView), (status = 404, body = crate::error::Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
#[get("/{id}")]
async fn get_handover(
    state: web::Data<AppState>,
    user: CurrentUser,
    id: web::Path<uuid::Uuid>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner().to_string();
    let row = run(&state, user, "handover", Action::Read, move |ctx| {
        let row = ctx
            .store
            .get_handover(&id)?
            .ok_or_else(|| ApiError::not_found("handover"))?;
        super::participant(ctx, &row.participant_id, false)?;
        ctx.audit(Some(&id), &row.participant_id);
        Ok(row)
    })
    .await?;
    Ok(HttpResponse::Ok()
        .insert_header(etag(row.version))
        .json(handover_view(row)?))
}

// ---------------------------------------------------------------- study visits

/// A study visit: participant, employer and consultant meet before an agreement.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"participant_id": "01936f4e-9a00-7b3c-8d2e-0a1b2c3d4e5f", "employer_id": "01936f4e-9a00-7b3c-8d2e-0a1b2c3d4e70",
    "visited_on": "2012-02-20", "note": "Positivt möte; praktik kan börja 1 mars"}))]
pub struct StudyVisitInput {
    pub participant_id: uuid::Uuid,
    pub employer_id: uuid::Uuid,
    /// May be in the future (a booked visit).
    pub visited_on: NaiveDate,
    #[serde(default)]
    pub note: Option<String>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(example = json!({"id": "01936f4e-9a00-7b3c-8d2e-0a1b2c3d4e77", "participant_id": "01936f4e-9a00-7b3c-8d2e-0a1b2c3d4e5f",
    "employer_id": "01936f4e-9a00-7b3c-8d2e-0a1b2c3d4e70", "visited_on": "2012-02-20", "staff_id": "01936f4e-8b1c-7d2a-9c3e-1f2a3b4c5d70",
    "note": null, "created_at": "2026-11-25T09:30:00Z", "updated_at": "2026-11-25T09:30:00Z", "version": 1}))]
pub struct StudyVisitView {
    pub id: String,
    pub participant_id: String,
    pub employer_id: String,
    pub visited_on: NaiveDate,
    /// The consultant who took part.
    pub staff_id: String,
    pub note: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i32,
}

list_envelope!(StudyVisitList, StudyVisitView);

fn visit_view(r: StudyVisitRow) -> StudyVisitView {
    StudyVisitView {
        created_at: utc(r.created_at),
        updated_at: utc(r.updated_at),
        id: r.id,
        participant_id: r.participant_id,
        employer_id: r.employer_id,
        visited_on: r.visited_on,
        staff_id: r.staff_id,
        note: r.note,
        version: r.version,
    }
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct StudyVisitQuery {
    limit: Option<i64>,
    offset: Option<i64>,
    participant_id: Option<uuid::Uuid>,
    employer_id: Option<uuid::Uuid>,
}

/// Study visits of participants you may see, newest first (each audited).
#[utoipa::path(tag = "work", params(StudyVisitQuery), responses((status = 200, body = StudyVisitList)), security(("bearer" = [])))]
#[get("")]
async fn list_study_visits(
    state: web::Data<AppState>,
    user: CurrentUser,
    ApiQuery(q): ApiQuery<StudyVisitQuery>,
) -> ApiResult<HttpResponse> {
    let employer_id = q.employer_id.map(|e| e.to_string());
    let (mut f, limit, offset) = filter(
        &state,
        &user,
        WorkListQuery {
            limit: q.limit,
            offset: q.offset,
            participant_id: q.participant_id,
        },
    )?;
    f.employer_id = employer_id;
    let (rows, total) = run(&state, user, "study_visit", Action::List, move |ctx| {
        let (rows, total) = ctx.store.list_study_visits(&f)?;
        for r in &rows {
            ctx.audit(Some(&r.id), &r.participant_id);
        }
        Ok((rows, total))
    })
    .await?;
    Ok(HttpResponse::Ok().json(StudyVisitList {
        items: rows.into_iter().map(visit_view).collect(),
        total,
        limit,
        offset,
    }))
}

/// Record a study visit (you are the consultant who took part).
#[utoipa::path(tag = "work", request_body = StudyVisitInput,
    responses((status = 201, body = StudyVisitView, headers(("Location" = String)))), security(("bearer" = [])))]
#[post("")]
async fn create_study_visit(
    state: web::Data<AppState>,
    user: CurrentUser,
    ApiJson(input): ApiJson<StudyVisitInput>,
) -> ApiResult<HttpResponse> {
    let mut e = Errors::default();
    let note = e.text("note", input.note, 4000);
    e.finish()?;
    let row = run(&state, user, "study_visit", Action::Create, move |ctx| {
        let pid = input.participant_id.to_string();
        super::participant(ctx, &pid, true)?;
        let employer = ctx
            .store
            .get_employer(&input.employer_id.to_string())?
            .ok_or_else(|| missing("employer_id", "employer"))?;
        let now = time::now();
        let row = StudyVisitRow {
            id: time::new_id(),
            participant_id: pid.clone(),
            employer_id: employer.id,
            visited_on: input.visited_on,
            staff_id: ctx.user.staff_id.clone(),
            note,
            created_at: now,
            updated_at: now,
            version: 1,
        };
        ctx.store.insert_study_visit(&row)?;
        ctx.audit(Some(&row.id), &pid);
        Ok(row)
    })
    .await?;
    Ok(HttpResponse::Created()
        .insert_header((header::LOCATION, format!("/api/v1/study-visits/{}", row.id)))
        .insert_header(etag(row.version))
        .json(visit_view(row)))
}

/// Read one study visit (audited).
#[utoipa::path(tag = "work", params(("id" = uuid::Uuid, Path)),
    responses((status = 200, body = StudyVisitView), (status = 404, body = crate::error::Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
#[get("/{id}")]
async fn get_study_visit(
    state: web::Data<AppState>,
    user: CurrentUser,
    id: web::Path<uuid::Uuid>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner().to_string();
    let row = run(&state, user, "study_visit", Action::Read, move |ctx| {
        let row = ctx
            .store
            .get_study_visit(&id)?
            .ok_or_else(|| ApiError::not_found("study visit"))?;
        super::participant(ctx, &row.participant_id, false)?;
        ctx.audit(Some(&id), &row.participant_id);
        Ok(row)
    })
    .await?;
    Ok(HttpResponse::Ok()
        .insert_header(etag(row.version))
        .json(visit_view(row)))
}

// ---------------------------------------------------------------- main activity

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct MainActivityQuery {
    /// `2012-T3`, `2012`, `2012-05` or `2012-01-01..2012-04-30`; or give `from` and `to`.
    period: Option<String>,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
}

/// Days of activity in one category.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(example = json!({"category": "internship", "days": 122}))]
pub struct CategoryDays {
    pub category: MainActivity,
    pub days: i64,
}

/// A participant's main activity in a period, as the final report uses it (see
/// `domain::main_activity` for the rules and the tie-break).
#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(example = json!({"participant_id": "01936f4e-9a00-7b3c-8d2e-0a1b2c3d4e5f", "period": {"from": "2012-01-01", "to": "2012-12-31"},
    "main_activity": "internship", "days": [{"category": "internship", "days": 122}, {"category": "preparatory", "days": 60}]}))]
pub struct MainActivityView {
    pub participant_id: String,
    pub period: Period,
    pub main_activity: MainActivity,
    /// Days per category in the period, in the report's order (categories without days omitted).
    pub days: Vec<CategoryDays>,
}

/// The main activity of a participant in a period (the kind that took most of their time; an
/// internship that led to employment is its own category). Ongoing activities count up to today.
#[utoipa::path(tag = "work", params(("id" = uuid::Uuid, Path, description = "Participant id"), MainActivityQuery),
    responses((status = 200, body = MainActivityView)), security(("bearer" = [])))]
#[get("/participants/{id}/main-activity")]
async fn participant_main_activity(
    state: web::Data<AppState>,
    user: CurrentUser,
    id: web::Path<uuid::Uuid>,
    ApiQuery(q): ApiQuery<MainActivityQuery>,
) -> ApiResult<HttpResponse> {
    let period = match (q.period, q.from, q.to) {
        (Some(p), None, None) => {
            Period::parse(&p).map_err(|e| ApiError::field("period", e.to_string()))?
        }
        (None, Some(from), Some(to)) => {
            Period::new(from, to).map_err(|e| ApiError::field("to", e.to_string()))?
        }
        _ => {
            return Err(ApiError::field(
                "period",
                "give either `period` or both `from` and `to`",
            ));
        }
    };
    let id = id.into_inner().to_string();
    let v = run(&state, user, "main_activity", Action::Read, move |ctx| {
        super::participant(ctx, &id, false)?;
        let mut spans = Vec::new();
        for a in ctx.store.activities_of(&id)? {
            spans.push(ActivitySpan {
                kind: code(&a.kind, "activities.kind")?,
                status: code(&a.status, "activities.status")?,
                led_to_employment: a.led_to_employment,
                start: a.start_date,
                end: a.actual_end,
            });
        }
        let r = main_activity(&spans, period, ctx.today);
        ctx.audit(None, &id);
        Ok(MainActivityView {
            participant_id: id,
            period,
            main_activity: r.main_activity,
            days: r
                .days
                .into_iter()
                .map(|(category, days)| CategoryDays { category, days })
                .collect(),
        })
    })
    .await?;
    Ok(HttpResponse::Ok().json(v))
}
