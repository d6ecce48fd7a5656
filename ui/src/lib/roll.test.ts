import { describe, expect, it } from "vitest";
import { formannskapetFull, rollMeeting } from "../test/meetings";
import type { Roll } from "./api";
import {
  boardPeople,
  emptyFields,
  fieldsOf,
  hhmm,
  likelyReplaces,
  newPerson,
  newUgild,
  openSeats,
  parseRollDraft,
  parseTime,
  placeStandIn,
  problemsOf,
  renamed,
  rollDraftOf,
  rollInputOf,
  sameFields,
} from "./roll";

const say = {
  timeInvalid: (text: string) => `tid ${text}`,
  headCountInvalid: "tal",
  ugildItemMissing: "sak",
  itemGone: "borte",
};

const items = rollMeeting.items;
const seats: Roll["seats"] = [
  { name: "Ken Kvamme", party: "Sp", role: "chair" },
  { name: "Kari Nordheim", party: "Ap", role: "deputy_chair" },
  { name: "Ola Dale", party: "Ap", role: "member" },
];

describe("roll fields", () => {
  it("reads times as the clerk types them, and shows the back end's without seconds", () => {
    expect(["10:15", "10.15", "1015", "9", "09", "9.5", "", " 7:05 ", "10:15:00"].map(parseTime)).toEqual([
      "10:15",
      "10:15",
      "10:15",
      "09:00",
      "09:00",
      null,
      "",
      "07:05",
      "10:15",
    ]);
    expect(["24:00", "10:60", "kl. 10", "10-15"].map(parseTime)).toEqual([null, null, null, null]);
    expect(hhmm("10:15:00")).toBe("10:15");
    expect(hhmm(null)).toBe("");
  });

  it("names items by id on screen and by position to the back end, both ways", () => {
    const roll: Roll = {
      input: {
        attendance: {
          seats: [],
          attendees: [
            {
              name: "Ola Dale",
              party: "Ap",
              capacity: { kind: "member" },
              from_item: 1,
              to_item: 2,
              arrived_at: "10:15:00",
              left_at: null,
              away_items: [2],
            },
          ],
          apologies: ["Kari Nordheim"],
          disqualified: [{ member: "Ola Dale", item: 2, basis: "fvl. § 6", substitute: null }],
          head_count: null,
        },
        chair: "Ola Dale",
        chair_elected: true,
        signatories: ["Ola Dale"],
        signatories_item: 0,
      },
      seats,
      seats_known: true,
      items: [],
    };
    const f = fieldsOf(roll, items);
    expect(f.people.map((p) => [p.name, p.party, p.absent, p.from_item, p.to_item, p.arrived_at, p.away_items])).toEqual([
      ["Ola Dale", "Ap", false, 42, 43, "10:15", [43]],
      ["Kari Nordheim", "Ap", true, null, null, "", []],
    ]);
    expect(f.ugild.map((u) => u.item)).toEqual([43]);
    expect(f.signatories_item).toBe(41);
    const { input, sent, problems } = rollInputOf(f, items, say);
    expect(problems).toEqual([]);
    const [ola] = roll.input.attendance.attendees;
    expect(input).toEqual({ ...roll.input, attendance: { ...roll.input.attendance, attendees: [{ ...ola, arrived_at: "10:15" }] } });
    expect(sent.people).toEqual([f.people[0]?.key]);
    // The same items in another order: the positions follow.
    const moved = [items[2], items[0], items[1]].filter((i) => i !== undefined);
    expect(rollInputOf(f, moved, say).input.attendance.attendees[0]?.from_item).toBe(2);
    expect(rollInputOf(f, moved, say).input.signatories_item).toBe(1);
  });

  it("stops a roll whose chosen item is no longer on the sakliste, on that row and field", () => {
    const roll: Roll = {
      input: {
        attendance: {
          seats: [],
          attendees: [
            { name: "Ola Dale", party: "Ap", capacity: { kind: "member" }, from_item: 1, to_item: 2, arrived_at: null, left_at: null, away_items: [] },
          ],
          apologies: [],
          disqualified: [{ member: "Ola Dale", item: 2, basis: "fvl. § 6", substitute: null }],
          head_count: null,
        },
        chair: null,
        chair_elected: false,
        signatories: [],
        signatories_item: 2,
      },
      seats,
      seats_known: true,
      items: [],
    };
    const f = fieldsOf(roll, items);
    // Item 43 (the third) is taken off the sakliste.
    const left = items.filter((i) => i.id !== 43);
    const { problems } = rollInputOf(f, left, say);
    const ola = f.people[0]?.key as number;
    expect(problems).toEqual([
      { on: "person", key: ola, field: "to_item", message: "borte" },
      { on: "ugild", key: f.ugild[0]?.key, field: "item", message: "borte" },
      { on: "roll", field: "signatories_item", message: "borte" },
    ]);
  });

  it("keeps the rows that were sent: their keys and their places, forfall among them", () => {
    const f = emptyFields();
    f.people = [
      newPerson("member", { name: "Ken Kvamme" }),
      newPerson("member", { name: "Kari Nordheim", party: "Ap", absent: true }),
      newPerson("substitute", { name: " Morten Johan Vigdal ", standInFor: 7 }),
    ];
    const { input } = rollInputOf(f, items, say);
    const back: Roll = {
      input: { ...input, attendance: { ...input.attendance, attendees: input.attendance.attendees } },
      seats,
      seats_known: true,
      items: [],
    };
    const again = fieldsOf(back, items, f);
    expect(again.people.map((p) => [p.key, p.name, p.standInFor])).toEqual(
      f.people.map((p) => [p.key, p.name.trim(), p.standInFor]),
    );
    expect(sameFields(again, f)).toBe(true);
  });

  it("says which times, counts and items stop a save", () => {
    const f = emptyFields();
    const p = newPerson("member", { name: "Ken Kvamme", arrived_at: "25.00" });
    const u = newUgild();
    f.people = [p];
    f.ugild = [u];
    expect(rollInputOf(f, items, say).problems).toEqual([
      { on: "person", key: p.key, field: "arrived_at", message: "tid 25.00" },
      { on: "ugild", key: u.key, field: "item", message: "sak" },
    ]);
    f.countOnly = true;
    f.head_count = "7 stk";
    expect(rollInputOf(f, items, say).problems).toEqual([{ on: "roll", field: "head_count", message: "tal" }]);
    f.head_count = " 7 ";
    expect(rollInputOf(f, items, say)).toMatchObject({
      input: { attendance: { attendees: [], apologies: [], disqualified: [], head_count: 7 }, chair: null },
      problems: [],
    });
  });

  it("places the back end's problems on the rows that were sent", () => {
    const f = emptyFields();
    f.people = [
      newPerson("member", { name: "Ken Kvamme" }),
      newPerson("member", { name: "", absent: true }),
      newPerson("substitute", { name: "Morten Johan Vigdal" }),
    ];
    f.ugild = [newUgild()];
    const { sent } = rollInputOf(f, items, say);
    const placed = problemsOf(
      [
        { field: "attendees.1.replaces", message: "a" },
        { field: "disqualified.0.substitute", message: "b" },
        { field: "signatories.1", message: "c" },
        { field: "chair", message: "d" },
        { field: "apologies", message: "e" },
        { field: "attendance", message: "f" },
        { field: "attendees.9.name", message: "g" },
      ],
      sent,
      f,
    );
    expect(placed).toEqual([
      { on: "person", key: f.people[2]?.key, field: "replaces", message: "a" },
      { on: "ugild", key: f.ugild[0]?.key, field: "substitute", message: "b" },
      { on: "roll", field: "signatories", message: "c" },
      { on: "roll", field: "chair", message: "d" },
      { on: "person", key: f.people[1]?.key, field: "name", message: "e" },
      { on: "summary", message: "f" },
      { on: "summary", message: "g" },
    ]);
  });

  it("lets the rest of the roll follow a changed name", () => {
    const f = emptyFields();
    f.people = [newPerson("member", { name: "Kari" }), newPerson("substitute", { name: "Per", replaces: "Kari" })];
    f.chair = "Kari";
    f.signatories = ["Kari", "Per"];
    f.ugild = [{ ...newUgild(), member: "Kari", substitute: "Per" }];
    renamed(f, "Kari", "Kari Nordheim");
    expect([f.chair, f.signatories, f.ugild[0]?.member, f.people[1]?.replaces]).toEqual([
      "Kari Nordheim",
      ["Kari Nordheim", "Per"],
      "Kari Nordheim",
      "Kari Nordheim",
    ]);
  });

  it("suggests the board's people serving on the day: varamedlemer by list, then order", () => {
    const { members, substitutes } = boardPeople(formannskapetFull, "2026-11-19");
    expect(members.map((m) => m.name)).toEqual(["Ken Kvamme", "Kari Nordheim", "Per Bakken", "Anne Moen", "Ola Dale"]);
    expect(substitutes.map((m) => m.name)).toEqual(["Morten Johan Vigdal", "Ingrid Lie", "Lars Berg", "Siri Hauge"]);
    expect(boardPeople(formannskapetFull, "2025-06-01").substitutes.map((m) => m.name)).toContain("Gunnar Holm");
    expect(boardPeople(undefined, "2026-11-19")).toEqual({ members: [], substitutes: [] });
  });

  it("offers the seats a varamedlem may have taken, and guesses the one when it is clear", () => {
    const f = emptyFields();
    const vara = newPerson("substitute", { name: "Morten Johan Vigdal", party: "Ap" });
    f.people = [
      newPerson("member", { name: "Ken Kvamme", party: "Sp", absent: true }),
      newPerson("member", { name: "Kari Nordheim", party: "Ap", absent: true }),
      vara,
    ];
    expect(openSeats(f, seats)).toEqual([
      { name: "Ken Kvamme", party: "Sp", state: "absent" },
      { name: "Kari Nordheim", party: "Ap", state: "absent" },
      { name: "Ola Dale", party: "Ap", state: "missing" },
    ]);
    // Of two with forfall, one is of the varamedlem's list.
    expect(likelyReplaces(f, vara)).toBe("Kari Nordheim");
    f.people.push(newPerson("substitute", { name: "Ingrid Lie", party: "Ap", replaces: "Kari Nordheim" }));
    expect(likelyReplaces(f, vara)).toBeNull();
  });

  it("puts an ugild member's stand-in on the roll for that item, follows the line, and takes the row away with the name", () => {
    const f = emptyFields();
    f.people = [newPerson("member", { name: "Kari Nordheim" })];
    const u = { ...newUgild(), member: "Kari Nordheim", substitute: "Ingrid Lie" };
    f.ugild = [u];
    // Without the item, the varamedlem would count in every item: nothing yet.
    expect(placeStandIn(f, u, () => "Ap")).toBeNull();
    u.item = 43;
    expect(placeStandIn(f, u, () => "Ap")).toEqual({ did: "added", name: "Ingrid Lie" });
    expect(f.people[1]).toMatchObject({ name: "Ingrid Lie", party: "Ap", kind: "substitute", from_item: 43, to_item: 43, standInFor: u.key });
    u.item = 42;
    expect(placeStandIn(f, u, () => "Ap")).toEqual({ did: "changed", name: "Ingrid Lie" });
    expect(f.people[1]).toMatchObject({ from_item: 42, to_item: 42 });
    // Someone already on the roll is not added twice.
    u.substitute = "Kari Nordheim";
    expect(placeStandIn(f, u, () => "")).toEqual({ did: "removed", name: "Ingrid Lie" });
    expect(f.people.map((p) => p.name)).toEqual(["Kari Nordheim"]);
  });

  it("reads back a roll draft it wrote, fills fields an older draft lacks, and refuses anything else", () => {
    const f = { ...emptyFields(), people: [newPerson("member", { name: "Kari Nordheim", absent: true })] };
    const back = parseRollDraft(rollDraftOf(f));
    expect(back).toEqual(f);
    const { note: _, ...old } = f.people[0]!;
    expect(parseRollDraft(JSON.stringify({ v: 1, roll: { ...f, people: [old] } }))?.people[0]?.note).toBe("");
    expect(newPerson("member").key).toBeGreaterThan(f.people[0]!.key);
    for (const bad of ["ikkje json", "{}", JSON.stringify({ v: 2, roll: f }), JSON.stringify({ v: 1, roll: { people: [] } })]) {
      expect(parseRollDraft(bad)).toBeNull();
    }
  });
});
