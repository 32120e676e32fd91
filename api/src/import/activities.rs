//! Importing and exporting activities: each row is an [`ActivityInput`], checked by the same
//! rules as `POST /activities` (the enrolment, the participant's work-rehabilitation policy, the
//! employer register, dates within the enrolment); an upsert changes what `PUT /activities/{id}`
//! may change. `provider_employer_id` may be an employer's Stegvis id or its `external_id`.

use serde_json::{Map, Value};

use super::Request;
use super::generic::{Reference, Resource, Written, exported, fixed, keyset, refused_on};
use crate::audit::Action;
use crate::auth::CurrentUser;
use crate::auth::policy;
use crate::error::ApiResult;
use crate::routes::scoped::Ctx;
use crate::routes::work::activities::{
    ActivityInput, ValidActivity, changed_activity, new_activity, validate_activity,
};
use crate::store::Store;
use crate::store::audit::AuditRow;
use crate::store::time;
use crate::store::work::ActivityRow;

pub struct Activities;

fn employer_by_external_id(store: &mut dyn Store, external_id: &str) -> ApiResult<Option<String>> {
    Ok(store.employer_by_external_id(external_id)?.map(|e| e.id))
}

fn ctx<'a>(store: &'a mut dyn Store, request: &'a Request, action: Action) -> Ctx<'a> {
    Ctx::new(store, &request.user, request.today, "activity", action)
}

/// What an upsert may change, to tell an unchanged activity.
fn content(r: &ActivityRow) -> impl PartialEq + use<'_> {
    (
        (&r.kind, &r.provider_employer_id, &r.provider_name),
        (r.start_date, r.planned_end, &r.note, &r.external_id),
    )
}

impl Resource for Activities {
    type Input = ActivityInput;
    type Valid = ValidActivity;
    type Row = ActivityRow;
    const AUDIT: &'static str = "activity";
    const UNIQUE_FIELD: &'static str = "external_id";
    const REFERENCES: &'static [Reference] = &[Reference {
        field: "provider_employer_id",
        what: "employer",
        lookup: employer_by_external_id,
    }];

    fn validate(
        store: &mut dyn Store,
        request: &Request,
        input: ActivityInput,
        _: Option<&ActivityRow>,
    ) -> ApiResult<ValidActivity> {
        let valid = validate_activity(input)?;
        // Every rule but the external id's (an existing one is an upsert), writing nothing.
        let probe = ValidActivity {
            external_id: None,
            ..valid.clone()
        };
        new_activity(&mut ctx(store, request, Action::Create), probe)
            .map_err(|e| refused_on("enrolment_id", e))?;
        Ok(valid)
    }

    fn by_id(store: &mut dyn Store, id: &str) -> ApiResult<Option<ActivityRow>> {
        store.get_activity(id)
    }

    fn by_external_id(store: &mut dyn Store, external_id: &str) -> ApiResult<Option<ActivityRow>> {
        store.activity_by_external_id(external_id)
    }

    fn may_update(
        store: &mut dyn Store,
        request: &Request,
        current: &ActivityRow,
    ) -> ApiResult<()> {
        crate::routes::work::participant(
            &mut ctx(store, request, Action::Update),
            &current.participant_id,
            true,
        )
        .map(|_| ())
    }

    fn create(
        store: &mut dyn Store,
        request: &Request,
        valid: ValidActivity,
    ) -> ApiResult<Written> {
        let (row, hours) = new_activity(&mut ctx(store, request, Action::Create), valid)
            .map_err(|e| refused_on("enrolment_id", e))?;
        store.insert_activity(&row)?;
        if let Some(hours) = &hours {
            store.insert_hours(hours)?;
        }
        Ok(Written {
            participants: vec![row.participant_id],
            id: row.id,
        })
    }

    fn update(
        store: &mut dyn Store,
        request: &Request,
        current: ActivityRow,
        valid: ValidActivity,
    ) -> ApiResult<Option<Written>> {
        fixed(
            "activity",
            &[(
                "enrolment_id",
                &valid.enrolment_id.to_string(),
                &current.enrolment_id,
            )],
        )?;
        let mut row = changed_activity(
            &mut ctx(store, request, Action::Update),
            current.clone(),
            valid.fields,
        )
        .map_err(|e| refused_on("kind", e))?;
        if content(&row) == content(&current) {
            return Ok(None);
        }
        row.updated_at = time::now();
        row.version = current.version + 1;
        store.update_activity(current.version, &row)?;
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
    ) -> ApiResult<(Vec<ActivityRow>, Option<String>)> {
        let scope = policy::participant_scope(user, today)?;
        Ok(keyset::<Self>(
            store.export_activities(&scope, after, limit)?,
            limit,
        ))
    }

    fn id(row: &ActivityRow) -> &str {
        &row.id
    }

    fn record(row: &ActivityRow) -> ApiResult<Map<String, Value>> {
        let mut record = Map::new();
        let mut put = |name: &str, value: Value| {
            if !value.is_null() {
                record.insert(name.to_owned(), value);
            }
        };
        put("enrolment_id", row.enrolment_id.clone().into());
        put("kind", row.kind.clone().into());
        put(
            "provider_employer_id",
            row.provider_employer_id.clone().into(),
        );
        put("provider_name", row.provider_name.clone().into());
        put("start_date", row.start_date.to_string().into());
        put("planned_end", row.planned_end.map(|d| d.to_string()).into());
        put("note", row.note.clone().into());
        put("external_id", row.external_id.clone().into());
        Ok(record)
    }

    fn export_audit(user: &CurrentUser, row: &ActivityRow) -> Vec<AuditRow> {
        vec![exported::<Self>(user, &row.id, &row.participant_id)]
    }
}
