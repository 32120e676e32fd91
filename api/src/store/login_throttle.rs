//! Counting failed logins per account and per client address within a window.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::backend_impl;
use super::schema::login_failures;
use crate::error::ApiResult;

/// Failures inside the window: for the account, for the address, and the oldest of each.
#[derive(Debug, Default)]
pub struct FailureCounts {
    pub account: i64,
    pub account_oldest: Option<NaiveDateTime>,
    pub address: i64,
    pub address_oldest: Option<NaiveDateTime>,
}

pub trait LoginThrottleStore {
    fn login_failures_since(
        &mut self,
        account_hash: &str,
        address: &str,
        since: NaiveDateTime,
    ) -> ApiResult<FailureCounts>;
    fn record_login_failure(
        &mut self,
        account_hash: &str,
        address: &str,
        at: NaiveDateTime,
    ) -> ApiResult<()>;
    /// A successful login clears the account's failures (and old rows of everyone).
    fn clear_login_failures(
        &mut self,
        account_hash: &str,
        older_than: NaiveDateTime,
    ) -> ApiResult<()>;
}

backend_impl!(impl LoginThrottleStore {
    fn login_failures_since(
        &mut self,
        account_hash: &str,
        address: &str,
        since: NaiveDateTime,
    ) -> ApiResult<FailureCounts> {
        let (account, account_oldest): (i64, Option<NaiveDateTime>) = login_failures::table
            .filter(login_failures::account_hash.eq(account_hash))
            .filter(login_failures::at.ge(since))
            .select((diesel::dsl::count_star(), diesel::dsl::min(login_failures::at)))
            .first(self)?;
        let (address, address_oldest): (i64, Option<NaiveDateTime>) = login_failures::table
            .filter(login_failures::address.eq(address))
            .filter(login_failures::at.ge(since))
            .select((diesel::dsl::count_star(), diesel::dsl::min(login_failures::at)))
            .first(self)?;
        Ok(FailureCounts { account, account_oldest, address, address_oldest })
    }

    fn record_login_failure(
        &mut self,
        account_hash: &str,
        address: &str,
        at: NaiveDateTime,
    ) -> ApiResult<()> {
        diesel::insert_into(login_failures::table)
            .values((
                login_failures::id.eq(super::time::new_id()),
                login_failures::account_hash.eq(account_hash),
                login_failures::address.eq(address),
                login_failures::at.eq(at),
            ))
            .execute(self)?;
        Ok(())
    }

    fn clear_login_failures(
        &mut self,
        account_hash: &str,
        older_than: NaiveDateTime,
    ) -> ApiResult<()> {
        diesel::delete(
            login_failures::table.filter(
                login_failures::account_hash
                    .eq(account_hash)
                    .or(login_failures::at.lt(older_than)),
            ),
        )
        .execute(self)?;
        Ok(())
    }
});
