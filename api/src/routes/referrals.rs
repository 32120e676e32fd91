//! `/api/v1/referrals`: referrals (intresseanmälan / remiss) into programmes and the actions that
//! move them along (book a first meeting, enrol, decline, record a no-show, withdraw). The rules
//! are `domain::referral::transition`; a forbidden step is 409.

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, get, post, put, web};
use chrono::{DateTime, NaiveDate, Utc};
use domain::participant::ParticipantStatus;
use domain::referral::{ReferralAction, ReferralStatus, TargetGroup, transition};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_actix_web::service_config::ServiceConfig;

use super::enrolments::{EnrolmentView, enrol, view as enrolment_view};
use super::scoped::{Ctx, Errors, code, missing, run};
use crate::app::AppState;
use crate::audit::Action;
use crate::auth::CurrentUser;
use crate::auth::policy::{self, ParticipantAction};
use crate::error::{ApiError, ApiResult};
use crate::extract::{ApiJson, ApiQuery, parse_versioned};
use crate::routes::{etag, expected_version, list_envelope, paging, utc};
use crate::store::referrals::{ReferralFilter, ReferralRow};
use crate::store::time;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(
        utoipa_actix_web::scope("/referrals")
            .service(list_referrals)
            .service(create_referral)
            .service(get_referral)
            .service(update_referral)
            .service(book_first_meeting)
            .service(enrol_referral)
            .service(decline_referral)
            .service(record_no_show)
            .service(withdraw_referral),
    );
}

/// A referral as the referring caseworker writes it (seed 001's form).
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({
    "participant_id": "01936f4e-9a00-7b3c-8d2e-0a1b2c3d4e5f", "programme_id": "01936f4e-9a00-7b3c-8d2e-0a1b2c3d4e60",
    "referring_unit_id": "01936f4e-8b1c-7d2a-9c3e-1f2a3b4c5d6e", "referred_on": "2012-01-16",
    "reason": "Har bott inneboende och förlorat boendet", "target_group": "lost_lodging",
    "assessment": "Klarar inte att söka bostad själv: saknar dator och har svårt med kontakter med hyresvärdar"}))]
pub struct ReferralInput {
    pub participant_id: uuid::Uuid,
    pub programme_id: uuid::Uuid,
    /// The referring unit: one of yours (any unit may refer into any unit's programme).
    pub referring_unit_id: uuid::Uuid,
    /// Defaults to today; not in the future.
    #[serde(default)]
    pub referred_on: Option<NaiveDate>,
    /// Why the person is referred.
    pub reason: String,
    pub target_group: TargetGroup,
    /// The caseworker's assessment of why the client cannot solve this alone.
    #[serde(default)]
    pub assessment: Option<String>,
    /// The referral's key in the system it comes from (imports upsert by it); unique when given.
    #[serde(default)]
    pub external_id: Option<String>,
}

/// Editable text of a referral (the participant and programme cannot change).
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"reason": "Förlorat boendet", "target_group": "lost_lodging", "assessment": null, "version": 1}))]
pub struct ReferralUpdate {
    pub reason: String,
    pub target_group: TargetGroup,
    #[serde(default)]
    pub assessment: Option<String>,
}

/// The body of a referral action.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"version": 1, "on": "2012-01-20", "note": "Tid hos arbetskonsulenten 24/1"}))]
pub struct ReferralStep {
    /// The version the decision was based on (or `If-Match`).
    #[serde(default)]
    pub version: Option<i32>,
    /// The date of the step, default today, not in the future. For book-first-meeting: the date
    /// of the meeting (may be in the future). For enrol: the enrolment's start date.
    #[serde(default)]
    pub on: Option<NaiveDate>,
    #[serde(default)]
    pub note: Option<String>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(example = json!({
    "id": "01936f4e-9a00-7b3c-8d2e-0a1b2c3d4e62", "participant_id": "01936f4e-9a00-7b3c-8d2e-0a1b2c3d4e5f",
    "programme_id": "01936f4e-9a00-7b3c-8d2e-0a1b2c3d4e60", "referring_unit_id": "01936f4e-8b1c-7d2a-9c3e-1f2a3b4c5d6e",
    "referring_staff_id": "01936f4e-8b1c-7d2a-9c3e-1f2a3b4c5d70", "referred_on": "2012-01-16",
    "reason": "Har bott inneboende och förlorat boendet", "target_group": "lost_lodging", "assessment": null,
    "status": "first_meeting_booked", "first_meeting_on": "2012-01-24", "status_changed_on": "2012-01-20",
    "status_note": null, "allowed_actions": ["enrol", "decline", "record_no_show", "withdraw"], "external_id": null,
    "created_at": "2026-11-25T09:30:00Z", "updated_at": "2026-11-25T09:30:00Z", "version": 2}))]
pub struct ReferralView {
    pub id: String,
    pub participant_id: String,
    pub programme_id: String,
    pub referring_unit_id: String,
    pub referring_staff_id: String,
    pub referred_on: NaiveDate,
    pub reason: String,
    pub target_group: TargetGroup,
    pub assessment: Option<String>,
    pub status: ReferralStatus,
    pub first_meeting_on: Option<NaiveDate>,
    pub status_changed_on: NaiveDate,
    pub status_note: Option<String>,
    /// What can be done next (the buttons to show).
    pub allowed_actions: Vec<ReferralAction>,
    /// The referral's key in the system it was imported from.
    pub external_id: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i32,
}

impl TryFrom<ReferralRow> for ReferralView {
    type Error = ApiError;
    fn try_from(r: ReferralRow) -> ApiResult<Self> {
        let status: ReferralStatus = code(&r.status, "referrals.status")?;
        Ok(Self {
            target_group: code(&r.target_group, "referrals.target_group")?,
            allowed_actions: status.allowed_actions(),
            status,
            created_at: utc(r.created_at),
            updated_at: utc(r.updated_at),
            id: r.id,
            participant_id: r.participant_id,
            programme_id: r.programme_id,
            referring_unit_id: r.referring_unit_id,
            referring_staff_id: r.referring_staff_id,
            referred_on: r.referred_on,
            reason: r.reason,
            assessment: r.assessment,
            first_meeting_on: r.first_meeting_on,
            status_changed_on: r.status_changed_on,
            status_note: r.status_note,
            external_id: r.external_id,
            version: r.version,
        })
    }
}

/// The referral after `POST …/enrol`, with the enrolment it created.
#[derive(Debug, Serialize, ToSchema)]
pub struct ReferralEnrolled {
    pub referral: ReferralView,
    pub enrolment: EnrolmentView,
}

list_envelope!(ReferralList, ReferralView);

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ReferralQuery {
    limit: Option<i64>,
    offset: Option<i64>,
    participant_id: Option<uuid::Uuid>,
    programme_id: Option<uuid::Uuid>,
    status: Option<ReferralStatus>,
}

/// List referrals of participants you may see.
#[utoipa::path(tag = "referrals", params(ReferralQuery), responses((status = 200, body = ReferralList)), security(("bearer" = [])))]
#[get("")]
async fn list_referrals(
    state: web::Data<AppState>,
    user: CurrentUser,
    ApiQuery(q): ApiQuery<ReferralQuery>,
) -> ApiResult<HttpResponse> {
    let (limit, offset) = paging(q.limit, q.offset)?;
    let filter = ReferralFilter {
        scope: policy::participant_scope(&user, state.today())?,
        participant_id: q.participant_id.map(|p| p.to_string()),
        programme_id: q.programme_id.map(|p| p.to_string()),
        status: q.status.map(|s| s.as_str().to_owned()),
        limit,
        offset,
    };
    let (rows, total) = run(&state, user, "referral", Action::List, move |ctx| {
        let (rows, total) = ctx.store.list_referrals(&filter)?;
        for r in &rows {
            ctx.audit(Some(&r.id), &r.participant_id);
        }
        Ok((rows, total))
    })
    .await?;
    let items = rows
        .into_iter()
        .map(ReferralView::try_from)
        .collect::<ApiResult<_>>()?;
    Ok(HttpResponse::Ok().json(ReferralList {
        items,
        total,
        limit,
        offset,
    }))
}

/// Refer a participant to a programme. 422 for a closed case, a programme that has ended, a
/// referring unit that is not yours or a date in the future.
#[utoipa::path(tag = "referrals", request_body = ReferralInput,
    responses((status = 201, body = ReferralView, headers(("Location" = String), ("ETag" = String)))), security(("bearer" = [])))]
#[post("")]
async fn create_referral(
    state: web::Data<AppState>,
    user: CurrentUser,
    ApiJson(input): ApiJson<ReferralInput>,
) -> ApiResult<HttpResponse> {
    let row = run(&state, user, "referral", Action::Create, move |ctx| {
        let row = new_referral(ctx, input)?;
        ctx.store.insert_referral(&row)?;
        ctx.audit(Some(&row.id), &row.participant_id);
        Ok(row)
    })
    .await?;
    Ok(HttpResponse::Created()
        .insert_header((header::LOCATION, format!("/api/v1/referrals/{}", row.id)))
        .insert_header(etag(row.version))
        .json(ReferralView::try_from(row)?))
}

/// A new referral, checked by every rule (the participant's policy, the programme, the unit,
/// the dates) but not written: for `POST /referrals` and the import alike.
pub(crate) fn new_referral(ctx: &mut Ctx<'_>, input: ReferralInput) -> ApiResult<ReferralRow> {
    let today = ctx.today;
    let mut e = Errors::default();
    let reason = e.required("reason", input.reason, 2000);
    let assessment = e.text("assessment", input.assessment, 4000);
    let external_id = e.text("external_id", input.external_id, 100);
    let referred_on = input.referred_on.unwrap_or(today);
    e.not_future("referred_on", Some(referred_on), today);
    let unit = input.referring_unit_id.to_string();
    if !ctx.user.in_unit(&unit) {
        e.add("referring_unit_id", "must be one of your units");
    }
    {
        let participant =
            ctx.participant(&input.participant_id.to_string(), ParticipantAction::Update)?;
        if participant.status == ParticipantStatus::Closed.as_str() {
            e.add(
                "participant_id",
                "the participant's case is closed; reopen it before referring",
            );
        }
        match ctx.store.get_programme(&input.programme_id.to_string())? {
            None => e.add("programme_id", "no such programme"),
            Some(p) if p.end_date.is_some_and(|end| end < referred_on) => e.add(
                "programme_id",
                "the programme had ended by the referral date",
            ),
            Some(_) => {}
        }
        e.finish()?;
        let now = time::now();
        let row = ReferralRow {
            id: time::new_id(),
            participant_id: participant.id.clone(),
            programme_id: input.programme_id.to_string(),
            referring_unit_id: unit,
            referring_staff_id: ctx.user.staff_id.clone(),
            referred_on,
            reason,
            target_group: input.target_group.as_str().into(),
            assessment,
            status: ReferralStatus::Received.as_str().into(),
            first_meeting_on: None,
            status_changed_on: referred_on,
            status_note: None,
            created_at: now,
            updated_at: now,
            version: 1,
            external_id,
        };
        if let Some(external_id) = &row.external_id
            && ctx.store.referral_by_external_id(external_id)?.is_some()
        {
            return Err(ApiError::field(
                "external_id",
                "another referral has this external_id",
            ));
        }
        Ok(row)
    }
}

fn load(ctx: &mut Ctx<'_>, id: &str, action: ParticipantAction) -> ApiResult<ReferralRow> {
    let row = ctx
        .store
        .get_referral(id)?
        .ok_or_else(|| ApiError::not_found("referral"))?;
    ctx.participant(&row.participant_id, action)?;
    Ok(row)
}

/// Read one referral (audited).
#[utoipa::path(tag = "referrals", params(("id" = uuid::Uuid, Path)),
    responses((status = 200, body = ReferralView), (status = 404, body = crate::error::Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
#[get("/{id}")]
async fn get_referral(
    state: web::Data<AppState>,
    user: CurrentUser,
    id: web::Path<uuid::Uuid>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner().to_string();
    let row = run(&state, user, "referral", Action::Read, move |ctx| {
        let row = load(ctx, &id, ParticipantAction::Read)?;
        ctx.audit(Some(&id), &row.participant_id);
        Ok(row)
    })
    .await?;
    Ok(HttpResponse::Ok()
        .insert_header(etag(row.version))
        .json(ReferralView::try_from(row)?))
}

/// Edit a referral's reason, target group and assessment.
#[utoipa::path(tag = "referrals", params(("id" = uuid::Uuid, Path)), request_body = ReferralUpdate,
    responses((status = 200, body = ReferralView), (status = 409, body = crate::error::Problem, content_type = "application/problem+json"), (status = 412, body = crate::error::Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
#[put("/{id}")]
async fn update_referral(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: CurrentUser,
    id: web::Path<uuid::Uuid>,
    ApiJson(body): ApiJson<serde_json::Value>,
) -> ApiResult<HttpResponse> {
    let (input, v): (ReferralUpdate, _) = parse_versioned(body)?;
    let version = expected_version(&req, v)?;
    let mut e = Errors::default();
    let reason = e.required("reason", input.reason, 2000);
    let assessment = e.text("assessment", input.assessment, 4000);
    e.finish()?;
    let id = id.into_inner().to_string();
    let row = run(&state, user, "referral", Action::Update, move |ctx| {
        let mut row = load(ctx, &id, ParticipantAction::Update)?;
        row.reason = reason;
        row.target_group = input.target_group.as_str().into();
        row.assessment = assessment;
        row.updated_at = time::now();
        row.version = version + 1;
        ctx.store.update_referral(version, &row)?;
        ctx.audit(Some(&id), &row.participant_id);
        Ok(row)
    })
    .await?;
    Ok(HttpResponse::Ok()
        .insert_header(etag(row.version))
        .json(ReferralView::try_from(row)?))
}

/// Applies `action` to the referral: the domain decides whether it is allowed (409 if not).
async fn step(
    req: &HttpRequest,
    state: &AppState,
    user: CurrentUser,
    id: uuid::Uuid,
    body: ReferralStep,
    action: ReferralAction,
) -> ApiResult<(ReferralRow, Option<EnrolmentView>)> {
    let version = expected_version(req, body.version)?;
    let today = state.today();
    let mut e = Errors::default();
    let note = e.text("note", body.note, 2000);
    if action != ReferralAction::BookFirstMeeting {
        e.not_future("on", body.on, today);
    }
    e.finish()?;
    let on = body.on.unwrap_or(today);
    let needs = if action == ReferralAction::Withdraw {
        ParticipantAction::Update
    } else {
        ParticipantAction::RecordCasework
    };
    let id = id.to_string();
    run(state, user, "referral", Action::Update, move |ctx| {
        let mut row = load(ctx, &id, needs)?;
        let from: ReferralStatus = code(&row.status, "referrals.status")?;
        let to = transition(from, action).map_err(|err| ApiError::conflict(err.to_string()))?;
        if row.version != version {
            return Err(ApiError::Stale {
                current_version: row.version,
            });
        }
        if on < row.referred_on {
            return Err(ApiError::field(
                "on",
                "must not be before the referral date",
            ));
        }
        let mut enrolment = None;
        if action == ReferralAction::Enrol {
            let participant = ctx.participant(&row.participant_id, needs)?;
            let programme = ctx
                .store
                .get_programme(&row.programme_id)?
                .ok_or_else(|| missing("programme_id", "programme"))?;
            let created = enrol(ctx, &participant, &programme, on, Some(row.id.clone()))?;
            enrolment = Some(enrolment_view(ctx, created)?);
        }
        if action == ReferralAction::BookFirstMeeting {
            row.first_meeting_on = Some(on);
            row.status_changed_on = today;
        } else {
            row.status_changed_on = on;
        }
        row.status = to.as_str().into();
        row.status_note = note;
        row.updated_at = time::now();
        row.version = version + 1;
        ctx.store.update_referral(version, &row)?;
        ctx.audit(Some(&id), &row.participant_id);
        Ok((row, enrolment))
    })
    .await
}

macro_rules! referral_action {
    ($name:ident, $path:literal, $action:expr, $doc:literal) => {
        #[doc = $doc]
        #[utoipa::path(tag = "referrals", params(("id" = uuid::Uuid, Path)), request_body = ReferralStep,
            responses((status = 200, body = ReferralView),
                (status = 409, description = "Not allowed from the referral's status", body = crate::error::Problem, content_type = "application/problem+json",
                    example = json!({"type": "https://stegvis.se/problems/conflict", "title": "Conflict", "status": 409,
                        "detail": "cannot enrol a referral that is declined"})),
                (status = 412, body = crate::error::Problem, content_type = "application/problem+json")),
            security(("bearer" = [])))]
        #[post($path)]
        async fn $name(
            req: HttpRequest,
            state: web::Data<AppState>,
            user: CurrentUser,
            id: web::Path<uuid::Uuid>,
            ApiJson(body): ApiJson<ReferralStep>,
        ) -> ApiResult<HttpResponse> {
            let (row, _) = step(&req, &state, user, id.into_inner(), body, $action).await?;
            Ok(HttpResponse::Ok().insert_header(etag(row.version)).json(ReferralView::try_from(row)?))
        }
    };
}

referral_action!(
    book_first_meeting,
    "/{id}/book-first-meeting",
    ReferralAction::BookFirstMeeting,
    "Book the first meeting (`on` is the meeting date); also after a no-show."
);
referral_action!(
    decline_referral,
    "/{id}/decline",
    ReferralAction::Decline,
    "Decline the referral (final)."
);
referral_action!(
    record_no_show,
    "/{id}/no-show",
    ReferralAction::RecordNoShow,
    "Record that the person did not come to the booked first meeting."
);
referral_action!(
    withdraw_referral,
    "/{id}/withdraw",
    ReferralAction::Withdraw,
    "Withdraw the referral (the referring side; final)."
);

/// Enrol the referred participant: creates the enrolment (starting `on`, default today, within the
/// programme's period) and marks the referral enrolled.
#[utoipa::path(tag = "referrals", params(("id" = uuid::Uuid, Path)), request_body = ReferralStep,
    responses((status = 200, body = ReferralEnrolled),
        (status = 409, description = "Not allowed from the referral's status, or already enrolled", body = crate::error::Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
#[post("/{id}/enrol")]
async fn enrol_referral(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: CurrentUser,
    id: web::Path<uuid::Uuid>,
    ApiJson(body): ApiJson<ReferralStep>,
) -> ApiResult<HttpResponse> {
    let (row, enrolment) = step(
        &req,
        &state,
        user,
        id.into_inner(),
        body,
        ReferralAction::Enrol,
    )
    .await?;
    let enrolment =
        enrolment.ok_or_else(|| ApiError::Internal("enrol created no enrolment".into()))?;
    Ok(HttpResponse::Ok()
        .insert_header((
            header::LOCATION,
            format!("/api/v1/enrolments/{}", enrolment.id),
        ))
        .json(ReferralEnrolled {
            referral: ReferralView::try_from(row)?,
            enrolment,
        }))
}
