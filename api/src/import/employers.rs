//! Importing and exporting the employer register: each row is an [`EmployerInput`], checked by
//! the same rules as `POST /employers` and `PUT /employers/{id}`.

use serde_json::{Map, Value};

use super::Request;
use super::generic::{Resource, Written, keyset};
use crate::auth::CurrentUser;
use crate::auth::policy;
use crate::error::{ApiError, ApiResult};
use crate::routes::work::employers::{EmployerInput, Valid, apply, check_unique, new_row};
use crate::store::Store;
use crate::store::time;
use crate::store::work::EmployerRow;

pub struct Employers;

/// The fields an import can change, to tell an unchanged row.
fn content(r: &EmployerRow) -> impl PartialEq + use<'_> {
    (
        (&r.name, &r.organisation_number, &r.sector, &r.address),
        (&r.contact_person, &r.phone, &r.email),
        (&r.work_kinds, &r.notes, &r.external_id),
    )
}

impl Resource for Employers {
    type Input = EmployerInput;
    type Valid = Valid;
    type Row = EmployerRow;
    const AUDIT: &'static str = "employer";
    const UNIQUE_FIELD: &'static str = "organisation_number";

    fn validate(
        store: &mut dyn Store,
        request: &Request,
        input: EmployerInput,
        current: Option<&EmployerRow>,
    ) -> ApiResult<Valid> {
        policy::write_employers(&request.user)?;
        let valid = crate::routes::work::employers::validate(input)?;
        // Checked here too (not only when written), so every taken number is reported.
        if let Some(number) = &valid.organisation_number
            && let Some(owner) = store.employer_by_organisation_number(number)?
            && current.is_none_or(|c| c.id != owner.id)
        {
            return Err(ApiError::Duplicate {
                detail: "an employer with this organisation number is already registered".into(),
                existing_id: owner.id,
            });
        }
        Ok(valid)
    }

    fn by_id(store: &mut dyn Store, id: &str) -> ApiResult<Option<EmployerRow>> {
        store.get_employer(id)
    }

    fn by_external_id(store: &mut dyn Store, external_id: &str) -> ApiResult<Option<EmployerRow>> {
        store.employer_by_external_id(external_id)
    }

    fn may_update(_: &mut dyn Store, request: &Request, _: &EmployerRow) -> ApiResult<()> {
        policy::write_employers(&request.user)
    }

    fn create(store: &mut dyn Store, _: &Request, valid: Valid) -> ApiResult<Written> {
        let row = new_row(valid)?;
        check_unique(store, &row)?;
        store.insert_employer(&row)?;
        Ok(Written {
            id: row.id,
            participants: Vec::new(),
        })
    }

    fn update(
        store: &mut dyn Store,
        _: &Request,
        current: EmployerRow,
        valid: Valid,
    ) -> ApiResult<Option<Written>> {
        let mut row = current.clone();
        apply(&mut row, valid)?;
        if content(&row) == content(&current) {
            return Ok(None);
        }
        check_unique(store, &row)?;
        row.updated_at = time::now();
        row.version = current.version + 1;
        store.update_employer(current.version, &row)?;
        Ok(Some(Written {
            id: row.id,
            participants: Vec::new(),
        }))
    }

    fn may_export(user: &CurrentUser, _: chrono::NaiveDate) -> ApiResult<()> {
        policy::read_employers(user)
    }

    fn export_page(
        store: &mut dyn Store,
        _: &CurrentUser,
        _: chrono::NaiveDate,
        after: Option<&str>,
        limit: i64,
    ) -> ApiResult<(Vec<EmployerRow>, Option<String>)> {
        Ok(keyset::<Self>(store.export_employers(after, limit)?, limit))
    }

    fn id(row: &EmployerRow) -> &str {
        &row.id
    }

    fn record(row: &EmployerRow) -> ApiResult<Map<String, Value>> {
        let mut record = Map::new();
        let mut put = |name: &str, value: Value| {
            if !value.is_null() {
                record.insert(name.to_owned(), value);
            }
        };
        put("name", row.name.clone().into());
        put(
            "organisation_number",
            row.organisation_number.clone().into(),
        );
        put("sector", row.sector.clone().into());
        put("address", row.address.clone().into());
        put("contact_person", row.contact_person.clone().into());
        put("phone", row.phone.clone().into());
        put("email", row.email.clone().into());
        put("work_kinds", row.work_kind_list().into());
        put("notes", row.notes.clone().into());
        put("external_id", row.external_id.clone().into());
        Ok(record)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::import::columns::Columns;

    #[test]
    fn an_exported_employer_has_exactly_the_import_columns() {
        let row = EmployerRow {
            id: "e".into(),
            name: "Fiktiva AB".into(),
            organisation_number: Some("556677-8899".into()),
            sector: "private".into(),
            address: Some("Gatan 1".into()),
            contact_person: Some("Kim".into()),
            phone: Some("08".into()),
            email: Some("a@b.se".into()),
            work_kinds: "[\"lager\"]".into(),
            notes: Some("n".into()),
            search_key: String::new(),
            created_at: chrono::NaiveDateTime::default(),
            updated_at: chrono::NaiveDateTime::default(),
            version: 1,
            external_id: Some("X".into()),
        };
        let mut exported: Vec<String> = Employers::record(&row).unwrap().keys().cloned().collect();
        let mut columns = Columns::of::<EmployerInput>().names;
        exported.sort();
        columns.sort();
        assert_eq!(exported, columns);
    }
}
