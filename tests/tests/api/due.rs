use reqwest::StatusCode;
use serde_json::{Value, json};
use stegvis_tests::*;

const TODAY: &str = "2026-06-15";

async fn created(res: reqwest::Response) -> Value {
    let status = res.status();
    let text = res.text().await.unwrap();
    assert_eq!(status, StatusCode::CREATED, "{text}");
    serde_json::from_str(&text).unwrap()
}

async fn ok(res: reqwest::Response) -> Value {
    let status = res.status();
    let text = res.text().await.unwrap();
    assert_eq!(status, StatusCode::OK, "{text}");
    serde_json::from_str(&text).unwrap()
}

fn id(v: &Value) -> String {
    v["id"].as_str().unwrap().to_owned()
}

/// (kind, participant last name, due on) of each item, in the order returned.
fn summary(list: &Value) -> Vec<(String, String, String)> {
    list["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            (
                i["kind"].as_str().unwrap().to_owned(),
                i["participant"]["last_name"].as_str().unwrap().to_owned(),
                i["due_on"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

fn s(kind: &str, who: &str, due: &str) -> (String, String, String) {
    (kind.into(), who.into(), due.into())
}

/// A fixed "today" and a small unit where every kind of item is due for someone.
async fn due_list_across_kinds(backend: Backend) {
    let app = TestApp::spawn_with(backend, |c| c.today = Some(TODAY.parse().unwrap())).await;
    let unit = app.create_unit("Enhet Due").await;
    let manager = app.login_as("manager", &[&unit]).await;
    let anna = app.login_as("caseworker", &[&unit]).await;
    let bo = app.login_as("caseworker", &[&unit]).await;
    let coordinator = app.login_as("housing_coordinator", &[&unit]).await;
    let person = |last: &str, responsible: &Session| {
        participant_body(
            &unit,
            json!({"last_name": last, "responsible_caseworker_id": responsible.staff_id}),
        )
    };
    let ett = id(&app
        .create_participant(&anna.token, &person("Ett", &anna))
        .await);
    let tva = id(&app.create_participant(&bo.token, &person("Två", &bo)).await);
    let tre = id(&app
        .create_participant(&anna.token, &person("Tre", &anna))
        .await);

    // Ett: an active plan whose period ended 2026-05-31, a first meeting booked for 2026-06-18,
    // and a last attended contact on 2026-05-01 (no contact for 30 days from 2026-05-31).
    let programme = created(app.post("/api/v1/programmes", &manager.token,
        &json!({"unit_id": unit, "name": "Boendestöd", "kind": "housing_support", "start_date": "2026-01-01"})).await).await;
    let enrolment = created(app.post("/api/v1/enrolments", &manager.token,
        &json!({"participant_id": ett, "programme_id": id(&programme), "start_date": "2026-02-01"})).await).await;
    let plan = created(
        app.post(
            &format!("/api/v1/participants/{ett}/action-plans"),
            &anna.token,
            &json!({
        "enrolment_id": id(&enrolment), "period_start": "2026-03-01", "purpose": "Behålla bostaden",
        "participant_views": "Jag vill klara mig själv",
        "goals": [{"horizon": "short_term", "text": "Betala hyran i tid"}], "interventions": []}),
        )
        .await,
    )
    .await;
    assert_eq!(plan["period_end"], "2026-05-31");
    ok(app
        .post(
            &format!("/api/v1/action-plans/{}/activate", id(&plan)),
            &anna.token,
            &json!({"version": plan["version"]}),
        )
        .await)
    .await;
    let referral = created(app.post("/api/v1/referrals", &anna.token, &json!({"participant_id": ett, "programme_id": id(&programme),
        "referring_unit_id": unit, "referred_on": "2026-06-01", "reason": "Vill ha stöd", "target_group": "homeless_with_substance_use"})).await).await;
    ok(app
        .post(
            &format!("/api/v1/referrals/{}/book-first-meeting", id(&referral)),
            &anna.token,
            &json!({"version": referral["version"], "on": "2026-06-18"}),
        )
        .await)
    .await;
    created(
        app.post(
            "/api/v1/contacts",
            &anna.token,
            &json!({"participants": [{"participant_id": ett, "attended": true}],
        "occurred_at": "2026-05-01T09:00:00Z", "kind": "meeting"}),
        )
        .await,
    )
    .await;

    // Ett is in an internship from 2026-06-01: the agreement runs to 2026-06-30, and with no
    // follow-up yet the activity's first follow-up is due 30 days after the start (2026-07-01).
    let employer = created(app.post("/api/v1/employers", &manager.token,
        &json!({"name": "Fiktiva Parkarbeten", "sector": "public", "work_kinds": ["parkarbete"]})).await).await;
    let internship = created(app.post("/api/v1/activities", &anna.token, &json!({"enrolment_id": id(&enrolment),
        "kind": "internship", "provider_employer_id": id(&employer), "start_date": "2026-06-01", "hours_per_week": 10})).await).await;
    let internship = ok(app
        .post(
            &format!("/api/v1/activities/{}/start", id(&internship)),
            &anna.token,
            &json!({"version": internship["version"], "started_on": "2026-06-01"}),
        )
        .await)
    .await;
    let agreement = created(app.post("/api/v1/internship-agreements", &anna.token, &json!({"activity_id": id(&internship),
        "signed_on": "2026-05-28", "insurance_confirmed": true, "workplace_contact": "Kim Exempel"})).await).await;
    assert_eq!(agreement["period_end"], "2026-06-30");

    // Två (Bo's) moved in on 2026-06-10: the before-move-in follow-up is overdue.
    // Tre (Anna's) moved in on 2024-12-20: takeover planned for 2026-06-20, two follow-ups overdue.
    for (who, on, address) in [
        (&tva, "2026-06-10", "Exempelgatan 1"),
        (&tre, "2024-12-20", "Exempelgatan 2"),
    ] {
        let apt = created(
            app.post(
                "/api/v1/apartments",
                &coordinator.token,
                &json!({"unit_id": unit, "address": address, "kind": "trial_apartment"}),
            )
            .await,
        )
        .await;
        created(
            app.post(
                "/api/v1/tenancies",
                &coordinator.token,
                &json!({"participant_id": who, "apartment_id": id(&apt), "move_in_on": on}),
            )
            .await,
        )
        .await;
    }

    let mine = ok(app.get("/api/v1/due-items", &anna.token).await).await;
    assert_eq!(
        summary(&mine),
        vec![
            s("housing_follow_up", "Tre", "2024-12-20"),
            s("housing_follow_up", "Tre", "2025-06-20"),
            s("plan_review", "Ett", "2026-05-31"),
            s("no_recent_contact", "Ett", "2026-05-31"),
            s("first_meeting", "Ett", "2026-06-18"),
            s("housing_follow_up", "Tre", "2026-06-20"),
            s("lease_takeover", "Tre", "2026-06-20"),
        ]
    );
    let first = &mine["items"][2];
    assert_eq!(first["urgency"], "overdue");
    assert_eq!(first["days_until"], -15);
    assert_eq!(first["link"], format!("/api/v1/action-plans/{}", id(&plan)));
    assert_eq!(mine["items"][4]["urgency"], "this_week");
    assert_eq!(mine["items"][0]["detail"], "before_move_in");

    // Filters: kinds, and a shorter window (overdue and today only).
    let plans = ok(app
        .get(
            "/api/v1/due-items?kind=plan_review,first_meeting",
            &anna.token,
        )
        .await)
    .await;
    assert_eq!(
        summary(&plans),
        vec![
            s("plan_review", "Ett", "2026-05-31"),
            s("first_meeting", "Ett", "2026-06-18")
        ]
    );
    let now_only = ok(app
        .get("/api/v1/due-items?within_days=0", &anna.token)
        .await)
    .await;
    assert_eq!(now_only["total"], 4);
    // A longer no-contact threshold moves Ett's item from overdue to later.
    let patient = ok(app
        .get(
            "/api/v1/due-items?kind=no_recent_contact&no_contact_days=60&within_days=30",
            &anna.token,
        )
        .await)
    .await;
    assert_eq!(
        summary(&patient),
        vec![s("no_recent_contact", "Ett", "2026-06-30")]
    );
    assert_eq!(patient["items"][0]["urgency"], "later");

    let work = ok(app
        .get(
            "/api/v1/due-items?kind=internship_agreement_ending,activity_follow_up&within_days=30",
            &anna.token,
        )
        .await)
    .await;
    assert_eq!(
        summary(&work),
        vec![
            s("internship_agreement_ending", "Ett", "2026-06-30"),
            s("activity_follow_up", "Ett", "2026-07-01"),
        ]
    );
    assert_eq!(
        work["items"][0]["link"],
        format!("/api/v1/internship-agreements/{}", id(&agreement))
    );

    let bos = ok(app.get("/api/v1/due-items", &bo.token).await).await;
    assert_eq!(
        summary(&bos),
        vec![s("housing_follow_up", "Två", "2026-06-10")]
    );

    // A manager sees a colleague's list and the whole unit's; a caseworker sees only their own.
    let for_bo = ok(app
        .get(
            &format!("/api/v1/due-items?staff_id={}", bo.staff_id),
            &manager.token,
        )
        .await)
    .await;
    assert_eq!(summary(&for_bo), summary(&bos));
    let whole = ok(app
        .get(&format!("/api/v1/due-items?unit_id={unit}"), &manager.token)
        .await)
    .await;
    assert_eq!(whole["total"], 8);
    // A unit of thousands is read another way (each kind's open records in one pass, from 5,000
    // participants on: `store::due`); with 5,000 more people, none of them due, the whole-unit
    // list is the same.
    let mut csv = String::from(
        "external_id;first_name;last_name;gender;unit_id;housing_situation;main_substance;income_source;protected_identity\n",
    );
    for i in 0..5_000 {
        csv.push_str(&format!(
            "MANY-{i};Många;Testsson {i};woman;{unit};shelter;alcohol;financial_assistance;nej\n"
        ));
    }
    let res = app
        .client
        .post(app.url("/api/v1/imports/participants"))
        .bearer_auth(&anna.token)
        .header("content-type", "text/csv")
        .body(csv)
        .send()
        .await
        .unwrap();
    assert_eq!(
        res.status(),
        StatusCode::CREATED,
        "{}",
        res.text().await.unwrap()
    );
    let many = ok(app
        .get(
            &format!("/api/v1/due-items?unit_id={unit}&limit=500"),
            &manager.token,
        )
        .await)
    .await;
    assert_eq!(summary(&many), summary(&whole));
    assert_eq!(many["items"], whole["items"]);
    assert_problem(
        app.get(
            &format!("/api/v1/due-items?staff_id={}", bo.staff_id),
            &anna.token,
        )
        .await,
        403,
    )
    .await;
    let other_unit = app.create_unit("Annan enhet").await;
    assert_problem(
        app.get(
            &format!("/api/v1/due-items?unit_id={other_unit}"),
            &manager.token,
        )
        .await,
        403,
    )
    .await;

    // Bad input names the parameter.
    let p = assert_problem(
        app.get("/api/v1/due-items?kind=plan_review,bogus", &anna.token)
            .await,
        422,
    )
    .await;
    assert_eq!(error_fields(&p), ["kind"]);
    let p = assert_problem(
        app.get("/api/v1/due-items?within_days=999", &anna.token)
            .await,
        422,
    )
    .await;
    assert_eq!(error_fields(&p), ["within_days"]);

    // Showing someone on the list is a read of their data.
    let entries = app.audit_of(&ett).await;
    assert!(
        entries
            .iter()
            .any(|e| e["action"] == "list" && e["actor_id"] == anna.staff_id.as_str())
    );

    // Only those on the returned page are audited: one page of one item names one person.
    let lists_of = |entries: Vec<Value>| entries.iter().filter(|e| e["action"] == "list").count();
    let (ett_before, tre_before) = (
        lists_of(app.audit_of(&ett).await),
        lists_of(app.audit_of(&tre).await),
    );
    let one = ok(app.get("/api/v1/due-items?limit=1", &anna.token).await).await;
    assert!(one["total"].as_i64().unwrap() > 1);
    let shown = one["items"][0]["participant"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let (ett_after, tre_after) = (
        lists_of(app.audit_of(&ett).await),
        lists_of(app.audit_of(&tre).await),
    );
    if shown == ett {
        assert_eq!((ett_after, tre_after), (ett_before + 1, tre_before));
    } else {
        assert_eq!(shown, tre);
        assert_eq!((ett_after, tre_after), (ett_before, tre_before + 1));
    }

    // Only active participants: once Tre is closed, Anna's list keeps Ett's items but no Tre.
    let tre_now = ok(app
        .get(&format!("/api/v1/participants/{tre}"), &anna.token)
        .await)
    .await;
    ok(app
        .post(
            &format!("/api/v1/participants/{tre}/close"),
            &anna.token,
            &json!({"version": tre_now["version"]}),
        )
        .await)
    .await;
    let after = summary(
        &ok(app
            .get("/api/v1/due-items?within_days=366", &anna.token)
            .await)
        .await,
    );
    assert!(after.iter().any(|(_, who, _)| who == "Ett"), "{after:?}");
    assert!(after.iter().all(|(_, who, _)| who != "Tre"), "{after:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn due_list_across_kinds_sqlite() {
    due_list_across_kinds(Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn due_list_across_kinds_postgres() {
    due_list_across_kinds(Backend::Postgres).await;
}
