// The roll of a meeting as the Oppmøte section edits it, and how it becomes
// the RollInput that set_roll saves whole. The screen names agenda items by
// their id, so a row keeps pointing at its item when the sakliste is
// reordered; the back end counts items by position (0 = the first), and the
// conversion happens here, both ways. Times are typed as the clerk likes
// (10.15, 1015, 9) and sent as HH:MM; the back end answers with seconds.

import type { Attendee } from "./bindings/Attendee";
import type { BoardRecord } from "./bindings/BoardRecord";
import type { Capacity } from "./bindings/Capacity";
import type { FieldError } from "./bindings/FieldError";
import type { Roll } from "./bindings/Roll";
import type { RollInput } from "./bindings/RollInput";
import type { SaklisteItem } from "./bindings/SaklisteItem";
import type { Seat } from "./bindings/Seat";
import type { TermMember } from "./bindings/TermMember";

export type PersonKind = Capacity["kind"];
export const personKinds: PersonKind[] = ["member", "substitute", "administration", "other"];

/** One person on the roll. `key` only tells the rows apart. */
export type PersonRow = {
  key: number;
  name: string;
  party: string;
  kind: PersonKind;
  /** A member with forfall for the whole meeting: sent among the apologies, not the attendees. */
  absent: boolean;
  /** "Møtt for" (a varamedlem): the member whose seat was taken; "" when not known. Kept while the kind changes. */
  replaces: string;
  /** Job title (administration, others). Kept while the kind changes. */
  title: string;
  /** Item ids; null: from the start, to the end. */
  from_item: number | null;
  to_item: number | null;
  /** As typed; sent as HH:MM. */
  arrived_at: string;
  left_at: string;
  /** Ids of the items missed in between. */
  away_items: number[];
  /** Their presence in the clerk's own words ("sak 12 og del av sak 15"), printed beside the name. */
  note: string;
  /** The ugild line (key) this varamedlem was put on the roll for by the screen; null otherwise. */
  standInFor: number | null;
};

/** A member ugild in one item. */
export type UgildRow = {
  key: number;
  member: string;
  /** Item id; null until chosen. */
  item: number | null;
  basis: string;
  /** The varamedlem who took the seat for that item; "" for none. */
  substitute: string;
};

export type RollFields = {
  people: PersonRow[];
  ugild: UgildRow[];
  chair: string;
  chair_elected: boolean;
  signatories: string[];
  /** Item id of the item the signatories were elected in; null: named for the meeting. */
  signatories_item: number | null;
  /** "Berre tal på møtande": only `head_count` is sent. */
  countOnly: boolean;
  head_count: string;
};

let nextKey = 1;

export function newPerson(kind: PersonKind, over: Partial<PersonRow> = {}): PersonRow {
  return {
    key: nextKey++,
    name: "",
    party: "",
    kind,
    absent: false,
    replaces: "",
    title: "",
    from_item: null,
    to_item: null,
    arrived_at: "",
    left_at: "",
    away_items: [],
    note: "",
    standInFor: null,
    ...over,
  };
}

export function newUgild(): UgildRow {
  return { key: nextKey++, member: "", item: null, basis: "", substitute: "" };
}

export function emptyFields(): RollFields {
  return {
    people: [],
    ugild: [],
    chair: "",
    chair_elected: false,
    signatories: [],
    signatories_item: null,
    countOnly: false,
    head_count: "",
  };
}

/** Whether nothing is recorded: the quick start is offered. */
export const isEmpty = (f: RollFields) => f.people.length === 0 && f.ugild.length === 0 && !f.countOnly;

/** Names as the back end compares them: trimmed. */
export const same = (a: string, b: string) => a.trim() === b.trim();

/** `10:15:00` (as the back end sends it) → `10:15`. */
export function hhmm(time: string | null): string {
  if (!time) return "";
  const m = /^(\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?$/.exec(time);
  return m ? `${m[1]}:${m[2]}` : time;
}

/**
 * A time as typed (`10:15`, `10.15`, `1015`, `9`) → `10:15`; "" for nothing
 * typed; null when it is not a time of day.
 */
export function parseTime(text: string): string | null {
  const s = text.trim();
  if (s === "") return "";
  const m = /^(\d{1,2})(?:[:.]?(\d{2}))?(?::\d{2})?$/.exec(s);
  if (!m) return null;
  const h = Number(m[1]);
  const min = Number(m[2] ?? "0");
  if (h > 23 || min > 59) return null;
  return `${String(h).padStart(2, "0")}:${String(min).padStart(2, "0")}`;
}

/** Whether a person was there for the whole meeting (no from, to or away). */
export const wholeMeeting = (p: PersonRow) => p.from_item === null && p.to_item === null && p.away_items.length === 0;

/** Present members and varamedlemer: who can chair, sign, or be ugild. */
export function acting(f: RollFields, kinds: PersonKind[] = ["member", "substitute"]): PersonRow[] {
  const seen = new Set<string>();
  return f.people.filter((p) => {
    const name = p.name.trim();
    if (p.absent || name === "" || !kinds.includes(p.kind) || seen.has(name)) return false;
    seen.add(name);
    return true;
  });
}

function personOf(a: Attendee, idAt: (p: number | null) => number | null): PersonRow {
  const c = a.capacity;
  return newPerson(c.kind, {
    name: a.name,
    party: a.party ?? "",
    replaces: c.kind === "substitute" ? (c.replaces ?? "") : "",
    title: c.kind === "administration" || c.kind === "other" ? (c.title ?? "") : "",
    from_item: idAt(a.from_item),
    to_item: idAt(a.to_item),
    arrived_at: hhmm(a.arrived_at),
    left_at: hhmm(a.left_at),
    away_items: a.away_items.map(idAt).filter((id): id is number => id !== null),
    note: a.note ?? "",
  });
}

/**
 * The fields of a stored roll. With `sent`, the fields that were saved, the
 * people keep their rows (key, place on screen, the ugild line a varamedlem
 * was added for): the back end lists the apologies after the attendees.
 */
export function fieldsOf(roll: Roll, items: SaklisteItem[], sent?: RollFields): RollFields {
  const input = roll.input;
  const a = input.attendance;
  const idAt = (p: number | null) => (p === null ? null : (items[p]?.id ?? null));
  const seatParty = (name: string) => roll.seats.find((s) => s.name === name)?.party ?? "";
  let people = [
    ...a.attendees.map((x) => personOf(x, idAt)),
    ...a.apologies.map((name) => newPerson("member", { name, party: seatParty(name), absent: true })),
  ];
  if (sent) {
    const place = (p: PersonRow) => sent.people.findIndex((s) => same(s.name, p.name) && s.absent === p.absent);
    people = people
      .map((p) => {
        const i = place(p);
        const s = sent.people[i];
        return { row: s ? { ...p, key: s.key, standInFor: s.standInFor } : p, at: i < 0 ? Infinity : i };
      })
      .sort((x, y) => x.at - y.at)
      .map((x) => x.row);
  }
  const aligned = sent !== undefined && sent.ugild.length === a.disqualified.length;
  const ugild = a.disqualified.map((d, i) => ({
    key: (aligned ? sent.ugild[i]?.key : undefined) ?? nextKey++,
    member: d.member,
    item: idAt(d.item),
    basis: d.basis,
    substitute: d.substitute ?? "",
  }));
  const countOnly = a.head_count !== null && a.attendees.length === 0 && a.apologies.length === 0;
  return {
    people,
    ugild,
    chair: input.chair ?? "",
    chair_elected: input.chair_elected,
    signatories: [...input.signatories],
    signatories_item: idAt(input.signatories_item),
    countOnly,
    head_count: a.head_count === null ? "" : String(a.head_count),
  };
}

/** What a save would send, to tell whether the fields were changed. */
function shown(f: RollFields): string {
  return JSON.stringify([
    f.people.map((p) => [
      p.name.trim(),
      p.party.trim(),
      p.kind,
      p.absent,
      p.kind === "substitute" ? p.replaces.trim() : "",
      p.kind === "administration" || p.kind === "other" ? p.title.trim() : "",
      p.from_item,
      p.to_item,
      p.arrived_at.trim(),
      p.left_at.trim(),
      [...p.away_items].sort((x, y) => x - y),
      p.note.trim(),
    ]),
    f.ugild.map((u) => [u.member.trim(), u.item, u.basis.trim(), u.substitute.trim()]),
    f.chair.trim(),
    f.chair_elected,
    f.signatories.map((s) => s.trim()),
    f.signatories_item,
    f.countOnly,
    f.countOnly ? f.head_count.trim() : "",
  ]);
}

export function sameFields(a: RollFields, b: RollFields): boolean {
  return shown(a) === shown(b);
}

/** A problem with the roll, placed where the screen shows it. */
export type RollProblem =
  | { on: "person"; key: number; field: string; message: string }
  | { on: "ugild"; key: number; field: string; message: string }
  /** chair, signatories, signatories_item, head_count */
  | { on: "roll"; field: string; message: string }
  /** Nowhere in particular (a rule of the attendance as a whole). */
  | { on: "summary"; message: string };

export type LocalSay = {
  timeInvalid: (text: string) => string;
  headCountInvalid: string;
  ugildItemMissing: string;
  /** An item chosen before that is no longer on the sakliste. */
  itemGone: string;
};

/** The rows each list of the input came from: people[i] made attendees[i]. */
export type SentKeys = { people: number[]; ugild: number[] };

const orNull = (s: string) => (s.trim() === "" ? null : s.trim());

/**
 * The input for set_roll, the keys of the rows it was made from, and what
 * stops it being sent (a time that is not one, a head count that is not a
 * number, an ugild line without its item). The back end checks the rest.
 */
export function rollInputOf(
  f: RollFields,
  items: SaklisteItem[],
  say: LocalSay,
): { input: RollInput; sent: SentKeys; problems: RollProblem[] } {
  const problems: RollProblem[] = [];
  const position = (id: number | null) => {
    if (id === null) return null;
    const p = items.findIndex((i) => i.id === id);
    return p < 0 ? null : p;
  };
  /** The item's position; an item no longer on the list is a problem there, never "from the start". */
  const placed = (id: number | null, gone: { on: "person"; key: number; field: string } | { on: "roll"; field: string }) => {
    const p = position(id);
    if (id !== null && p === null) problems.push({ ...gone, message: say.itemGone });
    return p;
  };
  if (f.countOnly) {
    const text = f.head_count.trim();
    if (!/^\d{1,4}$/.test(text)) problems.push({ on: "roll", field: "head_count", message: say.headCountInvalid });
    return {
      input: {
        attendance: { seats: [], attendees: [], apologies: [], disqualified: [], head_count: /^\d{1,4}$/.test(text) ? Number(text) : null },
        chair: null,
        chair_elected: false,
        signatories: [],
        signatories_item: null,
      },
      sent: { people: [], ugild: [] },
      problems,
    };
  }
  const present = f.people.filter((p) => !p.absent);
  const time = (p: PersonRow, field: "arrived_at" | "left_at") => {
    const t = parseTime(p[field]);
    if (t === null) problems.push({ on: "person", key: p.key, field, message: say.timeInvalid(p[field].trim()) });
    return t ? t : null;
  };
  const capacity = (p: PersonRow): Capacity => {
    switch (p.kind) {
      case "member":
        return { kind: "member" };
      case "substitute":
        return { kind: "substitute", replaces: orNull(p.replaces) };
      case "administration":
      case "other":
        return { kind: p.kind, title: orNull(p.title) };
    }
  };
  const attendees: Attendee[] = present.map((p) => ({
    name: p.name.trim(),
    party: orNull(p.party),
    capacity: capacity(p),
    from_item: placed(p.from_item, { on: "person", key: p.key, field: "from_item" }),
    to_item: placed(p.to_item, { on: "person", key: p.key, field: "to_item" }),
    arrived_at: time(p, "arrived_at"),
    left_at: time(p, "left_at"),
    away_items: p.away_items
      .map(position)
      .filter((x): x is number => x !== null)
      .sort((x, y) => x - y),
    // Left out when empty, as a roll without notes has always been sent.
    ...(p.note.trim() ? { note: p.note.trim() } : {}),
  }));
  const disqualified = f.ugild.map((u) => {
    const item = position(u.item);
    if (item === null) problems.push({ on: "ugild", key: u.key, field: "item", message: u.item === null ? say.ugildItemMissing : say.itemGone });
    return { member: u.member.trim(), item: item ?? 0, basis: u.basis.trim(), substitute: orNull(u.substitute) };
  });
  return {
    input: {
      attendance: {
        seats: [],
        attendees,
        apologies: f.people.filter((p) => p.absent).map((p) => p.name.trim()),
        disqualified,
        head_count: null,
      },
      chair: orNull(f.chair),
      chair_elected: f.chair_elected,
      signatories: f.signatories.map((s) => s.trim()).filter((s) => s !== ""),
      signatories_item: placed(f.signatories_item, { on: "roll", field: "signatories_item" }),
    },
    sent: { people: present.map((p) => p.key), ugild: f.ugild.map((u) => u.key) },
    problems,
  };
}

/** The back end's field errors placed by row: `attendees.4.replaces` is the fifth person sent. */
export function problemsOf(errors: FieldError[], sent: SentKeys, f: RollFields): RollProblem[] {
  const out: RollProblem[] = [];
  for (const e of errors) {
    const person = /^attendees\.(\d+)\.(\w+)$/.exec(e.field);
    const ugild = /^disqualified\.(\d+)\.(\w+)$/.exec(e.field);
    const personKey = person ? sent.people[Number(person[1])] : undefined;
    const ugildKey = ugild ? sent.ugild[Number(ugild[1])] : undefined;
    if (person && personKey !== undefined) {
      out.push({ on: "person", key: personKey, field: person[2] ?? "name", message: e.message });
    } else if (ugild && ugildKey !== undefined) {
      out.push({ on: "ugild", key: ugildKey, field: ugild[2] ?? "member", message: e.message });
    } else if (/^signatories\.\d+$/.test(e.field)) {
      out.push({ on: "roll", field: "signatories", message: e.message });
    } else if (["chair", "chair_elected", "signatories_item", "head_count"].includes(e.field)) {
      out.push({ on: "roll", field: e.field, message: e.message });
    } else if (e.field === "apologies" && f.people.some((p) => p.absent && p.name.trim() === "")) {
      for (const p of f.people.filter((x) => x.absent && x.name.trim() === "")) {
        out.push({ on: "person", key: p.key, field: "name", message: e.message });
      }
    } else {
      out.push({ on: "summary", message: e.message });
    }
  }
  return out;
}

/**
 * A name changed from `from` to `to`: the chair, the signatories, the ugild
 * lines and "møtt for" that named the person follow.
 */
export function renamed(f: RollFields, from: string, to: string): void {
  const old = from.trim();
  const now = to.trim();
  if (old === "" || now === "" || old === now) return;
  if (same(f.chair, old)) f.chair = now;
  f.signatories = f.signatories.map((s) => (same(s, old) ? now : s));
  for (const u of f.ugild) {
    if (same(u.member, old)) u.member = now;
    if (same(u.substitute, old)) u.substitute = now;
  }
  for (const p of f.people) if (p.kind === "substitute" && same(p.replaces, old)) p.replaces = now;
}

/** The board's people serving on the meeting's date: members (leiar first) and varamedlemer by party, then order. */
export function boardPeople(board: BoardRecord | undefined, date: string): { members: TermMember[]; substitutes: TermMember[] } {
  const serving = (board?.members ?? []).filter(
    (m) => (m.term_from === null || m.term_from <= date) && (m.term_to === null || date <= m.term_to),
  );
  const rank = (m: TermMember) =>
    m.membership.kind === "seat" ? { chair: 0, deputy_chair: 1, member: 2 }[m.membership.role] : 3;
  const members = serving
    .filter((m) => m.membership.kind === "seat")
    .map((m, i) => ({ m, i }))
    .sort((x, y) => rank(x.m) - rank(y.m) || x.i - y.i)
    .map((x) => x.m);
  const order = (m: TermMember) => (m.membership.kind === "substitute" ? m.membership.order : 0);
  const substitutes = serving
    .filter((m) => m.membership.kind === "substitute")
    .sort((x, y) => {
      if ((x.party ?? "") !== (y.party ?? "")) {
        if (!x.party) return 1;
        if (!y.party) return -1;
        return x.party.localeCompare(y.party, "nb");
      }
      return order(x) - order(y);
    });
  return { members, substitutes };
}

/** Everyone in the seats, as present members: "Alle medlemer møtte". */
export function allMembers(seats: Seat[]): PersonRow[] {
  return seats.map((s) => newPerson("member", { name: s.name, party: s.party ?? "" }));
}

/**
 * Members whose seat a varamedlem may have taken: those with forfall, those
 * not on the roll, and those there for only part of the meeting.
 */
export type SeatState = "absent" | "missing" | "partly";

export function openSeats(f: RollFields, seats: Seat[]): { name: string; party: string; state: SeatState }[] {
  const names: { name: string; party: string }[] = [];
  for (const s of seats) if (!names.some((n) => same(n.name, s.name))) names.push({ name: s.name.trim(), party: s.party ?? "" });
  // Without known seats, the members recorded here are the seats.
  if (names.length === 0) {
    for (const p of f.people) {
      if (p.kind === "member" && p.name.trim() !== "" && !names.some((n) => same(n.name, p.name))) {
        names.push({ name: p.name.trim(), party: p.party.trim() });
      }
    }
  }
  const out: { name: string; party: string; state: SeatState }[] = [];
  for (const n of names) {
    const rows = f.people.filter((p) => p.kind === "member" && same(p.name, n.name));
    if (rows.some((p) => !p.absent && wholeMeeting(p))) continue;
    const state: SeatState = rows.some((p) => p.absent) ? "absent" : rows.length > 0 ? "partly" : "missing";
    out.push({ ...n, state });
  }
  return out;
}

/**
 * The member a varamedlem most likely came for: the only one with forfall
 * (of the varamedlem's party, when that is known) whose seat no other
 * varamedlem has taken. Null when it is not clear.
 */
export function likelyReplaces(f: RollFields, who: PersonRow): string | null {
  const taken = new Set(
    f.people.filter((p) => p !== who && p.kind === "substitute" && p.replaces.trim() !== "").map((p) => p.replaces.trim()),
  );
  let open = f.people.filter((p) => p.absent && p.name.trim() !== "" && !taken.has(p.name.trim()));
  // A varamedlem comes for a member of the same list, when the parties are known.
  if (who.party.trim() !== "" && open.some((p) => p.party.trim() !== "")) open = open.filter((p) => same(p.party, who.party));
  return open.length === 1 ? (open[0]?.name.trim() ?? null) : null;
}

/**
 * Puts the stand-in named on ugild line `u` on the roll: a varamedlem there
 * for that item alone, unless the person is on the roll already. The row the
 * screen added before for the line follows the name and the item, and goes
 * when the name is taken away. Says what changed.
 */
export function placeStandIn(
  f: RollFields,
  u: UgildRow,
  partyOf: (name: string) => string,
): { did: "added" | "removed" | "changed"; name: string } | null {
  const linked = f.people.find((p) => p.standInFor === u.key);
  const name = u.substitute.trim();
  const drop = () => {
    if (!linked) return null;
    f.people = f.people.filter((p) => p !== linked);
    return { did: "removed" as const, name: linked.name.trim() };
  };
  if (name === "" || f.people.some((p) => p !== linked && same(p.name, name))) return drop();
  // Until the item is chosen, the varamedlem would count in every item: wait for it.
  if (u.item === null) return null;
  if (linked) {
    const was = [linked.name.trim(), linked.from_item, linked.to_item];
    if (!same(linked.name, name)) linked.party = partyOf(name) || linked.party;
    linked.name = name;
    linked.from_item = u.item;
    linked.to_item = u.item;
    return JSON.stringify(was) === JSON.stringify([name, u.item, u.item]) ? null : { did: "changed", name };
  }
  f.people.push(
    newPerson("substitute", { name, party: partyOf(name), from_item: u.item, to_item: u.item, standInFor: u.key }),
  );
  return { did: "added", name };
}

// ---- Draft ----

/** The roll on screen as the meeting's "roll" draft (kept while the clerk types). */
export function rollDraftOf(f: RollFields): string {
  return JSON.stringify({ v: 1, roll: f });
}

/** A roll draft's fields, or null when it is not one this window wrote. Rows keep their keys; new rows never reuse them. */
export function parseRollDraft(content: string): RollFields | null {
  try {
    const d = JSON.parse(content) as { v?: number; roll?: Partial<RollFields> };
    const f = d.roll;
    if (d.v !== 1 || !f || !Array.isArray(f.people) || !Array.isArray(f.ugild) || !Array.isArray(f.signatories)) return null;
    const keys = [...f.people.map((p) => p.key), ...f.ugild.map((u) => u.key)];
    if (keys.some((k) => typeof k !== "number")) return null;
    nextKey = Math.max(nextKey, ...keys.map((k) => k + 1));
    // A draft from before a field was added gets the field's empty value.
    const people = f.people.map((p) => ({ ...newPerson(p.kind), ...p }));
    return { ...emptyFields(), ...f, people } as RollFields;
  } catch {
    return null;
  }
}
