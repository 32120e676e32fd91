use reqwest::StatusCode;
use serde_json::{Value, json};
use stegvis_tests::*;

both_backends! {
    async fn bad_bodies_get_precise_problems_and_write_nothing(app: TestApp) {
        let unit = app.create_unit("Enhet").await;
        let worker = app.login_as("caseworker", &[&unit]).await;
        let url = app.url("/api/v1/participants");

        let res = app.client.post(&url).bearer_auth(&worker.token).header("content-type", "application/json").body("{\"first_name\": ").send().await.unwrap();
        assert_problem(res, 400).await;
        let res = app.client.post(&url).bearer_auth(&worker.token).header("content-type", "text/plain").body("hej").send().await.unwrap();
        assert_problem(res, 415).await;
        let huge = participant_body(&unit, json!({"care_of": "x".repeat(300_000)}));
        let res = app.client.post(&url).bearer_auth(&worker.token).json(&huge).send().await.unwrap();
        assert_problem(res, 413).await;

        let cases: Vec<(Value, &str)> = vec![
            (participant_body(&unit, json!({"nickname": "x"})), "nickname"),
            (participant_body(&unit, json!({"personal_identity_number": "811218-9875"})), "personal_identity_number"),
            (participant_body(&unit, json!({"personal_identity_number": "hello"})), "personal_identity_number"),
            (participant_body(&unit, json!({"date_of_birth": "2999-01-01"})), "date_of_birth"),
            (participant_body(&unit, json!({"date_of_birth": "1990-02-30"})), "date_of_birth"),
            (participant_body(&unit, json!({"gender": "robot"})), "gender"),
            (participant_body(&unit, json!({"first_name": "  "})), "first_name"),
            (participant_body(&unit, json!({"email": "inte-en-adress"})), "email"),
            (participant_body(&unit, json!({"unit_id": "not-a-uuid"})), "unit_id"),
            (participant_body(&unit, json!({"responsible_caseworker_id": uuid::Uuid::now_v7()})), "responsible_caseworker_id"),
            (json!({"first_name": "Bara"}), "last_name"),
        ];
        for (body, field) in cases {
            let res = app.client.post(&url).bearer_auth(&worker.token).json(&body).send().await.unwrap();
            let problem = assert_problem(res, 422).await;
            assert!(error_fields(&problem).contains(&field.to_owned()), "expected field {field} in {problem}");
        }
        // Several bad fields are reported together.
        let res = app.client.post(&url).bearer_auth(&worker.token)
            .json(&participant_body(&unit, json!({"personal_identity_number": "19811218-9875", "email": "x", "postal_code": "1"})))
            .send().await.unwrap();
        let problem = assert_problem(res, 422).await;
        assert_eq!(error_fields(&problem), ["personal_identity_number", "email", "postal_code"]);

        assert_eq!(app.participant_count(), 0);
    }

    async fn bad_query_parameters_and_ids(app: TestApp) {
        let unit = app.create_unit("Enhet").await;
        let worker = app.login_as("caseworker", &[&unit]).await;
        for (query, field) in [("limit=0", "limit"), ("limit=501", "limit"), ("offset=-1", "offset"), ("status=maybe", "status"),
                               ("sort=age", "sort"), ("unit_id=x", "unit_id"), ("colour=red", "colour")] {
            let problem = assert_problem(app.get(&format!("/api/v1/participants?{query}"), &worker.token).await, 422).await;
            assert_eq!(error_fields(&problem), [field], "{query}");
        }
        assert_problem(app.get(&format!("/api/v1/participants/{}", uuid::Uuid::now_v7()), &worker.token).await, 404).await;
        assert_problem(app.get("/api/v1/participants/not-an-id", &worker.token).await, 404).await;
        assert_problem(app.get("/api/v1/no-such-thing", &worker.token).await, 404).await;
        // A known path with a method it does not support: 405 naming the allowed ones.
        let res = app.client.delete(app.url(&format!("/api/v1/participants/{}", uuid::Uuid::now_v7()))).bearer_auth(&worker.token).send().await.unwrap();
        assert_eq!(res.headers().get("allow").unwrap(), "GET, PUT");
        assert_problem(res, 405).await;
        let res = app.client.request(reqwest::Method::TRACE, app.url("/readyz")).send().await.unwrap();
        assert_problem(res, 405).await;
    }

    async fn closing_in_the_future_is_refused(app: TestApp) {
        let unit = app.create_unit("Enhet").await;
        let worker = app.login_as("caseworker", &[&unit]).await;
        let p = app.create_participant(&worker.token, &participant_body(&unit, json!({}))).await;
        let res = app.post(&format!("/api/v1/participants/{}/close", p["id"].as_str().unwrap()), &worker.token,
            &json!({"version": 1, "closed_on": "2999-01-01"})).await;
        let problem = assert_problem(res, 422).await;
        assert_eq!(error_fields(&problem), ["closed_on"]);
        let same: Value = app.get(&format!("/api/v1/participants/{}", p["id"].as_str().unwrap()), &worker.token).await.json().await.unwrap();
        assert_eq!(same["status"], "active");
        assert_eq!(same["version"], 1);
        assert_eq!(StatusCode::OK, app.get("/healthz", &worker.token).await.status());
    }
}
