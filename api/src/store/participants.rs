//! Participants (deltagare): the people the services work with.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use super::backend_impl;
use super::schema::{participant_assignments, participants};
use crate::error::{ApiError, ApiResult};

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = participants, treat_none_as_default_value = false)]
pub struct ParticipantRow {
    pub id: String,
    pub personal_identity_number: Option<String>,
    pub first_name: String,
    pub last_name: String,
    pub date_of_birth: Option<NaiveDate>,
    pub gender: String,
    pub protected_identity: bool,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub postal_address: Option<String>,
    pub care_of: Option<String>,
    pub postal_code: Option<String>,
    pub city: Option<String>,
    pub unit_id: String,
    pub responsible_caseworker_id: Option<String>,
    pub housing_situation: String,
    pub main_substance: String,
    pub income_source: String,
    pub status: String,
    pub closed_on: Option<NaiveDate>,
    pub closed_reason: Option<String>,
    pub search_key: String,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub version: i32,
    /// The key of this person in the system the record was imported from.
    pub external_id: Option<String>,
}

/// Everything an update may change. `treat_none_as_null` so clearing an optional field sticks.
#[derive(Debug, Clone, PartialEq, AsChangeset)]
#[diesel(table_name = participants, treat_none_as_null = true)]
pub struct ParticipantChanges {
    pub personal_identity_number: Option<String>,
    pub first_name: String,
    pub last_name: String,
    pub date_of_birth: Option<NaiveDate>,
    pub gender: String,
    pub protected_identity: bool,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub postal_address: Option<String>,
    pub care_of: Option<String>,
    pub postal_code: Option<String>,
    pub city: Option<String>,
    pub unit_id: String,
    pub responsible_caseworker_id: Option<String>,
    pub housing_situation: String,
    pub main_substance: String,
    pub income_source: String,
    pub status: String,
    pub closed_on: Option<NaiveDate>,
    pub closed_reason: Option<String>,
    pub search_key: String,
    pub external_id: Option<String>,
}

impl From<&ParticipantRow> for ParticipantChanges {
    fn from(row: &ParticipantRow) -> Self {
        Self {
            personal_identity_number: row.personal_identity_number.clone(),
            first_name: row.first_name.clone(),
            last_name: row.last_name.clone(),
            date_of_birth: row.date_of_birth,
            gender: row.gender.clone(),
            protected_identity: row.protected_identity,
            phone: row.phone.clone(),
            email: row.email.clone(),
            postal_address: row.postal_address.clone(),
            care_of: row.care_of.clone(),
            postal_code: row.postal_code.clone(),
            city: row.city.clone(),
            unit_id: row.unit_id.clone(),
            responsible_caseworker_id: row.responsible_caseworker_id.clone(),
            housing_situation: row.housing_situation.clone(),
            main_substance: row.main_substance.clone(),
            income_source: row.income_source.clone(),
            status: row.status.clone(),
            closed_on: row.closed_on,
            closed_reason: row.closed_reason.clone(),
            search_key: row.search_key.clone(),
            external_id: row.external_id.clone(),
        }
    }
}

/// Which participants a caller may see, as decided by the permission policy.
#[derive(Debug, Clone)]
pub struct ParticipantScope {
    pub unit_ids: Vec<String>,
    /// `None`: every protected-identity participant in those units (managers).
    /// `Some(staff)`: only those this staff member is assigned to.
    pub protected_only_if_assigned_to: Option<String>,
    pub today: NaiveDate,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParticipantSort {
    LastName,
    LastNameDesc,
    CreatedAt,
    CreatedAtDesc,
}

#[derive(Debug, Clone)]
pub struct ParticipantFilter {
    pub scope: ParticipantScope,
    pub unit_id: Option<String>,
    pub status: Option<String>,
    pub caseworker_id: Option<String>,
    /// Already lower-cased with full Unicode (see `domain::participant::search_key`).
    pub text: Option<String>,
    pub sort: ParticipantSort,
    pub limit: i64,
    pub offset: i64,
}

pub trait ParticipantStore {
    fn insert_participant(&mut self, row: &ParticipantRow) -> ApiResult<()>;
    fn get_participant(&mut self, id: &str) -> ApiResult<Option<ParticipantRow>>;
    fn participant_id_by_pin(&mut self, pin: &str) -> ApiResult<Option<String>>;
    /// Whether `staff_id` is the responsible caseworker or has an assignment running on `today`.
    fn is_assigned(
        &mut self,
        participant: &ParticipantRow,
        staff_id: &str,
        today: NaiveDate,
    ) -> ApiResult<bool>;
    /// Writes `changes` if `expected_version` is current, bumping the version.
    fn update_participant(
        &mut self,
        id: &str,
        expected_version: i32,
        changes: &ParticipantChanges,
        now: NaiveDateTime,
    ) -> ApiResult<ParticipantRow>;
}

/// Which of the participants a caller may see a query reads. The list counts a caseworker's in
/// two parts: the people without protected identity (a seek on unit and protection in SQLite's
/// search index) and the few protected ones the caseworker is assigned to. Written as one `OR`,
/// every one of the unit's entries was also tested against the assignments: a unit's count of
/// 83,000 people took 13-15 ms instead of 8 (issue 11).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Visible {
    /// Everyone the caller may see.
    All,
    /// Of those, the people without protected identity.
    Unprotected,
    /// Of those, the people with protected identity.
    Protected,
}

macro_rules! filtered_participants {
    ($f:expr) => {
        $crate::store::participants::filtered_participants!(
            $f,
            $crate::store::participants::Visible::All
        )
    };
    ($f:expr, $visible:expr) => {
        $crate::store::participants::filtered_participants!($f, $visible, participants)
    };
    // `$t`: `participants`, or on PostgreSQL `participant_search`, which has the same names for
    // the columns filtered on (see store::participant_list).
    ($f:expr, $visible:expr, $t:ident) => {{
        let f: &ParticipantFilter = $f;
        let visible: $crate::store::participants::Visible = $visible;
        // One unit is compared with `=`, not `= ANY(…)`: PostgreSQL then walks the unit/name
        // index in name order and stops at the end of the page (text search page: 25 → 5 ms on
        // 100,000 participants); with an array it fetched and sorted every match.
        let mut q = match f.scope.unit_ids.as_slice() {
            [only] => $t::table.filter($t::unit_id.eq(only.clone())).into_boxed(),
            units => $t::table
                .filter($t::unit_id.eq_any(units.to_vec()))
                .into_boxed(),
        };
        match visible {
            $crate::store::participants::Visible::All => {}
            $crate::store::participants::Visible::Unprotected => {
                q = q.filter($t::protected_identity.eq(false))
            }
            $crate::store::participants::Visible::Protected => {
                q = q.filter($t::protected_identity.eq(true))
            }
        }
        if let (Some(staff_id), false) = (
            &f.scope.protected_only_if_assigned_to,
            visible == $crate::store::participants::Visible::Unprotected,
        ) {
            let assigned = participant_assignments::table
                .filter(participant_assignments::staff_id.eq(staff_id.clone()))
                .filter(participant_assignments::start_date.le(f.scope.today))
                .filter(
                    participant_assignments::end_date
                        .is_null()
                        .or(participant_assignments::end_date.ge(f.scope.today)),
                )
                .select(participant_assignments::participant_id);
            let assigned_to_me = $t::responsible_caseworker_id
                .eq(staff_id.clone())
                .or($t::id.eq_any(assigned));
            q = match visible {
                $crate::store::participants::Visible::Protected => q.filter(assigned_to_me),
                _ => q.filter($t::protected_identity.eq(false).or(assigned_to_me)),
            };
        }
        if let Some(unit) = &f.unit_id {
            q = q.filter($t::unit_id.eq(unit.clone()));
        }
        if let Some(status) = &f.status {
            q = q.filter($t::status.eq(status.clone()));
        }
        if let Some(caseworker) = &f.caseworker_id {
            q = q.filter($t::responsible_caseworker_id.eq(caseworker.clone()));
        }
        if let Some(text) = &f.text {
            q = q.filter($t::search_key.like(super::like_contains(text)).escape('\\'));
        }
        q
    }};
}
// Exports page through the same filters as the list.
pub(crate) use filtered_participants;

/// Orders a boxed participant query as the list is sorted (the id last, so pages never overlap).
macro_rules! order_participants {
    ($q:expr, $sort:expr) => {
        $crate::store::participants::order_participants!($q, $sort, participants)
    };
    // `$t` as in `filtered_participants!`.
    ($q:expr, $sort:expr, $t:ident) => {
        match $sort {
            ParticipantSort::LastName => {
                $q.order(($t::last_name.asc(), $t::first_name.asc(), $t::id.asc()))
            }
            ParticipantSort::LastNameDesc => {
                $q.order(($t::last_name.desc(), $t::first_name.desc(), $t::id.desc()))
            }
            ParticipantSort::CreatedAt => $q.order(($t::created_at.asc(), $t::id.asc())),
            ParticipantSort::CreatedAtDesc => $q.order(($t::created_at.desc(), $t::id.desc())),
        }
    };
}
pub(crate) use order_participants;

backend_impl!(impl ParticipantStore {
    fn insert_participant(&mut self, row: &ParticipantRow) -> ApiResult<()> {
        diesel::insert_into(participants::table)
            .values(row)
            .execute(self)
            .map_err(|e| {
                super::on_unique_violation(e, || {
                    ApiError::conflict("a participant with this personal identity number already exists")
                })
            })?;
        Ok(())
    }

    fn get_participant(&mut self, id: &str) -> ApiResult<Option<ParticipantRow>> {
        // `get_result`, not `first`: a primary key finds one row at most, and `first` adds
        // `LIMIT ?`. Before SQLite was built with the planner stability guarantee
        // (`.cargo/config.toml`) its planner read that bound value, so every binding expired the
        // cached statement and SQLite prepared it again (18 % of the writer's time in the GET
        // profile was `sqlite3Reprepare` under this call).
        Ok(participants::table
            .find(id)
            .select(ParticipantRow::as_select())
            .get_result(self)
            .optional()?)
    }

    fn participant_id_by_pin(&mut self, pin: &str) -> ApiResult<Option<String>> {
        Ok(participants::table
            .filter(participants::personal_identity_number.eq(pin))
            .select(participants::id)
            .first(self)
            .optional()?)
    }

    fn is_assigned(
        &mut self,
        participant: &ParticipantRow,
        staff_id: &str,
        today: NaiveDate,
    ) -> ApiResult<bool> {
        if participant.responsible_caseworker_id.as_deref() == Some(staff_id) {
            return Ok(true);
        }
        let n: i64 = participant_assignments::table
            .filter(participant_assignments::participant_id.eq(&participant.id))
            .filter(participant_assignments::staff_id.eq(staff_id))
            .filter(participant_assignments::start_date.le(today))
            .filter(
                participant_assignments::end_date
                    .is_null()
                    .or(participant_assignments::end_date.ge(today)),
            )
            .count()
            .get_result(self)?;
        Ok(n > 0)
    }

    fn update_participant(
        &mut self,
        id: &str,
        expected_version: i32,
        changes: &ParticipantChanges,
        now: NaiveDateTime,
    ) -> ApiResult<ParticipantRow> {
        let updated = diesel::update(
            participants::table
                .find(id)
                .filter(participants::version.eq(expected_version)),
        )
        .set((
            changes,
            participants::updated_at.eq(now),
            participants::version.eq(expected_version + 1),
        ))
        .execute(self)
        .map_err(|e| {
            super::on_unique_violation(e, || {
                ApiError::conflict("a participant with this personal identity number already exists")
            })
        })?;
        let current = participants::table
            .find(id)
            .select(ParticipantRow::as_select())
            .first(self)
            .optional()?
            .ok_or_else(|| ApiError::not_found("participant"))?;
        if updated == 0 {
            return Err(ApiError::Stale { current_version: current.version });
        }
        Ok(current)
    }
});
