//! `/api/v1/exports`: the same resources in the same formats as the imports (so an export can be
//! imported again), filtered like the lists, streamed page by page.

use actix_web::http::header;
use actix_web::web::Bytes;
use actix_web::{HttpResponse, get, web};
use domain::participant::ParticipantStatus;
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_actix_web::service_config::ServiceConfig;

use crate::app::AppState;
use crate::audit::{self, Action, Outcome};
use crate::auth::CurrentUser;
use crate::auth::policy;
use crate::error::{ApiError, ApiResult};
use crate::extract::ApiQuery;
use crate::import::Format;
use crate::import::columns::{Columns, cell_text};
use crate::import::participants::participant_record;
use crate::routes::imports::ImportResource;
use crate::routes::participants::ParticipantInput;
use crate::store::participants::{ParticipantFilter, ParticipantSort};

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(utoipa_actix_web::scope("/exports").service(export_resource));
}

/// Rows per page read from the database (one short transaction, with its audit entries, each).
const PAGE: i64 = 1_000;

#[derive(Debug, Clone, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ExportQuery {
    /// `csv` (default: UTF-8 with BOM, `;`, CRLF — opens in Swedish Excel) or `ndjson`.
    #[param(inline)]
    format: Option<Format>,
    /// Only this unit (must be one of yours).
    unit_id: Option<uuid::Uuid>,
    status: Option<ParticipantStatus>,
    /// Only participants with this responsible caseworker.
    caseworker_id: Option<uuid::Uuid>,
    /// Text search on name and personnummer, as in the list.
    q: Option<String>,
}

/// Export every record you may see, as a file with the import's columns. Each exported
/// participant is audited. The body is streamed, so any size is fine.
#[utoipa::path(
    tag = "imports",
    params(("resource" = ImportResource, Path, description = "What to export"), ExportQuery),
    responses(
        (status = 200, description = "The file", content((String = "text/csv"), (String = "application/x-ndjson"))),
        (status = 403, body = crate::error::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[get("/{resource}")]
async fn export_resource(
    state: web::Data<AppState>,
    user: CurrentUser,
    resource: web::Path<ImportResource>,
    ApiQuery(query): ApiQuery<ExportQuery>,
) -> ApiResult<HttpResponse> {
    let ImportResource::Participants = resource.into_inner();
    let scope = policy::participant_scope(&user, state.today())?;
    if let Some(unit) = query.unit_id
        && !user.in_unit(&unit.to_string())
    {
        return Err(ApiError::forbidden("this unit is not one you work in"));
    }
    let text = query
        .q
        .as_deref()
        .map(str::trim)
        .filter(|q| !q.is_empty())
        .map(|q| domain::participant::search_key(&[q]));
    let filter = ParticipantFilter {
        scope,
        unit_id: query.unit_id.map(|u| u.to_string()),
        status: query.status.map(|s| s.as_str().to_owned()),
        caseworker_id: query.caseworker_id.map(|c| c.to_string()),
        text,
        sort: ParticipantSort::CreatedAt,
        limit: PAGE,
        offset: 0,
    };
    let format = query.format.unwrap_or(Format::Csv);
    let columns = Columns::of::<ParticipantInput>();
    let pages = Pages {
        state,
        user,
        filter,
        after: None,
        started: false,
        done: false,
    };
    let stream = futures_util::stream::unfold(pages, move |mut pages| {
        let columns = columns.clone();
        async move {
            if pages.done {
                return None;
            }
            let first = !pages.started;
            pages.started = true;
            let rows = match pages.next().await {
                Ok(rows) => rows,
                Err(e) => {
                    log::error!("export failed: {e}");
                    pages.done = true;
                    return Some((Err(actix_web::Error::from(e)), pages));
                }
            };
            let mut out = Vec::new();
            if first && format == Format::Csv {
                out.extend_from_slice(b"\xEF\xBB\xBF");
                out.extend_from_slice(&csv_line(&columns.names));
            }
            for row in &rows {
                let record = participant_record(row);
                match format {
                    Format::Csv => {
                        let cells: Vec<String> = columns
                            .names
                            .iter()
                            .map(|c| record.get(c).map(cell_text).unwrap_or_default())
                            .collect();
                        out.extend_from_slice(&csv_line(&cells));
                    }
                    Format::Ndjson => {
                        if let Ok(line) = serde_json::to_vec(&record) {
                            out.extend_from_slice(&line);
                            out.push(b'\n');
                        }
                    }
                }
            }
            Some((Ok(Bytes::from(out)), pages))
        }
    });
    let (content_type, extension) = match format {
        Format::Csv => ("text/csv; charset=utf-8", "csv"),
        Format::Ndjson => ("application/x-ndjson", "ndjson"),
    };
    Ok(HttpResponse::Ok()
        .content_type(content_type)
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"participants.{extension}\""),
        ))
        .streaming(stream))
}

/// One CSV line as Swedish Excel writes it: `;` between fields, quotes where needed, CRLF.
fn csv_line<S: AsRef<[u8]>>(cells: &[S]) -> Vec<u8> {
    let mut writer = csv::WriterBuilder::new()
        .delimiter(b';')
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    // Writing into a Vec cannot fail.
    let _ = writer.write_record(cells);
    writer.into_inner().unwrap_or_default()
}

/// The export's position: keyset paging by id, so each page is one cheap indexed read.
struct Pages {
    state: web::Data<AppState>,
    user: CurrentUser,
    filter: ParticipantFilter,
    after: Option<String>,
    started: bool,
    done: bool,
}

impl Pages {
    async fn next(&mut self) -> ApiResult<Vec<crate::store::participants::ParticipantRow>> {
        let (filter, user, after) = (self.filter.clone(), self.user.clone(), self.after.clone());
        let rows = self
            .state
            .db
            .tx(move |store| {
                let rows = store.export_participants(&filter, after.as_deref(), PAGE)?;
                let entries: Vec<_> = rows
                    .iter()
                    .map(|r| audit::participant(&user, Action::Export, &r.id, Outcome::Success))
                    .collect();
                store.insert_audit_batch(&entries)?;
                Ok(rows)
            })
            .await?;
        if rows.len() < PAGE as usize {
            self.done = true;
        }
        self.after = rows.last().map(|r| r.id.clone());
        Ok(rows)
    }
}
