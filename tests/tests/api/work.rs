//! Work rehabilitation (issue 5): employers, activities and hours, internship agreements with
//! follow-ups, extensions and early ends, employment outcomes, hand-overs, study visits and the
//! main activity.

use serde_json::{Value, json};
use stegvis_tests::*;

use crate::casework_support::*;

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

async fn employer(app: &TestApp, c: &Casework, name: &str, kinds: &[&str]) -> String {
    id(&post_ok(app, "/api/v1/employers", &c.consultant.token,
        &json!({"name": name, "sector": "non_profit", "work_kinds": kinds, "contact_person": "Kim Exempel"}), 201).await)
}

async fn activity(app: &TestApp, c: &Casework, enrolment: &str, body: Value) -> Value {
    let mut b = json!({"enrolment_id": enrolment});
    for (k, v) in body.as_object().unwrap() {
        b[k] = v.clone();
    }
    post_ok(app, "/api/v1/activities", &c.consultant.token, &b, 201).await
}

async fn act(
    app: &TestApp,
    token: &str,
    a: &Value,
    action: &str,
    body: Value,
    status: u16,
) -> Value {
    let mut b = body;
    b["version"] = a["version"].clone();
    post_ok(
        app,
        &format!("/api/v1/activities/{}/{action}", id(a)),
        token,
        &b,
        status,
    )
    .await
}

both_backends! {
    async fn employers_register_search_and_placement_history(app: TestApp) {
        let c = casework(&app).await;
        let number = org("802400123");
        let e = post_ok(&app, "/api/v1/employers", &c.consultant.token, &json!({"name": "Parkgruppen Ideell Förening",
            "organisation_number": number.replace('-', ""), "sector": "non_profit", "work_kinds": ["parkarbete", "Vaktmästare"],
            "email": "park@example.se"}), 201).await;
        assert_eq!(e["organisation_number"], number.as_str());
        assert_eq!(e["placements"], 0);
        // Duplicate organisation number: 409 naming the existing employer.
        let dup = assert_problem(app.post("/api/v1/employers", &c.manager.token,
            &json!({"name": "Annat namn", "organisation_number": number, "sector": "private"})).await, 409).await;
        assert_eq!(dup["existing_id"], id(&e).as_str());
        // Invalid organisation number (bad check digit): 422, nothing written.
        let bad = format!("{}{}", &number[..10], (number.as_bytes()[10] - b'0' + 1) % 10);
        let p = assert_problem(app.post("/api/v1/employers", &c.consultant.token,
            &json!({"name": "X", "organisation_number": bad, "sector": "private"})).await, 422).await;
        assert_eq!(error_fields(&p), vec!["organisation_number"]);
        assert_eq!(count_rows(&app.db, "employers"), 1);
        // Caseworkers read but do not write the register.
        assert_problem(app.post("/api/v1/employers", &c.worker.token, &json!({"name": "Y", "sector": "public"})).await, 403).await;
        let reader = app.login_as("read_only", &[&c.unit]).await;
        for q in ["vaktm", "PARK", &number[..6]] {
            let found = get_json(&app, &format!("/api/v1/employers?q={q}"), &reader.token).await;
            assert_eq!(found["total"], 1, "{q}");
        }
        assert_eq!(get_json(&app, "/api/v1/employers?q=lager", &reader.token).await["total"], 0);
        assert_eq!(get_json(&app, "/api/v1/employers?sector=private", &reader.token).await["total"], 0);
        // Update with version.
        let url = format!("/api/v1/employers/{}", id(&e));
        let edit = json!({"name": "Parkgruppen", "organisation_number": number, "sector": "non_profit",
            "work_kinds": ["parkarbete", "lager"], "version": 1});
        let updated: Value = app.put(&url, &c.consultant.token, &edit).await.json().await.unwrap();
        assert_eq!(updated["version"], 2);
        assert_eq!(get_json(&app, "/api/v1/employers?q=lager", &reader.token).await["total"], 1);
        assert_problem(app.put(&url, &c.consultant.token, &edit).await, 412).await;

        // History: a placement that led to employment.
        let enrolment = enrol(&app, &c).await;
        let a = activity(&app, &c, &id(&enrolment), json!({"kind": "internship", "provider_employer_id": id(&e),
            "start_date": "2012-03-01", "hours_per_week": 20})).await;
        let a = act(&app, &c.consultant.token, &a, "start", json!({"started_on": "2012-03-01"}), 200).await;
        post_ok(&app, "/api/v1/employment-outcomes", &c.consultant.token, &json!({"activity_id": id(&a), "kind": "osa",
            "start_date": "2012-06-01", "hours_per_week": 30}), 201).await;
        let history = get_json(&app, &format!("{url}/placements"), &c.worker.token).await;
        assert_eq!(history["total"], 1);
        assert_eq!(history["all_placements"], 1);
        assert_eq!(history["all_led_to_employment"], 1);
        assert_eq!(history["items"][0]["employment_kind"], "osa");
        assert_eq!(history["items"][0]["participant_id"], c.participant.as_str());
        let emp = get_json(&app, &url, &reader.token).await;
        assert_eq!(emp["placements_led_to_employment"], 1);
        // Someone from another unit sees the totals but not the placement.
        let unit_b = app.create_unit("Enhet B").await;
        let other = app.login_as("work_consultant", &[&unit_b]).await;
        let theirs = get_json(&app, &format!("{url}/placements"), &other.token).await;
        assert_eq!(theirs["total"], 0);
        assert_eq!(theirs["all_placements"], 1);
    }

    async fn internship_from_study_visit_to_employment(app: TestApp) {
        let c = casework(&app).await;
        let e = employer(&app, &c, "Fiktiva Fastigheter", &["fastighetsskötare"]).await;
        let enrolment = id(&enrol(&app, &c).await);
        let visit = post_ok(&app, "/api/v1/study-visits", &c.consultant.token, &json!({"participant_id": c.participant,
            "employer_id": e, "visited_on": "2012-02-20", "note": "Positivt"}), 201).await;
        assert_eq!(visit["staff_id"], c.consultant.staff_id.as_str());
        assert_eq!(get_json(&app, &format!("/api/v1/study-visits?employer_id={e}"), &c.worker.token).await["total"], 1);

        let a = activity(&app, &c, &enrolment, json!({"kind": "internship", "provider_employer_id": e,
            "start_date": "2012-03-01", "planned_end": "2012-05-31", "hours_per_week": 10})).await;
        assert_eq!(a["status"], "planned");
        assert_eq!(a["hours_per_week"], 10);
        // An outcome before the activity started: 409, nothing written.
        assert_problem(app.post("/api/v1/employment-outcomes", &c.consultant.token, &json!({"activity_id": id(&a),
            "kind": "nystartsjobb", "start_date": "2012-06-01", "hours_per_week": 30})).await, 409).await;
        assert_eq!(count_rows(&app.db, "employment_outcomes"), 0);
        let a = act(&app, &c.consultant.token, &a, "start", json!({"started_on": "2012-03-01"}), 200).await;
        assert_eq!(a["status"], "ongoing");
        // Starting twice is a forbidden transition.
        act(&app, &c.consultant.token, &a, "start", json!({}), 409).await;
        // Gradual step-up.
        let a = post_ok(&app, &format!("/api/v1/activities/{}/hours", id(&a)), &c.consultant.token,
            &json!({"from": "2012-03-15", "hours_per_week": 20}), 200).await;
        assert_eq!(a["hours"].as_array().unwrap().len(), 2);
        assert_eq!(a["hours_per_week"], 20);

        // Agreement: default period of one month.
        let ag = post_ok(&app, "/api/v1/internship-agreements", &c.consultant.token, &json!({"activity_id": id(&a),
            "signed_on": "2012-02-27", "insurance_confirmed": true, "workplace_contact": "Kim Exempel"}), 201).await;
        assert_eq!(ag["period_start"], "2012-03-01");
        assert_eq!(ag["period_end"], "2012-03-31");
        assert_eq!(ag["employer_id"], e.as_str());
        let dup = assert_problem(app.post("/api/v1/internship-agreements", &c.consultant.token, &json!({"activity_id": id(&a),
            "workplace_contact": "Kim"})).await, 409).await;
        assert_eq!(dup["existing_id"], id(&ag).as_str());
        let url = format!("/api/v1/internship-agreements/{}", id(&ag));
        post_ok(&app, &format!("{url}/follow-ups"), &c.consultant.token,
            &json!({"occurred_on": "2012-03-26", "kind": "workplace_visit", "note": "Båda vill förlänga"}), 201).await;
        let ext = post_ok(&app, &format!("{url}/extend"), &c.consultant.token,
            &json!({"new_end": "2012-04-30", "decided_on": "2012-03-27", "version": 1}), 200).await;
        assert_eq!(ext["period_end"], "2012-04-30");
        assert_eq!(ext["original_end"], "2012-03-31");
        assert_eq!(ext["follow_ups"][0]["used_by_extension"], true);
        // The same follow-up does not carry a second extension.
        assert_problem(app.post(&format!("{url}/extend"), &c.consultant.token,
            &json!({"new_end": "2012-05-31", "decided_on": "2012-04-28", "version": 2})).await, 409).await;
        post_ok(&app, &format!("{url}/follow-ups"), &c.consultant.token,
            &json!({"occurred_on": "2012-04-27", "kind": "phone_call"}), 201).await;
        let ext = post_ok(&app, &format!("{url}/extend"), &c.consultant.token,
            &json!({"new_end": "2012-05-31", "decided_on": "2012-04-28", "version": 2}), 200).await;
        assert_eq!(ext["extensions"].as_array().unwrap().len(), 2);

        // The job.
        let o = post_ok(&app, "/api/v1/employment-outcomes", &c.consultant.token, &json!({"activity_id": id(&a),
            "kind": "nystartsjobb", "start_date": "2012-06-01", "hours_per_week": 30,
            "employment_service_contact": "AF Liljeholmen"}), 201).await;
        assert_eq!(o["employer_id"], e.as_str());
        let a = get_json(&app, &format!("/api/v1/activities/{}", id(&a)), &c.worker.token).await;
        assert_eq!(a["led_to_employment"], true);
        assert_eq!(a["employment_outcome_id"], id(&o).as_str());
        assert_eq!(a["agreement_id"], id(&ag).as_str());
        let a = act(&app, &c.consultant.token, &a, "complete", json!({"ended_on": "2012-05-31"}), 200).await;
        assert_eq!(a["status"], "completed");
        let ma = get_json(&app, &format!("/api/v1/participants/{}/main-activity?period=2012", c.participant), &c.worker.token).await;
        assert_eq!(ma["main_activity"], "internship_led_to_employment");
        assert_eq!(ma["days"][0]["days"], 92);

        let timeline = get_json(&app, &format!("/api/v1/participants/{}/timeline", c.participant), &c.worker.token).await;
        let kinds: Vec<&str> = timeline["items"].as_array().unwrap().iter().map(|e| e["kind"].as_str().unwrap()).collect();
        for k in ["activity_started", "activity_completed", "employment_started"] {
            assert!(kinds.contains(&k), "{k}");
        }
        let listed = get_json(&app, &format!("/api/v1/activities?participant_id={}", c.participant), &c.worker.token).await;
        assert_eq!(listed["total"], 1);
        get_json(&app, &url, &c.worker.token).await;
        get_json(&app, &format!("/api/v1/employment-outcomes/{}", id(&o)), &c.worker.token).await;
        let audit = app.audit_of(&c.participant).await;
        for (resource, action) in [("activity", "create"), ("activity", "update"), ("activity", "read"), ("activity", "list"),
            ("internship_agreement", "create"), ("internship_agreement", "update"), ("internship_agreement", "read"),
            ("employment_outcome", "create"), ("employment_outcome", "read"), ("study_visit", "create"),
            ("study_visit", "list"), ("main_activity", "read")] {
            assert!(audit.iter().any(|e| e["resource_type"] == resource && e["action"] == action), "{resource} {action}");
        }
    }

    async fn bad_input_is_refused_and_nothing_written(app: TestApp) {
        let c = casework(&app).await;
        let e = employer(&app, &c, "Nätverket", &["arbetsträning"]).await;
        let enrolment = id(&enrol(&app, &c).await);
        // Hours outside 1–40.
        for h in [0, 41] {
            let p = assert_problem(app.post("/api/v1/activities", &c.consultant.token, &json!({"enrolment_id": enrolment,
                "kind": "work_training", "provider_name": "Nätverket", "start_date": "2012-03-01", "hours_per_week": h})).await, 422).await;
            assert_eq!(error_fields(&p), vec!["hours_per_week"]);
        }
        // An internship needs an employer; several problems are reported together.
        let p = assert_problem(app.post("/api/v1/activities", &c.consultant.token, &json!({"enrolment_id": enrolment,
            "kind": "internship", "start_date": "2012-03-01", "planned_end": "2012-02-01"})).await, 422).await;
        assert_eq!(error_fields(&p), vec!["provider_employer_id", "planned_end"]);
        // Before the enrolment.
        let p = assert_problem(app.post("/api/v1/activities", &c.consultant.token, &json!({"enrolment_id": enrolment,
            "kind": "work_training", "provider_name": "Nätverket", "start_date": "2012-01-01"})).await, 422).await;
        assert_eq!(error_fields(&p), vec!["start_date"]);
        assert_eq!(count_rows(&app.db, "activities"), 0);

        let training = activity(&app, &c, &enrolment, json!({"kind": "work_training", "provider_employer_id": e,
            "start_date": "2012-03-01", "hours_per_week": 10})).await;
        // Step-up outside 1–40 or before the last change.
        for (body, field) in [(json!({"from": "2012-04-01", "hours_per_week": 41}), "hours_per_week"),
                              (json!({"from": "2012-03-01", "hours_per_week": 20}), "from")] {
            let p = assert_problem(app.post(&format!("/api/v1/activities/{}/hours", id(&training)), &c.consultant.token, &body).await, 422).await;
            assert_eq!(error_fields(&p), vec![field]);
        }
        assert_eq!(count_rows(&app.db, "activity_hours"), 1);
        // Agreement for an activity that is not an internship.
        let p = assert_problem(app.post("/api/v1/internship-agreements", &c.consultant.token, &json!({"activity_id": id(&training),
            "workplace_contact": "Kim"})).await, 422).await;
        assert_eq!(error_fields(&p), vec!["activity_id"]);
        assert_eq!(count_rows(&app.db, "internship_agreements"), 0);
        // Employment outcome on an activity that has not started.
        assert_problem(app.post("/api/v1/employment-outcomes", &c.consultant.token, &json!({"activity_id": id(&training),
            "kind": "ordinary", "start_date": "2012-06-01", "hours_per_week": 40})).await, 409).await;
        let p = assert_problem(app.post("/api/v1/employment-outcomes", &c.consultant.token, &json!({"activity_id": id(&training),
            "kind": "ordinary", "start_date": "2012-06-01", "hours_per_week": 45})).await, 422).await;
        assert_eq!(error_fields(&p), vec!["hours_per_week"]);
        assert_eq!(count_rows(&app.db, "employment_outcomes"), 0);
        assert_eq!(get_json(&app, &format!("/api/v1/activities/{}", id(&training)), &c.worker.token).await["led_to_employment"], false);
        // Extension with no follow-up before it.
        let i = activity(&app, &c, &enrolment, json!({"kind": "internship", "provider_employer_id": e, "start_date": "2012-04-01"})).await;
        let ag = post_ok(&app, "/api/v1/internship-agreements", &c.consultant.token, &json!({"activity_id": id(&i),
            "workplace_contact": "Kim"}), 201).await;
        assert_eq!(ag["period_end"], "2012-04-30");
        let url = format!("/api/v1/internship-agreements/{}", id(&ag));
        let p = assert_problem(app.post(&format!("{url}/extend"), &c.consultant.token,
            &json!({"new_end": "2012-05-31", "decided_on": "2012-04-25", "version": 1})).await, 409).await;
        assert!(p["detail"].as_str().unwrap().contains("follow-up"));
        // A follow-up after the decision does not count either.
        post_ok(&app, &format!("{url}/follow-ups"), &c.consultant.token, &json!({"occurred_on": "2012-04-26", "kind": "phone_call"}), 201).await;
        assert_problem(app.post(&format!("{url}/extend"), &c.consultant.token,
            &json!({"new_end": "2012-05-31", "decided_on": "2012-04-25", "version": 1})).await, 409).await;
        // A new end that is not later: 422.
        let p = assert_problem(app.post(&format!("{url}/extend"), &c.consultant.token,
            &json!({"new_end": "2012-04-30", "decided_on": "2012-04-27", "version": 1})).await, 422).await;
        assert_eq!(error_fields(&p), vec!["new_end"]);
        assert_eq!(count_rows(&app.db, "agreement_extensions"), 0);
        assert_eq!(get_json(&app, &url, &c.worker.token).await["period_end"], "2012-04-30");
        // A follow-up before the agreement: 422.
        let p = assert_problem(app.post(&format!("{url}/follow-ups"), &c.consultant.token,
            &json!({"occurred_on": "2012-03-01", "kind": "phone_call"})).await, 422).await;
        assert_eq!(error_fields(&p), vec!["occurred_on"]);
        assert_eq!(count_rows(&app.db, "agreement_follow_ups"), 1);
        // Ending early needs a reason.
        assert_problem(app.post(&format!("/api/v1/activities/{}/end-early", id(&training)), &c.consultant.token,
            &json!({"version": 1})).await, 422).await;
        // Bad period for the main activity.
        let p = assert_problem(app.get(&format!("/api/v1/participants/{}/main-activity?period=2012-T4", c.participant), &c.worker.token).await, 422).await;
        assert_eq!(error_fields(&p), vec!["period"]);
        // Hand-over "other" needs a note.
        let p = assert_problem(app.post("/api/v1/handovers", &c.consultant.token, &json!({"participant_id": c.participant,
            "kind": "other", "handed_over_on": "2012-06-01"})).await, 422).await;
        assert_eq!(error_fields(&p), vec!["note"]);
        assert_eq!(count_rows(&app.db, "handovers"), 0);
    }

    async fn early_end_by_any_party_and_handover(app: TestApp) {
        let c = casework(&app).await;
        let e = employer(&app, &c, "Café Exempel", &["kök"]).await;
        let enrolment = id(&enrol(&app, &c).await);
        let i = activity(&app, &c, &enrolment, json!({"kind": "internship", "provider_employer_id": e, "start_date": "2012-03-01"})).await;
        act(&app, &c.consultant.token, &i, "start", json!({"started_on": "2012-03-01"}), 200).await;
        let ag = post_ok(&app, "/api/v1/internship-agreements", &c.worker.token, &json!({"activity_id": id(&i),
            "period_end": "2012-04-15", "workplace_contact": "Kim"}), 201).await;
        let url = format!("/api/v1/internship-agreements/{}", id(&ag));
        // Outside the period: 422.
        assert_problem(app.post(&format!("{url}/end-early"), &c.consultant.token,
            &json!({"ended_on": "2012-05-01", "ended_by": "employer", "reason": "x", "version": 1})).await, 422).await;
        let ended = post_ok(&app, &format!("{url}/end-early"), &c.consultant.token,
            &json!({"ended_on": "2012-03-20", "ended_by": "participant", "reason": "Ville byta inriktning", "version": 1}), 200).await;
        assert_eq!(ended["status"], "ended_early");
        assert_eq!(ended["ended_by"], "participant");
        let i = get_json(&app, &format!("/api/v1/activities/{}", id(&i)), &c.worker.token).await;
        assert_eq!(i["status"], "ended_early");
        assert_eq!(i["actual_end"], "2012-03-20");
        assert_eq!(i["end_reason"], "Ville byta inriktning");
        // Nothing more happens to an ended agreement.
        post_ok(&app, &format!("{url}/end-early"), &c.consultant.token,
            &json!({"ended_on": "2012-03-21", "ended_by": "employer", "reason": "x", "version": 2}), 409).await;
        post_ok(&app, &format!("{url}/follow-ups"), &c.consultant.token, &json!({"occurred_on": "2012-03-19", "kind": "phone_call"}), 409).await;
        act(&app, &c.consultant.token, &i, "complete", json!({}), 409).await;

        // A planned activity can be called off; it never ran.
        let uma = activity(&app, &c, &enrolment, json!({"kind": "preparatory", "provider_name": "UMA", "start_date": "2012-04-01"})).await;
        let uma = act(&app, &c.consultant.token, &uma, "end-early", json!({"ended_on": "2012-03-25", "reason": "Tackade nej"}), 200).await;
        assert_eq!(uma["actual_end"], Value::Null);

        let h = post_ok(&app, "/api/v1/handovers", &c.consultant.token, &json!({"participant_id": c.participant,
            "enrolment_id": enrolment, "kind": "jobbtorg_resurs", "handed_over_on": "2012-04-10"}), 201).await;
        assert_eq!(h["kind"], "jobbtorg_resurs");
        let list = get_json(&app, &format!("/api/v1/handovers?participant_id={}", c.participant), &c.worker.token).await;
        assert_eq!(list["total"], 1);
        get_json(&app, &format!("/api/v1/handovers/{}", id(&h)), &c.worker.token).await;
        // Someone else's enrolment is refused.
        let other = id(&app.create_participant(&c.worker.token, &participant_body(&c.unit, json!({"first_name": "Annan"}))).await);
        let p = assert_problem(app.post("/api/v1/handovers", &c.consultant.token, &json!({"participant_id": other,
            "enrolment_id": enrolment, "kind": "jobbtorg", "handed_over_on": "2012-04-10"})).await, 422).await;
        assert_eq!(error_fields(&p), vec!["enrolment_id"]);
        let ma = get_json(&app, &format!("/api/v1/participants/{}/main-activity?from=2012-01-01&to=2012-12-31", c.participant), &c.worker.token).await;
        assert_eq!(ma["main_activity"], "internship");
        assert_eq!(ma["days"].as_array().unwrap().len(), 1);
        assert_eq!(ma["days"][0]["days"], 20);
    }

    async fn work_records_are_scoped_and_protected(app: TestApp) {
        let c = casework(&app).await;
        let e = employer(&app, &c, "Lagret AB", &["lager"]).await;
        let enrolment = id(&enrol(&app, &c).await);
        let a = activity(&app, &c, &enrolment, json!({"kind": "internship", "provider_employer_id": e, "start_date": "2012-03-01"})).await;
        let unit_b = app.create_unit("Enhet B").await;
        let b = app.login_as("work_consultant", &[&unit_b]).await;
        assert_problem(app.get(&format!("/api/v1/activities/{}", id(&a)), &b.token).await, 403).await;
        assert_problem(app.get(&format!("/api/v1/participants/{}/main-activity?period=2012", c.participant), &b.token).await, 403).await;
        assert_problem(app.post("/api/v1/activities", &b.token, &json!({"enrolment_id": enrolment, "kind": "work_training",
            "provider_name": "Nätverket", "start_date": "2012-03-01"})).await, 403).await;
        assert_problem(app.post("/api/v1/internship-agreements", &b.token, &json!({"activity_id": id(&a), "workplace_contact": "Kim"})).await, 403).await;
        assert_eq!(get_json(&app, "/api/v1/activities", &b.token).await["total"], 0);
        assert_eq!(count_rows(&app.db, "internship_agreements"), 0);
        // Treatment staff and read-only read but do not write.
        let reader = app.login_as("treatment_staff", &[&c.unit]).await;
        get_json(&app, &format!("/api/v1/activities/{}", id(&a)), &reader.token).await;
        act(&app, &reader.token, &a, "start", json!({"started_on": "2012-03-01"}), 403).await;
        assert_problem(app.post("/api/v1/handovers", &reader.token, &json!({"participant_id": c.participant,
            "kind": "jobbtorg", "handed_over_on": "2012-04-10"})).await, 403).await;
        // Protected identity: 404 to an unassigned work consultant.
        let hidden = id(&app.create_participant(&c.worker.token, &participant_body(&c.unit,
            json!({"protected_identity": true, "responsible_caseworker_id": c.worker.staff_id}))).await);
        let hidden_enrolment = id(&post_ok(&app, "/api/v1/enrolments", &c.worker.token,
            &json!({"participant_id": hidden, "programme_id": c.programme, "start_date": "2012-02-01"}), 201).await);
        assert_problem(app.post("/api/v1/activities", &c.consultant.token, &json!({"enrolment_id": hidden_enrolment,
            "kind": "work_training", "provider_name": "Nätverket", "start_date": "2012-03-01"})).await, 404).await;
        assert_problem(app.get(&format!("/api/v1/participants/{hidden}/main-activity?period=2012"), &c.consultant.token).await, 404).await;
        assert_problem(app.post("/api/v1/study-visits", &c.consultant.token, &json!({"participant_id": hidden,
            "employer_id": e, "visited_on": "2012-02-20"})).await, 404).await;
        assert_eq!(count_rows(&app.db, "activities"), 1);
        assert_eq!(count_rows(&app.db, "study_visits"), 0);
        // The responsible caseworker may.
        activity(&app, &c, &enrolment, json!({"kind": "education", "provider_name": "Komvux", "start_date": "2012-03-01"})).await;
        post_ok(&app, "/api/v1/activities", &c.worker.token, &json!({"enrolment_id": hidden_enrolment,
            "kind": "work_training", "provider_name": "Nätverket", "start_date": "2012-03-01"}), 201).await;
        let audit = app.audit_of(&hidden).await;
        assert!(audit.iter().any(|e| e["resource_type"] == "activity" && e["outcome"] == "denied"));
    }

    async fn main_activity_on_a_hand_computed_fixture(app: TestApp) {
        let c = casework(&app).await;
        let e = employer(&app, &c, "Fiktiva Parker", &["parkarbete"]).await;
        let enrolment = id(&enrol(&app, &c).await);
        // Work training at Nätverket 2012-02-01..2012-03-31 (60 days), then an internship
        // 2012-04-01..2012-06-30 (91 days) that led to a job, then the job itself (not counted).
        let wt = activity(&app, &c, &enrolment, json!({"kind": "work_training", "provider_name": "Nätverket", "start_date": "2012-02-01"})).await;
        let wt = act(&app, &c.consultant.token, &wt, "start", json!({"started_on": "2012-02-01"}), 200).await;
        act(&app, &c.consultant.token, &wt, "complete", json!({"ended_on": "2012-03-31"}), 200).await;
        let i = activity(&app, &c, &enrolment, json!({"kind": "internship", "provider_employer_id": e, "start_date": "2012-04-01"})).await;
        let i = act(&app, &c.consultant.token, &i, "start", json!({"started_on": "2012-04-01"}), 200).await;
        post_ok(&app, "/api/v1/employment-outcomes", &c.consultant.token, &json!({"activity_id": id(&i), "kind": "trygghetsanstallning",
            "start_date": "2012-07-01", "hours_per_week": 40}), 201).await;
        let i = get_json(&app, &format!("/api/v1/activities/{}", id(&i)), &c.worker.token).await;
        act(&app, &c.consultant.token, &i, "complete", json!({"ended_on": "2012-06-30"}), 200).await;
        let job = activity(&app, &c, &enrolment, json!({"kind": "employment", "provider_employer_id": e, "start_date": "2012-07-01"})).await;
        act(&app, &c.consultant.token, &job, "start", json!({"started_on": "2012-07-01"}), 200).await;

        let path = |q: &str| format!("/api/v1/participants/{}/main-activity?{q}", c.participant);
        let t1 = get_json(&app, &path("period=2012-T1"), &c.worker.token).await;
        assert_eq!(t1["main_activity"], "preparatory");
        assert_eq!(t1["days"], json!([{"category": "internship_led_to_employment", "days": 30}, {"category": "preparatory", "days": 60}]));
        let year = get_json(&app, &path("period=2012"), &c.worker.token).await;
        assert_eq!(year["main_activity"], "internship_led_to_employment");
        assert_eq!(year["period"], json!({"from": "2012-01-01", "to": "2012-12-31"}));
        let t3 = get_json(&app, &path("period=2012-T3"), &c.worker.token).await;
        assert_eq!(t3["main_activity"], "no_activity_support");
        assert_eq!(t3["days"], json!([]));
        // A tie (Feb–Mar 60 days vs Apr 1–May 30, 60 days): the report's order decides.
        let tie = get_json(&app, &path("from=2012-02-01&to=2012-05-30"), &c.worker.token).await;
        assert_eq!(tie["main_activity"], "internship_led_to_employment");
        assert_problem(app.get(&path("period=2012&from=2012-01-01"), &c.worker.token).await, 422).await;
    }
}

/// The due list: running agreements ending within N days of the server's today.
async fn due_list(backend: Backend) {
    let today = chrono::NaiveDate::from_ymd_opt(2012, 3, 25).unwrap();
    let app = TestApp::spawn_with(backend, |cfg| cfg.today = Some(today)).await;
    let c = casework(&app).await;
    let e = employer(&app, &c, "Fiktiva Fastigheter", &["vaktmästare"]).await;
    let enrolment = id(&enrol(&app, &c).await);
    let mut ids = Vec::new();
    for (start, end) in [
        ("2012-03-01", None),
        ("2012-03-10", Some("2012-04-20")),
        ("2012-02-15", Some("2012-03-20")),
    ] {
        let i = activity(
            &app,
            &c,
            &enrolment,
            json!({"kind": "internship", "provider_employer_id": e, "start_date": start}),
        )
        .await;
        let mut body = json!({"activity_id": id(&i), "workplace_contact": "Kim"});
        if let Some(end) = end {
            body["period_end"] = json!(end);
        }
        ids.push(id(&post_ok(
            &app,
            "/api/v1/internship-agreements",
            &c.consultant.token,
            &body,
            201,
        )
        .await));
    }
    let due = get_json(
        &app,
        "/api/v1/internship-agreements?ending_within_days=7",
        &c.consultant.token,
    )
    .await;
    assert_eq!(due["total"], 1);
    assert_eq!(due["items"][0]["id"], ids[0].as_str());
    assert_eq!(due["items"][0]["period_end"], "2012-03-31");
    let month = get_json(
        &app,
        "/api/v1/internship-agreements?ending_within_days=30",
        &c.consultant.token,
    )
    .await;
    assert_eq!(month["total"], 2);
    // Ended early: off the list.
    post_ok(
        &app,
        &format!("/api/v1/internship-agreements/{}/end-early", ids[0]),
        &c.consultant.token,
        &json!({"ended_by": "employer", "reason": "Omorganisation", "version": 1}),
        200,
    )
    .await;
    let due = get_json(
        &app,
        "/api/v1/internship-agreements?ending_within_days=7",
        &c.consultant.token,
    )
    .await;
    assert_eq!(due["total"], 0);
    let all = get_json(
        &app,
        &format!(
            "/api/v1/internship-agreements?participant_id={}",
            c.participant
        ),
        &c.worker.token,
    )
    .await;
    assert_eq!(all["total"], 3);
    assert_eq!(all["items"][0]["status"], "expired");
    assert_problem(
        app.get(
            "/api/v1/internship-agreements?ending_within_days=-1",
            &c.consultant.token,
        )
        .await,
        422,
    )
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn due_list_sqlite() {
    due_list(Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn due_list_postgres() {
    due_list(Backend::Postgres).await;
}

/// The demo data has employers with histories and participants at every stage.
async fn demo_has_work(backend: Backend) {
    let app = TestApp::spawn_with(backend, |c| c.demo = true).await;
    let anna = app
        .login("anna.handlaggare", stegvis::demo::DEMO_PASSWORD)
        .await;
    let employers = get_json(&app, "/api/v1/employers", &anna.token).await;
    assert!(employers["total"].as_i64().unwrap() >= 5);
    assert!(
        employers["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["placements_led_to_employment"].as_i64().unwrap() > 0)
    );
    let activities = get_json(&app, "/api/v1/activities?limit=500", &anna.token).await;
    for status in ["planned", "ongoing", "completed", "ended_early"] {
        assert!(
            activities["items"]
                .as_array()
                .unwrap()
                .iter()
                .any(|a| a["status"] == status),
            "{status}"
        );
    }
    let agreements = get_json(&app, "/api/v1/internship-agreements", &anna.token).await;
    let items = agreements["items"].as_array().unwrap();
    assert!(
        items
            .iter()
            .any(|a| a["extensions"].as_array().unwrap().len() == 1 && a["status"] == "running")
    );
    assert!(items.iter().any(|a| a["status"] == "ended_early"));
    assert!(
        items
            .iter()
            .any(|a| !a["follow_ups"].as_array().unwrap().is_empty()
                && a["extensions"].as_array().unwrap().is_empty())
    );
    assert_eq!(
        get_json(
            &app,
            "/api/v1/internship-agreements?ending_within_days=14",
            &anna.token
        )
        .await["total"],
        1
    );
    assert_eq!(
        get_json(&app, "/api/v1/employment-outcomes", &anna.token).await["total"],
        1
    );
    let handovers = get_json(&app, "/api/v1/handovers", &anna.token).await;
    assert_eq!(handovers["items"][0]["kind"], "jobbtorg_resurs");
    assert_eq!(
        get_json(&app, "/api/v1/study-visits", &anna.token).await["total"],
        1
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn demo_data_includes_work_sqlite() {
    demo_has_work(Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn demo_data_includes_work_postgres() {
    demo_has_work(Backend::Postgres).await;
}
