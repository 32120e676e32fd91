//! The demo data set (`stegvis --demo`): clearly fictional people with valid-format test numbers.
//! Loaded only into a database that has no participants yet, so restarts do not duplicate it.

use chrono::NaiveDate;
use domain::participant::{Gender, HousingSituation, IncomeSource, Substance, search_key};
use domain::personnummer::luhn_check_digit;
use domain::role::Role;

use crate::auth::password;
use crate::config::Config;
use crate::error::{ApiError, ApiResult};
use crate::store::participants::ParticipantRow;
use crate::store::staff::{StaffRow, UnitRow};
use crate::store::{Db, time};

pub const DEMO_PASSWORD: &str = "stegvis-demo";

/// (username, display name, role, unit indexes)
const STAFF: &[(&str, &str, Role, &[usize])] = &[
    (
        "anna.handlaggare",
        "Anna Handläggare",
        Role::Caseworker,
        &[0],
    ),
    ("erik.chef", "Erik Enhetschef", Role::Manager, &[0, 1]),
    (
        "maria.arbetskonsulent",
        "Maria Arbetskonsulent",
        Role::WorkConsultant,
        &[0],
    ),
    (
        "johan.boendestod",
        "Johan Boendestödjare",
        Role::HousingSupport,
        &[0],
    ),
    (
        "sara.bosamordnare",
        "Sara Bosamordnare",
        Role::HousingCoordinator,
        &[0],
    ),
    (
        "lars.behandlare",
        "Lars Behandlare",
        Role::TreatmentStaff,
        &[0],
    ),
    ("lisa.lasbehorig", "Lisa Läsbehörig", Role::ReadOnly, &[0]),
    (
        "olle.handlaggare",
        "Olle Handläggare",
        Role::Caseworker,
        &[1],
    ),
];

const UNITS: &[(&str, &str)] = &[
    (
        "Vuxenenheten Stegvis",
        "Hemlöshet och beroende: boende och arbete (fiktiv demoenhet)",
    ),
    (
        "Boendeenheten Trappan",
        "Boendestöd och försökslägenheter (fiktiv demoenhet)",
    ),
];

const FIRST: &[(&str, Gender)] = &[
    ("Testa", Gender::Woman),
    ("Demo", Gender::Man),
    ("Fiktiva", Gender::Woman),
    ("Provar", Gender::Man),
    ("Exempla", Gender::Woman),
    ("Påhittad", Gender::Man),
    ("Övning", Gender::Woman),
    ("Låtsas", Gender::Man),
    ("Åsa-Test", Gender::Woman),
    ("Ärlig", Gender::Man),
    ("Skiss", Gender::Other),
    ("Modell", Gender::Man),
];
const LAST: &[&str] = &[
    "Testsson",
    "Demosdotter",
    "Exempelberg",
    "Provström",
    "Fiktivsson",
    "Låtsasgren",
    "Övningslund",
    "Påhittsson",
    "Modellqvist",
    "Skissberg",
    "Ärligsson",
    "Testlund",
];

/// A valid-format personnummer (birth number 98x, unlikely to be issued) for a fictional person.
fn test_pin(birth: NaiveDate, n: usize) -> String {
    let yymmdd = birth.format("%y%m%d").to_string();
    let nine = format!("{yymmdd}98{}", n % 10);
    let check = luhn_check_digit(&nine).unwrap_or(0);
    format!("{}-98{}{}", birth.format("%Y%m%d"), n % 10, check)
}

pub fn load(db: &Db, config: &Config) -> ApiResult<()> {
    let has_participants = db.read_blocking(|store| {
        let (rows, _) = store.list_staff(None, 1, 0)?;
        Ok(rows.iter().any(|(s, _)| s.username == STAFF[0].0))
    })?;
    if has_participants {
        return Ok(());
    }
    let hash = password::hash(DEMO_PASSWORD)?;
    let now = time::now();
    let units: Vec<UnitRow> = UNITS
        .iter()
        .map(|(name, description)| UnitRow {
            id: time::new_id(),
            name: (*name).into(),
            description: Some((*description).into()),
            created_at: now,
            updated_at: now,
            version: 1,
        })
        .collect();
    let staff: Vec<(StaffRow, Vec<String>)> = STAFF
        .iter()
        .map(|(username, name, role, unit_idx)| {
            let row = StaffRow {
                id: time::new_id(),
                username: (*username).into(),
                display_name: (*name).into(),
                password_hash: hash.clone(),
                role: role.as_str().into(),
                active: true,
                created_at: now,
                updated_at: now,
                version: 1,
            };
            (row, unit_idx.iter().map(|i| units[*i].id.clone()).collect())
        })
        .collect();
    let caseworker = staff[0].0.id.clone();
    let other_caseworker = staff[7].0.id.clone();
    let today = config
        .today
        .unwrap_or_else(|| domain::period::swedish_date(chrono::Utc::now()));
    let housing = [
        HousingSituation::Shelter,
        HousingSituation::RoughSleeping,
        HousingSituation::SupportedHousing,
        HousingSituation::TrainingApartment,
        HousingSituation::TrialApartment,
        HousingSituation::StayingWithFriends,
        HousingSituation::Institution,
        HousingSituation::OwnLease,
        HousingSituation::TemporaryHousing,
    ];
    let substances = [
        Substance::Alcohol,
        Substance::Amphetamine,
        Substance::Opioids,
        Substance::Cannabis,
        Substance::Multiple,
        Substance::None,
    ];
    let incomes = [
        IncomeSource::FinancialAssistance,
        IncomeSource::SicknessBenefit,
        IncomeSource::ActivityCompensation,
        IncomeSource::Salary,
    ];
    let mut participants = Vec::new();
    for i in 0..36 {
        let (first, gender) = FIRST[i % FIRST.len()];
        let last = LAST[(i * 5 + i / FIRST.len()) % LAST.len()];
        let birth = NaiveDate::from_ymd_opt(
            1958 + (i as i32 * 7) % 40,
            1 + (i as u32 * 5) % 12,
            1 + (i as u32 * 11) % 28,
        )
        .ok_or_else(|| ApiError::Internal("demo birth date".into()))?;
        let has_pin = i % 9 != 8; // some clients have no personnummer
        let pin = has_pin.then(|| test_pin(birth, i));
        let digits = pin
            .as_deref()
            .map(|p| p.replace('-', ""))
            .unwrap_or_default();
        let unit = if i % 6 == 5 { &units[1] } else { &units[0] };
        let closed = i % 10 == 9;
        let created = now - chrono::TimeDelta::days(400 - i as i64 * 9);
        participants.push(ParticipantRow {
            id: time::new_id(),
            personal_identity_number: pin.clone(),
            first_name: first.into(),
            last_name: last.into(),
            date_of_birth: Some(birth),
            gender: gender.as_str().into(),
            protected_identity: i == 7,
            phone: (i % 3 == 0).then(|| format!("070-000 {:02} {:02}", i, 99 - i)),
            email: None,
            postal_address: None,
            care_of: (i % 4 == 0).then(|| "Härbärget Fiktiva Stigen".to_owned()),
            postal_code: Some("118 20".into()),
            city: Some("Stockholm".into()),
            unit_id: unit.id.clone(),
            responsible_caseworker_id: Some(if unit.id == units[0].id {
                caseworker.clone()
            } else {
                other_caseworker.clone()
            }),
            housing_situation: housing[i % housing.len()].as_str().into(),
            main_substance: substances[i % substances.len()].as_str().into(),
            income_source: incomes[i % incomes.len()].as_str().into(),
            status: if closed { "closed" } else { "active" }.into(),
            closed_on: closed.then_some(today),
            closed_reason: closed.then(|| "Flyttat till eget kontrakt".to_owned()),
            search_key: search_key(&[first, last, pin.as_deref().unwrap_or(""), &digits]),
            created_at: created,
            updated_at: created,
            version: 1,
            external_id: None,
        });
    }
    db.tx_blocking(move |store| {
        for unit in &units {
            store.insert_unit(unit)?;
        }
        for (row, unit_ids) in &staff {
            store.insert_staff(row, unit_ids)?;
        }
        for p in &participants {
            store.insert_participant(p)?;
        }
        let open: Vec<&ParticipantRow> = participants
            .iter()
            .filter(|p| p.unit_id == units[0].id && p.status == "active" && !p.protected_identity)
            .take(12)
            .collect();
        let workers = crate::demo_casework::DemoStaff {
            caseworker: &staff[0].0.id,
            consultant: &staff[2].0.id,
        };
        let jobs =
            crate::demo_casework::load(store, &units[0].id, &units[1].id, &workers, &open, today)?;
        crate::demo_work::load(store, &jobs, &open, &staff[2].0.id, today)?;
        action_plans(store, &participants, &staff[3].0.id, today)?;
        crate::demo_reports::load(store, &participants, &staff[3].0.id, today)?;
        load_housing(store, &units[0].id, &participants, today)?;
        crate::demo_housing::load(store, &units[0].id, &open, "Sara Bosamordnare", today)
    })?;
    log::info!("demo data loaded");
    Ok(())
}

/// A fictional supported-housing site with apartments, tenancies for the people on the middle
/// steps of the ladder, ladder history for everyone in the first unit, and a queue.
fn load_housing(
    store: &mut dyn crate::store::Store,
    unit_id: &str,
    participants: &[ParticipantRow],
    today: NaiveDate,
) -> ApiResult<()> {
    use crate::store::housing::{ApartmentRow, QueueEntryRow, SiteRow, StageChangeRow, TenancyRow};
    use domain::housing::{ApartmentKind, default_planned_takeover};
    let now = time::now();
    let day = |days: i64| today - chrono::TimeDelta::days(days);
    let site = SiteRow {
        id: time::new_id(),
        unit_id: unit_id.into(),
        name: "Stödboendet Fiktiva Gläntan".into(),
        address: Some("Påhittade vägen 20".into()),
        district: Some("Demostaden".into()),
        description: Some(
            "20 stödboendelägenheter och fristående träningslägenheter (fiktivt)".into(),
        ),
        created_at: now,
        updated_at: now,
        version: 1,
    };
    store.insert_site(&site)?;
    let mut apartments: Vec<ApartmentRow> = Vec::new();
    for i in 0..12i32 {
        let (kind, site_id) = match i {
            0..=5 => (ApartmentKind::SupportedHousing, Some(site.id.clone())),
            6..=8 => (ApartmentKind::TrainingApartment, Some(site.id.clone())),
            _ => (ApartmentKind::TrialApartment, None),
        };
        let row = ApartmentRow {
            id: time::new_id(),
            unit_id: unit_id.into(),
            site_id,
            address: format!("Påhittade vägen {}, lgh {}", 20 + i / 6, 1101 + i),
            district: Some("Demostaden".into()),
            kind: kind.as_str().into(),
            landlord: Some("Fiktiva Bostäder AB".into()),
            rooms: Some(1 + i % 2),
            size_sqm: Some(28.0 + f64::from(i) * 2.5),
            monthly_rent: Some(4200 + i * 150),
            lease_holder: Some("Socialförvaltningen (fiktiv)".into()),
            status: if i == 11 { "renovation" } else { "available" }.into(),
            note: None,
            created_at: now,
            updated_at: now,
            version: 1,
            external_id: None,
        };
        store.insert_apartment(&row)?;
        apartments.push(row);
    }
    let mut free: Vec<usize> = (0..11).collect();
    for (n, p) in participants
        .iter()
        .filter(|p| p.unit_id == unit_id && p.status == "active")
        .enumerate()
    {
        let situation: domain::participant::HousingSituation = p
            .housing_situation
            .parse()
            .map_err(|_| ApiError::Internal("demo housing situation".into()))?;
        let start = day(700 + n as i64 * 11);
        let stage = |store: &mut dyn crate::store::Store,
                     s: &str,
                     from: NaiveDate,
                     tenancy: Option<String>| {
            store.insert_stage_change(&StageChangeRow {
                id: time::new_id(),
                participant_id: p.id.clone(),
                situation: s.into(),
                from_date: from,
                source: if tenancy.is_some() {
                    "tenancy"
                } else {
                    "staff"
                }
                .into(),
                tenancy_id: tenancy,
                note: None,
                recorded_by: None,
                created_at: now,
            })
        };
        stage(store, "shelter", start, None)?;
        let kind = match situation.as_str() {
            "supported_housing" => Some(ApartmentKind::SupportedHousing),
            "training_apartment" => Some(ApartmentKind::TrainingApartment),
            "trial_apartment" => Some(ApartmentKind::TrialApartment),
            _ => None,
        };
        if let Some(kind) = kind {
            let Some(pos) = free
                .iter()
                .position(|i| apartments[*i].kind == kind.as_str())
            else {
                continue;
            };
            let a = &apartments[free.remove(pos)];
            let move_in = day(200 + n as i64 * 7);
            let planned = default_planned_takeover(move_in).unwrap_or(move_in);
            let t = TenancyRow {
                id: time::new_id(),
                apartment_id: a.id.clone(),
                participant_id: p.id.clone(),
                move_in_on: move_in,
                planned_takeover_on: planned,
                moved_out_on: None,
                move_out_reason: None,
                taken_over_on: None,
                note: None,
                created_at: now,
                updated_at: now,
                version: 1,
                external_id: None,
            };
            store.insert_tenancy(&t)?;
            store.set_apartment_status(&a.id, "occupied", now)?;
            stage(store, situation.as_str(), move_in, Some(t.id.clone()))?;
        } else if situation.as_str() == "own_lease" {
            stage(store, "trial_apartment", day(300), None)?;
            stage(store, "own_lease", day(30), None)?;
        } else {
            stage(store, situation.as_str(), day(100), None)?;
            store.insert_queue_entry(&QueueEntryRow {
                id: time::new_id(),
                participant_id: p.id.clone(),
                unit_id: unit_id.into(),
                wish: if n % 2 == 0 {
                    "training_apartment"
                } else {
                    "trial_apartment"
                }
                .into(),
                joined_on: day(400 + n as i64 * 97),
                priority: 1 + (n % 3) as i32,
                ready: n % 4 != 3,
                not_ready_reason: (n % 4 == 3)
                    .then(|| "Behöver mer stöd innan inflyttning".to_owned()),
                status: "waiting".into(),
                notified_on: None,
                moved_in_on: None,
                removed_on: None,
                removal_reason: None,
                removal_note: None,
                tenancy_id: None,
                note: None,
                created_at: now,
                updated_at: now,
                version: 1,
                external_id: None,
            })?;
        }
    }
    Ok(())
}

/// Demo action plans in every state: a chain of two reviewed plans and an active third, active
/// plans with the review due soon and overdue, and a draft.
fn action_plans(
    store: &mut dyn crate::store::Store,
    participants: &[ParticipantRow],
    staff_id: &str,
    today: NaiveDate,
) -> ApiResult<()> {
    use crate::store::action_plans::{ActionPlanRow, GoalRow, InterventionRow, ReviewRow};
    use domain::action_plan::{default_period_end, next_period_start};
    let days = chrono::TimeDelta::days;
    let goals = [
        ("short_term", "Betala hyran i tid varje månad", false),
        ("short_term", "Jag vill hålla ordning hemma", true),
        ("long_term", "Få ett eget förstahandskontrakt", false),
    ];
    // (participant index, plan starts (days ago), statuses of the chain, signed)
    let chains: &[(usize, i64, &[&str])] = &[
        (0, 250, &["reviewed", "reviewed", "active"]),
        (1, 110, &["active"]),
        (2, 5, &["draft"]),
        (3, 95, &["active"]),
        (4, 100, &["reviewed", "draft"]),
        (6, 20, &["active"]),
    ];
    let now = time::now();
    for (idx, ago, statuses) in chains {
        let Some(p) = participants.get(*idx) else {
            continue;
        };
        // The plan's author is the participant's housing-support worker, so their "Min dag" has
        // the reviews that fall due.
        store.insert_assignment(&crate::store::assignments::AssignmentRow {
            id: time::new_id(),
            participant_id: p.id.clone(),
            staff_id: staff_id.into(),
            kind: "housing_support".into(),
            start_date: today - days(*ago),
            end_date: None,
            created_at: now,
            updated_at: now,
            version: 1,
        })?;
        let mut start = today - days(*ago);
        let mut previous: Option<(String, Vec<String>)> = None;
        for (seq, status) in statuses.iter().enumerate() {
            let end = default_period_end(start);
            let reviewed = *status == "reviewed";
            let plan = ActionPlanRow {
                id: time::new_id(),
                participant_id: p.id.clone(),
                enrolment_id: None,
                sequence: seq as i32 + 1,
                previous_plan_id: previous.as_ref().map(|(id, _)| id.clone()),
                period_start: start,
                period_end: end,
                purpose: Some("Behålla bostaden och minska missbruket".into()),
                scope: Some("Hembesök en gång i veckan, telefon vid behov".into()),
                participant_views: (*status != "draft")
                    .then(|| "Jag vill klara mig själv och få träffa mina barn".into()),
                status: (*status).into(),
                activated_on: (*status != "draft").then_some(start),
                signed_on: (*status != "draft" && seq % 2 == 0).then_some(start + days(2)),
                created_by: staff_id.into(),
                created_at: now,
                updated_at: now,
                version: 1,
            };
            let goal_rows: Vec<GoalRow> = goals
                .iter()
                .enumerate()
                .map(|(i, (horizon, text, own))| GoalRow {
                    id: time::new_id(),
                    plan_id: plan.id.clone(),
                    position: i as i32 + 1,
                    horizon: (*horizon).into(),
                    text: (*text).into(),
                    in_participants_words: *own,
                    // Only the goals not achieved (positions 2 and 3) carry over.
                    carried_from_goal_id: previous
                        .as_ref()
                        .and_then(|(_, g)| g.get(i).cloned())
                        .filter(|_| i > 0),
                    outcome: reviewed
                        .then(|| ["achieved", "partly_achieved", "not_achieved"][i].into()),
                    outcome_reason: (reviewed && i > 0).then(|| "Återfall under perioden".into()),
                })
                .collect();
            let interventions = [
                InterventionRow {
                    id: time::new_id(),
                    plan_id: plan.id.clone(),
                    position: 1,
                    what: "Hembesök: stöd med städning, post och räkningar".into(),
                    responsible_kind: "staff".into(),
                    responsible_staff_id: Some(staff_id.into()),
                    external_actor: None,
                    frequency: Some("en gång i veckan".into()),
                },
                InterventionRow {
                    id: time::new_id(),
                    plan_id: plan.id.clone(),
                    position: 2,
                    what: "Samtal om återfallsprevention".into(),
                    responsible_kind: "external".into(),
                    responsible_staff_id: None,
                    external_actor: Some("Beroendevården".into()),
                    frequency: Some("varannan vecka".into()),
                },
            ];
            store.insert_action_plan(&plan)?;
            store.replace_plan_parts(&plan.id, &goal_rows, &interventions)?;
            if let Some((prev_id, _)) = &previous {
                // The previous plan's review points at this one.
                store.insert_plan_review(&ReviewRow {
                    plan_id: prev_id.clone(),
                    reviewed_on: start - days(1),
                    analysis: "Hembesöken har gett stabilitet; hyran betalas. Arbetet med ordningen hemma fortsätter.".into(),
                    participant_view: "Det går bättre, men jag behöver mer stöd med räkningarna".into(),
                    next_plan_id: plan.id.clone(),
                    created_by: staff_id.into(),
                    created_at: now,
                })?;
            }
            // A review on time the day before the period end (the second chain's first: 5 days late).
            let review_day = if *idx == 4 {
                end + days(5)
            } else {
                end - days(1)
            };
            start = if reviewed {
                next_period_start(review_day)
            } else {
                start
            };
            previous = Some((plan.id, goal_rows.into_iter().map(|g| g.id).collect()));
        }
    }
    Ok(())
}
