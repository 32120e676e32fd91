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
use crate::store::Db;
use crate::store::audit::AuditRow;

/// The most requests whose entries go into one transaction (and one multi-row INSERT: 8 columns
/// × 1000 rows stays under SQLite's 32,766 parameters even with several entries per request).
const MAX_BATCH: usize = 256;

struct Job {
    rows: Vec<AuditRow>,
    done: oneshot::Sender<Result<(), String>>,
}

/// The handle requests use; the writer thread stops when the last handle is dropped.
pub struct AuditWriter(Sink);

enum Sink {
    /// PostgreSQL: this module's writer thread.
    Batches(mpsc::Sender<Job>),
    /// SQLite: the group commit of all write transactions.
    WithWrites(Db),
}

impl AuditWriter {
    pub fn start(db: Db) -> std::io::Result<Self> {
        if let Db::Sqlite(_) = db {
            return Ok(Self(Sink::WithWrites(db)));
        }
        let (jobs, queue) = mpsc::channel();
        std::thread::Builder::new()
            .name("audit-writer".into())
            .spawn(move || write_batches(&db, &queue))?;
        Ok(Self(Sink::Batches(jobs)))
    }

    /// Commits `rows` (with the entries of whoever else is waiting) and returns once they are
    /// durable. An error means the entries were not written: the caller must not answer with the
    /// data they describe.
    pub async fn record(&self, rows: Vec<AuditRow>) -> ApiResult<()> {
        if rows.is_empty() {
            return Ok(());
        }
        let jobs = match &self.0 {
            Sink::Batches(jobs) => jobs,
            Sink::WithWrites(db) => return db.tx(move |store| store.insert_audit(&rows)).await,
        };
        let (done, committed) = oneshot::channel();
        jobs.send(Job { rows, done })
            .map_err(|_| ApiError::Internal("the audit writer has stopped".into()))?;
        committed
            .await
            .map_err(|_| ApiError::Internal("the audit writer has stopped".into()))?
            .map_err(|cause| ApiError::Unavailable(format!("audit entries not written: {cause}")))
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
