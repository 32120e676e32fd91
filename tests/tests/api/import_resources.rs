//! Bulk import and export (issue 8) of the resources besides participants, through the generic
//! importer: a good file, a dry run, bad rows, upsert twice, the export → import round trip and
//! the roles that may not import. One section per resource.

use reqwest::StatusCode;
use serde_json::Value;
use stegvis_tests::*;

pub async fn upload(
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

/// `(created, updated, unchanged)` of an import job.
pub fn counts(job: &Value) -> (i64, i64, i64) {
    (
        job["created"].as_i64().unwrap(),
        job["updated"].as_i64().unwrap(),
        job["unchanged"].as_i64().unwrap(),
    )
}

/// Audit entries with `action` about `resource_type`, by `actor`.
fn audited(app: &TestApp, resource_type: &str, action: &str, actor: &str) -> i64 {
    count_rows(
        &app.db,
        &format!(
            "audit_log WHERE resource_type = '{resource_type}' AND action = '{action}' AND actor_id = '{actor}'"
        ),
    )
}

// ---------------------------------------------------------------------------------------------
// Employers

/// A fictional organisation number with a valid Luhn check digit, from nine digits.
fn org(nine: &str) -> String {
    let sum: u32 = nine
        .bytes()
        .enumerate()
        .map(|(i, b)| {
            let d = u32::from(b - b'0') * if i % 2 == 0 { 2 } else { 1 };
            d / 10 + d % 10
        })
        .sum();
    format!("{}-{}{}", &nine[..6], &nine[6..], (10 - sum % 10) % 10)
}

const EMPLOYER_HEADER: &str =
    "external_id;name;organisation_number;sector;contact_person;work_kinds;notes";

/// A semicolon CSV of `n` valid employers.
fn employers_csv(n: u16, prefix: &str) -> String {
    let mut csv = format!("\u{feff}{EMPLOYER_HEADER}\r\n");
    for i in 0..n {
        let number = org(&format!("55667{i:04}"));
        csv.push_str(&format!(
            "{prefix}-{i};\"Fiktiva Lager; nr {i} AB\";{number};private;Kim Exempel;lager, kök;\"Tar \"\"gärna\"\" emot\"\r\n"
        ));
    }
    csv
}

const EMPLOYERS: &str = "/api/v1/imports/employers";

both_backends! {
    async fn employers_import_dry_run_then_for_real_audited(app: TestApp) {
        let unit = app.create_unit("Arbetsmarknad").await;
        let consultant = app.login_as("work_consultant", &[&unit]).await;
        let audit_before = count_rows(&app.db, "audit_log");

        let res = upload(&app, &consultant.token, &format!("{EMPLOYERS}?dry_run=true"), "text/csv", employers_csv(3, "AF")).await;
        assert_eq!(res.status(), StatusCode::OK);
        let job: Value = res.json().await.unwrap();
        assert_eq!((job["status"].as_str(), job["dry_run"].as_bool()), (Some("validated"), Some(true)));
        assert_eq!(counts(&job), (3, 0, 0));
        assert_eq!(count_rows(&app.db, "employers"), 0, "a dry run writes nothing");
        assert_eq!(count_rows(&app.db, "audit_log"), audit_before, "nor audits anything");

        let res = upload(&app, &consultant.token, EMPLOYERS, "text/csv", employers_csv(3, "AF")).await;
        assert_eq!(res.status(), StatusCode::CREATED);
        let job: Value = res.json().await.unwrap();
        assert_eq!((job["status"].as_str(), job["resource"].as_str()), (Some("succeeded"), Some("employers")));
        assert_eq!(counts(&job), (3, 0, 0));
        assert_eq!(count_rows(&app.db, "employers"), 3);
        assert_eq!(audited(&app, "employer", "create", &consultant.staff_id), 3, "every row audited as a change by the importer");

        // Stored exactly as the JSON endpoint would store it.
        let list: Value = app.get("/api/v1/employers?q=nr%201", &consultant.token).await.json().await.unwrap();
        let e = &list["items"][0];
        assert_eq!(e["name"], "Fiktiva Lager; nr 1 AB");
        assert_eq!(e["organisation_number"], org("556670001"));
        assert_eq!(e["work_kinds"], serde_json::json!(["lager", "kök"]));
        assert_eq!(e["notes"], "Tar \"gärna\" emot");
        assert_eq!(e["external_id"], "AF-1");

        // Insert mode refuses external ids that exist; nothing more is written.
        let res = upload(&app, &consultant.token, EMPLOYERS, "text/csv", employers_csv(3, "AF")).await;
        let problem = assert_problem(res, 422).await;
        assert_eq!(lines_and_fields(&problem), vec![(2, Some("external_id".into())), (3, Some("external_id".into())), (4, Some("external_id".into()))]);
        assert_eq!(count_rows(&app.db, "employers"), 3);
    }

    async fn employers_every_bad_row_reported_nothing_written(app: TestApp) {
        let unit = app.create_unit("Arbetsmarknad").await;
        let consultant = app.login_as("work_consultant", &[&unit]).await;
        // An employer already registered with the organisation number of line 5.
        let taken = org("556671234");
        let res = app.post("/api/v1/employers", &consultant.token, &serde_json::json!({"name": "Redan AB", "sector": "public", "organisation_number": taken})).await;
        assert_eq!(res.status(), StatusCode::CREATED);

        let mut csv = employers_csv(2, "BAD");
        csv.push_str("BAD-x;Ogiltig AB;556677-8890;private;;;\r\n"); // line 4: Luhn fails
        csv.push_str(&format!("BAD-y;Dubbel AB;{taken};private;;;\r\n")); // line 5: taken
        csv.push_str("BAD-z;Hemlig AB;;secret_society;;;\r\n"); // line 6: no such sector
        csv.push_str("BAD-0;Kopia AB;;private;;;\r\n"); // line 7: external_id of line 2
        let res = upload(&app, &consultant.token, EMPLOYERS, "text/csv", csv.clone()).await;
        let problem = assert_problem(res, 422).await;
        assert!(problem["import_id"].is_string());
        let found = lines_and_fields(&problem);
        assert_eq!(found, vec![
            (4, Some("organisation_number".into())),
            (5, Some("organisation_number".into())),
            (6, Some("sector".into())),
            (7, Some("external_id".into())),
        ], "{problem}");
        assert_eq!(count_rows(&app.db, "employers"), 1, "nothing written");
        assert_eq!(count_rows(&app.db, "audit_log WHERE resource_type = 'employer' AND action = 'create'"), 0);

        // The same in a dry run: the same report.
        let res = upload(&app, &consultant.token, &format!("{EMPLOYERS}?dry_run=true"), "text/csv", csv).await;
        let dry = assert_problem(res, 422).await;
        assert_eq!(lines_and_fields(&dry), found);
        assert_eq!(count_rows(&app.db, "employers"), 1);
    }

    async fn employers_upsert_twice_changes_nothing_the_second_time(app: TestApp) {
        let unit = app.create_unit("Arbetsmarknad").await;
        let consultant = app.login_as("work_consultant", &[&unit]).await;
        let path = format!("{EMPLOYERS}?mode=upsert");
        let res = upload(&app, &consultant.token, &path, "text/csv", employers_csv(4, "UP")).await;
        assert_eq!(res.status(), StatusCode::CREATED);
        let audit_after_first = count_rows(&app.db, "audit_log");

        let res = upload(&app, &consultant.token, &path, "text/csv", employers_csv(4, "UP")).await;
        assert_eq!(res.status(), StatusCode::OK);
        let job: Value = res.json().await.unwrap();
        assert_eq!(counts(&job), (0, 0, 4));
        assert_eq!(count_rows(&app.db, "employers WHERE version = 1"), 4, "versions unchanged");
        assert_eq!(count_rows(&app.db, "audit_log"), audit_after_first, "nothing audited: nothing changed");

        // One changed row is updated (and audited), the rest left alone.
        let changed = employers_csv(4, "UP").replace("nr 2 AB", "nr 2 AB (nytt namn)");
        let res = upload(&app, &consultant.token, &path, "text/csv", changed).await;
        assert_eq!(res.status(), StatusCode::CREATED);
        let job: Value = res.json().await.unwrap();
        assert_eq!(counts(&job), (0, 1, 3));
        assert_eq!(count_rows(&app.db, "employers WHERE version = 2 AND external_id = 'UP-2'"), 1);
        assert_eq!(audited(&app, "employer", "update", &consultant.staff_id), 1);
    }

    async fn employers_export_then_import_round_trips(app: TestApp) {
        let unit = app.create_unit("Arbetsmarknad").await;
        let consultant = app.login_as("work_consultant", &[&unit]).await;
        let res = upload(&app, &consultant.token, EMPLOYERS, "text/csv", employers_csv(3, "RT")).await;
        assert_eq!(res.status(), StatusCode::CREATED);
        // Kinds of work with a comma inside survive the trip.
        let res = app.post("/api/v1/employers", &consultant.token, &serde_json::json!({
            "name": "Komma AB", "sector": "non_profit", "work_kinds": ["park, trädgård", "kök"], "external_id": "RT-k"})).await;
        assert_eq!(res.status(), StatusCode::CREATED);

        let res = app.get("/api/v1/exports/employers?format=csv", &consultant.token).await;
        assert_eq!(res.status(), StatusCode::OK);
        assert!(res.headers()["content-disposition"].to_str().unwrap().contains("employers.csv"));
        let csv = res.text().await.unwrap();
        assert!(csv.starts_with('\u{feff}'));
        assert_eq!(csv.lines().count(), 5, "{csv}");
        let res = upload(&app, &consultant.token, &format!("{EMPLOYERS}?mode=upsert"), "text/csv", csv).await;
        assert_eq!(res.status(), StatusCode::OK, "an unchanged export changes nothing");
        let job: Value = res.json().await.unwrap();
        assert_eq!(counts(&job), (0, 0, 4), "{job}");

        let ndjson = app.get("/api/v1/exports/employers?format=ndjson", &consultant.token).await.text().await.unwrap();
        assert_eq!(ndjson.lines().count(), 4);
        let res = upload(&app, &consultant.token, &format!("{EMPLOYERS}?mode=upsert"), "application/x-ndjson", ndjson).await;
        assert_eq!(res.status(), StatusCode::OK);
        let job: Value = res.json().await.unwrap();
        assert_eq!(counts(&job), (0, 0, 4), "{job}");
        assert_eq!(count_rows(&app.db, "employers WHERE version = 1"), 4);

        // Participant filters do not apply to employers.
        assert_problem(app.get("/api/v1/exports/employers?status=active", &consultant.token).await, 422).await;
    }

    async fn employers_import_is_for_those_who_keep_the_register(app: TestApp) {
        let unit = app.create_unit("Arbetsmarknad").await;
        for role in ["caseworker", "housing_support", "read_only", "admin"] {
            let who = app.login_as(role, &[&unit]).await;
            let res = upload(&app, &who.token, EMPLOYERS, "text/csv", employers_csv(1, role)).await;
            assert_problem(res, 403).await;
        }
        let manager = app.login_as("manager", &[&unit]).await;
        let res = upload(&app, &manager.token, EMPLOYERS, "text/csv", employers_csv(1, "M")).await;
        assert_eq!(res.status(), StatusCode::CREATED);
        assert_eq!(count_rows(&app.db, "employers"), 1);
        // Everyone who reads the register may export it; admins read no case data.
        let worker = app.login_as("caseworker", &[&unit]).await;
        assert_eq!(app.get("/api/v1/exports/employers", &worker.token).await.status(), StatusCode::OK);
    }
}

// ---------------------------------------------------------------------------------------------
// Apartments

const APARTMENTS: &str = "/api/v1/imports/apartments";

/// A semicolon CSV of `n` valid apartments in `unit` (on `site` when given).
fn apartments_csv(unit: &str, site: Option<&str>, n: u16, prefix: &str) -> String {
    let mut csv = String::from(
        "\u{feff}external_id;unit_id;site_id;address;district;kind;rooms;size_sqm;monthly_rent;landlord\r\n",
    );
    for i in 0..n {
        csv.push_str(&format!(
            "{prefix}-{i};{unit};{};\"Exempelgatan {i}; lgh 1102\";Södermalm;training_apartment;1;28,5;{};Fiktiva Bostäder AB\r\n",
            site.unwrap_or(""),
            4200 + i
        ));
    }
    csv
}

both_backends! {
    async fn apartments_import_dry_run_then_for_real_audited(app: TestApp) {
        let unit = app.create_unit("Boendeenheten").await;
        let coordinator = app.login_as("housing_coordinator", &[&unit]).await;
        let res = app.post("/api/v1/housing-sites", &coordinator.token, &serde_json::json!({"unit_id": unit, "name": "Gläntan"})).await;
        assert_eq!(res.status(), StatusCode::CREATED);
        let site: Value = res.json().await.unwrap();
        let site = site["id"].as_str().unwrap().to_owned();
        let audit_before = count_rows(&app.db, "audit_log");

        let res = upload(&app, &coordinator.token, &format!("{APARTMENTS}?dry_run=true"), "text/csv", apartments_csv(&unit, Some(&site), 3, "LGH")).await;
        assert_eq!(res.status(), StatusCode::OK);
        let job: Value = res.json().await.unwrap();
        assert_eq!(job["status"], "validated");
        assert_eq!(counts(&job), (3, 0, 0));
        assert_eq!(count_rows(&app.db, "apartments"), 0, "a dry run writes nothing");
        assert_eq!(count_rows(&app.db, "audit_log"), audit_before);

        let res = upload(&app, &coordinator.token, APARTMENTS, "text/csv", apartments_csv(&unit, Some(&site), 3, "LGH")).await;
        assert_eq!(res.status(), StatusCode::CREATED);
        let job: Value = res.json().await.unwrap();
        assert_eq!(counts(&job), (3, 0, 0));
        assert_eq!(count_rows(&app.db, "apartments"), 3);
        assert_eq!(audited(&app, "apartment", "create", &coordinator.staff_id), 3);

        let list: Value = app.get(&format!("/api/v1/apartments?unit_id={unit}"), &coordinator.token).await.json().await.unwrap();
        let a = list["items"].as_array().unwrap().iter().find(|a| a["external_id"] == "LGH-1").unwrap().clone();
        assert_eq!(a["address"], "Exempelgatan 1; lgh 1102");
        assert_eq!(a["size_sqm"], 28.5, "decimal comma");
        assert_eq!(a["monthly_rent"], 4201);
        assert_eq!(a["site_id"], site.as_str());
        assert_eq!(a["status"], "available", "the create default");
    }

    async fn apartments_every_bad_row_reported_nothing_written(app: TestApp) {
        let unit = app.create_unit("Boendeenheten").await;
        let other_unit = app.create_unit("Annan enhet").await;
        let coordinator = app.login_as("housing_coordinator", &[&unit]).await;
        let mut csv = apartments_csv(&unit, None, 2, "BAD");
        csv.push_str(&format!("BAD-r;{unit};;Gatan 3;;training_apartment;25;;;\r\n")); // line 4: rooms
        csv.push_str(&format!("BAD-s;{unit};;Gatan 4;;training_apartment;1;stor;;\r\n")); // line 5: size
        csv.push_str(&format!("BAD-u;{other_unit};;Gatan 5;;training_apartment;1;;;\r\n")); // line 6: not my unit
        csv.push_str(&format!("BAD-t;{unit};{};Gatan 6;;training_apartment;1;;;\r\n", uuid::Uuid::new_v4())); // line 7: no such site
        csv.push_str(&format!("BAD-k;{unit};;;;palace;1;;;\r\n")); // line 8: no address, no such kind
        let res = upload(&app, &coordinator.token, APARTMENTS, "text/csv", csv).await;
        let problem = assert_problem(res, 422).await;
        let mut found = lines_and_fields(&problem);
        found.sort();
        assert_eq!(found, vec![
            (4, Some("rooms".into())),
            (5, Some("size_sqm".into())),
            (6, Some("unit_id".into())),
            (7, Some("site_id".into())),
            (8, Some("kind".into())),
        ], "{problem}");
        assert_eq!(count_rows(&app.db, "apartments"), 0, "nothing written");

        // Occupied follows tenancies: not importable.
        let csv = format!("unit_id;address;kind;status\n{unit};Gatan 7;trial_apartment;occupied\n");
        let problem = assert_problem(upload(&app, &coordinator.token, APARTMENTS, "text/csv", csv).await, 422).await;
        assert_eq!(lines_and_fields(&problem), vec![(2, Some("status".into()))]);
    }

    async fn apartments_upsert_twice_changes_nothing_and_round_trips(app: TestApp) {
        let unit = app.create_unit("Boendeenheten").await;
        let coordinator = app.login_as("housing_coordinator", &[&unit]).await;
        let path = format!("{APARTMENTS}?mode=upsert");
        let res = upload(&app, &coordinator.token, &path, "text/csv", apartments_csv(&unit, None, 3, "UP")).await;
        assert_eq!(res.status(), StatusCode::CREATED);
        let audit_after_first = count_rows(&app.db, "audit_log");
        let res = upload(&app, &coordinator.token, &path, "text/csv", apartments_csv(&unit, None, 3, "UP")).await;
        assert_eq!(res.status(), StatusCode::OK);
        let job: Value = res.json().await.unwrap();
        assert_eq!(counts(&job), (0, 0, 3));
        assert_eq!(count_rows(&app.db, "apartments WHERE version = 1"), 3);
        assert_eq!(count_rows(&app.db, "audit_log"), audit_after_first);

        let changed = apartments_csv(&unit, None, 3, "UP").replace(";4201;", ";4900;");
        let job: Value = upload(&app, &coordinator.token, &path, "text/csv", changed).await.json().await.unwrap();
        assert_eq!(counts(&job), (0, 1, 2));
        assert_eq!(audited(&app, "apartment", "update", &coordinator.staff_id), 1);

        // Export → import: nothing changes, in CSV and NDJSON.
        let csv = app.get("/api/v1/exports/apartments", &coordinator.token).await.text().await.unwrap();
        assert_eq!(csv.lines().count(), 4, "{csv}");
        assert!(csv.contains("28,5"), "decimal comma: {csv}");
        let job: Value = upload(&app, &coordinator.token, &path, "text/csv", csv).await.json().await.unwrap();
        assert_eq!(counts(&job), (0, 0, 3), "{job}");
        let ndjson = app.get("/api/v1/exports/apartments?format=ndjson", &coordinator.token).await.text().await.unwrap();
        let job: Value = upload(&app, &coordinator.token, &path, "application/x-ndjson", ndjson).await.json().await.unwrap();
        assert_eq!(counts(&job), (0, 0, 3), "{job}");

        // Another unit's staff export none of them.
        let other_unit = app.create_unit("Annan enhet").await;
        let outsider = app.login_as("housing_coordinator", &[&other_unit]).await;
        let theirs = app.get("/api/v1/exports/apartments?format=ndjson", &outsider.token).await.text().await.unwrap();
        assert_eq!(theirs, "");
        // And may not upsert them (the unit is not theirs).
        let res = upload(&app, &outsider.token, &path, "text/csv", apartments_csv(&unit, None, 1, "UP")).await;
        let problem = assert_problem(res, 422).await;
        assert_eq!(lines_and_fields(&problem), vec![(2, Some("unit_id".into()))]);
    }

    async fn apartments_import_is_for_housing_coordinators_and_managers(app: TestApp) {
        let unit = app.create_unit("Boendeenheten").await;
        for role in ["caseworker", "housing_support", "work_consultant", "read_only", "admin"] {
            let who = app.login_as(role, &[&unit]).await;
            let res = upload(&app, &who.token, APARTMENTS, "text/csv", apartments_csv(&unit, None, 1, role)).await;
            assert_problem(res, 403).await;
        }
        assert_eq!(count_rows(&app.db, "apartments"), 0);
        let manager = app.login_as("manager", &[&unit]).await;
        let res = upload(&app, &manager.token, APARTMENTS, "text/csv", apartments_csv(&unit, None, 1, "M")).await;
        assert_eq!(res.status(), StatusCode::CREATED);
    }
}

// ---------------------------------------------------------------------------------------------
// Referrals

const REFERRALS: &str = "/api/v1/imports/referrals";

/// A unit with a caseworker, a programme and two participants with external ids `LC-1`, `LC-2`.
async fn referral_setup(app: &TestApp) -> (crate::casework_support::Casework, Vec<String>) {
    let c = crate::casework_support::casework(app).await;
    let mut ids = Vec::new();
    for (i, ext) in ["LC-1", "LC-2"].iter().enumerate() {
        let body = participant_body(
            &c.unit,
            serde_json::json!({"external_id": ext, "last_name": format!("Remiss {i}")}),
        );
        ids.push(
            app.create_participant(&c.worker.token, &body).await["id"]
                .as_str()
                .unwrap()
                .to_owned(),
        );
    }
    (c, ids)
}

/// Referrals of the two participants: the first named by external id, the second by Stegvis id.
fn referrals_csv(c: &crate::casework_support::Casework, second: &str, prefix: &str) -> String {
    format!(
        "external_id;participant_id;programme_id;referring_unit_id;referred_on;reason;target_group\r\n\
         {prefix}-1;LC-1;{p};{u};2012-01-16;Hemlös, vill arbeta;homeless_with_substance_use\r\n\
         {prefix}-2;{second};{p};{u};2012-01-17;\"Förlorat boendet; bor hos vänner\";lost_lodging\r\n",
        p = c.programme,
        u = c.unit
    )
}

both_backends! {
    async fn referrals_import_by_external_or_stegvis_id_audited(app: TestApp) {
        let (c, people) = referral_setup(&app).await;
        let audit_before = count_rows(&app.db, "audit_log");
        let res = upload(&app, &c.worker.token, &format!("{REFERRALS}?dry_run=true"), "text/csv", referrals_csv(&c, &people[1], "R")).await;
        assert_eq!(res.status(), StatusCode::OK);
        let job: Value = res.json().await.unwrap();
        assert_eq!((job["status"].as_str(), counts(&job)), (Some("validated"), (2, 0, 0)));
        assert_eq!(count_rows(&app.db, "referrals"), 0, "a dry run writes nothing");
        assert_eq!(count_rows(&app.db, "audit_log"), audit_before);

        let res = upload(&app, &c.worker.token, REFERRALS, "text/csv", referrals_csv(&c, &people[1], "R")).await;
        assert_eq!(res.status(), StatusCode::CREATED);
        let job: Value = res.json().await.unwrap();
        assert_eq!(counts(&job), (2, 0, 0));
        assert_eq!(count_rows(&app.db, &format!("referrals WHERE participant_id = '{}' AND external_id = 'R-1' AND status = 'received'", people[0])), 1, "LC-1 resolved");
        assert_eq!(count_rows(&app.db, &format!("referrals WHERE participant_id = '{}' AND external_id = 'R-2'", people[1])), 1);
        assert_eq!(audited(&app, "referral", "create", &c.worker.staff_id), 2);
        assert_eq!(count_rows(&app.db, &format!("audit_log WHERE resource_type = 'referral' AND participant_id = '{}'", people[0])), 1);
        let list: Value = app.get(&format!("/api/v1/referrals?participant_id={}", people[1]), &c.worker.token).await.json().await.unwrap();
        assert_eq!(list["items"][0]["reason"], "Förlorat boendet; bor hos vänner");
        assert_eq!(list["items"][0]["external_id"], "R-2");
    }

    async fn referrals_bad_rows_and_unknown_references_write_nothing(app: TestApp) {
        let (c, people) = referral_setup(&app).await;
        let other_unit = app.create_unit("Annan enhet").await;
        let mut csv = referrals_csv(&c, &people[1], "B");
        let (p, u) = (&c.programme, &c.unit);
        csv.push_str(&format!("B-3;LC-404;{p};{u};2012-01-16;Okänd;lost_lodging\r\n")); // line 4
        csv.push_str(&format!("B-4;LC-1;{};{u};2012-01-16;Inget program;lost_lodging\r\n", uuid::Uuid::new_v4())); // line 5
        csv.push_str(&format!("B-5;LC-1;{p};{other_unit};2012-01-16;Fel enhet;lost_lodging\r\n")); // line 6
        csv.push_str(&format!("B-6;LC-2;{p};{u};2099-01-01;Framtiden;lost_lodging\r\n")); // line 7
        csv.push_str(&format!("B-7;LC-2;{p};{u};2012-01-16;;lost_lodging\r\n")); // line 8: no reason
        let res = upload(&app, &c.worker.token, REFERRALS, "text/csv", csv).await;
        let problem = assert_problem(res, 422).await;
        assert_eq!(lines_and_fields(&problem), vec![
            (4, Some("participant_id".into())),
            (5, Some("programme_id".into())),
            (6, Some("referring_unit_id".into())),
            (7, Some("referred_on".into())),
            (8, Some("reason".into())),
        ], "{problem}");
        assert_eq!(count_rows(&app.db, "referrals"), 0, "nothing written");

        // A participant of a unit you do not work in is refused on its row.
        let outsider = app.login_as("caseworker", &[&other_unit]).await;
        let csv = format!("participant_id;programme_id;referring_unit_id;reason;target_group\n{};{p};{other_unit};Försök;lost_lodging\n", people[0]);
        let problem = assert_problem(upload(&app, &outsider.token, REFERRALS, "text/csv", csv).await, 422).await;
        assert_eq!(lines_and_fields(&problem), vec![(2, Some("participant_id".into()))]);
        assert_eq!(count_rows(&app.db, "referrals"), 0);
    }

    async fn referrals_upsert_twice_and_export_round_trip(app: TestApp) {
        let (c, people) = referral_setup(&app).await;
        let path = format!("{REFERRALS}?mode=upsert");
        let res = upload(&app, &c.worker.token, &path, "text/csv", referrals_csv(&c, &people[1], "U")).await;
        assert_eq!(res.status(), StatusCode::CREATED);
        let audit_after_first = count_rows(&app.db, "audit_log");
        let res = upload(&app, &c.worker.token, &path, "text/csv", referrals_csv(&c, &people[1], "U")).await;
        assert_eq!(res.status(), StatusCode::OK);
        let job: Value = res.json().await.unwrap();
        assert_eq!(counts(&job), (0, 0, 2));
        assert_eq!(count_rows(&app.db, "referrals WHERE version = 1"), 2);
        assert_eq!(count_rows(&app.db, "audit_log"), audit_after_first);

        let changed = referrals_csv(&c, &people[1], "U").replace("Hemlös, vill arbeta", "Hemlös, vill studera");
        let job: Value = upload(&app, &c.worker.token, &path, "text/csv", changed).await.json().await.unwrap();
        assert_eq!(counts(&job), (0, 1, 1));
        assert_eq!(audited(&app, "referral", "update", &c.worker.staff_id), 1);

        let csv = app.get("/api/v1/exports/referrals", &c.worker.token).await.text().await.unwrap();
        assert_eq!(csv.lines().count(), 3, "{csv}");
        assert_eq!(audited(&app, "referral", "export", &c.worker.staff_id), 2, "exported referrals are audited");
        let job: Value = upload(&app, &c.worker.token, &path, "text/csv", csv).await.json().await.unwrap();
        assert_eq!(counts(&job), (0, 0, 2), "{job}");
        let ndjson = app.get("/api/v1/exports/referrals?format=ndjson", &c.worker.token).await.text().await.unwrap();
        let job: Value = upload(&app, &c.worker.token, &path, "application/x-ndjson", ndjson).await.json().await.unwrap();
        assert_eq!(counts(&job), (0, 0, 2), "{job}");

        // Another unit's caseworker exports none of them.
        let other_unit = app.create_unit("Annan enhet").await;
        let outsider = app.login_as("caseworker", &[&other_unit]).await;
        assert_eq!(app.get("/api/v1/exports/referrals?format=ndjson", &outsider.token).await.text().await.unwrap(), "");
    }

    async fn referrals_import_is_for_roles_that_refer(app: TestApp) {
        let (c, people) = referral_setup(&app).await;
        for role in ["work_consultant", "housing_coordinator", "treatment_staff", "read_only", "admin"] {
            let who = app.login_as(role, &[&c.unit]).await;
            let res = upload(&app, &who.token, REFERRALS, "text/csv", referrals_csv(&c, &people[1], role)).await;
            assert_problem(res, 403).await;
        }
        assert_eq!(count_rows(&app.db, "referrals"), 0);
        let res = upload(&app, &c.manager.token, REFERRALS, "text/csv", referrals_csv(&c, &people[1], "M")).await;
        assert_eq!(res.status(), StatusCode::CREATED);
        // Admins read no case data: no export either.
        let admin = app.login_as("admin", &[&c.unit]).await;
        assert_problem(app.get("/api/v1/exports/referrals", &admin.token).await, 403).await;
    }
}

// ---------------------------------------------------------------------------------------------
// Contacts

const CONTACTS: &str = "/api/v1/imports/contacts";

/// A JSON list of participants as a CSV cell (quotes doubled).
fn people_cell(people: &[(&str, bool)]) -> String {
    let list: Vec<Value> = people
        .iter()
        .map(|(p, a)| serde_json::json!({"participant_id": p, "attended": a}))
        .collect();
    format!(
        "\"{}\"",
        Value::Array(list).to_string().replace('"', "\"\"")
    )
}

/// Two contacts: one with LC-1 (by external id), one with both participants.
fn contacts_csv(second: &str, prefix: &str) -> String {
    format!(
        "external_id;participants;occurred_at;kind;note\r\n\
         {prefix}-1;{};2012-02-03T09:00:00Z;meeting;\"Kartläggning; andra samtalet\"\r\n\
         {prefix}-2;{};2012-02-10T13:30:00Z;phone_call;\r\n",
        people_cell(&[("LC-1", true)]),
        people_cell(&[("LC-2", true), (second, false)]),
    )
}

both_backends! {
    async fn contacts_import_resolves_people_and_audits_each(app: TestApp) {
        let (c, people) = referral_setup(&app).await;
        let csv = contacts_csv(&people[0], "K");
        let audit_before = count_rows(&app.db, "audit_log");
        let res = upload(&app, &c.worker.token, &format!("{CONTACTS}?dry_run=true"), "text/csv", csv.clone()).await;
        assert_eq!(res.status(), StatusCode::OK);
        let job: Value = res.json().await.unwrap();
        assert_eq!((job["status"].as_str(), counts(&job)), (Some("validated"), (2, 0, 0)), "{job}");
        assert_eq!(count_rows(&app.db, "contacts"), 0, "a dry run writes nothing");
        assert_eq!(count_rows(&app.db, "audit_log"), audit_before);

        let res = upload(&app, &c.worker.token, CONTACTS, "text/csv", csv).await;
        assert_eq!(res.status(), StatusCode::CREATED);
        assert_eq!(count_rows(&app.db, "contacts"), 2);
        assert_eq!(count_rows(&app.db, "contact_participants"), 3);
        assert_eq!(count_rows(&app.db, &format!("contact_participants WHERE participant_id = '{}' AND attended = FALSE", people[0])), 1);
        assert_eq!(audited(&app, "contact", "create", &c.worker.staff_id), 3, "one entry per participant on each contact");
        let mine: Value = app.get(&format!("/api/v1/participants/{}/contacts", people[0]), &c.worker.token).await.json().await.unwrap();
        let notes: Vec<&str> = mine["items"].as_array().unwrap().iter().filter_map(|i| i["note"].as_str()).collect();
        assert_eq!(notes, vec!["Kartläggning; andra samtalet"]);
    }

    async fn contacts_bad_rows_and_unknown_people_write_nothing(app: TestApp) {
        let (c, people) = referral_setup(&app).await;
        let other_unit = app.create_unit("Annan enhet").await;
        let other = app.login_as("caseworker", &[&other_unit]).await;
        let stranger = app.create_participant(&other.token, &participant_body(&other_unit, serde_json::json!({"external_id": "LC-X"}))).await;
        let mut csv = contacts_csv(&people[0], "B");
        csv.push_str(&format!("B-3;{};2012-02-03T09:00:00Z;meeting;\r\n", people_cell(&[("LC-404", true)]))); // line 4
        csv.push_str(&format!("B-4;{};2099-02-03T09:00:00Z;meeting;\r\n", people_cell(&[("LC-1", true)]))); // line 5
        csv.push_str(&format!("B-5;{};2012-02-03T09:00:00Z;meeting;\r\n", people_cell(&[("LC-X", true)]))); // line 6
        csv.push_str("B-6;[];2012-02-03T09:00:00Z;meeting;\r\n"); // line 7
        csv.push_str(&format!("B-7;{};i går;meeting;\r\n", people_cell(&[("LC-1", true)]))); // line 8
        let problem = assert_problem(upload(&app, &c.worker.token, CONTACTS, "text/csv", csv).await, 422).await;
        assert_eq!(lines_and_fields(&problem), vec![
            (4, Some("participants[0].participant_id".into())),
            (5, Some("participants[0].attended".into())),
            (6, Some("participants".into())),
            (7, Some("participants".into())),
            (8, Some("occurred_at".into())),
        ], "{problem}");
        assert_eq!(count_rows(&app.db, "contacts"), 0, "nothing written");
        assert!(stranger["id"].is_string());
    }

    async fn contacts_upsert_twice_and_export_round_trip(app: TestApp) {
        let (c, people) = referral_setup(&app).await;
        let path = format!("{CONTACTS}?mode=upsert");
        let res = upload(&app, &c.worker.token, &path, "text/csv", contacts_csv(&people[0], "U")).await;
        assert_eq!(res.status(), StatusCode::CREATED);
        let audit_after_first = count_rows(&app.db, "audit_log");
        let res = upload(&app, &c.worker.token, &path, "text/csv", contacts_csv(&people[0], "U")).await;
        assert_eq!(res.status(), StatusCode::OK);
        let job: Value = res.json().await.unwrap();
        assert_eq!(counts(&job), (0, 0, 2));
        assert_eq!(count_rows(&app.db, "contacts WHERE version = 1"), 2);
        assert_eq!(count_rows(&app.db, "audit_log"), audit_after_first);

        let changed = contacts_csv(&people[0], "U").replace("phone_call", "meeting");
        let job: Value = upload(&app, &c.worker.token, &path, "text/csv", changed).await.json().await.unwrap();
        assert_eq!(counts(&job), (0, 1, 1));
        assert_eq!(audited(&app, "contact", "update", &c.worker.staff_id), 2, "both people on the changed contact");

        let csv = app.get("/api/v1/exports/contacts", &c.worker.token).await.text().await.unwrap();
        assert_eq!(csv.lines().count(), 3, "{csv}");
        assert_eq!(audited(&app, "contact", "export", &c.worker.staff_id), 3);
        let job: Value = upload(&app, &c.worker.token, &path, "text/csv", csv).await.json().await.unwrap();
        assert_eq!(counts(&job), (0, 0, 2), "{job}");
        let ndjson = app.get("/api/v1/exports/contacts?format=ndjson", &c.worker.token).await.text().await.unwrap();
        let job: Value = upload(&app, &c.worker.token, &path, "application/x-ndjson", ndjson).await.json().await.unwrap();
        assert_eq!(counts(&job), (0, 0, 2), "{job}");

        let other_unit = app.create_unit("Annan enhet").await;
        let outsider = app.login_as("caseworker", &[&other_unit]).await;
        assert_eq!(app.get("/api/v1/exports/contacts?format=ndjson", &outsider.token).await.text().await.unwrap(), "");
    }

    async fn contacts_import_is_for_roles_that_record_casework(app: TestApp) {
        let (c, people) = referral_setup(&app).await;
        for role in ["read_only", "admin"] {
            let who = app.login_as(role, &[&c.unit]).await;
            let res = upload(&app, &who.token, CONTACTS, "text/csv", contacts_csv(&people[0], role)).await;
            assert_problem(res, 403).await;
        }
        assert_eq!(count_rows(&app.db, "contacts"), 0);
        let res = upload(&app, &c.consultant.token, CONTACTS, "text/csv", contacts_csv(&people[0], "W")).await;
        assert_eq!(res.status(), StatusCode::CREATED, "work consultants record contacts");
    }
}

// ---------------------------------------------------------------------------------------------
// Activities

const ACTIVITIES: &str = "/api/v1/imports/activities";

/// An enrolment (from 2012-02-01) and an employer with external id `AG-1`.
async fn activity_setup(app: &TestApp) -> (crate::casework_support::Casework, String) {
    let c = crate::casework_support::casework(app).await;
    let enrolment = crate::casework_support::enrol(app, &c).await["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let res = app
        .post(
            "/api/v1/employers",
            &c.consultant.token,
            &serde_json::json!({
        "name": "Parkförvaltningen", "sector": "public", "external_id": "AG-1"}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    (c, enrolment)
}

/// An internship at AG-1 (by external id) and work training at a named organisation.
fn activities_csv(enrolment: &str, prefix: &str) -> String {
    format!(
        "external_id;enrolment_id;kind;provider_employer_id;provider_name;start_date;planned_end;hours_per_week;note\r\n\
         {prefix}-1;{enrolment};internship;AG-1;;2012-03-01;2012-03-31;10;\"Parkarbete; förmiddagar\"\r\n\
         {prefix}-2;{enrolment};work_training;;Nätverket;2012-04-01;;;\r\n"
    )
}

both_backends! {
    async fn activities_import_resolves_employers_and_audits(app: TestApp) {
        let (c, enrolment) = activity_setup(&app).await;
        let audit_before = count_rows(&app.db, "audit_log");
        let res = upload(&app, &c.consultant.token, &format!("{ACTIVITIES}?dry_run=true"), "text/csv", activities_csv(&enrolment, "A")).await;
        assert_eq!(res.status(), StatusCode::OK);
        let job: Value = res.json().await.unwrap();
        assert_eq!((job["status"].as_str(), counts(&job)), (Some("validated"), (2, 0, 0)), "{job}");
        assert_eq!(count_rows(&app.db, "activities"), 0, "a dry run writes nothing");
        assert_eq!(count_rows(&app.db, "audit_log"), audit_before);

        let res = upload(&app, &c.consultant.token, ACTIVITIES, "text/csv", activities_csv(&enrolment, "A")).await;
        assert_eq!(res.status(), StatusCode::CREATED);
        assert_eq!(count_rows(&app.db, "activities"), 2);
        assert_eq!(count_rows(&app.db, "activities a JOIN employers e ON e.id = a.provider_employer_id WHERE e.external_id = 'AG-1' AND a.external_id = 'A-1'"), 1, "AG-1 resolved");
        assert_eq!(count_rows(&app.db, "activity_hours WHERE hours_per_week = 10"), 1);
        assert_eq!(audited(&app, "activity", "create", &c.consultant.staff_id), 2);
    }

    async fn activities_bad_rows_and_unknown_references_write_nothing(app: TestApp) {
        let (c, enrolment) = activity_setup(&app).await;
        let mut csv = activities_csv(&enrolment, "B");
        csv.push_str(&format!("B-3;{enrolment};internship;AG-404;;2012-03-01;;;\r\n")); // line 4
        csv.push_str(&format!("B-4;{enrolment};internship;;;2012-03-01;;;\r\n")); // line 5: no employer
        csv.push_str(&format!("B-5;{enrolment};work_training;;Nätverket;2011-01-01;;;\r\n")); // line 6: before the enrolment
        csv.push_str(&format!("B-6;{};work_training;;Nätverket;2012-03-01;;;\r\n", uuid::Uuid::new_v4())); // line 7
        csv.push_str(&format!("B-7;{enrolment};work_training;;Nätverket;2012-03-01;;99;\r\n")); // line 8
        let problem = assert_problem(upload(&app, &c.consultant.token, ACTIVITIES, "text/csv", csv).await, 422).await;
        assert_eq!(lines_and_fields(&problem), vec![
            (4, Some("provider_employer_id".into())),
            (5, Some("provider_employer_id".into())),
            (6, Some("start_date".into())),
            (7, Some("enrolment_id".into())),
            (8, Some("hours_per_week".into())),
        ], "{problem}");
        assert_eq!(count_rows(&app.db, "activities"), 0, "nothing written");
    }

    async fn activities_upsert_twice_and_export_round_trip(app: TestApp) {
        let (c, enrolment) = activity_setup(&app).await;
        let path = format!("{ACTIVITIES}?mode=upsert");
        let res = upload(&app, &c.consultant.token, &path, "text/csv", activities_csv(&enrolment, "U")).await;
        assert_eq!(res.status(), StatusCode::CREATED);
        let audit_after_first = count_rows(&app.db, "audit_log");
        let res = upload(&app, &c.consultant.token, &path, "text/csv", activities_csv(&enrolment, "U")).await;
        assert_eq!(res.status(), StatusCode::OK);
        let job: Value = res.json().await.unwrap();
        assert_eq!(counts(&job), (0, 0, 2));
        assert_eq!(count_rows(&app.db, "activities WHERE version = 1"), 2);
        assert_eq!(count_rows(&app.db, "audit_log"), audit_after_first);

        let changed = activities_csv(&enrolment, "U").replace("2012-03-31", "2012-04-30");
        let job: Value = upload(&app, &c.consultant.token, &path, "text/csv", changed).await.json().await.unwrap();
        assert_eq!(counts(&job), (0, 1, 1));
        assert_eq!(audited(&app, "activity", "update", &c.consultant.staff_id), 1);

        let csv = app.get("/api/v1/exports/activities", &c.consultant.token).await.text().await.unwrap();
        assert_eq!(csv.lines().count(), 3, "{csv}");
        assert_eq!(audited(&app, "activity", "export", &c.consultant.staff_id), 2);
        let job: Value = upload(&app, &c.consultant.token, &path, "text/csv", csv).await.json().await.unwrap();
        assert_eq!(counts(&job), (0, 0, 2), "{job}");
        let ndjson = app.get("/api/v1/exports/activities?format=ndjson", &c.consultant.token).await.text().await.unwrap();
        let job: Value = upload(&app, &c.consultant.token, &path, "application/x-ndjson", ndjson).await.json().await.unwrap();
        assert_eq!(counts(&job), (0, 0, 2), "{job}");

        let other_unit = app.create_unit("Annan enhet").await;
        let outsider = app.login_as("work_consultant", &[&other_unit]).await;
        assert_eq!(app.get("/api/v1/exports/activities?format=ndjson", &outsider.token).await.text().await.unwrap(), "");
    }

    async fn activities_import_is_for_roles_that_record_work(app: TestApp) {
        let (c, enrolment) = activity_setup(&app).await;
        for role in ["housing_coordinator", "read_only", "admin"] {
            let who = app.login_as(role, &[&c.unit]).await;
            let res = upload(&app, &who.token, ACTIVITIES, "text/csv", activities_csv(&enrolment, role)).await;
            assert_problem(res, 403).await;
        }
        assert_eq!(count_rows(&app.db, "activities"), 0);
    }
}

// ---------------------------------------------------------------------------------------------
// Enrolments

const ENROLMENTS: &str = "/api/v1/imports/enrolments";

fn enrolments_csv(c: &crate::casework_support::Casework, second: &str, prefix: &str) -> String {
    format!(
        "external_id;participant_id;programme_id;start_date\r\n\
         {prefix}-1;LC-1;{p};2012-02-01\r\n\
         {prefix}-2;{second};{p};2012-03-01\r\n",
        p = c.programme
    )
}

both_backends! {
    async fn enrolments_import_by_external_id_audited(app: TestApp) {
        let (c, people) = referral_setup(&app).await;
        let audit_before = count_rows(&app.db, "audit_log");
        let res = upload(&app, &c.worker.token, &format!("{ENROLMENTS}?dry_run=true"), "text/csv", enrolments_csv(&c, &people[1], "E")).await;
        assert_eq!(res.status(), StatusCode::OK);
        let job: Value = res.json().await.unwrap();
        assert_eq!((job["status"].as_str(), counts(&job)), (Some("validated"), (2, 0, 0)), "{job}");
        assert_eq!(count_rows(&app.db, "enrolments"), 0);
        assert_eq!(count_rows(&app.db, "audit_log"), audit_before);

        let res = upload(&app, &c.worker.token, ENROLMENTS, "text/csv", enrolments_csv(&c, &people[1], "E")).await;
        assert_eq!(res.status(), StatusCode::CREATED);
        assert_eq!(count_rows(&app.db, &format!("enrolments WHERE participant_id = '{}' AND external_id = 'E-1'", people[0])), 1);
        assert_eq!(audited(&app, "enrolment", "create", &c.worker.staff_id), 2);
    }

    async fn enrolments_bad_rows_write_nothing(app: TestApp) {
        let (c, people) = referral_setup(&app).await;
        let mut csv = enrolments_csv(&c, &people[1], "B");
        let p = &c.programme;
        csv.push_str(&format!("B-3;LC-404;{p};2012-02-01\r\n")); // line 4
        csv.push_str(&format!("B-4;LC-2;{};2012-02-01\r\n", uuid::Uuid::new_v4())); // line 5
        csv.push_str(&format!("B-5;LC-2;{p};den första\r\n")); // line 6
        let problem = assert_problem(upload(&app, &c.worker.token, ENROLMENTS, "text/csv", csv).await, 422).await;
        assert_eq!(lines_and_fields(&problem), vec![
            (4, Some("participant_id".into())),
            (5, Some("programme_id".into())),
            (6, Some("start_date".into())),
        ], "{problem}");
        assert_eq!(count_rows(&app.db, "enrolments"), 0, "nothing written");
    }

    async fn enrolments_upsert_twice_and_export_round_trip(app: TestApp) {
        let (c, people) = referral_setup(&app).await;
        let path = format!("{ENROLMENTS}?mode=upsert");
        let res = upload(&app, &c.worker.token, &path, "text/csv", enrolments_csv(&c, &people[1], "U")).await;
        assert_eq!(res.status(), StatusCode::CREATED);
        let audit_after_first = count_rows(&app.db, "audit_log");
        let job: Value = upload(&app, &c.worker.token, &path, "text/csv", enrolments_csv(&c, &people[1], "U")).await.json().await.unwrap();
        assert_eq!(counts(&job), (0, 0, 2), "{job}");
        assert_eq!(count_rows(&app.db, "audit_log"), audit_after_first);
        let moved = enrolments_csv(&c, &people[1], "U").replace("2012-03-01", "2012-03-15");
        let job: Value = upload(&app, &c.worker.token, &path, "text/csv", moved).await.json().await.unwrap();
        assert_eq!(counts(&job), (0, 1, 1), "{job}");
        assert_eq!(count_rows(&app.db, "enrolments WHERE version = 2 AND start_date = '2012-03-15'"), 1);

        let csv = app.get("/api/v1/exports/enrolments", &c.worker.token).await.text().await.unwrap();
        assert_eq!(csv.lines().count(), 3, "{csv}");
        assert_eq!(audited(&app, "enrolment", "export", &c.worker.staff_id), 2);
        let job: Value = upload(&app, &c.worker.token, &path, "text/csv", csv).await.json().await.unwrap();
        assert_eq!(counts(&job), (0, 0, 2), "{job}");
        let ndjson = app.get("/api/v1/exports/enrolments?format=ndjson", &c.worker.token).await.text().await.unwrap();
        let job: Value = upload(&app, &c.worker.token, &path, "application/x-ndjson", ndjson).await.json().await.unwrap();
        assert_eq!(counts(&job), (0, 0, 2), "{job}");
    }

    async fn enrolments_import_is_for_roles_that_record_casework(app: TestApp) {
        let (c, people) = referral_setup(&app).await;
        for role in ["read_only", "admin"] {
            let who = app.login_as(role, &[&c.unit]).await;
            assert_problem(upload(&app, &who.token, ENROLMENTS, "text/csv", enrolments_csv(&c, &people[1], role)).await, 403).await;
        }
        assert_eq!(count_rows(&app.db, "enrolments"), 0);
    }
}

// ---------------------------------------------------------------------------------------------
// Tenancies

const TENANCIES: &str = "/api/v1/imports/tenancies";

/// [`referral_setup`] plus a housing coordinator and two available apartments with external ids
/// `LGH-1`, `LGH-2`; returns the coordinator and the apartments' Stegvis ids.
async fn housing_setup(
    app: &TestApp,
) -> (
    crate::casework_support::Casework,
    Vec<String>,
    Session,
    Vec<String>,
) {
    let (c, people) = referral_setup(app).await;
    let coordinator = app.login_as("housing_coordinator", &[&c.unit]).await;
    let mut apartments = Vec::new();
    for (i, kind) in ["training_apartment", "trial_apartment"].iter().enumerate() {
        let res = app
            .post(
                "/api/v1/apartments",
                &coordinator.token,
                &serde_json::json!({"unit_id": c.unit, "address": format!("Exempelgatan {i}"), "kind": kind, "external_id": format!("LGH-{}", i + 1)}),
            )
            .await;
        assert_eq!(res.status(), StatusCode::CREATED);
        apartments.push(
            res.json::<Value>().await.unwrap()["id"]
                .as_str()
                .unwrap()
                .to_owned(),
        );
    }
    (c, people, coordinator, apartments)
}

/// Tenancies of the two participants: the first with both references by external id, the second
/// by Stegvis ids.
fn tenancies_csv(second: &str, second_apartment: &str, prefix: &str) -> String {
    format!(
        "external_id;participant_id;apartment_id;move_in_on;planned_takeover_on;note\r\n\
         {prefix}-1;LC-1;LGH-1;2012-03-01;;Flyttar från härbärget\r\n\
         {prefix}-2;{second};{second_apartment};2012-04-01;2013-06-01;\r\n"
    )
}

both_backends! {
    async fn tenancies_import_starts_them_like_the_endpoint_audited_once(app: TestApp) {
        let (_, people, coordinator, apartments) = housing_setup(&app).await;
        let audit_before = count_rows(&app.db, "audit_log");
        let stages_before = count_rows(&app.db, "housing_stage_changes");
        let csv = tenancies_csv(&people[1], &apartments[1], "T");
        let res = upload(&app, &coordinator.token, &format!("{TENANCIES}?dry_run=true"), "text/csv", csv.clone()).await;
        assert_eq!(res.status(), StatusCode::OK);
        let job: Value = res.json().await.unwrap();
        assert_eq!((job["status"].as_str(), counts(&job)), (Some("validated"), (2, 0, 0)), "{job}");
        assert_eq!(count_rows(&app.db, "tenancies"), 0, "a dry run writes nothing");
        assert_eq!(count_rows(&app.db, "housing_follow_ups"), 0);
        assert_eq!(count_rows(&app.db, "audit_log"), audit_before);

        let res = upload(&app, &coordinator.token, TENANCIES, "text/csv", csv).await;
        assert_eq!(res.status(), StatusCode::CREATED);
        let job: Value = res.json().await.unwrap();
        assert_eq!((job["resource"].as_str(), counts(&job)), (Some("tenancies"), (2, 0, 0)), "{job}");
        // The same consequences as POST /tenancies: default takeover, follow-ups, ladder, status.
        assert_eq!(count_rows(&app.db, &format!("tenancies WHERE participant_id = '{}' AND external_id = 'T-1' AND planned_takeover_on = '2013-09-01'", people[0])), 1);
        assert_eq!(count_rows(&app.db, "tenancies WHERE external_id = 'T-2' AND planned_takeover_on = '2013-06-01'"), 1);
        assert_eq!(count_rows(&app.db, "housing_follow_ups"), 6, "three follow-ups per tenancy");
        assert_eq!(count_rows(&app.db, "housing_stage_changes"), stages_before + 2);
        assert_eq!(count_rows(&app.db, "apartments WHERE status = 'occupied'"), 2);
        assert_eq!(audited(&app, "tenancy", "create", &coordinator.staff_id), 2, "one audit entry per row, not two");
    }

    async fn tenancies_bad_rows_and_overlaps_write_nothing(app: TestApp) {
        let (_, people, coordinator, apartments) = housing_setup(&app).await;
        let stages_before = count_rows(&app.db, "housing_stage_changes");
        let mut csv = tenancies_csv(&people[1], &apartments[1], "B");
        csv.push_str("B-3;LC-2;LGH-404;2012-05-01;;\r\n"); // line 4: no such apartment
        csv.push_str("B-4;LC-404;LGH-2;2012-05-01;;\r\n"); // line 5: no such participant
        csv.push_str("B-5;LC-2;LGH-2;i våras;;\r\n"); // line 6: not a date
        csv.push_str("B-6;LC-2;LGH-2;2012-05-01;2012-01-01;\r\n"); // line 7: takeover before move-in
        let problem = assert_problem(upload(&app, &coordinator.token, TENANCIES, "text/csv", csv).await, 422).await;
        assert_eq!(lines_and_fields(&problem), vec![
            (4, Some("apartment_id".into())),
            (5, Some("participant_id".into())),
            (6, Some("move_in_on".into())),
            (7, Some("planned_takeover_on".into())),
        ], "{problem}");

        // Only overlaps: the second row moves someone else into LGH-1 while the first lives there.
        let csv = format!(
            "external_id;participant_id;apartment_id;move_in_on\r\nO-1;LC-1;LGH-1;2012-03-01\r\nO-2;{};LGH-1;2012-06-01\r\n",
            people[1]
        );
        let problem = assert_problem(upload(&app, &coordinator.token, TENANCIES, "text/csv", csv).await, 422).await;
        assert_eq!(lines_and_fields(&problem), vec![(3, Some("move_in_on".into()))], "{problem}");
        assert_eq!(count_rows(&app.db, "tenancies"), 0, "nothing written");
        assert_eq!(count_rows(&app.db, "housing_follow_ups"), 0);
        assert_eq!(count_rows(&app.db, "housing_stage_changes"), stages_before);
        assert_eq!(count_rows(&app.db, "apartments WHERE status = 'available'"), 2);
    }

    async fn tenancies_upsert_twice_and_export_round_trip(app: TestApp) {
        let (_, people, coordinator, apartments) = housing_setup(&app).await;
        let path = format!("{TENANCIES}?mode=upsert");
        let csv = tenancies_csv(&people[1], &apartments[1], "U");
        assert_eq!(upload(&app, &coordinator.token, &path, "text/csv", csv.clone()).await.status(), StatusCode::CREATED);
        let audit_after_first = count_rows(&app.db, "audit_log");
        let job: Value = upload(&app, &coordinator.token, &path, "text/csv", csv.clone()).await.json().await.unwrap();
        assert_eq!(counts(&job), (0, 0, 2), "{job}");
        assert_eq!(count_rows(&app.db, "audit_log"), audit_after_first, "an unchanged row is not audited");

        // The planned takeover may move (its follow-up with it); the apartment may not.
        let moved = csv.replace("2013-06-01", "2013-08-01");
        let job: Value = upload(&app, &coordinator.token, &path, "text/csv", moved).await.json().await.unwrap();
        assert_eq!(counts(&job), (0, 1, 1), "{job}");
        assert_eq!(count_rows(&app.db, "tenancies WHERE version = 2 AND planned_takeover_on = '2013-08-01'"), 1);
        assert_eq!(count_rows(&app.db, "housing_follow_ups WHERE kind = 'takeover' AND due_on = '2013-08-01'"), 1);
        let swapped = csv.replace("LC-1;LGH-1", &format!("LC-1;{}", apartments[1]));
        let problem = assert_problem(upload(&app, &coordinator.token, &path, "text/csv", swapped).await, 422).await;
        assert_eq!(lines_and_fields(&problem)[0], (2, Some("apartment_id".into())), "{problem}");

        let csv = app.get("/api/v1/exports/tenancies", &coordinator.token).await.text().await.unwrap();
        assert_eq!(csv.lines().count(), 3, "{csv}");
        assert_eq!(audited(&app, "tenancy", "export", &coordinator.staff_id), 2);
        let job: Value = upload(&app, &coordinator.token, &path, "text/csv", csv).await.json().await.unwrap();
        assert_eq!(counts(&job), (0, 0, 2), "{job}");
        let ndjson = app.get("/api/v1/exports/tenancies?format=ndjson", &coordinator.token).await.text().await.unwrap();
        let job: Value = upload(&app, &coordinator.token, &path, "application/x-ndjson", ndjson).await.json().await.unwrap();
        assert_eq!(counts(&job), (0, 0, 2), "{job}");
    }

    async fn tenancies_import_is_for_housing_coordinators_and_managers(app: TestApp) {
        let (c, people, _, apartments) = housing_setup(&app).await;
        for who in [&c.worker, &app.login_as("read_only", &[&c.unit]).await] {
            assert_problem(upload(&app, &who.token, TENANCIES, "text/csv", tenancies_csv(&people[1], &apartments[1], "R")).await, 403).await;
        }
        // A coordinator of another unit may not house this unit's participants.
        let other = app.create_unit("Annan").await;
        let stranger = app.login_as("housing_coordinator", &[&other]).await;
        let problem = assert_problem(upload(&app, &stranger.token, TENANCIES, "text/csv", tenancies_csv(&people[1], &apartments[1], "S")).await, 422).await;
        assert_eq!(lines_and_fields(&problem), vec![(2, Some("participant_id".into())), (3, Some("participant_id".into()))], "{problem}");
        assert_eq!(count_rows(&app.db, "tenancies"), 0);
    }
}

// ---------------------------------------------------------------------------------------------
// Queue entries

const QUEUE: &str = "/api/v1/imports/queue-entries";

fn queue_csv(second: &str, prefix: &str) -> String {
    format!(
        "external_id;participant_id;wish;joined_on;priority;ready;not_ready_reason;note\r\n\
         {prefix}-1;LC-1;trial_apartment;2011-10-31;1;true;;\r\n\
         {prefix}-2;{second};training_apartment;2012-01-15;2;false;Behöver stabilisera sitt drogfria liv;Från gamla listan\r\n"
    )
}

both_backends! {
    async fn queue_entries_import_in_queue_order_audited(app: TestApp) {
        let (_, people, coordinator, _) = housing_setup(&app).await;
        let audit_before = count_rows(&app.db, "audit_log");
        let res = upload(&app, &coordinator.token, &format!("{QUEUE}?dry_run=true"), "text/csv", queue_csv(&people[1], "Q")).await;
        assert_eq!(res.status(), StatusCode::OK);
        let job: Value = res.json().await.unwrap();
        assert_eq!((job["status"].as_str(), counts(&job)), (Some("validated"), (2, 0, 0)), "{job}");
        assert_eq!(count_rows(&app.db, "queue_entries"), 0);
        assert_eq!(count_rows(&app.db, "audit_log"), audit_before);

        let res = upload(&app, &coordinator.token, QUEUE, "text/csv", queue_csv(&people[1], "Q")).await;
        assert_eq!(res.status(), StatusCode::CREATED);
        let job: Value = res.json().await.unwrap();
        assert_eq!((job["resource"].as_str(), counts(&job)), (Some("queue-entries"), (2, 0, 0)), "{job}");
        assert_eq!(audited(&app, "queue_entry", "create", &coordinator.staff_id), 2, "one audit entry per row");
        let list: Value = app.get("/api/v1/queue-entries?status=waiting", &coordinator.token).await.json().await.unwrap();
        let items = list["items"].as_array().unwrap();
        assert_eq!(items.len(), 2, "{list}");
        let first = items.iter().find(|e| e["external_id"] == "Q-1").unwrap();
        assert_eq!((first["participant_id"].as_str(), first["position"].as_i64(), first["joined_on"].as_str()), (Some(people[0].as_str()), Some(1), Some("2011-10-31")));
        let second = items.iter().find(|e| e["external_id"] == "Q-2").unwrap();
        assert_eq!((second["ready"].as_bool(), second["not_ready_reason"].as_str()), (Some(false), Some("Behöver stabilisera sitt drogfria liv")));
    }

    async fn queue_entries_bad_rows_write_nothing(app: TestApp) {
        let (c, people, coordinator, _) = housing_setup(&app).await;
        // LC-2 is already waiting.
        let res = app.post("/api/v1/queue-entries", &coordinator.token, &serde_json::json!({"participant_id": people[1], "wish": "trial_apartment"})).await;
        assert_eq!(res.status(), StatusCode::CREATED);
        let third = app.create_participant(&c.worker.token, &participant_body(&c.unit, serde_json::json!({"external_id": "LC-3", "last_name": "Kö"}))).await;
        assert!(third["id"].is_string());
        let csv = "external_id;participant_id;wish;joined_on;priority;ready;not_ready_reason\r\n\
            B-1;LC-1;trial_apartment;2011-10-31;5;true;\r\n\
            B-2;LC-2;trial_apartment;2011-10-31;1;true;\r\n\
            B-3;LC-3;trial_apartment;2011-10-31;1;false;\r\n\
            B-4;LC-3;penthouse;2099-01-01;1;true;\r\n";
        let problem = assert_problem(upload(&app, &coordinator.token, QUEUE, "text/csv", csv.into()).await, 422).await;
        assert_eq!(lines_and_fields(&problem), vec![
            (2, Some("priority".into())),
            (3, Some("participant_id".into())),
            (4, Some("not_ready_reason".into())),
            (5, Some("wish".into())),
        ], "{problem}");
        assert_eq!(count_rows(&app.db, "queue_entries"), 1, "only the entry made before");
        let dup = "external_id;participant_id;wish\r\nD-1;LC-1;trial_apartment\r\nD-1;LC-3;trial_apartment\r\n";
        let problem = assert_problem(upload(&app, &coordinator.token, QUEUE, "text/csv", dup.into()).await, 422).await;
        assert_eq!(lines_and_fields(&problem), vec![(3, Some("external_id".into()))], "{problem}");
        assert_eq!(count_rows(&app.db, "queue_entries"), 1);
    }

    async fn queue_entries_upsert_twice_and_export_round_trip(app: TestApp) {
        let (_, people, coordinator, _) = housing_setup(&app).await;
        let path = format!("{QUEUE}?mode=upsert");
        assert_eq!(upload(&app, &coordinator.token, &path, "text/csv", queue_csv(&people[1], "U")).await.status(), StatusCode::CREATED);
        let audit_after_first = count_rows(&app.db, "audit_log");
        let job: Value = upload(&app, &coordinator.token, &path, "text/csv", queue_csv(&people[1], "U")).await.json().await.unwrap();
        assert_eq!(counts(&job), (0, 0, 2), "{job}");
        assert_eq!(count_rows(&app.db, "audit_log"), audit_after_first);
        let ready = queue_csv(&people[1], "U").replace("2;false;Behöver stabilisera sitt drogfria liv", "1;true;");
        let job: Value = upload(&app, &coordinator.token, &path, "text/csv", ready).await.json().await.unwrap();
        assert_eq!(counts(&job), (0, 1, 1), "{job}");
        assert_eq!(count_rows(&app.db, "queue_entries WHERE version = 2 AND ready AND priority = 1 AND not_ready_reason IS NULL"), 1);

        let csv = app.get("/api/v1/exports/queue-entries", &coordinator.token).await.text().await.unwrap();
        assert_eq!(csv.lines().count(), 3, "{csv}");
        assert_eq!(audited(&app, "queue_entry", "export", &coordinator.staff_id), 2);
        let job: Value = upload(&app, &coordinator.token, &path, "text/csv", csv).await.json().await.unwrap();
        assert_eq!(counts(&job), (0, 0, 2), "{job}");
        let ndjson = app.get("/api/v1/exports/queue-entries?format=ndjson", &coordinator.token).await.text().await.unwrap();
        let job: Value = upload(&app, &coordinator.token, &path, "application/x-ndjson", ndjson).await.json().await.unwrap();
        assert_eq!(counts(&job), (0, 0, 2), "{job}");
    }

    async fn queue_entries_caseworkers_queue_only_their_own(app: TestApp) {
        let (c, people, _, _) = housing_setup(&app).await;
        let reader = app.login_as("read_only", &[&c.unit]).await;
        assert_problem(upload(&app, &reader.token, QUEUE, "text/csv", queue_csv(&people[1], "R")).await, 403).await;
        // A caseworker may import, but only queue the people they are assigned to.
        let problem = assert_problem(upload(&app, &c.worker.token, QUEUE, "text/csv", queue_csv(&people[1], "O")).await, 422).await;
        assert_eq!(lines_and_fields(&problem), vec![(2, Some("participant_id".into())), (3, Some("participant_id".into()))], "{problem}");
        assert_eq!(count_rows(&app.db, "queue_entries"), 0);
        for person in &people {
            let res = app.post(&format!("/api/v1/participants/{person}/assignments"), &c.worker.token,
                &serde_json::json!({"staff_id": c.worker.staff_id, "kind": "caseworker", "start_date": "2012-01-01"})).await;
            assert_eq!(res.status(), StatusCode::CREATED, "{}", res.text().await.unwrap());
        }
        let res = upload(&app, &c.worker.token, QUEUE, "text/csv", queue_csv(&people[1], "W")).await;
        assert_eq!(res.status(), StatusCode::CREATED, "{}", res.text().await.unwrap());
        assert_eq!(count_rows(&app.db, "queue_entries"), 2);
    }
}
