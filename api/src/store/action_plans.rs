//! Action plans (handlingsplaner) with their goals, interventions and reviews, and the
//! half-yearly method evaluations per programme.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use super::schema::{
    action_plan_goals, action_plan_interventions, action_plan_reviews, action_plans, enrolments,
    method_evaluations,
};
use super::scope::visible_participant_ids;
use super::versioned::versioned_update;
use super::{Dialect, backend_impl, on_unique_violation};
use crate::error::{ApiError, ApiResult};
use crate::store::participants::ParticipantScope;

/// The 409 message when a second plan would become active for the same enrolment.
pub const ONE_ACTIVE_PLAN: &str =
    "the enrolment already has an active action plan; review it before activating another";

#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = action_plans, treat_none_as_null = true)]
pub struct ActionPlanRow {
    pub id: String,
    pub participant_id: String,
    pub enrolment_id: Option<String>,
    pub sequence: i32,
    pub previous_plan_id: Option<String>,
    pub period_start: NaiveDate,
    pub period_end: NaiveDate,
    pub purpose: Option<String>,
    pub scope: Option<String>,
    pub participant_views: Option<String>,
    pub status: String,
    pub activated_on: Option<NaiveDate>,
    pub signed_on: Option<NaiveDate>,
    pub created_by: String,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub version: i32,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = action_plan_goals)]
pub struct GoalRow {
    pub id: String,
    pub plan_id: String,
    pub position: i32,
    pub horizon: String,
    pub text: String,
    pub in_participants_words: bool,
    pub carried_from_goal_id: Option<String>,
    pub outcome: Option<String>,
    pub outcome_reason: Option<String>,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = action_plan_interventions)]
pub struct InterventionRow {
    pub id: String,
    pub plan_id: String,
    pub position: i32,
    pub what: String,
    pub responsible_kind: String,
    pub responsible_staff_id: Option<String>,
    pub external_actor: Option<String>,
    pub frequency: Option<String>,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = action_plan_reviews)]
pub struct ReviewRow {
    pub plan_id: String,
    pub reviewed_on: NaiveDate,
    pub analysis: String,
    pub participant_view: String,
    pub next_plan_id: String,
    pub created_by: String,
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = method_evaluations, treat_none_as_null = true)]
pub struct MethodEvaluationRow {
    pub id: String,
    pub programme_id: String,
    pub half_year: String,
    /// JSON of `domain::action_plan::MethodFigures`.
    pub figures: String,
    pub computed_on: NaiveDate,
    pub evaluation: Option<String>,
    pub created_by: String,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub version: i32,
}

/// A plan with everything stored about it.
#[derive(Debug, Clone)]
pub struct PlanRecord {
    pub plan: ActionPlanRow,
    pub goals: Vec<GoalRow>,
    pub interventions: Vec<InterventionRow>,
    pub review: Option<ReviewRow>,
}

pub trait ActionPlanStore {
    fn insert_action_plan(&mut self, row: &ActionPlanRow) -> ApiResult<()>;
    fn get_action_plan(&mut self, id: &str) -> ApiResult<Option<ActionPlanRow>>;
    /// A participant's plans (optionally of one enrolment), oldest period first, then by sequence.
    fn action_plans_of(
        &mut self,
        participant_id: &str,
        enrolment_id: Option<&str>,
    ) -> ApiResult<Vec<ActionPlanRow>>;
    /// Versioned update; a second active plan for the enrolment (unique index) is 409.
    fn update_action_plan(&mut self, expected_version: i32, row: &ActionPlanRow) -> ApiResult<()>;
    /// The active plan of the same chain key: the enrolment, or the participant's plans outside
    /// any enrolment.
    fn active_action_plan(
        &mut self,
        participant_id: &str,
        enrolment_id: Option<&str>,
    ) -> ApiResult<Option<ActionPlanRow>>;
    /// How many plans a chain key already has (for the next sequence number).
    fn action_plan_count(
        &mut self,
        participant_id: &str,
        enrolment_id: Option<&str>,
    ) -> ApiResult<i64>;
    /// Replaces the goals and interventions of a plan that is not reviewed.
    fn replace_plan_parts(
        &mut self,
        plan_id: &str,
        goals: &[GoalRow],
        interventions: &[InterventionRow],
    ) -> ApiResult<()>;
    fn set_goal_outcome(
        &mut self,
        goal_id: &str,
        outcome: &str,
        reason: Option<&str>,
    ) -> ApiResult<()>;
    fn insert_plan_review(&mut self, row: &ReviewRow) -> ApiResult<()>;
    /// Goals, interventions and reviews of the given plans, in the plans' order.
    fn plan_records(&mut self, plans: Vec<ActionPlanRow>) -> ApiResult<Vec<PlanRecord>>;
    /// Active plans of the participants in `scope`, earliest review due first (the due list).
    fn active_action_plans(&mut self, scope: &ParticipantScope) -> ApiResult<Vec<ActionPlanRow>>;
    /// All plans of a programme's enrolments with their parts (the method evaluation).
    fn programme_plans(&mut self, programme_id: &str) -> ApiResult<Vec<PlanRecord>>;
}

pub trait MethodEvaluationStore {
    /// 409 when the programme already has an evaluation for the half-year.
    fn insert_method_evaluation(&mut self, row: &MethodEvaluationRow) -> ApiResult<()>;
    fn get_method_evaluation(&mut self, id: &str) -> ApiResult<Option<MethodEvaluationRow>>;
    fn method_evaluations_of(&mut self, programme_id: &str) -> ApiResult<Vec<MethodEvaluationRow>>;
    fn update_method_evaluation(
        &mut self,
        expected_version: i32,
        row: &MethodEvaluationRow,
    ) -> ApiResult<()>;
}

macro_rules! chain {
    ($participant:expr, $enrolment:expr) => {{
        let mut q = action_plans::table
            .filter(action_plans::participant_id.eq($participant.to_owned()))
            .into_boxed();
        q = match $enrolment {
            Some(e) => q.filter(action_plans::enrolment_id.eq(e.to_owned())),
            None => q.filter(action_plans::enrolment_id.is_null()),
        };
        q
    }};
}

backend_impl!(impl ActionPlanStore {
    fn insert_action_plan(&mut self, row: &ActionPlanRow) -> ApiResult<()> {
        diesel::insert_into(action_plans::table)
            .values(row)
            .execute(self)
            .map_err(|e| on_unique_violation(e, || ApiError::conflict(ONE_ACTIVE_PLAN)))?;
        Ok(())
    }

    fn get_action_plan(&mut self, id: &str) -> ApiResult<Option<ActionPlanRow>> {
        Ok(action_plans::table.find(id).select(ActionPlanRow::as_select()).first(self).optional()?)
    }

    fn action_plans_of(
        &mut self,
        participant_id: &str,
        enrolment_id: Option<&str>,
    ) -> ApiResult<Vec<ActionPlanRow>> {
        let mut q = action_plans::table
            .filter(action_plans::participant_id.eq(participant_id))
            .into_boxed();
        if let Some(e) = enrolment_id {
            q = q.filter(action_plans::enrolment_id.eq(e));
        }
        Ok(q
            .select(ActionPlanRow::as_select())
            .order((action_plans::period_start.asc(), action_plans::sequence.asc(), action_plans::id.asc()))
            .load(self)?)
    }

    fn update_action_plan(&mut self, expected_version: i32, row: &ActionPlanRow) -> ApiResult<()> {
        let updated = diesel::update(
            action_plans::table.find(&row.id).filter(action_plans::version.eq(expected_version)),
        )
        .set(row)
        .execute(self)
        .map_err(|e| on_unique_violation(e, || ApiError::conflict(ONE_ACTIVE_PLAN)))?;
        if updated > 0 {
            return Ok(());
        }
        let current: Option<i32> = action_plans::table
            .find(&row.id)
            .select(action_plans::version)
            .first(self)
            .optional()?;
        Err(match current {
            Some(v) => ApiError::Stale { current_version: v },
            None => ApiError::not_found("action plan"),
        })
    }

    fn active_action_plan(
        &mut self,
        participant_id: &str,
        enrolment_id: Option<&str>,
    ) -> ApiResult<Option<ActionPlanRow>> {
        let q = match enrolment_id {
            // One active plan per enrolment, whoever's it is.
            Some(e) => action_plans::table.filter(action_plans::enrolment_id.eq(e.to_owned())).into_boxed(),
            None => chain!(participant_id, None::<&str>),
        };
        Ok(q.filter(action_plans::status.eq("active"))
            .select(ActionPlanRow::as_select())
            .first(self)
            .optional()?)
    }

    fn action_plan_count(&mut self, participant_id: &str, enrolment_id: Option<&str>) -> ApiResult<i64> {
        Ok(chain!(participant_id, enrolment_id).count().get_result(self)?)
    }

    fn replace_plan_parts(
        &mut self,
        plan_id: &str,
        goals: &[GoalRow],
        interventions: &[InterventionRow],
    ) -> ApiResult<()> {
        diesel::delete(action_plan_goals::table.filter(action_plan_goals::plan_id.eq(plan_id))).execute(self)?;
        diesel::delete(
            action_plan_interventions::table.filter(action_plan_interventions::plan_id.eq(plan_id)),
        )
        .execute(self)?;
        for g in goals {
            diesel::insert_into(action_plan_goals::table).values(g).execute(self)?;
        }
        for i in interventions {
            diesel::insert_into(action_plan_interventions::table).values(i).execute(self)?;
        }
        Ok(())
    }

    fn set_goal_outcome(&mut self, goal_id: &str, outcome: &str, reason: Option<&str>) -> ApiResult<()> {
        diesel::update(action_plan_goals::table.find(goal_id))
            .set((action_plan_goals::outcome.eq(outcome), action_plan_goals::outcome_reason.eq(reason)))
            .execute(self)?;
        Ok(())
    }

    fn insert_plan_review(&mut self, row: &ReviewRow) -> ApiResult<()> {
        diesel::insert_into(action_plan_reviews::table)
            .values(row)
            .execute(self)
            .map_err(|e| on_unique_violation(e, || ApiError::conflict("the plan has already been reviewed")))?;
        Ok(())
    }

    fn plan_records(&mut self, plans: Vec<ActionPlanRow>) -> ApiResult<Vec<PlanRecord>> {
        let ids: Vec<String> = plans.iter().map(|p| p.id.clone()).collect();
        let mut goals: Vec<GoalRow> = Vec::new();
        let mut interventions: Vec<InterventionRow> = Vec::new();
        let mut reviews: Vec<ReviewRow> = Vec::new();
        // Chunked to stay under SQLite's bind-parameter limit.
        for chunk in ids.chunks(<Self as Dialect>::ID_CHUNK) {
            goals.extend(
                action_plan_goals::table
                    .filter(action_plan_goals::plan_id.eq_any(chunk))
                    .select(GoalRow::as_select())
                    .order((action_plan_goals::plan_id, action_plan_goals::position))
                    .load(self)?,
            );
            interventions.extend(
                action_plan_interventions::table
                    .filter(action_plan_interventions::plan_id.eq_any(chunk))
                    .select(InterventionRow::as_select())
                    .order((action_plan_interventions::plan_id, action_plan_interventions::position))
                    .load(self)?,
            );
            reviews.extend(
                action_plan_reviews::table
                    .filter(action_plan_reviews::plan_id.eq_any(chunk))
                    .select(ReviewRow::as_select())
                    .load(self)?,
            );
        }
        Ok(plans
            .into_iter()
            .map(|plan| PlanRecord {
                goals: goals.iter().filter(|g| g.plan_id == plan.id).cloned().collect(),
                interventions: interventions.iter().filter(|i| i.plan_id == plan.id).cloned().collect(),
                review: reviews.iter().find(|r| r.plan_id == plan.id).cloned(),
                plan,
            })
            .collect())
    }

    fn active_action_plans(&mut self, scope: &ParticipantScope) -> ApiResult<Vec<ActionPlanRow>> {
        let visible = visible_participant_ids!(scope);
        Ok(action_plans::table
            .filter(action_plans::participant_id.eq_any(visible))
            .filter(action_plans::status.eq("active"))
            .select(ActionPlanRow::as_select())
            .order((action_plans::period_end.asc(), action_plans::id.asc()))
            .load(self)?)
    }

    fn programme_plans(&mut self, programme_id: &str) -> ApiResult<Vec<PlanRecord>> {
        let enrolled = enrolments::table
            .filter(enrolments::programme_id.eq(programme_id.to_owned()))
            .select(enrolments::id.nullable());
        let plans = action_plans::table
            .filter(action_plans::enrolment_id.eq_any(enrolled))
            .select(ActionPlanRow::as_select())
            .order((action_plans::period_start.asc(), action_plans::id.asc()))
            .load(self)?;
        self.plan_records(plans)
    }
});

backend_impl!(impl MethodEvaluationStore {
    fn insert_method_evaluation(&mut self, row: &MethodEvaluationRow) -> ApiResult<()> {
        diesel::insert_into(method_evaluations::table)
            .values(row)
            .execute(self)
            .map_err(|e| {
                on_unique_violation(e, || {
                    ApiError::conflict("the programme already has a method evaluation for this half-year")
                })
            })?;
        Ok(())
    }

    fn get_method_evaluation(&mut self, id: &str) -> ApiResult<Option<MethodEvaluationRow>> {
        Ok(method_evaluations::table
            .find(id)
            .select(MethodEvaluationRow::as_select())
            .first(self)
            .optional()?)
    }

    fn method_evaluations_of(&mut self, programme_id: &str) -> ApiResult<Vec<MethodEvaluationRow>> {
        Ok(method_evaluations::table
            .filter(method_evaluations::programme_id.eq(programme_id))
            .select(MethodEvaluationRow::as_select())
            .order(method_evaluations::half_year.desc())
            .load(self)?)
    }

    fn update_method_evaluation(&mut self, expected_version: i32, row: &MethodEvaluationRow) -> ApiResult<()> {
        versioned_update!(self, method_evaluations, row, expected_version)
    }
});
