//! Report computations: pure functions from rows the store loaded to the figures of a report.
//!
//! Every definition a report uses is written here once:
//! - **share**: an exact count of a whole ("8 of 10") plus the percentage rounded half away from
//!   zero to one decimal; no percentage when the whole is 0 ([`Share`]).
//! - **age at enrolment**: whole years on the enrolment's start date ([`age_on`]), in the bands
//!   of the final report ([`AgeBand`]): under 20, 20–30, 31–40, 41–50, 51 and over, unknown.
//! - **period**: inclusive dates, a tertial (`2012-T3`), a year or a range ([`crate::period`]).
//! - **participant**: see [`programme`] (an enrolment with more than two attended contacts).
//!
//! A report is a flat list of [`Figure`]s (section, figure, count, of, percent), the same list the
//! JSON and the CSV show, each with the participants behind it for drill-down.

pub mod homelessness;
pub mod housing;
pub mod housing_search;
pub mod housing_support;
pub mod programme;
pub mod work;

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

/// A part of a whole: `count` of `of`, and `percent` = 100·count/of rounded to one decimal
/// (half away from zero); `None` when `of` is 0.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Share {
    pub count: usize,
    pub of: usize,
    pub percent: Option<f64>,
}

impl Share {
    pub fn new(count: usize, of: usize) -> Self {
        Self {
            count,
            of,
            percent: percent(count, of),
        }
    }
}

/// 100·count/of rounded to one decimal, half away from zero; `None` when `of` is 0.
pub fn percent(count: usize, of: usize) -> Option<f64> {
    if of == 0 {
        return None;
    }
    // Integer arithmetic: permille, rounded half up, then one decimal.
    let c = u128::try_from(count).unwrap_or(u128::MAX);
    let o = u128::try_from(of).unwrap_or(u128::MAX);
    let tenths = (c * 2000 + o) / (2 * o);
    Some(tenths as f64 / 10.0)
}

/// Mean rounded to one decimal (half away from zero); `None` for no values.
pub fn mean(values: &[i64]) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    let sum: i64 = values.iter().sum();
    let n = values.len() as f64;
    Some((sum as f64 / n * 10.0).round() / 10.0)
}

/// Median (the mean of the two middle values for an even count), rounded to one decimal.
pub fn median(values: &[i64]) -> Option<f64> {
    let mut v = values.to_vec();
    v.sort_unstable();
    let n = v.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => v.get(n / 2).map(|x| *x as f64),
        _ => {
            let a = v.get(n / 2 - 1)?;
            let b = v.get(n / 2)?;
            Some(((a + b) as f64 / 2.0 * 10.0).round() / 10.0)
        }
    }
}

/// Age in whole years on `on` for someone born on `birth` (a birthday on 29 February counts
/// as reached on 1 March in non-leap years). `None` if `on` is before `birth`.
pub fn age_on(birth: NaiveDate, on: NaiveDate) -> Option<u32> {
    if on < birth {
        return None;
    }
    let mut years = on.year() - birth.year();
    if (on.month(), on.day()) < (birth.month(), birth.day()) {
        years -= 1;
    }
    u32::try_from(years).ok()
}

/// The age bands of the final report (seed 002), by age at enrolment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum AgeBand {
    Under20,
    From20To30,
    From31To40,
    From41To50,
    From51,
    Unknown,
}

impl AgeBand {
    pub const ALL: &'static [AgeBand] = &[
        Self::Under20,
        Self::From20To30,
        Self::From31To40,
        Self::From41To50,
        Self::From51,
        Self::Unknown,
    ];

    /// The band of an age (`None`: no date of birth recorded).
    pub fn of(age: Option<u32>) -> Self {
        match age {
            None => Self::Unknown,
            Some(a) if a < 20 => Self::Under20,
            Some(a) if a <= 30 => Self::From20To30,
            Some(a) if a <= 40 => Self::From31To40,
            Some(a) if a <= 50 => Self::From41To50,
            Some(_) => Self::From51,
        }
    }

    pub fn as_str(&self) -> &'static str {
        match self {
            Self::Under20 => "under_20",
            Self::From20To30 => "20_30",
            Self::From31To40 => "31_40",
            Self::From41To50 => "41_50",
            Self::From51 => "51_and_over",
            Self::Unknown => "unknown",
        }
    }
}

/// One line of a report: `count` of `of` (when it is a share), or a `value` (a mean, a median).
/// `participants` are the ids of the people behind the figure, for drill-down.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Figure {
    pub section: String,
    pub figure: String,
    pub count: usize,
    pub of: Option<usize>,
    pub percent: Option<f64>,
    pub value: Option<f64>,
    pub participants: Vec<String>,
}

impl Figure {
    /// A plain count.
    pub fn count(section: &str, figure: &str, participants: Vec<String>, count: usize) -> Self {
        Self {
            section: section.into(),
            figure: figure.into(),
            count,
            of: None,
            percent: None,
            value: None,
            participants,
        }
    }

    /// A share of `of`, counting the (distinct) `participants`.
    pub fn share(section: &str, figure: &str, participants: Vec<String>, of: usize) -> Self {
        let s = Share::new(participants.len(), of);
        Self {
            section: section.into(),
            figure: figure.into(),
            count: s.count,
            of: Some(s.of),
            percent: s.percent,
            value: None,
            participants,
        }
    }

    /// A computed value (a mean or median) over `count` people.
    pub fn value(section: &str, figure: &str, count: usize, value: Option<f64>) -> Self {
        Self {
            section: section.into(),
            figure: figure.into(),
            count,
            of: None,
            percent: None,
            value,
            participants: Vec::new(),
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn percent_rounds_to_one_decimal() {
        assert_eq!(percent(1, 3), Some(33.3));
        assert_eq!(percent(2, 3), Some(66.7));
        assert_eq!(percent(8, 10), Some(80.0));
        assert_eq!(percent(1, 8), Some(12.5));
        assert_eq!(percent(1, 16), Some(6.3)); // 6.25 rounds half up
        assert_eq!(percent(0, 0), None);
    }

    #[test]
    fn ages_and_bands() {
        assert_eq!(age_on(d("1980-09-01"), d("2012-08-31")), Some(31));
        assert_eq!(age_on(d("1980-09-01"), d("2012-09-01")), Some(32));
        assert_eq!(age_on(d("1980-02-29"), d("2013-02-28")), Some(32));
        assert_eq!(age_on(d("1980-02-29"), d("2013-03-01")), Some(33));
        assert_eq!(age_on(d("2013-01-01"), d("2012-01-01")), None);
        assert_eq!(AgeBand::of(Some(19)), AgeBand::Under20);
        assert_eq!(AgeBand::of(Some(20)), AgeBand::From20To30);
        assert_eq!(AgeBand::of(Some(30)), AgeBand::From20To30);
        assert_eq!(AgeBand::of(Some(31)), AgeBand::From31To40);
        assert_eq!(AgeBand::of(Some(50)), AgeBand::From41To50);
        assert_eq!(AgeBand::of(Some(51)), AgeBand::From51);
        assert_eq!(AgeBand::of(None), AgeBand::Unknown);
    }

    #[test]
    fn mean_and_median() {
        assert_eq!(mean(&[30, 41, 52]), Some(41.0));
        assert_eq!(mean(&[30, 31]), Some(30.5));
        assert_eq!(median(&[5, 1, 3]), Some(3.0));
        assert_eq!(median(&[4, 1, 3, 2]), Some(2.5));
        assert_eq!(median(&[]), None);
    }

    proptest! {
        #[test]
        fn percent_is_within_bounds(of in 1usize..10_000, frac in 0.0f64..=1.0) {
            let count = ((of as f64) * frac) as usize;
            let p = percent(count, of).unwrap();
            prop_assert!((0.0..=100.0).contains(&p));
            prop_assert!((p - 100.0 * count as f64 / of as f64).abs() <= 0.05 + 1e-9);
        }
    }
}
