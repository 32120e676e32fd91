//! `/api/v1/reports/...`: the figures of the unit's reports, computed by `domain::report` from rows
//! the store loads set-based. Every report is JSON by default and CSV with `?format=csv` or
//! `Accept: text/csv` (UTF-8 with BOM, `;`-separated, CRLF, decimal comma: what Swedish Excel
//! opens correctly). One line per figure: `group;section;figure;count;of;percent;value`, plus
//! `participants` with the drill-down.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, get, web};
use chrono::NaiveDate;
use domain::housing::StageChange;
use domain::main_activity::ActivitySpan;
use domain::participant::{Gender, HousingSituation};
use domain::referral::ReferralStatus;
use domain::relapse::RelapseOutcome;
use domain::report::Figure;
use domain::report::homelessness::{CountPerson, homelessness_count, iso_week};
use domain::report::programme::{
    Enrolment, Person, ProgrammeInput, Referral, Relapse, Subgroup, enrolled_during,
    lived_in_during, programme_report,
};
use domain::report::work::{Employment, WorkActivity};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_actix_web::service_config::ServiceConfig;

use crate::app::AppState;
use crate::audit::{self, Action, Outcome};
use crate::auth::{CurrentUser, policy};
use crate::error::{ApiError, ApiResult};
use crate::extract::ApiQuery;
use crate::store::Store;
use crate::store::reports::{ActivityFact, EnrolmentFact, ReportPerson};

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(
        utoipa_actix_web::scope("/reports")
            .service(programme_outcome_report)
            .service(homelessness_count_report)
            .service(housing_report)
            .service(housing_support::housing_support_report_view)
            .service(housing_search::housing_search_report_view),
    );
}

mod housing_search;
mod housing_support;

/// Someone behind a figure. A protected identity the caller may not see is `{"id": null,
/// "name": "skyddad", "protected": true}`: counted, never named.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ReportPersonRef {
    pub id: Option<String>,
    pub name: String,
    pub protected: bool,
}

/// One figure: `count` of `of` (a share; `percent` = 100·count/of rounded half up to one decimal,
/// `null` when `of` is 0), a plain count (`of` null), or a `value` (mean, median) over `count` people.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(example = json!({"section": "relapses", "figure": "resumed", "count": 8, "of": 10,
    "percent": 80.0, "value": null, "participants": null}))]
pub struct ReportFigure {
    pub section: String,
    pub figure: String,
    pub count: usize,
    pub of: Option<usize>,
    pub percent: Option<f64>,
    pub value: Option<f64>,
    /// The people behind the figure, with `drilldown=true` (managers only).
    pub participants: Option<Vec<ReportPersonRef>>,
}

/// The same outcome figures for a subgroup chosen by the caller.
#[derive(Debug, Serialize, ToSchema)]
pub struct ReportSubgroup {
    /// `supported_housing` or `programme:<id>`.
    pub name: String,
    pub figures: Vec<ReportFigure>,
}

/// The period a report covers (both days included).
#[derive(Debug, Serialize, ToSchema)]
pub struct ReportPeriod {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

/// The programme outcome report (seed 002's final report).
///
/// Definitions (`domain::report`):
/// - *referrals/received*: referrals to the programme dated in the period.
/// - *participants*: people with an enrolment overlapping the period who attended more than two
///   contacts from the enrolment's start to its end or the period's end. Counted once.
/// - *not_participant_reason*: each referral received in the period whose person is not a
///   participant, by status: no_show, declined, withdrawn, pending (received or meeting booked),
///   met_twice_or_less (enrolled but not participated). Shares of referrals received.
/// - *gender*, *age_at_enrolment*: shares of participants; age in whole years on the start date of
///   the first qualifying enrolment, bands under_20, 20_30, 31_40, 41_50, 51_and_over, unknown;
///   mean_age to one decimal over those with a known date of birth.
/// - *status_at_period_end*: the end status of the latest qualifying enrolment if it ended by the
///   period's last day (ended_without_status if none given), else ongoing.
/// - *relapses*: relapses dated in the period; relapsed = participants with one; resumed /
///   interrupted = by the outcome of each person's latest relapse in the period (shares of relapsed).
/// - *participants/participants* in a subgroup is a share of all participants; other shares are of
///   the subgroup's participants. A person may be in several subgroups.
#[derive(Debug, Serialize, ToSchema)]
pub struct ProgrammeOutcomeReport {
    pub programme_id: String,
    pub unit_ids: Vec<String>,
    pub period: ReportPeriod,
    pub figures: Vec<ReportFigure>,
    pub subgroups: Vec<ReportSubgroup>,
    pub notes: Vec<String>,
}

/// The national homelessness count for one ISO week.
///
/// Each participant of the units (not closed before the week) is counted once, in the most acute
/// of Socialstyrelsen's situations (1 acute, 2 institution/supported housing, 3 long-term
/// municipal solutions, 4 short-term private arrangements) they were in on some day of the week,
/// from the recorded housing changes (or the registered situation when none is recorded).
/// Situation 2 counts every institution or supported-housing stay (the planned leaving date is not
/// recorded), so it is an upper bound. Age on the week's Sunday.
#[derive(Debug, Serialize, ToSchema)]
pub struct HomelessnessCountReport {
    pub week: String,
    pub unit_ids: Vec<String>,
    pub period: ReportPeriod,
    pub figures: Vec<ReportFigure>,
    pub notes: Vec<String>,
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ProgrammeReportQuery {
    programme_id: uuid::Uuid,
    /// Only this unit (default: all your units).
    unit_id: Option<uuid::Uuid>,
    /// `2012-T3` (tertial: T1 Jan–Apr, T2 May–Aug, T3 Sep–Dec), `2012`, `2012-05` or
    /// `2012-01-01..2012-04-30` (both days included).
    #[param(example = "2012-T3")]
    period: String,
    /// Comma-separated subgroups: `supported_housing` (lived in supported housing on some day of
    /// the period), `programme:<id>` (enrolled in that programme during the period).
    subgroup: Option<String>,
    /// Include the people behind each figure (managers only).
    drilldown: Option<bool>,
    /// `json` (default) or `csv`.
    #[param(pattern = "^(json|csv)$")]
    format: Option<String>,
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct HomelessnessQuery {
    /// ISO week, e.g. `2026-W14`.
    #[param(example = "2026-W14")]
    week: String,
    /// Only this unit (default: all your units).
    unit_id: Option<uuid::Uuid>,
    /// Include the people behind each figure (managers only).
    drilldown: Option<bool>,
    /// `json` (default) or `csv`.
    #[param(pattern = "^(json|csv)$")]
    format: Option<String>,
}

/// A debug log line per step of a report with the time since it started (RUST_LOG=
/// stegvis::routes::reports=debug): where a slow report spends its time, without a profiler.
fn laps(report: &'static str) -> impl Fn(&str) {
    let clock = std::time::Instant::now();
    move |step: &str| log::debug!("{report}: {step} at {} ms", clock.elapsed().as_millis())
}

/// The `period` parameter: dates `from..to`, a tertial (`2012-T3`) or a year.
fn parse_period(raw: &str) -> ApiResult<domain::period::Period> {
    domain::period::parse(raw).map_err(|e| ApiError::field("period", e.to_string()))
}

/// Whether the caller asked for drill-down, and the units the report covers: the one named, or
/// every unit the caller may report on (refused when the caller may not).
fn report_units(
    user: &CurrentUser,
    unit_id: Option<uuid::Uuid>,
    drilldown: Option<bool>,
) -> ApiResult<(bool, Vec<String>)> {
    let drilldown = drilldown.unwrap_or(false);
    let unit_id = unit_id.map(|u| u.to_string());
    Ok((
        drilldown,
        policy::reports(user, unit_id.as_deref(), drilldown)?,
    ))
}

fn wants_csv(req: &HttpRequest, format: Option<&str>) -> ApiResult<bool> {
    match format {
        Some("csv") => Ok(true),
        Some("json") => Ok(false),
        Some(_) => Err(ApiError::field("format", "must be json or csv")),
        None => Ok(req
            .headers()
            .get(header::ACCEPT)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|a| a.contains("text/csv"))),
    }
}

enum SubgroupSpec {
    SupportedHousing,
    Programme(String),
}

fn parse_subgroups(raw: Option<&str>) -> ApiResult<Vec<SubgroupSpec>> {
    let Some(raw) = raw.filter(|r| !r.trim().is_empty()) else {
        return Ok(Vec::new());
    };
    raw.split(',')
        .map(|s| {
            let s = s.trim();
            if s == "supported_housing" {
                return Ok(SubgroupSpec::SupportedHousing);
            }
            s.strip_prefix("programme:")
                .and_then(|id| uuid::Uuid::parse_str(id).ok())
                .map(|id| SubgroupSpec::Programme(id.to_string()))
                .ok_or_else(|| {
                    ApiError::field(
                        "subgroup",
                        format!("unknown subgroup '{s}'; use supported_housing or programme:<id>"),
                    )
                })
        })
        .collect()
}

/// Turns domain figures into the response, with the drill-down named as the caller may see it.
fn figures_out(
    figures: Vec<Figure>,
    drilldown: bool,
    user: &CurrentUser,
    people: &BTreeMap<String, ReportPerson>,
    named: &mut BTreeSet<String>,
) -> Vec<ReportFigure> {
    figures
        .into_iter()
        .map(|f| {
            let participants = drilldown.then(|| {
                f.participants
                    .iter()
                    .map(|id| match people.get(id) {
                        Some(p)
                            if policy::report_names(
                                user,
                                p.protected_identity,
                                p.responsible_caseworker_id.as_deref(),
                            ) =>
                        {
                            named.insert(id.clone());
                            ReportPersonRef {
                                id: Some(id.clone()),
                                name: format!("{} {}", p.first_name, p.last_name),
                                protected: p.protected_identity,
                            }
                        }
                        _ => ReportPersonRef {
                            id: None,
                            name: "skyddad".into(),
                            protected: true,
                        },
                    })
                    .collect()
            });
            ReportFigure {
                section: f.section,
                figure: f.figure,
                count: f.count,
                of: f.of,
                percent: f.percent,
                value: f.value,
                participants,
            }
        })
        .collect()
}

fn audit_named(
    store: &mut dyn Store,
    user: &CurrentUser,
    named: &BTreeSet<String>,
) -> ApiResult<()> {
    let entries: Vec<_> = named
        .iter()
        .map(|id| audit::participant(user, Action::Report, id, Outcome::Success))
        .collect();
    store.insert_audit(&entries)
}

fn gender(code: &str) -> Gender {
    code.parse().unwrap_or(Gender::Unknown)
}

fn enrolment(f: EnrolmentFact) -> Enrolment {
    Enrolment {
        participant_id: f.0,
        start_date: f.1,
        end_date: f.2,
        end_status: f.3,
        attended: None,
    }
}

fn work_activity(f: ActivityFact) -> Option<WorkActivity> {
    let (participant_id, kind, status, led_to_employment, start, end) = f;
    Some(WorkActivity {
        participant_id,
        span: ActivitySpan {
            kind: kind.parse().ok()?,
            status: status.parse().ok()?,
            led_to_employment,
            start,
            end,
        },
    })
}

/// The programme outcome report for a period: referrals, participants, non-participants by
/// reason, gender, age at enrolment, status at the end of the period, relapses, placements by
/// activity kind, main activity, share who started an activity and employments by kind, and the same
/// outcome figures for each requested subgroup. See `ProgrammeOutcomeReport` for the definitions.
/// Managers and caseworkers of the units; `drilldown=true` (managers only) lists who is counted
/// where and audits a `report` read of every person named.
#[utoipa::path(
    tag = "reports",
    params(ProgrammeReportQuery),
    responses(
        (status = 200, description = "The report (JSON, or CSV with format=csv / Accept: text/csv)",
            content((ProgrammeOutcomeReport = "application/json"), (String = "text/csv"))),
        (status = 403, description = "Not a manager or caseworker of the units, or drill-down without being a manager"),
        (status = 404, description = "No such programme"),
        (status = 422, description = "Invalid period, subgroup or format"),
    ),
    security(("bearer" = []))
)]
#[get("/programme-outcome")]
async fn programme_outcome_report(
    state: web::Data<AppState>,
    user: CurrentUser,
    req: HttpRequest,
    ApiQuery(query): ApiQuery<ProgrammeReportQuery>,
) -> ApiResult<HttpResponse> {
    let csv = wants_csv(&req, query.format.as_deref())?;
    let period = parse_period(&query.period)?;
    let subgroups = parse_subgroups(query.subgroup.as_deref())?;
    let (drilldown, units) = report_units(&user, query.unit_id, query.drilldown)?;
    let programme_id = query.programme_id.to_string();
    let today = state.today();
    let report = state
        .db
        .report_tx(move |store| {
            let programme = store
                .get_programme(&programme_id)?
                .ok_or_else(|| ApiError::not_found("programme"))?;
            policy::reports(&user, Some(&programme.unit_id), false)?;
            let lap = laps("programme report");
            // The people first, in one statement; the programme's referrals, enrolments and
            // attendance are then read without a join per row and kept for these people only
            // (the unit filter).
            let people: BTreeMap<String, ReportPerson> = store
                .report_programme_people(&programme_id, &units, period.from, period.to)?
                .into_iter()
                .map(|p| (p.id.clone(), p))
                .collect();
            lap("people");
            let mut referrals = store.report_referrals(&programme_id, period.from, period.to)?;
            referrals.retain(|r| people.contains_key(&r.0));
            lap("referrals");
            let mut enrolments = store.report_enrolments(&programme_id, period.from, period.to)?;
            enrolments.retain(|e| people.contains_key(&e.0));
            lap("enrolments");
            let ids: Vec<String> = people.keys().cloned().collect();
            // Attended contacts are counted per enrolment in SQL: no contact rows are loaded.
            let attended: HashMap<(String, NaiveDate), usize> = store
                .report_attended_counts(&programme_id, period.from, period.to)?
                .into_iter()
                .filter(|(p, _, _)| people.contains_key(p))
                .map(|(p, start, n)| ((p, start), usize::try_from(n).unwrap_or(0)))
                .collect();
            lap("attended");
            let relapses = store.report_relapses(&ids, period.from, period.to)?;
            lap("relapses");
            let activities =
                store.report_activities(&programme_id, &ids, period.from, period.to)?;
            lap("activities");
            let employments =
                store.report_employments(&programme_id, &ids, period.from, period.to)?;
            lap("employments");
            let input = ProgrammeInput {
                people: people
                    .values()
                    .map(|p| Person {
                        id: p.id.clone(),
                        gender: gender(&p.gender),
                        date_of_birth: p.date_of_birth,
                    })
                    .collect(),
                referrals: referrals
                    .into_iter()
                    .filter_map(|(p, on, status)| {
                        Some(Referral {
                            participant_id: p,
                            referred_on: on,
                            status: status.parse::<ReferralStatus>().ok()?,
                        })
                    })
                    .collect(),
                enrolments: enrolments
                    .into_iter()
                    .map(|f| {
                        let n = attended.get(&(f.0.clone(), f.1)).copied().unwrap_or(0);
                        Enrolment {
                            attended: Some(n),
                            ..enrolment(f)
                        }
                    })
                    .collect(),
                contacts: Vec::new(),
                relapses: relapses
                    .into_iter()
                    .map(|(p, on, outcome)| Relapse {
                        participant_id: p,
                        occurred_on: on,
                        outcome: outcome.parse().unwrap_or(RelapseOutcome::NotYetKnown),
                    })
                    .collect(),
                activities: activities.into_iter().filter_map(work_activity).collect(),
                employments: employments
                    .into_iter()
                    .filter_map(|(p, kind, start_date)| {
                        Some(Employment {
                            participant_id: p,
                            kind: kind.parse().ok()?,
                            start_date,
                        })
                    })
                    .collect(),
                until: today,
            };
            let mut groups = Vec::new();
            for spec in &subgroups {
                groups.push(match spec {
                    SubgroupSpec::SupportedHousing => {
                        let mut changes: BTreeMap<String, Vec<StageChange>> = BTreeMap::new();
                        for (p, from, situation) in store.report_stage_changes(&ids, period.to)? {
                            if let Ok(situation) = situation.parse::<HousingSituation>() {
                                changes
                                    .entry(p)
                                    .or_default()
                                    .push(StageChange { from, situation });
                            }
                        }
                        Subgroup {
                            name: "supported_housing".into(),
                            members: changes
                                .into_iter()
                                .filter(|(_, c)| {
                                    lived_in_during(c, HousingSituation::SupportedHousing, &period)
                                })
                                .map(|(p, _)| p)
                                .collect(),
                        }
                    }
                    SubgroupSpec::Programme(other) => {
                        let rows: Vec<Enrolment> = store
                            .report_enrolments_of(other, &ids)?
                            .into_iter()
                            .map(enrolment)
                            .collect();
                        Subgroup {
                            name: format!("programme:{other}"),
                            members: enrolled_during(&rows, &period),
                        }
                    }
                });
            }
            lap("subgroups");
            let computed = programme_report(&input, &period, &groups);
            lap("computed");
            let mut named = BTreeSet::new();
            let figures = figures_out(computed.figures, drilldown, &user, &people, &mut named);
            let subgroups = computed
                .subgroups
                .into_iter()
                .map(|g| ReportSubgroup {
                    name: g.name,
                    figures: figures_out(g.figures, drilldown, &user, &people, &mut named),
                })
                .collect();
            audit_named(store, &user, &named)?;
            Ok(ProgrammeOutcomeReport {
                programme_id,
                unit_ids: units,
                period: ReportPeriod {
                    from: period.from,
                    to: period.to,
                },
                figures,
                subgroups,
                notes: Vec::new(),
            })
        })
        .await?;
    if csv {
        let mut rows: Vec<(&str, &ReportFigure)> =
            report.figures.iter().map(|f| ("all", f)).collect();
        for g in &report.subgroups {
            rows.extend(g.figures.iter().map(|f| (g.name.as_str(), f)));
        }
        return Ok(csv_response(&rows, "programme-outcome"));
    }
    Ok(HttpResponse::Ok().json(report))
}

/// The national homelessness count for one ISO week: per situation (1–4) the number of
/// participants, by gender and age band. See `HomelessnessCountReport` for the definitions.
#[utoipa::path(
    tag = "reports",
    params(HomelessnessQuery),
    responses(
        (status = 200, description = "The count (JSON, or CSV with format=csv / Accept: text/csv)",
            content((HomelessnessCountReport = "application/json"), (String = "text/csv"))),
        (status = 403, description = "Not a manager or caseworker of the units, or drill-down without being a manager"),
        (status = 422, description = "Invalid week or format"),
    ),
    security(("bearer" = []))
)]
#[get("/homelessness-count")]
async fn homelessness_count_report(
    state: web::Data<AppState>,
    user: CurrentUser,
    req: HttpRequest,
    ApiQuery(query): ApiQuery<HomelessnessQuery>,
) -> ApiResult<HttpResponse> {
    let csv = wants_csv(&req, query.format.as_deref())?;
    let week = iso_week(&query.week).map_err(|e| ApiError::field("week", e))?;
    let (drilldown, units) = report_units(&user, query.unit_id, query.drilldown)?;
    let week_name = query.week.trim().to_uppercase();
    let report = state
        .db
        .report_tx(move |store| {
            let lap = laps("homelessness count");
            let rows = store.report_unit_people(&units, week.from)?;
            lap("people");
            // Everyone in the units is counted: a hash map, and names only for a drill-down.
            let mut changes: HashMap<String, Vec<StageChange>> = HashMap::with_capacity(rows.len());
            let ids: Vec<String> = rows.iter().map(|p| p.id.clone()).collect();
            for (p, from, situation) in store.report_stage_changes(&ids, week.to)? {
                if let Ok(situation) = situation.parse::<HousingSituation>() {
                    changes.entry(p).or_default().push(StageChange { from, situation });
                }
            }
            lap("stage changes");
            let counted: Vec<CountPerson> = rows
                .iter()
                .map(|p| CountPerson {
                    id: p.id.clone(),
                    gender: gender(&p.gender),
                    date_of_birth: p.date_of_birth,
                    registered: p.housing_situation.parse().unwrap_or(HousingSituation::Unknown),
                    changes: changes.remove(&p.id).unwrap_or_default(),
                })
                .collect();
            let people: BTreeMap<String, ReportPerson> = if drilldown {
                rows.into_iter().map(|p| (p.id.clone(), p)).collect()
            } else {
                BTreeMap::new()
            };
            let mut named = BTreeSet::new();
            let figures = figures_out(
                homelessness_count(&counted, &week),
                drilldown,
                &user,
                &people,
                &mut named,
            );
            audit_named(store, &user, &named)?;
            Ok(HomelessnessCountReport {
                week: week_name,
                unit_ids: units,
                period: ReportPeriod {
                    from: week.from,
                    to: week.to,
                },
                figures,
                notes: vec![
                    "Situation 2 counts every stay in an institution or supported housing: the planned leaving date the survey asks about is not recorded.".into(),
                ],
            })
        })
        .await?;
    if csv {
        let rows: Vec<(&str, &ReportFigure)> = report.figures.iter().map(|f| ("all", f)).collect();
        return Ok(csv_response(&rows, "homelessness-count"));
    }
    Ok(HttpResponse::Ok().json(report))
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct HousingReportQuery {
    /// Only this unit (default: all your units).
    unit_id: Option<uuid::Uuid>,
    /// `2012-T3`, `2012`, `2012-05` or `2012-01-01..2012-04-30` (both days included).
    #[param(example = "2012")]
    period: String,
    /// Include the people behind each figure (managers only).
    drilldown: Option<bool>,
    /// `json` (default) or `csv`.
    #[param(pattern = "^(json|csv)$")]
    format: Option<String>,
}

/// The housing report (seed 003).
///
/// Definitions (`domain::report::housing`): *queue* = entries joined by the period's last day and
/// neither moved in nor removed by then (ready / not_ready by the entry's current flag; waits in
/// days to the period's last day, longest and median); *notified*, *removed_reason*: in the period;
/// *moved_in* by apartment kind: tenancies starting in the period; *living_in* by kind: a tenancy
/// on some day of the period (ask for a year for "per year"); *leases/taken_over*: in the period;
/// *queue_to_move_in*: days from joining to moving in, for move-ins in the period;
/// *homeless_before_first_step*: days homeless (recorded changes) before a first tenancy that
/// started in the period; *follow_up_six_months* / *follow_up_takeover*: follow-ups done in the
/// period compared with the same tenancy's before-move-in follow-up.
#[derive(Debug, Serialize, ToSchema)]
pub struct HousingReport {
    pub unit_ids: Vec<String>,
    pub period: ReportPeriod,
    /// When the longest-waiting person in the queue at the period's end joined it.
    pub longest_waiting_since: Option<NaiveDate>,
    pub figures: Vec<ReportFigure>,
}

/// The housing report for a period: the queue, moves, people living in training and trial
/// apartments, leases taken over, waiting times, time homeless before the first step and the
/// follow-up changes. See `HousingReport` for the definitions.
#[utoipa::path(
    tag = "reports",
    params(HousingReportQuery),
    responses(
        (status = 200, description = "The report (JSON, or CSV with format=csv / Accept: text/csv)",
            content((HousingReport = "application/json"), (String = "text/csv"))),
        (status = 403, description = "Not a manager or caseworker of the units, or drill-down without being a manager"),
        (status = 422, description = "Invalid period or format"),
    ),
    security(("bearer" = []))
)]
#[get("/housing")]
async fn housing_report(
    state: web::Data<AppState>,
    user: CurrentUser,
    req: HttpRequest,
    ApiQuery(query): ApiQuery<HousingReportQuery>,
) -> ApiResult<HttpResponse> {
    use domain::report::housing::{FollowUpRow, HousingInput, QueueRow, TenancyRow};
    let csv = wants_csv(&req, query.format.as_deref())?;
    let period = parse_period(&query.period)?;
    let (drilldown, units) = report_units(&user, query.unit_id, query.drilldown)?;
    let report = state
        .db
        .report_tx(move |store| {
            let queue = store.report_queue(&units, period.to)?;
            let tenancies = store.report_tenancies(&units, period.to)?;
            let tenancy_ids: Vec<String> = tenancies.iter().map(|t| t.0.clone()).collect();
            let follow_ups = store.report_follow_ups(&tenancy_ids)?;
            let ids: Vec<String> = queue
                .iter()
                .map(|q| q.0.clone())
                .chain(tenancies.iter().map(|t| t.1.clone()))
                .collect::<BTreeSet<_>>()
                .into_iter()
                .collect();
            let mut changes: BTreeMap<String, Vec<StageChange>> = BTreeMap::new();
            for (p, from, situation) in store.report_stage_changes(&ids, period.to)? {
                if let Ok(situation) = situation.parse::<HousingSituation>() {
                    changes
                        .entry(p)
                        .or_default()
                        .push(StageChange { from, situation });
                }
            }
            let input = HousingInput {
                queue: queue
                    .into_iter()
                    .map(|q| QueueRow {
                        participant_id: q.0,
                        joined_on: q.1,
                        ready: q.2,
                        notified_on: q.3,
                        moved_in_on: q.4,
                        removed_on: q.5,
                        removal_reason: q.6,
                    })
                    .collect(),
                tenancies: tenancies
                    .into_iter()
                    .map(|t| TenancyRow {
                        id: t.0,
                        participant_id: t.1,
                        apartment_kind: t.2,
                        move_in_on: t.3,
                        moved_out_on: t.4,
                        taken_over_on: t.5,
                    })
                    .collect(),
                changes,
                follow_ups: follow_ups
                    .into_iter()
                    .filter_map(|f| {
                        Some(FollowUpRow {
                            tenancy_id: f.0,
                            participant_id: f.1,
                            kind: f.2.parse().ok()?,
                            done_on: f.3,
                            income_source: f.4,
                            debts: f.5,
                            occupation: f.6,
                        })
                    })
                    .collect(),
            };
            let computed = domain::report::housing::housing_report(&input, &period);
            let people: BTreeMap<String, ReportPerson> = store
                .report_people(&ids)?
                .into_iter()
                .map(|p| (p.id.clone(), p))
                .collect();
            let mut named = BTreeSet::new();
            let figures = figures_out(computed.figures, drilldown, &user, &people, &mut named);
            audit_named(store, &user, &named)?;
            Ok(HousingReport {
                unit_ids: units,
                period: ReportPeriod {
                    from: period.from,
                    to: period.to,
                },
                longest_waiting_since: computed.longest_waiting_since,
                figures,
            })
        })
        .await?;
    if csv {
        let rows: Vec<(&str, &ReportFigure)> = report.figures.iter().map(|f| ("all", f)).collect();
        return Ok(csv_response(&rows, "housing"));
    }
    Ok(HttpResponse::Ok().json(report))
}

/// A decimal with a comma, as Swedish Excel reads it.
fn decimal(v: Option<f64>) -> String {
    v.map(|x| format!("{x:.1}").replace('.', ","))
        .unwrap_or_default()
}

fn csv_field(s: &str) -> String {
    if s.contains([';', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_owned()
    }
}

/// UTF-8 with BOM, `;`, CRLF, decimal comma; one line per figure.
fn csv_response(rows: &[(&str, &ReportFigure)], name: &str) -> HttpResponse {
    let mut out =
        String::from("\u{feff}group;section;figure;count;of;percent;value;participants\r\n");
    for (group, f) in rows {
        let people = f
            .participants
            .as_ref()
            .map(|list| {
                list.iter()
                    .map(|p| match &p.id {
                        Some(id) => format!("{} ({id})", p.name),
                        None => p.name.clone(),
                    })
                    .collect::<Vec<_>>()
                    .join(", ")
            })
            .unwrap_or_default();
        let line = [
            csv_field(group),
            csv_field(&f.section),
            csv_field(&f.figure),
            f.count.to_string(),
            f.of.map(|o| o.to_string()).unwrap_or_default(),
            decimal(f.percent),
            decimal(f.value),
            csv_field(&people),
        ]
        .join(";");
        out.push_str(&line);
        out.push_str("\r\n");
    }
    HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"{name}.csv\""),
        ))
        .body(out)
}
