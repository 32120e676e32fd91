//! Export → import round trip of records created in Stegvis itself (the demo's, none with an
//! `external_id`): every export carries the Stegvis `id`, and an upsert of the unchanged file
//! finds every record by it and changes nothing. Insert mode refuses the known ids; an `id`
//! that names nothing, or is no id at all, is reported on its line.

use reqwest::StatusCode;
use serde_json::Value;
use stegvis::demo::DEMO_PASSWORD;
use stegvis_tests::*;

use crate::casework_support::get_json;
use crate::import_resources::{counts, upload};

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

const NDJSON: &str = "application/x-ndjson";

async fn export(app: &TestApp, token: &str, resource: &str, format: &str) -> String {
    let res = app
        .get(
            &format!("/api/v1/exports/{resource}?format={format}"),
            token,
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK, "{resource}");
    res.text().await.unwrap()
}

/// The first record of an NDJSON export.
async fn first_exported(app: &TestApp, token: &str, resource: &str) -> Value {
    let ndjson = export(app, token, resource, "ndjson").await;
    serde_json::from_str(ndjson.lines().next().unwrap()).unwrap()
}

/// An upsert of `file` that must be refused: the problem.
async fn refused(app: &TestApp, token: &str, path: &str, file: String) -> Value {
    assert_problem(upload(app, token, path, NDJSON, file).await, 422).await
}

/// Sum of the versions of a resource's records: unchanged when nothing was written.
fn versions(app: &TestApp, table: &str) -> Vec<String> {
    query_strings(
        &app.db,
        &format!("SELECT CAST(SUM(version) AS TEXT) AS v FROM {table}"),
    )
}

async fn demo_exports_round_trip(backend: Backend) {
    let app = TestApp::spawn_with(backend, |c| c.demo = true).await;
    for (resource, username) in RESOURCES {
        let who = app.login(username, DEMO_PASSWORD).await;
        let table = resource.replace('-', "_");
        let csv = export(&app, &who.token, resource, "csv").await;
        assert!(
            csv.starts_with("\u{feff}id;"),
            "{resource}: the Stegvis id comes first: {csv}"
        );
        let rows = csv.lines().count() as i64 - 1;
        assert!(rows > 0, "{resource}: the demo has some");
        let keyed = count_rows(&app.db, &format!("{table} WHERE external_id IS NOT NULL"));
        assert_eq!(
            keyed, 0,
            "{resource}: the demo's records were created in Stegvis"
        );

        let before = versions(&app, &table);
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
            versions(&app, &table),
            before,
            "{resource}: no record written"
        );

        // Insert mode refuses every row: each names a record that exists.
        let problem =
            assert_problem(upload(&app, &who.token, &path, "text/csv", csv).await, 422).await;
        let errors = problem["errors"].as_array().unwrap();
        assert_eq!(errors.len() as i64, rows, "{resource}: {problem}");
        assert!(
            errors.iter().all(|e| e["field"] == "id"),
            "{resource}: {problem}"
        );

        // The NDJSON export round-trips the same way.
        let ndjson = export(&app, &who.token, resource, "ndjson").await;
        let first: Value = serde_json::from_str(ndjson.lines().next().unwrap()).unwrap();
        assert!(first["id"].is_string(), "{resource}: {first}");
        let res = upload(
            &app,
            &who.token,
            &format!("{path}?mode=upsert"),
            NDJSON,
            ndjson,
        )
        .await;
        let job: Value = res.json().await.unwrap();
        assert_eq!(counts(&job), (0, 0, rows), "{resource}: {job}");
    }
}

async fn an_edited_export_updates_by_id(backend: Backend) {
    let app = TestApp::spawn_with(backend, |c| c.demo = true).await;
    let anna = app.login("anna.handlaggare", DEMO_PASSWORD).await;
    let mut record = first_exported(&app, &anna.token, "participants").await;
    let id = record["id"].as_str().unwrap().to_owned();
    let url = format!("/api/v1/participants/{id}");
    let before = get_json(&app, &url, &anna.token).await;
    record["phone"] = "070-000 11 22".into();
    record["external_id"] = "VERKS-1".into();
    let path = "/api/v1/imports/participants";
    let upsert = format!("{path}?mode=upsert");
    let participants = app.participant_count();

    // Without upsert, a known id is refused, and nothing is written.
    let problem = refused(&app, &anna.token, path, record.to_string()).await;
    assert_eq!(problem["errors"][0]["field"], "id", "{problem}");
    let res = upload(&app, &anna.token, &upsert, NDJSON, record.to_string()).await;
    assert_eq!(
        res.status(),
        StatusCode::CREATED,
        "the import wrote something"
    );
    let job: Value = res.json().await.unwrap();
    assert_eq!(counts(&job), (0, 1, 0), "{job}");
    let after = get_json(&app, &url, &anna.token).await;
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
    let problem = refused(&app, &anna.token, &upsert, file).await;
    let found: Vec<(u64, &str)> = problem["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["line"].as_u64().unwrap(), e["field"].as_str().unwrap()))
        .collect();
    for line in [2, 3, 4] {
        assert!(found.contains(&(line, "id")), "line {line}: {problem}");
    }
    let now = get_json(&app, &url, &anna.token).await;
    assert_eq!(now["phone"], "070-000 11 22", "nothing partial written");

    // Another participant's external id cannot be taken over through an upsert by id.
    let unit = before["unit_id"].as_str().unwrap();
    let other = app
        .create_participant(
            &anna.token,
            &participant_body(unit, serde_json::json!({"external_id": "VERKS-2"})),
        )
        .await;
    assert!(other["id"].is_string());
    let mut takeover = record.clone();
    takeover["external_id"] = "VERKS-2".into();
    let problem = refused(&app, &anna.token, &upsert, takeover.to_string()).await;
    assert_eq!(problem["errors"][0]["field"], "external_id", "{problem}");

    // The same for the generic importer: an employer edited in its export.
    let maria = app.login("maria.arbetskonsulent", DEMO_PASSWORD).await;
    let employers = "/api/v1/imports/employers?mode=upsert";
    let mut employer = first_exported(&app, &maria.token, "employers").await;
    employer["notes"] = "Ändrad i exporten".into();
    let res = upload(&app, &maria.token, employers, NDJSON, employer.to_string()).await;
    let job: Value = res.json().await.unwrap();
    assert_eq!(counts(&job), (0, 1, 0), "{job}");
    let stored_url = format!("/api/v1/employers/{}", employer["id"].as_str().unwrap());
    let stored = get_json(&app, &stored_url, &maria.token).await;
    assert_eq!(stored["notes"], "Ändrad i exporten");
    employer["id"] = "00000000-0000-4000-8000-000000000001".into();
    let problem = refused(&app, &maria.token, employers, employer.to_string()).await;
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
