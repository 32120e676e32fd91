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
use crate::import::activities::Activities;
use crate::import::apartments::Apartments;
use crate::import::columns::{Columns, cell_text};
use crate::import::contacts::Contacts;
use crate::import::employers::Employers;
use crate::import::enrolments::Enrolments;
use crate::import::generic::{Page, Resource};
use crate::import::participants::participant_record;
use crate::import::queue_entries::QueueEntries;
use crate::import::referrals::Referrals;
use crate::import::tenancies::Tenancies;
use crate::import::{self, Format};
use crate::routes::imports::ImportResource;
use crate::routes::participants::ParticipantInput;
use crate::store::Store;
use crate::store::participants::{ParticipantFilter, ParticipantSort};
use serde_json::{Map, Value};
use std::sync::Arc;

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
    /// Participants only: only this unit (must be one of yours).
    unit_id: Option<uuid::Uuid>,
    /// Participants only: only participants in this state.
    status: Option<ParticipantStatus>,
    /// Participants only: only participants with this responsible caseworker.
    caseworker_id: Option<uuid::Uuid>,
    /// Participants only: text search on name and personnummer, as in the list.
    q: Option<String>,
}

/// Export every record you may see, as a file with the import's columns after the record's `id`
/// (so it imports again: with `mode=upsert` an unchanged export changes nothing, and an edited
/// one updates the records it names). Each exported record holding personal
/// data is audited. The body is streamed in pages, so any size is fine. The filters other than
/// `format` apply to participants only (422 for other resources).
#[utoipa::path(
    tag = "imports",
    params(("resource" = ImportResource, Path, description = "What to export"), ExportQuery),
    responses(
        (status = 200, description = "The file", content((String = "text/csv"), (String = "application/x-ndjson"))),
        (status = 403, body = crate::error::Problem, content_type = "application/problem+json"),
        (status = 422, description = "A participant filter on another resource", body = crate::error::Problem, content_type = "application/problem+json"),
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
    let resource = resource.into_inner();
    let format = query.format.unwrap_or(Format::Csv);
    let (columns, fetch) = match resource {
        ImportResource::Participants => participants(&state, &user, query)?,
        ImportResource::Employers => generic::<Employers>(&state, &user, &query)?,
        ImportResource::Apartments => generic::<Apartments>(&state, &user, &query)?,
        ImportResource::Referrals => generic::<Referrals>(&state, &user, &query)?,
        ImportResource::Contacts => generic::<Contacts>(&state, &user, &query)?,
        ImportResource::Activities => generic::<Activities>(&state, &user, &query)?,
        ImportResource::Enrolments => generic::<Enrolments>(&state, &user, &query)?,
        ImportResource::Tenancies => generic::<Tenancies>(&state, &user, &query)?,
        ImportResource::QueueEntries => generic::<QueueEntries>(&state, &user, &query)?,
    };
    Ok(file(state, user, resource, format, columns, fetch))
}

/// Reads one page: the records after the given id as import rows, and the last id.
type Fetch =
    Arc<dyn Fn(&mut dyn Store, &CurrentUser, Option<&str>) -> ApiResult<Page> + Send + Sync>;

/// The participant filters apply only to participants.
fn no_participant_filters(query: &ExportQuery) -> ApiResult<()> {
    if query.unit_id.is_some()
        || query.status.is_some()
        || query.caseworker_id.is_some()
        || query.q.is_some()
    {
        return Err(ApiError::field(
            "unit_id",
            "unit_id, status, caseworker_id and q filter participants only",
        ));
    }
    Ok(())
}

fn generic<R: Resource>(
    state: &AppState,
    user: &CurrentUser,
    query: &ExportQuery,
) -> ApiResult<(Columns, Fetch)> {
    let today = state.today();
    R::may_export(user, today)?;
    no_participant_filters(query)?;
    let fetch: Fetch = Arc::new(move |store, user, after| {
        import::generic::export_page::<R>(store, user, today, after, PAGE)
    });
    Ok((import::generic::columns::<R>(), fetch))
}

fn participants(
    state: &AppState,
    user: &CurrentUser,
    query: ExportQuery,
) -> ApiResult<(Columns, Fetch)> {
    let scope = policy::participant_scope(user, state.today())?;
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
    let fetch: Fetch = Arc::new(move |store, user, after| {
        let rows = store.export_participants(&filter, after, PAGE)?;
        let entries: Vec<_> = rows
            .iter()
            .map(|r| audit::participant(user, Action::Export, &r.id, Outcome::Success))
            .collect();
        store.insert_audit_batch(&entries)?;
        let next = if rows.len() as i64 == PAGE {
            rows.last().map(|r| r.id.clone())
        } else {
            None
        };
        Ok((rows.iter().map(participant_record).collect(), next))
    });
    Ok((Columns::of_file::<ParticipantInput>(), fetch))
}

/// The streamed file: a page of records at a time, each read (with its audit entries) in a short
/// transaction of its own.
fn file(
    state: web::Data<AppState>,
    user: CurrentUser,
    resource: ImportResource,
    format: Format,
    columns: Columns,
    fetch: Fetch,
) -> HttpResponse {
    let pages = Pages {
        state,
        user,
        fetch,
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
            for record in &rows {
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
                        if let Ok(line) = serde_json::to_vec(record) {
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
    HttpResponse::Ok()
        .content_type(content_type)
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"{}.{extension}\"", resource.as_str()),
        ))
        .streaming(stream)
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
    fetch: Fetch,
    after: Option<String>,
    started: bool,
    done: bool,
}

impl Pages {
    async fn next(&mut self) -> ApiResult<Vec<Map<String, Value>>> {
        let (fetch, user, after) = (self.fetch.clone(), self.user.clone(), self.after.clone());
        let (rows, next) = self
            .state
            .db
            .tx(move |store| fetch(store, &user, after.as_deref()))
            .await?;
        self.done = next.is_none();
        self.after = next;
        Ok(rows)
    }
}
