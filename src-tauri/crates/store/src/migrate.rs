//! Schema migrations: `migrations/NNNN_name.sql`, applied in order in one
//! IMMEDIATE transaction, the version kept in `PRAGMA user_version`.

use rusqlite::{Connection, TransactionBehavior};

use crate::{Result, StoreError};

/// Every migration, oldest first. Never edit one that has shipped: add a new one.
pub const MIGRATIONS: &[(&str, &str)] = &[("0001_init", include_str!("../migrations/0001_init.sql"))];

pub fn schema_version(conn: &Connection) -> Result<i64> {
    Ok(conn.pragma_query_value(None, "user_version", |r| r.get(0))?)
}

fn latest() -> i64 {
    MIGRATIONS.len() as i64
}

pub(crate) fn check_version(conn: &Connection) -> Result<i64> {
    let found = schema_version(conn)?;
    if found > latest() {
        return Err(StoreError::TooNew { path: std::path::PathBuf::default(), found, supported: latest() });
    }
    Ok(found)
}

/// Brings the database to the latest version. Does nothing (and takes no
/// write lock) when it is already there.
pub(crate) fn migrate(conn: &mut Connection) -> Result<()> {
    migrate_to(conn, latest())
}

/// Brings the database to `target` (used by the upgrade tests).
pub fn migrate_to(conn: &mut Connection, target: i64) -> Result<()> {
    if check_version(conn)? >= target {
        return Ok(());
    }
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    // Read again under the lock: another process may have migrated meanwhile.
    let from = check_version(&tx)?;
    for (_, sql) in MIGRATIONS.iter().take(target as usize).skip(from as usize) {
        tx.execute_batch(sql)?;
    }
    tx.pragma_update(None, "user_version", target)?;
    tx.commit()?;
    Ok(())
}
