//! Importing and exporting tenancies: each row is a [`TenancyInput`], checked by the same rules as
//! `POST /tenancies` (the housing policy for the participant, the apartment's unit and status, no
//! overlap with another tenancy of the apartment or the participant) and written the same way
//! (ladder history, follow-ups). The participant may be named by its `external_id`, the
//! apartment by its own. An upsert may change what `PUT /tenancies/{id}` may change: the planned
//! takeover and the note. Moving out and taking over a lease stay with their own endpoints.

use serde_json::{Map, Value};

use super::Request;
use super::generic::{
    Reference, Resource, Written, exported, fixed, keyset, participant_by_external_id, refused_on,
};
use crate::auth::CurrentUser;
use crate::auth::policy::{self, HousingAction};
use crate::error::ApiResult;
use crate::routes::housing::authorised;
use crate::routes::housing::tenancies::{NewTenancy, TenancyInput, replan, start_tenancy};
use crate::store::Store;
use crate::store::audit::AuditRow;
use crate::store::housing::TenancyRow;
use crate::store::participants::ParticipantRow;

pub struct Tenancies;

/// The apartment with this external id.
fn apartment_by_external_id(store: &mut dyn Store, external_id: &str) -> ApiResult<Option<String>> {
    Ok(store.apartment_by_external_id(external_id)?.map(|a| a.id))
}

/// A checked row: the participant (authorised to manage their housing) and the tenancy.
pub struct Valid {
    participant: ParticipantRow,
    tenancy: NewTenancy,
}

impl Resource for Tenancies {
    type Input = TenancyInput;
    type Valid = Valid;
    type Row = TenancyRow;
    const AUDIT: &'static str = "tenancy";
    /// An overlap with another tenancy (409 from the create rule) is about the move-in date.
    const UNIQUE_FIELD: &'static str = "move_in_on";
    const REFERENCES: &'static [Reference] = &[
        Reference {
            field: "participant_id",
            what: "participant",
            lookup: participant_by_external_id,
        },
        Reference {
            field: "apartment_id",
            what: "apartment",
            lookup: apartment_by_external_id,
        },
    ];

    fn validate(
        store: &mut dyn Store,
        request: &Request,
        input: TenancyInput,
        _: Option<&TenancyRow>,
    ) -> ApiResult<Valid> {
        let (participant_id, tenancy) = input.validate()?;
        let participant = authorised(
            store,
            &request.user,
            &participant_id,
            HousingAction::Manage,
            "tenancy",
            request.today,
        )
        .and_then(|r| r)
        .map_err(|e| refused_on("participant_id", e))?;
        Ok(Valid {
            participant,
            tenancy,
        })
    }

    fn by_id(store: &mut dyn Store, id: &str) -> ApiResult<Option<TenancyRow>> {
        store.get_tenancy(id)
    }

    fn by_external_id(store: &mut dyn Store, external_id: &str) -> ApiResult<Option<TenancyRow>> {
        store.tenancy_by_external_id(external_id)
    }

    fn may_update(store: &mut dyn Store, request: &Request, current: &TenancyRow) -> ApiResult<()> {
        authorised(
            store,
            &request.user,
            &current.participant_id,
            HousingAction::Manage,
            "tenancy",
            request.today,
        )?
        .map(|_| ())
    }

    fn create(store: &mut dyn Store, request: &Request, valid: Valid) -> ApiResult<Written> {
        let row = start_tenancy(
            store,
            &request.user,
            &valid.participant,
            valid.tenancy,
            request.today,
        )
        .map_err(|e| refused_on("apartment_id", e))?;
        Ok(Written {
            id: row.id,
            participants: vec![row.participant_id],
        })
    }

    fn update(
        store: &mut dyn Store,
        _: &Request,
        current: TenancyRow,
        valid: Valid,
    ) -> ApiResult<Option<Written>> {
        let new = valid.tenancy;
        fixed(
            "tenancy",
            &[
                (
                    "participant_id",
                    &valid.participant.id,
                    &current.participant_id,
                ),
                ("apartment_id", &new.apartment_id, &current.apartment_id),
                (
                    "move_in_on",
                    &new.move_in_on.to_string(),
                    &current.move_in_on.to_string(),
                ),
            ],
        )?;
        // Left out, the planned takeover stays as it is (the create default applies only once).
        let planned = new
            .planned_takeover_on
            .unwrap_or(current.planned_takeover_on);
        if planned == current.planned_takeover_on && new.note == current.note {
            return Ok(None);
        }
        let row = replan(store, &current, current.version, planned, new.note)?;
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
    ) -> ApiResult<(Vec<TenancyRow>, Option<String>)> {
        let scope = policy::participant_scope(user, today)?;
        Ok(keyset::<Self>(
            store.export_tenancies(&scope, after, limit)?,
            limit,
        ))
    }

    fn id(row: &TenancyRow) -> &str {
        &row.id
    }

    fn record(row: &TenancyRow) -> ApiResult<Map<String, Value>> {
        let mut record = Map::new();
        record.insert("participant_id".into(), row.participant_id.clone().into());
        record.insert("apartment_id".into(), row.apartment_id.clone().into());
        record.insert("move_in_on".into(), row.move_in_on.to_string().into());
        record.insert(
            "planned_takeover_on".into(),
            row.planned_takeover_on.to_string().into(),
        );
        if let Some(note) = &row.note {
            record.insert("note".into(), note.clone().into());
        }
        if let Some(e) = &row.external_id {
            record.insert("external_id".into(), e.clone().into());
        }
        Ok(record)
    }

    fn export_audit(user: &CurrentUser, row: &TenancyRow) -> Vec<AuditRow> {
        vec![exported::<Self>(user, &row.id, &row.participant_id)]
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::import::columns::Columns;

    #[test]
    fn an_exported_tenancy_has_exactly_the_import_columns() {
        let day = chrono::NaiveDate::from_ymd_opt(2012, 2, 1).unwrap();
        let row = TenancyRow {
            id: "t".into(),
            apartment_id: "a".into(),
            participant_id: "p".into(),
            move_in_on: day,
            planned_takeover_on: day,
            moved_out_on: None,
            move_out_reason: None,
            taken_over_on: None,
            note: Some("n".into()),
            created_at: chrono::NaiveDateTime::default(),
            updated_at: chrono::NaiveDateTime::default(),
            version: 1,
            external_id: Some("X".into()),
        };
        let mut exported: Vec<String> = Tenancies::record(&row).unwrap().keys().cloned().collect();
        let mut columns = Columns::of::<TenancyInput>().names;
        exported.sort();
        columns.sort();
        assert_eq!(exported, columns);
    }
}
