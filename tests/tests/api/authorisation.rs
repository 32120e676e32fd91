use reqwest::StatusCode;
use serde_json::{Value, json};
use stegvis_tests::*;

both_backends! {
    async fn another_units_participant_is_forbidden_and_the_attempt_audited(app: TestApp) {
        let unit_a = app.create_unit("Enhet A").await;
        let unit_b = app.create_unit("Enhet B").await;
        let a = app.login_as("caseworker", &[&unit_a]).await;
        let b = app.login_as("caseworker", &[&unit_b]).await;
        let p = app.create_participant(&a.token, &participant_body(&unit_a, json!({}))).await;
        let url = format!("/api/v1/participants/{}", p["id"].as_str().unwrap());

        assert_problem(app.get(&url, &b.token).await, 403).await;
        let mut edit = participant_body(&unit_a, json!({"first_name": "Ändrad"}));
        edit["version"] = json!(1);
        assert_problem(app.put(&url, &b.token, &edit).await, 403).await;
        let list: Value = app.get("/api/v1/participants", &b.token).await.json().await.unwrap();
        assert_eq!(list["total"], 0);
        // Registering into a unit you do not work in.
        assert_problem(app.post("/api/v1/participants", &b.token, &participant_body(&unit_a, json!({}))).await, 403).await;
        assert_eq!(app.participant_count(), 1);

        let entries = app.audit_of(p["id"].as_str().unwrap()).await;
        let denied: Vec<_> = entries.iter().filter(|e| e["outcome"] == "denied").collect();
        assert_eq!(denied.len(), 2);
        assert!(denied.iter().all(|e| e["actor_id"] == b.staff_id.as_str()));
        let unchanged: Value = app.get(&url, &a.token).await.json().await.unwrap();
        assert_eq!(unchanged["first_name"], "Testa");
    }

    async fn protected_identity_only_for_assigned_staff_and_managers(app: TestApp) {
        let unit = app.create_unit("Enhet S").await;
        let responsible = app.login_as("caseworker", &[&unit]).await;
        let colleague = app.login_as("caseworker", &[&unit]).await;
        let consultant = app.login_as("work_consultant", &[&unit]).await;
        let manager = app.login_as("manager", &[&unit]).await;
        let p = app.create_participant(&responsible.token, &participant_body(&unit, json!({
            "protected_identity": true, "responsible_caseworker_id": responsible.staff_id, "last_name": "Skyddad"}))).await;
        let open = app.create_participant(&responsible.token, &participant_body(&unit, json!({"last_name": "Öppen"}))).await;
        let url = format!("/api/v1/participants/{}", p["id"].as_str().unwrap());

        assert_eq!(app.get(&url, &responsible.token).await.status(), StatusCode::OK);
        assert_eq!(app.get(&url, &manager.token).await.status(), StatusCode::OK);
        // Others in the same unit do not learn that the record exists.
        assert_problem(app.get(&url, &colleague.token).await, 404).await;
        assert_problem(app.get(&url, &consultant.token).await, 404).await;
        for (session, expected) in [(&responsible, 2), (&manager, 2), (&colleague, 1), (&consultant, 1)] {
            let list: Value = app.get("/api/v1/participants", &session.token).await.json().await.unwrap();
            assert_eq!(list["total"], expected, "{}", session.username);
            assert!(list["items"].as_array().unwrap().iter().any(|i| i["id"] == open["id"]));
        }
        let found: Value = app.get("/api/v1/participants?q=skyddad", &colleague.token).await.json().await.unwrap();
        assert_eq!(found["total"], 0);
    }

    async fn roles_that_only_read_cannot_write(app: TestApp) {
        let unit = app.create_unit("Enhet R").await;
        let worker = app.login_as("caseworker", &[&unit]).await;
        let p = app.create_participant(&worker.token, &participant_body(&unit, json!({}))).await;
        let url = format!("/api/v1/participants/{}", p["id"].as_str().unwrap());
        for role in ["read_only", "work_consultant", "housing_support", "housing_coordinator", "treatment_staff"] {
            let s = app.login_as(role, &[&unit]).await;
            assert_eq!(app.get(&url, &s.token).await.status(), StatusCode::OK, "{role} reads");
            let mut edit = participant_body(&unit, json!({"first_name": "Nej"}));
            edit["version"] = json!(1);
            assert_problem(app.put(&url, &s.token, &edit).await, 403).await;
            assert_problem(app.post("/api/v1/participants", &s.token, &participant_body(&unit, json!({}))).await, 403).await;
            assert_problem(app.get("/api/v1/audit", &s.token).await, 403).await;
            assert_problem(app.post("/api/v1/units", &s.token, &json!({"name": "X"})).await, 403).await;
        }
        // The administrator runs the system but does not read case files.
        let admin = app.admin().await;
        assert_problem(app.get(&url, &admin.token).await, 403).await;
        assert_problem(app.get("/api/v1/participants", &admin.token).await, 403).await;
        assert_eq!(app.participant_count(), 1);
    }

    async fn managers_read_only_their_units_audit(app: TestApp) {
        let unit_a = app.create_unit("Enhet A").await;
        let unit_b = app.create_unit("Enhet B").await;
        let wa = app.login_as("caseworker", &[&unit_a]).await;
        let wb = app.login_as("caseworker", &[&unit_b]).await;
        let manager = app.login_as("manager", &[&unit_a]).await;
        let pa = app.create_participant(&wa.token, &participant_body(&unit_a, json!({}))).await;
        let pb = app.create_participant(&wb.token, &participant_body(&unit_b, json!({}))).await;
        let res: Value = app.get("/api/v1/audit?resource_type=participant", &manager.token).await.json().await.unwrap();
        let items = res["items"].as_array().unwrap();
        assert!(!items.is_empty());
        assert!(items.iter().all(|e| e["participant_id"] == pa["id"]));
        let res: Value = app.get(&format!("/api/v1/audit?participant_id={}", pb["id"].as_str().unwrap()), &manager.token).await.json().await.unwrap();
        assert_eq!(res["total"], 0);
    }
}
