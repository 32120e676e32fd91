//! Registers the casework resources (issue 3). Paths below `/participants/{id}/…` and
//! `/staff/{id}/caseload` are registered as full paths before the participants and staff scopes,
//! which would otherwise claim them.

use utoipa_actix_web::service_config::ServiceConfig;

use super::{enrolments, programmes, referrals};

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.configure(programmes::configure)
        .configure(referrals::configure)
        .configure(enrolments::configure);
}
