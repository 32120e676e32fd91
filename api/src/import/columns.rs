//! The columns of an importable resource, read from the OpenAPI schema of its create input, so
//! the file's column names and the JSON body's field names cannot drift apart.

use utoipa::openapi::RefOr;
use utoipa::openapi::schema::{Schema, SchemaType, Type};

/// The column with a record's Stegvis id: optional in every import file, first in every export.
pub const ID: &str = "id";

/// How a CSV cell becomes a JSON value before the input struct is deserialised.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Text,
    Bool,
    Integer,
    Number,
    /// A list of texts: a JSON array (`["a","b"]`, as the export writes it) or comma-separated.
    List,
}

/// A resource's columns: every field of its input, and which of them are required.
#[derive(Debug, Clone)]
pub struct Columns {
    pub names: Vec<String>,
    pub kinds: Vec<Kind>,
    pub required: Vec<String>,
}

fn kind_of_type(schema_type: &SchemaType) -> Kind {
    let types: Vec<&Type> = match schema_type {
        SchemaType::Type(t) => vec![t],
        SchemaType::Array(ts) => ts.iter().collect(),
        SchemaType::AnyValue => Vec::new(),
    };
    if types.contains(&&Type::Boolean) {
        Kind::Bool
    } else if types.contains(&&Type::Integer) {
        Kind::Integer
    } else if types.contains(&&Type::Number) {
        Kind::Number
    } else {
        Kind::Text
    }
}

fn kind_of(schema: &RefOr<Schema>) -> Kind {
    match schema {
        // Enums and other named types are strings on the wire.
        RefOr::Ref(_) => Kind::Text,
        RefOr::T(Schema::Object(object)) => kind_of_type(&object.schema_type),
        RefOr::T(Schema::Array(_)) => Kind::List,
        RefOr::T(Schema::OneOf(one)) => one
            .items
            .iter()
            .map(kind_of)
            .find(|k| *k != Kind::Text)
            .unwrap_or(Kind::Text),
        RefOr::T(Schema::AllOf(all)) => all
            .items
            .iter()
            .map(kind_of)
            .find(|k| *k != Kind::Text)
            .unwrap_or(Kind::Text),
        RefOr::T(_) => Kind::Text,
    }
}

impl Columns {
    /// The columns of `T`'s JSON object schema (its properties, in declaration order).
    pub fn of<T: utoipa::PartialSchema>() -> Self {
        let (mut names, mut kinds, mut required) = (Vec::new(), Vec::new(), Vec::new());
        if let RefOr::T(Schema::Object(object)) = T::schema() {
            for (name, property) in &object.properties {
                names.push(name.clone());
                kinds.push(kind_of(property));
            }
            required = object.required.clone();
        }
        Self {
            names,
            kinds,
            required,
        }
    }

    /// The columns of an import or export file of `T`: its fields, after an optional `id` (the
    /// Stegvis id), so an exported record finds itself again on re-import even without an
    /// `external_id`.
    pub fn of_file<T: utoipa::PartialSchema>() -> Self {
        let mut columns = Self::of::<T>();
        columns.names.insert(0, ID.to_owned());
        columns.kinds.insert(0, Kind::Text);
        columns
    }

    pub fn index_of(&self, name: &str) -> Option<usize> {
        self.names.iter().position(|n| n == name)
    }
}

/// A CSV cell as the JSON value the input expects. Booleans accept Swedish and English words,
/// numbers the Swedish decimal comma ("12,5"); anything unparsable stays text, so the input's
/// own deserialisation names the field and the problem.
pub fn cell_value(kind: Kind, text: &str) -> serde_json::Value {
    use serde_json::Value;
    let trimmed = text.trim();
    match kind {
        Kind::Text => Value::String(text.to_owned()),
        Kind::Bool => match trimmed.to_lowercase().as_str() {
            "true" | "ja" | "yes" | "1" | "sant" => Value::Bool(true),
            "false" | "nej" | "no" | "0" | "falskt" => Value::Bool(false),
            _ => Value::String(text.to_owned()),
        },
        Kind::Integer => trimmed
            .replace(['\u{a0}', ' '], "")
            .parse::<i64>()
            .map(Value::from)
            .unwrap_or_else(|_| Value::String(text.to_owned())),
        Kind::Number => trimmed
            .replace(['\u{a0}', ' '], "")
            .replace(',', ".")
            .parse::<f64>()
            .ok()
            .and_then(serde_json::Number::from_f64)
            .map(Value::Number)
            .unwrap_or_else(|| Value::String(text.to_owned())),
        Kind::List => {
            if trimmed.starts_with('[') {
                serde_json::from_str(trimmed).unwrap_or_else(|_| Value::String(text.to_owned()))
            } else {
                Value::Array(
                    trimmed
                        .split(',')
                        .map(str::trim)
                        .filter(|t| !t.is_empty())
                        .map(|t| Value::String(t.to_owned()))
                        .collect(),
                )
            }
        }
    }
}

/// A JSON value as a CSV cell: the inverse of [`cell_value`] (decimal comma for numbers).
pub fn cell_text(value: &serde_json::Value) -> String {
    use serde_json::Value;
    match value {
        Value::Null => String::new(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) if n.is_f64() => n.to_string().replace('.', ","),
        Value::Number(n) => n.to_string(),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn participant_columns_come_from_the_input_schema() {
        let columns = Columns::of::<crate::routes::participants::ParticipantInput>();
        assert!(columns.names.contains(&"first_name".to_owned()));
        assert!(columns.names.contains(&"external_id".to_owned()));
        assert!(columns.required.contains(&"unit_id".to_owned()));
        assert!(!columns.required.contains(&"phone".to_owned()));
        let protected = columns.index_of("protected_identity").unwrap();
        assert_eq!(columns.kinds[protected], Kind::Bool);
    }

    #[test]
    fn cells_follow_swedish_excel() {
        assert_eq!(cell_value(Kind::Number, "12,5"), json!(12.5));
        assert_eq!(cell_value(Kind::Bool, "Ja"), json!(true));
        assert_eq!(cell_value(Kind::Integer, "1 200"), json!(1200));
        assert_eq!(cell_value(Kind::Bool, "kanske"), json!("kanske"));
        assert_eq!(
            cell_value(Kind::List, "lager, kök"),
            json!(["lager", "kök"])
        );
        assert_eq!(
            cell_value(Kind::List, r#"["a, b","c"]"#),
            json!(["a, b", "c"])
        );
        assert_eq!(cell_text(&json!(["a, b", "c"])), r#"["a, b","c"]"#);
        assert_eq!(cell_text(&json!(12.5)), "12,5");
        assert_eq!(cell_text(&json!(null)), "");
    }
}
