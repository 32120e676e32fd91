//! Reports: figures against hand-computed expectations, period edges, subgroups, CSV = JSON,
//! drill-down access and protected identity.

use serde_json::{Value, json};
use stegvis_tests::*;

use crate::casework_support::{contact_body, create_programme, get_json, id, post_ok};

const TODAY: &str = "2013-03-01";

struct Fixture {
    unit: String,
    manager: Session,
    worker: Session,
    programme: String,
    treatment: String,
    /// A, B, C (protected), D, E.
    people: Vec<String>,
    protected_pnr: String,
    /// The enrolments of A, B and E in the programme.
    enrolments: Vec<String>,
}

fn fig<'a>(figures: &'a Value, section: &str, figure: &str) -> &'a Value {
    figures
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["section"] == section && f["figure"] == figure)
        .unwrap_or_else(|| panic!("no figure {section}/{figure} in {figures}"))
}

/// (count, of, percent) of a figure.
fn cop(figures: &Value, section: &str, figure: &str) -> (Value, Value, Value) {
    let f = fig(figures, section, figure);
    (f["count"].clone(), f["of"].clone(), f["percent"].clone())
}

/// Refers `pid` on `referred_on`; with `enrol_on`, books a meeting and enrols that day.
async fn refer(
    app: &TestApp,
    s: &Session,
    f: (&str, &str),
    pid: &str,
    referred_on: &str,
    enrol_on: Option<&str>,
) -> Option<String> {
    let (unit, programme) = f;
    let r = post_ok(
        app,
        "/api/v1/referrals",
        &s.token,
        &json!({"participant_id": pid, "programme_id": programme,
        "referring_unit_id": unit, "referred_on": referred_on, "reason": "Hemlös, vill arbeta",
        "target_group": "homeless_with_substance_use"}),
        201,
    )
    .await;
    let url = format!("/api/v1/referrals/{}", id(&r));
    let on = enrol_on?;
    post_ok(
        app,
        &format!("{url}/book-first-meeting"),
        &s.token,
        &json!({"version": 1, "on": on}),
        200,
    )
    .await;
    let e = post_ok(
        app,
        &format!("{url}/enrol"),
        &s.token,
        &json!({"version": 2, "on": on}),
        200,
    )
    .await;
    Some(id(&e["enrolment"]))
}

async fn contacts(app: &TestApp, s: &Session, pid: &str, days: &[(&str, bool)]) {
    for (day, attended) in days {
        post_ok(
            app,
            "/api/v1/contacts",
            &s.token,
            &contact_body(&[(pid, *attended)], &format!("{day}T10:00:00Z")),
            201,
        )
        .await;
    }
}

async fn fixture(app: &TestApp) -> Fixture {
    let unit = app.create_unit("Vuxenenheten").await;
    let manager = app.login_as("manager", &[&unit]).await;
    let worker = app.login_as("caseworker", &[&unit]).await;
    let other = app.login_as("caseworker", &[&unit]).await;
    let programme = create_programme(app, &manager, &unit, json!({})).await;
    let treatment = create_programme(
        app,
        &manager,
        &unit,
        json!({"name": "Futura", "kind": "other"}),
    )
    .await;
    let person = |first: &str, last: &str, extra: Value| {
        let mut b = participant_body(&unit, json!({"first_name": first, "last_name": last}));
        for (k, v) in extra.as_object().unwrap() {
            b[k] = v.clone();
        }
        b
    };
    let a = id(&app
        .create_participant(
            &worker.token,
            &person("Alva", "Ahlgren", json!({"date_of_birth": "1982-09-01"})),
        )
        .await);
    let b = id(&app
        .create_participant(
            &worker.token,
            &person(
                "Bertil",
                "Berg",
                json!({"gender": "man", "date_of_birth": "1961-01-01"}),
            ),
        )
        .await);
    let protected_pnr = pin("19850505", 123);
    let c = id(&app.create_participant(&other.token, &person("Cilla", "Hemligsson", json!({"gender": "man",
        "personal_identity_number": protected_pnr, "protected_identity": true, "responsible_caseworker_id": other.staff_id}))).await);
    let d = id(&app
        .create_participant(
            &worker.token,
            &person(
                "Doris",
                "Dahl",
                json!({"housing_situation": "staying_with_friends"}),
            ),
        )
        .await);
    let e = id(&app.create_participant(&worker.token, &person("Erik", "Ek", json!({"gender": "man", "date_of_birth": "1990-01-01", "housing_situation": "own_lease"}))).await);
    let f = (unit.as_str(), programme.as_str());

    // A: referred on the first day of T3, enrolled 2012-09-03, met three times, ended employed on
    // the last day of T3; in supported housing since June and in the Futura treatment from October.
    let ea = refer(app, &worker, f, &a, "2012-09-01", Some("2012-09-03"))
        .await
        .unwrap();
    contacts(
        app,
        &worker,
        &a,
        &[
            ("2012-09-05", true),
            ("2012-09-12", true),
            ("2012-09-19", true),
        ],
    )
    .await;
    post_ok(
        app,
        &format!("/api/v1/enrolments/{ea}/end"),
        &worker.token,
        &json!({"version": 1, "end_date": "2012-12-31", "end_status": "employed"}),
        200,
    )
    .await;
    post_ok(
        app,
        &format!("/api/v1/housing-ladder/{a}/changes"),
        &worker.token,
        &json!({"situation": "supported_housing", "from_date": "2012-06-01"}),
        201,
    )
    .await;
    post_ok(
        app,
        "/api/v1/enrolments",
        &worker.token,
        &json!({"participant_id": a, "programme_id": treatment, "start_date": "2012-10-01"}),
        201,
    )
    .await;
    // B: referred on the last day of T2, enrolled in T3, met three times, two relapses (interrupted,
    // then resumed).
    let eb = refer(app, &worker, f, &b, "2012-08-31", Some("2012-09-03"))
        .await
        .unwrap();
    contacts(
        app,
        &worker,
        &b,
        &[
            ("2012-09-04", true),
            ("2012-09-11", true),
            ("2012-09-18", true),
        ],
    )
    .await;
    for (on, outcome) in [
        ("2012-10-05", "plan_interrupted"),
        ("2012-11-05", "resumed_planning"),
    ] {
        post_ok(
            app,
            &format!("/api/v1/participants/{b}/relapses"),
            &worker.token,
            &json!({"occurred_on": on, "substance": "alcohol", "outcome": outcome}),
            201,
        )
        .await;
    }
    // C (protected, only `other` and managers see them): referred and enrolled in October, met
    // three times; rough sleeping, then supported housing from the last day of T3.
    refer(app, &other, f, &c, "2012-10-01", Some("2012-10-02")).await;
    contacts(
        app,
        &other,
        &c,
        &[
            ("2012-10-03", true),
            ("2012-10-10", true),
            ("2012-10-17", true),
        ],
    )
    .await;
    for (situation, from) in [
        ("rough_sleeping", "2012-01-01"),
        ("supported_housing", "2012-12-31"),
    ] {
        post_ok(
            app,
            &format!("/api/v1/housing-ladder/{c}/changes"),
            &other.token,
            &json!({"situation": situation, "from_date": from}),
            201,
        )
        .await;
    }
    // D: referred on the last day of T3, did not come to the first meeting.
    let r = post_ok(
        app,
        "/api/v1/referrals",
        &worker.token,
        &json!({"participant_id": d, "programme_id": programme,
        "referring_unit_id": unit, "referred_on": "2012-12-31", "reason": "Vill arbeta",
        "target_group": "homeless_with_substance_use"}),
        201,
    )
    .await;
    let url = format!("/api/v1/referrals/{}", id(&r));
    post_ok(
        app,
        &format!("{url}/book-first-meeting"),
        &worker.token,
        &json!({"version": 1, "on": "2013-01-10"}),
        200,
    )
    .await;
    post_ok(
        app,
        &format!("{url}/no-show"),
        &worker.token,
        &json!({"version": 2, "on": "2013-01-10"}),
        200,
    )
    .await;
    // E: enrolled but met only twice (one no-show).
    let ee = refer(app, &worker, f, &e, "2012-09-15", Some("2012-09-20"))
        .await
        .unwrap();
    contacts(
        app,
        &worker,
        &e,
        &[
            ("2012-09-21", true),
            ("2012-09-28", false),
            ("2012-10-05", true),
        ],
    )
    .await;

    Fixture {
        unit,
        manager,
        worker,
        programme,
        treatment,
        people: vec![a, b, c, d, e],
        protected_pnr,
        enrolments: vec![ea, eb, ee],
    }
}

fn report_url(fx: &Fixture, period: &str, extra: &str) -> String {
    format!(
        "/api/v1/reports/programme-outcome?programme_id={}&period={period}{extra}",
        fx.programme
    )
}

/// The CSV's lines as (group, section, figure) → (count, of, percent, value) strings.
fn csv_rows(text: &str) -> Vec<Vec<String>> {
    assert!(text.starts_with('\u{feff}'), "BOM");
    let body = text.trim_start_matches('\u{feff}');
    assert!(body.ends_with("\r\n"));
    body.split("\r\n")
        .filter(|l| !l.is_empty())
        .map(|l| l.split(';').map(str::to_owned).collect())
        .collect()
}

fn decimal(v: &Value) -> String {
    v.as_f64()
        .map(|x| format!("{x:.1}").replace('.', ","))
        .unwrap_or_default()
}

/// Every JSON figure has the same numbers on its CSV line, in the same order.
fn assert_csv_matches(csv: &str, groups: &[(&str, &Value)]) {
    let rows = csv_rows(csv);
    assert_eq!(
        rows[0].join(";"),
        "group;section;figure;count;of;percent;value;participants"
    );
    let mut expected = Vec::new();
    for (group, figures) in groups {
        for f in figures.as_array().unwrap() {
            expected.push(vec![
                group.to_string(),
                f["section"].as_str().unwrap().to_owned(),
                f["figure"].as_str().unwrap().to_owned(),
                f["count"].to_string(),
                f["of"].as_u64().map(|o| o.to_string()).unwrap_or_default(),
                decimal(&f["percent"]),
                decimal(&f["value"]),
            ]);
        }
    }
    let got: Vec<Vec<String>> = rows[1..].iter().map(|r| r[..7].to_vec()).collect();
    assert_eq!(got, expected);
}

/// Like `both_backends!`, with "today" fixed at [`TODAY`].
macro_rules! on_both_backends_today {
    ($(async fn $name:ident($app:ident : TestApp) $body:block)*) => {
        $(
            mod $name {
                use super::*;
                async fn run($app: TestApp) $body
                async fn spawn(backend: Backend) -> TestApp {
                    TestApp::spawn_with(backend, |c| c.today = Some(TODAY.parse().unwrap())).await
                }
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn sqlite() { run(spawn(Backend::Sqlite).await).await }
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn postgres() { run(spawn(Backend::Postgres).await).await }
            }
        )*
    };
}

on_both_backends_today! {
    async fn programme_outcome_figures_subgroups_and_period_edges(app: TestApp) {
        let fx = fixture(&app).await;
        let [a, b, c, d, e] = <[String; 5]>::try_from(fx.people.clone()).unwrap();
        let url = report_url(&fx, "2012-T3", &format!("&subgroup=supported_housing,programme:{}&drilldown=true", fx.treatment));
        let r = get_json(&app, &url, &fx.manager.token).await;
        assert_eq!(r["period"], json!({"from": "2012-09-01", "to": "2012-12-31"}));
        let f = &r["figures"];
        // Received in T3: A (09-01), E (09-15), C (10-01), D (12-31); B's 08-31 is in T2.
        assert_eq!(cop(f, "referrals", "received").0, 4);
        // Participants: A, B, C (three attended contacts each); E met twice; D never came.
        assert_eq!(cop(f, "participants", "participants"), (json!(3), json!(3), json!(100.0)));
        assert_eq!(cop(f, "referrals", "not_participant"), (json!(2), json!(4), json!(50.0)));
        assert_eq!(cop(f, "not_participant_reason", "no_show"), (json!(1), json!(4), json!(25.0)));
        assert_eq!(cop(f, "not_participant_reason", "met_twice_or_less"), (json!(1), json!(4), json!(25.0)));
        assert_eq!(cop(f, "not_participant_reason", "declined").0, 0);
        // Gender: A woman; B, C men.
        assert_eq!(cop(f, "gender", "woman"), (json!(1), json!(3), json!(33.3)));
        assert_eq!(cop(f, "gender", "man"), (json!(2), json!(3), json!(66.7)));
        // Age at enrolment: A 30 (birthday 09-01, enrolled 09-03), B 51, C 27 (from the personnummer).
        assert_eq!(cop(f, "age_at_enrolment", "20_30"), (json!(2), json!(3), json!(66.7)));
        assert_eq!(cop(f, "age_at_enrolment", "51_and_over"), (json!(1), json!(3), json!(33.3)));
        assert_eq!(cop(f, "age_at_enrolment", "31_40").0, 0);
        assert_eq!(fig(f, "age_at_enrolment", "mean_age")["value"], 36.0); // (30 + 51 + 27) / 3
        // Status at the end of T3: A employed (ended 12-31), B and C ongoing.
        assert_eq!(cop(f, "status_at_period_end", "employed"), (json!(1), json!(3), json!(33.3)));
        assert_eq!(cop(f, "status_at_period_end", "ongoing"), (json!(2), json!(3), json!(66.7)));
        // Relapses: B twice; the latest resumed.
        assert_eq!(cop(f, "relapses", "relapses").0, 2);
        assert_eq!(cop(f, "relapses", "relapsed"), (json!(1), json!(3), json!(33.3)));
        assert_eq!(cop(f, "relapses", "resumed"), (json!(1), json!(1), json!(100.0)));
        assert_eq!(cop(f, "relapses", "interrupted"), (json!(0), json!(1), json!(0.0)));
        // Drill-down: who is where (the manager sees the protected person).
        let ids = |f: &Value| -> Vec<String> {
            let mut v: Vec<String> = f["participants"].as_array().unwrap().iter().map(|p| p["id"].as_str().unwrap().to_owned()).collect();
            v.sort();
            v
        };
        let mut abc = vec![a.clone(), b.clone(), c.clone()];
        abc.sort();
        assert_eq!(ids(fig(f, "participants", "participants")), abc);
        assert_eq!(ids(fig(f, "not_participant_reason", "no_show")), [d.as_str()]);
        assert_eq!(ids(fig(f, "not_participant_reason", "met_twice_or_less")), [e.as_str()]);
        assert_eq!(fig(f, "status_at_period_end", "employed")["participants"][0]["name"], "Alva Ahlgren");
        // Subgroups: A is in both; C moved into supported housing on the last day of T3.
        let groups = r["subgroups"].as_array().unwrap();
        assert_eq!(groups[0]["name"], "supported_housing");
        let sh = &groups[0]["figures"];
        assert_eq!(cop(sh, "participants", "participants"), (json!(2), json!(3), json!(66.7)));
        let mut ac = vec![a.clone(), c.clone()];
        ac.sort();
        assert_eq!(ids(fig(sh, "participants", "participants")), ac);
        assert_eq!(cop(sh, "gender", "woman"), (json!(1), json!(2), json!(50.0)));
        assert_eq!(cop(sh, "status_at_period_end", "employed"), (json!(1), json!(2), json!(50.0)));
        assert_eq!(cop(sh, "relapses", "relapsed").0, 0);
        assert_eq!(groups[1]["name"], format!("programme:{}", fx.treatment));
        let tr = &groups[1]["figures"];
        assert_eq!(cop(tr, "participants", "participants"), (json!(1), json!(3), json!(33.3)));
        assert_eq!(ids(fig(tr, "participants", "participants")), [a.as_str()]);
        // Everyone named in the drill-down is audited as a report read.
        assert!(app.audit_of(&a).await.iter().any(|e| e["action"] == "report" && e["actor_id"] == fx.manager.staff_id.as_str()));

        // T2: only B's referral (08-31); nobody had started yet.
        let t2 = get_json(&app, &report_url(&fx, "2012-T2", ""), &fx.manager.token).await;
        assert_eq!(cop(&t2["figures"], "referrals", "received").0, 1);
        assert_eq!(cop(&t2["figures"], "participants", "participants").0, 0);
        assert_eq!(fig(&t2["figures"], "referrals", "received")["participants"], Value::Null);
        // A range ending 2012-09-18: B's third contact is on 09-18, A's on 09-19.
        let range = get_json(&app, &report_url(&fx, "2012-09-01..2012-09-18", "&drilldown=true"), &fx.manager.token).await;
        assert_eq!(ids(fig(&range["figures"], "participants", "participants")), [b.as_str()]);
        // The year 2012 has the same participants as T3 and B's referral too.
        let year = get_json(&app, &report_url(&fx, "2012", ""), &fx.manager.token).await;
        assert_eq!(cop(&year["figures"], "referrals", "received").0, 5);
        assert_eq!(cop(&year["figures"], "participants", "participants").0, 3);

        // Bad input.
        let p = assert_problem(app.get(&report_url(&fx, "2012-T4", ""), &fx.manager.token).await, 422).await;
        assert_eq!(error_fields(&p), ["period"]);
        let p = assert_problem(app.get(&report_url(&fx, "2012-T3", "&subgroup=cats"), &fx.manager.token).await, 422).await;
        assert_eq!(error_fields(&p), ["subgroup"]);
    }

    async fn programme_outcome_counts_only_the_chosen_units(app: TestApp) {
        let fx = fixture(&app).await;
        // A second unit's participant, referred to the same programme and participating
        // (three attended contacts) in the same tertial.
        let other = app.create_unit("Andra enheten").await;
        let both = app.login_as("manager", &[&fx.unit, &other]).await;
        let elsewhere = id(&app
            .create_participant(&both.token, &participant_body(&other, json!({"first_name": "Gustav", "last_name": "Grannberg"})))
            .await);
        refer(&app, &both, (&other, &fx.programme), &elsewhere, "2012-09-10", Some("2012-09-12")).await;
        contacts(&app, &both, &elsewhere, &[("2012-09-13", true), ("2012-09-20", true), ("2012-09-27", true)]).await;
        let figures = |r: &Value| {
            let f = &r["figures"];
            (cop(f, "referrals", "received").0, cop(f, "participants", "participants").0)
        };
        let own = get_json(&app, &report_url(&fx, "2012-T3", ""), &fx.manager.token).await;
        assert_eq!(figures(&own), (json!(4), json!(3)));
        // Chosen unit: the same figures as its own manager's, the other unit's person left out.
        let chosen = get_json(&app, &report_url(&fx, "2012-T3", &format!("&unit_id={}&drilldown=true", fx.unit)), &both.token).await;
        assert_eq!(figures(&chosen), figures(&own));
        assert!(!chosen.to_string().contains(&elsewhere), "the other unit's participant is named");
        // All the caller's units: one referral and one participant more.
        let all = get_json(&app, &report_url(&fx, "2012-T3", "&drilldown=true"), &both.token).await;
        assert_eq!(figures(&all), (json!(5), json!(4)));
        assert!(all.to_string().contains(&elsewhere));
    }

    async fn programme_outcome_csv_matches_json(app: TestApp) {
        let fx = fixture(&app).await;
        let url = report_url(&fx, "2012-T3", "&subgroup=supported_housing");
        let json_report = get_json(&app, &url, &fx.manager.token).await;
        let res = app.get(&format!("{url}&format=csv"), &fx.manager.token).await;
        assert_eq!(res.status().as_u16(), 200);
        assert!(res.headers()["content-type"].to_str().unwrap().starts_with("text/csv"));
        let csv = res.text().await.unwrap();
        assert!(csv.contains("all;gender;woman;1;3;33,3;;\r\n"), "{csv}");
        assert!(csv.contains("all;age_at_enrolment;mean_age;3;;;36,0;\r\n"), "{csv}");
        assert_csv_matches(&csv, &[("all", &json_report["figures"]), ("supported_housing", &json_report["subgroups"][0]["figures"])]);
        // Accept: text/csv gives the same.
        let res = app.request(reqwest::Method::GET, &url, Some(&fx.manager.token), None).await;
        assert!(res.headers()["content-type"].to_str().unwrap().starts_with("application/json"));
        let client = reqwest::Client::new();
        let res = client.get(app.url(&url)).bearer_auth(&fx.manager.token).header("Accept", "text/csv").send().await.unwrap();
        assert_eq!(res.text().await.unwrap(), csv);
    }

    async fn reports_access_and_protected_identity(app: TestApp) {
        let fx = fixture(&app).await;
        let c = fx.people[2].clone();
        // A caseworker gets the figures of their units, the protected person counted...
        let r = get_json(&app, &report_url(&fx, "2012-T3", "&subgroup=supported_housing"), &fx.worker.token).await;
        assert_eq!(cop(&r["figures"], "participants", "participants").0, 3);
        let week = "/api/v1/reports/homelessness-count?week=2012-W40";
        let count = get_json(&app, week, &fx.worker.token).await;
        assert_eq!(cop(&count["figures"], "situation_1", "total").0, 2);
        // C is also in the housing queue, in housing support, in housing search and in
        // temporary housing: every report counts them.
        let m = &fx.manager.token;
        let support = app.login_as("housing_support", &[&fx.unit]).await;
        post_ok(&app, "/api/v1/queue-entries", m, &json!({"participant_id": c, "wish": "trial_apartment", "joined_on": "2012-02-01"}), 201).await;
        post_ok(&app, "/api/v1/housing-support-assignments", m, &json!({"participant_id": c, "staff_id": support.staff_id, "start_on": "2012-09-01"}), 201).await;
        post_ok(&app, "/api/v1/risk-events", m, &json!({"participant_id": c, "kind": "unpaid_rent", "occurred_on": "2012-10-01"}), 201).await;
        post_ok(&app, "/api/v1/housing-search-cases", m, &json!({"participant_id": c, "referring_unit": "Kvinnofridsenheten", "target_group": "woman_subjected_to_violence", "opened_on": "2012-09-10"}), 201).await;
        post_ok(&app, "/api/v1/temporary-stays", m, &json!({"participant_id": c, "kind": "hotel", "from_date": "2012-09-10", "to_date": "2012-09-20", "cost_per_night": 700}), 201).await;
        let housing = get_json(&app, "/api/v1/reports/housing?period=2012-T3", &fx.worker.token).await;
        assert_eq!(cop(&housing["figures"], "queue", "waiting").0, 1);
        let support_report = get_json(&app, "/api/v1/reports/housing-support?period=2012-T3", &fx.worker.token).await;
        assert_eq!(cop(&support_report["figures"], "supported", "participants").0, 1);
        assert_eq!(cop(&support_report["figures"], "risk_events", "events").0, 1);
        let search = get_json(&app, "/api/v1/reports/housing-search?period=2012-T3", &fx.worker.token).await;
        assert_eq!(cop(&search["figures"], "cases", "opened").0, 1);
        assert_eq!(fig(&search["figures"], "temporary_housing_search_cases", "2012-T3_cost_sek")["value"], 7000.0);
        // The manager's drill-down names them (managers see protected identities).
        let named = get_json(&app, "/api/v1/reports/housing-search?period=2012-T3&drilldown=true", m).await;
        assert_eq!(fig(&named["figures"], "cases", "opened")["participants"][0]["id"], c.as_str());
        // ...but never named to the caseworker, in JSON or CSV, and no drill-down.
        let mut texts = vec![
            r.to_string(),
            count.to_string(),
            housing.to_string(),
            support_report.to_string(),
            search.to_string(),
            app.get(&report_url(&fx, "2012-T3", "&subgroup=supported_housing&format=csv"), &fx.worker.token).await.text().await.unwrap(),
            app.get(&format!("{week}&format=csv"), &fx.worker.token).await.text().await.unwrap(),
        ];
        for report in ["housing", "housing-support", "housing-search"] {
            let url = format!("/api/v1/reports/{report}?period=2012-T3");
            texts.push(app.get(&format!("{url}&format=csv"), &fx.worker.token).await.text().await.unwrap());
            assert_problem(app.get(&format!("{url}&drilldown=true"), &fx.worker.token).await, 403).await;
        }
        for t in &texts {
            for secret in [c.as_str(), "Cilla", "Hemligsson", fx.protected_pnr.as_str(), "850505"] {
                assert!(!t.contains(secret), "{secret} in {t}");
            }
        }
        assert_problem(app.get(&report_url(&fx, "2012-T3", "&drilldown=true"), &fx.worker.token).await, 403).await;
        assert_problem(app.get(&format!("{week}&drilldown=true"), &fx.worker.token).await, 403).await;
        // Other roles: none.
        let admin = app.admin().await;
        assert_problem(app.get(&report_url(&fx, "2012-T3", ""), &admin.token).await, 403).await;
        let reader = app.login_as("read_only", &[&fx.unit]).await;
        assert_problem(app.get(week, &reader.token).await, 403).await;
        // Another unit's manager: not this unit, not this programme.
        let elsewhere = app.create_unit("Annan enhet").await;
        let stranger = app.login_as("manager", &[&elsewhere]).await;
        assert_problem(app.get(&report_url(&fx, "2012-T3", &format!("&unit_id={}", fx.unit)), &stranger.token).await, 403).await;
        assert_problem(app.get(&report_url(&fx, "2012-T3", ""), &stranger.token).await, 403).await;
        assert_problem(app.get(&format!("{week}&unit_id={}", fx.unit), &stranger.token).await, 403).await;
        for report in ["housing", "housing-support", "housing-search"] {
            let url = format!("/api/v1/reports/{report}?period=2012-T3");
            assert_problem(app.get(&format!("{url}&unit_id={}", fx.unit), &stranger.token).await, 403).await;
            assert_problem(app.get(&url, &admin.token).await, 403).await;
        }
        // Their own unit has nobody in it.
        let theirs = get_json(&app, &format!("{week}&drilldown=true"), &stranger.token).await;
        assert_eq!(cop(&theirs["figures"], "all", "total").0, 0);
    }

    async fn homelessness_count_for_a_week(app: TestApp) {
        let fx = fixture(&app).await;
        let [a, b, c, d, _e] = <[String; 5]>::try_from(fx.people.clone()).unwrap();
        let url = "/api/v1/reports/homelessness-count?week=2012-W40&drilldown=true";
        let r = get_json(&app, url, &fx.manager.token).await;
        assert_eq!(r["period"], json!({"from": "2012-10-01", "to": "2012-10-07"}));
        let f = &r["figures"];
        // A supported housing (2); B registered shelter, C rough sleeping (1); D staying with
        // friends (4); E has an own lease (not counted).
        assert_eq!(cop(f, "all", "total").0, 4);
        assert_eq!(cop(f, "situation_1", "total"), (json!(2), json!(4), json!(50.0)));
        assert_eq!(cop(f, "situation_2", "total"), (json!(1), json!(4), json!(25.0)));
        assert_eq!(cop(f, "situation_3", "total"), (json!(0), json!(4), json!(0.0)));
        assert_eq!(cop(f, "situation_4", "total"), (json!(1), json!(4), json!(25.0)));
        assert_eq!(cop(f, "situation_1", "gender_man"), (json!(2), json!(2), json!(100.0)));
        // Ages on Sunday 2012-10-07: B 51, C 27, A 30; D unknown.
        assert_eq!(fig(f, "situation_1", "age_50_64")["participants"][0]["id"], b.as_str());
        assert_eq!(fig(f, "situation_1", "age_25_29")["participants"][0]["id"], c.as_str());
        assert_eq!(fig(f, "situation_2", "age_30_39")["participants"][0]["id"], a.as_str());
        assert_eq!(fig(f, "situation_4", "age_unknown")["participants"][0]["id"], d.as_str());
        // CSV equals JSON.
        let csv = app.get(&format!("{url}&format=csv"), &fx.manager.token).await.text().await.unwrap();
        assert_csv_matches(&csv, &[("all", f)]);
        let p = assert_problem(app.get("/api/v1/reports/homelessness-count?week=2012-40", &fx.manager.token).await, 422).await;
        assert_eq!(error_fields(&p), ["week"]);
    }
}

on_both_backends_today! {
    async fn housing_report_for_a_year(app: TestApp) {
        let unit = app.create_unit("Boende").await;
        let manager = app.login_as("manager", &[&unit]).await;
        let worker = app.login_as("caseworker", &[&unit]).await;
        let coordinator = app.login_as("housing_coordinator", &[&unit]).await;
        let person = |first: &str| participant_body(&unit, json!({"first_name": first, "responsible_caseworker_id": worker.staff_id}));
        let x = id(&app.create_participant(&worker.token, &person("Xenia")).await);
        let y = id(&app.create_participant(&worker.token, &person("Yngve")).await);
        let z = id(&app.create_participant(&worker.token, &person("Zara")).await);
        // X has waited since 2008-10-31 (1522 days at 2012-12-31), Y since 2011-12-31 (366 days), not ready.
        post_ok(&app, "/api/v1/queue-entries", &worker.token, &json!({"participant_id": x, "wish": "trial_apartment", "joined_on": "2008-10-31"}), 201).await;
        post_ok(&app, "/api/v1/queue-entries", &worker.token, &json!({"participant_id": y, "wish": "trial_apartment", "joined_on": "2011-12-31", "ready": false, "not_ready_reason": "Behöver behandling först"}), 201).await;
        // Z: in a shelter from 2012-01-01, moved into a training apartment on 2012-03-01 (60 days homeless).
        post_ok(&app, &format!("/api/v1/housing-ladder/{z}/changes"), &worker.token, &json!({"situation": "shelter", "from_date": "2012-01-01"}), 201).await;
        let apt = post_ok(&app, "/api/v1/apartments", &coordinator.token, &json!({"unit_id": unit, "address": "Exempelgatan 1", "kind": "training_apartment"}), 201).await;
        post_ok(&app, "/api/v1/tenancies", &coordinator.token, &json!({"participant_id": z, "apartment_id": apt["id"], "move_in_on": "2012-03-01"}), 201).await;

        let url = "/api/v1/reports/housing?period=2012&drilldown=true";
        let r = get_json(&app, url, &manager.token).await;
        let f = &r["figures"];
        assert_eq!(r["longest_waiting_since"], "2008-10-31");
        assert_eq!(cop(f, "queue", "waiting").0, 2);
        assert_eq!(cop(f, "queue", "not_ready"), (json!(1), json!(2), json!(50.0)));
        assert_eq!(fig(f, "queue", "not_ready")["participants"][0]["id"], y.as_str());
        assert_eq!(fig(f, "queue", "longest_wait_days")["value"], 1522.0);
        assert_eq!(fig(f, "queue", "median_wait_days")["value"], 944.0);
        assert_eq!(cop(f, "moved_in", "training_apartment").0, 1);
        assert_eq!(cop(f, "living_in", "training_apartment").0, 1);
        assert_eq!(cop(f, "leases", "taken_over").0, 0);
        assert_eq!(fig(f, "homeless_before_first_step", "mean_days")["value"], 60.0);
        // 2011: X waiting; Y joined on its last day; Z not yet moved in.
        let r2011 = get_json(&app, "/api/v1/reports/housing?period=2011", &manager.token).await;
        assert_eq!(cop(&r2011["figures"], "queue", "waiting").0, 2);
        assert_eq!(cop(&r2011["figures"], "moved_in", "training_apartment").0, 0);
        // CSV equals JSON; caseworkers get figures but no drill-down.
        let csv = app.get(&format!("{url}&format=csv"), &manager.token).await.text().await.unwrap();
        assert_csv_matches(&csv, &[("all", f)]);
        get_json(&app, "/api/v1/reports/housing?period=2012", &worker.token).await;
        assert_problem(app.get(url, &worker.token).await, 403).await;
    }
}

/// Creates an activity in an enrolment, starts it and (with `end`) completes it.
async fn activity(
    app: &TestApp,
    s: &Session,
    enrolment: &str,
    kind: &str,
    start: &str,
    end: Option<&str>,
) -> String {
    let a = post_ok(
        app,
        "/api/v1/activities",
        &s.token,
        &json!({"enrolment_id": enrolment, "kind": kind,
        "provider_name": "Nätverket", "start_date": start}),
        201,
    )
    .await;
    let url = format!("/api/v1/activities/{}", id(&a));
    post_ok(
        app,
        &format!("{url}/start"),
        &s.token,
        &json!({"version": 1, "started_on": start}),
        200,
    )
    .await;
    if let Some(end) = end {
        post_ok(
            app,
            &format!("{url}/complete"),
            &s.token,
            &json!({"version": 2, "ended_on": end}),
            200,
        )
        .await;
    }
    id(&a)
}

on_both_backends_today! {
    async fn programme_outcome_work_figures(app: TestApp) {
        let fx = fixture(&app).await;
        let [a, b, _c, _d, e] = <[String; 5]>::try_from(fx.people.clone()).unwrap();
        let [ea, eb, ee] = <[String; 3]>::try_from(fx.enrolments.clone()).unwrap();
        let m = &fx.manager;
        // A: work training 09-10..10-09 (30 days), then a preparatory activity 10-10..10-20 (11
        // days), and a nystartsjobb from 12-01 after the work training.
        let training = activity(&app, m, &ea, "work_training", "2012-09-10", Some("2012-10-09")).await;
        activity(&app, m, &ea, "preparatory", "2012-10-10", Some("2012-10-20")).await;
        post_ok(&app, "/api/v1/employment-outcomes", &m.token, &json!({"activity_id": training, "kind": "nystartsjobb",
            "employer_name": "Fiktiva Bygg AB", "start_date": "2012-12-01", "hours_per_week": 30}), 201).await;
        // B: labour-market training from 09-05, still going.
        activity(&app, m, &eb, "labour_market_training", "2012-09-05", None).await;
        // E is not a participant (met twice): their placement is not counted.
        activity(&app, m, &ee, "work_training", "2012-09-25", None).await;

        let url = report_url(&fx, "2012-T3", "&subgroup=supported_housing&drilldown=true");
        let r = get_json(&app, &url, &fx.manager.token).await;
        let f = &r["figures"];
        let who = |f: &Value| -> Vec<String> {
            let mut v: Vec<String> = f["participants"].as_array().unwrap().iter().map(|p| p["id"].as_str().unwrap().to_owned()).collect();
            v.sort();
            v
        };
        // Placements are counted per placement: A two, B one.
        assert_eq!(cop(f, "placements", "total").0, 3);
        assert_eq!(cop(f, "placements", "work_training").0, 1);
        assert_eq!(who(fig(f, "placements", "work_training")), [a.as_str()]);
        assert_eq!(cop(f, "placements", "preparatory").0, 1);
        assert_eq!(cop(f, "placements", "labour_market_training").0, 1);
        assert_eq!(cop(f, "placements", "internship").0, 0);
        // Main activity: A preparatory (41 days of work training and preparatory), B employment
        // service (labour-market training), C nothing.
        assert_eq!(cop(f, "main_activity", "preparatory"), (json!(1), json!(3), json!(33.3)));
        assert_eq!(who(fig(f, "main_activity", "employment_service")), [b.as_str()]);
        assert_eq!(cop(f, "main_activity", "no_activity_support"), (json!(1), json!(3), json!(33.3)));
        assert_eq!(cop(f, "started_activity", "started_any"), (json!(2), json!(3), json!(66.7)));
        assert_eq!(cop(f, "employments", "nystartsjobb").0, 1);
        assert_eq!(cop(f, "employments", "osa").0, 0);
        assert_eq!(cop(f, "employments", "employed"), (json!(1), json!(3), json!(33.3)));
        assert!(!who(fig(f, "placements", "work_training")).contains(&e));
        // The supported-housing subgroup (A and C) gets the same figures over its members.
        let sh = &r["subgroups"][0]["figures"];
        assert_eq!(cop(sh, "placements", "total").0, 2);
        assert_eq!(cop(sh, "employments", "employed"), (json!(1), json!(2), json!(50.0)));
        assert_eq!(cop(sh, "started_activity", "started_any"), (json!(1), json!(2), json!(50.0)));
        // T2: nobody participated yet, so no placements; a range ending the day before A's
        // nystartsjobb has no employment.
        let t2 = get_json(&app, &report_url(&fx, "2012-T2", ""), &fx.manager.token).await;
        assert_eq!(cop(&t2["figures"], "placements", "total").0, 0);
        let before = get_json(&app, &report_url(&fx, "2012-09-01..2012-11-30", ""), &fx.manager.token).await;
        assert_eq!(cop(&before["figures"], "employments", "total").0, 0);
        assert_eq!(cop(&before["figures"], "placements", "total").0, 3);
        // CSV equals JSON, subgroup included.
        let csv = app.get(&format!("{url}&format=csv"), &fx.manager.token).await.text().await.unwrap();
        assert_csv_matches(&csv, &[("all", f), ("supported_housing", sh)]);
    }

    async fn housing_support_report_for_a_tertial(app: TestApp) {
        let unit = app.create_unit("Boendestöd").await;
        let manager = app.login_as("manager", &[&unit]).await;
        let worker = app.login_as("caseworker", &[&unit]).await;
        let coordinator = app.login_as("housing_coordinator", &[&unit]).await;
        let support = app.login_as("housing_support", &[&unit]).await;
        let res = app.put(&format!("/api/v1/caseload-limits/{}", support.staff_id), &manager.token, &json!({"min_caseload": 1, "max_caseload": 1})).await;
        assert_eq!(res.status().as_u16(), 200);
        let person = |first: &str| participant_body(&unit, json!({"first_name": first, "last_name": "Stödsson"}));
        let p = id(&app.create_participant(&worker.token, &person("Petra")).await);
        let q = id(&app.create_participant(&worker.token, &person("Quintus")).await);
        // P supported from 2012-01-01, Q from 2012-02-01 (over the maximum of 1, with an override).
        post_ok(&app, "/api/v1/housing-support-assignments", &coordinator.token, &json!({"participant_id": p, "staff_id": support.staff_id, "start_on": "2012-01-01"}), 201).await;
        post_ok(&app, "/api/v1/housing-support-assignments", &coordinator.token, &json!({"participant_id": q, "staff_id": support.staff_id, "start_on": "2012-02-01", "override_caseload_limit": true}), 201).await;
        // Home visits: P in January and February, Q in February (and one Q missed); a meeting and
        // a visit in May do not count in T1.
        let visit = |pid: &str, at: &str, attended: bool| {
            let mut b = contact_body(&[(pid, attended)], &format!("{at}T10:00:00Z"));
            b["kind"] = json!("home_visit");
            b
        };
        let mut posted = Vec::new();
        for body in [visit(&p, "2012-01-10", true), visit(&p, "2012-02-10", true), visit(&q, "2012-02-15", true),
            visit(&q, "2012-02-20", false), visit(&p, "2012-05-02", true), contact_body(&[(&p, true)], "2012-01-11T10:00:00Z")] {
            posted.push(post_ok(&app, "/api/v1/contacts", &support.token, &body, 201).await);
        }
        let meeting = id(&posted[5]);
        // P's action plan for 2012-01-01..03-31, reviewed late on 04-05: one goal achieved, one not.
        let programme = create_programme(&app, &manager, &unit, json!({"name": "Boendestöd i egen bostad", "kind": "housing_support"})).await;
        let enrolment = post_ok(&app, "/api/v1/enrolments", &manager.token, &json!({"participant_id": p, "programme_id": programme, "start_date": "2011-12-01"}), 201).await;
        let plan = post_ok(&app, &format!("/api/v1/participants/{p}/action-plans"), &support.token, &json!({
            "enrolment_id": id(&enrolment), "period_start": "2012-01-01", "purpose": "Behålla bostaden", "scope": "Hembesök varje vecka",
            "participant_views": "Jag vill klara mig själv",
            "goals": [{"horizon": "short_term", "text": "Betala hyran i tid"}, {"horizon": "long_term", "text": "Ett jobb"}],
            "interventions": [{"what": "Hembesök", "responsible_kind": "staff", "responsible_staff_id": support.staff_id}]}), 201).await;
        let plan_url = format!("/api/v1/action-plans/{}", id(&plan));
        let plan = post_ok(&app, &format!("{plan_url}/activate"), &support.token, &json!({"version": plan["version"]}), 200).await;
        let goal = |i: usize| plan["goals"][i]["id"].clone();
        post_ok(&app, &format!("{plan_url}/review"), &support.token, &json!({"version": plan["version"], "reviewed_on": "2012-04-05",
            "outcomes": [{"goal_id": goal(0), "outcome": "achieved"}, {"goal_id": goal(1), "outcome": "not_achieved", "reason": "Ingen praktik ännu"}],
            "analysis": "Stabilt", "participant_view": "Bra"}), 201).await;
        // Risk events: P's unpaid rent resolved after ten days; Q's disturbance still open, and Q
        // ended up in a shelter in April.
        let ev = post_ok(&app, "/api/v1/risk-events", &support.token, &json!({"participant_id": p, "kind": "unpaid_rent", "occurred_on": "2012-02-01"}), 201).await;
        post_ok(&app, &format!("/api/v1/risk-events/{}/resolve", id(&ev)), &support.token, &json!({"version": 1, "resolved_on": "2012-02-11", "resolution": "Avbetalningsplan"}), 200).await;
        post_ok(&app, "/api/v1/risk-events", &support.token, &json!({"participant_id": q, "kind": "disturbance_complaint", "occurred_on": "2012-03-01"}), 201).await;
        post_ok(&app, &format!("/api/v1/housing-ladder/{q}/changes"), &worker.token, &json!({"situation": "shelter", "from_date": "2012-04-01"}), 201).await;

        let url = "/api/v1/reports/housing-support?period=2012-T1&drilldown=true";
        let r = get_json(&app, url, &manager.token).await;
        assert_eq!(r["period"], json!({"from": "2012-01-01", "to": "2012-04-30"}));
        let f = &r["figures"];
        let who = |f: &Value| -> Vec<String> {
            let mut v: Vec<String> = f["participants"].as_array().unwrap().iter().map(|p| p["id"].as_str().unwrap().to_owned()).collect();
            v.sort();
            v
        };
        let mut pq = vec![p.clone(), q.clone()];
        pq.sort();
        assert_eq!(who(fig(f, "supported", "participants")), pq);
        // On 2012-04-30 the worker has 2 against a maximum of 1.
        let name = fig(f, "caseload", "workers_over_maximum");
        assert_eq!((name["count"].clone(), name["of"].clone()), (json!(1), json!(1)));
        let load = f.as_array().unwrap().iter().find(|x| x["section"] == "caseload" && x["of"] == 1 && x["participants"].as_array().is_some_and(|a| a.len() == 2)).expect("the worker's line");
        assert_eq!(load["percent"], 200.0);
        // 3 home visits, 2 people, 121 days (3.975 months): 0.4 per participant per month.
        assert_eq!(cop(f, "home_visits", "visits").0, 3);
        assert_eq!(fig(f, "home_visits", "per_participant_per_month")["value"], 0.4);
        assert_eq!(fig(f, "home_visits", "2012-01")["count"], 1);
        assert_eq!(fig(f, "home_visits", "2012-01")["value"], 1.0);
        assert_eq!(fig(f, "home_visits", "2012-02")["count"], 2);
        assert_eq!(who(fig(f, "home_visits", "2012-02")), pq);
        assert_eq!(fig(f, "home_visits", "2012-04")["count"], 0);
        assert_eq!(cop(f, "home_visits", "not_visited").0, 0);
        // Plans: one written, due and late; its two goals judged in April.
        assert_eq!(cop(f, "action_plans", "written").0, 1);
        assert_eq!(cop(f, "reviews", "due").0, 1);
        assert_eq!(cop(f, "reviews", "late"), (json!(1), json!(1), json!(100.0)));
        assert_eq!(cop(f, "reviews", "on_time").0, 0);
        assert_eq!(cop(f, "goals", "achieved"), (json!(1), json!(2), json!(50.0)));
        assert_eq!(cop(f, "goals", "not_achieved"), (json!(1), json!(2), json!(50.0)));
        assert_eq!(cop(f, "goals", "partly_achieved").0, 0);
        // Risk events.
        assert_eq!(cop(f, "risk_events", "events").0, 2);
        assert_eq!(who(fig(f, "risk_events", "resolved")), [p.as_str()]);
        assert_eq!(who(fig(f, "risk_events", "open")), [q.as_str()]);
        assert_eq!(fig(f, "risk_events", "resolved_median_days")["value"], 10.0);
        assert_eq!(cop(f, "risk_events", "became_homeless"), (json!(1), json!(2), json!(50.0)));
        // The period edge: in March the review (April) is not yet done, so it is not judged; the
        // plan's period ends in March, so it is due there, and reviewed late.
        let march = get_json(&app, "/api/v1/reports/housing-support?period=2012-03", &manager.token).await;
        assert_eq!(cop(&march["figures"], "goals", "assessed").0, 0);
        assert_eq!(cop(&march["figures"], "reviews", "late").0, 1);
        assert_eq!(cop(&march["figures"], "action_plans", "written").0, 0);
        // CSV equals JSON; caseworkers get figures, not names.
        let csv = app.get(&format!("{url}&format=csv"), &manager.token).await.text().await.unwrap();
        assert_csv_matches(&csv, &[("all", f)]);
        get_json(&app, "/api/v1/reports/housing-support?period=2012-T1", &worker.token).await;
        assert_problem(app.get(url, &worker.token).await, 403).await;
        assert_problem(app.get("/api/v1/reports/housing-support?period=2012-T1", &support.token).await, 403).await;
        let p422 = assert_problem(app.get("/api/v1/reports/housing-support?period=2012-T9", &manager.token).await, 422).await;
        assert_eq!(error_fields(&p422), ["period"]);

        // The counts read a copy of each contact's kind and time on its participant links: an
        // edit moves it. The January meeting becomes a home visit in March.
        let mut edited = visit(&p, "2012-03-05", true);
        edited["version"] = json!(1);
        let res = app.put(&format!("/api/v1/contacts/{meeting}"), &support.token, &edited).await;
        assert_eq!(res.status().as_u16(), 200, "{}", res.text().await.unwrap());
        let r = get_json(&app, url, &manager.token).await;
        let f = &r["figures"];
        assert_eq!(cop(f, "home_visits", "visits").0, 4);
        assert_eq!(fig(f, "home_visits", "2012-01")["count"], 1);
        assert_eq!(fig(f, "home_visits", "2012-03")["count"], 1);
    }

    async fn housing_search_report_for_a_tertial_and_year(app: TestApp) {
        let unit = app.create_unit("Bostadssök").await;
        let manager = app.login_as("manager", &[&unit]).await;
        let worker = app.login_as("caseworker", &[&unit]).await;
        let person = |first: &str| participant_body(&unit, json!({"first_name": first, "last_name": "Söksson"}));
        let p = id(&app.create_participant(&worker.token, &person("Pia")).await);
        let q = id(&app.create_participant(&worker.token, &person("Qarin")).await);
        let x = id(&app.create_participant(&worker.token, &person("Xerxes")).await);
        // P: opened 2012-01-10, a first-hand lease on 03-10 (60 days).
        let c = post_ok(&app, "/api/v1/housing-search-cases", &worker.token, &json!({"participant_id": p, "referring_unit": "Ekonomiskt bistånd", "target_group": "young_adult", "opened_on": "2012-01-10"}), 201).await;
        post_ok(&app, &format!("/api/v1/housing-search-cases/{}/close", id(&c)), &worker.token, &json!({"version": 1, "outcome": "first_hand_lease", "outcome_on": "2012-03-10"}), 200).await;
        // Q: opened on the last day of T1, still open.
        post_ok(&app, "/api/v1/housing-search-cases", &worker.token, &json!({"participant_id": q, "referring_unit": "Vuxenenheten", "target_group": "former_lodger", "opened_on": "2012-04-30"}), 201).await;
        // Temporary housing: P 04-28..05-03 at 500 (three nights in T1, two in T2); X (no search
        // case) 05-01..05-05 at 300.
        post_ok(&app, "/api/v1/temporary-stays", &worker.token, &json!({"participant_id": p, "kind": "hotel", "from_date": "2012-04-28", "to_date": "2012-05-03", "cost_per_night": 500}), 201).await;
        post_ok(&app, "/api/v1/temporary-stays", &worker.token, &json!({"participant_id": x, "kind": "shelter", "from_date": "2012-05-01", "to_date": "2012-05-05", "cost_per_night": 300}), 201).await;

        let url = "/api/v1/reports/housing-search?period=2012-T1&drilldown=true";
        let r = get_json(&app, url, &manager.token).await;
        let f = &r["figures"];
        assert_eq!(cop(f, "cases", "opened").0, 2);
        assert_eq!(cop(f, "cases", "active").0, 2);
        assert_eq!(fig(f, "cases", "closed")["participants"][0]["id"], p.as_str());
        assert_eq!(cop(f, "referring_unit", "Ekonomiskt bistånd"), (json!(1), json!(2), json!(50.0)));
        assert_eq!(fig(f, "referring_unit", "Vuxenenheten")["participants"][0]["id"], q.as_str());
        assert_eq!(cop(f, "target_group", "young_adult"), (json!(1), json!(2), json!(50.0)));
        assert_eq!(cop(f, "outcome", "first_hand_lease"), (json!(1), json!(1), json!(100.0)));
        assert_eq!(cop(f, "outcome", "regular_housing"), (json!(1), json!(1), json!(100.0)));
        assert_eq!(fig(f, "days_to_housing", "mean_days")["value"], 60.0);
        assert_eq!(fig(f, "temporary_housing", "2012-T1_nights")["value"], 3.0);
        assert_eq!(fig(f, "temporary_housing", "2012-T1_cost_sek")["value"], 1500.0);
        assert_eq!(fig(f, "temporary_housing_search_cases", "2012-T1_stays")["participants"][0]["id"], p.as_str());
        // The year: the tertials split P's stay; X counts in the unit's figure only.
        let y = get_json(&app, "/api/v1/reports/housing-search?period=2012", &manager.token).await;
        let yf = &y["figures"];
        assert_eq!(fig(yf, "temporary_housing", "2012-T2_nights")["value"], 6.0);
        assert_eq!(fig(yf, "temporary_housing", "2012-T2_cost_sek")["value"], 2200.0);
        assert_eq!(fig(yf, "temporary_housing_search_cases", "2012-T2_cost_sek")["value"], 1000.0);
        assert_eq!(fig(yf, "temporary_housing", "2012-T3_stays")["count"], 0);
        // T2 starts the day after Q's case opened: Q active, not opened.
        let t2 = get_json(&app, "/api/v1/reports/housing-search?period=2012-T2", &manager.token).await;
        assert_eq!(cop(&t2["figures"], "cases", "opened").0, 0);
        assert_eq!(cop(&t2["figures"], "cases", "active").0, 1);
        let csv = app.get(&format!("{url}&format=csv"), &manager.token).await.text().await.unwrap();
        assert_csv_matches(&csv, &[("all", f)]);
        assert!(csv.contains("all;referring_unit;Ekonomiskt bistånd;1;2;50,0;;"), "{csv}");
        assert_problem(app.get(url, &worker.token).await, 403).await;
    }
}

/// `--demo` gives every report non-trivial figures over the last year.
async fn demo_reports_have_figures(backend: Backend) {
    let app = TestApp::spawn_with(backend, |c| c.demo = true).await;
    let erik = app.login("erik.chef", stegvis::demo::DEMO_PASSWORD).await;
    let today = chrono::Utc::now().date_naive();
    let period = format!("{}..{}", today - chrono::TimeDelta::days(365), today);
    let support = get_json(
        &app,
        &format!("/api/v1/reports/housing-support?period={period}"),
        &erik.token,
    )
    .await;
    let f = &support["figures"];
    for (section, figure) in [
        ("supported", "participants"),
        ("home_visits", "visits"),
        ("action_plans", "written"),
        ("risk_events", "events"),
    ] {
        assert!(
            fig(f, section, figure)["count"].as_u64().unwrap() > 0,
            "{section}/{figure}"
        );
    }
    let search = get_json(
        &app,
        &format!("/api/v1/reports/housing-search?period={period}"),
        &erik.token,
    )
    .await;
    assert!(
        fig(&search["figures"], "cases", "active")["count"]
            .as_u64()
            .unwrap()
            > 0
    );
    let programmes = get_json(&app, "/api/v1/programmes", &erik.token).await;
    let placed = {
        let mut total = 0;
        for p in programmes["items"].as_array().unwrap() {
            let url = format!(
                "/api/v1/reports/programme-outcome?programme_id={}&period={period}",
                p["id"].as_str().unwrap()
            );
            let r = get_json(&app, &url, &erik.token).await;
            total += fig(&r["figures"], "placements", "total")["count"]
                .as_u64()
                .unwrap();
        }
        total
    };
    assert!(placed > 0, "no placements in any programme's report");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn demo_reports_sqlite() {
    demo_reports_have_figures(Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn demo_reports_postgres() {
    demo_reports_have_figures(Backend::Postgres).await;
}
