//! Configuration: every setting is an environment variable (and a flag), parsed once into [`Config`].

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::{Parser, Subcommand};

/// Stegvis — case management for social services that help people step by step into housing and work.
#[derive(Debug, Clone, Parser)]
#[command(
    name = "stegvis",
    version,
    after_help = "Logging: RUST_LOG (default info), e.g. RUST_LOG=stegvis=debug,actix_web=info. \
Logs carry ids, never names or personal identity numbers."
)]
pub struct Config {
    /// Address and port to listen on.
    #[arg(long, env = "STEGVIS_BIND", default_value = "127.0.0.1:8080")]
    pub bind: SocketAddr,

    /// Directory for the embedded SQLite database, the generated JWT key and other local state.
    #[arg(long, env = "STEGVIS_DATA_DIR", default_value = "./data")]
    pub data_dir: PathBuf,

    /// Database URL. Unset: embedded SQLite at <data dir>/stegvis.db. `postgres://…`: PostgreSQL.
    /// DATABASE_URL is read when STEGVIS_DATABASE_URL is unset.
    #[arg(long, env = "STEGVIS_DATABASE_URL")]
    pub database_url: Option<String>,

    /// Secret for signing access tokens (HS256). Unset: generated on first start into
    /// <data dir>/jwt.key. Set it when several instances share one PostgreSQL database.
    #[arg(long, env = "STEGVIS_JWT_SECRET", hide_env_values = true)]
    pub jwt_secret: Option<String>,

    /// Password for the initial `admin` account, used only when the database has no staff yet.
    /// Unset: a random password is generated and printed once.
    #[arg(long, env = "STEGVIS_ADMIN_PASSWORD", hide_env_values = true)]
    pub admin_password: Option<String>,

    /// Directory with the built web app (frontend/dist); served at / when it exists.
    #[arg(long, env = "STEGVIS_FRONTEND_DIR", default_value = "frontend/dist")]
    pub frontend_dir: PathBuf,

    /// Lifetime of access tokens, in seconds.
    #[arg(long, env = "STEGVIS_ACCESS_TOKEN_TTL", default_value_t = 900)]
    pub access_token_ttl_secs: i64,

    /// Lifetime of refresh tokens (a login session), in seconds.
    #[arg(long, env = "STEGVIS_REFRESH_TOKEN_TTL", default_value_t = 43_200)]
    pub refresh_token_ttl_secs: i64,

    /// Largest accepted JSON request body, in bytes (larger: 413).
    #[arg(long, env = "STEGVIS_MAX_BODY_BYTES", default_value_t = 262_144)]
    pub max_body_bytes: usize,

    /// Failed logins for one account within the window before it is locked (429) until the window passes.
    #[arg(long, env = "STEGVIS_LOGIN_MAX_FAILURES", default_value_t = 5)]
    pub login_max_failures: i64,

    /// Failed logins from one client address within the window before it is throttled (429).
    #[arg(
        long,
        env = "STEGVIS_LOGIN_MAX_FAILURES_PER_ADDRESS",
        default_value_t = 20
    )]
    pub login_max_failures_per_address: i64,

    /// The login-failure window, in seconds.
    #[arg(long, env = "STEGVIS_LOGIN_WINDOW", default_value_t = 900)]
    pub login_window_secs: i64,

    /// Database connections in the pool.
    #[arg(long, env = "STEGVIS_DB_POOL_SIZE", default_value_t = 8)]
    pub db_pool_size: u32,

    /// SQLite only: how much of the database file is read through a memory map, in MiB (0: none).
    /// Mapped pages are the OS page cache itself, so reads skip a system call and a copy per
    /// page (a third of a large report's time without it); they count in the process's RSS as
    /// file-backed, reclaimable memory. Reads of a few rows use a pool without the map (see
    /// `store::SqlitePools`).
    #[arg(long, env = "STEGVIS_SQLITE_MMAP_MB", default_value_t = 2048)]
    pub sqlite_mmap_mb: u64,

    /// How long a request waits for a database connection before it gets 503, in milliseconds.
    #[arg(long, env = "STEGVIS_DB_TIMEOUT_MS", default_value_t = 5_000)]
    pub db_timeout_ms: u64,

    /// Worker threads for HTTP (0 = one per core).
    #[arg(long, env = "STEGVIS_WORKERS", default_value_t = 0)]
    pub workers: usize,

    /// Load the fictional demo data set (units, staff, participants) when the database is empty.
    #[arg(long, env = "STEGVIS_DEMO")]
    pub demo: bool,

    /// Pretend today is this date (YYYY-MM-DD). For tests and demonstrations only.
    #[arg(long, env = "STEGVIS_TODAY", hide = true)]
    pub today: Option<chrono::NaiveDate>,

    /// Largest accepted import file, in bytes (larger: 413, nothing imported). Imports are
    /// streamed, so this bounds the time an import may take, not the server's memory.
    #[arg(
        long,
        env = "STEGVIS_MAX_IMPORT_BYTES",
        default_value_t = 1_073_741_824
    )]
    pub max_import_bytes: usize,
    /// Other origins (comma-separated, e.g. `https://intranet.kommun.se`) whose pages may call the
    /// API from a browser (CORS). Empty: only the server's own origin.
    #[arg(long, env = "STEGVIS_CORS_ORIGINS", value_delimiter = ',')]
    pub cors_origins: Vec<String>,

    /// Send `Strict-Transport-Security` on every response (set it behind a TLS proxy). Without it
    /// the header is sent when the proxy says `X-Forwarded-Proto: https`.
    #[arg(long, env = "STEGVIS_HSTS")]
    pub hsts: bool,

    /// Longest time one request may take before it is answered with 503, in milliseconds.
    #[arg(long, env = "STEGVIS_REQUEST_TIMEOUT_MS", default_value_t = 30_000)]
    pub request_timeout_ms: u64,

    /// Longest time an import upload (`POST /api/v1/imports/…`) may take, in milliseconds: a
    /// million-row file takes about half a minute, so imports get their own, longer limit.
    #[arg(long, env = "STEGVIS_IMPORT_TIMEOUT_MS", default_value_t = 3_600_000)]
    pub import_timeout_ms: u64,

    /// How long a client may take to send a request's headers before the connection is closed
    /// with 408 (against slow-loris clients), in milliseconds.
    #[arg(long, env = "STEGVIS_CLIENT_TIMEOUT_MS", default_value_t = 5_000)]
    pub client_timeout_ms: u64,

    /// Retention (gallring): a closed case may be removed this many years after the last entry
    /// about the participant (a manager approves each removal).
    #[arg(long, env = "STEGVIS_RETENTION_YEARS", default_value_t = 5)]
    pub retention_years: u32,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Clone, Subcommand)]
pub enum Command {
    /// Start the server (the default).
    Serve,
    /// Print the OpenAPI document as YAML (regenerates openapi.yaml).
    Openapi,
    /// Copy the SQLite database to a new file while the server may keep running.
    Backup {
        /// The backup file to create.
        file: std::path::PathBuf,
    },
    /// Install a backup file as the database (stop the server first).
    Restore {
        /// The backup file to restore.
        file: std::path::PathBuf,
        /// Replace an existing database.
        #[arg(long)]
        force: bool,
    },
    /// Fill the configured database with a large fictional data set for the benchmarks (bench/).
    #[command(hide = true)]
    Generate {
        /// How many participants (contacts, referrals, plans … scale with it).
        #[arg(long, default_value_t = 100_000)]
        participants: usize,
        /// Random seed: the same seed, size and STEGVIS_TODAY give the same data.
        #[arg(long, default_value_t = 2026)]
        seed: u64,
    },
    /// Measure the raw database's single-row select or insert+commit rate (bench/).
    #[command(hide = true)]
    RawBench {
        #[arg(value_enum)]
        what: crate::raw_bench::RawWhat,
        #[arg(long, default_value_t = 2)]
        connections: usize,
        #[arg(long, default_value_t = 5)]
        seconds: u64,
    },
}

impl Config {
    /// The effective database URL: the configured one, or the embedded SQLite file.
    pub fn database_url(&self) -> String {
        match &self.database_url {
            Some(url) if !url.is_empty() => url.clone(),
            _ => match std::env::var("DATABASE_URL") {
                Ok(url) if !url.is_empty() => url,
                _ => self
                    .data_dir
                    .join("stegvis.db")
                    .to_string_lossy()
                    .into_owned(),
            },
        }
    }

    /// Defaults for tests and tools: everything as if no variable were set.
    pub fn for_data_dir(data_dir: PathBuf) -> Self {
        let mut config = Self::parse_from(["stegvis"]);
        config.data_dir = data_dir;
        config
    }
}
