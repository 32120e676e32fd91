//! `/api/v1/enrolments`: a participant's enrolment (inskrivning) in a programme, its end with a
//! status from the programme's list, and its mapping (`/enrolments/{id}/mapping`, see `mapping.rs`).

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, get, post, put, web};
use chrono::{DateTime, NaiveDate, Utc};
use domain::participant::ParticipantStatus;
use domain::programme::{check_end_status, check_enrolment_dates};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_actix_web::service_config::ServiceConfig;

use super::mapping;
use super::scoped::{Ctx, Errors, missing, run};
use crate::app::AppState;
use crate::audit::Action;
use crate::auth::CurrentUser;
use crate::auth::policy::{self, ParticipantAction};
use crate::error::{ApiError, ApiResult};
use crate::extract::{ApiJson, ApiQuery, parse_versioned};
use crate::routes::{etag, expected_version, list_envelope, paging, utc};
use crate::store::enrolments::{EnrolmentFilter, EnrolmentRow};
use crate::store::participants::ParticipantRow;
use crate::store::programmes::ProgrammeRow;
use crate::store::time;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(
        utoipa_actix_web::scope("/enrolments")
            .service(list_enrolments)
            .service(create_enrolment)
            .service(get_enrolment)
            .service(update_enrolment)
            .service(end_enrolment)
            .service(mapping::get_mapping)
            .service(mapping::save_mapping)
            .service(mapping::complete_mapping),
    );
}

/// Enrol a participant directly (without a referral).
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"participant_id": "01936f4e-9a00-7b3c-8d2e-0a1b2c3d4e5f",
    "programme_id": "01936f4e-9a00-7b3c-8d2e-0a1b2c3d4e60", "start_date": "2012-02-01"}))]
pub struct EnrolmentInput {
    pub participant_id: uuid::Uuid,
    pub programme_id: uuid::Uuid,
    /// Must lie within the programme's period.
    pub start_date: NaiveDate,
    /// The enrolment's key in the system it comes from (imports upsert by it); unique when given.
    #[serde(default)]
    pub external_id: Option<String>,
}

/// Edit an enrolment's dates and outcome (whole record plus `version`).
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"start_date": "2012-02-01", "end_date": "2012-10-31", "end_status": "employed",
    "end_note": "Nystartsjobb", "version": 2}))]
pub struct EnrolmentUpdate {
    pub start_date: NaiveDate,
    #[serde(default)]
    pub end_date: Option<NaiveDate>,
    /// Required with `end_date`; one of the programme's `end_statuses`.
    #[serde(default)]
    pub end_status: Option<String>,
    #[serde(default)]
    pub end_note: Option<String>,
}

/// End an enrolment.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"end_date": "2012-12-31", "end_status": "ongoing_internship", "version": 1}))]
pub struct EndEnrolment {
    #[serde(default)]
    pub version: Option<i32>,
    /// Defaults to today; not before the start, not in the future, within the programme.
    #[serde(default)]
    pub end_date: Option<NaiveDate>,
    /// One of the programme's `end_statuses`.
    pub end_status: String,
    #[serde(default)]
    pub end_note: Option<String>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(example = json!({"id": "01936f4e-9a00-7b3c-8d2e-0a1b2c3d4e61", "participant_id": "01936f4e-9a00-7b3c-8d2e-0a1b2c3d4e5f",
    "programme_id": "01936f4e-9a00-7b3c-8d2e-0a1b2c3d4e60", "referral_id": null, "start_date": "2012-02-01",
    "end_date": null, "end_status": null, "end_note": null, "attended_contacts": 3, "participated": true,
    "created_at": "2026-11-25T09:30:00Z", "updated_at": "2026-11-25T09:30:00Z", "version": 1}))]
pub struct EnrolmentView {
    pub id: String,
    pub participant_id: String,
    pub programme_id: String,
    /// The referral this enrolment came from, if any.
    pub referral_id: Option<String>,
    pub start_date: NaiveDate,
    pub end_date: Option<NaiveDate>,
    pub end_status: Option<String>,
    pub end_note: Option<String>,
    /// Attended contacts with the participant during the enrolment.
    pub attended_contacts: i64,
    /// "Deltagit" as the final report defines it: more than two attended contacts.
    pub participated: bool,
    /// The enrolment's key in the system it was imported from.
    pub external_id: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i32,
}

list_envelope!(EnrolmentList, EnrolmentView);

/// Builds the view, counting attended contacts within the enrolment's dates.
pub fn view(ctx: &mut Ctx<'_>, r: EnrolmentRow) -> ApiResult<EnrolmentView> {
    let attended = ctx
        .store
        .attended_contacts(&r.participant_id, r.start_date, r.end_date)?;
    Ok(EnrolmentView {
        participated: domain::contact::participated(usize::try_from(attended).unwrap_or(0)),
        attended_contacts: attended,
        created_at: utc(r.created_at),
        updated_at: utc(r.updated_at),
        id: r.id,
        participant_id: r.participant_id,
        programme_id: r.programme_id,
        referral_id: r.referral_id,
        start_date: r.start_date,
        end_date: r.end_date,
        end_status: r.end_status,
        end_note: r.end_note,
        external_id: r.external_id,
        version: r.version,
    })
}

/// Creates an enrolment after checking the participant is open, the dates lie in the programme's
/// period, and the participant is not already enrolled there (409). Used by direct enrolment and
/// by `POST /referrals/{id}/enrol`.
pub fn enrol(
    ctx: &mut Ctx<'_>,
    participant: &ParticipantRow,
    programme: &ProgrammeRow,
    start_date: NaiveDate,
    referral_id: Option<String>,
) -> ApiResult<EnrolmentRow> {
    let row = new_enrolment(ctx, participant, programme, start_date, referral_id)?;
    ctx.store.insert_enrolment(&row)?;
    ctx.audit_as(Action::Create, "enrolment", Some(&row.id), &participant.id);
    Ok(row)
}

/// A new enrolment checked by every rule of [`enrol`] (an open case, the programme's period, not
/// already enrolled) but not written: for the import.
pub fn new_enrolment(
    ctx: &mut Ctx<'_>,
    participant: &ParticipantRow,
    programme: &ProgrammeRow,
    start_date: NaiveDate,
    referral_id: Option<String>,
) -> ApiResult<EnrolmentRow> {
    let mut e = Errors::default();
    if participant.status == ParticipantStatus::Closed.as_str() {
        e.add(
            "participant_id",
            "the participant's case is closed; reopen it first",
        );
    }
    for p in check_enrolment_dates(programme.start_date, programme.end_date, start_date, None) {
        e.add(p.field, p.message);
    }
    e.finish()?;
    let running = ctx
        .store
        .enrolments_of(&participant.id)?
        .into_iter()
        .any(|x| x.programme_id == programme.id && x.end_date.is_none_or(|d| d >= start_date));
    if running {
        return Err(ApiError::conflict(
            "the participant is already enrolled in this programme",
        ));
    }
    let now = time::now();
    let row = EnrolmentRow {
        id: time::new_id(),
        participant_id: participant.id.clone(),
        programme_id: programme.id.clone(),
        referral_id,
        start_date,
        end_date: None,
        end_status: None,
        end_note: None,
        created_at: now,
        updated_at: now,
        version: 1,
        external_id: None,
    };
    Ok(row)
}

/// Loads an enrolment and authorises its participant for `action`.
pub fn load(
    ctx: &mut Ctx<'_>,
    id: &str,
    action: ParticipantAction,
) -> ApiResult<(EnrolmentRow, ParticipantRow)> {
    let row = ctx
        .store
        .get_enrolment(id)?
        .ok_or_else(|| ApiError::not_found("enrolment"))?;
    let participant = ctx.participant(&row.participant_id, action)?;
    Ok((row, participant))
}

fn programme_of(ctx: &mut Ctx<'_>, id: &str) -> ApiResult<ProgrammeRow> {
    ctx.store
        .get_programme(id)?
        .ok_or_else(|| ApiError::Internal("enrolment without programme".into()))
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct EnrolmentQuery {
    limit: Option<i64>,
    offset: Option<i64>,
    participant_id: Option<uuid::Uuid>,
    programme_id: Option<uuid::Uuid>,
    /// true: only enrolments not yet ended; false: only ended ones.
    ongoing: Option<bool>,
}

/// List the enrolments of participants you may see.
#[utoipa::path(tag = "enrolments", params(EnrolmentQuery), responses((status = 200, body = EnrolmentList)), security(("bearer" = [])))]
#[get("")]
async fn list_enrolments(
    state: web::Data<AppState>,
    user: CurrentUser,
    ApiQuery(q): ApiQuery<EnrolmentQuery>,
) -> ApiResult<HttpResponse> {
    let (limit, offset) = paging(q.limit, q.offset)?;
    let filter = EnrolmentFilter {
        scope: policy::participant_scope(&user, state.today())?,
        participant_id: q.participant_id.map(|p| p.to_string()),
        programme_id: q.programme_id.map(|p| p.to_string()),
        ongoing: q.ongoing,
        limit,
        offset,
    };
    let (items, total) = run(&state, user, "enrolment", Action::List, move |ctx| {
        let (rows, total) = ctx.store.list_enrolments(&filter)?;
        let mut items = Vec::new();
        for r in rows {
            ctx.audit(Some(&r.id.clone()), &r.participant_id.clone());
            items.push(view(ctx, r)?);
        }
        Ok((items, total))
    })
    .await?;
    Ok(HttpResponse::Ok().json(EnrolmentList {
        items,
        total,
        limit,
        offset,
    }))
}

/// Enrol a participant in a programme without a referral (422 outside the programme's period or
/// for a closed case; 409 if already enrolled there).
#[utoipa::path(tag = "enrolments", request_body = EnrolmentInput,
    responses((status = 201, body = EnrolmentView), (status = 409, body = crate::error::Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
#[post("")]
async fn create_enrolment(
    state: web::Data<AppState>,
    user: CurrentUser,
    ApiJson(input): ApiJson<EnrolmentInput>,
) -> ApiResult<HttpResponse> {
    let v = run(&state, user, "enrolment", Action::Create, move |ctx| {
        let row = checked_enrolment(ctx, input)?;
        ctx.store.insert_enrolment(&row)?;
        ctx.audit_as(
            Action::Create,
            "enrolment",
            Some(&row.id),
            &row.participant_id,
        );
        view(ctx, row)
    })
    .await?;
    Ok(HttpResponse::Created()
        .insert_header((header::LOCATION, format!("/api/v1/enrolments/{}", v.id)))
        .insert_header(etag(v.version))
        .json(v))
}

/// A new enrolment from its create body, checked (programme, the participant's policy, every rule
/// of [`enrol`], a free external id) but not written: `POST /enrolments` and the import alike.
pub(crate) fn checked_enrolment(
    ctx: &mut Ctx<'_>,
    input: EnrolmentInput,
) -> ApiResult<EnrolmentRow> {
    let mut e = Errors::default();
    let external_id = e.text("external_id", input.external_id, 100);
    e.finish()?;
    let programme = ctx
        .store
        .get_programme(&input.programme_id.to_string())?
        .ok_or_else(|| missing("programme_id", "programme"))?;
    let participant = ctx.participant(
        &input.participant_id.to_string(),
        ParticipantAction::RecordCasework,
    )?;
    let mut row = new_enrolment(ctx, &participant, &programme, input.start_date, None)?;
    if let Some(external_id) = &external_id
        && ctx.store.enrolment_by_external_id(external_id)?.is_some()
    {
        return Err(ApiError::field(
            "external_id",
            "another enrolment has this external_id",
        ));
    }
    row.external_id = external_id;
    Ok(row)
}

/// An existing enrolment with a new start date, checked as `PUT /enrolments/{id}` checks it
/// (against the programme's period and the enrolment's end); not written.
pub(crate) fn moved_start(
    ctx: &mut Ctx<'_>,
    mut row: EnrolmentRow,
    start_date: NaiveDate,
) -> ApiResult<EnrolmentRow> {
    let programme = programme_of(ctx, &row.programme_id)?;
    let mut e = Errors::default();
    check_end(
        &mut e,
        &programme,
        start_date,
        row.end_date,
        row.end_status.as_deref(),
        ctx.today,
    );
    e.finish()?;
    row.start_date = start_date;
    Ok(row)
}

/// Read one enrolment (audited).
#[utoipa::path(tag = "enrolments", params(("id" = uuid::Uuid, Path)),
    responses((status = 200, body = EnrolmentView), (status = 404, body = crate::error::Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
#[get("/{id}")]
async fn get_enrolment(
    state: web::Data<AppState>,
    user: CurrentUser,
    id: web::Path<uuid::Uuid>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner().to_string();
    let v = run(&state, user, "enrolment", Action::Read, move |ctx| {
        let (row, p) = load(ctx, &id, ParticipantAction::Read)?;
        ctx.audit(Some(&id), &p.id);
        view(ctx, row)
    })
    .await?;
    Ok(HttpResponse::Ok().insert_header(etag(v.version)).json(v))
}

fn check_end(
    e: &mut Errors,
    programme: &ProgrammeRow,
    start: NaiveDate,
    end: Option<NaiveDate>,
    status: Option<&str>,
    today: NaiveDate,
) {
    for p in check_enrolment_dates(programme.start_date, programme.end_date, start, end) {
        e.add(p.field, p.message);
    }
    e.not_future("end_date", end, today);
    match (end, status) {
        (Some(_), None) => e.add("end_status", "is required when the enrolment has ended"),
        (None, Some(_)) => e.add("end_date", "is required with an end status"),
        (_, Some(s)) => {
            if let Err(m) = check_end_status(&programme.end_status_list(), s) {
                e.add("end_status", m);
            }
        }
        (None, None) => {}
    }
}

/// Update an enrolment's dates and outcome.
#[utoipa::path(tag = "enrolments", params(("id" = uuid::Uuid, Path)), request_body = EnrolmentUpdate,
    responses((status = 200, body = EnrolmentView), (status = 412, body = crate::error::Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
#[put("/{id}")]
async fn update_enrolment(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: CurrentUser,
    id: web::Path<uuid::Uuid>,
    ApiJson(body): ApiJson<serde_json::Value>,
) -> ApiResult<HttpResponse> {
    let (input, v): (EnrolmentUpdate, _) = parse_versioned(body)?;
    let version = expected_version(&req, v)?;
    let id = id.into_inner().to_string();
    let v = run(&state, user, "enrolment", Action::Update, move |ctx| {
        let (mut row, p) = load(ctx, &id, ParticipantAction::RecordCasework)?;
        let programme = programme_of(ctx, &row.programme_id)?;
        let mut e = Errors::default();
        let status = e.text("end_status", input.end_status, 60);
        let note = e.text("end_note", input.end_note, 2000);
        check_end(
            &mut e,
            &programme,
            input.start_date,
            input.end_date,
            status.as_deref(),
            ctx.today,
        );
        e.finish()?;
        row.start_date = input.start_date;
        row.end_date = input.end_date;
        row.end_status = status;
        row.end_note = note;
        row.updated_at = time::now();
        row.version = version + 1;
        ctx.store.update_enrolment(version, &row)?;
        ctx.audit(Some(&id), &p.id);
        view(ctx, row)
    })
    .await?;
    Ok(HttpResponse::Ok().insert_header(etag(v.version)).json(v))
}

/// End an enrolment with a status from the programme's list (422 otherwise; 409 if already ended).
#[utoipa::path(tag = "enrolments", params(("id" = uuid::Uuid, Path)), request_body = EndEnrolment,
    responses((status = 200, body = EnrolmentView), (status = 409, body = crate::error::Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
#[post("/{id}/end")]
async fn end_enrolment(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: CurrentUser,
    id: web::Path<uuid::Uuid>,
    ApiJson(body): ApiJson<EndEnrolment>,
) -> ApiResult<HttpResponse> {
    let version = expected_version(&req, body.version)?;
    let id = id.into_inner().to_string();
    let v = run(&state, user, "enrolment", Action::Close, move |ctx| {
        let (mut row, p) = load(ctx, &id, ParticipantAction::RecordCasework)?;
        if row.end_date.is_some() {
            return Err(ApiError::conflict("the enrolment has already ended"));
        }
        let programme = programme_of(ctx, &row.programme_id)?;
        let mut e = Errors::default();
        let end = body.end_date.unwrap_or(ctx.today);
        let status = e.required("end_status", body.end_status, 60);
        let note = e.text("end_note", body.end_note, 2000);
        check_end(
            &mut e,
            &programme,
            row.start_date,
            Some(end),
            Some(&status),
            ctx.today,
        );
        e.finish()?;
        if row.version != version {
            return Err(ApiError::Stale {
                current_version: row.version,
            });
        }
        row.end_date = Some(end);
        row.end_status = Some(status);
        row.end_note = note;
        row.updated_at = time::now();
        row.version = version + 1;
        ctx.store.update_enrolment(version, &row)?;
        ctx.audit(Some(&id), &p.id);
        view(ctx, row)
    })
    .await?;
    Ok(HttpResponse::Ok().insert_header(etag(v.version)).json(v))
}
