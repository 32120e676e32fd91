//! Action plans (handlingsplaner, seed 004): `/api/v1/participants/{id}/action-plans` (the chain of
//! a participant's plans, and a new draft) and `/api/v1/action-plans/{id}` (read, edit, activate,
//! sign, review, print). The rules — statuses, the default period, what activation and a review
//! need, which goals carry over — are `domain::action_plan`; a forbidden step is 409.
//!
//! A review closes the plan for good and creates the next version as a draft: its period starts
//! the day after the review, it keeps the purpose, scope and interventions, and it carries over
//! every goal partly or not achieved, linked to the goal it came from.

mod print;

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, get, post, put, web};
use chrono::{DateTime, NaiveDate, Utc};
use domain::action_plan::{
    self as rules, GoalHorizon, GoalOutcome, OutcomeInput, PlanAction, PlanStatus, ResponsibleKind,
};
use domain::participant::ParticipantStatus;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_actix_web::service_config::ServiceConfig;

use super::scoped::{Ctx, Errors, code, run};
use crate::app::AppState;
use crate::audit::Action;
use crate::auth::CurrentUser;
use crate::auth::policy;
use crate::error::{ApiError, ApiResult};
use crate::extract::{ApiJson, ApiQuery, parse_versioned};
use crate::routes::{etag, expected_version, list_envelope, paging, utc};
use crate::store::action_plans::{
    ActionPlanRow, GoalRow, InterventionRow, ONE_ACTIVE_PLAN, PlanRecord, ReviewRow,
};
use crate::store::participants::ParticipantRow;
use crate::store::time;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list_action_plans)
        .service(create_action_plan)
        .service(
            utoipa_actix_web::scope("/action-plans")
                .service(get_action_plan)
                .service(update_action_plan)
                .service(activate_action_plan)
                .service(sign_action_plan)
                .service(review_action_plan)
                .service(print_action_plan),
        );
}

const TEXT_MAX: usize = 4000;
const MAX_GOALS: usize = 50;
const MAX_INTERVENTIONS: usize = 50;

/// One goal of the plan.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"horizon": "short_term", "text": "Betala hyran i tid varje månad", "in_participants_words": false}))]
pub struct GoalInput {
    /// On update: the id of a goal of this plan to keep (with its link to the goal it was
    /// carried from). Omit for a new goal.
    #[serde(default)]
    pub id: Option<uuid::Uuid>,
    pub horizon: GoalHorizon,
    /// The goal, 1–4000 characters.
    pub text: String,
    /// The goal is written in the participant's own words.
    #[serde(default)]
    pub in_participants_words: bool,
}

/// One intervention: what, who is responsible, how often.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"what": "Hembesök: stöd med städning och post", "responsible_kind": "staff",
    "responsible_staff_id": "01936f4e-9a00-7b3c-8d2e-0a1b2c3d4e70", "frequency": "en gång i veckan"}))]
pub struct InterventionInput {
    pub what: String,
    pub responsible_kind: ResponsibleKind,
    /// Required when `responsible_kind` is `staff`: a staff member of the participant's unit.
    #[serde(default)]
    pub responsible_staff_id: Option<uuid::Uuid>,
    /// Required when `responsible_kind` is `external`, e.g. "Beroendevården", "Frivården", "Convictus".
    #[serde(default)]
    pub external_actor: Option<String>,
    /// How often, e.g. "en gång i veckan".
    #[serde(default)]
    pub frequency: Option<String>,
}

/// A new action plan (a draft).
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({
    "enrolment_id": "01936f4e-9a00-7b3c-8d2e-0a1b2c3d4e61", "period_start": "2012-02-01",
    "purpose": "Behålla bostaden och minska missbruket", "scope": "Hembesök varje vecka, telefonkontakt vid behov",
    "participant_views": "Jag vill klara mig själv och få träffa mina barn",
    "goals": [{"horizon": "short_term", "text": "Betala hyran i tid varje månad"},
              {"horizon": "long_term", "text": "Jag vill ha ett jobb", "in_participants_words": true}],
    "interventions": [{"what": "Samtal om återfallsprevention", "responsible_kind": "external",
        "external_actor": "Beroendevården", "frequency": "varannan vecka"}]}))]
pub struct ActionPlanInput {
    /// The enrolment the plan belongs to (one of the participant's); omit for a plan outside any.
    #[serde(default)]
    pub enrolment_id: Option<uuid::Uuid>,
    /// Defaults to today.
    #[serde(default)]
    pub period_start: Option<NaiveDate>,
    /// Defaults to three months from the start, the last day included (see `domain::action_plan`).
    #[serde(default)]
    pub period_end: Option<NaiveDate>,
    /// The purpose of the contact.
    #[serde(default)]
    pub purpose: Option<String>,
    /// The scope of the contact (how much, how often, where).
    #[serde(default)]
    pub scope: Option<String>,
    /// The participant's own views; required before the plan can be made active.
    #[serde(default)]
    pub participant_views: Option<String>,
    #[serde(default)]
    pub goals: Vec<GoalInput>,
    #[serde(default)]
    pub interventions: Vec<InterventionInput>,
}

/// The whole editable plan plus `version` (draft or active plans only; a reviewed plan is 409).
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({
    "period_start": "2012-02-01", "period_end": "2012-04-30",
    "purpose": "Behålla bostaden och minska missbruket", "scope": "Hembesök varje vecka",
    "participant_views": "Jag vill klara mig själv",
    "goals": [{"id": "01936f4e-9a00-7b3c-8d2e-0a1b2c3d4e80", "horizon": "short_term", "text": "Betala hyran i tid"}],
    "interventions": [], "version": 2}))]
pub struct ActionPlanUpdate {
    pub period_start: NaiveDate,
    pub period_end: NaiveDate,
    #[serde(default)]
    pub purpose: Option<String>,
    #[serde(default)]
    pub scope: Option<String>,
    /// Must stay filled in on an active plan.
    #[serde(default)]
    pub participant_views: Option<String>,
    /// An active plan must keep at least one goal.
    #[serde(default)]
    pub goals: Vec<GoalInput>,
    #[serde(default)]
    pub interventions: Vec<InterventionInput>,
}

/// A state change that needs only the version edited.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"version": 1}))]
pub struct PlanVersion {
    #[serde(default)]
    pub version: Option<i32>,
}

/// The date the participant signed the printed plan.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"signed_on": "2012-02-03", "version": 2}))]
pub struct SignPlan {
    #[serde(default)]
    pub version: Option<i32>,
    /// Not in the future.
    pub signed_on: NaiveDate,
}

/// One goal's outcome in a review.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"goal_id": "01936f4e-9a00-7b3c-8d2e-0a1b2c3d4e80", "outcome": "partly_achieved",
    "reason": "Hyran betaldes sent i mars efter ett återfall"}))]
pub struct GoalOutcomeInput {
    pub goal_id: uuid::Uuid,
    pub outcome: GoalOutcome,
    /// The likely reason; required when partly or not achieved.
    #[serde(default)]
    pub reason: Option<String>,
}

/// The review (uppföljning och revidering) of an active plan with the participant.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"version": 3, "reviewed_on": "2012-04-27",
    "outcomes": [{"goal_id": "01936f4e-9a00-7b3c-8d2e-0a1b2c3d4e80", "outcome": "achieved"},
                 {"goal_id": "01936f4e-9a00-7b3c-8d2e-0a1b2c3d4e81", "outcome": "not_achieved", "reason": "Ingen ledig praktikplats ännu"}],
    "analysis": "Hembesöken har gett stabilitet; hyran betalas. Arbetsmålet kräver kontakt med arbetskonsulent.",
    "participant_view": "Jag är nöjd med hemmet men vill komma igång med praktik"}))]
pub struct ReviewInput {
    #[serde(default)]
    pub version: Option<i32>,
    /// Defaults to today; not in the future, not before the period start. On or before the
    /// period end counts as on time.
    #[serde(default)]
    pub reviewed_on: Option<NaiveDate>,
    /// An outcome for every goal of the plan, each exactly once.
    pub outcomes: Vec<GoalOutcomeInput>,
    /// Analysis of the interventions and results.
    pub analysis: String,
    /// The participant's view of the period.
    pub participant_view: String,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct GoalView {
    pub id: String,
    /// 1-based order within the plan.
    pub position: i32,
    pub horizon: GoalHorizon,
    pub text: String,
    pub in_participants_words: bool,
    /// The goal of the previous plan this one was carried over from.
    pub carried_from_goal_id: Option<String>,
    /// Set by the review.
    pub outcome: Option<GoalOutcome>,
    pub outcome_reason: Option<String>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct InterventionView {
    pub id: String,
    pub position: i32,
    pub what: String,
    pub responsible_kind: ResponsibleKind,
    pub responsible_staff_id: Option<String>,
    pub external_actor: Option<String>,
    pub frequency: Option<String>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ReviewView {
    pub reviewed_on: NaiveDate,
    /// Reviewed on or before the period end.
    pub on_time: bool,
    pub analysis: String,
    pub participant_view: String,
    /// The plan this review started.
    pub next_plan_id: String,
    pub created_by: String,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(example = json!({
    "id": "01936f4e-9a00-7b3c-8d2e-0a1b2c3d4e90", "participant_id": "01936f4e-9a00-7b3c-8d2e-0a1b2c3d4e5f",
    "enrolment_id": "01936f4e-9a00-7b3c-8d2e-0a1b2c3d4e61", "sequence": 1, "previous_plan_id": null,
    "status": "active", "period_start": "2012-02-01", "period_end": "2012-04-30",
    "review_due_on": "2012-04-30", "review_overdue": false,
    "purpose": "Behålla bostaden", "scope": "Hembesök varje vecka", "participant_views": "Jag vill klara mig själv",
    "goals": [{"id": "01936f4e-9a00-7b3c-8d2e-0a1b2c3d4e80", "position": 1, "horizon": "short_term",
        "text": "Betala hyran i tid", "in_participants_words": false, "carried_from_goal_id": null,
        "outcome": null, "outcome_reason": null}],
    "interventions": [{"id": "01936f4e-9a00-7b3c-8d2e-0a1b2c3d4e82", "position": 1, "what": "Hembesök",
        "responsible_kind": "staff", "responsible_staff_id": "01936f4e-9a00-7b3c-8d2e-0a1b2c3d4e70",
        "external_actor": null, "frequency": "en gång i veckan"}],
    "activated_on": "2012-02-01", "signed_on": "2012-02-03", "review": null,
    "created_by": "01936f4e-9a00-7b3c-8d2e-0a1b2c3d4e70",
    "created_at": "2026-11-25T09:30:00Z", "updated_at": "2026-11-25T09:30:00Z", "version": 3}))]
pub struct ActionPlanView {
    pub id: String,
    pub participant_id: String,
    pub enrolment_id: Option<String>,
    /// 1 for the first plan of a chain, +1 for each plan a review starts.
    pub sequence: i32,
    /// The plan whose review started this one.
    pub previous_plan_id: Option<String>,
    pub status: PlanStatus,
    pub period_start: NaiveDate,
    /// Last day of the period (included).
    pub period_end: NaiveDate,
    /// For an active plan: when its review is due (its period end); null otherwise.
    pub review_due_on: Option<NaiveDate>,
    /// Active and past its period end without a review.
    pub review_overdue: bool,
    pub purpose: Option<String>,
    pub scope: Option<String>,
    pub participant_views: Option<String>,
    pub goals: Vec<GoalView>,
    pub interventions: Vec<InterventionView>,
    pub activated_on: Option<NaiveDate>,
    /// The date the participant signed the plan.
    pub signed_on: Option<NaiveDate>,
    /// The review that closed the plan.
    pub review: Option<ReviewView>,
    pub created_by: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i32,
}

list_envelope!(ActionPlanList, ActionPlanView);

/// A review's result: the plan it closed and the next version it started.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ReviewResult {
    pub reviewed: ActionPlanView,
    pub next: ActionPlanView,
}

fn view(rec: PlanRecord, today: NaiveDate) -> ApiResult<ActionPlanView> {
    let p = rec.plan;
    let status: PlanStatus = code(&p.status, "action_plans.status")?;
    let goals = rec
        .goals
        .into_iter()
        .map(|g| {
            Ok(GoalView {
                horizon: code(&g.horizon, "action_plan_goals.horizon")?,
                outcome: g
                    .outcome
                    .as_deref()
                    .map(|o| code(o, "action_plan_goals.outcome"))
                    .transpose()?,
                id: g.id,
                position: g.position,
                text: g.text,
                in_participants_words: g.in_participants_words,
                carried_from_goal_id: g.carried_from_goal_id,
                outcome_reason: g.outcome_reason,
            })
        })
        .collect::<ApiResult<_>>()?;
    let interventions = rec
        .interventions
        .into_iter()
        .map(|i| {
            Ok(InterventionView {
                responsible_kind: code(
                    &i.responsible_kind,
                    "action_plan_interventions.responsible_kind",
                )?,
                id: i.id,
                position: i.position,
                what: i.what,
                responsible_staff_id: i.responsible_staff_id,
                external_actor: i.external_actor,
                frequency: i.frequency,
            })
        })
        .collect::<ApiResult<_>>()?;
    Ok(ActionPlanView {
        review_due_on: rules::review_due_on(status, p.period_end),
        review_overdue: rules::review_overdue(status, p.period_end, today),
        review: rec.review.map(|r| ReviewView {
            on_time: rules::on_time(p.period_end, r.reviewed_on),
            reviewed_on: r.reviewed_on,
            analysis: r.analysis,
            participant_view: r.participant_view,
            next_plan_id: r.next_plan_id,
            created_by: r.created_by,
            created_at: utc(r.created_at),
        }),
        status,
        goals,
        interventions,
        created_at: utc(p.created_at),
        updated_at: utc(p.updated_at),
        id: p.id,
        participant_id: p.participant_id,
        enrolment_id: p.enrolment_id,
        sequence: p.sequence,
        previous_plan_id: p.previous_plan_id,
        period_start: p.period_start,
        period_end: p.period_end,
        purpose: p.purpose,
        scope: p.scope,
        participant_views: p.participant_views,
        activated_on: p.activated_on,
        signed_on: p.signed_on,
        created_by: p.created_by,
        version: p.version,
    })
}

/// Authorises the participant for reading or writing their plans.
fn participant(ctx: &mut Ctx<'_>, id: &str, write: bool) -> ApiResult<ParticipantRow> {
    ctx.participant_by(id, |user, row, assigned| {
        policy::action_plan(user, write, row, assigned)
    })
}

/// Loads a plan with its parts and authorises its participant.
fn load(
    ctx: &mut Ctx<'_>,
    id: &str,
    write: bool,
) -> ApiResult<(PlanRecord, ParticipantRow, PlanStatus)> {
    let plan = ctx
        .store
        .get_action_plan(id)?
        .ok_or_else(|| ApiError::not_found("action plan"))?;
    let p = participant(ctx, &plan.participant_id, write)?;
    let status = code(&plan.status, "action_plans.status")?;
    let rec = ctx
        .store
        .plan_records(vec![plan])?
        .pop()
        .ok_or_else(|| ApiError::Internal("plan without record".into()))?;
    Ok((rec, p, status))
}

/// The step's rule from `domain`; a forbidden step is 409.
fn allowed(status: PlanStatus, action: PlanAction) -> ApiResult<PlanStatus> {
    rules::transition(status, action).map_err(|e| ApiError::conflict(e.to_string()))
}

fn check_version(row: &ActionPlanRow, version: i32) -> ApiResult<()> {
    if row.version == version {
        Ok(())
    } else {
        Err(ApiError::Stale {
            current_version: row.version,
        })
    }
}

/// The editable content of a plan, as sent on create or update.
struct Content {
    period_start: NaiveDate,
    period_end: NaiveDate,
    purpose: Option<String>,
    scope: Option<String>,
    participant_views: Option<String>,
    goals: Vec<GoalInput>,
    interventions: Vec<InterventionInput>,
}

/// Validated content, ready to store.
struct Parts {
    purpose: Option<String>,
    scope: Option<String>,
    participant_views: Option<String>,
    goals: Vec<GoalRow>,
    interventions: Vec<InterventionRow>,
}

/// Checks a plan's content; problems go to `e`. `existing` are the plan's current goals (ids a
/// client may keep).
fn validate(
    ctx: &mut Ctx<'_>,
    e: &mut Errors,
    c: Content,
    participant: &ParticipantRow,
    plan_id: &str,
    existing: &[GoalRow],
) -> ApiResult<Parts> {
    for p in rules::check_period(c.period_start, c.period_end) {
        e.add(p.field, p.message);
    }
    let purpose = e.text("purpose", c.purpose, TEXT_MAX);
    let scope = e.text("scope", c.scope, TEXT_MAX);
    let participant_views = e.text("participant_views", c.participant_views, TEXT_MAX);
    if c.goals.len() > MAX_GOALS {
        e.add("goals", format!("at most {MAX_GOALS} goals"));
    }
    if c.interventions.len() > MAX_INTERVENTIONS {
        e.add(
            "interventions",
            format!("at most {MAX_INTERVENTIONS} interventions"),
        );
    }
    let mut goals = Vec::new();
    let mut kept = std::collections::HashSet::new();
    for (i, g) in c.goals.into_iter().enumerate() {
        let text = e.required(&format!("goals[{i}].text"), g.text, TEXT_MAX);
        let (id, carried_from) = match g.id.map(|u| u.to_string()) {
            None => (time::new_id(), None),
            Some(id) => match existing.iter().find(|x| x.id == id) {
                Some(_) if !kept.insert(id.clone()) => {
                    e.add(format!("goals[{i}].id"), "is given more than once");
                    (time::new_id(), None)
                }
                Some(x) => (id, x.carried_from_goal_id.clone()),
                None => {
                    e.add(format!("goals[{i}].id"), "is not a goal of this plan");
                    (time::new_id(), None)
                }
            },
        };
        goals.push(GoalRow {
            id,
            plan_id: plan_id.to_owned(),
            position: position(i),
            horizon: g.horizon.as_str().into(),
            text,
            in_participants_words: g.in_participants_words,
            carried_from_goal_id: carried_from,
            outcome: None,
            outcome_reason: None,
        });
    }
    let mut interventions = Vec::new();
    for (i, x) in c.interventions.into_iter().enumerate() {
        let what = e.required(&format!("interventions[{i}].what"), x.what, TEXT_MAX);
        let frequency = e.text(&format!("interventions[{i}].frequency"), x.frequency, 200);
        let external = e.text(
            &format!("interventions[{i}].external_actor"),
            x.external_actor,
            200,
        );
        let staff = x.responsible_staff_id.map(|s| s.to_string());
        match x.responsible_kind {
            ResponsibleKind::Staff => {
                if external.is_some() {
                    e.add(
                        format!("interventions[{i}].external_actor"),
                        "only for an external actor",
                    );
                }
                match &staff {
                    None => e.add(
                        format!("interventions[{i}].responsible_staff_id"),
                        "is required when staff are responsible",
                    ),
                    Some(s) => {
                        let in_unit = ctx.store.get_staff(s)?.is_some()
                            && ctx.store.staff_unit_ids(s)?.contains(&participant.unit_id);
                        if !in_unit {
                            e.add(
                                format!("interventions[{i}].responsible_staff_id"),
                                "no such staff member in the participant's unit",
                            );
                        }
                    }
                }
            }
            ResponsibleKind::External => {
                if staff.is_some() {
                    e.add(
                        format!("interventions[{i}].responsible_staff_id"),
                        "only when staff are responsible",
                    );
                }
                if external.is_none() {
                    e.add(
                        format!("interventions[{i}].external_actor"),
                        "is required for an external actor",
                    );
                }
            }
        }
        interventions.push(InterventionRow {
            id: time::new_id(),
            plan_id: plan_id.to_owned(),
            position: position(i),
            what,
            responsible_kind: x.responsible_kind.as_str().into(),
            responsible_staff_id: staff,
            external_actor: external,
            frequency,
        });
    }
    Ok(Parts {
        purpose,
        scope,
        participant_views,
        goals,
        interventions,
    })
}

fn position(index: usize) -> i32 {
    i32::try_from(index + 1).unwrap_or(i32::MAX)
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ActionPlanQuery {
    limit: Option<i64>,
    offset: Option<i64>,
    /// Only the plans of this enrolment.
    enrolment_id: Option<uuid::Uuid>,
}

/// A participant's action plans in order — oldest period first, each chain's versions by
/// `sequence` — with their goals, interventions and reviews (every plan audited as read).
#[utoipa::path(tag = "action-plans", params(("id" = uuid::Uuid, Path, description = "The participant"), ActionPlanQuery),
    responses((status = 200, body = ActionPlanList), (status = 404, body = crate::error::Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
#[get("/participants/{id}/action-plans")]
async fn list_action_plans(
    state: web::Data<AppState>,
    user: CurrentUser,
    id: web::Path<uuid::Uuid>,
    ApiQuery(q): ApiQuery<ActionPlanQuery>,
) -> ApiResult<HttpResponse> {
    let (limit, offset) = paging(q.limit, q.offset)?;
    let pid = id.into_inner().to_string();
    let (items, total) = run(&state, user, "action_plan", Action::List, move |ctx| {
        participant(ctx, &pid, false)?;
        let enrolment = q.enrolment_id.map(|e| e.to_string());
        let plans = ctx.store.action_plans_of(&pid, enrolment.as_deref())?;
        let total = i64::try_from(plans.len()).unwrap_or(i64::MAX);
        let page: Vec<ActionPlanRow> = plans
            .into_iter()
            .skip(usize::try_from(offset).unwrap_or(0))
            .take(usize::try_from(limit).unwrap_or(0))
            .collect();
        let mut items = Vec::new();
        for rec in ctx.store.plan_records(page)? {
            ctx.audit(Some(&rec.plan.id.clone()), &pid);
            items.push(view(rec, ctx.today)?);
        }
        Ok((items, total))
    })
    .await?;
    Ok(HttpResponse::Ok().json(ActionPlanList {
        items,
        total,
        limit,
        offset,
    }))
}

/// Write a new action plan as a draft, with its goals and interventions (422 for invalid fields,
/// 409 if the participant's case is closed).
#[utoipa::path(tag = "action-plans", params(("id" = uuid::Uuid, Path, description = "The participant")),
    request_body = ActionPlanInput,
    responses((status = 201, body = ActionPlanView, headers(("Location" = String), ("ETag" = String))),
        (status = 404, body = crate::error::Problem, content_type = "application/problem+json"),
        (status = 409, body = crate::error::Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
#[post("/participants/{id}/action-plans")]
async fn create_action_plan(
    state: web::Data<AppState>,
    user: CurrentUser,
    id: web::Path<uuid::Uuid>,
    ApiJson(input): ApiJson<ActionPlanInput>,
) -> ApiResult<HttpResponse> {
    let pid = id.into_inner().to_string();
    let v = run(&state, user, "action_plan", Action::Create, move |ctx| {
        let p = participant(ctx, &pid, true)?;
        if p.status == ParticipantStatus::Closed.as_str() {
            return Err(ApiError::conflict(
                "the participant's case is closed; reopen it first",
            ));
        }
        let mut e = Errors::default();
        let enrolment_id = match input.enrolment_id.map(|u| u.to_string()) {
            None => None,
            Some(eid) => match ctx.store.get_enrolment(&eid)? {
                Some(en) if en.participant_id == pid => Some(en.id),
                _ => {
                    e.add("enrolment_id", "no such enrolment of this participant");
                    None
                }
            },
        };
        let start = input.period_start.unwrap_or(ctx.today);
        let end = input
            .period_end
            .unwrap_or_else(|| rules::default_period_end(start));
        let plan_id = time::new_id();
        let content = Content {
            period_start: start,
            period_end: end,
            purpose: input.purpose,
            scope: input.scope,
            participant_views: input.participant_views,
            goals: input.goals,
            interventions: input.interventions,
        };
        let parts = validate(ctx, &mut e, content, &p, &plan_id, &[])?;
        e.finish()?;
        let sequence = ctx.store.action_plan_count(&pid, enrolment_id.as_deref())? + 1;
        let now = time::now();
        let row = ActionPlanRow {
            id: plan_id,
            participant_id: pid.clone(),
            enrolment_id,
            sequence: i32::try_from(sequence).unwrap_or(i32::MAX),
            previous_plan_id: None,
            period_start: start,
            period_end: end,
            purpose: parts.purpose,
            scope: parts.scope,
            participant_views: parts.participant_views,
            status: PlanStatus::Draft.as_str().into(),
            activated_on: None,
            signed_on: None,
            created_by: ctx.user.staff_id.clone(),
            created_at: now,
            updated_at: now,
            version: 1,
        };
        ctx.store.insert_action_plan(&row)?;
        ctx.store
            .replace_plan_parts(&row.id, &parts.goals, &parts.interventions)?;
        ctx.audit(Some(&row.id), &pid);
        view(
            PlanRecord {
                plan: row,
                goals: parts.goals,
                interventions: parts.interventions,
                review: None,
            },
            ctx.today,
        )
    })
    .await?;
    Ok(HttpResponse::Created()
        .insert_header((header::LOCATION, format!("/api/v1/action-plans/{}", v.id)))
        .insert_header(etag(v.version))
        .json(v))
}

/// Read one action plan (audited).
#[utoipa::path(tag = "action-plans", params(("id" = uuid::Uuid, Path)),
    responses((status = 200, body = ActionPlanView), (status = 404, body = crate::error::Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
#[get("/{id}")]
async fn get_action_plan(
    state: web::Data<AppState>,
    user: CurrentUser,
    id: web::Path<uuid::Uuid>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner().to_string();
    let v = run(&state, user, "action_plan", Action::Read, move |ctx| {
        let (rec, p, _) = load(ctx, &id, false)?;
        ctx.audit(Some(&id), &p.id);
        view(rec, ctx.today)
    })
    .await?;
    Ok(HttpResponse::Ok().insert_header(etag(v.version)).json(v))
}

/// Replace a draft or active plan's content, goals and interventions (whole plan plus `version`).
/// Goals sent with their `id` keep it. A reviewed plan is immutable (409); an active plan must
/// keep a goal and the participant's views (422).
#[utoipa::path(tag = "action-plans", params(("id" = uuid::Uuid, Path)), request_body = ActionPlanUpdate,
    responses((status = 200, body = ActionPlanView),
        (status = 409, body = crate::error::Problem, content_type = "application/problem+json"),
        (status = 412, body = crate::error::Problem, content_type = "application/problem+json"),
        (status = 428, body = crate::error::Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
#[put("/{id}")]
async fn update_action_plan(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: CurrentUser,
    id: web::Path<uuid::Uuid>,
    ApiJson(body): ApiJson<serde_json::Value>,
) -> ApiResult<HttpResponse> {
    let (input, v): (ActionPlanUpdate, _) = parse_versioned(body)?;
    let version = expected_version(&req, v)?;
    let id = id.into_inner().to_string();
    let v = run(&state, user, "action_plan", Action::Update, move |ctx| {
        let (rec, p, status) = load(ctx, &id, true)?;
        allowed(status, PlanAction::Edit)?;
        let mut e = Errors::default();
        let content = Content {
            period_start: input.period_start,
            period_end: input.period_end,
            purpose: input.purpose,
            scope: input.scope,
            participant_views: input.participant_views,
            goals: input.goals,
            interventions: input.interventions,
        };
        let parts = validate(ctx, &mut e, content, &p, &id, &rec.goals)?;
        if status == PlanStatus::Active {
            for x in rules::check_activation(parts.goals.len(), parts.participant_views.as_deref())
            {
                e.add(
                    x.field,
                    format!("an active plan must keep this: {}", x.message),
                );
            }
        }
        e.finish()?;
        check_version(&rec.plan, version)?;
        let mut row = rec.plan;
        row.period_start = input.period_start;
        row.period_end = input.period_end;
        row.purpose = parts.purpose;
        row.scope = parts.scope;
        row.participant_views = parts.participant_views;
        row.updated_at = time::now();
        row.version = version + 1;
        ctx.store.update_action_plan(version, &row)?;
        ctx.store
            .replace_plan_parts(&id, &parts.goals, &parts.interventions)?;
        ctx.audit(Some(&id), &p.id);
        view(
            PlanRecord {
                plan: row,
                goals: parts.goals,
                interventions: parts.interventions,
                review: None,
            },
            ctx.today,
        )
    })
    .await?;
    Ok(HttpResponse::Ok().insert_header(etag(v.version)).json(v))
}

/// Make a draft plan active. It needs at least one goal and the participant's own views (422
/// naming `goals` / `participant_views`); only one plan per enrolment may be active (409).
#[utoipa::path(tag = "action-plans", params(("id" = uuid::Uuid, Path)), request_body = PlanVersion,
    responses((status = 200, body = ActionPlanView),
        (status = 409, body = crate::error::Problem, content_type = "application/problem+json"),
        (status = 412, body = crate::error::Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
#[post("/{id}/activate")]
async fn activate_action_plan(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: CurrentUser,
    id: web::Path<uuid::Uuid>,
    ApiJson(body): ApiJson<PlanVersion>,
) -> ApiResult<HttpResponse> {
    let version = expected_version(&req, body.version)?;
    let id = id.into_inner().to_string();
    let v = run(&state, user, "action_plan", Action::Update, move |ctx| {
        let (rec, p, status) = load(ctx, &id, true)?;
        let next = allowed(status, PlanAction::Activate)?;
        let mut e = Errors::default();
        let views = rec.plan.participant_views.as_deref();
        for x in rules::check_activation(rec.goals.len(), views) {
            e.add(x.field, x.message);
        }
        e.finish()?;
        let other = ctx
            .store
            .active_action_plan(&p.id, rec.plan.enrolment_id.as_deref())?;
        if other.is_some_and(|o| o.id != id) {
            return Err(ApiError::conflict(ONE_ACTIVE_PLAN));
        }
        check_version(&rec.plan, version)?;
        let mut plan = rec.plan;
        plan.status = next.as_str().into();
        plan.activated_on = Some(ctx.today);
        plan.updated_at = time::now();
        plan.version = version + 1;
        ctx.store.update_action_plan(version, &plan)?;
        ctx.audit(Some(&id), &p.id);
        view(PlanRecord { plan, ..rec }, ctx.today)
    })
    .await?;
    Ok(HttpResponse::Ok().insert_header(etag(v.version)).json(v))
}

/// Record the date the participant signed the (printed) plan; draft or active plans only.
#[utoipa::path(tag = "action-plans", params(("id" = uuid::Uuid, Path)), request_body = SignPlan,
    responses((status = 200, body = ActionPlanView),
        (status = 409, body = crate::error::Problem, content_type = "application/problem+json"),
        (status = 412, body = crate::error::Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
#[post("/{id}/sign")]
async fn sign_action_plan(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: CurrentUser,
    id: web::Path<uuid::Uuid>,
    ApiJson(body): ApiJson<SignPlan>,
) -> ApiResult<HttpResponse> {
    let version = expected_version(&req, body.version)?;
    let id = id.into_inner().to_string();
    let v = run(&state, user, "action_plan", Action::Update, move |ctx| {
        let (rec, p, status) = load(ctx, &id, true)?;
        allowed(status, PlanAction::Sign)?;
        let mut e = Errors::default();
        e.not_future("signed_on", Some(body.signed_on), ctx.today);
        e.finish()?;
        check_version(&rec.plan, version)?;
        let mut plan = rec.plan;
        plan.signed_on = Some(body.signed_on);
        plan.updated_at = time::now();
        plan.version = version + 1;
        ctx.store.update_action_plan(version, &plan)?;
        ctx.audit(Some(&id), &p.id);
        view(PlanRecord { plan, ..rec }, ctx.today)
    })
    .await?;
    Ok(HttpResponse::Ok().insert_header(etag(v.version)).json(v))
}

/// Review an active plan with the participant: an outcome for every goal (with the likely
/// reason when partly or not achieved), an analysis of interventions and results, and the
/// participant's view. The plan becomes `reviewed` (immutable) and the next version is created
/// as a draft carrying over the open goals; both are returned. A review is on time when
/// `reviewed_on` is on or before the plan's period end. Not active → 409.
#[utoipa::path(tag = "action-plans", params(("id" = uuid::Uuid, Path)), request_body = ReviewInput,
    responses((status = 201, body = ReviewResult, headers(("Location" = String, description = "The next plan"))),
        (status = 409, body = crate::error::Problem, content_type = "application/problem+json"),
        (status = 412, body = crate::error::Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
#[post("/{id}/review")]
async fn review_action_plan(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: CurrentUser,
    id: web::Path<uuid::Uuid>,
    ApiJson(body): ApiJson<ReviewInput>,
) -> ApiResult<HttpResponse> {
    let version = expected_version(&req, body.version)?;
    let id = id.into_inner().to_string();
    let result = run(&state, user, "action_plan", Action::Close, move |ctx| {
        let (rec, p, status) = load(ctx, &id, true)?;
        let closed = allowed(status, PlanAction::Review)?;
        let mut e = Errors::default();
        let reviewed_on = body.reviewed_on.unwrap_or(ctx.today);
        e.not_future("reviewed_on", Some(reviewed_on), ctx.today);
        if reviewed_on < rec.plan.period_start {
            e.add("reviewed_on", "must not be before the plan's period start");
        }
        let analysis = e.required("analysis", body.analysis, TEXT_MAX);
        let participant_view = e.required("participant_view", body.participant_view, TEXT_MAX);
        let ids: Vec<String> = body
            .outcomes
            .iter()
            .map(|o| o.goal_id.to_string())
            .collect();
        let mut reasons = Vec::new();
        for (i, o) in body.outcomes.iter().enumerate() {
            reasons.push(e.text(&format!("outcomes[{i}].reason"), o.reason.clone(), TEXT_MAX));
        }
        let inputs: Vec<OutcomeInput<'_>> = body
            .outcomes
            .iter()
            .zip(&ids)
            .zip(&reasons)
            .map(|((o, id), reason)| OutcomeInput {
                goal_id: id,
                outcome: o.outcome,
                reason: reason.as_deref(),
            })
            .collect();
        let goal_ids: Vec<&str> = rec.goals.iter().map(|g| g.id.as_str()).collect();
        for x in rules::check_review(&goal_ids, &inputs) {
            e.add(x.field, x.message);
        }
        e.finish()?;
        check_version(&rec.plan, version)?;

        // The next version: period from the day after the review, open goals carried over.
        let outcome_of = |goal: &GoalRow| inputs.iter().find(|o| o.goal_id == goal.id);
        let judged: Vec<(&GoalRow, GoalOutcome)> = rec
            .goals
            .iter()
            .filter_map(|g| outcome_of(g).map(|o| (g, o.outcome)))
            .collect();
        let now = time::now();
        let next_start = rules::next_period_start(reviewed_on);
        let next = ActionPlanRow {
            id: time::new_id(),
            participant_id: p.id.clone(),
            enrolment_id: rec.plan.enrolment_id.clone(),
            sequence: rec.plan.sequence + 1,
            previous_plan_id: Some(id.clone()),
            period_start: next_start,
            period_end: rules::default_period_end(next_start),
            purpose: rec.plan.purpose.clone(),
            scope: rec.plan.scope.clone(),
            participant_views: None,
            status: PlanStatus::Draft.as_str().into(),
            activated_on: None,
            signed_on: None,
            created_by: ctx.user.staff_id.clone(),
            created_at: now,
            updated_at: now,
            version: 1,
        };
        let next_goals: Vec<GoalRow> = rules::carried_over(&judged)
            .into_iter()
            .enumerate()
            .map(|(i, g)| GoalRow {
                id: time::new_id(),
                plan_id: next.id.clone(),
                position: position(i),
                horizon: g.horizon.clone(),
                text: g.text.clone(),
                in_participants_words: g.in_participants_words,
                carried_from_goal_id: Some(g.id.clone()),
                outcome: None,
                outcome_reason: None,
            })
            .collect();
        let next_interventions: Vec<InterventionRow> = rec
            .interventions
            .iter()
            .map(|x| InterventionRow {
                id: time::new_id(),
                plan_id: next.id.clone(),
                ..x.clone()
            })
            .collect();
        ctx.store.insert_action_plan(&next)?;
        ctx.store
            .replace_plan_parts(&next.id, &next_goals, &next_interventions)?;

        let mut goals = rec.goals.clone();
        for g in &mut goals {
            if let Some(o) = outcome_of(g) {
                g.outcome = Some(o.outcome.as_str().into());
                g.outcome_reason = o.reason.map(str::to_owned);
                ctx.store
                    .set_goal_outcome(&g.id, o.outcome.as_str(), o.reason)?;
            }
        }
        let mut plan = rec.plan;
        plan.status = closed.as_str().into();
        plan.updated_at = now;
        plan.version = version + 1;
        ctx.store.update_action_plan(version, &plan)?;
        let review = ReviewRow {
            plan_id: id.clone(),
            reviewed_on,
            analysis,
            participant_view,
            next_plan_id: next.id.clone(),
            created_by: ctx.user.staff_id.clone(),
            created_at: now,
        };
        ctx.store.insert_plan_review(&review)?;
        ctx.audit(Some(&id), &p.id);
        ctx.audit_as(Action::Create, "action_plan", Some(&next.id), &p.id);
        let reviewed = view(
            PlanRecord {
                plan,
                goals,
                interventions: rec.interventions,
                review: Some(review),
            },
            ctx.today,
        )?;
        let next = view(
            PlanRecord {
                plan: next,
                goals: next_goals,
                interventions: next_interventions,
                review: None,
            },
            ctx.today,
        )?;
        Ok(ReviewResult { reviewed, next })
    })
    .await?;
    Ok(HttpResponse::Created()
        .insert_header((
            header::LOCATION,
            format!("/api/v1/action-plans/{}", result.next.id),
        ))
        .json(result))
}

/// A print view of the plan in Swedish (self-contained HTML, no scripts) for the participant to
/// read and sign. Audited as a read.
#[utoipa::path(tag = "action-plans", params(("id" = uuid::Uuid, Path)),
    responses((status = 200, description = "The plan as a printable HTML page", content_type = "text/html", body = String),
        (status = 404, body = crate::error::Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
#[get("/{id}/print")]
async fn print_action_plan(
    state: web::Data<AppState>,
    user: CurrentUser,
    id: web::Path<uuid::Uuid>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner().to_string();
    let html = run(&state, user, "action_plan", Action::Read, move |ctx| {
        let (rec, p, _) = load(ctx, &id, false)?;
        let mut staff_names = Vec::new();
        for s in rec
            .interventions
            .iter()
            .filter_map(|i| i.responsible_staff_id.clone())
        {
            if let Some(row) = ctx.store.get_staff(&s)? {
                staff_names.push((s, row.display_name));
            }
        }
        ctx.audit(Some(&id), &p.id);
        print::render(&rec, &p, &staff_names)
    })
    .await?;
    Ok(HttpResponse::Ok()
        .content_type("text/html; charset=utf-8")
        .body(html))
}
