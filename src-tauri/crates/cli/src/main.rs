//! `saksbok`: the headless command line over the same database and protocol
//! code as the desktop app.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::{DateTime, Utc};
use clap::{Parser, Subcommand, ValueEnum};
use saksbok_core::AgendaNumber;
use saksbok_core::register::{CaseQuery, CaseSort};
use saksbok_store::backup::Backups;
use saksbok_store::{Actor, OpenOptions, Store, agenda, cases, interchange, paths, protocols};

/// `println!` for what the command prints: when the reader has gone (the
/// output piped into `head`, a closed pager), the program stops quietly
/// instead of panicking on the broken pipe.
macro_rules! out {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        if let Err(e) = writeln!(std::io::stdout().lock(), $($arg)*) {
            if e.kind() == std::io::ErrorKind::BrokenPipe {
                std::process::exit(0);
            }
            eprintln!("saksbok: kan ikkje skriva ut: {e}");
            std::process::exit(1);
        }
    }};
}

mod addendum;
mod agreements;
mod signing;

#[derive(Debug, Parser)]
#[command(
    name = "saksbok",
    version,
    about = "Saksbok: saker, møte og protokollar for kommunen, frå kommandolinja.",
    after_help = "Databasen er i app-datamappa om ikkje --db eller SAKSBOK_DB seier anna.\n\
                  Tidspunktet i PDF-ane er no, eller SOURCE_DATE_EPOCH når han er sett.\n\n\
                  Døme:\n  saksbok --db saksbok.sqlite3 demo\n  \
                  saksbok --db saksbok.sqlite3 search \"rådhuset gaupne\"\n  \
                  saksbok --db saksbok.sqlite3 export -o register.json\n  \
                  saksbok --db ny.sqlite3 import register.json\n  \
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
    /// List the cases in the register (arkivsaker), newest first, with their saksgang.
    List,
    /// Search the cases: titles, notes, journalpostar, behandling and vedtak.
    /// Words match as prefixes, capitals and æ, ø, å alike.
    Search {
        /// What to search for, e.g. "rådhuset gaupne" or 21/1069.
        query: String,
        /// Print a JSON array (number, title, status, snippet) instead of lines.
        #[arg(long)]
        json: bool,
        /// At most this many cases.
        #[arg(long, default_value_t = 50, value_name = "N")]
        limit: u32,
    },
    /// Write a protocol as PDF: the saksprotokoll of an utvalssak
    /// (`render saksprotokoll 54/21`), or a meeting's møteprotokoll, its
    /// offentleg versjon (skjerming applied) or its innkalling
    /// (`render moteprotokoll|offentleg|innkalling --utval NAME --date 2021-04-15`).
    Render {
        #[arg(value_enum)]
        kind: ProtocolKind,
        /// The utvalssak number, e.g. 54/21 (saksprotokoll).
        number: Option<String>,
        /// The board (utval): for a saksprotokoll needed only when several
        /// boards use the number, for a møteprotokoll when several meet that day.
        #[arg(long, value_name = "NAME")]
        utval: Option<String>,
        /// The meeting's date, yyyy-mm-dd or dd.mm.yyyy (møteprotokoll, offentleg, innkalling).
        #[arg(long, value_name = "DATE")]
        date: Option<String>,
        /// Where to write the PDF.
        #[arg(short, long, value_name = "OUT.pdf")]
        output: PathBuf,
        /// Mark a saksprotokoll "Rett utskrift" with the document's date and this name.
        #[arg(long, value_name = "NAMN")]
        rett_utskrift: Option<String>,
    },
    /// Print the behandling of an utvalssak as generated from its records
    /// (proposals, votes, text) with the board's phrase templates.
    Behandling {
        /// The utvalssak number, e.g. 54/21.
        number: String,
        /// The board (utval), needed only when several boards use the number.
        #[arg(long, value_name = "NAME")]
        utval: Option<String>,
    },
    /// Write the offentleg journal of a period: the journalpostar with every
    /// skjerma field replaced by its public form or its legal basis.
    Journal {
        /// First journal date, yyyy-mm-dd or dd.mm.yyyy.
        #[arg(long, value_name = "DATE")]
        from: String,
        /// Last journal date (included).
        #[arg(long, value_name = "DATE")]
        to: String,
        /// OUT.pdf or OUT.csv (semicolons, UTF-8).
        #[arg(short, long, value_name = "OUT")]
        output: PathBuf,
    },
    /// Write the whole database as JSON (format: store/schema/saksbok-export-v8.schema.json),
    /// with the documents' contents and every kept print's PDF as files in a folder beside it (OUT.dokument/).
    Export {
        /// The JSON file to write; it must not exist.
        #[arg(short, long, value_name = "OUT.json")]
        output: PathBuf,
    },
    /// Read an export (and its IN.dokument/ folder) into this database: all of
    /// it, or nothing if anything is wrong or already there (same saksnummer or UUID).
    Import {
        /// The JSON file written by `saksbok export`.
        input: PathBuf,
    },
    /// Approve a meeting's protocol and lock the meeting: checked first (held,
    /// attendance recorded, every sak recorded, no vote without a result), then
    /// the møtebok with these signatories is kept and written to OUT.pdf.
    Approve {
        /// The board (utval), when several met that day.
        #[arg(long, value_name = "NAME")]
        utval: Option<String>,
        /// The meeting's date, yyyy-mm-dd or dd.mm.yyyy.
        #[arg(long, value_name = "DATE")]
        date: String,
        /// Who signs, in order (the møteleiar or one the meeting elected or named); repeat for each.
        #[arg(long = "signatory", value_name = "NAMN", required = true)]
        signatories: Vec<String>,
        /// How it was approved, e.g. "Godkjend i møte 4/26".
        #[arg(long, value_name = "TEXT")]
        note: Option<String>,
        /// The day of approval; today when left out.
        #[arg(long, value_name = "DATE")]
        approved_on: Option<String>,
        /// Where to write the approved møtebok; it must not exist.
        #[arg(short, long, value_name = "OUT.pdf")]
        output: PathBuf,
    },
    /// Add a protokolltilførsel to an approved meeting: a correction or
    /// addition recorded after approval (never an edit of what was approved),
    /// kept for ever, and written as PDF.
    Addendum {
        /// The board (utval), when several met that day.
        #[arg(long, value_name = "NAME")]
        utval: Option<String>,
        /// The meeting's date, yyyy-mm-dd or dd.mm.yyyy.
        #[arg(long, value_name = "DATE")]
        date: String,
        /// What is corrected or added, as it is to stand.
        #[arg(long, value_name = "TEXT")]
        text: String,
        /// The utvalssak it concerns, e.g. 54/21.
        #[arg(long, value_name = "NUMBER")]
        sak: Option<String>,
        /// When it was decided; today when left out.
        #[arg(long, value_name = "DATE")]
        decided_on: Option<String>,
        /// What it rests on, e.g. "Vedteke i møte 5/21".
        #[arg(long, value_name = "TEXT")]
        basis: Option<String>,
        /// Where to write the PDF; it must not exist.
        #[arg(short, long, value_name = "OUT.pdf")]
        output: PathBuf,
    },
    /// Sign a protocol digitally (PAdES, ETSI.CAdES.detached): your empty
    /// signature line in the PDF is filled in an incremental update, so the
    /// signatures before yours stay valid. The key and certificate come from
    /// a PKCS#12 file (.p12/.pfx, its password from an environment variable)
    /// or from a smart card or token through its PKCS#11 module (its PIN from
    /// an environment variable).
    Sign {
        /// The PDF to sign (an approved møtebok, or one signed by others before you).
        file: PathBuf,
        /// The PKCS#12 file with your key and certificate.
        #[arg(long, value_name = "FILE", required_unless_present = "pkcs11", conflicts_with = "pkcs11")]
        p12: Option<PathBuf>,
        /// The environment variable that holds the PKCS#12 password.
        #[arg(long, value_name = "VAR", requires = "p12")]
        password_env: Option<String>,
        /// The PKCS#11 module of your smart card or token, e.g. /usr/lib/softhsm/libsofthsm2.so.
        #[arg(long, value_name = "MODULE")]
        pkcs11: Option<PathBuf>,
        /// The token's label (the first token with a key when left out).
        #[arg(long, value_name = "LABEL", requires = "pkcs11")]
        token: Option<String>,
        /// The key's label on the token (the first private key when left out).
        #[arg(long = "key", value_name = "LABEL", requires = "pkcs11")]
        key: Option<String>,
        /// The environment variable that holds the token's PIN.
        #[arg(long, value_name = "VAR", requires = "pkcs11")]
        pin_env: Option<String>,
        /// The signature field to fill, e.g. "Underskrift 2"; by default the line with the certificate's name.
        #[arg(long, value_name = "NAME")]
        field: Option<String>,
        /// Why you sign, e.g. "Godkjend møtebok".
        #[arg(long, value_name = "TEXT")]
        reason: Option<String>,
        /// Where you sign, e.g. "Gaupne".
        #[arg(long, value_name = "TEXT")]
        location: Option<String>,
        /// An RFC 3161 time-stamp authority: the signature gets its time stamp (PAdES B-T).
        #[arg(long, value_name = "URL")]
        tsa: Option<String>,
        /// Where to write the signed PDF; it must not exist.
        #[arg(short, long, value_name = "OUT.pdf")]
        output: PathBuf,
    },
    /// Check a protocol PDF: is it a protocol kept in this register (board,
    /// meeting, version), or exactly one plus valid signatures, the last over
    /// the whole file? Lists each signature. Exits 1 with the reason when not.
    Verify {
        /// The PDF to check.
        file: PathBuf,
        /// Print JSON (protocol, signatures, problem) instead of text.
        #[arg(long)]
        json: bool,
    },
    /// List the agreements (avtalar): status, parties and each one's next
    /// deadline (notice, expiry or review), the soonest first.
    Agreements {
        /// Print a JSON array instead of lines.
        #[arg(long)]
        json: bool,
        /// Count the days from this date (yyyy-mm-dd or dd.mm.yyyy) instead of today.
        #[arg(long, value_name = "DATE")]
        today: Option<String>,
    },
    /// The deadlines (Fristar) of agreements and follow-up tasks within DAYS
    /// from today, and those overdue; as lines, JSON, or an iCalendar file
    /// for Outlook or Apple Calendar (a second import updates the same events).
    Deadlines {
        /// How many days ahead, e.g. 30, 90 or 180.
        #[arg(long, value_name = "DAYS")]
        within: u32,
        /// Print JSON (today, within_days, items, undated_tasks).
        #[arg(long)]
        json: bool,
        /// Write the deadlines as an iCalendar file (RFC 5545).
        #[arg(long, value_name = "OUT.ics")]
        ics: Option<PathBuf>,
        /// Count the days from this date (yyyy-mm-dd or dd.mm.yyyy) instead of today.
        #[arg(long, value_name = "DATE")]
        today: Option<String>,
    },
    /// Write the report Oppfølging av vedtak as PDF: for one board (utval) and
    /// the meetings of a period, each utvalssak with the tasks that follow up
    /// its vedtak (responsible, due date, status) and where it all stands.
    Followup {
        /// The board; may be left out when there is only one.
        #[arg(long, value_name = "NAME")]
        utval: Option<String>,
        /// First meeting date, yyyy-mm-dd or dd.mm.yyyy.
        #[arg(long, value_name = "DATE")]
        from: String,
        /// Last meeting date (included).
        #[arg(long, value_name = "DATE")]
        to: String,
        /// Count what is overdue from this date instead of today.
        #[arg(long, value_name = "DATE")]
        today: Option<String>,
        /// Where to write the PDF; it must not exist.
        #[arg(short, long, value_name = "OUT.pdf")]
        output: PathBuf,
    },
    /// List the system's printers, the default first: name, state, two-sided
    /// printing, description.
    Printers {
        /// Print a JSON array (name, description, location, is_default, state, duplex).
        #[arg(long)]
        json: bool,
    },
    /// Print a PDF (a protocol written by `render`) on a printer: through CUPS
    /// on Linux and macOS, through the Windows print path (GDI) on Windows.
    Print {
        /// The PDF to print.
        file: PathBuf,
        /// The printer's name as `printers` lists it; the default printer when left out.
        #[arg(long, value_name = "NAME")]
        printer: Option<String>,
        /// Number of copies, 1 to 99.
        #[arg(long, default_value_t = 1, value_name = "N")]
        copies: u32,
        /// On both sides of the paper (long edge), where the printer offers it.
        #[arg(long)]
        duplex: bool,
        /// Windows: the file a printer that writes files ("Microsoft Print to
        /// PDF") writes, instead of asking for a name.
        #[arg(long, value_name = "FILE")]
        to_file: Option<PathBuf>,
    },
    /// Copy the database with SQLite's online backup (safe while the app runs).
    Backup {
        /// The copy to write.
        dest: PathBuf,
    },
    /// Replace the database with a backup, after checking the backup and
    /// keeping the database as it is now in the backup folder.
    Restore {
        /// The backup to bring back.
        from: PathBuf,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum ProtocolKind {
    /// The saksprotokoll of one utvalssak.
    Saksprotokoll,
    /// The whole møtebok of a meeting (kl. § 11-4), as signed.
    Moteprotokoll,
    /// The møtebok as published: skjerma titles, closed cases and protected names left out.
    Offentleg,
    /// The innkalling with its public sakliste (kl. § 11-3).
    Innkalling,
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

/// The day deadlines are counted from: `--today`, else the local date.
fn today_or(given: Option<&str>) -> Result<chrono::NaiveDate, String> {
    match given {
        Some(d) => saksbok_core::date::parse_date(d)
            .ok_or_else(|| format!("«{d}» er ikkje ein gyldig dato. Skriv til dømes 2026-12-04 eller 04.12.2026.")),
        None => Ok(chrono::Local::now().date_naive()),
    }
}

/// The database file: `--db`, else `SAKSBOK_DB` or the app-data directory.
fn db_path(db: Option<&Path>) -> Result<PathBuf, String> {
    Ok(if let Some(p) = db {
        p.to_path_buf()
    } else {
        let p = paths::default_db_path().ok_or("Fann inga app-datamappe; bruk --db FILE.")?;
        if let Some(dir) = p.parent() {
            std::fs::create_dir_all(dir).map_err(|e| format!("Kan ikkje laga mappa {}: {e}", dir.display()))?;
        }
        p
    })
}

fn open_options() -> OpenOptions {
    OpenOptions {
        backup_before_migration: true,
        program: Some("saksbok (kommandolinja)".into()),
        ..OpenOptions::default()
    }
}

fn open(db: Option<&Path>, must_exist: bool) -> Result<Store, String> {
    let path = db_path(db)?;
    if must_exist && !path.exists() {
        return Err(format!("Fann ikkje databasen {}. Køyr «saksbok --db FILE demo» for å laga ein.", path.display()));
    }
    Store::open_with(&path, &open_options()).map_err(|e| e.to_string())
}

fn run(cli: Cli) -> Result<(), String> {
    let user = saksbok_store::audit::os_user();
    match cli.command {
        Command::Demo => {
            let mut store = open(cli.db.as_deref(), false)?;
            let who = Actor { name: &user, now: Utc::now() };
            let demo = saksbok_core::demo::reference();
            let outcome =
                store.write(|tx| saksbok_store::demo::load_demo(tx, &who, &demo)).map_err(|e| e.to_string())?;
            match outcome {
                saksbok_store::demo::DemoOutcome::Loaded => {
                    out!("Demodata lasta inn i {}.", store.path().display());
                }
                saksbok_store::demo::DemoOutcome::AlreadyThere => {
                    out!("Demodata finst alt i {}; ingenting endra.", store.path().display());
                }
            }
        }
        Command::List => {
            let mut store = open(cli.db.as_deref(), true)?;
            let lines = store
                .read(|tx| {
                    let mut lines = Vec::new();
                    let mut q = CaseQuery { limit: cases::MAX_PAGE, ..CaseQuery::default() };
                    loop {
                        let page = cases::list(tx, &q)?;
                        for c in &page.rows {
                            let gang: Vec<String> = cases::saksgang(tx, c.id)?
                                .iter()
                                .map(|g| {
                                    format!(
                                        "{} {} {}",
                                        g.number,
                                        g.board,
                                        saksbok_core::date::format_date(g.meeting_date)
                                    )
                                })
                                .collect();
                            let gang = if gang.is_empty() { String::new() } else { format!("  [{}]", gang.join("; ")) };
                            lines.push(format!(
                                "{:<10} {:<26} {}{gang}",
                                c.number.to_string(),
                                c.status.label(),
                                c.title
                            ));
                        }
                        q.offset += page.rows.len() as u32;
                        if page.rows.is_empty() || q.offset >= page.total {
                            break;
                        }
                    }
                    Ok(lines)
                })
                .map_err(|e| e.to_string())?;
            for line in lines {
                out!("{line}");
            }
        }
        Command::Search { query, json, limit } => {
            if saksbok_core::search::fts_query(&query).is_none() {
                return Err(format!("«{query}» har ingen ord å søkja etter. Skriv minst eitt ord eller tal."));
            }
            let mut store = open(cli.db.as_deref(), true)?;
            let q = CaseQuery { text: query, sort: CaseSort::Relevance, limit: limit.max(1), ..CaseQuery::default() };
            let page = store.read(|tx| cases::list(tx, &q)).map_err(|e| e.to_string())?;
            let mut found = Vec::new();
            for c in &page.rows {
                let snippet: String = c.snippet.iter().map(|p| p.text.as_str()).collect();
                if json {
                    found.push(serde_json::json!({
                        "number": c.number.to_string(),
                        "title": c.title,
                        "status": c.status.as_str(),
                        "snippet": snippet,
                    }));
                } else {
                    out!("{:<10} {}\n           {snippet}", c.number.to_string(), c.title);
                }
            }
            if json {
                out!("{}", serde_json::to_string_pretty(&found).map_err(|e| e.to_string())?);
            }
            if !json {
                eprintln!("{} av {} treff.", page.rows.len(), page.total);
            }
        }
        Command::Behandling { number, utval } => {
            let number: AgendaNumber = number.parse().map_err(|e: saksbok_core::NumberError| e.to_string())?;
            let store = open(cli.db.as_deref(), true)?;
            let id = agenda::find_agenda_item(store.conn(), number, utval.as_deref()).map_err(|e| e.to_string())?;
            let view = saksbok_store::behandling::get_item(store.conn(), id).map_err(|e| e.to_string())?;
            out!("{}", view.generated);
            if view.record.behandling_text.is_some() {
                eprintln!("Merk: protokollen har ei eiga ordlyd for behandlinga; teksten over er den genererte.");
            }
        }
        Command::Render { kind, number, utval, date, output, rett_utskrift } => {
            let now = document_time()?;
            let mut store = open(cli.db.as_deref(), true)?;
            let conn = store.conn();
            let (rendered, record): (saksbok_protocol::Rendered, protocols::Printed) = match kind {
                ProtocolKind::Saksprotokoll => {
                    let Some(number) = number else {
                        return Err("Skriv nummeret på utvalssaka, til dømes: render saksprotokoll 54/21.".into());
                    };
                    if date.is_some() {
                        return Err("--date høyrer til møteprotokollen; ein saksprotokoll finst med nummeret.".into());
                    }
                    let number: AgendaNumber = number.parse().map_err(|e: saksbok_core::NumberError| e.to_string())?;
                    let id = agenda::find_agenda_item(conn, number, utval.as_deref()).map_err(|e| e.to_string())?;
                    let mut protocol = protocols::saksprotokoll(conn, id).map_err(|e| e.to_string())?;
                    if let Some(name) = rett_utskrift.as_deref() {
                        protocol = protocol.certify(now.with_timezone(&chrono::Local).date_naive(), name)?;
                    }
                    (saksbok_protocol::render_saksprotokoll(&protocol, now), protocols::Printed::Item(id))
                }
                meeting_kind => {
                    if rett_utskrift.is_some() {
                        return Err("«Rett utskrift» gjeld ein saksprotokoll: render saksprotokoll NUMMER --rett-utskrift NAMN.".into());
                    }
                    if let Some(n) = number {
                        return Err(format!(
                            "«{n}»: dette dokumentet gjeld heile møtet; vel det med --utval og --date."
                        ));
                    }
                    let Some(date) = date else {
                        return Err("Skriv datoen for møtet: --date 2021-04-15 (og --utval NAMN).".into());
                    };
                    let day = saksbok_core::date::parse_date(&date).ok_or_else(|| {
                        format!("«{date}» er ikkje ein gyldig dato. Skriv til dømes 2021-04-15 eller 15.04.2021.")
                    })?;
                    let id = protocols::find_meeting(conn, utval.as_deref(), day).map_err(|e| e.to_string())?;
                    match meeting_kind {
                        ProtocolKind::Innkalling => {
                            let notice = protocols::notice(conn, id).map_err(|e| e.to_string())?;
                            (saksbok_protocol::render_innkalling(&notice, now), protocols::Printed::Notice(id))
                        }
                        ProtocolKind::Offentleg => {
                            let minutes = protocols::public_minutes(conn, id).map_err(|e| e.to_string())?;
                            (saksbok_protocol::render_minutes(&minutes, now), protocols::Printed::Public(id))
                        }
                        _ => {
                            // An approved møtebok is its approved bytes, as in the window: every copy is the same.
                            let approved =
                                saksbok_store::approval::approved_print(conn, id).map_err(|e| e.to_string())?;
                            let rendered = match approved {
                                Some(print) => saksbok_protocol::stored(
                                    protocols::printed_pdf(conn, print).map_err(|e| e.to_string())?,
                                ),
                                None => saksbok_protocol::render_minutes(
                                    &protocols::minutes(conn, id).map_err(|e| e.to_string())?,
                                    now,
                                ),
                            };
                            (rendered, protocols::Printed::Meeting(id))
                        }
                    }
                }
            };
            saksbok_protocol::save_atomically(&output, &rendered.pdf)
                .map_err(|e| format!("Kan ikkje skriva {}: {e}", output.display()))?;
            // dunce: on Windows a plain C:\… path, never the \\?\ form that canonicalize gives.
            let shown = dunce::canonicalize(&output).unwrap_or(output.clone());
            let path = shown.to_string_lossy();
            // The history gets the real time; SOURCE_DATE_EPOCH fixes only the PDF's dates.
            let who = Actor { name: &user, now: Utc::now() };
            // The bytes are kept in the register too, whatever becomes of the file.
            store
                .write(|tx| protocols::record_print(tx, &who, record, &path, &rendered.pdf))
                .map_err(|e| e.to_string())?;
            if !rendered.missing_glyphs.is_empty() {
                let list = rendered.missing_glyphs_text();
                eprintln!(
                    "Merk: skrifta manglar nokre teikn ({list}); dei er viste som {}.",
                    saksbok_protocol::fonts::REPLACEMENT
                );
            }
            let pages = if rendered.pages == 1 { "1 side".to_string() } else { format!("{} sider", rendered.pages) };
            out!("{} ({pages}, SHA-256 {})", shown.display(), rendered.sha256);
        }
        Command::Journal { from, to, output } => {
            let date = |s: &str| {
                saksbok_core::date::parse_date(s).ok_or_else(|| {
                    format!("«{s}» er ikkje ein gyldig dato. Skriv til dømes 2026-11-01 eller 01.11.2026.")
                })
            };
            let (from, to) = (date(&from)?, date(&to)?);
            if to < from {
                return Err("Perioden sluttar før han byrjar: --to må vera same dag som --from eller seinare.".into());
            }
            let csv = match output.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).as_deref() {
                Some("csv") => true,
                Some("pdf") => false,
                _ => return Err(format!("{}: skriv til ei .pdf- eller .csv-fil.", output.display())),
            };
            let now = document_time()?;
            let mut store = open(cli.db.as_deref(), true)?;
            let (entries, doc) =
                store.read(|tx| saksbok_store::journal::public_journal(tx, from, to)).map_err(|e| e.to_string())?;
            let bytes = if csv {
                saksbok_core::public_journal::csv(&entries).into_bytes()
            } else {
                saksbok_protocol::render_saksprotokoll(&doc, now).pdf
            };
            saksbok_protocol::save_atomically(&output, &bytes)
                .map_err(|e| format!("Kan ikkje skriva {}: {e}", output.display()))?;
            out!("Offentleg journal med {} journalpostar skriven til {}.", entries.len(), output.display());
        }
        Command::Export { output } => {
            let mut store = open(cli.db.as_deref(), true)?;
            let folder = interchange::blob_dir(&output);
            for taken in [&output, &folder] {
                if taken.exists() {
                    return Err(format!(
                        "{} finst frå før; vel eit anna namn, så ingenting vert skrive over.",
                        taken.display()
                    ));
                }
            }
            let (text, hashes) = store
                .read(|tx| Ok((interchange::export_text(tx)?, interchange::blob_hashes(tx)?)))
                .map_err(|e| e.to_string())?;
            if !hashes.is_empty() {
                std::fs::create_dir_all(&folder).map_err(|e| format!("Kan ikkje laga {}: {e}", folder.display()))?;
                for sha in &hashes {
                    let bytes = saksbok_store::documents::blob(store.conn(), sha).map_err(|e| e.to_string())?;
                    saksbok_protocol::save_atomically(&folder.join(sha), &bytes)
                        .map_err(|e| format!("Kan ikkje skriva {}: {e}", folder.join(sha).display()))?;
                }
            }
            saksbok_protocol::save_atomically(&output, text.as_bytes())
                .map_err(|e| format!("Kan ikkje skriva {}: {e}", output.display()))?;
            let docs = if hashes.is_empty() {
                String::new()
            } else {
                format!(", {} dokument i {}", hashes.len(), folder.display())
            };
            out!("Eksportert til {} ({} byte{docs}).", output.display(), text.len());
        }
        Command::Import { input } => {
            let text = std::fs::read_to_string(&input)
                .map_err(|e| format!("Kan ikkje lesa {}: {e}. Ingenting er importert.", input.display()))?;
            let doc = interchange::parse(&text).map_err(|e| e.to_string())?;
            let mut store = open(cli.db.as_deref(), false)?;
            let who = Actor { name: &user, now: Utc::now() };
            if let Some(kept) = store.backup_before_import(who.now).map_err(|e| e.to_string())? {
                out!("Tryggingskopi før importen: {}", dunce::simplified(&kept.path).display());
            }
            let source = input.display().to_string();
            let folder = interchange::blob_dir(&input);
            let blobs = |sha: &str| std::fs::read(folder.join(sha));
            let summary =
                store.write(|tx| interchange::import(tx, &who, &doc, &source, &blobs)).map_err(|e| e.to_string())?;
            out!(
                "Importerte {} rader frå {} ({} saker, {} journalpostar, {} dokument, {} møte).",
                summary.total(),
                input.display(),
                summary.rows.get("cases").copied().unwrap_or_default(),
                summary.rows.get("journal_entries").copied().unwrap_or_default(),
                summary.rows.get("documents").copied().unwrap_or_default(),
                summary.rows.get("meetings").copied().unwrap_or_default()
            );
        }
        Command::Approve { utval, date, signatories, note, approved_on, output } => {
            let now = document_time()?;
            let day = saksbok_core::date::parse_date(&date).ok_or_else(|| {
                format!("«{date}» er ikkje ein gyldig dato. Skriv til dømes 2021-04-15 eller 15.04.2021.")
            })?;
            if output.exists() {
                return Err(format!(
                    "{} finst frå før; vel eit anna namn, så ingenting vert skrive over.",
                    output.display()
                ));
            }
            let input = saksbok_core::approval::ApprovalInput {
                approved_on: approved_on
                    .unwrap_or_else(|| Utc::now().with_timezone(&chrono::Local).format("%Y-%m-%d").to_string()),
                note,
                signatories,
            };
            let fields =
                input.validate().map_err(|e| e.into_iter().map(|f| f.message).collect::<Vec<_>>().join(" "))?;
            let mut store = open(cli.db.as_deref(), true)?;
            let id = protocols::find_meeting(store.conn(), utval.as_deref(), day).map_err(|e| e.to_string())?;
            store.read(|tx| saksbok_store::approval::check(tx, id, &fields)).map_err(|e| e.to_string())?;
            let minutes =
                saksbok_store::approval::approved_minutes(store.conn(), id, &fields).map_err(|e| e.to_string())?;
            let rendered = saksbok_protocol::render_minutes(&minutes, now);
            let filed: Vec<saksbok_store::approval::FiledProtocol> =
                saksbok_store::approval::protocols_to_file(store.conn(), id, &fields)
                    .map_err(|e| e.to_string())?
                    .into_iter()
                    .map(|(item, p)| {
                        let pdf = saksbok_protocol::render_saksprotokoll(&p, now).pdf;
                        saksbok_store::approval::FiledProtocol::new(item, &p, pdf)
                    })
                    .collect();
            saksbok_protocol::save_atomically(&output, &rendered.pdf)
                .map_err(|e| format!("Kan ikkje skriva {}: {e}", output.display()))?;
            let shown = dunce::canonicalize(&output).unwrap_or(output.clone());
            let who = Actor { name: &user, now: Utc::now() };
            let approved = store
                .write(|tx| {
                    let path = shown.to_string_lossy();
                    saksbok_store::approval::approve(tx, &who, id, &fields, &path, &rendered.pdf, &filed)
                })
                .map_err(|e| {
                    let _ = std::fs::remove_file(&output);
                    e.to_string()
                })?;
            out!(
                "Protokollen er godkjend {} og møtet låst. Den godkjende møteboka: {} (SHA-256 {})",
                saksbok_core::date::format_date(approved.approved_on),
                shown.display(),
                approved.sha256
            );
            for f in &filed {
                out!("Saksprotokollen {} er arkivert som journalpost i saka.", f.file_name);
            }
        }
        Command::Printers { json } => {
            let list = saksbok_print::printers().map_err(|e| e.to_string())?;
            if json {
                out!("{}", serde_json::to_string_pretty(&list).map_err(|e| e.to_string())?);
            } else {
                for p in &list {
                    let state = match p.state {
                        saksbok_print::PrinterStatus::Ready => "klar",
                        saksbok_print::PrinterStatus::Printing => "skriv ut",
                        saksbok_print::PrinterStatus::Stopped => "stoppa",
                        saksbok_print::PrinterStatus::Offline => "fråkopla",
                        saksbok_print::PrinterStatus::Unknown => "ukjend",
                    };
                    let mark = if p.is_default { "*" } else { " " };
                    let sides = if p.duplex { "tosidig" } else { "einsidig" };
                    out!("{mark} {:<24} {state:<9} {sides:<9} {}", p.name, p.description);
                }
            }
        }
        Command::Sign {
            file,
            p12,
            password_env,
            pkcs11,
            token,
            key,
            pin_env,
            field,
            reason,
            location,
            tsa,
            output,
        } => {
            let key = match (p12, pkcs11) {
                (Some(file), _) => signing::Key::Pkcs12 { file, password_env },
                (None, Some(module)) => signing::Key::Pkcs11 { module, token, key, pin_env },
                (None, None) => return Err("Vel kvar nøkkelen er: --p12 FIL eller --pkcs11 MODUL.".into()),
            };
            let args = signing::SignArgs { file, key, field, reason, location, tsa, output };
            signing::sign(&args)?;
        }
        Command::Addendum { utval, date, text, sak, decided_on, basis, output } => {
            let mut store = open(cli.db.as_deref(), true)?;
            let args = addendum::AddendumArgs {
                utval: utval.as_deref(),
                date: &date,
                text: &text,
                sak: sak.as_deref(),
                decided_on: decided_on.as_deref(),
                basis: basis.as_deref(),
                output: &output,
                user: &user,
                now: document_time()?,
            };
            addendum::add(&mut store, &args)?;
        }
        Command::Agreements { json, today } => {
            let store = open(cli.db.as_deref(), true)?;
            agreements::list(&store, today_or(today.as_deref())?, json)?;
        }
        Command::Deadlines { within, json, ics, today } => {
            let store = open(cli.db.as_deref(), true)?;
            let args = agreements::DeadlineArgs {
                within,
                today: today_or(today.as_deref())?,
                json,
                ics: ics.as_deref(),
                stamp: document_time()?,
            };
            agreements::deadlines(&store, &args)?;
        }
        Command::Followup { utval, from, to, today, output } => {
            let store = open(cli.db.as_deref(), true)?;
            let args = agreements::FollowupArgs {
                utval: utval.as_deref(),
                from: &from,
                to: &to,
                today: today_or(today.as_deref())?,
                output: &output,
                now: document_time()?,
            };
            agreements::followup(&store, &args)?;
        }
        Command::Verify { file, json } => {
            let store = open(cli.db.as_deref(), true)?;
            signing::verify(&store, &file, json)?;
        }
        Command::Print { file, printer, copies, duplex, to_file } => {
            let printer = match printer {
                Some(p) => p,
                None => saksbok_print::default_printer().map_err(|e| e.to_string())?.name,
            };
            let title = file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            let job = saksbok_print::PrintJob {
                printer: &printer,
                title: &title,
                copies,
                duplex,
                output: to_file.as_deref(),
            };
            let id = saksbok_print::print_pdf(&file, &job).map_err(|e| e.to_string())?;
            let copies = if copies == 1 { "1 kopi".to_string() } else { format!("{copies} kopiar") };
            out!("Sendt til {printer} ({copies}), jobb {id}.");
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
            out!("Tryggingskopi skriven til {}.", dest.display());
        }
        Command::Restore { from } => {
            let path = db_path(cli.db.as_deref())?;
            let kept = match Store::open_with(&path, &open_options()) {
                Ok(mut store) => {
                    let backups = Backups::for_database(store.conn(), store.path()).map_err(|e| e.to_string())?;
                    store.restore_from(&from, &backups, Utc::now()).map_err(|e| e.to_string())?
                }
                // A damaged file (or not a database at all) is put aside in the
                // backup folder beside it, never deleted, and the backup takes its place.
                Err(e) if matches!(e.code(), "db_corrupt" | "db_not_a_database") => {
                    Backups::beside(&path).replace_damaged(&path, &from, Utc::now()).map_err(|e| e.to_string())?
                }
                Err(e) => return Err(e.to_string()),
            };
            out!(
                "Henta fram {}. Databasen slik han var, er teken vare på i {}.",
                dunce::simplified(&from).display(),
                dunce::simplified(&kept.path).display()
            );
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
