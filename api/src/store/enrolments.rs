//! Enrolments (inskrivningar) in programmes, and the mapping (kartläggning) of each.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use super::backend_impl;
use super::schema::{enrolment_mappings, enrolments};
use super::scope::visible_participant_ids;
use super::versioned::versioned_update;
use crate::error::{ApiError, ApiResult};
use crate::store::participants::ParticipantScope;

#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = enrolments, treat_none_as_null = true)]
pub struct EnrolmentRow {
    pub id: String,
    pub participant_id: String,
    pub programme_id: String,
    pub referral_id: Option<String>,
    pub start_date: NaiveDate,
    pub end_date: Option<NaiveDate>,
    pub end_status: Option<String>,
    pub end_note: Option<String>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub version: i32,
    /// The key of this enrolment in the system it was imported from; unique when given.
    pub external_id: Option<String>,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = enrolment_mappings, treat_none_as_null = true)]
pub struct MappingRow {
    pub enrolment_id: String,
    pub current_housing: Option<String>,
    pub substance_use: Option<String>,
    pub authority_contacts: Option<String>,
    pub ongoing_interventions: Option<String>,
    pub education: Option<String>,
    pub years_since_last_job: Option<i32>,
    pub work_experience: Option<String>,
    pub disabilities: Option<String>,
    pub work_ability_limits: Option<String>,
    pub own_goal: Option<String>,
    pub first_step: Option<String>,
    pub completed_on: Option<NaiveDate>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub version: i32,
}

#[derive(Debug, Clone)]
pub struct EnrolmentFilter {
    pub scope: ParticipantScope,
    pub participant_id: Option<String>,
    pub programme_id: Option<String>,
    /// `Some(true)`: only enrolments without an end date.
    pub ongoing: Option<bool>,
    pub limit: i64,
    pub offset: i64,
}

pub trait EnrolmentStore {
    fn insert_enrolment(&mut self, row: &EnrolmentRow) -> ApiResult<()>;
    fn get_enrolment(&mut self, id: &str) -> ApiResult<Option<EnrolmentRow>>;
    fn list_enrolments(&mut self, f: &EnrolmentFilter) -> ApiResult<(Vec<EnrolmentRow>, i64)>;
    fn enrolments_of(&mut self, participant_id: &str) -> ApiResult<Vec<EnrolmentRow>>;
    fn enrolment_by_external_id(&mut self, external_id: &str) -> ApiResult<Option<EnrolmentRow>>;
    /// Enrolments of participants in `scope` after `after` (by id), for a keyset-paged export.
    fn export_enrolments(
        &mut self,
        scope: &ParticipantScope,
        after: Option<&str>,
        limit: i64,
    ) -> ApiResult<Vec<EnrolmentRow>>;
    fn update_enrolment(&mut self, expected_version: i32, row: &EnrolmentRow) -> ApiResult<()>;
    fn get_mapping(&mut self, enrolment_id: &str) -> ApiResult<Option<MappingRow>>;
    /// Inserts when `expected_version` is 0 (no mapping yet), else a versioned update.
    fn save_mapping(&mut self, expected_version: i32, row: &MappingRow) -> ApiResult<()>;
}

macro_rules! filtered {
    ($f:expr) => {{
        let f: &EnrolmentFilter = $f;
        let visible = visible_participant_ids!(&f.scope, f.participant_id.as_ref());
        let mut q = enrolments::table
            .filter(enrolments::participant_id.eq_any(visible))
            .into_boxed();
        if let Some(p) = &f.participant_id {
            q = q.filter(enrolments::participant_id.eq(p.clone()));
        }
        if let Some(p) = &f.programme_id {
            q = q.filter(enrolments::programme_id.eq(p.clone()));
        }
        match f.ongoing {
            Some(true) => q = q.filter(enrolments::end_date.is_null()),
            Some(false) => q = q.filter(enrolments::end_date.is_not_null()),
            None => {}
        }
        q
    }};
}

backend_impl!(impl EnrolmentStore {
    fn insert_enrolment(&mut self, row: &EnrolmentRow) -> ApiResult<()> {
        diesel::insert_into(enrolments::table).values(row).execute(self)?;
        Ok(())
    }

    fn get_enrolment(&mut self, id: &str) -> ApiResult<Option<EnrolmentRow>> {
        Ok(enrolments::table.find(id).select(EnrolmentRow::as_select()).first(self).optional()?)
    }

    fn list_enrolments(&mut self, f: &EnrolmentFilter) -> ApiResult<(Vec<EnrolmentRow>, i64)> {
        let total = filtered!(f).count().get_result(self)?;
        let items = filtered!(f)
            .select(EnrolmentRow::as_select())
            .order((enrolments::start_date.desc(), enrolments::id.desc()))
            .limit(f.limit)
            .offset(f.offset)
            .load(self)?;
        Ok((items, total))
    }

    fn enrolment_by_external_id(&mut self, external_id: &str) -> ApiResult<Option<EnrolmentRow>> {
        Ok(enrolments::table
            .filter(enrolments::external_id.eq(external_id))
            .select(EnrolmentRow::as_select())
            .first(self)
            .optional()?)
    }

    fn export_enrolments(
        &mut self,
        scope: &ParticipantScope,
        after: Option<&str>,
        limit: i64,
    ) -> ApiResult<Vec<EnrolmentRow>> {
        let visible = visible_participant_ids!(scope);
        let mut q = enrolments::table
            .filter(enrolments::participant_id.eq_any(visible))
            .into_boxed();
        if let Some(after) = after {
            q = q.filter(enrolments::id.gt(after.to_owned()));
        }
        Ok(q.select(EnrolmentRow::as_select())
            .order(enrolments::id.asc())
            .limit(limit)
            .load(self)?)
    }

    fn enrolments_of(&mut self, participant_id: &str) -> ApiResult<Vec<EnrolmentRow>> {
        Ok(enrolments::table
            .filter(enrolments::participant_id.eq(participant_id))
            .select(EnrolmentRow::as_select())
            .order((enrolments::start_date.asc(), enrolments::id.asc()))
            .load(self)?)
    }

    fn update_enrolment(&mut self, expected_version: i32, row: &EnrolmentRow) -> ApiResult<()> {
        versioned_update!(self, enrolments, row, expected_version)
    }

    fn get_mapping(&mut self, enrolment_id: &str) -> ApiResult<Option<MappingRow>> {
        Ok(enrolment_mappings::table
            .find(enrolment_id)
            .select(MappingRow::as_select())
            .first(self)
            .optional()?)
    }

    fn save_mapping(&mut self, expected_version: i32, row: &MappingRow) -> ApiResult<()> {
        let current: Option<i32> = enrolment_mappings::table
            .find(&row.enrolment_id)
            .select(enrolment_mappings::version)
            .first(self)
            .optional()?;
        match current {
            None if expected_version == 0 => {
                diesel::insert_into(enrolment_mappings::table).values(row).execute(self)?;
                Ok(())
            }
            None => Err(ApiError::Stale { current_version: 0 }),
            Some(v) if v != expected_version => Err(ApiError::Stale { current_version: v }),
            Some(v) => {
                let n = diesel::update(
                    enrolment_mappings::table
                        .find(&row.enrolment_id)
                        .filter(enrolment_mappings::version.eq(v)),
                )
                .set(row)
                .execute(self)?;
                if n == 0 {
                    return Err(ApiError::Stale { current_version: v + 1 });
                }
                Ok(())
            }
        }
    }
});
