//! Referrals (intresseanmälan / remiss) into a programme.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use super::backend_impl;
use super::schema::referrals;
use super::scope::visible_participant_ids;
use super::versioned::versioned_update;
use crate::error::ApiResult;
use crate::store::participants::ParticipantScope;

#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = referrals, treat_none_as_null = true)]
pub struct ReferralRow {
    pub id: String,
    pub participant_id: String,
    pub programme_id: String,
    pub referring_unit_id: String,
    pub referring_staff_id: String,
    pub referred_on: NaiveDate,
    pub reason: String,
    pub target_group: String,
    pub assessment: Option<String>,
    pub status: String,
    pub first_meeting_on: Option<NaiveDate>,
    pub status_changed_on: NaiveDate,
    pub status_note: Option<String>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub version: i32,
    /// The key of this referral in the system it was imported from; unique when given.
    pub external_id: Option<String>,
}

#[derive(Debug, Clone)]
pub struct ReferralFilter {
    /// Only referrals of participants the caller may see.
    pub scope: ParticipantScope,
    pub participant_id: Option<String>,
    pub programme_id: Option<String>,
    pub status: Option<String>,
    pub limit: i64,
    pub offset: i64,
}

pub trait ReferralStore {
    fn insert_referral(&mut self, row: &ReferralRow) -> ApiResult<()>;
    fn get_referral(&mut self, id: &str) -> ApiResult<Option<ReferralRow>>;
    fn list_referrals(&mut self, f: &ReferralFilter) -> ApiResult<(Vec<ReferralRow>, i64)>;
    fn update_referral(&mut self, expected_version: i32, row: &ReferralRow) -> ApiResult<()>;
    fn referral_by_external_id(&mut self, external_id: &str) -> ApiResult<Option<ReferralRow>>;
    /// Referrals of participants in `scope` after `after` (by id), for a keyset-paged export.
    fn export_referrals(
        &mut self,
        scope: &ParticipantScope,
        after: Option<&str>,
        limit: i64,
    ) -> ApiResult<Vec<ReferralRow>>;
}

macro_rules! filtered {
    ($f:expr) => {{
        let f: &ReferralFilter = $f;
        let visible = visible_participant_ids!(&f.scope, f.participant_id.as_ref());
        let mut q = referrals::table
            .filter(referrals::participant_id.eq_any(visible))
            .into_boxed();
        if let Some(p) = &f.participant_id {
            q = q.filter(referrals::participant_id.eq(p.clone()));
        }
        if let Some(p) = &f.programme_id {
            q = q.filter(referrals::programme_id.eq(p.clone()));
        }
        if let Some(s) = &f.status {
            q = q.filter(referrals::status.eq(s.clone()));
        }
        q
    }};
}

backend_impl!(impl ReferralStore {
    fn insert_referral(&mut self, row: &ReferralRow) -> ApiResult<()> {
        diesel::insert_into(referrals::table).values(row).execute(self)?;
        Ok(())
    }

    fn get_referral(&mut self, id: &str) -> ApiResult<Option<ReferralRow>> {
        Ok(referrals::table.find(id).select(ReferralRow::as_select()).first(self).optional()?)
    }

    fn list_referrals(&mut self, f: &ReferralFilter) -> ApiResult<(Vec<ReferralRow>, i64)> {
        let total = filtered!(f).count().get_result(self)?;
        let items = filtered!(f)
            .select(ReferralRow::as_select())
            .order((referrals::referred_on.desc(), referrals::id.desc()))
            .limit(f.limit)
            .offset(f.offset)
            .load(self)?;
        Ok((items, total))
    }

    fn update_referral(&mut self, expected_version: i32, row: &ReferralRow) -> ApiResult<()> {
        versioned_update!(self, referrals, row, expected_version)
    }

    fn referral_by_external_id(&mut self, external_id: &str) -> ApiResult<Option<ReferralRow>> {
        Ok(referrals::table
            .filter(referrals::external_id.eq(external_id))
            .select(ReferralRow::as_select())
            .first(self)
            .optional()?)
    }

    fn export_referrals(
        &mut self,
        scope: &ParticipantScope,
        after: Option<&str>,
        limit: i64,
    ) -> ApiResult<Vec<ReferralRow>> {
        let visible = visible_participant_ids!(scope);
        let mut q = referrals::table
            .filter(referrals::participant_id.eq_any(visible))
            .into_boxed();
        if let Some(after) = after {
            q = q.filter(referrals::id.gt(after.to_owned()));
        }
        Ok(q.select(ReferralRow::as_select())
            .order(referrals::id.asc())
            .limit(limit)
            .load(self)?)
    }
});
