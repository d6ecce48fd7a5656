//! The roll of a meeting: who was there for which items, forfall, ugild with
//! the varamedlem who took the seat, the chair and the signatories. Saved
//! whole in one audited write after the rules in `saksbok_core::attendance`
//! pass; read back with who could vote on each item.

use std::collections::HashMap;

use chrono::NaiveTime;
use rusqlite::{Connection, OptionalExtension, Transaction, params};
use saksbok_core::attendance::{Attendance, Attendee, Capacity, Disqualification, Role, Seat};
use saksbok_core::board::seats_on;
use saksbok_core::case::{FieldError, MAX_SHORT};
use saksbok_core::roll::{Roll, RollInput, check_roles};

use crate::audit::{self, Actor};
use crate::sql::bad_value;
use crate::{Result, StoreError};

/// A stored attendance row.
struct Row {
    id: i64,
    name: String,
    party: Option<String>,
    kind: String,
    substitute_for: Option<i64>,
    title: Option<String>,
    from_item: Option<i64>,
    to_item: Option<i64>,
    arrived_at: Option<String>,
    left_at: Option<String>,
    signs: bool,
    chair: bool,
    note: Option<String>,
}

fn time(s: Option<String>) -> rusqlite::Result<Option<NaiveTime>> {
    s.map(|t| NaiveTime::parse_from_str(&t, "%H:%M").map_err(|_| bad_value("klokkeslett", &t))).transpose()
}

/// The meeting's items in agenda order (ids) and the one whose vote elected the signatories.
fn items_of(conn: &Connection, meeting: i64) -> Result<(Vec<i64>, Option<u32>)> {
    let mut stmt =
        conn.prepare("SELECT id, elects_signatories FROM agenda_items WHERE meeting_id = ?1 ORDER BY position")?;
    let rows: Vec<(i64, bool)> =
        stmt.query_map([meeting], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?;
    let elects = rows.iter().position(|(_, e)| *e).map(|p| p as u32);
    Ok((rows.into_iter().map(|(id, _)| id).collect(), elects))
}

/// The board's seats on the meeting's date, or (none registered) the members recorded.
fn seats(conn: &Connection, meeting: i64, a: &Attendance) -> Result<(Vec<Seat>, bool)> {
    let (board, date): (i64, String) =
        conn.query_row("SELECT board_id, date FROM meetings WHERE id = ?1", [meeting], |r| Ok((r.get(0)?, r.get(1)?)))?;
    let date = crate::sql::parse_date(&date)?;
    let seats = seats_on(&crate::boards::get(conn, board)?.members, date);
    if !seats.is_empty() {
        return Ok((seats, true));
    }
    let mut recorded: Vec<Seat> = Vec::new();
    let members = a.attendees.iter().filter(|x| x.capacity == Capacity::Member).map(|x| (&x.name, &x.party));
    let absent = a.apologies.iter().map(|n| (n, &None));
    for (name, party) in members.chain(absent) {
        if !recorded.iter().any(|s| &s.name == name) {
            recorded.push(Seat { name: name.clone(), party: party.clone(), role: Role::Member });
        }
    }
    Ok((recorded, false))
}

/// The roll of a meeting with who could vote on each item.
pub fn get(conn: &Connection, meeting: i64) -> Result<Roll> {
    let head: Option<(Option<u32>, bool)> = conn
        .query_row("SELECT head_count, chair_elected FROM meetings WHERE id = ?1", [meeting], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .optional()?;
    let (head_count, chair_elected) = head.ok_or_else(|| StoreError::NotFound(format!("møtet med id {meeting}")))?;
    let (items, signatories_item) = items_of(conn, meeting)?;
    let position = |id: Option<i64>| id.and_then(|id| items.iter().position(|i| *i == id)).map(|p| p as u32);

    let rows: Vec<Row> = conn
        .prepare(
            "SELECT id, name, party, kind, substitute_for, title, from_item_id, to_item_id, arrived_at, left_at, signs, chair,
                    note
             FROM meeting_attendance WHERE meeting_id = ?1 ORDER BY position, id",
        )?
        .query_map([meeting], |r| {
            Ok(Row {
                id: r.get(0)?,
                name: r.get(1)?,
                party: r.get(2)?,
                kind: r.get(3)?,
                substitute_for: r.get(4)?,
                title: r.get(5)?,
                from_item: r.get(6)?,
                to_item: r.get(7)?,
                arrived_at: r.get(8)?,
                left_at: r.get(9)?,
                signs: r.get(10)?,
                chair: r.get(11)?,
                note: r.get(12)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let name_of: HashMap<i64, &str> = rows.iter().map(|r| (r.id, r.name.as_str())).collect();
    let mut away: HashMap<i64, Vec<u32>> = HashMap::new();
    {
        let mut stmt = conn.prepare(
            "SELECT w.attendance_id, w.agenda_item_id FROM attendance_away w
             JOIN meeting_attendance m ON m.id = w.attendance_id WHERE m.meeting_id = ?1",
        )?;
        for row in stmt.query_map([meeting], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?)))? {
            let (who, item) = row?;
            if let Some(p) = position(Some(item)) {
                away.entry(who).or_default().push(p);
            }
        }
    }
    let mut attendance = Attendance { head_count, ..Attendance::default() };
    let mut input = RollInput { chair_elected, signatories_item, ..RollInput::default() };
    for r in &rows {
        if r.kind == "forfall" {
            attendance.apologies.push(r.name.clone());
            continue;
        }
        let capacity = match r.kind.as_str() {
            "medlem" => Capacity::Member,
            "varamedlem" => Capacity::Substitute {
                replaces: r.substitute_for.and_then(|id| name_of.get(&id)).map(|n| (*n).to_string()),
            },
            "administrasjon" => Capacity::Administration { title: r.title.clone() },
            "andre" => Capacity::Other { title: r.title.clone() },
            other => return Err(bad_value("oppmøtetype", other).into()),
        };
        let mut away_items = away.remove(&r.id).unwrap_or_default();
        away_items.sort_unstable();
        attendance.attendees.push(Attendee {
            name: r.name.clone(),
            party: r.party.clone(),
            capacity,
            from_item: position(r.from_item),
            to_item: position(r.to_item),
            arrived_at: time(r.arrived_at.clone())?,
            left_at: time(r.left_at.clone())?,
            away_items,
            note: r.note.clone(),
        });
        if r.chair {
            input.chair = Some(r.name.clone());
        }
        if r.signs {
            input.signatories.push(r.name.clone());
        }
    }
    attendance.disqualified = conn
        .prepare(
            "SELECT d.member_id, d.agenda_item_id, d.basis, d.substitute_id FROM disqualifications d
             JOIN meeting_attendance m ON m.id = d.member_id WHERE m.meeting_id = ?1 ORDER BY d.position",
        )?
        .query_map([meeting], |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?, r.get::<_, String>(2)?, r.get::<_, Option<i64>>(3)?))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?
        .into_iter()
        .map(|(member, item, basis, substitute)| Disqualification {
            member: name_of.get(&member).map(|n| (*n).to_string()).unwrap_or_default(),
            item: position(Some(item)).unwrap_or_default(),
            basis,
            substitute: substitute.and_then(|s| name_of.get(&s)).map(|n| (*n).to_string()),
        })
        .collect();
    let (seats, seats_known) = seats(conn, meeting, &attendance)?;
    // The seats travel beside the roll, not in it (the window never sends them).
    attendance.seats.clone_from(&seats);
    let per_item = (0..items.len() as u32).map(|i| attendance.for_item(i)).collect();
    attendance.seats = Vec::new();
    input.attendance = attendance;
    Ok(Roll { input, seats, seats_known, items: per_item })
}

fn kind_of(c: &Capacity) -> &'static str {
    match c {
        Capacity::Member => "medlem",
        Capacity::Substitute { .. } => "varamedlem",
        Capacity::Administration { .. } => "administrasjon",
        Capacity::Other { .. } => "andre",
    }
}

fn clean(s: Option<&str>) -> Option<String> {
    s.map(str::trim).filter(|s| !s.is_empty()).map(str::to_string)
}

/// Trims every name and text the clerk typed.
fn tidy(input: &RollInput) -> RollInput {
    let mut r = input.clone();
    let a = &mut r.attendance;
    for x in &mut a.attendees {
        x.name = x.name.trim().to_string();
        x.party = clean(x.party.as_deref());
        match &mut x.capacity {
            Capacity::Substitute { replaces } => *replaces = clean(replaces.as_deref()),
            Capacity::Administration { title } | Capacity::Other { title } => *title = clean(title.as_deref()),
            Capacity::Member => {}
        }
        x.away_items.sort_unstable();
        x.away_items.dedup();
        x.note = clean(x.note.as_deref());
    }
    a.apologies = a.apologies.iter().map(|n| n.trim().to_string()).collect();
    for d in &mut a.disqualified {
        d.member = d.member.trim().to_string();
        d.basis = d.basis.trim().to_string();
        d.substitute = clean(d.substitute.as_deref());
    }
    r.chair = clean(r.chair.as_deref());
    r.signatories = r.signatories.iter().map(|n| n.trim().to_string()).filter(|n| !n.is_empty()).collect();
    r
}

/// Every problem with a roll for `items` items, as the form shows them.
fn problems(r: &RollInput, items: u32) -> Vec<FieldError> {
    let a = &r.attendance;
    let mut errors = Vec::new();
    for (i, x) in a.attendees.iter().enumerate() {
        if x.name.is_empty() {
            errors.push(FieldError::new(
                &format!("attendees.{i}.name"),
                format!("Linje {} i oppmøtet manglar namn.", i + 1),
            ));
        }
        if x.name.chars().count() > MAX_SHORT {
            errors.push(FieldError::new(
                &format!("attendees.{i}.name"),
                format!("Namnet kan vera på høgst {MAX_SHORT} teikn."),
            ));
        }
    }
    if a.apologies.iter().any(String::is_empty) {
        errors.push(FieldError::new("apologies", "Ei linje med forfall manglar namn."));
    }
    for p in a.check(items) {
        // On the person's line when the problem is about one.
        let field = match p.person().and_then(|n| a.attendees.iter().position(|x| x.name == n)) {
            Some(i) => format!("attendees.{i}.name"),
            None if p.person().is_some_and(|n| a.apologies.iter().any(|x| x == n)) => "apologies".to_string(),
            None => "attendance".to_string(),
        };
        errors.push(FieldError::new(&field, p.to_string()));
    }
    let attending = |name: &str, substitute: bool| {
        a.attendees.iter().any(|x| {
            x.name == name
                && if substitute {
                    matches!(x.capacity, Capacity::Substitute { .. })
                } else {
                    x.capacity == Capacity::Member
                }
        })
    };
    for (i, x) in a.attendees.iter().enumerate() {
        if let Capacity::Substitute { replaces: Some(m) } = &x.capacity
            && !attending(m, false)
            && !a.apologies.contains(m)
        {
            errors.push(FieldError::new(
                &format!("attendees.{i}.replaces"),
                format!("{} er ført som vara for {m}, men {m} er verken ført som møtt eller med forfall. Før {m} med forfall.", x.name),
            ));
        }
    }
    for (i, d) in a.disqualified.iter().enumerate() {
        if !attending(&d.member, false) && !attending(&d.member, true) {
            errors.push(FieldError::new(
                &format!("disqualified.{i}.member"),
                format!(
                    "{} er ført som ugild i sak {}, men er ikkje ført som møtt medlem eller varamedlem.",
                    d.member,
                    d.item + 1
                ),
            ));
        }
        if let Some(s) = &d.substitute
            && !attending(s, true)
        {
            errors.push(FieldError::new(
                &format!("disqualified.{i}.substitute"),
                format!("{s} tek plassen til {} i sak {}, men er ikkje ført som møtt varamedlem. Legg {s} til som varamedlem først.", d.member, d.item + 1),
            ));
        }
    }
    check_roles(r, items, &mut errors);
    errors
}

fn person_of(tx: &Transaction<'_>, board: i64, name: &str) -> Result<Option<i64>> {
    Ok(tx
        .query_row(
            "SELECT p.id FROM board_members bm JOIN persons p ON p.id = bm.person_id
             WHERE bm.board_id = ?1 AND p.name = ?2 ORDER BY bm.id LIMIT 1",
            params![board, name],
            |r| r.get(0),
        )
        .optional()?)
}

/// The roll as the audit log keeps it.
/// The roll as the history keeps it, with the ids of the items its
/// positions refer to (so an undo after the sakliste changed finds them).
fn audit_json(r: &RollInput, items: &[i64]) -> String {
    serde_json::json!({ "items": items, "roll": r }).to_string()
}

/// Saves the whole roll of a meeting. Anything wrong leaves it as it was.
pub fn set(tx: &Transaction<'_>, who: &Actor<'_>, meeting: i64, input: &RollInput) -> Result<Roll> {
    set_as(tx, who, meeting, input, "update")
}

/// [`set`], recorded in the history as `action` ("update", or "undo").
pub(crate) fn set_as(
    tx: &Transaction<'_>,
    who: &Actor<'_>,
    meeting: i64,
    input: &RollInput,
    action: &str,
) -> Result<Roll> {
    let before = get(tx, meeting)?;
    crate::meetings::ensure_open(tx, meeting)?;
    let mut r = tidy(input);
    let (items, _) = items_of(tx, meeting)?;
    // Seats derived from the roll itself prove nothing about membership.
    let (seats, known) = seats(tx, meeting, &r.attendance)?;
    r.attendance.seats = if known { seats } else { Vec::new() };
    let errors = problems(&r, items.len() as u32);
    if !errors.is_empty() {
        return Err(StoreError::InvalidFields(errors));
    }
    r.attendance.seats = Vec::new();
    if r == before.input && action != "undo" {
        return Ok(before);
    }
    let board: i64 = tx.query_row("SELECT board_id FROM meetings WHERE id = ?1", [meeting], |x| x.get(0))?;
    let item = |p: Option<u32>| p.map(|p| items[p as usize]);

    tx.execute("DELETE FROM meeting_attendance WHERE meeting_id = ?1", [meeting])?;
    tx.execute(
        "UPDATE meetings SET head_count = ?2, chair_elected = ?3, updated_at = ?4 WHERE id = ?1",
        params![meeting, r.attendance.head_count, r.chair_elected, who.timestamp()],
    )?;
    tx.execute("UPDATE agenda_items SET elects_signatories = 0 WHERE meeting_id = ?1", [meeting])?;
    if let Some(id) = item(r.signatories_item) {
        tx.execute("UPDATE agenda_items SET elects_signatories = 1 WHERE id = ?1", [id])?;
    }
    let a = &r.attendance;
    let mut ids: HashMap<&str, i64> = HashMap::new();
    let insert = |x: Option<&Attendee>, name: &str, position: usize, ids: &HashMap<&str, i64>| -> Result<i64> {
        let (kind, party, title, replaces) = match x {
            None => ("forfall", None, None, None),
            Some(x) => {
                let (title, replaces) = match &x.capacity {
                    Capacity::Administration { title } | Capacity::Other { title } => (title.clone(), None),
                    Capacity::Substitute { replaces } => (None, replaces.as_deref().and_then(|m| ids.get(m)).copied()),
                    Capacity::Member => (None, None),
                };
                (kind_of(&x.capacity), x.party.clone(), title, replaces)
            }
        };
        let party = party.or_else(|| a.seats.iter().find(|s| s.name == name).and_then(|s| s.party.clone()));
        tx.execute(
            "INSERT INTO meeting_attendance (meeting_id, person_id, name, party, kind, substitute_for, title, from_item_id,
                                             to_item_id, arrived_at, left_at, signs, chair, position, note)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
            params![
                meeting,
                person_of(tx, board, name)?,
                name,
                party,
                kind,
                replaces,
                title,
                x.and_then(|x| item(x.from_item)),
                x.and_then(|x| item(x.to_item)),
                x.and_then(|x| x.arrived_at).map(|t| t.format("%H:%M").to_string()),
                x.and_then(|x| x.left_at).map(|t| t.format("%H:%M").to_string()),
                r.signatories.iter().any(|s| s == name),
                r.chair.as_deref() == Some(name),
                position as i64,
                x.and_then(|x| x.note.clone())
            ],
        )?;
        Ok(tx.last_insert_rowid())
    };
    // Those a varamedlem may stand in for are written first, so every row
    // refers only to rows before it (as an import reads them).
    let n = a.attendees.len();
    for (i, name) in a.apologies.iter().enumerate() {
        let id = insert(None, name, n + i, &ids)?;
        ids.insert(name, id);
    }
    let stands_in = |x: &Attendee| matches!(x.capacity, Capacity::Substitute { replaces: Some(_) });
    for pass in [false, true] {
        for (i, x) in a.attendees.iter().enumerate().filter(|(_, x)| stands_in(x) == pass) {
            let id = insert(Some(x), &x.name, i, &ids)?;
            ids.insert(&x.name, id);
            for away in &x.away_items {
                tx.execute(
                    "INSERT INTO attendance_away (attendance_id, agenda_item_id) VALUES (?1, ?2)",
                    params![id, items[*away as usize]],
                )?;
            }
        }
    }
    for (i, d) in a.disqualified.iter().enumerate() {
        tx.execute(
            "INSERT INTO disqualifications (agenda_item_id, member_id, basis, substitute_id, position)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![
                items[d.item as usize],
                ids[d.member.as_str()],
                d.basis,
                d.substitute.as_deref().map(|s| ids[s]),
                i as i64
            ],
        )?;
    }
    let after = get(tx, meeting)?;
    audit::record(
        tx,
        who,
        action,
        "roll",
        meeting,
        Some(&audit_json(&before.input, &items)),
        Some(&audit_json(&after.input, &items)),
    )?;
    Ok(after)
}
