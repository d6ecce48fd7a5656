// What the case form edits, how it becomes a CaseInput, and the unsaved
// draft of a new case kept in localStorage so no typing is lost.

import type { CaseInput } from "./bindings/CaseInput";
import type { CaseRecord } from "./bindings/CaseRecord";
import type { CaseStatus } from "./bindings/CaseStatus";
import type { NewCaseDefaults } from "./bindings/NewCaseDefaults";
import { asCode, caseStatuses } from "./codes";
import { formatDate } from "./format";

/** The form's fields as typed; dates as the user sees them (dd.mm.yyyy). */
export type CaseFormFields = {
  number: string;
  title: string;
  status: CaseStatus;
  officer: string;
  unit: string;
  classification: string;
  /** The "Skjerma" checkbox; the heimel and public title count only when it is ticked. */
  screened: boolean;
  screening_basis: string;
  public_title: string;
  opened_on: string;
  closed_on: string;
  notes: string;
};

/** A field of CaseInput, as field errors name them. */
export type CaseField = keyof CaseInput;

/** Each field's input element id, in the order the form shows them. */
export const caseFieldIds: [CaseField, string][] = [
  ["number", "case-number"],
  ["title", "case-title"],
  ["status", "case-status"],
  ["officer", "case-officer"],
  ["unit", "case-unit"],
  ["classification", "case-classification"],
  ["screening_basis", "case-screening-basis"],
  ["public_title", "case-public-title"],
  ["opened_on", "case-opened"],
  ["closed_on", "case-closed"],
  ["notes", "case-notes"],
];

export function newCaseFields(d: NewCaseDefaults): CaseFormFields {
  return {
    number: "",
    title: "",
    status: "in_progress",
    officer: "",
    unit: "",
    classification: "",
    screened: false,
    screening_basis: "",
    public_title: "",
    opened_on: formatDate(d.opened_on),
    closed_on: "",
    notes: "",
  };
}

export function caseFieldsOf(c: CaseRecord): CaseFormFields {
  return {
    number: "",
    title: c.title,
    status: c.status,
    officer: c.officer ?? "",
    unit: c.unit ?? "",
    classification: c.classification ?? "",
    screened: c.screening_basis !== null,
    screening_basis: c.screening_basis ?? "",
    public_title: c.public_title ?? "",
    opened_on: c.opened_on ? formatDate(c.opened_on) : "",
    closed_on: c.closed_on ? formatDate(c.closed_on) : "",
    notes: c.notes ?? "",
  };
}

const orNull = (s: string) => (s.trim() === "" ? null : s);

/** The CaseInput for the back end; it trims and checks every field. */
export function caseInputOf(f: CaseFormFields): CaseInput {
  return {
    number: orNull(f.number),
    title: f.title,
    public_title: f.screened ? orNull(f.public_title) : null,
    status: f.status,
    officer: orNull(f.officer),
    unit: orNull(f.unit),
    classification: orNull(f.classification),
    screening_basis: f.screened ? orNull(f.screening_basis) : null,
    opened_on: f.opened_on,
    closed_on: orNull(f.closed_on),
    notes: orNull(f.notes),
  };
}

export const sameFields = (a: CaseFormFields, b: CaseFormFields) => JSON.stringify(a) === JSON.stringify(b);

// The draft of a new case

const DRAFT_KEY = "saksbok.draft.newCase";

export type CaseDraft = { savedAt: string; fields: CaseFormFields };

const TEXT_FIELDS = [
  "number",
  "title",
  "officer",
  "unit",
  "classification",
  "screening_basis",
  "public_title",
  "opened_on",
  "closed_on",
  "notes",
] as const;

/** Whether `v` (read back from storage) has every field with the right type. */
function isFields(v: unknown): v is CaseFormFields {
  if (typeof v !== "object" || v === null) return false;
  const r = v as Record<string, unknown>;
  return (
    TEXT_FIELDS.every((k) => typeof r[k] === "string") &&
    typeof r.screened === "boolean" &&
    typeof r.status === "string" &&
    asCode(caseStatuses, r.status) !== undefined
  );
}

/** The saved draft, if there is a readable one. */
export function loadDraft(): CaseDraft | null {
  try {
    const raw = localStorage.getItem(DRAFT_KEY);
    if (!raw) return null;
    const v: unknown = JSON.parse(raw);
    if (typeof v === "object" && v !== null && "savedAt" in v && "fields" in v) {
      const { savedAt, fields } = v;
      if (typeof savedAt === "string" && isFields(fields)) return { savedAt, fields };
    }
  } catch {
    // Unreadable or no storage: there is no draft to offer.
  }
  return null;
}

export function saveDraft(fields: CaseFormFields, now: Date = new Date()): void {
  try {
    localStorage.setItem(DRAFT_KEY, JSON.stringify({ savedAt: now.toISOString(), fields }));
  } catch {
    // Storage full or private mode: the form still works, only without a draft.
  }
}

export function clearDraft(): void {
  try {
    localStorage.removeItem(DRAFT_KEY);
  } catch {
    // Nothing to clear.
  }
}
