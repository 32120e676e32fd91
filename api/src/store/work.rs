//! Work rehabilitation: employers, study visits, activities and their hours, internship
//! agreements with follow-ups and extensions, employment outcomes and hand-overs.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use super::backend_impl;
use super::schema::{
    activities, activity_hours, agreement_extensions, agreement_follow_ups, employers,
    employment_outcomes, handovers, internship_agreements, study_visits,
};
use super::scope::visible_participant_ids;
use super::versioned::versioned_update;
use crate::error::{ApiError, ApiResult};
use crate::store::participants::ParticipantScope;

#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = employers, treat_none_as_null = true)]
pub struct EmployerRow {
    pub id: String,
    pub name: String,
    pub organisation_number: Option<String>,
    pub sector: String,
    pub address: Option<String>,
    pub contact_person: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    /// JSON array of text.
    pub work_kinds: String,
    pub notes: Option<String>,
    pub search_key: String,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub version: i32,
    /// The key of this employer in the system it was imported from; unique when given.
    pub external_id: Option<String>,
}

impl EmployerRow {
    pub fn work_kind_list(&self) -> Vec<String> {
        serde_json::from_str(&self.work_kinds).unwrap_or_default()
    }
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = study_visits, treat_none_as_null = true)]
pub struct StudyVisitRow {
    pub id: String,
    pub participant_id: String,
    pub employer_id: String,
    pub visited_on: NaiveDate,
    pub staff_id: String,
    pub note: Option<String>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub version: i32,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = activities, treat_none_as_null = true)]
pub struct ActivityRow {
    pub id: String,
    pub participant_id: String,
    pub enrolment_id: String,
    pub kind: String,
    pub provider_employer_id: Option<String>,
    pub provider_name: Option<String>,
    pub start_date: NaiveDate,
    pub planned_end: Option<NaiveDate>,
    pub actual_end: Option<NaiveDate>,
    pub status: String,
    pub end_reason: Option<String>,
    pub led_to_employment: bool,
    pub note: Option<String>,
    pub created_by: String,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub version: i32,
    /// The key of this activity in the system it was imported from; unique when given.
    pub external_id: Option<String>,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = activity_hours)]
pub struct HoursRow {
    pub id: String,
    pub activity_id: String,
    pub from_date: NaiveDate,
    pub hours_per_week: i32,
    pub recorded_by: String,
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = internship_agreements, treat_none_as_null = true)]
pub struct AgreementRow {
    pub id: String,
    pub activity_id: String,
    pub period_start: NaiveDate,
    pub original_end: NaiveDate,
    pub period_end: NaiveDate,
    pub signed_on: Option<NaiveDate>,
    pub insurance_confirmed: bool,
    pub workplace_contact: String,
    pub ended_early_on: Option<NaiveDate>,
    pub ended_by: Option<String>,
    pub end_reason: Option<String>,
    pub created_by: String,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub version: i32,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = agreement_follow_ups)]
pub struct FollowUpRow {
    pub id: String,
    pub agreement_id: String,
    pub occurred_on: NaiveDate,
    pub kind: String,
    pub note: Option<String>,
    pub staff_id: String,
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = agreement_extensions)]
pub struct ExtensionRow {
    pub id: String,
    pub agreement_id: String,
    pub decided_on: NaiveDate,
    pub previous_end: NaiveDate,
    pub new_end: NaiveDate,
    pub follow_up_id: String,
    pub staff_id: String,
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = employment_outcomes, treat_none_as_null = true)]
pub struct OutcomeRow {
    pub id: String,
    pub activity_id: String,
    pub participant_id: String,
    pub kind: String,
    pub employer_id: Option<String>,
    pub employer_name: Option<String>,
    pub start_date: NaiveDate,
    pub hours_per_week: i32,
    pub employment_service_contact: Option<String>,
    pub note: Option<String>,
    pub created_by: String,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub version: i32,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = handovers, treat_none_as_null = true)]
pub struct HandoverRow {
    pub id: String,
    pub participant_id: String,
    pub enrolment_id: Option<String>,
    pub kind: String,
    pub handed_over_on: NaiveDate,
    pub note: Option<String>,
    pub created_by: String,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub version: i32,
}

#[derive(Debug, Clone, Default)]
pub struct EmployerFilter {
    /// Lower-cased text matched within the search key (name, organisation number, kinds of work).
    pub q: Option<String>,
    pub sector: Option<String>,
    pub limit: i64,
    pub offset: i64,
}

/// Filters shared by the participant-scoped work lists.
#[derive(Debug, Clone)]
pub struct WorkFilter {
    pub scope: ParticipantScope,
    pub participant_id: Option<String>,
    pub enrolment_id: Option<String>,
    pub employer_id: Option<String>,
    pub status: Option<String>,
    pub limit: i64,
    pub offset: i64,
}

impl WorkFilter {
    pub fn new(scope: ParticipantScope, limit: i64, offset: i64) -> Self {
        Self {
            scope,
            participant_id: None,
            enrolment_id: None,
            employer_id: None,
            status: None,
            limit,
            offset,
        }
    }
}

/// Which agreements to list.
#[derive(Debug, Clone)]
pub struct AgreementFilter {
    pub scope: ParticipantScope,
    pub participant_id: Option<String>,
    /// Running (not ended early) agreements whose current end lies in this range.
    pub ending_between: Option<(NaiveDate, NaiveDate)>,
    pub limit: i64,
    pub offset: i64,
}

pub trait WorkStore {
    fn insert_employer(&mut self, row: &EmployerRow) -> ApiResult<()>;
    fn get_employer(&mut self, id: &str) -> ApiResult<Option<EmployerRow>>;
    fn employer_by_organisation_number(&mut self, number: &str) -> ApiResult<Option<EmployerRow>>;
    fn update_employer(&mut self, expected_version: i32, row: &EmployerRow) -> ApiResult<()>;
    fn list_employers(&mut self, f: &EmployerFilter) -> ApiResult<(Vec<EmployerRow>, i64)>;
    fn employer_by_external_id(&mut self, external_id: &str) -> ApiResult<Option<EmployerRow>>;
    fn activity_by_external_id(&mut self, external_id: &str) -> ApiResult<Option<ActivityRow>>;
    /// Activities of participants in `scope` after `after` (by id), for a keyset-paged export.
    fn export_activities(
        &mut self,
        scope: &ParticipantScope,
        after: Option<&str>,
        limit: i64,
    ) -> ApiResult<Vec<ActivityRow>>;
    /// Employers after `after` (by id), for a keyset-paged export.
    fn export_employers(&mut self, after: Option<&str>, limit: i64) -> ApiResult<Vec<EmployerRow>>;
    /// (placements, placements that led to employment) with this employer, across all units.
    fn employer_placement_counts(&mut self, employer_id: &str) -> ApiResult<(i64, i64)>;

    fn insert_study_visit(&mut self, row: &StudyVisitRow) -> ApiResult<()>;
    fn get_study_visit(&mut self, id: &str) -> ApiResult<Option<StudyVisitRow>>;
    fn list_study_visits(&mut self, f: &WorkFilter) -> ApiResult<(Vec<StudyVisitRow>, i64)>;

    fn insert_activity(&mut self, row: &ActivityRow) -> ApiResult<()>;
    fn get_activity(&mut self, id: &str) -> ApiResult<Option<ActivityRow>>;
    fn update_activity(&mut self, expected_version: i32, row: &ActivityRow) -> ApiResult<()>;
    fn list_activities(&mut self, f: &WorkFilter) -> ApiResult<(Vec<ActivityRow>, i64)>;
    /// All activities of a participant, oldest first.
    fn activities_of(&mut self, participant_id: &str) -> ApiResult<Vec<ActivityRow>>;

    fn insert_hours(&mut self, row: &HoursRow) -> ApiResult<()>;
    /// The hours timeline of an activity, oldest first.
    fn hours_of(&mut self, activity_id: &str) -> ApiResult<Vec<HoursRow>>;

    fn insert_agreement(&mut self, row: &AgreementRow) -> ApiResult<()>;
    fn get_agreement(&mut self, id: &str) -> ApiResult<Option<AgreementRow>>;
    fn agreement_of_activity(&mut self, activity_id: &str) -> ApiResult<Option<AgreementRow>>;
    fn update_agreement(&mut self, expected_version: i32, row: &AgreementRow) -> ApiResult<()>;
    fn list_agreements(
        &mut self,
        f: &AgreementFilter,
    ) -> ApiResult<(Vec<(AgreementRow, ActivityRow)>, i64)>;
    fn insert_follow_up(&mut self, row: &FollowUpRow) -> ApiResult<()>;
    fn follow_ups_of(&mut self, agreement_id: &str) -> ApiResult<Vec<FollowUpRow>>;
    fn insert_extension(&mut self, row: &ExtensionRow) -> ApiResult<()>;
    fn extensions_of(&mut self, agreement_id: &str) -> ApiResult<Vec<ExtensionRow>>;

    fn insert_outcome(&mut self, row: &OutcomeRow) -> ApiResult<()>;
    fn get_outcome(&mut self, id: &str) -> ApiResult<Option<OutcomeRow>>;
    fn outcome_of_activity(&mut self, activity_id: &str) -> ApiResult<Option<OutcomeRow>>;
    fn list_outcomes(&mut self, f: &WorkFilter) -> ApiResult<(Vec<OutcomeRow>, i64)>;

    fn insert_handover(&mut self, row: &HandoverRow) -> ApiResult<()>;
    fn get_handover(&mut self, id: &str) -> ApiResult<Option<HandoverRow>>;
    fn list_handovers(&mut self, f: &WorkFilter) -> ApiResult<(Vec<HandoverRow>, i64)>;
}

macro_rules! employers_filtered {
    ($f:expr) => {{
        let f: &EmployerFilter = $f;
        let mut q = employers::table.into_boxed();
        if let Some(text) = &f.q {
            q = q.filter(
                employers::search_key
                    .like(super::like_contains(text))
                    .escape('\\'),
            );
        }
        if let Some(s) = &f.sector {
            q = q.filter(employers::sector.eq(s.clone()));
        }
        q
    }};
}

macro_rules! visible_filtered {
    ($table:ident, $f:expr) => {{
        let f: &WorkFilter = $f;
        let visible = visible_participant_ids!(&f.scope, f.participant_id.as_ref());
        let mut q = $table::table
            .filter($table::participant_id.eq_any(visible))
            .into_boxed();
        if let Some(p) = &f.participant_id {
            q = q.filter($table::participant_id.eq(p.clone()));
        }
        q
    }};
}

macro_rules! activities_filtered {
    ($f:expr) => {{
        let f: &WorkFilter = $f;
        let mut q = visible_filtered!(activities, f);
        if let Some(e) = &f.enrolment_id {
            q = q.filter(activities::enrolment_id.eq(e.clone()));
        }
        if let Some(e) = &f.employer_id {
            q = q.filter(activities::provider_employer_id.eq(e.clone()));
        }
        if let Some(s) = &f.status {
            q = q.filter(activities::status.eq(s.clone()));
        }
        q
    }};
}

macro_rules! study_visits_filtered {
    ($f:expr) => {{
        let f: &WorkFilter = $f;
        let mut q = visible_filtered!(study_visits, f);
        if let Some(e) = &f.employer_id {
            q = q.filter(study_visits::employer_id.eq(e.clone()));
        }
        q
    }};
}

macro_rules! agreements_filtered {
    ($f:expr) => {{
        let f: &AgreementFilter = $f;
        let visible = visible_participant_ids!(&f.scope);
        let mut q = internship_agreements::table
            .inner_join(activities::table)
            .filter(activities::participant_id.eq_any(visible))
            .into_boxed();
        if let Some(p) = &f.participant_id {
            q = q.filter(activities::participant_id.eq(p.clone()));
        }
        if let Some((from, to)) = f.ending_between {
            q = q
                .filter(internship_agreements::ended_early_on.is_null())
                .filter(internship_agreements::period_end.ge(from))
                .filter(internship_agreements::period_end.le(to));
        }
        q
    }};
}

backend_impl!(impl WorkStore {
    fn insert_employer(&mut self, row: &EmployerRow) -> ApiResult<()> {
        diesel::insert_into(employers::table)
            .values(row)
            .execute(self)
            .map_err(|e| {
                super::on_unique_violation(e, || {
                    ApiError::conflict("an employer with this organisation number exists")
                })
            })?;
        Ok(())
    }

    fn get_employer(&mut self, id: &str) -> ApiResult<Option<EmployerRow>> {
        Ok(employers::table.find(id).select(EmployerRow::as_select()).first(self).optional()?)
    }

    fn employer_by_organisation_number(&mut self, number: &str) -> ApiResult<Option<EmployerRow>> {
        Ok(employers::table
            .filter(employers::organisation_number.eq(number))
            .select(EmployerRow::as_select())
            .first(self)
            .optional()?)
    }

    fn update_employer(&mut self, expected_version: i32, row: &EmployerRow) -> ApiResult<()> {
        versioned_update!(self, employers, row, expected_version)
    }

    fn list_employers(&mut self, f: &EmployerFilter) -> ApiResult<(Vec<EmployerRow>, i64)> {
        let total = employers_filtered!(f).count().get_result(self)?;
        let items = employers_filtered!(f)
            .select(EmployerRow::as_select())
            .order((employers::name.asc(), employers::id.asc()))
            .limit(f.limit)
            .offset(f.offset)
            .load(self)?;
        Ok((items, total))
    }

    fn activity_by_external_id(&mut self, external_id: &str) -> ApiResult<Option<ActivityRow>> {
        Ok(activities::table
            .filter(activities::external_id.eq(external_id))
            .select(ActivityRow::as_select())
            .first(self)
            .optional()?)
    }

    fn export_activities(
        &mut self,
        scope: &ParticipantScope,
        after: Option<&str>,
        limit: i64,
    ) -> ApiResult<Vec<ActivityRow>> {
        let visible = visible_participant_ids!(scope);
        let mut q = activities::table
            .filter(activities::participant_id.eq_any(visible))
            .into_boxed();
        if let Some(after) = after {
            q = q.filter(activities::id.gt(after.to_owned()));
        }
        Ok(q.select(ActivityRow::as_select())
            .order(activities::id.asc())
            .limit(limit)
            .load(self)?)
    }

    fn employer_by_external_id(&mut self, external_id: &str) -> ApiResult<Option<EmployerRow>> {
        Ok(employers::table
            .filter(employers::external_id.eq(external_id))
            .select(EmployerRow::as_select())
            .first(self)
            .optional()?)
    }

    fn export_employers(&mut self, after: Option<&str>, limit: i64) -> ApiResult<Vec<EmployerRow>> {
        let mut q = employers::table.into_boxed();
        if let Some(after) = after {
            q = q.filter(employers::id.gt(after.to_owned()));
        }
        Ok(q.select(EmployerRow::as_select())
            .order(employers::id.asc())
            .limit(limit)
            .load(self)?)
    }

    fn employer_placement_counts(&mut self, employer_id: &str) -> ApiResult<(i64, i64)> {
        let total = activities::table
            .filter(activities::provider_employer_id.eq(employer_id))
            .count()
            .get_result(self)?;
        let hired = activities::table
            .filter(activities::provider_employer_id.eq(employer_id))
            .filter(activities::led_to_employment.eq(true))
            .count()
            .get_result(self)?;
        Ok((total, hired))
    }

    fn insert_study_visit(&mut self, row: &StudyVisitRow) -> ApiResult<()> {
        diesel::insert_into(study_visits::table).values(row).execute(self)?;
        Ok(())
    }

    fn get_study_visit(&mut self, id: &str) -> ApiResult<Option<StudyVisitRow>> {
        Ok(study_visits::table.find(id).select(StudyVisitRow::as_select()).first(self).optional()?)
    }

    fn list_study_visits(&mut self, f: &WorkFilter) -> ApiResult<(Vec<StudyVisitRow>, i64)> {
        let total = study_visits_filtered!(f).count().get_result(self)?;
        let items = study_visits_filtered!(f)
            .select(StudyVisitRow::as_select())
            .order((study_visits::visited_on.desc(), study_visits::id.desc()))
            .limit(f.limit)
            .offset(f.offset)
            .load(self)?;
        Ok((items, total))
    }

    fn insert_activity(&mut self, row: &ActivityRow) -> ApiResult<()> {
        diesel::insert_into(activities::table).values(row).execute(self)?;
        Ok(())
    }

    fn get_activity(&mut self, id: &str) -> ApiResult<Option<ActivityRow>> {
        Ok(activities::table.find(id).select(ActivityRow::as_select()).first(self).optional()?)
    }

    fn update_activity(&mut self, expected_version: i32, row: &ActivityRow) -> ApiResult<()> {
        versioned_update!(self, activities, row, expected_version)
    }

    fn list_activities(&mut self, f: &WorkFilter) -> ApiResult<(Vec<ActivityRow>, i64)> {
        let total = activities_filtered!(f).count().get_result(self)?;
        let items = activities_filtered!(f)
            .select(ActivityRow::as_select())
            .order((activities::start_date.desc(), activities::id.desc()))
            .limit(f.limit)
            .offset(f.offset)
            .load(self)?;
        Ok((items, total))
    }

    fn activities_of(&mut self, participant_id: &str) -> ApiResult<Vec<ActivityRow>> {
        Ok(activities::table
            .filter(activities::participant_id.eq(participant_id))
            .select(ActivityRow::as_select())
            .order((activities::start_date.asc(), activities::id.asc()))
            .load(self)?)
    }

    fn insert_hours(&mut self, row: &HoursRow) -> ApiResult<()> {
        diesel::insert_into(activity_hours::table).values(row).execute(self)?;
        Ok(())
    }

    fn hours_of(&mut self, activity_id: &str) -> ApiResult<Vec<HoursRow>> {
        Ok(activity_hours::table
            .filter(activity_hours::activity_id.eq(activity_id))
            .select(HoursRow::as_select())
            .order(activity_hours::from_date.asc())
            .load(self)?)
    }

    fn insert_agreement(&mut self, row: &AgreementRow) -> ApiResult<()> {
        diesel::insert_into(internship_agreements::table)
            .values(row)
            .execute(self)
            .map_err(|e| {
                super::on_unique_violation(e, || {
                    ApiError::conflict("the activity already has an internship agreement")
                })
            })?;
        Ok(())
    }

    fn get_agreement(&mut self, id: &str) -> ApiResult<Option<AgreementRow>> {
        Ok(internship_agreements::table
            .find(id)
            .select(AgreementRow::as_select())
            .first(self)
            .optional()?)
    }

    fn agreement_of_activity(&mut self, activity_id: &str) -> ApiResult<Option<AgreementRow>> {
        Ok(internship_agreements::table
            .filter(internship_agreements::activity_id.eq(activity_id))
            .select(AgreementRow::as_select())
            .first(self)
            .optional()?)
    }

    fn update_agreement(&mut self, expected_version: i32, row: &AgreementRow) -> ApiResult<()> {
        versioned_update!(self, internship_agreements, row, expected_version)
    }

    fn list_agreements(
        &mut self,
        f: &AgreementFilter,
    ) -> ApiResult<(Vec<(AgreementRow, ActivityRow)>, i64)> {
        let total = agreements_filtered!(f).count().get_result(self)?;
        let items = agreements_filtered!(f)
            .select((AgreementRow::as_select(), ActivityRow::as_select()))
            .order((internship_agreements::period_end.asc(), internship_agreements::id.asc()))
            .limit(f.limit)
            .offset(f.offset)
            .load(self)?;
        Ok((items, total))
    }

    fn insert_follow_up(&mut self, row: &FollowUpRow) -> ApiResult<()> {
        diesel::insert_into(agreement_follow_ups::table).values(row).execute(self)?;
        Ok(())
    }

    fn follow_ups_of(&mut self, agreement_id: &str) -> ApiResult<Vec<FollowUpRow>> {
        Ok(agreement_follow_ups::table
            .filter(agreement_follow_ups::agreement_id.eq(agreement_id))
            .select(FollowUpRow::as_select())
            .order((agreement_follow_ups::occurred_on.asc(), agreement_follow_ups::id.asc()))
            .load(self)?)
    }

    fn insert_extension(&mut self, row: &ExtensionRow) -> ApiResult<()> {
        diesel::insert_into(agreement_extensions::table)
            .values(row)
            .execute(self)
            .map_err(|e| {
                super::on_unique_violation(e, || {
                    ApiError::conflict("this follow-up already supports another extension")
                })
            })?;
        Ok(())
    }

    fn extensions_of(&mut self, agreement_id: &str) -> ApiResult<Vec<ExtensionRow>> {
        Ok(agreement_extensions::table
            .filter(agreement_extensions::agreement_id.eq(agreement_id))
            .select(ExtensionRow::as_select())
            .order((agreement_extensions::decided_on.asc(), agreement_extensions::id.asc()))
            .load(self)?)
    }

    fn insert_outcome(&mut self, row: &OutcomeRow) -> ApiResult<()> {
        diesel::insert_into(employment_outcomes::table)
            .values(row)
            .execute(self)
            .map_err(|e| {
                super::on_unique_violation(e, || {
                    ApiError::conflict("the activity already has an employment outcome")
                })
            })?;
        Ok(())
    }

    fn get_outcome(&mut self, id: &str) -> ApiResult<Option<OutcomeRow>> {
        Ok(employment_outcomes::table
            .find(id)
            .select(OutcomeRow::as_select())
            .first(self)
            .optional()?)
    }

    fn outcome_of_activity(&mut self, activity_id: &str) -> ApiResult<Option<OutcomeRow>> {
        Ok(employment_outcomes::table
            .filter(employment_outcomes::activity_id.eq(activity_id))
            .select(OutcomeRow::as_select())
            .first(self)
            .optional()?)
    }

    fn list_outcomes(&mut self, f: &WorkFilter) -> ApiResult<(Vec<OutcomeRow>, i64)> {
        let total = visible_filtered!(employment_outcomes, f).count().get_result(self)?;
        let items = visible_filtered!(employment_outcomes, f)
            .select(OutcomeRow::as_select())
            .order((employment_outcomes::start_date.desc(), employment_outcomes::id.desc()))
            .limit(f.limit)
            .offset(f.offset)
            .load(self)?;
        Ok((items, total))
    }

    fn insert_handover(&mut self, row: &HandoverRow) -> ApiResult<()> {
        diesel::insert_into(handovers::table).values(row).execute(self)?;
        Ok(())
    }

    fn get_handover(&mut self, id: &str) -> ApiResult<Option<HandoverRow>> {
        Ok(handovers::table.find(id).select(HandoverRow::as_select()).first(self).optional()?)
    }

    fn list_handovers(&mut self, f: &WorkFilter) -> ApiResult<(Vec<HandoverRow>, i64)> {
        let total = visible_filtered!(handovers, f).count().get_result(self)?;
        let items = visible_filtered!(handovers, f)
            .select(HandoverRow::as_select())
            .order((handovers::handed_over_on.desc(), handovers::id.desc()))
            .limit(f.limit)
            .offset(f.offset)
            .load(self)?;
        Ok((items, total))
    }
});
