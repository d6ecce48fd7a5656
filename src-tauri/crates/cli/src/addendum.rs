//! `saksbok addendum`: a protokolltilførsel added to an approved meeting and
//! written as PDF.

use std::path::Path;

use chrono::{DateTime, Utc};
use saksbok_core::AgendaNumber;
use saksbok_core::addendum::AddendumInput;
use saksbok_store::{Actor, Store, addenda, agenda, protocols};

/// What `addendum` was given.
pub struct AddendumArgs<'a> {
    pub utval: Option<&'a str>,
    pub date: &'a str,
    pub text: &'a str,
    pub sak: Option<&'a str>,
    pub decided_on: Option<&'a str>,
    pub basis: Option<&'a str>,
    pub output: &'a Path,
    pub user: &'a str,
    pub now: DateTime<Utc>,
}

/// Adds the protokolltilførsel and writes it to `output` (which must not
/// exist); nothing is kept when anything is wrong.
pub fn add(store: &mut Store, a: &AddendumArgs<'_>) -> Result<(), String> {
    if a.output.exists() {
        return Err(format!("{} finst frå før; vel eit anna namn, så ingenting vert skrive over.", a.output.display()));
    }
    let day = saksbok_core::date::parse_date(a.date).ok_or_else(|| {
        format!("«{}» er ikkje ein gyldig dato. Skriv til dømes 2021-04-15 eller 15.04.2021.", a.date)
    })?;
    let meeting = protocols::find_meeting(store.conn(), a.utval, day).map_err(|e| e.to_string())?;
    let agenda_item = match a.sak {
        None => None,
        Some(n) => {
            let number: AgendaNumber = n.parse().map_err(|e: saksbok_core::NumberError| e.to_string())?;
            Some(agenda::find_agenda_item(store.conn(), number, a.utval).map_err(|e| e.to_string())?)
        }
    };
    let input = AddendumInput {
        text: a.text.to_string(),
        agenda_item,
        // Today by the clock: SOURCE_DATE_EPOCH fixes only the PDF's dates.
        decided_on: a.decided_on.map_or_else(|| chrono::Local::now().format("%Y-%m-%d").to_string(), str::to_string),
        basis: a.basis.map(str::to_string),
    };
    let fields = input.validate().map_err(|e| e.into_iter().map(|f| f.message).collect::<Vec<_>>().join(" "))?;
    let who = Actor { name: a.user, now: Utc::now() };
    let record = store.write(|tx| addenda::add(tx, &who, meeting, &fields)).map_err(|e| e.to_string())?;
    let (_, printable) = addenda::printable(store.conn(), record.id).map_err(|e| e.to_string())?;
    let rendered = saksbok_protocol::render_tilforsel(&printable, a.now);
    saksbok_protocol::save_atomically(a.output, &rendered.pdf)
        .map_err(|e| format!("Protokolltilførselen er ført, men {} kunne ikkje skrivast: {e}", a.output.display()))?;
    out!("{} er ført og skriven til {}.", printable.title(), a.output.display());
    Ok(())
}
