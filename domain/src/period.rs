//! Reporting periods: tertials (Jan–Apr, May–Aug, Sep–Dec), years, months and free date ranges.
//!
//! The units report every tertial and every year, so a period is written the way the reports
//! name it (`2012-T1`, `2012`) and turned into an inclusive date range once, here, so that every
//! report agrees on where a tertial starts and ends.

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// An inclusive range of dates, `from` to `to`, both days included.
///
/// Inclusive because reports are phrased that way ("2012-01-01 to 2012-04-30"). Construct with
/// [`Period::new`] or [`Period::parse`] to have `to >= from` checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Period {
    /// First day of the period.
    pub from: NaiveDate,
    /// Last day of the period (included).
    pub to: NaiveDate,
}

/// Why a period could not be built; the messages are meant for an API field error.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum PeriodError {
    /// Not one of the accepted shapes.
    #[error(
        "must be a year (2012), a tertial (2012-T1), a month (2012-05) or a date range (2012-01-01..2012-04-30)"
    )]
    Format,
    /// A date in a range does not exist (such as 2011-02-29).
    #[error("contains a date that does not exist")]
    InvalidDate,
    /// The end date is before the start date.
    #[error("the end date must not be before the start date")]
    EndBeforeStart,
}

impl PeriodError {
    /// A stable machine-readable code for the API's error table.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Format => "format",
            Self::InvalidDate => "invalid_date",
            Self::EndBeforeStart => "end_before_start",
        }
    }
}

impl Period {
    /// The period from `from` to `to`, both included; `to` must not be before `from`.
    pub fn new(from: NaiveDate, to: NaiveDate) -> Result<Self, PeriodError> {
        if to < from {
            Err(PeriodError::EndBeforeStart)
        } else {
            Ok(Self { from, to })
        }
    }

    /// A calendar year.
    pub fn year(year: i32) -> Result<Self, PeriodError> {
        date(year, 1, 1)
            .zip(date(year, 12, 31))
            .map(|(from, to)| Self { from, to })
            .ok_or(PeriodError::InvalidDate)
    }

    /// A calendar month (1–12).
    pub fn month(year: i32, month: u32) -> Result<Self, PeriodError> {
        let from = date(year, month, 1).ok_or(PeriodError::Format)?;
        let to = last_day_of_month(year, month).ok_or(PeriodError::InvalidDate)?;
        Ok(Self { from, to })
    }

    /// Tertial 1, 2 or 3 of a year: Jan–Apr, May–Aug, Sep–Dec.
    pub fn tertial(year: i32, tertial: u8) -> Result<Self, PeriodError> {
        if !(1..=3).contains(&tertial) {
            return Err(PeriodError::Format);
        }
        tertial_period(year, tertial).ok_or(PeriodError::InvalidDate)
    }

    /// Parses `2012-T1` (or `T2`, `T3`; a lowercase `t` is accepted), `2012`, `2012-05` or
    /// `2012-01-01..2012-04-30`, ignoring surrounding whitespace. Same as [`parse`].
    pub fn parse(s: &str) -> Result<Self, PeriodError> {
        let s = s.trim();
        if let Some((from, to)) = s.split_once("..") {
            return Self::new(parse_iso_date(from.trim())?, parse_iso_date(to.trim())?);
        }
        let bytes = s.as_bytes();
        match bytes {
            [_, _, _, _] => Self::year(parse_year(s)?),
            [_, _, _, _, b'-', b'T' | b't', t @ b'1'..=b'3'] => {
                Self::tertial(parse_year(&s[..4])?, t - b'0')
            }
            [_, _, _, _, b'-', _, _] => {
                let month = parse_digits(&s[5..]).ok_or(PeriodError::Format)?;
                Self::month(parse_year(&s[..4])?, month)
            }
            _ => Err(PeriodError::Format),
        }
    }

    /// The year and tertial (1–3) that `date` falls in. Same as [`tertial_of`].
    pub fn tertial_of(date: NaiveDate) -> (i32, u8) {
        tertial_of(date)
    }

    /// Whether `date` is within the period (both ends included).
    pub fn contains(&self, date: NaiveDate) -> bool {
        self.from <= date && date <= self.to
    }

    /// Whether something that runs from `from` to `to` (inclusive; `None` = still ongoing)
    /// shares at least one day with this period. Used to find placements, leases and plans
    /// active during a report period.
    pub fn overlaps(&self, from: NaiveDate, to: Option<NaiveDate>) -> bool {
        from <= self.to && to.is_none_or(|to| to >= self.from)
    }

    /// The days the two periods share, if any.
    pub fn intersection(&self, other: &Period) -> Option<Period> {
        let from = self.from.max(other.from);
        let to = self.to.min(other.to);
        (from <= to).then_some(Period { from, to })
    }

    /// The period cut at tertial boundaries: one part per tertial it touches, each clipped to
    /// the period, in order. The parts cover the period exactly with no gaps or overlaps, so a
    /// report broken down by tertial adds up to the report for the whole period.
    pub fn tertials_in(&self) -> Vec<Period> {
        let mut parts = Vec::new();
        let (mut year, mut tertial) = tertial_of(self.from);
        while let Some(whole) = tertial_period(year, tertial) {
            if whole.from > self.to {
                break;
            }
            parts.extend(self.intersection(&whole));
            (year, tertial) = if tertial == 3 {
                (year + 1, 1)
            } else {
                (year, tertial + 1)
            };
        }
        parts
    }
}

/// Parses a period; see [`Period::parse`].
pub fn parse(s: &str) -> Result<Period, PeriodError> {
    Period::parse(s)
}

/// The year and tertial (1 = Jan–Apr, 2 = May–Aug, 3 = Sep–Dec) that `date` falls in.
pub fn tertial_of(date: NaiveDate) -> (i32, u8) {
    let tertial = match date.month() {
        1..=4 => 1,
        5..=8 => 2,
        _ => 3,
    };
    (date.year(), tertial)
}

impl FromStr for Period {
    type Err = PeriodError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

/// Always the range form, which [`Period::parse`] reads back to the same period.
impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}..{}",
            self.from.format("%Y-%m-%d"),
            self.to.format("%Y-%m-%d")
        )
    }
}

fn date(year: i32, month: u32, day: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(year, month, day)
}

fn last_day_of_month(year: i32, month: u32) -> Option<NaiveDate> {
    let first_of_next = if month == 12 {
        date(year + 1, 1, 1)
    } else {
        date(year, month + 1, 1)
    };
    first_of_next?.pred_opt()
}

/// The whole tertial; `None` only at the edge of the representable calendar.
fn tertial_period(year: i32, tertial: u8) -> Option<Period> {
    let (first_month, last_month) = match tertial {
        1 => (1, 4),
        2 => (5, 8),
        _ => (9, 12),
    };
    Some(Period {
        from: date(year, first_month, 1)?,
        to: last_day_of_month(year, last_month)?,
    })
}

/// A number written only with ASCII digits (so no sign, no spaces, no empty string).
fn parse_digits(s: &str) -> Option<u32> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

/// A four-digit year: reports are about real calendar years, never year 12 or 20120.
fn parse_year(s: &str) -> Result<i32, PeriodError> {
    if s.len() != 4 {
        return Err(PeriodError::Format);
    }
    parse_digits(s)
        .and_then(|y| i32::try_from(y).ok())
        .ok_or(PeriodError::Format)
}

/// Strictly `YYYY-MM-DD`. chrono's own parser also takes one-digit months and signed years,
/// which would let typos through as different dates.
fn parse_iso_date(s: &str) -> Result<NaiveDate, PeriodError> {
    let bytes = s.as_bytes();
    if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
        return Err(PeriodError::Format);
    }
    let year = parse_year(&s[..4])?;
    let month = parse_digits(&s[5..7]).ok_or(PeriodError::Format)?;
    let day = parse_digits(&s[8..]).ok_or(PeriodError::Format)?;
    date(year, month, day).ok_or(PeriodError::InvalidDate)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;
    use chrono::Days;
    use proptest::prelude::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn p(from: NaiveDate, to: NaiveDate) -> Period {
        Period::new(from, to).unwrap()
    }

    #[test]
    fn tertials_of_2012() {
        assert_eq!(parse("2012-T1").unwrap(), p(d(2012, 1, 1), d(2012, 4, 30)));
        assert_eq!(parse("2012-T2").unwrap(), p(d(2012, 5, 1), d(2012, 8, 31)));
        assert_eq!(parse("2012-T3").unwrap(), p(d(2012, 9, 1), d(2012, 12, 31)));
        assert_eq!(parse("2012-t2"), parse("2012-T2"));
        assert_eq!(parse(" 2012-T1 "), parse("2012-T1"));
    }

    #[test]
    fn tertial_boundaries() {
        assert_eq!(tertial_of(d(2012, 1, 1)), (2012, 1));
        assert_eq!(tertial_of(d(2012, 4, 30)), (2012, 1));
        assert_eq!(tertial_of(d(2012, 5, 1)), (2012, 2));
        assert_eq!(tertial_of(d(2012, 8, 31)), (2012, 2));
        assert_eq!(tertial_of(d(2012, 9, 1)), (2012, 3));
        assert_eq!(tertial_of(d(2012, 12, 31)), (2012, 3));
        assert_eq!(Period::tertial_of(d(2013, 1, 1)), (2013, 1));
        assert_eq!(tertial_of(d(2012, 2, 29)), (2012, 1));
    }

    #[test]
    fn tertial_contains_its_boundary_days_only() {
        let t1 = Period::tertial(2012, 1).unwrap();
        let t2 = Period::tertial(2012, 2).unwrap();
        let t3 = Period::tertial(2012, 3).unwrap();
        assert!(t1.contains(d(2012, 4, 30)) && !t1.contains(d(2012, 5, 1)));
        assert!(t2.contains(d(2012, 5, 1)) && !t2.contains(d(2012, 4, 30)));
        assert!(t2.contains(d(2012, 8, 31)) && !t2.contains(d(2012, 9, 1)));
        assert!(t3.contains(d(2012, 9, 1)) && !t3.contains(d(2012, 8, 31)));
        assert!(t3.contains(d(2012, 12, 31)) && !t3.contains(d(2013, 1, 1)));
        assert!(t1.contains(d(2012, 1, 1)) && !t1.contains(d(2011, 12, 31)));
    }

    #[test]
    fn tertial_number_out_of_range() {
        assert_eq!(Period::tertial(2012, 0), Err(PeriodError::Format));
        assert_eq!(Period::tertial(2012, 4), Err(PeriodError::Format));
        assert_eq!(parse("2012-T0"), Err(PeriodError::Format));
        assert_eq!(parse("2012-T4"), Err(PeriodError::Format));
    }

    #[test]
    fn years() {
        assert_eq!(parse("2012").unwrap(), p(d(2012, 1, 1), d(2012, 12, 31)));
        assert_eq!(Period::year(2011).unwrap().to, d(2011, 12, 31));
    }

    #[test]
    fn months_and_leap_years() {
        assert_eq!(parse("2012-05").unwrap(), p(d(2012, 5, 1), d(2012, 5, 31)));
        assert_eq!(parse("2012-02").unwrap().to, d(2012, 2, 29));
        assert_eq!(parse("2011-02").unwrap().to, d(2011, 2, 28));
        assert_eq!(parse("2000-02").unwrap().to, d(2000, 2, 29));
        assert_eq!(parse("1900-02").unwrap().to, d(1900, 2, 28));
        assert_eq!(parse("2012-04").unwrap().to, d(2012, 4, 30));
        assert_eq!(
            parse("2012-12").unwrap(),
            p(d(2012, 12, 1), d(2012, 12, 31))
        );
        assert_eq!(parse("2012-00"), Err(PeriodError::Format));
        assert_eq!(parse("2012-13"), Err(PeriodError::Format));
    }

    #[test]
    fn date_ranges() {
        assert_eq!(
            parse("2012-01-01..2012-04-30").unwrap(),
            Period::tertial(2012, 1).unwrap()
        );
        assert_eq!(
            parse("2012-03-15 .. 2012-03-15").unwrap(),
            p(d(2012, 3, 15), d(2012, 3, 15))
        );
        assert_eq!(
            parse("2012-02-29..2013-02-28").unwrap(),
            p(d(2012, 2, 29), d(2013, 2, 28))
        );
        assert_eq!(
            parse("2012-05-01..2012-04-30"),
            Err(PeriodError::EndBeforeStart)
        );
        assert_eq!(
            parse("2011-02-29..2011-03-01"),
            Err(PeriodError::InvalidDate)
        );
        assert_eq!(
            parse("2012-04-31..2012-05-01"),
            Err(PeriodError::InvalidDate)
        );
    }

    #[test]
    fn malformed_input() {
        for input in [
            "",
            "12",
            "20120",
            "-2012",
            "+201",
            "2012-1",
            "2012-T",
            "2012-X1",
            "2012T1",
            "2012-05-01",
            "2012-01-01..",
            "..2012-01-01",
            "2012-01-01...2012-02-01",
            "2012/01/01..2012/02/01",
            "2012-1-1..2012-2-1",
            "2012-01-01..2012-02-01..2012-03-01",
            "år 2012",
            "２０１２",
        ] {
            assert_eq!(parse(input), Err(PeriodError::Format), "{input:?}");
        }
    }

    #[test]
    fn new_rejects_reversed_ranges() {
        assert_eq!(
            Period::new(d(2012, 1, 2), d(2012, 1, 1)),
            Err(PeriodError::EndBeforeStart)
        );
        assert!(Period::new(d(2012, 1, 1), d(2012, 1, 1)).is_ok());
        assert_eq!(
            PeriodError::EndBeforeStart.to_string(),
            "the end date must not be before the start date"
        );
    }

    #[test]
    fn overlaps_is_inclusive_and_handles_open_ends() {
        let t1 = Period::tertial(2012, 1).unwrap();
        // Touching on the first or last day counts.
        assert!(t1.overlaps(d(2011, 6, 1), Some(d(2012, 1, 1))));
        assert!(t1.overlaps(d(2012, 4, 30), Some(d(2012, 9, 1))));
        // Ending the day before or starting the day after does not.
        assert!(!t1.overlaps(d(2011, 6, 1), Some(d(2011, 12, 31))));
        assert!(!t1.overlaps(d(2012, 5, 1), None));
        // Ongoing since before the period.
        assert!(t1.overlaps(d(2008, 10, 31), None));
        // Entirely inside, and spanning the whole period.
        assert!(t1.overlaps(d(2012, 2, 1), Some(d(2012, 2, 2))));
        assert!(t1.overlaps(d(2011, 1, 1), Some(d(2013, 1, 1))));
    }

    #[test]
    fn intersection() {
        let t1 = Period::tertial(2012, 1).unwrap();
        let t2 = Period::tertial(2012, 2).unwrap();
        assert_eq!(t1.intersection(&t2), None);
        let spring = p(d(2012, 3, 1), d(2012, 6, 30));
        assert_eq!(
            t1.intersection(&spring),
            Some(p(d(2012, 3, 1), d(2012, 4, 30)))
        );
        assert_eq!(spring.intersection(&t1), t1.intersection(&spring));
    }

    #[test]
    fn tertials_in_a_year() {
        let parts = Period::year(2012).unwrap().tertials_in();
        assert_eq!(
            parts,
            (1..=3)
                .map(|t| Period::tertial(2012, t).unwrap())
                .collect::<Vec<_>>()
        );
    }

    #[test]
    fn tertials_in_a_range_are_clipped() {
        let parts = p(d(2012, 4, 30), d(2012, 9, 1)).tertials_in();
        assert_eq!(
            parts,
            vec![
                p(d(2012, 4, 30), d(2012, 4, 30)),
                p(d(2012, 5, 1), d(2012, 8, 31)),
                p(d(2012, 9, 1), d(2012, 9, 1)),
            ]
        );
        let across_new_year = p(d(2012, 12, 1), d(2013, 1, 31)).tertials_in();
        assert_eq!(
            across_new_year,
            vec![
                p(d(2012, 12, 1), d(2012, 12, 31)),
                p(d(2013, 1, 1), d(2013, 1, 31)),
            ]
        );
        let one_day = p(d(2012, 2, 29), d(2012, 2, 29));
        assert_eq!(one_day.tertials_in(), vec![one_day]);
    }

    #[test]
    fn tertials_in_a_reversed_period_is_empty() {
        let reversed = Period {
            from: d(2012, 5, 1),
            to: d(2012, 4, 30),
        };
        assert!(reversed.tertials_in().is_empty());
    }

    #[test]
    fn display_and_serde() {
        let t1 = Period::tertial(2012, 1).unwrap();
        assert_eq!(t1.to_string(), "2012-01-01..2012-04-30");
        assert_eq!("2012-T1".parse::<Period>().unwrap(), t1);
        assert_eq!(
            serde_json::to_value(t1).unwrap(),
            serde_json::json!({ "from": "2012-01-01", "to": "2012-04-30" })
        );
    }

    fn any_date() -> impl Strategy<Value = NaiveDate> {
        // 1900-01-01 plus up to about 250 years, covering 1900 and 2000 and 2100 leap rules.
        (0u64..91_000).prop_map(|n| d(1900, 1, 1) + Days::new(n))
    }

    proptest! {
        #[test]
        fn tertials_in_partition_the_period(from in any_date(), len in 0u64..2_000) {
            let period = p(from, from + Days::new(len));
            let parts = period.tertials_in();
            prop_assert!(!parts.is_empty());
            prop_assert_eq!(parts[0].from, period.from);
            prop_assert_eq!(parts[parts.len() - 1].to, period.to);
            for pair in parts.windows(2) {
                prop_assert_eq!(pair[0].to.succ_opt().unwrap(), pair[1].from);
            }
            for part in &parts {
                prop_assert!(part.from <= part.to);
                prop_assert_eq!(tertial_of(part.from), tertial_of(part.to));
            }
        }

        #[test]
        fn a_date_is_in_its_own_tertial_only(date in any_date()) {
            let (year, tertial) = tertial_of(date);
            let whole = Period::tertial(year, tertial).unwrap();
            prop_assert!(whole.contains(date));
            // Tertials are contiguous: the day after one ends is the first day of the next.
            let next = whole.to.succ_opt().unwrap();
            prop_assert_ne!(tertial_of(next), (year, tertial));
            prop_assert_eq!(Period::tertial_of(next).1, tertial % 3 + 1);
            let tertial_label = format!("{year}-T{tertial}");
            prop_assert_eq!(parse(&tertial_label).unwrap(), whole);
            let month = Period::month(date.year(), date.month()).unwrap();
            prop_assert!(month.contains(date));
            prop_assert!(whole.intersection(&month) == Some(month));
        }

        #[test]
        fn display_round_trips(from in any_date(), len in 0u64..5_000) {
            let period = p(from, from + Days::new(len));
            prop_assert_eq!(parse(&period.to_string()).unwrap(), period);
        }

        #[test]
        fn contains_agrees_with_overlaps(
            from in any_date(),
            len in 0u64..500,
            date in any_date(),
        ) {
            let period = p(from, from + Days::new(len));
            prop_assert_eq!(period.contains(date), period.overlaps(date, Some(date)));
        }

        #[test]
        fn arbitrary_text_never_panics(s in "\\PC{0,30}") {
            let _ = parse(&s);
        }
    }
}

/// Today's date in Sweden (Europe/Stockholm: UTC+1, and UTC+2 from 01:00 UTC on the last Sunday
/// of March to 01:00 UTC on the last Sunday of October). The service's dates are Swedish dates
/// whatever time zone the server machine runs in.
pub fn swedish_date(utc: chrono::DateTime<chrono::Utc>) -> NaiveDate {
    use chrono::{Datelike, NaiveDateTime, TimeDelta, Weekday};
    let year = utc.year();
    let last_sunday = |month: u32| {
        let mut d = NaiveDate::from_ymd_opt(year, month, 31).unwrap_or(utc.date_naive());
        while d.weekday() != Weekday::Sun {
            d = d.pred_opt().unwrap_or(d);
        }
        d
    };
    let at_one = |d: NaiveDate| NaiveDateTime::new(d, chrono::NaiveTime::MIN) + TimeDelta::hours(1);
    let naive = utc.naive_utc();
    let summer = naive >= at_one(last_sunday(3)) && naive < at_one(last_sunday(10));
    (naive + TimeDelta::hours(if summer { 2 } else { 1 })).date()
}

#[cfg(test)]
mod swedish_date_tests {
    use super::swedish_date;
    use chrono::{NaiveDate, TimeZone, Utc};

    fn at(y: i32, m: u32, d: u32, h: u32) -> NaiveDate {
        swedish_date(
            Utc.with_ymd_and_hms(y, m, d, h, 0, 0)
                .single()
                .unwrap_or_default(),
        )
    }

    #[test]
    fn winter_and_summer_offsets() {
        let d = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd).unwrap_or_default();
        assert_eq!(at(2026, 11, 25, 22), d(2026, 11, 25));
        assert_eq!(at(2026, 11, 25, 23), d(2026, 11, 26));
        assert_eq!(at(2026, 6, 15, 21), d(2026, 6, 15));
        assert_eq!(at(2026, 6, 15, 22), d(2026, 6, 16));
        // 2026: summer time from 29 March 01:00 UTC to 25 October 01:00 UTC.
        assert_eq!(at(2026, 3, 28, 23), d(2026, 3, 29));
        assert_eq!(at(2026, 10, 24, 22), d(2026, 10, 25));
    }
}
