//! `/reports/housing-support` (seed 004): figures from `domain::report::housing_support`, JSON or
//! CSV like every report.

use std::collections::{BTreeMap, BTreeSet};

use actix_web::{HttpRequest, HttpResponse, get, web};
use domain::housing::{DEFAULT_CASELOAD, StageChange};
use domain::report::housing_support::{
    MonthVisits, Plan, RiskEvent, SupportAssignment, SupportInput, Worker, housing_support_report,
};
use serde::Serialize;
use utoipa::ToSchema;

use super::{
    HousingReportQuery, ReportFigure, ReportPeriod, audit_named, csv_response, figures_out,
    parse_period, report_units, wants_csv,
};
use crate::app::AppState;
use crate::auth::CurrentUser;
use crate::error::ApiResult;
use crate::extract::ApiQuery;
use crate::store::Store;
use crate::store::reports::ReportPerson;

/// The housing support report (seed 004: boendestöd i egen bostad).
///
/// Definitions (`domain::report::housing_support`):
/// - *supported/participants*: participants of the units with a housing-support assignment
///   running on some day of the period.
/// - *caseload/<worker name>*: participants with a running housing-support assignment to the
///   worker on the period's last day (today if earlier), `of` = the worker's maximum caseload
///   (default 15), percent = load against the limit; *workers_over_maximum* /
///   *workers_under_minimum*: workers above their maximum / below their minimum (default 10).
///   Workers listed: those with an assignment in the period and the units' active housing-support
///   workers.
/// - *home_visits/visits*: attended home-visit contacts of supported participants in the period;
///   *per_participant_per_month* = visits ÷ supported participants ÷ months (days ÷ 30.4375);
///   *not_visited*: supported participants without a home visit; *YYYY-MM*: visits in that
///   calendar month (clipped to the period), `value` = visits per participant supported that month.
/// - *action_plans/written*: plans (not drafts) whose period starts in the period.
/// - *reviews*: plans (not drafts) whose period ends in the period (*due*), reviewed by the period
///   end (*on_time*), after it (*late*) or not yet although it has ended (*missing*, as of today).
/// - *goals*: goals judged in reviews done in the period, by outcome (achieved, partly_achieved,
///   not_achieved), shares of those assessed; counted per goal.
/// - *risk_events*: eviction-risk events dated in the period, per event, by kind; *resolved* by
///   the period's last day or still *open* then; *resolved_median_days* from event to resolution;
///   *became_homeless*: people with an event whose recorded housing changed to a homeless
///   situation on or after it, by the period's end (share of the people with an event).
#[derive(Debug, Serialize, ToSchema)]
pub struct HousingSupportReport {
    pub unit_ids: Vec<String>,
    pub period: ReportPeriod,
    pub figures: Vec<ReportFigure>,
}

pub(super) fn people_of(
    store: &mut dyn Store,
    ids: BTreeSet<String>,
) -> ApiResult<BTreeMap<String, ReportPerson>> {
    let ids: Vec<String> = ids.into_iter().collect();
    Ok(store
        .report_people(&ids)?
        .into_iter()
        .map(|p| (p.id.clone(), p))
        .collect())
}

/// The housing support report for a period: caseload per worker against the limit, home visits
/// per participant per month, action plans written, reviews on time or late, goals achieved,
/// eviction-risk events and how they ended. See `HousingSupportReport` for the definitions.
/// Managers and caseworkers of the units; `drilldown=true` (managers only) names who is counted.
#[utoipa::path(
    tag = "reports",
    params(HousingReportQuery),
    responses(
        (status = 200, description = "The report (JSON, or CSV with format=csv / Accept: text/csv)",
            content((HousingSupportReport = "application/json"), (String = "text/csv"))),
        (status = 403, description = "Not a manager or caseworker of the units, or drill-down without being a manager"),
        (status = 422, description = "Invalid period or format"),
    ),
    security(("bearer" = []))
)]
#[get("/housing-support")]
pub(super) async fn housing_support_report_view(
    state: web::Data<AppState>,
    user: CurrentUser,
    req: HttpRequest,
    ApiQuery(query): ApiQuery<HousingReportQuery>,
) -> ApiResult<HttpResponse> {
    let csv = wants_csv(&req, query.format.as_deref())?;
    let period = parse_period(&query.period)?;
    let (drilldown, units) = report_units(&user, query.unit_id, query.drilldown)?;
    let today = state.today();
    let report = state
        .db
        .report_tx(move |store| {
            let lap = super::laps("housing support report");
            let assignments = store.report_support_assignments(&units, period.from, period.to)?;
            lap("assignments");
            let mut staff: BTreeSet<String> = assignments.iter().map(|a| a.1.clone()).collect();
            for unit in &units {
                staff.extend(
                    store
                        .housing_support_workers(unit)?
                        .into_iter()
                        .map(|s| s.id),
                );
            }
            let staff: Vec<String> = staff.into_iter().collect();
            let workers = store
                .report_workers(&staff)?
                .into_iter()
                .map(|(staff_id, name, min, max)| Worker {
                    staff_id,
                    name,
                    min_caseload: min.unwrap_or(DEFAULT_CASELOAD.0),
                    max_caseload: max.unwrap_or(DEFAULT_CASELOAD.1),
                })
                .collect();
            lap("workers");
            // Counted per person and calendar month in SQL: no contact rows leave the database.
            let visits = store
                .report_home_visits(&units, period.from, period.to)?
                .into_iter()
                .map(|(participant_id, month, n)| MonthVisits {
                    participant_id,
                    month,
                    visits: usize::try_from(n).unwrap_or(0),
                })
                .collect();
            lap("visits");
            let plan_rows = store.report_plans(&units, period.from, period.to)?;
            lap("plans");
            let mut outcomes: BTreeMap<String, Vec<_>> = BTreeMap::new();
            for (plan, outcome) in store.report_goal_outcomes(&units, period.from, period.to)? {
                if let Ok(o) = outcome.parse() {
                    outcomes.entry(plan).or_default().push(o);
                }
            }
            lap("goals");
            let plans = plan_rows
                .into_iter()
                .filter_map(|(id, participant_id, status, start, end, reviewed_on)| {
                    Some(Plan {
                        participant_id,
                        status: status.parse().ok()?,
                        period_start: start,
                        period_end: end,
                        reviewed_on,
                        outcomes: outcomes.remove(&id).unwrap_or_default(),
                    })
                })
                .collect::<Vec<_>>();
            let risks: Vec<RiskEvent> = store
                .report_risk_events(&units, period.from, period.to)?
                .into_iter()
                .filter_map(|(participant_id, kind, occurred_on, resolved_on)| {
                    Some(RiskEvent {
                        participant_id,
                        kind: kind.parse().ok()?,
                        occurred_on,
                        resolved_on,
                    })
                })
                .collect();
            lap("risks");
            let at_risk: Vec<String> = risks
                .iter()
                .map(|r| r.participant_id.clone())
                .collect::<BTreeSet<_>>()
                .into_iter()
                .collect();
            let mut changes: BTreeMap<String, Vec<StageChange>> = BTreeMap::new();
            for (p, from, situation) in store.report_stage_changes(&at_risk, period.to)? {
                if let Ok(situation) = situation.parse() {
                    changes
                        .entry(p)
                        .or_default()
                        .push(StageChange { from, situation });
                }
            }
            lap("stage changes");
            let input = SupportInput {
                assignments: assignments
                    .into_iter()
                    .map(|(participant_id, staff_id, start, end)| SupportAssignment {
                        participant_id,
                        staff_id,
                        start,
                        end,
                    })
                    .collect(),
                workers,
                visits,
                plans,
                risks,
                changes,
                until: today,
            };
            let computed = housing_support_report(&input, &period);
            lap("computed");
            let ids: BTreeSet<String> = computed
                .iter()
                .flat_map(|f| f.participants.iter().cloned())
                .collect();
            let people = if drilldown {
                people_of(store, ids)?
            } else {
                BTreeMap::new()
            };
            let mut named = BTreeSet::new();
            let figures = figures_out(computed, drilldown, &user, &people, &mut named);
            audit_named(store, &user, &named)?;
            Ok(HousingSupportReport {
                unit_ids: units,
                period: ReportPeriod {
                    from: period.from,
                    to: period.to,
                },
                figures,
            })
        })
        .await?;
    if csv {
        let rows: Vec<(&str, &ReportFigure)> = report.figures.iter().map(|f| ("all", f)).collect();
        return Ok(csv_response(&rows, "housing-support"));
    }
    Ok(HttpResponse::Ok().json(report))
}
