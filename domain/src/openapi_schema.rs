//! OpenAPI schemas for the identifier newtypes, which serialise as plain strings.
//!
//! The derive cannot describe them (they hold parsed parts, not a string field), so the schema is
//! written by hand once here and shared, so every identifier is documented the same way.

use utoipa::openapi::{ObjectBuilder, RefOr, Type, schema::Schema};

/// A string schema with a regular-expression pattern and one example value.
pub(crate) fn string_schema(
    description: &str,
    pattern: &str,
    example: &'static str,
) -> RefOr<Schema> {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .description(Some(description))
        .pattern(Some(pattern))
        .examples([example])
        .into()
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use utoipa::PartialSchema;

    use crate::organisationsnummer::OrganisationNumber;
    use crate::personnummer::PersonalIdentityNumber;

    #[test]
    fn identifiers_are_documented_as_patterned_strings() {
        let pnr = serde_json::to_value(PersonalIdentityNumber::schema()).unwrap();
        assert_eq!(pnr["type"], "string");
        assert_eq!(pnr["pattern"], r"^\d{8}-\d{4}$");
        assert_eq!(pnr["examples"][0], "19811218-9876");
        let org = serde_json::to_value(OrganisationNumber::schema()).unwrap();
        assert_eq!(org["pattern"], r"^\d{6}-\d{4}$");
    }

    #[test]
    fn enums_are_documented_with_their_text_codes() {
        let role = serde_json::to_value(crate::role::Role::schema()).unwrap();
        let codes: Vec<_> = crate::role::Role::ALL.iter().map(|r| r.as_str()).collect();
        assert_eq!(role["enum"], serde_json::json!(codes));
    }
}
