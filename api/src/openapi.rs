//! The OpenAPI document: paths are collected from the registered services (utoipa-actix-web);
//! this module adds what is the same everywhere — security, the problem responses, the servers.

use utoipa::openapi::path::Operation;
use utoipa::openapi::response::{Response, ResponseBuilder};
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::openapi::{Content, OpenApi as OpenApiDoc, Ref, RefOr};
use utoipa::{Modify, OpenApi};

use crate::error::Problem;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Stegvis API",
        description = "Case management for municipal social services that help homeless people and \
people with addiction problems, step by step, into housing and work.\n\n\
Conventions: JSON with snake_case names; dates `YYYY-MM-DD`; timestamps UTC (RFC 3339). \
Every error is `application/problem+json` (RFC 9457) with `type`, `title`, `status`, `detail`, and \
`errors: [{field, message}]` for invalid fields. Lists return `{items, total, limit, offset}`. \
Updates carry the `version` you edited (or `If-Match`); a stale version gives 412. \
POSTs accept an `Idempotency-Key` header: the same key with the same body returns the first result. \
Every read and change of personal data is written to the audit log.",
        license(name = "EUPL-1.2")
    ),
    components(schemas(Problem, crate::error::FieldError)),
    modifiers(&Conventions),
    tags(
        (name = "auth", description = "Log in, renew, log out"),
        (name = "participants", description = "Participants (deltagare)"),
        (name = "units", description = "Units (enheter)"),
        (name = "staff", description = "Staff accounts"),
        (name = "audit", description = "The audit log (loggning av åtkomst)"),
        (name = "housing", description = "Apartments, occupancy, tenancies and the housing ladder (boendetrappan)"),
        (name = "housing queue", description = "The queue for training and trial apartments, and random draws"),
        (name = "housing support", description = "Housing follow-ups, risk events and housing support (boendestöd)"),
        (name = "programmes", description = "Programmes (insatser / projekt) and their end statuses"),
        (name = "referrals", description = "Referrals (intresseanmälan / remiss) and their status flow"),
        (name = "enrolments", description = "Enrolments in programmes and their mapping (kartläggning)"),
        (name = "contacts", description = "Contacts: the journal of meetings, calls and visits"),
        (name = "relapses", description = "Relapses (återfall)"),
        (name = "consents", description = "Consents (samtycken) to share information"),
        (name = "asi", description = "ASI interviews (Addiction Severity Index)"),
        (name = "assignments", description = "Staff assignments and caseloads"),
        (name = "due", description = "The due list: reviews, follow-ups, meetings and contacts due or overdue"),
        (name = "work", description = "Work rehabilitation: employers, study visits, activities, internship agreements (praktikavtal), employment outcomes, hand-overs and the main activity"),
        (name = "reports", description = "Reports: programme outcome and national homelessness count per period or week, as JSON or CSV (UTF-8 with BOM, `;`, decimal comma), with drill-down for managers. Definitions in each report's schema."),
        (name = "health", description = "Liveness and readiness"),
        (name = "imports", description = "Bulk import and export: CSV (`;` or `,`, Swedish Excel) or NDJSON files with the create bodies' field names as columns, all or nothing, with dry run, upsert by `external_id`, and import jobs to poll")
    )
)]
pub struct ApiDoc;

struct Conventions;

/// Shared problem responses, referenced from every operation instead of repeated in each.
const SHARED: &[(&str, &str, &str)] = &[
    ("400", "MalformedRequest", "The body is not valid JSON"),
    (
        "401",
        "Unauthenticated",
        "Missing, invalid, expired or revoked access token",
    ),
    ("403", "Forbidden", "Your role or unit does not allow this"),
    (
        "413",
        "TooLarge",
        "The body is larger than the server accepts",
    ),
    (
        "415",
        "UnsupportedMediaType",
        "The body is not application/json",
    ),
    (
        "422",
        "Validation",
        "Invalid fields; `errors` names each one",
    ),
    (
        "429",
        "TooManyRequests",
        "Too many requests; see Retry-After",
    ),
    (
        "500",
        "Internal",
        "Unexpected error (logged; no details are sent)",
    ),
    ("503", "Unavailable", "The database is unreachable"),
];

fn problem_response(description: &str) -> Response {
    ResponseBuilder::new()
        .description(description)
        .content(
            "application/problem+json",
            Content::new(Some(Ref::from_schema_name("Problem"))),
        )
        .build()
}

fn add_shared(op: &mut Operation, public: bool, has_body: bool) {
    for (status, name, _) in SHARED {
        let applies = match *status {
            "401" | "403" => !public,
            "400" | "413" | "415" => has_body,
            _ => true,
        };
        if applies && !op.responses.responses.contains_key(*status) {
            op.responses.responses.insert(
                (*status).to_owned(),
                RefOr::Ref(Ref::from_response_name(*name)),
            );
        }
    }
}

impl Modify for Conventions {
    fn modify(&self, openapi: &mut OpenApiDoc) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .bearer_format("JWT")
                    .description(Some("Access token from POST /api/v1/auth/login"))
                    .build(),
            ),
        );
        for (_, name, description) in SHARED {
            components
                .responses
                .insert((*name).to_owned(), RefOr::T(problem_response(description)));
        }
    }
}

/// Adds the shared responses to every operation; run after paths are collected.
pub fn finish(mut doc: OpenApiDoc) -> OpenApiDoc {
    for item in doc.paths.paths.values_mut() {
        for op in [
            &mut item.get,
            &mut item.put,
            &mut item.post,
            &mut item.delete,
            &mut item.patch,
        ]
        .into_iter()
        .flatten()
        {
            let public = op.security.as_ref().is_none_or(|s| s.is_empty());
            let has_body = op.request_body.is_some();
            add_shared(op, public, has_body);
        }
    }
    doc
}

/// The methods the document declares for a concrete request path (`{param}` matches one segment).
pub fn methods_for(doc: &OpenApiDoc, path: &str) -> Vec<&'static str> {
    let segments: Vec<&str> = path.trim_end_matches('/').split('/').collect();
    let Some(item) = doc.paths.paths.iter().find_map(|(template, item)| {
        let parts: Vec<&str> = template.split('/').collect();
        let matches = parts.len() == segments.len()
            && parts
                .iter()
                .zip(&segments)
                .all(|(t, s)| (t.starts_with('{') && !s.is_empty()) || t == s);
        matches.then_some(item)
    }) else {
        return Vec::new();
    };
    [
        ("GET", item.get.is_some()),
        ("POST", item.post.is_some()),
        ("PUT", item.put.is_some()),
        ("PATCH", item.patch.is_some()),
        ("DELETE", item.delete.is_some()),
    ]
    .into_iter()
    .filter_map(|(m, present)| present.then_some(m))
    .collect()
}

/// The whole document as the running server serves it.
pub fn document() -> OpenApiDoc {
    use utoipa_actix_web::AppExt;
    let (_, doc) = actix_web::App::new()
        .into_utoipa_app()
        .openapi(ApiDoc::openapi())
        .configure(crate::app::api)
        .split_for_parts();
    finish(doc)
}

/// The document as YAML (the committed openapi.yaml).
pub fn yaml() -> Result<String, String> {
    document().to_yaml().map_err(|e| e.to_string())
}
