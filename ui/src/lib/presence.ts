// Presence as the meeting goes, from the meeting mode: someone comes in,
// someone leaves, a member is ugild in the item on the table. Each is one
// change to the roll (RollInput, items by position, 0 = the first), saved
// whole by set_roll as one step of the meeting's history, so "Angre siste
// steg" puts it back. The back end checks the roll as a whole (a departure
// before an arrival, a substitute for someone who came); what can be told
// here without it is refused here with a PresenceError.

import type { Attendee } from "./bindings/Attendee";
import type { Capacity } from "./bindings/Capacity";
import type { Roll } from "./bindings/Roll";
import type { RollInput } from "./bindings/RollInput";
import type { Seat } from "./bindings/Seat";
import { hhmm } from "./roll";

/** What cannot be recorded, in the clerk's words (filled in by the caller's texts). */
export class PresenceError extends Error {
  constructor(
    readonly reason: "nobody" | "present" | "absent" | "beforeStart" | "noBasis" | "countOnly",
    readonly who: string = "",
  ) {
    super(reason);
  }
}

const same = (a: string, b: string) => a.trim() === b.trim();

/** Whether someone on the roll was there for the item at `pos`. */
export function presentAt(a: Attendee, pos: number): boolean {
  return (a.from_item ?? 0) <= pos && pos <= (a.to_item ?? Number.POSITIVE_INFINITY) && !a.away_items.includes(pos);
}

/** People on the roll who were there for the item at `pos`, in the roll's order. */
export function presentNames(input: RollInput, pos: number): string[] {
  return input.attendance.attendees.filter((a) => presentAt(a, pos)).map((a) => a.name);
}

/** Who could come in at `pos`: the board's seats and the people on the roll who are not there then. */
export function arrivalNames(input: RollInput, seats: Seat[], pos: number): string[] {
  const here = new Set(presentNames(input, pos).map((n) => n.trim()));
  const names = [...seats.map((s) => s.name), ...input.attendance.attendees.map((a) => a.name)];
  return [...new Set(names.map((n) => n.trim()))].filter((n) => n !== "" && !here.has(n));
}

const copy = (input: RollInput): RollInput => structuredClone(input);

const countOnly = (input: RollInput) => input.attendance.head_count !== null && input.attendance.attendees.length === 0;

/** How the roll's note tells a departure and a return (the roll keeps one arrival and one departure time). */
export type BackNote = (left: string, back: string) => string;

const backNoteNn: BackNote = (left, back) =>
  [left && `gjekk kl. ${left.replace(":", ".")}`, back ? `kom att kl. ${back.replace(":", ".")}` : "kom att"].filter(Boolean).join(", ");

/**
 * `name` came in at the item at `pos` (kl. `time`, "" when not noted). One
 * already on the roll who left earlier comes back: the items in between are
 * items they missed, and the times of leaving and coming back go into the
 * roll's note for them, so neither is lost. Anyone else is put on the roll
 * from the item on: a member of the board with their party (and no longer
 * among the forfall), anyone else in `capacity` (a varamedlem unless said
 * otherwise).
 */
export function arrive(
  input: RollInput,
  seats: Seat[],
  name: string,
  pos: number,
  time: string,
  capacity: Capacity = { kind: "substitute", replaces: null },
  backNote: BackNote = backNoteNn,
): RollInput {
  if (countOnly(input)) throw new PresenceError("countOnly");
  const who = name.trim();
  if (who === "") throw new PresenceError("nobody");
  const next = copy(input);
  const att = next.attendance;
  const at = time.trim() === "" ? null : time.trim();
  const a = att.attendees.find((x) => same(x.name, who));
  if (a) {
    if (presentAt(a, pos)) throw new PresenceError("present", who);
    if (a.to_item !== null && a.to_item < pos) {
      // Back after leaving: the items in between were missed; the times are kept in the note.
      for (let i = a.to_item + 1; i < pos; i++) if (!a.away_items.includes(i)) a.away_items.push(i);
      a.away_items.sort((x, z) => x - z);
      const said = backNote(hhmm(a.left_at), at ?? "");
      a.note = [a.note?.trim(), said].filter((x) => x).join("; ");
      a.to_item = null;
      a.left_at = null;
    } else if ((a.from_item ?? 0) > pos) {
      a.from_item = pos;
      a.arrived_at = at;
    } else {
      // Away for some items, back now: away from here on no more.
      a.away_items = a.away_items.filter((i) => i < pos);
    }
  } else {
    const seat = seats.find((s) => same(s.name, who));
    att.attendees.push({
      name: who,
      party: seat?.party ?? null,
      capacity: seat ? { kind: "member" } : capacity,
      from_item: pos,
      to_item: null,
      arrived_at: at,
      left_at: null,
      away_items: [],
    });
  }
  att.apologies = att.apologies.filter((n) => !same(n, who));
  return next;
}

/**
 * `name` left at the item at `pos` (kl. `time`): before it was dealt with
 * (they do not vote in it), or after it.
 */
export function leave(input: RollInput, name: string, pos: number, time: string, before: boolean): RollInput {
  if (countOnly(input)) throw new PresenceError("countOnly");
  const who = name.trim();
  if (who === "") throw new PresenceError("nobody");
  const next = copy(input);
  const a = next.attendance.attendees.find((x) => same(x.name, who));
  if (!a || !presentAt(a, pos)) throw new PresenceError("absent", who);
  const last = before ? pos - 1 : pos;
  if (last < (a.from_item ?? 0)) throw new PresenceError("beforeStart", who);
  a.to_item = last;
  a.left_at = time.trim() === "" ? null : time.trim();
  a.away_items = a.away_items.filter((i) => i <= last);
  return next;
}

/** `member` was ugild in the item at `pos`, on `basis`, and `substitute` ("" for none) took the seat for it. */
export function disqualify(input: RollInput, member: string, pos: number, basis: string, substitute: string): RollInput {
  if (countOnly(input)) throw new PresenceError("countOnly");
  const who = member.trim();
  if (who === "") throw new PresenceError("nobody");
  if (basis.trim() === "") throw new PresenceError("noBasis", who);
  const next = copy(input);
  const line = { member: who, item: pos, basis: basis.trim(), substitute: substitute.trim() === "" ? null : substitute.trim() };
  const d = next.attendance.disqualified;
  const i = d.findIndex((x) => x.item === pos && same(x.member, who));
  if (i >= 0) d[i] = line;
  else d.push(line);
  return next;
}

/** What happened to the presence at the item at `pos`, for the list beside it. */
export type Happening =
  | { kind: "arrived"; name: string; time: string }
  | { kind: "left"; name: string; time: string; before: boolean }
  | { kind: "ugild"; name: string; basis: string; substitute: string | null };

export function happeningsAt(input: RollInput, pos: number): Happening[] {
  const out: Happening[] = [];
  // A varamedlem on the roll only to sit for an ugild member is said with the ugild line.
  const standIns = new Set(
    input.attendance.disqualified.filter((d) => d.item === pos && d.substitute).map((d) => (d.substitute ?? "").trim()),
  );
  for (const a of input.attendance.attendees) {
    if (standIns.has(a.name.trim()) && a.from_item === pos && a.to_item === pos) continue;
    if (a.from_item === pos && (pos > 0 || a.arrived_at)) out.push({ kind: "arrived", name: a.name, time: hhmm(a.arrived_at) });
    if (a.to_item === pos - 1 && pos > 0) out.push({ kind: "left", name: a.name, time: hhmm(a.left_at), before: true });
    if (a.to_item === pos) out.push({ kind: "left", name: a.name, time: hhmm(a.left_at), before: false });
    // Back after items away: came in again here.
    if (a.away_items.includes(pos - 1) && !a.away_items.includes(pos) && presentAt(a, pos)) {
      out.push({ kind: "arrived", name: a.name, time: "" });
    }
  }
  // Comings and goings by the clock (those without a time after), then the ugild.
  const at = (h: Happening) => (h.kind === "ugild" ? "~" : h.time || "99:99");
  out.sort((a, z) => at(a).localeCompare(at(z)));
  for (const d of input.attendance.disqualified) {
    if (d.item === pos) out.push({ kind: "ugild", name: d.member, basis: d.basis, substitute: d.substitute });
  }
  return out;
}

/** The roll's input as set_roll takes it back: times as HH:MM. */
export function inputOf(roll: Roll): RollInput {
  const input = copy(roll.input);
  for (const a of input.attendance.attendees) {
    a.arrived_at = a.arrived_at ? hhmm(a.arrived_at) : null;
    a.left_at = a.left_at ? hhmm(a.left_at) : null;
  }
  input.attendance.seats = [];
  return input;
}

/** Now as HH:MM, the time a happening is noted at unless the clerk types another. */
export function now(date: Date = new Date()): string {
  return `${String(date.getHours()).padStart(2, "0")}:${String(date.getMinutes()).padStart(2, "0")}`;
}
