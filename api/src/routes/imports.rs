//! `/api/v1/imports`: bulk import of a CSV or NDJSON file (`curl --data-binary @file.csv`), and
//! the import jobs a client polls while a long import runs or reads the result of later.

use std::sync::{Arc, Mutex};

use actix_web::http::{StatusCode, header};
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use futures_util::StreamExt;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_actix_web::service_config::ServiceConfig;

use crate::app::AppState;
use crate::auth::CurrentUser;
use crate::auth::policy;
use crate::error::{ApiError, ApiResult, PROBLEM_BASE, ProblemKind};
use crate::extract::ApiQuery;
use crate::import::activities::Activities;
use crate::import::apartments::Apartments;
use crate::import::contacts::Contacts;
use crate::import::employers::Employers;
use crate::import::enrolments::Enrolments;
use crate::import::generic::ResourceImporter;
use crate::import::participants::ParticipantImporter;
use crate::import::queue_entries::QueueEntries;
use crate::import::referrals::Referrals;
use crate::import::source::{ChannelReader, Chunk, CsvSource, NdjsonSource, Source, Stop};
use crate::import::tenancies::Tenancies;
use crate::import::{self, Format, Importer, Mode, Outcome, RowError, UploadFailure};
use crate::routes::{list_envelope, paging, utc};
use crate::store::Backend;
use crate::store::imports::{ImportJobChanges, ImportJobRow};
use crate::store::time;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(
        utoipa_actix_web::scope("/imports")
            .service(list_imports)
            .service(get_import)
            .service(create_import),
    );
}

/// What can be imported (and exported).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum ImportResource {
    Participants,
    Employers,
    Apartments,
    Referrals,
    Contacts,
    Activities,
    Enrolments,
    Tenancies,
    QueueEntries,
}

impl ImportResource {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Participants => "participants",
            Self::Employers => "employers",
            Self::Apartments => "apartments",
            Self::Referrals => "referrals",
            Self::Contacts => "contacts",
            Self::Activities => "activities",
            Self::Enrolments => "enrolments",
            Self::Tenancies => "tenancies",
            Self::QueueEntries => "queue-entries",
        }
    }

    /// The importer of this resource.
    fn importer(self, request: import::Request) -> Box<dyn Importer> {
        match self {
            Self::Participants => Box::new(ParticipantImporter::new(request)),
            Self::Employers => Box::new(ResourceImporter::<Employers>::new(request)),
            Self::Apartments => Box::new(ResourceImporter::<Apartments>::new(request)),
            Self::Referrals => Box::new(ResourceImporter::<Referrals>::new(request)),
            Self::Contacts => Box::new(ResourceImporter::<Contacts>::new(request)),
            Self::Activities => Box::new(ResourceImporter::<Activities>::new(request)),
            Self::Enrolments => Box::new(ResourceImporter::<Enrolments>::new(request)),
            Self::Tenancies => Box::new(ResourceImporter::<Tenancies>::new(request)),
            Self::QueueEntries => Box::new(ResourceImporter::<QueueEntries>::new(request)),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ImportStatus {
    /// Rows are being read; `rows_processed` grows.
    Running,
    /// Every row was written.
    Succeeded,
    /// Nothing was written: invalid rows (see `errors`), a broken upload or an internal error.
    Failed,
    /// A dry run found every row valid; nothing was written.
    Validated,
}

impl ImportStatus {
    fn as_str(self) -> &'static str {
        match self {
            Self::Running => "running",
            Self::Succeeded => "succeeded",
            Self::Failed => "failed",
            Self::Validated => "validated",
        }
    }
}

/// An import: its options, progress and result.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(example = json!({
    "id": "01936f4e-9a00-7b3c-8d2e-0a1b2c3d4e5f", "resource": "participants", "format": "csv",
    "mode": "insert", "dry_run": false, "status": "succeeded", "rows_processed": 1200,
    "created": 1200, "updated": 0, "unchanged": 0, "error_count": 0, "errors": [],
    "started_at": "2026-11-26T08:00:00Z", "finished_at": "2026-11-26T08:00:02Z"
}))]
pub struct ImportJob {
    pub id: String,
    pub resource: ImportResource,
    pub format: Format,
    pub mode: Mode,
    pub dry_run: bool,
    pub status: ImportStatus,
    /// Data rows read so far (updated while the import runs).
    pub rows_processed: i64,
    /// Rows that were (in a dry run: would be) created, updated, or left as they were.
    pub created: i64,
    pub updated: i64,
    pub unchanged: i64,
    /// How many errors were found in all (`errors` holds the first 1000).
    pub error_count: i64,
    pub errors: Vec<RowError>,
    pub started_at: chrono::DateTime<chrono::Utc>,
    pub finished_at: Option<chrono::DateTime<chrono::Utc>>,
}

fn parse_code<T: for<'de> Deserialize<'de>>(code: &str) -> ApiResult<T> {
    serde_json::from_value(serde_json::Value::String(code.to_owned()))
        .map_err(|_| ApiError::Internal("import_jobs holds an unknown code".into()))
}

impl ImportJob {
    fn from_row(row: ImportJobRow, running_rows: Option<u64>) -> ApiResult<Self> {
        let rows_processed = running_rows
            .map(|n| i64::try_from(n).unwrap_or(i64::MAX))
            .unwrap_or(i64::from(row.rows_processed))
            .max(i64::from(row.rows_processed));
        Ok(Self {
            resource: parse_code(&row.resource)?,
            format: parse_code(&row.format)?,
            mode: parse_code(&row.mode)?,
            status: parse_code(&row.status)?,
            errors: serde_json::from_str(&row.errors)
                .map_err(|_| ApiError::Internal("import_jobs.errors is not valid".into()))?,
            id: row.id,
            dry_run: row.dry_run,
            rows_processed,
            created: row.created.into(),
            updated: row.updated.into(),
            unchanged: row.unchanged.into(),
            error_count: row.error_count.into(),
            started_at: utc(row.started_at),
            finished_at: row.finished_at.map(utc),
        })
    }
}

list_envelope!(ImportJobList, ImportJob);

/// The 422 answer of an import with invalid rows: every invalid row, and the job to read later.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({
    "type": "https://stegvis.se/problems/validation", "title": "Invalid rows", "status": 422,
    "detail": "2 errors; nothing was imported",
    "errors": [{"line": 3, "field": "personal_identity_number", "message": "the check digit does not match"},
               {"line": 1, "field": "favourite_colour", "message": "unknown column"}],
    "error_count": 2, "import_id": "01936f4e-9a00-7b3c-8d2e-0a1b2c3d4e5f"
}))]
pub struct ImportProblem {
    #[serde(rename = "type")]
    pub problem_type: String,
    pub title: String,
    pub status: u16,
    pub detail: String,
    pub errors: Vec<RowError>,
    pub error_count: i64,
    pub import_id: String,
}

/// The 422 of an import, for the OpenAPI document only: the file's invalid rows
/// ([`ImportProblem`]), or invalid query parameters refused before the file is read (the usual
/// validation [`Problem`](crate::error::Problem)). `anyOf`, not `oneOf`: a row report can also
/// fit the general problem's shape.
pub struct ImportRefusal;

impl utoipa::PartialSchema for ImportRefusal {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        use utoipa::openapi::{Ref, schema::AnyOfBuilder};
        AnyOfBuilder::new()
            .item(Ref::from_schema_name("ImportProblem"))
            .item(Ref::from_schema_name("Problem"))
            .description(Some(
                "Invalid rows of the file (ImportProblem), or invalid query parameters (Problem).",
            ))
            .into()
    }
}

impl ToSchema for ImportRefusal {
    fn schemas(
        schemas: &mut Vec<(
            String,
            utoipa::openapi::RefOr<utoipa::openapi::schema::Schema>,
        )>,
    ) {
        use utoipa::PartialSchema;
        schemas.push((ImportProblem::name().into_owned(), ImportProblem::schema()));
        <ImportProblem as ToSchema>::schemas(schemas);
        schemas.push((
            crate::error::Problem::name().into_owned(),
            crate::error::Problem::schema(),
        ));
        <crate::error::Problem as ToSchema>::schemas(schemas);
    }
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ImportQuery {
    /// `true`: validate everything and write nothing (default `false`).
    dry_run: Option<bool>,
    /// `insert` (default) refuses rows whose `id` or `external_id` names an existing record;
    /// `upsert` updates them.
    #[param(inline)]
    mode: Option<Mode>,
    /// Overrides the Content-Type (`text/csv` or `application/x-ndjson`).
    #[param(inline)]
    format: Option<Format>,
}

fn format_of(req: &HttpRequest, query: Option<Format>) -> ApiResult<Format> {
    if let Some(format) = query {
        return Ok(format);
    }
    let mime = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .map(|m| m.trim().to_ascii_lowercase());
    match mime.as_deref() {
        Some("text/csv") => Ok(Format::Csv),
        Some("application/x-ndjson" | "application/ndjson" | "application/jsonl") => {
            Ok(Format::Ndjson)
        }
        _ => Err(ApiError::new(
            ProblemKind::UnsupportedMediaType,
            "send the file with Content-Type: text/csv or application/x-ndjson (or add ?format=csv|ndjson)",
        )),
    }
}

fn too_large(limit: usize) -> ApiError {
    ApiError::new(
        ProblemKind::TooLarge,
        format!("the file may be at most {limit} bytes; nothing was imported"),
    )
}

/// Import a file of `resource` rows — CSV (`;` or `,`, optional BOM, Swedish decimal comma) or
/// NDJSON, columns named like the fields of the resource's create body, plus an optional `id`
/// (the Stegvis id of an existing record, as exports write it) — all or nothing. Every row is
/// validated and authorised like a single create or update; any invalid row and nothing is
/// written, and the answer lists every invalid row. Each written row is audited as a change by
/// you.
#[utoipa::path(
    tag = "imports",
    params(("resource" = ImportResource, Path, description = "What the file holds"), ImportQuery),
    request_body(description = "The file as it is (`curl --data-binary @file.csv`)",
        content((String = "text/csv"), (String = "application/x-ndjson"))),
    responses(
        (status = 201, description = "Rows were written", body = ImportJob,
            headers(("Location" = String, description = "URL of the import job"))),
        (status = 200, description = "A dry run that found every row valid, or an upsert that changed nothing", body = ImportJob),
        (status = 403, description = "Your role may not import this", body = crate::error::Problem, content_type = "application/problem+json"),
        (status = 413, description = "The file is larger than the configured maximum; nothing was written",
            body = crate::error::Problem, content_type = "application/problem+json"),
        (status = 415, description = "Neither CSV nor NDJSON", body = crate::error::Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid rows (all of them, with line numbers; the header is line 1), or invalid query parameters; nothing was written",
            body = ImportRefusal, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[post("/{resource}")]
async fn create_import(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: CurrentUser,
    resource: web::Path<ImportResource>,
    ApiQuery(query): ApiQuery<ImportQuery>,
    mut payload: web::Payload,
) -> ApiResult<HttpResponse> {
    let resource = resource.into_inner();
    policy::import(&user, resource.as_str())?;
    let format = format_of(&req, query.format)?;
    let mode = query.mode.unwrap_or(Mode::Insert);
    let dry_run = query.dry_run.unwrap_or(false);
    let limit = state.config.max_import_bytes;
    let declared = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    if declared.is_some_and(|n| n > limit) {
        return Err(too_large(limit));
    }

    let job = ImportJobRow {
        id: time::new_id(),
        staff_id: user.staff_id.clone(),
        resource: resource.as_str().to_owned(),
        format: format.as_str().to_owned(),
        mode: mode.as_str().to_owned(),
        dry_run,
        status: ImportStatus::Running.as_str().to_owned(),
        rows_processed: 0,
        created: 0,
        updated: 0,
        unchanged: 0,
        error_count: 0,
        errors: "[]".to_owned(),
        started_at: time::now(),
        finished_at: None,
    };
    let job_id = job.id.clone();
    state
        .db
        .tx(move |store| store.insert_import_job(&job))
        .await?;

    // The body flows to the importing thread through a small bounded channel: memory stays flat,
    // and a slow database slows the upload instead of buffering it.
    let (sender, receiver) = tokio::sync::mpsc::channel::<Chunk>(16);
    let failure = Arc::new(Mutex::new(None));
    let reader = ChannelReader::new(receiver, failure.clone());
    let request = import::Request {
        format,
        mode,
        dry_run,
        user,
        today: state.today(),
    };
    let worker = {
        let state = state.clone();
        let job_id = job_id.clone();
        web::block(move || run_job(&state, &job_id, resource, request, reader))
    };

    let mut received = 0usize;
    let mut listening = true;
    let mut upload = Ok(());
    while let Some(chunk) = payload.next().await {
        let Ok(chunk) = chunk else {
            upload = Err(UploadFailure::Interrupted);
            break;
        };
        received += chunk.len();
        if received > limit {
            upload = Err(UploadFailure::TooLarge(limit));
            break;
        }
        // The importer stops reading after a broken header: drain the rest so the client gets
        // the answer instead of a reset connection.
        if listening && sender.send(Chunk::Data(chunk)).await.is_err() {
            listening = false;
        }
    }
    let last = match upload {
        Ok(()) => Chunk::End,
        Err(failure) => Chunk::Failed(failure),
    };
    let _ = sender.send(last).await;
    drop(sender);

    let (row, outcome) = worker.await??;
    let upload_failure = failure.lock().ok().and_then(|f| *f);
    match upload_failure {
        Some(UploadFailure::TooLarge(limit)) => return Err(too_large(limit)),
        Some(UploadFailure::Interrupted) => {
            return Err(ApiError::malformed(
                "the upload broke off before the end of the file; nothing was imported",
            ));
        }
        None => {}
    }
    let job = ImportJob::from_row(row, None)?;
    if !outcome.errors.is_empty() {
        let count = job.error_count;
        let problem = ImportProblem {
            problem_type: format!("{PROBLEM_BASE}{}", ProblemKind::Validation.slug()),
            title: "Invalid rows".to_owned(),
            status: 422,
            detail: format!(
                "{count} error{}; nothing was imported",
                if count == 1 { "" } else { "s" }
            ),
            errors: job.errors,
            error_count: count,
            import_id: job.id,
        };
        return Ok(HttpResponse::build(StatusCode::UNPROCESSABLE_ENTITY)
            .content_type("application/problem+json")
            .json(problem));
    }
    let location = format!("/api/v1/imports/{}", job.id);
    let status = if !dry_run && job.created + job.updated > 0 {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok(HttpResponse::build(status)
        .insert_header((header::LOCATION, location))
        .json(job))
}

fn open_source<'a>(
    format: Format,
    reader: ChannelReader,
    importer: &dyn Importer,
) -> Result<Box<dyn Source + 'a>, Stop> {
    Ok(match format {
        Format::Csv => Box::new(CsvSource::open(reader, importer.columns())?),
        Format::Ndjson => Box::new(NdjsonSource::open(reader)),
    })
}

/// Runs the import in one transaction (committed only when every row is valid and it is not a
/// dry run), then records the outcome on the job from a transaction of its own — also when the
/// import failed, so the job never stays `running`.
fn run_job(
    state: &AppState,
    job_id: &str,
    resource: ImportResource,
    request: import::Request,
    reader: ChannelReader,
) -> ApiResult<(ImportJobRow, Outcome)> {
    let (dry_run, format) = (request.dry_run, request.format);
    let mut importer = resource.importer(request);
    let mut finished: Option<Outcome> = None;
    let mut progress = |rows: u64| {
        state.imports.set(job_id, rows);
        if state.db.backend() == Backend::Postgres {
            let rows = i32::try_from(rows).unwrap_or(i32::MAX);
            // A second connection, outside the import's transaction, so pollers see it now.
            if let Err(e) = state
                .db
                .read_blocking(|store| store.set_import_progress(job_id, rows))
            {
                log::warn!("import {job_id}: progress not recorded: {e}");
            }
        }
    };
    let result = state.db.tx_blocking(|store| {
        let source = open_source(format, reader, importer.as_ref());
        let outcome = import::run(store, importer.as_mut(), source, &mut progress)?;
        let commit = outcome.commits(dry_run);
        finished = Some(outcome);
        if commit {
            Ok(())
        } else {
            // Not an error: the way to roll the transaction back.
            Err(ApiError::Internal("import rolled back".into()))
        }
    });
    state.imports.finish(job_id);
    let (status, mut outcome, failure) = match (result, finished) {
        (Ok(()), Some(outcome)) => (ImportStatus::Succeeded, outcome, None),
        (Err(_), Some(outcome)) if outcome.commits(dry_run) => (
            ImportStatus::Failed,
            outcome,
            Some("the import could not be saved"),
        ),
        (Err(_), Some(outcome)) if outcome.upload_failed => (
            ImportStatus::Failed,
            outcome,
            Some("the upload broke off before the end of the file; nothing was imported"),
        ),
        (Err(_), Some(outcome)) if !outcome.errors.is_empty() => {
            (ImportStatus::Failed, outcome, None)
        }
        (Err(_), Some(outcome)) => (ImportStatus::Validated, outcome, None),
        (result, None) => {
            if let Err(e) = &result {
                log::error!("import {job_id} failed: {e}");
            }
            (
                ImportStatus::Failed,
                Outcome::default(),
                Some("the import failed; nothing was imported"),
            )
        }
    };
    if let Some(message) = failure {
        outcome.errors.push(RowError::row(0, message.to_owned()));
    }
    let count = |n: u64| i32::try_from(n).unwrap_or(i32::MAX);
    let changes = ImportJobChanges {
        status: status.as_str().to_owned(),
        rows_processed: count(outcome.counts.rows_processed),
        created: count(outcome.counts.created),
        updated: count(outcome.counts.updated),
        unchanged: count(outcome.counts.unchanged),
        error_count: count(outcome.errors.count),
        errors: serde_json::to_string(&outcome.errors.first)
            .map_err(|e| ApiError::Internal(e.to_string()))?,
        finished_at: Some(time::now()),
    };
    let id = job_id.to_owned();
    let row = state.db.tx_blocking(move |store| {
        store.update_import_job(&id, &changes)?;
        store
            .get_import_job(&id)?
            .ok_or_else(|| ApiError::not_found("import"))
    })?;
    Ok((row, outcome))
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ImportListQuery {
    /// Page size, 1–500 (default 50).
    #[param(minimum = 1, maximum = 500)]
    limit: Option<i64>,
    /// Records to skip (default 0).
    #[param(minimum = 0)]
    offset: Option<i64>,
    /// Only jobs in this state (e.g. `running`, to watch progress).
    #[param(inline)]
    status: Option<ImportStatus>,
}

/// Your imports, newest first. Poll a `running` one to watch `rows_processed` grow.
#[utoipa::path(
    tag = "imports",
    params(ImportListQuery),
    responses((status = 200, description = "A page of your import jobs", body = ImportJobList)),
    security(("bearer" = []))
)]
#[get("")]
async fn list_imports(
    state: web::Data<AppState>,
    user: CurrentUser,
    ApiQuery(query): ApiQuery<ImportListQuery>,
) -> ApiResult<HttpResponse> {
    let (limit, offset) = paging(query.limit, query.offset)?;
    let status = query.status.map(|s| s.as_str());
    let staff_id = user.staff_id.clone();
    let (rows, total) = state
        .db
        .read(move |store| store.list_import_jobs(&staff_id, status, limit, offset))
        .await?;
    let items = rows
        .into_iter()
        .map(|row| {
            let running = state.imports.get(&row.id);
            ImportJob::from_row(row, running)
        })
        .collect::<ApiResult<_>>()?;
    Ok(HttpResponse::Ok().json(ImportJobList {
        items,
        total,
        limit,
        offset,
    }))
}

/// One of your imports: its progress while it runs, its result afterwards.
#[utoipa::path(
    tag = "imports",
    params(("id" = uuid::Uuid, Path, description = "Import id")),
    responses(
        (status = 200, body = ImportJob),
        (status = 404, description = "No such import of yours", body = crate::error::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[get("/{id}")]
async fn get_import(
    state: web::Data<AppState>,
    user: CurrentUser,
    id: web::Path<uuid::Uuid>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner().to_string();
    let row = state
        .db
        .read(move |store| store.get_import_job(&id))
        .await?
        .ok_or_else(|| ApiError::not_found("import"))?;
    policy::import_job(&user, &row.staff_id)?;
    let running = state.imports.get(&row.id);
    Ok(HttpResponse::Ok().json(ImportJob::from_row(row, running)?))
}
