//! Action plans (handlingsplaner), reviews and method evaluations (issue 6).

use reqwest::StatusCode;
use serde_json::{Value, json};
use stegvis_tests::*;

struct Fixture {
    unit: String,
    manager: Session,
    worker: Session,
    participant: String,
    programme: String,
    enrolment: String,
}

async fn body(res: reqwest::Response, status: StatusCode) -> Value {
    let got = res.status();
    let text = res.text().await.unwrap();
    assert_eq!(got, status, "{text}");
    serde_json::from_str(&text).unwrap()
}

/// A unit with a manager and a housing-support worker, a housing-support programme from 2023,
/// and a participant enrolled in it.
async fn fixture(app: &TestApp) -> Fixture {
    let unit = app.create_unit("Boendestöd").await;
    let manager = app.login_as("manager", &[&unit]).await;
    let worker = app.login_as("housing_support", &[&unit]).await;
    let programme = body(
        app.post(
            "/api/v1/programmes",
            &manager.token,
            &json!({"unit_id": unit, "name": "Boendestöd i egen bostad",
            "kind": "housing_support", "start_date": "2023-01-01"}),
        )
        .await,
        StatusCode::CREATED,
    )
    .await["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let (participant, enrolment) = enrolled(app, &manager, &unit, &programme, "Testsson").await;
    Fixture {
        unit,
        manager,
        worker,
        participant,
        programme,
        enrolment,
    }
}

async fn enrolled(
    app: &TestApp,
    manager: &Session,
    unit: &str,
    programme: &str,
    last: &str,
) -> (String, String) {
    let p = app
        .create_participant(
            &manager.token,
            &participant_body(unit, json!({"last_name": last})),
        )
        .await;
    let p = p["id"].as_str().unwrap().to_owned();
    let e = body(
        app.post(
            "/api/v1/enrolments",
            &manager.token,
            &json!({"participant_id": p, "programme_id": programme,
            "start_date": "2023-12-01"}),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    (p, e["id"].as_str().unwrap().to_owned())
}

fn plan_body(f: &Fixture, start: &str) -> Value {
    json!({
        "enrolment_id": f.enrolment, "period_start": start,
        "purpose": "Behålla bostaden", "scope": "Hembesök en gång i veckan",
        "participant_views": "Jag vill klara mig själv",
        "goals": [{"horizon": "short_term", "text": "Betala hyran i tid"},
                  {"horizon": "long_term", "text": "Jag vill ha ett jobb", "in_participants_words": true}],
        "interventions": [
            {"what": "Hembesök", "responsible_kind": "staff", "responsible_staff_id": f.worker.staff_id, "frequency": "varje vecka"},
            {"what": "Återfallsprevention", "responsible_kind": "external", "external_actor": "Beroendevården"}]
    })
}

async fn create_plan(app: &TestApp, token: &str, participant: &str, plan: &Value) -> Value {
    body(
        app.post(
            &format!("/api/v1/participants/{participant}/action-plans"),
            token,
            plan,
        )
        .await,
        StatusCode::CREATED,
    )
    .await
}

async fn action(
    app: &TestApp,
    token: &str,
    plan: &Value,
    step: &str,
    extra: Value,
) -> reqwest::Response {
    let mut b = json!({"version": plan["version"]});
    for (k, v) in extra.as_object().unwrap() {
        b[k] = v.clone();
    }
    app.post(
        &format!(
            "/api/v1/action-plans/{}/{step}",
            plan["id"].as_str().unwrap()
        ),
        token,
        &b,
    )
    .await
}

fn goal_id(plan: &Value, i: usize) -> String {
    plan["goals"][i]["id"].as_str().unwrap().to_owned()
}

fn review_body(plan: &Value, reviewed_on: &str) -> Value {
    json!({"reviewed_on": reviewed_on,
        "outcomes": [{"goal_id": goal_id(plan, 0), "outcome": "achieved"},
                     {"goal_id": goal_id(plan, 1), "outcome": "not_achieved", "reason": "Ingen praktikplats ännu"}],
        "analysis": "Hembesöken har gett stabilitet", "participant_view": "Jag vill börja praktisera"})
}

/// Creates, activates and returns a plan.
async fn active_plan(app: &TestApp, f: &Fixture, start: &str) -> Value {
    let plan = create_plan(app, &f.worker.token, &f.participant, &plan_body(f, start)).await;
    body(
        action(app, &f.worker.token, &plan, "activate", json!({})).await,
        StatusCode::OK,
    )
    .await
}

fn counts(app: &TestApp) -> [i64; 4] {
    [
        "action_plans",
        "action_plan_goals",
        "action_plan_interventions",
        "action_plan_reviews",
    ]
    .map(|t| count_rows(&app.db, t))
}

both_backends! {
    async fn draft_activate_sign_review_and_the_chain(app: TestApp) {
        let f = fixture(&app).await;
        let t = &f.worker.token;
        let res = app.post(&format!("/api/v1/participants/{}/action-plans", f.participant), t, &plan_body(&f, "2024-01-01")).await;
        let location = res.headers().get("location").unwrap().to_str().unwrap().to_owned();
        let plan = body(res, StatusCode::CREATED).await;
        assert_eq!(location, format!("/api/v1/action-plans/{}", plan["id"].as_str().unwrap()));
        assert_eq!(plan["status"], "draft");
        assert_eq!(plan["sequence"], 1);
        assert_eq!(plan["period_end"], "2024-03-31", "three months by default");
        assert_eq!(plan["review_due_on"], Value::Null);
        assert_eq!(plan["goals"].as_array().unwrap().len(), 2);
        assert_eq!(plan["goals"][1]["in_participants_words"], true);
        assert_eq!(plan["interventions"][1]["external_actor"], "Beroendevården");

        let plan = body(action(&app, t, &plan, "activate", json!({})).await, StatusCode::OK).await;
        assert_eq!(plan["status"], "active");
        assert_eq!(plan["review_due_on"], "2024-03-31");
        assert_eq!(plan["review_overdue"], true);
        let plan = body(action(&app, t, &plan, "sign", json!({"signed_on": "2024-01-03"})).await, StatusCode::OK).await;
        assert_eq!(plan["signed_on"], "2024-01-03");
        assert_eq!(plan["version"], 3);

        // The print view, for the participant to read and sign.
        let res = app.get(&format!("/api/v1/action-plans/{}/print", plan["id"].as_str().unwrap()), t).await;
        assert_eq!(res.status(), StatusCode::OK);
        assert!(res.headers()["content-type"].to_str().unwrap().starts_with("text/html"));
        let html = res.text().await.unwrap();
        for text in ["Handlingsplan", "Betala hyran i tid", "Jag vill ha ett jobb", "Beroendevården", "Jag vill klara mig själv", "2024-01-03"] {
            assert!(html.contains(text), "{text}");
        }
        assert!(!html.contains("<script"));

        let result = body(action(&app, t, &plan, "review", review_body(&plan, "2024-03-29")).await, StatusCode::CREATED).await;
        let (reviewed, next) = (&result["reviewed"], &result["next"]);
        assert_eq!(reviewed["status"], "reviewed");
        assert_eq!(reviewed["review"]["on_time"], true);
        assert_eq!(reviewed["review_due_on"], Value::Null);
        assert_eq!(reviewed["goals"][1]["outcome"], "not_achieved");
        assert_eq!(reviewed["goals"][1]["outcome_reason"], "Ingen praktikplats ännu");
        assert_eq!(next["status"], "draft");
        assert_eq!(next["sequence"], 2);
        assert_eq!(next["previous_plan_id"], plan["id"]);
        assert_eq!(reviewed["review"]["next_plan_id"], next["id"]);
        assert_eq!(next["period_start"], "2024-03-30");
        assert_eq!(next["period_end"], "2024-06-29");
        assert_eq!(next["participant_views"], Value::Null);
        assert_eq!(next["interventions"].as_array().unwrap().len(), 2);
        let carried = next["goals"].as_array().unwrap();
        assert_eq!(carried.len(), 1, "only the open goal carries over");
        assert_eq!(carried[0]["text"], "Jag vill ha ett jobb");
        assert_eq!(carried[0]["carried_from_goal_id"], plan["goals"][1]["id"]);

        // Editing the next draft keeps a goal's link when its id is sent back.
        let mut edit = json!({"period_start": "2024-03-30", "period_end": "2024-06-29", "participant_views": "Nu vill jag praktisera",
            "goals": [{"id": carried[0]["id"], "horizon": "long_term", "text": "Praktik inom lager"},
                      {"horizon": "short_term", "text": "Söka två praktikplatser"}], "version": 1});
        let edited = body(app.put(&format!("/api/v1/action-plans/{}", next["id"].as_str().unwrap()), t, &edit).await, StatusCode::OK).await;
        assert_eq!(edited["goals"][0]["id"], carried[0]["id"]);
        assert_eq!(edited["goals"][0]["carried_from_goal_id"], plan["goals"][1]["id"]);
        assert_eq!(edited["version"], 2);
        edit["version"] = json!(1);
        assert_problem(app.put(&format!("/api/v1/action-plans/{}", next["id"].as_str().unwrap()), t, &edit).await, 412).await;

        // The chain, in order, readable as a whole.
        let list = body(app.get(&format!("/api/v1/participants/{}/action-plans", f.participant), t).await, StatusCode::OK).await;
        assert_eq!(list["total"], 2);
        assert_eq!(list["items"][0]["id"], plan["id"]);
        assert_eq!(list["items"][0]["review"]["reviewed_on"], "2024-03-29");
        assert_eq!(list["items"][1]["id"], next["id"]);
        let one = body(app.get(&format!("/api/v1/action-plans/{}", plan["id"].as_str().unwrap()), &f.manager.token).await, StatusCode::OK).await;
        assert_eq!(one["status"], "reviewed");

        // Every read and write is audited.
        let audit = app.audit_of(&f.participant).await;
        let plan_entries: Vec<&Value> = audit.iter().filter(|e| e["resource_type"] == "action_plan").collect();
        for a in ["create", "update", "read", "close", "list"] {
            assert!(plan_entries.iter().any(|e| e["action"] == a), "{a}");
        }
        assert!(plan_entries.iter().all(|e| e["outcome"] == "success"));
    }

    async fn bad_input_is_refused_and_nothing_written(app: TestApp) {
        let f = fixture(&app).await;
        let t = &f.worker.token;
        let url = format!("/api/v1/participants/{}/action-plans", f.participant);

        // Invalid fields, all reported together.
        let bad = json!({"enrolment_id": uuid::Uuid::new_v4(), "period_start": "2024-02-01", "period_end": "2024-01-01",
            "goals": [{"horizon": "short_term", "text": "  "}],
            "interventions": [{"what": "Hembesök", "responsible_kind": "staff"},
                              {"what": "Samtal", "responsible_kind": "external"}]});
        let p = assert_problem(app.post(&url, t, &bad).await, 422).await;
        let fields = error_fields(&p);
        for field in ["enrolment_id", "period_end", "goals[0].text", "interventions[0].responsible_staff_id", "interventions[1].external_actor"] {
            assert!(fields.contains(&field.to_owned()), "{field} in {fields:?}");
        }
        assert_eq!(counts(&app), [0, 0, 0, 0]);

        // A plan with no goals made active; a plan without the participant's views made active.
        let empty = create_plan(&app, t, &f.participant, &json!({"enrolment_id": f.enrolment, "period_start": "2024-01-01"})).await;
        let p = assert_problem(action(&app, t, &empty, "activate", json!({})).await, 422).await;
        assert_eq!(error_fields(&p), ["goals", "participant_views"]);
        let mut no_views = plan_body(&f, "2024-01-01");
        no_views.as_object_mut().unwrap().remove("participant_views");
        let no_views = create_plan(&app, t, &f.participant, &no_views).await;
        let p = assert_problem(action(&app, t, &no_views, "activate", json!({})).await, 422).await;
        assert_eq!(error_fields(&p), ["participant_views"]);
        let before = counts(&app);
        let still: Value = app.get(&format!("/api/v1/action-plans/{}", no_views["id"].as_str().unwrap()), t).await.json().await.unwrap();
        assert_eq!((still["status"].as_str(), still["version"].as_i64()), (Some("draft"), Some(1)));

        // A review of a plan that is not active.
        assert_problem(action(&app, t, &no_views, "review", review_body(&no_views, "2024-03-01")).await, 409).await;
        assert_eq!(counts(&app), before);

        // Two active plans for the same enrolment.
        let active = active_plan(&app, &f, "2024-01-01").await;
        let second = create_plan(&app, t, &f.participant, &plan_body(&f, "2024-01-15")).await;
        let p = assert_problem(action(&app, t, &second, "activate", json!({})).await, 409).await;
        assert!(p["detail"].as_str().unwrap().contains("already has an active action plan"));
        let second_now: Value = app.get(&format!("/api/v1/action-plans/{}", second["id"].as_str().unwrap()), t).await.json().await.unwrap();
        assert_eq!(second_now["status"], "draft");

        // An active plan must keep its goals and the participant's views.
        let plan_url = format!("/api/v1/action-plans/{}", active["id"].as_str().unwrap());
        let p = assert_problem(app.put(&plan_url, t, &json!({"period_start": "2024-01-01", "period_end": "2024-03-31",
            "goals": [], "version": active["version"]})).await, 422).await;
        assert_eq!(error_fields(&p), ["goals", "participant_views"]);
        assert_problem(app.put(&plan_url, t, &json!({"period_start": "2024-01-01", "period_end": "2024-03-31"})).await, 428).await;

        // Reviews must judge every goal and give reasons.
        let before = counts(&app);
        let mut r = review_body(&active, "2024-03-20");
        r["outcomes"][1]["reason"] = Value::Null;
        let p = assert_problem(action(&app, t, &active, "review", r).await, 422).await;
        assert_eq!(error_fields(&p), ["outcomes[1].reason"]);
        let mut r = review_body(&active, "2024-03-20");
        r["outcomes"].as_array_mut().unwrap().pop();
        let p = assert_problem(action(&app, t, &active, "review", r).await, 422).await;
        assert_eq!(error_fields(&p), ["outcomes"]);
        let p = assert_problem(action(&app, t, &active, "review", review_body(&active, "2999-01-01")).await, 422).await;
        assert_eq!(error_fields(&p), ["reviewed_on"]);
        assert_eq!(counts(&app), before);

        // A reviewed plan is immutable.
        let done = body(action(&app, t, &active, "review", review_body(&active, "2024-04-05")).await, StatusCode::CREATED).await;
        assert_eq!(done["reviewed"]["review"]["on_time"], false, "reviewed after the period end");
        let reviewed = &done["reviewed"];
        let before = counts(&app);
        let p = assert_problem(app.put(&plan_url, t, &json!({"period_start": "2024-01-01", "period_end": "2024-03-31",
            "participant_views": "Ändrat", "goals": [{"horizon": "short_term", "text": "Nytt"}], "version": reviewed["version"]})).await, 409).await;
        assert_eq!(p["detail"], "a reviewed plan cannot be changed");
        assert_problem(action(&app, t, reviewed, "sign", json!({"signed_on": "2024-04-06"})).await, 409).await;
        assert_problem(action(&app, t, reviewed, "activate", json!({})).await, 409).await;
        assert_problem(action(&app, t, reviewed, "review", review_body(reviewed, "2024-04-06")).await, 409).await;
        assert_eq!(counts(&app), before);
        let after: Value = app.get(&plan_url, t).await.json().await.unwrap();
        assert_eq!(after["goals"], reviewed["goals"]);
        assert_eq!(after["version"], reviewed["version"]);
        // Now the enrolment has no active plan, so the waiting draft may become active.
        body(action(&app, t, &second, "activate", json!({})).await, StatusCode::OK).await;
    }

    async fn access_follows_the_participant(app: TestApp) {
        let f = fixture(&app).await;
        let plan = active_plan(&app, &f, "2024-01-01").await;
        let plan_url = format!("/api/v1/action-plans/{}", plan["id"].as_str().unwrap());
        let list_url = format!("/api/v1/participants/{}/action-plans", f.participant);

        let other_unit = app.create_unit("Annan enhet").await;
        let stranger = app.login_as("caseworker", &[&other_unit]).await;
        assert_problem(app.get(&plan_url, &stranger.token).await, 403).await;
        assert_problem(app.get(&list_url, &stranger.token).await, 403).await;
        assert_problem(app.get(&format!("{plan_url}/print"), &stranger.token).await, 403).await;
        assert_problem(app.post(&list_url, &stranger.token, &plan_body(&f, "2024-05-01")).await, 403).await;

        // Roles that only read plans: the housing coordinator and read-only staff.
        for role in ["housing_coordinator", "read_only"] {
            let reader = app.login_as(role, &[&f.unit]).await;
            assert_eq!(app.get(&plan_url, &reader.token).await.status(), StatusCode::OK, "{role}");
            assert_problem(action(&app, &reader.token, &plan, "sign", json!({"signed_on": "2024-01-02"})).await, 403).await;
        }
        for role in ["caseworker", "treatment_staff", "work_consultant"] {
            let writer = app.login_as(role, &[&f.unit]).await;
            create_plan(&app, &writer.token, &f.participant, &plan_body(&f, "2024-05-01")).await;
        }
        assert_eq!(count_rows(&app.db, "action_plans"), 4);
        let denied = app.audit_of(&f.participant).await;
        assert!(denied.iter().any(|e| e["outcome"] == "denied" && e["actor_id"] == stranger.staff_id.as_str()));

        // A protected identity: colleagues who are not assigned get 404, as for the participant.
        let protected = app.create_participant(&f.manager.token, &participant_body(&f.unit, json!({
            "protected_identity": true, "last_name": "Skyddad"}))).await;
        let pid = protected["id"].as_str().unwrap();
        let hidden = create_plan(&app, &f.manager.token, pid, &json!({"period_start": "2024-01-01"})).await;
        assert_problem(app.get(&format!("/api/v1/participants/{pid}/action-plans"), &f.worker.token).await, 404).await;
        assert_problem(app.get(&format!("/api/v1/action-plans/{}", hidden["id"].as_str().unwrap()), &f.worker.token).await, 404).await;
        assert_problem(app.post(&format!("/api/v1/participants/{pid}/action-plans"), &f.worker.token, &json!({})).await, 404).await;
        assert_eq!(app.get(&format!("/api/v1/action-plans/{}", hidden["id"].as_str().unwrap()), &f.manager.token).await.status(), StatusCode::OK);
        assert_problem(app.get(&format!("/api/v1/action-plans/{}", uuid::Uuid::new_v4()), &f.worker.token).await, 404).await;
    }

    async fn method_evaluation_figures_by_hand(app: TestApp) {
        let f = fixture(&app).await;
        let t = &f.worker.token;
        // Participant 1: plan A 2024-01-01–03-31 reviewed on time (1 achieved, 1 not), its
        // successor B 2024-03-30–06-29 made active and never reviewed (missing).
        let a = active_plan(&app, &f, "2024-01-01").await;
        let done = body(action(&app, t, &a, "review", review_body(&a, "2024-03-29")).await, StatusCode::CREATED).await;
        let mut b = done["next"].clone();
        b = body(app.put(&format!("/api/v1/action-plans/{}", b["id"].as_str().unwrap()), t, &json!({
            "period_start": b["period_start"], "period_end": b["period_end"], "participant_views": "Vidare",
            "goals": [{"id": b["goals"][0]["id"], "horizon": "long_term", "text": "Jag vill ha ett jobb"}], "version": b["version"]})).await,
            StatusCode::OK).await;
        body(action(&app, t, &b, "activate", json!({})).await, StatusCode::OK).await;
        // Participant 2: plan C 2024-02-01–04-30 reviewed late on 2024-05-10 (1 partly achieved);
        // its successor D stays a draft.
        let (p2, e2) = enrolled(&app, &f.manager, &f.unit, &f.programme, "Andra").await;
        let c = create_plan(&app, t, &p2, &json!({"enrolment_id": e2, "period_start": "2024-02-01", "participant_views": "Ja",
            "goals": [{"horizon": "short_term", "text": "Städa varje vecka"}]})).await;
        assert_eq!(c["period_end"], "2024-04-30");
        let c = body(action(&app, t, &c, "activate", json!({})).await, StatusCode::OK).await;
        body(action(&app, t, &c, "review", json!({"reviewed_on": "2024-05-10",
            "outcomes": [{"goal_id": goal_id(&c, 0), "outcome": "partly_achieved", "reason": "Sjukdom i april"}],
            "analysis": "Delvis", "participant_view": "Okej"})).await, StatusCode::CREATED).await;
        // Not in the programme: a plan outside any enrolment.
        let outside = create_plan(&app, t, &p2, &json!({"period_start": "2024-01-10", "participant_views": "Ja",
            "goals": [{"horizon": "short_term", "text": "Annat"}]})).await;
        body(action(&app, t, &outside, "activate", json!({})).await, StatusCode::OK).await;

        let url = format!("/api/v1/programmes/{}/method-evaluations", f.programme);
        let res = app.post(&url, &f.manager.token, &json!({"half_year": "2024-H1", "evaluation": "Metoden fungerar"})).await;
        let ev = body(res, StatusCode::CREATED).await;
        assert_eq!(ev["period"], json!({"from": "2024-01-01", "to": "2024-06-30"}));
        assert_eq!(ev["figures"], json!({"plans_written": 3, "reviews_due": 3, "reviews_on_time": 1, "reviews_late": 1,
            "reviews_missing": 1, "goals_assessed": 3, "goals_achieved": 1, "goals_partly_achieved": 1, "goals_not_achieved": 1}));
        let h2 = body(app.post(&url, &f.manager.token, &json!({"half_year": "2024-H2"})).await, StatusCode::CREATED).await;
        assert_eq!(h2["figures"]["plans_written"], 0);

        assert_problem(app.post(&url, &f.manager.token, &json!({"half_year": "2024-H1"})).await, 409).await;
        let p = assert_problem(app.post(&url, &f.manager.token, &json!({"half_year": "2024-H3"})).await, 422).await;
        assert_eq!(error_fields(&p), ["half_year"]);
        assert_problem(app.post(&url, &f.manager.token, &json!({"half_year": "2999-H1"})).await, 422).await;
        assert_problem(app.post(&url, t, &json!({"half_year": "2023-H2"})).await, 403).await;
        let other_unit = app.create_unit("Annan").await;
        let other_manager = app.login_as("manager", &[&other_unit]).await;
        assert_problem(app.get(&url, &other_manager.token).await, 403).await;
        assert_eq!(count_rows(&app.db, "method_evaluations"), 2);

        // Unit staff read; the manager edits the text, the figures stay.
        let list = body(app.get(&url, t).await, StatusCode::OK).await;
        assert_eq!(list["total"], 2);
        assert_eq!(list["items"][0]["half_year"], "2024-H2");
        let one_url = format!("/api/v1/method-evaluations/{}", ev["id"].as_str().unwrap());
        assert_problem(app.put(&one_url, t, &json!({"evaluation": "x", "version": 1})).await, 403).await;
        let edited = body(app.put(&one_url, &f.manager.token, &json!({"evaluation": "Uppföljningarna sker i tid", "version": 1})).await, StatusCode::OK).await;
        assert_eq!(edited["evaluation"], "Uppföljningarna sker i tid");
        assert_eq!(edited["figures"], ev["figures"]);
        assert_eq!(body(app.get(&one_url, t).await, StatusCode::OK).await["version"], 2);
    }
}

/// The demo data set has plans in every state, a chain of versions and overdue reviews.
async fn demo_has_plans_in_every_state(backend: Backend) {
    let app = TestApp::spawn_with(backend, |c| c.demo = true).await;
    let s = app.login("johan.boendestod", "stegvis-demo").await;
    let list = body(
        app.get("/api/v1/participants?limit=500", &s.token).await,
        StatusCode::OK,
    )
    .await;
    let mut plans = Vec::new();
    for p in list["items"].as_array().unwrap() {
        let url = format!(
            "/api/v1/participants/{}/action-plans",
            p["id"].as_str().unwrap()
        );
        let chain = body(app.get(&url, &s.token).await, StatusCode::OK).await;
        plans.extend(chain["items"].as_array().unwrap().iter().cloned());
    }
    for status in ["draft", "active", "reviewed"] {
        assert!(plans.iter().any(|p| p["status"] == status), "{status}");
    }
    assert!(plans.iter().any(|p| p["review_overdue"] == true));
    assert!(
        plans
            .iter()
            .any(|p| p["status"] == "active" && p["review_overdue"] == false)
    );
    assert!(
        plans
            .iter()
            .any(|p| p["sequence"] == 3 && p["goals"][1]["carried_from_goal_id"].is_string())
    );
    assert!(plans.iter().any(|p| p["review"]["on_time"] == false));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn demo_plans_sqlite() {
    demo_has_plans_in_every_state(Backend::Sqlite).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn demo_plans_postgres() {
    demo_has_plans_in_every_state(Backend::Postgres).await
}
