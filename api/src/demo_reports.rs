//! Demo data the housing support report needs beyond the plans: home visits to the supported
//! participants and a few eviction-risk events, so `--demo` shows non-trivial figures. Fictional.

use chrono::{NaiveDate, TimeDelta};

use crate::error::ApiResult;
use crate::store::Store;
use crate::store::contacts::{ContactParticipantRow, ContactRow};
use crate::store::housing::RiskEventRow;
use crate::store::participants::ParticipantRow;
use crate::store::time;

/// The participants (by index) that `demo::action_plans` gives housing support, with how many
/// days ago it started.
const SUPPORTED: &[(usize, i64)] = &[(0, 250), (1, 110), (2, 5), (3, 95), (4, 100), (6, 20)];

pub fn load(
    store: &mut dyn Store,
    participants: &[ParticipantRow],
    support_worker: &str,
    today: NaiveDate,
) -> ApiResult<()> {
    let now = time::now();
    let days = TimeDelta::days;
    for (i, (idx, ago)) in SUPPORTED.iter().enumerate() {
        let Some(p) = participants.get(*idx) else {
            continue;
        };
        // A home visit every 7–10 days since the support started; now and then nobody opened.
        let step = 7 + (i as i64 % 4);
        let mut n = 0;
        let mut day = today - days(*ago) + days(1);
        while day < today {
            let contact = ContactRow {
                id: time::new_id(),
                staff_id: support_worker.into(),
                occurred_at: day.and_hms_opt(13, 0, 0).unwrap_or_default(),
                kind: "home_visit".into(),
                note: Some("Demo: hembesök, genomgång av räkningar och städning".into()),
                created_by: support_worker.into(),
                created_at: now,
                updated_at: now,
                version: 1,
                external_id: None,
            };
            store.insert_contact(
                &contact,
                &[ContactParticipantRow {
                    contact_id: contact.id.clone(),
                    participant_id: p.id.clone(),
                    attended: n % 5 != 4,
                }],
            )?;
            n += 1;
            day += days(step);
        }
    }
    // (participant index, kind, days ago, resolved after days)
    let risks: &[(usize, &str, i64, Option<i64>)] = &[
        (0, "unpaid_rent", 200, Some(12)),
        (0, "disturbance_complaint", 60, Some(20)),
        (1, "sanitary_problem", 80, None),
        (3, "unpaid_rent", 30, Some(9)),
    ];
    for (idx, kind, ago, resolved_after) in risks {
        let Some(p) = participants.get(*idx) else {
            continue;
        };
        let occurred_on = today - days(*ago);
        store.insert_risk_event(&RiskEventRow {
            id: time::new_id(),
            participant_id: p.id.clone(),
            kind: (*kind).into(),
            occurred_on,
            description: Some("Demo: hyresvärden hörde av sig".into()),
            resolved_on: resolved_after.map(|d| occurred_on + days(d)),
            resolution: resolved_after.map(|_| "Demo: avbetalningsplan och tätare hembesök".into()),
            recorded_by: Some(support_worker.into()),
            created_at: now,
            updated_at: now,
            version: 1,
        })?;
    }
    Ok(())
}
