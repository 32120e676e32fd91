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
    // Unknown API paths stay API errors, not the app.
    let res = app
        .client
        .get(app.url("/api/v1/nothing-here"))
        .send()
        .await
        .unwrap();
    assert_problem(res, 404).await;
}
