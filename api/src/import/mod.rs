//! Bulk import: a file streamed in, every row deserialised into the resource's own create input
//! and checked by the same validation as the JSON endpoints, written in one transaction in
//! batches — all or nothing. A dry run takes the same path and always rolls back.

pub mod activities;
pub mod apartments;
pub mod columns;
pub mod contacts;
pub mod employers;
pub mod enrolments;
pub mod generic;
pub mod participants;
pub mod progress;
pub mod queue_entries;
pub mod referrals;
pub mod seen;
pub mod source;
pub mod tenancies;

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::auth::CurrentUser;
use crate::error::{ApiError, ApiResult};
use crate::store::Store;
use source::{Next, Source, Stop};

/// One invalid row (or header): where, which field, what is wrong.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct RowError {
    /// Line in the file (the header is line 1 in CSV).
    #[schema(example = 7)]
    pub line: u64,
    /// The column (JSON field); null when the row as a whole is wrong (e.g. too many fields).
    #[schema(example = "personal_identity_number")]
    pub field: Option<String>,
    #[schema(example = "the check digit does not match")]
    pub message: String,
}

impl RowError {
    pub fn row(line: u64, message: String) -> Self {
        Self {
            line,
            field: None,
            message,
        }
    }
    pub fn field(line: u64, field: &str, message: String) -> Self {
        Self {
            line,
            field: Some(field.to_owned()),
            message,
        }
    }
}

/// Why an upload did not arrive whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UploadFailure {
    /// The connection ended before the body did.
    Interrupted,
    /// The body passed the configured maximum (bytes).
    TooLarge(usize),
}

/// At most this many invalid rows are kept and returned; `error_count` is the true total.
pub const MAX_REPORTED_ERRORS: usize = 1000;

/// The invalid rows found so far.
#[derive(Debug, Default)]
pub struct ErrorLog {
    pub first: Vec<RowError>,
    pub count: u64,
}

impl ErrorLog {
    pub fn push(&mut self, error: RowError) {
        self.count += 1;
        if self.first.len() < MAX_REPORTED_ERRORS {
            self.first.push(error);
        }
    }
    pub fn extend(&mut self, errors: impl IntoIterator<Item = RowError>) {
        for e in errors {
            self.push(e);
        }
    }
    pub fn is_empty(&self) -> bool {
        self.count == 0
    }
    /// Field errors of one row from the JSON validation, at `line`.
    pub fn add_api_error(&mut self, line: u64, error: ApiError) -> ApiResult<()> {
        match error {
            ApiError::Validation(fields) => {
                self.extend(
                    fields
                        .into_iter()
                        .map(|f| RowError::field(line, &f.field, f.message)),
                );
                Ok(())
            }
            ApiError::Problem { kind, detail } if kind.status().is_client_error() => {
                self.push(RowError::row(line, detail));
                Ok(())
            }
            ApiError::Duplicate { detail, .. } => {
                self.push(RowError::field(line, "personal_identity_number", detail));
                Ok(())
            }
            other => Err(other),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Format {
    Csv,
    Ndjson,
}

impl Format {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Csv => "csv",
            Self::Ndjson => "ndjson",
        }
    }
}

/// `insert` refuses rows that name an existing record (by `id`, else by `external_id`); `upsert`
/// updates them (unchanged rows are left alone).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    Insert,
    Upsert,
}

impl Mode {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Insert => "insert",
            Self::Upsert => "upsert",
        }
    }
}

/// Rows written (or, in a dry run, that would be written).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub rows_processed: u64,
    pub created: u64,
    pub updated: u64,
    pub unchanged: u64,
}

/// One importable resource: takes rows one at a time and writes them in batches.
pub trait Importer {
    fn columns(&self) -> columns::Columns;
    /// Checks one row; valid rows are queued and written when a batch is full.
    fn row(
        &mut self,
        store: &mut dyn Store,
        line: u64,
        fields: serde_json::Map<String, serde_json::Value>,
        errors: &mut ErrorLog,
    ) -> ApiResult<()>;
    /// Writes what is still queued.
    fn finish(&mut self, store: &mut dyn Store, errors: &mut ErrorLog) -> ApiResult<()>;
    fn counts(&self) -> Counts;
}

/// Everything an import run needs to know about its request.
#[derive(Debug, Clone)]
pub struct Request {
    pub format: Format,
    pub mode: Mode,
    pub dry_run: bool,
    pub user: CurrentUser,
    pub today: chrono::NaiveDate,
}

/// How a run ended (before the transaction is committed or rolled back).
#[derive(Debug, Default)]
pub struct Outcome {
    pub counts: Counts,
    pub errors: ErrorLog,
    pub upload_failed: bool,
}

impl Outcome {
    /// Written only when the whole file arrived, every row is valid and it is not a dry run.
    pub fn commits(&self, dry_run: bool) -> bool {
        !dry_run && !self.upload_failed && self.errors.is_empty()
    }
}

/// How often (in rows) the progress counter is published for pollers.
pub const PROGRESS_EVERY: u64 = 5_000;

/// Reads every row of `source` into `importer`. Stops early only when the upload breaks off.
pub fn run(
    store: &mut dyn Store,
    importer: &mut dyn Importer,
    source: Result<Box<dyn Source + '_>, Stop>,
    progress: &mut dyn FnMut(u64),
) -> ApiResult<Outcome> {
    let mut outcome = Outcome::default();
    let mut source = match source {
        Ok(source) => source,
        Err(Stop::Invalid(errors)) => {
            outcome.errors.extend(errors);
            return Ok(outcome);
        }
        Err(Stop::Upload) => {
            outcome.upload_failed = true;
            return Ok(outcome);
        }
    };
    let mut rows = 0u64;
    loop {
        match source.next_row() {
            Ok(Next::Row { line, fields }) => {
                importer.row(store, line, fields, &mut outcome.errors)?;
            }
            Ok(Next::Invalid(errors)) => outcome.errors.extend(errors),
            Ok(Next::End) => break,
            Err(Stop::Invalid(errors)) => {
                outcome.errors.extend(errors);
                break;
            }
            Err(Stop::Upload) => {
                outcome.upload_failed = true;
                break;
            }
        }
        rows += 1;
        if rows.is_multiple_of(PROGRESS_EVERY) {
            progress(rows);
        }
    }
    if !outcome.upload_failed {
        importer.finish(store, &mut outcome.errors)?;
    }
    outcome.counts = importer.counts();
    outcome.counts.rows_processed = rows;
    Ok(outcome)
}
