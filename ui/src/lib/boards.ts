// What the Utval screen edits: a board's settings and its members per term,
// as the forms show them (dates as dd.mm.yyyy), and how they become the
// BoardSettings and TermMembers the back end takes.

import type { BoardSettings } from "./bindings/BoardSettings";
import type { NumberFormat } from "./bindings/NumberFormat";
import type { Role } from "./bindings/Role";
import type { TermMember } from "./bindings/TermMember";
import type { TextLanguage } from "./bindings/TextLanguage";
import { formatDate, parseDate } from "./format";

export type FormatKind = NumberFormat["kind"];
export const formatKinds: FormatKind[] = ["seq_year", "padded_seq_year", "year_seq"];
export const paddedWidths = [2, 3, 4] as const;

/** The settings form's fields as typed. */
export type BoardFields = {
  name: string;
  code: string;
  series: { prefix: string; label: string }[];
  format: FormatKind;
  /** Digits of a padded number; counts only with `padded_seq_year`. */
  width: string;
  default_place: string;
  language: TextLanguage;
  /** One recipient a line. */
  distribution: string;
};

export function newBoardFields(language: TextLanguage = "nn"): BoardFields {
  return {
    name: "",
    code: "",
    series: [{ prefix: "", label: "" }],
    format: "seq_year",
    width: "3",
    default_place: "",
    language,
    distribution: "",
  };
}

export function boardFieldsOf(s: BoardSettings): BoardFields {
  return {
    name: s.name,
    code: s.code ?? "",
    series: s.series.length > 0 ? s.series.map((x) => ({ prefix: x.prefix ?? "", label: x.label ?? "" })) : [{ prefix: "", label: "" }],
    format: s.number_format.kind,
    width: s.number_format.kind === "padded_seq_year" ? String(s.number_format.width) : "3",
    default_place: s.default_place ?? "",
    language: s.language,
    distribution: s.distribution.join("\n"),
  };
}

const orNull = (s: string) => (s.trim() === "" ? null : s.trim());

function numberFormatOf(f: BoardFields): NumberFormat {
  if (f.format === "padded_seq_year") return { kind: "padded_seq_year", width: Number(f.width) };
  return { kind: f.format };
}

/** The BoardSettings for the back end; it checks every field. */
export function boardSettingsOf(f: BoardFields): BoardSettings {
  return {
    name: f.name.trim(),
    code: orNull(f.code),
    series: f.series.map((x) => ({ prefix: orNull(x.prefix), label: orNull(x.label) })),
    number_format: numberFormatOf(f),
    default_place: orNull(f.default_place),
    language: f.language,
    distribution: f.distribution
      .split("\n")
      .map((line) => line.trim())
      .filter((line) => line !== ""),
  };
}

/** Sak 54 of 2021 in a number format: `54/21`, `054/21`, `2021/54`. */
export function formatAgendaNumber(format: NumberFormat, seq = 54, year = 2021): string {
  const yy = String(year % 100).padStart(2, "0");
  switch (format.kind) {
    case "seq_year":
      return `${seq}/${yy}`;
    case "padded_seq_year":
      return `${String(seq).padStart(format.width, "0")}/${yy}`;
    case "year_seq":
      return `${year}/${seq}`;
  }
}

/** How the board's numbers look, with the first series' prefix: `54/21`, `PS 054/21`. */
export function numberExample(s: Pick<BoardSettings, "series" | "number_format">): string {
  const prefix = s.series[0]?.prefix?.trim();
  const n = formatAgendaNumber(s.number_format);
  return prefix ? `${prefix} ${n}` : n;
}

/** The example the form shows while it is edited. */
export function fieldsExample(f: BoardFields): string {
  const width = Number(f.width);
  const format: NumberFormat =
    f.format === "padded_seq_year" ? { kind: f.format, width: width >= 1 && width <= 9 ? width : 3 } : { kind: f.format };
  return numberExample({ series: [{ prefix: f.series[0]?.prefix ?? null, label: null }], number_format: format });
}

/** Seats held on `today` (yyyy-mm-dd): the members of the current term, without varamedlemer. */
export function currentSeats(members: TermMember[], today: string): number {
  return members.filter(
    (m) =>
      m.membership.kind === "seat" &&
      (m.term_from === null || m.term_from <= today) &&
      (m.term_to === null || m.term_to >= today),
  ).length;
}

/** The role select's value: a seat's role, or "substitute" (varamedlem). */
export type RoleChoice = Role | "substitute";
export const roleChoices: RoleChoice[] = ["chair", "deputy_chair", "member", "substitute"];

/** A row of the members table as typed. `key` only tells the rows apart. */
export type MemberFields = {
  key: number;
  name: string;
  party: string;
  role: RoleChoice;
  /** The varamedlem's number (1, 2, …); counts only for "substitute". */
  order: string;
  from: string;
  to: string;
};

let nextKey = 1;

export function newMemberFields(): MemberFields {
  return { key: nextKey++, name: "", party: "", role: "member", order: "", from: "", to: "" };
}

export function memberFieldsOf(m: TermMember): MemberFields {
  return {
    key: nextKey++,
    name: m.name,
    party: m.party ?? "",
    role: m.membership.kind === "seat" ? m.membership.role : "substitute",
    order: m.membership.kind === "substitute" ? String(m.membership.order) : "",
    from: m.term_from ? formatDate(m.term_from) : "",
    to: m.term_to ? formatDate(m.term_to) : "",
  };
}

/** The rows without their keys, to tell whether anything was changed. */
export function sameMembers(a: MemberFields[], b: MemberFields[]): boolean {
  const shown = (rows: MemberFields[]) => JSON.stringify(rows.map((r) => [r.name, r.party, r.role, r.order, r.from, r.to]));
  return shown(a) === shown(b);
}

export type MemberProblems = {
  /** "Rad 2: «31.02.2021» er ikkje ein dato …" */
  dateInvalid: (row: number, text: string) => string;
  orderInvalid: (row: number) => string;
};

/**
 * The TermMembers for the back end, or what stops them from being sent:
 * a date that is not one, or a varamedlem without a number. The back end
 * checks the rest (names, one leiar a term, …).
 */
export function termMembersOf(
  rows: MemberFields[],
  say: MemberProblems,
): { members: TermMember[]; errors: string[] } {
  const errors: string[] = [];
  const members = rows.map((r, i): TermMember => {
    const row = i + 1;
    const date = (text: string) => {
      if (text.trim() === "") return null;
      const iso = parseDate(text);
      if (iso === null) errors.push(say.dateInvalid(row, text.trim()));
      return iso;
    };
    let order = 0;
    if (r.role === "substitute") {
      order = /^\d{1,4}$/.test(r.order.trim()) ? Number(r.order.trim()) : 0;
      if (order < 1) errors.push(say.orderInvalid(row));
    }
    return {
      name: r.name.trim(),
      party: orNull(r.party),
      membership: r.role === "substitute" ? { kind: "substitute", order } : { kind: "seat", role: r.role },
      term_from: date(r.from),
      term_to: date(r.to),
    };
  });
  return { members, errors };
}

/** The row a back-end message names ("Rad 2: …"), if it names one. */
export function rowOf(message: string): number | null {
  const m = /^Rad (\d+)\b/.exec(message);
  return m ? Number(m[1]) : null;
}
