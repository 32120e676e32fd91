//! The authorisation matrix: every operation the server documents × every role × (own unit, other
//! unit, protected identity) → allow or deny, from ONE table ([`MATRIX`]). The operations are read
//! from the served OpenAPI document, so a new endpoint without a row fails this test, and so does a
//! row for an endpoint that no longer exists.
//!
//! The three cases use the fictional demo data (every kind of record exists in the demo's first
//! unit) and fresh staff accounts that are never assigned to anyone:
//! - own unit: the caller works in the unit of the record;
//! - other unit: the caller works only in the demo's second unit;
//! - protected identity: the caller works in the unit, but its participants have protected identity
//!   (skyddade personuppgifter), and the caller is neither responsible nor assigned.
//!
//! "Deny" means 403 or 404 (404 where the existence of a protected person must not be revealed);
//! "allow" means the request got past the policy: anything but 401, 403, 404 and 5xx (a 409 or 422
//! from the business rules still proves that the caller was let in). Bodies are the schema's own
//! example (or built from the schema), with every id pointing at a record of the case under test.
//!
//! SQLite only: the decisions are made in Rust (`api/src/auth/policy.rs`), identically on both
//! backends, and the matrix sends about 4 000 requests; the per-backend SQL scoping of lists is
//! covered by `authorisation.rs` on both backends.

use std::collections::BTreeSet;

use reqwest::Method;
use serde_json::{Map, Value, json};
use stegvis_tests::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Admin,
    Manager,
    Caseworker,
    WorkConsultant,
    HousingSupport,
    HousingCoordinator,
    TreatmentStaff,
    ReadOnly,
}
use Role::*;

const ROLES: [Role; 8] = [
    Admin,
    Manager,
    Caseworker,
    WorkConsultant,
    HousingSupport,
    HousingCoordinator,
    TreatmentStaff,
    ReadOnly,
];

impl Role {
    fn name(self) -> &'static str {
        match self {
            Admin => "admin",
            Manager => "manager",
            Caseworker => "caseworker",
            WorkConsultant => "work_consultant",
            HousingSupport => "housing_support",
            HousingCoordinator => "housing_coordinator",
            TreatmentStaff => "treatment_staff",
            ReadOnly => "read_only",
        }
    }
}

/// What decides access besides the role.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Scope {
    /// The role alone: no unit or person is named (lists filter to the caller's units), or shared
    /// reference data (employers, units).
    RoleOnly,
    /// Non-personal data of a unit (inventory, programmes, figures): own unit yes, other unit no.
    /// Administrators work across units where their role is allowed at all.
    Unit,
    /// A participant's record: own unit yes, other unit no, a protected identity only for managers.
    Participant,
    /// Not run here; the reason says where it is tested.
    Skip(&'static str),
}
use Scope::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Case {
    OwnUnit,
    OtherUnit,
    Protected,
}

type Roles = &'static [Role];
const ALL: Roles = &ROLES;
/// Everyone who reads participants (all but the administrator).
const READ: Roles = &[
    Manager,
    Caseworker,
    WorkConsultant,
    HousingSupport,
    HousingCoordinator,
    TreatmentStaff,
    ReadOnly,
];
const PARTICIPANT_WRITE: Roles = &[Manager, Caseworker];
const CASEWORK: Roles = &[
    Manager,
    Caseworker,
    WorkConsultant,
    HousingSupport,
    HousingCoordinator,
    TreatmentStaff,
];
const PLAN_WRITE: Roles = &[
    Manager,
    Caseworker,
    HousingSupport,
    TreatmentStaff,
    WorkConsultant,
];
const WORK_WRITE: Roles = &[Manager, Caseworker, WorkConsultant];
const EMPLOYER_WRITE: Roles = &[Manager, WorkConsultant];
const HOUSING_MANAGE: Roles = &[Manager, HousingCoordinator];
const HOUSING_SUPPORT: Roles = &[Manager, HousingCoordinator, HousingSupport];
const LADDER_WRITE: Roles = &[Manager, HousingCoordinator, HousingSupport, Caseworker];
const SEARCH_WRITE: Roles = &[Manager, Caseworker, HousingCoordinator];
const REPORTS: Roles = &[Manager, Caseworker];
const MANAGER: Roles = &[Manager];
const ADMIN: Roles = &[Admin];
const AUDIT: Roles = &[Admin, Manager];
const STAFF_LIST: Roles = &[Admin, Manager, Caseworker];
const PROGRAMME_WRITE: Roles = &[Admin, Manager];
const DUPLICATES: Roles = &[Admin, Manager, Caseworker];
/// Someone else's housing-support caseload.
const CASELOAD_READ: Roles = &[Manager, HousingCoordinator];
/// Method evaluations and programmes are read by the staff of the programme's unit.
const UNIT_STAFF: Roles = READ;

/// THE table: (method, path, roles allowed, what else decides).
#[rustfmt::skip]
const MATRIX: &[(&str, &str, Roles, Scope)] = &[
    ("GET", "/healthz", ALL, Skip("public: tests/tests/api/health.rs")),
    ("GET", "/readyz", ALL, Skip("public: tests/tests/api/health.rs")),
    ("POST", "/api/v1/auth/login", ALL, Skip("public: tests/tests/api/auth.rs")),
    ("POST", "/api/v1/auth/refresh", ALL, Skip("public (refresh token): tests/tests/api/auth.rs")),
    ("POST", "/api/v1/auth/logout", ALL, Skip("ends the caller's own session: tests/tests/api/auth.rs")),
    ("GET", "/api/v1/auth/me", ALL, RoleOnly),
    // Administration
    ("GET", "/api/v1/units", ALL, RoleOnly),
    ("POST", "/api/v1/units", ADMIN, RoleOnly),
    ("GET", "/api/v1/staff", STAFF_LIST, RoleOnly),
    ("POST", "/api/v1/staff", ADMIN, RoleOnly),
    ("GET", "/api/v1/staff/{id}", ADMIN, RoleOnly),
    ("PUT", "/api/v1/staff/{id}", ADMIN, RoleOnly),
    ("GET", "/api/v1/staff/{id}/caseload", READ, Unit),
    ("GET", "/api/v1/audit", AUDIT, RoleOnly),
    // Participants
    ("GET", "/api/v1/participants", READ, RoleOnly),
    ("POST", "/api/v1/participants", PARTICIPANT_WRITE, Unit),
    ("GET", "/api/v1/participants/duplicates", DUPLICATES, RoleOnly),
    ("GET", "/api/v1/participants/{id}", READ, Participant),
    ("PUT", "/api/v1/participants/{id}", PARTICIPANT_WRITE, Participant),
    ("GET", "/api/v1/participants/{id}/timeline", READ, Participant),
    ("GET", "/api/v1/participants/{id}/main-activity", READ, Participant),
    ("GET", "/api/v1/participants/{id}/assignments", READ, Participant),
    ("POST", "/api/v1/participants/{id}/assignments", PARTICIPANT_WRITE, Participant),
    ("GET", "/api/v1/assignments/{id}", READ, Participant),
    ("PUT", "/api/v1/assignments/{id}", PARTICIPANT_WRITE, Participant),
    ("POST", "/api/v1/assignments/{id}/end", PARTICIPANT_WRITE, Participant),
    ("GET", "/api/v1/participants/{id}/consents", READ, Participant),
    ("POST", "/api/v1/participants/{id}/consents", PARTICIPANT_WRITE, Participant),
    ("GET", "/api/v1/consents/{id}", READ, Participant),
    ("PUT", "/api/v1/consents/{id}", PARTICIPANT_WRITE, Participant),
    ("POST", "/api/v1/consents/{id}/withdraw", PARTICIPANT_WRITE, Participant),
    // Casework
    ("GET", "/api/v1/participants/{id}/contacts", READ, Participant),
    ("POST", "/api/v1/contacts", CASEWORK, Participant),
    ("GET", "/api/v1/contacts/{id}", READ, Participant),
    ("PUT", "/api/v1/contacts/{id}", CASEWORK, Participant),
    ("GET", "/api/v1/participants/{id}/relapses", READ, Participant),
    ("POST", "/api/v1/participants/{id}/relapses", CASEWORK, Participant),
    ("GET", "/api/v1/relapses/{id}", READ, Participant),
    ("PUT", "/api/v1/relapses/{id}", CASEWORK, Participant),
    ("GET", "/api/v1/participants/{id}/asi-interviews", READ, Participant),
    ("POST", "/api/v1/participants/{id}/asi-interviews", CASEWORK, Participant),
    ("GET", "/api/v1/asi-interviews/{id}", READ, Participant),
    ("PUT", "/api/v1/asi-interviews/{id}", CASEWORK, Participant),
    ("GET", "/api/v1/programmes", ALL, RoleOnly),
    ("POST", "/api/v1/programmes", PROGRAMME_WRITE, Unit),
    ("GET", "/api/v1/programmes/{id}", ALL, RoleOnly),
    ("PUT", "/api/v1/programmes/{id}", PROGRAMME_WRITE, Unit),
    ("GET", "/api/v1/programmes/{id}/method-evaluations", UNIT_STAFF, Unit),
    ("POST", "/api/v1/programmes/{id}/method-evaluations", MANAGER, Unit),
    ("GET", "/api/v1/method-evaluations/{id}", UNIT_STAFF, Unit),
    ("PUT", "/api/v1/method-evaluations/{id}", MANAGER, Unit),
    ("GET", "/api/v1/referrals", READ, Participant),
    ("POST", "/api/v1/referrals", PARTICIPANT_WRITE, Participant),
    ("GET", "/api/v1/referrals/{id}", READ, Participant),
    ("PUT", "/api/v1/referrals/{id}", PARTICIPANT_WRITE, Participant),
    ("POST", "/api/v1/referrals/{id}/book-first-meeting", CASEWORK, Participant),
    ("POST", "/api/v1/referrals/{id}/decline", CASEWORK, Participant),
    ("POST", "/api/v1/referrals/{id}/enrol", CASEWORK, Participant),
    ("POST", "/api/v1/referrals/{id}/no-show", CASEWORK, Participant),
    ("POST", "/api/v1/referrals/{id}/withdraw", PARTICIPANT_WRITE, Participant),
    ("GET", "/api/v1/enrolments", READ, Participant),
    ("POST", "/api/v1/enrolments", CASEWORK, Participant),
    ("GET", "/api/v1/enrolments/{id}", READ, Participant),
    ("PUT", "/api/v1/enrolments/{id}", CASEWORK, Participant),
    ("POST", "/api/v1/enrolments/{id}/end", CASEWORK, Participant),
    ("GET", "/api/v1/enrolments/{id}/mapping", READ, Participant),
    ("PUT", "/api/v1/enrolments/{id}/mapping", CASEWORK, Participant),
    ("POST", "/api/v1/enrolments/{id}/mapping/complete", CASEWORK, Participant),
    ("GET", "/api/v1/due-items", READ, Unit),
    // Action plans
    ("GET", "/api/v1/participants/{id}/action-plans", READ, Participant),
    ("POST", "/api/v1/participants/{id}/action-plans", PLAN_WRITE, Participant),
    ("GET", "/api/v1/action-plans/{id}", READ, Participant),
    ("PUT", "/api/v1/action-plans/{id}", PLAN_WRITE, Participant),
    ("GET", "/api/v1/action-plans/{id}/print", READ, Participant),
    ("POST", "/api/v1/action-plans/{id}/activate", PLAN_WRITE, Participant),
    ("POST", "/api/v1/action-plans/{id}/review", PLAN_WRITE, Participant),
    ("POST", "/api/v1/action-plans/{id}/sign", PLAN_WRITE, Participant),
    // Housing
    ("GET", "/api/v1/housing-sites", READ, RoleOnly),
    ("POST", "/api/v1/housing-sites", HOUSING_MANAGE, Unit),
    ("GET", "/api/v1/apartments", READ, Unit),
    ("POST", "/api/v1/apartments", HOUSING_MANAGE, Unit),
    ("GET", "/api/v1/apartments/occupancy", READ, Unit),
    ("GET", "/api/v1/apartments/{id}", READ, Unit),
    ("PUT", "/api/v1/apartments/{id}", HOUSING_MANAGE, Unit),
    ("GET", "/api/v1/tenancies", READ, Participant),
    ("POST", "/api/v1/tenancies", HOUSING_MANAGE, Participant),
    ("GET", "/api/v1/tenancies/{id}", READ, Participant),
    ("PUT", "/api/v1/tenancies/{id}", HOUSING_MANAGE, Participant),
    ("POST", "/api/v1/tenancies/{id}/move-out", HOUSING_MANAGE, Participant),
    ("POST", "/api/v1/tenancies/{id}/take-over", HOUSING_MANAGE, Participant),
    ("GET", "/api/v1/housing-ladder/{participant_id}", READ, Participant),
    ("POST", "/api/v1/housing-ladder/{participant_id}/changes", LADDER_WRITE, Participant),
    ("GET", "/api/v1/queue-entries", READ, Participant),
    ("POST", "/api/v1/queue-entries", HOUSING_MANAGE, Participant),
    ("GET", "/api/v1/queue-entries/summary", READ, Unit),
    ("GET", "/api/v1/queue-entries/{id}", READ, Participant),
    ("PUT", "/api/v1/queue-entries/{id}", HOUSING_MANAGE, Participant),
    ("POST", "/api/v1/queue-entries/{id}/notify", HOUSING_MANAGE, Participant),
    ("POST", "/api/v1/queue-entries/{id}/move-in", HOUSING_MANAGE, Participant),
    ("POST", "/api/v1/queue-entries/{id}/remove", HOUSING_MANAGE, Participant),
    ("POST", "/api/v1/queue-draws", HOUSING_MANAGE, Unit),
    ("GET", "/api/v1/queue-draws/{id}", READ, Unit),
    ("GET", "/api/v1/housing-follow-ups", READ, Participant),
    ("PUT", "/api/v1/housing-follow-ups/{id}", HOUSING_SUPPORT, Participant),
    ("GET", "/api/v1/risk-events", READ, Participant),
    ("POST", "/api/v1/risk-events", HOUSING_SUPPORT, Participant),
    ("POST", "/api/v1/risk-events/{id}/resolve", HOUSING_SUPPORT, Participant),
    ("GET", "/api/v1/housing-support-assignments", READ, Participant),
    ("POST", "/api/v1/housing-support-assignments", HOUSING_MANAGE, Participant),
    ("POST", "/api/v1/housing-support-assignments/{id}/end", HOUSING_MANAGE, Participant),
    ("GET", "/api/v1/housing-support-caseloads", HOUSING_SUPPORT, Unit),
    ("GET", "/api/v1/caseload-limits/{staff_id}", CASELOAD_READ, Unit),
    ("PUT", "/api/v1/caseload-limits/{staff_id}", MANAGER, Unit),
    ("GET", "/api/v1/housing-search-cases", READ, Participant),
    ("POST", "/api/v1/housing-search-cases", SEARCH_WRITE, Participant),
    ("GET", "/api/v1/housing-search-cases/{id}", READ, Participant),
    ("PUT", "/api/v1/housing-search-cases/{id}", SEARCH_WRITE, Participant),
    ("POST", "/api/v1/housing-search-cases/{id}/actions", SEARCH_WRITE, Participant),
    ("POST", "/api/v1/housing-search-cases/{id}/close", SEARCH_WRITE, Participant),
    ("GET", "/api/v1/temporary-stays", READ, Participant),
    ("POST", "/api/v1/temporary-stays", SEARCH_WRITE, Participant),
    ("GET", "/api/v1/temporary-stays/costs", READ, Unit),
    ("GET", "/api/v1/temporary-stays/{id}", READ, Participant),
    ("PUT", "/api/v1/temporary-stays/{id}", SEARCH_WRITE, Participant),
    ("POST", "/api/v1/temporary-stays/{id}/end", SEARCH_WRITE, Participant),
    ("GET", "/api/v1/housing-course-sessions", READ, Unit),
    ("POST", "/api/v1/housing-course-sessions", HOUSING_SUPPORT, Unit),
    ("GET", "/api/v1/housing-course-sessions/{id}", READ, Unit),
    // The attendance list names a participant: whom the writer may see decides.
    ("PUT", "/api/v1/housing-course-sessions/{id}/attendance", HOUSING_SUPPORT, Participant),
    ("GET", "/api/v1/housing-course-progress/{participant_id}", READ, Participant),
    // Work rehabilitation
    ("GET", "/api/v1/employers", READ, RoleOnly),
    ("POST", "/api/v1/employers", EMPLOYER_WRITE, RoleOnly),
    ("GET", "/api/v1/employers/{id}", READ, RoleOnly),
    ("PUT", "/api/v1/employers/{id}", EMPLOYER_WRITE, RoleOnly),
    ("GET", "/api/v1/employers/{id}/placements", READ, RoleOnly),
    ("GET", "/api/v1/activities", READ, Participant),
    ("POST", "/api/v1/activities", WORK_WRITE, Participant),
    ("GET", "/api/v1/activities/{id}", READ, Participant),
    ("PUT", "/api/v1/activities/{id}", WORK_WRITE, Participant),
    ("POST", "/api/v1/activities/{id}/start", WORK_WRITE, Participant),
    ("POST", "/api/v1/activities/{id}/hours", WORK_WRITE, Participant),
    ("POST", "/api/v1/activities/{id}/complete", WORK_WRITE, Participant),
    ("POST", "/api/v1/activities/{id}/end-early", WORK_WRITE, Participant),
    ("GET", "/api/v1/internship-agreements", READ, Participant),
    ("POST", "/api/v1/internship-agreements", WORK_WRITE, Participant),
    ("GET", "/api/v1/internship-agreements/{id}", READ, Participant),
    ("POST", "/api/v1/internship-agreements/{id}/follow-ups", WORK_WRITE, Participant),
    ("POST", "/api/v1/internship-agreements/{id}/extend", WORK_WRITE, Participant),
    ("POST", "/api/v1/internship-agreements/{id}/end-early", WORK_WRITE, Participant),
    ("GET", "/api/v1/employment-outcomes", READ, Participant),
    ("POST", "/api/v1/employment-outcomes", WORK_WRITE, Participant),
    ("GET", "/api/v1/employment-outcomes/{id}", READ, Participant),
    ("GET", "/api/v1/handovers", READ, Participant),
    ("POST", "/api/v1/handovers", WORK_WRITE, Participant),
    ("GET", "/api/v1/handovers/{id}", READ, Participant),
    ("GET", "/api/v1/study-visits", READ, Participant),
    ("POST", "/api/v1/study-visits", WORK_WRITE, Participant),
    ("GET", "/api/v1/study-visits/{id}", READ, Participant),
    // Reports
    ("GET", "/api/v1/reports/programme-outcome", REPORTS, Unit),
    ("GET", "/api/v1/reports/housing", REPORTS, Unit),
    ("GET", "/api/v1/reports/homelessness-count", REPORTS, Unit),
    ("GET", "/api/v1/reports/housing-support", REPORTS, Unit),
    ("GET", "/api/v1/reports/housing-search", REPORTS, Unit),
    // Import and export: the role decides whether a resource may be imported at all; every row is
    // then authorised like its single create (tests/tests/api/imports.rs). The body sent here is
    // JSON, so an allowed role gets 415, a refused one 403.
    ("POST", "/api/v1/imports/{resource}", PARTICIPANT_WRITE, RoleOnly),
    ("GET", "/api/v1/imports", ALL, RoleOnly),
    ("GET", "/api/v1/imports/{id}", ALL, Skip("only the account that started it: tests/tests/api/imports.rs")),
    ("GET", "/api/v1/exports/{resource}", READ, Unit),
    // The register extract (GDPR right of access): managers of the unit, protected identities
    // included, and administrators of every unit.
    ("GET", "/api/v1/participants/{id}/register-extract", AUDIT, Unit),
    // Retention (gallring)
    ("GET", "/api/v1/retention/candidates", MANAGER, Unit),
    ("POST", "/api/v1/retention/approvals", MANAGER, Participant),
    // Destructive operations last: they remove or merge the records the others use.
    ("DELETE", "/api/v1/contacts/{id}", CASEWORK, Participant),
    ("POST", "/api/v1/participants/{id}/close", PARTICIPANT_WRITE, Participant),
    ("POST", "/api/v1/participants/{id}/reopen", PARTICIPANT_WRITE, Participant),
    ("POST", "/api/v1/participants/{id}/merge", ADMIN, RoleOnly),
    ("POST", "/api/v1/participant-merges/{id}/undo", ADMIN, RoleOnly),
];

fn expected(role: Role, roles: Roles, scope: Scope, case: Case) -> bool {
    roles.contains(&role)
        && match scope {
            RoleOnly | Skip(_) => true,
            Unit => case != Case::OtherUnit || role == Admin,
            Participant => case == Case::OwnUnit || (case == Case::Protected && role == Manager),
        }
}

/// Ids of the records each case points at, looked up in the database.
struct Fixture {
    own_unit: String,
    other_unit: String,
    /// Participants of the own unit that were not protected when the test began (SQL list).
    open: String,
    /// Two of them: the subject of participant operations, and a second one (a merge's duplicate).
    first: String,
    second: String,
}

fn one(app: &TestApp, what: &str, sql: &str) -> String {
    query_strings(&app.db, sql)
        .into_iter()
        .next()
        .unwrap_or_else(|| panic!("no {what} in the demo data ({sql}): add one to the fixture"))
}

impl Fixture {
    fn participant_table(&self, app: &TestApp, table: &str) -> String {
        one(
            app,
            table,
            &format!(
                "SELECT t.id AS v FROM {table} t WHERE t.participant_id IN ({}) ORDER BY t.id",
                self.open
            ),
        )
    }

    fn unit_table(&self, app: &TestApp, table: &str) -> String {
        one(
            app,
            table,
            &format!(
                "SELECT id AS v FROM {table} WHERE unit_id = '{}' ORDER BY id",
                self.own_unit
            ),
        )
    }

    /// A staff member of the own unit from the demo (never one of the accounts under test).
    fn colleague(&self, app: &TestApp, username: &str) -> String {
        one(
            app,
            username,
            &format!(
                "SELECT s.id AS v FROM staff s JOIN staff_units su ON su.staff_id = s.id \
                 WHERE s.username = '{username}' AND su.unit_id = '{}'",
                self.own_unit
            ),
        )
    }

    /// The id a path segment `{id}` of `path` stands for.
    fn path_id(&self, app: &TestApp, path: &str) -> String {
        let resource = path
            .trim_start_matches("/api/v1/")
            .split('/')
            .next()
            .unwrap_or_default();
        let p = |t: &str| self.participant_table(app, t);
        match resource {
            "participants" | "housing-ladder" | "housing-course-progress" => self.first.clone(),
            "action-plans" => p("action_plans"),
            "activities" => p("activities"),
            "asi-interviews" => p("asi_interviews"),
            "assignments" => p("participant_assignments"),
            "consents" => p("consents"),
            "employment-outcomes" => p("employment_outcomes"),
            "enrolments" => p("enrolments"),
            "handovers" => p("handovers"),
            "housing-follow-ups" => p("housing_follow_ups"),
            "housing-search-cases" => p("housing_search_cases"),
            "queue-entries" => p("queue_entries"),
            "referrals" => p("referrals"),
            "relapses" => p("relapses"),
            "risk-events" => p("risk_events"),
            "study-visits" => p("study_visits"),
            "temporary-stays" => p("temporary_stays"),
            "tenancies" => p("tenancies"),
            "housing-support-assignments" => one(
                app,
                "housing-support assignment",
                &format!(
                    "SELECT id AS v FROM participant_assignments WHERE kind = 'housing_support' \
                     AND end_date IS NULL AND participant_id IN ({}) ORDER BY id",
                    self.open
                ),
            ),
            "contacts" => one(
                app,
                "contact",
                &format!(
                    "SELECT contact_id AS v FROM contact_participants WHERE participant_id IN ({}) \
                     ORDER BY contact_id",
                    self.open
                ),
            ),
            "internship-agreements" => one(
                app,
                "internship agreement",
                &format!(
                    "SELECT a.id AS v FROM internship_agreements a JOIN activities t \
                     ON t.id = a.activity_id WHERE t.participant_id IN ({}) ORDER BY a.id",
                    self.open
                ),
            ),
            "apartments" => self.unit_table(app, "apartments"),
            "programmes" => self.unit_table(app, "programmes"),
            "queue-draws" => self.unit_table(app, "queue_draws"),
            "housing-course-sessions" => self.unit_table(app, "housing_course_sessions"),
            "method-evaluations" => one(
                app,
                "method evaluation",
                &format!(
                    "SELECT m.id AS v FROM method_evaluations m JOIN programmes p \
                     ON p.id = m.programme_id WHERE p.unit_id = '{}' ORDER BY m.id",
                    self.own_unit
                ),
            ),
            "employers" => one(app, "employer", "SELECT id AS v FROM employers ORDER BY id"),
            "participant-merges" => one(
                app,
                "participant merge",
                "SELECT id AS v FROM participant_merges ORDER BY id",
            ),
            // The account an administrator edits in PUT /staff/{id}: not one the fixture needs.
            "staff" => self.colleague(app, "lisa.lasbehorig"),
            "caseload-limits" => self.colleague(app, "johan.boendestod"),
            other => panic!("no fixture for /{other}/{{id}}: add one to Fixture::path_id"),
        }
    }

    /// The value of a body or query field that names a record (`…_id`), else None.
    fn field_id(&self, app: &TestApp, name: &str) -> Option<String> {
        let p = |t: &str| self.participant_table(app, t);
        Some(match name {
            "participant_id" | "participant_ids" => self.first.clone(),
            "from_id" => self.second.clone(),
            "unit_id" | "unit_ids" => self.own_unit.clone(),
            "programme_id" => self.unit_table(app, "programmes"),
            "apartment_id" => self.unit_table(app, "apartments"),
            "site_id" => self.unit_table(app, "housing_sites"),
            "employer_id" => one(app, "employer", "SELECT id AS v FROM employers ORDER BY id"),
            "activity_id" => p("activities"),
            "enrolment_id" => p("enrolments"),
            "referral_id" => p("referrals"),
            "queue_entry_id" => p("queue_entries"),
            "tenancy_id" => p("tenancies"),
            "staff_id" | "caseworker_id" | "responsible_caseworker_id" | "signed_by" => {
                self.colleague(app, "anna.handlaggare")
            }
            n if n.ends_with("staff_id") => self.colleague(app, "anna.handlaggare"),
            n if n.ends_with("unit_id") => self.own_unit.clone(),
            n if n.ends_with("employer_id") => {
                one(app, "employer", "SELECT id AS v FROM employers ORDER BY id")
            }
            // Other references (a previous plan, a goal carried over …) keep the example's value.
            _ => return None,
        })
    }
}

/// Resolves `$ref`s of the served document.
fn resolve<'a>(doc: &'a Value, schema: &'a Value) -> &'a Value {
    match schema.get("$ref").and_then(Value::as_str) {
        Some(r) => resolve(doc, doc.pointer(r.trim_start_matches('#')).unwrap()),
        None => schema,
    }
}

/// A value for `schema`: its example where it has one, else the simplest valid value; every field
/// that names a record points at the case's record.
fn value_for(doc: &Value, schema: &Value, name: &str, fx: &Fixture, app: &TestApp) -> Value {
    let schema = resolve(doc, schema);
    if let Some(id) = fx.field_id(app, name) {
        return if name.ends_with("_ids") {
            json!([id])
        } else {
            json!(id)
        };
    }
    for key in ["oneOf", "anyOf"] {
        if let Some(options) = schema.get(key).and_then(Value::as_array) {
            let first = options
                .iter()
                .find(|o| resolve(doc, o).get("type") != Some(&json!("null")))
                .unwrap_or(&options[0]);
            return value_for(doc, first, name, fx, app);
        }
    }
    if let Some(all) = schema.get("allOf").and_then(Value::as_array) {
        return value_for(doc, &all[0], name, fx, app);
    }
    if let Some(example) = schema.get("example") {
        return with_fixture_ids(example.clone(), fx, app);
    }
    if let Some(values) = schema.get("enum").and_then(Value::as_array) {
        return values[0].clone();
    }
    let kind = match schema.get("type") {
        Some(Value::Array(types)) => types
            .iter()
            .find(|t| *t != "null")
            .cloned()
            .unwrap_or(Value::Null),
        Some(t) => t.clone(),
        None if schema.get("properties").is_some() => json!("object"),
        None => Value::Null,
    };
    match kind.as_str().unwrap_or("null") {
        "object" => {
            let mut out = Map::new();
            let required: BTreeSet<&str> = schema
                .get("required")
                .and_then(Value::as_array)
                .map(|r| r.iter().filter_map(Value::as_str).collect())
                .unwrap_or_default();
            if let Some(props) = schema.get("properties").and_then(Value::as_object) {
                for (field, s) in props {
                    if required.contains(field.as_str()) {
                        out.insert(field.clone(), value_for(doc, s, field, fx, app));
                    }
                }
            }
            Value::Object(out)
        }
        "array" => {
            let min = schema.get("minItems").and_then(Value::as_u64).unwrap_or(0);
            if min == 0 {
                json!([])
            } else {
                json!([value_for(doc, &schema["items"], name, fx, app)])
            }
        }
        "integer" | "number" => json!(
            schema
                .get("minimum")
                .and_then(Value::as_i64)
                .unwrap_or(1)
                .max(1)
        ),
        "boolean" => json!(false),
        "string" => match schema.get("format").and_then(Value::as_str) {
            Some("date") => json!(chrono::Utc::now().date_naive().to_string()),
            Some("date-time") => json!(chrono::Utc::now().to_rfc3339()),
            Some("uuid") => json!(uuid::Uuid::new_v4().to_string()),
            _ => json!("Matris"),
        },
        _ => Value::Null,
    }
}

/// An example with its record ids replaced by the case's records.
fn with_fixture_ids(value: Value, fx: &Fixture, app: &TestApp) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.into_iter()
                .map(|(k, v)| {
                    let v = match (&v, fx.field_id(app, &k)) {
                        (Value::String(_), Some(id)) => json!(id),
                        (Value::Array(_), Some(id)) => json!([id]),
                        _ => with_fixture_ids(v, fx, app),
                    };
                    (k, v)
                })
                .collect(),
        ),
        Value::Array(items) => Value::Array(
            items
                .into_iter()
                .map(|v| with_fixture_ids(v, fx, app))
                .collect(),
        ),
        other => other,
    }
}

/// The request for one operation: the path with its ids, the query, the body.
fn request_for(
    doc: &Value,
    method: &str,
    path: &str,
    fx: &Fixture,
    app: &TestApp,
) -> (String, Option<Value>) {
    let op = &doc["paths"][path][method.to_lowercase()];
    let mut url = path.to_owned();
    if url.contains("{id}") {
        url = url.replace("{id}", &fx.path_id(app, path));
    }
    if url.contains("{participant_id}") {
        url = url.replace("{participant_id}", &fx.first);
    }
    if url.contains("{resource}") {
        url = url.replace("{resource}", "participants");
    }
    if url.contains("{staff_id}") {
        url = url.replace("{staff_id}", &fx.path_id(app, path));
    }
    let mut query = Vec::new();
    for param in op["parameters"].as_array().into_iter().flatten() {
        let param = resolve(doc, param);
        let name = param["name"].as_str().unwrap();
        let wanted = param["required"] == json!(true)
            || ["participant_id", "unit_id", "period"].contains(&name);
        if param["in"] != "query" || !wanted {
            continue;
        }
        let value = match (param.get("example"), name) {
            (Some(example), _) => example.clone(),
            (None, "period") => json!("2026"),
            (None, _) => value_for(doc, &param["schema"], name, fx, app),
        };
        let text = match value {
            Value::String(s) => s,
            other => other.to_string(),
        };
        query.push(format!("{name}={text}"));
    }
    if !query.is_empty() {
        url = format!("{url}?{}", query.join("&"));
    }
    let body = op["requestBody"]["content"]["application/json"]["schema"]
        .as_object()
        .map(|_| {
            value_for(
                doc,
                &op["requestBody"]["content"]["application/json"]["schema"],
                "",
                fx,
                app,
            )
        });
    (url, body)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_operation_role_and_case_is_allowed_or_denied_as_the_table_says() {
    let app = TestApp::spawn_with(Backend::Sqlite, |c| c.demo = true).await;
    let doc: Value = app
        .client
        .get(app.url("/api/v1/openapi.json"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();

    // Every documented operation has exactly one row, and every row a documented operation.
    let served: BTreeSet<(String, String)> = doc["paths"]
        .as_object()
        .unwrap()
        .iter()
        .flat_map(|(path, item)| {
            item.as_object()
                .unwrap()
                .keys()
                .filter(|m| ["get", "post", "put", "patch", "delete"].contains(&m.as_str()))
                .map(move |m| (m.to_uppercase(), path.clone()))
        })
        .collect();
    let table: Vec<(String, String)> = MATRIX
        .iter()
        .map(|(m, p, _, _)| ((*m).to_owned(), (*p).to_owned()))
        .collect();
    let listed: BTreeSet<(String, String)> = table.iter().cloned().collect();
    assert_eq!(
        listed.len(),
        table.len(),
        "an operation is listed twice in MATRIX"
    );
    let missing: Vec<_> = served.difference(&listed).collect();
    assert!(
        missing.is_empty(),
        "operations without a row in MATRIX: {missing:?}"
    );
    let stale: Vec<_> = listed.difference(&served).collect();
    assert!(
        stale.is_empty(),
        "rows in MATRIX for operations that do not exist: {stale:?}"
    );

    // The demo's first unit holds almost every record; the other unit is the "other unit".
    let own_unit = query_strings(
        &app.db,
        "SELECT su.unit_id AS v FROM staff_units su JOIN staff s ON s.id = su.staff_id \
         WHERE s.username = 'anna.handlaggare'",
    )[0]
    .clone();
    let other_unit = query_strings(
        &app.db,
        &format!("SELECT id AS v FROM units WHERE id <> '{own_unit}' ORDER BY id"),
    )[0]
    .clone();
    let open_ids = query_strings(
        &app.db,
        &format!(
            "SELECT id AS v FROM participants WHERE unit_id = '{own_unit}' \
             AND protected_identity = false AND status = 'active' ORDER BY id"
        ),
    );
    assert!(open_ids.len() >= 2);
    let fx = Fixture {
        open: open_ids
            .iter()
            .map(|id| format!("'{id}'"))
            .collect::<Vec<_>>()
            .join(","),
        first: open_ids[0].clone(),
        second: open_ids[1].clone(),
        own_unit: own_unit.clone(),
        other_unit: other_unit.clone(),
    };

    // Records the demo does not have: made through the API by a manager of the unit (a housing
    // follow-up is scheduled by the system, so it is written directly).
    let manager = app.login_as("manager", &[own_unit.as_str()]).await;
    for (method, path) in [
        ("POST", "/api/v1/participants/{id}/asi-interviews"),
        ("POST", "/api/v1/risk-events"),
        ("POST", "/api/v1/queue-draws"),
        ("POST", "/api/v1/programmes/{id}/method-evaluations"),
    ] {
        let (url, mut body) = request_for(&doc, method, path, &fx, &app);
        if let Some(b) = body.as_mut().filter(|_| path.ends_with("queue-draws")) {
            b["size"] = json!(1);
        }
        let res = app
            .request(
                method.parse::<Method>().unwrap(),
                &url,
                Some(&manager.token),
                body.as_ref(),
            )
            .await;
        let status = res.status();
        assert!(
            status.is_success(),
            "fixture {method} {url}: {status} {}",
            res.text().await.unwrap()
        );
    }
    // A merge to undo: the last two participants of the unit (the others stay as they are).
    let admin = app.admin().await;
    let (into, from) = (&open_ids[open_ids.len() - 2], &open_ids[open_ids.len() - 1]);
    let res = app
        .post(
            &format!("/api/v1/participants/{into}/merge"),
            &admin.token,
            &json!({"from_id": from}),
        )
        .await;
    assert!(
        res.status().is_success(),
        "fixture merge: {}",
        res.text().await.unwrap()
    );
    execute_sql(&app.db, &format!(
        "INSERT INTO housing_follow_ups (id, tenancy_id, participant_id, kind, due_on, created_at, updated_at, version) \
         SELECT '{}', t.id, t.participant_id, 'six_months', '2026-12-01', '2026-01-01 00:00:00', '2026-01-01 00:00:00', 1 \
         FROM tenancies t WHERE t.participant_id IN ({}) ORDER BY t.id LIMIT 1",
        uuid::Uuid::new_v4(), fx.open)).unwrap();

    let mut failures = Vec::new();
    let mut checked = 0;
    for case in [Case::OtherUnit, Case::Protected, Case::OwnUnit] {
        let unit = if case == Case::OtherUnit {
            &fx.other_unit
        } else {
            &fx.own_unit
        };
        let mut sessions = Vec::new();
        for role in ROLES {
            sessions.push((role, app.login_as(role.name(), &[unit.as_str()]).await));
        }
        if case == Case::Protected {
            execute_sql(
                &app.db,
                &format!(
                    "UPDATE participants SET protected_identity = true WHERE id IN ({})",
                    fx.open
                ),
            )
            .unwrap();
        }
        for (method, path, roles, scope) in MATRIX {
            if matches!(scope, Skip(_)) {
                continue;
            }
            for (role, session) in &sessions {
                let (url, body) = request_for(&doc, method, path, &fx, &app);
                // A version (If-Match) so that writes reach the policy instead of stopping at 428.
                let mut req = app
                    .client
                    .request(method.parse::<Method>().unwrap(), app.url(&url))
                    .bearer_auth(&session.token)
                    .header("If-Match", "\"1\"");
                if let Some(body) = &body {
                    req = req.json(body);
                }
                let res = req.send().await.unwrap();
                let status = res.status().as_u16();
                let text = res.text().await.unwrap_or_default();
                checked += 1;
                let allow = expected(*role, roles, *scope, case);
                // A list filtered down to nothing discloses nothing: that is a denial too.
                let empty_list = status == 200
                    && serde_json::from_str::<Value>(&text)
                        .is_ok_and(|v| v["total"] == json!(0) && v["items"] == json!([]));
                let ok = if status >= 500 || status == 401 {
                    false
                } else if allow {
                    !matches!(status, 403 | 404)
                } else {
                    matches!(status, 403 | 404) || empty_list
                };
                if !ok {
                    failures.push(format!(
                        "{case:?} {} {method} {url}: expected {}, got {status} {}",
                        role.name(),
                        if allow { "allow" } else { "deny" },
                        text.chars().take(160).collect::<String>()
                    ));
                }
            }
        }
        if case == Case::Protected {
            execute_sql(
                &app.db,
                &format!(
                    "UPDATE participants SET protected_identity = false WHERE id IN ({})",
                    fx.open
                ),
            )
            .unwrap();
        }
    }
    assert!(checked > 3_000, "only {checked} requests were checked");
    assert!(
        failures.is_empty(),
        "{} of {checked} decisions differ from MATRIX:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
