//! `stegvis backup` / `stegvis restore` for the embedded SQLite database.
//!
//! Backup uses `VACUUM INTO`, which copies a consistent snapshot while the server keeps serving
//! (readers and writers are not blocked for long in WAL mode). PostgreSQL deployments use the
//! database's own tools (`pg_dump` / `pg_restore`, see the README).

use std::path::Path;

use diesel::connection::SimpleConnection;
use diesel::{Connection, RunQueryDsl, SqliteConnection};

#[derive(diesel::QueryableByName)]
struct IntegrityCheck {
    #[diesel(sql_type = diesel::sql_types::Text)]
    integrity_check: String,
}

use crate::config::Config;

#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    #[error(
        "backup and restore here are for the embedded SQLite database; for PostgreSQL use pg_dump and pg_restore"
    )]
    NotSqlite,
    #[error("{0} already exists; choose a new file")]
    TargetExists(String),
    #[error("{0} already holds a database; move it away (or pass --force) before restoring")]
    DatabaseExists(String),
    #[error("{0} is not a readable Stegvis backup: {1}")]
    BadBackup(String, String),
    #[error("database error: {0}")]
    Database(String),
    #[error("file error: {0}")]
    Io(#[from] std::io::Error),
}

fn sqlite_path(config: &Config) -> Result<String, BackupError> {
    let url = config.database_url();
    if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        return Err(BackupError::NotSqlite);
    }
    Ok(url.strip_prefix("sqlite://").unwrap_or(&url).to_owned())
}

/// Writes a consistent copy of the live database to `target` (which must not exist).
pub fn backup(config: &Config, target: &Path) -> Result<(), BackupError> {
    let source = sqlite_path(config)?;
    if target.exists() {
        return Err(BackupError::TargetExists(target.display().to_string()));
    }
    let mut conn =
        SqliteConnection::establish(&source).map_err(|e| BackupError::Database(e.to_string()))?;
    let quoted = target.to_string_lossy().replace('\'', "''");
    conn.batch_execute(&format!(
        "PRAGMA busy_timeout = 10000; VACUUM INTO '{quoted}';"
    ))
    .map_err(|e| BackupError::Database(e.to_string()))?;
    Ok(())
}

/// Checks a backup file and installs it as the database of `config` (the server must be stopped).
pub fn restore(config: &Config, backup_file: &Path, force: bool) -> Result<(), BackupError> {
    let target = sqlite_path(config)?;
    let shown = backup_file.display().to_string();
    {
        let mut conn = SqliteConnection::establish(&backup_file.to_string_lossy())
            .map_err(|e| BackupError::BadBackup(shown.clone(), e.to_string()))?;
        // A backup must be intact and be ours (it has the migrations table and the audit log).
        let bad = |e: diesel::result::Error| BackupError::BadBackup(shown.clone(), e.to_string());
        let check: Vec<IntegrityCheck> = diesel::sql_query("PRAGMA integrity_check")
            .load(&mut conn)
            .map_err(bad)?;
        if check.first().map(|c| c.integrity_check.as_str()) != Some("ok") {
            return Err(BackupError::BadBackup(
                shown,
                "the integrity check failed".into(),
            ));
        }
        conn.batch_execute(
            "SELECT 1 FROM __diesel_schema_migrations LIMIT 1; SELECT 1 FROM audit_log LIMIT 1;",
        )
        .map_err(|e| BackupError::BadBackup(shown.clone(), e.to_string()))?;
    }
    let target_path = Path::new(&target);
    if target_path.exists() && !force {
        return Err(BackupError::DatabaseExists(target));
    }
    if let Some(parent) = target_path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    for suffix in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{target}{suffix}"));
    }
    // Copy beside the target, then rename: a crash mid-copy never leaves a half-written database.
    let partial = format!("{target}.restoring");
    std::fs::copy(backup_file, &partial)?;
    std::fs::rename(&partial, target_path)?;
    Ok(())
}
