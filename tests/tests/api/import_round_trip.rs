//! Export → import round trip of records created in Stegvis itself (the demo's, none with an
//! `external_id`): every export carries the Stegvis `id`, and an upsert of the unchanged file
//! finds every record by it and changes nothing. Insert mode refuses the known ids; an `id`
//! that names nothing, or is no id at all, is reported on its line.

use reqwest::StatusCode;
use serde_json::Value;
use stegvis_tests::*;

/// Every importable resource, with a demo account that may export and import it.
const RESOURCES: [(&str, &str); 9] = [
    ("participants", "erik.chef"),
    ("employers", "maria.arbetskonsulent"),
    ("apartments", "sara.bosamordnare"),
    ("referrals", "erik.chef"),
    ("enrolments", "erik.chef"),
    ("contacts", "erik.chef"),
    ("activities", "maria.arbetskonsulent"),
    ("tenancies", "sara.bosamordnare"),
    ("queue-entries", "sara.bosamordnare"),
];

async fn upload(
    app: &TestApp,
    token: &str,
    path: &str,
    content_type: &str,
    body: String,
) -> reqwest::Response {
    app.client
        .post(app.url(path))
        .bearer_auth(token)
        .header("content-type", content_type)
        .body(body)
        .send()
        .await
        .unwrap()
}

fn counts(job: &Value) -> (i64, i64, i64) {
    (
        job["created"].as_i64().unwrap(),
        job["updated"].as_i64().unwrap(),
        job["unchanged"].as_i64().unwrap(),
    )
}

async fn demo_exports_round_trip(backend: Backend) {
    let app = TestApp::spawn_with(backend, |c| c.demo = true).await;
    for (resource, username) in RESOURCES {
        let who = app.login(username, stegvis::demo::DEMO_PASSWORD).await;
        let res = app
            .get(
                &format!("/api/v1/exports/{resource}?format=csv"),
                &who.token,
            )
            .await;
        assert_eq!(res.status(), StatusCode::OK, "{resource}");
        let csv = res.text().await.unwrap();
        assert!(
            csv.starts_with("\u{feff}id;"),
            "{resource}: the Stegvis id comes first: {csv}"
        );
        let rows = csv.lines().count() as i64 - 1;
        assert!(rows > 0, "{resource}: the demo has some");
        let external_ids = count_rows(
            &app.db,
            &format!(
                "{} WHERE external_id IS NOT NULL",
                resource.replace('-', "_")
            ),
        );
        assert_eq!(
            external_ids, 0,
            "{resource}: the demo's records were created in Stegvis"
        );

        let versions = query_strings(
            &app.db,
            &format!(
                "SELECT CAST(SUM(version) AS TEXT) AS v FROM {}",
                resource.replace('-', "_")
            ),
        );
        let path = format!("/api/v1/imports/{resource}");
        let res = upload(
            &app,
            &who.token,
            &format!("{path}?mode=upsert"),
            "text/csv",
            csv.clone(),
        )
        .await;
        let status = res.status();
        let job: Value = res.json().await.unwrap();
        assert_eq!(status, StatusCode::OK, "{resource}: {job}");
        assert_eq!(
            counts(&job),
            (0, 0, rows),
            "{resource}: an unchanged export changes nothing"
        );
        assert_eq!(
            query_strings(
                &app.db,
                &format!(
                    "SELECT CAST(SUM(version) AS TEXT) AS v FROM {}",
                    resource.replace('-', "_")
                )
            ),
            versions,
            "{resource}: no record written"
        );

        // Insert mode refuses every row: each names a record that exists.
        let problem = assert_problem(
            upload(&app, &who.token, &path, "text/csv", csv.clone()).await,
            422,
        )
        .await;
        let errors = problem["errors"].as_array().unwrap();
        assert_eq!(errors.len() as i64, rows, "{resource}: {problem}");
        assert!(
            errors.iter().all(|e| e["field"] == "id"),
            "{resource}: {problem}"
        );

        // The NDJSON export round-trips the same way.
        let ndjson = app
            .get(
                &format!("/api/v1/exports/{resource}?format=ndjson"),
                &who.token,
            )
            .await
            .text()
            .await
            .unwrap();
        let first: Value = serde_json::from_str(ndjson.lines().next().unwrap()).unwrap();
        assert!(first["id"].is_string(), "{resource}: {first}");
        let res = upload(
            &app,
            &who.token,
            &format!("{path}?mode=upsert"),
            "application/x-ndjson",
            ndjson,
        )
        .await;
        let job: Value = res.json().await.unwrap();
        assert_eq!(counts(&job), (0, 0, rows), "{resource}: {job}");
    }
}

async fn an_edited_export_updates_by_id(backend: Backend) {
    let app = TestApp::spawn_with(backend, |c| c.demo = true).await;
    let anna = app
        .login("anna.handlaggare", stegvis::demo::DEMO_PASSWORD)
        .await;
    let ndjson = app
        .get("/api/v1/exports/participants?format=ndjson", &anna.token)
        .await
        .text()
        .await
        .unwrap();
    let mut record: Value = serde_json::from_str(ndjson.lines().next().unwrap()).unwrap();
    let id = record["id"].as_str().unwrap().to_owned();
    let before: Value = app
        .get(&format!("/api/v1/participants/{id}"), &anna.token)
        .await
        .json()
        .await
        .unwrap();
    record["phone"] = "070-000 11 22".into();
    record["external_id"] = "VERKS-1".into();
    let path = "/api/v1/imports/participants";
    let participants = app.participant_count();

    // Without upsert, a known id is refused, and nothing is written.
    let problem = assert_problem(
        upload(
            &app,
            &anna.token,
            path,
            "application/x-ndjson",
            record.to_string(),
        )
        .await,
        422,
    )
    .await;
    assert_eq!(problem["errors"][0]["field"], "id", "{problem}");
    let res = upload(
        &app,
        &anna.token,
        &format!("{path}?mode=upsert"),
        "application/x-ndjson",
        record.to_string(),
    )
    .await;
    assert_eq!(
        res.status(),
        StatusCode::CREATED,
        "the import wrote something"
    );
    let job: Value = res.json().await.unwrap();
    assert_eq!(counts(&job), (0, 1, 0), "{job}");
    let after: Value = app
        .get(&format!("/api/v1/participants/{id}"), &anna.token)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(after["phone"], "070-000 11 22");
    assert_eq!(
        after["external_id"], "VERKS-1",
        "an upsert by id may give the record its external id"
    );
    assert_eq!(
        after["version"].as_i64(),
        before["version"].as_i64().map(|v| v + 1)
    );
    assert_eq!(
        after["personal_identity_number"],
        before["personal_identity_number"]
    );
    assert_eq!(
        app.participant_count(),
        participants,
        "no participant created"
    );

    // An id that names no participant, one that is no id, and the same id twice: each on its
    // line, and nothing written.
    let mut unknown = record.clone();
    unknown["id"] = "00000000-0000-4000-8000-000000000000".into();
    unknown["external_id"] = Value::Null;
    unknown["personal_identity_number"] = Value::Null;
    let mut not_an_id = record.clone();
    not_an_id["id"] = "P-17".into();
    let mut changed = record.clone();
    changed["phone"] = "070-999 99 99".into();
    let file = [&changed, &unknown, &not_an_id, &changed]
        .map(|r| r.to_string())
        .join("\n");
    let problem = assert_problem(
        upload(
            &app,
            &anna.token,
            &format!("{path}?mode=upsert"),
            "application/x-ndjson",
            file,
        )
        .await,
        422,
    )
    .await;
    let found: Vec<(u64, &str)> = problem["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["line"].as_u64().unwrap(), e["field"].as_str().unwrap()))
        .collect();
    assert!(found.contains(&(2, "id")), "{problem}");
    assert!(found.contains(&(3, "id")), "{problem}");
    assert!(found.contains(&(4, "id")), "the same id twice: {problem}");
    let now: Value = app
        .get(&format!("/api/v1/participants/{id}"), &anna.token)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(now["phone"], "070-000 11 22", "nothing partial written");

    // Another participant's external id cannot be taken over through an upsert by id.
    let other = app
        .create_participant(
            &anna.token,
            &participant_body(
                before["unit_id"].as_str().unwrap(),
                serde_json::json!({"external_id": "VERKS-2"}),
            ),
        )
        .await;
    assert!(other["id"].is_string());
    let mut takeover = record.clone();
    takeover["external_id"] = "VERKS-2".into();
    let problem = assert_problem(
        upload(
            &app,
            &anna.token,
            &format!("{path}?mode=upsert"),
            "application/x-ndjson",
            takeover.to_string(),
        )
        .await,
        422,
    )
    .await;
    assert_eq!(problem["errors"][0]["field"], "external_id", "{problem}");

    // The same for the generic importer: an employer edited in its export.
    let maria = app
        .login("maria.arbetskonsulent", stegvis::demo::DEMO_PASSWORD)
        .await;
    let employers = app
        .get("/api/v1/exports/employers?format=ndjson", &maria.token)
        .await
        .text()
        .await
        .unwrap();
    let mut employer: Value = serde_json::from_str(employers.lines().next().unwrap()).unwrap();
    employer["notes"] = "Ändrad i exporten".into();
    let res = upload(
        &app,
        &maria.token,
        "/api/v1/imports/employers?mode=upsert",
        "application/x-ndjson",
        employer.to_string(),
    )
    .await;
    let job: Value = res.json().await.unwrap();
    assert_eq!(counts(&job), (0, 1, 0), "{job}");
    let stored: Value = app
        .get(
            &format!("/api/v1/employers/{}", employer["id"].as_str().unwrap()),
            &maria.token,
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(stored["notes"], "Ändrad i exporten");
    employer["id"] = "00000000-0000-4000-8000-000000000001".into();
    let problem = assert_problem(
        upload(
            &app,
            &maria.token,
            "/api/v1/imports/employers?mode=upsert",
            "application/x-ndjson",
            employer.to_string(),
        )
        .await,
        422,
    )
    .await;
    assert_eq!(problem["errors"][0]["field"], "id", "{problem}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn demo_exports_round_trip_sqlite() {
    demo_exports_round_trip(Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn demo_exports_round_trip_postgres() {
    demo_exports_round_trip(Backend::Postgres).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_edited_export_updates_by_id_sqlite() {
    an_edited_export_updates_by_id(Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_edited_export_updates_by_id_postgres() {
    an_edited_export_updates_by_id(Backend::Postgres).await;
}
