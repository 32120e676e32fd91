//! Contacts (journal entries) with one or more participants.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use super::backend_impl;
use super::schema::{contact_participants, contacts};
use super::versioned::versioned_update;
use crate::error::ApiResult;

#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = contacts, treat_none_as_null = true)]
pub struct ContactRow {
    pub id: String,
    pub staff_id: String,
    pub occurred_at: NaiveDateTime,
    pub kind: String,
    pub note: Option<String>,
    pub created_by: String,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub version: i32,
}

#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable, Insertable)]
#[diesel(table_name = contact_participants)]
pub struct ContactParticipantRow {
    pub contact_id: String,
    pub participant_id: String,
    pub attended: bool,
}

pub type ContactWithParticipants = (ContactRow, Vec<ContactParticipantRow>);

pub trait ContactStore {
    fn insert_contact(
        &mut self,
        row: &ContactRow,
        people: &[ContactParticipantRow],
    ) -> ApiResult<()>;
    fn get_contact(&mut self, id: &str) -> ApiResult<Option<ContactWithParticipants>>;
    /// Replaces the contact and its participant list if `expected_version` is current.
    fn update_contact(
        &mut self,
        expected_version: i32,
        row: &ContactRow,
        people: &[ContactParticipantRow],
    ) -> ApiResult<()>;
    fn delete_contact(&mut self, id: &str) -> ApiResult<()>;
    /// A participant's contacts, newest first.
    fn contacts_of(
        &mut self,
        participant_id: &str,
        limit: i64,
        offset: i64,
    ) -> ApiResult<(Vec<ContactWithParticipants>, i64)>;
    /// Attended contacts of a participant dated from `from` to `to` (inclusive, `None`: open).
    fn attended_contacts(
        &mut self,
        participant_id: &str,
        from: NaiveDate,
        to: Option<NaiveDate>,
    ) -> ApiResult<i64>;
}

backend_impl!(impl ContactStore {
    fn insert_contact(&mut self, row: &ContactRow, people: &[ContactParticipantRow]) -> ApiResult<()> {
        diesel::insert_into(contacts::table).values(row).execute(self)?;
        for p in people {
            diesel::insert_into(contact_participants::table).values(p).execute(self)?;
        }
        Ok(())
    }

    fn get_contact(&mut self, id: &str) -> ApiResult<Option<ContactWithParticipants>> {
        let Some(row) = contacts::table.find(id).select(ContactRow::as_select()).first(self).optional()? else {
            return Ok(None);
        };
        let people = contact_participants::table
            .filter(contact_participants::contact_id.eq(id))
            .select(ContactParticipantRow::as_select())
            .order(contact_participants::participant_id.asc())
            .load(self)?;
        Ok(Some((row, people)))
    }

    fn update_contact(
        &mut self,
        expected_version: i32,
        row: &ContactRow,
        people: &[ContactParticipantRow],
    ) -> ApiResult<()> {
        versioned_update!(self, contacts, row, expected_version)?;
        diesel::delete(contact_participants::table.filter(contact_participants::contact_id.eq(&row.id)))
            .execute(self)?;
        for p in people {
            diesel::insert_into(contact_participants::table).values(p).execute(self)?;
        }
        Ok(())
    }

    fn delete_contact(&mut self, id: &str) -> ApiResult<()> {
        diesel::delete(contact_participants::table.filter(contact_participants::contact_id.eq(id)))
            .execute(self)?;
        diesel::delete(contacts::table.find(id)).execute(self)?;
        Ok(())
    }

    fn contacts_of(
        &mut self,
        participant_id: &str,
        limit: i64,
        offset: i64,
    ) -> ApiResult<(Vec<ContactWithParticipants>, i64)> {
        let ids = contact_participants::table
            .filter(contact_participants::participant_id.eq(participant_id))
            .select(contact_participants::contact_id);
        let total: i64 = contacts::table.filter(contacts::id.eq_any(ids)).count().get_result(self)?;
        let rows: Vec<ContactRow> = contacts::table
            .filter(contacts::id.eq_any(ids))
            .select(ContactRow::as_select())
            .order((contacts::occurred_at.desc(), contacts::id.desc()))
            .limit(limit)
            .offset(offset)
            .load(self)?;
        let row_ids: Vec<String> = rows.iter().map(|r| r.id.clone()).collect();
        let people: Vec<ContactParticipantRow> = contact_participants::table
            .filter(contact_participants::contact_id.eq_any(&row_ids))
            .select(ContactParticipantRow::as_select())
            .order(contact_participants::participant_id.asc())
            .load(self)?;
        let items = rows
            .into_iter()
            .map(|r| {
                let mine = people.iter().filter(|p| p.contact_id == r.id).cloned().collect();
                (r, mine)
            })
            .collect();
        Ok((items, total))
    }

    fn attended_contacts(
        &mut self,
        participant_id: &str,
        from: NaiveDate,
        to: Option<NaiveDate>,
    ) -> ApiResult<i64> {
        let from = from.and_hms_opt(0, 0, 0).unwrap_or_default();
        let mut q = contacts::table
            .inner_join(contact_participants::table)
            .filter(contact_participants::participant_id.eq(participant_id))
            .filter(contact_participants::attended.eq(true))
            .filter(contacts::occurred_at.ge(from))
            .into_boxed();
        if let Some(to) = to.and_then(|d| d.succ_opt()).and_then(|d| d.and_hms_opt(0, 0, 0)) {
            q = q.filter(contacts::occurred_at.lt(to));
        }
        Ok(q.count().get_result(self)?)
    }
});
