//! The `saksbok` binary's contract, run as a user would run it.

use std::path::Path;
use std::process::{Command, Output};

use tempfile::TempDir;

fn saksbok(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_saksbok"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("SAKSBOK_DB")
        .env("SOURCE_DATE_EPOCH", "1618480800")
        .output()
        .unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn demo_twice_then_render_gives_identical_pdfs() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("s.sqlite3");
    let first = saksbok(&db, &["demo"]);
    assert!(first.status.success(), "{}", stderr(&first));
    let second = saksbok(&db, &["demo"]);
    assert!(second.status.success());
    assert!(String::from_utf8_lossy(&second.stdout).contains("ingenting endra"));

    let list = saksbok(&db, &["list"]);
    let listed = String::from_utf8_lossy(&list.stdout);
    assert_eq!(listed.lines().count(), 1, "one line per arkivsak: {listed}");
    assert!(listed.starts_with("21/1069    Under behandling"), "{listed}");
    assert!(listed.contains("54/21 Formannskapet og næringsutvalet 15.04.2021"), "the saksgang: {listed}");

    let a = dir.path().join("a.pdf");
    let b = dir.path().join("b.pdf");
    for out in [&a, &b] {
        let o = saksbok(&db, &["render", "saksprotokoll", "54/21", "-o", out.to_str().unwrap()]);
        assert!(o.status.success(), "{}", stderr(&o));
    }
    let pa = std::fs::read(&a).unwrap();
    assert!(pa.starts_with(b"%PDF-"));
    assert_eq!(pa, std::fs::read(&b).unwrap(), "SOURCE_DATE_EPOCH makes renders reproducible");
    let with_board = dir.path().join("c.pdf");
    let o = saksbok(
        &db,
        &[
            "render",
            "saksprotokoll",
            "54/21",
            "--utval",
            "Formannskapet og næringsutvalet",
            "-o",
            with_board.to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
}

#[test]
fn search_finds_cases_in_capitals_and_as_json() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("s.sqlite3");
    assert!(saksbok(&db, &["demo"]).status.success());
    let o = saksbok(&db, &["search", "RÅDHUSET GAUPNE"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.starts_with("21/1069    IKT-samarbeid. Etablering av avtale med SYS-IKT\n"), "{out}");
    assert!(out.contains("Rådhuset i Gaupne"), "the snippet shows where: {out}");
    assert_eq!(stderr(&o), "1 av 1 treff.\n");
    let o = saksbok(&db, &["search", "fullmakt", "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v[0]["number"], "21/1069");
    assert_eq!(v[0]["status"], "in_progress");
    assert!(v[0]["snippet"].as_str().unwrap().contains("fullmakt"));
    let o = saksbok(&db, &["search", "ingenting-slikt"]);
    assert!(o.status.success());
    assert!(o.stdout.is_empty());
    let o = saksbok(&db, &["search", "?!"]);
    assert!(!o.status.success());
    assert_eq!(stderr(&o), "saksbok: «?!» har ingen ord å søkja etter. Skriv minst eitt ord eller tal.\n");
    let o = saksbok(&db, &["render", "saksprotokoll", "54/21", "--utval", "FORMANNSKAPET OG NÆRINGSUTVALET", "-o"]);
    assert!(!o.status.success(), "-o needs a value");
    let pdf = dir.path().join("u.pdf");
    let o = saksbok(
        &db,
        &[
            "render",
            "saksprotokoll",
            "54/21",
            "--utval",
            "FORMANNSKAPET OG NÆRINGSUTVALET",
            "-o",
            pdf.to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "board names match in capitals with æøå: {}", stderr(&o));
}

#[test]
fn export_then_import_into_a_new_database_round_trips_byte_for_byte() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("a.sqlite3");
    assert!(saksbok(&db, &["demo"]).status.success());
    let first = dir.path().join("a.json");
    let o = saksbok(&db, &["export", "-o", first.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = saksbok(&db, &["export", "-o", first.to_str().unwrap()]);
    assert!(!o.status.success(), "an export never overwrites");
    let copy = dir.path().join("b.sqlite3");
    let o = saksbok(&copy, &["import", first.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(String::from_utf8_lossy(&o.stdout).contains("1 saker"), "{}", String::from_utf8_lossy(&o.stdout));
    let second = dir.path().join("b.json");
    assert!(saksbok(&copy, &["export", "-o", second.to_str().unwrap()]).status.success());
    assert_eq!(std::fs::read(&first).unwrap(), std::fs::read(&second).unwrap());
    // The same file again collides with what it brought: refused, one line.
    let o = saksbok(&copy, &["import", first.to_str().unwrap()]);
    assert!(!o.status.success());
    let e = stderr(&o);
    assert_eq!(e.lines().count(), 1, "{e}");
    assert!(e.contains("saksnummeret 21/1069 er alt brukt") && e.contains("Ingenting er importert."), "{e}");
    let broken = dir.path().join("c.json");
    std::fs::write(&broken, "{\"format\": \"saksbok\",").unwrap();
    let e = stderr(&saksbok(&copy, &["import", broken.to_str().unwrap()]));
    assert!(e.starts_with("saksbok: Importfila er ikkje gyldig JSON (linje 1"), "{e}");
}

#[test]
fn the_offentleg_journal_is_written_as_pdf_or_csv() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("s.sqlite3");
    assert!(saksbok(&db, &["demo"]).status.success());
    let pdf = dir.path().join("journal.pdf");
    let o = saksbok(&db, &["journal", "--from", "01.04.2021", "--to", "2021-04-30", "-o", pdf.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = std::process::Command::new("pdftotext").arg(&pdf).arg("-").output().unwrap();
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(text.contains("Offentleg journal") && text.contains("01.04.2021 – 30.04.2021"), "{text}");
    let csv = dir.path().join("journal.csv");
    assert!(
        saksbok(&db, &["journal", "--from", "2021-04-01", "--to", "2021-04-30", "-o", csv.to_str().unwrap()])
            .status
            .success()
    );
    assert!(std::fs::read_to_string(&csv).unwrap().starts_with("\u{feff}Journalpostnr;"));
    let bad: [(&[&str], &str); 3] = [
        (&["journal", "--from", "i går", "--to", "2021-04-30", "-o", "x.pdf"], "«i går» er ikkje ein gyldig dato"),
        (&["journal", "--from", "2021-04-30", "--to", "2021-04-01", "-o", "x.pdf"], "Perioden sluttar før han byrjar"),
        (
            &["journal", "--from", "2021-04-01", "--to", "2021-04-30", "-o", "x.txt"],
            "skriv til ei .pdf- eller .csv-fil",
        ),
    ];
    for (args, want) in bad {
        let e = stderr(&saksbok(&db, args));
        assert!(e.contains(want), "{args:?}: {e}");
    }
}

#[test]
fn the_moteprotokoll_of_a_meeting_is_rendered_by_board_and_date() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("s.sqlite3");
    assert!(saksbok(&db, &["demo"]).status.success());
    let out = dir.path().join("m.pdf");
    let o = saksbok(
        &db,
        &["render", "moteprotokoll", "--utval", "formannskapet og næringsutvalet", "--date", "15.04.2021", "-o"],
    );
    assert!(!o.status.success(), "-o needs a file");
    let o = saksbok(
        &db,
        &[
            "render",
            "moteprotokoll",
            "--utval",
            "formannskapet og næringsutvalet",
            "--date",
            "2021-04-15",
            "-o",
            out.to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(String::from_utf8_lossy(&o.stdout).contains("2 sider, SHA-256 "));
    let text = Command::new("pdftotext").arg(&out).arg("-").output().unwrap();
    let text = String::from_utf8_lossy(&text.stdout);
    for want in ["Møteprotokoll", "Møtedato: 15.04.2021", "Oppmøtet er ikkje ført.", "Sak: 54/21", "Underskrifter:"]
    {
        assert!(text.contains(want), "{want} missing:\n{text}");
    }
    // The print is noted with its hash, as a saksprotokoll's is.
    let conn = rusqlite::Connection::open(&db).unwrap();
    let (n, sha): (i64, String) = conn
        .query_row(
            "SELECT count(*), max(sha256) FROM printed_protocols WHERE kind = 'moteprotokoll' AND agenda_item_id IS NULL",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(n, 1);
    assert!(String::from_utf8_lossy(&o.stdout).contains(&sha));
}

#[test]
fn a_saksprotokoll_is_marked_rett_utskrift_with_the_date_and_a_name() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("s.sqlite3");
    assert!(saksbok(&db, &["demo"]).status.success());
    let out = dir.path().join("r.pdf");
    let o =
        saksbok(&db, &["render", "saksprotokoll", "54/21", "--rett-utskrift", "Kari Nes", "-o", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = Command::new("pdftotext").arg(&out).arg("-").output().unwrap();
    let text = String::from_utf8_lossy(&text.stdout).split_whitespace().collect::<Vec<_>>().join(" ");
    // SOURCE_DATE_EPOCH 1618480800 is 15.04.2021 10:00 UTC: the same day in Norway.
    assert!(text.contains("Rett utskrift: 15.04.2021, Kari Nes"), "{text}");
    let e = stderr(&saksbok(&db, &["render", "saksprotokoll", "54/21", "--rett-utskrift", " ", "-o", "x.pdf"]));
    assert_eq!(e, "saksbok: Skriv namnet på den som stadfestar at utskrifta er rett.\n");
    let e = stderr(&saksbok(
        &db,
        &["render", "innkalling", "--date", "2021-04-15", "--rett-utskrift", "Kari", "-o", "x.pdf"],
    ));
    assert_eq!(
        e,
        "saksbok: «Rett utskrift» gjeld ein saksprotokoll: render saksprotokoll NUMMER --rett-utskrift NAMN.\n"
    );
}

#[test]
fn the_innkalling_and_the_offentleg_versjon_are_rendered_from_the_same_meeting() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("s.sqlite3");
    assert!(saksbok(&db, &["demo"]).status.success());
    for (kind, wants) in [
        ("innkalling", &["Innkalling", "Møtedato: 15.04.2021", "Sakliste", "IKT-samarbeid. Etablering av avtale"][..]),
        ("offentleg", &["Møteprotokoll – Offentleg versjon", "Sak: 54/21", "Vedtak:"][..]),
    ] {
        let out = dir.path().join(format!("{kind}.pdf"));
        let o = saksbok(&db, &["render", kind, "--date", "2021-04-15", "-o", out.to_str().unwrap()]);
        assert!(o.status.success(), "{kind}: {}", stderr(&o));
        let text = Command::new("pdftotext").arg(&out).arg("-").output().unwrap();
        let text = String::from_utf8_lossy(&text.stdout);
        for want in wants {
            assert!(text.contains(want), "{kind}: «{want}» missing:\n{text}");
        }
        if kind == "innkalling" {
            assert!(!text.contains("Vedtak"), "an innkalling holds no vedtak:\n{text}");
        }
    }
    let conn = rusqlite::Connection::open(&db).unwrap();
    let kinds: Vec<String> = conn
        .prepare("SELECT kind FROM printed_protocols ORDER BY id")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(kinds, ["innkalling", "offentleg"]);
    let e = stderr(&saksbok(&db, &["render", "innkalling", "54/21", "--date", "2021-04-15", "-o", "x.pdf"]));
    assert_eq!(e, "saksbok: «54/21»: dette dokumentet gjeld heile møtet; vel det med --utval og --date.\n");
}

/// CUPS is the print path on Linux and macOS; on Windows `printers` says printing is not ready (.ci/windows).
#[cfg(unix)]
#[test]
fn printing_without_cups_or_with_bad_input_says_why_in_one_line() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("s.sqlite3");
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_saksbok"))
            .arg("--db")
            .arg(&db)
            .args(args)
            .env("CUPS_SERVER", dir.path().join("ingen-cups.sock"))
            .output()
            .unwrap()
    };
    let o = run(&["printers"]);
    assert!(!o.status.success());
    assert_eq!(
        stderr(&o),
        "saksbok: Utskriftstenesta (CUPS) svarar ikkje på denne maskina. Start ho, eller be IT-avdelinga installera \
         ho; PDF-en kan framleis opnast og skrivast ut frå PDF-lesaren.\n"
    );
    let pdf = dir.path().join("p.pdf");
    std::fs::write(&pdf, b"%PDF-1.7").unwrap();
    let pdf = pdf.to_str().unwrap();
    for (args, want) in [
        (&["print", pdf, "--printer", "PDF", "--copies", "0"][..], "saksbok: Tal kopiar må vera mellom 1 og 99.\n"),
        (
            &["print", "/finst/ikkje.pdf", "--printer", "PDF"][..],
            "saksbok: Fann ikkje PDF-en som skulle skrivast ut: /finst/ikkje.pdf.\n",
        ),
        (
            &["print", pdf][..],
            "saksbok: Utskriftstenesta (CUPS) svarar ikkje på denne maskina. Start ho, eller be IT-avdelinga installera ho; PDF-en kan framleis opnast og skrivast ut frå PDF-lesaren.\n",
        ),
    ] {
        let o = run(args);
        assert!(!o.status.success(), "{args:?}");
        assert_eq!(stderr(&o), want, "{args:?}");
    }
}

#[test]
fn a_meeting_is_approved_from_the_command_line_and_then_locked() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("s.sqlite3");
    assert!(saksbok(&db, &["demo"]).status.success());
    let out = dir.path().join("godkjend.pdf");
    let out = out.to_str().unwrap();
    let approve = |who: &str| {
        saksbok(
            &db,
            &["approve", "--date", "2021-04-15", "--signatory", who, "--note", "Godkjend i møte 20/21", "-o", out],
        )
    };
    // The demo has no roll: refused, and no file left behind.
    let o = approve("Kari Nes");
    assert!(!o.status.success());
    assert!(stderr(&o).starts_with("saksbok: Oppmøtet er ikkje ført"), "{}", stderr(&o));
    assert!(!Path::new(out).exists());
    // With a roll (the møteleiar) it is approved and locked.
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute_batch(
        "INSERT INTO meeting_attendance (meeting_id, name, party, kind, position, chair)
         SELECT id, 'Kari Nes', 'Sp', 'medlem', 1, 1 FROM meetings",
    )
    .unwrap();
    let o = approve("Kari Nes");
    assert!(o.status.success(), "{}", stderr(&o));
    let said = String::from_utf8_lossy(&o.stdout);
    assert!(said.starts_with("Protokollen er godkjend ") && said.contains("godkjend.pdf"), "{said}");
    let text = Command::new("pdftotext").arg(out).arg("-").output().unwrap();
    assert!(String::from_utf8_lossy(&text.stdout).contains("Kari Nes"));
    assert!(
        said.contains("Saksprotokollen saksprotokoll-54-21-formannskapet-og-naeringsutvalet.pdf er arkivert"),
        "{said}"
    );
    let e = conn.execute("UPDATE agenda_items SET vedtak = 'Endra.'", []).unwrap_err().to_string();
    assert!(e.contains("godkjend og låst"), "{e}");
    // The case lists its saksprotokoll as a journalpost.
    let listed: String =
        conn.query_row("SELECT title FROM journal_entries ORDER BY id DESC LIMIT 1", [], |r| r.get(0)).unwrap();
    assert_eq!(listed, "Saksprotokoll 54/21: IKT-samarbeid. Etablering av avtale med SYS-IKT");
    // A later render of the møtebok is the approved bytes (SOURCE_DATE_EPOCH or not).
    let copy = dir.path().join("kopi.pdf");
    let o = Command::new(env!("CARGO_BIN_EXE_saksbok"))
        .args(["--db", db.to_str().unwrap(), "render", "moteprotokoll", "--date", "2021-04-15", "-o"])
        .arg(&copy)
        .env_remove("SOURCE_DATE_EPOCH")
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(std::fs::read(&copy).unwrap(), std::fs::read(out).unwrap());
    // A protokolltilførsel after the approval, kept and written.
    let tilforsel = dir.path().join("tilforsel.pdf");
    let o = saksbok(
        &db,
        &[
            "addendum",
            "--date",
            "2021-04-15",
            "--sak",
            "54/21",
            "--basis",
            "Vedteke i møte 5/21",
            "--text",
            "Per Bakken møtte som vara.",
            "-o",
            tilforsel.to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let text = Command::new("pdftotext").arg(&tilforsel).arg("-").output().unwrap();
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(text.contains("Protokolltilførsel") && text.contains("Per Bakken møtte som vara."), "{text}");
    let o = saksbok(&db, &["addendum", "--date", "2021-04-15", "--text", " ", "-o", "x.pdf"]);
    assert!(stderr(&o).contains("Skriv kva som vert retta"), "{}", stderr(&o));
    let again =
        saksbok(&db, &["approve", "--date", "2021-04-15", "--signatory", "Kari Nes", "-o", &format!("{out}.2")]);
    assert_eq!(stderr(&again), "saksbok: Protokollen for dette møtet er alt godkjend.\n");
}

#[test]
fn errors_are_one_clear_line_and_a_failure_code() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("s.sqlite3");
    assert!(saksbok(&db, &["demo"]).status.success());
    let out = dir.path().join("x.pdf");
    let out = out.to_str().unwrap();
    let cases: [(&[&str], &str); 7] = [
        (&["render", "saksprotokoll", "99/21", "-o", out], "saksbok: Fann ikkje utvalssak 99/21.\n"),
        (
            &["render", "saksprotokoll", "54-21", "-o", out],
            "saksbok: «54-21» er ikkje eit gyldig utvalssaksnummer. Skriv det som til dømes 54/21.\n",
        ),
        (
            &["render", "saksprotokoll", "54/21", "--utval", "Kontrollutvalet", "-o", out],
            "saksbok: Fann ikkje utvalssak 54/21 i Kontrollutvalet.\n",
        ),
        (
            &["render", "moteprotokoll", "--date", "2021-04-16", "-o", out],
            "saksbok: Fann ikkje noko møte 16.04.2021.\n",
        ),
        (
            &["render", "moteprotokoll", "--date", "16/4", "-o", out],
            "saksbok: «16/4» er ikkje ein gyldig dato. Skriv til dømes 2021-04-15 eller 15.04.2021.\n",
        ),
        (
            &["render", "moteprotokoll", "-o", out],
            "saksbok: Skriv datoen for møtet: --date 2021-04-15 (og --utval NAMN).\n",
        ),
        (
            &["render", "saksprotokoll", "-o", out],
            "saksbok: Skriv nummeret på utvalssaka, til dømes: render saksprotokoll 54/21.\n",
        ),
    ];
    for (args, want) in cases {
        let o = saksbok(&db, args);
        assert!(!o.status.success(), "{args:?}");
        assert_eq!(stderr(&o), want);
    }
    assert!(!Path::new(out).exists(), "no file is written on error");
}

#[test]
fn an_unreadable_database_is_reported_and_left_alone() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("junk.sqlite3");
    let junk = b"Dette er ikkje ein database, men eit brev til kommunen.".repeat(100);
    std::fs::write(&db, &junk).unwrap();
    let out = dir.path().join("x.pdf");
    let o = saksbok(&db, &["render", "saksprotokoll", "54/21", "-o", out.to_str().unwrap()]);
    assert!(!o.status.success());
    let e = stderr(&o);
    assert_eq!(e.lines().count(), 1, "{e}");
    assert!(e.contains("er ikkje ein Saksbok-database"), "{e}");
    assert_eq!(std::fs::read(&db).unwrap(), junk);

    let missing = dir.path().join("finst-ikkje.sqlite3");
    let o = saksbok(&missing, &["list"]);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("Fann ikkje databasen"));
    assert!(!missing.exists(), "listing must not create a database");
}

#[test]
fn backup_refuses_to_overwrite() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("s.sqlite3");
    assert!(saksbok(&db, &["demo"]).status.success());
    let copy = dir.path().join("kopi.sqlite3");
    assert!(saksbok(&db, &["backup", copy.to_str().unwrap()]).status.success());
    let o = saksbok(&db, &["backup", copy.to_str().unwrap()]);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("finst frå før"));
    let listed = saksbok(&copy, &["list"]);
    assert!(String::from_utf8_lossy(&listed.stdout).contains("54/21"));
}

#[test]
fn restore_brings_a_backup_back_and_keeps_the_database_first_even_a_damaged_one() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("s.sqlite3");
    assert!(saksbok(&db, &["demo"]).status.success());
    let copy = dir.path().join("kopi.sqlite3");
    assert!(saksbok(&db, &["backup", copy.to_str().unwrap()]).status.success());
    // A damaged backup is refused and the database is left alone.
    let mut bytes = std::fs::read(&copy).unwrap();
    let damaged = dir.path().join("skadd.sqlite3");
    bytes.truncate(bytes.len() / 3);
    std::fs::write(&damaged, &bytes).unwrap();
    let o = saksbok(&db, &["restore", damaged.to_str().unwrap()]);
    assert!(!o.status.success());
    assert_eq!(stderr(&o).lines().count(), 1, "one line: {}", stderr(&o));
    let o = saksbok(&db, &["restore", copy.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let said = String::from_utf8_lossy(&o.stdout).to_string();
    assert!(said.contains("tryggingskopiar"), "{said}");
    let kept: Vec<_> = std::fs::read_dir(dir.path().join("tryggingskopiar")).unwrap().collect();
    assert_eq!(kept.len(), 1, "the database as it was is kept beside it: {kept:?}");
    let listed = saksbok(&db, &["list"]);
    assert!(String::from_utf8_lossy(&listed.stdout).contains("54/21"));

    // A database damaged past opening: the backup takes its place, and the
    // damaged file is kept in the backup folder, byte for byte.
    let junk = b"Ikkje ein database.".repeat(500);
    for suffix in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", db.display()));
    }
    std::fs::write(&db, &junk).unwrap();
    assert!(!saksbok(&db, &["list"]).status.success());
    let o = saksbok(&db, &["restore", copy.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(String::from_utf8_lossy(&saksbok(&db, &["list"]).stdout).contains("54/21"));
    let set_aside: Vec<_> = std::fs::read_dir(dir.path().join("tryggingskopiar"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().contains("-skadd"))
        .collect();
    assert_eq!(set_aside.len(), 1, "{set_aside:?}");
    assert_eq!(std::fs::read(&set_aside[0]).unwrap(), junk);
}

#[test]
fn help_documents_the_contract() {
    let o = Command::new(env!("CARGO_BIN_EXE_saksbok")).arg("--help").output().unwrap();
    let help = String::from_utf8_lossy(&o.stdout);
    for word in ["demo", "render", "--db", "SAKSBOK_DB", "SOURCE_DATE_EPOCH"] {
        assert!(help.contains(word), "--help lacks {word}:\n{help}");
    }
}

#[test]
fn the_behandling_of_the_demo_is_printed_as_the_reference_has_it() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("s.sqlite3");
    let missing = saksbok(&db, &["behandling", "54/21"]);
    assert!(!missing.status.success());
    assert!(stderr(&missing).contains("Fann ikkje databasen"), "{}", stderr(&missing));
    assert!(saksbok(&db, &["demo"]).status.success());
    let o = saksbok(&db, &["behandling", "54/21", "--utval", "Formannskapet og næringsutvalet"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let reference = include_str!("../../../../tests/fixtures/saksprotokoll-54-21.txt");
    let section = reference.split("Behandling:").nth(1).unwrap().split("Vedtak:").next().unwrap();
    assert_eq!(String::from_utf8_lossy(&o.stdout).trim(), section.trim().replace('*', ""));
    let unknown = saksbok(&db, &["behandling", "99/21"]);
    assert!(!unknown.status.success());
    assert!(stderr(&unknown).contains("Fann ikkje utvalssak 99/21"), "{}", stderr(&unknown));
}

#[path = "../../sign/tests/common/mod.rs"]
mod pki;

#[test]
fn an_approved_moteprotokoll_is_signed_from_the_command_line() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("s.sqlite3");
    assert!(saksbok(&db, &["demo"]).status.success());
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute_batch(
        "INSERT INTO meeting_attendance (meeting_id, name, party, kind, position, chair)
         SELECT id, 'Kari Nes', 'Sp', 'medlem', 1, 1 FROM meetings",
    )
    .unwrap();
    let approved = dir.path().join("godkjend.pdf");
    let o =
        saksbok(&db, &["approve", "--date", "2021-04-15", "--signatory", "Kari Nes", "-o", approved.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));

    let pki = pki::TestPki::new(dir.path());
    let p12 = pki.signatory("Kari Nes");
    let signed = dir.path().join("signert.pdf");
    let sign = |password: &str, input: &Path, output: &Path| {
        Command::new(env!("CARGO_BIN_EXE_saksbok"))
            .arg("sign")
            .arg(input)
            .arg("--p12")
            .arg(&p12)
            .args(["--password-env", "SAKSBOK_TEST_PASSORD", "--reason", "Godkjend møtebok", "-o"])
            .arg(output)
            .env("SAKSBOK_TEST_PASSORD", password)
            .output()
            .unwrap()
    };

    let o = sign("feil", &approved, &signed);
    assert_eq!(stderr(&o), "saksbok: Passordet til sertifikatfila er feil.\n");
    assert!(!signed.exists(), "nothing written on a wrong password");

    let o = sign(pki::PASSWORD, &approved, &signed);
    assert!(o.status.success(), "{}", stderr(&o));
    let said = String::from_utf8_lossy(&o.stdout);
    assert!(said.starts_with("Signert av Kari Nes → ") && said.ends_with("(1 av 1 underskrifter).\n"), "{said}");
    let report = pki::pdfsig(&signed);
    assert!(report.contains("Signature Validation: Signature is Valid."), "{report}");
    assert!(report.contains("Signature Type: ETSI.CAdES.detached"), "{report}");
    assert!(report.contains("Total document signed"), "{report}");
    let bytes = std::fs::read(&signed).unwrap();
    assert!(bytes.starts_with(&std::fs::read(&approved).unwrap()), "the approved bytes come first, unchanged");

    // verify: the approved file, the signed file, and a changed copy.
    let o = saksbok(&db, &["verify", approved.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        String::from_utf8_lossy(&o.stdout),
        "Møteprotokoll, Formannskapet og næringsutvalet 15.04.2021, versjon 1 (godkjend)\nIngen underskrifter.\n"
    );
    let o = saksbok(&db, &["verify", signed.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let said = String::from_utf8_lossy(&o.stdout);
    assert!(said.starts_with("Møteprotokoll, Formannskapet og næringsutvalet 15.04.2021, versjon 1 (godkjend)\n"));
    assert!(said.contains("Underskrifter:\n  Underskrift 1: Kari Nes, "), "{said}");
    assert!(said.ends_with(" UTC – gyldig, dekkjer heile fila\n"), "{said}");
    let o = saksbok(&db, &["verify", "--json", signed.to_str().unwrap()]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["protocol"]["kind"], "moteprotokoll");
    assert_eq!(v["protocol"]["version"], 1);
    assert_eq!(v["signatures"][0]["signer"], "Kari Nes");
    assert_eq!(v["signatures"][0]["valid"], true);
    assert_eq!(v["problem"], serde_json::Value::Null);

    let mut changed = bytes.clone();
    let at = changed.windows(7).position(|w| w == b"/Author").unwrap() + 20;
    changed[at] ^= 1;
    let changed_file = dir.path().join("endra.pdf");
    std::fs::write(&changed_file, &changed).unwrap();
    let o = saksbok(&db, &["verify", changed_file.to_str().unwrap()]);
    assert!(!o.status.success());
    assert_eq!(
        stderr(&o),
        "saksbok: Fila er ikkje ein protokoll frå dette registeret: ingen del av ho er ein lagra protokoll.\n"
    );
    assert!(String::from_utf8_lossy(&o.stdout).contains("IKKJE GYLDIG (fila er endra etter at ho vart signert)"));
    let mut appended = bytes.clone();
    appended.extend_from_slice(b"\n% lagt til\n");
    std::fs::write(&changed_file, &appended).unwrap();
    let o = saksbok(&db, &["verify", changed_file.to_str().unwrap()]);
    assert!(!o.status.success());
    assert!(stderr(&o).starts_with("saksbok: Fila er endra etter"), "{}", stderr(&o));

    // With a time stamp from a time-stamp authority (B-T): verify names its time.
    let tsa = pki::TestTsa::start(&pki::TestPki::new(&{
        let d = dir.path().join("tsa-pki");
        std::fs::create_dir_all(&d).unwrap();
        d
    }));
    let stamped = dir.path().join("signert-med-tidsstempel.pdf");
    let o = Command::new(env!("CARGO_BIN_EXE_saksbok"))
        .arg("sign")
        .arg(&approved)
        .arg("--p12")
        .arg(&p12)
        .args(["--password-env", "SAKSBOK_TEST_PASSORD", "--tsa", &tsa.url, "-o"])
        .arg(&stamped)
        .env("SAKSBOK_TEST_PASSORD", pki::PASSWORD)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let o = saksbok(&db, &["verify", stamped.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(String::from_utf8_lossy(&o.stdout).contains(" (tidsstempel "), "{}", String::from_utf8_lossy(&o.stdout));

    // The same line signed from a smart card or token instead (SoftHSM2 through PKCS#11).
    let hsm_dir = TempDir::new().unwrap();
    let hsm = pki::SoftHsm::new(hsm_dir.path(), &pki::TestPki::new(hsm_dir.path()), "Kari Nes");
    let token = |pin: &str, output: &Path| {
        Command::new(env!("CARGO_BIN_EXE_saksbok"))
            .arg("sign")
            .arg(&approved)
            .arg("--pkcs11")
            .arg(&hsm.module)
            .args(["--token", "Saksbok", "--pin-env", "SAKSBOK_TEST_PIN", "-o"])
            .arg(output)
            .env("SOFTHSM2_CONF", &hsm.conf)
            .env("SAKSBOK_TEST_PIN", pin)
            .output()
            .unwrap()
    };
    let from_token = dir.path().join("signert-med-brikke.pdf");
    let o = token("000000", &from_token);
    assert_eq!(stderr(&o), "saksbok: PIN-koden er feil.\n");
    assert!(!from_token.exists());
    let o = token(pki::PIN, &from_token);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(String::from_utf8_lossy(&o.stdout).starts_with("Signert av Kari Nes → "));
    let report = pki::pdfsig(&from_token);
    assert!(report.contains("Signature Validation: Signature is Valid."), "{report}");

    let o = sign(pki::PASSWORD, &approved, &signed);
    assert!(stderr(&o).contains("finst frå før"), "{}", stderr(&o));
    assert_eq!(std::fs::read(&signed).unwrap(), bytes, "the earlier file is never overwritten");
    let o = sign(pki::PASSWORD, &signed, &dir.path().join("to-gonger.pdf"));
    assert_eq!(
        stderr(&o),
        "saksbok: Protokollen har ingen ledig underskriftsfelt: alle som skal skrive under, har alt signert.\n"
    );
    let o = Command::new(env!("CARGO_BIN_EXE_saksbok"))
        .args(["sign", "x.pdf", "--p12", "x.p12", "--password-env", "SAKSBOK_TEST_UTAN", "-o"])
        .arg(dir.path().join("y.pdf"))
        .env_remove("SAKSBOK_TEST_UTAN")
        .output()
        .unwrap();
    assert_eq!(
        stderr(&o),
        "saksbok: Miljøvariabelen SAKSBOK_TEST_UTAN med passordet til sertifikatfila er ikkje sett.\n"
    );
}

#[test]
fn agreements_and_deadlines_are_listed_and_written_as_a_calendar() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("s.sqlite3");
    assert!(saksbok(&db, &["demo"]).status.success());
    let listed = saksbok(&db, &["agreements", "--today", "2026-12-04"]);
    let text = String::from_utf8_lossy(&listed.stdout);
    assert!(listed.status.success(), "{}", stderr(&listed));
    assert!(text.contains("under forhandling  Samarbeidsavtale med SyS-IKT"), "{text}");
    assert!(text.contains("Partar: Luster kommune (deltakar), SyS IKT"), "{text}");
    assert!(text.contains("Neste frist: ingen kjend") && text.contains("Opne oppgåver: 5"), "{text}");

    // The demo gives no dates; give the agreement a term and two tasks due
    // dates, as the window would.
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute_batch(
        "UPDATE agreements SET start_date = '2022-01-01', term_kind = 'renewing', end_date = '2027-06-30',
                renew_months = 24, notice_months = 6, status = 'i_kraft', revision = 4;
         UPDATE tasks SET due = '2026-12-20', responsible = 'Stabsleiar' WHERE paragraph = 4;
         UPDATE tasks SET due = '2026-11-30' WHERE paragraph = 3;",
    )
    .unwrap();
    drop(conn);

    let text_of = |o: &Output| String::from_utf8_lossy(&o.stdout).into_owned();
    let lines = saksbok(&db, &["deadlines", "--within", "30", "--today", "04.12.2026"]);
    assert!(lines.status.success(), "{}", stderr(&lines));
    let shown = text_of(&lines);
    let rows: Vec<&str> = shown.lines().collect();
    assert_eq!(rows.len(), 3, "{shown}");
    assert!(rows[0].starts_with("30.11.2026 (4 dagar på overtid)") && rows[0].contains("Oppgåve"), "{shown}");
    assert!(rows[1].contains("20.12.2026 (om 16 dagar)") && rows[1].contains("Ansvarleg: Stabsleiar"), "{shown}");
    assert!(rows[2].contains("31.12.2026 (om 27 dagar)") && rows[2].contains("Oppseiingsfrist"), "{shown}");
    assert!(stderr(&lines).contains("3 opne oppgåver har ingen frist"), "{}", stderr(&lines));

    let listed = saksbok(&db, &["agreements", "--today", "2026-12-04", "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&listed.stdout).unwrap();
    assert_eq!(v[0]["title"], "Samarbeidsavtale med SyS-IKT");
    assert_eq!(v[0]["status"], "i_kraft");
    assert_eq!(
        (v[0]["next_deadline"]["kind"].as_str(), v[0]["next_deadline"]["date"].as_str()),
        (Some("notice"), Some("2026-12-31"))
    );
    assert_eq!(v[0]["open_tasks"], 5);
    assert_eq!(v[0]["parties"].as_array().unwrap().len(), 2);

    let json = saksbok(&db, &["deadlines", "--within", "30", "--today", "2026-12-04", "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(v["items"].as_array().unwrap().len(), 3);
    assert_eq!(v["items"][2]["kind"], "notice");
    assert_eq!(v["items"][0]["overdue"], true);

    let ics = dir.path().join("fristar.ics");
    let uids = |path: &Path| {
        let text = std::fs::read_to_string(path).unwrap();
        let cal: icalendar::Calendar = text.parse().unwrap();
        cal.components
            .iter()
            .filter_map(icalendar::CalendarComponent::as_event)
            .map(|e| {
                use icalendar::Component;
                let Some(icalendar::DatePerhapsTime::Date(start)) = e.get_start() else { panic!("all-day") };
                (e.get_uid().unwrap().to_string(), start.to_string(), e.get_sequence().unwrap())
            })
            .collect::<Vec<_>>()
    };
    let o = saksbok(&db, &["deadlines", "--within", "30", "--today", "2026-12-04", "--ics", ics.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("3 fristar skrivne til"), "{}", stderr(&o));
    let first = uids(&ics);
    assert_eq!(first.iter().map(|u| u.1.as_str()).collect::<Vec<_>>(), ["2026-11-30", "2026-12-20", "2026-12-31"]);
    assert!(first[2].0.starts_with("avtale-") && first[2].0.ends_with("-oppseiing@saksbok.luster.kommune.no"));
    assert_eq!(first[2].2, 4, "SEQUENCE is the agreement's revision");
    // A second export a day later, the file replaced: the same events by UID.
    let o = saksbok(&db, &["deadlines", "--within", "30", "--today", "2026-12-05", "--ics", ics.to_str().unwrap()]);
    assert!(o.status.success());
    assert_eq!(uids(&ics), first);

    // No deadline at all: no calendar file (RFC 5545 asks for at least one event).
    let empty = dir.path().join("tom.sqlite3");
    assert!(saksbok(&empty, &["demo"]).status.success());
    let none = dir.path().join("ingen.ics");
    let o = saksbok(&empty, &["deadlines", "--within", "30", "--ics", none.to_str().unwrap()]);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("Det er ingen fristar å leggja i kalenderfila"), "{}", stderr(&o));
    assert!(!none.exists());

    for (args, want) in [
        (&["deadlines", "--within", "99999"][..], "--within kan vera høgst 36500 dagar."),
        (&["deadlines", "--within", "30", "--today", "i morgon"][..], "«i morgon» er ikkje ein gyldig dato"),
        (&["deadlines", "--within", "30", "--ics", dir.path().to_str().unwrap()][..], "er ei mappe"),
    ] {
        let o = saksbok(&db, args);
        assert!(!o.status.success());
        assert!(stderr(&o).contains(want), "{args:?}: {}", stderr(&o));
    }
}

#[test]
fn the_follow_up_report_is_written_for_a_board_and_a_period() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("s.sqlite3");
    assert!(saksbok(&db, &["demo"]).status.success());
    let out = dir.path().join("oppfolging.pdf");
    let o = saksbok(&db, &["followup", "--from", "2021-01-01", "--to", "31.12.2021", "-o", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let said = String::from_utf8_lossy(&o.stdout);
    assert!(said.contains("5 oppgåver: 0 ferdige, 0 i gang, 5 ikkje starta."), "{said}");
    let text = std::process::Command::new("pdftotext").arg(&out).arg("-").output().unwrap();
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(text.contains("Oppfølging av vedtak") && text.contains("Sak 54/21"), "{text}");
    for (args, want) in [
        (&["followup", "--from", "2021-01-01", "--to", "2021-12-31", "-o", out.to_str().unwrap()][..], "finst frå før"),
        (
            &["followup", "--from", "i fjor", "--to", "2021-12-31", "-o", "x.pdf"][..],
            "--from «i fjor» er ikkje ein gyldig dato",
        ),
        (
            &["followup", "--utval", "Kommunestyret", "--from", "2021-01-01", "--to", "2021-12-31", "-o", "x.pdf"][..],
            "Fann ikkje utvalet «Kommunestyret»",
        ),
        (
            &["followup", "--from", "2022-01-01", "--to", "2021-12-31", "-o", "x.pdf"][..],
            "Perioden sluttar før han byrjar.",
        ),
    ] {
        let o = saksbok(&db, args);
        assert!(!o.status.success());
        assert!(stderr(&o).contains(want), "{args:?}: {}", stderr(&o));
    }
}

#[test]
fn output_into_a_closed_pipe_stops_quietly() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("s.sqlite3");
    assert!(saksbok(&db, &["demo"]).status.success());
    // The reader goes away at once, as `saksbok … | head -1` does: no panic, no failure.
    let mut child = Command::new(env!("CARGO_BIN_EXE_saksbok"))
        .args(["--db", db.to_str().unwrap(), "agreements", "--json"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(!err.contains("panicked"), "{err}");
}
