//! Boards on real files: settings and series, members per term, history, and
//! the export of format 1 still read.

use chrono::NaiveDate;
use saksbok_core::attendance::Role;
use saksbok_core::board::{BoardSettings, Membership, NumberFormat, NumberSeries, TermMember, TextLanguage, seats_on};
use serde_json::Value;
use tempfile::TempDir;

use super::{db, who, with_demo};
use crate::{Store, boards, interchange};

fn kommunestyret() -> BoardSettings {
    BoardSettings {
        name: "Kommunestyret".into(),
        code: Some("KST".into()),
        series: vec![
            NumberSeries { prefix: Some("PS".into()), label: Some("Politiske saker".into()) },
            NumberSeries { prefix: Some("RS".into()), label: Some("Referatsaker".into()) },
        ],
        number_format: NumberFormat::PaddedSeqYear { width: 3 },
        default_place: Some("Kommunestyresalen, Gaupne".into()),
        language: TextLanguage::Nn,
        distribution: vec!["Kontrollutvalet".into(), "Revisjonen".into()],
    }
}

fn d(y: i32, m: u32, day: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, day)
}

#[test]
fn a_board_is_set_up_changed_and_its_members_kept_per_term_with_history() {
    let dir = TempDir::new().unwrap();
    let mut s = Store::open(&db(&dir)).unwrap();
    let made = s.write(|tx| boards::create(tx, &who(), &kommunestyret())).unwrap();
    assert_eq!(made.settings, kommunestyret());
    let e = s.write(|tx| boards::create(tx, &who(), &kommunestyret())).unwrap_err();
    assert!(e.to_string().contains("Det finst alt eit utval som heiter «Kommunestyret»"), "{e}");

    // Swap the two series' prefixes and drop the distribution list.
    let mut changed = kommunestyret();
    changed.series.swap(0, 1);
    changed.distribution.clear();
    let after = s.write(|tx| boards::update(tx, &who(), made.id, &changed)).unwrap();
    assert_eq!(after.settings.series[0].prefix.as_deref(), Some("RS"));
    assert!(after.settings.distribution.is_empty());

    let members = vec![
        TermMember {
            name: "Kari Nordheim".into(),
            party: Some("Sp".into()),
            membership: Membership::Seat { role: Role::Chair },
            term_from: d(2019, 10, 1),
            term_to: d(2023, 9, 30),
        },
        TermMember {
            name: "Ola Dal".into(),
            party: Some("Ap".into()),
            membership: Membership::Seat { role: Role::Chair },
            term_from: d(2023, 10, 1),
            term_to: None,
        },
        TermMember {
            name: " Siv Li ".into(),
            party: Some("Ap".into()),
            membership: Membership::Substitute { order: 1 },
            term_from: d(2023, 10, 1),
            term_to: None,
        },
    ];
    let with = s.write(|tx| boards::set_members(tx, &who(), made.id, &members)).unwrap();
    assert_eq!(with.members[2].name, "Siv Li", "names are trimmed");
    let seats = |date| seats_on(&with.members, date).into_iter().map(|s| s.name).collect::<Vec<_>>();
    assert_eq!(seats(d(2021, 4, 15).unwrap()), ["Kari Nordheim"], "an old meeting keeps its term's members");
    assert_eq!(seats(d(2024, 1, 1).unwrap()), ["Ola Dal"]);

    // Two leiarar in one term: refused, nothing changed.
    let mut bad = members.clone();
    bad[1].term_from = d(2020, 1, 1);
    let e = s.write(|tx| boards::set_members(tx, &who(), made.id, &bad)).unwrap_err();
    assert_eq!(e.code(), "invalid");
    assert!(e.to_string().contains("alt ein leiar"), "{e}");
    assert_eq!(s.read(|tx| boards::get(tx, made.id)).unwrap(), with);

    let history: Vec<(String, String)> = s
        .conn()
        .prepare("SELECT action, entity FROM audit_log WHERE entity = 'board' ORDER BY id")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(history.len(), 3, "create, settings, members: {history:?}");
    // Saving the same again writes nothing.
    s.write(|tx| boards::set_members(tx, &who(), made.id, &members)).unwrap();
    s.write(|tx| boards::update(tx, &who(), made.id, &changed)).unwrap();
    let count: i64 =
        s.conn().query_row("SELECT count(*) FROM audit_log WHERE entity = 'board'", [], |r| r.get(0)).unwrap();
    assert_eq!(count, 3);
}

#[test]
fn the_demo_board_has_its_single_series_and_lists_in_norwegian_order() {
    let dir = TempDir::new().unwrap();
    let mut s = with_demo(&db(&dir));
    let orsta = BoardSettings { name: "Ørsta-utvalet".into(), code: Some("ORU".into()), ..kommunestyret() };
    s.write(|tx| boards::create(tx, &who(), &orsta)).unwrap();
    let again = BoardSettings { name: "Anna".into(), ..orsta.clone() };
    let e = s.write(|tx| boards::create(tx, &who(), &again)).unwrap_err();
    assert!(e.to_string().contains("Kortnamnet «ORU» er alt brukt"), "{e}");
    s.write(|tx| boards::create(tx, &who(), &kommunestyret())).unwrap();
    let all = s.read(|tx| boards::list(tx)).unwrap();
    let names: Vec<&str> = all.iter().map(|b| b.settings.name.as_str()).collect();
    assert_eq!(names, ["Formannskapet og næringsutvalet", "Kommunestyret", "Ørsta-utvalet"]);
    assert_eq!(all[0].settings.series, [NumberSeries { prefix: None, label: None }]);
    assert_eq!(all[0].settings.number_format, NumberFormat::SeqYear);
}

#[test]
fn an_export_of_format_1_is_still_read_its_boards_get_their_series_and_its_meetings_were_held() {
    let dir = TempDir::new().unwrap();
    let a = with_demo(&dir.path().join("a.sqlite3"));
    let mut doc: Value = serde_json::from_str(&interchange::export_text(a.conn()).unwrap()).unwrap();
    // What a file written by format 1 looks like.
    doc["format_version"] = 1.into();
    let obj = doc.as_object_mut().unwrap();
    obj.remove("board_series");
    for board in obj["boards"].as_array_mut().unwrap() {
        for col in ["number_format", "number_width", "default_place", "language", "distribution"] {
            board.as_object_mut().unwrap().remove(col);
        }
    }
    for meeting in obj["meetings"].as_array_mut().unwrap() {
        for col in ["status", "notice_sent", "notice_method"] {
            meeting.as_object_mut().unwrap().remove(col);
        }
    }
    for item in obj["agenda_items"].as_array_mut().unwrap() {
        for col in ["series_id", "number_given", "closed", "added_late"] {
            item.as_object_mut().unwrap().remove(col);
        }
    }
    let mut b = Store::open(&dir.path().join("b.sqlite3")).unwrap();
    let none = |_: &str| -> std::io::Result<Vec<u8>> { Err(std::io::Error::other("no documents")) };
    b.write(|tx| interchange::import(tx, &who(), &doc, "v1.json", &none)).unwrap();
    let boards = b.read(|tx| boards::list(tx)).unwrap();
    assert_eq!(boards[0].settings.series.len(), 1);
    assert_eq!(boards[0].settings.language, TextLanguage::Nn);
    assert_eq!(
        interchange::export_text(a.conn()).unwrap(),
        interchange::export_text(b.conn()).unwrap(),
        "read as format 1, written as format 3: the same as the original"
    );
}
