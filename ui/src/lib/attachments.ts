// Vedlegg as the window edits them — a sak's (in its record) or the
// møtebok's own: rows on screen, what is sent, and where the back end's
// problems belong.
import type { Attachment } from "./bindings/Attachment";
import type { FieldError } from "./bindings/FieldError";
import { newKey } from "./rowKey";

/** A vedlegg on screen: `document` is one document's UUID of the journalpost, "" for the journalpost as a whole. */
export type AttachmentRow = { key: number; title: string; journal: string; document: string };

/** A problem of one row: `field` is "title", "journal_entry" or "document". */
export type AttachmentProblem = { on: "attachment"; key: number; field: string; message: string };

export const journalText = (a: Attachment) =>
  a.journal_entry ? `${String(a.journal_entry.case.year % 100).padStart(2, "0")}/${a.journal_entry.case.seq}-${a.journal_entry.doc}` : "";

/** "21/1069-3" (or 2021/1069-3) as a journalpost number; undefined when it is not one, null when empty. */
export function parseJournal(text: string): Attachment["journal_entry"] | undefined {
  const s = text.trim();
  if (s === "") return null;
  const m = /^(\d{2}|\d{4})\/(\d{1,6})-(\d{1,5})$/.exec(s);
  if (!m) return undefined;
  const y = Number(m[1]);
  return { case: { year: y < 100 ? 2000 + y : y, seq: Number(m[2]) }, doc: Number(m[3]) };
}

/** Rows for `list`; with `keys` (those of the rows sent), each row keeps its key, so the row on screen stays. */
export const rowsOf = (list: Attachment[], keys: number[] = []): AttachmentRow[] =>
  list.map((a, i) => ({ key: keys[i] ?? newKey(), title: a.title, journal: journalText(a), document: a.document ?? "" }));

/** The rows as sent, blank ones left out, and the key of each row sent (for the back end's "attachments.N"). */
export function attachmentsOf(rows: AttachmentRow[]): { list: Attachment[]; keys: number[] } {
  const kept = rows.filter((a) => a.title.trim() !== "" || a.journal.trim() !== "");
  return {
    list: kept.map((a) => ({
      title: a.title.trim(),
      journal_entry: parseJournal(a.journal) ?? null,
      ...(a.document ? { document: a.document } : {}),
    })),
    keys: kept.map((a) => a.key),
  };
}

/** Rows whose journalpost number is not one: found before sending. */
export const journalProblems = (rows: AttachmentRow[], message: string): AttachmentProblem[] =>
  rows.filter((a) => parseJournal(a.journal) === undefined).map((a) => ({ on: "attachment", key: a.key, field: "journal_entry", message }));

/** The back end's "attachments.N.field" errors on the rows sent with `keys`; others are left for the caller. */
export function attachmentProblemsOf(errors: FieldError[], keys: number[]): { rows: AttachmentProblem[]; other: FieldError[] } {
  const rows: AttachmentProblem[] = [];
  const other: FieldError[] = [];
  for (const e of errors) {
    const [what, i, sub] = e.field.split(".");
    const key = what === "attachments" ? keys[Number(i)] : undefined;
    if (key === undefined) other.push(e);
    else rows.push({ on: "attachment", key, field: sub ?? "title", message: e.message });
  }
  return { rows, other };
}

/** The message of a row's field ("title" also shows what is said of the row as a whole). */
export const rowProblem = (problems: readonly { on: string; key?: number; field?: string; message: string }[], key: number, field: string) =>
  problems
    .flatMap((p) => (p.on === "attachment" && p.key === key && (p.field === field || (field === "title" && p.field === "")) ? [p.message] : []))
    .join(" ");

/** As the møtebok prints it: "Presentasjon (21/1069-5)", or the title alone. */
export const minutesLine = (a: Attachment) => (a.journal_entry ? `${a.title} (${journalText(a)})` : a.title);
