use serde_json::json;
use stegvis_tests::*;

use crate::casework_support::*;

both_backends! {
    async fn contacts_with_several_participants_and_participation(app: TestApp) {
        let c = casework(&app).await;
        let other = id(&app.create_participant(&c.worker.token, &participant_body(&c.unit, json!({"first_name": "Annan"}))).await);
        let enrolment = enrol(&app, &c).await;
        let group = post_ok(&app, "/api/v1/contacts", &c.consultant.token,
            &contact_body(&[(&c.participant, true), (&other, false)], "2012-02-03T09:00:00Z"), 201).await;
        assert_eq!(group["participants"].as_array().unwrap().len(), 2);
        assert_eq!(group["staff_id"], c.consultant.staff_id.as_str());
        for day in ["2012-02-10T09:00:00Z", "2012-02-17T09:00:00Z"] {
            post_ok(&app, "/api/v1/contacts", &c.consultant.token, &contact_body(&[(&c.participant, true)], day), 201).await;
        }
        // A no-show does not count.
        post_ok(&app, "/api/v1/contacts", &c.consultant.token, &contact_body(&[(&c.participant, false)], "2012-02-24T09:00:00Z"), 201).await;
        let e = get_json(&app, &format!("/api/v1/enrolments/{}", id(&enrolment)), &c.worker.token).await;
        assert_eq!(e["attended_contacts"], 3);
        assert_eq!(e["participated"], true);
        let mine = get_json(&app, &format!("/api/v1/participants/{}/contacts", c.participant), &c.worker.token).await;
        assert_eq!(mine["total"], 4);
        assert_eq!(mine["items"][0]["occurred_at"], "2012-02-24T09:00:00Z");
        let theirs = get_json(&app, &format!("/api/v1/participants/{other}/contacts"), &c.worker.token).await;
        assert_eq!(theirs["total"], 1);

        // Update and delete.
        let url = format!("/api/v1/contacts/{}", id(&group));
        let mut edit = contact_body(&[(&c.participant, true)], "2012-02-03T10:00:00Z");
        edit["version"] = json!(1);
        edit["kind"] = json!("group_session");
        let updated: serde_json::Value = app.put(&url, &c.consultant.token, &edit).await.json().await.unwrap();
        assert_eq!(updated["kind"], "group_session");
        assert_eq!(updated["participants"].as_array().unwrap().len(), 1);
        assert_problem(app.put(&url, &c.consultant.token, &edit).await, 412).await;
        assert_eq!(get_json(&app, &url, &c.worker.token).await["version"], 2);
        assert_eq!(app.request(reqwest::Method::DELETE, &url, Some(&c.consultant.token), None).await.status().as_u16(), 204);
        assert_problem(app.get(&url, &c.worker.token).await, 404).await;
        let audit = app.audit_of(&c.participant).await;
        for action in ["create", "read", "update", "delete", "list"] {
            assert!(audit.iter().any(|e| e["resource_type"] == "contact" && e["action"] == action), "{action}");
        }
    }

    async fn contacts_are_scoped_to_visible_participants(app: TestApp) {
        let c = casework(&app).await;
        let unit_b = app.create_unit("Enhet B").await;
        let b = app.login_as("caseworker", &[&unit_b]).await;
        let theirs = id(&app.create_participant(&b.token, &participant_body(&unit_b, json!({}))).await);
        // A contact with someone you cannot see is refused as a whole.
        assert_problem(app.post("/api/v1/contacts", &c.worker.token,
            &contact_body(&[(&c.participant, true), (&theirs, true)], "2012-02-03T09:00:00Z")).await, 403).await;
        assert_eq!(count_rows(&app.db, "contacts"), 0);
        let contact = post_ok(&app, "/api/v1/contacts", &c.worker.token, &contact_body(&[(&c.participant, true)], "2012-02-03T09:00:00Z"), 201).await;
        assert_problem(app.get(&format!("/api/v1/contacts/{}", id(&contact)), &b.token).await, 403).await;
        assert_problem(app.get(&format!("/api/v1/participants/{}/contacts", c.participant), &b.token).await, 403).await;
        // Read-only staff read but do not write.
        let reader = app.login_as("read_only", &[&c.unit]).await;
        get_json(&app, &format!("/api/v1/contacts/{}", id(&contact)), &reader.token).await;
        assert_problem(app.post("/api/v1/contacts", &reader.token, &contact_body(&[(&c.participant, true)], "2012-02-03T09:00:00Z")).await, 403).await;
        // Protected identity: invisible (404) to an unassigned colleague.
        let hidden = id(&app.create_participant(&c.worker.token, &participant_body(&c.unit,
            json!({"protected_identity": true, "responsible_caseworker_id": c.worker.staff_id}))).await);
        assert_problem(app.post("/api/v1/contacts", &c.consultant.token, &contact_body(&[(&hidden, true)], "2012-02-03T09:00:00Z")).await, 404).await;
        assert_eq!(count_rows(&app.db, "contacts"), 1);
    }
}
