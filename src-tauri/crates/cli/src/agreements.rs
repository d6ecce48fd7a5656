//! `saksbok agreements` and `saksbok deadlines`: the agreements register
//! with each agreement's status and next deadline, and the Fristar overview
//! as lines, JSON or an iCalendar file.

use std::path::Path;

use chrono::{DateTime, NaiveDate, Utc};
use saksbok_core::agreement::calendar::to_ics;
use saksbok_core::agreement::deadlines::Deadline;
use saksbok_core::date::format_date;
use saksbok_store::{Store, agreements, boards, tasks};

/// The most days ahead `deadlines --within` looks.
const MAX_WITHIN: u32 = 36_500;

fn when(d: &Deadline) -> String {
    let days = match d.days_left {
        0 => "i dag".to_string(),
        1 => "i morgon".to_string(),
        n if n < 0 => format!("{} dagar på overtid", -n),
        n => format!("om {n} dagar"),
    };
    format!("{} ({days})", format_date(d.date))
}

/// Prints every agreement: status, next deadline, parties.
pub fn list(store: &Store, today: NaiveDate, json: bool) -> Result<(), String> {
    let rows = agreements::list(store.conn(), today).map_err(|e| e.to_string())?;
    if json {
        out!("{}", serde_json::to_string_pretty(&rows).map_err(|e| e.to_string())?);
        return Ok(());
    }
    if rows.is_empty() {
        eprintln!("Ingen avtalar er registrerte.");
        return Ok(());
    }
    for r in &rows {
        let parties: Vec<String> = r
            .parties
            .iter()
            .map(|p| match p.role {
                Some(role) => format!("{} ({})", p.name, role.label()),
                None => p.name.clone(),
            })
            .collect();
        out!("{:>4}  {:<18} {}", r.id, r.status.label(), r.title);
        if !parties.is_empty() {
            out!("      Partar: {}", parties.join(", "));
        }
        let next = r
            .next_deadline
            .as_ref()
            .map_or_else(|| "ingen kjend".to_string(), |d| format!("{} {}", d.kind.label().to_lowercase(), when(d)));
        out!("      Neste frist: {next}");
        if r.open_tasks > 0 {
            out!("      Opne oppgåver: {}", r.open_tasks);
        }
    }
    Ok(())
}

/// What `deadlines` was asked.
pub struct DeadlineArgs<'a> {
    pub within: u32,
    pub today: NaiveDate,
    pub json: bool,
    pub ics: Option<&'a Path>,
    /// DTSTAMP of the calendar file.
    pub stamp: DateTime<Utc>,
}

/// Prints (or writes as .ics) the deadlines from today to `within` days
/// ahead and those overdue.
pub fn deadlines(store: &Store, a: &DeadlineArgs<'_>) -> Result<(), String> {
    if a.within > MAX_WITHIN {
        return Err(format!("--within kan vera høgst {MAX_WITHIN} dagar."));
    }
    let over = tasks::overview(store.conn(), a.today, a.within).map_err(|e| e.to_string())?;
    if let Some(path) = a.ics {
        if path.is_dir() {
            return Err(format!("{} er ei mappe; skriv namnet på .ics-fila.", path.display()));
        }
        let text = to_ics(&over.items, a.stamp)?;
        saksbok_protocol::save::save_atomically(path, text.as_bytes())
            .map_err(|e| format!("Kan ikkje skriva {}: {e}", path.display()))?;
        eprintln!(
            "{} fristar skrivne til {} (iCalendar). Importer fila på nytt for å oppdatera dei same hendingane.",
            over.items.len(),
            path.display()
        );
    }
    if a.json {
        out!("{}", serde_json::to_string_pretty(&over).map_err(|e| e.to_string())?);
    } else if a.ics.is_none() {
        if over.items.is_empty() {
            out!("Ingen fristar dei neste {} dagane, og ingen på overtid.", a.within);
        }
        for d in &over.items {
            let of = match (&d.agreement_title, d.task_id) {
                (Some(t), Some(_)) => format!("  [{t}]"),
                _ => String::new(),
            };
            let who = d.responsible.as_ref().map_or_else(String::new, |r| format!("  Ansvarleg: {r}"));
            out!("{:<28} {:<20} {}{of}{who}", when(d), d.kind.label(), d.title);
        }
    }
    if !over.undated_tasks.is_empty() {
        let n = over.undated_tasks.len();
        eprintln!(
            "{} ingen frist og er ikkje med{}:",
            if n == 1 { "1 open oppgåve har".to_string() } else { format!("{n} opne oppgåver har") },
            if a.ics.is_some() { " i kalenderfila" } else { "" }
        );
        for t in &over.undated_tasks {
            eprintln!("  – {t}");
        }
    }
    Ok(())
}

/// What `followup` was asked.
pub struct FollowupArgs<'a> {
    pub utval: Option<&'a str>,
    pub from: &'a str,
    pub to: &'a str,
    pub today: NaiveDate,
    pub output: &'a Path,
    /// The document's date.
    pub now: DateTime<Utc>,
}

fn date(typed: &str, flag: &str) -> Result<NaiveDate, String> {
    saksbok_core::date::parse_date(typed).ok_or_else(|| {
        format!("{flag} «{typed}» er ikkje ein gyldig dato. Skriv til dømes 2021-04-15 eller 15.04.2021.")
    })
}

/// Writes the report Oppfølging av vedtak for a board and a period.
pub fn followup(store: &Store, a: &FollowupArgs<'_>) -> Result<(), String> {
    if a.output.exists() {
        return Err(format!("{} finst frå før; vel eit anna namn, så ingenting vert skrive over.", a.output.display()));
    }
    let (from, to) = (date(a.from, "--from")?, date(a.to, "--to")?);
    let (board, _) = boards::board_named(store.conn(), a.utval).map_err(|e| e.to_string())?;
    let report = tasks::followup_report(store.conn(), board, from, to, a.today).map_err(|e| e.to_string())?;
    let r = saksbok_protocol::render_oppfolging(&report, a.now);
    saksbok_protocol::save_atomically(a.output, &r.pdf)
        .map_err(|e| format!("Kan ikkje skriva {}: {e}", a.output.display()))?;
    out!("{} ({} sider) skriven til {}. {}", report.title(), r.pages, a.output.display(), report.summary());
    Ok(())
}
