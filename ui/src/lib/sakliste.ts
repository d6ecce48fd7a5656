// The sakliste as the screen edits it: one row per item, in agenda order,
// and how the rows become the SaklisteEntry list that set_sakliste saves
// whole. Rows carry a `key` of their own so the table (and the focus in it)
// follows an item when it moves or when it gets its id from a save.

import type { FieldError } from "./bindings/FieldError";
import type { MeetingRecord } from "./bindings/MeetingRecord";
import type { MeetingStatus } from "./bindings/MeetingStatus";
import type { SaklisteEntry } from "./bindings/SaklisteEntry";
import type { SaklisteItem } from "./bindings/SaklisteItem";
import type { SeriesRef } from "./bindings/SeriesRef";
import { caseNumber } from "./format";

export type SaklisteRow = {
  key: number;
  /** The stored item; null until a save stores it. */
  id: number | null;
  /** "21/1069"; null for an item without an arkivsak. */
  case_number: string | null;
  title: string;
  series: number;
  /** A number given by hand as typed, without the series prefix; "" = the next free one. */
  number: string;
  /** The number as the board prints it (`PS 054/21`); "" until saved. */
  number_text: string;
  /** The stored number without its prefix (`054/21`); "" until saved. */
  number_plain: string;
  closed: boolean;
  /** Kept while "Lukka" is unticked, so ticking it again brings it back; sent only for a closed item. */
  closed_basis: string;
  added_late: boolean;
  has_records: boolean;
};

let nextKey = 1;

/** `PS 054/21` → `054/21` for the series with prefix PS. */
export function withoutPrefix(text: string, prefix: string | null): string {
  const p = prefix?.trim();
  if (!p) return text.trim();
  const s = text.trim();
  return s.toLowerCase().startsWith(`${p.toLowerCase()} `) ? s.slice(p.length).trim() : s;
}

function rowOf(item: SaklisteItem, series: SeriesRef[], key: number): SaklisteRow {
  const plain = withoutPrefix(item.number_text, series[item.series]?.prefix ?? null);
  return {
    key,
    id: item.id,
    case_number: item.case_number ? caseNumber(item.case_number) : null,
    title: item.title,
    series: item.series,
    number: item.number_given ? plain : "",
    number_text: item.number_text,
    number_plain: plain,
    closed: item.closed,
    closed_basis: item.closed_basis ?? "",
    added_late: item.added_late,
    has_records: item.has_records,
  };
}

/**
 * The rows of a stored sakliste. With `sent`, the list that was saved, an
 * item keeps the key of the row it was: by id, or (just added) by position,
 * since the back end answers in the order it was sent.
 */
export function rowsOf(m: MeetingRecord, sent: SaklisteRow[] = []): SaklisteRow[] {
  const aligned = sent.length === m.items.length;
  return m.items.map((item, i) => {
    const before = sent.find((r) => r.id === item.id) ?? (aligned ? sent[i] : undefined);
    return rowOf(item, m.series, before?.key ?? nextKey++);
  });
}

/** A row for an item just added at the end; it gets its number when saved. */
export function newRow(case_number: string | null, title: string): SaklisteRow {
  return {
    key: nextKey++,
    id: null,
    case_number,
    title,
    series: 0,
    number: "",
    number_text: "",
    number_plain: "",
    closed: false,
    closed_basis: "",
    added_late: false,
    has_records: false,
  };
}

const orNull = (s: string) => (s.trim() === "" ? null : s.trim());

/**
 * The list for set_sakliste. A row whose item is no longer stored (taken off,
 * and brought back by Angre) is sent as new; once the meeting is held it asks
 * for the number it had, so bringing it back does not give it another.
 */
export function entriesOf(rows: SaklisteRow[], m: Pick<MeetingRecord, "items" | "series" | "status">): SaklisteEntry[] {
  const stored = new Set(m.items.map((i) => i.id));
  return rows.map((r) => {
    const id = r.id !== null && stored.has(r.id) ? r.id : null;
    const back = r.id !== null && id === null && m.status !== "planned" ? r.number_plain : "";
    const typed = withoutPrefix(r.number, m.series[r.series]?.prefix ?? null);
    return {
      id,
      case_number: r.case_number,
      title: orNull(r.title),
      series: r.series,
      number: orNull(typed) ?? orNull(back),
      closed: r.closed,
      closed_basis: r.closed ? orNull(r.closed_basis) : null,
      added_late: r.added_late,
    };
  });
}

/** What a save would send, to tell whether two lists differ. */
function shown(rows: SaklisteRow[]): string {
  return JSON.stringify(
    rows.map((r) => [r.id, r.key, r.case_number, r.title, r.series, r.number.trim(), r.closed, r.closed ? r.closed_basis.trim() : "", r.added_late]),
  );
}

export function sameRows(a: SaklisteRow[], b: SaklisteRow[]): boolean {
  return shown(a) === shown(b);
}

/** The list with row `index` moved `by` places (-1 up, +1 down); the same list when it cannot move. */
export function moved(rows: SaklisteRow[], index: number, by: number): SaklisteRow[] {
  const to = index + by;
  const row = rows[index];
  if (!row || to < 0 || to >= rows.length) return rows;
  const next = rows.filter((_, i) => i !== index);
  next.splice(to, 0, row);
  return next;
}

/** The problems the back end named by row (`items.2.number` → row 2, field "number"). */
export type RowError = { row: number; field: string; message: string };

export function rowErrors(errors: FieldError[]): { rows: RowError[]; other: string[] } {
  const rows: RowError[] = [];
  const other: string[] = [];
  for (const e of errors) {
    const m = /^items[.[](\d+)\]?\.(\w+)$/.exec(e.field);
    if (m) rows.push({ row: Number(m[1]), field: m[2] ?? "", message: e.message });
    else other.push(e.message);
  }
  return { rows, other };
}

/** A series as the select offers it: `PS – Politiske saker`; null when it has neither prefix nor label. */
export function seriesName(s: SeriesRef): string | null {
  const parts = [s.prefix?.trim(), s.label?.trim()].filter((p): p is string => !!p);
  return parts.length > 0 ? parts.join(" – ") : null;
}

/** Whether text is an arkivsak number (`21/1069`, `2021/1069`) rather than words of a title. */
export function looksLikeCaseNumber(text: string): boolean {
  return /^\s*\d{2,4}\s*\/\s*\d+\s*$/.test(text);
}
