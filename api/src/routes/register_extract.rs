//! `GET /api/v1/participants/{id}/register-extract`: the register extract (registerutdrag) for a
//! person's right of access under the GDPR — every stored record about them and every audit entry
//! of who read or changed their data, as JSON or as a printable Swedish HTML document.

use std::collections::HashMap;
use std::fmt::Write as _;

use actix_web::{HttpResponse, get, web};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_actix_web::service_config::ServiceConfig;

use crate::app::AppState;
use crate::audit::{self, Action, Outcome};
use crate::auth::CurrentUser;
use crate::auth::policy;
use crate::error::{ApiError, ApiResult};
use crate::extract::ApiQuery;
use crate::routes::utc;
use crate::store::audit::AuditFilter;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(get_register_extract);
}

/// The stored rows of one kind (one database table) about the person.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ExtractRecords {
    /// The kind of record (table name), e.g. `referrals`.
    #[schema(example = "referrals")]
    pub kind: String,
    /// The rows as stored, column by column.
    pub rows: Vec<serde_json::Value>,
}

/// Who did what with the person's data, and when.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ExtractAuditEntry {
    pub at: chrono::DateTime<chrono::Utc>,
    pub actor_id: Option<String>,
    /// The staff member's name (null for the system).
    pub actor: Option<String>,
    #[schema(example = "read")]
    pub action: String,
    #[schema(example = "participant")]
    pub resource_type: String,
    pub resource_id: Option<String>,
    #[schema(example = "success")]
    pub outcome: String,
}

/// Everything stored about one participant.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RegisterExtract {
    pub participant_id: String,
    pub generated_at: chrono::DateTime<chrono::Utc>,
    /// Who made the extract.
    pub generated_by: String,
    /// The participant record itself.
    pub participant: serde_json::Value,
    /// Every other record about the person, by kind.
    pub records: Vec<ExtractRecords>,
    /// Every audit entry about the person, newest first (including this extract).
    pub audit: Vec<ExtractAuditEntry>,
}

#[derive(Debug, Clone, Copy, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ExtractFormat {
    Json,
    Html,
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ExtractQuery {
    /// `json` (default) or `html` (a printable Swedish document).
    #[param(inline)]
    format: Option<ExtractFormat>,
}

/// The register extract of one participant: every record and every audit entry about them.
/// Managers of the participant's unit and administrators; audited.
#[utoipa::path(
    tag = "participants",
    params(("id" = uuid::Uuid, Path, description = "Participant id"), ExtractQuery),
    responses(
        (status = 200, description = "The extract (JSON, or HTML with `format=html`)",
            content((RegisterExtract = "application/json"), (String = "text/html"))),
        (status = 403, body = crate::error::Problem, content_type = "application/problem+json"),
        (status = 404, body = crate::error::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[get("/participants/{id}/register-extract")]
async fn get_register_extract(
    state: web::Data<AppState>,
    user: CurrentUser,
    id: web::Path<uuid::Uuid>,
    ApiQuery(query): ApiQuery<ExtractQuery>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner().to_string();
    let generated_by = user.display_name.clone();
    let extract = state
        .db
        .tx(move |store| {
            let row = store
                .get_participant(&id)?
                .ok_or_else(|| ApiError::not_found("participant"))?;
            let entry = |outcome| {
                audit::entry(
                    Some(&user.staff_id),
                    Action::Read,
                    "register_extract",
                    Some(&id),
                    Some(&id),
                    outcome,
                )
            };
            if let Err(denied) = policy::register_extract(&user, &row) {
                store.insert_audit(&[entry(Outcome::Denied)])?;
                return Ok(Err(denied));
            }
            store.insert_audit(&[entry(Outcome::Success)])?;
            let mut sections = store.register_extract(&id)?;
            let participant = sections
                .iter()
                .position(|s| s.table == "participants")
                .map(|i| sections.remove(i))
                .and_then(|s| s.rows.into_iter().next())
                .unwrap_or(serde_json::Value::Null);
            let filter = AuditFilter {
                participant_id: Some(id.clone()),
                limit: i64::MAX,
                ..AuditFilter::default()
            };
            let (entries, _) = store.list_audit(&filter)?;
            let mut names: HashMap<String, Option<String>> = HashMap::new();
            let mut audit = Vec::with_capacity(entries.len());
            for e in entries {
                let actor = match &e.actor_id {
                    Some(actor) => match names.get(actor) {
                        Some(name) => name.clone(),
                        None => {
                            let name = store.get_staff(actor)?.map(|s| s.display_name);
                            names.insert(actor.clone(), name.clone());
                            name
                        }
                    },
                    None => None,
                };
                audit.push(ExtractAuditEntry {
                    at: utc(e.at),
                    actor_id: e.actor_id,
                    actor,
                    action: e.action,
                    resource_type: e.resource_type,
                    resource_id: e.resource_id,
                    outcome: e.outcome,
                });
            }
            Ok(Ok(RegisterExtract {
                participant_id: id,
                generated_at: utc(crate::store::time::now()),
                generated_by,
                participant,
                records: sections
                    .into_iter()
                    .map(|s| ExtractRecords {
                        kind: s.table,
                        rows: s.rows,
                    })
                    .collect(),
                audit,
            }))
        })
        .await??;
    match query.format.unwrap_or(ExtractFormat::Json) {
        ExtractFormat::Json => Ok(HttpResponse::Ok().json(extract)),
        ExtractFormat::Html => Ok(HttpResponse::Ok()
            .content_type("text/html; charset=utf-8")
            .body(render_html(&extract))),
    }
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

fn cell(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::Null => String::new(),
        serde_json::Value::Bool(true) => "ja".into(),
        serde_json::Value::Bool(false) => "nej".into(),
        serde_json::Value::String(s) => escape(s),
        other => escape(&other.to_string()),
    }
}

/// Swedish headings for the kinds of record; other kinds keep their technical name.
fn heading(kind: &str) -> &str {
    match kind {
        "participant_assignments" => "Tilldelad personal",
        "referrals" => "Remisser",
        "enrolments" => "Inskrivningar",
        "contacts" | "contact_participants" => "Kontakter",
        "relapses" => "Återfall",
        "consents" => "Samtycken",
        "asi_interviews" => "ASI-intervjuer",
        "tenancies" => "Boenden",
        "housing_stage_changes" => "Boendetrappan",
        "queue_entries" | "queue_draw_members" => "Bostadskö",
        "housing_follow_ups" => "Uppföljningar av boende",
        "risk_events" => "Riskhändelser",
        "housing_search_cases" => "Bostadssökande",
        "temporary_stays" => "Tillfälliga boenden",
        "housing_course_attendance" => "Boendeskola",
        "action_plans" => "Handlingsplaner",
        "study_visits" => "Studiebesök",
        "activities" => "Aktiviteter",
        "employment_outcomes" => "Utfall arbete",
        "handovers" => "Överlämningar",
        other => other,
    }
}

fn table(out: &mut String, rows: &[serde_json::Value]) {
    let mut columns: Vec<&String> = Vec::new();
    for row in rows {
        if let Some(object) = row.as_object() {
            for key in object.keys() {
                if !columns.contains(&key) {
                    columns.push(key);
                }
            }
        }
    }
    out.push_str("<table><thead><tr>");
    for c in &columns {
        let _ = write!(out, "<th scope=\"col\">{}</th>", escape(c));
    }
    out.push_str("</tr></thead><tbody>");
    for row in rows {
        out.push_str("<tr>");
        for c in &columns {
            let _ = write!(
                out,
                "<td>{}</td>",
                row.get(c.as_str()).map(cell).unwrap_or_default()
            );
        }
        out.push_str("</tr>");
    }
    out.push_str("</tbody></table>");
}

/// A printable document. No scripts and inline styles only (the CSP allows inline styles).
fn render_html(extract: &RegisterExtract) -> String {
    let p = &extract.participant;
    let text = |key: &str| p.get(key).map(cell).unwrap_or_default();
    let mut out = String::new();
    let _ = write!(
        out,
        "<!doctype html><html lang=\"sv\"><head><meta charset=\"utf-8\">\
         <title>Registerutdrag – {first} {last}</title>\
         <style>body{{font-family:sans-serif;margin:2em}}table{{border-collapse:collapse;margin-bottom:1.5em;font-size:.85em}}\
         th,td{{border:1px solid #999;padding:.2em .4em;text-align:left;vertical-align:top}}\
         @media print{{h2{{break-after:avoid}}}}</style></head><body>\
         <h1>Registerutdrag</h1>\
         <p>Utdrag enligt artikel 15 i dataskyddsförordningen (GDPR) över de personuppgifter som \
         behandlas i Stegvis om:</p>\
         <dl><dt>Namn</dt><dd>{first} {last}</dd><dt>Personnummer</dt><dd>{pin}</dd></dl>\
         <p>Upprättat {at} av {by}.</p>",
        first = text("first_name"),
        last = text("last_name"),
        pin = text("personal_identity_number"),
        at = extract.generated_at.format("%Y-%m-%d %H:%M UTC"),
        by = escape(&extract.generated_by),
    );
    out.push_str("<h2>Uppgifter om personen</h2>");
    table(&mut out, std::slice::from_ref(p));
    for records in &extract.records {
        let _ = write!(out, "<h2>{}</h2>", escape(heading(&records.kind)));
        table(&mut out, &records.rows);
    }
    out.push_str(
        "<h2>Vem har läst eller ändrat uppgifterna</h2><table><thead><tr>\
        <th scope=\"col\">Tid</th><th scope=\"col\">Vem</th><th scope=\"col\">Åtgärd</th>\
        <th scope=\"col\">Uppgift</th><th scope=\"col\">Utfall</th></tr></thead><tbody>",
    );
    for e in &extract.audit {
        let _ = write!(
            out,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            e.at.format("%Y-%m-%d %H:%M:%S"),
            escape(e.actor.as_deref().unwrap_or("systemet")),
            escape(&e.action),
            escape(&e.resource_type),
            escape(&e.outcome),
        );
    }
    out.push_str("</tbody></table></body></html>");
    out
}
