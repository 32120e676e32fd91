//! Candidates for duplicate detection: everyone with the same personnummer or the same date of
//! birth. `domain::duplicate::likeness` then decides which of them look like the same person.

use chrono::NaiveDate;
use diesel::prelude::*;

use super::backend_impl;
use super::participants::ParticipantRow;
use super::schema::participants;
use crate::error::ApiResult;

pub trait DuplicateStore {
    fn duplicate_candidates(
        &mut self,
        pin: Option<&str>,
        date_of_birth: Option<NaiveDate>,
    ) -> ApiResult<Vec<ParticipantRow>>;
}

backend_impl!(impl DuplicateStore {
    fn duplicate_candidates(
        &mut self,
        pin: Option<&str>,
        date_of_birth: Option<NaiveDate>,
    ) -> ApiResult<Vec<ParticipantRow>> {
        if pin.is_none() && date_of_birth.is_none() {
            return Ok(Vec::new());
        }
        let mut q = participants::table.select(ParticipantRow::as_select()).into_boxed();
        q = match (pin, date_of_birth) {
            (Some(pin), Some(dob)) => q.filter(
                participants::personal_identity_number
                    .eq(pin.to_owned())
                    .or(participants::date_of_birth.eq(dob)),
            ),
            (Some(pin), None) => q.filter(participants::personal_identity_number.eq(pin.to_owned())),
            (None, Some(dob)) => q.filter(participants::date_of_birth.eq(dob)),
            (None, None) => q,
        };
        Ok(q.order(participants::id.asc()).limit(100).load(self)?)
    }
});
