//! Candidates for duplicate detection: everyone with the same personnummer or the same date of
//! birth. `domain::duplicate::likeness` then decides which of them look like the same person.

use chrono::NaiveDate;
use diesel::prelude::*;

use super::backend_impl;
use super::schema::participants;
use crate::error::ApiResult;

/// What `likeness` compares, and no more: every registration reads the candidates (everyone born
/// the same day), and decoding whole participant rows was most of that read's time.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = participants)]
pub struct CandidateRow {
    pub id: String,
    pub personal_identity_number: Option<String>,
    pub first_name: String,
    pub last_name: String,
    pub date_of_birth: Option<NaiveDate>,
}

pub trait DuplicateStore {
    fn duplicate_candidates(
        &mut self,
        pin: Option<&str>,
        date_of_birth: Option<NaiveDate>,
    ) -> ApiResult<Vec<CandidateRow>>;
}

backend_impl!(impl DuplicateStore {
    fn duplicate_candidates(
        &mut self,
        pin: Option<&str>,
        date_of_birth: Option<NaiveDate>,
    ) -> ApiResult<Vec<CandidateRow>> {
        // One statically typed query per shape, not a boxed one: diesel caches the prepared
        // statement of a static query, and a boxed one was prepared again on every call (every
        // registration runs this: a third of SQLite's writer time under the create load was here,
        // mostly preparing).
        macro_rules! candidates {
            ($filter:expr) => {
                participants::table
                    .filter($filter)
                    .select(CandidateRow::as_select())
                    .order(participants::id.asc())
                    .limit(100)
                    .load(self)?
            };
        }
        Ok(match (pin, date_of_birth) {
            (Some(pin), Some(dob)) => candidates!(
                participants::personal_identity_number
                    .eq(pin)
                    .or(participants::date_of_birth.eq(dob))
            ),
            (Some(pin), None) => candidates!(participants::personal_identity_number.eq(pin)),
            (None, Some(dob)) => candidates!(participants::date_of_birth.eq(dob)),
            (None, None) => Vec::new(),
        })
    }
});
