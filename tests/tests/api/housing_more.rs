//! Housing, continued: search cases, temporary stays and their tertial costs, the housing course,
//! the caseload overview, protected members of a draw, stale writes and concurrent tenancies.

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

both_backends! {
    async fn housing_search_case_from_referral_to_regular_housing(app: TestApp) {
        let unit = app.create_unit("Bostadssök").await;
        let other = app.create_unit("Annan enhet").await;
        let worker = app.login_as("caseworker", &[&unit]).await;
        let coordinator = app.login_as("housing_coordinator", &[&unit]).await;
        let consultant = app.login_as("work_consultant", &[&unit]).await;
        let outsider = app.login_as("caseworker", &[&other]).await;
        let manager = app.login_as("manager", &[&unit]).await;
        let p = id(&app.create_participant(&worker.token, &participant_body(&unit, json!({"first_name": "Sökande"}))).await);
        let hidden = id(&app.create_participant(&manager.token, &participant_body(&unit, json!({"first_name": "Skyddad", "protected_identity": true}))).await);

        // Bad input: every field reported, nothing written.
        let res = app.post("/api/v1/housing-search-cases", &worker.token, &json!({"participant_id": p, "referring_unit": "  ", "target_group": "young_adult", "opened_on": "2999-01-01"})).await;
        assert_eq!(error_fields(&assert_problem(res, 422).await), ["referring_unit", "opened_on"]);
        let res = app.post("/api/v1/housing-search-cases", &worker.token, &json!({"participant_id": p, "referring_unit": "Vuxen", "target_group": "pensioner"})).await;
        assert_eq!(error_fields(&assert_problem(res, 422).await), ["target_group"]);
        // Roles, units and protected identities.
        assert_problem(app.post("/api/v1/housing-search-cases", &consultant.token, &json!({"participant_id": p, "referring_unit": "Vuxen", "target_group": "young_adult"})).await, 403).await;
        assert_problem(app.post("/api/v1/housing-search-cases", &outsider.token, &json!({"participant_id": p, "referring_unit": "Vuxen", "target_group": "young_adult"})).await, 403).await;
        assert_problem(app.post("/api/v1/housing-search-cases", &worker.token, &json!({"participant_id": hidden, "referring_unit": "Vuxen", "target_group": "woman_subjected_to_violence"})).await, 404).await;
        assert_eq!(count_rows(&app.db, "housing_search_cases"), 0);

        let c = created(app.post("/api/v1/housing-search-cases", &worker.token, &json!({"participant_id": p, "referring_unit": "Ekonomiskt bistånd", "target_group": "young_adult", "opened_on": "2012-03-01"})).await).await;
        assert_eq!(c["status"], "open");
        assert_eq!(c["actions"], json!([]));
        let url = format!("/api/v1/housing-search-cases/{}", id(&c));
        // A protected person's case, opened by the manager, is not visible to the coordinator.
        let hc = created(app.post("/api/v1/housing-search-cases", &manager.token, &json!({"participant_id": hidden, "referring_unit": "Kvinnofridsenheten", "target_group": "woman_subjected_to_violence", "opened_on": "2012-02-01"})).await).await;
        assert_problem(app.get(&format!("/api/v1/housing-search-cases/{}", id(&hc)), &coordinator.token).await, 404).await;
        assert_problem(app.get(&url, &outsider.token).await, 403).await;

        // Actions: before the case opened is 422, nothing written.
        let res = app.post(&format!("{url}/actions"), &coordinator.token, &json!({"kind": "prepared_calls", "done_on": "2012-02-01"})).await;
        assert_eq!(error_fields(&assert_problem(res, 422).await), ["done_on"]);
        let res = app.post(&format!("{url}/actions"), &coordinator.token, &json!({"kind": "bribe", "done_on": "2012-03-02"})).await;
        assert_eq!(error_fields(&assert_problem(res, 422).await), ["kind"]);
        ok(app.post(&format!("{url}/actions"), &coordinator.token, &json!({"kind": "prepared_calls", "done_on": "2012-03-02"})).await).await;
        let c = ok(app.post(&format!("{url}/actions"), &worker.token, &json!({"kind": "housing_agency_registration", "done_on": "2012-03-05", "note": "Bostadsförmedlingen"})).await).await;
        assert_eq!(c["actions"].as_array().unwrap().len(), 2);
        assert_eq!(c["version"], 3);
        assert_problem(app.post(&format!("{url}/actions"), &consultant.token, &json!({"kind": "viewing"})).await, 403).await;

        // Correct the case; a stale version is 412 with the current one.
        let res = app.put(&url, &worker.token, &json!({"version": 1, "referring_unit": "Vuxenenheten", "target_group": "former_lodger", "opened_on": "2012-03-01"})).await;
        assert_eq!(assert_problem(res, 412).await["current_version"], 3);
        let res = app.put(&url, &worker.token, &json!({"version": 3, "referring_unit": "Vuxenenheten", "target_group": "former_lodger", "opened_on": "2012-03-04"})).await;
        assert_eq!(error_fields(&assert_problem(res, 422).await), ["opened_on"]);
        let c = ok(app.put(&url, &worker.token, &json!({"version": 3, "referring_unit": "Vuxenenheten", "target_group": "former_lodger", "opened_on": "2012-03-01"})).await).await;
        assert_eq!(c["target_group"], "former_lodger");

        // Close: an outcome before the case opened is 422 and nothing changes.
        let res = app.post(&format!("{url}/close"), &worker.token, &json!({"version": 4, "outcome": "first_hand_lease", "outcome_on": "2012-02-28"})).await;
        assert_eq!(error_fields(&assert_problem(res, 422).await), ["outcome_on"]);
        assert_eq!(ok(app.get(&url, &worker.token).await).await["status"], "open");
        let closed = ok(app.post(&format!("{url}/close"), &worker.token, &json!({"version": 4, "outcome": "first_hand_lease", "outcome_on": "2012-04-15"})).await).await;
        assert_eq!(closed["status"], "closed");
        assert_eq!(closed["reached_regular_housing"], true);
        assert_eq!(closed["days_to_housing"], 45);
        // Closing twice, or acting on a closed case: 409.
        assert_problem(app.post(&format!("{url}/close"), &worker.token, &json!({"version": 5, "outcome": "none", "outcome_on": "2012-04-16"})).await, 409).await;
        assert_problem(app.post(&format!("{url}/actions"), &worker.token, &json!({"kind": "viewing", "done_on": "2012-04-16"})).await, 409).await;

        // Lists: filters and visibility.
        let all = ok(app.get("/api/v1/housing-search-cases", &manager.token).await).await;
        assert_eq!(all["total"], 2);
        let mine = ok(app.get("/api/v1/housing-search-cases", &coordinator.token).await).await;
        assert_eq!(mine["total"], 1, "the protected case is not listed");
        let open = ok(app.get(&format!("/api/v1/housing-search-cases?unit_id={unit}&status=open"), &manager.token).await).await;
        assert_eq!(open["items"][0]["id"], hc["id"]);
        let closed = ok(app.get("/api/v1/housing-search-cases?open=false&target_group=former_lodger&referring_unit=Vuxenenheten", &manager.token).await).await;
        assert_eq!(closed["total"], 1);
        let none = ok(app.get("/api/v1/housing-search-cases?referring_unit=Okänd", &manager.token).await).await;
        assert_eq!(none["total"], 0);
        assert_problem(app.get(&format!("/api/v1/housing-search-cases?unit_id={other}"), &manager.token).await, 403).await;
        let res = app.get("/api/v1/housing-search-cases?status=open&open=false", &manager.token).await;
        assert_eq!(error_fields(&assert_problem(res, 422).await), ["open"]);

        let audit = app.audit_of(&p).await;
        assert!(audit.iter().any(|e| e["resource_type"] == "housing_search_case" && e["action"] == "create"));
        assert!(audit.iter().any(|e| e["resource_type"] == "housing_search_case" && e["action"] == "close"));
        assert!(audit.iter().any(|e| e["resource_type"] == "housing_search_case" && e["action"] == "list"));
        assert!(audit.iter().any(|e| e["outcome"] == "denied" && e["actor_id"] == outsider.staff_id.as_str()));
    }

    async fn temporary_stays_and_their_cost_per_tertial(app: TestApp) {
        let unit = app.create_unit("Tillfälligt").await;
        let other = app.create_unit("Annan").await;
        let worker = app.login_as("caseworker", &[&unit]).await;
        let support = app.login_as("housing_support", &[&unit]).await;
        let manager = app.login_as("manager", &[&unit]).await;
        let outsider = app.login_as("manager", &[&other]).await;
        let p = id(&app.create_participant(&worker.token, &participant_body(&unit, json!({}))).await);
        let q = id(&app.create_participant(&worker.token, &participant_body(&unit, json!({"first_name": "Kurt"}))).await);
        let hidden = id(&app.create_participant(&manager.token, &participant_body(&unit, json!({"protected_identity": true}))).await);

        // Negative cost and end before start: both reported, nothing written.
        let res = app.post("/api/v1/temporary-stays", &worker.token, &json!({"participant_id": p, "kind": "hotel", "from_date": "2012-04-20", "to_date": "2012-04-10", "cost_per_night": -1})).await;
        assert_eq!(error_fields(&assert_problem(res, 422).await), ["cost_per_night", "to_date"]);
        assert_problem(app.post("/api/v1/temporary-stays", &support.token, &json!({"participant_id": p, "kind": "hotel", "from_date": "2012-04-20", "cost_per_night": 100})).await, 403).await;
        assert_problem(app.post("/api/v1/temporary-stays", &outsider.token, &json!({"participant_id": p, "kind": "hotel", "from_date": "2012-04-20", "cost_per_night": 100})).await, 403).await;
        assert_problem(app.post("/api/v1/temporary-stays", &worker.token, &json!({"participant_id": hidden, "kind": "hotel", "from_date": "2012-04-20", "cost_per_night": 100})).await, 404).await;
        assert_eq!(count_rows(&app.db, "temporary_stays"), 0);

        // 28 April – 3 May at 500: three nights in T1, two in T2.
        let hotel = created(app.post("/api/v1/temporary-stays", &worker.token, &json!({"participant_id": p, "kind": "hotel", "from_date": "2012-04-28", "to_date": "2012-05-03", "cost_per_night": 500, "provider": "Fiktiva Hotellet"})).await).await;
        assert_eq!(hotel["nights"], 5);
        assert_eq!(hotel["cost"], 2500);
        // Overlapping the hotel: 409 pointing at it. Leaving the day the next starts is fine.
        let res = app.post("/api/v1/temporary-stays", &worker.token, &json!({"participant_id": p, "kind": "shelter", "from_date": "2012-05-02", "cost_per_night": 300})).await;
        assert_eq!(assert_problem(res, 409).await["existing_id"], hotel["id"]);
        assert_eq!(count_rows(&app.db, "temporary_stays"), 1);
        let shelter = created(app.post("/api/v1/temporary-stays", &manager.token, &json!({"participant_id": p, "kind": "shelter", "from_date": "2012-05-03", "cost_per_night": 300})).await).await;
        let surl = format!("/api/v1/temporary-stays/{}", id(&shelter));
        // End: before the start is 422; then ending twice is 409.
        let res = app.post(&format!("{surl}/end"), &worker.token, &json!({"version": 1, "to_date": "2012-05-01"})).await;
        assert_eq!(error_fields(&assert_problem(res, 422).await), ["to_date"]);
        let ended = ok(app.post(&format!("{surl}/end"), &worker.token, &json!({"version": 1, "to_date": "2012-09-03"})).await).await;
        assert_eq!(ended["nights"], 123);
        assert_problem(app.post(&format!("{surl}/end"), &worker.token, &json!({"version": 2, "to_date": "2012-09-04"})).await, 409).await;
        // Correcting a stay: stale is 412; moving it onto the hotel is 409.
        let res = app.put(&surl, &worker.token, &json!({"version": 1, "kind": "shelter", "from_date": "2012-05-03", "to_date": "2012-09-03", "cost_per_night": 300})).await;
        assert_eq!(assert_problem(res, 412).await["current_version"], 2);
        let res = app.put(&surl, &worker.token, &json!({"version": 2, "kind": "shelter", "from_date": "2012-04-30", "to_date": "2012-09-03", "cost_per_night": 300})).await;
        assert_eq!(assert_problem(res, 409).await["existing_id"], hotel["id"]);
        let fixed = ok(app.put(&surl, &worker.token, &json!({"version": 2, "kind": "shelter", "from_date": "2012-05-03", "to_date": "2012-09-03", "cost_per_night": 250})).await).await;
        assert_eq!(fixed["cost"], 123 * 250);
        // Someone else's stay may share the nights.
        created(app.post("/api/v1/temporary-stays", &worker.token, &json!({"participant_id": q, "kind": "other", "from_date": "2012-12-30", "to_date": "2013-01-02", "cost_per_night": 100})).await).await;

        let list = ok(app.get(&format!("/api/v1/temporary-stays?participant_id={p}"), &support.token).await).await;
        assert_eq!(list["total"], 2);
        assert_problem(app.get(&format!("/api/v1/temporary-stays?participant_id={p}"), &outsider.token).await, 403).await;

        let costs = ok(app.get(&format!("/api/v1/temporary-stays/costs?unit_id={unit}&year=2012"), &manager.token).await).await;
        let t: Vec<_> = costs["tertials"].as_array().unwrap().iter().map(|t| (t["nights"].as_i64().unwrap(), t["cost"].as_i64().unwrap())).collect();
        // T1: 3 hotel nights. T2: 2 hotel + 121 shelter (3 May – 31 Aug). T3: 2 shelter + 2 other.
        assert_eq!(t, [(3, 1500), (123, 1000 + 121 * 250), (4, 2 * 250 + 200)]);
        assert_eq!(costs["nights"], 130);
        assert_eq!(costs["cost"], t.iter().map(|(_, c)| c).sum::<i64>());
        assert_eq!(costs["stays"], 3);
        assert_eq!(costs["tertials"][1]["from"], "2012-05-01");
        assert_problem(app.get(&format!("/api/v1/temporary-stays/costs?unit_id={unit}&year=2012"), &outsider.token).await, 403).await;
        let res = app.get(&format!("/api/v1/temporary-stays/costs?unit_id={unit}&year=99999"), &manager.token).await;
        assert_eq!(error_fields(&assert_problem(res, 422).await), ["year"]);

        let audit = app.audit_of(&p).await;
        assert!(audit.iter().any(|e| e["resource_type"] == "temporary_stay" && e["action"] == "create"));
        assert!(audit.iter().any(|e| e["resource_type"] == "temporary_stay" && e["action"] == "close"));
    }

    async fn housing_course_attendance_and_completion(app: TestApp) {
        let unit = app.create_unit("Bokurs").await;
        let other = app.create_unit("Annan").await;
        let coordinator = app.login_as("housing_coordinator", &[&unit]).await;
        let support = app.login_as("housing_support", &[&unit]).await;
        let worker = app.login_as("caseworker", &[&unit]).await;
        let manager = app.login_as("manager", &[&unit]).await;
        let outsider = app.login_as("housing_coordinator", &[&other]).await;
        let p = app.create_participant(&worker.token, &participant_body(&unit, json!({"first_name": "Kursare"}))).await;
        let pid = id(&p);
        let q = id(&app.create_participant(&worker.token, &participant_body(&unit, json!({"first_name": "Halvkurs"}))).await);
        let hidden = id(&app.create_participant(&manager.token, &participant_body(&unit, json!({"first_name": "Dold", "protected_identity": true}))).await);
        let other_manager = app.login_as("manager", &[&other]).await;
        let stranger = id(&app.create_participant(&other_manager.token, &participant_body(&other, json!({}))).await);

        // Bad sessions: number missing or out of range, a numbered group session, no leader.
        let res = app.post("/api/v1/housing-course-sessions", &coordinator.token, &json!({"unit_id": unit, "kind": "housing_course", "number": 5, "held_on": "2012-02-07", "leader": " "})).await;
        assert_eq!(error_fields(&assert_problem(res, 422).await), ["number", "leader"]);
        let res = app.post("/api/v1/housing-course-sessions", &coordinator.token, &json!({"unit_id": unit, "kind": "group_session", "number": 1, "held_on": "2012-02-07", "leader": "Sara"})).await;
        assert_eq!(error_fields(&assert_problem(res, 422).await), ["number"]);
        assert_problem(app.post("/api/v1/housing-course-sessions", &worker.token, &json!({"unit_id": unit, "kind": "group_session", "held_on": "2012-02-07", "leader": "Anna"})).await, 403).await;
        assert_problem(app.post("/api/v1/housing-course-sessions", &outsider.token, &json!({"unit_id": unit, "kind": "group_session", "held_on": "2012-02-07", "leader": "Anna"})).await, 403).await;
        assert_eq!(count_rows(&app.db, "housing_course_sessions"), 0);

        let mut sessions = Vec::new();
        for n in 1..=4 {
            let s = created(app.post("/api/v1/housing-course-sessions", &support.token, &json!({"unit_id": unit, "kind": "housing_course", "number": n, "held_on": format!("2012-02-0{n}"), "leader": "Johan Boendestöd"})).await).await;
            assert_eq!(s["title"], format!("Bokurs, träff {n}"));
            sessions.push(id(&s));
        }
        let group = created(app.post("/api/v1/housing-course-sessions", &coordinator.token, &json!({"unit_id": unit, "kind": "group_session", "held_on": "2012-02-10", "leader": "Sara", "title": "Grannsamverkan"})).await).await;
        assert_eq!(group["number"], Value::Null);

        // Attendance: listed twice is 422; someone you may not see is 404 (protected) or 403
        // (another unit); nothing is written.
        let url = |s: &str| format!("/api/v1/housing-course-sessions/{s}/attendance");
        let res = app.put(&url(&sessions[0]), &coordinator.token, &json!({"attendance": [{"participant_id": pid, "attended": true}, {"participant_id": pid, "attended": false}]})).await;
        assert_eq!(error_fields(&assert_problem(res, 422).await), ["attendance[1].participant_id"]);
        let res = app.put(&url(&sessions[0]), &coordinator.token, &json!({"attendance": []})).await;
        assert_eq!(error_fields(&assert_problem(res, 422).await), ["attendance"]);
        assert_problem(app.put(&url(&sessions[0]), &coordinator.token, &json!({"attendance": [{"participant_id": pid, "attended": true}, {"participant_id": hidden, "attended": true}]})).await, 404).await;
        assert_problem(app.put(&url(&sessions[0]), &coordinator.token, &json!({"attendance": [{"participant_id": pid, "attended": true}, {"participant_id": stranger, "attended": true}]})).await, 403).await;
        assert_problem(app.put(&url(&sessions[0]), &worker.token, &json!({"attendance": [{"participant_id": pid, "attended": true}]})).await, 403).await;
        assert_eq!(count_rows(&app.db, "housing_course_attendance"), 0);

        for (i, s) in sessions.iter().enumerate() {
            let mut list = vec![json!({"participant_id": pid, "attended": true})];
            list.push(json!({"participant_id": q, "attended": i < 2}));
            let v = ok(app.put(&url(s), &coordinator.token, &json!({"attendance": list})).await).await;
            assert_eq!(v["attendance"].as_array().unwrap().len(), 2);
        }
        // The manager registers the protected person; the coordinator sees "skyddad".
        ok(app.put(&url(&sessions[0]), &manager.token, &json!({"attendance": [{"participant_id": hidden, "attended": true}]})).await).await;
        let one = ok(app.get(&format!("/api/v1/housing-course-sessions/{}", sessions[0]), &coordinator.token).await).await;
        let names: Vec<_> = one["attendance"].as_array().unwrap().iter().map(|a| a["name"].as_str().unwrap().to_owned()).collect();
        assert_eq!(names.len(), 3);
        assert!(names.contains(&"skyddad".to_owned()), "{names:?}");
        assert!(one["attendance"].as_array().unwrap().iter().any(|a| a["name"] == "skyddad" && a["participant_id"].is_null()));
        let one = ok(app.get(&format!("/api/v1/housing-course-sessions/{}", sessions[0]), &manager.token).await).await;
        assert!(!one["attendance"].as_array().unwrap().iter().any(|a| a["name"] == "skyddad"));
        assert_problem(app.get(&format!("/api/v1/housing-course-sessions/{}", sessions[0]), &outsider.token).await, 403).await;

        // Correcting one person's attendance leaves the others.
        ok(app.put(&url(&sessions[3]), &coordinator.token, &json!({"attendance": [{"participant_id": q, "attended": false}]})).await).await;
        let progress = ok(app.get(&format!("/api/v1/housing-course-progress/{pid}"), &worker.token).await).await;
        assert_eq!(progress["completed"], true);
        assert_eq!(progress["attended_numbers"], json!([1, 2, 3, 4]));
        assert_eq!(progress["sessions"].as_array().unwrap().len(), 4);
        let half = ok(app.get(&format!("/api/v1/housing-course-progress/{q}"), &worker.token).await).await;
        assert_eq!(half["completed"], false);
        assert_eq!(half["attended_numbers"], json!([1, 2]));
        assert_problem(app.get(&format!("/api/v1/housing-course-progress/{hidden}"), &coordinator.token).await, 404).await;
        assert_problem(app.get(&format!("/api/v1/housing-course-progress/{pid}"), &outsider.token).await, 403).await;

        // On the queue entry.
        let e = created(app.post("/api/v1/queue-entries", &coordinator.token, &json!({"participant_id": pid, "wish": "training_apartment", "joined_on": "2011-01-01"})).await).await;
        assert_eq!(e["housing_course_completed"], true);
        let e = created(app.post("/api/v1/queue-entries", &coordinator.token, &json!({"participant_id": q, "wish": "training_apartment", "joined_on": "2011-01-01"})).await).await;
        assert_eq!(e["housing_course_completed"], false);

        let list = ok(app.get(&format!("/api/v1/housing-course-sessions?unit_id={unit}&kind=housing_course"), &worker.token).await).await;
        assert_eq!(list["total"], 4);
        assert_eq!(ok(app.get("/api/v1/housing-course-sessions", &outsider.token).await).await["total"], 0);
        let audit = app.audit_of(&pid).await;
        assert!(audit.iter().any(|e| e["resource_type"] == "housing_course_attendance" && e["action"] == "update"));
        assert!(audit.iter().any(|e| e["resource_type"] == "housing_course_attendance" && e["action"] == "read"));
    }

    async fn caseload_overview_per_unit(app: TestApp) {
        let unit = app.create_unit("Överblick").await;
        let other = app.create_unit("Annan").await;
        let manager = app.login_as("manager", &[&unit]).await;
        let coordinator = app.login_as("housing_coordinator", &[&unit]).await;
        let worker = app.login_as("caseworker", &[&unit]).await;
        let s1 = app.login_as("housing_support", &[&unit]).await;
        let s2 = app.login_as("housing_support", &[&unit]).await;
        let elsewhere = app.login_as("housing_support", &[&other]).await;
        ok(app.put(&format!("/api/v1/caseload-limits/{}", s1.staff_id), &manager.token, &json!({"min_caseload": 0, "max_caseload": 1})).await).await;
        for i in 0..2 {
            let p = id(&app.create_participant(&worker.token, &participant_body(&unit, json!({"first_name": format!("P{i}")}))).await);
            created(app.post("/api/v1/housing-support-assignments", &coordinator.token, &json!({"participant_id": p, "staff_id": s1.staff_id, "start_on": "2012-01-01", "override_caseload_limit": true})).await).await;
        }
        let all = ok(app.get(&format!("/api/v1/housing-support-caseloads?unit_id={unit}"), &manager.token).await).await;
        assert_eq!(all["total"], 2);
        let line = |v: &Value, s: &str| v["items"].as_array().unwrap().iter().find(|i| i["staff_id"] == s).unwrap().clone();
        let one = line(&all, &s1.staff_id);
        assert_eq!((one["current"].as_i64(), one["max_caseload"].as_i64(), one["over_maximum"].as_bool()), (Some(2), Some(1), Some(true)));
        let two = line(&all, &s2.staff_id);
        assert_eq!((two["current"].as_i64(), two["min_caseload"].as_i64(), two["under_minimum"].as_bool()), (Some(0), Some(10), Some(true)));
        assert_eq!(ok(app.get(&format!("/api/v1/housing-support-caseloads?unit_id={unit}"), &coordinator.token).await).await["total"], 2);
        let own = ok(app.get(&format!("/api/v1/housing-support-caseloads?unit_id={unit}"), &s2.token).await).await;
        assert_eq!(own["total"], 1);
        assert_eq!(own["items"][0]["staff_id"], s2.staff_id.as_str());
        assert_problem(app.get(&format!("/api/v1/housing-support-caseloads?unit_id={unit}"), &worker.token).await, 403).await;
        assert_problem(app.get(&format!("/api/v1/housing-support-caseloads?unit_id={unit}"), &elsewhere.token).await, 403).await;
        assert_eq!(error_fields(&assert_problem(app.get("/api/v1/housing-support-caseloads", &manager.token).await, 422).await), ["unit_id"]);
    }

    async fn draws_show_protected_members_as_skyddad(app: TestApp) {
        let unit = app.create_unit("Lott").await;
        let coordinator = app.login_as("housing_coordinator", &[&unit]).await;
        let manager = app.login_as("manager", &[&unit]).await;
        let worker = app.login_as("caseworker", &[&unit]).await;
        let open = id(&app.create_participant(&worker.token, &participant_body(&unit, json!({"first_name": "Öppen"}))).await);
        let hidden = id(&app.create_participant(&manager.token, &participant_body(&unit, json!({"first_name": "Dold", "protected_identity": true}))).await);
        for p in [&open, &hidden] {
            created(app.post("/api/v1/queue-entries", &manager.token, &json!({"participant_id": p, "wish": "trial_apartment", "joined_on": "2010-01-01"})).await).await;
        }
        let d = created(app.post("/api/v1/queue-draws", &coordinator.token, &json!({"unit_id": unit, "size": 2, "seed": 7})).await).await;
        let check = |d: &Value, sees_hidden: bool| {
            let m = d["members"].as_array().unwrap();
            assert_eq!(m.len(), 2, "still counted");
            let ids: Vec<_> = m.iter().filter_map(|x| x["participant_id"].as_str()).collect();
            assert!(ids.contains(&open.as_str()));
            assert_eq!(ids.contains(&hidden.as_str()), sees_hidden);
            assert_eq!(m.iter().any(|x| x["shown_as"] == "skyddad" && x["queue_entry_id"].is_null()), !sees_hidden);
        };
        check(&d, false);
        let fetched = ok(app.get(&format!("/api/v1/queue-draws/{}", id(&d)), &coordinator.token).await).await;
        check(&fetched, false);
        let fetched = ok(app.get(&format!("/api/v1/queue-draws/{}", id(&d)), &manager.token).await).await;
        check(&fetched, true);
        // The coordinator's read is audited for the person shown only.
        let reads = |a: Vec<Value>| a.iter().filter(|e| e["resource_type"] == "queue_draw" && e["action"] == "read" && e["actor_id"] == coordinator.staff_id.as_str()).count();
        assert_eq!(reads(app.audit_of(&open).await), 1);
        assert_eq!(reads(app.audit_of(&hidden).await), 0);
    }

    async fn stale_tenancy_update_is_412_and_nothing_changes(app: TestApp) {
        let unit = app.create_unit("Version").await;
        let coordinator = app.login_as("housing_coordinator", &[&unit]).await;
        let worker = app.login_as("caseworker", &[&unit]).await;
        let p = id(&app.create_participant(&worker.token, &participant_body(&unit, json!({}))).await);
        let apt = created(app.post("/api/v1/apartments", &coordinator.token, &json!({"unit_id": unit, "address": "Gatan 9", "kind": "trial_apartment"})).await).await;
        let t = created(app.post("/api/v1/tenancies", &coordinator.token, &json!({"participant_id": p, "apartment_id": apt["id"], "move_in_on": "2012-01-01"})).await).await;
        let url = format!("/api/v1/tenancies/{}", id(&t));
        ok(app.put(&url, &coordinator.token, &json!({"version": 1, "planned_takeover_on": "2013-08-01"})).await).await;
        let res = app.put(&url, &coordinator.token, &json!({"version": 1, "planned_takeover_on": "2013-12-01"})).await;
        assert_eq!(assert_problem(res, 412).await["current_version"], 2);
        let now = ok(app.get(&url, &coordinator.token).await).await;
        assert_eq!(now["planned_takeover_on"], "2013-08-01");
        assert_eq!(now["version"], 2);
        // No version at all: 428.
        assert_problem(app.put(&url, &coordinator.token, &json!({"planned_takeover_on": "2013-12-01"})).await, 428).await;
    }

    async fn concurrent_tenancies_for_one_apartment_one_wins(app: TestApp) {
        let unit = app.create_unit("Samtidigt").await;
        let coordinator = app.login_as("housing_coordinator", &[&unit]).await;
        let worker = app.login_as("caseworker", &[&unit]).await;
        let apt = created(app.post("/api/v1/apartments", &coordinator.token, &json!({"unit_id": unit, "address": "Gatan 10", "kind": "training_apartment"})).await).await;
        for round in 0..3 {
            let a = id(&app.create_participant(&worker.token, &participant_body(&unit, json!({"first_name": format!("A{round}")}))).await);
            let b = id(&app.create_participant(&worker.token, &participant_body(&unit, json!({"first_name": format!("B{round}")}))).await);
            let move_in = format!("201{round}-03-01");
            let posts = [a, b].map(|p| {
                let body = json!({"participant_id": p, "apartment_id": apt["id"], "move_in_on": move_in});
                let (client, url, token) = (app.client.clone(), app.url("/api/v1/tenancies"), coordinator.token.clone());
                tokio::spawn(async move { client.post(url).bearer_auth(token).json(&body).send().await.unwrap().status() })
            });
            let mut statuses = Vec::new();
            for p in posts {
                statuses.push(p.await.unwrap());
            }
            statuses.sort();
            assert_eq!(statuses, [StatusCode::CREATED, StatusCode::CONFLICT], "round {round}");
            assert_eq!(count_rows(&app.db, "tenancies"), 1 + round as i64);
            // End the winner's tenancy so the next round starts from a free apartment.
            let t: Vec<Value> = ok(app.get(&format!("/api/v1/tenancies?apartment_id={}", id(&apt)), &coordinator.token).await).await["items"].as_array().unwrap().clone();
            let current = t.iter().find(|t| t["moved_out_on"].is_null()).unwrap();
            ok(app.post(&format!("/api/v1/tenancies/{}/move-out", id(current)), &coordinator.token, &json!({"version": current["version"], "moved_out_on": format!("201{round}-06-01"), "reason": "moved_on"})).await).await;
        }
    }
}

both_backends! {
    async fn demo_has_search_cases_temporary_stays_and_a_housing_course(app: TestApp) {
        let backend = app.backend;
        drop(app);
        let app = TestApp::spawn_with(backend, |c| c.demo = true).await;
        let sara = app.login("sara.bosamordnare", stegvis::demo::DEMO_PASSWORD).await;
        let cases = ok(app.get("/api/v1/housing-search-cases", &sara.token).await).await;
        let items = cases["items"].as_array().unwrap();
        assert!(items.iter().any(|c| c["status"] == "open"), "{cases}");
        assert!(items.iter().filter(|c| c["reached_regular_housing"] == true).count() >= 2, "{cases}");
        assert!(items.iter().any(|c| c["status"] == "closed" && c["reached_regular_housing"] == false), "{cases}");
        let unit = items[0]["participant_id"].as_str().unwrap().to_owned();
        let unit = ok(app.get(&format!("/api/v1/participants/{unit}"), &sara.token).await).await["unit_id"].as_str().unwrap().to_owned();
        let year: i32 = chrono::Utc::now().format("%Y").to_string().parse().unwrap();
        let mut nights = 0;
        let mut tertials_used = 0;
        for y in [year - 1, year] {
            let costs = ok(app.get(&format!("/api/v1/temporary-stays/costs?unit_id={unit}&year={y}"), &sara.token).await).await;
            nights += costs["nights"].as_i64().unwrap();
            tertials_used += costs["tertials"].as_array().unwrap().iter().filter(|t| t["nights"].as_i64().unwrap() > 0).count();
        }
        assert!(nights > 100 && tertials_used >= 2, "{nights} {tertials_used}");
        let sessions = ok(app.get("/api/v1/housing-course-sessions", &sara.token).await).await;
        assert_eq!(sessions["total"], 5);
        let course = sessions["items"].as_array().unwrap().iter().find(|s| s["number"] == 1).unwrap().clone();
        let one = ok(app.get(&format!("/api/v1/housing-course-sessions/{}", id(&course)), &sara.token).await).await;
        let attendees: Vec<String> = one["attendance"].as_array().unwrap().iter().map(|a| a["participant_id"].as_str().unwrap().to_owned()).collect();
        assert_eq!(attendees.len(), 4);
        let mut completed = 0;
        for p in &attendees {
            if ok(app.get(&format!("/api/v1/housing-course-progress/{p}"), &sara.token).await).await["completed"] == true {
                completed += 1;
            }
        }
        assert_eq!(completed, 3);
    }
}
