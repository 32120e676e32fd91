//! Demo work rehabilitation (`stegvis --demo`): fictional employers with placement histories and
//! participants at every stage — planned, ongoing internship with agreement and follow-up,
//! extended agreement, ended early, led to employment, handed over to Jobbtorg Resurs, ongoing
//! preparatory activity. Names and organisation numbers are fictional (valid check digits).

use chrono::{NaiveDate, TimeDelta};
use domain::activity::{
    ActivityKind, ActivityStatus, EmployerSector, EmploymentKind, HandoverKind,
};
use domain::internship::{AgreementParty, FollowUpKind, default_end};
use domain::personnummer::luhn_check_digit;

use crate::error::ApiResult;
use crate::store::Store;
use crate::store::enrolments::EnrolmentRow;
use crate::store::participants::ParticipantRow;
use crate::store::time;
use crate::store::work::{
    ActivityRow, AgreementRow, EmployerRow, ExtensionRow, FollowUpRow, HandoverRow, HoursRow,
    OutcomeRow, StudyVisitRow,
};

const EMPLOYERS: &[(&str, &str, EmployerSector, &[&str])] = &[
    (
        "Fiktiva Fastighetsservice AB",
        "559900101",
        EmployerSector::Private,
        &["fastighetsskötare", "vaktmästare"],
    ),
    (
        "Parkförvaltningen Exempelstad",
        "212000990",
        EmployerSector::Public,
        &["parkarbete", "renhållning"],
    ),
    (
        "Föreningen Second Hand Exempel",
        "802499120",
        EmployerSector::NonProfit,
        &["butik", "lager", "sortering"],
    ),
    (
        "Café Exempelhörnan HB",
        "969799230",
        EmployerSector::Private,
        &["kök", "servering"],
    ),
    (
        "Lagerhallen Fiktiv AB",
        "559900340",
        EmployerSector::Private,
        &["lager", "truckkörning"],
    ),
];

fn org_number(nine: &str) -> String {
    let check = luhn_check_digit(nine).unwrap_or(0);
    format!("{}-{}{}", &nine[..6], &nine[6..], check)
}

struct Builder<'a> {
    store: &'a mut dyn Store,
    consultant: &'a str,
    today: NaiveDate,
}

impl Builder<'_> {
    fn day(&self, offset: i64) -> NaiveDate {
        self.today + TimeDelta::days(offset)
    }

    #[allow(clippy::too_many_arguments)]
    fn activity(
        &mut self,
        enrolment: &EnrolmentRow,
        kind: ActivityKind,
        employer: Option<&str>,
        provider: Option<&str>,
        start: i64,
        end: Option<i64>,
        status: ActivityStatus,
        hours: &[(i64, i32)],
    ) -> ApiResult<ActivityRow> {
        let now = time::now();
        let row = ActivityRow {
            id: time::new_id(),
            participant_id: enrolment.participant_id.clone(),
            enrolment_id: enrolment.id.clone(),
            kind: kind.as_str().into(),
            provider_employer_id: employer.map(str::to_owned),
            provider_name: provider.map(str::to_owned),
            start_date: self.day(start),
            planned_end: end.map(|e| self.day(e)),
            actual_end: match status {
                ActivityStatus::Completed | ActivityStatus::EndedEarly => end.map(|e| self.day(e)),
                _ => None,
            },
            status: status.as_str().into(),
            end_reason: (status == ActivityStatus::EndedEarly)
                .then(|| "Arbetsplatsen kunde inte ge handledning".to_owned()),
            led_to_employment: false,
            note: None,
            created_by: self.consultant.into(),
            created_at: now,
            updated_at: now,
            version: 1,
            external_id: None,
        };
        self.store.insert_activity(&row)?;
        for (from, h) in hours {
            self.store.insert_hours(&HoursRow {
                id: time::new_id(),
                activity_id: row.id.clone(),
                from_date: self.day(*from),
                hours_per_week: *h,
                recorded_by: self.consultant.into(),
                created_at: now,
            })?;
        }
        Ok(row)
    }

    fn agreement(&mut self, activity: &ActivityRow) -> ApiResult<AgreementRow> {
        let now = time::now();
        let end = default_end(activity.start_date);
        let row = AgreementRow {
            id: time::new_id(),
            activity_id: activity.id.clone(),
            period_start: activity.start_date,
            original_end: end,
            period_end: end,
            signed_on: Some(activity.start_date - TimeDelta::days(3)),
            insurance_confirmed: true,
            workplace_contact: "Kim Exempel, arbetsledare".into(),
            ended_early_on: None,
            ended_by: None,
            end_reason: None,
            created_by: self.consultant.into(),
            created_at: now,
            updated_at: now,
            version: 1,
        };
        self.store.insert_agreement(&row)?;
        Ok(row)
    }

    fn follow_up(&mut self, agreement: &AgreementRow, on: NaiveDate) -> ApiResult<FollowUpRow> {
        let row = FollowUpRow {
            id: time::new_id(),
            agreement_id: agreement.id.clone(),
            occurred_on: on,
            kind: FollowUpKind::WorkplaceVisit.as_str().into(),
            note: Some("Fungerar bra; deltagaren kommer i tid".into()),
            staff_id: self.consultant.into(),
            created_at: time::now(),
        };
        self.store.insert_follow_up(&row)?;
        Ok(row)
    }

    /// A follow-up the day before `decided_on`, then an extension to `new_end`.
    fn extend(
        &mut self,
        agreement: &mut AgreementRow,
        decided_on: NaiveDate,
        new_end: NaiveDate,
    ) -> ApiResult<()> {
        let f = self.follow_up(agreement, decided_on - TimeDelta::days(1))?;
        self.store.insert_extension(&ExtensionRow {
            id: time::new_id(),
            agreement_id: agreement.id.clone(),
            decided_on,
            previous_end: agreement.period_end,
            new_end,
            follow_up_id: f.id,
            staff_id: self.consultant.into(),
            created_at: time::now(),
        })?;
        let v = agreement.version;
        agreement.period_end = new_end;
        agreement.version = v + 1;
        self.store.update_agreement(v, agreement)
    }
}

/// Loads the work demo for up to seven of `people` who are not yet in the job programme `jobs`.
pub fn load(
    store: &mut dyn Store,
    jobs: &str,
    people: &[&ParticipantRow],
    consultant: &str,
    today: NaiveDate,
) -> ApiResult<()> {
    let now = time::now();
    let mut employers = Vec::new();
    for (name, nine, sector, kinds) in EMPLOYERS {
        let number = org_number(nine);
        let row = EmployerRow {
            id: time::new_id(),
            name: (*name).into(),
            organisation_number: Some(number.clone()),
            sector: sector.as_str().into(),
            address: Some("Exempelvägen 1, 100 00 Stockholm".into()),
            contact_person: Some("Kim Exempel".into()),
            phone: Some("08-000 00 00".into()),
            email: Some("kontakt@example.se".into()),
            work_kinds: serde_json::to_string(kinds).unwrap_or_else(|_| "[]".into()),
            notes: (*sector == EmployerSector::NonProfit)
                .then(|| "Tar gärna emot praktikanter; anställer sällan".to_owned()),
            search_key: domain::participant::search_key(
                &[&[*name, number.as_str(), &number.replace('-', "")], *kinds].concat(),
            ),
            created_at: now,
            updated_at: now,
            version: 1,
            external_id: None,
        };
        store.insert_employer(&row)?;
        employers.push(row.id);
    }
    let mut enrolments = Vec::new();
    for p in people {
        if enrolments.len() == 7 {
            break;
        }
        if store
            .enrolments_of(&p.id)?
            .iter()
            .any(|e| e.programme_id == jobs)
        {
            continue;
        }
        let e = EnrolmentRow {
            id: time::new_id(),
            participant_id: p.id.clone(),
            programme_id: jobs.into(),
            referral_id: None,
            start_date: today - TimeDelta::days(200),
            end_date: None,
            end_status: None,
            end_note: None,
            created_at: now,
            updated_at: now,
            version: 1,
            external_id: None,
        };
        store.insert_enrolment(&e)?;
        enrolments.push(e);
    }
    let mut b = Builder {
        store,
        consultant,
        today,
    };
    use ActivityKind as K;
    use ActivityStatus as S;
    for (stage, e) in enrolments.iter().enumerate() {
        match stage {
            // Planned: work training at Nätverket in two weeks.
            0 => {
                b.activity(
                    e,
                    K::WorkTraining,
                    None,
                    Some("Nätverket"),
                    14,
                    Some(104),
                    S::Planned,
                    &[(14, 10)],
                )?;
            }
            // Ongoing internship with an agreement (on the due list) and a follow-up; stepped up.
            1 => {
                b.store.insert_study_visit(&StudyVisitRow {
                    id: time::new_id(),
                    participant_id: e.participant_id.clone(),
                    employer_id: employers[1].clone(),
                    visited_on: b.day(-27),
                    staff_id: consultant.into(),
                    note: Some("Studiebesök; praktik kan börja om en vecka".into()),
                    created_at: now,
                    updated_at: now,
                    version: 1,
                })?;
                let a = b.activity(
                    e,
                    K::Internship,
                    Some(&employers[1]),
                    None,
                    -20,
                    None,
                    S::Ongoing,
                    &[(-20, 10), (-10, 20)],
                )?;
                let ag = b.agreement(&a)?;
                b.follow_up(&ag, b.day(-6))?;
            }
            // Ongoing internship whose agreement has been extended after a follow-up.
            2 => {
                let a = b.activity(
                    e,
                    K::Internship,
                    Some(&employers[0]),
                    None,
                    -50,
                    None,
                    S::Ongoing,
                    &[(-50, 20)],
                )?;
                let mut ag = b.agreement(&a)?;
                let decided = ag.period_end - TimeDelta::days(2);
                let new_end = b.day(40);
                b.extend(&mut ag, decided, new_end)?;
            }
            // Internship ended early by the employer.
            3 => {
                let a = b.activity(
                    e,
                    K::Internship,
                    Some(&employers[3]),
                    None,
                    -40,
                    Some(-30),
                    S::EndedEarly,
                    &[(-40, 15)],
                )?;
                let mut ag = b.agreement(&a)?;
                ag.ended_early_on = a.actual_end;
                ag.ended_by = Some(AgreementParty::Employer.as_str().into());
                ag.end_reason = a.end_reason.clone();
                ag.version = 2;
                b.store.update_agreement(1, &ag)?;
            }
            // Work training, then an internship that led to a nystartsjobb.
            4 => {
                b.activity(
                    e,
                    K::WorkTraining,
                    None,
                    Some("Nätverket"),
                    -170,
                    Some(-111),
                    S::Completed,
                    &[(-170, 10), (-140, 20)],
                )?;
                let mut a = b.activity(
                    e,
                    K::Internship,
                    Some(&employers[0]),
                    None,
                    -110,
                    Some(-31),
                    S::Completed,
                    &[(-110, 25), (-80, 35)],
                )?;
                let mut ag = b.agreement(&a)?;
                let decided = ag.period_end - TimeDelta::days(1);
                b.extend(&mut ag, decided, b.day(-31))?;
                b.store.insert_outcome(&OutcomeRow {
                    id: time::new_id(),
                    activity_id: a.id.clone(),
                    participant_id: e.participant_id.clone(),
                    kind: EmploymentKind::Nystartsjobb.as_str().into(),
                    employer_id: Some(employers[0].clone()),
                    employer_name: None,
                    start_date: b.day(-30),
                    hours_per_week: 40,
                    employment_service_contact: Some("Arbetsförmedlingen, anställningsstöd".into()),
                    note: None,
                    created_by: consultant.into(),
                    created_at: now,
                    updated_at: now,
                    version: 1,
                })?;
                a.led_to_employment = true;
                a.version = 2;
                b.store.update_activity(1, &a)?;
            }
            // Labour-market training, then handed over to Jobbtorg Resurs.
            5 => {
                b.activity(
                    e,
                    K::LabourMarketTraining,
                    None,
                    Some("Arbetsförmedlingen"),
                    -150,
                    Some(-60),
                    S::Completed,
                    &[(-150, 30)],
                )?;
                b.store.insert_handover(&HandoverRow {
                    id: time::new_id(),
                    participant_id: e.participant_id.clone(),
                    enrolment_id: Some(e.id.clone()),
                    kind: HandoverKind::JobbtorgResurs.as_str().into(),
                    handed_over_on: b.day(-55),
                    note: Some("Gemensamt möte med Jobbtorg Resurs".into()),
                    created_by: consultant.into(),
                    created_at: now,
                    updated_at: now,
                    version: 1,
                })?;
            }
            // Ongoing preparatory activity at UMA.
            _ => {
                b.activity(
                    e,
                    K::Preparatory,
                    None,
                    Some("UMA"),
                    -90,
                    None,
                    S::Ongoing,
                    &[(-90, 15)],
                )?;
            }
        }
    }
    Ok(())
}
