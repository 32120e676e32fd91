//! SQLite's trigram index of the participants' search keys (`participant_text`, migration
//! 000027): the participant list's text search looks its term up there instead of testing
//! `search_key LIKE '%term%'` on every participant of the caller's units.
//!
//! Each indexed row carries a tag naming its unit and whether its identity is protected, so the
//! caller's units and visibility are one more posting list in the same FTS5 query, and a match
//! is counted without reading its row. The tags are built here the way the migration's view
//! `participant_text_source` builds them: three characters from Unicode's private use area, the
//! protection (0 or 1) and then the unit's rowid in base 6,400.

use diesel::connection::DefaultLoadingMode;
use diesel::dsl::sql;
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Text};

use super::participants::{ParticipantFilter, Visible};
use super::schema::units;
use crate::error::ApiResult;

/// First code point of Unicode's private use area: no search key contains one, so a tag never
/// matches a term, and a term never a tag (they are in different columns besides).
const TAG_BASE: u32 = 0xE000;
/// Code points per tag character after the first (the private use area holds 6,400).
const TAG_RADIX: i64 = 6_400;

/// A text search the trigram index answers, and the part of the caller's visible people it
/// leaves to the search index of `participants`.
pub(crate) struct TextSearch {
    expression: String,
    /// Visible parts not in `expression`: the protected people a caseworker is assigned to
    /// (assignments are not in the index; they are few and found by a seek on protection).
    pub(crate) rest: &'static [Visible],
}

/// `None` when the index cannot answer `filter` alone: no term of at least three characters (a
/// trigram), or a filter on status or caseworker (the index holds neither; those searches test
/// the term while walking `participants` as before).
pub(crate) fn text_search(
    conn: &mut SqliteConnection,
    filter: &ParticipantFilter,
) -> ApiResult<Option<TextSearch>> {
    let Some(term) = filter.text.as_deref() else {
        return Ok(None);
    };
    if term.chars().count() < 3 || filter.status.is_some() || filter.caseworker_id.is_some() {
        return Ok(None);
    }
    let mut unit_ids = filter.scope.unit_ids.clone();
    if let Some(unit) = &filter.unit_id {
        unit_ids.retain(|id| id == unit);
    }
    let unit_rowids: Vec<i64> = units::table
        .filter(units::id.eq_any(unit_ids))
        .select(sql::<BigInt>("units.rowid"))
        .load(conn)?;
    if unit_rowids.is_empty() {
        // No unit to search in: the ordinary query finds nobody just as fast.
        return Ok(None);
    }
    // A caseworker sees the protected people of the unit only when assigned to them.
    let (protections, rest): (&[bool], &'static [Visible]) =
        if filter.scope.protected_only_if_assigned_to.is_some() {
            (&[false], &[Visible::Protected])
        } else {
            (&[false, true], &[])
        };
    let tags: Vec<String> = unit_rowids
        .iter()
        .flat_map(|&unit| {
            protections
                .iter()
                .map(move |&protected| tag(protected, unit))
        })
        .collect();
    Ok(Some(TextSearch {
        expression: match_expression(&tags, term),
        rest,
    }))
}

impl TextSearch {
    /// Calls `each` with the rowid (in `participants`) of every match, in rowid order.
    pub(crate) fn for_each_match(
        &self,
        conn: &mut SqliteConnection,
        mut each: impl FnMut(i64),
    ) -> ApiResult<()> {
        let matches =
            diesel::sql_query("SELECT rowid FROM participant_text WHERE participant_text MATCH ?")
                .bind::<Text, _>(&self.expression)
                .load_iter::<MatchRow, DefaultLoadingMode>(conn)?;
        for row in matches {
            each(row?.rowid);
        }
        Ok(())
    }
}

#[derive(QueryableByName)]
struct MatchRow {
    #[diesel(sql_type = BigInt)]
    rowid: i64,
}

/// The tag `participant_text_source` gives a participant of the unit with rowid `unit`.
fn tag(protected: bool, unit: i64) -> String {
    let digit = |value: i64| {
        // `unit % TAG_RADIX` and `unit / TAG_RADIX` (below 6,400 for any unit rowid under
        // 40,960,000) are in range; an impossible rowid maps to a tag nobody has.
        u32::try_from(value)
            .ok()
            .and_then(|v| char::from_u32(TAG_BASE + v))
            .unwrap_or(char::REPLACEMENT_CHARACTER)
    };
    [
        digit(i64::from(protected)),
        digit(unit / TAG_RADIX),
        digit(unit % TAG_RADIX),
    ]
    .iter()
    .collect()
}

/// An FTS5 query for rows with any of `tags` whose search key contains `term`: a phrase of the
/// trigram tokenizer matches exactly where its text is a substring. Inside double quotes FTS5
/// reads everything literally except a double quote, which is doubled.
fn match_expression(tags: &[String], term: &str) -> String {
    let tags: Vec<String> = tags.iter().map(|t| format!("\"{t}\"")).collect();
    format!(
        "tag : ({}) AND search_key : \"{}\"",
        tags.join(" OR "),
        term.replace('"', "\"\"")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_are_three_private_use_characters() {
        assert_eq!(tag(false, 1), "\u{E000}\u{E000}\u{E001}");
        assert_eq!(tag(true, 6_401), "\u{E001}\u{E001}\u{E001}");
        assert_eq!(tag(false, 6_399).chars().count(), 3);
    }

    #[test]
    fn the_term_is_one_quoted_phrase() {
        let tags = vec![tag(false, 1), tag(true, 1)];
        assert_eq!(
            match_expression(&tags, "a\"b c"),
            "tag : (\"\u{E000}\u{E000}\u{E001}\" OR \"\u{E001}\u{E000}\u{E001}\") AND \
             search_key : \"a\"\"b c\""
        );
    }
}
