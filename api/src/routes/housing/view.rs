//! Housing records as the API returns them.

use chrono::{DateTime, NaiveDate, Utc};
use domain::housing::{
    ApartmentKind, ApartmentStatus, FollowUpKind, LadderStep, MoveOutReason, RiskKind,
};
use domain::participant::{HousingSituation, IncomeSource};
use domain::queue::{QueueStatus, QueueWish, RemovalReason};
use serde::Serialize;
use utoipa::ToSchema;

use super::code;
use crate::error::ApiResult;
use crate::routes::utc;
use crate::store::housing::{
    ApartmentRow, AssignmentRow, FollowUpRow, QueueEntryRow, RiskEventRow, SiteRow, StageChangeRow,
    TenancyRow,
};

/// A supported-housing site (e.g. a building with 20 apartments) that groups apartments.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({"id": "01936f4e-9a00-7b3c-8d2e-0a1b2c3d4e60", "unit_id": "01936f4e-8b1c-7d2a-9c3e-1f2a3b4c5d6e",
    "name": "Stödboendet Fiktiva Gläntan", "address": "Exempelgatan 1", "district": "Södermalm", "description": null,
    "created_at": "2026-11-25T09:30:00Z", "updated_at": "2026-11-25T09:30:00Z", "version": 1}))]
pub struct SiteView {
    pub id: String,
    pub unit_id: String,
    pub name: String,
    pub address: Option<String>,
    pub district: Option<String>,
    pub description: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i32,
}

impl From<SiteRow> for SiteView {
    fn from(r: SiteRow) -> Self {
        Self {
            id: r.id,
            unit_id: r.unit_id,
            name: r.name,
            address: r.address,
            district: r.district,
            description: r.description,
            created_at: utc(r.created_at),
            updated_at: utc(r.updated_at),
            version: r.version,
        }
    }
}

/// One housing unit the service controls.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({"id": "01936f4e-9a00-7b3c-8d2e-0a1b2c3d4e61", "unit_id": "01936f4e-8b1c-7d2a-9c3e-1f2a3b4c5d6e",
    "site_id": "01936f4e-9a00-7b3c-8d2e-0a1b2c3d4e60", "address": "Exempelgatan 1, lgh 1102", "district": "Södermalm",
    "kind": "supported_housing", "landlord": "Fiktiva Bostäder AB", "rooms": 1, "size_sqm": 28.5, "monthly_rent": 4200,
    "lease_holder": "Socialförvaltningen", "status": "occupied", "note": null, "external_id": "LGH-1102",
    "created_at": "2026-11-25T09:30:00Z", "updated_at": "2026-11-25T09:30:00Z", "version": 2}))]
pub struct ApartmentView {
    pub id: String,
    pub unit_id: String,
    pub site_id: Option<String>,
    pub address: String,
    pub district: Option<String>,
    pub kind: ApartmentKind,
    pub landlord: Option<String>,
    pub rooms: Option<i32>,
    /// Living area in square metres.
    pub size_sqm: Option<f64>,
    /// Monthly rent in whole kronor.
    pub monthly_rent: Option<i32>,
    /// Who holds the lease (e.g. the social services, or the tenant after takeover).
    pub lease_holder: Option<String>,
    /// `occupied` and `available` follow move-ins and move-outs.
    pub status: ApartmentStatus,
    pub note: Option<String>,
    /// The apartment's key in the system it was imported from.
    pub external_id: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i32,
}

impl TryFrom<ApartmentRow> for ApartmentView {
    type Error = crate::error::ApiError;
    fn try_from(r: ApartmentRow) -> ApiResult<Self> {
        Ok(Self {
            kind: code(&r.kind, "apartments.kind")?,
            status: code(&r.status, "apartments.status")?,
            id: r.id,
            unit_id: r.unit_id,
            site_id: r.site_id,
            address: r.address,
            district: r.district,
            landlord: r.landlord,
            rooms: r.rooms,
            size_sqm: r.size_sqm,
            monthly_rent: r.monthly_rent,
            lease_holder: r.lease_holder,
            note: r.note,
            external_id: r.external_id,
            created_at: utc(r.created_at),
            updated_at: utc(r.updated_at),
            version: r.version,
        })
    }
}

/// A participant living in an apartment.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({"id": "01936f4e-9a00-7b3c-8d2e-0a1b2c3d4e62", "apartment_id": "01936f4e-9a00-7b3c-8d2e-0a1b2c3d4e61",
    "participant_id": "01936f4e-9a00-7b3c-8d2e-0a1b2c3d4e5f", "move_in_on": "2012-02-01", "planned_takeover_on": "2013-08-01",
    "moved_out_on": null, "move_out_reason": null, "taken_over_on": null, "note": null,
    "created_at": "2026-11-25T09:30:00Z", "updated_at": "2026-11-25T09:30:00Z", "version": 1}))]
pub struct TenancyView {
    pub id: String,
    pub apartment_id: String,
    pub participant_id: String,
    pub move_in_on: NaiveDate,
    /// Planned lease takeover; by default move-in + 18 months.
    pub planned_takeover_on: NaiveDate,
    pub moved_out_on: Option<NaiveDate>,
    pub move_out_reason: Option<MoveOutReason>,
    /// When the participant took over the lease (then also the move-out date of the tenancy).
    pub taken_over_on: Option<NaiveDate>,
    pub note: Option<String>,
    /// The key of this tenancy in another system, if it was imported with one.
    pub external_id: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i32,
}

impl TryFrom<TenancyRow> for TenancyView {
    type Error = crate::error::ApiError;
    fn try_from(r: TenancyRow) -> ApiResult<Self> {
        Ok(Self {
            move_out_reason: r
                .move_out_reason
                .as_deref()
                .map(|c| code(c, "tenancies.move_out_reason"))
                .transpose()?,
            id: r.id,
            apartment_id: r.apartment_id,
            participant_id: r.participant_id,
            move_in_on: r.move_in_on,
            planned_takeover_on: r.planned_takeover_on,
            moved_out_on: r.moved_out_on,
            taken_over_on: r.taken_over_on,
            note: r.note,
            external_id: r.external_id,
            created_at: utc(r.created_at),
            updated_at: utc(r.updated_at),
            version: r.version,
        })
    }
}

/// One line of the occupancy board: an apartment and who lives there now, since when.
#[derive(Debug, Serialize, ToSchema)]
pub struct OccupancyItem {
    pub apartment: ApartmentView,
    /// The running tenancy, if any.
    pub tenancy_id: Option<String>,
    /// Null for a protected identity you may not see.
    pub participant_id: Option<String>,
    /// "First Last", or "skyddad" for a protected identity you may not see.
    #[schema(example = "Testa Testsson")]
    pub resident_name: Option<String>,
    pub since: Option<NaiveDate>,
    pub planned_takeover_on: Option<NaiveDate>,
    /// The resident has an unresolved or recent (90 days) risk event.
    pub risk_flag: bool,
}

/// A recorded housing change: from `from_date` the person's situation is `situation`.
#[derive(Debug, Serialize, ToSchema)]
pub struct StageChangeView {
    pub id: String,
    pub participant_id: String,
    pub situation: HousingSituation,
    /// The ladder step of the situation (null if it is off the ladder).
    pub ladder_step: Option<LadderStep>,
    /// Socialstyrelsen's homelessness situation 1–4 (2 before refinement; null if not homeless).
    pub national_survey_situation: Option<u8>,
    pub from_date: NaiveDate,
    /// `tenancy` (written by a move-in or move-out) or `staff`.
    #[schema(example = "tenancy")]
    pub source: String,
    pub tenancy_id: Option<String>,
    pub note: Option<String>,
    pub recorded_by: Option<String>,
    pub created_at: DateTime<Utc>,
}

impl TryFrom<StageChangeRow> for StageChangeView {
    type Error = crate::error::ApiError;
    fn try_from(r: StageChangeRow) -> ApiResult<Self> {
        let situation: HousingSituation = code(&r.situation, "housing_stage_changes.situation")?;
        Ok(Self {
            ladder_step: domain::housing::ladder_step(situation),
            national_survey_situation: situation.national_survey_situation(),
            situation,
            id: r.id,
            participant_id: r.participant_id,
            from_date: r.from_date,
            source: r.source,
            tenancy_id: r.tenancy_id,
            note: r.note,
            recorded_by: r.recorded_by,
            created_at: utc(r.created_at),
        })
    }
}

/// Days spent on one step of the ladder.
#[derive(Debug, Serialize, ToSchema)]
pub struct StepDays {
    pub step: LadderStep,
    pub days: i64,
}

/// A participant's place on the housing ladder, its history and the time on each step.
#[derive(Debug, Serialize, ToSchema)]
pub struct LadderView {
    pub participant_id: String,
    pub current_situation: HousingSituation,
    pub current_step: Option<LadderStep>,
    /// Socialstyrelsen situation 1–4, with situation 2 refined by the running tenancy's planned
    /// takeover (leaving within three months with no home arranged).
    pub national_survey_situation: Option<u8>,
    pub days_homeless: i64,
    pub days_per_step: Vec<StepDays>,
    /// Oldest first.
    pub changes: Vec<StageChangeView>,
}

/// A participant's place in the queue for a training or trial apartment.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({"id": "01936f4e-9a00-7b3c-8d2e-0a1b2c3d4e63", "participant_id": "01936f4e-9a00-7b3c-8d2e-0a1b2c3d4e5f",
    "unit_id": "01936f4e-8b1c-7d2a-9c3e-1f2a3b4c5d6e", "wish": "trial_apartment", "joined_on": "2008-10-31", "priority": 2,
    "ready": true, "not_ready_reason": null, "status": "waiting", "position": 1, "waiting_days": 1491,
    "notified_on": null, "moved_in_on": null, "removed_on": null, "removal_reason": null, "removal_note": null,
    "tenancy_id": null, "note": null, "risk_flag": false, "housing_course_completed": true,
    "created_at": "2026-11-25T09:30:00Z", "updated_at": "2026-11-25T09:30:00Z", "version": 1}))]
pub struct QueueEntryView {
    pub id: String,
    pub participant_id: String,
    pub unit_id: String,
    pub wish: QueueWish,
    pub joined_on: NaiveDate,
    /// 1 (highest) to 3 (lowest).
    pub priority: i32,
    pub ready: bool,
    pub not_ready_reason: Option<String>,
    pub status: QueueStatus,
    /// Place among the waiting entries of the unit (by priority, join date, id); null unless waiting.
    pub position: Option<i64>,
    /// Days since joining; null once moved in or removed.
    pub waiting_days: Option<i64>,
    pub notified_on: Option<NaiveDate>,
    pub moved_in_on: Option<NaiveDate>,
    pub removed_on: Option<NaiveDate>,
    pub removal_reason: Option<RemovalReason>,
    pub removal_note: Option<String>,
    /// The tenancy created at move-in.
    pub tenancy_id: Option<String>,
    pub note: Option<String>,
    /// The participant has an unresolved or recent (90 days) risk event.
    pub risk_flag: bool,
    /// The participant attended all four housing-course sessions.
    pub housing_course_completed: bool,
    /// The key of this entry in another system, if it was imported with one.
    pub external_id: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i32,
}

impl QueueEntryView {
    pub fn build(
        r: QueueEntryRow,
        position: Option<i64>,
        today: NaiveDate,
        risk_flag: bool,
    ) -> ApiResult<Self> {
        let status: QueueStatus = code(&r.status, "queue_entries.status")?;
        Ok(Self {
            wish: code(&r.wish, "queue_entries.wish")?,
            removal_reason: r
                .removal_reason
                .as_deref()
                .map(|c| code(c, "queue_entries.removal_reason"))
                .transpose()?,
            position: if status == QueueStatus::Waiting {
                position
            } else {
                None
            },
            waiting_days: status
                .is_active()
                .then(|| domain::queue::waiting_days(r.joined_on, today)),
            status,
            id: r.id,
            participant_id: r.participant_id,
            unit_id: r.unit_id,
            joined_on: r.joined_on,
            priority: r.priority,
            ready: r.ready,
            not_ready_reason: r.not_ready_reason,
            notified_on: r.notified_on,
            moved_in_on: r.moved_in_on,
            removed_on: r.removed_on,
            removal_note: r.removal_note,
            tenancy_id: r.tenancy_id,
            note: r.note,
            external_id: r.external_id,
            risk_flag,
            housing_course_completed: false,
            created_at: utc(r.created_at),
            updated_at: utc(r.updated_at),
            version: r.version,
        })
    }
}

/// A housing follow-up: the situation before move-in, after 6 months, at takeover.
#[derive(Debug, Serialize, ToSchema)]
pub struct FollowUpView {
    pub id: String,
    pub tenancy_id: String,
    pub participant_id: String,
    pub kind: FollowUpKind,
    pub due_on: NaiveDate,
    pub done_on: Option<NaiveDate>,
    /// Housing costs per month, kronor.
    pub housing_cost: Option<i32>,
    pub income_source: Option<IncomeSource>,
    /// Debts in kronor.
    pub debts: Option<i32>,
    /// Support the person has (boendestöd, treatment …).
    pub support: Option<String>,
    /// Occupation (work, internship, studies …).
    pub occupation: Option<String>,
    pub note: Option<String>,
    /// Not done and due before today.
    pub overdue: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i32,
}

impl FollowUpView {
    pub fn build(r: FollowUpRow, today: NaiveDate) -> ApiResult<Self> {
        Ok(Self {
            kind: code(&r.kind, "housing_follow_ups.kind")?,
            income_source: r
                .income_source
                .as_deref()
                .map(|c| code(c, "housing_follow_ups.income_source"))
                .transpose()?,
            overdue: r.done_on.is_none() && r.due_on < today,
            id: r.id,
            tenancy_id: r.tenancy_id,
            participant_id: r.participant_id,
            due_on: r.due_on,
            done_on: r.done_on,
            housing_cost: r.housing_cost,
            debts: r.debts,
            support: r.support,
            occupation: r.occupation,
            note: r.note,
            created_at: utc(r.created_at),
            updated_at: utc(r.updated_at),
            version: r.version,
        })
    }
}

/// A risk of eviction: disturbance complaint, sanitary problem, unpaid rent.
#[derive(Debug, Serialize, ToSchema)]
pub struct RiskEventView {
    pub id: String,
    pub participant_id: String,
    pub kind: RiskKind,
    pub occurred_on: NaiveDate,
    pub description: Option<String>,
    pub resolved_on: Option<NaiveDate>,
    pub resolution: Option<String>,
    pub recorded_by: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i32,
}

impl TryFrom<RiskEventRow> for RiskEventView {
    type Error = crate::error::ApiError;
    fn try_from(r: RiskEventRow) -> ApiResult<Self> {
        Ok(Self {
            kind: code(&r.kind, "risk_events.kind")?,
            id: r.id,
            participant_id: r.participant_id,
            occurred_on: r.occurred_on,
            description: r.description,
            resolved_on: r.resolved_on,
            resolution: r.resolution,
            recorded_by: r.recorded_by,
            created_at: utc(r.created_at),
            updated_at: utc(r.updated_at),
            version: r.version,
        })
    }
}

/// A housing-support worker assigned to a participant.
#[derive(Debug, Serialize, ToSchema)]
pub struct SupportAssignmentView {
    pub id: String,
    pub participant_id: String,
    pub staff_id: String,
    pub start_on: NaiveDate,
    pub end_on: Option<NaiveDate>,
    /// Made beyond the worker's maximum caseload with an explicit override.
    pub over_caseload_limit: bool,
    pub version: i32,
}

impl SupportAssignmentView {
    pub fn build(r: AssignmentRow, flagged: bool) -> Self {
        Self {
            id: r.id,
            participant_id: r.participant_id,
            staff_id: r.staff_id,
            start_on: r.start_date,
            end_on: r.end_date,
            over_caseload_limit: flagged,
            version: r.version,
        }
    }
}
