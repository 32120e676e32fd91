use reqwest::StatusCode;
use serde_json::Value;
use stegvis_tests::*;

both_backends! {
    async fn health_and_readiness(app: TestApp) {
        let res = app.client.get(app.url("/healthz")).send().await.unwrap();
        assert_eq!(res.status(), StatusCode::OK);
        let res = app.client.get(app.url("/readyz")).send().await.unwrap();
        assert_eq!(res.status(), StatusCode::OK);
        let body: Value = res.json().await.unwrap();
        assert_eq!(body["status"], "ready");
    }
}

/// PostgreSQL going away: readiness and requests answer 503 problem+json, and both recover.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_outage_gives_503_and_recovers() {
    use diesel::{Connection, PgConnection, RunQueryDsl};
    let app = TestApp::spawn(Backend::Postgres).await;
    let unit = app.create_unit("Enhet").await;
    let worker = app.login_as("caseworker", &[&unit]).await;
    let (admin_url, database) = app.postgres_database().unwrap();
    let mut admin = PgConnection::establish(admin_url).unwrap();
    let outage = |allow: bool, admin: &mut PgConnection| {
        diesel::sql_query(format!(
            "ALTER DATABASE {database} ALLOW_CONNECTIONS {allow}"
        ))
        .execute(admin)
        .unwrap();
        if !allow {
            diesel::sql_query(format!(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{database}' AND pid <> pg_backend_pid()"
            ))
            .execute(admin)
            .unwrap();
        }
    };
    outage(false, &mut admin);
    let res = app.client.get(app.url("/readyz")).send().await.unwrap();
    assert_problem(res, 503).await;
    // A request needing the database: no hang, no 500, a 503 problem (first try may find a dead
    // pooled connection; every answer must still be a 503).
    for _ in 0..3 {
        let res = app
            .client
            .get(app.url("/api/v1/auth/me"))
            .bearer_auth(&worker.token)
            .send()
            .await
            .unwrap();
        assert_problem(res, 503).await;
    }
    outage(true, &mut admin);
    let mut ready = false;
    for _ in 0..50 {
        if app
            .client
            .get(app.url("/readyz"))
            .send()
            .await
            .unwrap()
            .status()
            == StatusCode::OK
        {
            ready = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(ready, "readiness recovers");
    let res = app
        .client
        .get(app.url("/api/v1/auth/me"))
        .bearer_auth(&worker.token)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
}
