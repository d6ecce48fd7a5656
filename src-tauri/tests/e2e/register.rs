//! The clerk's work through the real window: the demo case and its
//! protocol, a new case with journalpost and document found again, and a
//! damaged database explained.

use crate::axe::axe;
use crate::common::*;

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs the built app, Xvfb and tauri-driver: run through .ci/test"]
async fn demo_case_opens_and_prints() {
    let home = home();
    let app = start(home.path(), &[]).await;
    let d = &app.d;

    // First start: an empty database in the app-data directory, and the offer.
    let welcome = by_text(d, "h1", "Velkommen til Saksbok").await;
    assert!(welcome.is_displayed().await.unwrap());
    assert_eq!(d.title().await.unwrap(), "Saksbok");
    let db = home.path().join("data/no.kommune.luster.saksbok/saksbok.sqlite3");
    assert!(db.exists(), "database created in the app-data directory: {}", db.display());
    shot(d, "01-velkommen.png").await;
    axe(d, "welcome").await;

    by_text(d, "button", "Last inn demodata").await.click().await.unwrap();
    let row = by_test_id(d, "case-row").await;
    shown_text(&row, &["21/1069", "IKT-samarbeid. Etablering av avtale med SYS-IKT", "Under behandling"]).await;
    shot(d, "02-saksliste.png").await;
    axe(d, "case-list").await;

    // Keyboard: into the list from the search box, then Enter opens the case.
    let search = d.find(By::Id("case-search")).await.unwrap();
    search.send_keys(Key::Down).await.unwrap();
    d.active_element().await.unwrap().send_keys(Key::Enter).await.unwrap();
    by_test_id(d, "case-view").await;
    assert_eq!(by_test_id(d, "case-number").await.text().await.unwrap(), "21/1069");
    assert_eq!(
        by_test_id(d, "case-title").await.text().await.unwrap(),
        "IKT-samarbeid. Etablering av avtale med SYS-IKT"
    );
    let step = by_test_id(d, "saksgang-row").await;
    shown_text(&step, &["54/21", "15.04.2021", "Formannskapet og næringsutvalet"]).await;
    assert!(!d.find_all(By::Css("[data-testid='history-entry']")).await.unwrap().is_empty());
    shot(d, "03-sak-21-1069.png").await;
    axe(d, "case-view").await;

    // The saksgang leads to the utvalssak with its behandling and vedtak.
    step.find(By::Css("td")).await.unwrap().click().await.unwrap();
    let title = by_test_id(d, "case-title").await;
    assert_eq!(title.text().await.unwrap(), "IKT-samarbeid. Etablering av avtale med SYS-IKT");
    assert_eq!(by_test_id(d, "agenda-number").await.text().await.unwrap(), "54/21");
    let em = d.query(By::Css("article em")).wait(WAIT, POLL).first().await.unwrap();
    assert_eq!(em.text().await.unwrap(), "Saka vert utsett for forhandlingar med Sogndal kommune.");
    let body = d.find(By::Css("article")).await.unwrap().text().await.unwrap();
    assert!(
        body.contains("Rådmannen si tilråding med presiseringar/tillegg sett fram i møtet vart samrøystes vedteke.")
    );
    assert!(body.contains("Rådmannen får fullmakt til å godkjenne den endelege og detaljerte avtalen"));
    shot(d, "04-utvalssak-54-21.png").await;
    axe(d, "agenda-item").await;

    by_test_id(d, "print").await.click().await.unwrap();
    let banner = by_test_id(d, "print-result").await;
    let msg = banner.text().await.unwrap();
    assert!(msg.contains("Saksprotokollen"), "{msg}");
    let pdf = home
        .path()
        .join("data/no.kommune.luster.saksbok/protokollar/saksprotokoll-54-21-formannskapet-og-naeringsutvalet-v1.pdf");
    let bytes = std::fs::read(&pdf).unwrap_or_else(|e| panic!("{}: {e}", pdf.display()));
    assert!(bytes.starts_with(b"%PDF-"));
    shot(d, "05-skrive-ut.png").await;
    axe(d, "agenda-item").await;

    // Escape goes back: to the case, then to the list.
    d.find(By::Css("body")).await.unwrap().send_keys(Key::Escape).await.unwrap();
    by_test_id(d, "case-view").await;
    axe(d, "case-view").await;
    d.find(By::Css("body")).await.unwrap().send_keys(Key::Escape).await.unwrap();
    by_test_id(d, "case-row").await;
    axe(d, "case-list").await;
    app.d.quit().await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs the built app, Xvfb and tauri-driver: run through .ci/test"]
async fn a_clerk_registers_a_case_with_a_journalpost_and_finds_it_again() {
    let home = home();
    let app = start(home.path(), &[]).await;
    let d = &app.d;
    by_text(d, "button", "Start med tom database").await.click().await.unwrap();
    by_text(d, "p", "Ingen saker enno.").await;
    axe(d, "case-list").await;

    // Ctrl+N from anywhere opens the form; saving an empty title is refused beside the field.
    press(d, Key::Control + "n").await;
    by_test_id(d, "case-form").await;
    d.query(By::Id("case-title")).wait(WAIT, POLL).first().await.unwrap();
    axe(d, "case-form").await;
    by_test_id(d, "save-case").await.click().await.unwrap();
    let error = d.query(By::Css(".field-error")).wait(WAIT, POLL).first().await.unwrap();
    assert_eq!(error.text().await.unwrap(), "Saka må ha ein tittel.");
    let title = d.find(By::Id("case-title")).await.unwrap();
    assert_eq!(title.attr("aria-invalid").await.unwrap().as_deref(), Some("true"));
    axe(d, "case-form").await;

    type_into(d, "case-title", "Ny gang- og sykkelveg ved Rådhuset i Gaupne").await;
    type_into(d, "case-officer", "Kari Nordheim").await;
    type_into(d, "case-unit", "Teknisk").await;
    type_into(d, "case-notes", "Førebels kostnadsoverslag frå Statens vegvesen.").await;
    shot(d, "06-ny-sak.png").await;
    by_test_id(d, "save-case").await.click().await.unwrap();

    by_test_id(d, "case-view").await;
    let number = by_test_id(d, "case-number").await.text().await.unwrap();
    let year = number.split('/').next().unwrap().to_string();
    assert_eq!(number, format!("{year}/1"), "the first case of the year");
    assert_eq!(by_test_id(d, "case-title").await.text().await.unwrap(), "Ny gang- og sykkelveg ved Rådhuset i Gaupne");
    axe(d, "case-view").await;

    // A journalpost in the case.
    by_test_id(d, "new-journal").await.click().await.unwrap();
    by_test_id(d, "journal-form").await;
    axe(d, "journal-form").await;
    type_into(d, "journal-correspondent", "Gaupne idrettslag").await;
    type_into(d, "journal-title", "Søknad om spelemidlar til lysløype").await;
    by_test_id(d, "save-journal").await.click().await.unwrap();
    let row = by_test_id(d, "journal-row").await;
    shown_text(&row, &[&format!("{year}/1-1"), "Søknad om spelemidlar til lysløype", "Gaupne idrettslag"]).await;
    let history = d.find_all(By::Css("[data-testid='history-entry']")).await.unwrap();
    assert_eq!(history.len(), 2, "the case and the journalpost, one history row each");
    let newest = history[0].text().await.unwrap();
    assert!(newest.contains("Journalpost") && newest.contains(&format!("{year}/1-1")), "{newest}");
    axe(d, "case-view").await;

    // A document through the window's own file picker: stored in the database.
    let file = home.path().join("Søknad frå Gaupne IL.pdf");
    std::fs::write(&file, b"%PDF-1.4\n% Saksbok e2e\n").unwrap();
    let picker = d.query(By::Css("[data-testid='attach-file']")).wait(WAIT, POLL).first().await.unwrap();
    picker.send_keys(file.to_str().unwrap()).await.unwrap();
    let doc = by_test_id(d, "document-row").await;
    shown_text(&doc, &["Søknad frå Gaupne IL.pdf", "PDF"]).await;
    std::fs::remove_file(&file).unwrap();
    let history = d.find_all(By::Css("[data-testid='history-entry']")).await.unwrap();
    assert_eq!(history.len(), 3, "attaching the document is in the history");
    shot(d, "07-sak-med-journalpost.png").await;
    axe(d, "case-view").await;

    // Back to the list, then Ctrl+K finds it from the journalpost's title, in capitals with æøå.
    d.find(By::Css("body")).await.unwrap().send_keys(Key::Escape).await.unwrap();
    by_test_id(d, "case-row").await;
    axe(d, "case-list").await;
    press(d, Key::Control + "k").await;
    by_test_id(d, "quick-search").await;
    type_into(d, "quick-search-input", "SØKNAD LYSLØYPE").await;
    let hit = by_test_id(d, "quick-hit").await;
    shown_text(&hit, &["Ny gang- og sykkelveg ved Rådhuset i Gaupne"]).await;
    let mark = d.query(By::Css("[data-testid='quick-hit'] mark")).wait(WAIT, POLL).first().await.unwrap();
    assert!(mark.text().await.unwrap().to_lowercase().starts_with("søknad"));
    shot(d, "08-hurtigsok.png").await;
    axe(d, "quick-search").await;
    press(d, Key::Enter).await;
    by_test_id(d, "case-view").await;
    assert_eq!(by_test_id(d, "case-number").await.text().await.unwrap(), format!("{year}/1"));
    axe(d, "case-view").await;

    // The list's own search finds "Rådhuset" when typed in capitals.
    d.find(By::Css("body")).await.unwrap().send_keys(Key::Escape).await.unwrap();
    type_into(d, "case-search", "RÅDHUSET").await;
    let row = by_test_id(d, "case-row").await;
    shown_text(&row, &["Ny gang- og sykkelveg ved Rådhu"]).await;
    shot(d, "09-sok-i-lista.png").await;
    axe(d, "case-list").await;
    app.d.quit().await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs the built app, Xvfb and tauri-driver: run through .ci/test"]
async fn a_damaged_database_is_explained_in_the_window() {
    let home = home();
    let junk_path = home.path().join("skadd.sqlite3");
    let junk = b"Ikkje ein database.".repeat(500);
    std::fs::write(&junk_path, &junk).unwrap();
    let app = start(home.path(), &["--db", junk_path.to_str().unwrap()]).await;
    let d = &app.d;
    by_text(d, "h1", "Databasen kunne ikkje opnast").await;
    let alert = d.find(By::Css("[role='alert']")).await.unwrap().text().await.unwrap();
    assert!(alert.contains("er ikkje ein Saksbok-database"), "{alert}");
    assert!(alert.contains("Ingenting i fila er endra"), "{alert}");
    shot(d, "10-skadd-database.png").await;
    axe(d, "db-error").await;
    by_text(d, "button", "Prøv igjen").await.click().await.unwrap();
    by_text(d, "h1", "Databasen kunne ikkje opnast").await;
    app.d.quit().await.unwrap();
    assert_eq!(std::fs::read(&junk_path).unwrap(), junk, "the damaged file is left untouched");
}
