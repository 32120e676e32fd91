//! Contacts (journal entries) with one or more participants.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use super::backend_impl;
use super::schema::{contact_participants, contacts};
use super::scope::visible_participant_ids;
use super::versioned::versioned_update;
use crate::error::ApiResult;
use crate::store::participants::ParticipantScope;

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
    /// The key of this contact in the system it was imported from; unique when given.
    pub external_id: Option<String>,
}

/// Someone on a contact. The link also stores a copy of the contact's kind and time (for the
/// reports' counts); [`insert_links`] writes it, so there is no `Insertable` here.
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable)]
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
    fn contact_by_external_id(
        &mut self,
        external_id: &str,
    ) -> ApiResult<Option<ContactWithParticipants>>;
    /// Contacts after `after` (by id) with everyone on them in `scope`, from `limit` read, and
    /// the id to continue after (`None`: that was the last page).
    fn export_contacts(
        &mut self,
        scope: &ParticipantScope,
        after: Option<&str>,
        limit: i64,
    ) -> ApiResult<(Vec<ContactWithParticipants>, Option<String>)>;
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

/// The participant links of `row`, with the contact's kind and time copied onto each.
macro_rules! insert_links {
    ($conn:expr, $row:expr, $people:expr) => {{
        let row: &ContactRow = $row;
        let links: Vec<_> = $people
            .iter()
            .map(|p: &ContactParticipantRow| {
                (
                    contact_participants::contact_id.eq(&p.contact_id),
                    contact_participants::participant_id.eq(&p.participant_id),
                    contact_participants::attended.eq(p.attended),
                    contact_participants::kind.eq(&row.kind),
                    contact_participants::occurred_at.eq(row.occurred_at),
                )
            })
            .collect();
        for link in links {
            diesel::insert_into(contact_participants::table)
                .values(link)
                .execute($conn)?;
        }
    }};
}

backend_impl!(impl ContactStore {
    fn insert_contact(&mut self, row: &ContactRow, people: &[ContactParticipantRow]) -> ApiResult<()> {
        diesel::insert_into(contacts::table).values(row).execute(self)?;
        insert_links!(self, row, people);
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
        insert_links!(self, row, people);
        Ok(())
    }

    fn contact_by_external_id(&mut self, external_id: &str)
    -> ApiResult<Option<ContactWithParticipants>> {
        let id: Option<String> = contacts::table
            .filter(contacts::external_id.eq(external_id))
            .select(contacts::id)
            .first(self)
            .optional()?;
        match id {
            Some(id) => self.get_contact(&id),
            None => Ok(None),
        }
    }

    fn export_contacts(
        &mut self,
        scope: &ParticipantScope,
        after: Option<&str>,
        limit: i64,
    ) -> ApiResult<(Vec<ContactWithParticipants>, Option<String>)> {
        let with_visible = contact_participants::table
            .filter(contact_participants::participant_id.eq_any(visible_participant_ids!(scope)))
            .select(contact_participants::contact_id);
        let mut q = contacts::table.filter(contacts::id.eq_any(with_visible)).into_boxed();
        if let Some(after) = after {
            q = q.filter(contacts::id.gt(after.to_owned()));
        }
        let rows: Vec<ContactRow> = q
            .select(ContactRow::as_select())
            .order(contacts::id.asc())
            .limit(limit)
            .load(self)?;
        let next = (rows.len() as i64 == limit)
            .then(|| rows.last().map(|r| r.id.clone()))
            .flatten();
        let row_ids: Vec<String> = rows.iter().map(|r| r.id.clone()).collect();
        let hidden: Vec<String> = contact_participants::table
            .filter(contact_participants::contact_id.eq_any(&row_ids))
            .filter(diesel::dsl::not(
                contact_participants::participant_id.eq_any(visible_participant_ids!(scope)),
            ))
            .select(contact_participants::contact_id)
            .load(self)?;
        let people: Vec<ContactParticipantRow> = contact_participants::table
            .filter(contact_participants::contact_id.eq_any(&row_ids))
            .select(ContactParticipantRow::as_select())
            .order(contact_participants::participant_id.asc())
            .load(self)?;
        let items = rows
            .into_iter()
            .filter(|r| !hidden.contains(&r.id))
            .map(|r| {
                let mine = people.iter().filter(|p| p.contact_id == r.id).cloned().collect();
                (r, mine)
            })
            .collect();
        Ok((items, next))
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
        let mut q = contact_participants::table
            .filter(contact_participants::participant_id.eq(participant_id))
            .filter(contact_participants::attended.eq(true))
            .filter(contact_participants::occurred_at.ge(from))
            .into_boxed();
        if let Some(to) = to.and_then(|d| d.succ_opt()).and_then(|d| d.and_hms_opt(0, 0, 0)) {
            q = q.filter(contact_participants::occurred_at.lt(to));
        }
        Ok(q.count().get_result(self)?)
    }
});
