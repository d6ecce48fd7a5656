import type { JournalKind } from "./bindings/JournalKind";

const pad = (n: number) => String(n).padStart(2, "0");

/** ISO date `2021-04-15` → `15.04.2021`. Anything else is shown as it is. */
export function formatDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${m[3]}.${m[2]}.${m[1]}` : iso;
}

/** A moment (RFC 3339, e.g. UTC from the database) in local time: `25.11.2026 kl. 10:42`. */
export function formatDateTime(at: string): string {
  const d = new Date(at);
  if (Number.isNaN(d.getTime())) return at;
  return `${pad(d.getDate())}.${pad(d.getMonth() + 1)}.${d.getFullYear()} kl. ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** Today on this machine as yyyy-mm-dd. */
export function todayIso(now: Date = new Date()): string {
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** Arkivsak number as Noark prints it: `{year: 2021, seq: 1069}` → `21/1069`. */
export function caseNumber(n: { year: number; seq: number } | null): string {
  return n ? `${String(n.year % 100).padStart(2, "0")}/${n.seq}` : "";
}

/** Journalpost number: the case number and the document's number, `21/1069-3`. */
export function journalNumber(n: { case: { year: number; seq: number }; doc: number }): string {
  return `${caseNumber(n.case)}-${n.doc}`;
}

/** Utvalssak number: `{year: 2021, seq: 54}` → `54/21`. */
export function agendaNumber(n: { year: number; seq: number }): string {
  return `${n.seq}/${String(n.year % 100).padStart(2, "0")}`;
}

/** The Noark letter of a journalpost type, as journals print it. */
export const journalLetter: Record<JournalKind, string> = {
  incoming: "I",
  outgoing: "U",
  memo: "N",
  memo_no_follow_up: "X",
  case_presentation: "S",
};

/** At most `max` characters, cut at a word boundary where there is one, with `…` when cut. */
export function shorten(text: string, max: number): string {
  const chars = [...text.trim()];
  if (chars.length <= max) return chars.join("");
  const cut = chars.slice(0, max).join("");
  // Cut inside a word: go back to the space before it, unless that loses too much.
  const space = /\s/.test(chars[max] ?? "") ? cut.length : cut.lastIndexOf(" ");
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()} …`;
}

/** Length in characters (code points), as the back end counts it. */
export function charCount(text: string): number {
  return [...text].length;
}

/**
 * Whether `text` holds a word the search index can look for: a letter or a
 * digit. The back end splits words the same way (anything else separates).
 */
export function hasWord(text: string): boolean {
  return /[\p{Alphabetic}\p{N}]/u.test(text);
}
