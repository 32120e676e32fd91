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
