//! The Stegvis domain: the types, validation rules and state transitions of a case-management
//! system for municipal social services (housing and work rehabilitation for people who are
//! homeless or have substance-use problems).
//!
//! Everything here is pure: no database, no HTTP, no clock. "Today" is always a parameter, so
//! every rule can be tested for any date and gives the same answer on every server. The API
//! crate parses requests into these types, applies these rules, and stores the results; the
//! enums' text codes (`as_str` / `FromStr`) are what it writes to the database.

pub mod action_plan;
pub mod activity;
pub mod asi;
pub mod assignment;
pub mod consent;
pub mod contact;
pub mod due;
pub mod duplicate;
pub mod housing;
pub mod internship;
pub mod main_activity;
pub mod mapping;
pub mod organisationsnummer;
pub mod participant;
pub mod period;
pub mod personnummer;
pub mod programme;
pub mod queue;
pub mod referral;
pub mod relapse;
pub mod report;
pub mod role;
pub mod text_enum;

#[cfg(feature = "openapi")]
mod openapi_schema;
