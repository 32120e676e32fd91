//! `/api/v1/auth`: log in, renew, log out, and who am I.

use actix_web::{HttpResponse, get, post, web};
use chrono::TimeDelta;
use domain::role::Role;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_actix_web::service_config::ServiceConfig;

use crate::app::AppState;
use crate::audit::{self, Action, Outcome};
use crate::auth::{CurrentUser, password};
use crate::error::{ApiError, ApiResult};
use crate::extract::ApiJson;
use crate::store::staff::{SessionRow, StaffRow};
use crate::store::time;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(
        utoipa_actix_web::scope("/auth")
            .service(login)
            .service(refresh)
            .service(logout)
            .service(get_me),
    );
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"username": "anna.handlaggare", "password": "stegvis-demo"}))]
pub struct LoginRequest {
    pub username: String,
    pub password: String,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RefreshRequest {
    /// The refresh token from login or the previous refresh (each can be used once).
    pub refresh_token: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct UnitRef {
    pub id: String,
    pub name: String,
}

/// The signed-in staff member.
#[derive(Debug, Serialize, ToSchema)]
pub struct Me {
    pub id: String,
    pub username: String,
    pub display_name: String,
    pub role: Role,
    pub units: Vec<UnitRef>,
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({
    "access_token": "eyJhbGciOiJIUzI1NiJ9…", "token_type": "Bearer", "expires_in": 900,
    "refresh_token": "9f2c…", "refresh_expires_in": 43200,
    "staff": {"id": "01936f4e-0000-7000-8000-000000000001", "username": "anna.handlaggare",
              "display_name": "Anna Handläggare", "role": "caseworker", "units": []}
}))]
pub struct TokenResponse {
    /// Send as `Authorization: Bearer <access_token>`.
    pub access_token: String,
    pub token_type: String,
    /// Seconds until the access token expires.
    pub expires_in: i64,
    /// Exchange at /auth/refresh for a new pair before `refresh_expires_in` seconds pass.
    pub refresh_token: String,
    pub refresh_expires_in: i64,
    pub staff: Me,
}

async fn me_of(state: &AppState, staff: StaffRow, unit_ids: Vec<String>) -> ApiResult<Me> {
    let units = state
        .db
        .read(move |store| store.list_units(Some(&unit_ids)))
        .await?;
    let role = staff
        .role
        .parse()
        .map_err(|_| ApiError::Internal("unknown stored role".into()))?;
    Ok(Me {
        id: staff.id,
        username: staff.username,
        display_name: staff.display_name,
        role,
        units: units
            .into_iter()
            .map(|u| UnitRef {
                id: u.id,
                name: u.name,
            })
            .collect(),
    })
}

fn wrong_credentials() -> ApiError {
    ApiError::unauthenticated("wrong username or password")
}

/// Log in with username and password; returns a short-lived access token and a refresh token.
/// Unknown usernames and wrong passwords get the same answer in the same time.
#[utoipa::path(
    tag = "auth",
    request_body = LoginRequest,
    responses(
        (status = 200, body = TokenResponse),
        (status = 401, description = "Wrong username or password, or a deactivated account",
            body = crate::error::Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many failed logins for this account or from this address; see Retry-After",
            body = crate::error::Problem, content_type = "application/problem+json",
            headers(("Retry-After" = u64, description = "Seconds until a new attempt is accepted"))),
    )
)]
#[post("/login")]
async fn login(
    req: actix_web::HttpRequest,
    state: web::Data<AppState>,
    ApiJson(body): ApiJson<LoginRequest>,
) -> ApiResult<HttpResponse> {
    let username = body.username.trim().to_owned();
    let throttle = LoginThrottle::new(&req, &username);
    throttle.check(&state).await?;
    let found = state
        .db
        .read(move |store| store.staff_by_username(&username))
        .await?;
    let password = body.password;
    let (staff, ok) = web::block(move || {
        let hash = found
            .as_ref()
            .map_or(password::dummy_hash(), |s| s.password_hash.as_str());
        let ok = password::verify(&password, hash);
        (found, ok)
    })
    .await?;
    let known_id = staff.as_ref().map(|s| s.id.clone());
    let Some(staff) = staff.filter(|s| ok && s.active) else {
        throttle.record_failure(&state).await?;
        if let Some(id) = known_id {
            state
                .db
                .tx(move |store| {
                    store.insert_audit(&[audit::entry(
                        Some(&id),
                        Action::LoginFailed,
                        "session",
                        None,
                        None,
                        Outcome::Denied,
                    )])
                })
                .await?;
        }
        return Err(wrong_credentials());
    };
    throttle.clear(&state).await?;
    let tokens = start_session(&state, &staff.id).await?;
    let staff_id = staff.id.clone();
    let unit_ids = state
        .db
        .read(move |store| store.staff_unit_ids(&staff_id))
        .await?;
    let me = me_of(&state, staff, unit_ids).await?;
    Ok(HttpResponse::Ok().json(tokens.with(me)))
}

/// Login throttling: too many failures for one account, or from one address, within the window
/// answer 429 with Retry-After. The check runs before the password is looked at, for known and
/// unknown accounts alike, so it reveals nothing about which accounts exist.
struct LoginThrottle {
    account_hash: String,
    address: String,
}

impl LoginThrottle {
    fn new(req: &actix_web::HttpRequest, username: &str) -> Self {
        Self {
            account_hash: password::digest(&username.to_lowercase()),
            address: req
                .peer_addr()
                .map(|a| a.ip().to_string())
                .unwrap_or_default(),
        }
    }

    async fn check(&self, state: &AppState) -> ApiResult<()> {
        let window = TimeDelta::seconds(state.config.login_window_secs);
        let now = time::now();
        let (account, address) = (self.account_hash.clone(), self.address.clone());
        let counts = state
            .db
            .read(move |store| store.login_failures_since(&account, &address, now - window))
            .await?;
        let limited = |count: i64, max: i64, oldest: Option<chrono::NaiveDateTime>| {
            (count >= max).then(|| {
                let free_at = oldest.unwrap_or(now) + window;
                ApiError::RateLimited {
                    retry_after_secs: u64::try_from((free_at - now).num_seconds().max(1))
                        .unwrap_or(1),
                }
            })
        };
        let config = &state.config;
        match limited(
            counts.account,
            config.login_max_failures,
            counts.account_oldest,
        )
        .or_else(|| {
            limited(
                counts.address,
                config.login_max_failures_per_address,
                counts.address_oldest,
            )
        }) {
            Some(e) => Err(e),
            None => Ok(()),
        }
    }

    async fn record_failure(&self, state: &AppState) -> ApiResult<()> {
        let (account, address) = (self.account_hash.clone(), self.address.clone());
        state
            .db
            .tx(move |store| store.record_login_failure(&account, &address, time::now()))
            .await
    }

    async fn clear(&self, state: &AppState) -> ApiResult<()> {
        let account = self.account_hash.clone();
        let older_than = time::now() - TimeDelta::seconds(state.config.login_window_secs);
        state
            .db
            .tx(move |store| store.clear_login_failures(&account, older_than))
            .await
    }
}

struct IssuedTokens {
    access_token: String,
    refresh_token: String,
    expires_in: i64,
    refresh_expires_in: i64,
}

impl IssuedTokens {
    fn with(self, staff: Me) -> TokenResponse {
        TokenResponse {
            access_token: self.access_token,
            token_type: "Bearer".into(),
            expires_in: self.expires_in,
            refresh_token: self.refresh_token,
            refresh_expires_in: self.refresh_expires_in,
            staff,
        }
    }
}

async fn start_session(state: &AppState, staff_id: &str) -> ApiResult<IssuedTokens> {
    let now = time::now();
    let refresh_token = password::random_token(32);
    let session = SessionRow {
        id: time::new_id(),
        staff_id: staff_id.to_owned(),
        refresh_hash: password::digest(&refresh_token),
        created_at: now,
        expires_at: now + TimeDelta::seconds(state.config.refresh_token_ttl_secs),
        revoked_at: None,
    };
    let access_token = state.tokens.issue(
        staff_id,
        &session.id,
        now.and_utc().timestamp(),
        state.config.access_token_ttl_secs,
    )?;
    let actor = staff_id.to_owned();
    state
        .db
        .tx(move |store| {
            store.insert_session(&session)?;
            store.insert_audit(&[audit::entry(
                Some(&actor),
                Action::Login,
                "session",
                Some(&session.id),
                None,
                Outcome::Success,
            )])
        })
        .await?;
    Ok(IssuedTokens {
        access_token,
        refresh_token,
        expires_in: state.config.access_token_ttl_secs,
        refresh_expires_in: state.config.refresh_token_ttl_secs,
    })
}

/// Exchange a refresh token for a new access token and a new refresh token (the old one stops working).
#[utoipa::path(
    tag = "auth",
    request_body = RefreshRequest,
    responses(
        (status = 200, body = TokenResponse),
        (status = 401, description = "Unknown, used, expired or revoked refresh token",
            body = crate::error::Problem, content_type = "application/problem+json"),
    )
)]
#[post("/refresh")]
async fn refresh(
    state: web::Data<AppState>,
    ApiJson(body): ApiJson<RefreshRequest>,
) -> ApiResult<HttpResponse> {
    let old_hash = password::digest(&body.refresh_token);
    let new_token = password::random_token(32);
    let new_hash = password::digest(&new_token);
    let now = time::now();
    let expires_at = now + TimeDelta::seconds(state.config.refresh_token_ttl_secs);
    let found = state
        .db
        .tx(move |store| {
            let Some(session) = store.session_by_refresh_hash(&old_hash)? else {
                return Ok(None);
            };
            let Some((staff, units)) = store.session_staff(&session.id, now)? else {
                return Ok(None);
            };
            if !store.rotate_refresh(&session.id, &old_hash, &new_hash, expires_at)? {
                return Ok(None);
            }
            Ok(Some((session.id, staff, units)))
        })
        .await?;
    let Some((session_id, staff, units)) = found else {
        return Err(ApiError::unauthenticated(
            "the refresh token is not valid; log in again",
        ));
    };
    let access_token = state.tokens.issue(
        &staff.id,
        &session_id,
        now.and_utc().timestamp(),
        state.config.access_token_ttl_secs,
    )?;
    let me = me_of(&state, staff, units).await?;
    let tokens = IssuedTokens {
        access_token,
        refresh_token: new_token,
        expires_in: state.config.access_token_ttl_secs,
        refresh_expires_in: state.config.refresh_token_ttl_secs,
    };
    Ok(HttpResponse::Ok().json(tokens.with(me)))
}

/// Log out: the session ends, and its access and refresh tokens stop working at once.
#[utoipa::path(tag = "auth", responses((status = 204, description = "Logged out")), security(("bearer" = [])))]
#[post("/logout")]
async fn logout(state: web::Data<AppState>, user: CurrentUser) -> ApiResult<HttpResponse> {
    state
        .db
        .tx(move |store| {
            store.revoke_session(&user.session_id, time::now())?;
            store.insert_audit(&[audit::entry(
                Some(&user.staff_id),
                Action::Logout,
                "session",
                Some(&user.session_id),
                None,
                Outcome::Success,
            )])
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// The signed-in staff member, their role and units.
#[utoipa::path(tag = "auth", responses((status = 200, body = Me)), security(("bearer" = [])))]
#[get("/me")]
async fn get_me(state: web::Data<AppState>, user: CurrentUser) -> ApiResult<HttpResponse> {
    let unit_ids = user.unit_ids.clone();
    let units = state
        .db
        .read(move |store| store.list_units(Some(&unit_ids)))
        .await?;
    Ok(HttpResponse::Ok().json(Me {
        id: user.staff_id,
        username: user.username,
        display_name: user.display_name,
        role: user.role,
        units: units
            .into_iter()
            .map(|u| UnitRef {
                id: u.id,
                name: u.name,
            })
            .collect(),
    }))
}
