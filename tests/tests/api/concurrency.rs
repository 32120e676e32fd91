use reqwest::StatusCode;
use serde_json::json;
use stegvis_tests::*;

both_backends! {
    async fn concurrent_edits_of_one_version_apply_exactly_once(app: TestApp) {
        let unit = app.create_unit("Enhet").await;
        let worker = app.login_as("caseworker", &[&unit]).await;
        let p = app.create_participant(&worker.token, &participant_body(&unit, json!({}))).await;
        let url = format!("/api/v1/participants/{}", p["id"].as_str().unwrap());
        let writers = (0..8).map(|i| {
            let mut body = participant_body(&unit, json!({"first_name": format!("Skrivare{i}")}));
            body["version"] = json!(1);
            let (client, full, token) = (app.client.clone(), app.url(&url), worker.token.clone());
            tokio::spawn(async move { client.put(full).bearer_auth(token).json(&body).send().await.unwrap().status() })
        });
        let mut statuses = Vec::new();
        for w in writers {
            statuses.push(w.await.unwrap());
        }
        assert_eq!(statuses.iter().filter(|s| **s == StatusCode::OK).count(), 1, "{statuses:?}");
        assert!(statuses.iter().all(|s| *s == StatusCode::OK || *s == StatusCode::PRECONDITION_FAILED), "{statuses:?}");
        let now: serde_json::Value = app.get(&url, &worker.token).await.json().await.unwrap();
        assert_eq!(now["version"], 2);
    }
}

both_backends! {
    // The "already enrolled" check runs before the insert; on PostgreSQL two transactions can both
    // pass it, so the database itself must refuse the second open enrolment.
    async fn concurrent_enrolments_in_one_programme_create_exactly_one(app: TestApp) {
        let c = crate::casework_support::casework(&app).await;
        let body = json!({"participant_id": c.participant, "programme_id": c.programme, "start_date": "2012-02-01"});
        let writers = (0..8).map(|_| {
            let (client, full, token, body) =
                (app.client.clone(), app.url("/api/v1/enrolments"), c.consultant.token.clone(), body.clone());
            tokio::spawn(async move { client.post(full).bearer_auth(token).json(&body).send().await.unwrap().status() })
        });
        let mut statuses = Vec::new();
        for w in writers {
            statuses.push(w.await.unwrap());
        }
        assert_eq!(statuses.iter().filter(|s| **s == StatusCode::CREATED).count(), 1, "{statuses:?}");
        assert!(statuses.iter().all(|s| *s == StatusCode::CREATED || *s == StatusCode::CONFLICT), "{statuses:?}");
        assert_eq!(count_rows(&app.db, "enrolments"), 1);
    }
}
