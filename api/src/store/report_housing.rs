//! The rows of the housing support and housing search reports, loaded set-based for the
//! participants of the selected units: assignments, home visits counted per person in SQL (never
//! one row per contact), action plans with their reviews and goal outcomes, risk events, search
//! cases and temporary stays.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Date, Text, Timestamp};

use super::housing::HOUSING_SUPPORT;
use super::schema::{
    action_plan_goals, action_plan_reviews, action_plans, caseload_limits, housing_search_cases,
    participant_assignments, participants, risk_events, staff, temporary_stays,
};
use super::{Dialect, backend_impl};
use crate::error::{ApiError, ApiResult};

/// One row of the home-visit count.
#[derive(QueryableByName)]
struct MonthVisitRow {
    #[diesel(sql_type = Text)]
    participant_id: String,
    /// `YYYY-MM`.
    #[diesel(sql_type = Text)]
    month: String,
    #[diesel(sql_type = BigInt)]
    visits: i64,
}

/// (participant, staff, start, end).
pub type AssignmentFact = (String, String, NaiveDate, Option<NaiveDate>);
/// (staff, display name, min, max): limits `None` when the defaults apply.
pub type WorkerFact = (String, String, Option<i32>, Option<i32>);
/// (plan, participant, status, period start, period end, reviewed on).
pub type PlanFact = (
    String,
    String,
    String,
    NaiveDate,
    NaiveDate,
    Option<NaiveDate>,
);
/// (participant, kind, occurred on, resolved on).
pub type RiskFact = (String, String, NaiveDate, Option<NaiveDate>);
/// (participant, referring unit, target group, opened on, outcome, outcome on).
pub type SearchCaseFact = (
    String,
    String,
    String,
    NaiveDate,
    Option<String>,
    Option<NaiveDate>,
);
/// (participant, from, to, cost per night).
pub type StayFact = (String, NaiveDate, Option<NaiveDate>, i32);

/// The first instant after `day`, for comparing timestamps with an inclusive last day.
fn after(day: NaiveDate) -> NaiveDateTime {
    day.succ_opt()
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .unwrap_or(NaiveDateTime::MAX)
}

fn start_of(day: NaiveDate) -> NaiveDateTime {
    day.and_hms_opt(0, 0, 0).unwrap_or(NaiveDateTime::MIN)
}

pub trait HousingReportStore {
    /// Housing-support assignments of the units' participants running on some day of `from`–`to`.
    fn report_support_assignments(
        &mut self,
        unit_ids: &[String],
        from: NaiveDate,
        to: NaiveDate,
    ) -> ApiResult<Vec<AssignmentFact>>;
    /// These staff members with their caseload limits.
    fn report_workers(&mut self, staff_ids: &[String]) -> ApiResult<Vec<WorkerFact>>;
    /// Attended home visits from `from` to `to` of the units' participants who had housing
    /// support in the period (the only ones the report counts), per person and calendar month:
    /// (participant, first day of the month, visits).
    fn report_home_visits(
        &mut self,
        unit_ids: &[String],
        from: NaiveDate,
        to: NaiveDate,
    ) -> ApiResult<Vec<(String, NaiveDate, i64)>>;
    /// Action plans (not drafts) of the units' participants that start, end or were reviewed in
    /// `from`–`to`.
    fn report_plans(
        &mut self,
        unit_ids: &[String],
        from: NaiveDate,
        to: NaiveDate,
    ) -> ApiResult<Vec<PlanFact>>;
    /// (plan, outcome) of the goals judged in reviews done from `from` to `to` in the units.
    fn report_goal_outcomes(
        &mut self,
        unit_ids: &[String],
        from: NaiveDate,
        to: NaiveDate,
    ) -> ApiResult<Vec<(String, String)>>;
    /// Risk events of the units' participants dated from `from` to `to`.
    fn report_risk_events(
        &mut self,
        unit_ids: &[String],
        from: NaiveDate,
        to: NaiveDate,
    ) -> ApiResult<Vec<RiskFact>>;
    /// Housing-search cases of the units' participants active on some day of `from`–`to`.
    fn report_search_cases(
        &mut self,
        unit_ids: &[String],
        from: NaiveDate,
        to: NaiveDate,
    ) -> ApiResult<Vec<SearchCaseFact>>;
    /// Temporary stays of the units' participants that may have a night in `from`–`to`.
    fn report_temporary_stays(
        &mut self,
        unit_ids: &[String],
        from: NaiveDate,
        to: NaiveDate,
    ) -> ApiResult<Vec<StayFact>>;
}

backend_impl!(impl HousingReportStore {
    fn report_support_assignments(
        &mut self,
        unit_ids: &[String],
        from: NaiveDate,
        to: NaiveDate,
    ) -> ApiResult<Vec<AssignmentFact>> {
        Ok(participant_assignments::table
            .inner_join(participants::table)
            .filter(participants::unit_id.eq_any(unit_ids))
            .filter(participant_assignments::kind.eq(HOUSING_SUPPORT))
            .filter(participant_assignments::start_date.le(to))
            .filter(
                participant_assignments::end_date
                    .is_null()
                    .or(participant_assignments::end_date.ge(from)),
            )
            .select((
                participant_assignments::participant_id,
                participant_assignments::staff_id,
                participant_assignments::start_date,
                participant_assignments::end_date,
            ))
            .load(self)?)
    }

    fn report_workers(&mut self, staff_ids: &[String]) -> ApiResult<Vec<WorkerFact>> {
        Ok(staff::table
            .left_join(caseload_limits::table.on(caseload_limits::staff_id.eq(staff::id)))
            .filter(staff::id.eq_any(staff_ids))
            .select((
                staff::id,
                staff::display_name,
                caseload_limits::min_caseload.nullable(),
                caseload_limits::max_caseload.nullable(),
            ))
            .order((staff::display_name, staff::id))
            .load(self)?)
    }

    fn report_home_visits(
        &mut self,
        unit_ids: &[String],
        from: NaiveDate,
        to: NaiveDate,
    ) -> ApiResult<Vec<(String, NaiveDate, i64)>> {
        // One grouped statement for the whole period (the month is an expression of each
        // dialect, hence SQL text); it reads the links' covering index, never `contacts`.
        // Driven by the supported people (an index seek each), not by everyone in the units.
        let units: Vec<String> = (0..unit_ids.len()).map(|i| Self::param(i + 5)).collect();
        let sql = format!(
            "SELECT cp.participant_id AS participant_id, {month} AS month, COUNT(*) AS visits \
             FROM contact_participants cp \
             WHERE cp.participant_id IN (SELECT pa.participant_id FROM participant_assignments pa \
               JOIN participants p ON p.id = pa.participant_id \
               WHERE pa.kind = '{HOUSING_SUPPORT}' AND pa.start_date <= {to} \
               AND (pa.end_date IS NULL OR pa.end_date >= {from}) AND p.unit_id IN ({units})) \
             AND cp.kind = 'home_visit' AND cp.attended = TRUE \
             AND cp.occurred_at >= {a} AND cp.occurred_at < {b} \
             GROUP BY cp.participant_id, {month}",
            month = Self::MONTH_OF_OCCURRED_AT,
            a = Self::param(1),
            b = Self::param(2),
            from = Self::param(3),
            to = Self::param(4),
            units = if units.is_empty() { "NULL".to_owned() } else { units.join(", ") },
        );
        let mut q = diesel::sql_query(sql)
            .into_boxed::<<Self as diesel::Connection>::Backend>()
            .bind::<Timestamp, _>(start_of(from))
            .bind::<Timestamp, _>(after(to))
            .bind::<Date, _>(from)
            .bind::<Date, _>(to);
        for unit in unit_ids {
            q = q.bind::<Text, _>(unit.clone());
        }
        let rows: Vec<MonthVisitRow> = q.load(self)?;
        rows.into_iter()
            .map(|r| {
                let month = NaiveDate::parse_from_str(&format!("{}-01", r.month), "%Y-%m-%d")
                    .map_err(|_| ApiError::Internal(format!("month {:?} of a home visit", r.month)))?;
                Ok((r.participant_id, month, r.visits))
            })
            .collect()
    }

    fn report_plans(
        &mut self,
        unit_ids: &[String],
        from: NaiveDate,
        to: NaiveDate,
    ) -> ApiResult<Vec<PlanFact>> {
        Ok(action_plans::table
            .inner_join(participants::table.on(participants::id.eq(action_plans::participant_id)))
            .left_join(action_plan_reviews::table.on(action_plan_reviews::plan_id.eq(action_plans::id)))
            .filter(participants::unit_id.eq_any(unit_ids))
            .filter(action_plans::status.ne("draft"))
            .filter(
                action_plans::period_start
                    .between(from, to)
                    .or(action_plans::period_end.between(from, to))
                    .or(action_plan_reviews::reviewed_on.nullable().between(from, to)),
            )
            .select((
                action_plans::id,
                action_plans::participant_id,
                action_plans::status,
                action_plans::period_start,
                action_plans::period_end,
                action_plan_reviews::reviewed_on.nullable(),
            ))
            .load(self)?)
    }

    fn report_goal_outcomes(
        &mut self,
        unit_ids: &[String],
        from: NaiveDate,
        to: NaiveDate,
    ) -> ApiResult<Vec<(String, String)>> {
        let rows: Vec<(String, Option<String>)> = action_plan_goals::table
            .inner_join(action_plan_reviews::table.on(action_plan_reviews::plan_id.eq(action_plan_goals::plan_id)))
            .inner_join(action_plans::table.on(action_plans::id.eq(action_plan_goals::plan_id)))
            .inner_join(participants::table.on(participants::id.eq(action_plans::participant_id)))
            .filter(participants::unit_id.eq_any(unit_ids))
            .filter(action_plan_reviews::reviewed_on.between(from, to))
            .filter(action_plan_goals::outcome.is_not_null())
            .select((action_plan_goals::plan_id, action_plan_goals::outcome))
            .load(self)?;
        Ok(rows.into_iter().filter_map(|(p, o)| Some((p, o?))).collect())
    }

    fn report_risk_events(
        &mut self,
        unit_ids: &[String],
        from: NaiveDate,
        to: NaiveDate,
    ) -> ApiResult<Vec<RiskFact>> {
        Ok(risk_events::table
            .inner_join(participants::table.on(participants::id.eq(risk_events::participant_id)))
            .filter(participants::unit_id.eq_any(unit_ids))
            .filter(risk_events::occurred_on.between(from, to))
            .select((
                risk_events::participant_id,
                risk_events::kind,
                risk_events::occurred_on,
                risk_events::resolved_on,
            ))
            .load(self)?)
    }

    fn report_search_cases(
        &mut self,
        unit_ids: &[String],
        from: NaiveDate,
        to: NaiveDate,
    ) -> ApiResult<Vec<SearchCaseFact>> {
        Ok(housing_search_cases::table
            .inner_join(participants::table.on(participants::id.eq(housing_search_cases::participant_id)))
            .filter(participants::unit_id.eq_any(unit_ids))
            .filter(housing_search_cases::opened_on.le(to))
            .filter(
                housing_search_cases::outcome_on
                    .is_null()
                    .or(housing_search_cases::outcome_on.ge(from)),
            )
            .select((
                housing_search_cases::participant_id,
                housing_search_cases::referring_unit,
                housing_search_cases::target_group,
                housing_search_cases::opened_on,
                housing_search_cases::outcome,
                housing_search_cases::outcome_on,
            ))
            .order((housing_search_cases::opened_on, housing_search_cases::id))
            .load(self)?)
    }

    fn report_temporary_stays(
        &mut self,
        unit_ids: &[String],
        from: NaiveDate,
        to: NaiveDate,
    ) -> ApiResult<Vec<StayFact>> {
        Ok(temporary_stays::table
            .inner_join(participants::table.on(participants::id.eq(temporary_stays::participant_id)))
            .filter(participants::unit_id.eq_any(unit_ids))
            .filter(temporary_stays::from_date.le(to))
            .filter(temporary_stays::to_date.is_null().or(temporary_stays::to_date.gt(from)))
            .select((
                temporary_stays::participant_id,
                temporary_stays::from_date,
                temporary_stays::to_date,
                temporary_stays::cost_per_night,
            ))
            .load(self)?)
    }
});
