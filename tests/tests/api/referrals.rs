use serde_json::{Value, json};
use stegvis_tests::*;

use crate::casework_support::*;

both_backends! {
    async fn programmes_are_managed_by_managers_with_default_end_statuses(app: TestApp) {
        let unit = app.create_unit("Enhet P").await;
        let manager = app.login_as("manager", &[&unit]).await;
        let worker = app.login_as("caseworker", &[&unit]).await;
        let body = json!({"unit_id": unit, "name": "Ur hemlöshet – I jobb", "kind": "job_rehabilitation",
                          "start_date": "2011-11-01", "end_date": "2012-12-31"});
        assert_problem(app.post("/api/v1/programmes", &worker.token, &body).await, 403).await;
        let p = post_ok(&app, "/api/v1/programmes", &manager.token, &body, 201).await;
        assert_eq!(p["end_statuses"].as_array().unwrap().len(), 9);
        assert_eq!(p["end_statuses"][0], "employed");
        let list = get_json(&app, "/api/v1/programmes?kind=job_rehabilitation", &worker.token).await;
        assert_eq!(list["total"], 1);
        let url = format!("/api/v1/programmes/{}", id(&p));
        let mut edit = body.clone();
        edit["end_statuses"] = json!(["done", "other"]);
        edit["version"] = json!(1);
        let res = app.put(&url, &manager.token, &edit).await;
        assert_eq!(res.status().as_u16(), 200);
        assert_problem(app.put(&url, &manager.token, &edit).await, 412).await;
        let mut bad = body.clone();
        bad["end_date"] = json!("2011-01-01");
        let problem = assert_problem(app.post("/api/v1/programmes", &manager.token, &bad).await, 422).await;
        assert_eq!(error_fields(&problem), ["end_date"]);
    }

    async fn referral_flow_from_received_to_enrolled(app: TestApp) {
        let c = casework(&app).await;
        // Another unit (financial assistance) runs nothing here but a caseworker there may refer
        // only participants they can see; the programme may belong to any unit.
        let r = post_ok(&app, "/api/v1/referrals", &c.worker.token, &referral_body(&c), 201).await;
        assert_eq!(r["status"], "received");
        assert_eq!(r["referring_staff_id"], c.worker.staff_id.as_str());
        let url = format!("/api/v1/referrals/{}", id(&r));
        let booked = post_ok(&app, &format!("{url}/book-first-meeting"), &c.consultant.token, &json!({"version": 1, "on": "2012-01-24"}), 200).await;
        assert_eq!(booked["status"], "first_meeting_booked");
        assert_eq!(booked["first_meeting_on"], "2012-01-24");
        let no_show = post_ok(&app, &format!("{url}/no-show"), &c.consultant.token, &json!({"version": 2, "on": "2012-01-24"}), 200).await;
        assert_eq!(no_show["status"], "no_show");
        post_ok(&app, &format!("{url}/book-first-meeting"), &c.consultant.token, &json!({"version": 3, "on": "2012-01-31"}), 200).await;
        let enrolled = post_ok(&app, &format!("{url}/enrol"), &c.consultant.token, &json!({"version": 4, "on": "2012-02-01"}), 200).await;
        assert_eq!(enrolled["referral"]["status"], "enrolled");
        assert_eq!(enrolled["referral"]["allowed_actions"], json!([]));
        let enrolment = &enrolled["enrolment"];
        assert_eq!(enrolment["referral_id"], r["id"]);
        assert_eq!(enrolment["start_date"], "2012-02-01");
        assert_eq!(count_rows(&app.db, "enrolments"), 1);

        // Ending needs a status from the programme's list.
        let end_url = format!("/api/v1/enrolments/{}/end", id(enrolment));
        let problem = assert_problem(app.post(&end_url, &c.consultant.token, &json!({"version": 1, "end_date": "2012-12-31", "end_status": "rich"})).await, 422).await;
        assert_eq!(error_fields(&problem), ["end_status"]);
        let ended = post_ok(&app, &end_url, &c.consultant.token, &json!({"version": 1, "end_date": "2012-12-31", "end_status": "employed"}), 200).await;
        assert_eq!(ended["end_status"], "employed");
        assert_problem(app.post(&end_url, &c.consultant.token, &json!({"version": 2, "end_status": "other"})).await, 409).await;

        let list = get_json(&app, &format!("/api/v1/referrals?participant_id={}", c.participant), &c.worker.token).await;
        assert_eq!(list["total"], 1);
        let audit = app.audit_of(&c.participant).await;
        assert!(audit.iter().any(|e| e["resource_type"] == "referral" && e["action"] == "create"));
        assert!(audit.iter().any(|e| e["resource_type"] == "enrolment" && e["action"] == "create"));
    }

    async fn forbidden_referral_transitions_are_409_and_change_nothing(app: TestApp) {
        let c = casework(&app).await;
        let r = post_ok(&app, "/api/v1/referrals", &c.worker.token, &referral_body(&c), 201).await;
        let url = format!("/api/v1/referrals/{}", id(&r));
        let problem = assert_problem(app.post(&format!("{url}/no-show"), &c.consultant.token, &json!({"version": 1})).await, 409).await;
        assert_eq!(problem["detail"], "cannot record a no-show for a referral that is received with no meeting booked");
        post_ok(&app, &format!("{url}/decline"), &c.consultant.token, &json!({"version": 1, "on": "2012-01-20", "note": "Fel målgrupp"}), 200).await;
        for action in ["enrol", "book-first-meeting", "decline", "no-show", "withdraw"] {
            let problem = assert_problem(app.post(&format!("{url}/{action}"), &c.worker.token, &json!({"version": 2})).await, 409).await;
            assert!(problem["detail"].as_str().unwrap().ends_with("declined"), "{action}");
        }
        let same = get_json(&app, &url, &c.worker.token).await;
        assert_eq!(same["status"], "declined");
        assert_eq!(same["version"], 2);
        assert_eq!(count_rows(&app.db, "enrolments"), 0);
        // Withdrawn is final too; a stale version is 412.
        let r2 = post_ok(&app, "/api/v1/referrals", &c.worker.token, &referral_body(&c), 201).await;
        let url2 = format!("/api/v1/referrals/{}", id(&r2));
        assert_problem(app.post(&format!("{url2}/withdraw"), &c.worker.token, &json!({"version": 7})).await, 412).await;
        post_ok(&app, &format!("{url2}/withdraw"), &c.worker.token, &json!({"version": 1}), 200).await;
        assert_problem(app.post(&format!("{url2}/withdraw"), &c.worker.token, &json!({"version": 2})).await, 409).await;
        // A read-only colleague may not move a referral.
        let reader = app.login_as("read_only", &[&c.unit]).await;
        let r3 = post_ok(&app, "/api/v1/referrals", &c.worker.token, &referral_body(&c), 201).await;
        assert_problem(app.post(&format!("/api/v1/referrals/{}/book-first-meeting", id(&r3)), &reader.token, &json!({"version": 1})).await, 403).await;
    }

    async fn referrals_from_another_unit_and_cross_unit_access(app: TestApp) {
        let c = casework(&app).await;
        // The programme belongs to another unit (housing); the referral comes from the participant's unit.
        let housing = app.create_unit("Boendeenheten").await;
        let housing_manager = app.login_as("manager", &[&housing]).await;
        let programme = create_programme(&app, &housing_manager, &housing, json!({"name": "Bostadssökarstöd", "kind": "housing_search_support"})).await;
        let mut body = referral_body(&c);
        body["programme_id"] = json!(programme);
        body["target_group"] = json!("lost_lodging");
        let r = post_ok(&app, "/api/v1/referrals", &c.worker.token, &body, 201).await;
        // Someone in the other unit cannot see the participant, so not the referral either.
        let outsider = app.login_as("caseworker", &[&housing]).await;
        assert_problem(app.get(&format!("/api/v1/referrals/{}", id(&r)), &outsider.token).await, 403).await;
        let list = get_json(&app, "/api/v1/referrals", &outsider.token).await;
        assert_eq!(list["total"], 0);
        assert_problem(app.post("/api/v1/referrals", &outsider.token, &body).await, 403).await;
        // Referring in the name of a unit you do not belong to.
        let mut foreign = referral_body(&c);
        foreign["referring_unit_id"] = json!(housing);
        let problem = assert_problem(app.post("/api/v1/referrals", &c.worker.token, &foreign).await, 422).await;
        assert_eq!(error_fields(&problem), ["referring_unit_id"]);
        assert_eq!(count_rows(&app.db, "referrals"), 1);
        let denied: Vec<Value> = app.audit_of(&c.participant).await.into_iter()
            .filter(|e| e["outcome"] == "denied" && e["resource_type"] == "referral").collect();
        assert_eq!(denied.len(), 2);
        assert!(denied.iter().all(|e| e["actor_id"] == outsider.staff_id.as_str()));
    }
}
