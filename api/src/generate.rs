//! `stegvis generate --participants 100000`: a large, realistic, clearly fictional data set for the
//! benchmarks in `bench/` (issue #7 "Performance", issue #11), on either backend, in minutes.
//!
//! It loads the demo data first (units, demo accounts, programmes, employers), then adds staff so
//! caseloads are realistic (one caseworker per 40 participants), and per participant on average:
//! ~1.5 assignments, ~1.1 referrals and ~0.6 enrolments, 10 contacts (home visits among them),
//! ~0.3 relapses, ~2 housing-ladder changes, action plans, activities and internship agreements in
//! the work programmes, tenancies in generated apartments with their follow-ups, and queue entries.
//! Deterministic: the same `--seed`, size and `STEGVIS_TODAY` give the same rows (for one version
//! of the `rand` crate). Every generated account has the demo password.

use std::collections::HashMap;
use std::time::Instant;

use chrono::{NaiveDate, NaiveDateTime, TimeDelta};
use diesel::prelude::*;
use domain::participant::{HousingSituation, IncomeSource, Substance, search_key};
use domain::personnummer::luhn_check_digit;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

use crate::config::Config;
use crate::error::{ApiError, ApiResult};
use crate::generate_sql::{Bulk, BulkConn, Row};
use crate::store::{self, Db};

/// Participants per generated caseworker (a realistic caseload).
const CASELOAD: usize = 40;
/// Participants per generated housing-support worker and per work consultant.
const SUPPORT_CASELOAD: usize = 100;

const FIRST_WOMEN: &[&str] = &[
    "Testa",
    "Fiktiva",
    "Exempla",
    "Övning",
    "Åsa-Test",
    "Provina",
    "Demona",
    "Skissa",
    "Låtsasa",
    "Modella",
    "Påhitta",
    "Anonyma",
];
const FIRST_MEN: &[&str] = &[
    "Demo",
    "Provar",
    "Påhittad",
    "Låtsas",
    "Ärlig",
    "Modell",
    "Skiss",
    "Testar",
    "Exempel",
    "Fiktus",
    "Övar",
    "Anonym",
];
const LAST_STEMS: &[&str] = &[
    "Test", "Demo", "Exempel", "Prov", "Fiktiv", "Låtsas", "Övning", "Påhitt", "Modell", "Skiss",
    "Ärlig", "Anonym",
];
const LAST_ENDINGS: &[&str] = &[
    "sson", "sdotter", "berg", "ström", "gren", "lund", "qvist", "dal", "holm", "mark",
];

/// What was written, table by table.
#[derive(Debug, Default)]
pub struct Summary {
    pub rows: Vec<(&'static str, usize)>,
    pub seconds: f64,
}

impl std::fmt::Display for Summary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let total: usize = self.rows.iter().map(|(_, n)| n).sum();
        for (table, n) in &self.rows {
            writeln!(f, "{table:<28} {n:>10}")?;
        }
        write!(
            f,
            "{:<28} {total:>10} rows in {:.1} s",
            "total", self.seconds
        )
    }
}

/// Reference rows the generated data points at.
struct Reference {
    units: Vec<String>,
    /// (id, unit id, kind, end statuses)
    programmes: Vec<(String, String, String, Vec<String>)>,
    employers: Vec<String>,
    password_hash: String,
}

/// Generated staff of one unit.
#[derive(Default)]
struct UnitStaff {
    caseworkers: Vec<String>,
    housing_support: Vec<String>,
    consultants: Vec<String>,
}

/// A generated participant, kept for the rows that refer to them.
struct Person {
    id: String,
    unit: usize,
    created: NaiveDate,
    caseworker: String,
    situation: HousingSituation,
}

struct Gen {
    rng: StdRng,
    today: NaiveDate,
    now: NaiveDateTime,
}

impl Gen {
    /// A UUID v7 for a row created at `at`, its random part from the seeded generator.
    fn id(&mut self, at: NaiveDateTime) -> String {
        let millis = u64::try_from(at.and_utc().timestamp_millis()).unwrap_or(0);
        let bytes: [u8; 10] = self.rng.random();
        uuid::Builder::from_unix_timestamp_millis(millis, &bytes)
            .into_uuid()
            .to_string()
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.rng.random_range(0..items.len())]
    }

    fn chance(&mut self, p: f64) -> bool {
        self.rng.random_bool(p)
    }

    /// A day from `from` up to today (today if `from` is later).
    fn day_between(&mut self, from: NaiveDate, to: NaiveDate) -> NaiveDate {
        let span = (to - from).num_days();
        if span <= 0 {
            return to.min(from);
        }
        from + TimeDelta::days(self.rng.random_range(0..=span))
    }

    /// A moment on `day` during office hours.
    fn time_on(&mut self, day: NaiveDate) -> NaiveDateTime {
        let secs = self.rng.random_range(8 * 3600..17 * 3600);
        day.and_hms_opt(0, 0, 0).unwrap_or(self.now) + TimeDelta::seconds(secs)
    }

    fn clamp(&self, day: NaiveDate) -> NaiveDate {
        day.min(self.today)
    }
}

/// Opens the configured database (running migrations), loads the demo data and generates
/// `participants` people with everything around them.
pub fn run(config: &Config, participants: usize, seed: u64) -> ApiResult<Summary> {
    let started = Instant::now();
    let db = store::connect(config).map_err(|e| ApiError::Internal(e.to_string()))?;
    crate::demo::load(&db, config)?;
    let mut conn = BulkConn::open(&db)?;
    let reference = load_reference(&db)?;
    let existing = count_participants(&db)?;
    if existing > 1000 {
        return Err(ApiError::Internal(format!(
            "the database already has {existing} participants: generate into an empty database"
        )));
    }
    let today = config
        .today
        .unwrap_or_else(|| domain::period::swedish_date(chrono::Utc::now()));
    let mut g = Gen {
        rng: StdRng::seed_from_u64(seed),
        today,
        now: today.and_hms_opt(7, 0, 0).unwrap_or_default(),
    };
    let mut summary = Summary::default();
    let staff = staff(&mut g, &mut conn, &reference, participants, &mut summary)?;
    let people = participant_rows(
        &mut g,
        &mut conn,
        &reference,
        &staff,
        participants,
        &mut summary,
    )?;
    assignments(&mut g, &mut conn, &staff, &people, &mut summary)?;
    let enrolments = referrals(&mut g, &mut conn, &reference, &people, &mut summary)?;
    contacts(&mut g, &mut conn, &people, &mut summary)?;
    relapses(&mut g, &mut conn, &people, &mut summary)?;
    action_plans(&mut g, &mut conn, &staff, &people, &mut summary)?;
    activities(
        &mut g,
        &mut conn,
        &reference,
        &people,
        &enrolments,
        &mut summary,
    )?;
    housing(&mut g, &mut conn, &reference, &people, &mut summary)?;
    conn.analyze()?;
    summary.seconds = started.elapsed().as_secs_f64();
    Ok(summary)
}

macro_rules! with_conn {
    ($db:expr, |$c:ident| $body:expr) => {
        match $db {
            Db::Sqlite(pools) => {
                let $c = &mut *pools.main.get()?;
                $body
            }
            Db::Postgres(pool) => {
                let $c = &mut **pool.get()?;
                $body
            }
        }
    };
}

fn count_participants(db: &Db) -> ApiResult<i64> {
    use crate::store::schema::participants;
    Ok(with_conn!(db, |c| participants::table
        .count()
        .get_result::<i64>(c)?))
}

fn load_reference(db: &Db) -> ApiResult<Reference> {
    use crate::store::schema::{employers, programmes, staff, units};
    let units: Vec<String> = with_conn!(db, |c| units::table
        .order(units::name.desc())
        .select(units::id)
        .load(c)?);
    let programmes: Vec<(String, String, String, String)> = with_conn!(db, |c| programmes::table
        .order(programmes::name)
        .select((
            programmes::id,
            programmes::unit_id,
            programmes::kind,
            programmes::end_statuses
        ))
        .load(c)?);
    let employers: Vec<String> = with_conn!(db, |c| employers::table
        .order(employers::name)
        .select(employers::id)
        .load(c)?);
    let password_hash: String = with_conn!(db, |c| staff::table
        .filter(staff::username.eq("anna.handlaggare"))
        .select(staff::password_hash)
        .first(c)?);
    if units.is_empty() || programmes.is_empty() || employers.is_empty() {
        return Err(ApiError::Internal(
            "the demo data (units, programmes, employers) is missing".into(),
        ));
    }
    let programmes = programmes
        .into_iter()
        .map(|(id, unit, kind, statuses)| {
            let statuses: Vec<String> = serde_json::from_str(&statuses).unwrap_or_default();
            (id, unit, kind, statuses)
        })
        .collect();
    Ok(Reference {
        units,
        programmes,
        employers,
        password_hash,
    })
}

fn staff(
    g: &mut Gen,
    conn: &mut BulkConn,
    reference: &Reference,
    participants: usize,
    summary: &mut Summary,
) -> ApiResult<Vec<UnitStaff>> {
    let mut per_unit: Vec<UnitStaff> = reference
        .units
        .iter()
        .map(|_| UnitStaff::default())
        .collect();
    let mut links = Vec::new();
    let mut rows = Bulk::new(
        conn,
        "staff",
        "id, username, display_name, password_hash, role, active, created_at, updated_at, version",
    );
    let mut n = 0;
    for (u, unit_id) in reference.units.iter().enumerate() {
        let share = unit_share(u, reference.units.len(), participants);
        let groups: [(&str, &str, &str, usize); 3] = [
            (
                "handlaggare",
                "Handläggare",
                "caseworker",
                share.div_ceil(CASELOAD),
            ),
            (
                "boendestod",
                "Boendestödjare",
                "housing_support",
                share.div_ceil(SUPPORT_CASELOAD),
            ),
            (
                "arbetskonsulent",
                "Arbetskonsulent",
                "work_consultant",
                share.div_ceil(SUPPORT_CASELOAD),
            ),
        ];
        for (username, title, role, count) in groups {
            for _ in 0..count {
                n += 1;
                let id = g.id(g.now);
                rows.push(
                    Row::new()
                        .s(&id)
                        .s(&format!("{username}.{n:05}"))
                        .s(&format!("{title} {n} (fiktiv)"))
                        .s(&reference.password_hash)
                        .s(role)
                        .b(true)
                        .t(g.now)
                        .t(g.now)
                        .i(1),
                )?;
                links.push((id.clone(), unit_id.clone()));
                let list = match role {
                    "caseworker" => &mut per_unit[u].caseworkers,
                    "housing_support" => &mut per_unit[u].housing_support,
                    _ => &mut per_unit[u].consultants,
                };
                list.push(id);
            }
        }
    }
    summary.rows.push(("staff", rows.finish()?));
    let mut rows = Bulk::new(conn, "staff_units", "staff_id, unit_id");
    for (staff_id, unit_id) in &links {
        rows.push(Row::new().s(staff_id).s(unit_id))?;
    }
    summary.rows.push(("staff_units", rows.finish()?));
    Ok(per_unit)
}

/// The first unit has five sixths of the participants, the others share the rest.
fn unit_of(i: usize, units: usize) -> usize {
    if units < 2 || i % 6 != 5 {
        0
    } else {
        1 + (i / 6) % (units - 1)
    }
}

fn unit_share(u: usize, units: usize, participants: usize) -> usize {
    (0..participants)
        .filter(|i| unit_of(*i, units) == u)
        .count()
}

/// A valid-format test personnummer: birth dates spread over 50 years by a stride that visits
/// every day, birth numbers 990–999 (the demo uses 980–989), so the first ~180,000 are unique.
fn birth_and_pin(i: usize) -> (NaiveDate, Option<String>) {
    const DAYS: usize = 18_262;
    let first = NaiveDate::from_ymd_opt(1956, 1, 1).unwrap_or_default();
    let birth = first + TimeDelta::days(((i * 7919) % DAYS) as i64);
    let round = i / DAYS;
    if round >= 10 {
        return (birth, None);
    }
    let serial = 990 + round;
    let nine = format!("{}{serial}", birth.format("%y%m%d"));
    let check = luhn_check_digit(&nine).unwrap_or(0);
    (
        birth,
        Some(format!("{}-{serial}{check}", birth.format("%Y%m%d"))),
    )
}

fn participant_rows(
    g: &mut Gen,
    conn: &mut BulkConn,
    reference: &Reference,
    staff: &[UnitStaff],
    count: usize,
    summary: &mut Summary,
) -> ApiResult<Vec<Person>> {
    let mut people = Vec::with_capacity(count);
    let mut rows = Bulk::new(
        conn,
        "participants",
        "id, personal_identity_number, first_name, last_name, date_of_birth, gender, \
         protected_identity, phone, email, postal_address, care_of, postal_code, city, unit_id, \
         responsible_caseworker_id, housing_situation, main_substance, income_source, status, \
         closed_on, closed_reason, search_key, created_at, updated_at, version",
    );
    let four_years_ago = g.today - TimeDelta::days(4 * 365);
    for i in 0..count {
        let (birth, pin) = birth_and_pin(i);
        let pin = if g.chance(0.04) { None } else { pin };
        // The birth number's third digit is odd for men, even for women.
        let man = pin
            .as_deref()
            .and_then(|p| p.chars().nth(11))
            .and_then(|c| c.to_digit(10))
            .map_or(i % 2 == 1, |d| d % 2 == 1);
        let first = if man {
            *g.pick(FIRST_MEN)
        } else {
            *g.pick(FIRST_WOMEN)
        };
        let last = format!("{}{}", g.pick(LAST_STEMS), g.pick(LAST_ENDINGS));
        let gender = if g.chance(0.005) {
            "other"
        } else if man {
            "man"
        } else {
            "woman"
        };
        let unit = unit_of(i, reference.units.len());
        let caseworker = g.pick(&staff[unit].caseworkers).clone();
        let created_day = g.day_between(four_years_ago, g.today);
        let created = g.time_on(created_day);
        let id = g.id(created);
        let situation = *g.pick(HousingSituation::ALL);
        let closed = g.chance(0.12);
        let closed_on = closed.then(|| g.day_between(created_day, g.today));
        let digits = pin
            .as_deref()
            .map(|p| p.replace('-', ""))
            .unwrap_or_default();
        let key = search_key(&[first, &last, pin.as_deref().unwrap_or(""), &digits]);
        let phone = g
            .chance(0.6)
            .then(|| format!("070-{:03} {:02} {:02}", i % 1000, (i / 1000) % 100, i % 97));
        let care_of = g.chance(0.2).then_some("Härbärget Fiktiva Stigen");
        let substance = g.pick(Substance::ALL).as_str();
        let income = g.pick(IncomeSource::ALL).as_str();
        rows.push(
            Row::new()
                .s(&id)
                .os(pin.as_deref())
                .s(first)
                .s(&last)
                .d(birth)
                .s(gender)
                .b(g.chance(0.01))
                .os(phone.as_deref())
                .null()
                .null()
                .os(care_of)
                .s("118 20")
                .s("Demostaden")
                .s(&reference.units[unit])
                .s(&caseworker)
                .s(situation.as_str())
                .s(substance)
                .s(income)
                .s(if closed { "closed" } else { "active" })
                .od(closed_on)
                .os(closed.then_some("Flyttat till eget kontrakt"))
                .s(&key)
                .t(created)
                .t(created)
                .i(1),
        )?;
        people.push(Person {
            id,
            unit,
            created: created_day,
            caseworker,
            situation,
        });
    }
    summary.rows.push(("participants", rows.finish()?));
    Ok(people)
}

fn assignments(
    g: &mut Gen,
    conn: &mut BulkConn,
    staff: &[UnitStaff],
    people: &[Person],
    summary: &mut Summary,
) -> ApiResult<()> {
    let mut rows = Bulk::new(
        conn,
        "participant_assignments",
        "id, participant_id, staff_id, kind, start_date, end_date, created_at, updated_at, version",
    );
    for p in people {
        let mut assign = |g: &mut Gen, staff_id: &str, kind: &str| {
            let start = g.day_between(p.created, g.today);
            let at = g.time_on(start);
            let id = g.id(at);
            rows.push(
                Row::new()
                    .s(&id)
                    .s(&p.id)
                    .s(staff_id)
                    .s(kind)
                    .d(start)
                    .null()
                    .t(at)
                    .t(at)
                    .i(1),
            )
        };
        assign(g, &p.caseworker, "caseworker")?;
        if g.chance(0.25) {
            let s = g.pick(&staff[p.unit].housing_support).clone();
            assign(g, &s, "housing_support")?;
        }
        if g.chance(0.2) {
            let s = g.pick(&staff[p.unit].consultants).clone();
            assign(g, &s, "work_consultant")?;
        }
    }
    summary
        .rows
        .push(("participant_assignments", rows.finish()?));
    Ok(())
}

/// An enrolment, kept for the activities of the work programmes.
struct EnrolmentRef {
    id: String,
    person: usize,
    programme_kind: String,
    start: NaiveDate,
    end: Option<NaiveDate>,
}

fn referrals(
    g: &mut Gen,
    conn: &mut BulkConn,
    reference: &Reference,
    people: &[Person],
    summary: &mut Summary,
) -> ApiResult<Vec<EnrolmentRef>> {
    let mut referral_rows = Vec::new();
    let mut enrolments = Vec::new();
    let mut enrolment_rows = Vec::new();
    let by_unit: Vec<Vec<usize>> = reference
        .units
        .iter()
        .map(|u| {
            let own: Vec<usize> = (0..reference.programmes.len())
                .filter(|i| &reference.programmes[*i].1 == u)
                .collect();
            if own.is_empty() {
                (0..reference.programmes.len()).collect()
            } else {
                own
            }
        })
        .collect();
    let statuses = [
        ("enrolled", 60),
        ("declined", 8),
        ("no_show", 8),
        ("withdrawn", 5),
        ("received", 12),
        ("first_meeting_booked", 7),
    ];
    let reasons = [
        "Hemlös och vill ha stöd till arbete",
        "Behöver boendestöd efter inflyttning",
        "Söker bostad efter avslutad behandling",
    ];
    for (n, p) in people.iter().enumerate() {
        let count = match g.rng.random_range(0..100) {
            0..20 => 0,
            20..75 => 1,
            75..95 => 2,
            _ => 3,
        };
        for _ in 0..count {
            let programme = &reference.programmes[*g.pick(&by_unit[p.unit])];
            let referred = g.day_between(p.created, g.today);
            let mut roll: u32 = g.rng.random_range(0..100);
            let status = statuses
                .iter()
                .find(|(_, w)| {
                    let hit = roll < *w;
                    roll = roll.saturating_sub(*w);
                    hit
                })
                .map_or("received", |(s, _)| *s);
            let meeting = matches!(status, "enrolled" | "first_meeting_booked" | "no_show")
                .then(|| referred + TimeDelta::days(g.rng.random_range(7..21)))
                .map(|d| d.min(g.today));
            let at = g.time_on(referred);
            let id = g.id(at);
            let reason = *g.pick(&reasons[..]);
            referral_rows.push(
                Row::new()
                    .s(&id)
                    .s(&p.id)
                    .s(&programme.0)
                    .s(&reference.units[p.unit])
                    .s(&p.caseworker)
                    .d(referred)
                    .s(reason)
                    .s(g.pick(domain::referral::TargetGroup::ALL).as_str())
                    .null()
                    .s(status)
                    .od(meeting)
                    .d(meeting.unwrap_or(referred))
                    .null()
                    .t(at)
                    .t(at)
                    .i(1),
            );
            if status == "enrolled" {
                let wait = TimeDelta::days(g.rng.random_range(0..14));
                let start = g.clamp(meeting.unwrap_or(referred) + wait);
                let end = Some(start + TimeDelta::days(g.rng.random_range(30..500)))
                    .filter(|e| *e < g.today && g.chance(0.5));
                let end_status = end
                    .and_then(|_| (!programme.3.is_empty()).then(|| g.pick(&programme.3).clone()));
                let end = end.filter(|_| end_status.is_some());
                let at = g.time_on(start);
                let enrolment_id = g.id(at);
                enrolment_rows.push(
                    Row::new()
                        .s(&enrolment_id)
                        .s(&p.id)
                        .s(&programme.0)
                        .s(&id)
                        .d(start)
                        .od(end)
                        .os(end_status.as_deref())
                        .null()
                        .t(at)
                        .t(at)
                        .i(1),
                );
                enrolments.push(EnrolmentRef {
                    id: enrolment_id,
                    person: n,
                    programme_kind: programme.2.clone(),
                    start,
                    end,
                });
            }
        }
    }
    let mut rows = Bulk::new(
        conn,
        "referrals",
        "id, participant_id, programme_id, referring_unit_id, referring_staff_id, referred_on, \
         reason, target_group, assessment, status, first_meeting_on, status_changed_on, \
         status_note, created_at, updated_at, version",
    );
    for row in referral_rows {
        rows.push(row)?;
    }
    summary.rows.push(("referrals", rows.finish()?));
    let mut rows = Bulk::new(
        conn,
        "enrolments",
        "id, participant_id, programme_id, referral_id, start_date, end_date, end_status, \
         end_note, created_at, updated_at, version",
    );
    for row in enrolment_rows {
        rows.push(row)?;
    }
    summary.rows.push(("enrolments", rows.finish()?));
    Ok(enrolments)
}

/// Ten contacts per participant on average (a million for 100,000), each with its participant row.
fn contacts(
    g: &mut Gen,
    conn: &mut BulkConn,
    people: &[Person],
    summary: &mut Summary,
) -> ApiResult<()> {
    let kinds = [
        ("meeting", 35),
        ("phone_call", 30),
        ("home_visit", 20),
        ("workplace_visit", 5),
        ("study_visit", 3),
        ("group_session", 5),
        ("other", 2),
    ];
    let notes = [
        "Samtal om boende och ekonomi",
        "Hembesök: ordning hemma, posten genomgången",
        "Planerade nästa steg mot praktik",
    ];
    let mut links = Vec::new();
    let mut rows = Bulk::new(
        conn,
        "contacts",
        "id, staff_id, occurred_at, kind, note, created_by, created_at, updated_at, version",
    );
    for p in people {
        for _ in 0..g.rng.random_range(5..=15) {
            let day = g.day_between(p.created, g.today);
            let at = g.time_on(day);
            let id = g.id(at);
            let mut roll: u32 = g.rng.random_range(0..100);
            let kind = kinds
                .iter()
                .find(|(_, w)| {
                    let hit = roll < *w;
                    roll = roll.saturating_sub(*w);
                    hit
                })
                .map_or("other", |(k, _)| *k);
            let note = g.chance(0.3).then(|| *g.pick(&notes));
            rows.push(
                Row::new()
                    .s(&id)
                    .s(&p.caseworker)
                    .t(at)
                    .s(kind)
                    .os(note)
                    .s(&p.caseworker)
                    .t(at)
                    .t(at)
                    .i(1),
            )?;
            links.push((id, &p.id, g.chance(0.9), kind, at));
        }
    }
    summary.rows.push(("contacts", rows.finish()?));
    let mut rows = Bulk::new(
        conn,
        "contact_participants",
        "contact_id, participant_id, attended, kind, occurred_at",
    );
    for (contact_id, participant_id, attended, kind, at) in links {
        rows.push(
            Row::new()
                .s(&contact_id)
                .s(participant_id)
                .b(attended)
                .s(kind)
                .t(at),
        )?;
    }
    summary.rows.push(("contact_participants", rows.finish()?));
    Ok(())
}

fn relapses(
    g: &mut Gen,
    conn: &mut BulkConn,
    people: &[Person],
    summary: &mut Summary,
) -> ApiResult<()> {
    let mut rows = Bulk::new(
        conn,
        "relapses",
        "id, participant_id, occurred_on, substance, outcome, note, recorded_by, created_at, \
         updated_at, version",
    );
    for p in people {
        if !g.chance(0.25) {
            continue;
        }
        for _ in 0..g.rng.random_range(1..=2) {
            let day = g.day_between(p.created, g.today);
            let at = g.time_on(day);
            let id = g.id(at);
            let substance = g.pick(Substance::ALL).as_str();
            let outcome = g.pick(domain::relapse::RelapseOutcome::ALL).as_str();
            rows.push(
                Row::new()
                    .s(&id)
                    .s(&p.id)
                    .d(day)
                    .s(substance)
                    .s(outcome)
                    .null()
                    .s(&p.caseworker)
                    .t(at)
                    .t(at)
                    .i(1),
            )?;
        }
    }
    summary.rows.push(("relapses", rows.finish()?));
    Ok(())
}

/// One plan for 40% of the participants (active, or a draft), with two goals and an intervention
/// by their housing-support worker.
fn action_plans(
    g: &mut Gen,
    conn: &mut BulkConn,
    staff: &[UnitStaff],
    people: &[Person],
    summary: &mut Summary,
) -> ApiResult<()> {
    let mut plans = Vec::new();
    let mut goals = Vec::new();
    let mut interventions = Vec::new();
    for p in people {
        if !g.chance(0.4) {
            continue;
        }
        let author = g.pick(&staff[p.unit].housing_support).clone();
        let start = g.day_between(p.created.max(g.today - TimeDelta::days(200)), g.today);
        let end = domain::action_plan::default_period_end(start);
        let active = g.chance(0.8);
        let at = g.time_on(start);
        let id = g.id(at);
        plans.push(
            Row::new()
                .s(&id)
                .s(&p.id)
                .null()
                .i(1)
                .null()
                .d(start)
                .d(end)
                .s("Behålla bostaden och minska missbruket")
                .s("Hembesök en gång i veckan, telefon vid behov")
                .os(active.then_some("Jag vill klara mig själv"))
                .s(if active { "active" } else { "draft" })
                .od(active.then_some(start))
                .od(active.then_some(start))
                .s(&author)
                .t(at)
                .t(at)
                .i(1),
        );
        for (pos, (horizon, text, own)) in [
            ("short_term", "Betala hyran i tid varje månad", false),
            ("long_term", "Jag vill ha ett eget kontrakt", true),
        ]
        .into_iter()
        .enumerate()
        {
            let goal_id = g.id(at);
            goals.push(
                Row::new()
                    .s(&goal_id)
                    .s(&id)
                    .i(pos as i64 + 1)
                    .s(horizon)
                    .s(text)
                    .b(own)
                    .null()
                    .null()
                    .null(),
            );
        }
        let intervention_id = g.id(at);
        interventions.push(
            Row::new()
                .s(&intervention_id)
                .s(&id)
                .i(1)
                .s("Hembesök: stöd med städning, post och räkningar")
                .s("staff")
                .s(&author)
                .null()
                .s("en gång i veckan"),
        );
    }
    let tables: [(&'static str, &str, Vec<Row>); 3] = [
        (
            "action_plans",
            "id, participant_id, enrolment_id, sequence, previous_plan_id, period_start, \
             period_end, purpose, scope, participant_views, status, activated_on, signed_on, \
             created_by, created_at, updated_at, version",
            plans,
        ),
        (
            "action_plan_goals",
            "id, plan_id, position, horizon, text, in_participants_words, carried_from_goal_id, \
             outcome, outcome_reason",
            goals,
        ),
        (
            "action_plan_interventions",
            "id, plan_id, position, what, responsible_kind, responsible_staff_id, external_actor, \
             frequency",
            interventions,
        ),
    ];
    for (table, columns, list) in tables {
        let mut rows = Bulk::new(conn, table, columns);
        for row in list {
            rows.push(row)?;
        }
        summary.rows.push((table, rows.finish()?));
    }
    Ok(())
}

/// An activity for 70% of the enrolments in work programmes; internships get their agreement.
fn activities(
    g: &mut Gen,
    conn: &mut BulkConn,
    reference: &Reference,
    people: &[Person],
    enrolments: &[EnrolmentRef],
    summary: &mut Summary,
) -> ApiResult<()> {
    use domain::activity::ActivityKind;
    let mut activities = Vec::new();
    let mut hours = Vec::new();
    let mut agreements = Vec::new();
    for e in enrolments {
        if e.programme_kind != "job_rehabilitation" || !g.chance(0.7) {
            continue;
        }
        let p = &people[e.person];
        let kind = *g.pick(&[
            ActivityKind::Internship,
            ActivityKind::Internship,
            ActivityKind::WorkTraining,
            ActivityKind::Preparatory,
            ActivityKind::Education,
            ActivityKind::LabourMarketTraining,
        ]);
        let wait = TimeDelta::days(g.rng.random_range(7..60));
        let start = g.clamp(e.start + wait);
        let planned_end = start + TimeDelta::days(90);
        let actual_end = e
            .end
            .filter(|end| *end >= start)
            .or_else(|| (planned_end < g.today && g.chance(0.6)).then_some(planned_end));
        let status = match actual_end {
            Some(_) if g.chance(0.15) => "ended_early",
            Some(_) => "completed",
            None if start >= g.today => "planned",
            None => "ongoing",
        };
        let employer = g.pick(&reference.employers).clone();
        let at = g.time_on(start);
        let id = g.id(at);
        activities.push(
            Row::new()
                .s(&id)
                .s(&p.id)
                .s(&e.id)
                .s(kind.as_str())
                .s(&employer)
                .null()
                .d(start)
                .d(planned_end)
                .od(actual_end)
                .s(status)
                .os((status == "ended_early").then_some("Avbröt efter sjukdom"))
                .b(status == "completed" && g.chance(0.2))
                .null()
                .s(&p.caseworker)
                .t(at)
                .t(at)
                .i(1),
        );
        let hours_id = g.id(at);
        hours.push(
            Row::new()
                .s(&hours_id)
                .s(&id)
                .d(start)
                .i(g.rng.random_range(10..=30))
                .s(&p.caseworker)
                .t(at),
        );
        if kind == ActivityKind::Internship {
            let agreement_id = g.id(at);
            agreements.push(
                Row::new()
                    .s(&agreement_id)
                    .s(&id)
                    .d(start)
                    .d(planned_end)
                    .d(planned_end)
                    .od(Some(start))
                    .b(true)
                    .s("Handledare på arbetsplatsen (fiktiv)")
                    .null()
                    .null()
                    .null()
                    .s(&p.caseworker)
                    .t(at)
                    .t(at)
                    .i(1),
            );
        }
    }
    let tables: [(&'static str, &str, Vec<Row>); 3] = [
        (
            "activities",
            "id, participant_id, enrolment_id, kind, provider_employer_id, provider_name, \
             start_date, planned_end, actual_end, status, end_reason, led_to_employment, note, \
             created_by, created_at, updated_at, version",
            activities,
        ),
        (
            "activity_hours",
            "id, activity_id, from_date, hours_per_week, recorded_by, created_at",
            hours,
        ),
        (
            "internship_agreements",
            "id, activity_id, period_start, original_end, period_end, signed_on, \
             insurance_confirmed, workplace_contact, ended_early_on, ended_by, end_reason, \
             created_by, created_at, updated_at, version",
            agreements,
        ),
    ];
    for (table, columns, list) in tables {
        let mut rows = Bulk::new(conn, table, columns);
        for row in list {
            rows.push(row)?;
        }
        summary.rows.push((table, rows.finish()?));
    }
    Ok(())
}

/// Apartments (one per 25 participants), tenancies for the people living in supported, training
/// and trial apartments, their follow-ups, the housing ladder, and queue entries for the homeless.
fn housing(
    g: &mut Gen,
    conn: &mut BulkConn,
    reference: &Reference,
    people: &[Person],
    summary: &mut Summary,
) -> ApiResult<()> {
    use domain::housing::default_planned_takeover;
    let kinds = [
        HousingSituation::SupportedHousing,
        HousingSituation::TrainingApartment,
        HousingSituation::TrialApartment,
    ];
    // Free apartments per (unit, kind).
    let mut free: HashMap<(usize, &'static str), Vec<String>> = HashMap::new();
    let mut apartments = Vec::new();
    for n in 0..people.len().div_ceil(25) {
        let unit = unit_of(n, reference.units.len());
        let kind = kinds[n % kinds.len()].as_str();
        let id = g.id(g.now);
        apartments.push((id.clone(), unit, kind, n));
        free.entry((unit, kind)).or_default().push(id);
    }
    let mut occupied = std::collections::HashSet::new();
    let mut tenancies = Vec::new();
    let mut follow_ups = Vec::new();
    let mut stages = Vec::new();
    let mut queue = Vec::new();
    for p in people {
        let start = p.created;
        let at = g.time_on(start);
        let first_id = g.id(at);
        stages.push(
            Row::new()
                .s(&first_id)
                .s(&p.id)
                .s("shelter")
                .d(start)
                .s("staff")
                .null()
                .null()
                .null()
                .t(at),
        );
        let from = g.day_between(start, g.today);
        let at = g.time_on(from);
        let situation = p.situation.as_str();
        let apartment = kinds
            .contains(&p.situation)
            .then(|| free.get_mut(&(p.unit, situation)).and_then(Vec::pop))
            .flatten();
        let tenancy = match apartment {
            Some(apartment_id) => {
                let id = g.id(at);
                let planned = default_planned_takeover(from).unwrap_or(from);
                tenancies.push(
                    Row::new()
                        .s(&id)
                        .s(&apartment_id)
                        .s(&p.id)
                        .d(from)
                        .d(planned)
                        .null()
                        .null()
                        .null()
                        .null()
                        .t(at)
                        .t(at)
                        .i(1),
                );
                let six_months = from
                    .checked_add_months(chrono::Months::new(6))
                    .unwrap_or(from);
                for (kind, due) in [("before_move_in", from), ("six_months", six_months)] {
                    let done = (due <= g.today).then_some(due);
                    let fid = g.id(at);
                    follow_ups.push(
                        Row::new()
                            .s(&fid)
                            .s(&id)
                            .s(&p.id)
                            .s(kind)
                            .d(due)
                            .od(done)
                            .oi(done.map(|_| 4500))
                            .os(done.map(|_| "financial_assistance"))
                            .oi(done.map(|_| 12_000))
                            .null()
                            .null()
                            .null()
                            .t(at)
                            .t(at)
                            .i(1),
                    );
                }
                occupied.insert(apartment_id);
                Some(id)
            }
            None => None,
        };
        if situation != "shelter" {
            let stage_id = g.id(at);
            stages.push(
                Row::new()
                    .s(&stage_id)
                    .s(&p.id)
                    .s(situation)
                    .d(from)
                    .s(if tenancy.is_some() {
                        "tenancy"
                    } else {
                        "staff"
                    })
                    .os(tenancy.as_deref())
                    .null()
                    .null()
                    .t(at),
            );
        }
        if p.situation.is_homeless() && tenancy.is_none() && g.chance(0.4) {
            let joined = g.day_between(start, g.today);
            let at = g.time_on(joined);
            let id = g.id(at);
            let ready = g.chance(0.75);
            queue.push(
                Row::new()
                    .s(&id)
                    .s(&p.id)
                    .s(&reference.units[p.unit])
                    .s(g.pick(domain::queue::QueueWish::ALL).as_str())
                    .d(joined)
                    .i(g.rng.random_range(1..=3))
                    .b(ready)
                    .os((!ready).then_some("Behöver mer stöd innan inflyttning"))
                    .s("waiting")
                    .null()
                    .null()
                    .null()
                    .null()
                    .null()
                    .null()
                    .null()
                    .t(at)
                    .t(at)
                    .i(1),
            );
        }
    }
    let apartment_rows: Vec<Row> = apartments
        .iter()
        .map(|(id, unit, kind, n)| {
            Row::new()
                .s(id)
                .s(&reference.units[*unit])
                .null()
                .s(&format!(
                    "Påhittade gatan {}, lgh {}",
                    1 + n / 40,
                    1001 + n % 40
                ))
                .s("Demostaden")
                .s(kind)
                .s("Fiktiva Bostäder AB")
                .i(1 + (*n as i64 % 3))
                .s(&format!("{}.5", 25 + n % 30))
                .i(4000 + (*n as i64 % 20) * 100)
                .s("Socialförvaltningen (fiktiv)")
                .s(if occupied.contains(id) {
                    "occupied"
                } else {
                    "available"
                })
                .null()
                .t(g.now)
                .t(g.now)
                .i(1)
        })
        .collect();
    let tables: [(&'static str, &str, Vec<Row>); 5] = [
        (
            "apartments",
            "id, unit_id, site_id, address, district, kind, landlord, rooms, size_sqm, \
             monthly_rent, lease_holder, status, note, created_at, updated_at, version",
            apartment_rows,
        ),
        (
            "tenancies",
            "id, apartment_id, participant_id, move_in_on, planned_takeover_on, moved_out_on, \
             move_out_reason, taken_over_on, note, created_at, updated_at, version",
            tenancies,
        ),
        (
            "housing_follow_ups",
            "id, tenancy_id, participant_id, kind, due_on, done_on, housing_cost, income_source, \
             debts, support, occupation, note, created_at, updated_at, version",
            follow_ups,
        ),
        (
            "housing_stage_changes",
            "id, participant_id, situation, from_date, source, tenancy_id, note, recorded_by, \
             created_at",
            stages,
        ),
        (
            "queue_entries",
            "id, participant_id, unit_id, wish, joined_on, priority, ready, not_ready_reason, \
             status, notified_on, moved_in_on, removed_on, removal_reason, removal_note, \
             tenancy_id, note, created_at, updated_at, version",
            queue,
        ),
    ];
    for (table, columns, list) in tables {
        let mut rows = Bulk::new(conn, table, columns);
        for row in list {
            rows.push(row)?;
        }
        summary.rows.push((table, rows.finish()?));
    }
    Ok(())
}
