use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use stegvis_tests::*;

fn sign(claims: &Value, secret: &str) -> String {
    jsonwebtoken::encode(
        &jsonwebtoken::Header::new(jsonwebtoken::Algorithm::HS256),
        claims,
        &jsonwebtoken::EncodingKey::from_secret(secret.as_bytes()),
    )
    .unwrap()
}

fn claims_of(token: &str) -> Value {
    let payload = token.split('.').nth(1).unwrap();
    serde_json::from_slice(&URL_SAFE_NO_PAD.decode(payload).unwrap()).unwrap()
}

async fn me_status(app: &TestApp, token: &str) -> StatusCode {
    app.get("/api/v1/auth/me", token).await.status()
}

both_backends! {
    async fn login_me_and_logout_revokes(app: TestApp) {
        let unit = app.create_unit("Enhet A").await;
        let session = app.login_as("caseworker", &[&unit]).await;
        let res = app.get("/api/v1/auth/me", &session.token).await;
        assert_eq!(res.status(), StatusCode::OK);
        let me: Value = res.json().await.unwrap();
        assert_eq!(me["role"], "caseworker");
        assert_eq!(me["units"][0]["id"], unit.as_str());
        assert_eq!(me["units"][0]["name"], "Enhet A");
        let participant = app.create_participant(&session.token, &participant_body(&unit, json!({}))).await;
        let one = format!("/api/v1/participants/{}", participant["id"].as_str().unwrap());
        assert_eq!(app.get(&one, &session.token).await.status(), StatusCode::OK);

        let res = app.request(Method::POST, "/api/v1/auth/logout", Some(&session.token), None).await;
        assert_eq!(res.status(), StatusCode::NO_CONTENT);
        // The same, still unexpired token is refused at once, and so is the refresh token.
        assert_problem(app.get("/api/v1/auth/me", &session.token).await, 401).await;
        // Also where the session is checked inside the handler's own read (`SignedToken`).
        assert_problem(app.get(&one, &session.token).await, 401).await;
        // And where it is checked inside the write transaction (create), before anything is written.
        let res = app.post("/api/v1/participants", &session.token, &participant_body(&unit, json!({"first_name": "Efter"}))).await;
        assert_problem(res, 401).await;
        let manager = app.login_as("manager", &[&unit]).await;
        let list: Value = app.get("/api/v1/participants", &manager.token).await.json().await.unwrap();
        assert_eq!(list["total"], 1, "the refused create wrote nothing");
        let res = app.request(Method::POST, "/api/v1/auth/refresh", None, Some(&json!({"refresh_token": session.refresh_token}))).await;
        assert_problem(res, 401).await;
    }

    async fn wrong_password_and_unknown_user_look_the_same(app: TestApp) {
        let wrong = app.request(Method::POST, "/api/v1/auth/login", None, Some(&json!({"username": "admin", "password": "nope-nope-nope"}))).await;
        let wrong = assert_problem(wrong, 401).await;
        let unknown = app.request(Method::POST, "/api/v1/auth/login", None, Some(&json!({"username": "nobody", "password": "nope-nope-nope"}))).await;
        let unknown = assert_problem(unknown, 401).await;
        assert_eq!(wrong, unknown);
    }

    async fn repeated_failures_lock_the_account_for_a_while(app: TestApp) {
        let unit = app.create_unit("Enhet L").await;
        let other = app.login_as("caseworker", &[&unit]).await;
        let attempt = |username: &'static str, password: &'static str| {
            app.client.post(app.url("/api/v1/auth/login")).json(&json!({"username": username, "password": password})).send()
        };
        for username in ["admin", "nobody-at-all"] {
            for _ in 0..5 {
                assert_problem(attempt(username, "wrong-password-1").await.unwrap(), 401).await;
            }
            // Locked: even the right password is refused until the window passes; known and
            // unknown accounts behave alike.
            let res = attempt(username, ADMIN_PASSWORD).await.unwrap();
            let retry: u64 = res.headers().get("retry-after").unwrap().to_str().unwrap().parse().unwrap();
            assert!(retry > 0 && retry <= 900, "{retry}");
            assert_problem(res, 429).await;
        }
        // Other accounts are not affected.
        app.login(&other.username, STAFF_PASSWORD).await;
    }

    async fn refresh_rotates_the_refresh_token(app: TestApp) {
        let admin = app.admin().await;
        let res = app.request(Method::POST, "/api/v1/auth/refresh", None, Some(&json!({"refresh_token": admin.refresh_token}))).await;
        assert_eq!(res.status(), StatusCode::OK);
        let body: Value = res.json().await.unwrap();
        let new_access = body["access_token"].as_str().unwrap();
        assert_eq!(body["token_type"], "Bearer");
        assert!(body["expires_in"].as_i64().unwrap() > 0);
        assert_eq!(me_status(&app, new_access).await, StatusCode::OK);
        assert_ne!(body["refresh_token"].as_str().unwrap(), admin.refresh_token);
        // The old refresh token was used up.
        let again = app.request(Method::POST, "/api/v1/auth/refresh", None, Some(&json!({"refresh_token": admin.refresh_token}))).await;
        assert_problem(again, 401).await;
    }

    async fn forged_expired_and_none_tokens_are_refused(app: TestApp) {
        let admin = app.admin().await;
        let good = claims_of(&admin.token);
        let now = chrono::Utc::now().timestamp();

        // No token at all: 401 with a Bearer challenge.
        let res = app.request(Method::GET, "/api/v1/auth/me", None, None).await;
        assert_eq!(res.headers().get("www-authenticate").unwrap(), "Bearer realm=\"stegvis\"");
        assert_problem(res, 401).await;

        // alg: none, with a valid payload and no signature.
        let header = URL_SAFE_NO_PAD.encode(br#"{"alg":"none","typ":"JWT"}"#);
        let payload = URL_SAFE_NO_PAD.encode(serde_json::to_vec(&good).unwrap());
        assert_eq!(me_status(&app, &format!("{header}.{payload}.")).await, StatusCode::UNAUTHORIZED);

        // Signed with another key.
        assert_eq!(me_status(&app, &sign(&good, "another-secret-another-secret-00")).await, StatusCode::UNAUTHORIZED);

        // Expired, and not yet valid, though correctly signed.
        let mut expired = good.clone();
        expired["exp"] = json!(now - 120);
        expired["iat"] = json!(now - 1000);
        expired["nbf"] = json!(now - 1000);
        assert_eq!(me_status(&app, &sign(&expired, JWT_SECRET)).await, StatusCode::UNAUTHORIZED);
        let mut future = good.clone();
        future["nbf"] = json!(now + 3600);
        assert_eq!(me_status(&app, &sign(&future, JWT_SECRET)).await, StatusCode::UNAUTHORIZED);

        // Payload tampered with after signing (another subject).
        let parts: Vec<&str> = admin.token.split('.').collect();
        let mut tampered = good.clone();
        tampered["sub"] = json!(uuid::Uuid::now_v7().to_string());
        let forged = format!("{}.{}.{}", parts[0], URL_SAFE_NO_PAD.encode(serde_json::to_vec(&tampered).unwrap()), parts[2]);
        assert_eq!(me_status(&app, &forged).await, StatusCode::UNAUTHORIZED);

        // A correctly signed token naming a session that belongs to someone else.
        let unit = app.create_unit("Enhet T").await;
        let other = app.login_as("caseworker", &[&unit]).await;
        let mut swapped = good.clone();
        swapped["sid"] = claims_of(&other.token)["sid"].clone();
        assert_eq!(me_status(&app, &sign(&swapped, JWT_SECRET)).await, StatusCode::UNAUTHORIZED);

        // The untouched token still works, so the refusals above were about the changes.
        assert_eq!(me_status(&app, &admin.token).await, StatusCode::OK);
    }

    async fn deactivated_account_is_locked_out_at_once(app: TestApp) {
        let unit = app.create_unit("Enhet D").await;
        let worker = app.login_as("caseworker", &[&unit]).await;
        let admin = app.admin().await;
        let res = app.get(&format!("/api/v1/staff/{}", worker.staff_id), &admin.token).await;
        let staff: Value = res.json().await.unwrap();
        let res = app
            .put(
                &format!("/api/v1/staff/{}", worker.staff_id),
                &admin.token,
                &json!({"display_name": staff["display_name"], "role": "caseworker", "active": false,
                        "unit_ids": [unit], "version": staff["version"]}),
            )
            .await;
        assert_eq!(res.status(), StatusCode::OK);
        assert_eq!(me_status(&app, &worker.token).await, StatusCode::UNAUTHORIZED);
        let res = app.request(Method::POST, "/api/v1/auth/login", None, Some(&json!({"username": worker.username, "password": STAFF_PASSWORD}))).await;
        assert_problem(res, 401).await;
    }

    async fn every_private_operation_requires_a_token(app: TestApp) {
        let doc: Value = app.client.get(app.url("/api/v1/openapi.json")).send().await.unwrap().json().await.unwrap();
        let mut checked = 0;
        for (path, item) in doc["paths"].as_object().unwrap() {
            for (method, op) in item.as_object().unwrap() {
                let public = op.get("security").is_none();
                let concrete = path.replace("{id}", &uuid::Uuid::now_v7().to_string());
                let method = Method::from_bytes(method.to_uppercase().as_bytes()).unwrap();
                let res = app.request(method.clone(), &concrete, None, Some(&json!({}))).await;
                if public {
                    assert_ne!(res.status(), StatusCode::UNAUTHORIZED, "{method} {path} is documented as public");
                } else {
                    assert_eq!(res.status(), StatusCode::UNAUTHORIZED, "{method} {path} must require a token");
                    checked += 1;
                }
            }
        }
        assert!(checked >= 15, "only {checked} private operations found");
    }
}
