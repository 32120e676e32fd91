//! Housing: the apartments a unit controls, tenancies in them, the housing ladder
//! (boendetrappan) with the time a person spends on each step, the automatic housing
//! follow-ups, risk events for eviction, housing search support and temporary-housing costs.
//!
//! Everything is pure; "today" is a parameter. The API stores the results.

use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::participant::HousingSituation;
use crate::text_enum::text_enum;

/// What kind of housing unit an apartment is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum ApartmentKind {
    /// Stödboendelägenhet, e.g. one of the 20 at a supported-housing site.
    SupportedHousing,
    /// Träningslägenhet.
    TrainingApartment,
    /// Försökslägenhet.
    TrialApartment,
    /// Gruppboende.
    GroupHome,
}

text_enum!(ApartmentKind {
    SupportedHousing => "supported_housing",
    TrainingApartment => "training_apartment",
    TrialApartment => "trial_apartment",
    GroupHome => "group_home",
});

impl ApartmentKind {
    /// The housing situation of a person living in an apartment of this kind.
    pub fn housing_situation(self) -> HousingSituation {
        match self {
            Self::SupportedHousing | Self::GroupHome => HousingSituation::SupportedHousing,
            Self::TrainingApartment => HousingSituation::TrainingApartment,
            Self::TrialApartment => HousingSituation::TrialApartment,
        }
    }
}

/// Where an apartment stands in the inventory. `occupied` and `available` follow the tenancies;
/// the others are set by staff.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum ApartmentStatus {
    /// Ledig.
    Available,
    /// Reserverad for someone about to move in.
    Reserved,
    /// Uthyrd.
    Occupied,
    /// Under renovering.
    Renovation,
    /// Återlämnad till hyresvärden (no longer in the inventory).
    Returned,
}

text_enum!(ApartmentStatus {
    Available => "available",
    Reserved => "reserved",
    Occupied => "occupied",
    Renovation => "renovation",
    Returned => "returned",
});

impl ApartmentStatus {
    /// Whether a new tenancy may start in an apartment with this status.
    pub fn accepts_tenancy(self) -> bool {
        matches!(self, Self::Available | Self::Reserved)
    }
}

/// Why a tenancy ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum MoveOutReason {
    /// Tog över kontraktet (own first-hand lease).
    TookOverLease,
    /// Flyttade vidare (e.g. up the ladder to another apartment).
    MovedOn,
    /// Avhysning.
    Evicted,
    /// Återfall.
    Relapse,
    /// Annat.
    Other,
}

text_enum!(MoveOutReason {
    TookOverLease => "took_over_lease",
    MovedOn => "moved_on",
    Evicted => "evicted",
    Relapse => "relapse",
    Other => "other",
});

impl MoveOutReason {
    /// Where the person lives after moving out, when staff do not say.
    pub fn default_situation_after(self) -> HousingSituation {
        match self {
            Self::TookOverLease => HousingSituation::OwnLease,
            _ => HousingSituation::Unknown,
        }
    }
}

/// The steps of the housing ladder (boendetrappan).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum LadderStep {
    /// Hemlös (any kind: rough sleeping, shelter, institution, temporary housing, friends, lodger).
    Homeless,
    /// Stödboende.
    SupportedHousing,
    /// Träningslägenhet.
    TrainingApartment,
    /// Försökslägenhet.
    TrialApartment,
    /// Eget kontrakt.
    OwnLease,
}

text_enum!(LadderStep {
    Homeless => "homeless",
    SupportedHousing => "supported_housing",
    TrainingApartment => "training_apartment",
    TrialApartment => "trial_apartment",
    OwnLease => "own_lease",
});

/// The ladder step of a housing situation; `None` for situations off the ladder (a social
/// second-hand lease, other, unknown).
pub fn ladder_step(situation: HousingSituation) -> Option<LadderStep> {
    use HousingSituation as H;
    match situation {
        H::RoughSleeping
        | H::Shelter
        | H::Institution
        | H::TemporaryHousing
        | H::StayingWithFriends
        | H::Lodger => Some(LadderStep::Homeless),
        H::SupportedHousing => Some(LadderStep::SupportedHousing),
        H::TrainingApartment => Some(LadderStep::TrainingApartment),
        H::TrialApartment => Some(LadderStep::TrialApartment),
        H::OwnLease => Some(LadderStep::OwnLease),
        H::SecondHandLease | H::Other | H::Unknown => None,
    }
}

/// Socialstyrelsen's homelessness situation (1–4) for a stage, refined with what situation 2
/// needs: someone in an institution or supported housing counts only if they are due to leave
/// within three months (`leaving_on`) with no home arranged.
pub fn survey_situation(
    situation: HousingSituation,
    leaving_on: Option<NaiveDate>,
    home_arranged: bool,
    today: NaiveDate,
) -> Option<u8> {
    match situation.national_survey_situation() {
        Some(2) => {
            let soon = leaving_on
                .is_some_and(|d| d >= today && d <= add_months(today, 3).unwrap_or(today));
            (soon && !home_arranged).then_some(2)
        }
        other => other,
    }
}

/// `date` plus `months` calendar months (the end of a shorter month is clamped).
pub fn add_months(date: NaiveDate, months: u32) -> Option<NaiveDate> {
    date.checked_add_months(Months::new(months))
}

/// How long after move-in the lease is normally taken over.
pub const TAKEOVER_MONTHS: u32 = 18;

/// The planned lease takeover when staff do not set one: move-in plus 18 months.
pub fn default_planned_takeover(move_in: NaiveDate) -> Option<NaiveDate> {
    add_months(move_in, TAKEOVER_MONTHS)
}

/// A stay from `from` up to `to` (moved out that day; the day itself is free for the next
/// tenant). `to: None` means still living there.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Stay {
    pub from: NaiveDate,
    pub to: Option<NaiveDate>,
}

impl Stay {
    /// Whether two stays share at least one night. Moving out and the next moving in on the same
    /// day does not overlap.
    pub fn overlaps(&self, other: &Stay) -> bool {
        let a_before_b_ends = other.to.is_none_or(|end| self.from < end);
        let b_before_a_ends = self.to.is_none_or(|end| other.from < end);
        a_before_b_ends && b_before_a_ends
    }
}

/// The first of `existing` that overlaps `new` (index into `existing`). One apartment cannot
/// hold two overlapping tenancies, and one person cannot live in two places at once: both rules
/// are this check, over the apartment's or the person's other tenancies.
pub fn find_overlap(existing: &[Stay], new: &Stay) -> Option<usize> {
    existing.iter().position(|s| s.overlaps(new))
}

/// A field problem in a tenancy; `field` is the JSON name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldProblem {
    pub field: &'static str,
    pub message: &'static str,
}

fn problem(field: &'static str, message: &'static str) -> FieldProblem {
    FieldProblem { field, message }
}

/// The date rules of a tenancy: no move-out or takeover before move-in, a planned takeover
/// after move-in, and a takeover only at or before the move-out.
pub fn check_tenancy_dates(
    move_in: NaiveDate,
    planned_takeover: NaiveDate,
    move_out: Option<NaiveDate>,
    takeover: Option<NaiveDate>,
) -> Vec<FieldProblem> {
    let mut out = Vec::new();
    if planned_takeover <= move_in {
        out.push(problem(
            "planned_takeover_on",
            "must be after the move-in date",
        ));
    }
    if move_out.is_some_and(|d| d < move_in) {
        out.push(problem(
            "moved_out_on",
            "must not be before the move-in date",
        ));
    }
    if takeover.is_some_and(|d| d < move_in) {
        out.push(problem(
            "taken_over_on",
            "must not be before the move-in date",
        ));
    }
    out
}

/// The three housing follow-ups of a tenancy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum FollowUpKind {
    /// The situation before move-in (due on the move-in date).
    BeforeMoveIn,
    /// After six months in the apartment.
    SixMonths,
    /// At lease takeover, or at the planned takeover (18 months) if not taken over.
    Takeover,
}

text_enum!(FollowUpKind {
    BeforeMoveIn => "before_move_in",
    SixMonths => "six_months",
    Takeover => "takeover",
});

/// When each follow-up of a tenancy is due. The takeover follow-up moves with the actual
/// takeover date, else with the planned one.
pub fn follow_up_schedule(
    move_in: NaiveDate,
    planned_takeover: NaiveDate,
    taken_over: Option<NaiveDate>,
) -> [(FollowUpKind, NaiveDate); 3] {
    [
        (FollowUpKind::BeforeMoveIn, move_in),
        (
            FollowUpKind::SixMonths,
            add_months(move_in, 6).unwrap_or(move_in),
        ),
        (
            FollowUpKind::Takeover,
            taken_over.unwrap_or(planned_takeover),
        ),
    ]
}

/// One recorded housing change: from `from` the person's situation is `situation`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StageChange {
    pub from: NaiveDate,
    pub situation: HousingSituation,
}

/// The situation in force on `on`: the latest change on or before that day (for changes on the
/// same day, the later in the slice wins).
pub fn situation_on(changes: &[StageChange], on: NaiveDate) -> Option<HousingSituation> {
    let mut best: Option<&StageChange> = None;
    for c in changes.iter().filter(|c| c.from <= on) {
        if best.is_none_or(|b| c.from >= b.from) {
            best = Some(c);
        }
    }
    best.map(|c| c.situation)
}

/// Days spent on each ladder step up to `today`, from the recorded changes (in any order).
/// Days before the first change and days off the ladder are not counted; a change in the
/// future counts from its date only once that date has come.
pub fn days_per_step(changes: &[StageChange], today: NaiveDate) -> Vec<(LadderStep, i64)> {
    let mut sorted: Vec<(usize, &StageChange)> = changes.iter().enumerate().collect();
    sorted.sort_by_key(|(i, c)| (c.from, *i));
    let mut totals: Vec<(LadderStep, i64)> = Vec::new();
    for (k, (_, change)) in sorted.iter().enumerate() {
        if change.from >= today {
            break;
        }
        let end = sorted
            .get(k + 1)
            .map(|(_, next)| next.from.min(today))
            .unwrap_or(today);
        let days = (end - change.from).num_days();
        let Some(step) = ladder_step(change.situation) else {
            continue;
        };
        if days <= 0 {
            continue;
        }
        match totals.iter_mut().find(|(s, _)| *s == step) {
            Some((_, d)) => *d += days,
            None => totals.push((step, days)),
        }
    }
    totals.sort_by_key(|(s, _)| *s);
    totals
}

/// Days in homelessness up to `today` ("time in homelessness").
pub fn days_homeless(changes: &[StageChange], today: NaiveDate) -> i64 {
    days_per_step(changes, today)
        .into_iter()
        .find(|(s, _)| *s == LadderStep::Homeless)
        .map(|(_, d)| d)
        .unwrap_or(0)
}

/// A risk of eviction noticed by housing support.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum RiskKind {
    /// Störningsanmälan.
    DisturbanceComplaint,
    /// Sanitär olägenhet.
    SanitaryProblem,
    /// Obetald hyra.
    UnpaidRent,
}

text_enum!(RiskKind {
    DisturbanceComplaint => "disturbance_complaint",
    SanitaryProblem => "sanitary_problem",
    UnpaidRent => "unpaid_rent",
});

/// How many days a risk event counts as recent.
pub const RECENT_RISK_DAYS: i64 = 90;

/// Whether a participant is flagged on lists: any unresolved risk event, or one that happened in
/// the last [`RECENT_RISK_DAYS`] days. `events` are (occurred on, resolved on).
pub fn has_recent_risk(events: &[(NaiveDate, Option<NaiveDate>)], today: NaiveDate) -> bool {
    events.iter().any(|(occurred, resolved)| {
        *occurred <= today
            && (resolved.is_none() || (today - *occurred).num_days() <= RECENT_RISK_DAYS)
    })
}

/// The default caseload range of a housing-support worker (seed 004: 10–15 participants).
pub const DEFAULT_CASELOAD: (i32, i32) = (10, 15);

/// How a new assignment relates to the worker's caseload limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CaseloadCheck {
    /// Within the maximum.
    Ok,
    /// Beyond the maximum: needs an explicit override, and is flagged.
    OverMaximum,
}

/// Checks a new assignment against the maximum (`current` is before the new one).
pub fn check_caseload(current: i64, maximum: i32) -> CaseloadCheck {
    if current >= i64::from(maximum) {
        CaseloadCheck::OverMaximum
    } else {
        CaseloadCheck::Ok
    }
}

/// Who a housing-search case is for (seed 001).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum SearchTargetGroup {
    /// Ung vuxen.
    YoungAdult,
    /// Våldsutsatt kvinna.
    WomanSubjectedToViolence,
    /// Tidigare inneboende som förlorat boendet.
    FormerLodger,
    /// För stor eller dyr bostad (behöver byte).
    TooLargeOrExpensiveHome,
    /// Annat.
    Other,
}

text_enum!(SearchTargetGroup {
    YoungAdult => "young_adult",
    WomanSubjectedToViolence => "woman_subjected_to_violence",
    FormerLodger => "former_lodger",
    TooLargeOrExpensiveHome => "too_large_or_expensive_home",
    Other => "other",
});

/// What came of a housing-search case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum SearchOutcome {
    /// Förstahandskontrakt.
    FirstHandLease,
    /// Andrahandskontrakt.
    SecondHandLease,
    /// Bostadsbyte genomfört.
    ExchangeDone,
    /// Annat.
    Other,
    /// Inget resultat.
    None,
}

text_enum!(SearchOutcome {
    FirstHandLease => "first_hand_lease",
    SecondHandLease => "second_hand_lease",
    ExchangeDone => "exchange_done",
    Other => "other",
    None => "none",
});

impl SearchOutcome {
    /// Regular housing (ordinarie boende) in the seed's follow-up.
    pub fn is_regular_housing(self) -> bool {
        matches!(
            self,
            Self::FirstHandLease | Self::SecondHandLease | Self::ExchangeDone
        )
    }
}

/// Kinds of temporary housing whose cost is followed each tertial.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum TemporaryStayKind {
    /// Härbärge / akutboende.
    Shelter,
    /// Hotell, vandrarhem.
    Hotel,
    /// Annat.
    Other,
}

text_enum!(TemporaryStayKind {
    Shelter => "shelter",
    Hotel => "hotel",
    Other => "other",
});

/// Nights of a stay (`from` up to but not including `to`; an open stay runs to `until`) that
/// fall within the inclusive period `period_from..=period_to`.
pub fn nights_within(
    from: NaiveDate,
    to: Option<NaiveDate>,
    period_from: NaiveDate,
    period_to: NaiveDate,
    until: NaiveDate,
) -> i64 {
    let end = to.unwrap_or(until);
    // Nights are dated by the evening they start; the night of `period_to` belongs to the period.
    let start = from.max(period_from);
    let stop = end.min(period_to.succ_opt().unwrap_or(period_to));
    (stop - start).num_days().max(0)
}

/// Whether a housing-search case is still being worked on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum SearchCaseStatus {
    /// Pågående.
    Open,
    /// Avslutat med ett utfall.
    Closed,
}

text_enum!(SearchCaseStatus {
    Open => "open",
    Closed => "closed",
});

impl SearchCaseStatus {
    /// A case is closed once it has an outcome.
    pub fn of(outcome: Option<SearchOutcome>) -> Self {
        if outcome.is_some() {
            Self::Closed
        } else {
            Self::Open
        }
    }
}

/// What staff did in a housing-search case (seed 001).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum SearchActionKind {
    /// Förberedda samtal med hyresvärdar.
    PreparedCalls,
    /// Bytesannons.
    ExchangeAdvertisement,
    /// Registrering i bostadsförmedlingen.
    HousingAgencyRegistration,
    /// Ansökan om en bostad.
    Application,
    /// Visning.
    Viewing,
    /// Annat.
    Other,
}

text_enum!(SearchActionKind {
    PreparedCalls => "prepared_calls",
    ExchangeAdvertisement => "exchange_advertisement",
    HousingAgencyRegistration => "housing_agency_registration",
    Application => "application",
    Viewing => "viewing",
    Other => "other",
});

/// Whether a (closed) case reached regular housing (ordinarie boende).
pub fn reached_regular_housing(outcome: Option<SearchOutcome>) -> bool {
    outcome.is_some_and(SearchOutcome::is_regular_housing)
}

/// Days from opening the case to regular housing; `None` unless it reached regular housing.
pub fn days_to_housing(
    opened_on: NaiveDate,
    outcome: Option<SearchOutcome>,
    outcome_on: Option<NaiveDate>,
) -> Option<i64> {
    if !reached_regular_housing(outcome) {
        return None;
    }
    outcome_on.map(|d| (d - opened_on).num_days())
}

/// The date rules of closing a search case: the outcome not before the case opened nor in the
/// future.
pub fn check_search_outcome(
    opened_on: NaiveDate,
    outcome_on: NaiveDate,
    today: NaiveDate,
) -> Vec<FieldProblem> {
    let mut out = Vec::new();
    if outcome_on < opened_on {
        out.push(problem(
            "outcome_on",
            "must not be before the case was opened",
        ));
    }
    if outcome_on > today {
        out.push(problem("outcome_on", "must not be in the future"));
    }
    out
}

/// The date rules of a temporary stay: the end not before the start.
pub fn check_stay_dates(from: NaiveDate, to: Option<NaiveDate>) -> Vec<FieldProblem> {
    if to.is_some_and(|t| t < from) {
        vec![problem("to_date", "must not be before from_date")]
    } else {
        Vec::new()
    }
}

/// One paid stay in temporary housing: nights from `from` up to `to` (open: still there).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PaidStay {
    pub from: NaiveDate,
    pub to: Option<NaiveDate>,
    /// Kronor per night.
    pub cost_per_night: i64,
}

/// Nights and cost of temporary housing in one tertial.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TertialCost {
    /// 1 = Jan–Apr, 2 = May–Aug, 3 = Sep–Dec.
    pub tertial: u8,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub nights: i64,
    /// Kronor.
    pub cost: i64,
}

/// Nights and cost of `stays` in each tertial of `year`. A stay crossing a tertial boundary is
/// split by nights (a night belongs to the day it starts); an open stay counts up to `until`
/// (exclusive). The three tertials add up to the whole year.
pub fn tertial_costs(stays: &[PaidStay], year: i32, until: NaiveDate) -> Vec<TertialCost> {
    (1..=3u8)
        .filter_map(|t| crate::period::Period::tertial(year, t).ok().map(|p| (t, p)))
        .map(|(tertial, p)| {
            let (nights, cost) = stays.iter().fold((0i64, 0i64), |(n, c), s| {
                let k = nights_within(s.from, s.to, p.from, p.to, until);
                (n + k, c + k * s.cost_per_night)
            });
            TertialCost {
                tertial,
                from: p.from,
                to: p.to,
                nights,
                cost,
            }
        })
        .collect()
}

/// Kinds of preparation sessions before moving in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum CourseSessionKind {
    /// Bokurs: one of four numbered sessions.
    HousingCourse,
    /// Annan gruppträff.
    GroupSession,
}

text_enum!(CourseSessionKind {
    HousingCourse => "housing_course",
    GroupSession => "group_session",
});

/// The housing course has four sessions, numbered 1–4.
pub const HOUSING_COURSE_SESSIONS: i32 = 4;

/// Whether someone who attended the course sessions with these numbers completed the course
/// (attended all four, in any cohort).
pub fn completed_housing_course(attended_numbers: &[i32]) -> bool {
    (1..=HOUSING_COURSE_SESSIONS).all(|n| attended_numbers.contains(&n))
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod search_and_cost_tests {
    use super::*;
    use proptest::prelude::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn codes() {
        crate::text_enum::assert_text_codes_consistent(
            SearchCaseStatus::ALL,
            SearchCaseStatus::as_str,
        );
        crate::text_enum::assert_text_codes_consistent(
            SearchActionKind::ALL,
            SearchActionKind::as_str,
        );
        crate::text_enum::assert_text_codes_consistent(
            CourseSessionKind::ALL,
            CourseSessionKind::as_str,
        );
    }

    #[test]
    fn days_to_regular_housing() {
        let opened = d(2012, 3, 1);
        let first = Some(SearchOutcome::FirstHandLease);
        assert_eq!(
            days_to_housing(opened, first, Some(d(2012, 4, 15))),
            Some(45)
        );
        assert_eq!(
            days_to_housing(opened, Some(SearchOutcome::None), Some(d(2012, 4, 15))),
            None
        );
        assert_eq!(days_to_housing(opened, None, None), None);
        assert!(reached_regular_housing(Some(SearchOutcome::ExchangeDone)));
        assert!(!reached_regular_housing(Some(SearchOutcome::Other)));
        assert_eq!(SearchCaseStatus::of(None), SearchCaseStatus::Open);
        assert_eq!(SearchCaseStatus::of(first), SearchCaseStatus::Closed);
        assert_eq!(
            check_search_outcome(opened, d(2012, 2, 28), d(2013, 1, 1))[0].field,
            "outcome_on"
        );
        assert!(check_search_outcome(opened, opened, d(2013, 1, 1)).is_empty());
        assert_eq!(
            check_search_outcome(opened, d(2013, 1, 2), d(2013, 1, 1)).len(),
            1
        );
        assert_eq!(
            check_stay_dates(opened, Some(d(2012, 2, 1)))[0].field,
            "to_date"
        );
        assert!(check_stay_dates(opened, Some(opened)).is_empty());
    }

    #[test]
    fn a_stay_across_tertials_is_split_by_nights() {
        // 28 April – 3 May: three nights in T1, two in T2; an open stay from 30 Dec counts to `until`.
        let stays = [
            PaidStay {
                from: d(2012, 4, 28),
                to: Some(d(2012, 5, 3)),
                cost_per_night: 500,
            },
            PaidStay {
                from: d(2012, 12, 30),
                to: None,
                cost_per_night: 100,
            },
        ];
        let t = tertial_costs(&stays, 2012, d(2013, 1, 5));
        assert_eq!(
            t.iter()
                .map(|t| (t.tertial, t.nights, t.cost))
                .collect::<Vec<_>>(),
            [(1, 3, 1500), (2, 2, 1000), (3, 2, 200)]
        );
        assert_eq!(t[1].from, d(2012, 5, 1));
        assert_eq!(t[2].to, d(2012, 12, 31));
    }

    #[test]
    fn completing_the_course_needs_all_four() {
        assert!(completed_housing_course(&[4, 2, 1, 3, 2]));
        assert!(!completed_housing_course(&[1, 2, 3]));
        assert!(!completed_housing_course(&[]));
    }

    fn paid_stay() -> impl Strategy<Value = PaidStay> {
        (0i64..800, proptest::option::of(0i64..200), 0i64..3000).prop_map(|(start, len, cost)| {
            let from = d(2011, 11, 1) + chrono::Duration::days(start);
            PaidStay {
                from,
                to: len.map(|l| from + chrono::Duration::days(l)),
                cost_per_night: cost,
            }
        })
    }

    proptest! {
        #[test]
        fn tertials_add_up_to_the_year(stays in proptest::collection::vec(paid_stay(), 0..12), until in 0i64..900) {
            let until = d(2011, 11, 1) + chrono::Duration::days(until);
            let parts = tertial_costs(&stays, 2012, until);
            prop_assert_eq!(parts.len(), 3);
            let (y0, y1) = (d(2012, 1, 1), d(2012, 12, 31));
            let nights: i64 = stays.iter().map(|s| nights_within(s.from, s.to, y0, y1, until)).sum();
            let cost: i64 = stays.iter().map(|s| nights_within(s.from, s.to, y0, y1, until) * s.cost_per_night).sum();
            prop_assert_eq!(parts.iter().map(|p| p.nights).sum::<i64>(), nights);
            prop_assert_eq!(parts.iter().map(|p| p.cost).sum::<i64>(), cost);
            // Counted night by night, every night of a stay in 2012 is in exactly one tertial.
            for s in &stays {
                let end = s.to.unwrap_or(until);
                let mut day = s.from;
                let mut in_year = 0;
                while day < end {
                    if day >= y0 && day <= y1 { in_year += 1; }
                    day = day.succ_opt().unwrap();
                }
                prop_assert_eq!(in_year, nights_within(s.from, s.to, y0, y1, until));
            }
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;
    use crate::text_enum::assert_text_codes_consistent;
    use proptest::prelude::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn text_codes() {
        assert_text_codes_consistent(ApartmentKind::ALL, ApartmentKind::as_str);
        assert_text_codes_consistent(ApartmentStatus::ALL, ApartmentStatus::as_str);
        assert_text_codes_consistent(MoveOutReason::ALL, MoveOutReason::as_str);
        assert_text_codes_consistent(LadderStep::ALL, LadderStep::as_str);
        assert_text_codes_consistent(FollowUpKind::ALL, FollowUpKind::as_str);
        assert_text_codes_consistent(RiskKind::ALL, RiskKind::as_str);
        assert_text_codes_consistent(SearchTargetGroup::ALL, SearchTargetGroup::as_str);
        assert_text_codes_consistent(SearchOutcome::ALL, SearchOutcome::as_str);
        assert_text_codes_consistent(TemporaryStayKind::ALL, TemporaryStayKind::as_str);
    }

    #[test]
    fn takeover_defaults_to_eighteen_months_and_clamps_month_ends() {
        assert_eq!(
            default_planned_takeover(d(2012, 1, 15)),
            Some(d(2013, 7, 15))
        );
        assert_eq!(
            default_planned_takeover(d(2011, 8, 31)),
            Some(d(2013, 2, 28))
        );
    }

    #[test]
    fn adjacent_stays_do_not_overlap() {
        let a = Stay {
            from: d(2012, 1, 1),
            to: Some(d(2012, 3, 1)),
        };
        let b = Stay {
            from: d(2012, 3, 1),
            to: None,
        };
        assert!(!a.overlaps(&b));
        let c = Stay {
            from: d(2012, 2, 28),
            to: None,
        };
        assert!(a.overlaps(&c));
        assert_eq!(find_overlap(&[b, a], &c), Some(0));
        let open = Stay {
            from: d(2010, 1, 1),
            to: None,
        };
        assert!(open.overlaps(&c));
    }

    #[test]
    fn tenancy_date_rules() {
        let p = check_tenancy_dates(
            d(2012, 5, 1),
            d(2012, 4, 1),
            Some(d(2012, 4, 30)),
            Some(d(2012, 1, 1)),
        );
        let fields: Vec<_> = p.iter().map(|p| p.field).collect();
        assert_eq!(
            fields,
            ["planned_takeover_on", "moved_out_on", "taken_over_on"]
        );
        assert!(
            check_tenancy_dates(d(2012, 5, 1), d(2013, 11, 1), Some(d(2012, 5, 1)), None)
                .is_empty()
        );
    }

    #[test]
    fn follow_ups_move_with_the_takeover() {
        let s = follow_up_schedule(d(2012, 2, 1), d(2013, 8, 1), None);
        assert_eq!(s[0], (FollowUpKind::BeforeMoveIn, d(2012, 2, 1)));
        assert_eq!(s[1], (FollowUpKind::SixMonths, d(2012, 8, 1)));
        assert_eq!(s[2], (FollowUpKind::Takeover, d(2013, 8, 1)));
        let s = follow_up_schedule(d(2012, 2, 1), d(2013, 8, 1), Some(d(2013, 5, 2)));
        assert_eq!(s[2], (FollowUpKind::Takeover, d(2013, 5, 2)));
    }

    #[test]
    fn time_on_each_step() {
        use HousingSituation as H;
        let changes = [
            StageChange {
                from: d(2012, 3, 1),
                situation: H::TrainingApartment,
            },
            StageChange {
                from: d(2012, 1, 1),
                situation: H::Shelter,
            },
            StageChange {
                from: d(2012, 1, 11),
                situation: H::StayingWithFriends,
            },
            StageChange {
                from: d(2013, 1, 1),
                situation: H::OwnLease,
            },
        ];
        let today = d(2012, 3, 31);
        assert_eq!(
            days_per_step(&changes, today),
            vec![
                (LadderStep::Homeless, 60),
                (LadderStep::TrainingApartment, 30)
            ]
        );
        assert_eq!(days_homeless(&changes, today), 60);
        assert_eq!(
            situation_on(&changes, d(2012, 2, 1)),
            Some(H::StayingWithFriends)
        );
        assert_eq!(situation_on(&changes, d(2011, 2, 1)), None);
        assert_eq!(situation_on(&changes, d(2013, 2, 1)), Some(H::OwnLease));
    }

    #[test]
    fn ladder_and_survey() {
        assert_eq!(
            ladder_step(HousingSituation::Lodger),
            Some(LadderStep::Homeless)
        );
        assert_eq!(ladder_step(HousingSituation::SecondHandLease), None);
        let today = d(2012, 6, 1);
        assert_eq!(
            survey_situation(
                HousingSituation::SupportedHousing,
                Some(d(2012, 8, 1)),
                false,
                today
            ),
            Some(2)
        );
        assert_eq!(
            survey_situation(
                HousingSituation::SupportedHousing,
                Some(d(2012, 8, 1)),
                true,
                today
            ),
            None
        );
        assert_eq!(
            survey_situation(
                HousingSituation::SupportedHousing,
                Some(d(2013, 8, 1)),
                false,
                today
            ),
            None
        );
        assert_eq!(
            survey_situation(HousingSituation::Shelter, None, false, today),
            Some(1)
        );
        assert_eq!(
            survey_situation(HousingSituation::TrialApartment, None, false, today),
            Some(3)
        );
    }

    #[test]
    fn risk_flags_and_caseload() {
        let today = d(2012, 6, 1);
        assert!(has_recent_risk(&[(d(2011, 1, 1), None)], today));
        assert!(has_recent_risk(
            &[(d(2012, 4, 1), Some(d(2012, 4, 2)))],
            today
        ));
        assert!(!has_recent_risk(
            &[(d(2012, 1, 1), Some(d(2012, 1, 2)))],
            today
        ));
        assert_eq!(check_caseload(14, 15), CaseloadCheck::Ok);
        assert_eq!(check_caseload(15, 15), CaseloadCheck::OverMaximum);
    }

    #[test]
    fn nights_in_a_tertial() {
        // 2012-04-28 .. 2012-05-03: nights of 28, 29, 30 April in T1, 1 and 2 May in T2.
        let (from, to) = (d(2012, 4, 28), Some(d(2012, 5, 3)));
        assert_eq!(
            nights_within(from, to, d(2012, 1, 1), d(2012, 4, 30), d(2012, 12, 31)),
            3
        );
        assert_eq!(
            nights_within(from, to, d(2012, 5, 1), d(2012, 8, 31), d(2012, 12, 31)),
            2
        );
        assert_eq!(
            nights_within(from, None, d(2012, 5, 1), d(2012, 8, 31), d(2012, 5, 10)),
            9
        );
        assert_eq!(
            nights_within(from, to, d(2012, 9, 1), d(2012, 12, 31), d(2012, 12, 31)),
            0
        );
    }

    fn stay() -> impl Strategy<Value = Stay> {
        (0i64..400, proptest::option::of(0i64..60)).prop_map(|(start, len)| {
            let from = d(2012, 1, 1) + chrono::TimeDelta::days(start);
            Stay {
                from,
                to: len.map(|l| from + chrono::TimeDelta::days(l + 1)),
            }
        })
    }

    fn nights(s: &Stay) -> std::collections::BTreeSet<i64> {
        let base = d(2012, 1, 1);
        let start = (s.from - base).num_days();
        let end = s.to.map(|t| (t - base).num_days()).unwrap_or(1000);
        (start..end).collect()
    }

    proptest! {
        /// Overlap is symmetric and means exactly "share a night".
        #[test]
        fn overlap_is_sharing_a_night(a in stay(), b in stay()) {
            prop_assert_eq!(a.overlaps(&b), b.overlaps(&a));
            let shared = !nights(&a).is_disjoint(&nights(&b));
            prop_assert_eq!(a.overlaps(&b), shared);
        }

        /// Accepting stays one by one only when `find_overlap` finds nothing leaves a set in which
        /// no two stays overlap (the no-overlap invariant for an apartment or a person).
        #[test]
        fn accepted_stays_never_overlap(candidates in proptest::collection::vec(stay(), 0..20)) {
            let mut accepted: Vec<Stay> = Vec::new();
            for c in candidates {
                if find_overlap(&accepted, &c).is_none() {
                    accepted.push(c);
                }
            }
            for (i, a) in accepted.iter().enumerate() {
                for b in &accepted[i + 1..] {
                    prop_assert!(!a.overlaps(b));
                }
            }
        }

        /// Days per step never exceed the days since the first change, whatever the order.
        #[test]
        fn days_add_up(offsets in proptest::collection::vec((0i64..300, 0usize..13), 1..8)) {
            let base = d(2012, 1, 1);
            let changes: Vec<_> = offsets.iter().map(|(o, s)| StageChange {
                from: base + chrono::TimeDelta::days(*o),
                situation: HousingSituation::ALL[*s],
            }).collect();
            let today = base + chrono::TimeDelta::days(365);
            let first = changes.iter().map(|c| c.from).min().unwrap();
            let total: i64 = days_per_step(&changes, today).iter().map(|(_, d)| d).sum();
            prop_assert!(total <= (today - first).num_days());
            prop_assert!(days_per_step(&changes, today).iter().all(|(_, d)| *d > 0));
        }
    }
}
