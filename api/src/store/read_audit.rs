//! SQLite: the audit entries of reads live in a database file of their own (issue 11).
//!
//! SQLite drops every connection's page cache and memory map at its next read once any other
//! connection has committed to the file, and with the audit entries of reads in the database file
//! nearly every request committed: every participant list faulted its ~10 MB of index in again
//! and initialised each page anew (a third of a list's time in its profile). Entries of reads go
//! to `<database>.read-audit.db` instead, so reads no longer invalidate each other; only real
//! changes do. Entries of changes stay in the database file, in the transaction of the change
//! they describe (they must commit or fail with it).
//!
//! The read-audit file has the same `audit_log` table (append-only by the same triggers). Its
//! writer (a group commit of its own) has the database file attached read-only as `data`, so a
//! point read runs in the same savepoint as its entries, as before: unqualified table names other
//! than `audit_log` resolve to the attached file, and a read-only attachment takes no write lock
//! there (`BEGIN IMMEDIATE` starts only a read transaction on it). The audit endpoint reads both
//! files through the view `audit_log_all` of connections that attach the read-audit file
//! read-only. Backups merge the entries into the copy's own `audit_log` (`backup.rs`).
//!
//! PostgreSQL keeps one `audit_log`: its readers do not lose their caches to other commits.

use std::path::Path;

use diesel::connection::SimpleConnection;
use diesel::{Connection, SqliteConnection};

/// The read-audit file of the SQLite database at `database`.
pub fn path_for(database: &str) -> String {
    let path = Path::new(database);
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "stegvis".into());
    path.with_file_name(format!("{stem}.read-audit.db"))
        .to_string_lossy()
        .into_owned()
}

/// The table, its indexes (those of the database file's `audit_log`, for the endpoint's filters)
/// and its triggers. Created once per file; `IF NOT EXISTS` keeps opening idempotent.
const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS audit_log (
    id TEXT PRIMARY KEY NOT NULL,
    at TIMESTAMP NOT NULL,
    actor_id TEXT,
    action TEXT NOT NULL,
    resource_type TEXT NOT NULL,
    resource_id TEXT,
    participant_id TEXT,
    outcome TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS audit_log_at ON audit_log(at);
CREATE INDEX IF NOT EXISTS audit_log_actor ON audit_log(actor_id, at);
CREATE INDEX IF NOT EXISTS audit_log_participant ON audit_log(participant_id, at);
CREATE TRIGGER IF NOT EXISTS audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER IF NOT EXISTS audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
";

/// Creates the read-audit file of `database` if it is missing, in WAL mode, with its table.
pub fn create(database: &str, busy_timeout_ms: u32) -> Result<(), diesel::ConnectionError> {
    let path = path_for(database);
    let mut conn = SqliteConnection::establish(&path)?;
    conn.batch_execute(&format!(
        "PRAGMA busy_timeout = {busy_timeout_ms}; PRAGMA journal_mode = WAL; {SCHEMA}"
    ))
    .map_err(|e| diesel::ConnectionError::BadConnection(e.to_string()))
}

/// A `file:` URI opening `path` read-only (`?`, `#` and `%` are escaped, as URIs need).
fn read_only_uri(path: &str) -> String {
    let mut uri = String::from("file:");
    for ch in path.chars() {
        match ch {
            '?' => uri.push_str("%3f"),
            '#' => uri.push_str("%23"),
            '%' => uri.push_str("%25"),
            _ => uri.push(ch),
        }
    }
    uri.push_str("?mode=ro");
    uri.replace('\'', "''")
}

/// Attaches the SQLite file at `path`, read-only, as `schema`.
pub fn attach_read_only(path: &str, schema: &str) -> String {
    format!("ATTACH DATABASE '{}' AS {schema};", read_only_uri(path))
}

/// Run on each connection of the read-audit writer: the database file, read-only, as `data`.
pub fn attach_database(database: &str) -> String {
    attach_read_only(database, "data")
}

/// Run on each connection that lists the audit log: the read-audit file, read-only, as `reads`,
/// and the view over both files' entries.
pub fn attach_for_listing(database: &str) -> String {
    format!(
        "{} CREATE TEMP VIEW IF NOT EXISTS audit_log_all AS \
         SELECT * FROM main.audit_log UNION ALL SELECT * FROM reads.audit_log;",
        attach_read_only(&path_for(database), "reads")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_read_audit_file_lies_beside_the_database() {
        assert_eq!(
            path_for("/srv/data/stegvis.db"),
            "/srv/data/stegvis.read-audit.db"
        );
        assert_eq!(path_for("stegvis"), "stegvis.read-audit.db");
    }

    #[test]
    fn uris_escape_what_sqlite_would_read_as_query_or_fragment() {
        assert_eq!(read_only_uri("/a?b#c%d"), "file:/a%3fb%23c%25d?mode=ro");
        assert_eq!(read_only_uri("/it's"), "file:/it''s?mode=ro");
    }
}
