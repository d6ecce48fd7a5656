//! The command handlers' logic, tested without a window on real databases.

use chrono::{TimeZone, Utc};
use tempfile::TempDir;

use super::*;

fn state(dir: &TempDir) -> AppState {
    AppState::open(
        dir.path().join("db/saksbok.sqlite3"),
        dir.path().join("protokollar"),
        "test".into(),
        dir.path().join("config"),
    )
}

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 25, 12, 0, 0).unwrap()
}

/// Loads the demo and returns the id of its agenda item 54/21.
fn demo_item(st: &AppState) -> i64 {
    load_demo(st, now()).unwrap();
    let page = list_cases(st, &CaseQuery::default()).unwrap();
    assert_eq!(page.total, 1);
    case_detail(st, page.rows[0].id).unwrap().saksgang[0].agenda_item_id
}

/// The demo loaded: its one meeting's id.
fn demo_meeting(st: &AppState) -> i64 {
    demo_item(st);
    let Db::Open(s) = &*st.db() else { panic!("the register is open") };
    s.conn().query_row("SELECT id FROM meetings", [], |r| r.get::<_, i64>(0)).unwrap()
}

/// A roll with one member present, who chairs the meeting.
fn chair_on_roll(name: &str) -> saksbok_core::roll::RollInput {
    let mut roll = saksbok_core::roll::RollInput::default();
    roll.attendance.attendees =
        vec![saksbok_core::attendance::Attendee::present(name, Some("Sp"), saksbok_core::attendance::Capacity::Member)];
    roll.chair = Some(name.into());
    roll
}

fn case_input(title: &str) -> CaseInput {
    CaseInput {
        number: None,
        title: title.into(),
        public_title: None,
        status: saksbok_core::case::CaseStatus::InProgress,
        officer: Some("Kari Nordheim".into()),
        unit: None,
        classification: None,
        screening_basis: None,
        opened_on: "2026-11-25".into(),
        closed_on: None,
        notes: None,
    }
}

#[test]
fn first_start_is_empty_and_offers_demo() {
    let dir = TempDir::new().unwrap();
    let st = state(&dir);
    let s = status(&st);
    assert!(s.db_error.is_none());
    assert!(s.empty);
    assert_eq!(s.municipality, "Luster kommune");
    assert!(dir.path().join("db/saksbok.sqlite3").exists(), "database created in its directory");
}

#[test]
fn demo_then_open_case_shows_the_reference() {
    let dir = TempDir::new().unwrap();
    let st = state(&dir);
    let id = demo_item(&st);
    assert!(!status(&st).empty);
    let v = agenda_item(&st, id).unwrap();
    assert_eq!(v.agenda_number, "54/21");
    assert_eq!(v.case_number.as_deref(), Some("21/1069"));
    assert_eq!(v.meeting_date, "15.04.2021");
    assert_eq!(v.board, "Formannskapet og næringsutvalet");
    assert_eq!(v.behandling.len(), 10);
    assert_eq!(v.vedtak.len(), 5);
    assert_eq!(v.proposals, 2);
    assert_eq!(v.votes, 2);
    assert_eq!(
        v.behandling[2].plain_text(),
        "Ap v/Morten Johan Vigdal sette fram: Saka vert utsett for forhandlingar med Sogndal kommune. Framlegget fekk 2 røyster og fall."
    );
}

#[test]
fn a_saksprotokoll_marked_rett_utskrift_names_the_person_and_the_day() {
    let dir = TempDir::new().unwrap();
    let st = state(&dir);
    let id = demo_item(&st);
    let (path, _) = print_saksprotokoll(&st, id, true, now()).unwrap();
    let text = std::process::Command::new("pdftotext").arg(&path).arg("-").output().unwrap();
    let text = String::from_utf8_lossy(&text.stdout).split_whitespace().collect::<Vec<_>>().join(" ");
    let day = now().with_timezone(&chrono::Local).format("%d.%m.%Y").to_string();
    assert!(text.contains(&format!("Rett utskrift: {day}, {}", st.user())), "{text}");
}

#[test]
fn every_print_is_a_new_file_and_its_bytes_are_kept_in_the_register() {
    let dir = TempDir::new().unwrap();
    let st = state(&dir);
    let id = demo_item(&st);
    let (first, r1) = print_saksprotokoll(&st, id, false, now()).unwrap();
    assert_eq!(first, dir.path().join("protokollar/saksprotokoll-54-21-formannskapet-og-naeringsutvalet-v1.pdf"));
    let (second, r2) = print_saksprotokoll(&st, id, false, now() + chrono::Duration::seconds(60)).unwrap();
    assert_eq!(second, dir.path().join("protokollar/saksprotokoll-54-21-formannskapet-og-naeringsutvalet-v2.pdf"));
    assert_ne!(r1.sha256, r2.sha256, "another print time, other bytes");
    // The first file is not overwritten by the reprint.
    assert_eq!(saksbok_protocol::sha256_hex(&std::fs::read(&first).unwrap()), r1.sha256);
    assert_eq!(saksbok_protocol::sha256_hex(&std::fs::read(&second).unwrap()), r2.sha256);
    // A stray file where the next version would go is skipped, not overwritten.
    let stray = dir.path().join("protokollar/saksprotokoll-54-21-formannskapet-og-naeringsutvalet-v3.pdf");
    std::fs::write(&stray, b"not ours").unwrap();
    let (third, _) = print_saksprotokoll(&st, id, false, now()).unwrap();
    assert!(third.ends_with("saksprotokoll-54-21-formannskapet-og-naeringsutvalet-v4.pdf"), "{}", third.display());
    assert_eq!(std::fs::read(&stray).unwrap(), b"not ours");
    let Db::Open(s) = &*st.db() else { panic!("the register is open") };
    let rows: Vec<(i64, String, String)> = s
        .conn()
        .prepare("SELECT id, path, sha256 FROM printed_protocols ORDER BY id")
        .unwrap()
        .query_map([], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[0].1, first.to_string_lossy());
    assert_eq!(rows[0].2, r1.sha256);
    // The register holds each print's bytes, whatever happens to the files.
    std::fs::remove_file(&first).unwrap();
    assert_eq!(saksbok_store::protocols::printed_pdf(s.conn(), rows[0].0).unwrap(), r1.pdf);
}

#[test]
fn each_document_of_a_meeting_is_printed_and_kept_with_its_own_versions() {
    let dir = TempDir::new().unwrap();
    let st = state(&dir);
    let meeting = demo_meeting(&st);
    let (path, r) = print_meeting_document(&st, meeting, MeetingDocument::Moteprotokoll, now()).unwrap();
    assert_eq!(path, dir.path().join("protokollar/moteprotokoll-formannskapet-og-naeringsutvalet-2021-04-15-v1.pdf"));
    assert_eq!(saksbok_protocol::sha256_hex(&std::fs::read(&path).unwrap()), r.sha256);
    assert_eq!(r.pages, 2);
    let (notice, n) = print_meeting_document(&st, meeting, MeetingDocument::Innkalling, now()).unwrap();
    assert_eq!(notice, dir.path().join("protokollar/innkalling-formannskapet-og-naeringsutvalet-2021-04-15-v1.pdf"));
    assert_eq!(n.pages, 1);
    let (public, _) = print_meeting_document(&st, meeting, MeetingDocument::Offentleg, now()).unwrap();
    assert_eq!(public, dir.path().join("protokollar/offentleg-formannskapet-og-naeringsutvalet-2021-04-15-v1.pdf"));
    let (again, _) = print_meeting_document(&st, meeting, MeetingDocument::Innkalling, now()).unwrap();
    assert_eq!(again, dir.path().join("protokollar/innkalling-formannskapet-og-naeringsutvalet-2021-04-15-v2.pdf"));
    {
        let Db::Open(s) = &*st.db() else { panic!("the register is open") };
        let kinds: Vec<String> = s
            .conn()
            .prepare("SELECT kind FROM printed_protocols ORDER BY id")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(kinds, ["moteprotokoll", "innkalling", "offentleg", "innkalling"]);
    }
    assert_eq!(print_meeting_document(&st, 4242, MeetingDocument::Offentleg, now()).unwrap_err().code, "not_found");
    // A preview is the same PDF, and is neither kept nor written.
    let preview = preview_meeting_document(&st, meeting, MeetingDocument::Innkalling, None, now()).unwrap();
    assert_eq!(preview.sha256, n.sha256);
    {
        let Db::Open(s) = &*st.db() else { panic!("the register is open") };
        let prints: i64 = s.conn().query_row("SELECT count(*) FROM printed_protocols", [], |r| r.get(0)).unwrap();
        assert_eq!(prints, 4);
    }
    assert_eq!(std::fs::read_dir(dir.path().join("protokollar")).unwrap().count(), 4);
}

#[test]
fn a_damaged_database_is_explained_and_every_command_refuses() {
    let dir = TempDir::new().unwrap();
    std::fs::create_dir_all(dir.path().join("db")).unwrap();
    let path = dir.path().join("db/saksbok.sqlite3");
    let junk = vec![0x42u8; 10_000];
    std::fs::write(&path, &junk).unwrap();
    let st = state(&dir);
    let s = status(&st);
    let e = s.db_error.expect("an error is reported");
    assert_eq!(e.code, "db_not_a_database");
    assert!(e.message.contains("Ingenting i fila er endra"));
    assert_eq!(list_cases(&st, &CaseQuery::default()).unwrap_err().code, "db_not_a_database");
    assert_eq!(create_case(&st, &case_input("x"), now()).unwrap_err().code, "db_not_a_database");
    assert_eq!(load_demo(&st, now()).unwrap_err().code, "db_not_a_database");
    assert_eq!(std::fs::read(&path).unwrap(), junk, "the file is left alone");
    // Once the file is replaced by a good one, trying again works.
    std::fs::remove_file(&path).unwrap();
    st.reopen();
    assert!(status(&st).db_error.is_none());
}

#[test]
fn an_unknown_item_is_not_found_in_nynorsk() {
    let dir = TempDir::new().unwrap();
    let st = state(&dir);
    let e = agenda_item(&st, 4242).unwrap_err();
    assert_eq!(e.code, "not_found");
    assert_eq!(e.message, "Fann ikkje utvalssak med id 4242.");
}

#[test]
fn a_protocols_directory_that_cannot_be_made_is_a_clear_error() {
    let dir = TempDir::new().unwrap();
    let blocker = dir.path().join("protokollar");
    std::fs::write(&blocker, b"not a directory").unwrap();
    let st = state(&dir);
    let id = demo_item(&st);
    let e = print_saksprotokoll(&st, id, false, now()).unwrap_err();
    assert_eq!(e.code, "io");
    assert!(e.message.starts_with("Kan ikkje laga mappa"), "{}", e.message);
}

#[test]
fn a_clerk_registers_a_case_edits_it_and_adds_a_journalpost() {
    let dir = TempDir::new().unwrap();
    let st = state(&dir);
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
    let d = new_case_defaults(&st, today).unwrap();
    assert_eq!((d.opened_on.as_str(), d.next_number.as_str()), ("2026-11-25", "26/1"));
    let mut input = case_input("Ny bru over Gaupneelva");
    assert!(validate_case(&st, &input, None).unwrap().is_empty());
    let created = create_case(&st, &input, now()).unwrap();
    assert_eq!(created.number.to_string(), "26/1");
    input.title = "Ny bru over Gaupneelva, fase 2".into();
    update_case(&st, created.id, &input, now()).unwrap();
    let entry = JournalInput {
        kind: saksbok_core::journal::JournalKind::Incoming,
        date: "25.11.2026".into(),
        correspondent: Some("Statens vegvesen".into()),
        title: "Søknad om løyve".into(),
        public_title: None,
        status: saksbok_core::journal::JournalStatus::Journalised,
        screening_basis: None,
    };
    let added = add_journal_entry(&st, created.id, &entry, now()).unwrap();
    assert_eq!(added.number.to_string(), "26/1-1");
    let mut edited = entry.clone();
    edited.status = saksbok_core::journal::JournalStatus::Archived;
    assert_eq!(update_journal_entry(&st, added.id, &edited, now()).unwrap().status, edited.status);
    edited.title = " ".into();
    let e = update_journal_entry(&st, added.id, &edited, now()).unwrap_err();
    assert_eq!((e.code.as_str(), e.fields[0].field.as_str()), ("invalid", "title"));
    let detail = case_detail(&st, created.id).unwrap();
    assert_eq!(detail.case.title, "Ny bru over Gaupneelva, fase 2");
    assert_eq!(detail.journal.len(), 1);
    assert_eq!(detail.journal[0].title, "Søknad om løyve", "the refused edit stored nothing");
    let actions: Vec<&str> = detail.history.iter().map(|h| h.action.as_str()).collect();
    assert_eq!(actions, ["update", "create", "update", "create"]);
    assert_eq!(detail.history[0].actor, "test");
    let found = list_cases(&st, &CaseQuery { text: "SØKNAD LØYVE".into(), ..CaseQuery::default() }).unwrap();
    assert_eq!(found.total, 1, "the journalpost's title is searchable, in capitals too");
}

#[test]
fn bad_input_comes_back_field_by_field_and_nothing_is_stored() {
    let dir = TempDir::new().unwrap();
    let st = state(&dir);
    load_demo(&st, now()).unwrap();
    let mut input = case_input("   ");
    input.number = Some("21/1069".into());
    let errors = validate_case(&st, &input, None).unwrap();
    assert_eq!(errors.iter().map(|e| e.field.as_str()).collect::<Vec<_>>(), ["title"]);
    input.title = "Ein tittel".into();
    let errors = validate_case(&st, &input, None).unwrap();
    assert_eq!(errors.len(), 1);
    assert!(errors[0].message.contains("er alt brukt"), "{}", errors[0].message);
    let e = create_case(&st, &input, now()).unwrap_err();
    assert_eq!(e.code, "invalid");
    assert_eq!(e.fields.len(), 1);
    assert_eq!(e.fields[0].field, "number");
    input.number = Some("21-1069".into());
    let e = create_case(&st, &input, now()).unwrap_err();
    assert_eq!(e.fields[0].field, "number");
    assert_eq!(list_cases(&st, &CaseQuery::default()).unwrap().total, 1, "nothing was stored");
}

#[test]
fn documents_are_attached_from_files_and_opened_as_checked_copies() {
    let dir = TempDir::new().unwrap();
    let mut st = state(&dir);
    st.copies_dir = dir.path().join("kopiar");
    let created = create_case(&st, &case_input("Sak med vedlegg"), now()).unwrap();
    let entry = JournalInput {
        kind: saksbok_core::journal::JournalKind::Incoming,
        date: "2026-11-25".into(),
        correspondent: None,
        title: "Brev med vedlegg".into(),
        public_title: None,
        status: saksbok_core::journal::JournalStatus::Journalised,
        screening_basis: None,
    };
    let j = add_journal_entry(&st, created.id, &entry, now()).unwrap();
    let pdf = dir.path().join("Brev frå Gaupne IL.pdf");
    std::fs::write(&pdf, b"%PDF-1.7 brev").unwrap();
    let missing = dir.path().join("finst-ikkje.pdf");
    // One unreadable file: nothing is attached.
    let e = attach_documents(&st, j.id, &[pdf.clone(), missing], now()).unwrap_err();
    assert_eq!(e.code, "not_found");
    assert!(e.message.contains("finst-ikkje.pdf"), "{}", e.message);
    assert!(case_detail(&st, created.id).unwrap().documents.is_empty());
    let e = attach_documents(&st, j.id, &[dir.path().to_path_buf()], now()).unwrap_err();
    assert!(e.message.contains("er ei mappe"), "{}", e.message);

    let docs = attach_documents(&st, j.id, std::slice::from_ref(&pdf), now()).unwrap();
    assert_eq!(docs[0].file_name, "Brev frå Gaupne IL.pdf");
    let copy = document_copy(&st, docs[0].id).unwrap();
    assert!(copy.starts_with(dir.path().join("kopiar")));
    assert_eq!(std::fs::read(&copy).unwrap(), b"%PDF-1.7 brev");
    // The copy is only a copy: editing it changes nothing stored.
    std::fs::write(&copy, b"endra").unwrap();
    assert_eq!(std::fs::read(document_copy(&st, docs[0].id).unwrap()).unwrap(), b"%PDF-1.7 brev");
    let detail = case_detail(&st, created.id).unwrap();
    assert_eq!(detail.documents.len(), 1);
    assert_eq!(detail.history[0].entity, "document");
}

#[test]
fn the_offentleg_journal_never_shows_what_is_skjerma() {
    let dir = TempDir::new().unwrap();
    let st = state(&dir);
    let mut personal = case_input("Personalsak – Kari Nordmann");
    personal.screening_basis = Some("offl. § 13 jf. fvl. § 13".into());
    let personal = create_case(&st, &personal, now()).unwrap();
    let open = create_case(&st, &case_input("Ny bru over Gaupneelva"), now()).unwrap();
    let entry = |title: &str, who: &str, basis: Option<&str>, public: Option<&str>| JournalInput {
        kind: saksbok_core::journal::JournalKind::Incoming,
        date: "2026-11-20".into(),
        correspondent: Some(who.into()),
        title: title.into(),
        public_title: public.map(Into::into),
        status: saksbok_core::journal::JournalStatus::Journalised,
        screening_basis: basis.map(Into::into),
    };
    let b = Some("offl. § 13 jf. fvl. § 13");
    add_journal_entry(
        &st,
        personal.id,
        &entry("Sjukmelding for Kari Nordmann", "Kari Nordmann", b, Some("Sjukmelding")),
        now(),
    )
    .unwrap();
    add_journal_entry(&st, open.id, &entry("Søknad om løyve", "Statens vegvesen", None, None), now()).unwrap();
    add_journal_entry(&st, open.id, &entry("Klage frå Ola Hansen", "Ola Hansen", b, None), now()).unwrap();
    let mut late = entry("Utanfor perioden", "Nokon", None, None);
    late.date = "2026-12-01".into();
    add_journal_entry(&st, open.id, &late, now()).unwrap();

    let day = |d: u32| chrono::NaiveDate::from_ymd_opt(2026, 11, d).unwrap();
    let pdf = dir.path().join("journal.pdf");
    assert_eq!(write_public_journal(&st, day(1), day(30), &pdf, now()).unwrap(), 3);
    let out = std::process::Command::new("pdftotext").args(["-layout"]).arg(&pdf).arg("-").output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let csv_path = dir.path().join("journal.csv");
    write_public_journal(&st, day(1), day(30), &csv_path, now()).unwrap();
    let csv = std::fs::read_to_string(&csv_path).unwrap();
    for file in [&text, &csv] {
        for secret in ["Kari Nordmann", "Ola Hansen", "Sjukmelding for", "Klage frå"] {
            assert!(!file.contains(secret), "skjerma text {secret:?} reached the journal:\n{file}");
        }
        for public in
            ["Offentleg journal", "Søknad om løyve", "Statens vegvesen", "Sjukmelding", "offl. § 13 jf. fvl. § 13"]
        {
            if file == &csv && public == "Offentleg journal" {
                continue;
            }
            assert!(file.contains(public), "{public:?} missing:\n{file}");
        }
        assert!(!file.contains("Utanfor perioden"));
    }
    let e = write_public_journal(&st, day(30), day(1), &pdf, now()).unwrap_err();
    assert_eq!(e.code, "invalid");
}

#[test]
fn settings_are_saved_where_they_belong_and_bad_values_are_refused() {
    let dir = TempDir::new().unwrap();
    let st = state(&dir);
    load_demo(&st, now()).unwrap();
    let view = admin::settings_view(&st).unwrap();
    assert_eq!(view.register.municipality, "Luster kommune");
    assert!(view.default_backup_dir.ends_with("tryggingskopiar"), "{}", view.default_backup_dir);

    let mut register = view.register.clone();
    register.municipality_number = Some("4644".into());
    register.backup_keep = 0;
    let e = admin::save_register_settings(&st, &register, now()).unwrap_err();
    assert_eq!(e.fields[0].field, "backup_keep");
    register.backup_keep = 3;
    register.backup_dir = Some(dir.path().join("finst-ikkje").display().to_string());
    let e = admin::save_register_settings(&st, &register, now()).unwrap_err();
    assert_eq!((e.fields[0].field.as_str(), e.message.contains("finst ikkje")), ("backup_dir", true), "{e:?}");
    let chosen = dir.path().join("kopiar");
    std::fs::create_dir(&chosen).unwrap();
    register.backup_dir = Some(chosen.display().to_string());
    let saved = admin::save_register_settings(&st, &register, now()).unwrap();
    assert_eq!(saved.register.backup_keep, 3);
    assert_eq!(saved.register.municipality_number.as_deref(), Some("4644"));

    // The person's settings go to their config directory and name them in the history.
    let mut me = saved.personal.clone();
    me.display_name = Some("Kari Nordheim".into());
    admin::save_personal_settings(&st, &me).unwrap();
    assert!(dir.path().join("config").join(crate::personal::FILE).exists());
    let created = create_case(&st, &case_input("Sak av Kari"), now()).unwrap();
    let detail = case_detail(&st, created.id).unwrap();
    assert_eq!(detail.history[0].actor, "Kari Nordheim (test)");
}

/// The logo chosen in the settings: a file that is no picture is refused with
/// the reason and nothing changes; a PNG is kept, shown, printed at the head of
/// the next protocol, and taken away again.
#[test]
fn the_logo_is_checked_kept_printed_and_taken_away() {
    let dir = TempDir::new().unwrap();
    let st = state(&dir);
    let id = demo_item(&st);
    assert_eq!(admin::logo_url(&st).unwrap(), None);
    let e = admin::set_logo(&st, b"%PDF-1.7 not a picture", now()).unwrap_err();
    assert_eq!((e.code.as_str(), e.fields[0].field.as_str()), ("invalid", "logo"));
    assert!(e.message.starts_with("Fila er ikkje eit PNG- eller JPEG-bilete."), "{}", e.message);
    assert_eq!(admin::logo_url(&st).unwrap(), None);

    let png = saksbok_protocol::samples::logo().0;
    let url = admin::set_logo(&st, &png, now()).unwrap();
    assert!(url.as_deref().is_some_and(|u| u.starts_with("data:image/png;base64,iVBORw0KGgo")), "{url:?}");
    assert_eq!(admin::logo_url(&st).unwrap(), url);
    let (path, _) = print_saksprotokoll(&st, id, false, now()).unwrap();
    let images = std::process::Command::new("pdfimages").arg("-list").arg(&path).output().unwrap();
    let list = String::from_utf8_lossy(&images.stdout);
    assert_eq!(list.lines().count(), 3, "one image:\n{list}");
    assert!(list.lines().nth(2).unwrap().split_whitespace().take(5).eq(["1", "0", "image", "200", "240"]), "{list}");

    assert_eq!(admin::clear_logo(&st, now()).unwrap(), None);
    let (path, _) = print_saksprotokoll(&st, id, false, now()).unwrap();
    let images = std::process::Command::new("pdfimages").arg("-list").arg(&path).output().unwrap();
    assert_eq!(String::from_utf8_lossy(&images.stdout).lines().count(), 2, "no image");
}

#[test]
fn backups_are_made_daily_once_listed_and_restored_from_the_window() {
    let dir = TempDir::new().unwrap();
    let st = state(&dir);
    assert!(admin::daily_backup(&st, now()).unwrap().is_none(), "an empty register needs no backup");
    load_demo(&st, now()).unwrap();
    let first = admin::daily_backup(&st, now()).unwrap().expect("the day's first start makes one");
    assert_eq!(first.reason, "dagleg");
    assert!(admin::daily_backup(&st, now()).unwrap().is_none(), "one a day");
    let later = now() + chrono::Duration::days(1);
    create_case(&st, &case_input("Sak etter kopien"), later).unwrap();
    let list = admin::list_backups(&st).unwrap();
    assert_eq!(list.backups.len(), 1);
    assert!(list.dir.ends_with("tryggingskopiar"));

    let e = admin::restore_backup(&st, &dir.path().join("finst-ikkje.sqlite3"), later).unwrap_err();
    assert!(e.code.starts_with("db_"), "{e:?}");
    assert_eq!(list_cases(&st, &CaseQuery::default()).unwrap().total, 2, "a refused restore changes nothing");
    let kept = admin::restore_backup(&st, std::path::Path::new(&first.path), later).unwrap();
    assert_eq!(kept.reason, "foer-attoppretting");
    assert_eq!(list_cases(&st, &CaseQuery::default()).unwrap().total, 1, "the backup's register is back");
    assert_eq!(admin::list_backups(&st).unwrap().backups.len(), 2);
    let manual = admin::make_backup(&st, later).unwrap();
    assert_eq!(manual.reason_label, "Manuell");
}

#[test]
fn a_damaged_database_is_replaced_from_the_error_screen_and_kept_aside() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("db/saksbok.sqlite3");
    let backup = {
        let st = state(&dir);
        load_demo(&st, now()).unwrap();
        admin::make_backup(&st, now()).unwrap()
    };
    std::fs::write(&db, b"Ikkje ein database.".repeat(500)).unwrap();
    let _ = std::fs::remove_file(dir.path().join("db/saksbok.sqlite3-wal"));
    let _ = std::fs::remove_file(dir.path().join("db/saksbok.sqlite3-shm"));
    let st = state(&dir);
    assert!(status(&st).db_error.is_some());
    let listed = admin::list_backups(&st).unwrap();
    assert_eq!(listed.backups.len(), 1, "the error screen can list the backups beside the database");
    let kept = admin::restore_backup(&st, std::path::Path::new(&backup.path), now()).unwrap();
    assert_eq!(kept.reason, "skadd");
    assert!(status(&st).db_error.is_none(), "the restored register is open");
    assert_eq!(list_cases(&st, &CaseQuery::default()).unwrap().total, 1);
}

#[test]
fn boards_are_set_up_and_their_members_kept_from_the_window() {
    use saksbok_core::attendance::Role;
    use saksbok_core::board::{BoardSettings, Membership, NumberFormat, NumberSeries, TermMember, TextLanguage};
    let dir = TempDir::new().unwrap();
    let st = state(&dir);
    load_demo(&st, now()).unwrap();
    let settings = BoardSettings {
        name: "Kommunestyret".into(),
        code: None,
        series: vec![NumberSeries { prefix: None, label: None }],
        number_format: NumberFormat::SeqYear,
        default_place: Some("Rådhuset, Gaupne".into()),
        language: TextLanguage::Nn,
        distribution: Vec::new(),
    };
    let made = boards::create_board(&st, &settings, now()).unwrap();
    let e = boards::create_board(&st, &BoardSettings { name: " ".into(), ..settings.clone() }, now()).unwrap_err();
    assert_eq!((e.code.as_str(), e.fields[0].field.as_str()), ("invalid", "name"));
    let member = TermMember {
        name: "Kari Nordheim".into(),
        party: Some("Sp".into()),
        membership: Membership::Seat { role: Role::Chair },
        term_from: None,
        term_to: None,
    };
    boards::set_board_members(&st, made.id, std::slice::from_ref(&member), now()).unwrap();
    let mut renamed = settings.clone();
    renamed.name = "Luster kommunestyre".into();
    boards::update_board(&st, made.id, &renamed, now()).unwrap();
    let all = boards::list_boards(&st).unwrap();
    assert_eq!(all.len(), 2);
    let got = all.iter().find(|b| b.id == made.id).unwrap();
    assert_eq!((got.settings.name.as_str(), got.members.len()), ("Luster kommunestyre", 1));
}

#[test]
fn a_meeting_is_planned_and_its_sakliste_saved_from_the_window() {
    use saksbok_core::meeting::{MeetingInput, SaklisteEntry};
    use saksbok_core::sakliste::MeetingStatus;
    let dir = TempDir::new().unwrap();
    let st = state(&dir);
    load_demo(&st, now()).unwrap();
    let case = create_case(&st, &case_input("Skulebruksplan"), now()).unwrap();
    let board = boards::list_boards(&st).unwrap()[0].id;
    let input = MeetingInput {
        board_id: board,
        date: "10.12.2026".into(),
        place: None,
        start_time: Some("9".into()),
        end_time: None,
        notice_sent: None,
        notice_method: None,
    };
    let m = meetings::create_meeting(&st, &input, now()).unwrap();
    let e =
        meetings::create_meeting(&st, &MeetingInput { date: "i morgon".into(), ..input.clone() }, now()).unwrap_err();
    assert_eq!((e.code.as_str(), e.fields[0].field.as_str()), ("invalid", "date"));
    let entry = SaklisteEntry::case(case.number.to_string());
    let m = meetings::set_sakliste(&st, m.id, std::slice::from_ref(&entry), now()).unwrap();
    assert_eq!((m.items[0].number_text.as_str(), m.items[0].title.as_str()), ("1/26", "Skulebruksplan"));
    let e = meetings::set_sakliste(&st, m.id, &[entry.clone(), entry], now()).unwrap_err();
    assert_eq!((e.code.as_str(), e.fields[0].field.as_str()), ("invalid", "items.1.case_number"));
    let held = meetings::set_meeting_status(&st, m.id, MeetingStatus::Held, now()).unwrap();
    assert_eq!(held.status, MeetingStatus::Held);
    let again =
        meetings::update_meeting(&st, m.id, &MeetingInput { place: Some("Gaupne".into()), ..input }, now()).unwrap();
    assert_eq!(again.place.as_deref(), Some("Gaupne"));
    let rows = meetings::list_meetings(&st).unwrap();
    assert_eq!(
        rows.iter().map(|r| (r.status, r.items)).collect::<Vec<_>>(),
        [(MeetingStatus::Held, 1), (MeetingStatus::Held, 1)]
    );
    assert_eq!(meetings::get_meeting(&st, m.id).unwrap(), again);

    // The roll: one member ugild in the item with a named varamedlem in the seat.
    let roll: saksbok_core::roll::RollInput = serde_json::from_value(serde_json::json!({
        "attendance": {
            "seats": [],
            "attendees": [
                {"name": "Kari", "party": "Sp", "capacity": {"kind": "member"}, "from_item": null, "to_item": null,
                 "arrived_at": null, "left_at": null, "away_items": []},
                {"name": "Per", "party": "Ap", "capacity": {"kind": "member"}, "from_item": null, "to_item": null,
                 "arrived_at": "09:30", "left_at": null, "away_items": []},
                {"name": "Liv", "party": "Sp", "capacity": {"kind": "substitute", "replaces": null}, "from_item": 0,
                 "to_item": 0, "arrived_at": null, "left_at": null, "away_items": []}
            ],
            "apologies": [],
            "disqualified": [{"member": "Kari", "item": 0, "basis": "fvl. § 6", "substitute": "Liv"}],
            "head_count": null
        },
        "chair": "Per", "chair_elected": false, "signatories": [], "signatories_item": null
    }))
    .unwrap_or_else(|e| panic!("{e}"));
    let saved = meetings::set_roll(&st, m.id, &roll, now()).unwrap();
    assert_eq!(saved.items[0].voters, ["Per", "Liv"]);
    assert_eq!(meetings::get_roll(&st, m.id).unwrap(), saved);
    let mut twice = roll.clone();
    twice.attendance.apologies.push("Kari".into());
    let e = meetings::set_roll(&st, m.id, &twice, now()).unwrap_err();
    assert_eq!((e.code.as_str(), e.fields[0].field.as_str()), ("invalid", "attendees.0.name"));
    assert_eq!(e.fields[0].message, "Kari er ført både som møtt og med forfall. Fjern det eine.");
}

#[test]
fn an_items_record_and_the_phrases_are_edited_from_the_window() {
    use saksbok_core::board::TextLanguage;
    let dir = TempDir::new().unwrap();
    let st = state(&dir);
    let id = demo_item(&st);
    let view = behandling::get_item_record(&st, id).unwrap();
    assert!(view.generated.starts_with("Stabsleiar og rådmann orienterte"));
    let mut record = view.record.clone();
    // 9 for and 2 against cannot have fallen.
    record.behandling.votes[0].votes_for = Some(9);
    record.behandling.votes[0].votes_against = Some(2);
    let e = behandling::set_item_record(&st, id, &record, now()).unwrap_err();
    assert_eq!((e.code.as_str(), e.fields[0].field.as_str()), ("invalid", "votes.0"));
    record.behandling.votes[0].votes_for = Some(2);
    record.behandling.votes[0].votes_against = None;
    record.behandling_text = Some("Eiga ordlyd.".into());
    let saved = behandling::set_item_record(&st, id, &record, now()).unwrap();
    assert_eq!(saved.record.behandling_text.as_deref(), Some("Eiga ordlyd."));
    // What the case view shows is what the protocol prints: the clerk's wording.
    assert_eq!(agenda_item(&st, id).unwrap().behandling[0].plain_text(), "Eiga ordlyd.");

    let own = vec![("fell_for_only".to_string(), "{emne} fekk berre {n_for} og fall.".to_string())];
    let phrases = behandling::set_phrases(&st, None, TextLanguage::Nn, &own, now()).unwrap();
    assert_eq!(phrases.own, own);
    assert_eq!(behandling::get_phrases(&st, None, TextLanguage::Nn).unwrap(), phrases);
    let view = behandling::get_item_record(&st, id).unwrap();
    assert!(view.generated.contains("Framlegget fekk berre 2 røyster og fall."), "{}", view.generated);
    let meeting = view.meeting_id;
    assert_eq!(behandling::get_business(&st, meeting).unwrap(), saksbok_core::model::Behandling::default());

    // The møtebok's own vedlegg: a bad one is refused with its field, a good one kept and printed.
    let mut own = vec![saksbok_core::record::Attachment {
        title: "Presentasjon".into(),
        journal_entry: Some("21/1069-42".parse().unwrap()),
        document: None,
    }];
    let e = behandling::set_meeting_attachments(&st, meeting, &own, now()).unwrap_err();
    assert_eq!((e.code.as_str(), e.fields[0].field.as_str()), ("invalid", "attachments.0.journal_entry"));
    assert!(behandling::get_meeting_attachments(&st, meeting).unwrap().attachments.is_empty());
    own[0].journal_entry = None;
    let saved = behandling::set_meeting_attachments(&st, meeting, &own, now()).unwrap();
    assert_eq!(saved.attachments, own);
    assert_eq!(behandling::get_meeting_attachments(&st, meeting).unwrap(), saved);
}

#[test]
fn a_draft_goes_when_its_step_is_committed_and_the_step_can_be_undone() {
    let dir = TempDir::new().unwrap();
    let st = state(&dir);
    let id = demo_item(&st);
    let view = behandling::get_item_record(&st, id).unwrap();
    let meeting = view.meeting_id;
    meetings::save_draft(&st, meeting, &format!("item:{id}"), r#"{"typed":"5 mot 2"}"#, now()).unwrap();
    meetings::save_draft(&st, meeting, "roll", "{}", now()).unwrap();
    assert_eq!(meetings::list_drafts(&st, meeting).unwrap().len(), 2);
    let mut record = view.record.clone();
    record.vedtak = Some("Endra vedtak.".into());
    behandling::set_item_record(&st, id, &record, now()).unwrap();
    let left: Vec<String> = meetings::list_drafts(&st, meeting).unwrap().into_iter().map(|d| d.key).collect();
    assert_eq!(left, ["roll"], "the committed step's draft is gone, the other kept");
    meetings::clear_draft(&st, meeting, "roll", now()).unwrap();
    assert!(meetings::list_drafts(&st, meeting).unwrap().is_empty());
    assert_eq!(meetings::undo_step(&st, meeting, now()).unwrap(), "Behandlinga av sak 54/21 er sett tilbake.");
    assert_eq!(behandling::get_item_record(&st, id).unwrap().record, view.record);
    let e = meetings::undo_step(&st, meeting, now()).unwrap_err();
    assert_eq!(e.code, "invalid");
}

#[test]
fn a_print_sent_to_a_printer_is_checked_first_and_errors_carry_their_code() {
    use super::printing::{PrinterChoice, send_to_printer};
    let dir = TempDir::new().unwrap();
    let pdf = dir.path().join("p.pdf");
    std::fs::write(&pdf, b"%PDF-1.7").unwrap();
    let choice = |copies| PrinterChoice { printer: "Kopirommet".into(), copies, duplex: false };
    let e = send_to_printer(&pdf, "p.pdf", &choice(0)).unwrap_err();
    assert_eq!((e.code.as_str(), e.message.as_str()), ("print_copies", "Tal kopiar må vera mellom 1 og 99."));
    let e = send_to_printer(&dir.path().join("borte.pdf"), "borte.pdf", &choice(1)).unwrap_err();
    assert_eq!(e.code, "print_no_file");
}

#[test]
fn an_approved_meeting_prints_its_approved_bytes_and_refuses_changes() {
    use saksbok_core::approval::ApprovalInput;
    let dir = TempDir::new().unwrap();
    let st = state(&dir);
    let meeting = demo_meeting(&st);
    let input = |who: &str| ApprovalInput {
        approved_on: "16.04.2021".into(),
        note: Some("Godkjend ved møteslutt".into()),
        signatories: vec![who.into()],
    };
    // No roll yet: refused with the reason, and nothing written.
    let e = super::approval::approve_meeting(&st, meeting, &input("Kari Nes"), now()).unwrap_err();
    assert!(e.message.contains("Oppmøtet er ikkje ført"), "{}", e.message);
    assert!(
        !dir.path().join("protokollar").exists()
            || std::fs::read_dir(dir.path().join("protokollar")).unwrap().count() == 0
    );
    let e = super::approval::approve_meeting(&st, meeting, &ApprovalInput { signatories: vec![], ..input("x") }, now())
        .unwrap_err();
    assert_eq!(e.fields[0].field, "signatories");

    let roll = chair_on_roll("Kari Nes");
    super::meetings::set_roll(&st, meeting, &roll, now()).unwrap();
    let (path, approved) = super::approval::approve_meeting(&st, meeting, &input("Kari Nes"), now()).unwrap();
    assert!(
        path.ends_with("moteprotokoll-formannskapet-og-naeringsutvalet-2021-04-15-v1-godkjend.pdf"),
        "{}",
        path.display()
    );
    assert_eq!(saksbok_protocol::sha256_hex(&std::fs::read(&path).unwrap()), approved.sha256);
    assert_eq!(super::approval::get_approval(&st, meeting).unwrap(), Some(approved.clone()));
    // A later print is the approved bytes, even printed at another time.
    let (copy, r) =
        print_meeting_document(&st, meeting, MeetingDocument::Moteprotokoll, now() + chrono::Duration::days(30))
            .unwrap();
    assert_eq!(r.sha256, approved.sha256);
    assert_ne!(copy, path, "a copy is a new file");
    // And the meeting no longer changes.
    let e = super::meetings::set_roll(&st, meeting, &roll, now()).unwrap_err();
    assert!(e.message.contains("godkjend"), "{}", e.message);
}

#[path = "../../crates/sign/tests/common/mod.rs"]
mod pki;

#[test]
fn an_approved_moteprotokoll_is_signed_brought_in_and_checked_from_the_window() {
    use saksbok_core::approval::ApprovalInput;
    let dir = TempDir::new().unwrap();
    let st = state(&dir);
    let meeting = demo_meeting(&st);
    let roll = chair_on_roll("Kari Nes");
    super::meetings::set_roll(&st, meeting, &roll, now()).unwrap();
    let e = super::signing::get_signatures(&st, meeting).unwrap_err();
    assert!(e.message.starts_with("Protokollen er ikkje godkjend enno"), "{}", e.message);
    let input = ApprovalInput { approved_on: "16.04.2021".into(), note: None, signatories: vec!["Kari Nes".into()] };
    let (approved_path, _) = super::approval::approve_meeting(&st, meeting, &input, now()).unwrap();
    let lines = super::signing::get_signatures(&st, meeting).unwrap().lines;
    assert_eq!(lines.len(), 1);
    assert_eq!((lines[0].field.as_str(), lines[0].signatory.as_str()), ("Underskrift 1", "Kari Nes"));
    assert!(lines[0].signature.is_none());

    let keys = TempDir::new().unwrap();
    let p12 = std::fs::read(pki::TestPki::new(keys.path()).signatory("Kari Nes")).unwrap();
    let e = super::signing::sign_meeting(&st, meeting, &p12, "feil", None, Utc::now()).unwrap_err();
    assert_eq!((e.code.as_str(), e.message.as_str()), ("sign_wrong_password", "Passordet til sertifikatfila er feil."));
    let files = || std::fs::read_dir(dir.path().join("protokollar")).unwrap().count();
    assert_eq!(files(), 1, "nothing written on a wrong password");

    let (signed_path, view) =
        super::signing::sign_meeting(&st, meeting, &p12, pki::PASSWORD, None, Utc::now()).unwrap();
    assert!(signed_path.to_string_lossy().ends_with("-signert-1.pdf"), "{}", signed_path.display());
    let sig = view.lines[0].signature.as_ref().unwrap();
    assert!(sig.valid && sig.whole_file && sig.signer == "Kari Nes", "{sig:?}");
    assert_eq!(super::signing::get_signatures(&st, meeting).unwrap(), view, "kept in the register");
    let signed = std::fs::read(&signed_path).unwrap();
    assert!(signed.starts_with(&std::fs::read(&approved_path).unwrap()));

    let report = super::signing::verify_pdf(&st, &signed).unwrap();
    assert_eq!(report.problem, None);
    assert_eq!(
        report.protocol.as_deref(),
        Some(
            "Møteprotokoll, Formannskapet og næringsutvalet 15.04.2021, versjon 1 (godkjend), \
             signert utgåve med 1 underskrift"
        )
    );
    let e = super::signing::sign_meeting(&st, meeting, &p12, pki::PASSWORD, None, Utc::now()).unwrap_err();
    assert_eq!(e.code, "sign_no_empty_field");

    // Bringing in: the same copy again has no new signature; the approved file none at all.
    let e = super::signing::import_signed_copy(&st, meeting, &signed, now()).unwrap_err();
    assert!(e.message.contains("ingen nye underskrifter"), "{}", e.message);
    let e =
        super::signing::import_signed_copy(&st, meeting, &std::fs::read(&approved_path).unwrap(), now()).unwrap_err();
    assert_eq!(e.message, "Fila har ingen underskrifter.");
    let mut changed = signed.clone();
    let at = changed.len() - 300;
    changed[at] ^= 1;
    let e = super::signing::import_signed_copy(&st, meeting, &changed, now()).unwrap_err();
    assert_eq!(e.code, "sign_not_ours", "{}", e.message);

    // A PDF that is not ours.
    let other = saksbok_protocol::samples::every_kind(now()).remove(0).1;
    let report = super::signing::verify_pdf(&st, &other.pdf).unwrap();
    assert_eq!(report.protocol, None);
    assert!(report.problem.unwrap().starts_with("Fila er ikkje ein protokoll frå dette registeret"));
}

#[test]
fn approval_files_each_saksprotokoll_in_its_case_and_a_scanned_copy_can_be_attached() {
    use saksbok_core::approval::ApprovalInput;
    let dir = TempDir::new().unwrap();
    let st = state(&dir);
    let meeting = demo_meeting(&st);
    super::meetings::set_roll(&st, meeting, &chair_on_roll("Kari Nes"), now()).unwrap();
    let e = super::approval::attach_scan(&st, meeting, "skanna.pdf", b"%PDF-1.4 skann", now()).unwrap_err();
    assert!(e.message.contains("godkjenn møteboka først"), "{}", e.message);
    let input = ApprovalInput { approved_on: "16.04.2021".into(), note: None, signatories: vec!["Kari Nes".into()] };
    super::approval::approve_meeting(&st, meeting, &input, now()).unwrap();

    // The case shows the saksprotokoll as its newest journalpost, the real PDF with it.
    let case = list_cases(&st, &CaseQuery::default()).unwrap().rows[0].id;
    let detail = case_detail(&st, case).unwrap();
    let entry = detail.journal.last().unwrap();
    assert_eq!(entry.title, "Saksprotokoll 54/21: IKT-samarbeid. Etablering av avtale med SYS-IKT");
    let doc = detail.documents.iter().find(|d| d.journal_entry_id == entry.id).unwrap();
    let copy = document_copy(&st, doc.id).unwrap();
    let text = std::process::Command::new("pdftotext").arg(&copy).arg("-").output().unwrap();
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(text.contains("Saksprotokoll") && text.contains("Rådmannen får fullmakt"), "{text}");

    let scans =
        super::approval::attach_scan(&st, meeting, "møtebok med underskrifter.pdf", b"%PDF-1.4 skann", now()).unwrap();
    assert_eq!(scans.len(), 1);
    let opened = super::approval::scan_copy(&st, scans[0].id).unwrap();
    assert_eq!(std::fs::read(&opened).unwrap(), b"%PDF-1.4 skann");
    assert!(opened.ends_with("møtebok med underskrifter.pdf"));

    // A protokolltilførsel after the approval: refused without text, then kept and printed.
    let mut input = saksbok_core::addendum::AddendumInput {
        text: " ".into(),
        agenda_item: None,
        decided_on: "05.05.2021".into(),
        basis: Some("Vedteke i møte 5/21".into()),
    };
    let e = super::approval::add_addendum(&st, meeting, &input, now()).unwrap_err();
    assert_eq!(e.fields[0].field, "text");
    input.text = "Per Bakken møtte som vara for Kari Nes.".into();
    let list = super::approval::add_addendum(&st, meeting, &input, now()).unwrap();
    assert_eq!(list.len(), 1);
    let pdf = super::approval::print_addendum(&st, list[0].id, now()).unwrap();
    assert!(pdf.to_string_lossy().ends_with("protokolltilforsel-1-formannskapet-og-naeringsutvalet-2021-04-15-v1.pdf"));
    let text = std::process::Command::new("pdftotext").arg(&pdf).arg("-").output().unwrap();
    assert!(String::from_utf8_lossy(&text.stdout).contains("Per Bakken møtte som vara"));
}
