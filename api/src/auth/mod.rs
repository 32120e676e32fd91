//! Authentication (who is calling) and the permission policy (what they may do).

pub mod password;
pub mod policy;
pub mod token;

use std::future::Future;
use std::pin::Pin;

use actix_web::http::header;
use actix_web::{FromRequest, HttpRequest, dev::Payload, web};
use domain::role::Role;

use crate::app::AppState;
use crate::error::{ApiError, ApiResult};
use crate::store::{Store, time};

/// The signed-in staff member, established from a valid bearer token whose session is still live
/// and whose account is active. Taking it as a handler argument is what makes an endpoint private.
#[derive(Debug, Clone)]
pub struct CurrentUser {
    pub staff_id: String,
    pub session_id: String,
    pub username: String,
    pub display_name: String,
    pub role: Role,
    pub unit_ids: Vec<String>,
}

impl CurrentUser {
    pub fn in_unit(&self, unit_id: &str) -> bool {
        self.unit_ids.iter().any(|u| u == unit_id)
    }
}

/// The bearer token of a request, if any.
pub fn bearer_token(req: &HttpRequest) -> Option<&str> {
    let value = req.headers().get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    scheme
        .eq_ignore_ascii_case("bearer")
        .then_some(token.trim())
}

impl FromRequest for CurrentUser {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = ApiResult<Self>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let state = req.app_data::<web::Data<AppState>>().cloned();
        let token = SignedToken::from_request(req, payload).into_inner();
        Box::pin(async move {
            let state = state.ok_or_else(|| ApiError::Internal("app state missing".into()))?;
            let token = token?;
            state.db.point_read(move |store| token.resolve(store)).await
        })
    }
}

/// A bearer token whose signature and lifetime are verified, but whose session has not been
/// looked up yet. The only thing it can become is a [`CurrentUser`], through [`SignedToken::resolve`],
/// which checks the session and the account exactly as the `CurrentUser` extractor does.
///
/// Why it exists: the hottest reads (one participant) take it instead of `CurrentUser` and resolve
/// it inside their own database call, so a request makes one trip through the blocking thread pool
/// and one pool check-out instead of two (issue 11).
#[derive(Debug)]
pub struct SignedToken {
    claims: token::Claims,
}

impl SignedToken {
    /// The signed-in staff member, if the session is live and the account active; 401 otherwise.
    pub fn resolve(self, store: &mut dyn Store) -> ApiResult<CurrentUser> {
        let claims = self.claims;
        let found = store.session_staff(&claims.sid, time::now())?;
        let Some((staff, unit_ids)) = found.filter(|(s, _)| s.id == claims.sub) else {
            return Err(ApiError::unauthenticated(
                "the session has ended or the account is deactivated; log in again",
            ));
        };
        let role = staff
            .role
            .parse::<Role>()
            .map_err(|_| ApiError::Internal("stored role is not a known role".into()))?;
        Ok(CurrentUser {
            staff_id: staff.id,
            session_id: claims.sid,
            username: staff.username,
            display_name: staff.display_name,
            role,
            unit_ids,
        })
    }
}

impl FromRequest for SignedToken {
    type Error = ApiError;
    type Future = std::future::Ready<ApiResult<Self>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        std::future::ready((|| {
            let state = req
                .app_data::<web::Data<AppState>>()
                .ok_or_else(|| ApiError::Internal("app state missing".into()))?;
            let token = bearer_token(req).ok_or_else(|| {
                ApiError::unauthenticated("send an access token: Authorization: Bearer <token>")
            })?;
            Ok(Self {
                claims: state.tokens.verify(token)?,
            })
        })())
    }
}
