//! The participants a caller may see, as a subquery other tables filter by (a referral, contact
//! or caseload entry is visible exactly when its participant is).

/// A boxed `SELECT participants.id …` for a [`ParticipantScope`](super::participants::ParticipantScope).
macro_rules! visible_participant_ids {
    // Narrowed to one participant when the list is filtered by one: SQLite builds the subquery's
    // set of ids before the outer query, and a whole scope of 80,000 ids took 100 ms per list
    // of one person's referrals (the timeline reads several such lists).
    ($scope:expr, $only:expr) => {{
        let only: Option<&String> = $only;
        let mut q = visible_participant_ids!($scope);
        if let Some(id) = only {
            q = q.filter($crate::store::schema::participants::id.eq(id.clone()));
        }
        q
    }};
    ($scope:expr) => {{
        use $crate::store::schema::{participant_assignments as pa, participants as p};
        let s: &$crate::store::participants::ParticipantScope = $scope;
        let mut q = p::table
            .filter(p::unit_id.eq_any(s.unit_ids.clone()))
            .select(p::id)
            .into_boxed();
        if let Some(staff_id) = &s.protected_only_if_assigned_to {
            let assigned = pa::table
                .filter(pa::staff_id.eq(staff_id.clone()))
                .filter(pa::start_date.le(s.today))
                .filter(pa::end_date.is_null().or(pa::end_date.ge(s.today)))
                .select(pa::participant_id);
            q = q.filter(
                p::protected_identity
                    .eq(false)
                    .or(p::responsible_caseworker_id.eq(staff_id.clone()))
                    .or(p::id.eq_any(assigned)),
            );
        }
        q
    }};
}
pub(crate) use visible_participant_ids;
