//! The roll of a meeting as the window edits it: the attendance (decided per
//! agenda item, see [`crate::attendance`]) with who chaired and who signs,
//! and what Saksbok works out from it for each item.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::attendance::{Attendance, Capacity, ItemAttendance, Seat};
use crate::case::FieldError;

/// Who was at a meeting, as saved from the window. Items are positions in
/// the sakliste (0 = the first).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
pub struct RollInput {
    /// The attendance; its `seats` are ignored (they come from the board).
    pub attendance: Attendance,
    /// The møteleiar, one of the attendees.
    pub chair: Option<String>,
    /// The chair was a stand-in elected at the meeting.
    pub chair_elected: bool,
    /// Those named to sign the protocol.
    pub signatories: Vec<String>,
    /// The item in which the signatories were elected; none: named for the meeting.
    pub signatories_item: Option<u32>,
}

/// The roll with what follows from it: the board's seats on the meeting's
/// date, and who could vote on each item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Roll {
    pub input: RollInput,
    /// The board's seats in the meeting's term; when no members are
    /// registered for it, the members recorded at the meeting.
    pub seats: Vec<Seat>,
    /// The seats come from the board's members (not from the roll itself).
    pub seats_known: bool,
    /// One per item of the sakliste, in its order.
    pub items: Vec<ItemAttendance>,
}

/// Problems with the chair and the signatories.
pub fn check_roles(r: &RollInput, items: u32, errors: &mut Vec<FieldError>) {
    let can_act = |name: &str| {
        r.attendance
            .attendees
            .iter()
            .any(|a| a.name == name && matches!(a.capacity, Capacity::Member | Capacity::Substitute { .. }))
    };
    if let Some(chair) = &r.chair
        && !can_act(chair)
    {
        errors.push(FieldError::new(
            "chair",
            format!(
                "Møteleiaren «{chair}» er ikkje ført som møtt medlem eller varamedlem. Før han eller ho som møtt først."
            ),
        ));
    }
    for (i, name) in r.signatories.iter().enumerate() {
        if !can_act(name) {
            errors.push(FieldError::new(
                &format!("signatories.{i}"),
                format!("«{name}» skal skriva under, men er ikkje ført som møtt medlem eller varamedlem."),
            ));
        }
        if r.signatories[..i].contains(name) {
            errors.push(FieldError::new(
                &format!("signatories.{i}"),
                format!("«{name}» står to gonger blant dei som skriv under."),
            ));
        }
    }
    if let Some(item) = r.signatories_item
        && item >= items
    {
        errors.push(FieldError::new(
            "signatories_item",
            crate::attendance::no_such_item(item as usize + 1, items as usize),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::attendance::Attendee;

    fn attendee(name: &str, capacity: Capacity) -> Attendee {
        Attendee::present(name, None, capacity)
    }

    #[test]
    fn times_come_from_the_window_with_or_without_seconds() {
        let a: Attendee = serde_json::from_value(serde_json::json!({
            "name": "Per", "party": null, "capacity": {"kind": "member"}, "from_item": 1, "to_item": null,
            "arrived_at": "10:15", "left_at": "14:30:00", "away_items": []
        }))
        .unwrap();
        assert_eq!(a.arrived_at, chrono::NaiveTime::from_hms_opt(10, 15, 0));
        assert_eq!(a.left_at, chrono::NaiveTime::from_hms_opt(14, 30, 0));
    }

    #[test]
    fn the_chair_and_signatories_must_be_members_or_substitutes_present() {
        let mut r = RollInput::default();
        r.attendance.attendees = vec![
            attendee("Kari", Capacity::Member),
            attendee("Per", Capacity::Substitute { replaces: None }),
            attendee("Rådmannen", Capacity::Other { title: None }),
        ];
        r.chair = Some("Kari".into());
        r.signatories = vec!["Per".into(), "Kari".into()];
        r.signatories_item = Some(0);
        let mut errors = Vec::new();
        check_roles(&r, 3, &mut errors);
        assert!(errors.is_empty(), "{errors:?}");

        r.chair = Some("Rådmannen".into());
        r.signatories = vec!["Ola".into(), "Per".into(), "Per".into()];
        r.signatories_item = Some(3);
        check_roles(&r, 3, &mut errors);
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["chair", "signatories.0", "signatories.2", "signatories_item"]);
        assert_eq!(
            errors[0].message,
            "Møteleiaren «Rådmannen» er ikkje ført som møtt medlem eller varamedlem. Før han eller ho som møtt først."
        );
        assert_eq!(
            errors[3].message,
            "Sak nummer 4 i lista finst ikkje (saklista har 3 saker). Vel ei sak som står på saklista."
        );
    }
}
