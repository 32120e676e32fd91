//! Group commit of the write transactions of requests on SQLite (issue 11).
//!
//! SQLite has one write lock. When every request opened its own write transaction, 16 concurrent
//! creates queued on that lock through SQLite's busy handler, which sleeps 1, 2, 5, 10 … 100 ms
//! between tries: the lock sat idle while writers slept (create p99 690 ms, a quarter of the raw
//! insert-and-commit rate). Here one writer thread owns the writing: it takes every transaction
//! waiting at that moment, runs each in a savepoint of one `BEGIN IMMEDIATE` transaction (a failed
//! one rolls back to its savepoint and leaves the others alone), commits once, and only then
//! answers each request: with its own result if the commit succeeded, with an error otherwise.
//! Every request still sees exactly what it would see alone (the transactions run one after the
//! other on one connection), and nothing is answered before it is durable.
//!
//! Checkpoints (copying the write-ahead log back into the database file, with an fsync of each)
//! run on a thread of their own ([`Checkpointer`]), not in the writer: SQLite's automatic
//! checkpoint runs inside the commit that fills the log, and there it held up every request
//! waiting on that batch (GET of a participant at 16 connections: p99 10 → 84 ms once reads went
//! through the writer).
//!
//! PostgreSQL keeps a transaction per request on its own connection: there writers do not share
//! one lock, and a single connection would serialise their round trips.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Arc;
use std::sync::atomic::{AtomicI32, Ordering};
use std::sync::mpsc;
use std::time::Duration;

use diesel::{Connection, SqliteConnection};
use tokio::sync::oneshot;

use super::connect::BUSY_TIMEOUT_MS;
use super::{SqlitePool, Store};
use crate::error::{ApiError, ApiResult};

/// The most transactions in one commit.
const MAX_BATCH: usize = 64;

/// Tells a request how its transaction ended, once the batch's commit is known.
type Answer = Box<dyn FnOnce(Result<(), String>) + Send>;

/// One request's transaction: runs it and says whether it succeeded (else its savepoint is rolled
/// back), with how to answer the request once the commit is known.
type Job = Box<dyn FnOnce(&mut dyn Store) -> (bool, Answer) + Send>;

/// The handle requests use; the writer thread stops when the last handle is dropped.
#[derive(Clone)]
pub struct GroupCommit {
    jobs: mpsc::Sender<Job>,
}

impl GroupCommit {
    /// Starts the writer thread on `pool` (one connection, kept open, without automatic
    /// checkpoints) and the checkpoint thread on `checkpoints`.
    pub fn start(pool: SqlitePool, checkpoints: SqlitePool) -> std::io::Result<Self> {
        let (jobs, queue) = mpsc::channel();
        let checkpointer = Checkpointer::start(checkpoints)?;
        std::thread::Builder::new()
            .name("sqlite-writer".into())
            .spawn(move || write_batches(&pool, &queue, &checkpointer))?;
        Ok(Self { jobs })
    }

    /// Runs `f` as one write transaction (with whoever else is waiting) and returns its result
    /// once it is committed.
    pub async fn tx<T: Send + 'static>(
        &self,
        f: impl FnOnce(&mut dyn Store) -> ApiResult<T> + Send + 'static,
    ) -> ApiResult<T> {
        let (done, result) = oneshot::channel::<ApiResult<T>>();
        let job: Job = Box::new(move |store: &mut dyn Store| {
            let outcome = f(store);
            let ok = outcome.is_ok();
            let answer: Answer = Box::new(move |commit: Result<(), String>| {
                let answer = match commit {
                    Ok(()) => outcome,
                    Err(cause) if ok => Err(ApiError::Unavailable(format!(
                        "the write was not committed: {cause}"
                    ))),
                    // The request's own error says more than the batch's.
                    Err(_) => outcome,
                };
                // A request that gave up waiting (client gone) is no error here.
                let _ = done.send(answer);
            });
            (ok, answer)
        });
        self.jobs.send(job).map_err(|_| stopped())?;
        // Dropped unanswered: the batch could not start (the database was locked or unreachable)
        // or the transaction panicked; nothing of it was committed.
        result.await.map_err(|_| stopped())?
    }
}

/// The next batch: waits for one job, then takes everyone who arrived while the previous batch
/// was committing, up to `max`. `None` once every sender is gone.
pub(crate) fn next_batch<T>(queue: &mpsc::Receiver<T>, max: usize) -> Option<Vec<T>> {
    let mut jobs = vec![queue.recv().ok()?];
    while jobs.len() < max {
        match queue.try_recv() {
            Ok(job) => jobs.push(job),
            Err(_) => break,
        }
    }
    Some(jobs)
}

fn stopped() -> ApiError {
    ApiError::Unavailable("the write could not be run; nothing was written".into())
}

/// Runs `PRAGMA wal_checkpoint(PASSIVE)` after commits, at most every [`Checkpointer::PAUSE`]:
/// a passive checkpoint copies what no reader still needs and never blocks readers or the writer.
/// One that could not copy everything (a reader still needed older pages) is tried again until it
/// could, so the log does not stay long after the writing stops: every read looks pages up in it.
///
/// Copying is not enough under steady writing. SQLite starts the log over from its beginning
/// only when a write transaction begins while every frame has been copied and no reader uses the
/// log; with a commit every millisecond the passive checkpoint never catches up with the writer,
/// and the log grew without end (7.8 GB after a minute of benchmark load, every read slower for
/// it). So once a passive checkpoint has copied a log longer than
/// [`Checkpointer::RESTART_FRAMES`], the writer itself, between two batches, runs a `RESTART`
/// checkpoint: it copies the few frames written since, waits briefly for readers of the log, and
/// the next write starts the log over.
struct Checkpointer {
    kick: mpsc::SyncSender<()>,
    /// Frames in the log at the last passive checkpoint, if it copied them all (else 0).
    log_frames: Arc<AtomicI32>,
}

/// A row of `PRAGMA database_list`: where the database file is, for [`open_database_file`].
#[derive(diesel::QueryableByName)]
struct DatabaseFile {
    #[diesel(sql_type = diesel::sql_types::Text)]
    name: String,
    #[diesel(sql_type = diesel::sql_types::Text)]
    file: String,
}

/// Opens the database file, found through `PRAGMA database_list`, for
/// [`Checkpointer::flush_before_restart`]; `None` for an in-memory database. Opened once when the
/// checkpoint thread starts: the file is only ever replaced while the server is stopped
/// (`stegvis restore`). Read-only is enough: fdatasync flushes the file, not the descriptor.
fn open_database_file(conn: &mut SqliteConnection) -> Result<Option<std::fs::File>, String> {
    use diesel::RunQueryDsl;
    let files: Vec<DatabaseFile> = diesel::sql_query("PRAGMA database_list")
        .load(conn)
        .map_err(|e| e.to_string())?;
    match files.into_iter().find(|f| f.name == "main") {
        Some(main) if !main.file.is_empty() => std::fs::File::open(&main.file)
            .map(Some)
            .map_err(|e| e.to_string()),
        _ => Ok(None), // an in-memory database
    }
}

/// What `PRAGMA wal_checkpoint` answers.
#[derive(diesel::QueryableByName)]
struct CheckpointResult {
    #[diesel(sql_type = diesel::sql_types::Integer)]
    busy: i32,
    #[diesel(sql_type = diesel::sql_types::Integer)]
    log: i32,
    #[diesel(sql_type = diesel::sql_types::Integer)]
    checkpointed: i32,
}

impl Checkpointer {
    /// The least time between two checkpoints: the log grows by at most this much writing.
    const PAUSE: Duration = Duration::from_millis(100);

    /// The log length (in pages of 4 KB: 128 MB) past which the writer starts it over. Each
    /// restart pauses writing for two fsyncs (the log, then the database file: median 10 ms here);
    /// under a benchmark's load the log grows by 220 MB/s, and at 64 MB the pauses showed in the
    /// p99 of GET (4 → 19 ms). A longer log makes every lookup in it a little slower.
    const RESTART_FRAMES: i32 = 32_768;

    /// Passive rounds at most before a restart, and how few frames written during the last one
    /// count as caught up (2 MB).
    const CATCH_UP_ROUNDS: usize = 8;
    const CAUGHT_UP_FRAMES: i32 = 512;

    /// How long the writer waits for readers of the log before it leaves the restart for later:
    /// writes wait meanwhile. A list or a timeline reads for milliseconds, a report for up to a
    /// second: then the restart waits for a later try.
    const RESTART_WAIT_MS: u32 = 50;

    fn start(pool: SqlitePool) -> std::io::Result<Self> {
        // One pending kick is enough: commits during a checkpoint are copied by the next one.
        let (kick, kicks) = mpsc::sync_channel::<()>(1);
        let log_frames = Arc::new(AtomicI32::new(0));
        let frames = log_frames.clone();
        // Without the file the writer's restart does the whole sync itself: slower, still correct.
        let database_file = match pool
            .get()
            .map_err(|e| e.to_string())
            .and_then(|mut conn| open_database_file(&mut conn))
        {
            Ok(file) => file,
            Err(cause) => {
                log::warn!("cannot open the database file for the checkpoint thread: {cause}");
                None
            }
        };
        std::thread::Builder::new()
            .name("sqlite-checkpoint".into())
            .spawn(move || {
                let mut complete = true;
                loop {
                    // After an incomplete checkpoint, try again after a pause even without a kick.
                    let timeout = if complete { Duration::MAX } else { Self::PAUSE };
                    if let Err(mpsc::RecvTimeoutError::Disconnected) = kicks.recv_timeout(timeout) {
                        return;
                    }
                    complete = match Self::checkpoint(&pool, &frames, database_file.as_ref()) {
                        Ok(complete) => complete,
                        Err(cause) => {
                            log::warn!("checkpoint of the write-ahead log failed: {cause}");
                            true
                        }
                    };
                    std::thread::sleep(Self::PAUSE);
                }
            })?;
        Ok(Self { kick, log_frames })
    }

    /// A passive checkpoint; whether it copied the whole log. A long log is copied in rounds
    /// until little was written during the last one, and then the writer is asked to start it
    /// over: the writer's pause then holds little copying, mostly its two fsyncs.
    fn checkpoint(
        pool: &SqlitePool,
        log_frames: &AtomicI32,
        database_file: Option<&std::fs::File>,
    ) -> Result<bool, String> {
        let mut conn = pool.get().map_err(|e| e.to_string())?;
        let mut last_log = None;
        for _ in 0..Self::CATCH_UP_ROUNDS {
            let r = Self::passive(&mut conn)?;
            if r.busy != 0 || r.checkpointed != r.log {
                log_frames.store(0, Ordering::Relaxed);
                return Ok(false);
            }
            let caught_up = last_log.is_some_and(|last| r.log - last <= Self::CAUGHT_UP_FRAMES);
            if r.log <= Self::RESTART_FRAMES || caught_up {
                let long = r.log > Self::RESTART_FRAMES;
                if let Some(file) = database_file.filter(|_| long) {
                    Self::flush_before_restart(&mut conn, file)?;
                }
                log_frames.store(if long { r.log } else { 0 }, Ordering::Relaxed);
                return Ok(true);
            }
            last_log = Some(r.log);
        }
        // The writer outran every round: leave the restart for the next checkpoint.
        log_frames.store(0, Ordering::Relaxed);
        Ok(true)
    }

    fn passive(conn: &mut SqliteConnection) -> Result<CheckpointResult, String> {
        use diesel::RunQueryDsl;
        diesel::sql_query("PRAGMA wal_checkpoint(PASSIVE)")
            .get_result(conn)
            .map_err(|e| e.to_string())
    }

    /// Leaves the writer's restart as little to copy and sync as it can: syncs the database
    /// file (fdatasync), copies what the writer logged meanwhile and syncs again. A passive
    /// checkpoint that does not copy the whole log leaves the pages it copied to the kernel, and
    /// SQLite syncs the file only in the checkpoint that completes the log, the writer's restart,
    /// during which no request's commit can go on. The first sync here flushes everything copied
    /// since the last restart (79 ms on session 17's machine, 85–92 ms when the restart did it),
    /// while the writer goes on; the second only what the pass after it copied. A failed sync
    /// only moves the flush back into the writer's restart.
    fn flush_before_restart(
        conn: &mut SqliteConnection,
        file: &std::fs::File,
    ) -> Result<(), String> {
        let synced = || match file.sync_data() {
            Ok(()) => true,
            Err(cause) => {
                log::warn!("syncing the database file before a log restart failed: {cause}");
                false
            }
        };
        if synced() {
            Self::passive(conn)?;
            synced();
        }
        Ok(())
    }

    /// Run by the writer between batches: starts the log over once it is too long (see above).
    fn restart_log_if_long(&self, conn: &mut SqliteConnection) {
        use diesel::RunQueryDsl;
        use diesel::connection::SimpleConnection;
        if self.log_frames.load(Ordering::Relaxed) <= Self::RESTART_FRAMES {
            return;
        }
        let started = std::time::Instant::now();
        let restart = conn
            .batch_execute(&format!("PRAGMA busy_timeout = {};", Self::RESTART_WAIT_MS))
            .and_then(|()| {
                diesel::sql_query("PRAGMA wal_checkpoint(RESTART)")
                    .get_result::<CheckpointResult>(conn)
            });
        if let Err(cause) = conn.batch_execute(&format!("PRAGMA busy_timeout = {BUSY_TIMEOUT_MS};"))
        {
            log::warn!("cannot restore the writer's busy timeout: {cause}");
        }
        // Done, or a reader held on past the wait: either way the next passive checkpoint reports
        // the length again, and a log still long brings the writer back here after it (at most
        // every `PAUSE`, not after every batch).
        self.log_frames.store(0, Ordering::Relaxed);
        log::debug!(
            "write-ahead log restart: {:?} in {} µs",
            restart.as_ref().map(|r| (r.busy, r.log, r.checkpointed)),
            started.elapsed().as_micros()
        );
        if let Err(cause) = restart {
            log::warn!("restarting the write-ahead log failed: {cause}");
        }
    }

    /// Asks for a checkpoint soon; never waits.
    fn after_commit(&self) {
        let _ = self.kick.try_send(());
    }
}

fn write_batches(pool: &SqlitePool, queue: &mpsc::Receiver<Job>, checkpointer: &Checkpointer) {
    while let Some(mut jobs) = next_batch(queue, MAX_BATCH) {
        let mut answers: Vec<(Answer, Option<String>)> = Vec::with_capacity(jobs.len());
        let committed = match pool.get() {
            Ok(mut conn) => conn
                .immediate_transaction::<_, diesel::result::Error, _>(|c| {
                    for job in jobs.drain(..) {
                        run_in_savepoint(c, job, &mut answers);
                    }
                    Ok(())
                })
                .map_err(|e| e.to_string()),
            Err(e) => Err(e.to_string()),
        };
        match &committed {
            Ok(()) => checkpointer.after_commit(),
            Err(cause) => log::error!(
                "a batch of {} write transactions failed: {cause}",
                answers.len()
            ),
        }
        for (answer, own_failure) in answers {
            answer(match own_failure {
                Some(cause) => Err(cause),
                None => committed.clone(),
            });
        }
        // After the answers, so no request of this batch waits for it.
        if committed.is_ok()
            && let Ok(mut conn) = pool.get()
        {
            checkpointer.restart_log_if_long(&mut conn);
        }
    }
}

/// Runs one job in a savepoint: kept if it succeeded, rolled back if it failed or panicked.
fn run_in_savepoint(
    conn: &mut SqliteConnection,
    job: Job,
    answers: &mut Vec<(Answer, Option<String>)>,
) {
    let mut answer = None;
    let savepoint = conn.transaction::<_, diesel::result::Error, _>(|c| {
        match catch_unwind(AssertUnwindSafe(|| job(c))) {
            Ok((ok, a)) => {
                answer = Some(a);
                if ok {
                    Ok(())
                } else {
                    Err(diesel::result::Error::RollbackTransaction)
                }
            }
            // The panic is logged by the panic hook; the request's answer was dropped with it.
            Err(_) => Err(diesel::result::Error::RollbackTransaction),
        }
    });
    if let Some(answer) = answer {
        let own_failure = match savepoint {
            Err(e) if !matches!(e, diesel::result::Error::RollbackTransaction) => {
                Some(e.to_string())
            }
            _ => None,
        };
        answers.push((answer, own_failure));
    }
}

#[cfg(test)]
#[allow(clippy::expect_used)]
mod tests {
    use diesel::connection::SimpleConnection;
    use diesel::{Connection, SqliteConnection};

    use super::open_database_file;

    /// The database file is found through `PRAGMA database_list`, opened and can be synced; an
    /// in-memory database has no file. A wrong column or file name would be an error.
    #[test]
    fn opens_the_database_file_it_finds() {
        let dir = std::env::temp_dir().join(format!("stegvis-sync-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temporary directory");
        let path = dir.join("sync.db");
        let mut conn = SqliteConnection::establish(&path.to_string_lossy()).expect("SQLite file");
        conn.batch_execute("PRAGMA journal_mode = WAL; CREATE TABLE t (x INTEGER);")
            .expect("schema");
        let file = open_database_file(&mut conn)
            .expect("file found")
            .expect("not in memory");
        use std::os::unix::fs::MetadataExt;
        assert_eq!(
            file.metadata().expect("metadata").ino(),
            std::fs::metadata(&path).expect("metadata").ino(),
            "the opened file is the database file"
        );
        file.sync_data()
            .expect("synced through a read-only descriptor");

        let mut memory = SqliteConnection::establish(":memory:").expect("in-memory SQLite");
        assert!(open_database_file(&mut memory).expect("no error").is_none());

        drop((conn, file));
        std::fs::remove_file(&path).expect("file removed");
        let mut gone = SqliteConnection::establish(&path.to_string_lossy()).expect("SQLite file");
        std::fs::remove_file(&path).expect("file removed again");
        assert!(
            open_database_file(&mut gone).is_err(),
            "a database file that is gone must be reported, not skipped"
        );
        let _ = std::fs::remove_dir_all(&dir);
    }
}
