//! The roll of a meeting on real files: saved whole, read back with who
//! could vote on each item, and refused whole when it contradicts itself.

use chrono::NaiveTime;
use saksbok_core::attendance::{Attendee, Capacity, Disqualification, Role};
use saksbok_core::board::{Membership, TermMember};
use saksbok_core::meeting::{MeetingInput, SaklisteEntry};
use saksbok_core::roll::RollInput;
use tempfile::TempDir;

use super::{db, register_one, who};
use crate::{Store, StoreError, attendance, boards, meetings};

fn person(name: &str, party: &str, capacity: Capacity) -> Attendee {
    Attendee::present(name, Some(party).filter(|p| !p.is_empty()), capacity)
}

/// A meeting of two items: Kari chairs; Per comes late (for item 2, kl.
/// 10:15); Siri is away; her varamedlem Ola came; Kari is ugild in item 1
/// and Ola's fellow varamedlem Liv takes her seat there alone; the
/// kommunedirektør is there from the administration (for "del av sak 2",
/// in the clerk's words); Per signs, elected in item 1.
pub(super) fn roll() -> RollInput {
    let mut r = RollInput::default();
    let a = &mut r.attendance;
    a.attendees = vec![
        person("Kari Nordheim", "Sp", Capacity::Member),
        Attendee {
            from_item: Some(1),
            arrived_at: NaiveTime::from_hms_opt(10, 15, 0),
            ..person("Per Bakken", "Ap", Capacity::Member)
        },
        person("Ola Vik", "H", Capacity::Substitute { replaces: Some("Siri Dale".into()) }),
        Attendee {
            from_item: Some(0),
            to_item: Some(0),
            ..person("Liv Hauge", "Sp", Capacity::Substitute { replaces: None })
        },
        Attendee {
            party: None,
            note: Some("del av sak 2".into()),
            ..person("Tone Berg", "", Capacity::Administration { title: Some("kommunedirektør".into()) })
        },
    ];
    a.apologies = vec!["Siri Dale".into()];
    a.disqualified = vec![Disqualification {
        member: "Kari Nordheim".into(),
        item: 0,
        basis: "fvl. § 6 første ledd bokstav a".into(),
        substitute: Some("Liv Hauge".into()),
    }];
    r.chair = Some("Kari Nordheim".into());
    r.signatories = vec!["Per Bakken".into()];
    r.signatories_item = Some(0);
    r
}

/// A planned meeting of the demo-less register with two cases on its list.
pub(super) fn meeting(s: &mut Store) -> i64 {
    register_one(s, "Budsjett 2027");
    register_one(s, "Skulebruksplan");
    let board = s.read(|tx| boards::list(tx)).unwrap().first().map(|b| b.id);
    let board = board.unwrap_or_else(|| {
        let settings = saksbok_core::board::BoardSettings {
            name: "Formannskapet".into(),
            code: None,
            series: vec![saksbok_core::board::NumberSeries { prefix: None, label: None }],
            number_format: saksbok_core::board::NumberFormat::SeqYear,
            default_place: None,
            language: saksbok_core::board::TextLanguage::Nn,
            distribution: vec![],
        };
        s.write(|tx| boards::create(tx, &who(), &settings)).unwrap().id
    });
    let input = MeetingInput {
        board_id: board,
        date: "12.03.2026".into(),
        place: None,
        start_time: None,
        end_time: None,
        notice_sent: None,
        notice_method: None,
    };
    let m = s.write(|tx| meetings::create(tx, &who(), &input)).unwrap();
    let entry = |n: &str| SaklisteEntry::case(n);
    s.write(|tx| meetings::set_sakliste(tx, &who(), m.id, &[entry("26/1"), entry("26/2")])).unwrap();
    m.id
}

#[test]
fn a_roll_is_saved_whole_and_read_back_with_the_voters_of_each_item() {
    let dir = TempDir::new().unwrap();
    let mut s = Store::open(&db(&dir)).unwrap();
    let m = meeting(&mut s);
    let saved = s.write(|tx| attendance::set(tx, &who(), m, &roll())).unwrap();
    assert_eq!(saved.input, roll());
    assert_eq!(s.read(|tx| attendance::get(tx, m)).unwrap(), saved);
    // No members registered: the seats are the members recorded at the meeting.
    assert!(!saved.seats_known);
    let seats: Vec<&str> = saved.seats.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(seats, ["Kari Nordheim", "Per Bakken", "Siri Dale"]);
    // Item 1: Kari ugild (Liv in her seat), Per not yet come, Ola for Siri.
    assert_eq!(saved.items[0].voters, ["Ola Vik", "Liv Hauge"]);
    assert!(saved.items[0].quorate);
    // Item 2: Kari back, Per came, Liv gone.
    assert_eq!(saved.items[1].voters, ["Kari Nordheim", "Per Bakken", "Ola Vik"]);

    // Saving the same roll again writes nothing.
    let rows = |s: &Store| -> i64 { s.conn().query_row("SELECT count(*) FROM audit_log", [], |r| r.get(0)).unwrap() };
    let before = rows(&s);
    s.write(|tx| attendance::set(tx, &who(), m, &roll())).unwrap();
    assert_eq!(rows(&s), before);

    // An item the roll refers to stays on the sakliste.
    let list = s.read(|tx| meetings::get(tx, m)).unwrap();
    assert!(list.items.iter().all(|i| i.has_records));
    let e = s.write(|tx| meetings::set_sakliste(tx, &who(), m, &[])).unwrap_err();
    assert!(e.to_string().contains("har behandling, vedtak, vedlegg eller oppmøte ført"), "{e}");
}

fn messages(e: StoreError) -> Vec<String> {
    match e {
        StoreError::InvalidFields(f) => f.into_iter().map(|f| f.message).collect(),
        other => panic!("{other}"),
    }
}

#[test]
fn a_roll_that_contradicts_itself_is_refused_whole_and_says_how_to_fix_it() {
    let dir = TempDir::new().unwrap();
    let mut s = Store::open(&db(&dir)).unwrap();
    let m = meeting(&mut s);
    let saved = s.write(|tx| attendance::set(tx, &who(), m, &roll())).unwrap();

    let mut both = roll();
    both.attendance.apologies.push("Per Bakken".into());
    let e = messages(s.write(|tx| attendance::set(tx, &who(), m, &both)).unwrap_err());
    assert!(e.contains(&"Per Bakken er ført både som møtt og med forfall. Fjern det eine.".to_string()), "{e:?}");

    let mut present = roll();
    present.attendance.attendees[2].capacity = Capacity::Substitute { replaces: Some("Kari Nordheim".into()) };
    let e = messages(s.write(|tx| attendance::set(tx, &who(), m, &present)).unwrap_err());
    assert!(
        e.iter().any(|m| m.starts_with("Ola Vik er ført som vara for Kari Nordheim, men Kari Nordheim var til stades")),
        "{e:?}"
    );

    let mut backwards = roll();
    backwards.attendance.attendees[1].left_at = NaiveTime::from_hms_opt(9, 0, 0);
    let e = messages(s.write(|tx| attendance::set(tx, &who(), m, &backwards)).unwrap_err());
    assert_eq!(e, ["Per Bakken går før han eller ho kjem: sjå over frå- og til-sak og klokkesletta."]);

    let mut stranger = roll();
    stranger.attendance.disqualified[0].substitute = Some("Nils Ukjend".into());
    let e = messages(s.write(|tx| attendance::set(tx, &who(), m, &stranger)).unwrap_err());
    assert!(
        e.iter()
            .any(|m| m
                .contains("Nils Ukjend tek plassen til Kari Nordheim i sak 1, men er ikkje ført som møtt varamedlem")),
        "{e:?}"
    );

    let mut missing = roll();
    missing.attendance.apologies.clear();
    let e = messages(s.write(|tx| attendance::set(tx, &who(), m, &missing)).unwrap_err());
    assert!(e.iter().any(|m| m.contains("men Siri Dale er verken ført som møtt eller med forfall")), "{e:?}");

    let mut chair = roll();
    chair.chair = Some("Tone Berg".into());
    let e = messages(s.write(|tx| attendance::set(tx, &who(), m, &chair)).unwrap_err());
    assert!(e[0].starts_with("Møteleiaren «Tone Berg» er ikkje ført som møtt medlem"), "{e:?}");

    assert_eq!(s.read(|tx| attendance::get(tx, m)).unwrap(), saved, "the roll as it was");
}

#[test]
fn with_members_registered_the_seats_are_the_boards_and_strangers_are_named() {
    let dir = TempDir::new().unwrap();
    let mut s = Store::open(&db(&dir)).unwrap();
    let m = meeting(&mut s);
    let board = s.read(|tx| meetings::get(tx, m)).unwrap().board_id;
    let seat = |name: &str, party: &str| TermMember {
        name: name.into(),
        party: Some(party.into()),
        membership: Membership::Seat { role: Role::Member },
        term_from: None,
        term_to: None,
    };
    let vara = |name: &str, order: u32| TermMember { membership: Membership::Substitute { order }, ..seat(name, "Sp") };
    let members = [
        seat("Kari Nordheim", "Sp"),
        seat("Per Bakken", "Ap"),
        seat("Siri Dale", "H"),
        seat("Anne Lid", "Sp"),
        seat("Jon Moe", "Ap"),
        vara("Ola Vik", 1),
        vara("Liv Hauge", 2),
    ];
    s.write(|tx| boards::set_members(tx, &who(), board, &members)).unwrap();
    let saved = s.write(|tx| attendance::set(tx, &who(), m, &roll())).unwrap();
    assert!(saved.seats_known);
    assert_eq!(saved.seats.len(), 5);
    // Item 1: two of five seats filled by people who could vote: not quorate.
    assert_eq!((saved.items[0].eligible, saved.items[0].quorate), (2, false));
    assert_eq!((saved.items[1].eligible, saved.items[1].quorate), (3, true));
    // Members are linked to the board's persons.
    let linked: i64 = s
        .conn()
        .query_row("SELECT count(*) FROM meeting_attendance WHERE person_id IS NOT NULL", [], |r| r.get(0))
        .unwrap();
    assert_eq!(linked, 5, "all but the kommunedirektør");

    let mut stranger = roll();
    stranger.attendance.attendees.push(person("Nils Ukjend", "V", Capacity::Member));
    let e = messages(s.write(|tx| attendance::set(tx, &who(), m, &stranger)).unwrap_err());
    assert!(
        e.contains(
            &"«Nils Ukjend» er ikkje medlem av utvalet i denne perioden. Legg medlemen til, eller rett namnet."
                .to_string()
        ),
        "{e:?}"
    );
}

#[test]
fn without_members_registered_a_faithful_roll_is_never_refused_for_seats() {
    let dir = TempDir::new().unwrap();
    let mut s = Store::open(&db(&dir)).unwrap();
    let m = meeting(&mut s);
    // Five members and a varamedlem whose "møtt for" the protocol does not give.
    let mut r = RollInput::default();
    r.attendance.attendees = ["A", "B", "C", "D", "E"].iter().map(|n| person(n, "Sp", Capacity::Member)).collect();
    r.attendance.attendees.push(person("V", "Sp", Capacity::Substitute { replaces: None }));
    let saved = s.write(|tx| attendance::set(tx, &who(), m, &r)).unwrap();
    assert!(!saved.seats_known);
    assert_eq!(saved.items[0].eligible, 6);
    // Only a head count: saved, and the item's record warns of nothing it cannot know.
    let counted = RollInput {
        attendance: saksbok_core::attendance::Attendance { head_count: Some(9), ..Default::default() },
        ..RollInput::default()
    };
    let saved = s.write(|tx| attendance::set(tx, &who(), m, &counted)).unwrap();
    assert_eq!(saved.items[0].eligible, 9);
    let item = s.read(|tx| meetings::get(tx, m)).unwrap().items[0].id;
    let view = s.read(|tx| crate::behandling::get_item(tx, item)).unwrap();
    assert_eq!(view.eligible, Some(9));
    assert!(view.warnings.is_empty(), "{:?}", view.warnings);
}

#[test]
fn a_problem_about_one_person_is_put_on_their_line() {
    let dir = TempDir::new().unwrap();
    let mut s = Store::open(&db(&dir)).unwrap();
    let m = meeting(&mut s);
    let mut both = roll();
    both.attendance.apologies.push("Per Bakken".into());
    let e = s.write(|tx| attendance::set(tx, &who(), m, &both)).unwrap_err();
    let StoreError::InvalidFields(fields) = e else { panic!("{e}") };
    assert_eq!(fields[0].field, "attendees.1.name", "{fields:?}");
    let mut twice = roll();
    twice.attendance.apologies.push("Siri Dale".into());
    let e = s.write(|tx| attendance::set(tx, &who(), m, &twice)).unwrap_err();
    let StoreError::InvalidFields(fields) = e else { panic!("{e}") };
    assert_eq!(
        (fields[0].field.as_str(), fields[0].message.as_str()),
        ("apologies", "Siri Dale står to gonger med forfall. Ta bort den eine linja.")
    );
}
