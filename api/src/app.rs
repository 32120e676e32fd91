//! Builds the actix application: shared state, middleware, the API, the docs and the web app.

use std::sync::Arc;

use actix_files::{Files, NamedFile};
use actix_web::dev::{ServiceRequest, ServiceResponse, fn_service};
use actix_web::http::header;
use actix_web::middleware::{DefaultHeaders, Logger, from_fn};
use actix_web::{App, HttpResponse, web};
use chrono::NaiveDate;
use utoipa_actix_web::AppExt;
use utoipa_actix_web::service_config::ServiceConfig;
use utoipa_swagger_ui::SwaggerUi;

use crate::auth::token::TokenKeys;
use crate::config::Config;
use crate::error::ApiError;
use crate::routes;
use crate::store::Db;

/// What every handler can reach. Nothing here holds state that matters across instances:
/// sessions, idempotency keys and the audit log live in the database.
pub struct AppState {
    pub db: Db,
    pub config: Arc<Config>,
    pub tokens: TokenKeys,
    /// The paths and methods of the OpenAPI document, for 405 and `Allow`.
    pub routes: crate::openapi::RouteMethods,
    /// The same document as served JSON, serialised once and shared by every worker (a copy of
    /// the document per worker cost several MB each).
    pub openapi_json: web::Bytes,
    /// Group commit of the audit entries of reads (see `audit_writer`).
    pub audit: crate::audit_writer::AuditWriter,
    /// Row counters of the imports running in this process (see `import::progress`).
    pub imports: crate::import::progress::Running,
}

impl AppState {
    /// Today's date in Sweden, whatever the machine's time zone (or the configured test date).
    pub fn today(&self) -> NaiveDate {
        self.config
            .today
            .unwrap_or_else(|| domain::period::swedish_date(chrono::Utc::now()))
    }
}

/// Every documented route: health checks and the `/api/v1` resources.
pub fn api(cfg: &mut ServiceConfig) {
    cfg.service(routes::health::healthz)
        .service(routes::health::readyz)
        .service(utoipa_actix_web::scope("/api/v1").configure(routes::configure));
}

/// The Content-Security-Policy: no inline scripts, nothing from other origins, no framing.
const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; \
img-src 'self' data:; connect-src 'self'; font-src 'self' data:; object-src 'none'; \
frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

/// Where the OpenAPI document is served (and where the docs page reads it).
const OPENAPI_JSON_PATH: &str = "/api/v1/openapi.json";

async fn openapi_json(state: web::Data<AppState>) -> HttpResponse {
    HttpResponse::Ok()
        .content_type(header::ContentType::json())
        .body(state.openapi_json.clone())
}

/// Builds the application around shared state. Called once per worker thread.
pub fn build(
    state: web::Data<AppState>,
) -> App<
    impl actix_web::dev::ServiceFactory<
        ServiceRequest,
        Config = (),
        Response = ServiceResponse<impl actix_web::body::MessageBody>,
        Error = actix_web::Error,
        InitError = (),
    >,
> {
    let frontend_dir = state.config.frontend_dir.clone();
    // The docs are registered first: the /api/v1 scope would otherwise answer
    // /api/v1/openapi.json with its own 404.
    let (app, _) = App::new()
        .service(
            SwaggerUi::new("/docs/{_:.*}")
                .config(utoipa_swagger_ui::Config::from(OPENAPI_JSON_PATH)),
        )
        .route(OPENAPI_JSON_PATH, web::get().to(openapi_json))
        .into_utoipa_app()
        .app_data(state.clone())
        .app_data(web::PathConfig::default().error_handler(|err, req| {
            // `PUT /apartments/occupancy` reaches `PUT /apartments/{id}` and fails on the id; the
            // path exists, only not with this method, so the answer is 405 as for other paths.
            let allowed = req
                .app_data::<web::Data<AppState>>()
                .map(|state| crate::openapi::methods_routed(&state.routes, req.path()))
                .unwrap_or_default();
            if allowed.is_empty() || allowed.iter().any(|m| *m == req.method().as_str()) {
                ApiError::not_found("resource").into()
            } else {
                actix_web::error::InternalError::from_response(
                    err,
                    method_not_allowed(req.method(), &allowed),
                )
                .into()
            }
        }))
        .configure(api)
        .split_for_parts();
    // Every worker collects the whole OpenAPI description while registering its routes and
    // drops it at once (the served JSON is made once, at start): about 4 MB per worker of an idle
    // server's resident memory (52.5 → 45.4 MB idle with two workers on 100,000 participants).
    crate::memory::release_freed_memory();
    let mut app = app.service(web::redirect("/docs", "/docs/"));
    let index = frontend_dir.join("index.html");
    if index.is_file() {
        // History fallback: any path the SPA owns gets index.html; the SPA routes it.
        app = app.service(
            Files::new("/", &frontend_dir)
                .index_file("index.html")
                .default_handler(fn_service(move |req: ServiceRequest| {
                    let index = index.clone();
                    async move {
                        let (req, _) = req.into_parts();
                        if req.path().starts_with("/api/") {
                            return Ok(ServiceResponse::new(req, not_found_response()));
                        }
                        let file = NamedFile::open_async(&index).await?;
                        let res = file.into_response(&req);
                        Ok(ServiceResponse::new(req, res))
                    }
                })),
        );
    }
    app.default_service(web::to(unmatched))
        .wrap(from_fn(crate::idempotency::middleware))
        .wrap(from_fn(crate::hardening::time_limit))
        .wrap(from_fn(crate::hardening::hsts))
        .wrap(crate::hardening::cors(&state.config.cors_origins))
        .wrap(from_fn(no_store_for_api))
        .wrap(
            DefaultHeaders::new()
                .add((header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
                .add((header::X_FRAME_OPTIONS, "DENY"))
                .add((header::REFERRER_POLICY, "no-referrer"))
                .add((header::CONTENT_SECURITY_POLICY, CSP)),
        )
        // Log method, path (ids only: never the query string, which can hold names), status, time.
        .wrap(
            Logger::new("%{METHOD}xi %U %s %Dms")
                .custom_request_replace("METHOD", |req| req.method().to_string()),
        )
}

fn not_found_response() -> HttpResponse {
    actix_web::ResponseError::error_response(&ApiError::not_found("resource"))
}

/// The answer for a request no route took: 405 with `Allow` when the path exists with other
/// methods (actix guards methods per resource, so it would otherwise say 404), else 404.
async fn unmatched(req: actix_web::HttpRequest, state: web::Data<AppState>) -> HttpResponse {
    let allowed = crate::openapi::methods_for(&state.routes, req.path());
    if allowed.is_empty() {
        return not_found_response();
    }
    method_not_allowed(req.method(), &allowed)
}

/// 405 problem+json with `Allow`.
fn method_not_allowed(method: &actix_web::http::Method, allowed: &[&str]) -> HttpResponse {
    let error = ApiError::new(
        crate::error::ProblemKind::MethodNotAllowed,
        format!(
            "{} is not supported here; use {}",
            method,
            allowed.join(", ")
        ),
    );
    let mut res = actix_web::ResponseError::error_response(&error);
    if let Ok(value) = header::HeaderValue::from_str(&allowed.join(", ")) {
        res.headers_mut().insert(header::ALLOW, value);
    }
    res
}

/// API responses carry personal data: browsers and proxies must not keep copies.
async fn no_store_for_api(
    req: ServiceRequest,
    next: actix_web::middleware::Next<impl actix_web::body::MessageBody>,
) -> Result<ServiceResponse<impl actix_web::body::MessageBody>, actix_web::Error> {
    let is_api = req.path().starts_with("/api/");
    let mut res = next.call(req).await?;
    if is_api {
        res.headers_mut().insert(
            header::CACHE_CONTROL,
            header::HeaderValue::from_static("no-store"),
        );
    }
    Ok(res)
}
