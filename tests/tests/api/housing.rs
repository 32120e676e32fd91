use reqwest::StatusCode;
use serde_json::{Value, json};
use stegvis_tests::*;

async fn created(res: reqwest::Response) -> Value {
    let status = res.status();
    let text = res.text().await.unwrap();
    assert_eq!(status, StatusCode::CREATED, "{text}");
    serde_json::from_str(&text).unwrap()
}

async fn ok(res: reqwest::Response) -> Value {
    let status = res.status();
    let text = res.text().await.unwrap();
    assert_eq!(status, StatusCode::OK, "{text}");
    serde_json::from_str(&text).unwrap()
}

fn id(v: &Value) -> String {
    v["id"].as_str().unwrap().to_owned()
}

async fn apartment(app: &TestApp, token: &str, unit: &str, kind: &str, address: &str) -> Value {
    created(
        app.post(
            "/api/v1/apartments",
            token,
            &json!({"unit_id": unit, "address": address, "kind": kind,
        "landlord": "Fiktiva Bostäder AB", "rooms": 1, "size_sqm": 30.5, "monthly_rent": 4500}),
        )
        .await,
    )
    .await
}

both_backends! {
    async fn tenancy_flow_ladder_follow_ups_and_takeover(app: TestApp) {
        let unit = app.create_unit("Boende").await;
        let coordinator = app.login_as("housing_coordinator", &[&unit]).await;
        let worker = app.login_as("caseworker", &[&unit]).await;
        let p = app.create_participant(&worker.token, &participant_body(&unit, json!({"housing_situation": "shelter"}))).await;
        let pid = id(&p);
        let site = created(app.post("/api/v1/housing-sites", &coordinator.token, &json!({"unit_id": unit, "name": "Gläntan"})).await).await;
        let apt = created(app.post("/api/v1/apartments", &coordinator.token, &json!({"unit_id": unit, "site_id": site["id"],
            "address": "Exempelgatan 1", "kind": "training_apartment", "monthly_rent": 4200})).await).await;
        assert_eq!(apt["status"], "available");

        // Staff record an earlier change, then the tenancy starts.
        created(app.post(&format!("/api/v1/housing-ladder/{pid}/changes"), &worker.token,
            &json!({"situation": "shelter", "from_date": "2012-01-01"})).await).await;
        let t = created(app.post("/api/v1/tenancies", &coordinator.token,
            &json!({"participant_id": pid, "apartment_id": apt["id"], "move_in_on": "2012-03-01"})).await).await;
        assert_eq!(t["planned_takeover_on"], "2013-09-01");
        let tid = id(&t);
        let apt_now = ok(app.get(&format!("/api/v1/apartments/{}", id(&apt)), &coordinator.token).await).await;
        assert_eq!(apt_now["status"], "occupied");
        let person = ok(app.get(&format!("/api/v1/participants/{pid}"), &worker.token).await).await;
        assert_eq!(person["housing_situation"], "training_apartment");

        let ladder = ok(app.get(&format!("/api/v1/housing-ladder/{pid}"), &worker.token).await).await;
        assert_eq!(ladder["current_step"], "training_apartment");
        assert_eq!(ladder["days_homeless"], 60);
        assert_eq!(ladder["changes"].as_array().unwrap().len(), 2);
        assert_eq!(ladder["national_survey_situation"], 3);

        let fu = ok(app.get(&format!("/api/v1/housing-follow-ups?participant_id={pid}"), &worker.token).await).await;
        let dues: Vec<_> = fu["items"].as_array().unwrap().iter().map(|f| (f["kind"].as_str().unwrap().to_owned(), f["due_on"].as_str().unwrap().to_owned())).collect();
        assert_eq!(dues, [("before_move_in".into(), "2012-03-01".into()), ("six_months".into(), "2012-09-01".into()), ("takeover".into(), "2013-09-01".into())]);

        // Moving the planned takeover moves the follow-up.
        let t = ok(app.put(&format!("/api/v1/tenancies/{tid}"), &coordinator.token, &json!({"version": 1, "planned_takeover_on": "2013-10-01"})).await).await;
        assert_eq!(t["version"], 2);
        let fu = ok(app.get(&format!("/api/v1/housing-follow-ups?participant_id={pid}"), &worker.token).await).await;
        assert_eq!(fu["items"][2]["due_on"], "2013-10-01");

        // Housing support records the follow-up result.
        let support = app.login_as("housing_support", &[&unit]).await;
        let first = fu["items"][0].clone();
        let done = ok(app.put(&format!("/api/v1/housing-follow-ups/{}", id(&first)), &support.token,
            &json!({"version": 1, "done_on": "2012-03-01", "housing_cost": 4200, "income_source": "financial_assistance", "debts": 20000})).await).await;
        assert_eq!(done["done_on"], "2012-03-01");
        assert_eq!(done["overdue"], false);
        let bad = app.put(&format!("/api/v1/housing-follow-ups/{}", id(&first)), &support.token,
            &json!({"version": 2, "done_on": "2012-03-01", "housing_cost": -1})).await;
        assert_eq!(error_fields(&assert_problem(bad, 422).await), ["housing_cost"]);

        // Takeover before move-in: 422, nothing written.
        let bad = app.post(&format!("/api/v1/tenancies/{tid}/take-over"), &coordinator.token, &json!({"version": 2, "taken_over_on": "2012-01-01"})).await;
        assert_eq!(error_fields(&assert_problem(bad, 422).await), ["taken_over_on"]);
        let t = ok(app.post(&format!("/api/v1/tenancies/{tid}/take-over"), &coordinator.token, &json!({"version": 2, "taken_over_on": "2013-08-15"})).await).await;
        assert_eq!(t["move_out_reason"], "took_over_lease");
        assert_eq!(t["moved_out_on"], "2013-08-15");
        let fu = ok(app.get(&format!("/api/v1/housing-follow-ups?participant_id={pid}"), &worker.token).await).await;
        assert_eq!(fu["items"][2]["due_on"], "2013-08-15");
        let person = ok(app.get(&format!("/api/v1/participants/{pid}"), &worker.token).await).await;
        assert_eq!(person["housing_situation"], "own_lease");
        let apt_now = ok(app.get(&format!("/api/v1/apartments/{}", id(&apt)), &coordinator.token).await).await;
        assert_eq!(apt_now["status"], "returned");
        let again = app.post(&format!("/api/v1/tenancies/{tid}/take-over"), &coordinator.token, &json!({"version": 3, "taken_over_on": "2013-08-15"})).await;
        assert_problem(again, 409).await;

        let audit = app.audit_of(&pid).await;
        assert!(audit.iter().any(|e| e["resource_type"] == "tenancy" && e["action"] == "create"));
        assert!(audit.iter().any(|e| e["resource_type"] == "housing_ladder" && e["action"] == "read"));
    }

    async fn overlapping_tenancies_are_refused_with_the_conflict(app: TestApp) {
        let unit = app.create_unit("Boende O").await;
        let coordinator = app.login_as("housing_coordinator", &[&unit]).await;
        let worker = app.login_as("caseworker", &[&unit]).await;
        let a = id(&app.create_participant(&worker.token, &participant_body(&unit, json!({}))).await);
        let b = id(&app.create_participant(&worker.token, &participant_body(&unit, json!({"first_name": "Bertil"}))).await);
        let apt1 = id(&apartment(&app, &coordinator.token, &unit, "trial_apartment", "Gatan 1").await);
        let apt2 = id(&apartment(&app, &coordinator.token, &unit, "trial_apartment", "Gatan 2").await);
        let first = created(app.post("/api/v1/tenancies", &coordinator.token, &json!({"participant_id": a, "apartment_id": apt1, "move_in_on": "2012-01-01"})).await).await;

        // Same apartment, someone else.
        let res = app.post("/api/v1/tenancies", &coordinator.token, &json!({"participant_id": b, "apartment_id": apt1, "move_in_on": "2012-06-01"})).await;
        assert_eq!(assert_problem(res, 409).await["existing_id"], first["id"]);
        // Same person, another apartment.
        let res = app.post("/api/v1/tenancies", &coordinator.token, &json!({"participant_id": a, "apartment_id": apt2, "move_in_on": "2012-06-01"})).await;
        assert_eq!(assert_problem(res, 409).await["existing_id"], first["id"]);
        assert_eq!(count_rows(&app.db, "tenancies"), 1);
        assert_eq!(count_rows(&app.db, "housing_follow_ups"), 3);

        // Move-out before move-in: 422.
        let url = format!("/api/v1/tenancies/{}/move-out", id(&first));
        let res = app.post(&url, &coordinator.token, &json!({"version": 1, "moved_out_on": "2011-12-31", "reason": "moved_on"})).await;
        assert_eq!(error_fields(&assert_problem(res, 422).await), ["moved_out_on"]);
        // Planned takeover before move-in: 422.
        let res = app.post("/api/v1/tenancies", &coordinator.token, &json!({"participant_id": b, "apartment_id": apt2, "move_in_on": "2012-06-01", "planned_takeover_on": "2012-05-01"})).await;
        assert_eq!(error_fields(&assert_problem(res, 422).await), ["planned_takeover_on"]);
        assert_eq!(count_rows(&app.db, "tenancies"), 1);

        let ended = ok(app.post(&url, &coordinator.token, &json!({"version": 1, "moved_out_on": "2012-05-01", "reason": "relapse", "housing_situation_after": "institution"})).await).await;
        assert_eq!(ended["move_out_reason"], "relapse");
        // The day of move-out is free for the next tenant.
        created(app.post("/api/v1/tenancies", &coordinator.token, &json!({"participant_id": b, "apartment_id": apt1, "move_in_on": "2012-05-01"})).await).await;
        // But not a stay that reaches back into the ended one.
        let res = app.post("/api/v1/tenancies", &coordinator.token, &json!({"participant_id": a, "apartment_id": apt2, "move_in_on": "2012-04-01"})).await;
        assert_eq!(assert_problem(res, 409).await["existing_id"], first["id"]);
        let person = ok(app.get(&format!("/api/v1/participants/{a}"), &worker.token).await).await;
        assert_eq!(person["housing_situation"], "institution");

        // Bad apartment input: every field reported, nothing written.
        let res = app.post("/api/v1/apartments", &coordinator.token, &json!({"unit_id": unit, "address": " ", "kind": "trial_apartment", "monthly_rent": -5, "rooms": 0})).await;
        assert_eq!(error_fields(&assert_problem(res, 422).await), ["address", "rooms", "monthly_rent"]);
        assert_eq!(count_rows(&app.db, "apartments"), 2);
    }

    async fn queue_positions_transitions_and_summary(app: TestApp) {
        let unit = app.create_unit("Kö").await;
        let coordinator = app.login_as("housing_coordinator", &[&unit]).await;
        let worker = app.login_as("caseworker", &[&unit]).await;
        let mut people = Vec::new();
        for (i, joined) in ["2010-05-01", "2008-10-31", "2011-01-01"].iter().enumerate() {
            let p = app.create_participant(&worker.token, &participant_body(&unit, json!({"first_name": format!("Köande {i}"), "responsible_caseworker_id": worker.staff_id}))).await;
            let e = created(app.post("/api/v1/queue-entries", &worker.token, &json!({"participant_id": p["id"], "wish": "trial_apartment", "joined_on": joined})).await).await;
            people.push((id(&p), e));
        }
        // Already in the queue: 409 pointing at the entry.
        let res = app.post("/api/v1/queue-entries", &coordinator.token, &json!({"participant_id": people[0].0, "wish": "training_apartment"})).await;
        assert_eq!(assert_problem(res, 409).await["existing_id"], people[0].1["id"]);
        // Not ready without a reason: 422.
        let p = app.create_participant(&worker.token, &participant_body(&unit, json!({"first_name": "Ej redo"}))).await;
        let res = app.post("/api/v1/queue-entries", &coordinator.token, &json!({"participant_id": p["id"], "wish": "trial_apartment", "ready": false, "priority": 7})).await;
        assert_eq!(error_fields(&assert_problem(res, 422).await), ["priority", "not_ready_reason"]);
        assert_eq!(count_rows(&app.db, "queue_entries"), 3);

        let list = ok(app.get(&format!("/api/v1/queue-entries?unit_id={unit}"), &coordinator.token).await).await;
        let order: Vec<_> = list["items"].as_array().unwrap().iter().map(|e| (e["joined_on"].as_str().unwrap().to_owned(), e["position"].as_i64().unwrap())).collect();
        assert_eq!(order, [("2008-10-31".into(), 1), ("2010-05-01".into(), 2), ("2011-01-01".into(), 3)]);
        assert!(list["items"][0]["waiting_days"].as_i64().unwrap() > 5000);
        let summary = ok(app.get(&format!("/api/v1/queue-entries/summary?unit_id={unit}"), &coordinator.token).await).await;
        assert_eq!(summary["longest_waiting_since"], "2008-10-31");
        assert_eq!(summary["waiting"], 3);

        let e0 = format!("/api/v1/queue-entries/{}", id(&people[0].1));
        // Caseworkers may add entries but not move people along the queue.
        assert_problem(app.post(&format!("{e0}/notify"), &worker.token, &json!({"version": 1})).await, 403).await;
        let n = ok(app.post(&format!("{e0}/notify"), &coordinator.token, &json!({"version": 1, "notified_on": "2012-03-01"})).await).await;
        assert_eq!(n["status"], "notified");
        assert_eq!(n["position"], Value::Null);
        assert_problem(app.post(&format!("{e0}/notify"), &coordinator.token, &json!({"version": 2})).await, 409).await;
        let apt = id(&apartment(&app, &coordinator.token, &unit, "trial_apartment", "Kögatan 3").await);
        let m = ok(app.post(&format!("{e0}/move-in"), &coordinator.token, &json!({"version": 2, "apartment_id": apt, "move_in_on": "2012-04-01"})).await).await;
        assert_eq!(m["status"], "moved_in");
        assert!(m["tenancy_id"].is_string());
        assert_eq!(count_rows(&app.db, "tenancies"), 1);

        let e1 = format!("/api/v1/queue-entries/{}", id(&people[1].1));
        let r = ok(app.post(&format!("{e1}/remove"), &coordinator.token, &json!({"version": 1, "reason": "own_solution", "removed_on": "2012-05-01"})).await).await;
        assert_eq!(r["removal_reason"], "own_solution");
        // Notifying someone no longer in the queue: 409, nothing changed.
        assert_problem(app.post(&format!("{e1}/notify"), &coordinator.token, &json!({"version": 2})).await, 409).await;
        let still = ok(app.get(&e1, &coordinator.token).await).await;
        assert_eq!(still["status"], "removed");
        let last = ok(app.get(&format!("/api/v1/queue-entries/{}", id(&people[2].1)), &coordinator.token).await).await;
        assert_eq!(last["position"], 1);

        let audit = app.audit_of(&people[0].0).await;
        assert!(audit.iter().any(|e| e["resource_type"] == "queue_entry" && e["action"] == "create"));
        assert!(audit.iter().any(|e| e["resource_type"] == "queue_entry" && e["action"] == "list"));
    }

    async fn random_draw_is_reproducible_from_its_seed(app: TestApp) {
        let unit = app.create_unit("Lottning").await;
        let coordinator = app.login_as("housing_coordinator", &[&unit]).await;
        let worker = app.login_as("caseworker", &[&unit]).await;
        let mut candidates = Vec::new();
        for i in 0..8 {
            let p = app.create_participant(&worker.token, &participant_body(&unit, json!({"first_name": format!("Lott {i}")}))).await;
            let joined = format!("2009-0{}-15", 1 + i % 3);
            let e = created(app.post("/api/v1/queue-entries", &coordinator.token, &json!({"participant_id": p["id"], "wish": "training_apartment", "joined_on": joined})).await).await;
            candidates.push(domain::queue::DrawCandidate { id: id(&e), joined_on: joined.parse().unwrap() });
        }
        // More than are waiting: 422 naming size, nothing written.
        let res = app.post("/api/v1/queue-draws", &coordinator.token, &json!({"unit_id": unit, "size": 9, "seed": 42})).await;
        assert_eq!(error_fields(&assert_problem(res, 422).await), ["size"]);
        assert_eq!(count_rows(&app.db, "queue_draws"), 0);
        // Caseworkers do not draw.
        assert_problem(app.post("/api/v1/queue-draws", &worker.token, &json!({"unit_id": unit, "size": 3})).await, 403).await;

        let first = created(app.post("/api/v1/queue-draws", &coordinator.token, &json!({"unit_id": unit, "size": 3, "seed": 42})).await).await;
        let second = created(app.post("/api/v1/queue-draws", &coordinator.token, &json!({"unit_id": unit, "size": 3, "seed": 42})).await).await;
        let members = |d: &Value| d["members"].as_array().unwrap().iter().map(|m| m["queue_entry_id"].as_str().unwrap().to_owned()).collect::<Vec<_>>();
        let expected = domain::queue::draw(&candidates, 3, 42).unwrap();
        assert_eq!(members(&first), expected, "the API draws what the pure function draws");
        assert_eq!(members(&second), expected);
        assert_eq!(first["seed"], 42);
        assert_eq!(first["eligible"], 8);
        let fetched = ok(app.get(&format!("/api/v1/queue-draws/{}", id(&first)), &coordinator.token).await).await;
        assert_eq!(members(&fetched), expected);
        // Without a seed the server picks one and records it.
        let auto = created(app.post("/api/v1/queue-draws", &coordinator.token, &json!({"unit_id": unit, "size": 2})).await).await;
        let seed = auto["seed"].as_u64().unwrap();
        assert_eq!(members(&auto), domain::queue::draw(&candidates, 2, seed).unwrap());
        let drawn_pid = first["members"][0]["participant_id"].as_str().unwrap();
        let audit = app.audit_of(drawn_pid).await;
        assert!(audit.iter().any(|e| e["action"] == "draw"));
    }

    async fn occupancy_board_scopes_units_and_hides_protected_identities(app: TestApp) {
        let unit = app.create_unit("Tavlan").await;
        let other = app.create_unit("Annan").await;
        let coordinator = app.login_as("housing_coordinator", &[&unit]).await;
        let manager = app.login_as("manager", &[&unit]).await;
        let worker = app.login_as("caseworker", &[&unit]).await;
        let outsider = app.login_as("housing_coordinator", &[&other]).await;
        let open = app.create_participant(&worker.token, &participant_body(&unit, json!({"first_name": "Öppen"}))).await;
        let hidden = app.create_participant(&worker.token, &participant_body(&unit, json!({"first_name": "Dold", "protected_identity": true, "responsible_caseworker_id": worker.staff_id}))).await;
        let a1 = apartment(&app, &coordinator.token, &unit, "supported_housing", "A 1").await;
        let a2 = apartment(&app, &coordinator.token, &unit, "supported_housing", "A 2").await;
        apartment(&app, &coordinator.token, &unit, "supported_housing", "A 3").await;
        // The coordinator cannot see the protected person, so the manager lets them in.
        created(app.post("/api/v1/tenancies", &coordinator.token, &json!({"participant_id": open["id"], "apartment_id": a1["id"], "move_in_on": "2012-01-01"})).await).await;
        assert_problem(app.post("/api/v1/tenancies", &coordinator.token, &json!({"participant_id": hidden["id"], "apartment_id": a2["id"], "move_in_on": "2012-01-01"})).await, 404).await;
        created(app.post("/api/v1/tenancies", &manager.token, &json!({"participant_id": hidden["id"], "apartment_id": a2["id"], "move_in_on": "2012-02-01"})).await).await;
        created(app.post("/api/v1/risk-events", &manager.token, &json!({"participant_id": open["id"], "kind": "disturbance_complaint", "occurred_on": "2012-03-01"})).await).await;

        let board = ok(app.get("/api/v1/apartments/occupancy", &coordinator.token).await).await;
        assert_eq!(board["total"], 3);
        let by_address = |b: &Value, a: &str| b["items"].as_array().unwrap().iter().find(|i| i["apartment"]["address"] == a).unwrap().clone();
        assert_eq!(by_address(&board, "A 1")["resident_name"], "Öppen Testsson");
        assert_eq!(by_address(&board, "A 1")["risk_flag"], true);
        assert_eq!(by_address(&board, "A 2")["resident_name"], "skyddad");
        assert_eq!(by_address(&board, "A 2")["participant_id"], Value::Null);
        assert_eq!(by_address(&board, "A 2")["since"], "2012-02-01");
        assert_eq!(by_address(&board, "A 3")["resident_name"], Value::Null);
        let board = ok(app.get("/api/v1/apartments/occupancy", &manager.token).await).await;
        assert_eq!(by_address(&board, "A 2")["resident_name"], "Dold Testsson");

        // Another unit sees nothing and may not write.
        let theirs = ok(app.get("/api/v1/apartments/occupancy", &outsider.token).await).await;
        assert_eq!(theirs["total"], 0);
        assert_problem(app.get(&format!("/api/v1/apartments/{}", id(&a1)), &outsider.token).await, 403).await;
        assert_problem(app.get(&format!("/api/v1/apartments/occupancy?unit_id={unit}"), &outsider.token).await, 403).await;
        assert_problem(app.get(&format!("/api/v1/housing-ladder/{}", id(&open)), &outsider.token).await, 403).await;
        // Caseworkers read but do not change the inventory.
        assert_problem(app.post("/api/v1/apartments", &worker.token, &json!({"unit_id": unit, "address": "X", "kind": "group_home"})).await, 403).await;
        let audit = app.audit_of(&id(&open)).await;
        assert!(audit.iter().any(|e| e["action"] == "list" && e["resource_type"] == "participant"));
        assert!(audit.iter().any(|e| e["outcome"] == "denied" && e["actor_id"] == outsider.staff_id.as_str()));
    }

    async fn housing_support_caseload_limit_needs_an_override(app: TestApp) {
        let unit = app.create_unit("Stöd").await;
        let coordinator = app.login_as("housing_coordinator", &[&unit]).await;
        let manager = app.login_as("manager", &[&unit]).await;
        let worker = app.login_as("caseworker", &[&unit]).await;
        let support = app.login_as("housing_support", &[&unit]).await;
        let limit = ok(app.put(&format!("/api/v1/caseload-limits/{}", support.staff_id), &manager.token, &json!({"min_caseload": 1, "max_caseload": 2})).await).await;
        assert_eq!(limit["max_caseload"], 2);
        assert_problem(app.put(&format!("/api/v1/caseload-limits/{}", support.staff_id), &coordinator.token, &json!({"min_caseload": 1, "max_caseload": 2})).await, 403).await;
        let mut ids = Vec::new();
        for i in 0..3 {
            ids.push(id(&app.create_participant(&worker.token, &participant_body(&unit, json!({"first_name": format!("Stöd {i}")}))).await));
        }
        for p in &ids[..2] {
            let a = created(app.post("/api/v1/housing-support-assignments", &coordinator.token, &json!({"participant_id": p, "staff_id": support.staff_id, "start_on": "2012-01-01"})).await).await;
            assert_eq!(a["over_caseload_limit"], false);
        }
        let res = app.post("/api/v1/housing-support-assignments", &coordinator.token, &json!({"participant_id": ids[2], "staff_id": support.staff_id, "start_on": "2012-01-01"})).await;
        assert_problem(res, 409).await;
        let a = created(app.post("/api/v1/housing-support-assignments", &coordinator.token, &json!({"participant_id": ids[2], "staff_id": support.staff_id, "start_on": "2012-01-01", "override_caseload_limit": true})).await).await;
        assert_eq!(a["over_caseload_limit"], true);
        let load = ok(app.get(&format!("/api/v1/caseload-limits/{}", support.staff_id), &support.token).await).await;
        assert_eq!(load["current"], 3);
        assert_eq!(load["over_maximum"], true);
        // Housing support records and resolves risk events; caseworkers only read them.
        assert_problem(app.post("/api/v1/risk-events", &worker.token, &json!({"participant_id": ids[0], "kind": "unpaid_rent", "occurred_on": "2012-02-01"})).await, 403).await;
        let e = created(app.post("/api/v1/risk-events", &support.token, &json!({"participant_id": ids[0], "kind": "unpaid_rent", "occurred_on": "2012-02-01"})).await).await;
        let bad = app.post(&format!("/api/v1/risk-events/{}/resolve", id(&e)), &support.token, &json!({"version": 1, "resolved_on": "2012-01-01"})).await;
        assert_eq!(error_fields(&assert_problem(bad, 422).await), ["resolved_on"]);
        let r = ok(app.post(&format!("/api/v1/risk-events/{}/resolve", id(&e)), &support.token, &json!({"version": 1, "resolved_on": "2012-02-10", "resolution": "Avbetalningsplan"})).await).await;
        assert_eq!(r["resolved_on"], "2012-02-10");
        let list = ok(app.get(&format!("/api/v1/risk-events?participant_id={}", ids[0]), &worker.token).await).await;
        assert_eq!(list["total"], 1);
    }
}

both_backends! {
    async fn demo_data_has_a_site_a_queue_and_every_ladder_step(app: TestApp) {
        // The demo loads only at start, so start a second server on the same kind of backend.
        let backend = app.backend;
        drop(app);
        let app = TestApp::spawn_with(backend, |c| c.demo = true).await;
        let sara = app.login("sara.bosamordnare", stegvis::demo::DEMO_PASSWORD).await;
        let sites = ok(app.get("/api/v1/housing-sites", &sara.token).await).await;
        assert_eq!(sites["total"], 1);
        let board = ok(app.get("/api/v1/apartments/occupancy", &sara.token).await).await;
        let lived_in = board["items"].as_array().unwrap().iter().filter(|i| i["resident_name"].is_string()).count();
        assert!(lived_in >= 3, "{board}");
        let queue = ok(app.get("/api/v1/queue-entries?status=waiting", &sara.token).await).await;
        assert!(queue["total"].as_i64().unwrap() >= 3);
        let erik = app.login("erik.chef", stegvis::demo::DEMO_PASSWORD).await;
        let people = ok(app.get("/api/v1/participants?limit=500&status=active", &erik.token).await).await;
        let mut steps = std::collections::BTreeSet::new();
        for p in people["items"].as_array().unwrap() {
            let ladder = ok(app.get(&format!("/api/v1/housing-ladder/{}", p["id"].as_str().unwrap()), &erik.token).await).await;
            if let Some(step) = ladder["current_step"].as_str() {
                steps.insert(step.to_owned());
            }
        }
        assert_eq!(steps.len(), 5, "{steps:?}");
    }
}
