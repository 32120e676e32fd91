//! Timestamps are made in Rust, in UTC, truncated to microseconds: PostgreSQL stores µs and SQLite
//! would otherwise keep ns, so the same value would round-trip differently (STORAGE-NOTES gotcha 6).

use chrono::{DurationRound, NaiveDateTime, TimeDelta, Utc};

pub fn now() -> NaiveDateTime {
    let now = Utc::now();
    now.duration_trunc(TimeDelta::microseconds(1))
        .unwrap_or(now)
        .naive_utc()
}

pub fn new_id() -> String {
    uuid::Uuid::now_v7().to_string()
}
