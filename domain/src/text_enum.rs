//! Text codes for the domain's enums.
//!
//! The storage layer keeps enums as plain text so that both SQLite and PostgreSQL can hold them
//! without native enum types, and so that a row stays readable to anyone querying the database by
//! hand. The text is the same snake_case string that serde uses in JSON, so one vocabulary serves
//! the API, the database and the reports. The `text_enum!` macro generates
//! `ALL`, `as_str`, `Display` and `FromStr` from one list, so the three cannot drift apart.

use std::fmt;

/// Returned when a text code does not name any variant of an enum (for example a database row
/// written by a newer version, or a hand-edited value).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseEnumError {
    /// The Rust name of the enum, for the message.
    pub type_name: &'static str,
    /// The text that was not recognised.
    pub value: String,
}

impl ParseEnumError {
    /// Builds the error; used by the generated `FromStr` implementations.
    pub fn new(type_name: &'static str, value: &str) -> Self {
        Self {
            type_name,
            value: value.to_owned(),
        }
    }
}

impl fmt::Display for ParseEnumError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "'{}' is not a known {} value",
            self.value, self.type_name
        )
    }
}

impl std::error::Error for ParseEnumError {}

/// Generates `ALL`, `as_str`, `Display` and `FromStr` for a fieldless enum from one list of
/// `Variant => "text"` pairs. The match in `as_str` is exhaustive, so adding a variant without
/// listing it here fails to compile, and `ALL` is built from the same list, so it is complete.
macro_rules! text_enum {
    ($ty:ident { $($variant:ident => $text:literal),+ $(,)? }) => {
        impl $ty {
            /// Every variant, in declaration order (for pick lists, reports and tests).
            pub const ALL: &[Self] = &[$(Self::$variant),+];

            /// The stable text code, identical to the serde (JSON) name; stored in the database.
            pub fn as_str(&self) -> &'static str {
                match self {
                    $(Self::$variant => $text),+
                }
            }
        }

        impl ::std::fmt::Display for $ty {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::std::str::FromStr for $ty {
            type Err = $crate::text_enum::ParseEnumError;

            fn from_str(s: &str) -> ::std::result::Result<Self, Self::Err> {
                match s {
                    $($text => Ok(Self::$variant),)+
                    _ => Err($crate::text_enum::ParseEnumError::new(stringify!($ty), s)),
                }
            }
        }
    };
}

// Re-exported by path (rather than `#[macro_export]`) so the macro stays private to this crate.
pub(crate) use text_enum;

/// Checks, for every variant, that the text code, the serde name and `FromStr` agree, and that
/// the codes are distinct. Each enum's tests call this so a typo in a code is caught at once.
#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
pub(crate) fn assert_text_codes_consistent<T>(all: &[T], as_str: fn(&T) -> &'static str)
where
    T: serde::Serialize
        + serde::de::DeserializeOwned
        + std::str::FromStr<Err = ParseEnumError>
        + PartialEq
        + fmt::Debug
        + fmt::Display,
{
    let mut seen = std::collections::HashSet::new();
    for value in all {
        let code = as_str(value);
        assert!(seen.insert(code), "duplicate text code {code}");
        assert_eq!(value.to_string(), code);
        let json = serde_json::to_string(value).unwrap();
        assert_eq!(
            json,
            format!("\"{code}\""),
            "serde name differs from as_str"
        );
        let back: T = serde_json::from_str(&json).unwrap();
        assert_eq!(&back, value);
        assert_eq!(&code.parse::<T>().unwrap(), value);
    }
    let err = "no such value".parse::<T>().unwrap_err();
    assert_eq!(err.value, "no such value");
    // Codes are case-sensitive on purpose: the database must hold exactly one spelling.
    if let Some(first) = all.first() {
        let upper = as_str(first).to_uppercase();
        assert!(upper.parse::<T>().is_err());
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    #[test]
    fn error_message_names_the_type_and_value() {
        let err = ParseEnumError::new("Gender", "x");
        assert_eq!(err.to_string(), "'x' is not a known Gender value");
    }
}
