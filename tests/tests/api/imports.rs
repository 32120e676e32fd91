//! Bulk import and export (issue 8): CSV and NDJSON, all or nothing, dry run, upsert, every
//! bad-input case of the issue, limits, a cut connection, access rules, audit and the round trip.

use std::io::{Read, Write};
use std::time::Duration;

use reqwest::StatusCode;
use serde_json::{Value, json};
use stegvis_tests::*;

const HEADER: &str = "external_id;personal_identity_number;first_name;last_name;gender;unit_id;\
housing_situation;main_substance;income_source;protected_identity;care_of";

/// A semicolon CSV (with BOM and CRLF, as Swedish Excel saves it) of `n` valid participants.
/// (None has a protected identity: a caseworker who is not assigned would not see it again.)
fn csv_rows(unit: &str, n: u16, prefix: &str) -> String {
    let mut csv = format!("\u{feff}{HEADER}\r\n");
    for i in 0..n {
        let pnr = pin("19850312", 100 + i);
        csv.push_str(&format!(
            "{prefix}-{i};{pnr};Importerad;\"Testsson; {i}\";man;{unit};shelter;alcohol;\
             financial_assistance;nej;\"Härbärget \"\"Stigen\"\"\"\r\n"
        ));
    }
    csv
}

async fn upload(
    app: &TestApp,
    token: &str,
    path: &str,
    content_type: &str,
    body: impl Into<Vec<u8>>,
) -> reqwest::Response {
    app.client
        .post(app.url(path))
        .bearer_auth(token)
        .header("content-type", content_type)
        .body(body.into())
        .send()
        .await
        .unwrap()
}

/// `(line, field)` of every reported error.
fn lines_and_fields(problem: &Value) -> Vec<(u64, Option<String>)> {
    problem["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["line"].as_u64().unwrap(),
                e["field"].as_str().map(str::to_owned),
            )
        })
        .collect()
}

async fn invalid(
    app: &TestApp,
    token: &str,
    content_type: &str,
    body: impl Into<Vec<u8>>,
) -> Value {
    let res = upload(
        app,
        token,
        "/api/v1/imports/participants",
        content_type,
        body,
    )
    .await;
    let problem = assert_problem(res, 422).await;
    assert!(problem["import_id"].is_string(), "{problem}");
    assert_eq!(app.participant_count(), 0, "nothing written");
    problem
}

/// Audit entries about participants with `action`, counted in the database.
fn audit_count(app: &TestApp, action: &str) -> i64 {
    count_rows(
        &app.db,
        &format!("audit_log WHERE action = '{action}' AND resource_type = 'participant'"),
    )
}

both_backends! {
    async fn csv_import_creates_every_row_and_audits_each(app: TestApp) {
        let unit = app.create_unit("Vuxenenheten").await;
        let worker = app.login_as("caseworker", &[&unit]).await;
        let mut csv = csv_rows(&unit, 3, "LC");
        csv.push_str(&format!("LC-P;;Skyddad;Person;woman;{unit};shelter;alcohol;salary;Ja;\r\n"));
        let res = upload(&app, &worker.token, "/api/v1/imports/participants", "text/csv", csv).await;
        assert_eq!(res.status(), StatusCode::CREATED);
        let location = res.headers().get("location").unwrap().to_str().unwrap().to_owned();
        let job: Value = res.json().await.unwrap();
        assert_eq!(job["status"], "succeeded");
        assert_eq!(job["rows_processed"], 4);
        assert_eq!(job["created"], 4);
        assert_eq!(job["error_count"], 0);
        assert_eq!(job["format"], "csv");
        assert_eq!(location, format!("/api/v1/imports/{}", job["id"].as_str().unwrap()));
        assert_eq!(app.participant_count(), 4);
        assert_eq!(count_rows(&app.db, "participants WHERE protected_identity = TRUE AND external_id = 'LC-P'"), 1, "\"Ja\" is true");

        // Quoted fields (a separator and doubled quotes inside), the BOM stripped.
        let list: Value = app.get("/api/v1/participants?q=importerad&sort=last_name", &worker.token).await.json().await.unwrap();
        let first = &list["items"][0];
        assert_eq!(first["last_name"], "Testsson; 0");
        assert_eq!(first["care_of"], "Härbärget \"Stigen\"");
        assert_eq!(first["protected_identity"], false);
        assert_eq!(first["external_id"], "LC-0");
        assert_eq!(first["personal_identity_number"], pin("19850312", 100));

        // Every row audited as a create by the importing account.
        let audit = app.audit_of(first["id"].as_str().unwrap()).await;
        assert!(audit.iter().any(|e| e["action"] == "create" && e["actor_id"] == worker.staff_id.as_str()), "{audit:?}");
        assert_eq!(audit_count(&app, "create"), 4);

        // The job can be read later, and is listed (newest first).
        let later: Value = app.get(&location, &worker.token).await.json().await.unwrap();
        assert_eq!(later, job);
        let jobs: Value = app.get("/api/v1/imports?status=succeeded", &worker.token).await.json().await.unwrap();
        assert_eq!(jobs["total"], 1);
        assert_eq!(jobs["items"][0]["id"], job["id"]);
        let running: Value = app.get("/api/v1/imports?status=running", &worker.token).await.json().await.unwrap();
        assert_eq!(running["total"], 0);
        // Someone else's job is not found.
        let other = app.login_as("caseworker", &[&unit]).await;
        assert_problem(app.get(&location, &other.token).await, 404).await;
    }

    async fn ndjson_and_comma_separated_csv_are_accepted(app: TestApp) {
        let unit = app.create_unit("Vuxenenheten").await;
        let worker = app.login_as("caseworker", &[&unit]).await;
        let ndjson = format!(
            "{}\n\n{}\n",
            json!({"first_name": "Nd", "last_name": "Json", "gender": "woman", "unit_id": unit,
                   "housing_situation": "shelter", "main_substance": "alcohol",
                   "income_source": "salary", "protected_identity": false}),
            json!({"first_name": "Nd", "last_name": "Json Två", "gender": "man", "unit_id": unit,
                   "housing_situation": "shelter", "main_substance": "none", "income_source": "salary"}),
        );
        let res = upload(&app, &worker.token, "/api/v1/imports/participants", "application/x-ndjson", ndjson).await;
        assert_eq!(res.status(), StatusCode::CREATED);
        let job: Value = res.json().await.unwrap();
        assert_eq!((job["created"].as_i64(), job["format"].as_str()), (Some(2), Some("ndjson")));

        let csv = format!(
            "first_name,last_name,gender,unit_id,housing_situation,main_substance,income_source\n\
             Komma,\"Avskild, Fil\",woman,{unit},shelter,alcohol,salary\n"
        );
        // ?format= overrides a generic content type.
        let res = upload(&app, &worker.token, "/api/v1/imports/participants?format=csv", "application/octet-stream", csv).await;
        assert_eq!(res.status(), StatusCode::CREATED);
        assert_eq!(app.participant_count(), 3);

        // Neither CSV nor NDJSON: 415, nothing written.
        let res = upload(&app, &worker.token, "/api/v1/imports/participants", "application/octet-stream", "x").await;
        assert_problem(res, 415).await;
        assert_eq!(app.participant_count(), 3);
    }

    async fn dry_run_validates_and_writes_nothing(app: TestApp) {
        let unit = app.create_unit("Vuxenenheten").await;
        let worker = app.login_as("caseworker", &[&unit]).await;
        let audit_before = count_rows(&app.db, "audit_log");
        let res = upload(&app, &worker.token, "/api/v1/imports/participants?dry_run=true", "text/csv", csv_rows(&unit, 5, "DRY")).await;
        assert_eq!(res.status(), StatusCode::OK);
        let job: Value = res.json().await.unwrap();
        assert_eq!(job["status"], "validated");
        assert_eq!(job["dry_run"], true);
        assert_eq!(job["created"], 5);
        assert_eq!(app.participant_count(), 0);
        assert_eq!(count_rows(&app.db, "audit_log"), audit_before, "no audit entries for rows not written");

        // A dry run of a bad file reports like the real thing, and also writes nothing.
        let mut csv = csv_rows(&unit, 2, "DRY");
        csv.push_str(&format!("DRY-9;19850312-0000;A;B;man;{unit};shelter;alcohol;salary;nej;\r\n"));
        let res = upload(&app, &worker.token, "/api/v1/imports/participants?dry_run=true", "text/csv", csv).await;
        let problem = assert_problem(res, 422).await;
        assert_eq!(lines_and_fields(&problem), vec![(4, Some("personal_identity_number".to_owned()))]);
        assert_eq!(app.participant_count(), 0);
    }

    async fn upsert_twice_changes_nothing_the_second_time(app: TestApp) {
        let unit = app.create_unit("Vuxenenheten").await;
        let worker = app.login_as("caseworker", &[&unit]).await;
        let csv = csv_rows(&unit, 4, "UP");
        let res = upload(&app, &worker.token, "/api/v1/imports/participants?mode=upsert", "text/csv", csv.clone()).await;
        assert_eq!(res.status(), StatusCode::CREATED);
        let audit_after_first = count_rows(&app.db, "audit_log");

        let res = upload(&app, &worker.token, "/api/v1/imports/participants?mode=upsert", "text/csv", csv.clone()).await;
        assert_eq!(res.status(), StatusCode::OK);
        let job: Value = res.json().await.unwrap();
        assert_eq!((job["created"].as_i64(), job["updated"].as_i64(), job["unchanged"].as_i64()), (Some(0), Some(0), Some(4)));
        assert_eq!(app.participant_count(), 4);
        assert_eq!(count_rows(&app.db, "participants WHERE version = 1"), 4, "versions unchanged");
        assert_eq!(count_rows(&app.db, "audit_log"), audit_after_first, "nothing changed, nothing audited");

        // One changed row is updated (version 2), the rest stay.
        let changed = csv.replace("Importerad;\"Testsson; 2\"", "Ändrad;\"Testsson; 2\"");
        let res = upload(&app, &worker.token, "/api/v1/imports/participants?mode=upsert", "text/csv", changed).await;
        assert_eq!(res.status(), StatusCode::CREATED);
        let job: Value = res.json().await.unwrap();
        assert_eq!((job["updated"].as_i64(), job["unchanged"].as_i64()), (Some(1), Some(3)));
        assert_eq!(count_rows(&app.db, "participants WHERE version = 2 AND first_name = 'Ändrad'"), 1);
        assert_eq!(audit_count(&app, "update"), 1);

        // The default mode refuses existing external ids, naming every line.
        let problem = invalid_keeping(&app, &worker.token, csv).await;
        assert_eq!(problem["error_count"], 4);
        assert!(lines_and_fields(&problem).iter().all(|(_, f)| f.as_deref() == Some("external_id")));
    }

    async fn every_invalid_row_is_reported_and_nothing_is_written(app: TestApp) {
        let unit = app.create_unit("Vuxenenheten").await;
        let worker = app.login_as("caseworker", &[&unit]).await;
        let mut csv = csv_rows(&unit, 3, "E");
        // Line 5: invalid personnummer; line 6: unknown gender and no last name; line 7: same
        // external id as line 2.
        csv.push_str(&format!("E-10;19850312-1235;A;B;man;{unit};shelter;alcohol;salary;nej;\r\n"));
        csv.push_str(&format!("E-11;;A;;robot;{unit};shelter;alcohol;salary;nej;\r\n"));
        csv.push_str(&format!("E-0;;A;B;man;{unit};shelter;alcohol;salary;nej;\r\n"));
        let problem = invalid(&app, &worker.token, "text/csv", csv).await;
        let found = lines_and_fields(&problem);
        assert!(found.contains(&(5, Some("personal_identity_number".into()))), "{problem}");
        assert!(found.contains(&(6, Some("gender".into()))), "{problem}");
        assert!(found.contains(&(7, Some("external_id".into()))), "{problem}");
        assert_eq!(problem["error_count"].as_u64(), Some(found.len() as u64));
        let message = problem["errors"].as_array().unwrap().iter()
            .find(|e| e["line"] == 7).unwrap()["message"].as_str().unwrap().to_owned();
        assert!(message.contains("line 2"), "{message}");
        // The job keeps the result.
        let job: Value = app.get(&format!("/api/v1/imports/{}", problem["import_id"].as_str().unwrap()), &worker.token)
            .await.json().await.unwrap();
        assert_eq!(job["status"], "failed");
        assert_eq!(job["errors"], problem["errors"]);
        assert_eq!(audit_count(&app, "create"), 0);

        // A reference to something that does not exist (the responsible caseworker).
        let csv = format!("first_name;last_name;gender;unit_id;housing_situation;main_substance;income_source;responsible_caseworker_id\n\
            A;B;man;{unit};shelter;alcohol;salary;{}\n", uuid::Uuid::new_v4());
        let problem = invalid(&app, &worker.token, "text/csv", csv).await;
        assert_eq!(lines_and_fields(&problem), vec![(2, Some("responsible_caseworker_id".into()))]);
    }

    async fn header_and_format_problems_are_precise(app: TestApp) {
        let unit = app.create_unit("Vuxenenheten").await;
        let worker = app.login_as("caseworker", &[&unit]).await;
        let row = format!("Testa;Testsson;woman;{unit};shelter;alcohol;salary");
        let header = "first_name;last_name;gender;unit_id;housing_situation;main_substance;income_source";

        // Missing required column.
        let csv = format!("first_name;gender;unit_id;housing_situation;main_substance;income_source\nTesta;woman;{unit};shelter;alcohol;salary\n");
        let problem = invalid(&app, &worker.token, "text/csv", csv).await;
        assert_eq!(lines_and_fields(&problem), vec![(1, Some("last_name".into()))]);
        assert!(problem["errors"][0]["message"].as_str().unwrap().contains("missing"));

        // Unknown column.
        let csv = format!("{header};favourite_colour\n{row};blå\n");
        let problem = invalid(&app, &worker.token, "text/csv", csv).await;
        assert_eq!(lines_and_fields(&problem), vec![(1, Some("favourite_colour".into()))]);

        // Too many fields in a row.
        let csv = format!("{header}\n{row}\n{row};extra\n");
        let problem = invalid(&app, &worker.token, "text/csv", csv).await;
        assert_eq!(lines_and_fields(&problem), vec![(3, None)]);
        assert!(problem["errors"][0]["message"].as_str().unwrap().contains("8 fields"));

        // Wrong separator: the header is ';'-separated, the rows ','.
        let csv = format!("{header}\n{}\n", row.replace(';', ","));
        let problem = invalid(&app, &worker.token, "text/csv", csv).await;
        assert_eq!(lines_and_fields(&problem), vec![(2, None)]);
        assert!(problem["errors"][0]["message"].as_str().unwrap().contains("separator"));

        // No separator at all (tab-separated).
        let csv = format!("{}\n{}\n", header.replace(';', "\t"), row.replace(';', "\t"));
        let problem = invalid(&app, &worker.token, "text/csv", csv).await;
        assert_eq!(lines_and_fields(&problem), vec![(1, None)]);

        // Invalid UTF-8 (a Latin-1 "ö"), in CSV and in NDJSON.
        let mut bytes = format!("{header}\n").into_bytes();
        bytes.extend_from_slice(b"Bj\xF6rn;Testsson;man;");
        bytes.extend_from_slice(format!("{unit};shelter;alcohol;salary\n").as_bytes());
        let problem = invalid(&app, &worker.token, "text/csv", bytes).await;
        assert_eq!(lines_and_fields(&problem), vec![(2, Some("first_name".into()))]);
        let mut bytes = b"{\"first_name\": \"Bj\xF6rn\"}\n".to_vec();
        bytes.extend_from_slice(b"not json\n");
        let problem = invalid(&app, &worker.token, "application/x-ndjson", bytes).await;
        assert_eq!(lines_and_fields(&problem), vec![(1, None), (2, None)]);

        // An unknown field in NDJSON is named.
        let line = json!({"first_name": "A", "last_name": "B", "gender": "man", "unit_id": unit,
            "housing_situation": "shelter", "main_substance": "alcohol", "income_source": "salary", "shoe_size": 44});
        let problem = invalid(&app, &worker.token, "application/x-ndjson", format!("{line}\n")).await;
        assert_eq!(lines_and_fields(&problem), vec![(1, Some("shoe_size".into()))]);
    }

    async fn access_rules_apply_to_every_row(app: TestApp) {
        let unit = app.create_unit("Vuxenenheten").await;
        let other_unit = app.create_unit("Ungdomsenheten").await;
        let worker = app.login_as("caseworker", &[&unit]).await;
        let mut csv = csv_rows(&unit, 2, "A");
        csv.push_str(&format!("A-9;;A;B;man;{other_unit};shelter;alcohol;salary;nej;\r\n"));
        let problem = invalid(&app, &worker.token, "text/csv", csv).await;
        assert_eq!(lines_and_fields(&problem), vec![(4, Some("unit_id".into()))]);
        assert!(problem["errors"][0]["message"].as_str().unwrap().contains("own units"));

        // A role that may not register participants may not import them at all.
        let reader = app.login_as("read_only", &[&unit]).await;
        let res = upload(&app, &reader.token, "/api/v1/imports/participants", "text/csv", csv_rows(&unit, 1, "R")).await;
        assert_problem(res, 403).await;
        // Nor may an unauthenticated client.
        let res = app.client.post(app.url("/api/v1/imports/participants")).header("content-type", "text/csv")
            .body(csv_rows(&unit, 1, "R")).send().await.unwrap();
        assert_problem(res, 401).await;

        // Upsert cannot reach into another unit's participant by its external id.
        let boss = app.login_as("manager", &[&other_unit]).await;
        let theirs = csv_rows(&other_unit, 1, "THEIRS");
        assert_eq!(upload(&app, &boss.token, "/api/v1/imports/participants", "text/csv", theirs).await.status(), StatusCode::CREATED);
        let mine = format!("{HEADER}\nTHEIRS-0;;A;B;man;{unit};shelter;alcohol;salary;nej;\n");
        let problem = assert_problem(upload(&app, &worker.token, "/api/v1/imports/participants?mode=upsert", "text/csv", mine).await, 422).await;
        assert_eq!(lines_and_fields(&problem)[0].1.as_deref(), Some("external_id"));
        assert_eq!(app.participant_count(), 1);
    }

    async fn a_file_over_the_limit_is_refused_whole(app: TestApp) {
        let backend = app.backend;
        drop(app);
        let app = TestApp::spawn_with(backend, |c| c.max_import_bytes = 2_000).await;
        let unit = app.create_unit("Vuxenenheten").await;
        let worker = app.login_as("caseworker", &[&unit]).await;
        let big = csv_rows(&unit, 40, "BIG");
        assert!(big.len() > 2_000);
        // Declared by Content-Length: refused before reading.
        let res = upload(&app, &worker.token, "/api/v1/imports/participants", "text/csv", big.clone()).await;
        let problem = assert_problem(res, 413).await;
        assert!(problem["detail"].as_str().unwrap().contains("2000"));
        assert_eq!(app.participant_count(), 0);
        // Chunked (no length given): refused when the limit is passed mid-stream, nothing written.
        let response = raw_request(&app, &worker.token, big.as_bytes(), Upload::Chunked);
        assert!(response.starts_with("HTTP/1.1 413"), "{response}");
        assert_eq!(app.participant_count(), 0);
        let jobs: Value = app.get("/api/v1/imports?status=failed", &worker.token).await.json().await.unwrap();
        assert_eq!(jobs["total"], 1, "the streamed attempt is recorded as failed");
    }

    async fn an_import_may_take_longer_than_the_request_time_limit(app: TestApp) {
        // Big files take minutes; other requests keep their short limit.
        let backend = app.backend;
        drop(app);
        let app = TestApp::spawn_with(backend, |c| c.request_timeout_ms = 500).await;
        let unit = app.create_unit("Vuxenenheten").await;
        let worker = app.login_as("caseworker", &[&unit]).await;
        let csv = csv_rows(&unit, 10, "SLOW");
        let chunks = csv.len().div_ceil(500) as u32;
        assert!(chunks >= 3);
        let started = std::time::Instant::now();
        let response = raw_request(&app, &worker.token, csv.as_bytes(), Upload::ChunkedSlowly(Duration::from_millis(400)));
        assert!(started.elapsed() > Duration::from_millis(1_000));
        assert!(response.starts_with("HTTP/1.1 201"), "{response}");
        assert_eq!(app.participant_count(), 10);
    }

    async fn a_connection_cut_mid_upload_rolls_everything_back(app: TestApp) {
        let unit = app.create_unit("Vuxenenheten").await;
        let worker = app.login_as("caseworker", &[&unit]).await;
        // Large enough that the first rows are written before the cut.
        let csv = csv_rows(&unit, 800, "CUT");
        raw_request(&app, &worker.token, csv.as_bytes(), Upload::HalfThenClose);
        let mut job = Value::Null;
        for _ in 0..100 {
            let jobs: Value = app.get("/api/v1/imports", &worker.token).await.json().await.unwrap();
            if jobs["items"][0]["status"] == "failed" {
                job = jobs["items"][0].clone();
                break;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        assert_eq!(job["status"], "failed", "{job}");
        assert!(job["errors"][0]["message"].as_str().unwrap().contains("broke off"), "{job}");
        assert_eq!(app.participant_count(), 0);
        assert_eq!(audit_count(&app, "create"), 0);
        // The server still works, and the whole file imports afterwards.
        let res = upload(&app, &worker.token, "/api/v1/imports/participants", "text/csv", csv).await;
        assert_eq!(res.status(), StatusCode::CREATED);
        assert_eq!(app.participant_count(), 800);
    }

    async fn export_then_import_round_trips(app: TestApp) {
        let unit = app.create_unit("Vuxenenheten").await;
        let worker = app.login_as("caseworker", &[&unit]).await;
        let res = upload(&app, &worker.token, "/api/v1/imports/participants", "text/csv", csv_rows(&unit, 3, "RT")).await;
        assert_eq!(res.status(), StatusCode::CREATED);
        app.create_participant(&worker.token, &participant_body(&unit, json!({
            "external_id": "RT-json", "phone": "070-123 45 67", "postal_code": "11820", "city": "Stockholm"}))).await;

        let res = app.get("/api/v1/exports/participants?format=csv", &worker.token).await;
        assert_eq!(res.status(), StatusCode::OK);
        assert!(res.headers()["content-type"].to_str().unwrap().starts_with("text/csv"));
        let csv = res.bytes().await.unwrap().to_vec();
        assert!(csv.starts_with(b"\xEF\xBB\xBF"), "BOM for Excel");
        let text = String::from_utf8(csv.clone()).unwrap();
        assert!(text.lines().next().unwrap().contains(";first_name;"), "{text}");
        assert!(text.contains("\r\n"));
        assert_eq!(text.matches("\r\n").count(), 5, "header and four rows");
        assert_eq!(audit_count(&app, "export"), 4, "every exported participant audited");

        let res = upload(&app, &worker.token, "/api/v1/imports/participants?mode=upsert", "text/csv", csv).await;
        assert_eq!(res.status(), StatusCode::OK, "an unchanged export changes nothing");
        let job: Value = res.json().await.unwrap();
        assert_eq!((job["unchanged"].as_i64(), job["created"].as_i64()), (Some(4), Some(0)), "{job}");

        let ndjson = app.get("/api/v1/exports/participants?format=ndjson", &worker.token).await.text().await.unwrap();
        assert_eq!(ndjson.lines().count(), 4);
        let res = upload(&app, &worker.token, "/api/v1/imports/participants?mode=upsert", "application/x-ndjson", ndjson).await;
        let job: Value = res.json().await.unwrap();
        assert_eq!(job["unchanged"], 4, "{job}");

        // Filters as in the list; another unit's caseworker exports none of them.
        let filtered = app.get("/api/v1/exports/participants?format=ndjson&q=importerad", &worker.token).await.text().await.unwrap();
        assert_eq!(filtered.lines().count(), 3);
        let other_unit = app.create_unit("Ungdomsenheten").await;
        let other = app.login_as("caseworker", &[&other_unit]).await;
        let theirs = app.get("/api/v1/exports/participants?format=ndjson", &other.token).await.text().await.unwrap();
        assert_eq!(theirs, "");
        let res = app.get(&format!("/api/v1/exports/participants?unit_id={unit}"), &other.token).await;
        assert_problem(res, 403).await;

        // Exported into a fresh database, the file imports as new records once the ids are
        // left out (the ids name records of the database it came from).
        let fresh = TestApp::spawn(app.backend).await;
        let fresh_unit = fresh.create_unit("Ny enhet").await;
        let fresh_unit_csv = text.replace(&unit, &fresh_unit);
        let fresh_worker = fresh.login_as("caseworker", &[&fresh_unit]).await;
        let problem = assert_problem(upload(&fresh, &fresh_worker.token, "/api/v1/imports/participants", "text/csv", fresh_unit_csv.clone()).await, 422).await;
        assert_eq!(error_fields(&problem), vec!["id"; 4], "{problem}");
        assert_eq!(fresh.participant_count(), 0);
        let without_ids = fresh_unit_csv
            .split("\r\n")
            .map(|line| line.split_once(';').map_or(line, |(_, rest)| rest))
            .collect::<Vec<_>>()
            .join("\r\n");
        let res = upload(&fresh, &fresh_worker.token, "/api/v1/imports/participants", "text/csv", without_ids).await;
        assert_eq!(res.status(), StatusCode::CREATED, "{}", res.text().await.unwrap());
        assert_eq!(fresh.participant_count(), 4);
    }

    async fn register_extract_for_managers_and_admins(app: TestApp) {
        let unit = app.create_unit("Vuxenenheten").await;
        let worker = app.login_as("caseworker", &[&unit]).await;
        let boss = app.login_as("manager", &[&unit]).await;
        let created = app.create_participant(&worker.token, &participant_body(&unit, json!({"first_name": "Åsa"}))).await;
        let id = created["id"].as_str().unwrap();
        let res = app.post(&format!("/api/v1/participants/{id}/relapses"), &worker.token,
            &json!({"occurred_on": "2026-01-10", "substance": "alcohol"})).await;
        let relapse_recorded = res.status() == StatusCode::CREATED;

        // A read: the extract lists its audit entry too.
        assert_eq!(app.get(&format!("/api/v1/participants/{id}"), &worker.token).await.status(), StatusCode::OK);

        let path = format!("/api/v1/participants/{id}/register-extract");
        let res = app.get(&path, &boss.token).await;
        assert_eq!(res.status(), StatusCode::OK);
        let extract: Value = res.json().await.unwrap();
        assert_eq!(extract["participant"]["first_name"], "Åsa");
        assert_eq!(extract["participant_id"], id);
        let audit = extract["audit"].as_array().unwrap();
        assert!(audit.iter().any(|e| e["action"] == "create" && e["actor_id"] == worker.staff_id.as_str()
            && e["actor"] == "Test caseworker"), "{audit:?}");
        assert!(audit.iter().any(|e| e["resource_type"] == "register_extract"), "the extract itself is audited");
        assert!(audit.iter().any(|e| e["action"] == "read" && e["resource_type"] == "participant"
            && e["actor_id"] == worker.staff_id.as_str()), "the read is in the extract: {audit:?}");
        if relapse_recorded {
            assert!(extract["records"].as_array().unwrap().iter().any(|r| r["kind"] == "relapses"), "{extract}");
        }

        let html = app.get(&format!("{path}?format=html"), &boss.token).await;
        assert!(html.headers()["content-type"].to_str().unwrap().starts_with("text/html"));
        let html = html.text().await.unwrap();
        assert!(html.contains("Registerutdrag") && html.contains("Åsa") && html.contains("Test caseworker"));

        let admin = app.admin().await;
        assert_eq!(app.get(&path, &admin.token).await.status(), StatusCode::OK);
        assert_problem(app.get(&path, &worker.token).await, 403).await;
        let other_boss = app.login_as("manager", &[&app.create_unit("Annan").await]).await;
        assert_problem(app.get(&path, &other_boss.token).await, 403).await;
        let denied = app.audit_of(id).await.iter()
            .filter(|e| e["resource_type"] == "register_extract" && e["outcome"] == "denied").count();
        assert_eq!(denied, 2);
    }
}

/// Like [`invalid`], for when earlier imports already wrote rows.
async fn invalid_keeping(app: &TestApp, token: &str, body: String) -> Value {
    let before = app.participant_count();
    let res = upload(app, token, "/api/v1/imports/participants", "text/csv", body).await;
    let problem = assert_problem(res, 422).await;
    assert_eq!(app.participant_count(), before);
    problem
}

enum Upload {
    /// `Transfer-Encoding: chunked`, the whole body.
    Chunked,
    /// Chunked, with a pause after every chunk of 500 bytes.
    ChunkedSlowly(Duration),
    /// Announces the whole length, sends half, then closes the connection.
    HalfThenClose,
}

/// A hand-made HTTP request over a raw TCP stream, for what an HTTP client will not do.
fn raw_request(app: &TestApp, token: &str, body: &[u8], how: Upload) -> String {
    let address = app
        .address
        .trim_start_matches("http://")
        .trim_end_matches('/');
    let mut stream = std::net::TcpStream::connect(address).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    let head = |extra: &str| {
        format!(
            "POST /api/v1/imports/participants HTTP/1.1\r\nHost: {}\r\nAuthorization: Bearer {token}\r\n\
             Content-Type: text/csv\r\n{extra}\r\n",
            address
        )
    };
    match how {
        Upload::Chunked | Upload::ChunkedSlowly(_) => {
            let pause = match how {
                Upload::ChunkedSlowly(pause) => pause,
                _ => Duration::ZERO,
            };
            stream
                .write_all(head("Transfer-Encoding: chunked\r\n").as_bytes())
                .unwrap();
            for chunk in body.chunks(500) {
                std::thread::sleep(pause);
                // The server may answer 413 and stop reading before the end.
                if stream
                    .write_all(format!("{:x}\r\n", chunk.len()).as_bytes())
                    .is_err()
                    || stream.write_all(chunk).is_err()
                    || stream.write_all(b"\r\n").is_err()
                {
                    break;
                }
            }
            let _ = stream.write_all(b"0\r\n\r\n");
            let mut response = Vec::new();
            let mut buf = [0u8; 4096];
            while let Ok(n) = stream.read(&mut buf) {
                if n == 0 {
                    break;
                }
                response.extend_from_slice(&buf[..n]);
                if response.windows(4).any(|w| w == b"\r\n\r\n") {
                    break;
                }
            }
            String::from_utf8_lossy(&response).into_owned()
        }
        Upload::HalfThenClose => {
            stream
                .write_all(head(&format!("Content-Length: {}\r\n", body.len())).as_bytes())
                .unwrap();
            stream.write_all(&body[..body.len() / 2]).unwrap();
            stream.flush().unwrap();
            std::thread::sleep(Duration::from_millis(300));
            stream.shutdown(std::net::Shutdown::Both).unwrap();
            String::new()
        }
    }
}
