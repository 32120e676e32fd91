//! One error type for the whole server, rendered as RFC 9457 `application/problem+json`.
//!
//! Every failure — bad input, a refused permission, a stale version, a database fault — becomes an
//! [`ApiError`]. Internal causes are logged (without personal data) and never sent to the client.

use actix_web::http::StatusCode;
use actix_web::http::header::{self, HeaderValue};
use actix_web::{HttpResponse, ResponseError};
use serde::Serialize;
use utoipa::ToSchema;

/// One invalid field in a request.
#[derive(Debug, Clone, Serialize, ToSchema, PartialEq, Eq)]
pub struct FieldError {
    /// The JSON name of the field (dotted path for nested fields).
    #[schema(example = "personal_identity_number")]
    pub field: String,
    /// What is wrong, in plain English.
    #[schema(example = "the check digit does not match")]
    pub message: String,
}

impl FieldError {
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            field: field.into(),
            message: message.into(),
        }
    }
}

/// RFC 9457 problem details, as every error response carries them.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({
    "type": "https://stegvis.se/problems/validation",
    "title": "Invalid fields",
    "status": 422,
    "detail": "1 field is invalid",
    "errors": [{"field": "personal_identity_number", "message": "the check digit does not match"}]
}))]
pub struct Problem {
    /// A URI naming the kind of problem; stable, usable as an error code.
    #[serde(rename = "type")]
    pub problem_type: String,
    pub title: String,
    pub status: u16,
    pub detail: String,
    /// Field errors (validation failures only).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldError>,
    /// For conflicts with an existing record: its id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub existing_id: Option<String>,
    /// For stale writes: the record's current version.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub current_version: Option<i32>,
}

/// The error-code table: each kind of problem has one status, one `type` slug and one title.
macro_rules! problem_kinds {
    ($($variant:ident => $status:ident, $slug:literal, $title:literal;)*) => {
        /// The stable kinds of problem this API reports (the last segment of `type`).
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum ProblemKind { $($variant),* }
        impl ProblemKind {
            pub fn status(self) -> StatusCode { match self { $(Self::$variant => StatusCode::$status),* } }
            pub fn slug(self) -> &'static str { match self { $(Self::$variant => $slug),* } }
            pub fn title(self) -> &'static str { match self { $(Self::$variant => $title),* } }
        }
    };
}

problem_kinds! {
    MalformedRequest => BAD_REQUEST, "malformed-request", "Malformed request";
    Unauthenticated => UNAUTHORIZED, "unauthenticated", "Authentication required";
    Forbidden => FORBIDDEN, "forbidden", "Not allowed";
    NotFound => NOT_FOUND, "not-found", "Not found";
    MethodNotAllowed => METHOD_NOT_ALLOWED, "method-not-allowed", "Method not allowed";
    Conflict => CONFLICT, "conflict", "Conflict";
    StaleVersion => PRECONDITION_FAILED, "stale-version", "The record was changed by someone else";
    PreconditionRequired => PRECONDITION_REQUIRED, "version-required", "A version is required";
    TooLarge => PAYLOAD_TOO_LARGE, "too-large", "Request body too large";
    UnsupportedMediaType => UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type", "Unsupported media type";
    Validation => UNPROCESSABLE_ENTITY, "validation", "Invalid fields";
    TooManyRequests => TOO_MANY_REQUESTS, "too-many-requests", "Too many requests";
    Internal => INTERNAL_SERVER_ERROR, "internal", "Internal error";
    Unavailable => SERVICE_UNAVAILABLE, "unavailable", "Service unavailable";
}

pub const PROBLEM_BASE: &str = "https://stegvis.se/problems/";

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("{detail}")]
    Problem { kind: ProblemKind, detail: String },
    #[error("{} invalid field(s)", .0.len())]
    Validation(Vec<FieldError>),
    #[error("conflict with an existing record")]
    Duplicate { detail: String, existing_id: String },
    #[error("stale version")]
    Stale { current_version: i32 },
    #[error("too many requests")]
    RateLimited { retry_after_secs: u64 },
    /// The database could not be reached; the cause is logged, not sent.
    #[error("storage unavailable: {0}")]
    Unavailable(String),
    /// Anything unexpected; the cause is logged, not sent.
    #[error("internal error: {0}")]
    Internal(String),
}

pub type ApiResult<T> = Result<T, ApiError>;

impl ApiError {
    pub fn new(kind: ProblemKind, detail: impl Into<String>) -> Self {
        Self::Problem {
            kind,
            detail: detail.into(),
        }
    }
    pub fn unauthenticated(detail: impl Into<String>) -> Self {
        Self::new(ProblemKind::Unauthenticated, detail)
    }
    pub fn forbidden(detail: impl Into<String>) -> Self {
        Self::new(ProblemKind::Forbidden, detail)
    }
    pub fn not_found(what: &str) -> Self {
        Self::new(ProblemKind::NotFound, format!("{what} not found"))
    }
    pub fn conflict(detail: impl Into<String>) -> Self {
        Self::new(ProblemKind::Conflict, detail)
    }
    pub fn malformed(detail: impl Into<String>) -> Self {
        Self::new(ProblemKind::MalformedRequest, detail)
    }
    pub fn field(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self::Validation(vec![FieldError::new(field, message)])
    }

    pub fn kind(&self) -> ProblemKind {
        match self {
            Self::Problem { kind, .. } => *kind,
            Self::Validation(_) => ProblemKind::Validation,
            Self::Duplicate { .. } => ProblemKind::Conflict,
            Self::Stale { .. } => ProblemKind::StaleVersion,
            Self::RateLimited { .. } => ProblemKind::TooManyRequests,
            Self::Unavailable(_) => ProblemKind::Unavailable,
            Self::Internal(_) => ProblemKind::Internal,
        }
    }

    pub fn to_problem(&self) -> Problem {
        let kind = self.kind();
        let mut problem = Problem {
            problem_type: format!("{PROBLEM_BASE}{}", kind.slug()),
            title: kind.title().to_owned(),
            status: kind.status().as_u16(),
            detail: String::new(),
            errors: Vec::new(),
            existing_id: None,
            current_version: None,
        };
        problem.detail = match self {
            Self::Problem { detail, .. } => detail.clone(),
            Self::Validation(errors) => {
                problem.errors = errors.clone();
                match errors.len() {
                    1 => "1 field is invalid".to_owned(),
                    n => format!("{n} fields are invalid"),
                }
            }
            Self::Duplicate {
                detail,
                existing_id,
            } => {
                problem.existing_id = Some(existing_id.clone());
                detail.clone()
            }
            Self::Stale { current_version } => {
                problem.current_version = Some(*current_version);
                format!(
                    "the record is now at version {current_version}; reload it and apply your change again"
                )
            }
            Self::RateLimited { retry_after_secs } => {
                format!("try again in {retry_after_secs} seconds")
            }
            Self::Unavailable(_) => "the database is not reachable; try again shortly".to_owned(),
            Self::Internal(_) => "an unexpected error occurred; it has been logged".to_owned(),
        };
        problem
    }
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        self.kind().status()
    }

    fn error_response(&self) -> HttpResponse {
        match self {
            Self::Internal(cause) => log::error!("internal error: {cause}"),
            Self::Unavailable(cause) => log::warn!("storage unavailable: {cause}"),
            _ => {}
        }
        let mut response = HttpResponse::build(self.status_code());
        response.insert_header((header::CONTENT_TYPE, "application/problem+json"));
        if let Self::RateLimited { retry_after_secs } = self {
            response.insert_header((header::RETRY_AFTER, retry_after_secs.to_string()));
        }
        if matches!(
            self,
            Self::Problem {
                kind: ProblemKind::Unauthenticated,
                ..
            }
        ) {
            response.insert_header((
                header::WWW_AUTHENTICATE,
                HeaderValue::from_static("Bearer realm=\"stegvis\""),
            ));
        }
        response.json(self.to_problem())
    }
}

impl From<diesel::result::Error> for ApiError {
    fn from(error: diesel::result::Error) -> Self {
        use diesel::result::{DatabaseErrorKind, Error};
        match error {
            Error::NotFound => Self::new(ProblemKind::NotFound, "not found"),
            Error::DatabaseError(DatabaseErrorKind::ClosedConnection, info) => {
                Self::Unavailable(info.message().to_owned())
            }
            // A uniqueness rule of the database refused the write: the request conflicts with a
            // record that exists (e.g. a second open tenancy), which is the client's 409, not a
            // server fault. Logged with the constraint name only (messages can quote values).
            Error::DatabaseError(DatabaseErrorKind::UniqueViolation, info) => {
                log::warn!(
                    "unique constraint {:?} on table {:?} refused a write",
                    info.constraint_name(),
                    info.table_name()
                );
                Self::conflict("this conflicts with an existing record")
            }
            // Messages from the database can quote values; log only the constraint name.
            Error::DatabaseError(kind, info) => Self::Internal(format!(
                "database error {kind:?} on constraint {:?} table {:?}",
                info.constraint_name(),
                info.table_name()
            )),
            other => Self::Internal(other.to_string()),
        }
    }
}

impl From<r2d2::Error> for ApiError {
    fn from(error: r2d2::Error) -> Self {
        Self::Unavailable(error.to_string())
    }
}

impl From<actix_web::error::BlockingError> for ApiError {
    fn from(error: actix_web::error::BlockingError) -> Self {
        Self::Internal(error.to_string())
    }
}

impl From<validator::ValidationErrors> for ApiError {
    fn from(errors: validator::ValidationErrors) -> Self {
        Self::Validation(field_errors(&errors))
    }
}

/// Flattens validator's nested errors into `field` / `message` pairs, sorted for stable output.
pub fn field_errors(errors: &validator::ValidationErrors) -> Vec<FieldError> {
    let mut out: Vec<FieldError> = errors
        .field_errors()
        .iter()
        .flat_map(|(field, errs)| {
            errs.iter().map(move |e| {
                let message = e
                    .message
                    .as_ref()
                    .map(|m| m.to_string())
                    .unwrap_or_else(|| e.code.replace('_', " "));
                FieldError::new(field.to_string(), message)
            })
        })
        .collect();
    out.sort_by(|a, b| a.field.cmp(&b.field));
    out
}
