//! The PostgreSQL connection pool: checks a connection with a round trip at check-out only when
//! it has rested or its last use failed.
//!
//! diesel's pool manager pings every connection it hands out (`SELECT 1`): a round trip as
//! long as reading a participant, 16 % of the time of a GET under load (issue 11). The ping is
//! there to replace connections the server has closed (a restart, an idle timeout), and diesel
//! itself only notices a connection broken by a failed transaction. A connection that came back
//! to the pool a moment ago without an error is as alive as a ping would show, so it is handed
//! out unchecked — HikariCP's rule (`aliveBypassWindowMs`, 500 ms). A connection whose last use
//! failed, or that rested longer, is pinged as before, and replaced if the ping fails.

use std::ops::{Deref, DerefMut};
use std::time::{Duration, Instant};

use diesel::PgConnection;
use diesel::r2d2::{ConnectionManager, Error, ManageConnection};

/// How long after its return a connection is handed out again without a ping.
const TRUSTED_FOR: Duration = Duration::from_millis(500);

pub type PgPool = r2d2::Pool<PgManager>;
pub type PgPooled = r2d2::PooledConnection<PgManager>;

/// A pooled PostgreSQL connection with what the pool needs to know to skip its ping.
pub struct PgConn {
    conn: PgConnection,
    returned_at: Instant,
    /// Set by [`PgConn::run`] when a use failed; cleared by the next check-out, which pings.
    failed: bool,
}

impl PgConn {
    /// Runs `f` on the connection; if it returns an error, the connection is pinged at its next
    /// check-out. Most errors are the request's own (not found, a conflict), and a needless ping
    /// is cheaper than telling those apart from a server that went away.
    pub fn run<T, E>(&mut self, f: impl FnOnce(&mut PgConnection) -> Result<T, E>) -> Result<T, E> {
        let result = f(&mut self.conn);
        self.failed |= result.is_err();
        result
    }
}

impl Deref for PgConn {
    type Target = PgConnection;
    fn deref(&self) -> &PgConnection {
        &self.conn
    }
}

impl DerefMut for PgConn {
    fn deref_mut(&mut self) -> &mut PgConnection {
        &mut self.conn
    }
}

/// diesel's manager, with the check-out rule of this module.
pub struct PgManager(ConnectionManager<PgConnection>);

impl PgManager {
    pub fn new(url: impl Into<String>) -> Self {
        Self(ConnectionManager::new(url))
    }
}

impl ManageConnection for PgManager {
    type Connection = PgConn;
    type Error = Error;

    fn connect(&self) -> Result<PgConn, Error> {
        Ok(PgConn {
            conn: self.0.connect()?,
            returned_at: Instant::now(),
            failed: false,
        })
    }

    fn is_valid(&self, conn: &mut PgConn) -> Result<(), Error> {
        if !conn.failed && conn.returned_at.elapsed() < TRUSTED_FOR {
            return Ok(());
        }
        conn.failed = false;
        self.0.is_valid(&mut conn.conn)
    }

    /// Called by the pool whenever a connection comes back.
    fn has_broken(&self, conn: &mut PgConn) -> bool {
        conn.returned_at = Instant::now();
        self.0.has_broken(&mut conn.conn)
    }
}

#[cfg(test)]
#[allow(clippy::expect_used)]
mod tests {
    use super::*;

    /// The server `scripts/test` uses.
    fn url() -> String {
        std::env::var("TEST_DATABASE_URL")
            .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into())
    }

    fn backend_pid(conn: &mut PgConnection) -> i32 {
        use diesel::RunQueryDsl;
        #[derive(diesel::QueryableByName)]
        struct Pid {
            #[diesel(sql_type = diesel::sql_types::Integer)]
            pid: i32,
        }
        diesel::sql_query("SELECT pg_backend_pid() AS pid")
            .get_result::<Pid>(conn)
            .map(|p| p.pid)
            .unwrap_or(-1)
    }

    /// A connection the server closed right after its last use is not handed out again once that
    /// use has failed: the next check-out pings it and the pool opens a new one.
    #[test]
    fn a_failed_connection_is_replaced() {
        let pool = r2d2::Pool::builder()
            .max_size(1)
            .build(PgManager::new(url()))
            .expect("PostgreSQL at TEST_DATABASE_URL");
        let first = {
            let mut conn = pool.get().expect("a connection");
            backend_pid(&mut conn)
        };
        {
            // Another session ends this one, as a server restart or an administrator would.
            use diesel::{Connection, RunQueryDsl};
            let mut killer = PgConnection::establish(&url()).expect("a second connection");
            diesel::sql_query(format!("SELECT pg_terminate_backend({first})"))
                .execute(&mut killer)
                .expect("terminate");
        }
        std::thread::sleep(Duration::from_millis(50));
        {
            let mut conn = pool.get().expect("the same connection, unchecked");
            // Used within the trusted window: the query fails, and the failure is noted.
            let failed = conn.run(|c| {
                use diesel::RunQueryDsl;
                diesel::sql_query("SELECT 1").execute(c)
            });
            assert!(failed.is_err(), "the terminated connection should fail");
        }
        let mut conn = pool.get().expect("a new connection");
        let second = backend_pid(&mut conn);
        assert!(
            second > 0 && second != first,
            "{first} was handed out again"
        );
    }
}
