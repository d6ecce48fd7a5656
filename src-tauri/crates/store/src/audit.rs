//! The audit log: who changed what and when, in the caller's transaction.

use chrono::{DateTime, SecondsFormat, Utc};
use rusqlite::{Transaction, params};

use crate::Result;

/// Who and when, passed down from the shell or the command line.
#[derive(Debug, Clone)]
pub struct Actor<'a> {
    pub name: &'a str,
    pub now: DateTime<Utc>,
}

/// The OS account of the person at the desk, for the history: from the
/// system's user database, so it holds even when `USER` is not set.
pub fn os_user() -> String {
    whoami::username()
        .ok()
        .or_else(|| std::env::var("USER").or_else(|_| std::env::var("USERNAME")).ok())
        .filter(|u| !u.trim().is_empty())
        .unwrap_or_else(|| "ukjend".into())
}

impl Actor<'_> {
    pub fn timestamp(&self) -> String {
        self.now.to_rfc3339_opts(SecondsFormat::Secs, true)
    }
}

pub fn record(
    tx: &Transaction<'_>,
    who: &Actor<'_>,
    action: &str,
    entity: &str,
    entity_id: i64,
    before: Option<&str>,
    after: Option<&str>,
) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO audit_log (at, actor, action, entity, entity_id, before, after) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![who.timestamp(), who.name, action, entity, entity_id, before, after])?;
    Ok(())
}
