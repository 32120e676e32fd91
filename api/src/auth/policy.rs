//! The permission policy: every access decision in one place, by role, unit, assignment and
//! protected identity. Default deny. Handlers call one of these as their first step.
//!
//! | role | participants | staff & units | audit log |
//! |---|---|---|---|
//! | admin | none (system administration only) | manage | all |
//! | manager | read + write in own units, incl. protected identity | read own units | own units' participants |
//! | caseworker | read + write in own units; protected identity only if assigned | – | – |
//! | work_consultant, housing_support, housing_coordinator, treatment_staff | read in own units; protected only if assigned | – | – |
//! | read_only | read in own units; protected only if assigned | – | – |
//!
//! Housing (sites, apartments, tenancies, queue, draws, follow-ups, risk events, housing support):
//!
//! | role | inventory & occupancy board | queue | tenancies, draws, support assignment | follow-ups, risk events | ladder changes |
//! |---|---|---|---|---|---|
//! | manager, housing_coordinator | read + write in own units | read + write | write | write | write |
//! | housing_support | read | read | read | write | write |
//! | caseworker | read | read; add entries for participants they are assigned to | read | read | write |
//! | work_consultant, treatment_staff, read_only | read | read | read | read | – |
//! | admin | – | – | – | – | – |
//!
//! Housing search cases and temporary stays ([`housing_search`], [`temporary_stay`]): read by
//! everyone who reads the participant; written by caseworkers, housing coordinators and managers.
//! Housing-course and group sessions ([`housing_course`]): read in own units, written by housing
//! coordinators, housing support and managers; attendance only for participants the writer sees.
//! Temporary-housing costs per tertial: everyone who reads the unit's housing. Caseload overview
//! ([`caseload_overview`]): managers and housing coordinators see every worker of their units,
//! a housing-support worker only their own line.
//!
//! Everything about a participant goes through [`housing`], which first applies [`participant`]
//! (unit and protected identity). The occupancy board shows "skyddad" instead of a protected
//! person the caller may not see ([`sees_identity`]).
//! Casework (contacts, relapses, mapping, ASI, referral steps, enrolments) follows the participant:
//! every role but admin and read_only may record it where it may read the participant. Programmes:
//! managers in their units and admins. Merging duplicate records: admins only.
//!
//! Action plans follow the participant: everyone who may read the participant reads its plans;
//! caseworker, housing_support, treatment_staff, work_consultant and manager write them (draft,
//! edit, activate, sign, review, print). Method evaluations: the manager of the programme's unit
//! writes, every staff member of that unit reads.

//!
//! Work rehabilitation (issue 5):
//!
//! | role | employers | activities, hours, internship agreements, follow-ups, outcomes, hand-overs, study visits |
//! |---|---|---|
//! | work_consultant, manager | read + write | read + write for participants they may read |
//! | caseworker | read | read + write for participants they may read |
//! | housing_support, housing_coordinator, treatment_staff, read_only | read | read for participants they may read |
//! | admin | – | – |
//!
//! Employers are shared reference data across units (not personal data; contact persons are
//! staff-visible business data). An employer's placement history shows only placements of
//! participants the caller may read, plus non-personal counts across all units.
//!
//! Reports (`/reports/...`, [`reports`]): figures for managers and caseworkers in their own units
//! (protected identities are counted); the drill-down (who is behind each figure) for managers only.
//! A report names a protected identity only to someone who may see it ([`report_names`]); everyone
//! else gets "skyddad" without id, name or personnummer.
use chrono::NaiveDate;
use domain::role::Role;

use super::CurrentUser;
use crate::error::{ApiError, ApiResult};
use crate::store::participants::{ParticipantRow, ParticipantScope};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParticipantAction {
    Read,
    Create,
    Update,
    Close,
    /// Journal work on the case: contacts, relapses, mapping, ASI, referral steps, enrolments.
    RecordCasework,
}

fn reads_participants(role: Role) -> bool {
    !matches!(role, Role::Admin)
}

fn writes_participants(role: Role) -> bool {
    matches!(role, Role::Manager | Role::Caseworker)
}

/// Staff who work with participants record contacts, relapses, mapping and referral steps.
fn writes_casework(role: Role) -> bool {
    !matches!(role, Role::Admin | Role::ReadOnly)
}

fn sees_all_protected(role: Role) -> bool {
    matches!(role, Role::Manager)
}

/// The participants a caller may list: their units, and protected identities per the table above.
pub fn participant_scope(user: &CurrentUser, today: NaiveDate) -> ApiResult<ParticipantScope> {
    if !reads_participants(user.role) {
        return Err(ApiError::forbidden(
            "your role does not give access to participants",
        ));
    }
    Ok(ParticipantScope {
        unit_ids: user.unit_ids.clone(),
        protected_only_if_assigned_to: (!sees_all_protected(user.role))
            .then(|| user.staff_id.clone()),
        today,
    })
}

/// May the caller create a participant in `unit_id`?
pub fn create_participant(user: &CurrentUser, unit_id: &str) -> ApiResult<()> {
    if !writes_participants(user.role) {
        return Err(ApiError::forbidden(
            "your role may not register participants",
        ));
    }
    if !user.in_unit(unit_id) {
        return Err(ApiError::forbidden(
            "you may register participants only in your own units",
        ));
    }
    Ok(())
}

/// Whether [`participant`] consults `assigned` for this caller and participant: only for a
/// protected identity and a role that does not see every protected identity. Callers of
/// [`participant`] look the assignment up only then
/// ([`crate::routes::scoped::assigned_if_consulted`]), which saves a statement on almost every
/// request about a participant.
pub fn consults_assignment(user: &CurrentUser, participant: &ParticipantRow) -> bool {
    participant.protected_identity && !sees_all_protected(user.role)
}

/// May the caller do `action` on this participant? `assigned`: the caller is the responsible
/// caseworker or has a running assignment. A protected identity the caller may not see is
/// reported as not found, so its existence is not revealed.
pub fn participant(
    user: &CurrentUser,
    action: ParticipantAction,
    participant: &ParticipantRow,
    assigned: bool,
) -> ApiResult<()> {
    let visible = reads_participants(user.role)
        && user.in_unit(&participant.unit_id)
        && (!participant.protected_identity || sees_all_protected(user.role) || assigned);
    if !visible {
        return Err(if participant.protected_identity {
            ApiError::not_found("participant")
        } else {
            ApiError::forbidden("this participant belongs to a unit you do not work in")
        });
    }
    match action {
        ParticipantAction::Read => Ok(()),
        ParticipantAction::RecordCasework => {
            if writes_casework(user.role) {
                Ok(())
            } else {
                Err(ApiError::forbidden(
                    "your role may read but not record casework",
                ))
            }
        }
        ParticipantAction::Create | ParticipantAction::Update | ParticipantAction::Close => {
            if writes_participants(user.role) {
                Ok(())
            } else {
                Err(ApiError::forbidden(
                    "your role may read but not change participants",
                ))
            }
        }
    }
}

/// Moving a participant to another unit needs write access in the target unit too.
pub fn move_participant(user: &CurrentUser, to_unit: &str) -> ApiResult<()> {
    create_participant(user, to_unit)
}

pub fn manage_staff_and_units(user: &CurrentUser) -> ApiResult<()> {
    if user.role == Role::Admin {
        Ok(())
    } else {
        Err(ApiError::forbidden(
            "only administrators manage staff and units",
        ))
    }
}

/// Who may list staff: admins all, managers and caseworkers their units' staff (to pick colleagues).
pub fn list_staff(user: &CurrentUser) -> ApiResult<Option<Vec<String>>> {
    match user.role {
        Role::Admin => Ok(None),
        Role::Manager | Role::Caseworker => Ok(Some(user.unit_ids.clone())),
        _ => Err(ApiError::forbidden("your role may not list staff")),
    }
}

/// The audit entries the caller may read: `None` all, `Some(units)` those about participants in units.
pub fn read_audit(user: &CurrentUser) -> ApiResult<Option<Vec<String>>> {
    match user.role {
        Role::Admin => Ok(None),
        Role::Manager => Ok(Some(user.unit_ids.clone())),
        _ => Err(ApiError::forbidden(
            "only administrators and managers read the audit log",
        )),
    }
}

/// What a caller wants to do with a participant's housing data (see the housing table above).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HousingAction {
    /// Read tenancies, queue entries, ladder history, follow-ups, risk events, support.
    Read,
    /// Put the participant in the queue.
    JoinQueue,
    /// Change a queue entry, notify, move in, remove; start or end tenancies; assign support.
    Manage,
    /// Record housing follow-ups and risk events.
    Support,
    /// Record a change of housing situation by hand.
    RecordStage,
}

fn manages_housing(role: Role) -> bool {
    matches!(role, Role::Manager | Role::HousingCoordinator)
}

/// May the caller do `action` on this participant's housing data? Visibility (unit, protected
/// identity) is decided by [`participant`] first.
pub fn housing(
    user: &CurrentUser,
    action: HousingAction,
    row: &ParticipantRow,
    assigned: bool,
) -> ApiResult<()> {
    participant(user, ParticipantAction::Read, row, assigned)?;
    let allowed = match action {
        HousingAction::Read => true,
        HousingAction::JoinQueue => {
            manages_housing(user.role) || (user.role == Role::Caseworker && assigned)
        }
        HousingAction::Manage => manages_housing(user.role),
        HousingAction::Support => manages_housing(user.role) || user.role == Role::HousingSupport,
        HousingAction::RecordStage => {
            manages_housing(user.role)
                || matches!(user.role, Role::HousingSupport | Role::Caseworker)
        }
    };
    if allowed {
        Ok(())
    } else {
        Err(ApiError::forbidden(
            "your role may not make this change to a participant's housing",
        ))
    }
}

/// Programmes are created and changed by the unit's manager (or an administrator).
pub fn manage_programme(user: &CurrentUser, unit_id: &str) -> ApiResult<()> {
    match user.role {
        Role::Admin => Ok(()),
        Role::Manager if user.in_unit(unit_id) => Ok(()),
        Role::Manager => Err(ApiError::forbidden(
            "you may manage programmes only in your own units",
        )),
        _ => Err(ApiError::forbidden(
            "only managers and administrators manage programmes",
        )),
    }
}

/// Merging (and undoing a merge of) duplicate participant records is an administrator's task:
/// it moves records across units and must not depend on who can see which case.
pub fn merge_participants(user: &CurrentUser) -> ApiResult<()> {
    if user.role == Role::Admin {
        Ok(())
    } else {
        Err(ApiError::forbidden(
            "only administrators merge participant records",
        ))
    }
}

/// Housing sites and apartments are not personal data: every role that reads participants reads
/// them in its own units. Returns the units the caller may read.
pub fn read_housing_inventory(user: &CurrentUser) -> ApiResult<Vec<String>> {
    if reads_participants(user.role) {
        Ok(user.unit_ids.clone())
    } else {
        Err(ApiError::forbidden(
            "your role does not give access to housing",
        ))
    }
}

/// May the caller read the inventory of `unit_id`?
pub fn read_housing_unit(user: &CurrentUser, unit_id: &str) -> ApiResult<()> {
    read_housing_inventory(user)?;
    if user.in_unit(unit_id) {
        Ok(())
    } else {
        Err(ApiError::forbidden(
            "this belongs to a unit you do not work in",
        ))
    }
}

/// Sites, apartments and random draws are written by housing coordinators and managers in their
/// own units.
pub fn write_housing_inventory(user: &CurrentUser, unit_id: &str) -> ApiResult<()> {
    if !manages_housing(user.role) {
        return Err(ApiError::forbidden(
            "only housing coordinators and managers change the housing inventory and the queue",
        ));
    }
    if !user.in_unit(unit_id) {
        return Err(ApiError::forbidden(
            "this belongs to a unit you do not work in",
        ));
    }
    Ok(())
}

/// Whether the occupancy board may show who this is (else "skyddad", without name or id).
pub fn sees_identity(user: &CurrentUser, row: &ParticipantRow, assigned: bool) -> bool {
    participant(user, ParticipantAction::Read, row, assigned).is_ok()
}

/// Caseload limits of housing-support workers are set by managers.
pub fn set_caseload_limits(user: &CurrentUser) -> ApiResult<()> {
    if user.role == Role::Manager {
        Ok(())
    } else {
        Err(ApiError::forbidden("only managers set caseload limits"))
    }
}

/// Duplicate checks are for those who register participants, and administrators who merge.
pub fn check_duplicates(user: &CurrentUser) -> ApiResult<()> {
    if writes_participants(user.role) || user.role == Role::Admin {
        Ok(())
    } else {
        Err(ApiError::forbidden(
            "your role does not register participants",
        ))
    }
}

/// Who writes action plans: those who draw them up and follow them up with the participant.
fn writes_action_plans(role: Role) -> bool {
    matches!(
        role,
        Role::Manager
            | Role::Caseworker
            | Role::HousingSupport
            | Role::TreatmentStaff
            | Role::WorkConsultant
    )
}

/// May the caller read (`write` false) or write a participant's action plans? Reading follows
/// [`participant`]; writing needs one of the roles in the module table.
pub fn action_plan(
    user: &CurrentUser,
    write: bool,
    row: &ParticipantRow,
    assigned: bool,
) -> ApiResult<()> {
    participant(user, ParticipantAction::Read, row, assigned)?;
    if write && !writes_action_plans(user.role) {
        return Err(ApiError::forbidden(
            "your role may read but not write action plans",
        ));
    }
    Ok(())
}

/// May the caller read (`write` false) or write the method evaluations of a programme in `unit_id`?
pub fn method_evaluation(user: &CurrentUser, write: bool, unit_id: &str) -> ApiResult<()> {
    if user.role == Role::Admin || !user.in_unit(unit_id) {
        return Err(ApiError::forbidden(
            "method evaluations are for the staff of the programme's unit",
        ));
    }
    if write && user.role != Role::Manager {
        return Err(ApiError::forbidden(
            "only the unit's manager writes method evaluations",
        ));
    }
    Ok(())
}

/// Whose due list a caller may see. Everyone who reads participants sees their own; managers also
/// see a colleague's in their units, or the whole unit's. Returns `(staff filter, unit filter)`.
pub fn due_list(
    user: &CurrentUser,
    staff_id: Option<&str>,
    staff_units: &[String],
    unit_id: Option<&str>,
) -> ApiResult<(Option<String>, Option<String>)> {
    if !reads_participants(user.role) {
        return Err(ApiError::forbidden(
            "your role does not give access to participants",
        ));
    }
    if let Some(unit) = unit_id
        && !user.in_unit(unit)
    {
        return Err(ApiError::forbidden("this unit is not one you work in"));
    }
    match staff_id.filter(|s| *s != user.staff_id) {
        None => {
            // A manager asking for a unit without naming anyone gets the whole unit.
            if staff_id.is_none() && unit_id.is_some() && user.role == Role::Manager {
                Ok((None, unit_id.map(str::to_owned)))
            } else {
                Ok((Some(user.staff_id.clone()), unit_id.map(str::to_owned)))
            }
        }
        Some(other) => {
            let shares_unit = staff_units.iter().any(|u| user.in_unit(u));
            if user.role == Role::Manager && shares_unit {
                Ok((Some(other.to_owned()), unit_id.map(str::to_owned)))
            } else {
                Err(ApiError::forbidden(
                    "only a manager of the same unit sees a colleague's due list",
                ))
            }
        }
    }
}

/// May the caller read (`write` false) or write this participant's housing search cases?
pub fn housing_search(
    user: &CurrentUser,
    write: bool,
    row: &ParticipantRow,
    assigned: bool,
) -> ApiResult<()> {
    participant(user, ParticipantAction::Read, row, assigned)?;
    if write && !writes_housing_search(user.role) {
        return Err(ApiError::forbidden(
            "only caseworkers, housing coordinators and managers write housing search cases",
        ));
    }
    Ok(())
}

/// May the caller read (`write` false) or write this participant's temporary-housing stays?
pub fn temporary_stay(
    user: &CurrentUser,
    write: bool,
    row: &ParticipantRow,
    assigned: bool,
) -> ApiResult<()> {
    participant(user, ParticipantAction::Read, row, assigned)?;
    if write && !writes_housing_search(user.role) {
        return Err(ApiError::forbidden(
            "only caseworkers, housing coordinators and managers record temporary stays",
        ));
    }
    Ok(())
}

/// May the caller read (`write` false) or write housing-course and group sessions of `unit_id`?
pub fn housing_course(user: &CurrentUser, write: bool, unit_id: &str) -> ApiResult<()> {
    read_housing_unit(user, unit_id)?;
    if write
        && !matches!(
            user.role,
            Role::Manager | Role::HousingCoordinator | Role::HousingSupport
        )
    {
        return Err(ApiError::forbidden(
            "only housing coordinators, housing support and managers record course sessions",
        ));
    }
    Ok(())
}

/// Whose caseload the caller may see in the overview of `unit_id`: `None` everyone's,
/// `Some(staff_id)` only their own.
pub fn caseload_overview(user: &CurrentUser, unit_id: &str) -> ApiResult<Option<String>> {
    read_housing_unit(user, unit_id)?;
    match user.role {
        Role::Manager | Role::HousingCoordinator => Ok(None),
        Role::HousingSupport => Ok(Some(user.staff_id.clone())),
        _ => Err(ApiError::forbidden(
            "the caseload overview is for managers, housing coordinators and housing support",
        )),
    }
}

/// Who writes housing search cases and temporary stays.
fn writes_housing_search(role: Role) -> bool {
    matches!(
        role,
        Role::Manager | Role::Caseworker | Role::HousingCoordinator
    )
}

/// Who writes a participant's work-rehabilitation records (see the work table above).
fn writes_work(role: Role) -> bool {
    matches!(
        role,
        Role::Manager | Role::Caseworker | Role::WorkConsultant
    )
}

/// May the caller read (`write` false) or write a participant's work-rehabilitation records
/// (activities, agreements, outcomes, hand-overs, study visits)? Reading follows [`participant`].
pub fn work_record(
    user: &CurrentUser,
    write: bool,
    row: &ParticipantRow,
    assigned: bool,
) -> ApiResult<()> {
    participant(user, ParticipantAction::Read, row, assigned)?;
    if write && !writes_work(user.role) {
        return Err(ApiError::forbidden(
            "your role may read but not record work rehabilitation",
        ));
    }
    Ok(())
}

/// Every role that reads participants reads the employer register.
pub fn read_employers(user: &CurrentUser) -> ApiResult<()> {
    if reads_participants(user.role) {
        Ok(())
    } else {
        Err(ApiError::forbidden(
            "your role does not give access to employers",
        ))
    }
}

/// Work consultants and managers keep the employer register.
pub fn write_employers(user: &CurrentUser) -> ApiResult<()> {
    if matches!(user.role, Role::WorkConsultant | Role::Manager) {
        Ok(())
    } else {
        Err(ApiError::forbidden(
            "only work consultants and managers change employers",
        ))
    }
}

/// Who may read reports (`/reports/...`), and for which units. Figures: managers and caseworkers,
/// in their own units (all of them when no unit is named). Drill-down (who is counted where):
/// managers only. Admins read no case data, so no reports either. Returns the units to count.
pub fn reports(
    user: &CurrentUser,
    unit_id: Option<&str>,
    drilldown: bool,
) -> ApiResult<Vec<String>> {
    if !matches!(user.role, Role::Manager | Role::Caseworker) {
        return Err(ApiError::forbidden(
            "only managers and caseworkers read reports",
        ));
    }
    if drilldown && user.role != Role::Manager {
        return Err(ApiError::forbidden(
            "only managers see who is counted in a report (drill-down)",
        ));
    }
    match unit_id {
        Some(unit) if !user.in_unit(unit) => {
            Err(ApiError::forbidden("this unit is not one you work in"))
        }
        Some(unit) => Ok(vec![unit.to_owned()]),
        None => Ok(user.unit_ids.clone()),
    }
}

/// Whether a report output may name this person (else "skyddad", without name or id). Protected
/// identities are named only to managers and to their responsible caseworker.
pub fn report_names(user: &CurrentUser, protected: bool, responsible: Option<&str>) -> bool {
    !protected || sees_all_protected(user.role) || responsible == Some(user.staff_id.as_str())
}

// Import and export (issue 8): `import` decides whether the role may import a resource at all;
// each row is then authorised like its JSON create/update (e.g. [`create_participant`] for its
// unit). Exports follow the list's scope ([`participant_scope`]).

/// May the caller import `resource` (rows are checked one by one after this)?
pub fn import(user: &CurrentUser, resource: &str) -> ApiResult<()> {
    let allowed = match resource {
        "participants" => writes_participants(user.role),
        "employers" => write_employers(user).is_ok(),
        "apartments" => manages_housing(user.role),
        "referrals" => writes_participants(user.role),
        "contacts" => writes_casework(user.role),
        "activities" => writes_work(user.role),
        "enrolments" => writes_casework(user.role),
        "tenancies" => manages_housing(user.role),
        // Caseworkers may queue the participants they are assigned to (checked row by row).
        "queue-entries" => manages_housing(user.role) || user.role == Role::Caseworker,
        _ => false,
    };
    if allowed {
        Ok(())
    } else {
        Err(ApiError::forbidden(format!(
            "your role may not import {resource}"
        )))
    }
}

/// An import job is seen by the account that started it.
pub fn import_job(user: &CurrentUser, started_by: &str) -> ApiResult<()> {
    if user.staff_id == started_by {
        Ok(())
    } else {
        Err(ApiError::not_found("import"))
    }
}

/// The register extract (registerutdrag, GDPR right of access): managers of the participant's
/// unit (protected identities included) and administrators, who answer such requests.
pub fn register_extract(user: &CurrentUser, participant: &ParticipantRow) -> ApiResult<()> {
    match user.role {
        Role::Admin => Ok(()),
        Role::Manager if user.in_unit(&participant.unit_id) => Ok(()),
        Role::Manager if participant.protected_identity => Err(ApiError::not_found("participant")),
        Role::Manager => Err(ApiError::forbidden(
            "this participant belongs to a unit you do not work in",
        )),
        _ => Err(ApiError::forbidden(
            "only managers and administrators make register extracts",
        )),
    }
}

/// Retention (gallring): managers list the closed cases of their own units whose retention period
/// has passed, and approve their removal ([`participant`] decides per case, so the unit counts).
pub fn retention(user: &CurrentUser) -> ApiResult<()> {
    if user.role == Role::Manager {
        Ok(())
    } else {
        Err(ApiError::forbidden(
            "only managers review and approve retention (gallring)",
        ))
    }
}
