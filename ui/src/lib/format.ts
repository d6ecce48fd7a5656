import type { JournalKind } from "./bindings/JournalKind";

const pad = (n: number) => String(n).padStart(2, "0");

/** ISO date `2021-04-15` → `15.04.2021`. Anything else is shown as it is. */
export function formatDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${m[3]}.${m[2]}.${m[1]}` : iso;
}

/**
 * A date as typed, `15.04.2021` (or `5.4.2021`, or `2021-04-15`) → `2021-04-15`;
 * null when it is not a date that exists.
 */
export function parseDate(text: string): string | null {
  const s = text.trim();
  const dotted = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(s);
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  const [y, m, d] = dotted
    ? [Number(dotted[3]), Number(dotted[2]), Number(dotted[1])]
    : iso
      ? [Number(iso[1]), Number(iso[2]), Number(iso[3])]
      : [0, 0, 0];
  if (y < 1000) return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return `${y}-${pad(m)}-${pad(d)}`;
}

/** A moment (RFC 3339, e.g. UTC from the database) in local time: `25.11.2026 kl. 10:42`. */
export function formatDateTime(at: string): string {
  const d = new Date(at);
  if (Number.isNaN(d.getTime())) return at;
  return `${pad(d.getDate())}.${pad(d.getMonth() + 1)}.${d.getFullYear()} kl. ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/**
 * A moment in local time with a full stop in the clock, `24.11.2026 kl. 08.00`,
 * as the backups and what is said about them show it.
 */
export function formatDateTimeDots(at: string): string {
  const d = new Date(at);
  if (Number.isNaN(d.getTime())) return at;
  return `${pad(d.getDate())}.${pad(d.getMonth() + 1)}.${d.getFullYear()} kl. ${pad(d.getHours())}.${pad(d.getMinutes())}`;
}

/** The local clock time of an instant ("10:42"); the text itself when it is not a time. */
export function clockOf(at: string): string {
  const d = new Date(at);
  return Number.isNaN(d.getTime()) ? at : `${String(d.getHours()).padStart(2, "0")}:${String(d.getMinutes()).padStart(2, "0")}`;
}

/** A size in MB (1024 × 1024 bytes) with one decimal and a decimal comma: `0,2 MB`, `14,0 MB`. */
export function formatMegabytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return String(bytes);
  return `${(bytes / (1024 * 1024)).toFixed(1).replace(".", ",")} MB`;
}

/**
 * A count with its thousands set apart by a no-break space, as Norwegian
 * writes them: `100 000`, as toLocaleString("nn") gives it. The list's count
 * is written at start, where the first toLocaleString loads the locale's
 * data: 6–10 ms before the first rows in WebKitGTK.
 */
export function formatCount(n: number): string {
  if (!Number.isSafeInteger(n)) return n.toLocaleString("nn");
  const sign = n < 0 ? "\u2212" : "";
  return sign + String(Math.abs(n)).replace(/\B(?=(\d{3})+$)/g, "\u00a0");
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

/**
 * A file size as people read it, with a Norwegian decimal comma:
 * `512 B`, `12 kB`, `1,4 MB`. Counted in 1024s, as the back end's limits are.
 */
export function formatSize(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return String(bytes);
  if (bytes < 1024) return `${bytes} B`;
  const kb = Math.round(bytes / 1024);
  if (kb < 1024) return `${kb} kB`;
  const mb = bytes / (1024 * 1024);
  const shown = mb < 100 ? mb.toFixed(1).replace(".", ",") : String(Math.round(mb));
  return `${shown} MB`;
}

/** Short names of common media types, for files whose name has no extension. */
const mediaTypeShort: Record<string, string> = {
  "application/pdf": "PDF",
  "application/msword": "DOC",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "DOCX",
  "application/vnd.ms-excel": "XLS",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "XLSX",
  "application/vnd.ms-powerpoint": "PPT",
  "application/vnd.openxmlformats-officedocument.presentationml.presentation": "PPTX",
  "application/vnd.oasis.opendocument.text": "ODT",
  "application/vnd.oasis.opendocument.spreadsheet": "ODS",
  "application/zip": "ZIP",
  "application/xml": "XML",
  "text/plain": "TXT",
  "text/csv": "CSV",
  "text/html": "HTML",
  "text/xml": "XML",
  "image/jpeg": "JPG",
  "image/png": "PNG",
  "image/gif": "GIF",
  "image/tiff": "TIFF",
  "image/svg+xml": "SVG",
  "message/rfc822": "EML",
};

/**
 * A document's type in short: the file name's extension (`PDF`, `DOCX`), or
 * one known from its media type; "" when neither says.
 */
export function fileType(fileName: string, mediaType: string): string {
  const ext = /\.([\p{L}\p{N}]{1,6})$/u.exec(fileName.trim());
  if (ext?.[1]) return ext[1].toUpperCase();
  return mediaTypeShort[mediaType.toLowerCase().split(";")[0]?.trim() ?? ""] ?? "";
}
