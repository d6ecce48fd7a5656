import { describe, expect, it } from "vitest";
import type { Attendee } from "./bindings/Attendee";
import type { RollInput } from "./bindings/RollInput";
import type { Seat } from "./bindings/Seat";
import { member } from "../test/meetings";
import { arrivalNames, arrive, disqualify, happeningsAt, inputOf, leave, PresenceError, presentNames } from "./presence";

const seats: Seat[] = [
  { name: "Anne Lid", party: "Sp", role: "chair" },
  { name: "Per Bakken", party: "Ap", role: "member" },
  { name: "Siri Dale", party: "H", role: "member" },
];


const roll = (attendees: Attendee[], apologies: string[] = []): RollInput => ({
  attendance: { seats: [], attendees, apologies, disqualified: [], head_count: null },
  chair: "Anne Lid",
  chair_elected: false,
  signatories: [],
  signatories_item: null,
});

const reason = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return e instanceof PresenceError ? `${e.reason} ${e.who}`.trim() : String(e);
  }
  return "no error";
};

describe("presence in the meeting mode", () => {
  it("puts a member who comes late on the roll from the item on, with party and time, no longer among the forfall", () => {
    const before = roll([member("Anne Lid", "Sp"), member("Per Bakken", "Ap")], ["Siri Dale"]);
    expect(arrivalNames(before, seats, 1)).toEqual(["Siri Dale"]);
    const after = arrive(before, seats, " Siri Dale ", 1, "10:15");
    expect(after.attendance.attendees[2]).toEqual(member("Siri Dale", "H", { from_item: 1, arrived_at: "10:15" }));
    expect(after.attendance.apologies).toEqual([]);
    expect(presentNames(after, 0)).toEqual(["Anne Lid", "Per Bakken"]);
    expect(presentNames(after, 1)).toEqual(["Anne Lid", "Per Bakken", "Siri Dale"]);
    expect(happeningsAt(after, 1)).toEqual([{ kind: "arrived", name: "Siri Dale", time: "10:15" }]);
    // The roll given in is not changed: a refused save leaves nothing half-done.
    expect(before.attendance.attendees).toHaveLength(2);
  });

  it("puts someone who is not a member on as a varamedlem unless told otherwise", () => {
    const after = arrive(roll([member("Anne Lid", "Sp")]), seats, "Liv Hauge", 2, "");
    expect(after.attendance.attendees[1]).toMatchObject({ name: "Liv Hauge", party: null, capacity: { kind: "substitute", replaces: null }, from_item: 2, arrived_at: null });
    const guest = arrive(roll([]), seats, "Kari Revisor", 0, "09:00", { kind: "other", title: "revisor" });
    expect(guest.attendance.attendees[0]?.capacity).toEqual({ kind: "other", title: "revisor" });
  });

  it("takes someone who left and comes back as away for the items in between", () => {
    const left = leave(roll([member("Anne Lid", "Sp"), member("Per Bakken", "Ap")]), "Per Bakken", 1, "11:00", true);
    expect(left.attendance.attendees[1]).toMatchObject({ to_item: 0, left_at: "11:00" });
    expect(happeningsAt(left, 1)).toEqual([{ kind: "left", name: "Per Bakken", time: "11:00", before: true }]);
    const back = arrive(left, seats, "Per Bakken", 3, "12:30");
    // The roll keeps one time each way: both times go into the note printed beside the name.
    expect(back.attendance.attendees[1]).toMatchObject({ to_item: null, left_at: null, away_items: [1, 2], note: "gjekk kl. 11.00, kom att kl. 12.30" });
    expect(presentNames(back, 2)).toEqual(["Anne Lid"]);
    expect(presentNames(back, 3)).toEqual(["Anne Lid", "Per Bakken"]);
    expect(happeningsAt(back, 3)).toEqual([{ kind: "arrived", name: "Per Bakken", time: "" }]);
  });

  it("lets a departure after the item keep the vote in it", () => {
    const after = leave(roll([member("Anne Lid", "Sp"), member("Per Bakken", "Ap")]), "Per Bakken", 1, "11.05", false);
    expect(presentNames(after, 1)).toContain("Per Bakken");
    expect(presentNames(after, 2)).not.toContain("Per Bakken");
    expect(happeningsAt(after, 1)).toEqual([{ kind: "left", name: "Per Bakken", time: "11.05", before: false }]);
  });

  it("refuses what cannot be: someone already there, someone not there, leaving before coming, a head count", () => {
    const r = roll([member("Anne Lid", "Sp"), member("Per Bakken", "Ap", { from_item: 2 })]);
    expect(reason(() => arrive(r, seats, "Anne Lid", 1, ""))).toBe("present Anne Lid");
    expect(reason(() => arrive(r, seats, "  ", 1, ""))).toBe("nobody");
    expect(reason(() => leave(r, "Per Bakken", 1, "", true))).toBe("absent Per Bakken");
    expect(reason(() => leave(r, "Per Bakken", 2, "", true))).toBe("beforeStart Per Bakken");
    expect(reason(() => leave(r, "Anne Lid", 0, "", true))).toBe("beforeStart Anne Lid");
    const counted = { ...r, attendance: { ...r.attendance, attendees: [], head_count: 7 } };
    expect(reason(() => arrive(counted, seats, "Anne Lid", 1, ""))).toBe("countOnly");
    expect(reason(() => disqualify(r, "Anne Lid", 1, " ", ""))).toBe("noBasis Anne Lid");
  });

  it("records a member ugild in the item with the basis and the varamedlem, once per item", () => {
    const r = roll([member("Anne Lid", "Sp"), member("Per Bakken", "Ap")]);
    const once = disqualify(r, "Per Bakken", 2, "fvl. § 6 første ledd bokstav b", "Liv Hauge");
    const twice = disqualify(once, "Per Bakken", 2, "fvl. § 6 andre ledd", "");
    expect(twice.attendance.disqualified).toEqual([{ member: "Per Bakken", item: 2, basis: "fvl. § 6 andre ledd", substitute: null }]);
    expect(happeningsAt(once, 2)).toEqual([{ kind: "ugild", name: "Per Bakken", basis: "fvl. § 6 første ledd bokstav b", substitute: "Liv Hauge" }]);
    expect(happeningsAt(once, 1)).toEqual([]);
    // A varamedlem on the roll for that item only is told with the ugild line, not as coming and going.
    const sitting = { ...once, attendance: { ...once.attendance, attendees: [...once.attendance.attendees, { ...member("Liv Hauge", "Sp"), from_item: 2, to_item: 2 }] } };
    expect(happeningsAt(sitting, 2).map((h) => h.kind)).toEqual(["ugild"]);
  });

  it("sends the roll back with times as HH:MM and no seats", () => {
    const input = roll([member("Anne Lid", "Sp", { arrived_at: "10:15:00", left_at: "12:00:00" })]);
    input.attendance.seats = seats;
    const sent = inputOf({ input, seats, seats_known: true, items: [] });
    expect(sent.attendance.attendees[0]).toMatchObject({ arrived_at: "10:15", left_at: "12:00" });
    expect(sent.attendance.seats).toEqual([]);
  });
});
