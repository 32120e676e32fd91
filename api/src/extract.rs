//! Request extractors that turn every malformed input into a precise problem+json:
//! wrong content type → 415, too large → 413, broken JSON → 400, wrong or unknown fields → 422
//! naming the field.

use std::future::Future;
use std::pin::Pin;

use actix_web::http::header;
use actix_web::{FromRequest, HttpRequest, dev::Payload, web};
use futures_util::StreamExt;
use serde::de::DeserializeOwned;

use crate::app::AppState;
use crate::error::{ApiError, ApiResult, FieldError, ProblemKind};

/// A JSON request body of type `T`.
#[derive(Debug)]
pub struct ApiJson<T>(pub T);

const FALLBACK_LIMIT: usize = 256 * 1024;

fn is_json(req: &HttpRequest) -> bool {
    let Some(value) = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
    else {
        return false;
    };
    let mime = value
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    mime == "application/json" || (mime.starts_with("application/") && mime.ends_with("+json"))
}

impl<T: DeserializeOwned + 'static> FromRequest for ApiJson<T> {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = ApiResult<Self>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let limit = req
            .app_data::<web::Data<AppState>>()
            .map(|s| s.config.max_body_bytes)
            .unwrap_or(FALLBACK_LIMIT);
        let json = is_json(req);
        let declared = req
            .headers()
            .get(header::CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.parse::<usize>().ok());
        let mut payload = payload.take();
        Box::pin(async move {
            if !json {
                return Err(ApiError::new(
                    ProblemKind::UnsupportedMediaType,
                    "send the body as JSON with Content-Type: application/json",
                ));
            }
            let too_large = || {
                ApiError::new(
                    ProblemKind::TooLarge,
                    format!("the body may be at most {limit} bytes"),
                )
            };
            if declared.is_some_and(|n| n > limit) {
                return Err(too_large());
            }
            let mut body = web::BytesMut::new();
            while let Some(chunk) = payload.next().await {
                let chunk =
                    chunk.map_err(|_| ApiError::malformed("the request body could not be read"))?;
                if body.len() + chunk.len() > limit {
                    return Err(too_large());
                }
                body.extend_from_slice(&chunk);
            }
            parse_json(&body).map(ApiJson)
        })
    }
}

/// Deserialises JSON, naming the failing field (`a.b[2].c`) in the error. The body must be a JSON
/// object (serde would otherwise fill a struct from an array by position), and a number without
/// a fraction counts as an integer, as JSON Schema says (`3.0` is the integer 3).
pub fn parse_json<T: DeserializeOwned>(body: &[u8]) -> ApiResult<T> {
    let mut value: serde_json::Value = serde_json::from_slice(body)
        .map_err(|e| ApiError::malformed(format!("the body is not valid JSON: {e}")))?;
    if !value.is_object() {
        return Err(ApiError::field("body", "must be a JSON object"));
    }
    integral_floats_to_integers(&mut value);
    parse_value(value)
}

/// `3.0` → `3`, everywhere in `value`; other numbers stay as they are.
fn integral_floats_to_integers(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::Number(n) if !n.is_i64() && !n.is_u64() => {
            if let Some(f) = n.as_f64()
                && f.fract() == 0.0
                && f.abs() < 9_007_199_254_740_992.0
            {
                // In range and integral: the conversion is exact.
                #[allow(clippy::cast_possible_truncation)]
                let i = f as i64;
                *value = serde_json::Value::from(i);
            }
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(integral_floats_to_integers),
        serde_json::Value::Object(map) => map.values_mut().for_each(integral_floats_to_integers),
        _ => {}
    }
}

/// Deserialises an already-parsed JSON value, naming the failing field in the error.
pub fn parse_value<T: DeserializeOwned>(value: serde_json::Value) -> ApiResult<T> {
    serde_path_to_error::deserialize(value).map_err(|e| {
        let path = e.path().to_string();
        ApiError::Validation(vec![describe_data_error(&path, &e.inner().to_string())])
    })
}

/// Splits `version` off an update body (serde cannot combine `flatten` with
/// `deny_unknown_fields`), then parses the rest strictly as `T`.
pub fn parse_versioned<T: DeserializeOwned>(
    mut value: serde_json::Value,
) -> ApiResult<(T, Option<i32>)> {
    let version = match value.as_object_mut().and_then(|o| o.remove("version")) {
        None | Some(serde_json::Value::Null) => None,
        Some(v) => Some(
            v.as_i64()
                .and_then(|n| i32::try_from(n).ok())
                .ok_or_else(|| ApiError::field("version", "must be an integer"))?,
        ),
    };
    Ok((parse_value(value)?, version))
}

/// serde reports missing and unknown fields at the enclosing object; name the field itself.
fn describe_data_error(path: &str, message: &str) -> FieldError {
    // serde_json appends " at line L column C"; the position adds nothing for a field error.
    let message = message
        .split(" at line ")
        .next()
        .unwrap_or(message)
        .to_owned();
    let prefix = if path == "." {
        String::new()
    } else {
        format!("{path}.")
    };
    for (marker, text) in [
        ("missing field `", "is required"),
        ("unknown field `", "is not a known field"),
    ] {
        if let Some(rest) = message.strip_prefix(marker) {
            let name = rest.split('`').next().unwrap_or(rest);
            // For unknown fields serde_path_to_error's path already ends in the field itself.
            let field = if path == name || path.ends_with(&format!(".{name}")) {
                path.to_owned()
            } else {
                format!("{prefix}{name}")
            };
            return FieldError::new(field, text);
        }
    }
    let field = if path == "." {
        "body".to_owned()
    } else {
        path.to_owned()
    };
    FieldError::new(field, message)
}

/// Query-string parameters of type `T`; a bad value is a 422 naming the parameter.
#[derive(Debug)]
pub struct ApiQuery<T>(pub T);

impl<T: DeserializeOwned> FromRequest for ApiQuery<T> {
    type Error = ApiError;
    type Future = std::future::Ready<ApiResult<Self>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let parsed = serde_path_to_error::deserialize(serde_urlencoded::Deserializer::new(
            form_urlencoded::parse(req.query_string().as_bytes()),
        ))
        .map(ApiQuery)
        .map_err(|e| {
            let path = e.path().to_string();
            ApiError::Validation(vec![describe_data_error(&path, &e.inner().to_string())])
        });
        std::future::ready(parsed)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Sample {
        name: String,
        age: u8,
    }

    fn field_of(body: &str) -> String {
        match parse_json::<Sample>(body.as_bytes()) {
            Err(ApiError::Validation(errors)) => errors[0].field.clone(),
            other => panic!("expected a validation error, got {other:?}"),
        }
    }

    #[test]
    fn names_missing_unknown_and_mistyped_fields() {
        assert_eq!(field_of(r#"{"name":"a"}"#), "age");
        assert_eq!(field_of(r#"{"name":"a","age":1,"extra":1}"#), "extra");
        assert_eq!(field_of(r#"{"name":"a","age":"x"}"#), "age");
    }

    #[test]
    fn the_body_is_an_object_and_integral_numbers_are_integers() {
        assert_eq!(field_of(r#"["a", 1]"#), "body");
        assert_eq!(field_of("null"), "body");
        let ok = parse_json::<Sample>(br#"{"name":"a","age":3.0}"#).unwrap();
        assert_eq!(ok.age, 3);
        assert_eq!(field_of(r#"{"name":"a","age":3.5}"#), "age");
    }

    #[test]
    fn broken_json_is_malformed() {
        let err = parse_json::<Sample>(b"{\"name\":").unwrap_err();
        assert_eq!(err.kind(), ProblemKind::MalformedRequest);
        let err = parse_json::<Sample>(b"{\"name\":\"a\",\"age\":1} trailing").unwrap_err();
        assert_eq!(err.kind(), ProblemKind::MalformedRequest);
    }
}
