//! HTTP hardening that is not a header constant: cross-origin access (CORS), the time limit per
//! request, and HSTS behind TLS.

use std::time::Duration;

use actix_cors::Cors;
use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, HeaderValue};
use actix_web::middleware::Next;
use actix_web::web;

use crate::app::AppState;

use crate::error::{ApiError, ProblemKind};

/// CORS closed by default: a browser may call the API only from the page's own origin (the SPA
/// served by this server), plus the origins listed in `STEGVIS_CORS_ORIGINS`. Other origins get
/// no `Access-Control-Allow-Origin`, so the browser refuses to show them the response.
pub fn cors(allowed: &[String]) -> Cors {
    let allowed: Vec<String> = allowed
        .iter()
        .map(|o| o.trim().trim_end_matches('/').to_owned())
        .filter(|o| !o.is_empty())
        .collect();
    Cors::default()
        .allowed_origin_fn(move |origin, req| {
            let Ok(origin) = origin.to_str() else {
                return false;
            };
            allowed.iter().any(|a| a == origin) || same_origin(origin, req)
        })
        .allowed_methods(["GET", "POST", "PUT", "DELETE"])
        .allowed_headers([
            header::AUTHORIZATION,
            header::CONTENT_TYPE,
            header::ACCEPT,
            header::IF_MATCH,
            header::HeaderName::from_static("idempotency-key"),
        ])
        .expose_headers([header::ETAG, header::LOCATION, header::RETRY_AFTER])
        .max_age(600)
}

/// Whether `origin` is the server itself as the browser addressed it (`Host`). Browsers send
/// `Origin` on same-origin POSTs too, and those must keep working without configuration.
fn same_origin(origin: &str, req: &actix_web::dev::RequestHead) -> bool {
    let Some(host) = req
        .headers()
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
    else {
        return false;
    };
    origin
        .strip_prefix("http://")
        .or_else(|| origin.strip_prefix("https://"))
        .is_some_and(|o| o == host)
}

/// Answers 503 problem+json when a request takes longer than the configured limit, so a stuck
/// request cannot hold a client (or a proxy) forever. Work already handed to the database is not
/// interrupted: its transaction commits or rolls back as a whole, and a retry with the same
/// `Idempotency-Key` returns the first result. (The answer is returned as an error because the
/// request itself is still owned by the abandoned handler; actix renders it as problem+json.)
pub async fn time_limit<B: MessageBody>(
    req: ServiceRequest,
    next: Next<B>,
) -> Result<ServiceResponse<B>, actix_web::Error> {
    let import =
        req.method() == actix_web::http::Method::POST && req.path().starts_with("/api/v1/imports/");
    let limit = Duration::from_millis(req.app_data::<web::Data<AppState>>().map_or(
        30_000,
        |state| {
            if import {
                state.config.import_timeout_ms
            } else {
                state.config.request_timeout_ms
            }
        },
    ));
    match actix_web::rt::time::timeout(limit, next.call(req)).await {
        Ok(res) => res,
        Err(_) => {
            log::warn!(
                "request exceeded the time limit of {} ms",
                limit.as_millis()
            );
            Err(ApiError::new(
                ProblemKind::Unavailable,
                "the request took too long and was stopped; try again",
            )
            .into())
        }
    }
}

/// `Strict-Transport-Security` when the server is reached over TLS: configured
/// (`STEGVIS_HSTS=true`, for a TLS-terminating proxy that does not say so) or signalled by the
/// proxy with `X-Forwarded-Proto: https` / `Forwarded: proto=https`. Over plain HTTP browsers
/// ignore the header anyway, so trusting the proxy header cannot be abused.
pub async fn hsts(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let always = req
        .app_data::<web::Data<AppState>>()
        .is_some_and(|state| state.config.hsts);
    let tls = always || req.connection_info().scheme() == "https";
    let mut res = next.call(req).await?;
    if tls {
        res.headers_mut().insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000; includeSubDomains"),
        );
    }
    Ok(res)
}
