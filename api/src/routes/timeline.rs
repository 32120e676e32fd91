//! `GET /participants/{id}/timeline`: a participant's history in date order across referrals,
//! enrolments, contacts, relapses, consents, ASI interviews, activities and employment outcomes — what a caseworker opens first.

use actix_web::{HttpResponse, get, web};
use chrono::NaiveDate;
use serde::Serialize;
use utoipa::ToSchema;
use utoipa_actix_web::service_config::ServiceConfig;

use super::scoped;
use crate::app::AppState;
use crate::audit::Action;
use crate::auth::CurrentUser;
use crate::auth::policy::ParticipantAction;
use crate::error::ApiResult;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(participant_timeline);
}

/// One event in a participant's history.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(example = json!({"date": "2012-01-16", "kind": "referral_received", "resource": "referral",
    "resource_id": "01936f4e-9a00-7b3c-8d2e-0a1b2c3d4e62", "code": "lost_lodging"}))]
pub struct TimelineEvent {
    pub date: NaiveDate,
    /// referral_received, referral_<status>, enrolment_started, enrolment_ended, contact,
    /// relapse, consent_given, consent_withdrawn, asi_interview, activity_started,
    /// activity_completed, activity_ended_early, employment_started.
    pub kind: String,
    /// The resource type; fetch it at `/api/v1/<resource>s/{resource_id}`.
    pub resource: String,
    pub resource_id: String,
    /// A short code describing the event (target group, end status, contact kind, substance …).
    pub code: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Timeline {
    pub participant_id: String,
    /// Oldest first.
    pub items: Vec<TimelineEvent>,
}

fn ev(
    date: NaiveDate,
    kind: impl Into<String>,
    resource: &str,
    id: &str,
    code: Option<&str>,
) -> TimelineEvent {
    TimelineEvent {
        date,
        kind: kind.into(),
        resource: resource.into(),
        resource_id: id.into(),
        code: code.map(str::to_owned),
    }
}

/// A participant's history, oldest first (audited as one read).
#[utoipa::path(tag = "participants", params(("id" = uuid::Uuid, Path, description = "Participant id")),
    responses((status = 200, body = Timeline)), security(("bearer" = [])))]
#[get("/participants/{id}/timeline")]
async fn participant_timeline(
    state: web::Data<AppState>,
    user: CurrentUser,
    id: web::Path<uuid::Uuid>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner().to_string();
    let pid = id.clone();
    let items = scoped::read(&state, user, "timeline", Action::Read, move |ctx| {
        ctx.participant(&id, ParticipantAction::Read)?;
        ctx.audit(None, &id);
        const ALL: i64 = 10_000;
        let mut out = Vec::new();
        let scope = crate::auth::policy::participant_scope(ctx.user, ctx.today)?;
        let filter = crate::store::referrals::ReferralFilter {
            scope,
            participant_id: Some(id.clone()),
            programme_id: None,
            status: None,
            limit: ALL,
            offset: 0,
        };
        for r in ctx.store.list_referrals(&filter)?.0 {
            out.push(ev(
                r.referred_on,
                "referral_received",
                "referral",
                &r.id,
                Some(&r.target_group),
            ));
            if r.status != "received" {
                out.push(ev(
                    r.status_changed_on,
                    format!("referral_{}", r.status),
                    "referral",
                    &r.id,
                    None,
                ));
            }
        }
        for e in ctx.store.enrolments_of(&id)? {
            out.push(ev(
                e.start_date,
                "enrolment_started",
                "enrolment",
                &e.id,
                Some(&e.programme_id),
            ));
            if let Some(end) = e.end_date {
                out.push(ev(
                    end,
                    "enrolment_ended",
                    "enrolment",
                    &e.id,
                    e.end_status.as_deref(),
                ));
            }
        }
        for (c, _) in ctx.store.contacts_of(&id, ALL, 0)?.0 {
            out.push(ev(
                c.occurred_at.date(),
                "contact",
                "contact",
                &c.id,
                Some(&c.kind),
            ));
        }
        for r in ctx.store.relapses_of(&id, ALL, 0)?.0 {
            out.push(ev(
                r.occurred_on,
                "relapse",
                "relapse",
                &r.id,
                Some(&r.substance),
            ));
        }
        for c in ctx.store.consents_of(&id, ALL, 0)?.0 {
            out.push(ev(
                c.given_on,
                "consent_given",
                "consent",
                &c.id,
                Some(&c.party),
            ));
            if let Some(w) = c.withdrawn_on {
                out.push(ev(w, "consent_withdrawn", "consent", &c.id, Some(&c.party)));
            }
        }
        for a in ctx.store.asi_interviews_of(&id, ALL, 0)?.0 {
            out.push(ev(
                a.interviewed_on,
                "asi_interview",
                "asi-interview",
                &a.id,
                Some(&a.kind),
            ));
        }
        for a in ctx.store.activities_of(&id)? {
            if a.status != "planned" {
                out.push(ev(
                    a.start_date,
                    "activity_started",
                    "activity",
                    &a.id,
                    Some(&a.kind),
                ));
            }
            if let Some(end) = a.actual_end {
                out.push(ev(
                    end,
                    format!("activity_{}", a.status),
                    "activity",
                    &a.id,
                    Some(&a.kind),
                ));
            }
            if let Some(o) = ctx.store.outcome_of_activity(&a.id)? {
                out.push(ev(
                    o.start_date,
                    "employment_started",
                    "employment-outcome",
                    &o.id,
                    Some(&o.kind),
                ));
            }
        }
        out.sort_by(|a, b| {
            (a.date, &a.resource_id, &a.kind).cmp(&(b.date, &b.resource_id, &b.kind))
        });
        Ok(out)
    })
    .await?;
    Ok(HttpResponse::Ok().json(Timeline {
        participant_id: pid,
        items,
    }))
}
