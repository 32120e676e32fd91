//! Registers the casework resources (issue 3). Paths below `/participants/{id}/…` and
//! `/staff/{id}/caseload` are registered as full paths before the participants and staff scopes,
//! which would otherwise claim them.

use utoipa_actix_web::service_config::ServiceConfig;

use super::{
    asi, assignments, consents, contacts, enrolments, merges, programmes, referrals, relapses,
    timeline,
};

pub fn configure(cfg: &mut ServiceConfig) {
    // `/participants/duplicates` must come before the participants scope's `/{id}`.
    cfg.configure(merges::configure)
        .configure(timeline::configure)
        .configure(programmes::configure)
        .configure(referrals::configure)
        .configure(enrolments::configure)
        .configure(contacts::configure)
        .configure(relapses::configure)
        .configure(consents::configure)
        .configure(asi::configure)
        .configure(assignments::configure);
}
