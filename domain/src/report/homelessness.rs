//! The national homelessness count (Socialstyrelsens kartläggning av hemlöshet): how many
//! participants were in each of the survey's four situations during one week, by gender and age.
//!
//! Definitions:
//! - **week**: an ISO week, `2026-W14`, Monday to Sunday ([`iso_week`]).
//! - **situation during the week**: every situation in force on some day of the week (from the
//!   recorded housing changes; a person with no recorded change is taken in their registered
//!   situation), mapped with [`HousingSituation::national_survey_situation`]. A person is counted
//!   once, in the most acute (lowest-numbered) situation. Situation 2 (institution or supported
//!   housing) is counted for every such stay: the planned leaving date the survey asks about is not
//!   recorded, so it is an upper bound.
//! - **age**: whole years on the last day of the week, in the bands [`SURVEY_AGE_BANDS`].

use chrono::{NaiveDate, Weekday};

use super::{Figure, age_on};
use crate::housing::{StageChange, situation_on};
use crate::participant::{Gender, HousingSituation};
use crate::period::Period;

/// The Monday–Sunday of an ISO week written `YYYY-Www` (e.g. `2026-W14`).
pub fn iso_week(s: &str) -> Result<Period, String> {
    let bad = || format!("'{s}' is not an ISO week such as 2026-W14");
    let (year, week) = s.trim().split_once(['-']).ok_or_else(bad)?;
    let week = week.strip_prefix(['W', 'w']).ok_or_else(bad)?;
    if year.len() != 4
        || !year.bytes().all(|b| b.is_ascii_digit())
        || week.is_empty()
        || week.len() > 2
        || !week.bytes().all(|b| b.is_ascii_digit())
    {
        return Err(bad());
    }
    let year: i32 = year.parse().map_err(|_| bad())?;
    let week: u32 = week.parse().map_err(|_| bad())?;
    let monday = NaiveDate::from_isoywd_opt(year, week, Weekday::Mon).ok_or_else(bad)?;
    let sunday = NaiveDate::from_isoywd_opt(year, week, Weekday::Sun).ok_or_else(bad)?;
    Period::new(monday, sunday).map_err(|_| bad())
}

/// One person in the count.
#[derive(Debug, Clone, PartialEq)]
pub struct CountPerson {
    pub id: String,
    pub gender: Gender,
    pub date_of_birth: Option<NaiveDate>,
    /// The situation registered on the participant (used when no change is recorded).
    pub registered: HousingSituation,
    pub changes: Vec<StageChange>,
}

/// Age bands of the count, by age on the last day of the week.
pub const SURVEY_AGE_BANDS: &[(&str, u32, u32)] = &[
    ("under_18", 0, 17),
    ("18_20", 18, 20),
    ("21_24", 21, 24),
    ("25_29", 25, 29),
    ("30_39", 30, 39),
    ("40_49", 40, 49),
    ("50_64", 50, 64),
    ("65_and_over", 65, u32::MAX),
];

/// The most acute survey situation (1–4) the person was in during `week`, if any.
pub fn situation_during(p: &CountPerson, week: &Period) -> Option<u8> {
    if p.changes.is_empty() {
        return p.registered.national_survey_situation();
    }
    let mut in_force: Vec<HousingSituation> =
        situation_on(&p.changes, week.from).into_iter().collect();
    in_force.extend(
        p.changes
            .iter()
            .filter(|c| week.contains(c.from))
            .map(|c| c.situation),
    );
    in_force
        .iter()
        .filter_map(HousingSituation::national_survey_situation)
        .min()
}

/// The figures: per situation the total, then by gender and by age band (shares of the total).
pub fn homelessness_count(people: &[CountPerson], week: &Period) -> Vec<Figure> {
    let placed: Vec<(u8, &CountPerson)> = people
        .iter()
        .filter_map(|p| situation_during(p, week).map(|s| (s, p)))
        .collect();
    let mut out = vec![Figure::count(
        "all",
        "total",
        placed.iter().map(|(_, p)| p.id.clone()).collect(),
        placed.len(),
    )];
    for s in 1..=4u8 {
        let section = format!("situation_{s}");
        let here: Vec<&CountPerson> = placed
            .iter()
            .filter(|(x, _)| *x == s)
            .map(|(_, p)| *p)
            .collect();
        let ids = |pred: &dyn Fn(&CountPerson) -> bool| -> Vec<String> {
            here.iter()
                .filter(|p| pred(p))
                .map(|p| p.id.clone())
                .collect()
        };
        out.push(Figure::share(
            &section,
            "total",
            ids(&|_| true),
            placed.len(),
        ));
        for g in Gender::ALL {
            out.push(Figure::share(
                &section,
                &format!("gender_{}", g.as_str()),
                ids(&|p| p.gender == *g),
                here.len(),
            ));
        }
        for (name, lo, hi) in SURVEY_AGE_BANDS {
            out.push(Figure::share(
                &section,
                &format!("age_{name}"),
                ids(&|p| {
                    p.date_of_birth
                        .and_then(|b| age_on(b, week.to))
                        .is_some_and(|a| a >= *lo && a <= *hi)
                }),
                here.len(),
            ));
        }
        out.push(Figure::share(
            &section,
            "age_unknown",
            ids(&|p| p.date_of_birth.and_then(|b| age_on(b, week.to)).is_none()),
            here.len(),
        ));
    }
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn weeks() {
        let w = iso_week("2026-W14").unwrap();
        assert_eq!((w.from, w.to), (d("2026-03-30"), d("2026-04-05")));
        let w = iso_week("2020-W53").unwrap();
        assert_eq!(w.from, d("2020-12-28"));
        assert!(iso_week("2021-W53").is_err());
        assert!(iso_week("2026-14").is_err());
        assert!(iso_week("2026-W").is_err());
    }

    #[test]
    fn most_acute_situation_once() {
        let week = iso_week("2026-W14").unwrap();
        let ch = |from: &str, s| StageChange {
            from: d(from),
            situation: s,
        };
        let p = |id: &str, changes: Vec<StageChange>, registered| CountPerson {
            id: id.into(),
            gender: Gender::Woman,
            date_of_birth: Some(d("2000-04-05")),
            registered,
            changes,
        };
        let people = vec![
            // shelter until Wednesday, then a training apartment: counted in 1 only.
            p(
                "a",
                vec![
                    ch("2026-01-01", HousingSituation::Shelter),
                    ch("2026-04-01", HousingSituation::TrainingApartment),
                ],
                HousingSituation::TrainingApartment,
            ),
            // moved into own lease before the week: not counted.
            p(
                "b",
                vec![
                    ch("2026-01-01", HousingSituation::Shelter),
                    ch("2026-03-29", HousingSituation::OwnLease),
                ],
                HousingSituation::OwnLease,
            ),
            // no changes: the registered situation.
            p("c", vec![], HousingSituation::Lodger),
            // became homeless on Sunday.
            p(
                "d",
                vec![
                    ch("2026-01-01", HousingSituation::OwnLease),
                    ch("2026-04-05", HousingSituation::StayingWithFriends),
                ],
                HousingSituation::StayingWithFriends,
            ),
        ];
        let f = homelessness_count(&people, &week);
        let get = |s: &str, n: &str| f.iter().find(|x| x.section == s && x.figure == n).unwrap();
        assert_eq!(get("all", "total").count, 3);
        assert_eq!(get("situation_1", "total").participants, ["a"]);
        assert_eq!(get("situation_3", "total").count, 0);
        assert_eq!(get("situation_4", "total").participants, ["c", "d"]);
        // 26 on 2026-04-05 (birthday that day).
        assert_eq!(get("situation_4", "age_25_29").count, 2);
        assert_eq!(get("situation_4", "gender_woman").percent, Some(100.0));
    }
}
