//! Starting the server: open storage, make sure there is an administrator, bind, run.

use std::net::TcpListener;
use std::sync::Arc;

use actix_web::dev::Server;
use actix_web::{HttpServer, web};

use crate::app::{self, AppState};
use crate::auth::password;
use crate::auth::token::TokenKeys;
use crate::config::Config;
use crate::store::staff::StaffRow;
use crate::store::{self, Db, time};

#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error(transparent)]
    Storage(#[from] store::connect::ConnectError),
    #[error("cannot prepare the token key: {0}")]
    TokenKey(std::io::Error),
    #[error("cannot listen on {0}: {1}")]
    Bind(String, std::io::Error),
    #[error("start-up failed: {0}")]
    Setup(String),
}

/// A bound, not yet running server. `port()` tells the port (tests bind port 0).
pub struct Application {
    server: Server,
    port: u16,
    host: String,
    db: Db,
}

impl Application {
    pub fn build(config: Config) -> Result<Self, StartError> {
        let db = store::connect(&config)?;
        let tokens = TokenKeys::load(config.jwt_secret.as_deref(), &config.data_dir)
            .map_err(StartError::TokenKey)?;
        ensure_admin(&db, &config)?;
        fail_interrupted_imports(&db)?;
        if config.demo {
            crate::demo::load(&db, &config).map_err(|e| StartError::Setup(e.to_string()))?;
        }
        let listener = TcpListener::bind(config.bind)
            .map_err(|e| StartError::Bind(config.bind.to_string(), e))?;
        let port = listener
            .local_addr()
            .map_err(|e| StartError::Bind(config.bind.to_string(), e))?
            .port();
        let host = config.bind.ip().to_string();
        let workers = config.workers;
        let client_timeout = std::time::Duration::from_millis(config.client_timeout_ms);
        let openapi = crate::openapi::document();
        let openapi_json = serde_json::to_vec(&openapi)
            .map_err(|e| StartError::Setup(format!("cannot serialise the OpenAPI document: {e}")))?
            .into();
        let routes = crate::openapi::RouteMethods::of(&openapi);
        // Freed before the workers start, so that their `malloc_trim` returns it too.
        drop(openapi);
        let state = web::Data::new(AppState {
            db: db.clone(),
            config: Arc::new(config),
            tokens,
            routes,
            openapi_json,
            audit: crate::audit_writer::AuditWriter::start(db.clone())
                .map_err(|e| StartError::Setup(format!("cannot start the audit writer: {e}")))?,
            imports: Default::default(),
        });
        // Slow-loris: a client that dribbles its request headers is cut off with 408.
        let mut server = HttpServer::new(move || app::build(state.clone()))
            .client_request_timeout(client_timeout)
            .client_disconnect_timeout(std::time::Duration::from_secs(1));
        if workers > 0 {
            server = server.workers(workers);
        }
        let server = server
            .listen(listener)
            .map_err(|e| StartError::Bind("listener".into(), e))?
            .run();
        Ok(Self {
            server,
            port,
            host,
            db,
        })
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// host:port to show in "running at" (0.0.0.0 shown as 127.0.0.1, which works locally).
    pub fn local_url_host(&self) -> String {
        let host = if self.host == "0.0.0.0" {
            "127.0.0.1"
        } else {
            self.host.as_str()
        };
        format!("{host}:{}", self.port)
    }

    pub fn db(&self) -> &Db {
        &self.db
    }

    /// The server handle, e.g. to stop it gracefully.
    pub fn handle(&self) -> actix_web::dev::ServerHandle {
        self.server.handle()
    }

    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        self.server.await
    }
}

/// On a database with no staff at all, create `admin`. Without a configured password a random one
/// is generated and printed once to standard output (never to the log).
fn ensure_admin(db: &Db, config: &Config) -> Result<(), StartError> {
    let count = db
        .read_blocking(|store| store.count_staff())
        .map_err(|e| StartError::Setup(e.to_string()))?;
    if count > 0 {
        return Ok(());
    }
    let (secret, generated) = match config.admin_password.as_deref().filter(|p| !p.is_empty()) {
        Some(p) => (p.to_owned(), false),
        None => (password::random_token(12), true),
    };
    let hash = password::hash(&secret).map_err(|e| StartError::Setup(e.to_string()))?;
    let now = time::now();
    let admin = StaffRow {
        id: time::new_id(),
        username: "admin".into(),
        display_name: "Administratör".into(),
        password_hash: hash,
        role: domain::role::Role::Admin.as_str().into(),
        active: true,
        created_at: now,
        updated_at: now,
        version: 1,
    };
    db.tx_blocking(|store| store.insert_staff(&admin, &[]))
        .map_err(|e| StartError::Setup(e.to_string()))?;
    if generated {
        println!("Created the administrator account 'admin' with password: {secret}");
        println!(
            "(Shown only now. Set STEGVIS_ADMIN_PASSWORD before the first start to choose it.)"
        );
    }
    Ok(())
}

/// An import still `running` in the database was cut off by a stop of the server (a crash,
/// `kill -9`, a power cut): its transaction rolled back, so nothing of it was written. Say so on
/// the job instead of leaving it running for ever. (One server per database is the supported
/// set-up; a second instance starting would fail the first one's running imports the same way.)
fn fail_interrupted_imports(db: &Db) -> Result<(), StartError> {
    let errors = serde_json::to_string(&[crate::import::RowError::row(
        0,
        "the server stopped during the import; nothing was imported".to_owned(),
    )])
    .map_err(|e| StartError::Setup(e.to_string()))?;
    let failed = db
        .tx_blocking(|store| store.fail_interrupted_imports(&errors, time::now()))
        .map_err(|e| StartError::Setup(format!("cannot check for interrupted imports: {e}")))?;
    if failed > 0 {
        log::warn!("{failed} import(s) interrupted by the last stop were marked failed");
    }
    Ok(())
}
