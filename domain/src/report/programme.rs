//! The programme outcome report (the shape of the final report in seed 002), with the
//! work-rehabilitation figures (placements, main activity, employments) of [`super::work`].
//!
//! Definitions:
//! - **referrals received**: referrals to the programme dated (`referred_on`) in the period.
//! - **participant** ("deltagit"): someone with an enrolment in the programme that overlaps the
//!   period and who attended more than two contacts ([`crate::contact::participated`]) from the
//!   enrolment's start to its end or the period's end, whichever comes first. Counted once per person.
//! - **not a participant, by reason**: each referral received in the period whose person is not a
//!   participant, by the referral's status: `no_show`, `declined`, `withdrawn`, `pending`
//!   (received or first meeting booked) or `met_twice_or_less` (enrolled but not participated).
//! - **age at enrolment**: age on the start date of the person's first qualifying enrolment.
//! - **status at the end of the period**: the end status of the person's latest qualifying
//!   enrolment if it ended on or before the period's last day (`ended_without_status` if none
//!   was given), else `ongoing`.
//! - **relapses**: relapses dated in the period of participants; a person "resumed" if their
//!   latest relapse in the period was followed by resumed planning or new treatment, "interrupted"
//!   if it was followed by an interrupted plan.
//! - **subgroups**: the same outcome figures for the participants in a set chosen by the caller
//!   (e.g. [`lived_in_during`] supported housing, or [`enrolled_during`] another programme); a
//!   person can be in several subgroups.
//! - **work figures**: see [`super::work`]; computed per participant, so subgroups get the same.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use serde::Serialize;

use super::work::{Employment, WorkActivity, WorkFacts, work_facts, work_figures};
use super::{AgeBand, Figure, age_on, mean};
use crate::contact::participated;
use crate::housing::{StageChange, situation_on};
use crate::main_activity::ActivitySpan;
use crate::participant::{Gender, HousingSituation};
use crate::period::Period;
use crate::referral::ReferralStatus;
use crate::relapse::RelapseOutcome;

/// A person the report may count.
#[derive(Debug, Clone, PartialEq)]
pub struct Person {
    pub id: String,
    pub gender: Gender,
    pub date_of_birth: Option<NaiveDate>,
}

/// A referral to the programme.
#[derive(Debug, Clone, PartialEq)]
pub struct Referral {
    pub participant_id: String,
    pub referred_on: NaiveDate,
    pub status: ReferralStatus,
}

/// An enrolment in the programme (or, for [`enrolled_during`], in any programme).
#[derive(Debug, Clone, PartialEq)]
pub struct Enrolment {
    pub participant_id: String,
    pub start_date: NaiveDate,
    pub end_date: Option<NaiveDate>,
    pub end_status: Option<String>,
    /// Attended contacts from the start to the end or the period's end (whichever is first), when
    /// the store counted them (set-based, at scale); `None`: counted here from `contacts`.
    pub attended: Option<usize>,
}

/// One attended contact of a person, by date.
#[derive(Debug, Clone, PartialEq)]
pub struct AttendedContact {
    pub participant_id: String,
    pub on: NaiveDate,
}

/// A recorded relapse.
#[derive(Debug, Clone, PartialEq)]
pub struct Relapse {
    pub participant_id: String,
    pub occurred_on: NaiveDate,
    pub outcome: RelapseOutcome,
}

/// Everything the report is computed from; the store loads it with a few set-based queries.
#[derive(Debug, Clone, Default)]
pub struct ProgrammeInput {
    pub people: Vec<Person>,
    pub referrals: Vec<Referral>,
    pub enrolments: Vec<Enrolment>,
    pub contacts: Vec<AttendedContact>,
    pub relapses: Vec<Relapse>,
    /// The participants' activities of the programme (for the work figures).
    pub activities: Vec<WorkActivity>,
    /// The employment outcomes of those activities.
    pub employments: Vec<Employment>,
    /// The day ongoing activities count up to (normally today).
    pub until: NaiveDate,
}

/// A set of people chosen by the caller.
#[derive(Debug, Clone, PartialEq)]
pub struct Subgroup {
    pub name: String,
    pub members: BTreeSet<String>,
}

/// The outcome figures of one subgroup.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SubgroupFigures {
    pub name: String,
    pub figures: Vec<Figure>,
}

/// The programme outcome report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProgrammeReport {
    pub figures: Vec<Figure>,
    pub subgroups: Vec<SubgroupFigures>,
}

/// What the report knows about one participant.
struct Facts<'a> {
    id: &'a str,
    gender: Gender,
    age: Option<u32>,
    status: String,
    relapse: Option<RelapseOutcome>,
    relapses: usize,
    work: WorkFacts,
}

fn by_person<'a, T>(
    rows: &'a [T],
    id: impl Fn(&'a T) -> &'a String,
) -> BTreeMap<&'a str, Vec<&'a T>> {
    let mut out: BTreeMap<&str, Vec<&T>> = BTreeMap::new();
    for r in rows {
        out.entry(id(r).as_str()).or_default().push(r);
    }
    out
}

/// Whether an enrolment counts its person as a participant in `period`.
pub fn enrolment_participated(
    e: &Enrolment,
    contacts: &[AttendedContact],
    period: &Period,
) -> bool {
    if !period.overlaps(e.start_date, e.end_date) {
        return false;
    }
    if let Some(n) = e.attended {
        return participated(n);
    }
    let until = e.end_date.map_or(period.to, |end| end.min(period.to));
    let n = contacts
        .iter()
        .filter(|c| c.participant_id == e.participant_id && c.on >= e.start_date && c.on <= until)
        .count();
    participated(n)
}

/// Whether the person lived in `situation` on any day of `period`, from their recorded changes.
pub fn lived_in_during(
    changes: &[StageChange],
    situation: HousingSituation,
    period: &Period,
) -> bool {
    situation_on(changes, period.from) == Some(situation)
        || changes
            .iter()
            .any(|c| c.situation == situation && period.contains(c.from))
}

/// The people with an enrolment (in the listed rows) that overlaps `period`.
pub fn enrolled_during(enrolments: &[Enrolment], period: &Period) -> BTreeSet<String> {
    enrolments
        .iter()
        .filter(|e| period.overlaps(e.start_date, e.end_date))
        .map(|e| e.participant_id.clone())
        .collect()
}

const NOT_PARTICIPATED: &[&str] = &[
    "no_show",
    "declined",
    "withdrawn",
    "pending",
    "met_twice_or_less",
];

fn not_participated_reason(status: ReferralStatus) -> &'static str {
    match status {
        ReferralStatus::NoShow => "no_show",
        ReferralStatus::Declined => "declined",
        ReferralStatus::Withdrawn => "withdrawn",
        ReferralStatus::Received | ReferralStatus::FirstMeetingBooked => "pending",
        ReferralStatus::Enrolled => "met_twice_or_less",
    }
}

/// Computes the report for `period`, with the outcome figures again for each subgroup.
pub fn programme_report(
    input: &ProgrammeInput,
    period: &Period,
    subgroups: &[Subgroup],
) -> ProgrammeReport {
    let people: BTreeMap<&str, &Person> = input.people.iter().map(|p| (p.id.as_str(), p)).collect();
    let mut contacts: BTreeMap<&str, Vec<AttendedContact>> = BTreeMap::new();
    for c in &input.contacts {
        contacts
            .entry(c.participant_id.as_str())
            .or_default()
            .push(c.clone());
    }
    // Qualifying enrolments per person, in start order.
    let mut qualifying: BTreeMap<&str, Vec<&Enrolment>> = BTreeMap::new();
    for e in &input.enrolments {
        let own = contacts
            .get(e.participant_id.as_str())
            .map_or(&[][..], |v| v.as_slice());
        if enrolment_participated(e, own, period) {
            qualifying
                .entry(e.participant_id.as_str())
                .or_default()
                .push(e);
        }
    }
    // Grouped by person once, so the report stays linear in the number of rows.
    let relapses = by_person(&input.relapses, |r| &r.participant_id);
    let activities: BTreeMap<&str, Vec<&ActivitySpan>> =
        by_person(&input.activities, |a| &a.participant_id)
            .into_iter()
            .map(|(id, v)| (id, v.into_iter().map(|a| &a.span).collect()))
            .collect();
    let employments = by_person(&input.employments, |e| &e.participant_id);
    let mut facts = Vec::new();
    for (id, mut list) in qualifying {
        list.sort_by_key(|e| e.start_date);
        let (Some(first), Some(last)) = (list.first(), list.last()) else {
            continue;
        };
        let person = people.get(id);
        let status = match last.end_date {
            Some(end) if end <= period.to => last
                .end_status
                .clone()
                .unwrap_or_else(|| "ended_without_status".into()),
            _ => "ongoing".into(),
        };
        let mut own: Vec<&Relapse> = relapses
            .get(id)
            .map(|v| {
                v.iter()
                    .copied()
                    .filter(|r| period.contains(r.occurred_on))
                    .collect()
            })
            .unwrap_or_default();
        own.sort_by_key(|r| r.occurred_on);
        let work = work_facts(
            activities.get(id).map_or(&[][..], Vec::as_slice),
            employments.get(id).map_or(&[][..], Vec::as_slice),
            *period,
            input.until,
        );
        facts.push(Facts {
            id,
            gender: person.map_or(Gender::Unknown, |p| p.gender),
            age: person
                .and_then(|p| p.date_of_birth)
                .and_then(|b| age_on(b, first.start_date)),
            status,
            relapse: own.last().map(|r| r.outcome),
            relapses: own.len(),
            work,
        });
    }
    let participant_ids: BTreeSet<&str> = facts.iter().map(|f| f.id).collect();

    let mut figures = Vec::new();
    let received: Vec<&Referral> = input
        .referrals
        .iter()
        .filter(|r| period.contains(r.referred_on))
        .collect();
    figures.push(Figure::count(
        "referrals",
        "received",
        received.iter().map(|r| r.participant_id.clone()).collect(),
        received.len(),
    ));
    let mut not: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for r in &received {
        if !participant_ids.contains(r.participant_id.as_str()) {
            not.entry(not_participated_reason(r.status))
                .or_default()
                .push(r.participant_id.clone());
        }
    }
    let not_total: Vec<String> = not.values().flatten().cloned().collect();
    figures.push(Figure::share(
        "referrals",
        "not_participant",
        not_total,
        received.len(),
    ));
    for reason in NOT_PARTICIPATED {
        figures.push(Figure::share(
            "not_participant_reason",
            reason,
            not.remove(reason).unwrap_or_default(),
            received.len(),
        ));
    }
    let all: Vec<&Facts> = facts.iter().collect();
    figures.extend(outcome_figures(&all, all.len()));
    let subgroups = subgroups
        .iter()
        .map(|g| {
            let members: Vec<&Facts> = facts.iter().filter(|f| g.members.contains(f.id)).collect();
            SubgroupFigures {
                name: g.name.clone(),
                figures: outcome_figures(&members, all.len()),
            }
        })
        .collect();
    ProgrammeReport { figures, subgroups }
}

/// The figures shown for all participants and again for each subgroup.
fn outcome_figures(facts: &[&Facts], all_participants: usize) -> Vec<Figure> {
    let n = facts.len();
    let ids = |pred: &dyn Fn(&Facts) -> bool| -> Vec<String> {
        facts
            .iter()
            .filter(|f| pred(f))
            .map(|f| f.id.to_owned())
            .collect()
    };
    let mut out = vec![Figure::share(
        "participants",
        "participants",
        ids(&|_| true),
        all_participants,
    )];
    for g in Gender::ALL {
        out.push(Figure::share(
            "gender",
            g.as_str(),
            ids(&|f| f.gender == *g),
            n,
        ));
    }
    for band in AgeBand::ALL {
        out.push(Figure::share(
            "age_at_enrolment",
            band.as_str(),
            ids(&|f| AgeBand::of(f.age) == *band),
            n,
        ));
    }
    let ages: Vec<i64> = facts.iter().filter_map(|f| f.age).map(i64::from).collect();
    out.push(Figure::value(
        "age_at_enrolment",
        "mean_age",
        ages.len(),
        mean(&ages),
    ));
    let statuses: BTreeSet<&str> = facts.iter().map(|f| f.status.as_str()).collect();
    for s in statuses {
        out.push(Figure::share(
            "status_at_period_end",
            s,
            ids(&|f| f.status == s),
            n,
        ));
    }
    let relapsed = ids(&|f| f.relapse.is_some());
    let r = relapsed.len();
    out.push(Figure::count(
        "relapses",
        "relapses",
        Vec::new(),
        facts.iter().map(|f| f.relapses).sum(),
    ));
    out.push(Figure::share("relapses", "relapsed", relapsed, n));
    out.push(Figure::share(
        "relapses",
        "resumed",
        ids(&|f| f.relapse.is_some_and(|o| o.resumed())),
        r,
    ));
    out.push(Figure::share(
        "relapses",
        "interrupted",
        ids(&|f| f.relapse == Some(RelapseOutcome::PlanInterrupted)),
        r,
    ));
    let work: Vec<(&str, &WorkFacts)> = facts.iter().map(|f| (f.id, &f.work)).collect();
    out.extend(work_figures(&work));
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;
    use crate::activity::{ActivityKind, ActivityStatus, EmploymentKind};

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn fig<'a>(figures: &'a [Figure], section: &str, figure: &str) -> &'a Figure {
        figures
            .iter()
            .find(|f| f.section == section && f.figure == figure)
            .unwrap_or_else(|| panic!("{section}/{figure}"))
    }

    fn contacts(id: &str, days: &[&str]) -> Vec<AttendedContact> {
        days.iter()
            .map(|x| AttendedContact {
                participant_id: id.into(),
                on: d(x),
            })
            .collect()
    }

    fn input() -> ProgrammeInput {
        let person = |id: &str, g, b: Option<&str>| Person {
            id: id.into(),
            gender: g,
            date_of_birth: b.map(d),
        };
        let enrol = |id: &str, s: &str, e: Option<&str>, st: Option<&str>| Enrolment {
            participant_id: id.into(),
            start_date: d(s),
            end_date: e.map(d),
            end_status: st.map(Into::into),
            attended: None,
        };
        let refer = |id: &str, on: &str, st| Referral {
            participant_id: id.into(),
            referred_on: d(on),
            status: st,
        };
        let mut c = contacts("a", &["2012-09-03", "2012-09-10", "2012-09-17"]);
        c.extend(contacts(
            "b",
            &["2012-09-03", "2012-09-10", "2012-10-01", "2013-01-10"],
        ));
        // c met three times, but the third after the period: not a participant in T3.
        c.extend(contacts("c", &["2012-12-01", "2012-12-20", "2013-01-02"]));
        ProgrammeInput {
            people: vec![
                person("a", Gender::Woman, Some("1982-09-01")), // 30 on 2012-09-01
                person("b", Gender::Man, Some("1961-01-01")),   // 51
                person("c", Gender::Man, None),
                person("d", Gender::Woman, None),
            ],
            referrals: vec![
                refer("a", "2012-09-01", ReferralStatus::Enrolled),
                refer("b", "2012-08-31", ReferralStatus::Enrolled), // T2, not counted in T3
                refer("c", "2012-11-01", ReferralStatus::Enrolled),
                refer("d", "2012-12-31", ReferralStatus::NoShow),
            ],
            enrolments: vec![
                enrol("a", "2012-09-01", Some("2012-12-31"), Some("employed")),
                enrol("b", "2012-09-01", None, None),
                enrol("c", "2012-11-15", None, None),
            ],
            contacts: c,
            relapses: vec![
                Relapse {
                    participant_id: "b".into(),
                    occurred_on: d("2012-10-05"),
                    outcome: RelapseOutcome::PlanInterrupted,
                },
                Relapse {
                    participant_id: "b".into(),
                    occurred_on: d("2012-11-05"),
                    outcome: RelapseOutcome::ResumedPlanning,
                },
                Relapse {
                    participant_id: "a".into(),
                    occurred_on: d("2013-01-05"),
                    outcome: RelapseOutcome::PlanInterrupted,
                },
            ],
            activities: vec![
                work(
                    "a",
                    ActivityKind::Internship,
                    "2012-09-10",
                    Some("2012-10-09"),
                ),
                work(
                    "a",
                    ActivityKind::Internship,
                    "2012-10-10",
                    Some("2012-12-20"),
                ),
                work("b", ActivityKind::WorkTraining, "2012-09-05", None),
                // c is not a participant in T3: their placement is not counted.
                work("c", ActivityKind::Preparatory, "2012-11-20", None),
            ],
            employments: vec![Employment {
                participant_id: "a".into(),
                kind: EmploymentKind::Nystartsjobb,
                start_date: d("2012-12-21"),
            }],
            until: d("2013-03-01"),
        }
    }

    fn work(id: &str, kind: ActivityKind, start: &str, end: Option<&str>) -> WorkActivity {
        WorkActivity {
            participant_id: id.into(),
            span: ActivitySpan {
                kind,
                status: if end.is_some() {
                    ActivityStatus::Completed
                } else {
                    ActivityStatus::Ongoing
                },
                led_to_employment: false,
                start: d(start),
                end: end.map(d),
            },
        }
    }

    #[test]
    fn work_figures_for_all_and_for_a_subgroup() {
        let period = Period::tertial(2012, 3).unwrap();
        let group = Subgroup {
            name: "g".into(),
            members: ["b".to_owned()].into(),
        };
        let r = programme_report(&input(), &period, &[group]);
        let f = &r.figures;
        let p = fig(f, "placements", "internship");
        assert_eq!((p.count, p.participants.clone()), (2, vec!["a".to_owned()]));
        assert_eq!(fig(f, "placements", "work_training").count, 1);
        assert_eq!(fig(f, "placements", "preparatory").count, 0);
        assert_eq!(fig(f, "placements", "total").count, 3);
        assert_eq!(fig(f, "main_activity", "internship").participants, ["a"]);
        assert_eq!(fig(f, "main_activity", "preparatory").participants, ["b"]);
        let s = fig(f, "started_activity", "started_any");
        assert_eq!((s.count, s.of, s.percent), (2, Some(2), Some(100.0)));
        assert_eq!(fig(f, "employments", "nystartsjobb").participants, ["a"]);
        let e = fig(f, "employments", "employed");
        assert_eq!((e.count, e.of, e.percent), (1, Some(2), Some(50.0)));
        // The subgroup gets the same figures over its own participants.
        let g = &r.subgroups[0].figures;
        assert_eq!(fig(g, "placements", "total").count, 1);
        assert_eq!(fig(g, "placements", "internship").count, 0);
        let e = fig(g, "employments", "employed");
        assert_eq!((e.count, e.of), (0, Some(1)));
        let m = fig(g, "main_activity", "preparatory");
        assert_eq!((m.count, m.of), (1, Some(1)));
        // In T2 nobody participated: no placements at all.
        let t2 = programme_report(&input(), &Period::tertial(2012, 2).unwrap(), &[]);
        assert_eq!(fig(&t2.figures, "placements", "total").count, 0);
    }

    #[test]
    fn tertial_three() {
        let period = Period::tertial(2012, 3).unwrap();
        let group = Subgroup {
            name: "g".into(),
            members: ["b".to_owned(), "d".to_owned()].into(),
        };
        let r = programme_report(&input(), &period, &[group]);
        let f = &r.figures;
        assert_eq!(fig(f, "referrals", "received").count, 3);
        assert_eq!(fig(f, "referrals", "not_participant").count, 2);
        assert_eq!(
            fig(f, "not_participant_reason", "no_show").participants,
            ["d"]
        );
        assert_eq!(
            fig(f, "not_participant_reason", "met_twice_or_less").participants,
            ["c"]
        );
        let p = fig(f, "participants", "participants");
        assert_eq!((p.count, p.of, p.percent), (2, Some(2), Some(100.0)));
        assert_eq!(fig(f, "gender", "woman").percent, Some(50.0));
        assert_eq!(fig(f, "age_at_enrolment", "20_30").participants, ["a"]);
        assert_eq!(
            fig(f, "age_at_enrolment", "51_and_over").participants,
            ["b"]
        );
        assert_eq!(fig(f, "age_at_enrolment", "mean_age").value, Some(40.5));
        assert_eq!(
            fig(f, "status_at_period_end", "employed").participants,
            ["a"]
        );
        assert_eq!(
            fig(f, "status_at_period_end", "ongoing").participants,
            ["b"]
        );
        assert_eq!(fig(f, "relapses", "relapses").count, 2);
        assert_eq!(fig(f, "relapses", "relapsed").participants, ["b"]);
        assert_eq!(fig(f, "relapses", "resumed").count, 1);
        assert_eq!(fig(f, "relapses", "interrupted").count, 0);
        let g = &r.subgroups[0].figures;
        let p = fig(g, "participants", "participants");
        assert_eq!((p.count, p.of, p.percent), (1, Some(2), Some(50.0)));
        assert_eq!(fig(g, "gender", "man").percent, Some(100.0));
    }

    #[test]
    fn period_edges() {
        let t2 = Period::tertial(2012, 2).unwrap();
        let r = programme_report(&input(), &t2, &[]);
        assert_eq!(fig(&r.figures, "referrals", "received").participants, ["b"]);
        assert_eq!(fig(&r.figures, "participants", "participants").count, 0);
        let year = Period::parse("2012-09-01..2013-01-31").unwrap();
        let r = programme_report(&input(), &year, &[]);
        assert_eq!(fig(&r.figures, "participants", "participants").count, 3);
        assert_eq!(
            fig(&r.figures, "relapses", "interrupted").participants,
            ["a"]
        );
    }

    #[test]
    fn subgroup_helpers() {
        let period = Period::tertial(2012, 3).unwrap();
        let change = |from: &str, s| StageChange {
            from: d(from),
            situation: s,
        };
        let before = [
            change("2012-01-01", HousingSituation::SupportedHousing),
            change("2012-10-01", HousingSituation::TrainingApartment),
        ];
        assert!(lived_in_during(
            &before,
            HousingSituation::SupportedHousing,
            &period
        ));
        let ended = [
            change("2012-01-01", HousingSituation::SupportedHousing),
            change("2012-09-01", HousingSituation::TrainingApartment),
        ];
        assert!(!lived_in_during(
            &ended,
            HousingSituation::SupportedHousing,
            &period
        ));
        let later = [change("2012-12-31", HousingSituation::SupportedHousing)];
        assert!(lived_in_during(
            &later,
            HousingSituation::SupportedHousing,
            &period
        ));
        let e = Enrolment {
            participant_id: "x".into(),
            start_date: d("2012-01-01"),
            end_date: Some(d("2012-08-31")),
            end_status: None,
            attended: None,
        };
        assert!(enrolled_during(std::slice::from_ref(&e), &period).is_empty());
    }
}
