//! Swedish personal identity numbers (personnummer) and coordination numbers
//! (samordningsnummer).
//!
//! People write these in several shapes (with or without the century, with or without a dash),
//! so parsing accepts them all and stores one canonical form, `YYYYMMDD-NNNN`, which sorts by
//! date of birth and never needs a century guessed again. The 10-digit forms need "today" to
//! place the century; it is a parameter because this crate never reads the clock.

use std::fmt;

use chrono::{Datelike, NaiveDate};

/// Coordination numbers add this to the day of birth, which keeps them apart from personnummer
/// while the rest of the number (and the check digit rule) stays the same.
const COORDINATION_DAY_OFFSET: u32 = 60;

/// A validated personnummer or samordningsnummer.
///
/// Holds the parsed parts rather than the input text, so two spellings of the same number
/// (`811218-9876`, `198112189876`) are equal and hash alike.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct PersonalIdentityNumber {
    date_of_birth: NaiveDate,
    coordination: bool,
    /// The birth number (three digits) followed by the check digit, as written.
    last_four: u16,
}

/// Why a text is not a valid personnummer; the messages are meant for an API field error.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum PersonnummerError {
    /// Not one of the accepted shapes (wrong length, letters, misplaced separator …).
    #[error("must be a valid personnummer or samordningsnummer (YYYYMMDD-NNNN)")]
    Format,
    /// The digits do not form a calendar date (for a samordningsnummer, after subtracting 60).
    #[error("the date of birth does not exist")]
    InvalidDate,
    /// The date of birth is after "today".
    #[error("the date of birth is in the future")]
    FutureDate,
    /// The last digit is not the Luhn check digit of the others.
    #[error("the check digit does not match")]
    Checksum,
}

impl PersonnummerError {
    /// A stable machine-readable code for the API's error table.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Format => "format",
            Self::InvalidDate => "invalid_date",
            Self::FutureDate => "future_date",
            Self::Checksum => "checksum",
        }
    }
}

/// The separator in a 10-digit form; it carries the century information for centenarians.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Separator {
    None,
    Minus,
    Plus,
}

impl PersonalIdentityNumber {
    /// Parses any of `YYMMDD-NNNN`, `YYMMDD+NNNN`, `YYMMDDNNNN`, `YYYYMMDDNNNN` and
    /// `YYYYMMDD-NNNN`, ignoring surrounding whitespace.
    ///
    /// For the 10-digit forms the century is inferred from `today`: with `-` or no separator it
    /// is the most recent century that puts the birth date on or before `today`. With `+`
    /// (Skatteverket writes it from the start of the year the person turns 100) the birth year
    /// is the most recent one at least 100 years before today's year. That is year-based rather
    /// than "100 years older than the `-` reading" so that someone turning 100 later this year,
    /// already written with `+`, is not read as turning 200.
    ///
    /// The 12-digit forms take only `-`: the century is explicit, so a `+` could only
    /// contradict it.
    pub fn parse(input: &str, today: NaiveDate) -> Result<Self, PersonnummerError> {
        let (digits, separator) = split_form(input.trim())?;
        // The check digit is defined over the 10-digit form whatever shape was written.
        let ten = &digits[digits.len() - 10..];
        let yy = two_digits(ten, 0);
        let month = two_digits(ten, 2);
        let written_day = two_digits(ten, 4);
        let coordination = written_day > COORDINATION_DAY_OFFSET;
        let day = if coordination {
            written_day - COORDINATION_DAY_OFFSET
        } else {
            written_day
        };

        let year = if digits.len() == 12 {
            // Four ASCII digits always fit; the cast cannot truncate.
            (two_digits(&digits, 0) * 100 + yy) as i32
        } else {
            infer_year(yy as i32, month, day, separator, today)
        };

        let date_of_birth =
            NaiveDate::from_ymd_opt(year, month, day).ok_or(PersonnummerError::InvalidDate)?;
        if date_of_birth > today {
            return Err(PersonnummerError::FutureDate);
        }
        let check = luhn_check_digit(&ten[..9]).ok_or(PersonnummerError::Format)?;
        if ten.as_bytes()[9] != b'0' + check {
            return Err(PersonnummerError::Checksum);
        }
        let last_four = u16::try_from(two_digits(ten, 6) * 100 + two_digits(ten, 8))
            .map_err(|_| PersonnummerError::Format)?;

        Ok(Self {
            date_of_birth,
            coordination,
            last_four,
        })
    }

    /// The storage form, `YYYYMMDD-NNNN` (for a samordningsnummer the day is written plus 60).
    pub fn canonical(&self) -> String {
        let (year, month, day) = self.written_date();
        format!("{year:04}{month:02}{day:02}-{:04}", self.last_four)
    }

    /// The 12 digits without the dash, for searching with or without the separator.
    pub fn digits(&self) -> String {
        let (year, month, day) = self.written_date();
        format!("{year:04}{month:02}{day:02}{:04}", self.last_four)
    }

    /// The real date of birth (for a samordningsnummer, with the 60 already subtracted).
    pub fn date_of_birth(&self) -> NaiveDate {
        self.date_of_birth
    }

    /// True for a samordningsnummer: issued to people who are not, or not yet, registered as
    /// resident, so other registers may not know them.
    pub fn is_coordination_number(&self) -> bool {
        self.coordination
    }

    fn written_date(&self) -> (i32, u32, u32) {
        let offset = if self.coordination {
            COORDINATION_DAY_OFFSET
        } else {
            0
        };
        (
            self.date_of_birth.year(),
            self.date_of_birth.month(),
            self.date_of_birth.day() + offset,
        )
    }
}

impl fmt::Display for PersonalIdentityNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.canonical())
    }
}

/// Serialises as the canonical string so the API never shows the ambiguous 10-digit form.
impl serde::Serialize for PersonalIdentityNumber {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

#[cfg(feature = "openapi")]
impl utoipa::PartialSchema for PersonalIdentityNumber {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        crate::openapi_schema::string_schema(
            "Personnummer or samordningsnummer in canonical form YYYYMMDD-NNNN",
            r"^\d{8}-\d{4}$",
            "19811218-9876",
        )
    }
}

#[cfg(feature = "openapi")]
impl utoipa::ToSchema for PersonalIdentityNumber {}

/// The Luhn (mod 10) check digit of nine decimal digits, as used by personnummer,
/// samordningsnummer and organisationsnummer. `None` unless the input is exactly nine ASCII
/// digits.
///
/// Weights alternate 2, 1, 2 … from the left; the digits of each product are summed.
pub fn luhn_check_digit(nine_digits: &str) -> Option<u8> {
    let bytes = nine_digits.as_bytes();
    if bytes.len() != 9 || !bytes.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let sum: u32 = bytes
        .iter()
        .enumerate()
        .map(|(i, b)| {
            let product = u32::from(b - b'0') * if i % 2 == 0 { 2 } else { 1 };
            product / 10 + product % 10
        })
        .sum();
    // The remainder is below 10, so the narrowing cannot lose anything.
    Some(((10 - sum % 10) % 10) as u8)
}

/// Splits the trimmed input into its digits (10 or 12, separator removed) and the separator.
fn split_form(s: &str) -> Result<(String, Separator), PersonnummerError> {
    let bytes = s.as_bytes();
    // Byte lengths are safe here: any non-ASCII byte fails the digit check below.
    let (separator, separator_at) = match bytes.len() {
        10 | 12 => (Separator::None, None),
        11 => match bytes[6] {
            b'-' => (Separator::Minus, Some(6)),
            b'+' => (Separator::Plus, Some(6)),
            _ => return Err(PersonnummerError::Format),
        },
        13 if bytes[8] == b'-' => (Separator::Minus, Some(8)),
        _ => return Err(PersonnummerError::Format),
    };
    let digits: String = bytes
        .iter()
        .enumerate()
        .filter(|(i, _)| Some(*i) != separator_at)
        .map(|(_, b)| {
            if b.is_ascii_digit() {
                Ok(char::from(*b))
            } else {
                Err(PersonnummerError::Format)
            }
        })
        .collect::<Result<_, _>>()?;
    Ok((digits, separator))
}

/// The number formed by the two ASCII digits at `at` (the caller has checked they are digits).
fn two_digits(digits: &str, at: usize) -> u32 {
    digits.as_bytes()[at..at + 2]
        .iter()
        .fold(0, |acc, b| acc * 10 + u32::from(b.saturating_sub(b'0')))
}

/// The full birth year for a 10-digit form; see [`PersonalIdentityNumber::parse`] for the rule.
fn infer_year(yy: i32, month: u32, day: u32, separator: Separator, today: NaiveDate) -> i32 {
    match separator {
        Separator::Plus => {
            // The largest year congruent to yy (mod 100) that is at most today's year − 100.
            let limit = today.year() - 100;
            limit - (limit - yy).rem_euclid(100)
        }
        Separator::Minus | Separator::None => {
            let this_century = today.year() - today.year().rem_euclid(100) + yy;
            // Compared as a tuple, not a date, because the day may not exist (it is rejected
            // afterwards with a clearer error than a wrong century would give).
            if (this_century, month, day) > (today.year(), today.month(), today.day()) {
                this_century - 100
            } else {
                this_century
            }
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;
    use chrono::Days;
    use proptest::prelude::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn today() -> NaiveDate {
        date(2026, 6, 15)
    }

    fn parse(s: &str) -> Result<PersonalIdentityNumber, PersonnummerError> {
        PersonalIdentityNumber::parse(s, today())
    }

    /// Appends the correct check digit to nine digits.
    fn with_check(nine: &str) -> String {
        format!("{nine}{}", luhn_check_digit(nine).unwrap())
    }

    #[test]
    fn skatteverket_test_number_in_every_shape() {
        for input in [
            "19811218-9876",
            "811218-9876",
            "8112189876",
            "198112189876",
            "  811218-9876\t",
        ] {
            let pnr = parse(input).unwrap();
            assert_eq!(pnr.canonical(), "19811218-9876", "{input}");
            assert_eq!(pnr.digits(), "198112189876");
            assert_eq!(pnr.date_of_birth(), date(1981, 12, 18));
            assert!(!pnr.is_coordination_number());
            assert_eq!(pnr.to_string(), "19811218-9876");
        }
    }

    #[test]
    fn luhn_digit_of_known_numbers() {
        assert_eq!(luhn_check_digit("811218987"), Some(6));
        assert_eq!(luhn_check_digit("121212121"), Some(2));
        assert_eq!(luhn_check_digit("556036079"), Some(3));
        assert_eq!(luhn_check_digit("000000000"), Some(0));
    }

    #[test]
    fn luhn_rejects_anything_but_nine_ascii_digits() {
        assert_eq!(luhn_check_digit("81121898"), None);
        assert_eq!(luhn_check_digit("8112189876"), None);
        assert_eq!(luhn_check_digit("81121898x"), None);
        assert_eq!(luhn_check_digit("81121898٣"), None);
        assert_eq!(luhn_check_digit(""), None);
    }

    #[test]
    fn wrong_check_digit_is_a_checksum_error() {
        assert_eq!(parse("19811218-9875"), Err(PersonnummerError::Checksum));
        assert_eq!(parse("811218-9870"), Err(PersonnummerError::Checksum));
        assert_eq!(
            PersonnummerError::Checksum.to_string(),
            "the check digit does not match"
        );
    }

    #[test]
    fn malformed_input_is_a_format_error() {
        for input in [
            "",
            "   ",
            "811218",
            "811218-98765",
            "81121-89876",
            "8112189876 1",
            "811218 9876",
            "811218_9876",
            "19811218+9876",
            "1981121-89876",
            "abcdefghij",
            "811218-987a",
            "٨١١٢١٨٩٨٧٦",
            "19811218--9876",
            "-8112189876",
        ] {
            assert_eq!(parse(input), Err(PersonnummerError::Format), "{input:?}");
        }
        assert_eq!(
            PersonnummerError::Format.to_string(),
            "must be a valid personnummer or samordningsnummer (YYYYMMDD-NNNN)"
        );
    }

    #[test]
    fn impossible_dates_are_rejected() {
        for nine in [
            "811318987",
            "811200987",
            "811232987",
            "810231987",
            "811260987",
        ] {
            assert_eq!(
                parse(&with_check(nine)),
                Err(PersonnummerError::InvalidDate),
                "{nine}"
            );
        }
    }

    #[test]
    fn february_29_only_in_leap_years() {
        assert_eq!(
            parse(&format!("20{}", with_check("000229123")))
                .unwrap()
                .date_of_birth(),
            date(2000, 2, 29)
        );
        assert_eq!(
            parse(&format!("19{}", with_check("000229123"))),
            Err(PersonnummerError::InvalidDate)
        );
        assert_eq!(
            parse(&format!("19{}", with_check("960229123")))
                .unwrap()
                .date_of_birth(),
            date(1996, 2, 29)
        );
        assert_eq!(
            parse(&format!("20{}", with_check("230229123"))),
            Err(PersonnummerError::InvalidDate)
        );
        // 10-digit form: century inferred as 2000, which is a leap year.
        assert_eq!(
            parse(&with_check("000229123")).unwrap().date_of_birth(),
            date(2000, 2, 29)
        );
        // '+' places it in 1900, which is not a leap year (divisible by 100, not by 400).
        let plus = with_check("000229123");
        assert_eq!(
            parse(&format!("{}+{}", &plus[..6], &plus[6..])),
            Err(PersonnummerError::InvalidDate)
        );
    }

    #[test]
    fn samordningsnummer_day_plus_sixty() {
        let input = with_check("811278987");
        let pnr = parse(&input).unwrap();
        assert!(pnr.is_coordination_number());
        assert_eq!(pnr.date_of_birth(), date(1981, 12, 18));
        assert_eq!(
            pnr.canonical(),
            format!("19{}-{}", &input[..6], &input[6..])
        );
        assert_eq!(pnr.canonical(), "19811278-9873");
        // The highest and lowest coordination days.
        assert_eq!(
            parse(&with_check("810191123")).unwrap().date_of_birth(),
            date(1981, 1, 31)
        );
        assert_eq!(
            parse(&with_check("810161123")).unwrap().date_of_birth(),
            date(1981, 1, 1)
        );
    }

    #[test]
    fn samordningsnummer_with_impossible_day_is_rejected() {
        // Day 60 would be day 0; 92 would be day 32; April has no 31st (91 − 60).
        for nine in ["810160123", "810192123", "810491123"] {
            assert_eq!(
                parse(&with_check(nine)),
                Err(PersonnummerError::InvalidDate),
                "{nine}"
            );
        }
    }

    #[test]
    fn samordningsnummer_february_29() {
        let pnr = parse(&format!("20{}", with_check("040289123"))).unwrap();
        assert_eq!(pnr.date_of_birth(), date(2004, 2, 29));
        assert!(pnr.is_coordination_number());
        assert_eq!(
            parse(&format!("20{}", with_check("050289123"))),
            Err(PersonnummerError::InvalidDate)
        );
    }

    #[test]
    fn plus_means_a_hundred_or_older() {
        let pnr = parse("121212+1212").unwrap();
        assert_eq!(pnr.date_of_birth(), date(1912, 12, 12));
        assert_eq!(pnr.canonical(), "19121212-1212");
        let minus = parse("121212-1212").unwrap();
        assert_eq!(minus.date_of_birth(), date(2012, 12, 12));
        assert_ne!(pnr, minus);
    }

    #[test]
    fn plus_in_the_year_of_the_hundredth_birthday() {
        // Turns 100 on 1926-12-18 but is written with '+' from 2026-01-01 on.
        let nine = "261218123";
        let input = with_check(nine);
        let plus = format!("{}+{}", &input[..6], &input[6..]);
        assert_eq!(
            parse(&plus).unwrap().date_of_birth(),
            date(1926, 12, 18),
            "not 1826"
        );
        // Without the '+', the most recent past date is the same 1926 birthday here.
        assert_eq!(parse(&input).unwrap().date_of_birth(), date(1926, 12, 18));
    }

    #[test]
    fn century_inference_at_the_boundary() {
        // Born on today's date 100 years ago or today: '-' reads the most recent, i.e. today.
        let born_today = with_check("260615123");
        assert_eq!(
            parse(&born_today).unwrap().date_of_birth(),
            date(2026, 6, 15)
        );
        // Tomorrow's date this century is in the future, so the previous century is meant.
        let tomorrow = with_check("260616123");
        assert_eq!(parse(&tomorrow).unwrap().date_of_birth(), date(1926, 6, 16));
        // A later yy than today's is the previous century.
        assert_eq!(
            parse(&with_check("990101123")).unwrap().date_of_birth(),
            date(1999, 1, 1)
        );
        assert_eq!(
            parse(&with_check("250101123")).unwrap().date_of_birth(),
            date(2025, 1, 1)
        );
    }

    #[test]
    fn future_date_with_explicit_century_is_rejected() {
        assert_eq!(
            parse(&format!("20{}", with_check("260616123"))),
            Err(PersonnummerError::FutureDate)
        );
        assert_eq!(
            parse(&format!("20{}", with_check("991231123"))),
            Err(PersonnummerError::FutureDate)
        );
        // Today itself is allowed (a newborn).
        assert!(parse(&format!("20{}", with_check("260615123"))).is_ok());
        assert_eq!(
            PersonnummerError::FutureDate.to_string(),
            "the date of birth is in the future"
        );
    }

    #[test]
    fn serialises_as_canonical_string() {
        let pnr = parse("811218-9876").unwrap();
        assert_eq!(
            serde_json::to_string(&pnr).unwrap(),
            "\"19811218-9876\"".to_owned()
        );
    }

    #[test]
    fn error_codes_are_distinct() {
        let codes = [
            PersonnummerError::Format,
            PersonnummerError::InvalidDate,
            PersonnummerError::FutureDate,
            PersonnummerError::Checksum,
        ]
        .map(|e| e.code());
        let unique: std::collections::HashSet<_> = codes.iter().collect();
        assert_eq!(unique.len(), codes.len());
    }

    /// A "today" between 2000 and 2099, a date of birth up to 150 years before it, a birth
    /// number and whether it is a coordination number.
    fn valid_number() -> impl Strategy<Value = (NaiveDate, NaiveDate, u32, bool)> {
        (0u64..36_500, 0u64..(150 * 365), 0u32..1000, any::<bool>()).prop_map(
            |(today_offset, age_days, serial, coordination)| {
                let today = date(2000, 1, 1) + Days::new(today_offset);
                let born = today - Days::new(age_days);
                (today, born, serial, coordination)
            },
        )
    }

    fn nine_digits(born: NaiveDate, serial: u32, coordination: bool) -> String {
        let day = born.day() + if coordination { 60 } else { 0 };
        format!(
            "{:02}{:02}{day:02}{serial:03}",
            born.year() % 100,
            born.month()
        )
    }

    proptest! {
        #[test]
        fn every_shape_parses_to_the_same_canonical(
            (today, born, serial, coordination) in valid_number()
        ) {
            let ten = with_check(&nine_digits(born, serial, coordination));
            let century = born.year() / 100;
            let expected = format!("{century:02}{}-{}", &ten[..6], &ten[6..]);
            let mut shapes = vec![
                format!("{century:02}{ten}"),
                format!("{century:02}{}-{}", &ten[..6], &ten[6..]),
            ];
            // Skatteverket's rule: '+' from the year the person turns 100.
            if today.year() - born.year() >= 100 {
                shapes.push(format!("{}+{}", &ten[..6], &ten[6..]));
            } else {
                shapes.push(format!("{}-{}", &ten[..6], &ten[6..]));
                shapes.push(ten.clone());
            }
            for shape in shapes {
                let pnr = PersonalIdentityNumber::parse(&shape, today).unwrap();
                prop_assert_eq!(pnr.canonical(), expected.clone(), "{}", shape);
                prop_assert_eq!(pnr.date_of_birth(), born);
                prop_assert_eq!(pnr.is_coordination_number(), coordination);
            }
        }

        #[test]
        fn a_wrong_check_digit_always_fails(
            (today, born, serial, coordination) in valid_number(),
            wrong_by in 1u8..10,
        ) {
            let nine = nine_digits(born, serial, coordination);
            let check = luhn_check_digit(&nine).unwrap();
            let wrong = (check + wrong_by) % 10;
            let century = born.year() / 100;
            let input = format!("{century:02}{}-{}{wrong}", &nine[..6], &nine[6..]);
            prop_assert_eq!(
                PersonalIdentityNumber::parse(&input, today),
                Err(PersonnummerError::Checksum)
            );
        }

        #[test]
        fn canonical_round_trips(
            (today, born, serial, coordination) in valid_number()
        ) {
            let ten = with_check(&nine_digits(born, serial, coordination));
            let input = format!("{:02}{ten}", born.year() / 100);
            let pnr = PersonalIdentityNumber::parse(&input, today).unwrap();
            let again = PersonalIdentityNumber::parse(&pnr.canonical(), today).unwrap();
            prop_assert_eq!(&again, &pnr);
            prop_assert_eq!(again.digits(), pnr.canonical().replace('-', ""));
        }

        #[test]
        fn arbitrary_text_never_panics(s in "\\PC{0,20}", digits in "[0-9+\\- ]{0,16}") {
            let _ = PersonalIdentityNumber::parse(&s, date(2026, 6, 15));
            let _ = PersonalIdentityNumber::parse(&digits, date(2026, 6, 15));
        }

        #[test]
        fn single_digit_typos_are_caught(
            (today, born, serial, coordination) in valid_number(),
            position in 0usize..10,
            wrong_by in 1u8..10,
        ) {
            // The point of the Luhn digit: any single-digit error is detected (either as a
            // checksum error or because the date no longer makes sense).
            let ten = with_check(&nine_digits(born, serial, coordination));
            let mut bytes = ten.into_bytes();
            bytes[position] = b'0' + (bytes[position] - b'0' + wrong_by) % 10;
            let typo = String::from_utf8(bytes).unwrap();
            let input = format!("{:02}{typo}", born.year() / 100);
            prop_assert!(PersonalIdentityNumber::parse(&input, today).is_err());
        }
    }
}
