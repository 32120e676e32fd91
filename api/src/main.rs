//! `stegvis`: parse configuration, then serve (or print the OpenAPI document).

use clap::Parser;
use stegvis::config::{Command, Config};
use stegvis::startup::Application;

#[actix_web::main]
async fn main() -> std::process::ExitCode {
    env_logger::Builder::from_env(env_logger::Env::default().default_filter_or("info")).init();
    let config = Config::parse();
    match config.command {
        Some(Command::Openapi) => match stegvis::openapi::yaml() {
            Ok(yaml) => {
                print!("{yaml}");
                std::process::ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("cannot render the OpenAPI document: {e}");
                std::process::ExitCode::FAILURE
            }
        },
        Some(Command::Backup { ref file }) => {
            report(stegvis::backup::backup(&config, file), "backup written")
        }
        Some(Command::Restore { ref file, force }) => report(
            stegvis::backup::restore(&config, file, force),
            "backup restored",
        ),
        Some(Command::Generate { participants, seed }) => {
            match stegvis::generate::run(&config, participants, seed) {
                Ok(summary) => {
                    println!("{summary}");
                    std::process::ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("generate failed: {e}");
                    std::process::ExitCode::FAILURE
                }
            }
        }
        Some(Command::RawBench {
            what,
            connections,
            seconds,
        }) => match stegvis::raw_bench::run(&config, what, connections, seconds) {
            Ok(json) => {
                println!("{json}");
                std::process::ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("raw-bench failed: {e}");
                std::process::ExitCode::FAILURE
            }
        },
        Some(Command::Serve) | None => serve(config).await,
    }
}

async fn serve(config: Config) -> std::process::ExitCode {
    let demo = config.demo;
    let app = match Application::build(config) {
        Ok(app) => app,
        Err(e) => {
            log::error!("{e}");
            eprintln!("stegvis could not start: {e}");
            return std::process::ExitCode::FAILURE;
        }
    };
    let url = format!("http://{}", app.local_url_host());
    println!("Stegvis is running at {url}  (API docs: {url}/docs)");
    if demo {
        println!(
            "Demo accounts: anna.handlaggare (caseworker), erik.chef (manager) … password: stegvis-demo"
        );
    }
    match app.run_until_stopped().await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            log::error!("server stopped: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}

fn report(result: Result<(), stegvis::backup::BackupError>, done: &str) -> std::process::ExitCode {
    match result {
        Ok(()) => {
            println!("{done}");
            std::process::ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{e}");
            std::process::ExitCode::FAILURE
        }
    }
}
