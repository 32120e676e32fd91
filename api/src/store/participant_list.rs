//! The participant list: a page of the participants a filter matches, and how many they are.
//!
//! The total is what costs: `search_key LIKE '%term%'` cannot seek, so counting a text search's
//! matches that way tests every participant of the caller's units (83,000 of the benchmark's
//! 100,000). SQLite therefore looks the term up in a trigram index (`participant_text`, FTS5,
//! migration 000027; see `store::participant_text`) whose rows also name their unit and
//! protection, and PostgreSQL counts in `participant_search`, a copy of the columns the list
//! filters and sorts on kept by triggers (migration 000026), through its trigram index: a common
//! term's candidates lie in half as many blocks there as in `participants`. The page is cheap
//! when the matches are many (the unit/name index is walked in name order and stops after the
//! page), but a term that matches few people far down the alphabet made that walk pass over most
//! of the unit too ("påhittholm", 675 matches from P on: a 13-15 ms walk). So a search with few
//! matches is paged from them: SQLite keeps their row numbers while counting; PostgreSQL sorts
//! and pages them in `participant_search`. Same data, 2 connections, the benchmark's twelve
//! terms: SQLite p50/p99 24.7/47.5 → 16.2/30.9 ms (with the count's index and split of
//! `Visible`), then with the trigram index 11.7/21.7 → 7.0/16.8 ms on a faster machine,
//! PostgreSQL 16.2/33.2 → 14.7/27.9 ms, then with `participant_search` 14.3/25.8 → 11.3/21.1 ms
//! (issue 11).

use diesel::dsl::sql;
use diesel::prelude::*;
use diesel::sql_types::BigInt;

use super::participant_text::text_search;
use super::participants::{
    ParticipantFilter, ParticipantRow, ParticipantSort, Visible, filtered_participants,
    order_participants,
};
use super::schema::{participant_assignments, participant_search, participants};
use crate::error::ApiResult;

/// A search matching at most this many people is paged from its matches, looked up by row and
/// sorted (a few milliseconds at most); above it the matches are dense enough in name order for
/// the walk to end soon.
const FEW_MATCHES: usize = 2_000;

pub trait ParticipantList {
    /// One page of the participants `filter` matches, and how many they are in all.
    fn list_participants(
        &mut self,
        filter: &ParticipantFilter,
    ) -> ApiResult<(Vec<ParticipantRow>, i64)>;
}

/// The parts a caller's visible participants are counted in (see [`Visible`]).
fn visible_parts(filter: &ParticipantFilter) -> &'static [Visible] {
    if filter.scope.protected_only_if_assigned_to.is_some() {
        &[Visible::Unprotected, Visible::Protected]
    } else {
        &[Visible::All]
    }
}

/// The page in the list's order: the page's ids first, sorted in `$t` (`participants` unless
/// given: walking the sort's index), then its rows.
/// The ids come from the unit/name index alone (PostgreSQL: an index-only scan that tests the
/// search key and protection in the index; fetching whole rows while walking it read the table
/// for every entry passed over, and a name far down the alphabet took 26 ms instead of 9 on
/// 100,000 participants).
macro_rules! page_in_order {
    ($conn:expr, $filter:expr) => {
        page_in_order!($conn, $filter, participants)
    };
    ($conn:expr, $filter:expr, $t:ident) => {{
        let filter: &ParticipantFilter = $filter;
        let page_ids = order_participants!(
            filtered_participants!(filter, Visible::All, $t).select($t::id),
            filter.sort,
            $t
        )
        .limit(filter.limit)
        .offset(filter.offset);
        order_participants!(
            participants::table
                .filter(participants::id.eq_any(page_ids))
                .select(ParticipantRow::as_select())
                .into_boxed(),
            filter.sort
        )
        .load($conn)
    }};
}

/// The page of `$matches` (a boxed query of a few participants) in the list's order.
macro_rules! page_of {
    ($matches:expr, $filter:expr) => {{
        let filter: &ParticipantFilter = $filter;
        order_participants!($matches.select(ParticipantRow::as_select()), filter.sort)
            .limit(filter.limit)
            .offset(filter.offset)
    }};
}

impl ParticipantList for diesel::PgConnection {
    fn list_participants(
        &mut self,
        filter: &ParticipantFilter,
    ) -> ApiResult<(Vec<ParticipantRow>, i64)> {
        // Counted in `participant_search`, the filtered columns alone (migration 000026): the
        // count tests each trigram match on its row, and there the rows of a common term lie in
        // half as many blocks. One count with the caller's visibility as one `OR`: counting the
        // protected people apart would read those rows twice (a search's count 10.6 + 6.3 ms).
        let total: i64 = filtered_participants!(filter, Visible::All, participant_search)
            .count()
            .get_result(self)?;
        if filter.text.is_none() || total > FEW_MATCHES as i64 {
            let items = page_in_order!(self, filter)?;
            return Ok((items, total));
        }
        // Few matches: sorted and paged in `participant_search` (found through the trigram
        // index again, the same plan as the count), then the page's 50 rows read. Reading every
        // match's row from `participants` to sort them took 724 index lookups for a term of 724
        // matches (3.7 ms).
        let items = page_in_order!(self, filter, participant_search)?;
        Ok((items, total))
    }
}

impl ParticipantList for diesel::SqliteConnection {
    fn list_participants(
        &mut self,
        filter: &ParticipantFilter,
    ) -> ApiResult<(Vec<ParticipantRow>, i64)> {
        if filter.text.is_none() {
            let mut total = 0;
            for &part in visible_parts(filter) {
                total += filtered_participants!(filter, part)
                    .count()
                    .get_result::<i64>(self)?;
            }
            let items = page_in_order!(self, filter)?;
            return Ok((items, total));
        }
        // Count the matches by their row numbers, keeping them while they are few: from the
        // trigram index when it answers the search, else (and for what it leaves out) from the
        // search index of `participants`, where each is read for the count anyway.
        let mut total: i64 = 0;
        let mut rows: Vec<i64> = Vec::new();
        let mut keep = |row: i64| {
            total += 1;
            if rows.len() <= FEW_MATCHES {
                rows.push(row);
            }
        };
        let parts = match text_search(self, filter)? {
            Some(search) => {
                search.for_each_match(self, &mut keep)?;
                search.rest
            }
            None => visible_parts(filter),
        };
        for &part in parts {
            let matches = filtered_participants!(filter, part)
                .select(sql::<BigInt>("participants.rowid"))
                .load_iter::<i64, diesel::connection::DefaultLoadingMode>(self)?;
            for row in matches {
                keep(row?);
            }
        }
        // One row more than FEW_MATCHES is kept: then the matches are many.
        if rows.len() > FEW_MATCHES {
            let items = page_in_order!(self, filter)?;
            return Ok((items, total));
        }
        let items = page_of!(
            participants::table
                .filter(sql::<BigInt>("participants.rowid").eq_any(rows))
                .into_boxed(),
            filter
        )
        .load(self)?;
        Ok((items, total))
    }
}
