//! Merging two participant records that turned out to be the same person: every row that
//! references the duplicate moves to the record that is kept, and what moved is recorded so an
//! administrator can undo the merge.
//!
//! [`PARTICIPANT_REFERENCES`] is the one list of columns the merge moves. A black-box test reads
//! the database's own catalogue and fails when a column references `participants(id)` without
//! being listed here or in [`NOT_MOVED`], so a new table cannot be forgotten.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use diesel::sql_types::Text;
use serde::{Deserialize, Serialize};

use super::backend_impl;
use super::schema::participant_merges;
use crate::error::{ApiError, ApiResult};

/// (table, column referencing participants.id, the column that identifies a row).
pub const PARTICIPANT_REFERENCES: &[(&str, &str, &str)] = &[
    ("participant_assignments", "participant_id", "id"),
    ("referrals", "participant_id", "id"),
    ("enrolments", "participant_id", "id"),
    ("contact_participants", "participant_id", "contact_id"),
    ("relapses", "participant_id", "id"),
    ("consents", "participant_id", "id"),
    ("asi_interviews", "participant_id", "id"),
    ("tenancies", "participant_id", "id"),
    ("housing_stage_changes", "participant_id", "id"),
    ("queue_entries", "participant_id", "id"),
    ("queue_draw_members", "participant_id", "queue_entry_id"),
    ("housing_follow_ups", "participant_id", "id"),
    ("risk_events", "participant_id", "id"),
    ("housing_search_cases", "participant_id", "id"),
    ("temporary_stays", "participant_id", "id"),
    ("housing_course_attendance", "participant_id", "session_id"),
    ("action_plans", "participant_id", "id"),
    ("study_visits", "participant_id", "id"),
    ("activities", "participant_id", "id"),
    ("employment_outcomes", "participant_id", "id"),
    ("handovers", "participant_id", "id"),
];

/// Columns that reference participants but must stay where they are (the merge records
/// themselves). `audit_log.participant_id` has no foreign key on purpose: audit entries stay
/// attached to the id they were written about.
pub const NOT_MOVED: &[(&str, &str)] = &[
    ("participant_merges", "into_id"),
    ("participant_merges", "from_id"),
];

/// The rows of one table that a merge moved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Moved {
    pub table: String,
    pub column: String,
    pub key_column: String,
    pub keys: Vec<String>,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = participant_merges)]
pub struct MergeRow {
    pub id: String,
    pub into_id: String,
    pub from_id: String,
    /// JSON array of [`Moved`].
    pub moved: String,
    pub from_status: String,
    pub from_closed_on: Option<NaiveDate>,
    pub from_closed_reason: Option<String>,
    pub merged_by: String,
    pub merged_at: NaiveDateTime,
    pub undone_by: Option<String>,
    pub undone_at: Option<NaiveDateTime>,
}

impl MergeRow {
    pub fn moved_rows(&self) -> ApiResult<Vec<Moved>> {
        serde_json::from_str(&self.moved)
            .map_err(|_| ApiError::Internal("participant_merges.moved is not valid".into()))
    }
}

/// Bind placeholders differ: `?` on SQLite, `$n` on PostgreSQL.
trait Placeholders {
    fn p(n: usize) -> String;
}
impl Placeholders for diesel::SqliteConnection {
    fn p(_: usize) -> String {
        "?".into()
    }
}
impl Placeholders for diesel::PgConnection {
    fn p(n: usize) -> String {
        format!("${n}")
    }
}

#[derive(QueryableByName)]
struct Key {
    #[diesel(sql_type = Text)]
    key: String,
}

pub trait MergeStore {
    /// Moves every row in [`PARTICIPANT_REFERENCES`] from `from` to `into` and says what moved.
    /// A row that would duplicate one `into` already has (same contact) stays with `from`.
    fn move_participant_rows(&mut self, from: &str, into: &str) -> ApiResult<Vec<Moved>>;
    /// Moves the recorded rows back from `into` to `from`.
    fn move_back(&mut self, moved: &[Moved], from: &str, into: &str) -> ApiResult<()>;
    fn insert_merge(&mut self, row: &MergeRow) -> ApiResult<()>;
    fn get_merge(&mut self, id: &str) -> ApiResult<Option<MergeRow>>;
    fn mark_merge_undone(&mut self, id: &str, by: &str, at: NaiveDateTime) -> ApiResult<()>;
    /// The merge (not undone) that `from_id` was merged away in, if any.
    fn active_merge_from(&mut self, from_id: &str) -> ApiResult<Option<MergeRow>>;
}

backend_impl!(impl MergeStore {
    fn move_participant_rows(&mut self, from: &str, into: &str) -> ApiResult<Vec<Moved>> {
        let mut out = Vec::new();
        for (table, column, key) in PARTICIPANT_REFERENCES {
            let condition = format!(
                "{column} = {p1} AND {key} NOT IN (SELECT {key} FROM {table} WHERE {column} = {p2})",
                p1 = Self::p(1),
                p2 = Self::p(2)
            );
            let keys: Vec<Key> = diesel::sql_query(format!("SELECT {key} AS key FROM {table} WHERE {condition}"))
                .bind::<Text, _>(from)
                .bind::<Text, _>(into)
                .load(self)?;
            if keys.is_empty() {
                continue;
            }
            for k in &keys {
                diesel::sql_query(format!(
                    "UPDATE {table} SET {column} = {} WHERE {column} = {} AND {key} = {}",
                    Self::p(1),
                    Self::p(2),
                    Self::p(3)
                ))
                .bind::<Text, _>(into)
                .bind::<Text, _>(from)
                .bind::<Text, _>(&k.key)
                .execute(self)?;
            }
            out.push(Moved {
                table: (*table).into(),
                column: (*column).into(),
                key_column: (*key).into(),
                keys: keys.into_iter().map(|k| k.key).collect(),
            });
        }
        Ok(out)
    }

    fn move_back(&mut self, moved: &[Moved], from: &str, into: &str) -> ApiResult<()> {
        for m in moved {
            // Only names from PARTICIPANT_REFERENCES ever reach the SQL text.
            let Some((table, column, key)) = PARTICIPANT_REFERENCES
                .iter()
                .find(|(t, c, k)| *t == m.table && *c == m.column && *k == m.key_column)
            else {
                return Err(ApiError::Internal(format!("merge moved an unknown table {}", m.table)));
            };
            for k in &m.keys {
                diesel::sql_query(format!(
                    "UPDATE {table} SET {column} = {} WHERE {column} = {} AND {key} = {}",
                    Self::p(1),
                    Self::p(2),
                    Self::p(3)
                ))
                .bind::<Text, _>(from)
                .bind::<Text, _>(into)
                .bind::<Text, _>(k)
                .execute(self)?;
            }
        }
        Ok(())
    }

    fn insert_merge(&mut self, row: &MergeRow) -> ApiResult<()> {
        diesel::insert_into(participant_merges::table).values(row).execute(self)?;
        Ok(())
    }

    fn get_merge(&mut self, id: &str) -> ApiResult<Option<MergeRow>> {
        Ok(participant_merges::table.find(id).select(MergeRow::as_select()).first(self).optional()?)
    }

    fn mark_merge_undone(&mut self, id: &str, by: &str, at: NaiveDateTime) -> ApiResult<()> {
        diesel::update(participant_merges::table.find(id))
            .set((participant_merges::undone_by.eq(by), participant_merges::undone_at.eq(at)))
            .execute(self)?;
        Ok(())
    }

    fn active_merge_from(&mut self, from_id: &str) -> ApiResult<Option<MergeRow>> {
        Ok(participant_merges::table
            .filter(participant_merges::from_id.eq(from_id))
            .filter(participant_merges::undone_at.is_null())
            .select(MergeRow::as_select())
            .first(self)
            .optional()?)
    }
});
