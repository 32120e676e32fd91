//! `/api/v1/contacts`: the journal — meetings, calls and visits with one or more participants.
//! Notes are personal data: every participant on a contact must be visible to the writer, and
//! every read is audited per participant. A participant's contacts: `/participants/{id}/contacts`.

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, delete, get, post, put, web};
use chrono::{DateTime, Utc};
use domain::contact::{ContactKind, check_attendance};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_actix_web::service_config::ServiceConfig;

use super::scoped::{Ctx, Errors, code, run};
use crate::app::AppState;
use crate::audit::Action;
use crate::auth::CurrentUser;
use crate::auth::policy::ParticipantAction;
use crate::error::{ApiError, ApiResult};
use crate::extract::{ApiJson, ApiQuery, parse_versioned};
use crate::routes::{etag, expected_version, list_envelope, paging, utc};
use crate::store::contacts::{ContactParticipantRow, ContactRow, ContactWithParticipants};
use crate::store::time;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(participant_contacts).service(
        utoipa_actix_web::scope("/contacts")
            .service(create_contact)
            .service(get_contact)
            .service(update_contact)
            .service(delete_contact),
    );
}

/// One participant on a contact.
#[derive(Debug, Clone, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ContactParticipant {
    pub participant_id: uuid::Uuid,
    /// false: did not come (uteblev). Must be false for a contact in the future.
    pub attended: bool,
}

#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"participants": [{"participant_id": "01936f4e-9a00-7b3c-8d2e-0a1b2c3d4e5f", "attended": true}],
    "staff_id": "01936f4e-8b1c-7d2a-9c3e-1f2a3b4c5d70", "occurred_at": "2012-02-03T09:00:00Z", "kind": "meeting",
    "note": "Kartläggning, andra samtalet. Mål: lagerarbete."}))]
pub struct ContactInput {
    /// 1–30 participants; each must be visible to you.
    pub participants: Vec<ContactParticipant>,
    /// The staff member who met them; defaults to you.
    #[serde(default)]
    pub staff_id: Option<uuid::Uuid>,
    pub occurred_at: DateTime<Utc>,
    pub kind: ContactKind,
    #[serde(default)]
    pub note: Option<String>,
    /// The contact's key in the system it comes from (imports upsert by it); unique when given.
    /// Left out on an update, the stored one is kept.
    #[serde(default)]
    pub external_id: Option<String>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(example = json!({"id": "01936f4e-9a00-7b3c-8d2e-0a1b2c3d4e63",
    "participants": [{"participant_id": "01936f4e-9a00-7b3c-8d2e-0a1b2c3d4e5f", "attended": true}],
    "staff_id": "01936f4e-8b1c-7d2a-9c3e-1f2a3b4c5d70", "occurred_at": "2012-02-03T09:00:00Z", "kind": "meeting",
    "note": "Kartläggning, andra samtalet. Mål: lagerarbete.", "created_by": "01936f4e-8b1c-7d2a-9c3e-1f2a3b4c5d70",
    "created_at": "2026-11-25T09:30:00Z", "updated_at": "2026-11-25T09:30:00Z", "version": 1}))]
pub struct ContactView {
    pub id: String,
    pub participants: Vec<ContactParticipantView>,
    pub staff_id: String,
    pub occurred_at: DateTime<Utc>,
    pub kind: ContactKind,
    pub note: Option<String>,
    pub created_by: String,
    /// The contact's key in the system it was imported from.
    pub external_id: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i32,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ContactParticipantView {
    pub participant_id: String,
    pub attended: bool,
}

fn view((r, people): ContactWithParticipants) -> ApiResult<ContactView> {
    Ok(ContactView {
        kind: code(&r.kind, "contacts.kind")?,
        participants: people
            .into_iter()
            .map(|p| ContactParticipantView {
                participant_id: p.participant_id,
                attended: p.attended,
            })
            .collect(),
        occurred_at: utc(r.occurred_at),
        created_at: utc(r.created_at),
        updated_at: utc(r.updated_at),
        id: r.id,
        staff_id: r.staff_id,
        note: r.note,
        created_by: r.created_by,
        external_id: r.external_id,
        version: r.version,
    })
}

list_envelope!(ContactList, ContactView);

struct ValidContact {
    external_id: Option<String>,
    people: Vec<(String, bool)>,
    staff_id: Option<String>,
    occurred_at: chrono::NaiveDateTime,
    kind: ContactKind,
    note: Option<String>,
}

fn validate(input: ContactInput, today: chrono::NaiveDate) -> ApiResult<ValidContact> {
    let mut e = Errors::default();
    let note = e.text("note", input.note, 8000);
    let external_id = e.text("external_id", input.external_id, 100);
    if input.participants.is_empty() || input.participants.len() > 30 {
        e.add("participants", "must list 1–30 participants");
    }
    let mut seen = std::collections::HashSet::new();
    for (i, p) in input.participants.iter().enumerate() {
        if !seen.insert(p.participant_id) {
            e.add(
                format!("participants[{i}].participant_id"),
                "is listed twice",
            );
        }
        if let Err(m) = check_attendance(input.occurred_at.date_naive(), p.attended, today) {
            e.add(format!("participants[{i}].attended"), m);
        }
    }
    e.finish()?;
    Ok(ValidContact {
        external_id,
        people: input
            .participants
            .iter()
            .map(|p| (p.participant_id.to_string(), p.attended))
            .collect(),
        staff_id: input.staff_id.map(|s| s.to_string()),
        occurred_at: input.occurred_at.naive_utc(),
        kind: input.kind,
        note,
    })
}

/// Authorises every participant on the contact and checks the staff member exists.
fn check(ctx: &mut Ctx<'_>, v: &ValidContact) -> ApiResult<String> {
    for (id, _) in &v.people {
        ctx.participant(id, ParticipantAction::RecordCasework)?;
    }
    let staff_id = v
        .staff_id
        .clone()
        .unwrap_or_else(|| ctx.user.staff_id.clone());
    if !ctx.store.get_staff(&staff_id)?.is_some_and(|s| s.active) {
        return Err(ApiError::field(
            "staff_id",
            "must be an active staff member",
        ));
    }
    Ok(staff_id)
}

fn people(contact_id: &str, v: &ValidContact) -> Vec<ContactParticipantRow> {
    v.people
        .iter()
        .map(|(p, attended)| ContactParticipantRow {
            contact_id: contact_id.to_owned(),
            participant_id: p.clone(),
            attended: *attended,
        })
        .collect()
}

/// Loads a contact and authorises every participant on it.
fn load(
    ctx: &mut Ctx<'_>,
    id: &str,
    action: ParticipantAction,
) -> ApiResult<ContactWithParticipants> {
    let found = ctx
        .store
        .get_contact(id)?
        .ok_or_else(|| ApiError::not_found("contact"))?;
    for p in &found.1 {
        ctx.participant(&p.participant_id, action)?;
    }
    Ok(found)
}

/// Record a contact (422 if a contact in the future is marked attended).
#[utoipa::path(tag = "contacts", request_body = ContactInput,
    responses((status = 201, body = ContactView, headers(("Location" = String)))), security(("bearer" = [])))]
#[post("")]
async fn create_contact(
    state: web::Data<AppState>,
    user: CurrentUser,
    ApiJson(input): ApiJson<ContactInput>,
) -> ApiResult<HttpResponse> {
    let v = validate(input, state.today())?;
    let out = run(&state, user, "contact", Action::Create, move |ctx| {
        let (row, people) = new_contact(ctx, v)?;
        ctx.store.insert_contact(&row, &people)?;
        for p in &people {
            ctx.audit(Some(&row.id), &p.participant_id);
        }
        Ok((row, people))
    })
    .await?;
    let out = view(out)?;
    Ok(HttpResponse::Created()
        .insert_header((header::LOCATION, format!("/api/v1/contacts/{}", out.id)))
        .insert_header(etag(out.version))
        .json(out))
}

/// A new contact, checked (everyone on it authorised, the staff member active) but not written:
/// for `POST /contacts` and the import alike.
fn new_contact(ctx: &mut Ctx<'_>, v: ValidContact) -> ApiResult<ContactWithParticipants> {
    let staff_id = check(ctx, &v)?;
    if let Some(external_id) = &v.external_id
        && ctx.store.contact_by_external_id(external_id)?.is_some()
    {
        return Err(ApiError::field(
            "external_id",
            "another contact has this external_id",
        ));
    }
    let now = time::now();
    let row = ContactRow {
        id: time::new_id(),
        staff_id,
        occurred_at: v.occurred_at,
        kind: v.kind.as_str().into(),
        note: v.note.clone(),
        created_by: ctx.user.staff_id.clone(),
        created_at: now,
        updated_at: now,
        version: 1,
        external_id: v.external_id.clone(),
    };
    let people = people(&row.id, &v);
    Ok((row, people))
}

/// `row` changed as `v` says (everyone on it after the change authorised): for
/// `PUT /contacts/{id}` and the import alike. The caller checks the version and writes.
fn changed_contact(
    ctx: &mut Ctx<'_>,
    mut row: ContactRow,
    v: ValidContact,
) -> ApiResult<ContactWithParticipants> {
    row.staff_id = check(ctx, &v)?;
    row.occurred_at = v.occurred_at;
    row.kind = v.kind.as_str().into();
    row.note = v.note.clone();
    if let Some(external_id) = &v.external_id {
        if ctx
            .store
            .contact_by_external_id(external_id)?
            .is_some_and(|(other, _)| other.id != row.id)
        {
            return Err(ApiError::field(
                "external_id",
                "another contact has this external_id",
            ));
        }
        row.external_id = Some(external_id.clone());
    }
    let people = people(&row.id, &v);
    Ok((row, people))
}

/// What the import needs of the contact rules.
pub(crate) mod import {
    use super::*;

    /// A contact row checked and ready to write, with its participants.
    pub struct Valid(pub(super) ValidContact);

    impl Valid {
        pub fn external_id(&self) -> Option<&str> {
            self.0.external_id.as_deref()
        }
    }

    pub fn validate(input: ContactInput, today: chrono::NaiveDate) -> ApiResult<Valid> {
        super::validate(input, today).map(Valid)
    }

    /// Authorises everyone on it and checks the staff member, writing nothing.
    pub fn check(ctx: &mut Ctx<'_>, v: &Valid) -> ApiResult<()> {
        super::check(ctx, &v.0).map(|_| ())
    }

    /// Checks everyone on it; the contact to insert.
    pub fn new(ctx: &mut Ctx<'_>, v: Valid) -> ApiResult<ContactWithParticipants> {
        new_contact(ctx, v.0)
    }

    /// May the caller change this contact (everyone on it now)?
    pub fn may_change(ctx: &mut Ctx<'_>, current: &ContactWithParticipants) -> ApiResult<()> {
        for p in &current.1 {
            ctx.participant(&p.participant_id, ParticipantAction::RecordCasework)?;
        }
        Ok(())
    }

    /// The contact as the row says (not written).
    pub fn changed(
        ctx: &mut Ctx<'_>,
        current: ContactRow,
        v: Valid,
    ) -> ApiResult<ContactWithParticipants> {
        changed_contact(ctx, current, v.0)
    }
}

/// Read a contact (audited for each participant on it).
#[utoipa::path(tag = "contacts", params(("id" = uuid::Uuid, Path)),
    responses((status = 200, body = ContactView), (status = 404, body = crate::error::Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
#[get("/{id}")]
async fn get_contact(
    state: web::Data<AppState>,
    user: CurrentUser,
    id: web::Path<uuid::Uuid>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner().to_string();
    let out = run(&state, user, "contact", Action::Read, move |ctx| {
        let found = load(ctx, &id, ParticipantAction::Read)?;
        for p in &found.1 {
            ctx.audit(Some(&id), &p.participant_id);
        }
        Ok(found)
    })
    .await?;
    let out = view(out)?;
    Ok(HttpResponse::Ok()
        .insert_header(etag(out.version))
        .json(out))
}

/// Update a contact (whole record plus `version`); you must see everyone on it before and after.
#[utoipa::path(tag = "contacts", params(("id" = uuid::Uuid, Path)), request_body = ContactInput,
    responses((status = 200, body = ContactView), (status = 412, body = crate::error::Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
#[put("/{id}")]
async fn update_contact(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: CurrentUser,
    id: web::Path<uuid::Uuid>,
    ApiJson(body): ApiJson<serde_json::Value>,
) -> ApiResult<HttpResponse> {
    let (input, ver): (ContactInput, _) = parse_versioned(body)?;
    let version = expected_version(&req, ver)?;
    let v = validate(input, state.today())?;
    let id = id.into_inner().to_string();
    let out = run(&state, user, "contact", Action::Update, move |ctx| {
        let (row, _) = load(ctx, &id, ParticipantAction::RecordCasework)?;
        let (mut row, people) = changed_contact(ctx, row, v)?;
        row.updated_at = time::now();
        row.version = version + 1;
        ctx.store.update_contact(version, &row, &people)?;
        for p in &people {
            ctx.audit(Some(&id), &p.participant_id);
        }
        Ok((row, people))
    })
    .await?;
    let out = view(out)?;
    Ok(HttpResponse::Ok()
        .insert_header(etag(out.version))
        .json(out))
}

/// Delete a contact recorded by mistake.
#[utoipa::path(tag = "contacts", params(("id" = uuid::Uuid, Path)),
    responses((status = 204, description = "Deleted")), security(("bearer" = [])))]
#[delete("/{id}")]
async fn delete_contact(
    state: web::Data<AppState>,
    user: CurrentUser,
    id: web::Path<uuid::Uuid>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner().to_string();
    run(&state, user, "contact", Action::Delete, move |ctx| {
        let (_, people) = load(ctx, &id, ParticipantAction::RecordCasework)?;
        ctx.store.delete_contact(&id)?;
        for p in &people {
            ctx.audit(Some(&id), &p.participant_id);
        }
        Ok(())
    })
    .await?;
    Ok(HttpResponse::NoContent().finish())
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct PageQuery {
    /// Page size, 1–500 (default 50).
    pub limit: Option<i64>,
    /// Records to skip (default 0).
    pub offset: Option<i64>,
}

/// A participant's contacts, newest first.
#[utoipa::path(tag = "contacts", params(("id" = uuid::Uuid, Path, description = "Participant id"), PageQuery),
    responses((status = 200, body = ContactList)), security(("bearer" = [])))]
#[get("/participants/{id}/contacts")]
async fn participant_contacts(
    state: web::Data<AppState>,
    user: CurrentUser,
    id: web::Path<uuid::Uuid>,
    ApiQuery(q): ApiQuery<PageQuery>,
) -> ApiResult<HttpResponse> {
    let (limit, offset) = paging(q.limit, q.offset)?;
    let id = id.into_inner().to_string();
    let (rows, total) = run(&state, user, "contact", Action::List, move |ctx| {
        ctx.participant(&id, ParticipantAction::Read)?;
        ctx.audit(None, &id);
        ctx.store.contacts_of(&id, limit, offset)
    })
    .await?;
    let items = rows.into_iter().map(view).collect::<ApiResult<_>>()?;
    Ok(HttpResponse::Ok().json(ContactList {
        items,
        total,
        limit,
        offset,
    }))
}
