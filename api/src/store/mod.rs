//! Persistence: one diesel schema on SQLite (embedded, default) or PostgreSQL.
//!
//! Handlers never see a connection type. They call [`Db::tx`] / [`Db::read`] with a closure that
//! receives `&mut dyn Store`; every store method is written once and compiled for both backends by
//! [`backend_impl!`], so each backend runs its own monomorphised diesel code (STORAGE-NOTES (iii)).

pub mod audit;
pub mod connect;
pub mod due;
pub mod group_commit;
pub mod housing;
pub mod idempotency;
pub mod login_throttle;
pub mod mapped;
pub mod participant_list;
pub mod participant_text;
pub mod participants;
pub mod pg_pool;
pub mod schema;
pub mod staff;
pub mod time;
// casework
pub mod asi;
pub mod assignments;
pub mod consents;
pub mod contacts;
pub mod duplicates;
pub mod enrolments;
pub mod merges;
pub mod programmes;
pub mod referrals;
pub mod relapses;
pub mod reports;
pub mod scope;
pub mod versioned;
// action plans
pub mod action_plans;
// work rehabilitation
pub mod work;
// reports: housing support and housing search
pub mod report_housing;
// import and export
pub mod imports;
pub mod register_extract;
// retention (gallring)
pub mod retention;

use diesel::r2d2::{ConnectionManager, Pool};
use diesel::{Connection, SqliteConnection};

pub use connect::connect;

use crate::error::{ApiError, ApiResult};

/// Implements a store trait for both backend connection types from one body.
macro_rules! backend_impl {
    (impl $trait:ident { $($body:tt)* }) => {
        impl $trait for diesel::SqliteConnection { $($body)* }
        impl $trait for diesel::PgConnection { $($body)* }
    };
}
pub(crate) use backend_impl;

/// What differs between the dialects in the statements written as SQL text.
pub(crate) trait Dialect {
    /// The `YYYY-MM` of `cp.occurred_at` (SQLite stores timestamps as ISO text).
    const MONTH_OF_OCCURRED_AT: &'static str;
    /// The day after `e.end_date`, comparable with a timestamp (the end day is inclusive).
    const DAY_AFTER_END_DATE: &'static str;
    /// The `n`th bind parameter (1-based).
    fn param(n: usize) -> String;
    /// How many ids one `IN` list of a set-based read takes. SQLite binds one parameter per id
    /// (at most 32,766 per statement); PostgreSQL binds the whole list as one array
    /// (`= ANY($1)`), so one statement per read is both possible and fastest there.
    const ID_CHUNK: usize;
    /// Whether a report read of many rows is cheaper ordered by the database than in Rust. SQLite:
    /// yes — each chunk of ids is sorted in a small temporary b-tree, and ordering in Rust means
    /// decoding one more timestamp (text) per row. PostgreSQL: no — one statement reads every id,
    /// and a sort of that size spills to disk at the default 4 MB `work_mem` (measured 2–3× the
    /// query itself).
    const ORDER_IN_SQL: bool;
    /// Whether a few rows are inserted faster one at a time than in one multi-row INSERT.
    /// SQLite: yes — a single-row INSERT is prepared once per connection and cached, while a
    /// multi-row one is prepared anew for every call (its text depends on the row count), and
    /// preparing cost more than inserting (audit entries of a GET on SQLite: 18 % of the writer's
    /// time was `sqlite3Prepare`). PostgreSQL: no — each statement is a round trip.
    const ROW_BY_ROW_INSERTS: bool;
}
impl Dialect for diesel::SqliteConnection {
    const MONTH_OF_OCCURRED_AT: &'static str = "substr(cp.occurred_at, 1, 7)";
    const DAY_AFTER_END_DATE: &'static str = "date(e.end_date, '+1 day')";
    fn param(n: usize) -> String {
        format!("?{n}")
    }
    const ID_CHUNK: usize = 500;
    const ORDER_IN_SQL: bool = true;
    const ROW_BY_ROW_INSERTS: bool = true;
}
impl Dialect for diesel::PgConnection {
    const MONTH_OF_OCCURRED_AT: &'static str = "to_char(cp.occurred_at, 'YYYY-MM')";
    const DAY_AFTER_END_DATE: &'static str = "(e.end_date + 1)";
    fn param(n: usize) -> String {
        format!("${n}")
    }
    const ID_CHUNK: usize = 1_000_000;
    const ORDER_IN_SQL: bool = false;
    const ROW_BY_ROW_INSERTS: bool = false;
}

/// Which database engine is behind the pool.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// Everything the handlers may ask of storage, on either backend.
pub trait Store:
    audit::AuditStore
    + participants::ParticipantStore
    + participant_list::ParticipantList
    + staff::StaffStore
    + idempotency::IdempotencyStore
    + login_throttle::LoginThrottleStore
    + due::DueStore
    + housing::HousingStore
    + housing::TenancyLock
    + CaseworkStore
    + action_plans::ActionPlanStore
    + action_plans::MethodEvaluationStore
    + work::WorkStore
    + reports::ReportStore
    + report_housing::HousingReportStore
    + imports::ImportStore
    + register_extract::RegisterExtractStore
    + retention::RetentionStore
{
}
impl<T> Store for T where
    T: audit::AuditStore
        + participants::ParticipantStore
        + participant_list::ParticipantList
        + staff::StaffStore
        + idempotency::IdempotencyStore
        + login_throttle::LoginThrottleStore
        + due::DueStore
        + housing::HousingStore
        + housing::TenancyLock
        + CaseworkStore
        + action_plans::ActionPlanStore
        + action_plans::MethodEvaluationStore
        + work::WorkStore
        + reports::ReportStore
        + report_housing::HousingReportStore
        + imports::ImportStore
        + register_extract::RegisterExtractStore
        + retention::RetentionStore
{
}

/// The casework stores (programmes, referrals, enrolments, contacts, relapses, consents, ASI,
/// assignments, duplicates, merges).
pub trait CaseworkStore:
    programmes::ProgrammeStore
    + referrals::ReferralStore
    + enrolments::EnrolmentStore
    + contacts::ContactStore
    + relapses::RelapseStore
    + consents::ConsentStore
    + asi::AsiStore
    + assignments::AssignmentStore
    + assignments::CaseloadStore
    + duplicates::DuplicateStore
    + merges::MergeStore
{
}
impl<T> CaseworkStore for T where
    T: programmes::ProgrammeStore
        + referrals::ReferralStore
        + enrolments::EnrolmentStore
        + contacts::ContactStore
        + relapses::RelapseStore
        + consents::ConsentStore
        + asi::AsiStore
        + assignments::AssignmentStore
        + assignments::CaseloadStore
        + duplicates::DuplicateStore
        + merges::MergeStore
{
}

/// A connection pool for one of the two backends.
#[derive(Clone)]
pub enum Db {
    Sqlite(SqlitePools),
    Postgres(pg_pool::PgPool),
}

pub type SqlitePool = Pool<ConnectionManager<SqliteConnection>>;

/// SQLite's two pools over the one database file.
///
/// Every commit by another connection makes SQLite drop a connection's view of the file at its
/// next read, memory map included: the map is unmapped and its pages fault in again. `main` maps
/// the file (`STEGVIS_SQLITE_MMAP_MB`): right for reads of many pages (reports, lists, due
/// lists), where the map saves a system call and a copy per page. `point` does not: for reads of
/// a few pages (the session check of every request, one participant, a participant's timeline)
/// the unmap and the page faults after each of the audit log's group commits cost more than the
/// reads (GET of a participant under load: +40 % requests/s with `point`, measured in issue 11),
/// and every connection that maps a page counts it again in the server's RSS (timelines on
/// `point`: peak RSS under the mixed load 121–136 → 96 MB at the same rate). Requests take `main`'s
/// connections through [`SqlitePools::mapped`], which maps the file only while one is in use.
#[derive(Clone)]
pub struct SqlitePools {
    pub main: SqlitePool,
    /// `STEGVIS_SQLITE_MMAP_MB` in bytes: how much of the file `main`'s connections map.
    pub main_mmap_bytes: u64,
    pub point: SqlitePool,
    /// The write transactions of requests, group-committed on one connection of its own.
    pub writes: group_commit::GroupCommit,
}

impl SqlitePools {
    /// A connection of `main` that maps the file until it is dropped ([`mapped`]).
    pub fn mapped(&self) -> ApiResult<mapped::MappedConnection> {
        mapped::check_out(&self.main, self.main_mmap_bytes)
    }
}

impl Db {
    pub fn backend(&self) -> Backend {
        match self {
            Self::Sqlite(_) => Backend::Sqlite,
            Self::Postgres(_) => Backend::Postgres,
        }
    }

    /// Runs `f` in one transaction: its writes and their audit entries commit together or not at all.
    /// SQLite takes the write lock up front (`BEGIN IMMEDIATE`) so concurrent writers queue on the
    /// busy timeout instead of failing with "database is locked" at commit (STORAGE-NOTES gotcha 7).
    pub fn tx_blocking<T>(&self, f: impl FnOnce(&mut dyn Store) -> ApiResult<T>) -> ApiResult<T> {
        self.tx_blocking_with(None, f)
    }

    /// [`Db::tx_blocking`], running `pg_setup` first in the transaction on PostgreSQL.
    fn tx_blocking_with<T>(
        &self,
        pg_setup: Option<&str>,
        f: impl FnOnce(&mut dyn Store) -> ApiResult<T>,
    ) -> ApiResult<T> {
        match self {
            Self::Sqlite(pools) => {
                let mut conn = pools.mapped()?;
                conn.immediate_transaction(|c| f(c))
            }
            Self::Postgres(pool) => pool.get()?.run(|conn| {
                conn.transaction(|c| {
                    if let Some(sql) = pg_setup {
                        diesel::connection::SimpleConnection::batch_execute(c, sql)?;
                    }
                    f(c)
                })
            }),
        }
    }

    /// [`Db::tx`] for a report's whole-data-set queries. On PostgreSQL every statement is
    /// planned for its actual parameters: after five runs of a prepared statement PostgreSQL
    /// may switch to a generic plan, which cannot see that an id list holds 40,000 ids and
    /// probes an index 40,000 times (relapses: 22 → 99 ms) where a hashed scan is right.
    /// Ordinary requests keep their cached plans.
    pub async fn report_tx<T: Send + 'static>(
        &self,
        f: impl FnOnce(&mut dyn Store) -> ApiResult<T> + Send + 'static,
    ) -> ApiResult<T> {
        self.off_executor(move |db| {
            let report =
                db.tx_blocking_with(Some("SET LOCAL plan_cache_mode = force_custom_plan"), f);
            // A report decodes and groups hundreds of thousands of rows and drops them here.
            crate::memory::release_freed_memory();
            report
        })
        .await
    }

    /// Runs `f` on a connection without an explicit transaction (single-statement reads).
    pub fn read_blocking<T>(&self, f: impl FnOnce(&mut dyn Store) -> ApiResult<T>) -> ApiResult<T> {
        match self {
            Self::Sqlite(pools) => f(&mut *pools.mapped()?),
            Self::Postgres(pool) => pool.get()?.run(|c| f(c)),
        }
    }

    /// [`Db::read_blocking`] for reads of a few rows by key (see [`SqlitePools`]).
    pub fn point_read_blocking<T>(
        &self,
        f: impl FnOnce(&mut dyn Store) -> ApiResult<T>,
    ) -> ApiResult<T> {
        match self {
            Self::Sqlite(pools) => f(&mut *pools.point.get()?),
            Self::Postgres(pool) => pool.get()?.run(|c| f(c)),
        }
    }

    /// Runs `work` on the blocking thread pool, off the async executor.
    async fn off_executor<T: Send + 'static>(
        &self,
        work: impl FnOnce(&Db) -> ApiResult<T> + Send + 'static,
    ) -> ApiResult<T> {
        let db = self.clone();
        actix_web::web::block(move || work(&db)).await?
    }

    /// A request's write transaction. On SQLite it is group-committed with the others waiting
    /// ([`group_commit`]); on PostgreSQL it is [`Db::tx_blocking`] off the async executor.
    pub async fn tx<T: Send + 'static>(
        &self,
        f: impl FnOnce(&mut dyn Store) -> ApiResult<T> + Send + 'static,
    ) -> ApiResult<T> {
        match self {
            Self::Sqlite(pools) => pools.writes.tx(f).await,
            Self::Postgres(_) => self.off_executor(move |db| db.tx_blocking(f)).await,
        }
    }

    /// [`Db::read_blocking`] off the async executor.
    pub async fn read<T: Send + 'static>(
        &self,
        f: impl FnOnce(&mut dyn Store) -> ApiResult<T> + Send + 'static,
    ) -> ApiResult<T> {
        self.off_executor(move |db| db.read_blocking(f)).await
    }

    /// [`Db::point_read_blocking`] off the async executor.
    pub async fn point_read<T: Send + 'static>(
        &self,
        f: impl FnOnce(&mut dyn Store) -> ApiResult<T> + Send + 'static,
    ) -> ApiResult<T> {
        self.off_executor(move |db| db.point_read_blocking(f)).await
    }

    /// A cheap query proving the database answers (for /readyz).
    pub fn ping_blocking(&self) -> ApiResult<()> {
        use diesel::RunQueryDsl;
        let timeout = std::time::Duration::from_secs(2);
        match self {
            Self::Sqlite(pools) => {
                diesel::sql_query("SELECT 1").execute(&mut *pools.main.get_timeout(timeout)?)?;
            }
            Self::Postgres(pool) => {
                pool.get_timeout(timeout)?
                    .run(|c| diesel::sql_query("SELECT 1").execute(c))?;
            }
        }
        Ok(())
    }
}

/// Escapes `%`, `_` and `\` so user text is matched literally inside a LIKE pattern.
pub fn like_contains(needle: &str) -> String {
    let mut pattern = String::with_capacity(needle.len() + 2);
    pattern.push('%');
    for ch in needle.chars() {
        if matches!(ch, '%' | '_' | '\\') {
            pattern.push('\\');
        }
        pattern.push(ch);
    }
    pattern.push('%');
    pattern
}

/// Maps a unique-constraint violation to a caller-chosen error; everything else converts as usual.
pub fn on_unique_violation(error: diesel::result::Error, f: impl FnOnce() -> ApiError) -> ApiError {
    match error {
        diesel::result::Error::DatabaseError(
            diesel::result::DatabaseErrorKind::UniqueViolation,
            _,
        ) => f(),
        other => other.into(),
    }
}
