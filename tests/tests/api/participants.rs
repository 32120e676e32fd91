use reqwest::StatusCode;
use serde_json::{Value, json};
use stegvis_tests::*;

both_backends! {
    async fn register_read_update_and_close(app: TestApp) {
        let unit = app.create_unit("Vuxenenheten").await;
        let worker = app.login_as("caseworker", &[&unit]).await;
        let pnr = pin("19811218", 987); // any valid number; sent in the short form below
        let short = format!("{}-{}", &pnr[2..8], &pnr[9..]);
        let res = app
            .post("/api/v1/participants", &worker.token, &participant_body(&unit, json!({
                "personal_identity_number": short, "responsible_caseworker_id": worker.staff_id,
                "postal_code": "11820", "phone": "070-123 45 67"})))
            .await;
        assert_eq!(res.status(), StatusCode::CREATED);
        let location = res.headers().get("location").unwrap().to_str().unwrap().to_owned();
        assert_eq!(res.headers().get("etag").unwrap(), "\"1\"");
        let created: Value = res.json().await.unwrap();
        let id = created["id"].as_str().unwrap().to_owned();
        assert_eq!(location, format!("/api/v1/participants/{id}"));
        assert_eq!(created["personal_identity_number"], pnr.as_str());
        assert_eq!(created["date_of_birth"], "1981-12-18");
        assert_eq!(created["postal_code"], "118 20");
        assert_eq!(created["status"], "active");
        assert_eq!(created["version"], 1);

        let fetched: Value = app.get(&location, &worker.token).await.json().await.unwrap();
        assert_eq!(fetched, created);

        let mut edit = participant_body(&unit, json!({"personal_identity_number": pnr, "first_name": "Testina",
            "housing_situation": "training_apartment", "responsible_caseworker_id": worker.staff_id}));
        edit["version"] = json!(1);
        let res = app.put(&location, &worker.token, &edit).await;
        assert_eq!(res.status(), StatusCode::OK);
        assert_eq!(res.headers().get("etag").unwrap(), "\"2\"");
        let updated: Value = res.json().await.unwrap();
        assert_eq!(updated["first_name"], "Testina");
        assert_eq!(updated["housing_situation"], "training_apartment");
        assert_eq!(updated["phone"], Value::Null, "a full update clears what was left out");
        assert_eq!(updated["version"], 2);
        assert_eq!(updated["created_at"], created["created_at"]);

        let res = app.post(&format!("{location}/close"), &worker.token, &json!({"version": 2, "reason": "Eget kontrakt"})).await;
        assert_eq!(res.status(), StatusCode::OK);
        let closed: Value = res.json().await.unwrap();
        assert_eq!(closed["status"], "closed");
        assert_eq!(closed["closed_reason"], "Eget kontrakt");
        assert!(closed["closed_on"].is_string());
        let again = app.post(&format!("{location}/close"), &worker.token, &json!({"version": 3})).await;
        assert_problem(again, 409).await;
        let res = app.post(&format!("{location}/reopen"), &worker.token, &json!({"version": 3})).await;
        assert_eq!(res.status(), StatusCode::OK);
        let reopened: Value = res.json().await.unwrap();
        assert_eq!(reopened["status"], "active");
        assert_eq!(reopened["closed_on"], Value::Null);
    }

    async fn duplicate_personnummer_points_at_the_existing_record(app: TestApp) {
        let unit = app.create_unit("Enhet").await;
        let worker = app.login_as("caseworker", &[&unit]).await;
        let pnr = pin("19900101", 123);
        let first = app.create_participant(&worker.token, &participant_body(&unit, json!({"personal_identity_number": pnr}))).await;
        // The same number in the 12-digit form without a dash is the same person.
        let res = app.post("/api/v1/participants", &worker.token,
            &participant_body(&unit, json!({"personal_identity_number": pnr.replace('-', ""), "first_name": "Annan"}))).await;
        let problem = assert_problem(res, 409).await;
        assert_eq!(problem["existing_id"], first["id"]);
        assert_eq!(app.participant_count(), 1);
    }

    async fn list_search_filters_sorting_and_paging(app: TestApp) {
        let unit = app.create_unit("Enhet L").await;
        let other_unit = app.create_unit("Enhet M").await;
        let worker = app.login_as("caseworker", &[&unit, &other_unit]).await;
        let pnr = pin("19750505", 456);
        let asa = app.create_participant(&worker.token, &participant_body(&unit, json!({
            "first_name": "Åsa", "last_name": "Öberg", "personal_identity_number": pnr}))).await;
        let bo = app.create_participant(&worker.token, &participant_body(&unit, json!({"first_name": "Bo", "last_name": "Andersson"}))).await;
        let cia = app.create_participant(&worker.token, &participant_body(&other_unit, json!({"first_name": "Cia", "last_name": "Ärlig"}))).await;

        let ids = |v: &Value| v["items"].as_array().unwrap().iter().map(|p| p["id"].as_str().unwrap().to_owned()).collect::<Vec<_>>();
        let id = |p: &Value| p["id"].as_str().unwrap().to_owned();

        let all: Value = app.get("/api/v1/participants", &worker.token).await.json().await.unwrap();
        assert_eq!(all["total"], 3);
        assert_eq!(all["limit"], 50);
        assert_eq!(all["offset"], 0);
        // Sorted by last name: Andersson, Ärlig, Öberg (byte order puts Ä before Ö).
        assert_eq!(ids(&all), vec![id(&bo), id(&cia), id(&asa)]);

        // Case-insensitive on non-ASCII letters, on both backends.
        for q in ["åsa", "ÅSA", "öBERG", "Åsa Öb"] {
            let found: Value = app.get(&format!("/api/v1/participants?q={}", urlencode(q)), &worker.token).await.json().await.unwrap();
            assert_eq!(ids(&found), vec![id(&asa)], "search {q}");
        }
        // By personnummer, in several forms.
        for q in [pnr.clone(), pnr.replace('-', ""), pnr[2..].to_owned(), pnr[9..].to_owned()] {
            let found: Value = app.get(&format!("/api/v1/participants?q={q}"), &worker.token).await.json().await.unwrap();
            assert_eq!(ids(&found), vec![id(&asa)], "search {q}");
        }
        // LIKE wildcards are literal.
        let none: Value = app.get("/api/v1/participants?q=%25", &worker.token).await.json().await.unwrap();
        assert_eq!(none["total"], 0);

        let in_unit: Value = app.get(&format!("/api/v1/participants?unit_id={other_unit}"), &worker.token).await.json().await.unwrap();
        assert_eq!(ids(&in_unit), vec![id(&cia)]);

        let newest_first: Value = app.get("/api/v1/participants?sort=-created_at&limit=2", &worker.token).await.json().await.unwrap();
        assert_eq!(ids(&newest_first), vec![id(&cia), id(&bo)]);
        assert_eq!(newest_first["total"], 3);
        let page2: Value = app.get("/api/v1/participants?sort=-created_at&limit=2&offset=2", &worker.token).await.json().await.unwrap();
        assert_eq!(ids(&page2), vec![id(&asa)]);

        let res = app.post(&format!("/api/v1/participants/{}/close", id(&bo)), &worker.token, &json!({"version": 1})).await;
        assert_eq!(res.status(), StatusCode::OK);
        let active: Value = app.get("/api/v1/participants?status=active", &worker.token).await.json().await.unwrap();
        assert_eq!(ids(&active), vec![id(&cia), id(&asa)]);
        let closed: Value = app.get("/api/v1/participants?status=closed", &worker.token).await.json().await.unwrap();
        assert_eq!(ids(&closed), vec![id(&bo)]);
    }

    async fn a_search_pages_alike_whether_its_matches_are_few_or_many(app: TestApp) {
        // The list pages a search with few matches (up to 2,000: `store::participant_list`) from
        // its matches, and one with more by walking the unit's name index. Both must give the same
        // order, paging, totals and visibility of protected people.
        let unit = app.create_unit("Enhet P").await;
        let worker = app.login_as("caseworker", &[&unit]).await;
        let colleague = app.login_as("caseworker", &[&unit]).await;
        let manager = app.login_as("manager", &[&unit]).await;
        let mut csv = String::from(
            "external_id;first_name;last_name;gender;unit_id;housing_situation;main_substance;income_source;protected_identity\n",
        );
        // 2,100 people named "Mängd 0000" … "Mängd 2099"; every seventh (300) is "Fåtal".
        for i in 0..2_100 {
            let first = if i % 7 == 0 { "Fåtal" } else { "Många" };
            csv.push_str(&format!("P-{i};{first};Mängd {i:04};woman;{unit};shelter;alcohol;salary;nej\n"));
        }
        let res = app.client.post(app.url("/api/v1/imports/participants")).bearer_auth(&worker.token)
            .header("content-type", "text/csv").body(csv).send().await.unwrap();
        assert_eq!(res.status(), StatusCode::CREATED, "{}", res.text().await.unwrap());
        // Protected people sort after the numbered ones; each caseworker sees only their own.
        for (owner, last) in [(&worker, "Mängd Skyddad"), (&colleague, "Mängd Dold")] {
            app.create_participant(&owner.token, &participant_body(&unit, json!({"first_name": "Fåtal",
                "last_name": last, "protected_identity": true, "responsible_caseworker_id": owner.staff_id}))).await;
        }
        let names = |v: &Value| v["items"].as_array().unwrap().iter()
            .map(|p| p["last_name"].as_str().unwrap().to_owned()).collect::<Vec<_>>();
        let list = |token: String, query: String| {
            let app = &app;
            async move {
                let res = app.get(&format!("/api/v1/participants?{query}"), &token).await;
                assert_eq!(res.status(), StatusCode::OK, "{query}");
                res.json::<Value>().await.unwrap()
            }
        };
        for term in ["m%C3%A4ngd", "f%C3%A5tal"] {
            let many = term.starts_with('m');
            let matching = if many { 2_100 } else { 300 };
            for (session, total) in [(&worker, matching + 1), (&colleague, matching + 1), (&manager, matching + 2)] {
                let first = list(session.token.clone(), format!("q={term}&limit=3")).await;
                assert_eq!(first["total"], total, "{term} {}", session.username);
                let step = if many { 1 } else { 7 };
                assert_eq!(names(&first), (0..3).map(|k| format!("Mängd {:04}", k * step)).collect::<Vec<_>>(), "{term}");
                let last = list(session.token.clone(), format!("q={term}&limit=50&offset={}", matching - 2)).await;
                let tail: Vec<String> = names(&last);
                let own = if session.username == colleague.username { vec!["Mängd Dold"] }
                    else if session.username == worker.username { vec!["Mängd Skyddad"] }
                    else { vec!["Mängd Dold", "Mängd Skyddad"] };
                let mut expected = vec![format!("Mängd {:04}", 2_100 - 2 * step), format!("Mängd {:04}", 2_100 - step)];
                expected.extend(own.iter().map(|s| s.to_string()));
                assert_eq!(tail, expected, "{term} {}", session.username);
                let desc = list(session.token.clone(), format!("q={term}&limit=2&sort=-last_name")).await;
                assert_eq!(names(&desc)[0], *own.last().unwrap(), "{term}");
            }
        }
    }

    async fn a_search_follows_every_change_to_a_participant(app: TestApp) {
        // PostgreSQL searches a copy of the filtered columns kept by triggers (migration 000026):
        // every change a search or filter can see must reach it in the same request.
        let unit = app.create_unit("Enhet S").await;
        let other_unit = app.create_unit("Enhet T").await;
        let worker = app.login_as("caseworker", &[&unit, &other_unit]).await;
        let colleague = app.login_as("caseworker", &[&unit, &other_unit]).await;
        let p = app.create_participant(&worker.token, &participant_body(&unit, json!({
            "first_name": "Kalle", "last_name": "Ankdamm", "responsible_caseworker_id": worker.staff_id}))).await;
        let url = format!("/api/v1/participants/{}", p["id"].as_str().unwrap());
        let total = |token: String, query: &'static str| {
            let app = &app;
            async move {
                let res = app.get(&format!("/api/v1/participants?{query}"), &token).await;
                assert_eq!(res.status(), StatusCode::OK, "{query}");
                res.json::<Value>().await.unwrap()["total"].as_i64().unwrap()
            }
        };
        assert_eq!(total(worker.token.clone(), "q=ankdamm").await, 1);

        // Renamed and moved to the other unit in one edit.
        let mut edit = participant_body(&other_unit, json!({"first_name": "Kalle", "last_name": "Gåsström",
            "responsible_caseworker_id": worker.staff_id}));
        edit["version"] = json!(1);
        assert_eq!(app.put(&url, &worker.token, &edit).await.status(), StatusCode::OK);
        assert_eq!(total(worker.token.clone(), "q=ankdamm").await, 0);
        assert_eq!(total(worker.token.clone(), "q=g%C3%A5sstr%C3%B6m").await, 1);
        assert_eq!(total(worker.token.clone(), "q=kalle&limit=1").await, 1);
        let in_other = format!("unit_id={other_unit}&q=kalle");
        let res: Value = app.get(&format!("/api/v1/participants?{in_other}"), &worker.token).await.json().await.unwrap();
        assert_eq!(res["total"], 1);
        let res: Value = app.get(&format!("/api/v1/participants?unit_id={unit}&q=kalle"), &worker.token).await.json().await.unwrap();
        assert_eq!(res["total"], 0);

        // Protected identity: the colleague (not assigned) no longer finds them; the worker does.
        assert_eq!(total(colleague.token.clone(), "q=kalle").await, 1);
        let mut protect = edit.clone();
        protect["protected_identity"] = json!(true);
        protect["version"] = json!(2);
        assert_eq!(app.put(&url, &worker.token, &protect).await.status(), StatusCode::OK);
        assert_eq!(total(colleague.token.clone(), "q=kalle").await, 0);
        assert_eq!(total(worker.token.clone(), "q=kalle").await, 1);

        // Closed: found by status.
        let res = app.post(&format!("{url}/close"), &worker.token, &json!({"version": 3})).await;
        assert_eq!(res.status(), StatusCode::OK);
        assert_eq!(total(worker.token.clone(), "q=kalle&status=closed").await, 1);
        assert_eq!(total(worker.token.clone(), "q=kalle&status=active").await, 0);
        assert_eq!(total(worker.token.clone(), "status=closed").await, 1);
    }

    async fn stale_or_missing_versions_never_overwrite(app: TestApp) {
        let unit = app.create_unit("Enhet V").await;
        let worker = app.login_as("caseworker", &[&unit]).await;
        let p = app.create_participant(&worker.token, &participant_body(&unit, json!({}))).await;
        let url = format!("/api/v1/participants/{}", p["id"].as_str().unwrap());

        let mut first = participant_body(&unit, json!({"first_name": "Först"}));
        first["version"] = json!(1);
        assert_eq!(app.put(&url, &worker.token, &first).await.status(), StatusCode::OK);

        let mut second = participant_body(&unit, json!({"first_name": "Sist"}));
        second["version"] = json!(1);
        let problem = assert_problem(app.put(&url, &worker.token, &second).await, 412).await;
        assert_eq!(problem["current_version"], 2);

        let no_version = participant_body(&unit, json!({"first_name": "Utan"}));
        assert_problem(app.put(&url, &worker.token, &no_version).await, 428).await;

        // If-Match works in place of the body's version.
        let res = app.client.put(app.url(&url)).bearer_auth(&worker.token).header("If-Match", "\"1\"").json(&no_version).send().await.unwrap();
        assert_problem(res, 412).await;
        let res = app.client.put(app.url(&url)).bearer_auth(&worker.token).header("If-Match", "\"2\"").json(&no_version).send().await.unwrap();
        assert_eq!(res.status(), StatusCode::OK);

        let now: Value = app.get(&url, &worker.token).await.json().await.unwrap();
        assert_eq!(now["first_name"], "Utan");
        assert_eq!(now["version"], 3);
    }
}
