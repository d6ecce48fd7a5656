// The history (audit log) of a case as people read it.

import type { FieldChange } from "./bindings/FieldChange";
import type { HistoryEntry } from "./bindings/HistoryEntry";
import { asCode, caseStatuses, journalKinds, journalStatuses } from "./codes";
import { formatDate, formatDateTime, formatSize } from "./format";
import { lookup, type Texts } from "./i18n.svelte";

/** "25.11.2026 kl. 10:42 · kari · Sak 26/1 endra" */
export function historyLine(h: HistoryEntry, tx: Texts): string {
  const what = [lookup(tx.historyEntity, h.entity), h.subject, lookup(tx.historyAction, h.action)].filter(Boolean);
  return [formatDateTime(h.at), h.actor, what.join(" ")].join(" · ");
}

/** A stored value as the user knows it: codes by their label, ISO dates as dd.mm.yyyy. */
function shownValue(entity: string, field: string, value: string, tx: Texts): string {
  if (field === "status") {
    const journal = entity === "journal_entry" ? asCode(journalStatuses, value) : undefined;
    if (journal) return tx.journalStatus[journal];
    const status = asCode(caseStatuses, value);
    if (status) return tx.caseStatus[status];
  }
  if (entity === "document" && field === "size" && /^\d+$/.test(value)) return formatSize(Number(value));
  if (field === "kind") {
    const kind = asCode(journalKinds, value);
    if (kind) return tx.journalKind[kind];
  }
  return formatDate(value);
}

/** The changes a history entry lists: internal identifiers (uuid) are left out. */
export function shownChanges(h: HistoryEntry): FieldChange[] {
  return h.changes.filter((c) => c.field !== "uuid");
}

/** "Tittel: «Gamal» → «Ny»", or "Tittel: «Ny»" for a value set when the record was created. */
export function changeLine(entity: string, action: string, c: FieldChange, tx: Texts): string {
  const label =
    entity === "journal_entry" && c.field === "number" ? tx.journalNumberField : lookup(tx.historyField, c.field);
  const value = (v: string | null) => (v === null ? tx.emptyValue : `«${shownValue(entity, c.field, v, tx)}»`);
  return action === "create" ? `${label}: ${value(c.after)}` : `${label}: ${value(c.before)} → ${value(c.after)}`;
}
