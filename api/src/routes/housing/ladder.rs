//! `/housing-ladder/{participant_id}`: a participant's housing-ladder history, time on each step,
//! and changes recorded by staff.

use actix_web::{HttpResponse, get, post, web};
use chrono::NaiveDate;
use domain::housing::{self as rules, StageChange};
use domain::participant::HousingSituation;
use serde::Deserialize;
use utoipa::ToSchema;
use utoipa_actix_web::service_config::ServiceConfig;

use super::view::{LadderView, StageChangeView, StepDays};
use super::{authorised, code, done, record_stage, text};
use crate::app::AppState;
use crate::audit::{self, Action, Outcome};
use crate::auth::CurrentUser;
use crate::auth::policy::HousingAction;
use crate::error::{ApiError, ApiResult, FieldError};
use crate::extract::ApiJson;
use crate::store::Store;
use crate::store::housing::StageChangeRow;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(
        utoipa_actix_web::scope("/housing-ladder")
            .service(get_housing_ladder)
            .service(record_housing_change),
    );
}

pub(super) fn stage_changes(rows: &[StageChangeRow]) -> ApiResult<Vec<StageChange>> {
    rows.iter()
        .map(|r| {
            Ok(StageChange {
                from: r.from_date,
                situation: code(&r.situation, "housing_stage_changes.situation")?,
            })
        })
        .collect()
}

fn ladder(
    store: &mut dyn Store,
    participant_id: &str,
    current: &str,
    today: NaiveDate,
) -> ApiResult<LadderView> {
    let rows = store.stage_changes_of(participant_id)?;
    let changes = stage_changes(&rows)?;
    let current_situation: HousingSituation = code(current, "participants.housing_situation")?;
    // Situation 2 is refined by the running tenancy's planned takeover.
    let running = store
        .tenancies_of_participant(participant_id)?
        .into_iter()
        .find(|t| t.move_in_on <= today && t.moved_out_on.is_none_or(|d| d > today));
    let survey = rules::survey_situation(
        current_situation,
        running.as_ref().map(|t| t.planned_takeover_on),
        false,
        today,
    );
    Ok(LadderView {
        participant_id: participant_id.to_owned(),
        current_step: rules::ladder_step(current_situation),
        current_situation,
        national_survey_situation: survey,
        days_homeless: rules::days_homeless(&changes, today),
        days_per_step: rules::days_per_step(&changes, today)
            .into_iter()
            .map(|(step, days)| StepDays { step, days })
            .collect(),
        changes: rows
            .into_iter()
            .map(StageChangeView::try_from)
            .collect::<ApiResult<_>>()?,
    })
}

/// The participant's housing ladder: current situation and step, the history of changes
/// (written by move-ins and move-outs, or by staff), days homeless and days on each step (audited).
#[utoipa::path(tag = "housing", params(("participant_id" = uuid::Uuid, Path, description = "Participant id")),
    responses((status = 200, body = LadderView), (status = 404, body = crate::error::Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
#[get("/{participant_id}")]
async fn get_housing_ladder(
    state: web::Data<AppState>,
    user: CurrentUser,
    id: web::Path<uuid::Uuid>,
) -> ApiResult<HttpResponse> {
    let today = state.today();
    let id = id.into_inner().to_string();
    let view = state
        .db
        .tx(move |store| {
            let p = match authorised(
                store,
                &user,
                &id,
                HousingAction::Read,
                "housing_ladder",
                today,
            )? {
                Ok(p) => p,
                Err(denied) => return Ok(Err(denied)),
            };
            store.insert_audit(&[audit::housing(
                &user,
                Action::Read,
                "housing_ladder",
                &id,
                &id,
                Outcome::Success,
            )])?;
            Ok(Ok(ladder(store, &p.id, &p.housing_situation, today)?))
        })
        .await??;
    Ok(HttpResponse::Ok().json(view))
}

/// A change of housing situation recorded by staff (e.g. from shelter to staying with friends).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"situation": "staying_with_friends", "from_date": "2012-01-11", "note": "Bor hos en bekant"}))]
pub struct HousingChangeInput {
    pub situation: HousingSituation,
    /// Not in the future.
    pub from_date: NaiveDate,
    #[serde(default)]
    pub note: Option<String>,
}

/// Record a change of housing situation. The participant's `housing_situation` follows the
/// change in force today. Returns the updated ladder.
#[utoipa::path(tag = "housing", params(("participant_id" = uuid::Uuid, Path, description = "Participant id")), request_body = HousingChangeInput,
    responses((status = 201, body = LadderView)),
    security(("bearer" = [])))]
#[post("/{participant_id}/changes")]
async fn record_housing_change(
    state: web::Data<AppState>,
    user: CurrentUser,
    id: web::Path<uuid::Uuid>,
    ApiJson(input): ApiJson<HousingChangeInput>,
) -> ApiResult<HttpResponse> {
    let today = state.today();
    let mut errors = Vec::new();
    if input.from_date > today {
        errors.push(FieldError::new("from_date", "must not be in the future"));
    }
    let note = text(&mut errors, "note", input.note, 2000);
    done(errors)?;
    let id = id.into_inner().to_string();
    let view = state
        .db
        .tx(move |store| {
            if let Err(denied) = authorised(
                store,
                &user,
                &id,
                HousingAction::RecordStage,
                "housing_ladder",
                today,
            )? {
                return Ok(Err(denied));
            }
            let row = record_stage(
                store,
                &user,
                &id,
                input.situation,
                input.from_date,
                None,
                note,
                today,
            )?;
            store.insert_audit(&[audit::housing(
                &user,
                Action::Create,
                "housing_stage_change",
                &row.id,
                &id,
                Outcome::Success,
            )])?;
            let p = store
                .get_participant(&id)?
                .ok_or_else(|| ApiError::not_found("participant"))?;
            Ok(Ok(ladder(store, &id, &p.housing_situation, today)?))
        })
        .await??;
    Ok(HttpResponse::Created().json(view))
}
