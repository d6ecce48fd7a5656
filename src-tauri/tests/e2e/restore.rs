//! A damaged register, brought back from a backup on the error screen.

use chrono::Utc;
use saksbok_store::backup::{Backups, Reason};
use saksbok_store::{Actor, Store};

use crate::axe::axe;
use crate::common::*;

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs the built app, Xvfb and tauri-driver: run through .ci/test"]
async fn a_damaged_register_is_brought_back_from_a_backup_on_the_error_screen() {
    let home = home();
    let db = home.path().join("saksbok.sqlite3");
    {
        let mut s = Store::open(&db).unwrap();
        let who = Actor { name: "test", now: Utc::now() };
        s.write(|tx| saksbok_store::demo::load_demo(tx, &who, &saksbok_core::demo::reference())).unwrap();
        s.backup(&Backups::beside(&db), Reason::Manual, Utc::now()).unwrap();
    }
    let junk = b"Ikkje ein database.".repeat(500);
    for suffix in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", db.display()));
    }
    std::fs::write(&db, &junk).unwrap();

    let app = start(home.path(), &["--db", db.to_str().unwrap()]).await;
    let d = &app.d;
    by_text(d, "h1", "Databasen kunne ikkje opnast").await;
    let section = by_test_id(d, "db-error-backups").await;
    shown_text(&section, &["Manuell"]).await;
    axe(d, "db-error").await;
    shot(d, "skadd-database.png").await;
    by_test_id(d, "restore-backup").await.click().await.unwrap();
    by_test_id(d, "confirm-restore").await.click().await.unwrap();
    shown_text(&by_test_id(d, "case-row").await, &["21/1069"]).await;
    shown_text(&d.find(By::Css(".notice[role='status']")).await.unwrap(), &["er henta fram"]).await;
    shot(d, "henta-fram.png").await;
    app.d.quit().await.unwrap();

    // The damaged file was kept in the backup folder, byte for byte.
    let kept: Vec<_> = std::fs::read_dir(home.path().join("tryggingskopiar"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().contains("-skadd"))
        .collect();
    assert_eq!(kept.len(), 1, "{kept:?}");
    assert_eq!(std::fs::read(&kept[0]).unwrap(), junk);
}
