//! HTTP hardening: CORS closed by default, HSTS behind TLS, the CSP, time limits (slow clients and
//! slow requests), and no internals (SQL, stack traces) in error responses.

use std::io::{Read, Write};
use std::time::{Duration, Instant};

use reqwest::{Method, StatusCode};
use serde_json::json;
use stegvis_tests::*;

async fn preflight(app: &TestApp, origin: &str) -> reqwest::Response {
    app.client
        .request(Method::OPTIONS, app.url("/api/v1/participants"))
        .header("Origin", origin)
        .header("Access-Control-Request-Method", "POST")
        .header(
            "Access-Control-Request-Headers",
            "authorization, content-type",
        )
        .send()
        .await
        .unwrap()
}

fn allow_origin(res: &reqwest::Response) -> Option<String> {
    res.headers()
        .get("access-control-allow-origin")
        .map(|v| v.to_str().unwrap().to_owned())
}

both_backends! {
    async fn cors_is_closed_to_other_origins_by_default(app: TestApp) {
        let res = preflight(&app, "https://evil.example").await;
        assert_eq!(allow_origin(&res), None);
        assert!(!res.status().is_success());
        let res = app.client.get(app.url("/healthz")).header("Origin", "https://evil.example").send().await.unwrap();
        assert_eq!(allow_origin(&res), None, "no cross-origin read of a response");
        // The web app on the server's own origin keeps working (browsers send Origin on POST).
        let own = app.address.clone();
        let res = app.client.post(app.url("/api/v1/auth/login")).header("Origin", &own)
            .json(&json!({"username": "admin", "password": ADMIN_PASSWORD})).send().await.unwrap();
        assert_eq!(res.status(), StatusCode::OK);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cors_allows_exactly_the_configured_origins() {
    let app = TestApp::spawn_with(Backend::Sqlite, |c| {
        c.cors_origins = vec!["https://intranet.kommun.example".into()];
    })
    .await;
    let res = preflight(&app, "https://intranet.kommun.example").await;
    assert!(res.status().is_success(), "{}", res.status());
    assert_eq!(
        allow_origin(&res).as_deref(),
        Some("https://intranet.kommun.example")
    );
    let res = preflight(&app, "https://intranet.kommun.example.evil.example").await;
    assert_eq!(allow_origin(&res), None);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hsts_only_behind_tls_or_when_configured() {
    let app = TestApp::spawn(Backend::Sqlite).await;
    let plain = app.client.get(app.url("/healthz")).send().await.unwrap();
    assert!(plain.headers().get("strict-transport-security").is_none());
    let proxied = app
        .client
        .get(app.url("/healthz"))
        .header("X-Forwarded-Proto", "https")
        .send()
        .await
        .unwrap();
    let hsts = proxied.headers()["strict-transport-security"]
        .to_str()
        .unwrap();
    assert!(hsts.contains("max-age=31536000"), "{hsts}");

    let configured = TestApp::spawn_with(Backend::Sqlite, |c| c.hsts = true).await;
    let res = configured
        .client
        .get(configured.url("/api/v1/openapi.json"))
        .send()
        .await
        .unwrap();
    assert!(res.headers().get("strict-transport-security").is_some());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn csp_allows_no_inline_or_foreign_scripts_and_no_framing() {
    let app = TestApp::spawn(Backend::Sqlite).await;
    for path in ["/healthz", "/api/v1/openapi.json", "/api/v1/participants"] {
        let res = app.client.get(app.url(path)).send().await.unwrap();
        let csp = res.headers()["content-security-policy"]
            .to_str()
            .unwrap()
            .to_owned();
        let directive = |name: &str| {
            csp.split(';')
                .map(str::trim)
                .find(|d| d.starts_with(&format!("{name} ")))
                .unwrap_or_else(|| panic!("{path}: no {name} in {csp}"))
                .to_owned()
        };
        let scripts = directive("script-src");
        assert_eq!(scripts, "script-src 'self'", "{path}");
        assert!(!csp.contains("unsafe-eval"));
        assert_eq!(directive("frame-ancestors"), "frame-ancestors 'none'");
        assert_eq!(directive("object-src"), "object-src 'none'");
        assert_eq!(res.headers()["x-content-type-options"], "nosniff");
        assert_eq!(res.headers()["referrer-policy"], "no-referrer");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_request_over_the_time_limit_gets_503_problem() {
    // Logging in hashes a password (deliberately slow): far more than 1 ms.
    let app = TestApp::spawn_with(Backend::Sqlite, |c| c.request_timeout_ms = 1).await;
    let res = app
        .request(
            Method::POST,
            "/api/v1/auth/login",
            None,
            Some(&json!({"username": "admin", "password": ADMIN_PASSWORD})),
        )
        .await;
    let problem = assert_problem(res, 503).await;
    assert!(problem["detail"].as_str().unwrap().contains("too long"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_client_that_dribbles_its_headers_is_cut_off() {
    let app = TestApp::spawn_with(Backend::Sqlite, |c| c.client_timeout_ms = 300).await;
    let addr = app.address.trim_start_matches("http://").to_owned();
    let (elapsed, answer) = tokio::task::spawn_blocking(move || {
        let mut stream = std::net::TcpStream::connect(addr).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(10)))
            .unwrap();
        let start = Instant::now();
        // Headers never finished: no blank line.
        stream
            .write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\n")
            .unwrap();
        let mut buf = Vec::new();
        let _ = stream.read_to_end(&mut buf);
        (start.elapsed(), String::from_utf8_lossy(&buf).into_owned())
    })
    .await
    .unwrap();
    assert!(
        elapsed < Duration::from_secs(5),
        "the connection stayed open {elapsed:?}"
    );
    assert!(
        answer.is_empty() || answer.starts_with("HTTP/1.1 408"),
        "{answer}"
    );
}

both_backends! {
    async fn a_database_error_answers_500_without_sql_or_internals(app: TestApp) {
        let admin = app.admin().await;
        execute_sql(&app.db, "ALTER TABLE units RENAME TO units_gone").unwrap();
        let res = app.get("/api/v1/units", &admin.token).await;
        let text = res.text().await.unwrap();
        let problem: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(problem["status"], 500, "{text}");
        assert_eq!(problem["type"], "https://stegvis.se/problems/internal");
        let lower = text.to_lowercase();
        for leak in ["units_gone", "select", "sql", "no such", "relation", "diesel", "panicked", "backtrace", ".rs:"] {
            assert!(!lower.contains(leak), "the response reveals {leak}: {text}");
        }
    }
}
