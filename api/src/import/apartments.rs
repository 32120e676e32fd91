//! Importing and exporting the housing inventory: each row is an [`ApartmentInput`], checked by
//! the same rules as `POST /apartments` and `PUT /apartments/{id}` (the unit's policy, the site of
//! the same unit, a status that follows tenancies).

use serde_json::{Map, Value};

use super::Request;
use super::generic::{Resource, Written, keyset, refused_on};
use crate::auth::CurrentUser;
use crate::auth::policy;
use crate::error::ApiResult;
use crate::routes::housing::inventory::{
    ApartmentInput, ValidApartment, changes_for, check_site, insert_new, validate_existing,
    validate_new,
};
use crate::store::Store;
use crate::store::housing::{ApartmentChanges, ApartmentRow};
use crate::store::time;

pub struct Apartments;

impl Resource for Apartments {
    type Input = ApartmentInput;
    type Valid = ValidApartment;
    type Row = ApartmentRow;
    const AUDIT: &'static str = "apartment";
    const UNIQUE_FIELD: &'static str = "external_id";

    fn validate(
        store: &mut dyn Store,
        request: &Request,
        input: ApartmentInput,
        current: Option<&ApartmentRow>,
    ) -> ApiResult<ValidApartment> {
        // The status of an existing apartment is checked against its tenancies on update.
        let valid = match current {
            None => validate_new(&request.user, input),
            Some(_) => validate_existing(&request.user, input),
        }
        .map_err(|e| refused_on("unit_id", e))?;
        check_site(store, &valid)?;
        Ok(valid)
    }

    fn by_id(store: &mut dyn Store, id: &str) -> ApiResult<Option<ApartmentRow>> {
        store.get_apartment(id)
    }

    fn by_external_id(store: &mut dyn Store, external_id: &str) -> ApiResult<Option<ApartmentRow>> {
        store.apartment_by_external_id(external_id)
    }

    fn may_update(_: &mut dyn Store, request: &Request, current: &ApartmentRow) -> ApiResult<()> {
        policy::write_housing_inventory(&request.user, &current.unit_id)
    }

    fn create(store: &mut dyn Store, _: &Request, valid: ValidApartment) -> ApiResult<Written> {
        let row = insert_new(store, valid)?;
        Ok(Written {
            id: row.id,
            participants: Vec::new(),
        })
    }

    fn update(
        store: &mut dyn Store,
        request: &Request,
        current: ApartmentRow,
        valid: ValidApartment,
    ) -> ApiResult<Option<Written>> {
        let changes = changes_for(store, &request.user, request.today, &current, valid)
            .map_err(|e| refused_on("status", e))?;
        if changes == ApartmentChanges::from(&current) {
            return Ok(None);
        }
        store.update_apartment(&current.id, current.version, &changes, time::now())?;
        Ok(Some(Written {
            id: current.id,
            participants: Vec::new(),
        }))
    }

    fn may_export(user: &CurrentUser, _: chrono::NaiveDate) -> ApiResult<()> {
        policy::read_housing_inventory(user).map(|_| ())
    }

    fn export_page(
        store: &mut dyn Store,
        user: &CurrentUser,
        _: chrono::NaiveDate,
        after: Option<&str>,
        limit: i64,
    ) -> ApiResult<(Vec<ApartmentRow>, Option<String>)> {
        let units = policy::read_housing_inventory(user)?;
        Ok(keyset::<Self>(
            store.export_apartments(&units, after, limit)?,
            limit,
        ))
    }

    fn id(row: &ApartmentRow) -> &str {
        &row.id
    }

    fn record(row: &ApartmentRow) -> ApiResult<Map<String, Value>> {
        let mut record = Map::new();
        let mut put = |name: &str, value: Value| {
            if !value.is_null() {
                record.insert(name.to_owned(), value);
            }
        };
        put("unit_id", row.unit_id.clone().into());
        put("site_id", row.site_id.clone().into());
        put("address", row.address.clone().into());
        put("district", row.district.clone().into());
        put("kind", row.kind.clone().into());
        put("landlord", row.landlord.clone().into());
        put("rooms", row.rooms.into());
        put("size_sqm", row.size_sqm.into());
        put("monthly_rent", row.monthly_rent.into());
        put("lease_holder", row.lease_holder.clone().into());
        put("status", row.status.clone().into());
        put("note", row.note.clone().into());
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
    fn an_exported_apartment_has_exactly_the_import_columns() {
        let row = ApartmentRow {
            id: "a".into(),
            unit_id: "u".into(),
            site_id: Some("s".into()),
            address: "Gatan 1".into(),
            district: Some("Söder".into()),
            kind: "supported_housing".into(),
            landlord: Some("AB".into()),
            rooms: Some(1),
            size_sqm: Some(28.5),
            monthly_rent: Some(4200),
            lease_holder: Some("Soc".into()),
            status: "available".into(),
            note: Some("n".into()),
            created_at: chrono::NaiveDateTime::default(),
            updated_at: chrono::NaiveDateTime::default(),
            version: 1,
            external_id: Some("X".into()),
        };
        let mut exported: Vec<String> = Apartments::record(&row).unwrap().keys().cloned().collect();
        let mut columns = Columns::of::<ApartmentInput>().names;
        exported.sort();
        columns.sort();
        assert_eq!(exported, columns);
    }
}
