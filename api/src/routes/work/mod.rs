//! Work rehabilitation (issue 5): employers (`/employers`), study visits (`/study-visits`),
//! activities with their hours (`/activities`), internship agreements with follow-ups, extensions
//! and early ends (`/internship-agreements`), employment outcomes (`/employment-outcomes`),
//! hand-overs (`/handovers`) and a participant's main activity in a period
//! (`/participants/{id}/main-activity`, registered as a full path before the participants scope).
//! Rules live in `domain::{activity, internship, main_activity}`; authorisation in
//! `policy::{work_record, read_employers, write_employers}`.

pub mod activities;
pub mod agreements;
pub mod employers;
pub mod outcomes;

use utoipa_actix_web::service_config::ServiceConfig;

use super::scoped::Ctx;
use crate::auth::policy;
use crate::error::{ApiError, ApiResult};
use crate::store::participants::ParticipantRow;
use crate::store::work::ActivityRow;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.configure(outcomes::configure_main_activity)
        .configure(employers::configure)
        .configure(activities::configure)
        .configure(agreements::configure)
        .configure(outcomes::configure);
}

/// Loads and authorises a participant for reading (`write` false) or writing work records.
pub fn participant(ctx: &mut Ctx<'_>, id: &str, write: bool) -> ApiResult<ParticipantRow> {
    ctx.participant_by(id, |user, row, assigned| {
        policy::work_record(user, write, row, assigned)
    })
}

/// Loads an activity and authorises its participant.
pub fn activity(ctx: &mut Ctx<'_>, id: &str, write: bool) -> ApiResult<ActivityRow> {
    let row = ctx
        .store
        .get_activity(id)?
        .ok_or_else(|| ApiError::not_found("activity"))?;
    participant(ctx, &row.participant_id, write)?;
    Ok(row)
}
