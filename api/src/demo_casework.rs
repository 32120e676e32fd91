//! Demo casework for the demo participants (`stegvis --demo`): programmes, referrals in every
//! status, enrolments with mapping and contacts, relapses, assignments and consents. Fictional.

use chrono::{NaiveDate, NaiveDateTime, TimeDelta};
use domain::programme::ProgrammeKind;

use crate::error::{ApiError, ApiResult};
use crate::store::Store;
use crate::store::assignments::AssignmentRow;
use crate::store::consents::ConsentRow;
use crate::store::contacts::{ContactParticipantRow, ContactRow};
use crate::store::enrolments::{EnrolmentRow, MappingRow};
use crate::store::participants::ParticipantRow;
use crate::store::programmes::ProgrammeRow;
use crate::store::referrals::ReferralRow;
use crate::store::relapses::RelapseRow;
use crate::store::time;

/// Who does the demo casework.
pub struct DemoStaff<'a> {
    pub caseworker: &'a str,
    pub consultant: &'a str,
}

fn days(d: i64) -> TimeDelta {
    TimeDelta::days(d)
}

fn at(date: NaiveDate, hour: u32) -> NaiveDateTime {
    date.and_hms_opt(hour, 0, 0).unwrap_or_default()
}

fn programme(
    unit: &str,
    name: &str,
    kind: ProgrammeKind,
    from: NaiveDate,
    to: Option<NaiveDate>,
    now: NaiveDateTime,
) -> ApiResult<ProgrammeRow> {
    Ok(ProgrammeRow {
        id: time::new_id(),
        unit_id: unit.into(),
        name: name.into(),
        kind: kind.as_str().into(),
        description: Some("Fiktivt demoprogram".into()),
        start_date: from,
        end_date: to,
        end_statuses: serde_json::to_string(&kind.default_end_statuses())
            .map_err(|e| ApiError::Internal(e.to_string()))?,
        created_at: now,
        updated_at: now,
        version: 1,
    })
}

/// Loads the casework for `people` (participants of `unit`, open cases) into `store`; returns the
/// job-rehabilitation programme's id (the work demo enrols into it).
pub fn load(
    store: &mut dyn Store,
    unit: &str,
    other_unit: &str,
    staff: &DemoStaff<'_>,
    people: &[&ParticipantRow],
    today: NaiveDate,
) -> ApiResult<String> {
    let now = time::now();
    let jobs = programme(
        unit,
        "Arbetsrehabilitering Steg för steg",
        ProgrammeKind::JobRehabilitation,
        today - days(730),
        None,
        now,
    )?;
    let housing = programme(
        other_unit,
        "Bostadssökarstöd",
        ProgrammeKind::HousingSearchSupport,
        today - days(730),
        None,
        now,
    )?;
    let old = NaiveDate::from_ymd_opt(2011, 11, 1).zip(NaiveDate::from_ymd_opt(2012, 12, 31));
    let historic = old
        .map(|(a, b)| {
            programme(
                unit,
                "Ur hemlöshet – I jobb",
                ProgrammeKind::JobRehabilitation,
                a,
                Some(b),
                now,
            )
        })
        .transpose()?;
    for p in [&jobs, &housing].into_iter().chain(historic.as_ref()) {
        store.insert_programme(p)?;
    }
    let statuses = [
        "received",
        "first_meeting_booked",
        "enrolled",
        "no_show",
        "enrolled",
        "declined",
    ];
    for (i, p) in people.iter().enumerate() {
        let referred_on = today - days(220 - 12 * i as i64);
        let status = statuses[i % statuses.len()];
        let target = if i % 3 == 0 { &housing } else { &jobs };
        let referral = ReferralRow {
            id: time::new_id(),
            participant_id: p.id.clone(),
            programme_id: target.id.clone(),
            referring_unit_id: unit.into(),
            referring_staff_id: staff.caseworker.into(),
            referred_on,
            reason: "Hemlös sedan ett år; vill ha arbete och eget boende".into(),
            target_group: if i % 3 == 0 {
                "lost_lodging"
            } else {
                "homeless_with_substance_use"
            }
            .into(),
            assessment: Some(
                "Klarar inte kontakterna med arbetsgivare och hyresvärdar på egen hand".into(),
            ),
            status: status.into(),
            first_meeting_on: (status != "received").then(|| referred_on + days(7)),
            status_changed_on: referred_on + days(if status == "received" { 0 } else { 7 }),
            status_note: (status == "declined")
                .then(|| "Tackade nej: har fått plats i annan insats".to_owned()),
            created_at: now,
            updated_at: now,
            external_id: None,
            version: 1,
        };
        store.insert_referral(&referral)?;
        if status != "enrolled" {
            continue;
        }
        let start = referred_on + days(14);
        let ended = i % 4 == 0;
        let enrolment = EnrolmentRow {
            id: time::new_id(),
            participant_id: p.id.clone(),
            programme_id: target.id.clone(),
            referral_id: Some(referral.id.clone()),
            start_date: start,
            end_date: ended.then(|| start + days(90)),
            end_status: ended.then(|| {
                if target.id == jobs.id {
                    "ongoing_internship"
                } else {
                    "goal_reached"
                }
                .to_owned()
            }),
            end_note: None,
            created_at: now,
            updated_at: now,
            version: 1,
            external_id: None,
        };
        store.insert_enrolment(&enrolment)?;
        store.save_mapping(
            0,
            &MappingRow {
                enrolment_id: enrolment.id.clone(),
                current_housing: Some("Härbärge, tidigare andrahandskontrakt".into()),
                substance_use: Some("Alkohol; nykter sedan tre månader".into()),
                authority_contacts: Some("Ekonomiskt bistånd, Arbetsförmedlingen".into()),
                ongoing_interventions: Some("Öppenvård".into()),
                education: Some("Grundskola".into()),
                years_since_last_job: Some(5 + i as i32 % 4),
                work_experience: Some("Lager, restaurang".into()),
                disabilities: None,
                work_ability_limits: Some("Klarar halvtid till att börja med".into()),
                own_goal: Some("Ett arbete på lager".into()),
                first_step: Some("Studiebesök och praktik en månad".into()),
                completed_on: (i % 2 == 0).then(|| start + days(10)),
                created_at: now,
                updated_at: now,
                version: 1,
            },
        )?;
        store.insert_assignment(&AssignmentRow {
            id: time::new_id(),
            participant_id: p.id.clone(),
            staff_id: staff.consultant.into(),
            kind: "work_consultant".into(),
            start_date: start,
            end_date: None,
            created_at: now,
            updated_at: now,
            version: 1,
        })?;
        for (n, kind) in [
            "meeting",
            "meeting",
            "study_visit",
            "workplace_visit",
            "phone_call",
        ]
        .iter()
        .enumerate()
        {
            let contact = ContactRow {
                id: time::new_id(),
                staff_id: staff.consultant.into(),
                occurred_at: at(start + days(7 * n as i64), 10),
                kind: (*kind).into(),
                note: Some(format!("Demo: samtal {} om mål och nästa steg", n + 1)),
                created_by: staff.consultant.into(),
                created_at: now,
                updated_at: now,
                version: 1,
                external_id: None,
            };
            let attended = !(n == 1 && i % 2 == 0);
            store.insert_contact(
                &contact,
                &[ContactParticipantRow {
                    contact_id: contact.id.clone(),
                    participant_id: p.id.clone(),
                    attended,
                }],
            )?;
        }
        if i % 3 != 0 {
            store.insert_relapse(&RelapseRow {
                id: time::new_id(),
                participant_id: p.id.clone(),
                occurred_on: start + days(40),
                substance: p.main_substance.clone(),
                outcome: if i % 2 == 0 {
                    "resumed_planning"
                } else {
                    "new_treatment"
                }
                .into(),
                note: Some("Återfall efter en helg; planeringen fortsatte".into()),
                recorded_by: staff.consultant.into(),
                created_at: now,
                updated_at: now,
                version: 1,
            })?;
        }
        store.insert_consent(&ConsentRow {
            id: time::new_id(),
            participant_id: p.id.clone(),
            party: "employment_service".into(),
            party_name: Some("Arbetsförmedlingen".into()),
            purpose: "Samordning av arbetsrehabilitering".into(),
            given_on: start,
            expires_on: Some(start + days(365)),
            withdrawn_on: None,
            note: None,
            created_at: now,
            updated_at: now,
            version: 1,
        })?;
    }
    Ok(jobs.id)
}
