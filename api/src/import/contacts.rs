//! Importing and exporting contacts (journal entries): each row is a [`ContactInput`], checked
//! by the same rules as `POST /contacts` and `PUT /contacts/{id}` (everyone on it visible to you
//! and yours to record casework for, attendance not in the future, an active staff member). In
//! CSV the `participants` cell is a JSON array, e.g. `[{"participant_id":"LC-1","attended":true}]`;
//! each `participant_id` may be a Stegvis id or the participant's `external_id`.

use serde_json::{Map, Value, json};

use super::Request;
use super::generic::{
    Reference, Resource, Written, exported, participant_by_external_id, refused_on,
};
use crate::audit::Action;
use crate::auth::CurrentUser;
use crate::auth::policy;
use crate::error::{ApiResult, FieldError};
use crate::routes::contacts::ContactInput;
use crate::routes::contacts::import::{self as rules, Valid};
use crate::routes::scoped::Ctx;
use crate::routes::utc;
use crate::store::Store;
use crate::store::audit::AuditRow;
use crate::store::contacts::ContactWithParticipants;
use crate::store::time;

pub struct Contacts;

const PARTICIPANT: Reference = Reference {
    field: "participant_id",
    what: "participant",
    lookup: participant_by_external_id,
};

/// What an upsert compares to tell an unchanged contact.
fn content(c: &ContactWithParticipants) -> impl PartialEq + use<'_> {
    let (r, people) = c;
    let mut people: Vec<(&str, bool)> = people
        .iter()
        .map(|p| (p.participant_id.as_str(), p.attended))
        .collect();
    people.sort_unstable();
    (
        (&r.staff_id, r.occurred_at, &r.kind, &r.note, &r.external_id),
        people,
    )
}

fn ctx<'a>(store: &'a mut dyn Store, request: &'a Request, action: Action) -> Ctx<'a> {
    Ctx::new(store, &request.user, request.today, "contact", action)
}

impl Resource for Contacts {
    type Input = ContactInput;
    type Valid = Valid;
    type Row = ContactWithParticipants;
    const AUDIT: &'static str = "contact";
    const UNIQUE_FIELD: &'static str = "external_id";

    fn resolve(
        store: &mut dyn Store,
        fields: &mut Map<String, Value>,
    ) -> ApiResult<Vec<FieldError>> {
        let mut unknown = Vec::new();
        if let Some(Value::Array(people)) = fields.get_mut("participants") {
            for (i, person) in people.iter_mut().enumerate() {
                if let Some(id) = person.get_mut("participant_id")
                    && let Some(e) = PARTICIPANT.resolve(
                        store,
                        &format!("participants[{i}].participant_id"),
                        id,
                    )?
                {
                    unknown.push(e);
                }
            }
        }
        Ok(unknown)
    }

    fn validate(
        store: &mut dyn Store,
        request: &Request,
        input: ContactInput,
        _: Option<&ContactWithParticipants>,
    ) -> ApiResult<Valid> {
        let valid = rules::validate(input, request.today)?;
        rules::check(&mut ctx(store, request, Action::Create), &valid)
            .map_err(|e| refused_on("participants", e))?;
        Ok(valid)
    }

    fn by_id(store: &mut dyn Store, id: &str) -> ApiResult<Option<ContactWithParticipants>> {
        store.get_contact(id)
    }

    fn by_external_id(
        store: &mut dyn Store,
        external_id: &str,
    ) -> ApiResult<Option<ContactWithParticipants>> {
        store.contact_by_external_id(external_id)
    }

    fn may_update(
        store: &mut dyn Store,
        request: &Request,
        current: &ContactWithParticipants,
    ) -> ApiResult<()> {
        rules::may_change(&mut ctx(store, request, Action::Update), current)
    }

    fn create(store: &mut dyn Store, request: &Request, valid: Valid) -> ApiResult<Written> {
        let (row, people) = rules::new(&mut ctx(store, request, Action::Create), valid)
            .map_err(|e| refused_on("participants", e))?;
        store.insert_contact(&row, &people)?;
        Ok(Written {
            participants: people.into_iter().map(|p| p.participant_id).collect(),
            id: row.id,
        })
    }

    fn update(
        store: &mut dyn Store,
        request: &Request,
        current: ContactWithParticipants,
        valid: Valid,
    ) -> ApiResult<Option<Written>> {
        let version = current.0.version;
        let changed = rules::changed(
            &mut ctx(store, request, Action::Update),
            current.0.clone(),
            valid,
        )
        .map_err(|e| refused_on("participants", e))?;
        if content(&changed) == content(&current) {
            return Ok(None);
        }
        let (mut row, people) = changed;
        row.updated_at = time::now();
        row.version = version + 1;
        store.update_contact(version, &row, &people)?;
        Ok(Some(Written {
            participants: people.into_iter().map(|p| p.participant_id).collect(),
            id: row.id,
        }))
    }

    fn export_page(
        store: &mut dyn Store,
        user: &CurrentUser,
        today: chrono::NaiveDate,
        after: Option<&str>,
        limit: i64,
    ) -> ApiResult<(Vec<ContactWithParticipants>, Option<String>)> {
        let scope = policy::participant_scope(user, today)?;
        store.export_contacts(&scope, after, limit)
    }

    fn id(row: &ContactWithParticipants) -> &str {
        &row.0.id
    }

    fn record((row, people): &ContactWithParticipants) -> ApiResult<Map<String, Value>> {
        let mut record = Map::new();
        let mut put = |name: &str, value: Value| {
            if !value.is_null() {
                record.insert(name.to_owned(), value);
            }
        };
        put(
            "participants",
            people
                .iter()
                .map(|p| json!({"participant_id": p.participant_id, "attended": p.attended}))
                .collect::<Vec<_>>()
                .into(),
        );
        put("staff_id", row.staff_id.clone().into());
        put(
            "occurred_at",
            utc(row.occurred_at)
                .to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true)
                .into(),
        );
        put("kind", row.kind.clone().into());
        put("note", row.note.clone().into());
        put("external_id", row.external_id.clone().into());
        Ok(record)
    }

    fn export_audit(user: &CurrentUser, (row, people): &ContactWithParticipants) -> Vec<AuditRow> {
        people
            .iter()
            .map(|p| exported::<Self>(user, &row.id, &p.participant_id))
            .collect()
    }
}
