//! Deadlines as an iCalendar file (RFC 5545) that Outlook and Apple
//! Calendar import: one all-day event per deadline with a reminder a week
//! before. The UID of an event is the deadline's own, so importing a newer
//! file updates the events instead of adding them again, and SEQUENCE
//! follows the agreement's or task's revision.

use chrono::{DateTime, Utc};
use ics::properties::{Categories, Description, DtEnd, DtStart, Method, Sequence, Status, Summary, Transp, Trigger};
use ics::{Alarm, Event, ICalendar, escape_text, parameters};

use super::deadlines::{Deadline, DeadlineKind};
use crate::date::format_date;

const PRODID: &str = "-//Saksbok//Fristar//NN";
/// The domain part of every UID, so they do not collide with other programs'.
pub const UID_DOMAIN: &str = "saksbok.luster.kommune.no";

fn date_value(d: chrono::NaiveDate) -> String {
    d.format("%Y%m%d").to_string()
}

fn summary(d: &Deadline) -> String {
    match d.kind {
        DeadlineKind::Task => format!("Frist: {}", d.title),
        kind => format!("{}: {}", kind.label(), d.title),
    }
}

fn description(d: &Deadline) -> String {
    let mut lines = vec![format!("{} {}.", d.kind.label(), format_date(d.date)), d.detail.clone()];
    if let (DeadlineKind::Task, Some(a)) = (d.kind, &d.agreement_title) {
        lines.push(format!("Avtale: {a}"));
    }
    if let Some(r) = &d.responsible {
        lines.push(format!("Ansvarleg: {r}"));
    }
    lines.push("Frå Saksbok.".into());
    lines.join("\n")
}

/// Why a calendar file is not made when there is no deadline: RFC 5545
/// asks for at least one event, and an empty file would change nothing.
pub const NOTHING_TO_EXPORT: &str = "Det er ingen fristar å leggja i kalenderfila: ingen på overtid og ingen i perioden som er vald. Vel ein lengre periode.";

/// The calendar file; `stamp` is when it is made (DTSTAMP). Refused with
/// [`NOTHING_TO_EXPORT`] when there is no deadline.
pub fn to_ics(deadlines: &[Deadline], stamp: DateTime<Utc>) -> Result<String, &'static str> {
    if deadlines.is_empty() {
        return Err(NOTHING_TO_EXPORT);
    }
    let stamp = stamp.format("%Y%m%dT%H%M%SZ").to_string();
    let mut cal = ICalendar::new("2.0", PRODID);
    cal.push(Method::new("PUBLISH"));
    cal.push(ics::properties::CalScale::new("GREGORIAN"));
    for d in deadlines {
        let mut e = Event::new(format!("{}@{UID_DOMAIN}", d.uid), stamp.clone());
        let mut start = DtStart::new(date_value(d.date));
        start.append(parameters!("VALUE" => "DATE"));
        e.push(start);
        let mut end = DtEnd::new(date_value(d.date + chrono::Days::new(1)));
        end.append(parameters!("VALUE" => "DATE"));
        e.push(end);
        e.push(Summary::new(escape_text(summary(d))));
        e.push(Description::new(escape_text(description(d))));
        e.push(Categories::new(escape_text(d.kind.label())));
        e.push(Sequence::new(d.revision.to_string()));
        e.push(Status::confirmed());
        e.push(Transp::transparent());
        e.add_alarm(Alarm::display(Trigger::new("-P7D"), Description::new(escape_text(summary(d)))));
        cal.add_event(e);
    }
    Ok(cal.to_string())
}
