//! Duplicate detection: does a new registration look like a person already in the system?
//! The same personnummer is certain (and refused); the same name and date of birth is likely
//! (flagged, so staff check before registering the same person twice).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::participant::search_key;
use crate::text_enum::text_enum;

/// Why two records look like the same person.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Likeness {
    /// Same personnummer / samordningsnummer.
    SamePersonalIdentityNumber,
    /// Same first and last name (ignoring case and spacing) and the same date of birth.
    SameNameAndBirthDate,
}

text_enum!(Likeness {
    SamePersonalIdentityNumber => "same_personal_identity_number",
    SameNameAndBirthDate => "same_name_and_birth_date",
});

/// The facts compared.
#[derive(Debug, Clone, Copy)]
pub struct Identity<'a> {
    pub personal_identity_number: Option<&'a str>,
    pub first_name: &'a str,
    pub last_name: &'a str,
    pub date_of_birth: Option<NaiveDate>,
}

/// How `a` resembles `b`, the strongest reason first; `None` if they do not look alike.
pub fn likeness(a: &Identity<'_>, b: &Identity<'_>) -> Option<Likeness> {
    if let (Some(x), Some(y)) = (a.personal_identity_number, b.personal_identity_number)
        && x == y
    {
        return Some(Likeness::SamePersonalIdentityNumber);
    }
    let same_name = search_key(&[a.first_name]) == search_key(&[b.first_name])
        && search_key(&[a.last_name]) == search_key(&[b.last_name])
        && !search_key(&[a.last_name]).is_empty();
    match (a.date_of_birth, b.date_of_birth) {
        (Some(x), Some(y)) if x == y && same_name => Some(Likeness::SameNameAndBirthDate),
        _ => None,
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;
    use crate::text_enum::assert_text_codes_consistent;
    use proptest::prelude::*;

    fn id<'a>(
        pin: Option<&'a str>,
        f: &'a str,
        l: &'a str,
        dob: Option<NaiveDate>,
    ) -> Identity<'a> {
        Identity {
            personal_identity_number: pin,
            first_name: f,
            last_name: l,
            date_of_birth: dob,
        }
    }

    #[test]
    fn likeness_rules() {
        assert_text_codes_consistent(Likeness::ALL, Likeness::as_str);
        let dob = NaiveDate::from_ymd_opt(1981, 12, 18);
        let a = id(Some("19811218-9876"), "Åsa", "Öberg", dob);
        assert_eq!(
            likeness(&a, &id(Some("19811218-9876"), "X", "Y", None)),
            Some(Likeness::SamePersonalIdentityNumber)
        );
        assert_eq!(
            likeness(&a, &id(None, "ÅSA", " öberg ", dob)),
            Some(Likeness::SameNameAndBirthDate)
        );
        assert_eq!(likeness(&a, &id(None, "Åsa", "Öberg", None)), None);
        assert_eq!(likeness(&a, &id(None, "Åsa", "Berg", dob)), None);
    }

    proptest! {
        #[test]
        fn symmetric(f in "[a-zA-ZåäöÅÄÖ]{1,8}", l in "[a-zA-ZåäöÅÄÖ]{1,8}", y in 1950i32..2000) {
            let dob = NaiveDate::from_ymd_opt(y, 1, 1);
            let a = id(None, &f, &l, dob);
            let upper_f = f.to_uppercase();
            let b = id(None, &upper_f, &l, dob);
            prop_assert_eq!(likeness(&a, &b), likeness(&b, &a));
            prop_assert_eq!(likeness(&a, &b), Some(Likeness::SameNameAndBirthDate));
        }
    }
}
