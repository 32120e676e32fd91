//! Preparation for moving in: the housing course (bokurs, four numbered sessions) and other group
//! sessions with attendance (`/housing-course-sessions`), and per participant whether they have
//! completed the course (`/housing-course-progress/{participant_id}`, and on their queue entry).

use actix_web::http::header;
use actix_web::{HttpResponse, get, post, put, web};
use chrono::{DateTime, NaiveDate, Utc};
use domain::housing::{self as rules, CourseSessionKind};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_actix_web::service_config::ServiceConfig;

use crate::app::AppState;
use crate::audit::Action;
use crate::auth::CurrentUser;
use crate::auth::policy::{self, ParticipantAction};
use crate::error::{ApiError, ApiResult};
use crate::extract::{ApiJson, ApiQuery};
use crate::routes::scoped::{Ctx, Errors, code, run};
use crate::routes::{etag, list_envelope, paging, utc};
use crate::store::Store;
use crate::store::housing::more::{AttendanceRow, CourseSessionRow};
use crate::store::time;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(
        utoipa_actix_web::scope("/housing-course-sessions")
            .service(list_housing_course_sessions)
            .service(create_housing_course_session)
            .service(get_housing_course_session)
            .service(set_housing_course_attendance),
    )
    .service(
        utoipa_actix_web::scope("/housing-course-progress").service(get_housing_course_progress),
    );
}

const RESOURCE: &str = "housing_course_attendance";

/// A housing-course session or another group session.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"unit_id": "01936f4e-8b1c-7d2a-9c3e-1f2a3b4c5d6e", "kind": "housing_course", "number": 1,
    "held_on": "2012-02-07", "leader": "Sara Bosamordnare"}))]
pub struct CourseSessionInput {
    /// One of your units.
    pub unit_id: uuid::Uuid,
    pub kind: CourseSessionKind,
    /// 1–4 for the housing course; leave out for a group session.
    #[serde(default)]
    pub number: Option<i32>,
    pub held_on: NaiveDate,
    /// Who leads the session.
    pub leader: String,
    /// Default "Bokurs, träff N" / "Gruppträff".
    #[serde(default)]
    pub title: Option<String>,
}

/// Whether one participant attended.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AttendanceInput {
    /// A participant you may see.
    pub participant_id: uuid::Uuid,
    pub attended: bool,
}

/// The attendance of listed participants (others recorded before are left as they are).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"attendance": [{"participant_id": "01936f4e-9a00-7b3c-8d2e-0a1b2c3d4e5f", "attended": true}]}))]
pub struct AttendanceList {
    pub attendance: Vec<AttendanceInput>,
}

/// One participant's attendance as shown.
#[derive(Debug, Serialize, ToSchema)]
pub struct AttendanceView {
    /// Null for a protected identity you may not see.
    pub participant_id: Option<String>,
    /// "First Last", or "skyddad" for a protected identity you may not see.
    pub name: String,
    pub attended: bool,
}

/// A session; `attendance` only when one session is read or written.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({"id": "01936f4e-9a00-7b3c-8d2e-0a1b2c3d4e72", "unit_id": "01936f4e-8b1c-7d2a-9c3e-1f2a3b4c5d6e",
    "kind": "housing_course", "number": 1, "title": "Bokurs, träff 1", "held_on": "2012-02-07", "leader": "Sara Bosamordnare",
    "attendance": [{"participant_id": "01936f4e-9a00-7b3c-8d2e-0a1b2c3d4e5f", "name": "Exempel Exempelsson", "attended": true}],
    "created_at": "2026-11-25T09:30:00Z", "updated_at": "2026-11-25T09:30:00Z", "version": 1}))]
pub struct CourseSessionView {
    pub id: String,
    pub unit_id: String,
    pub kind: CourseSessionKind,
    /// 1–4 for the housing course.
    pub number: Option<i32>,
    pub title: String,
    pub held_on: NaiveDate,
    pub leader: Option<String>,
    pub attendance: Option<Vec<AttendanceView>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i32,
}

list_envelope!(CourseSessionList, CourseSessionView);

fn view(
    r: CourseSessionRow,
    attendance: Option<Vec<AttendanceView>>,
) -> ApiResult<CourseSessionView> {
    Ok(CourseSessionView {
        kind: code(&r.kind, "housing_course_sessions.kind")?,
        created_at: utc(r.created_at),
        updated_at: utc(r.updated_at),
        id: r.id,
        unit_id: r.unit_id,
        number: r.session_number,
        title: r.title,
        held_on: r.held_on,
        leader: r.leader,
        attendance,
        version: r.version,
    })
}

/// The session's attendance as the caller may see it; each person shown is audited.
fn attendance_view(
    ctx: &mut Ctx<'_>,
    session_id: &str,
    action: Action,
) -> ApiResult<Vec<AttendanceView>> {
    let rows = ctx.store.attendance_of_session(session_id)?;
    let ids: Vec<String> = rows.iter().map(|r| r.participant_id.clone()).collect();
    let people = ctx.store.participants_by_ids(&ids)?;
    let assigned = ctx
        .store
        .assigned_among(&ids, &ctx.user.staff_id, ctx.today)?;
    let mut out = Vec::new();
    for r in rows {
        let person = people.iter().find(|p| p.id == r.participant_id);
        match person {
            Some(p) if policy::sees_identity(ctx.user, p, assigned.contains(&p.id)) => {
                let name = format!("{} {}", p.first_name, p.last_name);
                ctx.audit_as(action, RESOURCE, Some(session_id), &r.participant_id);
                out.push(AttendanceView {
                    participant_id: Some(r.participant_id),
                    name,
                    attended: r.attended,
                });
            }
            _ => out.push(AttendanceView {
                participant_id: None,
                name: "skyddad".to_owned(),
                attended: r.attended,
            }),
        }
    }
    Ok(out)
}

fn load(ctx: &mut Ctx<'_>, id: &str, write: bool) -> ApiResult<CourseSessionRow> {
    let row = ctx
        .store
        .get_course_session(id)?
        .ok_or_else(|| ApiError::not_found("session"))?;
    policy::housing_course(ctx.user, write, &row.unit_id)?;
    Ok(row)
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct SessionQuery {
    /// Only this unit (one of yours).
    unit_id: Option<uuid::Uuid>,
    kind: Option<CourseSessionKind>,
    /// Page size, 1–500 (default 50).
    limit: Option<i64>,
    /// Records to skip (default 0).
    offset: Option<i64>,
}

/// Housing-course and group sessions of your units, newest first (without attendance).
#[utoipa::path(tag = "housing course", params(SessionQuery), responses((status = 200, body = CourseSessionList)), security(("bearer" = [])))]
#[get("")]
async fn list_housing_course_sessions(
    state: web::Data<AppState>,
    user: CurrentUser,
    ApiQuery(q): ApiQuery<SessionQuery>,
) -> ApiResult<HttpResponse> {
    let (limit, offset) = paging(q.limit, q.offset)?;
    let mut units = policy::read_housing_inventory(&user)?;
    if let Some(u) = q.unit_id {
        let u = u.to_string();
        policy::housing_course(&user, false, &u)?;
        units = vec![u];
    }
    let kind = q.kind.map(|k| k.as_str());
    let (rows, total) = state
        .db
        .read(move |store| store.list_course_sessions(&units, kind, limit, offset))
        .await?;
    let items = rows
        .into_iter()
        .map(|r| view(r, None))
        .collect::<ApiResult<_>>()?;
    Ok(HttpResponse::Ok().json(CourseSessionList {
        items,
        total,
        limit,
        offset,
    }))
}

/// Record a session (housing coordinators, housing support, managers of the unit). A housing-course
/// session needs `number` 1–4; a group session has none.
#[utoipa::path(tag = "housing course", request_body = CourseSessionInput,
    responses((status = 201, body = CourseSessionView, headers(("Location" = String, description = "URL of the session")))),
    security(("bearer" = [])))]
#[post("")]
async fn create_housing_course_session(
    state: web::Data<AppState>,
    user: CurrentUser,
    ApiJson(input): ApiJson<CourseSessionInput>,
) -> ApiResult<HttpResponse> {
    let unit = input.unit_id.to_string();
    policy::housing_course(&user, true, &unit)?;
    let mut e = Errors::default();
    match (input.kind, input.number) {
        (CourseSessionKind::HousingCourse, Some(n))
            if (1..=rules::HOUSING_COURSE_SESSIONS).contains(&n) => {}
        (CourseSessionKind::HousingCourse, _) => {
            e.add("number", "must be 1–4 for a housing-course session")
        }
        (CourseSessionKind::GroupSession, Some(_)) => {
            e.add("number", "only housing-course sessions are numbered")
        }
        (CourseSessionKind::GroupSession, None) => {}
    }
    let leader = e.required("leader", input.leader, 200);
    let title = e
        .text("title", input.title, 200)
        .unwrap_or_else(|| match input.number {
            Some(n) => format!("Bokurs, träff {n}"),
            None => "Gruppträff".to_owned(),
        });
    e.finish()?;
    let now = time::now();
    let row = CourseSessionRow {
        id: time::new_id(),
        unit_id: unit,
        kind: input.kind.as_str().to_owned(),
        title,
        session_number: input.number,
        held_on: input.held_on,
        leader: Some(leader),
        created_at: now,
        updated_at: now,
        version: 1,
    };
    let stored = row.clone();
    state
        .db
        .tx(move |store| store.insert_course_session(&stored))
        .await?;
    Ok(HttpResponse::Created()
        .insert_header((
            header::LOCATION,
            format!("/api/v1/housing-course-sessions/{}", row.id),
        ))
        .insert_header(etag(row.version))
        .json(view(row, Some(Vec::new()))?))
}

/// One session with its attendance ("skyddad" for protected identities you may not see;
/// everyone shown is audited).
#[utoipa::path(tag = "housing course", params(("id" = uuid::Uuid, Path)),
    responses((status = 200, body = CourseSessionView), (status = 404, body = crate::error::Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
#[get("/{id}")]
async fn get_housing_course_session(
    state: web::Data<AppState>,
    user: CurrentUser,
    id: web::Path<uuid::Uuid>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner().to_string();
    let (row, attendance) = run(&state, user, RESOURCE, Action::Read, move |ctx| {
        let row = load(ctx, &id, false)?;
        let attendance = attendance_view(ctx, &id, Action::Read)?;
        Ok((row, attendance))
    })
    .await?;
    Ok(HttpResponse::Ok()
        .insert_header(etag(row.version))
        .json(view(row, Some(attendance))?))
}

/// Record who attended (housing coordinators, housing support, managers). Every participant
/// listed must be one you may see (403 another unit, 404 unknown or protected); a participant
/// listed twice is 422; attendance for a session not yet held is 422.
#[utoipa::path(tag = "housing course", params(("id" = uuid::Uuid, Path)), request_body = AttendanceList,
    responses((status = 200, body = CourseSessionView)), security(("bearer" = [])))]
#[put("/{id}/attendance")]
async fn set_housing_course_attendance(
    state: web::Data<AppState>,
    user: CurrentUser,
    id: web::Path<uuid::Uuid>,
    ApiJson(body): ApiJson<AttendanceList>,
) -> ApiResult<HttpResponse> {
    let mut e = Errors::default();
    if body.attendance.is_empty() {
        e.add("attendance", "must list at least one participant");
    }
    for (i, a) in body.attendance.iter().enumerate() {
        if body.attendance[..i]
            .iter()
            .any(|b| b.participant_id == a.participant_id)
        {
            e.add(
                format!("attendance[{i}].participant_id"),
                "is listed more than once",
            );
        }
    }
    e.finish()?;
    let id = id.into_inner().to_string();
    let (row, attendance) = run(&state, user, RESOURCE, Action::Update, move |ctx| {
        let row = load(ctx, &id, true)?;
        if row.held_on > ctx.today && body.attendance.iter().any(|a| a.attended) {
            return Err(ApiError::field(
                "attendance",
                "cannot record attendance before the session is held",
            ));
        }
        let now = time::now();
        let mut rows = Vec::new();
        for a in &body.attendance {
            let pid = a.participant_id.to_string();
            ctx.participant(&pid, ParticipantAction::Read)?;
            rows.push(AttendanceRow {
                session_id: id.clone(),
                participant_id: pid,
                attended: a.attended,
                created_at: now,
            });
        }
        ctx.store.set_attendance(&rows)?;
        for r in &rows {
            ctx.audit(Some(&id), &r.participant_id);
        }
        let attendance = attendance_view(ctx, &id, Action::Read)?;
        Ok((row, attendance))
    })
    .await?;
    Ok(HttpResponse::Ok()
        .insert_header(etag(row.version))
        .json(view(row, Some(attendance))?))
}

/// One session a participant was registered for.
#[derive(Debug, Serialize, ToSchema)]
pub struct ProgressSession {
    pub session_id: String,
    pub kind: CourseSessionKind,
    pub number: Option<i32>,
    pub title: String,
    pub held_on: NaiveDate,
    pub attended: bool,
}

/// A participant's progress through the housing course.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({"participant_id": "01936f4e-9a00-7b3c-8d2e-0a1b2c3d4e5f", "completed": false, "attended_numbers": [1, 2],
    "sessions": [{"session_id": "01936f4e-9a00-7b3c-8d2e-0a1b2c3d4e72", "kind": "housing_course", "number": 1,
        "title": "Bokurs, träff 1", "held_on": "2012-02-07", "attended": true}]}))]
pub struct CourseProgressView {
    pub participant_id: String,
    /// Attended all four housing-course sessions.
    pub completed: bool,
    /// Housing-course session numbers attended (1–4), ascending.
    pub attended_numbers: Vec<i32>,
    /// Every session the participant was registered for, oldest first.
    pub sessions: Vec<ProgressSession>,
}

/// The housing-course numbers each participant attended.
fn attended_numbers(
    store: &mut dyn Store,
    ids: &[String],
) -> ApiResult<Vec<(String, i32, AttendanceRow, CourseSessionRow)>> {
    let attendance = store.attendance_of_participants(ids)?;
    let session_ids: Vec<String> = attendance.iter().map(|a| a.session_id.clone()).collect();
    let sessions = store.course_sessions_by_ids(&session_ids)?;
    let mut out = Vec::new();
    for s in sessions {
        for a in attendance.iter().filter(|a| a.session_id == s.id) {
            out.push((
                a.participant_id.clone(),
                s.session_number.unwrap_or(0),
                a.clone(),
                s.clone(),
            ));
        }
    }
    Ok(out)
}

/// Which of `ids` have completed the housing course.
pub(super) fn completed_course(store: &mut dyn Store, ids: &[String]) -> ApiResult<Vec<String>> {
    let all = attended_numbers(store, ids)?;
    Ok(ids
        .iter()
        .filter(|id| {
            let numbers: Vec<i32> = all
                .iter()
                .filter(|(p, _, a, s)| {
                    p == *id && a.attended && s.kind == CourseSessionKind::HousingCourse.as_str()
                })
                .map(|(_, n, _, _)| *n)
                .collect();
            rules::completed_housing_course(&numbers)
        })
        .cloned()
        .collect())
}

/// Whether a participant has completed the housing course (all four sessions), with every
/// session they were registered for.
#[utoipa::path(tag = "housing course", params(("participant_id" = uuid::Uuid, Path)),
    responses((status = 200, body = CourseProgressView), (status = 404, body = crate::error::Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
#[get("/{participant_id}")]
async fn get_housing_course_progress(
    state: web::Data<AppState>,
    user: CurrentUser,
    id: web::Path<uuid::Uuid>,
) -> ApiResult<HttpResponse> {
    let pid = id.into_inner().to_string();
    let view = run(&state, user, RESOURCE, Action::Read, move |ctx| {
        ctx.participant(&pid, ParticipantAction::Read)?;
        ctx.audit(None, &pid);
        let all = attended_numbers(ctx.store, std::slice::from_ref(&pid))?;
        let mut numbers: Vec<i32> = all
            .iter()
            .filter(|(_, _, a, s)| {
                a.attended && s.kind == CourseSessionKind::HousingCourse.as_str()
            })
            .map(|(_, n, _, _)| *n)
            .collect();
        numbers.sort_unstable();
        numbers.dedup();
        let sessions = all
            .into_iter()
            .map(|(_, _, a, s)| {
                Ok(ProgressSession {
                    kind: code(&s.kind, "housing_course_sessions.kind")?,
                    session_id: s.id,
                    number: s.session_number,
                    title: s.title,
                    held_on: s.held_on,
                    attended: a.attended,
                })
            })
            .collect::<ApiResult<_>>()?;
        Ok(CourseProgressView {
            participant_id: pid,
            completed: rules::completed_housing_course(&numbers),
            attended_numbers: numbers,
            sessions,
        })
    })
    .await?;
    Ok(HttpResponse::Ok().json(view))
}
