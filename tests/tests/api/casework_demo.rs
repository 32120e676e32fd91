use stegvis_tests::*;

use crate::casework_support::get_json;

async fn demo_has_casework(backend: Backend) {
    let app = TestApp::spawn_with(backend, |c| c.demo = true).await;
    let anna = app
        .login("anna.handlaggare", stegvis::demo::DEMO_PASSWORD)
        .await;
    let referrals = get_json(&app, "/api/v1/referrals?limit=500", &anna.token).await;
    assert!(referrals["total"].as_i64().unwrap() >= 10);
    for status in [
        "received",
        "first_meeting_booked",
        "enrolled",
        "no_show",
        "declined",
    ] {
        assert!(
            referrals["items"]
                .as_array()
                .unwrap()
                .iter()
                .any(|r| r["status"] == status),
            "{status}"
        );
    }
    let enrolments = get_json(&app, "/api/v1/enrolments", &anna.token).await;
    let first = &enrolments["items"][0];
    assert!(first["attended_contacts"].as_i64().unwrap() >= 3);
    let mapping = get_json(
        &app,
        &format!(
            "/api/v1/enrolments/{}/mapping",
            first["id"].as_str().unwrap()
        ),
        &anna.token,
    )
    .await;
    assert!(mapping["own_goal"].is_string());
    for table in [
        "contacts",
        "relapses",
        "enrolment_mappings",
        "consents",
        "participant_assignments",
    ] {
        assert!(count_rows(&app.db, table) > 0, "{table}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn demo_data_includes_casework_sqlite() {
    demo_has_casework(Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn demo_data_includes_casework_postgres() {
    demo_has_casework(Backend::Postgres).await;
}
