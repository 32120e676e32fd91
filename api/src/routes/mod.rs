//! HTTP handlers, one module per resource. Each handler: parse → authorise (policy) → store/domain
//! → respond. Paths are declared once, with utoipa-actix-web collecting them into the OpenAPI document.

pub mod audit_log;
pub mod auth;
pub mod due;
pub mod health;
pub mod housing;
pub mod participants;
pub mod reports;
pub mod staff;
pub mod units;
// casework
pub mod asi;
pub mod assignments;
pub mod casework;
pub mod consents;
pub mod contacts;
pub mod enrolments;
pub mod mapping;
pub mod merges;
pub mod programmes;
pub mod referrals;
pub mod relapses;
pub mod scoped;
pub mod timeline;
// action plans
pub mod action_plans;
pub mod method_evaluations;
// work rehabilitation
pub mod work;
// import and export
pub mod exports;
pub mod imports;
pub mod register_extract;

use actix_web::HttpRequest;
use actix_web::http::header;
use chrono::{NaiveDateTime, TimeZone, Utc};
use utoipa_actix_web::service_config::ServiceConfig;

use crate::error::{ApiError, ApiResult, ProblemKind};

/// Registers every `/api/v1` resource.
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.configure(auth::configure)
        // Before the programmes and participants scopes: full paths under /programmes/{id}/… and
        // /participants/{id}/….
        .configure(action_plans::configure)
        .configure(method_evaluations::configure)
        // Before the participants and staff scopes: casework registers full paths under them.
        .configure(casework::configure)
        // Before the participants scope: registers /participants/{id}/main-activity.
        .configure(work::configure)
        // Before the participants scope: registers /participants/{id}/register-extract.
        .configure(register_extract::configure)
        .configure(participants::configure)
        .configure(units::configure)
        .configure(staff::configure)
        .configure(audit_log::configure)
        .configure(housing::configure)
        .configure(due::configure)
        .configure(reports::configure)
        .configure(imports::configure)
        .configure(exports::configure);
}

/// Declares `$name` as the list envelope every list endpoint returns: `{items, total, limit, offset}`.
macro_rules! list_envelope {
    ($name:ident, $item:ty) => {
        #[derive(Debug, serde::Serialize, utoipa::ToSchema)]
        pub struct $name {
            pub items: Vec<$item>,
            /// How many records match the filters, across all pages.
            pub total: i64,
            pub limit: i64,
            pub offset: i64,
        }
    };
}
pub(crate) use list_envelope;

/// Paging parameters shared by every list: `limit` 1–500 (default 50), `offset` ≥ 0.
pub fn paging(limit: Option<i64>, offset: Option<i64>) -> ApiResult<(i64, i64)> {
    let limit = limit.unwrap_or(50);
    let offset = offset.unwrap_or(0);
    let mut errors = Vec::new();
    if !(1..=500).contains(&limit) {
        errors.push(crate::error::FieldError::new(
            "limit",
            "must be between 1 and 500",
        ));
    }
    if offset < 0 {
        errors.push(crate::error::FieldError::new("offset", "must be 0 or more"));
    }
    if errors.is_empty() {
        Ok((limit, offset))
    } else {
        Err(ApiError::Validation(errors))
    }
}

/// Stored timestamps are UTC; responses say so explicitly.
pub fn utc(at: NaiveDateTime) -> chrono::DateTime<Utc> {
    Utc.from_utc_datetime(&at)
}

/// The version a write expects: the body's `version`, else an `If-Match: "N"` header; 428 if neither.
pub fn expected_version(req: &HttpRequest, body_version: Option<i32>) -> ApiResult<i32> {
    if let Some(v) = body_version {
        return Ok(v);
    }
    let header_value = req
        .headers()
        .get(header::IF_MATCH)
        .and_then(|v| v.to_str().ok());
    match header_value {
        Some(raw) => raw
            .trim()
            .trim_start_matches("W/")
            .trim_matches('"')
            .parse::<i32>()
            .map_err(|_| ApiError::field("If-Match", "must be the record's version, e.g. \"3\"")),
        None => Err(ApiError::new(
            ProblemKind::PreconditionRequired,
            "send the version you edited, as `version` in the body or an If-Match header",
        )),
    }
}

/// `ETag: "version"` so clients can send it back in `If-Match`.
pub fn etag(version: i32) -> (header::HeaderName, String) {
    (header::ETAG, format!("\"{version}\""))
}
