//! Opening the pool and running the embedded migrations for the chosen backend.

use std::time::Duration;

use diesel::SqliteConnection;
use diesel::connection::SimpleConnection;
use diesel::r2d2::{ConnectionManager, CustomizeConnection, Pool};
use diesel_migrations::{EmbeddedMigrations, MigrationHarness, embed_migrations};

use super::Db;
use crate::config::Config;

const SQLITE_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations/sqlite");
const POSTGRES_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations/postgres");

#[derive(Debug, thiserror::Error)]
pub enum ConnectError {
    #[error("cannot create the data directory {0}: {1}")]
    DataDir(String, std::io::Error),
    #[error("cannot open the database: {0}")]
    Pool(#[from] r2d2::Error),
    #[error("migrations failed: {0}")]
    Migrations(String),
    #[error("cannot start the writer thread: {0}")]
    Writer(std::io::Error),
}

/// How long an SQLite connection waits for a lock before its statement fails.
pub(crate) const BUSY_TIMEOUT_MS: u32 = 10_000;

/// The size the write-ahead log is cut back to when it starts over, so a burst of writing does
/// not keep its disk space for good: twice the length at which the writer starts it over
/// (`group_commit::Checkpointer`, 128 MB), so the file is not cut and grown again at every
/// restart. The log is longer than that length when the restart comes (the writer goes on while
/// the checkpoint catches up: 140–155 MB under the benchmark's load), and with the limit at
/// 128 MB each restart cut the file's end off, in the writer: 98 ms on session 17's machine.
const WAL_SIZE_LIMIT_BYTES: u64 = 256 * 1024 * 1024;

/// Per-connection SQLite settings: WAL for concurrent readers, foreign keys enforced, a busy
/// timeout so writers wait for the lock rather than fail, and the memory map
/// (`STEGVIS_SQLITE_MMAP_MB` for the main pool, none for point reads: see `SqlitePools`).
#[derive(Debug)]
struct SqliteSettings {
    mmap_bytes: u64,
    /// `false` for the group commit's writer, whose checkpoints run on a thread of their own
    /// (`group_commit::Checkpointer`).
    auto_checkpoint: bool,
    /// `true` for the group commit's writer: it runs each request in a savepoint, and SQLite
    /// keeps the original of every page changed under a savepoint in a sub-journal, which past
    /// 64 KB it spills to a temporary file created and deleted again with every batch (3 % of
    /// the writer's time in the create profile was creating and evicting that file). With
    /// temporary storage in memory the sub-journal stays in memory: a batch changes a few
    /// hundred pages at most.
    temp_in_memory: bool,
}

impl CustomizeConnection<SqliteConnection, diesel::r2d2::Error> for SqliteSettings {
    fn on_acquire(&self, conn: &mut SqliteConnection) -> Result<(), diesel::r2d2::Error> {
        // busy_timeout first, so the other statements wait for a lock instead of failing.
        // journal_mode = WAL is persistent in the file and set once in `connect`.
        conn.batch_execute(&format!(
            "PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}; PRAGMA synchronous = NORMAL; \
             PRAGMA foreign_keys = ON; PRAGMA journal_size_limit = {WAL_SIZE_LIMIT_BYTES}; \
             PRAGMA mmap_size = {}; PRAGMA wal_autocheckpoint = {}; PRAGMA temp_store = {};",
            self.mmap_bytes,
            if self.auto_checkpoint { 1000 } else { 0 },
            if self.temp_in_memory {
                "MEMORY"
            } else {
                "DEFAULT"
            }
        ))
        .map_err(diesel::r2d2::Error::QueryError)
    }
}

/// Per-connection PostgreSQL settings: no JIT compilation. Its threshold is a plan cost that
/// every whole-data-set report query passes, and compiling took 20–25 ms per query — longer than
/// it saved on queries that run a few hundred milliseconds at most.
#[derive(Debug)]
struct PostgresSettings;

impl CustomizeConnection<super::pg_pool::PgConn, diesel::r2d2::Error> for PostgresSettings {
    fn on_acquire(&self, conn: &mut super::pg_pool::PgConn) -> Result<(), diesel::r2d2::Error> {
        conn.batch_execute("SET jit = off")
            .map_err(diesel::r2d2::Error::QueryError)
    }
}

/// Connections a pool keeps open while the server is idle; it opens more, up to
/// `STEGVIS_DB_POOL_SIZE`, under load and closes them again after ten idle minutes. (Opening all
/// of them at start cost 1.4 MB of an idle server's memory on SQLite.)
const IDLE_CONNECTIONS: u32 = 2;

/// Chooses the backend by URL scheme (so a bad PostgreSQL URL reports its real error), opens the
/// pool and applies pending migrations.
pub fn connect(config: &Config) -> Result<Db, ConnectError> {
    let url = config.database_url();
    let timeout = Duration::from_millis(config.db_timeout_ms);
    if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        let pool = Pool::builder()
            .max_size(config.db_pool_size)
            .min_idle(Some(IDLE_CONNECTIONS.min(config.db_pool_size)))
            .connection_timeout(timeout)
            .connection_customizer(Box::new(PostgresSettings))
            .build(super::pg_pool::PgManager::new(url))?;
        let mut conn = pool.get()?;
        (**conn)
            .run_pending_migrations(POSTGRES_MIGRATIONS)
            .map_err(|e| ConnectError::Migrations(e.to_string()))?;
        Ok(Db::Postgres(pool))
    } else {
        let path = url.strip_prefix("sqlite://").unwrap_or(&url).to_owned();
        if let Some(parent) = std::path::Path::new(&path).parent()
            && !parent.as_os_str().is_empty()
        {
            std::fs::create_dir_all(parent)
                .map_err(|e| ConnectError::DataDir(parent.display().to_string(), e))?;
        }
        {
            use diesel::Connection;
            let mut first = SqliteConnection::establish(&path)
                .map_err(|e| ConnectError::Migrations(format!("cannot open {path}: {e}")))?;
            first
                .batch_execute(&format!(
                    "PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}; PRAGMA journal_mode = WAL;"
                ))
                .map_err(|e| ConnectError::Migrations(e.to_string()))?;
        }
        // No check-out ping: an SQLite connection is a file handle in this process, nothing
        // outside can break it, and the ping was one more statement on every request.
        let sqlite_pool = |mmap_bytes: u64, min_idle: Option<u32>| {
            Pool::builder()
                .max_size(config.db_pool_size)
                .min_idle(min_idle)
                .connection_timeout(timeout)
                .test_on_check_out(false)
                .connection_customizer(Box::new(SqliteSettings {
                    mmap_bytes,
                    auto_checkpoint: true,
                    temp_in_memory: false,
                }))
                .build(ConnectionManager::<SqliteConnection>::new(path.clone()))
        };
        let main_mmap_bytes = config.sqlite_mmap_mb.saturating_mul(1024 * 1024);
        let main = sqlite_pool(
            main_mmap_bytes,
            Some(IDLE_CONNECTIONS.min(config.db_pool_size)),
        )?;
        // Opened as requests need them: an idle server keeps one.
        let point = sqlite_pool(0, Some(1.min(config.db_pool_size)))?;
        let mut conn = main.get()?;
        conn.run_pending_migrations(SQLITE_MIGRATIONS)
            .map_err(|e| ConnectError::Migrations(e.to_string()))?;
        let single = |auto_checkpoint: bool| {
            Pool::builder()
                .max_size(1)
                .min_idle(Some(1))
                .connection_timeout(timeout)
                .test_on_check_out(false)
                .connection_customizer(Box::new(SqliteSettings {
                    mmap_bytes: 0,
                    auto_checkpoint,
                    // Only the writer (no automatic checkpoints) runs savepoints.
                    temp_in_memory: !auto_checkpoint,
                }))
                .build(ConnectionManager::<SqliteConnection>::new(path.clone()))
        };
        let writes = super::group_commit::GroupCommit::start(single(false)?, single(true)?)
            .map_err(ConnectError::Writer)?;
        Ok(Db::Sqlite(super::SqlitePools {
            main,
            main_mmap_bytes,
            point,
            writes,
        }))
    }
}

#[cfg(test)]
#[allow(clippy::expect_used)]
mod tests {
    use diesel::{Connection, RunQueryDsl, SqliteConnection};

    #[derive(diesel::QueryableByName)]
    struct Found {
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        n: i64,
    }

    /// The bundled SQLite is built with the query planner stability guarantee
    /// (`.cargo/config.toml`); without it every statement with `LIMIT ?` is prepared again on
    /// every call.
    #[test]
    fn sqlite_is_built_with_a_stable_query_planner() {
        let mut conn = SqliteConnection::establish(":memory:").expect("in-memory SQLite");
        let found: Found = diesel::sql_query(
            "SELECT count(*) AS n FROM pragma_compile_options WHERE compile_options = 'ENABLE_QPSG'",
        )
        .get_result(&mut conn)
        .expect("compile options");
        assert_eq!(found.n, 1, "SQLite was built without SQLITE_ENABLE_QPSG");
    }
}
