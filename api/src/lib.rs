//! Stegvis server library: the binary is a thin wrapper so black-box tests can start the real app.

pub mod app;
pub mod audit;
pub mod audit_writer;
pub mod auth;
pub mod backup;
pub mod config;
pub mod demo;
pub mod demo_casework;
pub mod demo_housing;
pub mod demo_reports;
pub mod demo_work;
pub mod error;
pub mod extract;
pub mod generate;
pub mod generate_sql;
pub mod hardening;
pub mod idempotency;
pub mod import;
pub mod memory;
pub mod openapi;
pub mod raw_bench;
pub mod routes;
pub mod startup;
pub mod store;
