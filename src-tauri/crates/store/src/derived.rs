//! Values the app derives from stored text and keeps beside it: the
//! Norwegian sort key of each case title and the full-text search index.
//!
//! Both depend on this build (ICU's collation data, what the index holds), so
//! the database records which build made them; a different build recomputes
//! them all once, in one transaction, when it opens the file.

use std::sync::LazyLock;

use icu_collator::options::CollatorOptions;
use icu_collator::preferences::CollationNumericOrdering;
use icu_collator::{CollatorBorrowed, CollatorPreferences};
use rusqlite::{Connection, OptionalExtension, TransactionBehavior};

use crate::Result;

/// Names what the derived values were made by; change it whenever the sort
/// key or the indexed text changes.
const DERIVED_VERSION: &str = "icu_collator-2.4 nb numeric; search-2";

static COLLATOR: LazyLock<CollatorBorrowed<'static>> = LazyLock::new(|| {
    let locale: icu_locale_core::Locale = "nb".parse().expect("a valid locale");
    let mut prefs: CollatorPreferences = (&locale).into();
    prefs.numeric_ordering = Some(CollationNumericOrdering::True);
    icu_collator::Collator::try_new(prefs, CollatorOptions::default()).expect("compiled collation data for nb")
});

/// The Norwegian collation key of `s`: comparing keys as bytes sorts
/// "… X Y Z Æ Ø Å", case-insensitively first, with "Sak 2" before "Sak 10".
pub fn sort_key(s: &str) -> Vec<u8> {
    let mut key = Vec::with_capacity(s.len() * 2);
    let Ok(()) = COLLATOR.write_sort_key_to(s, &mut key);
    key
}

/// Whether the file's derived values were made by this build.
pub(crate) fn is_current(conn: &Connection) -> Result<bool> {
    let made_by: Option<String> =
        conn.query_row("SELECT value FROM settings WHERE key = 'derived_version'", [], |r| r.get(0)).optional()?;
    Ok(made_by.as_deref() == Some(DERIVED_VERSION))
}

/// Recomputes every derived value when the file's were made by another build.
pub(crate) fn refresh(conn: &mut Connection) -> Result<()> {
    if is_current(conn)? {
        return Ok(());
    }
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let cases: Vec<(i64, String)> = tx
        .prepare("SELECT id, title FROM cases")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    {
        let mut update = tx.prepare("UPDATE cases SET sort_key = ?2 WHERE id = ?1")?;
        for (id, title) in &cases {
            update.execute(rusqlite::params![id, sort_key(title)])?;
        }
    }
    crate::search::reindex_all(&tx)?;
    tx.execute(
        "INSERT INTO settings (key, value) VALUES ('derived_version', ?1)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        [DERIVED_VERSION],
    )?;
    tx.commit()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::sort_key;

    #[test]
    fn titles_sort_in_norwegian_order() {
        let mut v = ["Åsen skule", "Zebra", "ærlig sak", "Østre veg", "abc", "Sak 10", "Sak 2", "Øy", "Ål"];
        v.sort_by_key(|s| sort_key(s));
        assert_eq!(v, ["abc", "Sak 2", "Sak 10", "Zebra", "ærlig sak", "Østre veg", "Øy", "Ål", "Åsen skule"]);
    }
}
