//! Importing and exporting housing-queue entries: each row is a [`QueueEntryInput`], checked by
//! the same rules as `POST /queue-entries` (the housing policy for the participant, not already
//! waiting or notified). The participant may be named by its `external_id`. An upsert changes
//! what `PUT /queue-entries/{id}` changes (wish, join date, priority, readiness, note); notifying,
//! moving in and removing stay with their own endpoints.

use serde_json::{Map, Value};

use super::Request;
use super::generic::{
    Reference, Resource, Written, exported, keyset, participant_by_external_id, refused_on,
};
use crate::auth::CurrentUser;
use crate::auth::policy::{self, HousingAction};
use crate::error::{ApiError, ApiResult};
use crate::routes::housing::authorised;
use crate::routes::housing::queue::{QueueEntryInput, ValidEntry, enqueue};
use crate::store::Store;
use crate::store::audit::AuditRow;
use crate::store::housing::{QueueEntryChanges, QueueEntryRow};
use crate::store::participants::ParticipantRow;
use crate::store::time;

pub struct QueueEntries;

/// A checked row and its participant (authorised to join the queue).
pub struct Valid {
    participant: ParticipantRow,
    entry: ValidEntry,
}

fn participant(
    store: &mut dyn Store,
    request: &Request,
    participant_id: &str,
    action: HousingAction,
) -> ApiResult<ParticipantRow> {
    authorised(
        store,
        &request.user,
        participant_id,
        action,
        "queue_entry",
        request.today,
    )?
}

impl Resource for QueueEntries {
    type Input = QueueEntryInput;
    type Valid = Valid;
    type Row = QueueEntryRow;
    const AUDIT: &'static str = "queue_entry";
    /// "Already in the queue" (409 from the create rule) is about the participant.
    const UNIQUE_FIELD: &'static str = "participant_id";
    const REFERENCES: &'static [Reference] = &[Reference {
        field: "participant_id",
        what: "participant",
        lookup: participant_by_external_id,
    }];

    fn validate(
        store: &mut dyn Store,
        request: &Request,
        input: QueueEntryInput,
        current: Option<&QueueEntryRow>,
    ) -> ApiResult<Valid> {
        let entry = input.validate(request.today)?;
        let participant = participant(
            store,
            request,
            &entry.participant_id,
            HousingAction::JoinQueue,
        )
        .map_err(|e| refused_on("participant_id", e))?;
        // Checked here as well as on create, so that it is reported after an earlier bad row too.
        if let Some(active) = store.active_queue_entry(&participant.id)?
            && current.is_none_or(|q| q.id != active)
        {
            return Err(ApiError::field(
                "participant_id",
                "the participant is already in the queue",
            ));
        }
        Ok(Valid { participant, entry })
    }

    fn by_id(store: &mut dyn Store, id: &str) -> ApiResult<Option<QueueEntryRow>> {
        store.get_queue_entry(id)
    }

    fn by_external_id(
        store: &mut dyn Store,
        external_id: &str,
    ) -> ApiResult<Option<QueueEntryRow>> {
        store.queue_entry_by_external_id(external_id)
    }

    fn may_update(
        store: &mut dyn Store,
        request: &Request,
        current: &QueueEntryRow,
    ) -> ApiResult<()> {
        participant(
            store,
            request,
            &current.participant_id,
            HousingAction::Manage,
        )
        .map(|_| ())
    }

    fn create(store: &mut dyn Store, _: &Request, valid: Valid) -> ApiResult<Written> {
        let row = enqueue(store, &valid.participant, valid.entry)?;
        Ok(Written {
            id: row.id,
            participants: vec![row.participant_id],
        })
    }

    fn update(
        store: &mut dyn Store,
        _: &Request,
        current: QueueEntryRow,
        valid: Valid,
    ) -> ApiResult<Option<Written>> {
        let changes = valid.entry.changes_to(&current)?;
        if changes == QueueEntryChanges::from(&current) {
            return Ok(None);
        }
        let row = store.update_queue_entry(&current.id, current.version, &changes, time::now())?;
        Ok(Some(Written {
            id: row.id,
            participants: vec![row.participant_id],
        }))
    }

    fn export_page(
        store: &mut dyn Store,
        user: &CurrentUser,
        today: chrono::NaiveDate,
        after: Option<&str>,
        limit: i64,
    ) -> ApiResult<(Vec<QueueEntryRow>, Option<String>)> {
        let scope = policy::participant_scope(user, today)?;
        Ok(keyset::<Self>(
            store.export_queue_entries(&scope, after, limit)?,
            limit,
        ))
    }

    fn id(row: &QueueEntryRow) -> &str {
        &row.id
    }

    fn record(row: &QueueEntryRow) -> ApiResult<Map<String, Value>> {
        let mut record = Map::new();
        let mut put = |name: &str, value: Value| {
            if !value.is_null() {
                record.insert(name.to_owned(), value);
            }
        };
        put("participant_id", row.participant_id.clone().into());
        put("wish", row.wish.clone().into());
        put("joined_on", row.joined_on.to_string().into());
        put("priority", row.priority.into());
        put("ready", row.ready.into());
        put("not_ready_reason", row.not_ready_reason.clone().into());
        put("note", row.note.clone().into());
        put("external_id", row.external_id.clone().into());
        Ok(record)
    }

    fn export_audit(user: &CurrentUser, row: &QueueEntryRow) -> Vec<AuditRow> {
        vec![exported::<Self>(user, &row.id, &row.participant_id)]
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::import::columns::Columns;

    #[test]
    fn an_exported_queue_entry_has_exactly_the_import_columns() {
        let day = chrono::NaiveDate::from_ymd_opt(2012, 2, 1).unwrap();
        let row = QueueEntryRow {
            id: "q".into(),
            participant_id: "p".into(),
            unit_id: "u".into(),
            wish: "trial_apartment".into(),
            joined_on: day,
            priority: 2,
            ready: false,
            not_ready_reason: Some("r".into()),
            status: "waiting".into(),
            notified_on: None,
            moved_in_on: None,
            removed_on: None,
            removal_reason: None,
            removal_note: None,
            tenancy_id: None,
            note: Some("n".into()),
            created_at: chrono::NaiveDateTime::default(),
            updated_at: chrono::NaiveDateTime::default(),
            version: 1,
            external_id: Some("X".into()),
        };
        let mut exported: Vec<String> = QueueEntries::record(&row)
            .unwrap()
            .keys()
            .cloned()
            .collect();
        let mut columns = Columns::of::<QueueEntryInput>().names;
        exported.sort();
        columns.sort();
        assert_eq!(exported, columns);
    }
}
