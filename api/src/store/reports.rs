//! The rows the reports are computed from (`domain::report`), loaded with a few set-based queries
//! per report: the people of the selected units, then their referrals, enrolments, contacts,
//! relapses and housing changes in chunks of ids, never one query per participant.

use std::collections::HashSet;

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Date, Text, Timestamp};

use super::schema::{
    activities, apartments, employment_outcomes, enrolments, housing_follow_ups,
    housing_stage_changes, participants, queue_entries, referrals, relapses, tenancies,
};
use super::{Dialect, backend_impl};
use crate::error::ApiResult;

/// Attended contacts of one enrolment, counted up to the participation threshold plus one.
#[derive(QueryableByName)]
struct AttendedRow {
    #[diesel(sql_type = Text)]
    participant_id: String,
    #[diesel(sql_type = Date)]
    start_date: NaiveDate,
    #[diesel(sql_type = BigInt)]
    attended: i64,
}

/// A person as a report needs them: for the figures (gender, birth, situation) and for a
/// drill-down (name, protected identity, responsible caseworker).
#[derive(Debug, Clone, Queryable)]
pub struct ReportPerson {
    pub id: String,
    pub first_name: String,
    pub last_name: String,
    pub gender: String,
    pub date_of_birth: Option<NaiveDate>,
    pub protected_identity: bool,
    pub responsible_caseworker_id: Option<String>,
    pub housing_situation: String,
    pub unit_id: String,
}

/// (participant, referred on, status).
pub type ReferralFact = (String, NaiveDate, String);
/// (participant, start, end, end status).
pub type EnrolmentFact = (String, NaiveDate, Option<NaiveDate>, Option<String>);
/// (participant, date, code): a relapse (outcome) or a housing change (situation).
pub type DatedFact = (String, NaiveDate, String);

/// (participant, joined, ready, notified, moved in, removed, removal reason).
pub type QueueFact = (
    String,
    NaiveDate,
    bool,
    Option<NaiveDate>,
    Option<NaiveDate>,
    Option<NaiveDate>,
    Option<String>,
);
/// (tenancy, participant, apartment kind, move-in, moved out, taken over).
pub type TenancyFact = (
    String,
    String,
    String,
    NaiveDate,
    Option<NaiveDate>,
    Option<NaiveDate>,
);
/// (tenancy, participant, kind, done on, income source, debts, occupation).
pub type FollowUpFact = (
    String,
    String,
    String,
    Option<NaiveDate>,
    Option<String>,
    Option<i32>,
    Option<String>,
);

/// (participant, kind, status, led to employment, start, actual end).
pub type ActivityFact = (String, String, String, bool, NaiveDate, Option<NaiveDate>);
/// (participant, kind, start).
pub type EmploymentFact = (String, String, NaiveDate);

pub trait ReportStore {
    /// Per enrolment in the programme overlapping `from`–`to` (of anyone: the caller keeps
    /// those of the report's people): the attended contacts from its start to its end or `to`,
    /// whichever is first, counted in SQL up to `PARTICIPATION_THRESHOLD + 1` (whether someone
    /// participated is all that is asked). Keyed by (participant, start date).
    fn report_attended_counts(
        &mut self,
        programme_id: &str,
        from: NaiveDate,
        to: NaiveDate,
    ) -> ApiResult<Vec<(String, NaiveDate, i64)>>;
    /// Started activities of the programme's enrolments of these people that began by `to` and
    /// had not ended before `from`.
    fn report_activities(
        &mut self,
        programme_id: &str,
        ids: &[String],
        from: NaiveDate,
        to: NaiveDate,
    ) -> ApiResult<Vec<ActivityFact>>;
    /// Employment outcomes from `from` to `to` of activities of the programme, of these people.
    fn report_employments(
        &mut self,
        programme_id: &str,
        ids: &[String],
        from: NaiveDate,
        to: NaiveDate,
    ) -> ApiResult<Vec<EmploymentFact>>;
    /// Queue entries of people in `unit_ids` who joined by `until`.
    fn report_queue(&mut self, unit_ids: &[String], until: NaiveDate) -> ApiResult<Vec<QueueFact>>;
    /// Tenancies of people in `unit_ids` that started by `until`, with the apartment's kind.
    fn report_tenancies(
        &mut self,
        unit_ids: &[String],
        until: NaiveDate,
    ) -> ApiResult<Vec<TenancyFact>>;
    /// Done housing follow-ups of these tenancies.
    fn report_follow_ups(&mut self, tenancy_ids: &[String]) -> ApiResult<Vec<FollowUpFact>>;
    /// Referrals to the programme dated from `from` to `to` (of anyone: the caller keeps those
    /// of [`ReportStore::report_programme_people`]; one join fewer per row).
    fn report_referrals(
        &mut self,
        programme_id: &str,
        from: NaiveDate,
        to: NaiveDate,
    ) -> ApiResult<Vec<ReferralFact>>;
    /// Enrolments in the programme that overlap `from`–`to` (of anyone, as the referrals).
    fn report_enrolments(
        &mut self,
        programme_id: &str,
        from: NaiveDate,
        to: NaiveDate,
    ) -> ApiResult<Vec<EnrolmentFact>>;
    /// The participants of `unit_ids` with a referral to the programme dated from `from` to
    /// `to` or an enrolment in it overlapping that period: the people of a programme report,
    /// read in one statement.
    fn report_programme_people(
        &mut self,
        programme_id: &str,
        unit_ids: &[String],
        from: NaiveDate,
        to: NaiveDate,
    ) -> ApiResult<Vec<ReportPerson>>;
    /// These people.
    fn report_people(&mut self, ids: &[String]) -> ApiResult<Vec<ReportPerson>>;
    /// Participants of `unit_ids` not closed before `from`.
    fn report_unit_people(
        &mut self,
        unit_ids: &[String],
        from: NaiveDate,
    ) -> ApiResult<Vec<ReportPerson>>;
    /// Relapses of these people from `from` to `to`: (participant, date, outcome).
    fn report_relapses(
        &mut self,
        ids: &[String],
        from: NaiveDate,
        to: NaiveDate,
    ) -> ApiResult<Vec<DatedFact>>;
    /// Housing changes of these people up to `until`: (participant, from, situation), in the
    /// order they took effect.
    fn report_stage_changes(
        &mut self,
        ids: &[String],
        until: NaiveDate,
    ) -> ApiResult<Vec<DatedFact>>;
    /// Enrolments of these people in another programme (for a subgroup).
    fn report_enrolments_of(
        &mut self,
        programme_id: &str,
        ids: &[String],
    ) -> ApiResult<Vec<EnrolmentFact>>;
}

/// The columns of a [`ReportPerson`] (a macro: a constant would spell the list twice, as its
/// type and as its value).
macro_rules! person_columns {
    () => {
        (
            participants::id,
            participants::first_name,
            participants::last_name,
            participants::gender,
            participants::date_of_birth,
            participants::protected_identity,
            participants::responsible_caseworker_id,
            participants::housing_situation,
            participants::unit_id,
        )
    };
}

/// (participant, from, situation, recorded at): a housing change before it is put in order.
type StageChangeRow = (String, NaiveDate, String, NaiveDateTime);

const STAGE_CHANGE_COLUMNS: (
    housing_stage_changes::participant_id,
    housing_stage_changes::from_date,
    housing_stage_changes::situation,
    housing_stage_changes::created_at,
) = (
    housing_stage_changes::participant_id,
    housing_stage_changes::from_date,
    housing_stage_changes::situation,
    housing_stage_changes::created_at,
);

/// Housing changes in the order they took effect: by date, and of two on the same date the one
/// recorded later last. Sorted here rather than in SQL where the dialect says so
/// ([`Dialect::ORDER_IN_SQL`]).
fn in_effect_order(mut rows: Vec<StageChangeRow>) -> Vec<DatedFact> {
    rows.sort_by_key(|r| (r.1, r.3));
    rows.into_iter()
        .map(|(p, from, situation, _)| (p, from, situation))
        .collect()
}

backend_impl!(impl ReportStore {
    fn report_attended_counts(
        &mut self,
        programme_id: &str,
        from: NaiveDate,
        to: NaiveDate,
    ) -> ApiResult<Vec<(String, NaiveDate, i64)>> {
        // Per enrolment, its attended contacts from its start to its end (or `to`), counted only
        // up to one past the participation threshold — all the report asks is "more than two" —
        // so each enrolment reads at most three entries of the links' covering index and never
        // a contact row. SQL text, because the date arithmetic differs between the dialects.
        let cap = domain::contact::PARTICIPATION_THRESHOLD + 1;
        let before = to
            .succ_opt()
            .and_then(|d| d.and_hms_opt(0, 0, 0))
            .unwrap_or(NaiveDateTime::MAX);
        let sql = format!(
            "SELECT e.participant_id AS participant_id, e.start_date AS start_date, \
               (SELECT COUNT(*) FROM (SELECT 1 FROM contact_participants cp \
                  WHERE cp.participant_id = e.participant_id AND cp.attended = TRUE \
                  AND cp.occurred_at >= e.start_date AND cp.occurred_at < {before} \
                  AND (e.end_date IS NULL OR cp.occurred_at < {after_end}) LIMIT {cap}) capped) AS attended \
             FROM enrolments e \
             WHERE e.programme_id = {programme} AND e.start_date <= {to} \
             AND (e.end_date IS NULL OR e.end_date >= {from})",
            before = Self::param(1),
            programme = Self::param(2),
            from = Self::param(3),
            to = Self::param(4),
            after_end = Self::DAY_AFTER_END_DATE,
        );
        let rows: Vec<AttendedRow> = diesel::sql_query(sql)
            .into_boxed::<<Self as diesel::Connection>::Backend>()
            .bind::<Timestamp, _>(before)
            .bind::<Text, _>(programme_id.to_owned())
            .bind::<Date, _>(from)
            .bind::<Date, _>(to)
            .load(self)?;
        Ok(rows
            .into_iter()
            .map(|r| (r.participant_id, r.start_date, r.attended))
            .collect())
    }

    fn report_activities(
        &mut self,
        programme_id: &str,
        ids: &[String],
        from: NaiveDate,
        to: NaiveDate,
    ) -> ApiResult<Vec<ActivityFact>> {
        // Driven by the programme's enrolments (one index range), then narrowed to `ids` here:
        // chunks of `participant_id IN (…)` made SQLite walk every enrolment of the programme
        // once per chunk (8 s instead of 0.2 s on 100,000 participants).
        let wanted: HashSet<&str> = ids.iter().map(String::as_str).collect();
        let rows: Vec<ActivityFact> = activities::table
            .inner_join(enrolments::table.on(enrolments::id.eq(activities::enrolment_id)))
            .filter(enrolments::programme_id.eq(programme_id))
            .filter(activities::status.ne("planned"))
            .filter(activities::start_date.le(to))
            .filter(activities::actual_end.is_null().or(activities::actual_end.ge(from)))
            .select((
                activities::participant_id,
                activities::kind,
                activities::status,
                activities::led_to_employment,
                activities::start_date,
                activities::actual_end,
            ))
            .load(self)?;
        Ok(rows.into_iter().filter(|r| wanted.contains(r.0.as_str())).collect())
    }

    fn report_employments(
        &mut self,
        programme_id: &str,
        ids: &[String],
        from: NaiveDate,
        to: NaiveDate,
    ) -> ApiResult<Vec<EmploymentFact>> {
        // As for activities: one query over the programme, narrowed to `ids` here.
        let wanted: HashSet<&str> = ids.iter().map(String::as_str).collect();
        let rows: Vec<EmploymentFact> = employment_outcomes::table
            .inner_join(activities::table.on(activities::id.eq(employment_outcomes::activity_id)))
            .inner_join(enrolments::table.on(enrolments::id.eq(activities::enrolment_id)))
            .filter(enrolments::programme_id.eq(programme_id))
            .filter(employment_outcomes::start_date.ge(from))
            .filter(employment_outcomes::start_date.le(to))
            .select((
                employment_outcomes::participant_id,
                employment_outcomes::kind,
                employment_outcomes::start_date,
            ))
            .load(self)?;
        Ok(rows.into_iter().filter(|r| wanted.contains(r.0.as_str())).collect())
    }

    fn report_queue(&mut self, unit_ids: &[String], until: NaiveDate) -> ApiResult<Vec<QueueFact>> {
        Ok(queue_entries::table
            .inner_join(participants::table.on(participants::id.eq(queue_entries::participant_id)))
            .filter(participants::unit_id.eq_any(unit_ids))
            .filter(queue_entries::joined_on.le(until))
            .select((
                queue_entries::participant_id,
                queue_entries::joined_on,
                queue_entries::ready,
                queue_entries::notified_on,
                queue_entries::moved_in_on,
                queue_entries::removed_on,
                queue_entries::removal_reason,
            ))
            .order((queue_entries::joined_on, queue_entries::id))
            .load(self)?)
    }

    fn report_tenancies(&mut self, unit_ids: &[String], until: NaiveDate) -> ApiResult<Vec<TenancyFact>> {
        Ok(tenancies::table
            .inner_join(participants::table.on(participants::id.eq(tenancies::participant_id)))
            .inner_join(apartments::table.on(apartments::id.eq(tenancies::apartment_id)))
            .filter(participants::unit_id.eq_any(unit_ids))
            .filter(tenancies::move_in_on.le(until))
            .select((
                tenancies::id,
                tenancies::participant_id,
                apartments::kind,
                tenancies::move_in_on,
                tenancies::moved_out_on,
                tenancies::taken_over_on,
            ))
            .order((tenancies::move_in_on, tenancies::id))
            .load(self)?)
    }

    fn report_follow_ups(&mut self, tenancy_ids: &[String]) -> ApiResult<Vec<FollowUpFact>> {
        let mut out = Vec::new();
        for chunk in tenancy_ids.chunks(<Self as Dialect>::ID_CHUNK) {
            let rows: Vec<FollowUpFact> = housing_follow_ups::table
                .filter(housing_follow_ups::tenancy_id.eq_any(chunk))
                .filter(housing_follow_ups::done_on.is_not_null())
                .select((
                    housing_follow_ups::tenancy_id,
                    housing_follow_ups::participant_id,
                    housing_follow_ups::kind,
                    housing_follow_ups::done_on,
                    housing_follow_ups::income_source,
                    housing_follow_ups::debts,
                    housing_follow_ups::occupation,
                ))
                .load(self)?;
            out.extend(rows);
        }
        Ok(out)
    }

    fn report_referrals(
        &mut self,
        programme_id: &str,
        from: NaiveDate,
        to: NaiveDate,
    ) -> ApiResult<Vec<ReferralFact>> {
        // Whole-data-set results are sorted here, not by the database: with PostgreSQL's default
        // work_mem (4 MB) a sort of this size spills to disk and took longer than the query.
        let mut rows = referrals::table
            .filter(referrals::programme_id.eq(programme_id))
            .filter(referrals::referred_on.ge(from))
            .filter(referrals::referred_on.le(to))
            .select((referrals::participant_id, referrals::referred_on, referrals::status, referrals::id))
            .load::<(String, NaiveDate, String, String)>(self)?;
        rows.sort_unstable_by(|a, b| (a.1, &a.3).cmp(&(b.1, &b.3)));
        Ok(rows.into_iter().map(|(p, on, status, _)| (p, on, status)).collect())
    }

    fn report_enrolments(
        &mut self,
        programme_id: &str,
        from: NaiveDate,
        to: NaiveDate,
    ) -> ApiResult<Vec<EnrolmentFact>> {
        let mut rows = enrolments::table
            .filter(enrolments::programme_id.eq(programme_id))
            .filter(enrolments::start_date.le(to))
            .filter(enrolments::end_date.is_null().or(enrolments::end_date.ge(from)))
            .select((
                enrolments::participant_id,
                enrolments::start_date,
                enrolments::end_date,
                enrolments::end_status,
                enrolments::id,
            ))
            .load::<(String, NaiveDate, Option<NaiveDate>, Option<String>, String)>(self)?;
        rows.sort_unstable_by(|a, b| (a.1, &a.4).cmp(&(b.1, &b.4)));
        Ok(rows.into_iter().map(|(p, start, end, status, _)| (p, start, end, status)).collect())
    }

    fn report_programme_people(
        &mut self,
        programme_id: &str,
        unit_ids: &[String],
        from: NaiveDate,
        to: NaiveDate,
    ) -> ApiResult<Vec<ReportPerson>> {
        let referred = referrals::table
            .filter(referrals::programme_id.eq(programme_id.to_owned()))
            .filter(referrals::referred_on.ge(from))
            .filter(referrals::referred_on.le(to))
            .select(referrals::participant_id);
        let enrolled = enrolments::table
            .filter(enrolments::programme_id.eq(programme_id.to_owned()))
            .filter(enrolments::start_date.le(to))
            .filter(enrolments::end_date.is_null().or(enrolments::end_date.ge(from)))
            .select(enrolments::participant_id);
        Ok(participants::table
            .filter(participants::unit_id.eq_any(unit_ids))
            // One set of ids (UNION): SQLite then looks the people up by id instead of
            // scanning the units' participants against two lists (94 vs 192 ms).
            .filter(participants::id.eq_any(referred.union(enrolled)))
            .select(person_columns!())
            .load::<ReportPerson>(self)?)
    }

    fn report_people(&mut self, ids: &[String]) -> ApiResult<Vec<ReportPerson>> {
        let mut out = Vec::new();
        for chunk in ids.chunks(<Self as Dialect>::ID_CHUNK) {
            let rows: Vec<ReportPerson> = participants::table
                .filter(participants::id.eq_any(chunk))
                .select(person_columns!())
                .load(self)?;
            out.extend(rows);
        }
        Ok(out)
    }

    fn report_unit_people(
        &mut self,
        unit_ids: &[String],
        from: NaiveDate,
    ) -> ApiResult<Vec<ReportPerson>> {
        let mut rows = participants::table
            .filter(participants::unit_id.eq_any(unit_ids))
            .filter(participants::closed_on.is_null().or(participants::closed_on.ge(from)))
            .select(person_columns!())
            .load::<ReportPerson>(self)?;
        rows.sort_unstable_by(|a, b| a.id.cmp(&b.id));
        Ok(rows)
    }

    fn report_relapses(
        &mut self,
        ids: &[String],
        from: NaiveDate,
        to: NaiveDate,
    ) -> ApiResult<Vec<DatedFact>> {
        let mut out = Vec::new();
        for chunk in ids.chunks(<Self as Dialect>::ID_CHUNK) {
            let rows: Vec<DatedFact> = relapses::table
                .filter(relapses::participant_id.eq_any(chunk))
                .filter(relapses::occurred_on.ge(from))
                .filter(relapses::occurred_on.le(to))
                .select((relapses::participant_id, relapses::occurred_on, relapses::outcome))
                .load(self)?;
            out.extend(rows);
        }
        Ok(out)
    }

    fn report_stage_changes(
        &mut self,
        ids: &[String],
        until: NaiveDate,
    ) -> ApiResult<Vec<DatedFact>> {
        let mut out = Vec::new();
        for chunk in ids.chunks(<Self as Dialect>::ID_CHUNK) {
            let of_chunk = housing_stage_changes::table
                .filter(housing_stage_changes::participant_id.eq_any(chunk))
                .filter(housing_stage_changes::from_date.le(until));
            if <Self as Dialect>::ORDER_IN_SQL {
                let rows: Vec<DatedFact> = of_chunk
                    .select((
                        housing_stage_changes::participant_id,
                        housing_stage_changes::from_date,
                        housing_stage_changes::situation,
                    ))
                    .order((housing_stage_changes::from_date, housing_stage_changes::created_at))
                    .load(self)?;
                out.extend(rows);
            } else {
                out.extend(in_effect_order(of_chunk.select(STAGE_CHANGE_COLUMNS).load(self)?));
            }
        }
        // Each person's changes are in one chunk, so each person's are in order.
        Ok(out)
    }

    fn report_enrolments_of(
        &mut self,
        programme_id: &str,
        ids: &[String],
    ) -> ApiResult<Vec<EnrolmentFact>> {
        let mut out = Vec::new();
        for chunk in ids.chunks(<Self as Dialect>::ID_CHUNK) {
            let rows: Vec<EnrolmentFact> = enrolments::table
                .filter(enrolments::programme_id.eq(programme_id))
                .filter(enrolments::participant_id.eq_any(chunk))
                .select((
                    enrolments::participant_id,
                    enrolments::start_date,
                    enrolments::end_date,
                    enrolments::end_status,
                ))
                .load(self)?;
            out.extend(rows);
        }
        Ok(out)
    }
});
