//! `stegvis raw-bench`: the raw database rates the API figures are compared with (issue #11), through
//! the same driver, pool settings and SQLite pragmas as the server, without HTTP, auth or audit:
//!
//! * `select`: single-row primary-key selects of a participant (`find(id)`, the whole row);
//! * `insert`: single-row inserts, each its own transaction (insert + commit), into a scratch
//!   table with one primary key and a participant-sized row; the table is dropped afterwards.
//!
//! Prints one JSON object: `{"what", "connections", "seconds", "operations", "per_second"}`.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use rand::Rng;

use crate::config::Config;
use crate::error::{ApiError, ApiResult};
use crate::store::participants::ParticipantRow;
use crate::store::schema::participants;
use crate::store::{self, Db};

/// Roughly the size of a participant row, so the insert compares like with like.
const BODY: &str = "Fiktiv Testsson 19850312-2398 070-000 00 00 Härbärget Fiktiva Stigen 118 20 \
                    Demostaden shelter alcohol financial_assistance active fiktiv testsson";

diesel::table! {
    /// The scratch table of the insert bench (created and dropped by it).
    bench_raw_insert (id) {
        id -> Text,
        body -> Text,
    }
}

/// Up to 50,000 participant ids to pick from at random.
macro_rules! sample_ids {
    ($conn:expr) => {
        participants::table
            .select(participants::id)
            .limit(50_000)
            .load::<String>($conn)?
    };
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum RawWhat {
    Select,
    Insert,
}

pub fn run(config: &Config, what: RawWhat, connections: usize, seconds: u64) -> ApiResult<String> {
    let db = store::connect(config).map_err(|e| ApiError::Internal(e.to_string()))?;
    let ids: Arc<Vec<String>> = Arc::new(match &db {
        Db::Sqlite(pools) => sample_ids!(&mut *pools.main.get()?),
        Db::Postgres(pool) => sample_ids!(&mut **pool.get()?),
    });
    if what == RawWhat::Select && ids.is_empty() {
        return Err(ApiError::Internal(
            "no participants: run `stegvis generate` first".into(),
        ));
    }
    if what == RawWhat::Insert {
        exec(
            &db,
            "DROP TABLE IF EXISTS bench_raw_insert; \
             CREATE TABLE bench_raw_insert (id TEXT PRIMARY KEY NOT NULL, body TEXT NOT NULL);",
        )?;
    }
    let stop = Arc::new(AtomicBool::new(false));
    let done = Arc::new(AtomicU64::new(0));
    let started = Instant::now();
    let workers: Vec<_> = (0..connections.max(1))
        .map(|_| {
            let (db, ids, stop, done) = (db.clone(), ids.clone(), stop.clone(), done.clone());
            std::thread::spawn(move || -> ApiResult<()> {
                match &db {
                    Db::Sqlite(pools) => work(&mut *pools.main.get()?, what, &ids, &stop, &done),
                    Db::Postgres(pool) => work(&mut **pool.get()?, what, &ids, &stop, &done),
                }
            })
        })
        .collect();
    std::thread::sleep(Duration::from_secs(seconds));
    stop.store(true, Ordering::Relaxed);
    for worker in workers {
        worker
            .join()
            .map_err(|_| ApiError::Internal("a bench thread panicked".into()))??;
    }
    let elapsed = started.elapsed().as_secs_f64();
    if what == RawWhat::Insert {
        exec(&db, "DROP TABLE bench_raw_insert;")?;
    }
    let operations = done.load(Ordering::Relaxed);
    Ok(serde_json::json!({
        "what": format!("{what:?}").to_lowercase(),
        "backend": format!("{:?}", db.backend()).to_lowercase(),
        "connections": connections,
        "seconds": elapsed,
        "operations": operations,
        "per_second": operations as f64 / elapsed,
    })
    .to_string())
}

fn exec(db: &Db, sql: &str) -> ApiResult<()> {
    match db {
        Db::Sqlite(pools) => pools.main.get()?.batch_execute(sql)?,
        Db::Postgres(pool) => pool.get()?.batch_execute(sql)?,
    }
    Ok(())
}

macro_rules! work_body {
    ($conn:expr, $what:expr, $ids:expr, $stop:expr, $done:expr) => {{
        let mut rng = rand::rng();
        let mut n = 0u64;
        while !$stop.load(Ordering::Relaxed) {
            match $what {
                RawWhat::Select => {
                    let id = &$ids[rng.random_range(0..$ids.len())];
                    let _row: ParticipantRow = participants::table
                        .find(id)
                        .select(ParticipantRow::as_select())
                        .first($conn)?;
                }
                RawWhat::Insert => {
                    diesel::insert_into(bench_raw_insert::table)
                        .values((
                            bench_raw_insert::id.eq(crate::store::time::new_id()),
                            bench_raw_insert::body.eq(BODY),
                        ))
                        .execute($conn)?;
                }
            }
            n += 1;
            if n % 256 == 0 {
                $done.fetch_add(256, Ordering::Relaxed);
                n = 0;
            }
        }
        $done.fetch_add(n, Ordering::Relaxed);
        Ok(())
    }};
}

/// One connection's loop (each arm monomorphised for its backend).
trait RawWork {
    fn work(
        &mut self,
        what: RawWhat,
        ids: &[String],
        stop: &AtomicBool,
        done: &AtomicU64,
    ) -> ApiResult<()>;
}

impl RawWork for diesel::SqliteConnection {
    fn work(
        &mut self,
        what: RawWhat,
        ids: &[String],
        stop: &AtomicBool,
        done: &AtomicU64,
    ) -> ApiResult<()> {
        work_body!(self, what, ids, stop, done)
    }
}

impl RawWork for diesel::PgConnection {
    fn work(
        &mut self,
        what: RawWhat,
        ids: &[String],
        stop: &AtomicBool,
        done: &AtomicU64,
    ) -> ApiResult<()> {
        work_body!(self, what, ids, stop, done)
    }
}

fn work<C: RawWork>(
    conn: &mut C,
    what: RawWhat,
    ids: &[String],
    stop: &AtomicBool,
    done: &AtomicU64,
) -> ApiResult<()> {
    conn.work(what, ids, stop, done)
}
