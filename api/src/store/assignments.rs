//! Staff assignments to participants (the table the permission policy reads for "assigned"),
//! and a staff member's caseload.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use super::backend_impl;
use super::participants::{ParticipantRow, ParticipantScope};
use super::schema::{participant_assignments, participants};
use super::scope::visible_participant_ids;
use super::versioned::participant_records;
use crate::error::ApiResult;

#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = participant_assignments, treat_none_as_null = true)]
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

participant_records!(
    AssignmentStore,
    AssignmentRow,
    participant_assignments,
    start_date,
    insert_assignment,
    get_assignment,
    assignments_of,
    update_assignment
);

pub trait CaseloadStore {
    /// The participants (visible in `scope`) that `staff_id` has a running assignment with on
    /// `scope.today`, with those assignments; sorted by name.
    fn caseload(
        &mut self,
        staff_id: &str,
        scope: &ParticipantScope,
    ) -> ApiResult<Vec<(ParticipantRow, Vec<AssignmentRow>)>>;
}

backend_impl!(impl CaseloadStore {
    fn caseload(
        &mut self,
        staff_id: &str,
        scope: &ParticipantScope,
    ) -> ApiResult<Vec<(ParticipantRow, Vec<AssignmentRow>)>> {
        let running: Vec<AssignmentRow> = participant_assignments::table
            .filter(participant_assignments::staff_id.eq(staff_id))
            .filter(participant_assignments::start_date.le(scope.today))
            .filter(
                participant_assignments::end_date
                    .is_null()
                    .or(participant_assignments::end_date.ge(scope.today)),
            )
            .filter(participant_assignments::participant_id.eq_any(visible_participant_ids!(scope)))
            .select(AssignmentRow::as_select())
            .order(participant_assignments::start_date.asc())
            .load(self)?;
        let ids: Vec<String> = running.iter().map(|a| a.participant_id.clone()).collect();
        let people: Vec<ParticipantRow> = participants::table
            .filter(participants::id.eq_any(&ids))
            .select(ParticipantRow::as_select())
            .order((participants::last_name.asc(), participants::first_name.asc(), participants::id.asc()))
            .load(self)?;
        Ok(people
            .into_iter()
            .map(|p| {
                let mine = running.iter().filter(|a| a.participant_id == p.id).cloned().collect();
                (p, mine)
            })
            .collect())
    }
});
