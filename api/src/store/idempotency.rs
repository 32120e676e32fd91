//! Stored results of POST requests sent with an `Idempotency-Key`, so a retried script gets the first
//! result instead of creating a duplicate. Keys are per account and kept for 24 hours.

use chrono::{NaiveDateTime, TimeDelta};
use diesel::prelude::*;

use super::backend_impl;
use super::schema::idempotency_keys;
use crate::error::ApiResult;

/// What to do with a request that carries a key.
#[derive(Debug)]
pub enum IdempotencyStart {
    /// First time: run the handler (a pending row now holds the key).
    Proceed,
    /// Seen before with the same body: send this response again.
    Replay {
        status: u16,
        body: Vec<u8>,
        location: Option<String>,
    },
    /// Seen before with the same body, still running.
    InProgress,
    /// Seen before with a different body.
    Mismatch,
}

pub trait IdempotencyStore {
    fn idempotency_start(
        &mut self,
        staff_id: &str,
        key: &str,
        request_hash: &str,
        now: NaiveDateTime,
    ) -> ApiResult<IdempotencyStart>;
    fn idempotency_finish(
        &mut self,
        staff_id: &str,
        key: &str,
        status: u16,
        body: &[u8],
        location: Option<&str>,
    ) -> ApiResult<()>;
    fn idempotency_abandon(&mut self, staff_id: &str, key: &str) -> ApiResult<()>;
}

const KEEP_HOURS: i64 = 24;

/// request hash, response status, response body, Location.
type StoredKey = (String, Option<i32>, Option<Vec<u8>>, Option<String>);

backend_impl!(impl IdempotencyStore {
    fn idempotency_start(
        &mut self,
        staff_id: &str,
        key: &str,
        request_hash: &str,
        now: NaiveDateTime,
    ) -> ApiResult<IdempotencyStart> {
        let expired = now - TimeDelta::hours(KEEP_HOURS);
        diesel::delete(idempotency_keys::table.filter(idempotency_keys::created_at.lt(expired)))
            .execute(self)?;
        let existing: Option<StoredKey> =
            idempotency_keys::table
                .find((staff_id, key))
                .select((
                    idempotency_keys::request_hash,
                    idempotency_keys::response_status,
                    idempotency_keys::response_body,
                    idempotency_keys::response_location,
                ))
                .first(self)
                .optional()?;
        match existing {
            Some((hash, _, _, _)) if hash != request_hash => Ok(IdempotencyStart::Mismatch),
            Some((_, Some(status), body, location)) => Ok(IdempotencyStart::Replay {
                status: u16::try_from(status).unwrap_or(200),
                body: body.unwrap_or_default(),
                location,
            }),
            Some((_, None, _, _)) => Ok(IdempotencyStart::InProgress),
            None => {
                let inserted = diesel::insert_into(idempotency_keys::table)
                    .values((
                        idempotency_keys::staff_id.eq(staff_id),
                        idempotency_keys::idempotency_key.eq(key),
                        idempotency_keys::request_hash.eq(request_hash),
                        idempotency_keys::created_at.eq(now),
                    ))
                    .execute(self);
                match inserted {
                    Ok(_) => Ok(IdempotencyStart::Proceed),
                    // Another request with this key won the race.
                    Err(diesel::result::Error::DatabaseError(
                        diesel::result::DatabaseErrorKind::UniqueViolation,
                        _,
                    )) => Ok(IdempotencyStart::InProgress),
                    Err(e) => Err(e.into()),
                }
            }
        }
    }

    fn idempotency_finish(
        &mut self,
        staff_id: &str,
        key: &str,
        status: u16,
        body: &[u8],
        location: Option<&str>,
    ) -> ApiResult<()> {
        diesel::update(idempotency_keys::table.find((staff_id, key)))
            .set((
                idempotency_keys::response_status.eq(Some(i32::from(status))),
                idempotency_keys::response_body.eq(Some(body)),
                idempotency_keys::response_location.eq(location),
            ))
            .execute(self)?;
        Ok(())
    }

    fn idempotency_abandon(&mut self, staff_id: &str, key: &str) -> ApiResult<()> {
        diesel::delete(idempotency_keys::table.find((staff_id, key))).execute(self)?;
        Ok(())
    }
});
