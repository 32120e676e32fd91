//! Programmes (insatser / projekt) a unit runs for a period, and the rules for enrolling a
//! participant in one: the enrolment must lie inside the programme's period, must not end before
//! it starts, and ends with a status from the programme's own list.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::text_enum::text_enum;

/// What kind of programme it is; decides the default list of end statuses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum ProgrammeKind {
    /// Arbetsrehabilitering, e.g. "Ur hemlöshet – I jobb".
    JobRehabilitation,
    /// Bostadssökarstöd: short, intensive help to search for housing.
    HousingSearchSupport,
    /// Boendestöd i egen bostad.
    HousingSupport,
    /// Försökslägenheter (the trial-apartment programme).
    TrialApartments,
    /// Annan insats.
    Other,
}

text_enum!(ProgrammeKind {
    JobRehabilitation => "job_rehabilitation",
    HousingSearchSupport => "housing_search_support",
    HousingSupport => "housing_support",
    TrialApartments => "trial_apartments",
    Other => "other",
});

/// The end statuses of the job-rehabilitation final report, in its order.
pub const JOB_REHABILITATION_END_STATUSES: &[&str] = &[
    "employed",
    "ongoing_internship",
    "jobbtorg_resurs",
    "ongoing_af_plan_or_intervention",
    "rehabilitation_at_uma",
    "ongoing_consultant_contact",
    "relapse_or_otherwise_prevented",
    "closed_at_unit",
    "other",
];

/// The end statuses offered for other kinds unless the programme sets its own.
pub const GENERIC_END_STATUSES: &[&str] = &[
    "goal_reached",
    "partly_reached",
    "interrupted",
    "closed_at_unit",
    "other",
];

impl ProgrammeKind {
    /// The end statuses a new programme of this kind gets when none are given.
    pub fn default_end_statuses(&self) -> Vec<String> {
        let list = match self {
            Self::JobRehabilitation => JOB_REHABILITATION_END_STATUSES,
            _ => GENERIC_END_STATUSES,
        };
        list.iter().map(|s| (*s).to_owned()).collect()
    }
}

/// Checks a programme's own list of end statuses: non-empty, codes of lowercase letters, digits
/// and `_` (1–60 characters), no duplicates.
pub fn check_end_statuses(list: &[String]) -> Result<(), String> {
    if list.is_empty() {
        return Err("must list at least one end status".into());
    }
    let mut seen = std::collections::HashSet::new();
    for code in list {
        let ok = (1..=60).contains(&code.len())
            && code
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
        if !ok {
            return Err(format!(
                "'{code}' must be 1–60 lowercase letters, digits or _"
            ));
        }
        if !seen.insert(code) {
            return Err(format!("'{code}' is listed twice"));
        }
    }
    Ok(())
}

/// One problem with an enrolment's dates, naming the request field it concerns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateProblem {
    pub field: &'static str,
    pub message: String,
}

fn problem(field: &'static str, message: impl Into<String>) -> DateProblem {
    DateProblem {
        field,
        message: message.into(),
    }
}

/// Checks a date range on its own: the end must not be before the start.
pub fn check_range(start: NaiveDate, end: Option<NaiveDate>) -> Vec<DateProblem> {
    match end {
        Some(end) if end < start => vec![problem("end_date", "must not be before start_date")],
        _ => Vec::new(),
    }
}

/// Checks an enrolment's dates against its programme's period (`programme_end` `None`: open-ended).
/// Every problem is reported, each on its field.
pub fn check_enrolment_dates(
    programme_start: NaiveDate,
    programme_end: Option<NaiveDate>,
    start: NaiveDate,
    end: Option<NaiveDate>,
) -> Vec<DateProblem> {
    let mut problems = check_range(start, end);
    let period = match programme_end {
        Some(to) => format!("{programme_start} – {to}"),
        None => format!("from {programme_start}"),
    };
    let outside = |d: NaiveDate| d < programme_start || programme_end.is_some_and(|to| d > to);
    if outside(start) {
        problems.push(problem(
            "start_date",
            format!("must lie within the programme's period ({period})"),
        ));
    }
    if end.is_some_and(|e| e >= start && outside(e)) {
        problems.push(problem(
            "end_date",
            format!("must lie within the programme's period ({period})"),
        ));
    }
    problems
}

/// An enrolment's end status must be one of the programme's.
pub fn check_end_status(list: &[String], status: &str) -> Result<(), String> {
    if list.iter().any(|s| s == status) {
        Ok(())
    } else {
        Err(format!("must be one of: {}", list.join(", ")))
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;
    use crate::text_enum::assert_text_codes_consistent;
    use proptest::prelude::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn codes_and_defaults() {
        assert_text_codes_consistent(ProgrammeKind::ALL, ProgrammeKind::as_str);
        let job = ProgrammeKind::JobRehabilitation.default_end_statuses();
        assert_eq!(job.len(), 9);
        assert_eq!(job[0], "employed");
        for kind in ProgrammeKind::ALL {
            assert_eq!(check_end_statuses(&kind.default_end_statuses()), Ok(()));
        }
    }

    #[test]
    fn end_status_lists_are_checked() {
        assert!(check_end_statuses(&[]).is_err());
        assert!(check_end_statuses(&["a".into(), "a".into()]).is_err());
        assert!(check_end_statuses(&["Anställd".into()]).is_err());
        assert!(check_end_status(&["employed".into()], "employed").is_ok());
        assert!(check_end_status(&["employed".into()], "other").is_err());
    }

    #[test]
    fn enrolment_dates_against_the_seed_programme() {
        let (from, to) = (d(2011, 11, 1), Some(d(2012, 12, 31)));
        assert!(check_enrolment_dates(from, to, d(2011, 11, 1), Some(d(2012, 12, 31))).is_empty());
        assert!(check_enrolment_dates(from, to, d(2012, 3, 1), None).is_empty());
        let p = check_enrolment_dates(from, to, d(2011, 10, 31), None);
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].field, "start_date");
        let p = check_enrolment_dates(from, to, d(2012, 3, 1), Some(d(2013, 1, 1)));
        assert_eq!(p[0].field, "end_date");
        let p = check_enrolment_dates(from, to, d(2012, 3, 1), Some(d(2012, 2, 1)));
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].message, "must not be before start_date");
        assert!(check_enrolment_dates(from, None, d(2030, 1, 1), None).is_empty());
    }

    proptest! {
        #[test]
        fn inside_iff_no_problems(s in 0i64..2000, len in 0i64..400, ps in 0i64..2000, plen in 0i64..800) {
            let base = d(2010, 1, 1);
            let start = base + chrono::TimeDelta::days(s);
            let end = start + chrono::TimeDelta::days(len);
            let pstart = base + chrono::TimeDelta::days(ps);
            let pend = pstart + chrono::TimeDelta::days(plen);
            let inside = start >= pstart && end <= pend;
            prop_assert_eq!(check_enrolment_dates(pstart, Some(pend), start, Some(end)).is_empty(), inside);
            prop_assert!(!check_range(end, Some(start - chrono::TimeDelta::days(1))).is_empty());
        }
    }
}
