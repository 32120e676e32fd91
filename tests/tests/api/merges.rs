use diesel::RunQueryDsl;
use serde_json::{Value, json};
use stegvis::store::Db;
use stegvis::store::merges::{NOT_MOVED, PARTICIPANT_REFERENCES};
use stegvis_tests::*;

use crate::casework_support::*;

#[derive(diesel::QueryableByName)]
struct Fk {
    #[diesel(sql_type = diesel::sql_types::Text)]
    tbl: String,
    #[diesel(sql_type = diesel::sql_types::Text)]
    col: String,
}

/// Every column the database itself says references participants(id).
fn participant_foreign_keys(db: &Db) -> Vec<(String, String)> {
    let rows: Vec<Fk> = match db {
        Db::Sqlite(pools) => diesel::sql_query(
            "SELECT m.name AS tbl, f.\"from\" AS col FROM sqlite_master m \
             JOIN pragma_foreign_key_list(m.name) f WHERE m.type = 'table' AND f.\"table\" = 'participants'")
            .load(&mut *pools.main.get().unwrap()).unwrap(),
        Db::Postgres(pool) => diesel::sql_query(
            "SELECT kcu.table_name::text AS tbl, kcu.column_name::text AS col \
             FROM information_schema.referential_constraints rc \
             JOIN information_schema.key_column_usage kcu ON kcu.constraint_name = rc.constraint_name AND kcu.constraint_schema = rc.constraint_schema \
             JOIN information_schema.constraint_column_usage ccu ON ccu.constraint_name = rc.unique_constraint_name AND ccu.constraint_schema = rc.unique_constraint_schema \
             WHERE ccu.table_name = 'participants' AND ccu.column_name = 'id'")
            .load(&mut **pool.get().unwrap()).unwrap(),
    };
    rows.into_iter().map(|r| (r.tbl, r.col)).collect()
}

both_backends! {
    async fn every_column_referencing_participants_is_handled_by_the_merge(app: TestApp) {
        let fks = participant_foreign_keys(&app.db);
        assert!(fks.len() >= PARTICIPANT_REFERENCES.len(), "catalogue query found {fks:?}");
        for (table, column) in &fks {
            let handled = PARTICIPANT_REFERENCES.iter().any(|(t, c, _)| t == table && c == column)
                || NOT_MOVED.iter().any(|(t, c)| t == table && c == column);
            assert!(handled, "{table}.{column} references participants(id) but the merge does not handle it: \
                add it to PARTICIPANT_REFERENCES (or NOT_MOVED) in api/src/store/merges.rs");
        }
        for (table, column, _) in PARTICIPANT_REFERENCES {
            assert!(fks.iter().any(|(t, c)| t == table && c == column), "{table}.{column} is listed but has no foreign key");
        }
        // The audit log stays attached to the original id: no foreign key there.
        assert!(!fks.iter().any(|(t, _)| t == "audit_log"));
    }

    async fn duplicates_are_flagged_merged_and_unmerged(app: TestApp) {
        let c = casework(&app).await;
        let body = participant_body(&c.unit, json!({"first_name": "Åsa", "last_name": "Öberg", "date_of_birth": "1981-12-18"}));
        let first = app.create_participant(&c.worker.token, &body).await;
        assert!(first.get("possible_duplicates").is_none());
        let mut again = body.clone();
        again["first_name"] = json!("ÅSA");
        let second = app.create_participant(&c.worker.token, &again).await;
        assert_eq!(second["possible_duplicates"], json!([{"id": first["id"], "likeness": "same_name_and_birth_date", "visible": true}]));
        // The check before registering: another unit's caseworker learns only that a record exists.
        let unit_b = app.create_unit("Enhet B").await;
        let b = app.login_as("caseworker", &[&unit_b]).await;
        let found = get_json(&app, "/api/v1/participants/duplicates?first_name=%C3%85sa&last_name=%C3%96berg&date_of_birth=1981-12-18", &b.token).await;
        let items = found["items"].as_array().unwrap();
        assert_eq!(items.len(), 2);
        assert!(items.iter().all(|i| i["visible"] == false && i.get("first_name").is_none()));

        // Records on the duplicate.
        let (keep, dup) = (id(&first), id(&second));
        post_ok(&app, "/api/v1/enrolments", &c.consultant.token,
            &json!({"participant_id": dup, "programme_id": c.programme, "start_date": "2012-02-01"}), 201).await;
        post_ok(&app, "/api/v1/contacts", &c.consultant.token, &contact_body(&[(&dup, true), (&keep, true)], "2012-02-03T09:00:00Z"), 201).await;
        post_ok(&app, "/api/v1/contacts", &c.consultant.token, &contact_body(&[(&dup, true)], "2012-02-04T09:00:00Z"), 201).await;
        post_ok(&app, &format!("/api/v1/participants/{dup}/relapses"), &c.consultant.token,
            &json!({"occurred_on": "2012-05-14", "substance": "alcohol", "outcome": "new_treatment"}), 201).await;
        let mut referral = referral_body(&c);
        referral["participant_id"] = json!(dup);
        post_ok(&app, "/api/v1/referrals", &c.worker.token, &referral, 201).await;

        // Only an administrator merges.
        let merge_url = format!("/api/v1/participants/{keep}/merge");
        assert_problem(app.post(&merge_url, &c.manager.token, &json!({"from_id": dup})).await, 403).await;
        let admin = app.admin().await;
        assert_problem(app.post(&merge_url, &admin.token, &json!({"from_id": keep})).await, 422).await;
        let merge = post_ok(&app, &merge_url, &admin.token, &json!({"from_id": dup}), 201).await;
        let moved: Vec<(String, u64)> = merge["moved"].as_array().unwrap().iter()
            .map(|m| (m["table"].as_str().unwrap().to_owned(), m["rows"].as_u64().unwrap())).collect();
        // The shared contact stays with the duplicate (the kept record is already on it).
        assert_eq!(moved, [("referrals".to_owned(), 1), ("enrolments".to_owned(), 1), ("contact_participants".to_owned(), 1), ("relapses".to_owned(), 1)]);
        let kept = format!("/api/v1/participants/{keep}");
        assert_eq!(get_json(&app, &format!("{kept}/relapses"), &c.worker.token).await["total"], 1);
        assert_eq!(get_json(&app, &format!("{kept}/contacts"), &c.worker.token).await["total"], 2);
        assert_eq!(get_json(&app, &format!("/api/v1/enrolments?participant_id={keep}"), &c.worker.token).await["total"], 1);
        let gone = get_json(&app, &format!("/api/v1/participants/{dup}"), &c.worker.token).await;
        assert_eq!(gone["status"], "closed");
        assert_problem(app.post(&merge_url, &admin.token, &json!({"from_id": dup})).await, 409).await;
        let audit = app.audit_of(&dup).await;
        assert!(audit.iter().any(|e| e["action"] == "merge" && e["actor_id"] == admin.staff_id.as_str()));

        // Undo puts everything back.
        let undo = format!("/api/v1/participant-merges/{}/undo", id(&merge));
        assert_problem(app.post(&undo, &c.manager.token, &json!({})).await, 403).await;
        let undone = post_ok(&app, &undo, &admin.token, &json!({}), 200).await;
        assert!(undone["undone_at"].is_string());
        assert_problem(app.post(&undo, &admin.token, &json!({})).await, 409).await;
        let back: Value = get_json(&app, &format!("/api/v1/participants/{dup}"), &c.worker.token).await;
        assert_eq!(back["status"], "active");
        assert_eq!(get_json(&app, &format!("/api/v1/participants/{dup}/relapses"), &c.worker.token).await["total"], 1);
        assert_eq!(get_json(&app, &format!("/api/v1/participants/{dup}/contacts"), &c.worker.token).await["total"], 2);
        assert_eq!(get_json(&app, &format!("{kept}/contacts"), &c.worker.token).await["total"], 1);
        assert_eq!(get_json(&app, &format!("{kept}/relapses"), &c.worker.token).await["total"], 0);
        assert!(app.audit_of(&dup).await.iter().any(|e| e["action"] == "undo_merge"));
    }
}
