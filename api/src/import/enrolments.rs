//! Importing and exporting enrolments: each row is an [`EnrolmentInput`], checked by the same
//! rules as `POST /enrolments` (the participant's policy, an open case, the programme's period,
//! not already enrolled). The participant may be named by its `external_id`. An upsert may move
//! the start date, checked as `PUT /enrolments/{id}` checks it.

use serde_json::{Map, Value};

use super::Request;
use super::generic::{
    Reference, Resource, Written, exported, external_id, fixed, keyset, participant_by_external_id,
    refused_on,
};
use crate::audit::Action;
use crate::auth::CurrentUser;
use crate::auth::policy::{self, ParticipantAction};
use crate::error::ApiResult;
use crate::routes::enrolments::{EnrolmentInput, checked_enrolment, moved_start};
use crate::routes::scoped::Ctx;
use crate::store::Store;
use crate::store::audit::AuditRow;
use crate::store::enrolments::EnrolmentRow;
use crate::store::time;

pub struct Enrolments;

fn ctx<'a>(store: &'a mut dyn Store, request: &'a Request, action: Action) -> Ctx<'a> {
    Ctx::new(store, &request.user, request.today, "enrolment", action)
}

impl Resource for Enrolments {
    type Input = EnrolmentInput;
    /// The checked create body, and the enrolment it makes (to compare on an upsert).
    type Valid = EnrolmentRow;
    type Row = EnrolmentRow;
    const AUDIT: &'static str = "enrolment";
    const UNIQUE_FIELD: &'static str = "external_id";
    const REFERENCES: &'static [Reference] = &[Reference {
        field: "participant_id",
        what: "participant",
        lookup: participant_by_external_id,
    }];

    fn validate(
        store: &mut dyn Store,
        request: &Request,
        input: EnrolmentInput,
        current: Option<&EnrolmentRow>,
    ) -> ApiResult<EnrolmentRow> {
        let external_id = external_id(input.external_id.as_deref())?;
        // An existing enrolment is an upsert: it is compared, not refused.
        let existing = current.cloned();
        let input = EnrolmentInput {
            external_id: None,
            ..input
        };
        let mut row = match existing {
            Some(current)
                if current.participant_id == input.participant_id.to_string()
                    && current.programme_id == input.programme_id.to_string() =>
            {
                let mut c = ctx(store, request, Action::Update);
                c.participant(&current.participant_id, ParticipantAction::RecordCasework)
                    .map_err(|e| refused_on("participant_id", e))?;
                EnrolmentRow {
                    start_date: input.start_date,
                    ..current
                }
            }
            _ => checked_enrolment(&mut ctx(store, request, Action::Create), input)
                .map_err(|e| refused_on("participant_id", e))?,
        };
        row.external_id = external_id;
        Ok(row)
    }

    fn by_id(store: &mut dyn Store, id: &str) -> ApiResult<Option<EnrolmentRow>> {
        store.get_enrolment(id)
    }

    fn by_external_id(store: &mut dyn Store, external_id: &str) -> ApiResult<Option<EnrolmentRow>> {
        store.enrolment_by_external_id(external_id)
    }

    fn may_update(
        store: &mut dyn Store,
        request: &Request,
        current: &EnrolmentRow,
    ) -> ApiResult<()> {
        ctx(store, request, Action::Update)
            .participant(&current.participant_id, ParticipantAction::RecordCasework)
            .map(|_| ())
    }

    fn create(store: &mut dyn Store, _: &Request, valid: EnrolmentRow) -> ApiResult<Written> {
        store.insert_enrolment(&valid)?;
        Ok(Written {
            participants: vec![valid.participant_id],
            id: valid.id,
        })
    }

    fn update(
        store: &mut dyn Store,
        request: &Request,
        current: EnrolmentRow,
        valid: EnrolmentRow,
    ) -> ApiResult<Option<Written>> {
        fixed(
            "enrolment",
            &[
                (
                    "participant_id",
                    &valid.participant_id,
                    &current.participant_id,
                ),
                ("programme_id", &valid.programme_id, &current.programme_id),
            ],
        )?;
        if valid.start_date == current.start_date {
            return Ok(None);
        }
        let version = current.version;
        let mut row = moved_start(
            &mut ctx(store, request, Action::Update),
            current,
            valid.start_date,
        )
        .map_err(|e| refused_on("start_date", e))?;
        row.updated_at = time::now();
        row.version = version + 1;
        store.update_enrolment(version, &row)?;
        Ok(Some(Written {
            participants: vec![row.participant_id],
            id: row.id,
        }))
    }

    fn export_page(
        store: &mut dyn Store,
        user: &CurrentUser,
        today: chrono::NaiveDate,
        after: Option<&str>,
        limit: i64,
    ) -> ApiResult<(Vec<EnrolmentRow>, Option<String>)> {
        let scope = policy::participant_scope(user, today)?;
        Ok(keyset::<Self>(
            store.export_enrolments(&scope, after, limit)?,
            limit,
        ))
    }

    fn id(row: &EnrolmentRow) -> &str {
        &row.id
    }

    fn record(row: &EnrolmentRow) -> ApiResult<Map<String, Value>> {
        let mut record = Map::new();
        record.insert("participant_id".into(), row.participant_id.clone().into());
        record.insert("programme_id".into(), row.programme_id.clone().into());
        record.insert("start_date".into(), row.start_date.to_string().into());
        if let Some(e) = &row.external_id {
            record.insert("external_id".into(), e.clone().into());
        }
        Ok(record)
    }

    fn export_audit(user: &CurrentUser, row: &EnrolmentRow) -> Vec<AuditRow> {
        vec![exported::<Self>(user, &row.id, &row.participant_id)]
    }
}
