use diesel::{Connection, RunQueryDsl};
use reqwest::StatusCode;
use serde_json::{Value, json};
use stegvis_tests::*;

#[derive(diesel::QueryableByName)]
struct Count {
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    n: i64,
}

/// A connection to the SQLite read-audit file of `app` (bypassing the server).
fn read_audit_file(app: &TestApp) -> diesel::SqliteConnection {
    let database = app.data_dir.join("stegvis.db");
    let path = stegvis::store::read_audit::path_for(&database.to_string_lossy());
    diesel::SqliteConnection::establish(&path).unwrap()
}

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
        // On SQLite the entries of reads have a file of their own, append-only too.
        if app.backend == Backend::Sqlite {
            let list = app.get("/api/v1/participants", &worker.token).await;
            assert_eq!(list.status(), StatusCode::OK);
            let mut reads = read_audit_file(&app);
            let count = |c: &mut diesel::SqliteConnection| {
                diesel::sql_query("SELECT COUNT(*) AS n FROM audit_log").get_result::<Count>(c).unwrap().n
            };
            assert_eq!(count(&mut reads), 1, "the list's entry");
            assert!(diesel::sql_query("UPDATE audit_log SET outcome = 'denied'").execute(&mut reads).is_err());
            assert!(diesel::sql_query("DELETE FROM audit_log").execute(&mut reads).is_err());
            assert_eq!(count(&mut reads), 1);
        }
        // And the API offers no way to change it.
        let admin = app.admin().await;
        let res = app.client.delete(app.url("/api/v1/audit")).bearer_auth(&admin.token).send().await.unwrap();
        assert_eq!(res.headers().get("allow").unwrap(), "GET");
        assert_problem(res, 405).await;
    }
}

both_backends! {
    // SQLite: reads leave the database file alone (their entries go to the read-audit file, so
    // readers keep their caches), while the audit endpoint shows both files' entries in order.
    async fn reads_are_audited_without_writing_to_the_database_file(app: TestApp) {
        let unit = app.create_unit("Enhet").await;
        let worker = app.login_as("caseworker", &[&unit]).await;
        let p = app.create_participant(&worker.token, &participant_body(&unit, json!({}))).await;
        let id = p["id"].as_str().unwrap();
        let outsider = app.create_unit("Annan").await;
        let other = app.login_as("caseworker", &[&outsider]).await;
        let in_file = count_rows(&app.db, "audit_log");
        for _ in 0..3 {
            assert_eq!(app.get(&format!("/api/v1/participants/{id}"), &worker.token).await.status(), StatusCode::OK);
        }
        assert_eq!(app.get("/api/v1/participants?q=testa", &worker.token).await.status(), StatusCode::OK);
        assert_problem(app.get(&format!("/api/v1/participants/{id}"), &other.token).await, 403).await;
        if app.backend == Backend::Sqlite {
            assert_eq!(count_rows(&app.db, "audit_log"), in_file, "no read wrote to the database file");
        }
        // A change writes its entry with the change: in the database file.
        let mut edit = participant_body(&unit, json!({"last_name": "Ändrad"}));
        edit["version"] = json!(1);
        assert_eq!(app.put(&format!("/api/v1/participants/{id}"), &worker.token, &edit).await.status(), StatusCode::OK);
        if app.backend == Backend::Sqlite {
            assert_eq!(count_rows(&app.db, "audit_log"), in_file + 1);
        }

        let actions: Vec<String> = app.audit_of(id).await.iter()
            .map(|e| format!("{}/{}", e["action"].as_str().unwrap(), e["outcome"].as_str().unwrap()))
            .collect();
        assert_eq!(actions, ["create/success", "read/success", "read/success", "read/success", "list/success", "read/denied", "update/success"]);
        // The endpoint pages the merged entries newest first, with the total of both files.
        let admin = app.admin().await;
        let page: Value = app.get(&format!("/api/v1/audit?participant_id={id}&limit=2&offset=1"), &admin.token).await.json().await.unwrap();
        assert_eq!(page["total"], 7);
        let outcomes: Vec<&str> = page["items"].as_array().unwrap().iter().map(|e| e["outcome"].as_str().unwrap()).collect();
        assert_eq!(outcomes, ["denied", "success"]);
        assert_eq!(page["items"][1]["action"], "list");
    }
}
