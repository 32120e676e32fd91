//! A connection of SQLite's `main` pool that maps the database file only while it is checked out.
//!
//! Pages read through the memory map stay in the process's RSS for as long as the connection
//! keeps its map, and a pooled connection keeps it while idle: after a manager's reports the
//! server showed 868 MB of mapped file in RSS until those connections were next used, and after
//! a list search ~110 MB (eight connections, each counting the pages it touched). The map would
//! be dropped at the connection's next read anyway — SQLite unmaps it when another connection
//! has committed since, and the audit log commits after nearly every request — so unmapping when
//! the connection goes back to the pool costs nothing a request would have kept.

use std::ops::{Deref, DerefMut};

use diesel::SqliteConnection;
use diesel::connection::SimpleConnection;
use diesel::r2d2::{ConnectionManager, PooledConnection};

use super::SqlitePool;
use crate::error::ApiResult;

/// Checked out by [`check_out`]; unmaps the file when dropped.
pub struct MappedConnection {
    conn: PooledConnection<ConnectionManager<SqliteConnection>>,
}

/// Takes a connection from `pool` and lets it map up to `mmap_bytes` of the file (lazily: pages
/// are mapped as they are read).
pub fn check_out(pool: &SqlitePool, mmap_bytes: u64) -> ApiResult<MappedConnection> {
    let mut conn = pool.get()?;
    // A no-op when the limit is already set (a connection's first check-out).
    conn.batch_execute(&format!("PRAGMA mmap_size = {mmap_bytes}"))?;
    Ok(MappedConnection { conn })
}

impl Drop for MappedConnection {
    fn drop(&mut self) {
        // A limit of 0 unmaps the file; the next check-out sets the limit again.
        if let Err(e) = self.conn.batch_execute("PRAGMA mmap_size = 0") {
            log::warn!("could not unmap the database file of a pooled connection: {e}");
        }
    }
}

impl Deref for MappedConnection {
    type Target = SqliteConnection;
    fn deref(&self) -> &SqliteConnection {
        &self.conn
    }
}

impl DerefMut for MappedConnection {
    fn deref_mut(&mut self) -> &mut SqliteConnection {
        &mut self.conn
    }
}

#[cfg(test)]
#[allow(clippy::expect_used)]
mod tests {
    use diesel::r2d2::{ConnectionManager, Pool};
    use diesel::{RunQueryDsl, SqliteConnection};

    #[derive(diesel::QueryableByName)]
    struct MmapSize {
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        mmap_size: i64,
    }

    fn mmap_size(conn: &mut SqliteConnection) -> i64 {
        diesel::sql_query("PRAGMA mmap_size")
            .get_result::<MmapSize>(conn)
            .expect("mmap_size")
            .mmap_size
    }

    /// The map is allowed while the connection is checked out and gone once it is back in the
    /// pool (the same connection: the pool holds one).
    #[test]
    fn a_connection_maps_the_file_only_while_checked_out() {
        let dir = std::env::temp_dir().join(format!("stegvis-mapped-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let path = dir.join("db.sqlite");
        let pool = Pool::builder()
            .max_size(1)
            .build(ConnectionManager::<SqliteConnection>::new(
                path.display().to_string(),
            ))
            .expect("pool");
        {
            let mut conn = super::check_out(&pool, 1 << 20).expect("check out");
            assert_eq!(mmap_size(&mut conn), 1 << 20);
        }
        assert_eq!(mmap_size(&mut pool.get().expect("same connection")), 0);
        let mut again = super::check_out(&pool, 1 << 20).expect("check out again");
        assert_eq!(mmap_size(&mut again), 1 << 20);
        drop(again);
        std::fs::remove_dir_all(&dir).ok();
    }
}
