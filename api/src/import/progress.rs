//! Progress of the imports running in this process. On PostgreSQL the counter is also written to
//! the job row from a second connection, so every instance sees it; SQLite has one writer at a
//! time and the import holds it, so there the counter lives here (one SQLite process serves
//! all requests of its database).

use std::collections::HashMap;
use std::sync::Mutex;

#[derive(Debug, Default)]
pub struct Running {
    rows: Mutex<HashMap<String, u64>>,
}

impl Running {
    pub fn set(&self, job_id: &str, rows_processed: u64) {
        if let Ok(mut rows) = self.rows.lock() {
            rows.insert(job_id.to_owned(), rows_processed);
        }
    }

    pub fn get(&self, job_id: &str) -> Option<u64> {
        self.rows
            .lock()
            .ok()
            .and_then(|rows| rows.get(job_id).copied())
    }

    pub fn finish(&self, job_id: &str) {
        if let Ok(mut rows) = self.rows.lock() {
            rows.remove(job_id);
        }
    }
}
