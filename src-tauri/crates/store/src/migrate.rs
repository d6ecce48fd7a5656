//! Schema migrations: `migrations/NNNN_name.sql`, applied in order in one
//! IMMEDIATE transaction, the version kept in `PRAGMA user_version` and the
//! file marked as Saksbok's with `PRAGMA application_id`.
//!
//! Before anything is written, [`identify`] decides whether the file is ours:
//! a new empty file, a Saksbok database (our application_id), or one made by
//! version 1, which had no application_id and is recognised by its tables.
//! Anything else is refused and left as it was.

use rusqlite::{Connection, TransactionBehavior};

use crate::{Result, StoreError};

/// Every migration, oldest first. Never edit one that has shipped: add a new
/// one (a test pins each file's SHA-256).
pub const MIGRATIONS: &[(&str, &str)] = &[
    ("0001_init", include_str!("../migrations/0001_init.sql")),
    ("0002_case_register", include_str!("../migrations/0002_case_register.sql")),
    ("0003_boards", include_str!("../migrations/0003_boards.sql")),
    ("0004_meetings", include_str!("../migrations/0004_meetings.sql")),
    ("0005_attendance", include_str!("../migrations/0005_attendance.sql")),
    ("0006_behandling", include_str!("../migrations/0006_behandling.sql")),
    ("0007_meeting_mode", include_str!("../migrations/0007_meeting_mode.sql")),
    ("0008_register_id", include_str!("../migrations/0008_register_id.sql")),
    ("0009_print_kinds", include_str!("../migrations/0009_print_kinds.sql")),
    ("0010_protocol_layout", include_str!("../migrations/0010_protocol_layout.sql")),
    ("0011_approval", include_str!("../migrations/0011_approval.sql")),
    ("0012_signed_copies", include_str!("../migrations/0012_signed_copies.sql")),
    ("0013_agreements", include_str!("../migrations/0013_agreements.sql")),
    ("0014_frozen_and_scans", include_str!("../migrations/0014_frozen_and_scans.sql")),
    ("0015_addenda", include_str!("../migrations/0015_addenda.sql")),
    ("0016_vote_percent", include_str!("../migrations/0016_vote_percent.sql")),
    ("0017_minutes_approvals", include_str!("../migrations/0017_minutes_approvals.sql")),
    ("0018_meeting_attachments", include_str!("../migrations/0018_meeting_attachments.sql")),
];

/// Saksbok's SQLite application_id: the bytes "SAKS".
pub const APPLICATION_ID: i64 = 0x5341_4B53;

/// The tables of schema version 1, which had no application_id.
const V1_TABLES: &[&str] = &[
    "agenda_items",
    "audit_log",
    "behandling_blocks",
    "board_members",
    "boards",
    "case_number_series",
    "cases",
    "meeting_attendance",
    "meetings",
    "persons",
    "printed_protocols",
    "proposals",
    "settings",
    "votes",
];

pub fn schema_version(conn: &Connection) -> Result<i64> {
    Ok(conn.pragma_query_value(None, "user_version", |r| r.get(0))?)
}

pub(crate) fn latest() -> i64 {
    MIGRATIONS.len() as i64
}

/// What [`identify`] found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Identity {
    /// No tables at all: a new database.
    Empty,
    /// A Saksbok database of this schema version.
    Saksbok(i64),
}

/// Reads (never writes) the file's identity and version. A file that is not
/// Saksbok's, or is newer than this build knows, is an error.
pub(crate) fn identify(conn: &Connection) -> Result<Identity> {
    let app_id: i64 = conn.pragma_query_value(None, "application_id", |r| r.get(0))?;
    let version = schema_version(conn)?;
    let mut tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    tables.sort();
    let found = match app_id {
        APPLICATION_ID => Identity::Saksbok(version),
        0 if tables.is_empty() && version == 0 => Identity::Empty,
        0 if version == 1 && tables == V1_TABLES => Identity::Saksbok(1),
        _ => {
            return Err(StoreError::Foreign { path: std::path::PathBuf::default(), detail: describe(app_id, &tables) });
        }
    };
    if let Identity::Saksbok(found) = found
        && found > latest()
    {
        return Err(StoreError::TooNew { path: std::path::PathBuf::default(), found, supported: latest() });
    }
    Ok(found)
}

fn describe(app_id: i64, tables: &[String]) -> String {
    if app_id != 0 {
        return format!("ho er merkt som eit anna program sin (application_id {app_id})");
    }
    let shown: Vec<&str> = tables.iter().take(5).map(String::as_str).collect();
    let more = if tables.len() > 5 { ", …" } else { "" };
    format!("ho har tabellar som ikkje høyrer til Saksbok ({}{more})", shown.join(", "))
}

/// Brings the database to the latest version. Does nothing (and takes no
/// write lock) when it is already there.
pub(crate) fn migrate(conn: &mut Connection) -> Result<()> {
    migrate_to(conn, latest())
}

/// Brings the database to `target` (used by the upgrade tests). Foreign keys
/// are off while the migrations run, so a table can be rebuilt as SQLite
/// documents it; `foreign_key_check` must then find nothing before commit.
pub fn migrate_to(conn: &mut Connection, target: i64) -> Result<()> {
    apply(conn, MIGRATIONS, target)
}

/// What a migration writes to say that it must change rows the database
/// keeps locked (an approved meeting, a kept print), and why.
pub const TOUCHES_LOCKED_ROWS: &str = "-- touches locked rows:";

/// The guards: every trigger that refuses a change (`RAISE(ABORT, …)`), by
/// name, with its SQL.
fn guards(conn: &Connection) -> Result<std::collections::BTreeMap<String, String>> {
    let mut stmt =
        conn.prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' AND sql LIKE '%RAISE(ABORT%'")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// Checks what migration `name` did to the guards: it may drop or change
/// one only when it says so ([`TOUCHES_LOCKED_ROWS`]), and every guard
/// there before must be there after it. The lock is never dropped silently.
fn check_guards(
    name: &str,
    sql: &str,
    before: &std::collections::BTreeMap<String, String>,
    after: &std::collections::BTreeMap<String, String>,
) -> Result<()> {
    let gone: Vec<&str> = before.keys().filter(|k| !after.contains_key(*k)).map(String::as_str).collect();
    if !gone.is_empty() {
        return Err(StoreError::Invalid(format!(
            "Oppgraderinga {name} ville fjerne vernet om låste protokollar ({}); ingenting er endra.",
            gone.join(", ")
        )));
    }
    let touched = before.iter().any(|(k, v)| after.get(k) != Some(v))
        || before.keys().any(|k| sql.to_lowercase().contains(&format!("drop trigger {}", k.to_lowercase())))
        || sql.to_lowercase().contains("drop trigger if exists");
    if touched && !sql.contains(TOUCHES_LOCKED_ROWS) {
        return Err(StoreError::Invalid(format!(
            "Oppgraderinga {name} endrar vernet om låste protokollar utan å seie kvifor («{TOUCHES_LOCKED_ROWS} …»); \
             ingenting er endra."
        )));
    }
    Ok(())
}

/// Applies `migrations` up to `target`, each checked by [`check_guards`].
pub(crate) fn apply(conn: &mut Connection, migrations: &[(&str, &str)], target: i64) -> Result<()> {
    let from = match identify(conn)? {
        Identity::Empty => 0,
        Identity::Saksbok(v) => v,
    };
    if from >= target {
        return Ok(());
    }
    let fk: i64 = conn.pragma_query_value(None, "foreign_keys", |r| r.get(0))?;
    conn.pragma_update(None, "foreign_keys", "OFF")?;
    let result = (|| {
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        // Read again under the lock: another process may have migrated meanwhile.
        let from = match identify(&tx)? {
            Identity::Empty => 0,
            Identity::Saksbok(v) => v,
        };
        for (name, sql) in migrations.iter().take(target as usize).skip(from as usize) {
            let before = guards(&tx)?;
            tx.execute_batch(sql)?;
            check_guards(name, sql, &before, &guards(&tx)?)?;
        }
        let broken: i64 = tx.query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| r.get(0))?;
        if broken > 0 {
            return Err(StoreError::Invalid(format!(
                "Oppgraderinga av databasen fann {broken} brotne koplingar og vart avbroten; ingenting er endra."
            )));
        }
        tx.pragma_update(None, "application_id", APPLICATION_ID)?;
        tx.pragma_update(None, "user_version", target)?;
        tx.commit()?;
        Ok(())
    })();
    conn.pragma_update(None, "foreign_keys", if fk == 1 { "ON" } else { "OFF" })?;
    result
}
