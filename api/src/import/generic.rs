//! The importer and exporter shared by every resource but participants (which have their own,
//! batched for million-row files): a resource says how one row is validated, found by its
//! `external_id`, created, updated and exported ([`Resource`]); [`ResourceImporter`] does the
//! rest — row errors with line and field, duplicates within the file, insert or upsert, the audit.

use std::marker::PhantomData;

use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use super::columns::{Columns, ID};
use super::seen::SeenKeys;
use super::{Counts, ErrorLog, Importer, Mode, Request, RowError};
use crate::audit::{self, Action, Outcome};
use crate::auth::CurrentUser;
use crate::error::{ApiError, ApiResult, FieldError, ProblemKind};
use crate::extract::parse_value;
use crate::store::Store;
use crate::store::audit::AuditRow;
use crate::store::imports::BATCH_ROWS;

/// A record the import wrote, for its audit entry.
#[derive(Debug, Clone)]
pub struct Written {
    pub id: String,
    /// The participants the record is about (one audit entry each), if any.
    pub participants: Vec<String>,
}

/// A column that names another record by its Stegvis id or by its `external_id`.
pub struct Reference {
    pub field: &'static str,
    /// What it names, for the message ("participant").
    pub what: &'static str,
    /// The Stegvis id of the record with this external id.
    pub lookup: fn(&mut dyn Store, &str) -> ApiResult<Option<String>>,
}

impl Reference {
    /// Resolves `value` (of the column `field`) in place; an error when it names nothing.
    pub fn resolve(
        &self,
        store: &mut dyn Store,
        field: &str,
        value: &mut Value,
    ) -> ApiResult<Option<FieldError>> {
        let Value::String(key) = value else {
            return Ok(None);
        };
        let key = key.trim().to_owned();
        Ok(match (self.lookup)(store, &key)? {
            Some(id) => {
                *value = Value::String(id);
                None
            }
            None if uuid::Uuid::parse_str(&key).is_ok() => None,
            None => Some(FieldError::new(
                field,
                format!("no {} has this external_id (or id)", self.what),
            )),
        })
    }
}

/// The participant with this external id.
pub fn participant_by_external_id(
    store: &mut dyn Store,
    external_id: &str,
) -> ApiResult<Option<String>> {
    Ok(store
        .participants_by_external_ids(&[external_id.to_owned()])?
        .into_iter()
        .next()
        .map(|p| p.id))
}

/// One importable (and exportable) resource. Every rule stays with the resource's JSON
/// endpoints: `validate`, `create` and `update` call the same functions as they do.
pub trait Resource: 'static {
    /// The JSON create body; its fields are the file's columns.
    type Input: DeserializeOwned + utoipa::PartialSchema;
    /// A row that passed validation.
    type Valid;
    /// The stored record.
    type Row;
    /// The audit log's resource type, e.g. `employer`.
    const AUDIT: &'static str;
    /// The field a 409 "already registered" from [`Resource::create`] belongs to.
    const UNIQUE_FIELD: &'static str;
    /// Columns that may name another record by its external id instead of its Stegvis id.
    const REFERENCES: &'static [Reference] = &[];

    /// Replaces references by external id with Stegvis ids (a Stegvis id stays as it is);
    /// returns the references that name nothing.
    fn resolve(
        store: &mut dyn Store,
        fields: &mut Map<String, Value>,
    ) -> ApiResult<Vec<FieldError>> {
        let mut unknown = Vec::new();
        for reference in Self::REFERENCES {
            if let Some(value) = fields.get_mut(reference.field)
                && let Some(e) = reference.resolve(store, reference.field, value)?
            {
                unknown.push(e);
            }
        }
        Ok(unknown)
    }

    /// Validates one row as the create endpoint does (references resolved, the policy asked);
    /// `current` is the record the row names by `id` or `external_id`, if any, so that rules
    /// about uniqueness do not count the record against itself.
    fn validate(
        store: &mut dyn Store,
        request: &Request,
        input: Self::Input,
        current: Option<&Self::Row>,
    ) -> ApiResult<Self::Valid>;
    fn by_id(store: &mut dyn Store, id: &str) -> ApiResult<Option<Self::Row>>;
    fn by_external_id(store: &mut dyn Store, external_id: &str) -> ApiResult<Option<Self::Row>>;
    /// May the importing account change this existing record (an upsert)?
    fn may_update(store: &mut dyn Store, request: &Request, current: &Self::Row) -> ApiResult<()>;
    /// Writes a new record.
    fn create(store: &mut dyn Store, request: &Request, valid: Self::Valid) -> ApiResult<Written>;
    /// Brings `current` in line with the row; `None` when nothing would change.
    fn update(
        store: &mut dyn Store,
        request: &Request,
        current: Self::Row,
        valid: Self::Valid,
    ) -> ApiResult<Option<Written>>;

    /// Who may export this resource; by default, records about participants go to whoever may
    /// list participants (the export is then scoped like that list).
    fn may_export(user: &CurrentUser, today: chrono::NaiveDate) -> ApiResult<()> {
        crate::auth::policy::participant_scope(user, today).map(|_| ())
    }
    /// The records after `after` (by id) that `user` may see, from at most `limit` read, and
    /// the id to continue after (`None`: that was the last page; see [`keyset`]).
    fn export_page(
        store: &mut dyn Store,
        user: &CurrentUser,
        today: chrono::NaiveDate,
        after: Option<&str>,
        limit: i64,
    ) -> ApiResult<(Vec<Self::Row>, Option<String>)>;
    fn id(row: &Self::Row) -> &str;
    /// The record as an import row: exactly the fields of [`Resource::Input`].
    fn record(row: &Self::Row) -> ApiResult<Map<String, Value>>;
    /// The audit entries of exporting `row`, for records that hold personal data.
    fn export_audit(_user: &CurrentUser, _row: &Self::Row) -> Vec<AuditRow> {
        Vec::new()
    }
}

/// The audit entry of exporting record `id` of `R`, about `participant`.
pub fn exported<R: Resource>(user: &CurrentUser, id: &str, participant: &str) -> AuditRow {
    audit::entry(
        Some(&user.staff_id),
        Action::Export,
        R::AUDIT,
        Some(id),
        Some(participant),
        Outcome::Success,
    )
}

/// The columns of `R`'s files.
pub fn columns<R: Resource>() -> Columns {
    Columns::of_file::<R::Input>()
}

/// A page of an export: the records as import rows, and the id to continue after (`None`: the
/// export is complete).
pub type Page = (Vec<Map<String, Value>>, Option<String>);

/// A page read by id: the id to continue after, unless the page was not full.
pub fn keyset<R: Resource>(rows: Vec<R::Row>, limit: i64) -> (Vec<R::Row>, Option<String>) {
    let next = if rows.len() as i64 == limit {
        rows.last().map(|r| R::id(r).to_owned())
    } else {
        None
    };
    (rows, next)
}

/// One page of an export of `R`: the records as import rows, the last id, the audit entries
/// written with it.
pub fn export_page<R: Resource>(
    store: &mut dyn Store,
    user: &CurrentUser,
    today: chrono::NaiveDate,
    after: Option<&str>,
    limit: i64,
) -> ApiResult<Page> {
    let (rows, next) = R::export_page(store, user, today, after, limit)?;
    let entries: Vec<AuditRow> = rows.iter().flat_map(|r| R::export_audit(user, r)).collect();
    if !entries.is_empty() {
        store.insert_audit_batch(&entries)?;
    }
    let records = rows
        .iter()
        .map(|row| R::record(row).map(|record| with_id(R::id(row), record)))
        .collect::<ApiResult<_>>()?;
    Ok((records, next))
}

/// An exported record with its Stegvis id first, so a re-import finds the record by it.
pub fn with_id(id: &str, record: Map<String, Value>) -> Map<String, Value> {
    let mut out = Map::with_capacity(record.len() + 1);
    out.insert(ID.to_owned(), Value::String(id.to_owned()));
    out.extend(record);
    out
}

/// What names the stored record a row is about: its Stegvis `id`, its `external_id`, or
/// neither (a new record).
pub struct RowKey {
    pub id: Option<String>,
    pub external_id: Option<String>,
}

impl RowKey {
    /// Takes the `id` column out of the row (the input has no such field) and reads its
    /// `external_id`; `None` after reporting an `id` that cannot be a Stegvis id.
    pub fn take(fields: &mut Map<String, Value>, line: u64, errors: &mut ErrorLog) -> Option<Self> {
        let id = match fields.remove(ID) {
            None | Some(Value::Null) => None,
            Some(Value::String(text)) if text.trim().is_empty() => None,
            Some(Value::String(text)) if uuid::Uuid::parse_str(text.trim()).is_ok() => {
                Some(text.trim().to_owned())
            }
            Some(_) => {
                errors.push(RowError::field(
                    line,
                    ID,
                    "must be a Stegvis id (a UUID), or empty for a new record".into(),
                ));
                return None;
            }
        };
        let external_id = fields
            .get("external_id")
            .and_then(Value::as_str)
            .map(str::trim)
            .filter(|e| !e.is_empty())
            .map(str::to_owned);
        Some(Self { id, external_id })
    }

    /// The column that found (or would have found) the record, for messages.
    pub fn field(&self) -> &'static str {
        key_field(self.id.as_deref())
    }

    /// Reports a second row with the same `id` or `external_id` as an earlier one.
    pub fn seen_before(
        &self,
        ids: &mut SeenKeys,
        external_ids: &mut SeenKeys,
        line: u64,
        errors: &mut ErrorLog,
    ) -> bool {
        let mut again = false;
        for (field, key, seen) in [
            (ID, &self.id, ids),
            ("external_id", &self.external_id, external_ids),
        ] {
            if let Some(key) = key
                && let Some(first) = seen.first_seen(key, line)
            {
                errors.push(RowError::field(
                    line,
                    field,
                    format!("the same {field} is already on line {first}"),
                ));
                again = true;
            }
        }
        again
    }
}

/// The column that names the record: `id` when the row has one, else `external_id`.
pub fn key_field(id: Option<&str>) -> &'static str {
    if id.is_some() { ID } else { "external_id" }
}

/// The record a row with Stegvis id `id` names, given what that id and the row's `external_id`
/// found: the id must name a record, and the external id, if it names one, the same record.
pub fn named<T>(
    what: &str,
    line: u64,
    id: &str,
    by_id: Option<T>,
    by_external_id: Option<T>,
    id_of: impl Fn(&T) -> &str,
) -> Result<T, RowError> {
    let Some(current) = by_id else {
        return Err(RowError::field(
            line,
            ID,
            format!("no {what} has this id; leave id empty to create a new record"),
        ));
    };
    if by_external_id.is_some_and(|other| id_of(&other) != id) {
        return Err(RowError::field(
            line,
            "external_id",
            format!("another {what} has this external_id"),
        ));
    }
    Ok(current)
}

/// The record a row names, or `Refused` when the row named one wrongly (already reported).
enum Found<T> {
    Row(Option<T>),
    Refused,
}

/// Imports rows of `R` one at a time inside the import's transaction.
pub struct ResourceImporter<R: Resource> {
    request: Request,
    /// External ids and Stegvis ids seen earlier in the file, with their line.
    seen: SeenKeys,
    seen_ids: SeenKeys,
    audit: Vec<AuditRow>,
    counts: Counts,
    resource: PhantomData<R>,
}

impl<R: Resource> ResourceImporter<R> {
    pub fn new(request: Request) -> Self {
        Self {
            request,
            seen: SeenKeys::default(),
            seen_ids: SeenKeys::default(),
            audit: Vec::new(),
            counts: Counts::default(),
            resource: PhantomData,
        }
    }

    /// Row errors for what the resource's rules refused; anything else ends the import.
    fn report(errors: &mut ErrorLog, line: u64, error: ApiError) -> ApiResult<()> {
        match error {
            ApiError::Duplicate { detail, .. } => {
                errors.push(RowError::field(line, R::UNIQUE_FIELD, detail));
                Ok(())
            }
            ApiError::Stale { .. } => {
                errors.push(RowError::field(
                    line,
                    "external_id",
                    "the record changed during the import".into(),
                ));
                Ok(())
            }
            other => errors.add_api_error(line, other),
        }
    }

    fn audited(&mut self, action: Action, written: &Written) {
        let about: Vec<Option<&str>> = if written.participants.is_empty() {
            vec![None]
        } else {
            written
                .participants
                .iter()
                .map(|p| Some(p.as_str()))
                .collect()
        };
        for participant in about {
            self.audit.push(audit::entry(
                Some(&self.request.user.staff_id),
                action,
                R::AUDIT,
                Some(&written.id),
                participant,
                Outcome::Success,
            ));
        }
    }

    /// The stored record the row names: by its Stegvis `id` when the row has one (which must
    /// exist, and whose `external_id`, if the row gives one, no other record may hold), else by
    /// its `external_id`.
    fn current(
        &self,
        store: &mut dyn Store,
        key: &RowKey,
        line: u64,
        errors: &mut ErrorLog,
    ) -> ApiResult<Found<R::Row>> {
        let by_external_id = match &key.external_id {
            Some(external_id) => R::by_external_id(store, external_id)?,
            None => None,
        };
        let Some(id) = &key.id else {
            return Ok(Found::Row(by_external_id));
        };
        Ok(
            match named(
                R::AUDIT,
                line,
                id,
                R::by_id(store, id)?,
                by_external_id,
                R::id,
            ) {
                Ok(current) => Found::Row(Some(current)),
                Err(error) => {
                    errors.push(error);
                    Found::Refused
                }
            },
        )
    }

    fn flush_audit(&mut self, store: &mut dyn Store) -> ApiResult<()> {
        if !self.audit.is_empty() {
            store.insert_audit_batch(&std::mem::take(&mut self.audit))?;
        }
        Ok(())
    }
}

impl<R: Resource> Importer for ResourceImporter<R> {
    fn columns(&self) -> Columns {
        columns::<R>()
    }

    fn row(
        &mut self,
        store: &mut dyn Store,
        line: u64,
        mut fields: Map<String, Value>,
        errors: &mut ErrorLog,
    ) -> ApiResult<()> {
        let key = match RowKey::take(&mut fields, line, errors) {
            Some(key) => key,
            None => return Ok(()),
        };
        let unknown = R::resolve(store, &mut fields)?;
        if !unknown.is_empty() {
            errors.extend(
                unknown
                    .into_iter()
                    .map(|f| RowError::field(line, &f.field, f.message)),
            );
            return Ok(());
        }
        if key.seen_before(&mut self.seen_ids, &mut self.seen, line, errors) {
            return Ok(());
        }
        let current = match self.current(store, &key, line, errors)? {
            Found::Row(current) => current,
            Found::Refused => return Ok(()),
        };
        let input: R::Input = match parse_value(Value::Object(fields)) {
            Ok(input) => input,
            Err(e) => return Self::report(errors, line, e),
        };
        let valid = match R::validate(store, &self.request, input, current.as_ref()) {
            Ok(valid) => valid,
            Err(e) => return Self::report(errors, line, e),
        };
        // Once any row is invalid nothing will be committed: keep validating, stop writing.
        let writing = errors.is_empty();
        match current {
            None => {
                if !writing {
                    self.counts.created += 1;
                    return Ok(());
                }
                match R::create(store, &self.request, valid) {
                    Ok(written) => {
                        self.counts.created += 1;
                        self.audited(Action::Create, &written);
                    }
                    Err(e) => return Self::report(errors, line, e),
                }
            }
            Some(current) => {
                if self.request.mode == Mode::Insert {
                    errors.push(RowError::field(
                        line,
                        key.field(),
                        format!(
                            "a record with this {} already exists; import with mode=upsert to update it ({})",
                            key.field(),
                            R::AUDIT
                        ),
                    ));
                    return Ok(());
                }
                if let Err(e) = R::may_update(store, &self.request, &current) {
                    errors.push(RowError::field(line, key.field(), e.to_string()));
                    return Ok(());
                }
                if !writing {
                    return Ok(());
                }
                match R::update(store, &self.request, current, valid) {
                    Ok(Some(written)) => {
                        self.counts.updated += 1;
                        self.audited(Action::Update, &written);
                    }
                    Ok(None) => self.counts.unchanged += 1,
                    Err(e) => return Self::report(errors, line, e),
                }
            }
        }
        if self.audit.len() >= BATCH_ROWS {
            self.flush_audit(store)?;
        }
        Ok(())
    }

    fn finish(&mut self, store: &mut dyn Store, errors: &mut ErrorLog) -> ApiResult<()> {
        if errors.is_empty() {
            self.flush_audit(store)?;
        }
        Ok(())
    }

    fn counts(&self) -> Counts {
        self.counts
    }
}

/// A refusal by the policy as an error on `field` of the row (e.g. the `unit_id` the row names).
/// On an upsert, the fields that tie a record to others (participant, programme, enrolment) must
/// be what they were: `(field, in the row, stored)`.
pub fn fixed(what: &str, fields: &[(&str, &String, &String)]) -> ApiResult<()> {
    match fields.iter().find(|(_, now, before)| now != before) {
        Some((field, _, _)) => Err(ApiError::field(
            *field,
            format!("differs from the existing {what} this row names, and cannot change"),
        )),
        None => Ok(()),
    }
}

/// A row's `external_id`, trimmed (blank is none) and at most 100 characters.
pub fn external_id(raw: Option<&str>) -> ApiResult<Option<String>> {
    let external_id = raw.map(str::trim).filter(|e| !e.is_empty());
    if external_id.is_some_and(|e| e.chars().count() > 100) {
        return Err(ApiError::field(
            "external_id",
            "must be at most 100 characters",
        ));
    }
    Ok(external_id.map(str::to_owned))
}

pub fn refused_on(field: &str, error: ApiError) -> ApiError {
    match error {
        ApiError::Problem {
            kind: ProblemKind::Forbidden | ProblemKind::Conflict | ProblemKind::NotFound,
            detail,
        } => ApiError::field(field, detail),
        other => other,
    }
}
