//! Consents (samtycken): `/participants/{id}/consents` to list (with each consent's state today)
//! and record, `/consents/{id}` to read and correct, `/consents/{id}/withdraw`. Before contacting a
//! party, `GET /participants/{id}/consents?party=landlord` shows whether an active consent exists.

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, get, post, put, web};
use chrono::{DateTime, NaiveDate, Utc};
use domain::consent::{ConsentParty, ConsentState, check_dates, state as consent_state};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_actix_web::service_config::ServiceConfig;

use super::scoped::{Ctx, Errors, code, run};
use crate::app::AppState;
use crate::audit::Action;
use crate::auth::CurrentUser;
use crate::auth::policy::ParticipantAction;
use crate::error::{ApiError, ApiResult};
use crate::extract::{ApiJson, ApiQuery, parse_versioned};
use crate::routes::{etag, expected_version, list_envelope, paging, utc};
use crate::store::consents::ConsentRow;
use crate::store::time;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list_consents)
        .service(create_consent)
        .service(get_consent)
        .service(update_consent)
        .service(withdraw_consent);
}

#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"party": "landlord", "party_name": "Stockholmshem", "purpose": "Kontakt inför försökslägenhet",
    "given_on": "2012-03-01", "expires_on": "2013-03-01"}))]
pub struct ConsentInput {
    pub party: ConsentParty,
    /// The named organisation or person (required for `other`).
    #[serde(default)]
    pub party_name: Option<String>,
    /// What may be shared, and why.
    pub purpose: String,
    /// Not in the future.
    pub given_on: NaiveDate,
    #[serde(default)]
    pub expires_on: Option<NaiveDate>,
    #[serde(default)]
    pub withdrawn_on: Option<NaiveDate>,
    #[serde(default)]
    pub note: Option<String>,
}

/// Withdrawing a consent.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"version": 1, "withdrawn_on": "2012-06-01"}))]
pub struct WithdrawConsent {
    #[serde(default)]
    pub version: Option<i32>,
    /// Defaults to today.
    #[serde(default)]
    pub withdrawn_on: Option<NaiveDate>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(example = json!({"id": "01936f4e-9a00-7b3c-8d2e-0a1b2c3d4e65", "participant_id": "01936f4e-9a00-7b3c-8d2e-0a1b2c3d4e5f",
    "party": "landlord", "party_name": "Stockholmshem", "purpose": "Kontakt inför försökslägenhet", "given_on": "2012-03-01",
    "expires_on": "2013-03-01", "withdrawn_on": null, "state": "active", "note": null,
    "created_at": "2026-11-25T09:30:00Z", "updated_at": "2026-11-25T09:30:00Z", "version": 1}))]
pub struct ConsentView {
    pub id: String,
    pub participant_id: String,
    pub party: ConsentParty,
    pub party_name: Option<String>,
    pub purpose: String,
    pub given_on: NaiveDate,
    pub expires_on: Option<NaiveDate>,
    pub withdrawn_on: Option<NaiveDate>,
    /// Derived from the dates and today: only `active` allows sharing.
    pub state: ConsentState,
    pub note: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i32,
}

list_envelope!(ConsentList, ConsentView);

fn view(r: ConsentRow, today: NaiveDate) -> ApiResult<ConsentView> {
    Ok(ConsentView {
        party: code(&r.party, "consents.party")?,
        state: consent_state(r.given_on, r.expires_on, r.withdrawn_on, today),
        created_at: utc(r.created_at),
        updated_at: utc(r.updated_at),
        id: r.id,
        participant_id: r.participant_id,
        party_name: r.party_name,
        purpose: r.purpose,
        given_on: r.given_on,
        expires_on: r.expires_on,
        withdrawn_on: r.withdrawn_on,
        note: r.note,
        version: r.version,
    })
}

struct Valid {
    party_name: Option<String>,
    purpose: String,
    note: Option<String>,
}

fn validate(input: &ConsentInput, today: NaiveDate) -> ApiResult<Valid> {
    let mut e = Errors::default();
    let party_name = e.text("party_name", input.party_name.clone(), 200);
    if input.party == ConsentParty::Other && party_name.is_none() {
        e.add("party_name", "is required when the party is other");
    }
    let purpose = e.required("purpose", input.purpose.clone(), 2000);
    let note = e.text("note", input.note.clone(), 4000);
    for (f, m) in check_dates(input.given_on, input.expires_on, input.withdrawn_on, today) {
        e.add(f, m);
    }
    e.finish()?;
    Ok(Valid {
        party_name,
        purpose,
        note,
    })
}

fn load(ctx: &mut Ctx<'_>, id: &str, action: ParticipantAction) -> ApiResult<ConsentRow> {
    let row = ctx
        .store
        .get_consent(id)?
        .ok_or_else(|| ApiError::not_found("consent"))?;
    ctx.participant(&row.participant_id, action)?;
    Ok(row)
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ConsentQuery {
    limit: Option<i64>,
    offset: Option<i64>,
    /// Only consents for this party.
    party: Option<ConsentParty>,
}

/// A participant's consents with their state today, newest first.
#[utoipa::path(tag = "consents", params(("id" = uuid::Uuid, Path, description = "Participant id"), ConsentQuery),
    responses((status = 200, body = ConsentList)), security(("bearer" = [])))]
#[get("/participants/{id}/consents")]
async fn list_consents(
    state: web::Data<AppState>,
    user: CurrentUser,
    id: web::Path<uuid::Uuid>,
    ApiQuery(q): ApiQuery<ConsentQuery>,
) -> ApiResult<HttpResponse> {
    let (limit, offset) = paging(q.limit, q.offset)?;
    let today = state.today();
    let id = id.into_inner().to_string();
    let party = q.party.map(|p| p.as_str());
    let (rows, total) = run(&state, user, "consent", Action::List, move |ctx| {
        ctx.participant(&id, ParticipantAction::Read)?;
        ctx.audit(None, &id);
        match party {
            None => ctx.store.consents_of(&id, limit, offset),
            Some(party) => {
                let (all, _) = ctx.store.consents_of(&id, 10_000, 0)?;
                let mine: Vec<_> = all.into_iter().filter(|c| c.party == party).collect();
                let total = i64::try_from(mine.len()).unwrap_or(i64::MAX);
                let page = mine
                    .into_iter()
                    .skip(usize::try_from(offset).unwrap_or(0))
                    .take(usize::try_from(limit).unwrap_or(0))
                    .collect();
                Ok((page, total))
            }
        }
    })
    .await?;
    let items = rows
        .into_iter()
        .map(|r| view(r, today))
        .collect::<ApiResult<_>>()?;
    Ok(HttpResponse::Ok().json(ConsentList {
        items,
        total,
        limit,
        offset,
    }))
}

/// Record a consent.
#[utoipa::path(tag = "consents", params(("id" = uuid::Uuid, Path, description = "Participant id")), request_body = ConsentInput,
    responses((status = 201, body = ConsentView, headers(("Location" = String)))), security(("bearer" = [])))]
#[post("/participants/{id}/consents")]
async fn create_consent(
    state: web::Data<AppState>,
    user: CurrentUser,
    id: web::Path<uuid::Uuid>,
    ApiJson(input): ApiJson<ConsentInput>,
) -> ApiResult<HttpResponse> {
    let today = state.today();
    let v = validate(&input, today)?;
    let id = id.into_inner().to_string();
    let row = run(&state, user, "consent", Action::Create, move |ctx| {
        ctx.participant(&id, ParticipantAction::Update)?;
        let now = time::now();
        let row = ConsentRow {
            id: time::new_id(),
            participant_id: id.clone(),
            party: input.party.as_str().into(),
            party_name: v.party_name,
            purpose: v.purpose,
            given_on: input.given_on,
            expires_on: input.expires_on,
            withdrawn_on: input.withdrawn_on,
            note: v.note,
            created_at: now,
            updated_at: now,
            version: 1,
        };
        ctx.store.insert_consent(&row)?;
        ctx.audit(Some(&row.id), &id);
        Ok(row)
    })
    .await?;
    Ok(HttpResponse::Created()
        .insert_header((header::LOCATION, format!("/api/v1/consents/{}", row.id)))
        .insert_header(etag(row.version))
        .json(view(row, today)?))
}

/// Read one consent.
#[utoipa::path(tag = "consents", params(("id" = uuid::Uuid, Path)),
    responses((status = 200, body = ConsentView), (status = 404, body = crate::error::Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
#[get("/consents/{id}")]
async fn get_consent(
    state: web::Data<AppState>,
    user: CurrentUser,
    id: web::Path<uuid::Uuid>,
) -> ApiResult<HttpResponse> {
    let today = state.today();
    let id = id.into_inner().to_string();
    let row = run(&state, user, "consent", Action::Read, move |ctx| {
        let row = load(ctx, &id, ParticipantAction::Read)?;
        ctx.audit(Some(&id), &row.participant_id);
        Ok(row)
    })
    .await?;
    Ok(HttpResponse::Ok()
        .insert_header(etag(row.version))
        .json(view(row, today)?))
}

/// Correct a consent (whole record plus `version`).
#[utoipa::path(tag = "consents", params(("id" = uuid::Uuid, Path)), request_body = ConsentInput,
    responses((status = 200, body = ConsentView), (status = 412, body = crate::error::Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
#[put("/consents/{id}")]
async fn update_consent(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: CurrentUser,
    id: web::Path<uuid::Uuid>,
    ApiJson(body): ApiJson<serde_json::Value>,
) -> ApiResult<HttpResponse> {
    let (input, ver): (ConsentInput, _) = parse_versioned(body)?;
    let version = expected_version(&req, ver)?;
    let today = state.today();
    let v = validate(&input, today)?;
    let id = id.into_inner().to_string();
    let row = run(&state, user, "consent", Action::Update, move |ctx| {
        let mut row = load(ctx, &id, ParticipantAction::Update)?;
        row.party = input.party.as_str().into();
        row.party_name = v.party_name;
        row.purpose = v.purpose;
        row.given_on = input.given_on;
        row.expires_on = input.expires_on;
        row.withdrawn_on = input.withdrawn_on;
        row.note = v.note;
        row.updated_at = time::now();
        row.version = version + 1;
        ctx.store.update_consent(version, &row)?;
        ctx.audit(Some(&id), &row.participant_id);
        Ok(row)
    })
    .await?;
    Ok(HttpResponse::Ok()
        .insert_header(etag(row.version))
        .json(view(row, today)?))
}

/// Withdraw a consent (409 if already withdrawn).
#[utoipa::path(tag = "consents", params(("id" = uuid::Uuid, Path)), request_body = WithdrawConsent,
    responses((status = 200, body = ConsentView), (status = 409, body = crate::error::Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
#[post("/consents/{id}/withdraw")]
async fn withdraw_consent(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: CurrentUser,
    id: web::Path<uuid::Uuid>,
    ApiJson(body): ApiJson<WithdrawConsent>,
) -> ApiResult<HttpResponse> {
    let version = expected_version(&req, body.version)?;
    let today = state.today();
    let on = body.withdrawn_on.unwrap_or(today);
    let id = id.into_inner().to_string();
    let row = run(&state, user, "consent", Action::Close, move |ctx| {
        let mut row = load(ctx, &id, ParticipantAction::Update)?;
        if row.withdrawn_on.is_some() {
            return Err(ApiError::conflict("the consent is already withdrawn"));
        }
        let mut e = Errors::default();
        for (f, m) in check_dates(row.given_on, row.expires_on, Some(on), today) {
            e.add(f, m);
        }
        e.finish()?;
        row.withdrawn_on = Some(on);
        row.updated_at = time::now();
        row.version = version + 1;
        ctx.store.update_consent(version, &row)?;
        ctx.audit(Some(&id), &row.participant_id);
        Ok(row)
    })
    .await?;
    Ok(HttpResponse::Ok()
        .insert_header(etag(row.version))
        .json(view(row, today)?))
}
