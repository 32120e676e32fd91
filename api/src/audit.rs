//! Building audit entries. Entries name who, when, what action, on which resource and participant,
//! and the outcome — ids only, never names or identity numbers. They are written in the same
//! transaction as the data they describe, so an entry is durable before the response is sent.

use crate::auth::CurrentUser;
use crate::store::audit::AuditRow;
use crate::store::time;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Read,
    List,
    Create,
    Update,
    Close,
    Reopen,
    Login,
    LoginFailed,
    Logout,
    Draw,
    Delete,
    Merge,
    UndoMerge,
    /// Named in a report's drill-down.
    Report,
    /// Included in a bulk export.
    Export,
}

impl Action {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Read => "read",
            Self::List => "list",
            Self::Create => "create",
            Self::Update => "update",
            Self::Close => "close",
            Self::Reopen => "reopen",
            Self::Login => "login",
            Self::LoginFailed => "login_failed",
            Self::Logout => "logout",
            Self::Draw => "draw",
            Self::Delete => "delete",
            Self::Merge => "merge",
            Self::UndoMerge => "undo_merge",
            Self::Report => "report",
            Self::Export => "export",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Success,
    Denied,
}

impl Outcome {
    fn as_str(self) -> &'static str {
        match self {
            Self::Success => "success",
            Self::Denied => "denied",
        }
    }
}

/// One entry; `participant_id` is set whenever the resource is a participant's data.
pub fn entry(
    actor_id: Option<&str>,
    action: Action,
    resource_type: &str,
    resource_id: Option<&str>,
    participant_id: Option<&str>,
    outcome: Outcome,
) -> AuditRow {
    AuditRow {
        id: time::new_id(),
        at: time::now(),
        actor_id: actor_id.map(str::to_owned),
        action: action.as_str().to_owned(),
        resource_type: resource_type.to_owned(),
        resource_id: resource_id.map(str::to_owned),
        participant_id: participant_id.map(str::to_owned),
        outcome: outcome.as_str().to_owned(),
    }
}

/// An entry about one participant's record, by the current user.
pub fn participant(user: &CurrentUser, action: Action, id: &str, outcome: Outcome) -> AuditRow {
    entry(
        Some(&user.staff_id),
        action,
        "participant",
        Some(id),
        Some(id),
        outcome,
    )
}

/// An entry about a housing record (`resource_type`, e.g. "tenancy") of a participant.
pub fn housing(
    user: &CurrentUser,
    action: Action,
    resource_type: &str,
    resource_id: &str,
    participant_id: &str,
    outcome: Outcome,
) -> AuditRow {
    entry(
        Some(&user.staff_id),
        action,
        resource_type,
        Some(resource_id),
        Some(participant_id),
        outcome,
    )
}
