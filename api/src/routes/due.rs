//! `/api/v1/due-items`: everything due or overdue for a staff member (or, for a manager, a unit),
//! each with a link to its record. What the staff start page shows first.

use actix_web::{HttpResponse, get, web};
use chrono::NaiveDate;
use domain::due::{
    DueKind, Urgency, activity_follow_up_due_on, is_listed, no_contact_due_on, sort_key, urgency,
};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_actix_web::service_config::ServiceConfig;

use crate::app::AppState;
use crate::audit::{self, Action, Outcome};
use crate::auth::{CurrentUser, policy};
use crate::error::{ApiError, ApiResult, FieldError};
use crate::extract::ApiQuery;
use crate::routes::{list_envelope, paging};
use crate::store::Store;
use crate::store::due::DatedRecord;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(utoipa_actix_web::scope("/due-items").service(list_due_items));
}

/// Who an item is about.
#[derive(Debug, Serialize, ToSchema)]
pub struct DueParticipantRef {
    pub id: String,
    pub first_name: String,
    pub last_name: String,
}

/// One thing that is due.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({"kind": "plan_review", "urgency": "overdue", "due_on": "2026-05-31", "days_until": -15,
    "participant": {"id": "01936f4e-9a00-7b3c-8d2e-0a1b2c3d4e5f", "first_name": "Testa", "last_name": "Testsson"},
    "record_type": "action_plan", "record_id": "01936f50-0000-7000-8000-000000000001",
    "link": "/api/v1/action-plans/01936f50-0000-7000-8000-000000000001", "detail": null}))]
pub struct DueItem {
    pub kind: DueKind,
    pub urgency: Urgency,
    pub due_on: NaiveDate,
    /// Days from today to the due date; negative when overdue.
    pub days_until: i64,
    pub participant: DueParticipantRef,
    /// action_plan, housing_follow_up, tenancy, referral, participant …
    pub record_type: String,
    pub record_id: String,
    /// The API path of the record.
    pub link: String,
    /// More about the item, e.g. which housing follow-up (before_move_in, six_months, takeover).
    pub detail: Option<String>,
}

list_envelope!(DueItemList, DueItem);

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct DueQuery {
    /// Whose list (default: yours). Managers may ask for a colleague in their units.
    staff_id: Option<uuid::Uuid>,
    /// Only this unit. A manager who names a unit but no staff member gets the whole unit.
    unit_id: Option<uuid::Uuid>,
    /// Only these kinds, comma-separated (e.g. `plan_review,first_meeting`).
    #[param(
        pattern = "^\\s*((plan_review|housing_follow_up|lease_takeover|first_meeting|internship_agreement_ending|activity_follow_up|no_recent_contact)\\s*(,\\s*(plan_review|housing_follow_up|lease_takeover|first_meeting|internship_agreement_ending|activity_follow_up|no_recent_contact)\\s*)*)?$"
    )]
    kind: Option<String>,
    /// Show what is due up to this many days ahead (default 14, at most 366). Overdue items are always shown.
    #[param(minimum = 0, maximum = 366)]
    within_days: Option<u32>,
    /// "No recent contact" after this many days without an attended contact (default 30).
    #[param(minimum = 1, maximum = 366)]
    no_contact_days: Option<u32>,
    #[param(minimum = 1, maximum = 500)]
    limit: Option<i64>,
    #[param(minimum = 0)]
    offset: Option<i64>,
}

fn parse_kinds(raw: Option<&str>) -> ApiResult<Vec<DueKind>> {
    let Some(raw) = raw.filter(|r| !r.trim().is_empty()) else {
        return Ok(DueKind::ALL.to_vec());
    };
    raw.split(',')
        .map(|k| {
            k.trim().parse::<DueKind>().map_err(|_| {
                let known: Vec<&str> = DueKind::ALL.iter().map(DueKind::as_str).collect();
                ApiError::field(
                    "kind",
                    format!("unknown kind '{}'; use {}", k.trim(), known.join(", ")),
                )
            })
        })
        .collect()
}

/// Everything due or overdue: action-plan reviews (period end), housing follow-ups, lease
/// takeovers (18 months), booked first meetings, internship agreements ending, ongoing activities
/// not followed up for 30 days, and participants with no attended contact for `no_contact_days`. Most urgent first (overdue, today, this week, later), then by date.
/// Every participant on the returned page is audited as read.
#[utoipa::path(
    tag = "due",
    params(DueQuery),
    responses((status = 200, description = "Due items", body = DueItemList)),
    security(("bearer" = []))
)]
#[get("")]
async fn list_due_items(
    state: web::Data<AppState>,
    user: CurrentUser,
    ApiQuery(query): ApiQuery<DueQuery>,
) -> ApiResult<HttpResponse> {
    let (limit, offset) = paging(query.limit, query.offset)?;
    let kinds = parse_kinds(query.kind.as_deref())?;
    let within = query.within_days.unwrap_or(14);
    let no_contact_days = query.no_contact_days.unwrap_or(30);
    let mut errors = Vec::new();
    if within > 366 {
        errors.push(FieldError::new("within_days", "must be between 0 and 366"));
    }
    if !(1..=366).contains(&no_contact_days) {
        errors.push(FieldError::new(
            "no_contact_days",
            "must be between 1 and 366",
        ));
    }
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    let today = state.today();
    let scope = policy::participant_scope(&user, today)?;
    let staff_id = query.staff_id.map(|s| s.to_string());
    let unit_id = query.unit_id.map(|u| u.to_string());
    let actor = user.clone();
    let items = state
        .db
        .read(move |store| {
            let staff_units = match &staff_id {
                Some(s) if *s != user.staff_id => store.staff_unit_ids(s)?,
                _ => Vec::new(),
            };
            let (staff_filter, unit_filter) =
                policy::due_list(&user, staff_id.as_deref(), &staff_units, unit_id.as_deref())?;
            let people =
                store.due_participants(&scope, staff_filter.as_deref(), unit_filter.as_deref())?;
            collect(store, &people, &kinds, today, within, no_contact_days)
        })
        .await?;
    let total = i64::try_from(items.len()).unwrap_or(i64::MAX);
    let page: Vec<DueItem> = items
        .into_iter()
        .skip(usize::try_from(offset).unwrap_or(0))
        .take(usize::try_from(limit).unwrap_or(50))
        .collect();
    // Those the response names are read: once each, however many of their items are on the page.
    // (Not everyone counted in `total`: a manager's whole-unit list counts tens of thousands.)
    let mut seen = std::collections::BTreeSet::new();
    let entries: Vec<_> = page
        .iter()
        .filter(|i| seen.insert(i.participant.id.as_str()))
        .map(|i| audit::participant(&actor, Action::List, &i.participant.id, Outcome::Success))
        .collect();
    // Group-committed; durable before the list is sent (see `audit_writer`).
    state.audit.record(entries).await?;
    Ok(HttpResponse::Ok().json(DueItemList {
        items: page,
        total,
        limit,
        offset,
    }))
}

fn collect(
    store: &mut dyn Store,
    people: &[crate::store::due::DueParticipant],
    kinds: &[DueKind],
    today: NaiveDate,
    within: u32,
    no_contact_days: u32,
) -> ApiResult<Vec<DueItem>> {
    let ids: Vec<String> = people.iter().map(|p| p.0.clone()).collect();
    let names: std::collections::HashMap<&str, (&str, &str)> = people
        .iter()
        .map(|(id, f, l, _)| (id.as_str(), (f.as_str(), l.as_str())))
        .collect();
    let mut items = Vec::new();
    let mut push = |kind: DueKind,
                    (record_id, participant_id, what, due_on): DatedRecord,
                    link: String,
                    detail: Option<String>| {
        if !is_listed(due_on, today, within) {
            return;
        }
        let (first, last) = names
            .get(participant_id.as_str())
            .copied()
            .unwrap_or(("", ""));
        items.push(DueItem {
            kind,
            urgency: urgency(due_on, today),
            due_on,
            days_until: (due_on - today).num_days(),
            participant: DueParticipantRef {
                id: participant_id,
                first_name: first.into(),
                last_name: last.into(),
            },
            record_type: what,
            record_id,
            link,
            detail,
        });
    };
    for kind in kinds {
        match kind {
            DueKind::PlanReview => {
                for r in store.due_plan_reviews(&ids)? {
                    let link = format!("/api/v1/action-plans/{}", r.0);
                    push(*kind, r, link, None);
                }
            }
            DueKind::HousingFollowUp => {
                for (id, p, follow_up_kind, due) in store.due_housing_follow_ups(&ids)? {
                    let link = format!("/api/v1/housing-follow-ups/{id}");
                    push(
                        *kind,
                        (id, p, "housing_follow_up".into(), due),
                        link,
                        Some(follow_up_kind),
                    );
                }
            }
            DueKind::LeaseTakeover => {
                for r in store.due_lease_takeovers(&ids)? {
                    let link = format!("/api/v1/tenancies/{}", r.0);
                    push(*kind, r, link, None);
                }
            }
            DueKind::FirstMeeting => {
                for r in store.due_first_meetings(&ids)? {
                    let link = format!("/api/v1/referrals/{}", r.0);
                    push(*kind, r, link, None);
                }
            }
            DueKind::NoRecentContact => {
                let last: std::collections::HashMap<String, NaiveDate> = store
                    .last_attended_contacts(&ids)?
                    .into_iter()
                    .map(|(p, at)| (p, at.date()))
                    .collect();
                for (id, _, _, registered) in people {
                    let due = no_contact_due_on(
                        last.get(id).copied(),
                        registered.date(),
                        no_contact_days,
                    );
                    let link = format!("/api/v1/participants/{id}");
                    push(
                        *kind,
                        (id.clone(), id.clone(), "participant".into(), due),
                        link,
                        None,
                    );
                }
            }
            DueKind::InternshipAgreementEnding => {
                for r in store.due_agreements_ending(&ids)? {
                    let link = format!("/api/v1/internship-agreements/{}", r.0);
                    push(*kind, r, link, None);
                }
            }
            DueKind::ActivityFollowUp => {
                for (id, p, started, last) in store.ongoing_activities(&ids)? {
                    let due = activity_follow_up_due_on(last, started);
                    let link = format!("/api/v1/activities/{id}");
                    push(*kind, (id, p, "activity".into(), due), link, None);
                }
            }
        }
    }
    items.sort_by(|a, b| {
        sort_key(a.kind, a.due_on, today)
            .cmp(&sort_key(b.kind, b.due_on, today))
            .then_with(|| a.record_id.cmp(&b.record_id))
    });
    Ok(items)
}
