//! Test harness: start the real Stegvis server on a random loopback port against a fresh database
//! (a SQLite file in a temporary directory, or a new PostgreSQL database per test), then talk HTTP.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::PathBuf;

use diesel::{Connection, PgConnection, RunQueryDsl};
use reqwest::{Method, Response, StatusCode};
use serde_json::{Value, json};
use stegvis::config::Config;
use stegvis::startup::Application;
use stegvis::store::Db;

pub const ADMIN_PASSWORD: &str = "admin-password-for-tests";
pub const JWT_SECRET: &str = "test-secret-0123456789abcdef0123456789abcdef";
pub const STAFF_PASSWORD: &str = "staff-password-123";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// Runs each listed test body once on SQLite and once on PostgreSQL, as `name::sqlite` and
/// `name::postgres`.
#[macro_export]
macro_rules! both_backends {
    ($(async fn $name:ident($app:ident : TestApp) $body:block)*) => {
        $(
            mod $name {
                #[allow(unused_imports)]
                use super::*;
                async fn run($app: $crate::TestApp) $body
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn sqlite() { run($crate::TestApp::spawn($crate::Backend::Sqlite).await).await }
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn postgres() { run($crate::TestApp::spawn($crate::Backend::Postgres).await).await }
            }
        )*
    };
}

/// The PostgreSQL server tests create their databases on. CI and the README's test command set it;
/// the default is the local server with trust authentication.
///
/// Without TLS unless the URL asks for it (`sslmode=`): libpq's OpenSSL cleans up when the test
/// process exits, while the pools of finished tests may still be closing connections on their
/// own threads, and closing a TLS connection then crashed the test binary after every test had
/// passed (SIGSEGV in libcrypto, on a machine whose PostgreSQL had `ssl = on`).
pub fn postgres_admin_url() -> String {
    let url = std::env::var("TEST_DATABASE_URL")
        .ok()
        .filter(|u| !u.is_empty())
        .unwrap_or_else(|| "postgres://postgres@127.0.0.1:5432/postgres".to_owned());
    if url.contains("sslmode=") {
        url
    } else if url.contains('?') {
        format!("{url}&sslmode=disable")
    } else {
        format!("{url}?sslmode=disable")
    }
}

/// `admin_url` with its database replaced by `name` (its parameters kept).
fn with_database(admin_url: &str, name: &str) -> String {
    let (url, params) = admin_url.split_once('?').unwrap_or((admin_url, ""));
    let (base, _) = url
        .rsplit_once('/')
        .expect("TEST_DATABASE_URL must end in /<database>");
    if params.is_empty() {
        format!("{base}/{name}")
    } else {
        format!("{base}/{name}?{params}")
    }
}

/// Where a test's data lives; removed when the test ends.
enum Storage {
    Sqlite { dir: PathBuf },
    Postgres { admin_url: String, database: String },
}

impl Drop for Storage {
    fn drop(&mut self) {
        match self {
            Storage::Sqlite { dir } => {
                let _ = std::fs::remove_dir_all(dir);
            }
            Storage::Postgres {
                admin_url,
                database,
            } => {
                let (admin_url, database) = (admin_url.clone(), database.clone());
                // FORCE ends the still-running server's connections.
                let _ = std::thread::spawn(move || {
                    if let Ok(mut conn) = PgConnection::establish(&admin_url) {
                        let _ = diesel::sql_query(format!(
                            "DROP DATABASE IF EXISTS {database} WITH (FORCE)"
                        ))
                        .execute(&mut conn);
                    }
                })
                .join();
            }
        }
    }
}

pub struct TestApp {
    pub address: String,
    pub backend: Backend,
    pub client: reqwest::Client,
    pub db: Db,
    pub data_dir: PathBuf,
    pub handle: actix_web::dev::ServerHandle,
    storage: Storage,
}

/// A signed-in staff member.
#[derive(Debug, Clone)]
pub struct Session {
    pub token: String,
    pub refresh_token: String,
    pub staff_id: String,
    pub username: String,
}

impl TestApp {
    pub async fn spawn(backend: Backend) -> Self {
        Self::spawn_with(backend, |_| {}).await
    }

    /// Starts the server with the test defaults, adjusted by `configure`.
    pub async fn spawn_with(backend: Backend, configure: impl FnOnce(&mut Config)) -> Self {
        init_logging();
        let data_dir =
            std::env::temp_dir().join(format!("stegvis-test-{}", uuid::Uuid::new_v4().simple()));
        std::fs::create_dir_all(&data_dir).unwrap();
        let mut config = Config::for_data_dir(data_dir.clone());
        config.bind = "127.0.0.1:0".parse().unwrap();
        config.admin_password = Some(ADMIN_PASSWORD.into());
        config.jwt_secret = Some(JWT_SECRET.into());
        config.frontend_dir = data_dir.join("no-frontend");
        config.db_pool_size = 4;
        config.db_timeout_ms = 2_000;
        config.workers = 2;
        config.demo = false;
        let storage = match backend {
            Backend::Sqlite => {
                config.database_url =
                    Some(data_dir.join("stegvis.db").to_string_lossy().into_owned());
                Storage::Sqlite {
                    dir: data_dir.clone(),
                }
            }
            Backend::Postgres => {
                let admin_url = postgres_admin_url();
                let database = format!("stegvis_test_{}", uuid::Uuid::new_v4().simple());
                let mut conn = PgConnection::establish(&admin_url).unwrap_or_else(|e| {
                    panic!("PostgreSQL is required for the postgres tests (TEST_DATABASE_URL={admin_url}): {e}")
                });
                diesel::sql_query(format!("CREATE DATABASE {database}"))
                    .execute(&mut conn)
                    .unwrap();
                config.database_url = Some(with_database(&admin_url, &database));
                Storage::Postgres {
                    admin_url,
                    database,
                }
            }
        };
        configure(&mut config);
        let app = tokio::task::spawn_blocking(move || Application::build(config))
            .await
            .unwrap()
            .expect("the server starts");
        let address = format!("http://127.0.0.1:{}", app.port());
        let db = app.db().clone();
        let handle = app.handle();
        tokio::spawn(app.run_until_stopped());
        TestApp {
            address,
            backend,
            client: reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .unwrap(),
            db,
            data_dir,
            handle,
            storage,
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.address, path)
    }

    /// The PostgreSQL database name of this test (None on SQLite).
    pub fn postgres_database(&self) -> Option<(&str, &str)> {
        match &self.storage {
            Storage::Postgres {
                admin_url,
                database,
            } => Some((admin_url, database)),
            Storage::Sqlite { .. } => None,
        }
    }

    pub async fn request(
        &self,
        method: Method,
        path: &str,
        token: Option<&str>,
        body: Option<&Value>,
    ) -> Response {
        let mut req = self.client.request(method, self.url(path));
        if let Some(token) = token {
            req = req.bearer_auth(token);
        }
        if let Some(body) = body {
            req = req.json(body);
        }
        req.send().await.expect("request sent")
    }

    pub async fn get(&self, path: &str, token: &str) -> Response {
        self.request(Method::GET, path, Some(token), None).await
    }

    pub async fn post(&self, path: &str, token: &str, body: &Value) -> Response {
        self.request(Method::POST, path, Some(token), Some(body))
            .await
    }

    pub async fn put(&self, path: &str, token: &str, body: &Value) -> Response {
        self.request(Method::PUT, path, Some(token), Some(body))
            .await
    }

    pub async fn login(&self, username: &str, password: &str) -> Session {
        let res = self
            .request(
                Method::POST,
                "/api/v1/auth/login",
                None,
                Some(&json!({"username": username, "password": password})),
            )
            .await;
        assert_eq!(res.status(), StatusCode::OK, "login as {username}");
        let body: Value = res.json().await.unwrap();
        Session {
            token: body["access_token"].as_str().unwrap().to_owned(),
            refresh_token: body["refresh_token"].as_str().unwrap().to_owned(),
            staff_id: body["staff"]["id"].as_str().unwrap().to_owned(),
            username: username.to_owned(),
        }
    }

    pub async fn admin(&self) -> Session {
        self.login("admin", ADMIN_PASSWORD).await
    }

    pub async fn create_unit(&self, name: &str) -> String {
        let admin = self.admin().await;
        let res = self
            .post("/api/v1/units", &admin.token, &json!({"name": name}))
            .await;
        assert_eq!(res.status(), StatusCode::CREATED);
        let body: Value = res.json().await.unwrap();
        body["id"].as_str().unwrap().to_owned()
    }

    /// Creates a staff member with `role` in `units` and signs them in.
    pub async fn login_as(&self, role: &str, units: &[&str]) -> Session {
        let admin = self.admin().await;
        let username = format!(
            "{}.{}",
            role.replace('_', "-"),
            &uuid::Uuid::new_v4().simple().to_string()[..8]
        );
        let res = self
            .post(
                "/api/v1/staff",
                &admin.token,
                &json!({"username": username, "display_name": format!("Test {role}"), "password": STAFF_PASSWORD,
                        "role": role, "unit_ids": units}),
            )
            .await;
        assert_eq!(
            res.status(),
            StatusCode::CREATED,
            "create staff: {}",
            res.text().await.unwrap_or_default()
        );
        self.login(&username, STAFF_PASSWORD).await
    }

    /// Registers a participant and returns the response body.
    pub async fn create_participant(&self, token: &str, body: &Value) -> Value {
        let res = self.post("/api/v1/participants", token, body).await;
        let status = res.status();
        let text = res.text().await.unwrap();
        assert_eq!(status, StatusCode::CREATED, "create participant: {text}");
        serde_json::from_str(&text).unwrap()
    }

    /// Audit entries (read as admin) about one participant, oldest first.
    pub async fn audit_of(&self, participant_id: &str) -> Vec<Value> {
        let admin = self.admin().await;
        let res = self
            .get(
                &format!("/api/v1/audit?participant_id={participant_id}&limit=500"),
                &admin.token,
            )
            .await;
        assert_eq!(res.status(), StatusCode::OK);
        let body: Value = res.json().await.unwrap();
        let mut items = body["items"].as_array().unwrap().clone();
        items.reverse();
        items
    }

    /// How many participants are stored, counted in the database itself.
    pub fn participant_count(&self) -> i64 {
        count_rows(&self.db, "participants")
    }
}

/// With `STEGVIS_TEST_LOG_DIR` set, every server started by the tests logs at debug level into a
/// file there, so the test script can prove that no personal data reaches the logs.
fn init_logging() {
    static INIT: std::sync::Once = std::sync::Once::new();
    INIT.call_once(|| {
        let Some(dir) = std::env::var_os("STEGVIS_TEST_LOG_DIR") else {
            return;
        };
        let _ = std::fs::create_dir_all(&dir);
        let path = PathBuf::from(dir).join(format!("tests-{}.log", std::process::id()));
        if let Ok(file) = std::fs::File::create(path) {
            let _ = env_logger::Builder::new()
                .filter_level(log::LevelFilter::Debug)
                .target(env_logger::Target::Pipe(Box::new(file)))
                .try_init();
        }
    });
}

/// Rows in `table`, counted with SQL (bypassing the API and its access rules).
pub fn count_rows(db: &Db, table: &str) -> i64 {
    #[derive(diesel::QueryableByName)]
    struct Count {
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        n: i64,
    }
    let sql = format!("SELECT COUNT(*) AS n FROM {table}");
    match db {
        Db::Sqlite(pools) => {
            diesel::sql_query(sql)
                .get_result::<Count>(&mut *pools.main.get().unwrap())
                .unwrap()
                .n
        }
        Db::Postgres(pool) => {
            diesel::sql_query(sql)
                .get_result::<Count>(&mut **pool.get().unwrap())
                .unwrap()
                .n
        }
    }
}

/// Executes raw SQL against the test database (to prove what the API cannot do).
pub fn execute_sql(db: &Db, sql: &str) -> Result<usize, diesel::result::Error> {
    match db {
        Db::Sqlite(pools) => diesel::sql_query(sql).execute(&mut *pools.main.get().unwrap()),
        Db::Postgres(pool) => diesel::sql_query(sql).execute(&mut **pool.get().unwrap()),
    }
}

/// A valid participant body in `unit_id`; override fields with `extra`.
pub fn participant_body(unit_id: &str, extra: Value) -> Value {
    let mut body = json!({
        "first_name": "Testa",
        "last_name": "Testsson",
        "gender": "woman",
        "unit_id": unit_id,
        "housing_situation": "shelter",
        "main_substance": "alcohol",
        "income_source": "financial_assistance"
    });
    if let (Some(b), Some(e)) = (body.as_object_mut(), extra.as_object()) {
        for (k, v) in e {
            b.insert(k.clone(), v.clone());
        }
    }
    body
}

/// Makes a valid personnummer (YYYYMMDD-NNNN) for a date and a three-digit birth number.
pub fn pin(date: &str, birth_number: u16) -> String {
    let yymmdd = &date[2..8];
    let nine = format!("{yymmdd}{birth_number:03}");
    let check = stegvis_check_digit(&nine);
    format!("{}-{birth_number:03}{check}", &date[..8])
}

fn stegvis_check_digit(nine: &str) -> u32 {
    let sum: u32 = nine
        .chars()
        .enumerate()
        .map(|(i, c)| {
            let d = c.to_digit(10).unwrap() * if i % 2 == 0 { 2 } else { 1 };
            d / 10 + d % 10
        })
        .sum();
    (10 - sum % 10) % 10
}

/// Asserts a problem+json response with `status`; returns the body.
pub async fn assert_problem(res: Response, status: u16) -> Value {
    assert_eq!(res.status().as_u16(), status, "status");
    let content_type = res
        .headers()
        .get("content-type")
        .map(|v| v.to_str().unwrap().to_owned());
    assert_eq!(content_type.as_deref(), Some("application/problem+json"));
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["status"], status);
    assert!(
        body["type"]
            .as_str()
            .unwrap()
            .starts_with("https://stegvis.se/problems/")
    );
    assert!(body["title"].is_string() && body["detail"].is_string());
    body
}

/// The field names of a validation problem.
pub fn error_fields(problem: &Value) -> Vec<String> {
    problem["errors"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|e| e["field"].as_str().unwrap().to_owned())
                .collect()
        })
        .unwrap_or_default()
}

/// The first column (aliased `v`, text) of every row `sql` returns, bypassing the API.
pub fn query_strings(db: &Db, sql: &str) -> Vec<String> {
    #[derive(diesel::QueryableByName)]
    struct Row {
        #[diesel(sql_type = diesel::sql_types::Text)]
        v: String,
    }
    let rows: Vec<Row> = match db {
        Db::Sqlite(pools) => diesel::sql_query(sql)
            .load(&mut *pools.main.get().unwrap())
            .unwrap_or_else(|e| panic!("{sql}: {e}")),
        Db::Postgres(pool) => diesel::sql_query(sql)
            .load(&mut **pool.get().unwrap())
            .unwrap_or_else(|e| panic!("{sql}: {e}")),
    };
    rows.into_iter().map(|r| r.v).collect()
}

/// Percent-encodes every byte but ASCII letters and digits, for a query string value.
pub fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}
