use reqwest::StatusCode;
use serde_json::{Value, json};
use stegvis_tests::*;

both_backends! {
    async fn every_read_and_change_is_audited_with_ids_only(app: TestApp) {
        let unit = app.create_unit("Enhet").await;
        let worker = app.login_as("caseworker", &[&unit]).await;
        let p = app.create_participant(&worker.token, &participant_body(&unit, json!({"personal_identity_number": pin("19800101", 111)}))).await;
        let id = p["id"].as_str().unwrap();
        let url = format!("/api/v1/participants/{id}");
        app.get(&url, &worker.token).await;
        let mut edit = participant_body(&unit, json!({}));
        edit["version"] = json!(1);
        assert_eq!(app.put(&url, &worker.token, &edit).await.status(), StatusCode::OK);
        app.get("/api/v1/participants", &worker.token).await;

        let entries = app.audit_of(id).await;
        let actions: Vec<&str> = entries.iter().map(|e| e["action"].as_str().unwrap()).collect();
        assert_eq!(actions, ["create", "read", "update", "list"]);
        for e in &entries {
            assert_eq!(e["actor_id"], worker.staff_id.as_str());
            assert_eq!(e["resource_type"], "participant");
            assert_eq!(e["resource_id"], id);
            assert_eq!(e["outcome"], "success");
            let text = e.to_string();
            assert!(!text.contains("Testa") && !text.contains("19800101"), "no personal data in the log: {text}");
        }
        // Filters by actor and time.
        let admin = app.admin().await;
        let by_actor: Value = app.get(&format!("/api/v1/audit?actor_id={}&resource_type=participant", worker.staff_id), &admin.token).await.json().await.unwrap();
        assert_eq!(by_actor["total"], 4);
        let later: Value = app.get("/api/v1/audit?from=2999-01-01T00:00:00Z", &admin.token).await.json().await.unwrap();
        assert_eq!(later["total"], 0);
    }

    async fn the_audit_log_cannot_be_changed_even_with_sql(app: TestApp) {
        let unit = app.create_unit("Enhet").await;
        let worker = app.login_as("caseworker", &[&unit]).await;
        app.create_participant(&worker.token, &participant_body(&unit, json!({}))).await;
        let before = count_rows(&app.db, "audit_log");
        assert!(before > 0);
        assert!(execute_sql(&app.db, "UPDATE audit_log SET outcome = 'denied'").is_err());
        assert!(execute_sql(&app.db, "DELETE FROM audit_log").is_err());
        assert_eq!(count_rows(&app.db, "audit_log"), before);
        // And the API offers no way to change it.
        let admin = app.admin().await;
        let res = app.client.delete(app.url("/api/v1/audit")).bearer_auth(&admin.token).send().await.unwrap();
        assert_eq!(res.headers().get("allow").unwrap(), "GET");
        assert_problem(res, 405).await;
    }
}
