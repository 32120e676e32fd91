use reqwest::StatusCode;
use stegvis_tests::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_web_app_is_served_with_history_fallback() {
    let app = TestApp::spawn_with(Backend::Sqlite, |config| {
        let dir = config.data_dir.join("dist");
        std::fs::create_dir_all(dir.join("assets")).unwrap();
        std::fs::write(
            dir.join("index.html"),
            "<!doctype html><title>Stegvis</title><div id=root></div>",
        )
        .unwrap();
        std::fs::write(dir.join("assets/app.js"), "console.log('stegvis')").unwrap();
        config.frontend_dir = dir;
    })
    .await;
    for path in [
        "/",
        "/participants",
        "/participants/01936f4e-9a00-7b3c-8d2e-0a1b2c3d4e5f",
    ] {
        let res = app.client.get(app.url(path)).send().await.unwrap();
        assert_eq!(res.status(), StatusCode::OK, "{path}");
        assert!(res.headers().get("content-security-policy").is_some());
        assert!(
            res.text().await.unwrap().contains("<title>Stegvis</title>"),
            "{path}"
        );
    }
    let res = app
        .client
        .get(app.url("/assets/app.js"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.text().await.unwrap(), "console.log('stegvis')");
    // The app's assets may be cached; API answers (personal data) may not.
    assert!(
        app.client
            .get(app.url("/assets/app.js"))
            .send()
            .await
            .unwrap()
            .headers()
            .get("cache-control")
            .is_none()
    );
    let api = app
        .client
        .get(app.url("/api/v1/auth/me"))
        .send()
        .await
        .unwrap();
    let headers = api.headers();
    assert_eq!(headers.get("cache-control").unwrap(), "no-store");
    assert_eq!(headers.get("x-content-type-options").unwrap(), "nosniff");
    assert_eq!(headers.get("x-frame-options").unwrap(), "DENY");
    assert_eq!(headers.get("referrer-policy").unwrap(), "no-referrer");
    let csp = headers
        .get("content-security-policy")
        .unwrap()
        .to_str()
        .unwrap();
    assert!(
        csp.contains("frame-ancestors 'none'")
            && csp.contains("script-src 'self'")
            && !csp.contains("unsafe-eval")
    );
    assert!(
        !csp.split(';')
            .any(|d| d.trim().starts_with("script-src") && d.contains("unsafe-inline"))
    );
    // Unknown API paths stay API errors, not the app.
    let res = app
        .client
        .get(app.url("/api/v1/nothing-here"))
        .send()
        .await
        .unwrap();
    assert_problem(res, 404).await;
}
