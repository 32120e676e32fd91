//! Retention (gallring): finding closed cases whose retention period has passed, and removing a
//! participant with every record about them.
//!
//! The removal deletes, children first (the foreign keys have no ON DELETE CASCADE), every table
//! in [`PARTICIPANT_REFERENCES`] plus the rows that hang off those rows (plan goals, activity
//! hours, agreement follow-ups …), the merge records naming the participant, and the participant.
//! A black-box test fails when a table in `PARTICIPANT_REFERENCES` keeps a row of a removed
//! participant, so a new table must be added here too.
//!
//! Kept on purpose: the audit log (append-only; its entries hold ids, never names or personnummer,
//! and after the removal the id no longer leads to anyone), and group contacts that also involve
//! other participants (they are those participants' records; only the link is removed).
//! Idempotency keys need no removal: they are kept for 24 hours, a retention period for years.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::dsl::max;
use diesel::prelude::*;
use diesel::sql_types::Text;

use super::backend_impl;
use super::participants::ParticipantRow;
use super::schema::{audit_log, participants};
use crate::error::ApiResult;

#[cfg(doc)]
use super::merges::PARTICIPANT_REFERENCES;

/// Statements that remove one participant (`{p}` is the participant id placeholder), in an order
/// the foreign keys accept. Only these constant texts ever reach the database.
const REMOVE: &[(&str, &str)] = &[
    (
        "agreement_extensions",
        "agreement_id IN (SELECT a.id FROM internship_agreements a JOIN activities t ON t.id = a.activity_id WHERE t.participant_id = {p})",
    ),
    (
        "agreement_follow_ups",
        "agreement_id IN (SELECT a.id FROM internship_agreements a JOIN activities t ON t.id = a.activity_id WHERE t.participant_id = {p})",
    ),
    (
        "internship_agreements",
        "activity_id IN (SELECT id FROM activities WHERE participant_id = {p})",
    ),
    (
        "activity_hours",
        "activity_id IN (SELECT id FROM activities WHERE participant_id = {p})",
    ),
    (
        "employment_outcomes",
        "participant_id = {p} OR activity_id IN (SELECT id FROM activities WHERE participant_id = {p})",
    ),
    ("handovers", "participant_id = {p}"),
    ("study_visits", "participant_id = {p}"),
    (
        "action_plan_reviews",
        "plan_id IN (SELECT id FROM action_plans WHERE participant_id = {p}) OR next_plan_id IN (SELECT id FROM action_plans WHERE participant_id = {p})",
    ),
    (
        "action_plan_interventions",
        "plan_id IN (SELECT id FROM action_plans WHERE participant_id = {p})",
    ),
    (
        "action_plan_goals",
        "plan_id IN (SELECT id FROM action_plans WHERE participant_id = {p})",
    ),
    ("action_plans", "participant_id = {p}"),
    ("activities", "participant_id = {p}"),
    ("housing_course_attendance", "participant_id = {p}"),
    ("temporary_stays", "participant_id = {p}"),
    ("housing_search_cases", "participant_id = {p}"),
    ("risk_events", "participant_id = {p}"),
    ("housing_follow_ups", "participant_id = {p}"),
    (
        "queue_draw_members",
        "participant_id = {p} OR queue_entry_id IN (SELECT id FROM queue_entries WHERE participant_id = {p})",
    ),
    ("queue_entries", "participant_id = {p}"),
    ("housing_stage_changes", "participant_id = {p}"),
    ("tenancies", "participant_id = {p}"),
    (
        "caseload_overrides",
        "assignment_id IN (SELECT id FROM participant_assignments WHERE participant_id = {p})",
    ),
    ("participant_assignments", "participant_id = {p}"),
    ("asi_interviews", "participant_id = {p}"),
    ("consents", "participant_id = {p}"),
    ("relapses", "participant_id = {p}"),
    (
        "enrolment_mappings",
        "enrolment_id IN (SELECT id FROM enrolments WHERE participant_id = {p})",
    ),
    ("enrolments", "participant_id = {p}"),
    ("referrals", "participant_id = {p}"),
    ("participant_merges", "from_id = {p} OR into_id = {p}"),
];

/// A closed participant and the last time anything was written about them.
#[derive(Debug, Clone)]
pub struct Closed {
    pub row: ParticipantRow,
    pub last_entry: NaiveDateTime,
}

#[derive(QueryableByName)]
struct ContactId {
    #[diesel(sql_type = Text)]
    contact_id: String,
}

pub trait RetentionStore {
    /// Closed participants of `unit_ids`, with the time of the last write about them: the record
    /// itself, its closing, and every audited change of any record about them.
    fn closed_participants(&mut self, unit_ids: &[String]) -> ApiResult<Vec<Closed>>;
    /// Removes the participant and everything about them; returns (table, rows removed) for the
    /// tables that had any.
    fn remove_participant(&mut self, id: &str) -> ApiResult<Vec<(String, usize)>>;
}

/// Reads are not entries: looking at a closed case must not keep it alive.
const NOT_ENTRIES: [&str; 4] = ["read", "list", "report", "login"];

backend_impl!(impl RetentionStore {
    fn closed_participants(&mut self, unit_ids: &[String]) -> ApiResult<Vec<Closed>> {
        let rows: Vec<ParticipantRow> = participants::table
            .filter(participants::status.eq("closed"))
            .filter(participants::unit_id.eq_any(unit_ids))
            .order(participants::id)
            .select(ParticipantRow::as_select())
            .load(self)?;
        let mut out = Vec::with_capacity(rows.len());
        for row in rows {
            let last_write: Option<NaiveDateTime> = audit_log::table
                .filter(audit_log::participant_id.eq(&row.id))
                .filter(audit_log::action.ne_all(NOT_ENTRIES))
                // A refused attempt is not an entry about the person either.
                .filter(audit_log::outcome.eq("success"))
                .select(max(audit_log::at))
                .first(self)?;
            let closed = row
                .closed_on
                .and_then(|d: NaiveDate| d.and_hms_opt(0, 0, 0));
            let last_entry = [Some(row.updated_at), closed, last_write]
                .into_iter()
                .flatten()
                .max()
                .unwrap_or(row.updated_at);
            out.push(Closed { row, last_entry });
        }
        Ok(out)
    }

    fn remove_participant(&mut self, id: &str) -> ApiResult<Vec<(String, usize)>> {
        let mut removed = Vec::new();
        for (table, condition) in REMOVE {
            let sql = format!("DELETE FROM {table} WHERE {}", condition.replace("{p}", Self::P1));
            let n = diesel::sql_query(sql).bind::<Text, _>(id).execute(self)?;
            removed.push(((*table).to_owned(), n));
        }
        // Group contacts: remove the contact itself only when no one else took part.
        let solo: Vec<ContactId> = diesel::sql_query(format!(
            "SELECT contact_id FROM contact_participants c WHERE c.participant_id = {p} AND NOT EXISTS \
             (SELECT 1 FROM contact_participants o WHERE o.contact_id = c.contact_id AND o.participant_id <> {p})",
            p = Self::P1
        ))
        .bind::<Text, _>(id)
        .load(self)?;
        let links = diesel::sql_query(format!("DELETE FROM contact_participants WHERE participant_id = {}", Self::P1))
            .bind::<Text, _>(id)
            .execute(self)?;
        removed.push(("contact_participants".to_owned(), links));
        let mut contacts = 0;
        for c in &solo {
            contacts += diesel::sql_query(format!("DELETE FROM contacts WHERE id = {}", Self::P1))
                .bind::<Text, _>(&c.contact_id)
                .execute(self)?;
        }
        removed.push(("contacts".to_owned(), contacts));
        let participant = diesel::sql_query(format!("DELETE FROM participants WHERE id = {}", Self::P1))
            .bind::<Text, _>(id)
            .execute(self)?;
        removed.push(("participants".to_owned(), participant));
        removed.retain(|(_, n)| *n > 0);
        Ok(removed)
    }
});

/// The first bind parameter, usable several times in one statement (`?1` on SQLite, `$1` on
/// PostgreSQL), so every `{p}` binds the same participant id once.
trait FirstParam {
    const P1: &'static str;
}
impl FirstParam for diesel::SqliteConnection {
    const P1: &'static str = "?1";
}
impl FirstParam for diesel::PgConnection {
    const P1: &'static str = "$1";
}
