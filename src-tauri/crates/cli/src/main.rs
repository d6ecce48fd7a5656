//! `saksbok`: the headless command line over the same database and protocol
//! code as the desktop app.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::{DateTime, Utc};
use clap::{Parser, Subcommand, ValueEnum};
use saksbok_core::AgendaNumber;
use saksbok_store::{Actor, Store, paths, queries};

#[derive(Debug, Parser)]
#[command(
    name = "saksbok",
    version,
    about = "Saksbok: saker, møte og protokollar for kommunen, frå kommandolinja.",
    after_help = "Databasen er i app-datamappa om ikkje --db eller SAKSBOK_DB seier anna.\n\
                  Tidspunktet i PDF-ane er no, eller SOURCE_DATE_EPOCH når han er sett.\n\n\
                  Døme:\n  saksbok --db saksbok.sqlite3 demo\n  \
                  saksbok --db saksbok.sqlite3 render saksprotokoll 54/21 -o 54-21.pdf"
)]
struct Cli {
    /// The database file (default: the app-data directory).
    #[arg(long, global = true, env = paths::DB_ENV, value_name = "FILE")]
    db: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Load the demo data (sak 54/21, Formannskapet og næringsutvalet); running it twice changes nothing.
    Demo,
    /// List the cases in the register.
    List,
    /// Write a protocol as PDF.
    Render {
        #[arg(value_enum)]
        kind: ProtocolKind,
        /// The utvalssak number, e.g. 54/21.
        number: String,
        /// The board (utval), needed only when several boards use the number.
        #[arg(long, value_name = "NAME")]
        utval: Option<String>,
        /// Where to write the PDF.
        #[arg(short, long, value_name = "OUT.pdf")]
        output: PathBuf,
    },
    /// Copy the database with SQLite's online backup (safe while the app runs).
    Backup {
        /// The copy to write.
        dest: PathBuf,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum ProtocolKind {
    Saksprotokoll,
}

/// The document time: SOURCE_DATE_EPOCH when set (reproducible builds), else now.
fn document_time() -> Result<DateTime<Utc>, String> {
    match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(s) if !s.trim().is_empty() => s
            .trim()
            .parse::<i64>()
            .ok()
            .and_then(|secs| DateTime::from_timestamp(secs, 0))
            .ok_or_else(|| format!("SOURCE_DATE_EPOCH={s} er ikkje eit tal sekund sidan 1970.")),
        _ => Ok(Utc::now()),
    }
}

fn user_name() -> String {
    std::env::var("USER").or_else(|_| std::env::var("USERNAME")).unwrap_or_else(|_| "ukjend".into())
}

fn open(db: Option<&Path>, must_exist: bool) -> Result<Store, String> {
    let path = if let Some(p) = db {
        p.to_path_buf()
    } else {
        let p = paths::default_db_path().ok_or("Fann inga app-datamappe; bruk --db FILE.")?;
        if let Some(dir) = p.parent() {
            std::fs::create_dir_all(dir).map_err(|e| format!("Kan ikkje laga mappa {}: {e}", dir.display()))?;
        }
        p
    };
    if must_exist && !path.exists() {
        return Err(format!("Fann ikkje databasen {}. Køyr «saksbok --db FILE demo» for å laga ein.", path.display()));
    }
    Store::open(&path).map_err(|e| e.to_string())
}

fn run(cli: Cli) -> Result<(), String> {
    let user = user_name();
    match cli.command {
        Command::Demo => {
            let mut store = open(cli.db.as_deref(), false)?;
            let who = Actor { name: &user, now: Utc::now() };
            let demo = saksbok_core::demo::reference();
            let outcome = store.write(|tx| queries::load_demo(tx, &who, &demo)).map_err(|e| e.to_string())?;
            match outcome {
                queries::DemoOutcome::Loaded => println!("Demodata lasta inn i {}.", store.path().display()),
                queries::DemoOutcome::AlreadyThere => {
                    println!("Demodata finst alt i {}; ingenting endra.", store.path().display());
                }
            }
        }
        Command::List => {
            let store = open(cli.db.as_deref(), true)?;
            for c in queries::list_cases(store.conn()).map_err(|e| e.to_string())? {
                let arkivsak = c.case_number.map(|n| n.to_string()).unwrap_or_default();
                println!(
                    "{:<8} {:<10} {}  {}  {}",
                    c.agenda_number.to_string(),
                    arkivsak,
                    saksbok_core::date::format_date(c.meeting_date),
                    c.board,
                    c.title
                );
            }
        }
        Command::Render { kind: ProtocolKind::Saksprotokoll, number, utval, output } => {
            let number: AgendaNumber = number.parse().map_err(|e: saksbok_core::NumberError| e.to_string())?;
            let now = document_time()?;
            let mut store = open(cli.db.as_deref(), true)?;
            let id = queries::find_agenda_item(store.conn(), number, utval.as_deref()).map_err(|e| e.to_string())?;
            let protocol = queries::saksprotokoll(store.conn(), id).map_err(|e| e.to_string())?;
            let rendered = saksbok_protocol::render_saksprotokoll(&protocol, now);
            saksbok_protocol::save_atomically(&output, &rendered.pdf)
                .map_err(|e| format!("Kan ikkje skriva {}: {e}", output.display()))?;
            let shown = output.canonicalize().unwrap_or(output.clone());
            let who = Actor { name: &user, now };
            store
                .write(|tx| queries::record_printed_protocol(tx, &who, id, &shown.to_string_lossy(), &rendered.sha256))
                .map_err(|e| e.to_string())?;
            if !rendered.missing_glyphs.is_empty() {
                let list = rendered.missing_glyphs_text();
                eprintln!(
                    "Merk: skrifta manglar nokre teikn ({list}); dei er viste som {}.",
                    saksbok_protocol::fonts::REPLACEMENT
                );
            }
            let pages = if rendered.pages == 1 { "1 side".to_string() } else { format!("{} sider", rendered.pages) };
            println!("{} ({pages}, SHA-256 {})", shown.display(), rendered.sha256);
        }
        Command::Backup { dest } => {
            let store = open(cli.db.as_deref(), true)?;
            if dest.exists() {
                return Err(format!(
                    "{} finst frå før; vel eit anna namn, så ingenting vert skrive over.",
                    dest.display()
                ));
            }
            store.backup_to(&dest).map_err(|e| e.to_string())?;
            println!("Tryggingskopi skriven til {}.", dest.display());
        }
    }
    Ok(())
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("saksbok: {message}");
            ExitCode::FAILURE
        }
    }
}
