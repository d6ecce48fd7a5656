//! Boards (utval): their settings, number series, and members and
//! varamedlemer per term. Every change is one audited write with the board
//! as it was and as it became.

use rusqlite::{Connection, OptionalExtension, Transaction, params};
use saksbok_core::attendance::Role;
use saksbok_core::board::{
    BoardRecord, BoardSettings, Membership, NumberFormat, NumberSeries, TermMember, TextLanguage, check_members,
};
use saksbok_core::case::FieldError;

use crate::audit::{self, Actor};
use crate::derived::sort_key;
use crate::sql::{bad_value, parse_date};
use crate::{Result, StoreError};

fn format_columns(f: NumberFormat) -> (&'static str, Option<u8>) {
    match f {
        NumberFormat::SeqYear => ("seq_year", None),
        NumberFormat::PaddedSeqYear { width } => ("padded_seq_year", Some(width)),
        NumberFormat::YearSeq => ("year_seq", None),
    }
}

fn format_from(kind: &str, width: Option<u8>) -> rusqlite::Result<NumberFormat> {
    Ok(match (kind, width) {
        ("seq_year", _) => NumberFormat::SeqYear,
        ("padded_seq_year", Some(width)) => NumberFormat::PaddedSeqYear { width },
        ("year_seq", _) => NumberFormat::YearSeq,
        _ => return Err(bad_value("nummerformat", kind)),
    })
}

fn role_column(m: Membership) -> (&'static str, Option<u32>) {
    match m {
        Membership::Seat { role: Role::Chair } => ("leiar", None),
        Membership::Seat { role: Role::DeputyChair } => ("nestleiar", None),
        Membership::Seat { role: Role::Member } => ("medlem", None),
        Membership::Substitute { order } => ("varamedlem", Some(order)),
    }
}

fn membership_from(role: &str, order: Option<u32>) -> rusqlite::Result<Membership> {
    Ok(match role {
        "leiar" => Membership::Seat { role: Role::Chair },
        "nestleiar" => Membership::Seat { role: Role::DeputyChair },
        "medlem" => Membership::Seat { role: Role::Member },
        // Rows from before 0003 have no order: they are called in the order stored.
        "varamedlem" => Membership::Substitute { order: order.unwrap_or(1) },
        other => return Err(bad_value("rolle", other)),
    })
}

/// One board with its series and members.
pub fn get(conn: &Connection, id: i64) -> Result<BoardRecord> {
    let row = conn
        .query_row(
            "SELECT name, code, number_format, number_width, default_place, language, distribution
             FROM boards WHERE id = ?1",
            [id],
            |r| {
                let language: String = r.get(5)?;
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, Option<String>>(1)?,
                    format_from(&r.get::<_, String>(2)?, r.get(3)?)?,
                    r.get::<_, Option<String>>(4)?,
                    match language.as_str() {
                        "nb" => TextLanguage::Nb,
                        "nn" => TextLanguage::Nn,
                        other => return Err(bad_value("språk", other)),
                    },
                    r.get::<_, Option<String>>(6)?,
                ))
            },
        )
        .optional()?
        .ok_or_else(|| StoreError::NotFound(format!("utval med id {id}")))?;
    let (name, code, number_format, default_place, language, distribution) = row;
    let series = conn
        .prepare_cached("SELECT prefix, label FROM board_series WHERE board_id = ?1 ORDER BY position")?
        .query_map([id], |r| Ok(NumberSeries { prefix: r.get(0)?, label: r.get(1)? }))?
        .collect::<rusqlite::Result<_>>()?;
    let members = conn
        .prepare_cached(
            "SELECT p.name, m.party, m.role, m.substitute_order, m.term_from, m.term_to
             FROM board_members m JOIN persons p ON p.id = m.person_id
             WHERE m.board_id = ?1 ORDER BY m.id",
        )?
        .query_map([id], |r| {
            let date = |i: usize| -> rusqlite::Result<Option<chrono::NaiveDate>> {
                r.get::<_, Option<String>>(i)?.map(|s| parse_date(&s)).transpose()
            };
            Ok(TermMember {
                name: r.get(0)?,
                party: r.get(1)?,
                membership: membership_from(&r.get::<_, String>(2)?, r.get(3)?)?,
                term_from: date(4)?,
                term_to: date(5)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(BoardRecord {
        id,
        settings: BoardSettings {
            name,
            code,
            series,
            number_format,
            default_place,
            language,
            distribution: distribution.map(|d| d.lines().map(str::to_string).collect()).unwrap_or_default(),
        },
        members,
    })
}

/// Every board, in Norwegian order of their names.
pub fn list(conn: &Connection) -> Result<Vec<BoardRecord>> {
    let ids: Vec<(i64, String)> = conn
        .prepare("SELECT id, name FROM boards")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut boards = ids.into_iter().map(|(id, _)| get(conn, id)).collect::<Result<Vec<_>>>()?;
    boards.sort_by_cached_key(|b| sort_key(&b.settings.name));
    Ok(boards)
}

fn audit_json(b: &BoardRecord) -> String {
    serde_json::to_string(b).expect("a board serialises")
}

/// A name or short code another board already has is refused at its field.
fn taken(tx: &Transaction<'_>, s: &BoardSettings, not: Option<i64>) -> Result<()> {
    let mut errors = Vec::new();
    let by = |col: &str, value: &str| -> Result<bool> {
        Ok(tx
            .query_row(&format!("SELECT 1 FROM boards WHERE {col} = ?1 AND id IS NOT ?2"), params![value, not], |r| {
                r.get::<_, i64>(0)
            })
            .optional()?
            .is_some())
    };
    if by("name", &s.name)? {
        errors.push(FieldError::new("name", format!("Det finst alt eit utval som heiter «{}».", s.name)));
    }
    if let Some(code) = &s.code
        && by("code", code)?
    {
        errors.push(FieldError::new("code", format!("Kortnamnet «{code}» er alt brukt av eit anna utval.")));
    }
    if errors.is_empty() { Ok(()) } else { Err(StoreError::InvalidFields(errors)) }
}

fn write_settings(tx: &Transaction<'_>, id: i64, s: &BoardSettings) -> Result<()> {
    let (format, width) = format_columns(s.number_format);
    tx.execute(
        "UPDATE boards SET name = ?2, code = ?3, number_format = ?4, number_width = ?5, default_place = ?6,
                           language = ?7, distribution = ?8
         WHERE id = ?1",
        params![
            id,
            s.name,
            s.code,
            format,
            width,
            s.default_place,
            match s.language {
                TextLanguage::Nn => "nn",
                TextLanguage::Nb => "nb",
            },
            (!s.distribution.is_empty()).then(|| s.distribution.join("\n")),
        ],
    )?;
    // Series keep their place (position) so what is numbered in them stays put.
    let had: u32 = tx.query_row("SELECT count(*) FROM board_series WHERE board_id = ?1", [id], |r| r.get(0))?;
    let in_use: Option<String> = tx
        .query_row(
            "SELECT coalesce(s.prefix, s.label, 'nummer ' || s.position) FROM board_series s
             WHERE s.board_id = ?1 AND s.position > ?2
               AND EXISTS (SELECT 1 FROM agenda_items a WHERE a.series_id = s.id)
             ORDER BY s.position LIMIT 1",
            params![id, s.series.len() as i64],
            |r| r.get(0),
        )
        .optional()?;
    if let Some(name) = in_use {
        return Err(StoreError::InvalidFields(vec![FieldError::new(
            "series",
            format!("Nummerserien {name} har saker i seg og kan ikkje takast bort."),
        )]));
    }
    // Prefixes are unique per board: clear them first so two series may swap theirs.
    tx.execute("UPDATE board_series SET prefix = NULL WHERE board_id = ?1", [id])?;
    for (i, series) in s.series.iter().enumerate() {
        let position = i as u32 + 1;
        tx.execute(
            "INSERT INTO board_series (board_id, position, prefix, label) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (board_id, position) DO UPDATE SET prefix = excluded.prefix, label = excluded.label",
            params![id, position, series.prefix, series.label],
        )?;
    }
    if had > s.series.len() as u32 {
        tx.execute(
            "DELETE FROM board_series WHERE board_id = ?1 AND position > ?2",
            params![id, s.series.len() as i64],
        )?;
    }
    Ok(())
}

/// Gives a board without a number series the single series every board
/// starts with (no prefix).
pub(crate) fn ensure_series(tx: &Transaction<'_>, id: i64) -> Result<()> {
    tx.execute(
        "INSERT INTO board_series (board_id, position)
         SELECT ?1, 1 WHERE NOT EXISTS (SELECT 1 FROM board_series WHERE board_id = ?1)",
        [id],
    )?;
    Ok(())
}

fn invalid(errors: Vec<FieldError>) -> StoreError {
    StoreError::InvalidFields(errors)
}

/// Sets up a new board.
pub fn create(tx: &Transaction<'_>, who: &Actor<'_>, settings: &BoardSettings) -> Result<BoardRecord> {
    let s = settings.validate().map_err(invalid)?;
    taken(tx, &s, None)?;
    tx.execute("INSERT INTO boards (name) VALUES (?1)", [&s.name])?;
    let id = tx.last_insert_rowid();
    write_settings(tx, id, &s)?;
    let made = get(tx, id)?;
    audit::record(tx, who, "create", "board", id, None, Some(&audit_json(&made)))?;
    Ok(made)
}

/// Changes a board's settings; saving what is there writes nothing.
pub fn update(tx: &Transaction<'_>, who: &Actor<'_>, id: i64, settings: &BoardSettings) -> Result<BoardRecord> {
    let before = get(tx, id)?;
    let s = settings.validate().map_err(invalid)?;
    if s == before.settings {
        return Ok(before);
    }
    taken(tx, &s, Some(id))?;
    write_settings(tx, id, &s)?;
    let after = get(tx, id)?;
    audit::record(tx, who, "update", "board", id, Some(&audit_json(&before)), Some(&audit_json(&after)))?;
    Ok(after)
}

fn person_id(tx: &Transaction<'_>, name: &str) -> Result<i64> {
    let found: Option<i64> = tx
        .query_row("SELECT id FROM persons WHERE name = ?1 AND qualifier IS NULL ORDER BY id LIMIT 1", [name], |r| {
            r.get(0)
        })
        .optional()?;
    if let Some(id) = found {
        return Ok(id);
    }
    tx.execute("INSERT INTO persons (name) VALUES (?1)", [name])?;
    Ok(tx.last_insert_rowid())
}

/// Replaces the board's members and varamedlemer of every term with
/// `members`, after checking them (two leiarar in one term, a person twice,
/// a term that ends before it starts are refused, row by row).
pub fn set_members(tx: &Transaction<'_>, who: &Actor<'_>, id: i64, members: &[TermMember]) -> Result<BoardRecord> {
    let before = get(tx, id)?;
    let members: Vec<TermMember> = members
        .iter()
        .map(|m| TermMember {
            name: m.name.trim().to_string(),
            party: m.party.as_deref().map(str::trim).filter(|p| !p.is_empty()).map(str::to_string),
            ..m.clone()
        })
        .collect();
    let problems = check_members(&members);
    if !problems.is_empty() {
        return Err(invalid(problems));
    }
    if members == before.members {
        return Ok(before);
    }
    tx.execute("DELETE FROM board_members WHERE board_id = ?1", [id])?;
    for m in &members {
        let (role, order) = role_column(m.membership);
        tx.execute(
            "INSERT INTO board_members (board_id, person_id, party, role, substitute_order, term_from, term_to)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                id,
                person_id(tx, &m.name)?,
                m.party,
                role,
                order,
                m.term_from.map(|d| d.to_string()),
                m.term_to.map(|d| d.to_string())
            ],
        )?;
    }
    let after = get(tx, id)?;
    audit::record(tx, who, "update", "board", id, Some(&audit_json(&before)), Some(&audit_json(&after)))?;
    Ok(after)
}

/// How a board's protocols are printed; the reference layout until one is saved.
pub fn layout(conn: &Connection, id: i64) -> Result<saksbok_core::layout::ProtocolLayout> {
    let json: Option<String> = conn
        .query_row("SELECT protocol_layout FROM boards WHERE id = ?1", [id], |r| r.get(0))
        .optional()?
        .ok_or_else(|| StoreError::NotFound(format!("utvalet med id {id}")))?;
    match json {
        None => Ok(saksbok_core::layout::ProtocolLayout::default()),
        Some(j) => serde_json::from_str(&j).map_err(|e| {
            StoreError::Invalid(format!("Utskriftsoppsettet til utvalet med id {id} kan ikkje lesast: {e}"))
        }),
    }
}

/// Saves a board's protocol layout, checked first; the reference layout is
/// stored as NULL, so a later change of the default reaches it.
pub fn set_layout(
    tx: &Transaction<'_>,
    who: &Actor<'_>,
    id: i64,
    layout: &saksbok_core::layout::ProtocolLayout,
) -> Result<saksbok_core::layout::ProtocolLayout> {
    let layout = layout.validate().map_err(StoreError::InvalidFields)?;
    let before = self::layout(tx, id)?;
    let json = (layout != saksbok_core::layout::ProtocolLayout::default())
        .then(|| serde_json::to_string(&layout).expect("a layout is plain data"));
    tx.execute("UPDATE boards SET protocol_layout = ?1 WHERE id = ?2", params![json, id])?;
    if before != layout {
        let text = |l: &saksbok_core::layout::ProtocolLayout| serde_json::to_string(l).unwrap_or_default();
        audit::record(tx, who, "update", "protocol_layout", id, Some(&text(&before)), Some(&text(&layout)))?;
    }
    Ok(layout)
}

/// Finds a board by its name (capitals and æøå alike); with no name, the
/// only board there is.
pub fn board_named(conn: &Connection, name: Option<&str>) -> Result<(i64, String)> {
    let mut stmt = conn.prepare("SELECT id, name FROM boards ORDER BY name")?;
    let all: Vec<(i64, String)> =
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?;
    let hits: Vec<&(i64, String)> = match name {
        Some(n) => all.iter().filter(|(_, b)| b.to_lowercase() == n.trim().to_lowercase()).collect(),
        None => all.iter().collect(),
    };
    match (hits.as_slice(), name) {
        ([one], _) => Ok((*one).clone()),
        ([], Some(n)) => Err(StoreError::NotFound(format!("utvalet «{}»", n.trim()))),
        ([], None) => Err(StoreError::NotFound("noko utval".into())),
        (_, _) => Err(StoreError::Invalid(format!(
            "Vel utval med --utval: {}.",
            all.iter().map(|(_, b)| b.as_str()).collect::<Vec<_>>().join(", ")
        ))),
    }
}
