//! `Idempotency-Key` on POST: the first response to a (caller, key) is stored; a retry with the
//! same key and body gets that response again instead of doing the work twice. The same key with a
//! different body is refused (422); a retry while the first is still running gets 409.

use actix_web::body::{BoxBody, MessageBody, to_bytes};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::{Method, StatusCode, header};
use actix_web::middleware::Next;
use actix_web::{HttpMessage, HttpResponse, ResponseError, web};
use futures_util::StreamExt;
use sha2::{Digest, Sha256};

use crate::app::AppState;
use crate::auth::bearer_token;
use crate::error::{ApiError, ProblemKind};
use crate::store::idempotency::IdempotencyStart;
use crate::store::time;

pub const HEADER: &str = "Idempotency-Key";

fn error(req: ServiceRequest, e: ApiError) -> ServiceResponse<BoxBody> {
    req.into_response(e.error_response())
}

pub async fn middleware(
    mut req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    let key = req
        .headers()
        .get(HEADER)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let (Some(key), true) = (key, req.method() == Method::POST) else {
        return Ok(next.call(req).await?.map_into_boxed_body());
    };
    let Some(state) = req.app_data::<web::Data<AppState>>().cloned() else {
        return Ok(next.call(req).await?.map_into_boxed_body());
    };
    // Keys belong to the caller; without a valid token the handler answers 401 anyway.
    let Some(staff_id) = bearer_token(req.request())
        .and_then(|t| state.tokens.verify(t).ok())
        .map(|claims| claims.sub)
    else {
        return Ok(next.call(req).await?.map_into_boxed_body());
    };
    if key.is_empty() || key.len() > 200 {
        return Ok(error(
            req,
            ApiError::field(HEADER, "must be 1–200 characters"),
        ));
    }

    // Read the body to fingerprint it, then hand it on to the handler unchanged.
    let limit = state.config.max_body_bytes;
    let mut body = web::BytesMut::new();
    let mut payload = req.take_payload();
    while let Some(chunk) = payload.next().await {
        let chunk = chunk?;
        if body.len() + chunk.len() > limit {
            let e = ApiError::new(
                ProblemKind::TooLarge,
                format!("the body may be at most {limit} bytes"),
            );
            return Ok(error(req, e));
        }
        body.extend_from_slice(&chunk);
    }
    let body = body.freeze();
    let mut hasher = Sha256::new();
    hasher.update(req.path().as_bytes());
    hasher.update([0]);
    hasher.update(&body);
    let hash = hex::encode(hasher.finalize());

    let (sid, k) = (staff_id.clone(), key.clone());
    let start = state
        .db
        .tx(move |store| store.idempotency_start(&sid, &k, &hash, time::now()))
        .await;
    match start {
        Err(e) => return Ok(error(req, e)),
        Ok(IdempotencyStart::Mismatch) => {
            return Ok(error(
                req,
                ApiError::field(
                    HEADER,
                    "this key was already used with a different request body",
                ),
            ));
        }
        Ok(IdempotencyStart::InProgress) => {
            return Ok(error(
                req,
                ApiError::conflict("a request with this Idempotency-Key is still running"),
            ));
        }
        Ok(IdempotencyStart::Replay {
            status,
            body,
            location,
        }) => {
            let mut res =
                HttpResponse::build(StatusCode::from_u16(status).unwrap_or(StatusCode::OK));
            res.insert_header((header::CONTENT_TYPE, "application/json"))
                .insert_header(("Idempotent-Replayed", "true"));
            if let Some(location) = location {
                res.insert_header((header::LOCATION, location));
            }
            return Ok(req.into_response(res.body(body)));
        }
        Ok(IdempotencyStart::Proceed) => {}
    }

    req.set_payload(actix_web::dev::Payload::from(body));
    let res = next.call(req).await?;
    let status = res.status();
    let location = res
        .headers()
        .get(header::LOCATION)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let (http_req, res) = res.into_parts();
    let (head, res_body) = res.into_parts();
    let bytes = to_bytes(res_body)
        .await
        .map_err(|_| actix_web::error::ErrorInternalServerError("response body unavailable"))?;
    let outcome = if status.is_success() {
        let b = bytes.to_vec();
        state
            .db
            .tx(move |store| {
                store.idempotency_finish(&staff_id, &key, status.as_u16(), &b, location.as_deref())
            })
            .await
    } else {
        // Failed requests changed nothing; let a retry run again.
        state
            .db
            .tx(move |store| store.idempotency_abandon(&staff_id, &key))
            .await
    };
    if let Err(e) = outcome {
        log::warn!("idempotency record not saved: {e}");
    }
    Ok(ServiceResponse::new(
        http_req,
        head.set_body(BoxBody::new(bytes)),
    ))
}
