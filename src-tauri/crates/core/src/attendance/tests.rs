//! The attendance rules on small meetings, one rule at a time, and as a
//! property over generated meetings.

use chrono::NaiveTime;
use proptest::prelude::*;

use super::*;

fn seats(names: &[&str]) -> Vec<Seat> {
    names.iter().map(|n| Seat { name: (*n).into(), party: Some("Sp".into()), role: Role::Member }).collect()
}

fn member(name: &str) -> Attendee {
    Attendee::present(name, Some("Sp"), Capacity::Member)
}

fn substitute(name: &str, replaces: Option<&str>) -> Attendee {
    Attendee { capacity: Capacity::Substitute { replaces: replaces.map(Into::into) }, ..member(name) }
}

fn ugild(member: &str, item: u32, substitute: Option<&str>) -> Disqualification {
    Disqualification {
        member: member.into(),
        item,
        basis: "fvl. § 6 første ledd bokstav a".into(),
        substitute: substitute.map(Into::into),
    }
}

/// Formannskapet: seven seats, all came but G, whose varamedlem V came.
fn formannskapet() -> Attendance {
    let mut a = Attendance { seats: seats(&["A", "B", "C", "D", "E", "F", "G"]), ..Attendance::default() };
    a.attendees = ["A", "B", "C", "D", "E", "F"].iter().map(|n| member(n)).collect();
    a.attendees.push(substitute("V", Some("G")));
    a.apologies = vec!["G".into()];
    a.attendees.push(Attendee {
        capacity: Capacity::Other { title: Some("kommunedirektør".into()) },
        party: None,
        ..member("Kommunedirektøren")
    });
    a
}

#[test]
fn a_varamedlem_takes_the_seat_and_the_administration_never_votes() {
    let a = formannskapet();
    assert!(a.check(3).is_empty(), "{:?}", a.check(3));
    let item = a.for_item(0);
    assert_eq!(item.eligible, 7);
    assert!(item.voters.contains(&"V".to_string()));
    assert!(!item.voters.contains(&"Kommunedirektøren".to_string()));
    assert!(item.quorate);
}

#[test]
fn a_late_arrival_and_an_early_departure_count_only_for_their_items() {
    let mut a = formannskapet();
    let b = a.attendees.iter_mut().find(|x| x.name == "B").unwrap();
    b.from_item = Some(1);
    b.arrived_at = NaiveTime::from_hms_opt(10, 15, 0);
    let c = a.attendees.iter_mut().find(|x| x.name == "C").unwrap();
    c.to_item = Some(1);
    c.away_items = vec![0];
    assert!(a.check(3).is_empty(), "{:?}", a.check(3));
    assert_eq!([a.for_item(0).eligible, a.for_item(1).eligible, a.for_item(2).eligible], [5, 7, 6]);
    assert!(!a.for_item(0).voters.contains(&"B".to_string()));
}

#[test]
fn an_ugild_member_leaves_one_item_and_a_named_varamedlem_sits_for_that_item_alone() {
    let mut a = formannskapet();
    a.disqualified = vec![ugild("A", 1, Some("W"))];
    assert!(a.check(3).is_empty(), "{:?}", a.check(3));
    let item = a.for_item(1);
    assert!(!item.voters.contains(&"A".to_string()));
    assert!(item.voters.contains(&"W".to_string()));
    assert_eq!(item.eligible, 7);
    assert!(!a.for_item(0).voters.contains(&"W".to_string()), "W sits for item 2 only");
    assert!(a.for_item(2).voters.contains(&"A".to_string()), "A is back for item 3");
}

#[test]
fn one_varamedlem_may_stand_in_for_different_members_in_different_items() {
    let mut a = formannskapet();
    a.disqualified = vec![ugild("A", 0, Some("W")), ugild("B", 2, Some("W"))];
    assert!(a.check(3).is_empty(), "{:?}", a.check(3));
    assert!(a.for_item(0).voters.contains(&"W".to_string()) && a.for_item(2).voters.contains(&"W".to_string()));
    // …but not for two members in one item.
    a.disqualified.push(ugild("C", 0, Some("W")));
    assert!(a.check(3).contains(&AttendanceProblem::OneSubstituteTwoSeats { substitute: "W".into(), item: 1 }));
}

#[test]
fn quorum_is_decided_per_item() {
    let mut a = Attendance { seats: seats(&["A", "B", "C", "D", "E", "F", "G"]), ..Attendance::default() };
    a.attendees = ["A", "B", "C", "D"].iter().map(|n| member(n)).collect();
    a.apologies = vec!["E".into(), "F".into(), "G".into()];
    a.disqualified = vec![ugild("D", 1, None)];
    assert!(a.check(2).is_empty(), "{:?}", a.check(2));
    assert!(a.for_item(0).quorate, "4 of 7");
    assert!(!a.for_item(1).quorate, "3 of 7 when D is ugild");
}

#[test]
fn a_head_count_alone_still_gives_the_voters_per_item() {
    let a = Attendance {
        seats: seats(&["A", "B", "C", "D", "E", "F", "G", "H", "I", "J", "K"]),
        head_count: Some(9),
        disqualified: vec![ugild("A", 0, None), ugild("B", 1, Some("W"))],
        ..Attendance::default()
    };
    assert_eq!([a.for_item(0).eligible, a.for_item(1).eligible, a.for_item(2).eligible], [8, 9, 9]);
    assert!(a.for_item(0).voters.is_empty(), "no names are invented");
}

#[test]
fn contradictions_are_named_with_how_to_fix_them() {
    let mut a = formannskapet();
    a.apologies.push("A".into());
    a.attendees.push(substitute("U", Some("B")));
    a.attendees.push(Attendee { from_item: Some(2), to_item: Some(1), ..substitute("T", None) });
    a.attendees.push(Attendee {
        arrived_at: NaiveTime::from_hms_opt(11, 0, 0),
        left_at: NaiveTime::from_hms_opt(10, 0, 0),
        ..substitute("S", None)
    });
    a.attendees.push(member("Ola Utanfor"));
    a.attendees.push(Attendee { away_items: vec![7], ..substitute("R", None) });
    a.disqualified = vec![Disqualification { basis: " ".into(), ..ugild("C", 1, Some("D")) }];
    let p = a.check(3);
    let has = |x: AttendanceProblem| assert!(p.contains(&x), "missing {x:?} in {p:?}");
    has(AttendanceProblem::PresentAndAbsent("A".into()));
    has(AttendanceProblem::SubstituteForPresentMember { substitute: "U".into(), member: "B".into(), item: 1 });
    has(AttendanceProblem::LeavesBeforeArriving("T".into()));
    has(AttendanceProblem::LeavesBeforeArriving("S".into()));
    has(AttendanceProblem::NotAMember("Ola Utanfor".into()));
    has(AttendanceProblem::NoSuchItem { item: 8, items: 3 });
    has(AttendanceProblem::UgildWithoutBasis("C".into()));
    has(AttendanceProblem::MemberAsSubstitute("D".into()));
    assert_eq!(
        AttendanceProblem::SubstituteForPresentMember { substitute: "U".into(), member: "B".into(), item: 1 }
            .to_string(),
        "U er ført som vara for B, men B var til stades i sak 1. Fjern «møtt for», eller rett oppmøtet."
    );
}

#[test]
fn more_voters_than_seats_is_refused() {
    let mut a = formannskapet();
    a.attendees.push(substitute("X", None));
    assert!(a.check(1).contains(&AttendanceProblem::MoreVotersThanSeats { item: 1, eligible: 8, seats: 7 }));
}

/// A generated meeting: `n` seats, each member present for a span or absent,
/// some ugild with or without a stand-in.
fn meeting() -> impl Strategy<Value = (Attendance, u32)> {
    (1u32..12, 1u32..6)
        .prop_flat_map(|(n, items)| {
            let spans = prop::collection::vec(prop::option::of((0..items, 0..items)), n as usize);
            let ugilde = prop::collection::vec((0..n, 0..items, any::<bool>()), 0..4);
            (Just(n), Just(items), spans, ugilde)
        })
        .prop_map(|(n, items, spans, ugilde)| {
            let names: Vec<String> = (0..n).map(|i| format!("M{i}")).collect();
            let mut a = Attendance {
                seats: names.iter().map(|m| Seat { name: m.clone(), party: None, role: Role::Member }).collect(),
                ..Attendance::default()
            };
            for (name, span) in names.iter().zip(spans) {
                match span {
                    Some((x, y)) => a.attendees.push(Attendee {
                        from_item: Some(x.min(y)),
                        to_item: Some(x.max(y)),
                        ..member(name)
                    }),
                    None => a.apologies.push(name.clone()),
                }
            }
            for (k, (who, item, stand_in)) in ugilde.into_iter().enumerate() {
                let m = &names[who as usize];
                if !a.disqualified.iter().any(|d| d.member == *m && d.item == item) {
                    a.disqualified.push(ugild(m, item, stand_in.then(|| format!("V{k}")).as_deref()));
                }
            }
            (a, items)
        })
}

proptest! {
    #[test]
    fn voters_are_unique_never_ugild_and_never_more_than_the_seats((a, items) in meeting()) {
        prop_assert!(a.check(items).is_empty(), "{:?}", a.check(items));
        for item in 0..items {
            let got = a.for_item(item);
            let mut unique = got.voters.clone();
            unique.sort();
            unique.dedup();
            prop_assert_eq!(unique.len(), got.voters.len());
            prop_assert!(got.eligible <= got.seats);
            for d in a.disqualified.iter().filter(|d| d.item == item) {
                prop_assert!(!got.voters.contains(&d.member));
            }
            prop_assert_eq!(got.quorate, got.eligible * 2 >= got.seats);
        }
    }
}

#[test]
fn a_varamedlem_may_be_ugild_and_forfall_twice_is_named() {
    let mut a = formannskapet();
    // V, in G's seat, is ugild in item 0 and W takes the seat there.
    a.attendees.push(substitute("W", None));
    a.attendees.last_mut().unwrap().from_item = Some(0);
    a.attendees.last_mut().unwrap().to_item = Some(0);
    a.disqualified.push(ugild("V", 0, Some("W")));
    assert!(a.check(2).is_empty(), "{:?}", a.check(2));
    let voters = a.for_item(0).voters;
    assert!(!voters.contains(&"V".to_string()) && voters.contains(&"W".to_string()), "{voters:?}");
    assert!(a.for_item(1).voters.contains(&"V".to_string()));
    a.apologies.push("G".into());
    let p = a.check(2);
    assert_eq!(p, [AttendanceProblem::ApologyTwice("G".into())]);
    assert_eq!(p[0].person(), Some("G"));
    assert_eq!(p[0].to_string(), "G står to gonger med forfall. Ta bort den eine linja.");
}
