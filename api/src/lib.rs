//! Stegvis server library: the binary is a thin wrapper so black-box tests can start the real app.

pub mod app;
pub mod audit;
pub mod auth;
pub mod backup;
pub mod config;
pub mod demo;
pub mod demo_casework;
pub mod demo_housing;
pub mod demo_work;
pub mod error;
pub mod extract;
pub mod idempotency;
pub mod import;
pub mod openapi;
pub mod routes;
pub mod startup;
pub mod store;
