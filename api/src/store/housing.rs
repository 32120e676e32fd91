//! Housing: sites, apartments, tenancies, the housing-ladder history, the queue and its draws,
//! housing follow-ups, risk events and housing-support assignments.
//!
//! The no-overlap rules for tenancies are checked by the handler inside the writing transaction,
//! after [`TenancyLock::lock_for_tenancy`]: on SQLite the transaction is `BEGIN IMMEDIATE`, so
//! the database is already locked for writing and check-then-write cannot race; on PostgreSQL
//! the apartment row and the participant row are locked with `SELECT … FOR UPDATE`, so two
//! concurrent tenancies for the same apartment or the same person queue behind each other and
//! the second one re-reads the first before it checks (READ COMMITTED sees the committed row).

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use super::backend_impl;
use super::participants::ParticipantScope;
use super::schema::{
    apartments, caseload_limits, caseload_overrides, housing_follow_ups, housing_sites,
    housing_stage_changes, participant_assignments, participants, queue_draw_members, queue_draws,
    queue_entries, risk_events, tenancies,
};
use crate::error::{ApiError, ApiResult};

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = housing_sites)]
pub struct SiteRow {
    pub id: String,
    pub unit_id: String,
    pub name: String,
    pub address: Option<String>,
    pub district: Option<String>,
    pub description: Option<String>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub version: i32,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = apartments)]
pub struct ApartmentRow {
    pub id: String,
    pub unit_id: String,
    pub site_id: Option<String>,
    pub address: String,
    pub district: Option<String>,
    pub kind: String,
    pub landlord: Option<String>,
    pub rooms: Option<i32>,
    pub size_sqm: Option<f64>,
    pub monthly_rent: Option<i32>,
    pub lease_holder: Option<String>,
    pub status: String,
    pub note: Option<String>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub version: i32,
    /// The key of this apartment in the system it was imported from; unique when given.
    pub external_id: Option<String>,
}

#[derive(Debug, Clone, PartialEq, AsChangeset)]
#[diesel(table_name = apartments, treat_none_as_null = true)]
pub struct ApartmentChanges {
    pub site_id: Option<String>,
    pub address: String,
    pub district: Option<String>,
    pub kind: String,
    pub landlord: Option<String>,
    pub rooms: Option<i32>,
    pub size_sqm: Option<f64>,
    pub monthly_rent: Option<i32>,
    pub lease_holder: Option<String>,
    pub status: String,
    pub note: Option<String>,
    pub external_id: Option<String>,
}

impl From<&ApartmentRow> for ApartmentChanges {
    fn from(r: &ApartmentRow) -> Self {
        Self {
            site_id: r.site_id.clone(),
            address: r.address.clone(),
            district: r.district.clone(),
            kind: r.kind.clone(),
            landlord: r.landlord.clone(),
            rooms: r.rooms,
            size_sqm: r.size_sqm,
            monthly_rent: r.monthly_rent,
            lease_holder: r.lease_holder.clone(),
            status: r.status.clone(),
            note: r.note.clone(),
            external_id: r.external_id.clone(),
        }
    }
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = tenancies)]
pub struct TenancyRow {
    pub id: String,
    pub apartment_id: String,
    pub participant_id: String,
    pub move_in_on: NaiveDate,
    pub planned_takeover_on: NaiveDate,
    pub moved_out_on: Option<NaiveDate>,
    pub move_out_reason: Option<String>,
    pub taken_over_on: Option<NaiveDate>,
    pub note: Option<String>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub version: i32,
    pub external_id: Option<String>,
}

#[derive(Debug, Clone, AsChangeset)]
#[diesel(table_name = tenancies, treat_none_as_null = true)]
pub struct TenancyChanges {
    pub planned_takeover_on: NaiveDate,
    pub moved_out_on: Option<NaiveDate>,
    pub move_out_reason: Option<String>,
    pub taken_over_on: Option<NaiveDate>,
    pub note: Option<String>,
}

impl From<&TenancyRow> for TenancyChanges {
    fn from(r: &TenancyRow) -> Self {
        Self {
            planned_takeover_on: r.planned_takeover_on,
            moved_out_on: r.moved_out_on,
            move_out_reason: r.move_out_reason.clone(),
            taken_over_on: r.taken_over_on,
            note: r.note.clone(),
        }
    }
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = housing_stage_changes)]
pub struct StageChangeRow {
    pub id: String,
    pub participant_id: String,
    pub situation: String,
    pub from_date: NaiveDate,
    /// `tenancy` (written by a move-in or move-out) or `staff` (recorded by hand).
    pub source: String,
    pub tenancy_id: Option<String>,
    pub note: Option<String>,
    pub recorded_by: Option<String>,
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = queue_entries)]
pub struct QueueEntryRow {
    pub id: String,
    pub participant_id: String,
    pub unit_id: String,
    pub wish: String,
    pub joined_on: NaiveDate,
    pub priority: i32,
    pub ready: bool,
    pub not_ready_reason: Option<String>,
    pub status: String,
    pub notified_on: Option<NaiveDate>,
    pub moved_in_on: Option<NaiveDate>,
    pub removed_on: Option<NaiveDate>,
    pub removal_reason: Option<String>,
    pub removal_note: Option<String>,
    pub tenancy_id: Option<String>,
    pub note: Option<String>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub version: i32,
    pub external_id: Option<String>,
}

#[derive(Debug, Clone, PartialEq, AsChangeset)]
#[diesel(table_name = queue_entries, treat_none_as_null = true)]
pub struct QueueEntryChanges {
    pub wish: String,
    pub joined_on: NaiveDate,
    pub priority: i32,
    pub ready: bool,
    pub not_ready_reason: Option<String>,
    pub status: String,
    pub notified_on: Option<NaiveDate>,
    pub moved_in_on: Option<NaiveDate>,
    pub removed_on: Option<NaiveDate>,
    pub removal_reason: Option<String>,
    pub removal_note: Option<String>,
    pub tenancy_id: Option<String>,
    pub note: Option<String>,
}

impl From<&QueueEntryRow> for QueueEntryChanges {
    fn from(r: &QueueEntryRow) -> Self {
        Self {
            wish: r.wish.clone(),
            joined_on: r.joined_on,
            priority: r.priority,
            ready: r.ready,
            not_ready_reason: r.not_ready_reason.clone(),
            status: r.status.clone(),
            notified_on: r.notified_on,
            moved_in_on: r.moved_in_on,
            removed_on: r.removed_on,
            removal_reason: r.removal_reason.clone(),
            removal_note: r.removal_note.clone(),
            tenancy_id: r.tenancy_id.clone(),
            note: r.note.clone(),
        }
    }
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = queue_draws)]
pub struct DrawRow {
    pub id: String,
    pub unit_id: String,
    pub seed: i64,
    pub size: i32,
    pub eligible: i32,
    pub wish: Option<String>,
    pub drawn_by: String,
    pub drawn_at: NaiveDateTime,
    pub note: Option<String>,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = queue_draw_members)]
pub struct DrawMemberRow {
    pub draw_id: String,
    pub queue_entry_id: String,
    pub participant_id: String,
    pub draw_order: i32,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = housing_follow_ups)]
pub struct FollowUpRow {
    pub id: String,
    pub tenancy_id: String,
    pub participant_id: String,
    pub kind: String,
    pub due_on: NaiveDate,
    pub done_on: Option<NaiveDate>,
    pub housing_cost: Option<i32>,
    pub income_source: Option<String>,
    pub debts: Option<i32>,
    pub support: Option<String>,
    pub occupation: Option<String>,
    pub note: Option<String>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub version: i32,
}

#[derive(Debug, Clone, AsChangeset)]
#[diesel(table_name = housing_follow_ups, treat_none_as_null = true)]
pub struct FollowUpChanges {
    pub done_on: Option<NaiveDate>,
    pub housing_cost: Option<i32>,
    pub income_source: Option<String>,
    pub debts: Option<i32>,
    pub support: Option<String>,
    pub occupation: Option<String>,
    pub note: Option<String>,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = risk_events)]
pub struct RiskEventRow {
    pub id: String,
    pub participant_id: String,
    pub kind: String,
    pub occurred_on: NaiveDate,
    pub description: Option<String>,
    pub resolved_on: Option<NaiveDate>,
    pub resolution: Option<String>,
    pub recorded_by: Option<String>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub version: i32,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = participant_assignments)]
pub struct AssignmentRow {
    pub id: String,
    pub participant_id: String,
    pub staff_id: String,
    pub kind: String,
    pub start_date: NaiveDate,
    pub end_date: Option<NaiveDate>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub version: i32,
}

/// The assignment kind housing support uses in `participant_assignments`.
pub const HOUSING_SUPPORT: &str = "housing_support";

#[derive(Debug, Clone)]
pub struct ApartmentFilter {
    pub unit_ids: Vec<String>,
    pub site_id: Option<String>,
    pub status: Option<String>,
    pub kind: Option<String>,
    pub limit: i64,
    pub offset: i64,
}

#[derive(Debug, Clone)]
pub struct QueueFilter {
    pub scope: ParticipantScope,
    pub unit_id: Option<String>,
    pub status: Option<String>,
    pub wish: Option<String>,
    pub participant_id: Option<String>,
    pub limit: i64,
    pub offset: i64,
}

/// Row-level locks taken before the tenancy no-overlap check (see the module comment).
pub trait TenancyLock {
    fn lock_for_tenancy(&mut self, apartment_id: &str, participant_id: &str) -> ApiResult<()>;
}

impl TenancyLock for diesel::SqliteConnection {
    fn lock_for_tenancy(&mut self, _: &str, _: &str) -> ApiResult<()> {
        // BEGIN IMMEDIATE already holds the database write lock.
        Ok(())
    }
}

impl TenancyLock for diesel::PgConnection {
    fn lock_for_tenancy(&mut self, apartment_id: &str, participant_id: &str) -> ApiResult<()> {
        apartments::table
            .find(apartment_id)
            .select(apartments::id)
            .for_update()
            .load::<String>(self)?;
        participants::table
            .find(participant_id)
            .select(participants::id)
            .for_update()
            .load::<String>(self)?;
        Ok(())
    }
}

/// [`more::HousingMoreStore`] and [`more::ParticipantLock`] come along with the housing store.
pub trait HousingStore: more::HousingMoreStore + more::ParticipantLock {
    fn insert_site(&mut self, row: &SiteRow) -> ApiResult<()>;
    fn get_site(&mut self, id: &str) -> ApiResult<Option<SiteRow>>;
    fn list_sites(&mut self, unit_ids: &[String]) -> ApiResult<Vec<SiteRow>>;

    fn insert_apartment(&mut self, row: &ApartmentRow) -> ApiResult<()>;
    fn get_apartment(&mut self, id: &str) -> ApiResult<Option<ApartmentRow>>;
    fn apartment_by_external_id(&mut self, external_id: &str) -> ApiResult<Option<ApartmentRow>>;
    /// The apartments of `unit_ids` after `after` (by id), for a keyset-paged export.
    fn export_apartments(
        &mut self,
        unit_ids: &[String],
        after: Option<&str>,
        limit: i64,
    ) -> ApiResult<Vec<ApartmentRow>>;
    fn list_apartments(&mut self, f: &ApartmentFilter) -> ApiResult<(Vec<ApartmentRow>, i64)>;
    fn update_apartment(
        &mut self,
        id: &str,
        expected_version: i32,
        changes: &ApartmentChanges,
        now: NaiveDateTime,
    ) -> ApiResult<ApartmentRow>;
    /// Sets the status as a consequence of a tenancy (bumps the version).
    fn set_apartment_status(&mut self, id: &str, status: &str, now: NaiveDateTime)
    -> ApiResult<()>;

    fn insert_tenancy(&mut self, row: &TenancyRow) -> ApiResult<()>;
    fn get_tenancy(&mut self, id: &str) -> ApiResult<Option<TenancyRow>>;
    fn tenancy_by_external_id(&mut self, external_id: &str) -> ApiResult<Option<TenancyRow>>;
    /// Tenancies of participants in `scope` after `after` (by id), for a keyset-paged export.
    fn export_tenancies(
        &mut self,
        scope: &ParticipantScope,
        after: Option<&str>,
        limit: i64,
    ) -> ApiResult<Vec<TenancyRow>>;
    fn queue_entry_by_external_id(&mut self, external_id: &str)
    -> ApiResult<Option<QueueEntryRow>>;
    /// Queue entries of participants in `scope` after `after` (by id), for a keyset-paged export.
    fn export_queue_entries(
        &mut self,
        scope: &ParticipantScope,
        after: Option<&str>,
        limit: i64,
    ) -> ApiResult<Vec<QueueEntryRow>>;
    fn tenancies_of_apartment(&mut self, apartment_id: &str) -> ApiResult<Vec<TenancyRow>>;
    fn tenancies_of_participant(&mut self, participant_id: &str) -> ApiResult<Vec<TenancyRow>>;
    /// Tenancies running on `on` in apartments of these units.
    fn current_tenancies(
        &mut self,
        unit_ids: &[String],
        on: NaiveDate,
    ) -> ApiResult<Vec<TenancyRow>>;
    fn update_tenancy(
        &mut self,
        id: &str,
        expected_version: i32,
        changes: &TenancyChanges,
        now: NaiveDateTime,
    ) -> ApiResult<TenancyRow>;

    fn insert_stage_change(&mut self, row: &StageChangeRow) -> ApiResult<()>;
    fn stage_changes_of(&mut self, participant_id: &str) -> ApiResult<Vec<StageChangeRow>>;
    /// Keeps `participants.housing_situation` in step with the ladder history (bumps the version).
    fn set_housing_situation(
        &mut self,
        participant_id: &str,
        situation: &str,
        now: NaiveDateTime,
    ) -> ApiResult<()>;
    fn participants_by_ids(
        &mut self,
        ids: &[String],
    ) -> ApiResult<Vec<super::participants::ParticipantRow>>;
    /// Of `ids`, those `staff_id` is assigned to on `on` (responsible caseworker or assignment).
    fn assigned_among(
        &mut self,
        ids: &[String],
        staff_id: &str,
        on: NaiveDate,
    ) -> ApiResult<Vec<String>>;

    fn insert_queue_entry(&mut self, row: &QueueEntryRow) -> ApiResult<()>;
    fn get_queue_entry(&mut self, id: &str) -> ApiResult<Option<QueueEntryRow>>;
    /// The participant's entry that is waiting or notified, if any.
    fn active_queue_entry(&mut self, participant_id: &str) -> ApiResult<Option<String>>;
    fn list_queue_entries(&mut self, f: &QueueFilter) -> ApiResult<(Vec<QueueEntryRow>, i64)>;
    /// Every waiting entry in these units (for positions and draws), any visibility.
    fn waiting_entries(&mut self, unit_ids: &[String]) -> ApiResult<Vec<QueueEntryRow>>;
    fn update_queue_entry(
        &mut self,
        id: &str,
        expected_version: i32,
        changes: &QueueEntryChanges,
        now: NaiveDateTime,
    ) -> ApiResult<QueueEntryRow>;
    fn insert_draw(&mut self, draw: &DrawRow, members: &[DrawMemberRow]) -> ApiResult<()>;
    fn get_draw(&mut self, id: &str) -> ApiResult<Option<(DrawRow, Vec<DrawMemberRow>)>>;

    fn insert_follow_ups(&mut self, rows: &[FollowUpRow]) -> ApiResult<()>;
    fn get_follow_up(&mut self, id: &str) -> ApiResult<Option<FollowUpRow>>;
    fn follow_ups_of_participant(&mut self, participant_id: &str) -> ApiResult<Vec<FollowUpRow>>;
    fn update_follow_up(
        &mut self,
        id: &str,
        expected_version: i32,
        changes: &FollowUpChanges,
        now: NaiveDateTime,
    ) -> ApiResult<FollowUpRow>;
    /// Moves the due date of a tenancy's follow-up of `kind` if it is not done yet.
    fn reschedule_follow_up(
        &mut self,
        tenancy_id: &str,
        kind: &str,
        due_on: NaiveDate,
        now: NaiveDateTime,
    ) -> ApiResult<()>;

    fn insert_risk_event(&mut self, row: &RiskEventRow) -> ApiResult<()>;
    fn get_risk_event(&mut self, id: &str) -> ApiResult<Option<RiskEventRow>>;
    fn risk_events_of(&mut self, participant_ids: &[String]) -> ApiResult<Vec<RiskEventRow>>;
    fn resolve_risk_event(
        &mut self,
        id: &str,
        expected_version: i32,
        resolved_on: NaiveDate,
        resolution: Option<String>,
        now: NaiveDateTime,
    ) -> ApiResult<RiskEventRow>;

    fn insert_support_assignment(
        &mut self,
        row: &AssignmentRow,
        override_by: Option<&str>,
    ) -> ApiResult<()>;
    fn get_support_assignment(&mut self, id: &str) -> ApiResult<Option<(AssignmentRow, bool)>>;
    fn housing_support_of(&mut self, participant_id: &str)
    -> ApiResult<Vec<(AssignmentRow, bool)>>;
    /// Running housing-support assignments of `staff_id` on `on`.
    fn support_caseload_count(&mut self, staff_id: &str, on: NaiveDate) -> ApiResult<i64>;
    fn caseload_limit(&mut self, staff_id: &str) -> ApiResult<Option<(i32, i32)>>;
    fn set_caseload_limit(
        &mut self,
        staff_id: &str,
        min: i32,
        max: i32,
        now: NaiveDateTime,
    ) -> ApiResult<()>;
    fn end_assignment(
        &mut self,
        id: &str,
        expected_version: i32,
        end_date: NaiveDate,
        now: NaiveDateTime,
    ) -> ApiResult<AssignmentRow>;
}

macro_rules! visible_participant_ids {
    ($scope:expr) => {{
        let s: &ParticipantScope = $scope;
        let mut q = participants::table
            .filter(participants::unit_id.eq_any(s.unit_ids.clone()))
            .select(participants::id)
            .into_boxed();
        if let Some(staff_id) = &s.protected_only_if_assigned_to {
            let assigned = participant_assignments::table
                .filter(participant_assignments::staff_id.eq(staff_id.clone()))
                .filter(participant_assignments::start_date.le(s.today))
                .filter(
                    participant_assignments::end_date
                        .is_null()
                        .or(participant_assignments::end_date.ge(s.today)),
                )
                .select(participant_assignments::participant_id);
            q = q.filter(
                participants::protected_identity
                    .eq(false)
                    .or(participants::responsible_caseworker_id.eq(staff_id.clone()))
                    .or(participants::id.eq_any(assigned)),
            );
        }
        q
    }};
}

macro_rules! filtered_queue {
    ($f:expr) => {{
        let f: &QueueFilter = $f;
        let mut q = queue_entries::table
            .filter(queue_entries::participant_id.eq_any(visible_participant_ids!(&f.scope)))
            .into_boxed();
        if let Some(unit) = &f.unit_id {
            q = q.filter(queue_entries::unit_id.eq(unit.clone()));
        }
        if let Some(status) = &f.status {
            q = q.filter(queue_entries::status.eq(status.clone()));
        }
        if let Some(wish) = &f.wish {
            q = q.filter(queue_entries::wish.eq(wish.clone()));
        }
        if let Some(p) = &f.participant_id {
            q = q.filter(queue_entries::participant_id.eq(p.clone()));
        }
        q
    }};
}

macro_rules! filtered_apartments {
    ($f:expr) => {{
        let f: &ApartmentFilter = $f;
        let mut q = apartments::table
            .filter(apartments::unit_id.eq_any(f.unit_ids.clone()))
            .into_boxed();
        if let Some(site) = &f.site_id {
            q = q.filter(apartments::site_id.eq(site.clone()));
        }
        if let Some(status) = &f.status {
            q = q.filter(apartments::status.eq(status.clone()));
        }
        if let Some(kind) = &f.kind {
            q = q.filter(apartments::kind.eq(kind.clone()));
        }
        q
    }};
}

/// Optimistic update: writes if the version matches, then returns the current row or 412.
macro_rules! versioned_update {
    ($conn:expr, $table:ident, $row:ty, $id:expr, $expected:expr, $changes:expr, $now:expr, $what:literal) => {{
        let updated = diesel::update(
            $table::table
                .find($id)
                .filter($table::version.eq($expected)),
        )
        .set((
            $changes,
            $table::updated_at.eq($now),
            $table::version.eq($expected + 1),
        ))
        .execute($conn)?;
        let current = $table::table
            .find($id)
            .select(<$row>::as_select())
            .first($conn)
            .optional()?
            .ok_or_else(|| ApiError::not_found($what))?;
        if updated == 0 {
            return Err(ApiError::Stale {
                current_version: current.version,
            });
        }
        Ok(current)
    }};
}

backend_impl!(impl HousingStore {
    fn insert_site(&mut self, row: &SiteRow) -> ApiResult<()> {
        diesel::insert_into(housing_sites::table).values(row).execute(self).map_err(|e| {
            super::on_unique_violation(e, || ApiError::conflict("the unit already has a site with this name"))
        })?;
        Ok(())
    }

    fn get_site(&mut self, id: &str) -> ApiResult<Option<SiteRow>> {
        Ok(housing_sites::table.find(id).select(SiteRow::as_select()).first(self).optional()?)
    }

    fn list_sites(&mut self, unit_ids: &[String]) -> ApiResult<Vec<SiteRow>> {
        Ok(housing_sites::table
            .filter(housing_sites::unit_id.eq_any(unit_ids))
            .order((housing_sites::name.asc(), housing_sites::id.asc()))
            .select(SiteRow::as_select())
            .load(self)?)
    }

    fn insert_apartment(&mut self, row: &ApartmentRow) -> ApiResult<()> {
        diesel::insert_into(apartments::table)
            .values(row)
            .execute(self)
            .map_err(|e| {
                super::on_unique_violation(e, || {
                    ApiError::field("external_id", "another apartment has this external_id")
                })
            })?;
        Ok(())
    }

    fn apartment_by_external_id(&mut self, external_id: &str) -> ApiResult<Option<ApartmentRow>> {
        Ok(apartments::table
            .filter(apartments::external_id.eq(external_id))
            .select(ApartmentRow::as_select())
            .first(self)
            .optional()?)
    }

    fn export_apartments(
        &mut self,
        unit_ids: &[String],
        after: Option<&str>,
        limit: i64,
    ) -> ApiResult<Vec<ApartmentRow>> {
        let mut q = apartments::table
            .filter(apartments::unit_id.eq_any(unit_ids.to_vec()))
            .into_boxed();
        if let Some(after) = after {
            q = q.filter(apartments::id.gt(after.to_owned()));
        }
        Ok(q.select(ApartmentRow::as_select())
            .order(apartments::id.asc())
            .limit(limit)
            .load(self)?)
    }

    fn get_apartment(&mut self, id: &str) -> ApiResult<Option<ApartmentRow>> {
        Ok(apartments::table.find(id).select(ApartmentRow::as_select()).first(self).optional()?)
    }

    fn list_apartments(&mut self, f: &ApartmentFilter) -> ApiResult<(Vec<ApartmentRow>, i64)> {
        let total: i64 = filtered_apartments!(f).count().get_result(self)?;
        let items = filtered_apartments!(f)
            .order((apartments::address.asc(), apartments::id.asc()))
            .limit(f.limit)
            .offset(f.offset)
            .select(ApartmentRow::as_select())
            .load(self)?;
        Ok((items, total))
    }

    fn update_apartment(
        &mut self,
        id: &str,
        expected_version: i32,
        changes: &ApartmentChanges,
        now: NaiveDateTime,
    ) -> ApiResult<ApartmentRow> {
        versioned_update!(self, apartments, ApartmentRow, id, expected_version, changes, now, "apartment")
    }

    fn set_apartment_status(&mut self, id: &str, status: &str, now: NaiveDateTime) -> ApiResult<()> {
        diesel::update(apartments::table.find(id))
            .set((
                apartments::status.eq(status),
                apartments::updated_at.eq(now),
                apartments::version.eq(apartments::version + 1),
            ))
            .execute(self)?;
        Ok(())
    }

    fn insert_tenancy(&mut self, row: &TenancyRow) -> ApiResult<()> {
        diesel::insert_into(tenancies::table).values(row).execute(self)?;
        Ok(())
    }

    fn get_tenancy(&mut self, id: &str) -> ApiResult<Option<TenancyRow>> {
        Ok(tenancies::table.find(id).select(TenancyRow::as_select()).first(self).optional()?)
    }

    fn tenancy_by_external_id(&mut self, external_id: &str) -> ApiResult<Option<TenancyRow>> {
        Ok(tenancies::table
            .filter(tenancies::external_id.eq(external_id))
            .select(TenancyRow::as_select())
            .first(self)
            .optional()?)
    }

    fn export_tenancies(
        &mut self,
        scope: &ParticipantScope,
        after: Option<&str>,
        limit: i64,
    ) -> ApiResult<Vec<TenancyRow>> {
        let visible = visible_participant_ids!(scope);
        let mut q = tenancies::table
            .filter(tenancies::participant_id.eq_any(visible))
            .into_boxed();
        if let Some(after) = after {
            q = q.filter(tenancies::id.gt(after.to_owned()));
        }
        Ok(q.select(TenancyRow::as_select())
            .order(tenancies::id.asc())
            .limit(limit)
            .load(self)?)
    }

    fn queue_entry_by_external_id(
        &mut self,
        external_id: &str,
    ) -> ApiResult<Option<QueueEntryRow>> {
        Ok(queue_entries::table
            .filter(queue_entries::external_id.eq(external_id))
            .select(QueueEntryRow::as_select())
            .first(self)
            .optional()?)
    }

    fn export_queue_entries(
        &mut self,
        scope: &ParticipantScope,
        after: Option<&str>,
        limit: i64,
    ) -> ApiResult<Vec<QueueEntryRow>> {
        let visible = visible_participant_ids!(scope);
        let mut q = queue_entries::table
            .filter(queue_entries::participant_id.eq_any(visible))
            .into_boxed();
        if let Some(after) = after {
            q = q.filter(queue_entries::id.gt(after.to_owned()));
        }
        Ok(q.select(QueueEntryRow::as_select())
            .order(queue_entries::id.asc())
            .limit(limit)
            .load(self)?)
    }

    fn tenancies_of_apartment(&mut self, apartment_id: &str) -> ApiResult<Vec<TenancyRow>> {
        Ok(tenancies::table
            .filter(tenancies::apartment_id.eq(apartment_id))
            .order((tenancies::move_in_on.desc(), tenancies::id.desc()))
            .select(TenancyRow::as_select())
            .load(self)?)
    }

    fn tenancies_of_participant(&mut self, participant_id: &str) -> ApiResult<Vec<TenancyRow>> {
        Ok(tenancies::table
            .filter(tenancies::participant_id.eq(participant_id))
            .order((tenancies::move_in_on.desc(), tenancies::id.desc()))
            .select(TenancyRow::as_select())
            .load(self)?)
    }

    fn current_tenancies(&mut self, unit_ids: &[String], on: NaiveDate) -> ApiResult<Vec<TenancyRow>> {
        Ok(tenancies::table
            .inner_join(apartments::table)
            .filter(apartments::unit_id.eq_any(unit_ids))
            .filter(tenancies::move_in_on.le(on))
            .filter(tenancies::moved_out_on.is_null().or(tenancies::moved_out_on.gt(on)))
            .select(TenancyRow::as_select())
            .load(self)?)
    }

    fn update_tenancy(
        &mut self,
        id: &str,
        expected_version: i32,
        changes: &TenancyChanges,
        now: NaiveDateTime,
    ) -> ApiResult<TenancyRow> {
        versioned_update!(self, tenancies, TenancyRow, id, expected_version, changes, now, "tenancy")
    }

    fn insert_stage_change(&mut self, row: &StageChangeRow) -> ApiResult<()> {
        diesel::insert_into(housing_stage_changes::table).values(row).execute(self)?;
        Ok(())
    }

    fn stage_changes_of(&mut self, participant_id: &str) -> ApiResult<Vec<StageChangeRow>> {
        Ok(housing_stage_changes::table
            .filter(housing_stage_changes::participant_id.eq(participant_id))
            .order((housing_stage_changes::from_date.asc(), housing_stage_changes::created_at.asc()))
            .select(StageChangeRow::as_select())
            .load(self)?)
    }

    fn set_housing_situation(&mut self, participant_id: &str, situation: &str, now: NaiveDateTime) -> ApiResult<()> {
        diesel::update(
            participants::table
                .find(participant_id)
                .filter(participants::housing_situation.ne(situation)),
        )
        .set((
            participants::housing_situation.eq(situation),
            participants::updated_at.eq(now),
            participants::version.eq(participants::version + 1),
        ))
        .execute(self)?;
        Ok(())
    }

    fn participants_by_ids(&mut self, ids: &[String]) -> ApiResult<Vec<super::participants::ParticipantRow>> {
        Ok(participants::table
            .filter(participants::id.eq_any(ids))
            .select(super::participants::ParticipantRow::as_select())
            .load(self)?)
    }

    fn assigned_among(&mut self, ids: &[String], staff_id: &str, on: NaiveDate) -> ApiResult<Vec<String>> {
        let mut out: Vec<String> = participants::table
            .filter(participants::id.eq_any(ids))
            .filter(participants::responsible_caseworker_id.eq(staff_id))
            .select(participants::id)
            .load(self)?;
        let assigned: Vec<String> = participant_assignments::table
            .filter(participant_assignments::participant_id.eq_any(ids))
            .filter(participant_assignments::staff_id.eq(staff_id))
            .filter(participant_assignments::start_date.le(on))
            .filter(participant_assignments::end_date.is_null().or(participant_assignments::end_date.ge(on)))
            .select(participant_assignments::participant_id)
            .load(self)?;
        out.extend(assigned);
        Ok(out)
    }

    fn insert_queue_entry(&mut self, row: &QueueEntryRow) -> ApiResult<()> {
        diesel::insert_into(queue_entries::table).values(row).execute(self)?;
        Ok(())
    }

    fn get_queue_entry(&mut self, id: &str) -> ApiResult<Option<QueueEntryRow>> {
        Ok(queue_entries::table.find(id).select(QueueEntryRow::as_select()).first(self).optional()?)
    }

    fn active_queue_entry(&mut self, participant_id: &str) -> ApiResult<Option<String>> {
        Ok(queue_entries::table
            .filter(queue_entries::participant_id.eq(participant_id))
            .filter(queue_entries::status.eq_any(["waiting", "notified"]))
            .select(queue_entries::id)
            .first(self)
            .optional()?)
    }

    fn list_queue_entries(&mut self, f: &QueueFilter) -> ApiResult<(Vec<QueueEntryRow>, i64)> {
        let total: i64 = filtered_queue!(f).count().get_result(self)?;
        let items = filtered_queue!(f)
            .order((queue_entries::priority.asc(), queue_entries::joined_on.asc(), queue_entries::id.asc()))
            .limit(f.limit)
            .offset(f.offset)
            .select(QueueEntryRow::as_select())
            .load(self)?;
        Ok((items, total))
    }

    fn waiting_entries(&mut self, unit_ids: &[String]) -> ApiResult<Vec<QueueEntryRow>> {
        Ok(queue_entries::table
            .filter(queue_entries::unit_id.eq_any(unit_ids))
            .filter(queue_entries::status.eq("waiting"))
            .order((queue_entries::joined_on.asc(), queue_entries::id.asc()))
            .select(QueueEntryRow::as_select())
            .load(self)?)
    }

    fn update_queue_entry(
        &mut self,
        id: &str,
        expected_version: i32,
        changes: &QueueEntryChanges,
        now: NaiveDateTime,
    ) -> ApiResult<QueueEntryRow> {
        versioned_update!(self, queue_entries, QueueEntryRow, id, expected_version, changes, now, "queue entry")
    }

    fn insert_draw(&mut self, draw: &DrawRow, members: &[DrawMemberRow]) -> ApiResult<()> {
        diesel::insert_into(queue_draws::table).values(draw).execute(self)?;
        for m in members {
            diesel::insert_into(queue_draw_members::table).values(m).execute(self)?;
        }
        Ok(())
    }

    fn get_draw(&mut self, id: &str) -> ApiResult<Option<(DrawRow, Vec<DrawMemberRow>)>> {
        let Some(draw) = queue_draws::table.find(id).select(DrawRow::as_select()).first(self).optional()? else {
            return Ok(None);
        };
        let members = queue_draw_members::table
            .filter(queue_draw_members::draw_id.eq(id))
            .order(queue_draw_members::draw_order.asc())
            .select(DrawMemberRow::as_select())
            .load(self)?;
        Ok(Some((draw, members)))
    }

    fn insert_follow_ups(&mut self, rows: &[FollowUpRow]) -> ApiResult<()> {
        for r in rows {
            diesel::insert_into(housing_follow_ups::table).values(r).execute(self)?;
        }
        Ok(())
    }

    fn get_follow_up(&mut self, id: &str) -> ApiResult<Option<FollowUpRow>> {
        Ok(housing_follow_ups::table.find(id).select(FollowUpRow::as_select()).first(self).optional()?)
    }

    fn follow_ups_of_participant(&mut self, participant_id: &str) -> ApiResult<Vec<FollowUpRow>> {
        Ok(housing_follow_ups::table
            .filter(housing_follow_ups::participant_id.eq(participant_id))
            .order((housing_follow_ups::due_on.asc(), housing_follow_ups::id.asc()))
            .select(FollowUpRow::as_select())
            .load(self)?)
    }

    fn update_follow_up(
        &mut self,
        id: &str,
        expected_version: i32,
        changes: &FollowUpChanges,
        now: NaiveDateTime,
    ) -> ApiResult<FollowUpRow> {
        versioned_update!(self, housing_follow_ups, FollowUpRow, id, expected_version, changes, now, "follow-up")
    }

    fn reschedule_follow_up(&mut self, tenancy_id: &str, kind: &str, due_on: NaiveDate, now: NaiveDateTime) -> ApiResult<()> {
        diesel::update(
            housing_follow_ups::table
                .filter(housing_follow_ups::tenancy_id.eq(tenancy_id))
                .filter(housing_follow_ups::kind.eq(kind))
                .filter(housing_follow_ups::done_on.is_null())
                .filter(housing_follow_ups::due_on.ne(due_on)),
        )
        .set((
            housing_follow_ups::due_on.eq(due_on),
            housing_follow_ups::updated_at.eq(now),
            housing_follow_ups::version.eq(housing_follow_ups::version + 1),
        ))
        .execute(self)?;
        Ok(())
    }

    fn insert_risk_event(&mut self, row: &RiskEventRow) -> ApiResult<()> {
        diesel::insert_into(risk_events::table).values(row).execute(self)?;
        Ok(())
    }

    fn get_risk_event(&mut self, id: &str) -> ApiResult<Option<RiskEventRow>> {
        Ok(risk_events::table.find(id).select(RiskEventRow::as_select()).first(self).optional()?)
    }

    fn risk_events_of(&mut self, participant_ids: &[String]) -> ApiResult<Vec<RiskEventRow>> {
        Ok(risk_events::table
            .filter(risk_events::participant_id.eq_any(participant_ids))
            .order((risk_events::occurred_on.desc(), risk_events::id.desc()))
            .select(RiskEventRow::as_select())
            .load(self)?)
    }

    fn resolve_risk_event(
        &mut self,
        id: &str,
        expected_version: i32,
        resolved_on: NaiveDate,
        resolution: Option<String>,
        now: NaiveDateTime,
    ) -> ApiResult<RiskEventRow> {
        versioned_update!(
            self, risk_events, RiskEventRow, id, expected_version,
            (risk_events::resolved_on.eq(Some(resolved_on)), risk_events::resolution.eq(resolution)),
            now, "risk event"
        )
    }

    fn insert_support_assignment(&mut self, row: &AssignmentRow, override_by: Option<&str>) -> ApiResult<()> {
        diesel::insert_into(participant_assignments::table).values(row).execute(self)?;
        if let Some(by) = override_by {
            diesel::insert_into(caseload_overrides::table)
                .values((
                    caseload_overrides::assignment_id.eq(&row.id),
                    caseload_overrides::approved_by.eq(by),
                    caseload_overrides::created_at.eq(row.created_at),
                ))
                .execute(self)?;
        }
        Ok(())
    }

    fn get_support_assignment(&mut self, id: &str) -> ApiResult<Option<(AssignmentRow, bool)>> {
        let Some(row) = participant_assignments::table
            .find(id)
            .filter(participant_assignments::kind.eq(HOUSING_SUPPORT))
            .select(AssignmentRow::as_select())
            .first(self)
            .optional()?
        else {
            return Ok(None);
        };
        let flagged: i64 = caseload_overrides::table.find(id).count().get_result(self)?;
        Ok(Some((row, flagged > 0)))
    }

    fn housing_support_of(&mut self, participant_id: &str) -> ApiResult<Vec<(AssignmentRow, bool)>> {
        let rows: Vec<AssignmentRow> = participant_assignments::table
            .filter(participant_assignments::participant_id.eq(participant_id))
            .filter(participant_assignments::kind.eq(HOUSING_SUPPORT))
            .order((participant_assignments::start_date.desc(), participant_assignments::id.desc()))
            .select(AssignmentRow::as_select())
            .load(self)?;
        let ids: Vec<&String> = rows.iter().map(|r| &r.id).collect();
        let flagged: Vec<String> = caseload_overrides::table
            .filter(caseload_overrides::assignment_id.eq_any(ids))
            .select(caseload_overrides::assignment_id)
            .load(self)?;
        Ok(rows.into_iter().map(|r| { let f = flagged.contains(&r.id); (r, f) }).collect())
    }

    fn support_caseload_count(&mut self, staff_id: &str, on: NaiveDate) -> ApiResult<i64> {
        Ok(participant_assignments::table
            .filter(participant_assignments::staff_id.eq(staff_id))
            .filter(participant_assignments::kind.eq(HOUSING_SUPPORT))
            .filter(participant_assignments::start_date.le(on))
            .filter(participant_assignments::end_date.is_null().or(participant_assignments::end_date.ge(on)))
            .count()
            .get_result(self)?)
    }

    fn caseload_limit(&mut self, staff_id: &str) -> ApiResult<Option<(i32, i32)>> {
        Ok(caseload_limits::table
            .find(staff_id)
            .select((caseload_limits::min_caseload, caseload_limits::max_caseload))
            .first(self)
            .optional()?)
    }

    fn set_caseload_limit(&mut self, staff_id: &str, min: i32, max: i32, now: NaiveDateTime) -> ApiResult<()> {
        let updated = diesel::update(caseload_limits::table.find(staff_id))
            .set((
                caseload_limits::min_caseload.eq(min),
                caseload_limits::max_caseload.eq(max),
                caseload_limits::updated_at.eq(now),
            ))
            .execute(self)?;
        if updated == 0 {
            diesel::insert_into(caseload_limits::table)
                .values((
                    caseload_limits::staff_id.eq(staff_id),
                    caseload_limits::min_caseload.eq(min),
                    caseload_limits::max_caseload.eq(max),
                    caseload_limits::updated_at.eq(now),
                ))
                .execute(self)?;
        }
        Ok(())
    }

    fn end_assignment(
        &mut self,
        id: &str,
        expected_version: i32,
        end_date: NaiveDate,
        now: NaiveDateTime,
    ) -> ApiResult<AssignmentRow> {
        versioned_update!(
            self, participant_assignments, AssignmentRow, id, expected_version,
            participant_assignments::end_date.eq(Some(end_date)),
            now, "assignment"
        )
    }
});

// After the macros above, which it uses.
pub mod more;
