//! Importing participants: each row is a [`ParticipantInput`], validated exactly as
//! `POST /participants` validates it, authorised by the same policy, and written in batches.

use std::collections::HashMap;

use serde_json::{Map, Value};

use super::columns::{Columns, ID};
use super::generic::{RowKey, key_field, named};
use super::seen::SeenKeys;
use super::{Counts, ErrorLog, Importer, Mode, Request, RowError};
use crate::audit::{self, Action, Outcome};
use crate::auth::policy::{self, ParticipantAction};
use crate::error::ApiResult;
use crate::extract::parse_value;
use crate::routes::participants::{
    ParticipantInput, ValidParticipant, apply_changes, check_references, new_row,
};
use crate::store::Store;
use crate::store::imports::BATCH_ROWS;
use crate::store::participants::{ParticipantChanges, ParticipantRow};
use crate::store::time;

pub struct ParticipantImporter {
    request: Request,
    seen_ids: SeenKeys,
    seen_external_ids: SeenKeys,
    seen_pins: SeenKeys,
    /// Result of the reference check per (unit, responsible caseworker): a few distinct pairs.
    references: HashMap<(String, Option<String>), Vec<crate::error::FieldError>>,
    /// Valid rows with their line and the Stegvis id they name, if any.
    pending: Vec<(u64, Option<String>, ValidParticipant)>,
    counts: Counts,
}

impl ParticipantImporter {
    pub fn new(request: Request) -> Self {
        Self {
            request,
            seen_ids: SeenKeys::default(),
            seen_external_ids: SeenKeys::default(),
            seen_pins: SeenKeys::default(),
            references: HashMap::new(),
            pending: Vec::with_capacity(BATCH_ROWS),
            counts: Counts::default(),
        }
    }

    fn references_ok(
        &mut self,
        store: &mut dyn Store,
        valid: &ValidParticipant,
    ) -> ApiResult<Vec<crate::error::FieldError>> {
        let key = (
            valid.unit_id.clone(),
            valid.responsible_caseworker_id.clone(),
        );
        if let Some(found) = self.references.get(&key) {
            return Ok(found.clone());
        }
        let found = match check_references(store, valid, false) {
            Ok(()) => Vec::new(),
            Err(crate::error::ApiError::Validation(fields)) => fields,
            Err(other) => return Err(other),
        };
        self.references.insert(key, found.clone());
        Ok(found)
    }

    /// Writes the queued rows: one lookup of existing ids, external ids and personnummer per
    /// batch, then multi-row inserts of the new participants and their audit entries.
    fn flush(&mut self, store: &mut dyn Store, errors: &mut ErrorLog) -> ApiResult<()> {
        if self.pending.is_empty() {
            return Ok(());
        }
        let external_ids: Vec<String> = self
            .pending
            .iter()
            .filter_map(|(_, _, v)| v.external_id.clone())
            .collect();
        let pins: Vec<String> = self
            .pending
            .iter()
            .filter_map(|(_, _, v)| v.personal_identity_number.clone())
            .collect();
        let ids: Vec<String> = self
            .pending
            .iter()
            .filter_map(|(_, id, _)| id.clone())
            .collect();
        let by_id: HashMap<String, ParticipantRow> = if ids.is_empty() {
            HashMap::new()
        } else {
            store
                .participants_by_ids(&ids)?
                .into_iter()
                .map(|row| (row.id.clone(), row))
                .collect()
        };
        let existing: HashMap<String, ParticipantRow> = store
            .participants_by_external_ids(&external_ids)?
            .into_iter()
            .filter_map(|row| row.external_id.clone().map(|e| (e, row)))
            .collect();
        let pin_owners: HashMap<String, String> = store
            .participants_by_pins(&pins)?
            .into_iter()
            .filter_map(|(pin, id, _)| pin.map(|p| (p, id)))
            .collect();
        let now = time::now();
        let user = self.request.user.clone();
        let mut new_rows = Vec::with_capacity(self.pending.len());
        let mut entries = Vec::with_capacity(self.pending.len());
        for (line, id, valid) in std::mem::take(&mut self.pending) {
            let by_external_id = valid.external_id.as_ref().and_then(|e| existing.get(e));
            let current = match &id {
                None => by_external_id,
                Some(id) => match named(
                    "participant",
                    line,
                    id,
                    by_id.get(id),
                    by_external_id,
                    |p| p.id.as_str(),
                ) {
                    Ok(current) => Some(current),
                    Err(error) => {
                        errors.push(error);
                        continue;
                    }
                },
            };
            let key_field = key_field(id.as_deref());
            let pin_owner = valid
                .personal_identity_number
                .as_ref()
                .and_then(|p| pin_owners.get(p));
            let Some(current) = current else {
                if pin_owner.is_some() {
                    errors.push(RowError::field(
                        line,
                        "personal_identity_number",
                        "a participant with this personal identity number already exists".into(),
                    ));
                    continue;
                }
                self.counts.created += 1;
                if errors.is_empty() {
                    let row = new_row(valid, now);
                    entries.push(audit::participant(
                        &user,
                        Action::Create,
                        &row.id,
                        Outcome::Success,
                    ));
                    new_rows.push(row);
                }
                continue;
            };
            if self.request.mode == Mode::Insert {
                errors.push(RowError::field(
                    line,
                    key_field,
                    format!("a participant with this {key_field} already exists; import with mode=upsert to update it"),
                ));
                continue;
            }
            let assigned = crate::routes::scoped::assigned_if_consulted(
                store,
                &user,
                current,
                self.request.today,
            )?;
            if let Err(e) = policy::participant(&user, ParticipantAction::Update, current, assigned)
            {
                errors.push(RowError::field(line, key_field, e.to_string()));
                continue;
            }
            if pin_owner.is_some_and(|owner| owner != &current.id) {
                errors.push(RowError::field(
                    line,
                    "personal_identity_number",
                    "another participant has this personal identity number".into(),
                ));
                continue;
            }
            let before = ParticipantChanges::from(current);
            let mut after = before.clone();
            apply_changes(&mut after, valid);
            if after == before {
                self.counts.unchanged += 1;
                continue;
            }
            self.counts.updated += 1;
            if errors.is_empty() {
                store.update_participant(&current.id, current.version, &after, now)?;
                entries.push(audit::participant(
                    &user,
                    Action::Update,
                    &current.id,
                    Outcome::Success,
                ));
            }
        }
        // Once any row is invalid nothing will be committed: keep validating, stop writing.
        if errors.is_empty() {
            store.insert_participants_batch(&new_rows)?;
            store.insert_audit_batch(&entries)?;
        }
        Ok(())
    }
}

impl Importer for ParticipantImporter {
    fn columns(&self) -> Columns {
        Columns::of_file::<ParticipantInput>()
    }

    fn row(
        &mut self,
        store: &mut dyn Store,
        line: u64,
        mut fields: Map<String, Value>,
        errors: &mut ErrorLog,
    ) -> ApiResult<()> {
        let Some(key) = RowKey::take(&mut fields, line, errors) else {
            return Ok(());
        };
        let input: ParticipantInput = match parse_value(Value::Object(fields)) {
            Ok(input) => input,
            Err(e) => return errors.add_api_error(line, e),
        };
        let valid = match input.validate(self.request.today) {
            Ok(valid) => valid,
            Err(e) => return errors.add_api_error(line, e),
        };
        if let Err(e) = policy::create_participant(&self.request.user, &valid.unit_id) {
            errors.push(RowError::field(line, "unit_id", e.to_string()));
            return Ok(());
        }
        let reference_errors = self.references_ok(store, &valid)?;
        if !reference_errors.is_empty() {
            errors.extend(
                reference_errors
                    .into_iter()
                    .map(|f| RowError::field(line, &f.field, f.message)),
            );
            return Ok(());
        }
        let mut duplicate = key.seen_before(
            &mut self.seen_ids,
            &mut self.seen_external_ids,
            line,
            errors,
        );
        if let Some(pin) = &valid.personal_identity_number
            && let Some(first) = self.seen_pins.first_seen(pin, line)
        {
            errors.push(RowError::field(
                line,
                "personal_identity_number",
                format!("the same personal identity number is already on line {first}"),
            ));
            duplicate = true;
        }
        if duplicate {
            return Ok(());
        }
        self.pending.push((line, key.id, valid));
        if self.pending.len() >= BATCH_ROWS {
            self.flush(store, errors)?;
        }
        Ok(())
    }

    fn finish(&mut self, store: &mut dyn Store, errors: &mut ErrorLog) -> ApiResult<()> {
        self.flush(store, errors)
    }

    fn counts(&self) -> Counts {
        self.counts
    }
}

/// A stored participant as an import row: the fields of [`ParticipantInput`], so an export can be
/// imported again (with `mode=upsert`, an unchanged export changes nothing).
pub fn participant_record(row: &ParticipantRow) -> Map<String, Value> {
    let mut record = Map::new();
    record.insert(ID.to_owned(), row.id.clone().into());
    let mut put = |name: &str, value: Value| {
        if !value.is_null() {
            record.insert(name.to_owned(), value);
        }
    };
    put(
        "personal_identity_number",
        row.personal_identity_number.clone().into(),
    );
    put("first_name", row.first_name.clone().into());
    put("last_name", row.last_name.clone().into());
    put(
        "date_of_birth",
        row.date_of_birth.map(|d| d.to_string()).into(),
    );
    put("gender", row.gender.clone().into());
    put("protected_identity", row.protected_identity.into());
    put("phone", row.phone.clone().into());
    put("email", row.email.clone().into());
    put("postal_address", row.postal_address.clone().into());
    put("care_of", row.care_of.clone().into());
    put("postal_code", row.postal_code.clone().into());
    put("city", row.city.clone().into());
    put("unit_id", row.unit_id.clone().into());
    put(
        "responsible_caseworker_id",
        row.responsible_caseworker_id.clone().into(),
    );
    put("housing_situation", row.housing_situation.clone().into());
    put("main_substance", row.main_substance.clone().into());
    put("income_source", row.income_source.clone().into());
    put("external_id", row.external_id.clone().into());
    record
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn an_exported_record_has_exactly_the_import_columns() {
        let row = ParticipantRow {
            id: "p".into(),
            personal_identity_number: Some("19811218-9876".into()),
            first_name: "Testa".into(),
            last_name: "Testsson".into(),
            date_of_birth: chrono::NaiveDate::from_ymd_opt(1981, 12, 18),
            gender: "woman".into(),
            protected_identity: false,
            phone: Some("070-1".into()),
            email: Some("a@b.se".into()),
            postal_address: Some("Gatan 1".into()),
            care_of: Some("Härbärget".into()),
            postal_code: Some("118 20".into()),
            city: Some("Stockholm".into()),
            unit_id: "u".into(),
            responsible_caseworker_id: Some("c".into()),
            housing_situation: "shelter".into(),
            main_substance: "alcohol".into(),
            income_source: "salary".into(),
            status: "active".into(),
            closed_on: None,
            closed_reason: None,
            search_key: String::new(),
            created_at: chrono::NaiveDateTime::default(),
            updated_at: chrono::NaiveDateTime::default(),
            version: 1,
            external_id: Some("X-1".into()),
        };
        let mut exported: Vec<String> = participant_record(&row).keys().cloned().collect();
        let mut columns = Columns::of_file::<ParticipantInput>().names;
        exported.sort();
        columns.sort();
        assert_eq!(exported, columns);
    }
}
