//! Retention (gallring): closed cases past the retention period are listed for a manager, removed
//! on approval with every record about the participant, and nothing else is touched.

use reqwest::StatusCode;
use serde_json::{Value, json};
use stegvis::store::merges::PARTICIPANT_REFERENCES;
use stegvis_tests::*;

/// Tables that do not belong to any one participant: the removal must not change them.
const SHARED_TABLES: &[&str] = &[
    "units",
    "staff",
    "staff_units",
    "programmes",
    "housing_sites",
    "apartments",
    "employers",
    "queue_draws",
    "housing_course_sessions",
    "method_evaluations",
];

/// Rows hanging off a participant's rows: (table, rows that belong to someone else than `{x}`).
const CHILD_TABLES: &[(&str, &str)] = &[
    (
        "action_plan_goals",
        "plan_id IN (SELECT id FROM action_plans WHERE participant_id <> '{x}')",
    ),
    (
        "action_plan_interventions",
        "plan_id IN (SELECT id FROM action_plans WHERE participant_id <> '{x}')",
    ),
    (
        "action_plan_reviews",
        "plan_id IN (SELECT id FROM action_plans WHERE participant_id <> '{x}')",
    ),
    (
        "activity_hours",
        "activity_id IN (SELECT id FROM activities WHERE participant_id <> '{x}')",
    ),
    (
        "internship_agreements",
        "activity_id IN (SELECT id FROM activities WHERE participant_id <> '{x}')",
    ),
    (
        "enrolment_mappings",
        "enrolment_id IN (SELECT id FROM enrolments WHERE participant_id <> '{x}')",
    ),
    (
        "caseload_overrides",
        "assignment_id IN (SELECT id FROM participant_assignments WHERE participant_id <> '{x}')",
    ),
    (
        "contacts",
        "id IN (SELECT contact_id FROM contact_participants WHERE participant_id <> '{x}')",
    ),
];

fn count(app: &TestApp, table: &str, condition: &str) -> i64 {
    count_rows(&app.db, &format!("{table} WHERE {condition}"))
}

/// Everything that must survive the removal of `x`, counted in the database.
fn others(app: &TestApp, x: &str) -> Vec<(String, i64)> {
    let mut out = Vec::new();
    for table in SHARED_TABLES {
        out.push(((*table).to_owned(), count_rows(&app.db, table)));
    }
    for (table, column, _) in PARTICIPANT_REFERENCES {
        out.push((
            format!("{table}.{column}"),
            count(app, table, &format!("{column} <> '{x}'")),
        ));
    }
    for (table, condition) in CHILD_TABLES {
        out.push((
            format!("{table} (others)"),
            count(app, table, &condition.replace("{x}", x)),
        ));
    }
    out.push((
        "participants (others)".into(),
        count(app, "participants", &format!("id <> '{x}'")),
    ));
    out
}

/// Rows about `x` in every table that references participants.
fn rows_of(app: &TestApp, x: &str) -> i64 {
    PARTICIPANT_REFERENCES
        .iter()
        .map(|(table, column, _)| count(app, table, &format!("{column} = '{x}'")))
        .sum()
}

/// Both backends, each on a server with the demo data (it has every kind of record).
mod a_closed_case_past_retention_is_removed_completely_and_nothing_else_is_touched {
    use super::*;

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn sqlite() {
        run_scenario(&TestApp::spawn_with(Backend::Sqlite, |c| c.demo = true).await).await;
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn postgres() {
        run_scenario(&TestApp::spawn_with(Backend::Postgres, |c| c.demo = true).await).await;
    }
}

async fn run_scenario(app: &TestApp) {
    // The participant with the most records is the one to remove.
    let candidates = query_strings(
        &app.db,
        "SELECT id AS v FROM participants WHERE status = 'active' AND protected_identity = false ORDER BY id",
    );
    let x = candidates
        .iter()
        .max_by_key(|id| rows_of(app, id))
        .unwrap()
        .clone();
    let x_rows = rows_of(app, &x);
    assert!(
        x_rows >= 5,
        "the chosen participant has records in many tables ({x_rows})"
    );
    let unit = query_strings(
        &app.db,
        &format!("SELECT unit_id AS v FROM participants WHERE id = '{x}'"),
    )[0]
    .clone();
    let other_unit = query_strings(
        &app.db,
        &format!("SELECT id AS v FROM units WHERE id <> '{unit}' ORDER BY id"),
    )[0]
    .clone();
    // Closed long ago, with no later entry: past the five-year default.
    execute_sql(&app.db, &format!(
        "UPDATE participants SET status = 'closed', closed_on = '2019-01-31', updated_at = '2019-01-31 12:00:00' WHERE id = '{x}'")).unwrap();
    // A case closed today: still within its retention period.
    let recent = candidates.iter().find(|id| **id != x).unwrap().clone();
    execute_sql(&app.db, &format!(
        "UPDATE participants SET status = 'closed', closed_on = '2026-01-01' WHERE id = '{recent}'")).unwrap();

    let manager = app.login_as("manager", &[&unit]).await;
    let caseworker = app.login_as("caseworker", &[&unit]).await;
    let stranger = app.login_as("manager", &[&other_unit]).await;

    let res = app
        .get("/api/v1/retention/candidates", &manager.token)
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let list: Value = res.json().await.unwrap();
    assert_eq!(list["retention_years"], 5);
    let ids: Vec<&str> = list["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["participant_id"].as_str().unwrap())
        .collect();
    assert!(ids.contains(&x.as_str()), "{ids:?}");
    assert!(
        !ids.contains(&recent.as_str()),
        "a case within its retention period is not listed"
    );
    let item = list["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["participant_id"] == x.as_str())
        .unwrap();
    assert_eq!(item["removable_from"], "2024-01-31");

    // Only managers, only their own units; a case within its period is refused with 422.
    assert_problem(
        app.get("/api/v1/retention/candidates", &caseworker.token)
            .await,
        403,
    )
    .await;
    assert_problem(
        app.post(
            "/api/v1/retention/approvals",
            &caseworker.token,
            &json!({"participant_ids": [x]}),
        )
        .await,
        403,
    )
    .await;
    assert_problem(
        app.post(
            "/api/v1/retention/approvals",
            &stranger.token,
            &json!({"participant_ids": [x]}),
        )
        .await,
        403,
    )
    .await;
    let problem = assert_problem(
        app.post(
            "/api/v1/retention/approvals",
            &manager.token,
            &json!({"participant_ids": [x, recent]}),
        )
        .await,
        422,
    )
    .await;
    assert_eq!(error_fields(&problem), vec!["participant_ids[1]"]);
    assert_problem(
        app.post(
            "/api/v1/retention/approvals",
            &manager.token,
            &json!({"participant_ids": []}),
        )
        .await,
        422,
    )
    .await;
    assert_eq!(
        rows_of(app, &x),
        x_rows,
        "a refused approval removes nothing"
    );

    // The list's text search finds x by last name before the removal and not after (SQLite
    // searches a trigram index kept by triggers: migration 000027; PostgreSQL a copy of the
    // searched columns: migration 000026).
    let last_name = query_strings(
        &app.db,
        &format!("SELECT last_name AS v FROM participants WHERE id = '{x}'"),
    )[0]
    .to_lowercase();
    let search = format!("/api/v1/participants?limit=1&q={}", urlencode(&last_name));
    let found_before: Value = app.get(&search, &manager.token).await.json().await.unwrap();
    assert!(found_before["total"].as_i64().unwrap() >= 1, "{last_name}");

    let before = others(app, &x);
    let audit_before = count_rows(&app.db, "audit_log");
    let audit_of_x_before = count(app, "audit_log", &format!("participant_id = '{x}'"));

    let res = app
        .post(
            "/api/v1/retention/approvals",
            &manager.token,
            &json!({"participant_ids": [x]}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let done: Value = res.json().await.unwrap();
    assert_eq!(done["removed"][0]["participant_id"], x.as_str());
    let removed: i64 = done["removed"][0]["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["count"].as_i64().unwrap())
        .sum();
    assert!(
        removed > x_rows,
        "the participant, their rows and the rows hanging off them: {done}"
    );

    // Nothing about x is left in any table that references participants …
    for (table, column, _) in PARTICIPANT_REFERENCES {
        assert_eq!(
            count(app, table, &format!("{column} = '{x}'")),
            0,
            "{table}.{column}"
        );
    }
    assert_eq!(count(app, "participants", &format!("id = '{x}'")), 0);
    // … nor in PostgreSQL's copy of the searched columns (kept by triggers: migration 000026).
    if app.backend == Backend::Postgres {
        assert_eq!(count(app, "participant_search", &format!("id = '{x}'")), 0);
        assert_eq!(
            count_rows(&app.db, "participant_search"),
            count_rows(&app.db, "participants")
        );
    }
    assert_eq!(
        count(
            app,
            "participant_merges",
            &format!("from_id = '{x}' OR into_id = '{x}'")
        ),
        0
    );
    assert_problem(
        app.get(&format!("/api/v1/participants/{x}"), &manager.token)
            .await,
        404,
    )
    .await;
    let found_after: Value = app.get(&search, &manager.token).await.json().await.unwrap();
    assert_eq!(
        found_after["total"].as_i64().unwrap(),
        found_before["total"].as_i64().unwrap() - 1,
        "{last_name}"
    );
    // … and everything else is exactly as it was.
    assert_eq!(others(app, &x), before);
    assert_eq!(count(app, "participants", &format!("id = '{recent}'")), 1);

    // The audit log keeps every entry (ids only) and records the removal.
    assert!(count_rows(&app.db, "audit_log") > audit_before);
    let audit_of_x = count(app, "audit_log", &format!("participant_id = '{x}'"));
    assert_eq!(audit_of_x, audit_of_x_before + 1);
    assert_eq!(
        count(
            app,
            "audit_log",
            &format!(
                "participant_id = '{x}' AND action = 'delete' AND outcome = 'success' AND actor_id = '{}'",
                manager.staff_id
            )
        ),
        1
    );

    // Removed once: a second approval finds nothing.
    assert_problem(
        app.post(
            "/api/v1/retention/approvals",
            &manager.token,
            &json!({"participant_ids": [x]}),
        )
        .await,
        404,
    )
    .await;
}
