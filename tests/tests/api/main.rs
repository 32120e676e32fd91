//! Black-box tests of the real server over HTTP, each on SQLite and on PostgreSQL.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod action_plans;
mod audit;
mod auth;
mod authorisation;
mod backup;
mod bad_input;
mod concurrency;
mod due;
mod health;
mod housing;
mod housing_more;
mod idempotency;
mod openapi;
mod participants;
mod reports;
mod spa;
// casework
mod case_records;
mod casework_bad_input;
mod casework_demo;
mod casework_support;
mod contacts;
mod merges;
mod referrals;
// work rehabilitation
mod work;
// import and export
mod import_resources;
mod import_round_trip;
mod imports;
// trust (issue 10)
mod authorisation_matrix;
mod hardening;
mod retention;
