//! Meetings on real files: planned, numbered per series in agenda order,
//! renumbered only while planned, and refused whole when anything is wrong.

use saksbok_core::board::{BoardSettings, NumberFormat, NumberSeries, TextLanguage};
use saksbok_core::meeting::{MeetingInput, MeetingRecord, SaklisteEntry};
use saksbok_core::sakliste::MeetingStatus;
use tempfile::TempDir;

use super::{db, register_one, who, with_demo};
use crate::{Store, StoreError, agenda, boards, meetings};

fn kommunestyret(s: &mut Store) -> i64 {
    let settings = BoardSettings {
        name: "Kommunestyret".into(),
        code: Some("KST".into()),
        series: vec![
            NumberSeries { prefix: Some("PS".into()), label: Some("Politiske saker".into()) },
            NumberSeries { prefix: Some("RS".into()), label: Some("Referatsaker".into()) },
        ],
        number_format: NumberFormat::PaddedSeqYear { width: 3 },
        default_place: Some("Kommunestyresalen".into()),
        language: TextLanguage::Nn,
        distribution: vec![],
    };
    s.write(|tx| boards::create(tx, &who(), &settings)).unwrap().id
}

fn input(board: i64, date: &str) -> MeetingInput {
    MeetingInput {
        board_id: board,
        date: date.into(),
        place: Some("Kommunestyresalen".into()),
        start_time: Some("10".into()),
        end_time: Some("15:30".into()),
        notice_sent: Some("05.03.2026".into()),
        notice_method: Some("E-post og heimesida".into()),
    }
}

fn case(n: &str, series: u32) -> SaklisteEntry {
    SaklisteEntry {
        id: None,
        case_number: Some(n.into()),
        title: None,
        series,
        number: None,
        closed: false,
        closed_basis: None,
        added_late: false,
    }
}

/// The list as the window sends it back: stored items by id, numbers only when given.
fn back(m: &MeetingRecord) -> Vec<SaklisteEntry> {
    m.items
        .iter()
        .map(|i| SaklisteEntry {
            id: Some(i.id),
            case_number: i.case_number.map(|n| n.to_string()),
            title: Some(i.title.clone()),
            series: i.series,
            number: i.number_given.then(|| i.number_text.trim_start_matches(char::is_alphabetic).trim().to_string()),
            closed: i.closed,
            closed_basis: i.closed_basis.clone(),
            added_late: i.added_late,
        })
        .collect()
}

fn numbers(m: &MeetingRecord) -> Vec<(String, String)> {
    m.items.iter().map(|i| (i.number_text.clone(), i.title.clone())).collect()
}

fn pairs(v: &[(String, String)]) -> Vec<(&str, &str)> {
    v.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect()
}

/// Three cases 26/1–26/3 and the board.
fn setup(dir: &TempDir) -> (Store, i64) {
    let mut s = Store::open(&db(dir)).unwrap();
    for t in ["Budsjett 2027", "Reguleringsplan Gaupne sentrum", "Referat frå eldrerådet"] {
        register_one(&mut s, t);
    }
    let board = kommunestyret(&mut s);
    (s, board)
}

#[test]
fn a_sakliste_is_numbered_per_series_in_agenda_order_and_renumbered_while_planned() {
    let dir = TempDir::new().unwrap();
    let (mut s, board) = setup(&dir);
    let m = s.write(|tx| meetings::create(tx, &who(), &input(board, "12.03.2026"))).unwrap();
    assert_eq!(m.status, MeetingStatus::Planned);
    assert_eq!((m.start_time.as_deref(), m.end_time.as_deref()), (Some("10:00"), Some("15:30")));
    assert_eq!(m.series.len(), 2);

    let orientering =
        SaklisteEntry { case_number: None, title: Some("Orientering frå rådmannen".into()), ..case("", 0) };
    let list = [case("26/1", 0), case("26/3", 1), case("26/2", 0), orientering];
    let m = s.write(|tx| meetings::set_sakliste(tx, &who(), m.id, &list)).unwrap();
    let got = numbers(&m);
    assert_eq!(
        pairs(&got),
        [
            ("PS 001/26", "Budsjett 2027"),
            ("RS 001/26", "Referat frå eldrerådet"),
            ("PS 002/26", "Reguleringsplan Gaupne sentrum"),
            ("PS 003/26", "Orientering frå rådmannen"),
        ]
    );

    // Moved up the list while planned: the numbers follow the new order.
    let mut moved = back(&m);
    moved.swap(0, 2);
    let m = s.write(|tx| meetings::set_sakliste(tx, &who(), m.id, &moved)).unwrap();
    assert_eq!(m.items[0].number_text, "PS 001/26");
    assert_eq!(m.items[0].title, "Reguleringsplan Gaupne sentrum");
    assert_eq!(m.items[2].number_text, "PS 002/26");

    // A number given by hand is kept and the others go round it.
    let mut given = back(&m);
    given[2].number = Some("PS 040/26".into());
    let m = s.write(|tx| meetings::set_sakliste(tx, &who(), m.id, &given)).unwrap();
    let got = numbers(&m);
    assert_eq!(
        got.iter().map(|(n, _)| n.as_str()).collect::<Vec<_>>(),
        ["PS 041/26", "RS 001/26", "PS 040/26", "PS 042/26"]
    );
    assert!(m.items[2].number_given && !m.items[0].number_given);

    // The next meeting of the board continues each series.
    let next = s.write(|tx| meetings::create(tx, &who(), &input(board, "23.04.2026"))).unwrap();
    let next = s.write(|tx| meetings::set_sakliste(tx, &who(), next.id, &[case("26/1", 1)])).unwrap();
    assert_eq!(next.items[0].number_text, "RS 002/26");

    // Each save is one history row on the meeting; new items get their own.
    let rows: i64 = s
        .conn()
        .query_row("SELECT count(*) FROM audit_log WHERE entity = 'meeting' AND entity_id = ?1", [m.id], |r| r.get(0))
        .unwrap();
    assert_eq!(rows, 4, "create + three saves");
    let created: i64 = s
        .conn()
        .query_row("SELECT count(*) FROM audit_log WHERE entity = 'agenda_item' AND action = 'create'", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(created, 5);
}

fn item_count(s: &Store) -> i64 {
    s.conn().query_row("SELECT count(*) FROM agenda_items", [], |r| r.get(0)).unwrap()
}

#[test]
fn bad_lists_are_refused_whole_with_the_row_named() {
    let dir = TempDir::new().unwrap();
    let (mut s, board) = setup(&dir);
    let m = s.write(|tx| meetings::create(tx, &who(), &input(board, "12.03.2026"))).unwrap();
    let m = s.write(|tx| meetings::set_sakliste(tx, &who(), m.id, &[case("26/1", 0)])).unwrap();
    let before = item_count(&s);

    let fields = |e: StoreError| match e {
        StoreError::InvalidFields(f) => f.into_iter().map(|f| (f.field, f.message)).collect::<Vec<_>>(),
        other => panic!("{other}"),
    };
    let mut twice = back(&m);
    twice.push(case("26/1", 0));
    let e = fields(s.write(|tx| meetings::set_sakliste(tx, &who(), m.id, &twice)).unwrap_err());
    assert_eq!(e[0].0, "items.1.case_number");
    assert!(e[0].1.starts_with("Arkivsak 26/1 står alt på saklista"), "{}", e[0].1);

    let e = fields(s.write(|tx| meetings::set_sakliste(tx, &who(), m.id, &[case("26/99", 0)])).unwrap_err());
    assert_eq!(
        e,
        [("items.0.case_number".into(), "Arkivsak 26/99 finst ikkje i registeret. Registrer saka først.".into())]
    );

    // A number of a held meeting is taken; a planned meeting's gives way.
    let taken = SaklisteEntry { number: Some("001/26".into()), ..case("26/2", 0) };
    let other = s.write(|tx| meetings::create(tx, &who(), &input(board, "23.04.2026"))).unwrap();
    s.write(|tx| meetings::set_status(tx, &who(), m.id, MeetingStatus::Held)).unwrap();
    let e = fields(s.write(|tx| meetings::set_sakliste(tx, &who(), other.id, &[taken])).unwrap_err());
    assert_eq!(e[0].0, "items.0.number");
    assert!(e[0].1.contains("er alt brukt i denne nummerserien"), "{}", e[0].1);
    s.write(|tx| meetings::set_status(tx, &who(), m.id, MeetingStatus::Planned)).unwrap();

    let garbled = SaklisteEntry { number: Some("nr. sju".into()), ..case("26/2", 0) };
    let e = fields(s.write(|tx| meetings::set_sakliste(tx, &who(), other.id, &[garbled])).unwrap_err());
    assert_eq!(e[0].1, "«nr. sju» er ikkje eit utvalssaksnummer. Skriv til dømes 007/26.");

    let e = fields(s.write(|tx| meetings::set_sakliste(tx, &who(), other.id, &[case("26/2", 5)])).unwrap_err());
    assert_eq!(e[0], ("items.0.series".into(), "Utvalet har ingen nummerserie nummer 6.".into()));

    let foreign = SaklisteEntry { id: Some(m.items[0].id), ..case("26/1", 0) };
    let e = s.write(|tx| meetings::set_sakliste(tx, &who(), other.id, &[foreign])).unwrap_err();
    assert_eq!(e.to_string(), "Sak nummer 1 på lista høyrer ikkje til dette møtet.");
    assert_eq!(item_count(&s), before, "nothing half-saved");

    // A series with items in it cannot be taken away from the board.
    let mut settings = s.read(|tx| boards::get(tx, board)).unwrap().settings;
    let rs = SaklisteEntry { ..case("26/3", 1) };
    let mut list = back(&m);
    list.push(rs);
    s.write(|tx| meetings::set_sakliste(tx, &who(), m.id, &list)).unwrap();
    settings.series.truncate(1);
    let e = s.write(|tx| boards::update(tx, &who(), board, &settings)).unwrap_err();
    assert!(e.to_string().contains("Nummerserien RS har saker i seg og kan ikkje takast bort."), "{e}");
}

#[test]
fn once_held_the_numbers_stay_and_only_new_items_get_one() {
    let dir = TempDir::new().unwrap();
    let (mut s, board) = setup(&dir);
    let m = s.write(|tx| meetings::create(tx, &who(), &input(board, "12.03.2026"))).unwrap();
    let m = s.write(|tx| meetings::set_sakliste(tx, &who(), m.id, &[case("26/1", 0), case("26/2", 0)])).unwrap();
    let m = s.write(|tx| meetings::set_status(tx, &who(), m.id, MeetingStatus::Held)).unwrap();
    assert_eq!(m.status, MeetingStatus::Held);

    // Reordered and a tilleggssak added in the meeting: the old numbers stay.
    let mut list = back(&m);
    list.swap(0, 1);
    list.push(SaklisteEntry { added_late: true, ..case("26/3", 0) });
    let m = s.write(|tx| meetings::set_sakliste(tx, &who(), m.id, &list)).unwrap();
    let got = numbers(&m);
    assert_eq!(got.iter().map(|(n, _)| n.as_str()).collect::<Vec<_>>(), ["PS 002/26", "PS 001/26", "PS 003/26"]);
    assert!(m.items[2].added_late);

    let mut renumber = back(&m);
    renumber[0].number = Some("010/26".into());
    let e = s.write(|tx| meetings::set_sakliste(tx, &who(), m.id, &renumber)).unwrap_err();
    assert!(e.to_string().contains("Møtet er halde, så sak PS 002/26 kan ikkje få nytt nummer"), "{e}");

    // The year a held meeting's numbers belong to cannot change.
    let e = s.write(|tx| meetings::update(tx, &who(), m.id, &input(board, "12.01.2027"))).unwrap_err();
    assert!(e.to_string().contains("Datoen kan berre flyttast innanfor same år"), "{e}");

    // Back to planned, the list is numbered afresh in its order at once.
    let m = s.write(|tx| meetings::set_status(tx, &who(), m.id, MeetingStatus::Planned)).unwrap();
    let texts = |m: &MeetingRecord| m.items.iter().map(|i| i.number_text.clone()).collect::<Vec<_>>();
    assert_eq!(texts(&m), ["PS 001/26", "PS 002/26", "PS 003/26"]);
    // A number given by hand (with its prefix), then the meeting moved to
    // the next year: all are numbered in that year.
    let mut given = back(&m);
    given[1].number = Some("PS 007/26".into());
    let m = s.write(|tx| meetings::set_sakliste(tx, &who(), m.id, &given)).unwrap();
    assert_eq!(m.items[1].number_text, "PS 007/26");
    let m = s.write(|tx| meetings::update(tx, &who(), m.id, &input(board, "12.01.2027"))).unwrap();
    assert_eq!(texts(&m), ["PS 001/27", "PS 002/27", "PS 003/27"]);

    let e = s.write(|tx| meetings::set_status(tx, &who(), m.id, MeetingStatus::Approved)).unwrap_err();
    assert!(e.to_string().contains("eige steg"), "{e}");
}

#[test]
fn an_item_with_behandling_is_never_taken_off_and_the_meeting_form_is_checked() {
    let dir = TempDir::new().unwrap();
    let mut s = with_demo(&db(&dir));
    let list = s.read(|tx| meetings::list(tx)).unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!((list[0].status, list[0].items), (MeetingStatus::Held, 1));
    let m = s.read(|tx| meetings::get(tx, list[0].id)).unwrap();
    assert!(m.items[0].has_records);
    assert_eq!(m.items[0].number_text, "54/21");
    let e = s.write(|tx| meetings::set_sakliste(tx, &who(), m.id, &[])).unwrap_err();
    assert!(
        e.to_string().contains(
            "54/21 (IKT-samarbeid. Etablering av avtale med SYS-IKT) har behandling, vedtak, vedlegg eller oppmøte"
        ),
        "{e}"
    );
    let item = agenda::find_agenda_item(s.conn(), "54/21".parse().unwrap(), None).unwrap();
    assert_eq!(s.read(|tx| agenda::agenda_item(tx, item)).unwrap().1.number.seq, 54);

    let board = m.board_id;
    let bad = MeetingInput { date: "32.13.2026".into(), end_time: Some("09:00".into()), ..input(board, "") };
    let e = s.write(|tx| meetings::create(tx, &who(), &bad)).unwrap_err();
    assert!(matches!(e, StoreError::InvalidFields(ref f) if f.len() == 2), "{e}");
    let e = s.write(|tx| meetings::create(tx, &who(), &input(999, "12.03.2026"))).unwrap_err();
    assert_eq!(e.to_string(), "Vel eit utval for møtet.");
    // The board of a meeting with items stays.
    let other = kommunestyret(&mut s);
    let demo_day = MeetingInput { notice_sent: None, ..input(other, "15.04.2021") };
    let e = s.write(|tx| meetings::update(tx, &who(), m.id, &demo_day)).unwrap_err();
    assert!(e.to_string().contains("utvalet kan ikkje byttast"), "{e}");
    assert_eq!(s.read(|tx| meetings::list(tx)).unwrap().len(), 1, "nothing made by the refused writes");
}

#[test]
fn planned_meetings_keep_their_numbers_in_date_order_whichever_is_saved() {
    let dir = TempDir::new().unwrap();
    let (mut s, board) = setup(&dir);
    register_one(&mut s, "Trafikktryggleiksplan");
    let march = s.write(|tx| meetings::create(tx, &who(), &input(board, "12.03.2026"))).unwrap();
    let april = s.write(|tx| meetings::create(tx, &who(), &input(board, "23.04.2026"))).unwrap();
    let april =
        s.write(|tx| meetings::set_sakliste(tx, &who(), april.id, &[case("26/3", 0), case("26/4", 0)])).unwrap();
    assert_eq!(april.items.iter().map(|i| i.number_text.as_str()).collect::<Vec<_>>(), ["PS 001/26", "PS 002/26"]);
    // March is planned later but meets first: its cases come first, April gives way.
    let march =
        s.write(|tx| meetings::set_sakliste(tx, &who(), march.id, &[case("26/1", 0), case("26/2", 0)])).unwrap();
    assert_eq!(march.items.iter().map(|i| i.number_text.as_str()).collect::<Vec<_>>(), ["PS 001/26", "PS 002/26"]);
    let april = s.read(|tx| meetings::get(tx, april.id)).unwrap();
    assert_eq!(april.items.iter().map(|i| i.number_text.as_str()).collect::<Vec<_>>(), ["PS 003/26", "PS 004/26"]);
    // Saving March again (a box ticked) moves nothing.
    let mut ticked = back(&march);
    ticked[1].closed = true;
    let march = s.write(|tx| meetings::set_sakliste(tx, &who(), march.id, &ticked)).unwrap();
    assert_eq!(march.items[1].number_text, "PS 002/26");
    let again = s.read(|tx| meetings::get(tx, april.id)).unwrap();
    assert_eq!(again, april, "April untouched");
    // April's history says its numbers moved when March took 1 and 2.
    let moved: i64 = s
        .conn()
        .query_row("SELECT count(*) FROM audit_log WHERE entity = 'meeting' AND entity_id = ?1", [april.id], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(moved, 3, "create, its own save, and giving way");

    // An item cannot change its arkivsak.
    let mut swapped = back(&march);
    swapped[0].case_number = Some("26/4".into());
    let e = s.write(|tx| meetings::set_sakliste(tx, &who(), march.id, &swapped)).unwrap_err();
    assert!(e.to_string().contains("kan ikkje byta arkivsak"), "{e}");
}
