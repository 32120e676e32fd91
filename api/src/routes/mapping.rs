//! `/api/v1/enrolments/{id}/mapping`: the mapping (kartläggning) of an enrolment, filled in over
//! one or more talks (`PUT`, version 0 for the first save) and then completed.

use actix_web::{HttpRequest, HttpResponse, get, post, put, web};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::enrolments::load;
use super::scoped::{Errors, run};
use crate::app::AppState;
use crate::audit::Action;
use crate::auth::CurrentUser;
use crate::auth::policy::ParticipantAction;
use crate::error::{ApiError, ApiResult};
use crate::extract::{ApiJson, parse_versioned};
use crate::routes::{etag, expected_version, utc};
use crate::store::enrolments::MappingRow;
use crate::store::time;

/// The mapping's fields (all optional until completion).
#[derive(Debug, Clone, Default, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({
    "current_housing": "Härbärge sedan tre månader", "substance_use": "Alkohol, nykter sedan februari",
    "authority_contacts": "Ekonomiskt bistånd; Arbetsförmedlingen", "ongoing_interventions": "Öppenvård Futura",
    "education": "Grundskola, påbörjat gymnasium", "years_since_last_job": 6,
    "work_experience": "Lager, byggarbetsplats", "disabilities": null, "work_ability_limits": "Ryggbesvär: inga tunga lyft",
    "own_goal": "Ett arbete inom lager eller logistik", "first_step": "Studiebesök på lagerarbetsplats"}))]
pub struct MappingFields {
    /// Nuvarande boende.
    #[serde(default)]
    pub current_housing: Option<String>,
    /// Missbruk / användning.
    #[serde(default)]
    pub substance_use: Option<String>,
    /// Myndighetskontakter.
    #[serde(default)]
    pub authority_contacts: Option<String>,
    /// Pågående insatser.
    #[serde(default)]
    pub ongoing_interventions: Option<String>,
    /// Utbildning.
    #[serde(default)]
    pub education: Option<String>,
    /// Years since the last job (0–80).
    #[serde(default)]
    pub years_since_last_job: Option<i32>,
    /// Kinds of work done before.
    #[serde(default)]
    pub work_experience: Option<String>,
    /// Funktionsnedsättningar.
    #[serde(default)]
    pub disabilities: Option<String>,
    /// Begränsningar i arbetsförmågan.
    #[serde(default)]
    pub work_ability_limits: Option<String>,
    /// The participant's own goal, in their words.
    #[serde(default)]
    pub own_goal: Option<String>,
    /// The agreed first step.
    #[serde(default)]
    pub first_step: Option<String>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(example = json!({"enrolment_id": "01936f4e-9a00-7b3c-8d2e-0a1b2c3d4e61", "current_housing": "Härbärge",
    "substance_use": "Alkohol", "own_goal": "Ett arbete inom lager", "first_step": "Studiebesök", "years_since_last_job": 6,
    "completed_on": null, "updated_at": "2026-11-25T09:30:00Z", "version": 2}))]
pub struct MappingView {
    pub enrolment_id: String,
    #[serde(flatten)]
    pub fields: MappingFields,
    /// Set when the mapping is completed; a completed mapping cannot be edited.
    pub completed_on: Option<NaiveDate>,
    pub updated_at: Option<DateTime<Utc>>,
    /// 0 until the first save.
    pub version: i32,
}

/// Confirms a mapping as complete.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CompleteMapping {
    #[serde(default)]
    pub version: Option<i32>,
}

fn view(enrolment_id: String, row: Option<MappingRow>) -> MappingView {
    match row {
        None => MappingView {
            enrolment_id,
            fields: MappingFields::default(),
            completed_on: None,
            updated_at: None,
            version: 0,
        },
        Some(r) => MappingView {
            enrolment_id,
            completed_on: r.completed_on,
            updated_at: Some(utc(r.updated_at)),
            version: r.version,
            fields: MappingFields {
                current_housing: r.current_housing,
                substance_use: r.substance_use,
                authority_contacts: r.authority_contacts,
                ongoing_interventions: r.ongoing_interventions,
                education: r.education,
                years_since_last_job: r.years_since_last_job,
                work_experience: r.work_experience,
                disabilities: r.disabilities,
                work_ability_limits: r.work_ability_limits,
                own_goal: r.own_goal,
                first_step: r.first_step,
            },
        },
    }
}

/// Read an enrolment's mapping (version 0 and empty fields if nothing is saved yet).
#[utoipa::path(tag = "enrolments", params(("id" = uuid::Uuid, Path, description = "Enrolment id")),
    responses((status = 200, body = MappingView)), security(("bearer" = [])))]
#[get("/{id}/mapping")]
pub async fn get_mapping(
    state: web::Data<AppState>,
    user: CurrentUser,
    id: web::Path<uuid::Uuid>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner().to_string();
    let v = run(&state, user, "mapping", Action::Read, move |ctx| {
        let (_, p) = load(ctx, &id, ParticipantAction::Read)?;
        let row = ctx.store.get_mapping(&id)?;
        ctx.audit(Some(&id), &p.id);
        Ok(view(id, row))
    })
    .await?;
    Ok(HttpResponse::Ok().insert_header(etag(v.version)).json(v))
}

/// Save the mapping as far as it has come (`version` 0 for the first save).
#[utoipa::path(tag = "enrolments", params(("id" = uuid::Uuid, Path, description = "Enrolment id")), request_body = MappingFields,
    responses((status = 200, body = MappingView), (status = 409, description = "Already completed", body = crate::error::Problem, content_type = "application/problem+json"),
        (status = 412, body = crate::error::Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
#[put("/{id}/mapping")]
pub async fn save_mapping(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: CurrentUser,
    id: web::Path<uuid::Uuid>,
    ApiJson(body): ApiJson<serde_json::Value>,
) -> ApiResult<HttpResponse> {
    let (f, v): (MappingFields, _) = parse_versioned(body)?;
    // Unlike other records, a mapping exists (empty, version 0) before its first save.
    let first_save_header = req
        .headers()
        .get(actix_web::http::header::IF_MATCH)
        .and_then(|h| h.to_str().ok())
        .is_some_and(|h| h.trim().trim_start_matches("W/").trim_matches('"') == "0");
    let version = match v {
        Some(0) => 0,
        None if first_save_header => 0,
        v => expected_version(&req, v)?,
    };
    let mut e = Errors::default();
    let mut t = |name: &str, v: Option<String>| e.text(name, v, 4000);
    let fields = MappingFields {
        current_housing: t("current_housing", f.current_housing),
        substance_use: t("substance_use", f.substance_use),
        authority_contacts: t("authority_contacts", f.authority_contacts),
        ongoing_interventions: t("ongoing_interventions", f.ongoing_interventions),
        education: t("education", f.education),
        years_since_last_job: f.years_since_last_job,
        work_experience: t("work_experience", f.work_experience),
        disabilities: t("disabilities", f.disabilities),
        work_ability_limits: t("work_ability_limits", f.work_ability_limits),
        own_goal: t("own_goal", f.own_goal),
        first_step: t("first_step", f.first_step),
    };
    if fields
        .years_since_last_job
        .is_some_and(|y| !(0..=80).contains(&y))
    {
        e.add("years_since_last_job", "must be between 0 and 80");
    }
    e.finish()?;
    let id = id.into_inner().to_string();
    let v = run(&state, user, "mapping", Action::Update, move |ctx| {
        let (_, p) = load(ctx, &id, ParticipantAction::RecordCasework)?;
        let current = ctx.store.get_mapping(&id)?;
        if current.as_ref().is_some_and(|c| c.completed_on.is_some()) {
            return Err(ApiError::conflict(
                "the mapping is completed and can no longer be changed",
            ));
        }
        let now = time::now();
        let f = fields;
        let row = MappingRow {
            enrolment_id: id.clone(),
            current_housing: f.current_housing,
            substance_use: f.substance_use,
            authority_contacts: f.authority_contacts,
            ongoing_interventions: f.ongoing_interventions,
            education: f.education,
            years_since_last_job: f.years_since_last_job,
            work_experience: f.work_experience,
            disabilities: f.disabilities,
            work_ability_limits: f.work_ability_limits,
            own_goal: f.own_goal,
            first_step: f.first_step,
            completed_on: None,
            created_at: current.as_ref().map_or(now, |c| c.created_at),
            updated_at: now,
            version: version + 1,
        };
        ctx.store.save_mapping(version, &row)?;
        ctx.audit(Some(&id), &p.id);
        Ok(view(id, Some(row)))
    })
    .await?;
    Ok(HttpResponse::Ok().insert_header(etag(v.version)).json(v))
}

/// Complete the mapping: the current housing, the participant's own goal and the first step
/// must be filled in (422 naming the missing fields).
#[utoipa::path(tag = "enrolments", params(("id" = uuid::Uuid, Path, description = "Enrolment id")), request_body = CompleteMapping,
    responses((status = 200, body = MappingView), (status = 409, body = crate::error::Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
#[post("/{id}/mapping/complete")]
pub async fn complete_mapping(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: CurrentUser,
    id: web::Path<uuid::Uuid>,
    ApiJson(body): ApiJson<CompleteMapping>,
) -> ApiResult<HttpResponse> {
    let version = expected_version(&req, body.version)?;
    let id = id.into_inner().to_string();
    let v = run(&state, user, "mapping", Action::Close, move |ctx| {
        let (_, p) = load(ctx, &id, ParticipantAction::RecordCasework)?;
        let mut row = ctx.store.get_mapping(&id)?.ok_or_else(|| {
            ApiError::Validation(
                domain::mapping::REQUIRED_FOR_COMPLETION
                    .iter()
                    .map(|f| {
                        crate::error::FieldError::new(*f, "must be filled in before completing")
                    })
                    .collect(),
            )
        })?;
        if row.completed_on.is_some() {
            return Err(ApiError::conflict("the mapping is already completed"));
        }
        let missing = domain::mapping::missing_for_completion(&[
            ("current_housing", row.current_housing.as_deref()),
            ("own_goal", row.own_goal.as_deref()),
            ("first_step", row.first_step.as_deref()),
        ]);
        let mut e = Errors::default();
        for f in missing {
            e.add(f, "must be filled in before completing");
        }
        e.finish()?;
        if row.version != version {
            return Err(ApiError::Stale {
                current_version: row.version,
            });
        }
        row.completed_on = Some(ctx.today);
        row.updated_at = time::now();
        row.version = version + 1;
        ctx.store.save_mapping(version, &row)?;
        ctx.audit(Some(&id), &p.id);
        Ok(view(id, Some(row)))
    })
    .await?;
    Ok(HttpResponse::Ok().insert_header(etag(v.version)).json(v))
}
