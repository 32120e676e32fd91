//! Demo data for housing search support, temporary stays and the housing course (fictional).

use chrono::NaiveDate;
use domain::housing::{SearchActionKind, SearchOutcome, SearchTargetGroup, TemporaryStayKind};

use crate::error::ApiResult;
use crate::store::housing::more::{
    AttendanceRow, CourseSessionRow, SearchCaseRow, TemporaryStayRow,
};
use crate::store::participants::ParticipantRow;
use crate::store::{Store, time};

/// Search cases in several states (open, closed with regular housing, closed without), stays in
/// temporary housing that cross tertial boundaries, and a housing course of four sessions with
/// attendance (some completed it, some not). `people`: visible, active participants of the unit.
pub fn load(
    store: &mut dyn Store,
    unit_id: &str,
    people: &[&ParticipantRow],
    leader: &str,
    today: NaiveDate,
) -> ApiResult<()> {
    let now = time::now();
    let day = |days: i64| today - chrono::TimeDelta::days(days);
    let action = |kind: SearchActionKind, on: NaiveDate, note: &str| serde_json::json!({"kind": kind.as_str(), "done_on": on, "note": note});
    // (target group, referring unit, opened days ago, outcome with days after opening)
    type Case<'a> = (
        SearchTargetGroup,
        &'a str,
        i64,
        Option<(SearchOutcome, i64)>,
    );
    let cases: [Case; 5] = [
        (
            SearchTargetGroup::YoungAdult,
            "Ekonomiskt bistånd",
            200,
            Some((SearchOutcome::FirstHandLease, 45)),
        ),
        (
            SearchTargetGroup::WomanSubjectedToViolence,
            "Kvinnofridsenheten",
            150,
            Some((SearchOutcome::SecondHandLease, 30)),
        ),
        (
            SearchTargetGroup::TooLargeOrExpensiveHome,
            "Vuxenenheten",
            120,
            Some((SearchOutcome::ExchangeDone, 70)),
        ),
        (
            SearchTargetGroup::FormerLodger,
            "Funktionsnedsättning",
            90,
            Some((SearchOutcome::None, 60)),
        ),
        (SearchTargetGroup::Other, "Barn och unga", 20, None),
    ];
    for (i, (group, referrer, opened, outcome)) in cases.into_iter().enumerate() {
        let Some(p) = people.get(i) else { break };
        let opened_on = day(opened);
        let actions = serde_json::json!([
            action(
                SearchActionKind::HousingAgencyRegistration,
                opened_on,
                "Registrerad i bostadsförmedlingen"
            ),
            action(
                SearchActionKind::PreparedCalls,
                opened_on + chrono::TimeDelta::days(3),
                "Förberedda samtal med två hyresvärdar"
            ),
        ]);
        store.insert_search_case(&SearchCaseRow {
            id: time::new_id(),
            participant_id: p.id.clone(),
            referring_unit: referrer.into(),
            target_group: group.as_str().into(),
            opened_on,
            actions: actions.to_string(),
            outcome: outcome.map(|(o, _)| o.as_str().to_owned()),
            outcome_on: outcome.map(|(_, d)| opened_on + chrono::TimeDelta::days(d)),
            note: None,
            created_at: now,
            updated_at: now,
            version: 1,
        })?;
    }
    // Stays a month or two long, spread over the last year so they cross tertial boundaries;
    // the last one is still going on.
    let stays: [(TemporaryStayKind, i64, Option<i64>, i32); 4] = [
        (TemporaryStayKind::Hotel, 330, Some(290), 650),
        (TemporaryStayKind::Shelter, 250, Some(160), 300),
        (TemporaryStayKind::Other, 140, Some(100), 450),
        (TemporaryStayKind::Shelter, 40, None, 300),
    ];
    for (i, (kind, from, to, cost)) in stays.into_iter().enumerate() {
        let Some(p) = people.get(i + 1) else { break };
        store.insert_temporary_stay(&TemporaryStayRow {
            id: time::new_id(),
            participant_id: p.id.clone(),
            kind: kind.as_str().into(),
            from_date: day(from),
            to_date: to.map(day),
            cost_per_night: cost,
            provider: Some(format!(
                "Fiktivt {}",
                if kind == TemporaryStayKind::Hotel {
                    "hotell"
                } else {
                    "härbärge"
                }
            )),
            created_at: now,
            updated_at: now,
            version: 1,
        })?;
    }
    // A housing course: the first three attend all four sessions, the fourth misses one.
    for n in 1..=4i32 {
        let session = CourseSessionRow {
            id: time::new_id(),
            unit_id: unit_id.into(),
            kind: "housing_course".into(),
            title: format!("Bokurs, träff {n}"),
            session_number: Some(n),
            held_on: day(70 - i64::from(n) * 7),
            leader: Some(leader.into()),
            created_at: now,
            updated_at: now,
            version: 1,
        };
        store.insert_course_session(&session)?;
        let rows: Vec<AttendanceRow> = people
            .iter()
            .skip(5)
            .take(4)
            .enumerate()
            .map(|(k, p)| AttendanceRow {
                session_id: session.id.clone(),
                participant_id: p.id.clone(),
                attended: !(k == 3 && n == 2),
                created_at: now,
            })
            .collect();
        if !rows.is_empty() {
            store.set_attendance(&rows)?;
        }
    }
    let group = CourseSessionRow {
        id: time::new_id(),
        unit_id: unit_id.into(),
        kind: "group_session".into(),
        title: "Gruppträff: att vara en god granne".into(),
        session_number: None,
        held_on: day(10),
        leader: Some(leader.into()),
        created_at: now,
        updated_at: now,
        version: 1,
    };
    store.insert_course_session(&group)?;
    Ok(())
}
