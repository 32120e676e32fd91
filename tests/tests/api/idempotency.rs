use reqwest::StatusCode;
use serde_json::{Value, json};
use stegvis_tests::*;

both_backends! {
    async fn a_retried_post_with_the_same_key_creates_one_record(app: TestApp) {
        let unit = app.create_unit("Enhet").await;
        let worker = app.login_as("caseworker", &[&unit]).await;
        let body = participant_body(&unit, json!({"personal_identity_number": pin("19700707", 321)}));
        let send = |b: &Value| app.client.post(app.url("/api/v1/participants")).bearer_auth(&worker.token).header("Idempotency-Key", "import-42").json(b).send();

        let first = send(&body).await.unwrap();
        assert_eq!(first.status(), StatusCode::CREATED);
        let location = first.headers().get("location").unwrap().clone();
        let first: Value = first.json().await.unwrap();
        let second = send(&body).await.unwrap();
        assert_eq!(second.status(), StatusCode::CREATED);
        assert_eq!(second.headers().get("idempotent-replayed").unwrap(), "true");
        assert_eq!(second.headers().get("location").unwrap(), &location);
        let second: Value = second.json().await.unwrap();
        assert_eq!(first, second);
        assert_eq!(app.participant_count(), 1);

        // The same key with another body is a client error, not a silent replay.
        let other = participant_body(&unit, json!({"first_name": "Annan"}));
        let problem = assert_problem(send(&other).await.unwrap(), 422).await;
        assert_eq!(error_fields(&problem), ["Idempotency-Key"]);
        assert_eq!(app.participant_count(), 1);

        // A failed request does not use up its key.
        let bad = participant_body(&unit, json!({"gender": "x"}));
        let res = app.client.post(app.url("/api/v1/participants")).bearer_auth(&worker.token).header("Idempotency-Key", "k2").json(&bad).send().await.unwrap();
        assert_problem(res, 422).await;
        let good = participant_body(&unit, json!({"gender": "man"}));
        let res = app.client.post(app.url("/api/v1/participants")).bearer_auth(&worker.token).header("Idempotency-Key", "k2").json(&good).send().await.unwrap();
        assert_eq!(res.status(), StatusCode::CREATED);
        assert_eq!(app.participant_count(), 2);
    }
}
