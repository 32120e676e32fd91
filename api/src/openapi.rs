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
        (name = "imports", description = "Bulk import and export: CSV (`;` or `,`, Swedish Excel) or NDJSON files with the create bodies' field names as columns, all or nothing, with dry run, upsert by `external_id`, and import jobs to poll"),
        (name = "retention", description = "Retention (gallring): closed cases past their retention period, listed for a manager and removed on approval")
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
        "404",
        "NotFound",
        "No such record, or one you may not know exists (a protected identity)",
    ),
    (
        "412",
        "StaleVersion",
        "The record was changed since the version you sent; `current_version` says which it is at",
    ),
    (
        "428",
        "VersionRequired",
        "An update without `version` in the body or an `If-Match` header",
    ),
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
            "401" | "403" | "404" => !public,
            "412" => false,
            "428" => op.responses.responses.contains_key("412"),
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
    open_flattened_schemas(&mut doc);
    let versioned = versioned_schemas(&doc);
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
            if body_has_version(op, &versioned) {
                op.responses
                    .responses
                    .entry("412".to_owned())
                    .or_insert_with(|| RefOr::Ref(Ref::from_response_name("StaleVersion")));
            }
            add_shared(op, public, has_body);
            constrain_parameters(op);
        }
    }
    doc
}

/// Names of the request schemas that carry a `version` (the write is checked against it: 412
/// when stale, 428 when neither it nor `If-Match` is sent).
fn versioned_schemas(doc: &OpenApiDoc) -> std::collections::BTreeSet<String> {
    use utoipa::openapi::Schema;
    doc.components
        .iter()
        .flat_map(|c| c.schemas.iter())
        .filter(|(_, schema)| match schema {
            RefOr::T(Schema::Object(o)) => o.properties.contains_key("version"),
            _ => false,
        })
        .map(|(name, _)| name.clone())
        .collect()
}

fn body_has_version(op: &Operation, versioned: &std::collections::BTreeSet<String>) -> bool {
    let Some(body) = &op.request_body else {
        return false;
    };
    body.content.values().any(|content| match &content.schema {
        Some(RefOr::Ref(r)) => r
            .ref_location
            .strip_prefix("#/components/schemas/")
            .is_some_and(|name| versioned.contains(name)),
        _ => false,
    })
}

/// A struct that `#[serde(flatten)]`s a `deny_unknown_fields` one is documented as `allOf` of a
/// schema with `additionalProperties: false`, which no response could satisfy (the other
/// members' fields would be "additional"). Inline such members without that restriction.
fn open_flattened_schemas(doc: &mut OpenApiDoc) {
    use utoipa::openapi::Schema;
    use utoipa::openapi::schema::AdditionalProperties;
    let Some(components) = doc.components.as_mut() else {
        return;
    };
    let closed: std::collections::BTreeMap<String, Schema> = components
        .schemas
        .iter()
        .filter_map(|(name, schema)| match schema {
            RefOr::T(Schema::Object(o))
                if matches!(
                    o.additional_properties.as_deref(),
                    Some(AdditionalProperties::FreeForm(false))
                ) =>
            {
                let mut open = o.clone();
                open.additional_properties = None;
                Some((name.clone(), Schema::Object(open)))
            }
            _ => None,
        })
        .collect();
    for schema in components.schemas.values_mut() {
        if let RefOr::T(Schema::AllOf(all)) = schema {
            for item in &mut all.items {
                let inline = match item {
                    RefOr::Ref(r) => r
                        .ref_location
                        .strip_prefix("#/components/schemas/")
                        .and_then(|name| closed.get(name)),
                    RefOr::T(_) => None,
                };
                if let Some(open) = inline {
                    *item = RefOr::T(open.clone());
                }
            }
        }
    }
}

/// States on every operation the limits that the shared helpers enforce (`routes::paging`, the
/// idempotency middleware), so that clients and the fuzzer know them.
fn constrain_parameters(op: &mut Operation) {
    use utoipa::Number;
    use utoipa::openapi::Schema;
    use utoipa::openapi::path::ParameterIn;
    for param in op.parameters.iter_mut().flatten() {
        let Some(RefOr::T(Schema::Object(schema))) = param.schema.as_mut() else {
            continue;
        };
        match (&param.parameter_in, param.name.as_str()) {
            (ParameterIn::Query, "limit") => {
                schema.minimum = Some(Number::Int(1));
                schema.maximum = Some(Number::Int(500));
            }
            (ParameterIn::Query, "offset") => schema.minimum = Some(Number::Int(0)),
            (ParameterIn::Header, crate::idempotency::HEADER) => {
                schema.min_length = Some(1);
                schema.max_length = Some(200);
            }
            _ => {}
        }
    }
}

/// Does the path segment `s` fit the template segment `t`? With `strict`, record ids are UUIDs:
/// `{id}` and `{…_id}` take only a UUID, so `/imports/{id}` (GET a job) and
/// `/imports/{resource}` (POST a file) are told apart.
fn segment_matches(t: &str, s: &str, strict: bool) -> bool {
    if strict && is_id_param(t) {
        uuid::Uuid::parse_str(s).is_ok()
    } else if t.starts_with('{') {
        !s.is_empty()
    } else {
        t == s
    }
}

fn is_id_param(t: &str) -> bool {
    t == "{id}" || (t.starts_with('{') && t.ends_with("_id}"))
}

/// Every path template of the document with its methods: all that 405 answers and `Allow`
/// need, kept instead of the document itself (which took a few MB of a running server).
#[derive(Debug, Clone)]
pub struct RouteMethods(Vec<(String, Vec<&'static str>)>);

impl RouteMethods {
    pub fn of(doc: &OpenApiDoc) -> Self {
        Self(
            doc.paths
                .paths
                .iter()
                .map(|(template, item)| {
                    let methods = [
                        ("GET", item.get.is_some()),
                        ("POST", item.post.is_some()),
                        ("PUT", item.put.is_some()),
                        ("PATCH", item.patch.is_some()),
                        ("DELETE", item.delete.is_some()),
                    ]
                    .into_iter()
                    .filter_map(|(m, present)| present.then_some(m))
                    .collect();
                    (template.clone(), methods)
                })
                .collect(),
        )
    }
}

/// The methods the document declares for a request path that no route took (for 405 and
/// `Allow`): ids must be UUIDs, and the most specific template wins.
pub fn methods_for(routes: &RouteMethods, path: &str) -> Vec<&'static str> {
    methods_matching(routes, path, true)
}

/// The methods for a path a route took but whose parameters did not parse (`PUT
/// /apartments/occupancy` reaching `PUT /apartments/{id}`): any segment fits a parameter, so a
/// malformed id still counts as the path of its route.
pub fn methods_routed(routes: &RouteMethods, path: &str) -> Vec<&'static str> {
    methods_matching(routes, path, false)
}

/// The union of the methods of the most specific templates that fit `path`: the most literal
/// segments first (`/apartments/occupancy` over `/apartments/{id}`), then, when `strict`, the
/// most ids that took a UUID.
fn methods_matching(routes: &RouteMethods, path: &str, strict: bool) -> Vec<&'static str> {
    let segments: Vec<&str> = path.trim_end_matches('/').split('/').collect();
    let fitting: Vec<((usize, usize), &Vec<&'static str>)> = routes
        .0
        .iter()
        .filter_map(|(template, methods)| {
            let parts: Vec<&str> = template.split('/').collect();
            let matches = parts.len() == segments.len()
                && parts
                    .iter()
                    .zip(&segments)
                    .all(|(t, s)| segment_matches(t, s, strict));
            let literal = parts.iter().filter(|t| !t.starts_with('{')).count();
            let ids = if strict {
                parts.iter().filter(|t| is_id_param(t)).count()
            } else {
                0
            };
            matches.then_some(((literal, ids), methods))
        })
        .collect();
    let Some(best) = fitting.iter().map(|(key, _)| *key).max() else {
        return Vec::new();
    };
    let items: Vec<&Vec<&'static str>> = fitting
        .iter()
        .filter(|(key, _)| *key == best)
        .map(|(_, methods)| *methods)
        .collect();
    ["GET", "POST", "PUT", "PATCH", "DELETE"]
        .into_iter()
        .filter(|m| items.iter().any(|methods| methods.contains(m)))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_and_names_in_the_same_place_are_told_apart() {
        let doc = RouteMethods::of(&document());
        let job = "/api/v1/imports/01a2161b-6cc7-7149-8570-53f28407768e";
        assert_eq!(methods_for(&doc, job), ["GET"]);
        assert_eq!(methods_for(&doc, "/api/v1/imports/participants"), ["POST"]);
        assert_eq!(methods_for(&doc, "/api/v1/apartments/occupancy"), ["GET"]);
        assert!(methods_for(&doc, "/api/v1/participants/not-an-id").is_empty());
        // A route took it, only the id did not parse: GET is this path's method (so 404, not 405).
        assert!(methods_routed(&doc, "/api/v1/imports/null,null").contains(&"GET"));
        assert_eq!(
            methods_routed(&doc, "/api/v1/apartments/occupancy"),
            ["GET"]
        );
    }
}
