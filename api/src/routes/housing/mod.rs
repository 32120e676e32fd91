//! Housing (issue 4): the apartment inventory and occupancy board, tenancies, the housing ladder,
//! the queue with its random draws, housing follow-ups, risk events and housing support.
//!
//! Participant-scoped resources live under their own top-level paths (`/tenancies`,
//! `/queue-entries`, `/housing-ladder/{participant_id}` …) and are authorised through the
//! participant with [`policy::housing`].

mod course;
pub(crate) mod inventory;
mod ladder;
pub(crate) mod queue;
mod search;
mod stays;
mod support;
pub(crate) mod tenancies;
mod view;

use chrono::NaiveDate;
use utoipa_actix_web::service_config::ServiceConfig;

use crate::audit::{self, Action, Outcome};
use crate::auth::CurrentUser;
use crate::auth::policy::{self, HousingAction};
use crate::error::{ApiError, ApiResult, FieldError};
use crate::store::Store;
use crate::store::housing::StageChangeRow;
use crate::store::participants::ParticipantRow;
use crate::store::time;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.configure(inventory::configure)
        .configure(tenancies::configure)
        .configure(ladder::configure)
        .configure(queue::configure)
        .configure(support::configure)
        .configure(search::configure)
        .configure(stays::configure)
        .configure(course::configure);
}

/// Loads a participant and asks [`policy::housing`]. A refusal is audited and returned as the
/// inner `Err`, so the transaction commits the audit entry and the handler still answers 403/404.
pub(crate) fn authorised(
    store: &mut dyn Store,
    user: &CurrentUser,
    participant_id: &str,
    action: HousingAction,
    resource_type: &str,
    today: NaiveDate,
) -> ApiResult<Result<ParticipantRow, ApiError>> {
    let row = store
        .get_participant(participant_id)?
        .ok_or_else(|| ApiError::not_found("participant"))?;
    let assigned = store.is_assigned(&row, &user.staff_id, today)?;
    match policy::housing(user, action, &row, assigned) {
        Ok(()) => Ok(Ok(row)),
        Err(denied) => {
            let audit_action = if action == HousingAction::Read {
                Action::Read
            } else {
                Action::Update
            };
            store.insert_audit(&[audit::housing(
                user,
                audit_action,
                resource_type,
                participant_id,
                participant_id,
                Outcome::Denied,
            )])?;
            Ok(Err(denied))
        }
    }
}

/// Trims optional text; empty becomes `None`; too long or with control characters is an error.
fn text(
    errors: &mut Vec<FieldError>,
    field: &str,
    value: Option<String>,
    max: usize,
) -> Option<String> {
    let trimmed = value
        .map(|v| v.trim().to_owned())
        .filter(|v| !v.is_empty())?;
    if trimmed.chars().count() > max {
        errors.push(FieldError::new(
            field,
            format!("must be at most {max} characters"),
        ));
    }
    if trimmed.chars().any(|c| c.is_control() && c != '\n') {
        errors.push(FieldError::new(
            field,
            "must not contain control characters",
        ));
    }
    Some(trimmed)
}

/// Required text: as [`text`], but missing or empty is an error.
fn required_text(errors: &mut Vec<FieldError>, field: &str, value: String, max: usize) -> String {
    match text(errors, field, Some(value), max) {
        Some(v) => v,
        None => {
            errors.push(FieldError::new(field, "must not be empty"));
            String::new()
        }
    }
}

fn done(errors: Vec<FieldError>) -> ApiResult<()> {
    if errors.is_empty() {
        Ok(())
    } else {
        Err(ApiError::Validation(errors))
    }
}

/// Parses a stored text code.
fn code<T: std::str::FromStr>(value: &str, column: &str) -> ApiResult<T> {
    value
        .parse()
        .map_err(|_| ApiError::Internal(format!("{column} holds an unknown code")))
}

/// Records a housing change in the ladder history and keeps the participant's
/// `housing_situation` in step with the change in force today.
#[allow(clippy::too_many_arguments)]
fn record_stage(
    store: &mut dyn Store,
    user: &CurrentUser,
    participant_id: &str,
    situation: domain::participant::HousingSituation,
    from: NaiveDate,
    tenancy_id: Option<&str>,
    note: Option<String>,
    today: NaiveDate,
) -> ApiResult<StageChangeRow> {
    let now = time::now();
    let row = StageChangeRow {
        id: time::new_id(),
        participant_id: participant_id.to_owned(),
        situation: situation.as_str().to_owned(),
        from_date: from,
        source: if tenancy_id.is_some() {
            "tenancy"
        } else {
            "staff"
        }
        .to_owned(),
        tenancy_id: tenancy_id.map(str::to_owned),
        note,
        recorded_by: Some(user.staff_id.clone()),
        created_at: now,
    };
    store.insert_stage_change(&row)?;
    let changes = ladder::stage_changes(&store.stage_changes_of(participant_id)?)?;
    if let Some(current) = domain::housing::situation_on(&changes, today) {
        store.set_housing_situation(participant_id, current.as_str(), now)?;
    }
    Ok(row)
}
