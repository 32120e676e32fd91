//! The shared shape of casework handlers: one transaction in which every participant touched is
//! loaded and authorised through the permission policy, and every access is audited. A refusal
//! rolls back the transaction and is then audited on its own, so the attempt is logged but
//! nothing else is written.

use std::sync::{Arc, Mutex};

use chrono::NaiveDate;

use crate::app::AppState;
use crate::audit::{self, Action, Outcome};
use crate::auth::CurrentUser;
use crate::auth::policy::{self, ParticipantAction};
use crate::error::{ApiError, ApiResult, FieldError};
use crate::store::Store;
use crate::store::audit::AuditRow;
use crate::store::participants::ParticipantRow;

/// Whether `user` is assigned to `row` on `today`, looked up only when `policy::participant`
/// consults it (see `policy::consults_assignment`); `false` otherwise, which the policy ignores.
pub fn assigned_if_consulted(
    store: &mut dyn Store,
    user: &CurrentUser,
    row: &ParticipantRow,
    today: NaiveDate,
) -> ApiResult<bool> {
    if policy::consults_assignment(user, row) {
        store.is_assigned(row, &user.staff_id, today)
    } else {
        Ok(false)
    }
}

/// What a casework handler's closure works with.
pub struct Ctx<'a> {
    pub store: &'a mut dyn Store,
    pub user: &'a CurrentUser,
    pub today: NaiveDate,
    resource: &'static str,
    action: Action,
    entries: Vec<AuditRow>,
    denials: Vec<AuditRow>,
}

impl<'a> Ctx<'a> {
    /// A context inside a transaction the caller already holds (the import): the caller writes
    /// the audit entries of what it did itself.
    pub fn new(
        store: &'a mut dyn Store,
        user: &'a CurrentUser,
        today: NaiveDate,
        resource: &'static str,
        action: Action,
    ) -> Self {
        Self {
            store,
            user,
            today,
            resource,
            action,
            entries: Vec::new(),
            denials: Vec::new(),
        }
    }

    /// Loads a participant and asks the policy; a refusal is remembered for the audit log.
    pub fn participant(
        &mut self,
        id: &str,
        action: ParticipantAction,
    ) -> ApiResult<ParticipantRow> {
        let row = self
            .store
            .get_participant(id)?
            .ok_or_else(|| ApiError::not_found("participant"))?;
        let assigned = assigned_if_consulted(self.store, self.user, &row, self.today)?;
        if let Err(denied) = policy::participant(self.user, action, &row, assigned) {
            self.denials.push(audit::entry(
                Some(&self.user.staff_id),
                self.action,
                self.resource,
                None,
                Some(id),
                Outcome::Denied,
            ));
            return Err(denied);
        }
        Ok(row)
    }

    /// Like [`Ctx::participant`], with a policy function other than `policy::participant`
    /// (e.g. `policy::action_plan`), given the caller, the participant and whether assigned.
    pub fn participant_by(
        &mut self,
        id: &str,
        check: impl FnOnce(&CurrentUser, &ParticipantRow, bool) -> ApiResult<()>,
    ) -> ApiResult<ParticipantRow> {
        let row = self
            .store
            .get_participant(id)?
            .ok_or_else(|| ApiError::not_found("participant"))?;
        let assigned = self
            .store
            .is_assigned(&row, &self.user.staff_id, self.today)?;
        if let Err(denied) = check(self.user, &row, assigned) {
            self.denials.push(audit::entry(
                Some(&self.user.staff_id),
                self.action,
                self.resource,
                None,
                Some(id),
                Outcome::Denied,
            ));
            return Err(denied);
        }
        Ok(row)
    }

    /// Audits a successful access to this handler's resource about one participant.
    pub fn audit(&mut self, resource_id: Option<&str>, participant_id: &str) {
        self.audit_as(self.action, self.resource, resource_id, participant_id);
    }

    /// Audits a successful access with an explicit action and resource type.
    pub fn audit_as(
        &mut self,
        action: Action,
        resource: &str,
        resource_id: Option<&str>,
        participant_id: &str,
    ) {
        self.entries.push(audit::entry(
            Some(&self.user.staff_id),
            action,
            resource,
            resource_id,
            Some(participant_id),
            Outcome::Success,
        ));
    }
}

/// Runs `f` in one transaction with its audit entries (see the module documentation).
pub async fn run<T: Send + 'static>(
    state: &AppState,
    user: CurrentUser,
    resource: &'static str,
    action: Action,
    f: impl FnOnce(&mut Ctx<'_>) -> ApiResult<T> + Send + 'static,
) -> ApiResult<T> {
    let today = state.today();
    let denials: Arc<Mutex<Vec<AuditRow>>> = Arc::default();
    let pending = Arc::clone(&denials);
    let result = state
        .db
        .tx(move |store| {
            let mut ctx = Ctx {
                store,
                user: &user,
                today,
                resource,
                action,
                entries: Vec::new(),
                denials: Vec::new(),
            };
            let out = f(&mut ctx);
            if let Ok(mut d) = pending.lock() {
                d.append(&mut ctx.denials);
            }
            let value = out?;
            ctx.store.insert_audit(&ctx.entries)?;
            Ok(value)
        })
        .await;
    if result.is_err() {
        let refused = take(&denials);
        if !refused.is_empty() {
            state
                .db
                .tx(move |store| store.insert_audit(&refused))
                .await?;
        }
    }
    result
}

/// Like [`run`] for handlers that only read: no transaction and no write lock; the audit
/// entries (granted and refused) are group-committed by the audit writer, and the result is
/// returned only once they are durable. `f` must not write. The reads are a participant's own
/// rows, found by key: SQLite serves them from the pool without the memory map
/// (`store::SqlitePools`).
pub async fn read<T: Send + 'static>(
    state: &AppState,
    user: CurrentUser,
    resource: &'static str,
    action: Action,
    f: impl FnOnce(&mut Ctx<'_>) -> ApiResult<T> + Send + 'static,
) -> ApiResult<T> {
    let today = state.today();
    let denials: Arc<Mutex<Vec<AuditRow>>> = Arc::default();
    let pending = Arc::clone(&denials);
    let result = state
        .db
        .point_read(move |store| {
            let mut ctx = Ctx {
                store,
                user: &user,
                today,
                resource,
                action,
                entries: Vec::new(),
                denials: Vec::new(),
            };
            let out = f(&mut ctx);
            if let Ok(mut d) = pending.lock() {
                d.append(&mut ctx.denials);
            }
            Ok((out?, ctx.entries))
        })
        .await;
    match result {
        Ok((value, entries)) => {
            state.audit.record(entries).await?;
            Ok(value)
        }
        Err(e) => {
            state.audit.record(take(&denials)).await?;
            Err(e)
        }
    }
}

fn take(rows: &Mutex<Vec<AuditRow>>) -> Vec<AuditRow> {
    rows.lock()
        .map(|mut d| std::mem::take(&mut *d))
        .unwrap_or_default()
}

/// Collects field errors and returns them together.
#[derive(Debug, Default)]
pub struct Errors(pub Vec<FieldError>);

impl Errors {
    pub fn add(&mut self, field: impl Into<String>, message: impl Into<String>) {
        self.0.push(FieldError::new(field, message));
    }

    /// Trimmed optional text; empty is `None`; too long or control characters are errors.
    pub fn text(&mut self, field: &str, value: Option<String>, max: usize) -> Option<String> {
        let v = value
            .map(|v| v.trim().to_owned())
            .filter(|v| !v.is_empty())?;
        if v.chars().count() > max {
            self.add(field, format!("must be at most {max} characters"));
        }
        if v.chars()
            .any(|c| c.is_control() && c != '\n' && c != '\r' && c != '\t')
        {
            self.add(field, "must not contain control characters");
        }
        Some(v)
    }

    /// Like [`Errors::text`] but required.
    pub fn required(&mut self, field: &str, value: String, max: usize) -> String {
        match self.text(field, Some(value), max) {
            Some(v) => v,
            None => {
                self.add(field, "is required");
                String::new()
            }
        }
    }

    pub fn not_future(&mut self, field: &str, date: Option<NaiveDate>, today: NaiveDate) {
        if date.is_some_and(|d| d > today) {
            self.add(field, "must not be in the future");
        }
    }

    pub fn finish(self) -> ApiResult<()> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(ApiError::Validation(self.0))
        }
    }
}

/// Parses a stored text code into its domain enum.
pub fn code<T: std::str::FromStr>(value: &str, column: &str) -> ApiResult<T> {
    value
        .parse()
        .map_err(|_| ApiError::Internal(format!("{column} holds an unknown code")))
}

/// A referenced record that does not exist (or the caller may not use) is a field error.
pub fn missing(field: &str, what: &str) -> ApiError {
    ApiError::field(field, format!("no such {what}"))
}
