//! Shared set-up for the casework tests: a unit with staff, a participant and a programme.

use reqwest::StatusCode;
use serde_json::{Value, json};
use stegvis_tests::*;

pub struct Casework {
    pub unit: String,
    pub worker: Session,
    pub manager: Session,
    pub consultant: Session,
    pub participant: String,
    pub programme: String,
}

pub fn id(v: &Value) -> String {
    v["id"].as_str().unwrap().to_owned()
}

/// POSTs and asserts the status; returns the body.
pub async fn post_ok(app: &TestApp, path: &str, token: &str, body: &Value, status: u16) -> Value {
    let res = app.post(path, token, body).await;
    let got = res.status().as_u16();
    let text = res.text().await.unwrap();
    assert_eq!(got, status, "POST {path}: {text}");
    serde_json::from_str(&text).unwrap_or(Value::Null)
}

pub async fn get_json(app: &TestApp, path: &str, token: &str) -> Value {
    let res = app.get(path, token).await;
    assert_eq!(res.status(), StatusCode::OK, "GET {path}");
    res.json().await.unwrap()
}

pub async fn create_programme(
    app: &TestApp,
    manager: &Session,
    unit: &str,
    extra: Value,
) -> String {
    let mut body = json!({"unit_id": unit, "name": "Ur hemlöshet – I jobb", "kind": "job_rehabilitation",
                          "start_date": "2011-11-01"});
    for (k, v) in extra.as_object().unwrap() {
        body[k] = v.clone();
    }
    id(&post_ok(app, "/api/v1/programmes", &manager.token, &body, 201).await)
}

pub async fn casework(app: &TestApp) -> Casework {
    let unit = app.create_unit("Vuxenenheten").await;
    let worker = app.login_as("caseworker", &[&unit]).await;
    let manager = app.login_as("manager", &[&unit]).await;
    let consultant = app.login_as("work_consultant", &[&unit]).await;
    let p = app
        .create_participant(&worker.token, &participant_body(&unit, json!({})))
        .await;
    let programme = create_programme(app, &manager, &unit, json!({})).await;
    Casework {
        participant: id(&p),
        unit,
        worker,
        manager,
        consultant,
        programme,
    }
}

pub fn referral_body(c: &Casework) -> Value {
    json!({"participant_id": c.participant, "programme_id": c.programme, "referring_unit_id": c.unit,
           "referred_on": "2012-01-16", "reason": "Hemlös, vill arbeta", "target_group": "homeless_with_substance_use",
           "assessment": "Behöver stöd att komma i kontakt med arbetsgivare"})
}

/// Enrols the participant directly; returns the enrolment.
pub async fn enrol(app: &TestApp, c: &Casework) -> Value {
    post_ok(app, "/api/v1/enrolments", &c.consultant.token,
        &json!({"participant_id": c.participant, "programme_id": c.programme, "start_date": "2012-02-01"}), 201).await
}

pub fn contact_body(participants: &[(&str, bool)], at: &str) -> Value {
    let people: Vec<Value> = participants
        .iter()
        .map(|(p, a)| json!({"participant_id": p, "attended": a}))
        .collect();
    json!({"participants": people, "occurred_at": at, "kind": "meeting", "note": "Samtal om mål"})
}
