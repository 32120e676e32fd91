//! The register extract (registerutdrag): every stored row about one participant, as JSON.
//!
//! Which tables hold a participant's data is not listed a second time here: it is the merge's
//! catalogue ([`super::merges::PARTICIPANT_REFERENCES`]), which a test keeps complete against the
//! database's own foreign keys. Each row is rendered to JSON by the database itself, so a column
//! added later appears in the extract without code changes.

use diesel::prelude::*;
use diesel::sql_types::Text;

use super::merges::PARTICIPANT_REFERENCES;
use crate::error::{ApiError, ApiResult};

/// The rows of one table that are about the participant.
#[derive(Debug, Clone)]
pub struct ExtractSection {
    pub table: String,
    pub rows: Vec<serde_json::Value>,
}

#[derive(QueryableByName)]
struct Doc {
    #[diesel(sql_type = Text)]
    doc: String,
}

#[derive(QueryableByName)]
struct ColumnName {
    #[diesel(sql_type = Text)]
    name: String,
}

pub trait RegisterExtractStore {
    /// One section per table that references the participant (empty tables left out), plus the
    /// contacts they took part in.
    fn register_extract(&mut self, participant_id: &str) -> ApiResult<Vec<ExtractSection>>;
}

fn parse(docs: Vec<Doc>) -> ApiResult<Vec<serde_json::Value>> {
    docs.into_iter()
        .map(|d| {
            serde_json::from_str(&d.doc)
                .map_err(|_| ApiError::Internal("a row did not render as JSON".into()))
        })
        .collect()
}

/// SQLite has no `row_to_json`: build `json_object('a', a, …)` from the table's columns.
fn sqlite_rows(
    conn: &mut SqliteConnection,
    table: &str,
    filter_sql: &str,
    id: &str,
) -> ApiResult<Vec<serde_json::Value>> {
    let columns: Vec<ColumnName> = diesel::sql_query("SELECT name FROM pragma_table_info(?)")
        .bind::<Text, _>(table)
        .load(conn)?;
    let pairs: Vec<String> = columns
        .iter()
        .map(|c| format!("'{0}', t.\"{0}\"", c.name.replace('"', "")))
        .collect();
    let sql = format!(
        "SELECT json_object({}) AS doc FROM {table} t WHERE {filter_sql} ORDER BY 1",
        pairs.join(", ")
    );
    parse(diesel::sql_query(sql).bind::<Text, _>(id).load(conn)?)
}

fn postgres_rows(
    conn: &mut PgConnection,
    table: &str,
    filter_sql: &str,
    id: &str,
) -> ApiResult<Vec<serde_json::Value>> {
    let sql =
        format!("SELECT row_to_json(t)::text AS doc FROM {table} t WHERE {filter_sql} ORDER BY 1");
    let filter = filter_sql.replace('?', "$1");
    let sql = sql.replace(filter_sql, &filter);
    parse(diesel::sql_query(sql).bind::<Text, _>(id).load(conn)?)
}

/// The (table, WHERE clause with one `?` for the participant id) pairs of an extract. Table and
/// column names come from constants, never from a request.
fn sources() -> Vec<(&'static str, String)> {
    let mut sources = vec![("participants", "t.id = ?".to_owned())];
    for (table, column, _) in PARTICIPANT_REFERENCES {
        sources.push((table, format!("t.{column} = ?")));
    }
    sources.push((
        "contacts",
        "t.id IN (SELECT contact_id FROM contact_participants WHERE participant_id = ?)".to_owned(),
    ));
    sources
}

macro_rules! extract_with {
    ($rows:ident) => {
        fn register_extract(&mut self, participant_id: &str) -> ApiResult<Vec<ExtractSection>> {
            let mut sections = Vec::new();
            for (table, filter) in sources() {
                let rows = $rows(self, table, &filter, participant_id)?;
                if !rows.is_empty() {
                    sections.push(ExtractSection {
                        table: table.to_owned(),
                        rows,
                    });
                }
            }
            Ok(sections)
        }
    };
}

impl RegisterExtractStore for SqliteConnection {
    extract_with!(sqlite_rows);
}

impl RegisterExtractStore for PgConnection {
    extract_with!(postgres_rows);
}
