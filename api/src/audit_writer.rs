//! Group commit for the audit entries of reads (issue #11; STORAGE-NOTES gotcha 11).
//!
//! A read of personal data writes an audit entry that must be durable before the response is
//! sent. Written in the read's own transaction, every read becomes a write transaction: on SQLite
//! all reads then queue for the one write lock, and on PostgreSQL every read waits for its own
//! commit. Instead, the read runs without the write lock and hands its entries to one writer thread,
//! which inserts the entries of every request waiting at that moment in one statement (committed
//! on its own: one round trip), and only then releases those requests. Each entry is still
//! committed before its response.
//!
//! Writes (create, update …) keep their entries in their own transaction: there the entry must
//! commit or fail together with the change it describes.
//!
//! On SQLite the request's entries go to the writer of every write transaction instead
//! (`store::group_commit`), which commits whatever is waiting together: a second writer thread
//! would only queue with it on SQLite's one write lock.

use std::sync::mpsc;

use tokio::sync::oneshot;

use crate::error::{ApiError, ApiResult};
use crate::store::audit::AuditRow;
use crate::store::audit::AuditStore;
use crate::store::{Db, Store};

/// The most requests whose entries are committed together.
const MAX_BATCH: usize = 256;

/// The most entries in one INSERT: 8 bind parameters each stays under PostgreSQL's 65,535 (a
/// batch of 256 list requests holds up to 12,800 entries).
const ROWS_PER_INSERT: usize = 4_000;

use crate::store::pg_pool::{PgPool, PgPooled};

struct Job {
    rows: Vec<AuditRow>,
    done: oneshot::Sender<Result<(), String>>,
}

/// The handle requests use; the writer thread stops when the last handle is dropped.
pub struct AuditWriter {
    db: Db,
    /// PostgreSQL: this module's writer thread. SQLite: `None`, the entries go with the group
    /// commit of all write transactions.
    batches: Option<mpsc::Sender<Job>>,
}

impl AuditWriter {
    pub fn start(db: Db) -> std::io::Result<Self> {
        let Db::Postgres(pool) = &db else {
            return Ok(Self { db, batches: None });
        };
        let (jobs, queue) = mpsc::channel();
        let pool = pool.clone();
        std::thread::Builder::new()
            .name("audit-writer".into())
            .spawn(move || write_batches(&pool, &queue))?;
        Ok(Self {
            db,
            batches: Some(jobs),
        })
    }

    /// Commits `rows` (with the entries of whoever else is waiting) and returns once they are
    /// durable. An error means the entries were not written: the caller must not answer with the
    /// data they describe.
    pub async fn record(&self, rows: Vec<AuditRow>) -> ApiResult<()> {
        if rows.is_empty() {
            return Ok(());
        }
        let Some(jobs) = &self.batches else {
            return self.db.tx(move |store| store.insert_audit(&rows)).await;
        };
        let (done, committed) = oneshot::channel();
        jobs.send(Job { rows, done })
            .map_err(|_| ApiError::Internal("the audit writer has stopped".into()))?;
        committed
            .await
            .map_err(|_| ApiError::Internal("the audit writer has stopped".into()))?
            .map_err(|cause| ApiError::Unavailable(format!("audit entries not written: {cause}")))
    }

    /// A read of a few rows by key (`Db::point_read`) and the audit entries it returns, which are
    /// durable before this returns, as with [`AuditWriter::record`].
    ///
    /// On SQLite the read runs in the group commit's writer, in the same savepoint as its entries:
    /// one thread hop per request instead of two (to a reading thread, then to the writer), which
    /// is most of the time of a request that reads one row (GET of a participant at 2 connections:
    /// issue 11). Such a read takes tens of microseconds, so the writes queued behind it barely
    /// notice. On PostgreSQL the read runs on its own pooled connection and the entries go to the
    /// batching writer thread, as before: a transaction per read would be a commit per read.
    pub async fn point_read<T: Send + 'static>(
        &self,
        read: impl FnOnce(&mut dyn Store) -> ApiResult<(T, Vec<AuditRow>)> + Send + 'static,
    ) -> ApiResult<T> {
        if self.batches.is_none() {
            return self
                .db
                .tx(move |store| {
                    let (found, rows) = read(store)?;
                    store.insert_audit(&rows)?;
                    Ok(found)
                })
                .await;
        }
        let (found, rows) = self.db.point_read(read).await?;
        self.record(rows).await?;
        Ok(found)
    }
}

fn write_batches(pool: &PgPool, queue: &mpsc::Receiver<Job>) {
    // The writer keeps its connection between batches: checking one out of the pool costs a
    // round trip (the pool's liveness ping), as many as the write itself.
    let mut held: Option<PgPooled> = None;
    while let Some(jobs) = crate::store::group_commit::next_batch(queue, MAX_BATCH) {
        let rows: Vec<AuditRow> = jobs.iter().flat_map(|j| j.rows.iter().cloned()).collect();
        // A connection that failed may be broken (the server restarted): one more try on a fresh
        // one. An entry written twice that way is better than a request refused for nothing.
        let result = write(pool, &mut held, &rows).or_else(|first| {
            log::warn!("audit batch failed, retrying on a new connection: {first}");
            held = None;
            write(pool, &mut held, &rows)
        });
        if let Err(e) = &result {
            held = None;
            log::error!("audit batch of {} entries failed: {e}", rows.len());
        }
        for job in jobs {
            // A request that gave up waiting (client gone) is no error here.
            let _ = job.done.send(result.clone());
        }
    }
}

/// Inserts `rows`: one statement, committed on its own (one round trip), when they fit in one;
/// otherwise one transaction.
fn write(pool: &PgPool, held: &mut Option<PgPooled>, rows: &[AuditRow]) -> Result<(), String> {
    use diesel::Connection;
    let conn = match held {
        Some(conn) => conn,
        None => held.insert(pool.get().map_err(|e| e.to_string())?),
    };
    // A failure is noted on the connection, so the pool pings it before handing it out again.
    conn.run(|conn| {
        if rows.len() <= ROWS_PER_INSERT {
            conn.insert_audit(rows)
        } else {
            conn.transaction(|c| {
                rows.chunks(ROWS_PER_INSERT)
                    .try_for_each(|chunk| c.insert_audit(chunk))
            })
        }
    })
    .map_err(|e| e.to_string())
}
