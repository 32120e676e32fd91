//! `/reports/housing-search` (seed 001): figures from `domain::report::housing_search`, JSON or
//! CSV like every report.

use std::collections::{BTreeMap, BTreeSet};

use actix_web::{HttpRequest, HttpResponse, get, web};
use domain::report::housing_search::{SearchCase, TemporaryStay, housing_search_report};
use serde::Serialize;
use utoipa::ToSchema;

use super::housing_support::people_of;
use super::{
    HousingReportQuery, ReportFigure, ReportPeriod, audit_named, csv_response, figures_out,
    parse_period, report_units, wants_csv,
};
use crate::app::AppState;
use crate::auth::CurrentUser;
use crate::error::ApiResult;
use crate::extract::ApiQuery;

/// The housing search report (seed 001: bostadssökarstöd).
///
/// Definitions (`domain::report::housing_search`):
/// - *cases*: *active* = opened by the period's last day and not closed before its first;
///   *opened* / *closed* (given an outcome) in the period.
/// - *referring_unit/<unit as written>* and *target_group*: the cases opened in the period,
///   shares of them.
/// - *outcome*: cases closed in the period by outcome; *regular_housing* = first- or second-hand
///   lease or exchange done, share of the closed.
/// - *days_to_housing*: days from opening to the outcome for the closed cases that reached
///   regular housing (mean_days, median_days).
/// - *temporary_housing*: per tertial of the period (clipped to it), `<tertial>_stays` (people
///   with a night in temporary housing), `<tertial>_nights`, `<tertial>_cost_sek` (kronor) for
///   the units' participants — a night belongs to the day it starts, an ongoing stay counts up to
///   today; *temporary_housing_search_cases*: the same for people with an active search case.
#[derive(Debug, Serialize, ToSchema)]
pub struct HousingSearchReport {
    pub unit_ids: Vec<String>,
    pub period: ReportPeriod,
    pub figures: Vec<ReportFigure>,
}

/// The housing search report for a period: cases by referring unit and target group, outcomes,
/// days to regular housing and the cost of temporary housing per tertial. See
/// `HousingSearchReport` for the definitions. Managers and caseworkers of the units;
/// `drilldown=true` (managers only) names who is counted.
#[utoipa::path(
    tag = "reports",
    params(HousingReportQuery),
    responses(
        (status = 200, description = "The report (JSON, or CSV with format=csv / Accept: text/csv)",
            content((HousingSearchReport = "application/json"), (String = "text/csv"))),
        (status = 403, description = "Not a manager or caseworker of the units, or drill-down without being a manager"),
        (status = 422, description = "Invalid period or format"),
    ),
    security(("bearer" = []))
)]
#[get("/housing-search")]
pub(super) async fn housing_search_report_view(
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
            let cases: Vec<SearchCase> = store
                .report_search_cases(&units, period.from, period.to)?
                .into_iter()
                .filter_map(
                    |(participant_id, referring_unit, group, opened_on, outcome, outcome_on)| {
                        Some(SearchCase {
                            participant_id,
                            referring_unit,
                            target_group: group.parse().ok()?,
                            opened_on,
                            outcome: match outcome {
                                Some(o) => Some(o.parse().ok()?),
                                None => None,
                            },
                            outcome_on,
                        })
                    },
                )
                .collect();
            let stays: Vec<TemporaryStay> = store
                .report_temporary_stays(&units, period.from, period.to)?
                .into_iter()
                .map(|(participant_id, from, to, cost)| TemporaryStay {
                    participant_id,
                    from,
                    to,
                    cost_per_night: i64::from(cost),
                })
                .collect();
            let computed = housing_search_report(&cases, &stays, &period, today);
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
            Ok(HousingSearchReport {
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
        return Ok(csv_response(&rows, "housing-search"));
    }
    Ok(HttpResponse::Ok().json(report))
}
