//! Group commit for the audit entries of reads (issue #11; STORAGE-NOTES gotcha 11).
//!
//! A read of personal data writes an audit entry that must be durable before the response is
//! sent. Written in the read's own transaction, every read becomes a write transaction: on SQLite
//! all reads then queue for the one write lock, and on PostgreSQL every read waits for its own
//! commit. Instead, the read runs without the write lock and hands its entries to one writer thread,
//! which inserts the entries of every request waiting at that moment in one transaction, commits,
//! and only then releases those requests. Each entry is still committed before its response.
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
use crate::store::{Db, Store};

/// The most requests whose entries go into one transaction (and one multi-row INSERT: 8 columns
/// × 1000 rows stays under SQLite's 32,766 parameters even with several entries per request).
const MAX_BATCH: usize = 256;

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
        if let Db::Sqlite(_) = db {
            return Ok(Self { db, batches: None });
        }
        let (jobs, queue) = mpsc::channel();
        let writer_db = db.clone();
        std::thread::Builder::new()
            .name("audit-writer".into())
            .spawn(move || write_batches(&writer_db, &queue))?;
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

fn write_batches(db: &Db, queue: &mpsc::Receiver<Job>) {
    while let Some(jobs) = crate::store::group_commit::next_batch(queue, MAX_BATCH) {
        let rows: Vec<AuditRow> = jobs.iter().flat_map(|j| j.rows.iter().cloned()).collect();
        let result = db
            .tx_blocking(|store| store.insert_audit(&rows))
            .map_err(|e| e.to_string());
        if let Err(e) = &result {
            log::error!("audit batch of {} entries failed: {e}", rows.len());
        }
        for job in jobs {
            // A request that gave up waiting (client gone) is no error here.
            let _ = job.done.send(result.clone());
        }
    }
}
