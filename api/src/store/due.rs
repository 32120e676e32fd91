//! The raw facts behind the due list, per kind, for a set of participants. The handler turns them
//! into due items with `domain::due`; ids are queried in chunks so a unit of any size works
//! within both backends' limits on bound parameters.

use std::collections::{HashMap, HashSet};

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use super::participants::ParticipantScope;
use super::schema::{
    action_plans, activities, agreement_follow_ups, contact_participants, housing_follow_ups,
    internship_agreements, participant_assignments, participants, referrals, tenancies,
};
use super::{Dialect, backend_impl};
use crate::error::ApiResult;

/// A participant on a due list: id, first name, last name, registered.
pub type DueParticipant = (String, String, String, NaiveDateTime);

/// One dated record: (record id, participant id, what it is, due on).
pub type DatedRecord = (String, String, String, NaiveDate);

/// An ongoing activity: (id, participant id, start date, last agreement follow-up).
pub type OngoingActivity = (String, String, NaiveDate, Option<NaiveDate>);

/// What most fact queries below read: (record id, participant id, date).
type KeyedDate = (String, String, NaiveDate);
type KeyedMaybeDate = (String, String, Option<NaiveDate>);
/// (activity id, day of its last follow-up).
type LastFollowUp = (String, Option<NaiveDate>);

pub trait DueStore {
    /// Active participants in `scope`; with `staff_id`, only those the staff member is responsible
    /// for or assigned to on `scope.today`; with `unit_id`, only that unit.
    fn due_participants(
        &mut self,
        scope: &ParticipantScope,
        staff_id: Option<&str>,
        unit_id: Option<&str>,
    ) -> ApiResult<Vec<DueParticipant>>;
    /// Active plans: (plan id, participant, "plan", period end).
    fn due_plan_reviews(&mut self, ids: &[String]) -> ApiResult<Vec<DatedRecord>>;
    /// Follow-ups not done: (id, participant, follow-up kind, due on).
    fn due_housing_follow_ups(&mut self, ids: &[String]) -> ApiResult<Vec<DatedRecord>>;
    /// Running tenancies not yet taken over: (id, participant, "tenancy", planned takeover).
    fn due_lease_takeovers(&mut self, ids: &[String]) -> ApiResult<Vec<DatedRecord>>;
    /// Referrals with a booked first meeting: (id, participant, "referral", meeting date).
    fn due_first_meetings(&mut self, ids: &[String]) -> ApiResult<Vec<DatedRecord>>;
    /// Internship agreements running (not ended early, activity not finished): (id, participant,
    /// "internship_agreement", period end).
    fn due_agreements_ending(&mut self, ids: &[String]) -> ApiResult<Vec<DatedRecord>>;
    /// Ongoing activities with their start and last agreement follow-up:
    /// (activity id, participant, start date, last follow-up).
    fn ongoing_activities(&mut self, ids: &[String]) -> ApiResult<Vec<OngoingActivity>>;
    /// The last attended contact of each participant that has one.
    fn last_attended_contacts(&mut self, ids: &[String])
    -> ApiResult<Vec<(String, NaiveDateTime)>>;
}

/// From this many participants on, a due list reads each kind's open records in one pass and
/// keeps its participants' own, rather than looking them up by participant in chunks: a manager's
/// whole-unit list covers tens of thousands. On 73,000 active participants of 100,000 (SQLite),
/// chunks against one pass: plans 125 / 71 ms, ongoing activities 211 / 53, referrals 180 / 25,
/// tenancies 87 / 17, follow-ups 89 / 16. (Last contacts stay in chunks: the same either way.)
const ONE_PASS_FROM: usize = 5_000;

/// Rows for the records of `keys` (participants, or activities): `load(Some(chunk))` per chunk of
/// keys, or for many keys `load(None)` once, keeping the rows whose key (`key_of`) is wanted.
fn for_keys<T>(
    keys: &[String],
    chunk_size: usize,
    key_of: impl Fn(&T) -> &String,
    mut load: impl FnMut(Option<&[String]>) -> ApiResult<Vec<T>>,
) -> ApiResult<Vec<T>> {
    if keys.len() < ONE_PASS_FROM {
        let mut out = Vec::new();
        for chunk in keys.chunks(chunk_size) {
            out.extend(load(Some(chunk))?);
        }
        return Ok(out);
    }
    let wanted: HashSet<&str> = keys.iter().map(String::as_str).collect();
    let mut rows = load(None)?;
    rows.retain(|r| wanted.contains(key_of(r).as_str()));
    Ok(rows)
}

/// Records of one kind, tagged with it (`kind` is the due item's `kind` in the API).
fn of_kind(rows: Vec<KeyedDate>, kind: &str) -> Vec<DatedRecord> {
    rows.into_iter()
        .map(|(id, p, due)| (id, p, kind.to_owned(), due))
        .collect()
}

backend_impl!(impl DueStore {
    fn due_participants(
        &mut self,
        scope: &ParticipantScope,
        staff_id: Option<&str>,
        unit_id: Option<&str>,
    ) -> ApiResult<Vec<DueParticipant>> {
        let today = scope.today;
        let running = |staff: String| {
            participant_assignments::table
                .filter(participant_assignments::staff_id.eq(staff))
                .filter(participant_assignments::start_date.le(today))
                .filter(
                    participant_assignments::end_date
                        .is_null()
                        .or(participant_assignments::end_date.ge(today)),
                )
                .select(participant_assignments::participant_id)
        };
        let in_scope = || {
            let mut q = participants::table
                .filter(participants::unit_id.eq_any(scope.unit_ids.clone()))
                .filter(participants::status.eq("active"))
                .into_boxed();
            if let Some(viewer) = &scope.protected_only_if_assigned_to {
                q = q.filter(
                    participants::protected_identity
                        .eq(false)
                        .or(participants::responsible_caseworker_id.eq(viewer.clone()))
                        .or(participants::id.eq_any(running(viewer.clone()))),
                );
            }
            if let Some(unit) = unit_id {
                q = q.filter(participants::unit_id.eq(unit.to_owned()));
            }
            q.select((
                participants::id,
                participants::first_name,
                participants::last_name,
                participants::created_at,
            ))
        };
        let Some(staff) = staff_id else {
            return Ok(in_scope()
                .order((participants::last_name, participants::first_name, participants::id))
                .load(self)?);
        };
        // One staff member's people: their few ids first, by the caseworker and assignment
        // indexes, then those rows by primary key. As one statement with `responsible = ? OR id IN
        // (assignments)`, SQLite walked every active participant of the units by the unit/name
        // index (for its order): 97 ms against 1 ms on 100,000 participants.
        let mut ids: Vec<String> = participants::table
            .filter(participants::responsible_caseworker_id.eq(staff))
            .select(participants::id)
            .load(self)?;
        ids.extend(running(staff.to_owned()).load::<String>(self)?);
        ids.sort_unstable();
        ids.dedup();
        let mut people = Vec::with_capacity(ids.len());
        for chunk in ids.chunks(<Self as Dialect>::ID_CHUNK) {
            people.extend(
                in_scope()
                    .filter(participants::id.eq_any(chunk))
                    .load::<DueParticipant>(self)?,
            );
        }
        people.sort_unstable_by(|a, b| (&a.2, &a.1, &a.0).cmp(&(&b.2, &b.1, &b.0)));
        Ok(people)
    }

    fn due_plan_reviews(&mut self, ids: &[String]) -> ApiResult<Vec<DatedRecord>> {
        let rows = for_keys(ids, <Self as Dialect>::ID_CHUNK, |r: &KeyedDate| &r.1, |only| {
            let mut q = action_plans::table
                .filter(action_plans::status.eq("active"))
                .select((action_plans::id, action_plans::participant_id, action_plans::period_end))
                .into_boxed();
            if let Some(chunk) = only {
                q = q.filter(action_plans::participant_id.eq_any(chunk));
            }
            Ok(q.load(self)?)
        })?;
        Ok(of_kind(rows, "action_plan"))
    }

    fn due_housing_follow_ups(&mut self, ids: &[String]) -> ApiResult<Vec<DatedRecord>> {
        for_keys(ids, <Self as Dialect>::ID_CHUNK, |r: &DatedRecord| &r.1, |only| {
            let mut q = housing_follow_ups::table
                .filter(housing_follow_ups::done_on.is_null())
                .select((
                    housing_follow_ups::id,
                    housing_follow_ups::participant_id,
                    housing_follow_ups::kind,
                    housing_follow_ups::due_on,
                ))
                .into_boxed();
            if let Some(chunk) = only {
                q = q.filter(housing_follow_ups::participant_id.eq_any(chunk));
            }
            Ok(q.load(self)?)
        })
    }

    fn due_lease_takeovers(&mut self, ids: &[String]) -> ApiResult<Vec<DatedRecord>> {
        let rows = for_keys(ids, <Self as Dialect>::ID_CHUNK, |r: &KeyedDate| &r.1, |only| {
            let mut q = tenancies::table
                .filter(tenancies::moved_out_on.is_null())
                .filter(tenancies::taken_over_on.is_null())
                .select((tenancies::id, tenancies::participant_id, tenancies::planned_takeover_on))
                .into_boxed();
            if let Some(chunk) = only {
                q = q.filter(tenancies::participant_id.eq_any(chunk));
            }
            Ok(q.load(self)?)
        })?;
        Ok(of_kind(rows, "tenancy"))
    }

    fn due_first_meetings(&mut self, ids: &[String]) -> ApiResult<Vec<DatedRecord>> {
        let rows = for_keys(ids, <Self as Dialect>::ID_CHUNK, |r: &KeyedMaybeDate| &r.1, |only| {
            let mut q = referrals::table
                .filter(referrals::status.eq("first_meeting_booked"))
                .select((referrals::id, referrals::participant_id, referrals::first_meeting_on))
                .into_boxed();
            if let Some(chunk) = only {
                q = q.filter(referrals::participant_id.eq_any(chunk));
            }
            Ok(q.load(self)?)
        })?;
        Ok(rows
            .into_iter()
            .filter_map(|(id, p, due)| Some((id, p, "referral".to_owned(), due?)))
            .collect())
    }

    fn due_agreements_ending(&mut self, ids: &[String]) -> ApiResult<Vec<DatedRecord>> {
        let rows = for_keys(ids, <Self as Dialect>::ID_CHUNK, |r: &KeyedDate| &r.1, |only| {
            let mut q = internship_agreements::table
                .inner_join(activities::table)
                .filter(activities::status.eq_any(["planned", "ongoing"]))
                .filter(internship_agreements::ended_early_on.is_null())
                .select((
                    internship_agreements::id,
                    activities::participant_id,
                    internship_agreements::period_end,
                ))
                .into_boxed();
            if let Some(chunk) = only {
                q = q.filter(activities::participant_id.eq_any(chunk));
            }
            Ok(q.load(self)?)
        })?;
        Ok(of_kind(rows, "internship_agreement"))
    }

    fn ongoing_activities(&mut self, ids: &[String]) -> ApiResult<Vec<OngoingActivity>> {
        let running = for_keys(ids, <Self as Dialect>::ID_CHUNK, |r: &KeyedDate| &r.1, |only| {
            let mut q = activities::table
                .filter(activities::status.eq("ongoing"))
                .select((activities::id, activities::participant_id, activities::start_date))
                .into_boxed();
            if let Some(chunk) = only {
                q = q.filter(activities::participant_id.eq_any(chunk));
            }
            Ok(q.load(self)?)
        })?;
        let activity_ids: Vec<String> = running.iter().map(|r| r.0.clone()).collect();
        let chunk = <Self as Dialect>::ID_CHUNK;
        let last = for_keys(&activity_ids, chunk, |r: &LastFollowUp| &r.0, |only| {
            let mut q = agreement_follow_ups::table
                .inner_join(
                    internship_agreements::table
                        .on(internship_agreements::id.eq(agreement_follow_ups::agreement_id)),
                )
                .group_by(internship_agreements::activity_id)
                .select((
                    internship_agreements::activity_id,
                    diesel::dsl::max(agreement_follow_ups::occurred_on),
                ))
                .into_boxed();
            if let Some(chunk) = only {
                q = q.filter(internship_agreements::activity_id.eq_any(chunk));
            }
            Ok(q.load(self)?)
        })?;
        let last: HashMap<String, Option<NaiveDate>> = last.into_iter().collect();
        Ok(running
            .into_iter()
            .map(|(id, p, start)| {
                let followed = last.get(&id).copied().flatten();
                (id, p, start, followed)
            })
            .collect())
    }

    fn last_attended_contacts(
        &mut self,
        ids: &[String],
    ) -> ApiResult<Vec<(String, NaiveDateTime)>> {
        let mut out = Vec::new();
        for chunk in ids.chunks(<Self as Dialect>::ID_CHUNK) {
            let rows: Vec<(String, Option<NaiveDateTime>)> = contact_participants::table
                .filter(contact_participants::participant_id.eq_any(chunk))
                .filter(contact_participants::attended.eq(true))
                .group_by(contact_participants::participant_id)
                .select((
                    contact_participants::participant_id,
                    diesel::dsl::max(contact_participants::occurred_at),
                ))
                .load(self)?;
            out.extend(rows.into_iter().filter_map(|(p, at)| Some((p, at?))));
        }
        Ok(out)
    }
});
