//! Swedish organisation numbers (organisationsnummer), used for employers and landlords.
//!
//! Only the shape and the Luhn check digit are validated. The "third digit at least 2" rule
//! for legal entities is deliberately not enforced: a sole trader's business is identified by
//! the owner's personnummer, and those employers must be registrable too.

use std::fmt;

use crate::personnummer::luhn_check_digit;

/// A validated organisation number, held as its ten digits.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct OrganisationNumber {
    /// Exactly ten ASCII digits (checked by `parse`, the only constructor).
    digits: String,
}

/// Why a text is not a valid organisation number; the messages are meant for an API field
/// error.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum OrganisationNumberError {
    /// Not `NNNNNN-NNNN` or ten digits.
    #[error("must be a valid organisationsnummer (NNNNNN-NNNN)")]
    Format,
    /// The last digit is not the Luhn check digit of the others.
    #[error("the check digit does not match")]
    Checksum,
}

impl OrganisationNumberError {
    /// A stable machine-readable code for the API's error table.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Format => "format",
            Self::Checksum => "checksum",
        }
    }
}

impl OrganisationNumber {
    /// Parses `NNNNNN-NNNN` or `NNNNNNNNNN`, ignoring surrounding whitespace.
    pub fn parse(input: &str) -> Result<Self, OrganisationNumberError> {
        let s = input.trim();
        let bytes = s.as_bytes();
        let digits: String = match bytes.len() {
            10 => s.to_owned(),
            11 if bytes[6] == b'-' => format!("{}{}", &s[..6], &s[7..]),
            _ => return Err(OrganisationNumberError::Format),
        };
        if !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(OrganisationNumberError::Format);
        }
        let check = luhn_check_digit(&digits[..9]).ok_or(OrganisationNumberError::Format)?;
        if digits.as_bytes()[9] != b'0' + check {
            return Err(OrganisationNumberError::Checksum);
        }
        Ok(Self { digits })
    }

    /// The storage and display form, `NNNNNN-NNNN`.
    pub fn canonical(&self) -> String {
        format!("{}-{}", &self.digits[..6], &self.digits[6..])
    }

    /// The ten digits without the dash, for searching.
    pub fn digits(&self) -> &str {
        &self.digits
    }
}

impl fmt::Display for OrganisationNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.canonical())
    }
}

/// Serialises as the canonical string, like the personnummer.
impl serde::Serialize for OrganisationNumber {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

#[cfg(feature = "openapi")]
impl utoipa::PartialSchema for OrganisationNumber {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        crate::openapi_schema::string_schema(
            "Organisationsnummer in canonical form NNNNNN-NNNN",
            r"^\d{6}-\d{4}$",
            "556036-0793",
        )
    }
}

#[cfg(feature = "openapi")]
impl utoipa::ToSchema for OrganisationNumber {}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn known_numbers_parse_in_both_shapes() {
        for (input, canonical) in [
            ("556036-0793", "556036-0793"),
            ("5560360793", "556036-0793"),
            (" 202100-5489 ", "202100-5489"),
            ("2021005489", "202100-5489"),
        ] {
            let org = OrganisationNumber::parse(input).unwrap();
            assert_eq!(org.canonical(), canonical);
            assert_eq!(org.to_string(), canonical);
            assert_eq!(org.digits(), canonical.replace('-', ""));
        }
    }

    #[test]
    fn sole_trader_with_a_personnummer_is_accepted() {
        // Third digit 1 (a month), which the legal-entity rule would reject.
        assert!(OrganisationNumber::parse("811218-9876").is_ok());
    }

    #[test]
    fn wrong_check_digit_is_rejected() {
        assert_eq!(
            OrganisationNumber::parse("556036-0794"),
            Err(OrganisationNumberError::Checksum)
        );
        assert_eq!(
            OrganisationNumberError::Checksum.to_string(),
            "the check digit does not match"
        );
    }

    #[test]
    fn malformed_input_is_rejected() {
        for input in [
            "",
            "556036-079",
            "55603-60793",
            "556036+0793",
            "16556036-0793",
            "5560360793x",
            "556036 0793",
            "55603607a3",
            "556036–0793",
        ] {
            assert_eq!(
                OrganisationNumber::parse(input),
                Err(OrganisationNumberError::Format),
                "{input:?}"
            );
        }
        assert_eq!(
            OrganisationNumberError::Format.to_string(),
            "must be a valid organisationsnummer (NNNNNN-NNNN)"
        );
    }

    #[test]
    fn serialises_as_canonical_string() {
        let org = OrganisationNumber::parse("5560360793").unwrap();
        assert_eq!(serde_json::to_string(&org).unwrap(), "\"556036-0793\"");
    }

    proptest! {
        #[test]
        fn valid_numbers_parse_and_any_other_check_digit_fails(
            nine in "[0-9]{9}",
            wrong_by in 1u8..10,
        ) {
            let check = luhn_check_digit(&nine).unwrap();
            let with_dash = format!("{}-{}{check}", &nine[..6], &nine[6..]);
            let plain = format!("{nine}{check}");
            let a = OrganisationNumber::parse(&with_dash).unwrap();
            let b = OrganisationNumber::parse(&plain).unwrap();
            prop_assert_eq!(&a, &b);
            prop_assert_eq!(a.canonical(), with_dash.clone());
            prop_assert_eq!(OrganisationNumber::parse(&a.canonical()).unwrap(), a);
            let wrong = format!("{nine}{}", (check + wrong_by) % 10);
            prop_assert_eq!(
                OrganisationNumber::parse(&wrong),
                Err(OrganisationNumberError::Checksum)
            );
        }

        #[test]
        fn arbitrary_text_never_panics(s in "\\PC{0,14}") {
            let _ = OrganisationNumber::parse(&s);
        }
    }
}
