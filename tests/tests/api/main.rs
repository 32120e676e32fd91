//! Black-box tests of the real server over HTTP, each on SQLite and on PostgreSQL.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod action_plans;
mod audit;
mod auth;
mod authorisation;
mod bad_input;
mod concurrency;
mod health;
mod idempotency;
mod openapi;
mod participants;
mod spa;
