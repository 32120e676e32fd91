use reqwest::StatusCode;
use serde_json::{Value, json};
use stegvis::backup::{BackupError, backup, restore};
use stegvis::config::Config;
use stegvis_tests::*;

fn sqlite_config(dir: &std::path::Path) -> Config {
    let mut config = Config::for_data_dir(dir.to_path_buf());
    config.database_url = Some(dir.join("stegvis.db").to_string_lossy().into_owned());
    config
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_backup_taken_while_serving_restores_every_record() {
    let app = TestApp::spawn(Backend::Sqlite).await;
    let unit = app.create_unit("Enhet").await;
    let worker = app.login_as("caseworker", &[&unit]).await;
    // A participant removed before the others are registered leaves a gap in the rowids: the
    // list's trigram index on SQLite refers to participants by rowid (migration 000027), so the
    // restored copy must keep them as they were.
    let removed = app
        .create_participant(
            &worker.token,
            &participant_body(&unit, json!({"last_name": "Borttagen"})),
        )
        .await;
    execute_sql(
        &app.db,
        &format!(
            "DELETE FROM participants WHERE id = '{}'",
            removed["id"].as_str().unwrap()
        ),
    )
    .unwrap();
    let mut ids = Vec::new();
    for (i, name) in ["Ett", "Två", "Tre"].iter().enumerate() {
        let p = app
            .create_participant(&worker.token, &participant_body(&unit, json!({"last_name": name, "personal_identity_number": pin("19850505", 100 + i as u16)})))
            .await;
        ids.push(p["id"].as_str().unwrap().to_owned());
    }
    // A read: the backup holds its audit entry too (entries of reads are committed apart from
    // any change, by the audit writer).
    let read = app
        .get(&format!("/api/v1/participants/{}", ids[0]), &worker.token)
        .await;
    assert_eq!(read.status(), StatusCode::OK);
    let audit_rows = count_rows(&app.db, "audit_log");

    let file = app.data_dir.join("backup.db");
    backup(&sqlite_config(&app.data_dir), &file).unwrap();
    assert!(matches!(
        backup(&sqlite_config(&app.data_dir), &file),
        Err(BackupError::TargetExists(_))
    ));
    // Written after the backup: not in it.
    app.create_participant(
        &worker.token,
        &participant_body(&unit, json!({"last_name": "Efteråt"})),
    )
    .await;

    let restored_file = file.clone();
    let restored = TestApp::spawn_with(Backend::Sqlite, move |config| {
        restore(config, &restored_file, false).unwrap();
        assert!(matches!(
            restore(config, &restored_file, false),
            Err(BackupError::DatabaseExists(_))
        ));
    })
    .await;
    let session = restored.login(&worker.username, STAFF_PASSWORD).await;
    let list: Value = restored
        .get("/api/v1/participants?sort=created_at", &session.token)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(item_ids(&list), ids);
    assert!(count_rows(&restored.db, "audit_log") > audit_rows);
    assert_eq!(
        count_rows(
            &restored.db,
            &format!(
                "audit_log WHERE action = 'read' AND participant_id = '{}'",
                ids[0]
            )
        ),
        1,
        "the read's entry is in the restored database"
    );
    let one = restored
        .get(&format!("/api/v1/participants/{}", ids[1]), &session.token)
        .await;
    assert_eq!(one.status(), StatusCode::OK);
    let one: Value = one.json().await.unwrap();
    assert_eq!(one["last_name"], "Två");
    // The text search finds the same people in the restored copy.
    for (term, expected) in [
        ("två", vec![ids[1].as_str()]),
        ("tre", vec![ids[2].as_str()]),
        ("borttagen", vec![]),
    ] {
        let found: Value = restored
            .get(
                &format!("/api/v1/participants?q={}", urlencode(term)),
                &session.token,
            )
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(item_ids(&found), expected, "{term}");
        assert_eq!(found["total"], expected.len(), "{term}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn restore_refuses_files_that_are_not_backups() {
    let dir =
        std::env::temp_dir().join(format!("stegvis-restore-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&dir).unwrap();
    let junk = dir.join("junk.db");
    std::fs::write(&junk, "not a database at all").unwrap();
    let result = restore(&sqlite_config(&dir.join("data")), &junk, false);
    assert!(
        matches!(result, Err(BackupError::BadBackup(..))),
        "{result:?}"
    );
    assert!(!dir.join("data/stegvis.db").exists());
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_deployments_are_pointed_at_pg_dump() {
    let mut config = Config::for_data_dir(std::env::temp_dir());
    config.database_url = Some(postgres_admin_url());
    let result = backup(&config, &std::env::temp_dir().join("never-written.db"));
    assert!(matches!(result, Err(BackupError::NotSqlite)));
}

/// The ids of a participant list's items, in order.
fn item_ids(list: &Value) -> Vec<&str> {
    list["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_str().unwrap())
        .collect()
}
