// What the agreement form edits, as typed (dates as dd.mm.yyyy, months as
// digits, selects as their codes or ""), and how it becomes the
// AgreementInput the back end checks field by field. Also the words of
// Fristar: how far off a deadline is.

import type { AgreementInput } from "./bindings/AgreementInput";
import type { AgreementKind } from "./bindings/AgreementKind";
import type { Deadline } from "./bindings/Deadline";
import type { OrganisationForm } from "./bindings/OrganisationForm";
import type { PartyRole } from "./bindings/PartyRole";
import type { TaskInput } from "./bindings/TaskInput";
import type { TaskRecord } from "./bindings/TaskRecord";
import type { TaskStatus } from "./bindings/TaskStatus";
import type { TermKind } from "./bindings/TermKind";
import { formatDate } from "./format";

export const KINDS: AgreementKind[] = [
  "samarbeidsavtale",
  "vertskommuneavtale",
  "selskapsavtale",
  "tenesteavtale",
  "databehandlaravtale",
  "anna",
];
export const FORMS: OrganisationForm[] = [
  "vertskommune",
  "vertskommune_nemnd",
  "oppgavefellesskap",
  "iks",
  "aksjeselskap",
  "kontrakt",
];
export const ROLES: PartyRole[] = ["vertskommune", "deltakar", "leverandor", "anna"];
export const TERMS: TermKind[] = ["fixed", "renewing", "open_ended"];
export const TASK_STATUSES: TaskStatus[] = ["ikkje_starta", "i_gang", "ferdig"];

/** The legal basis each organisation form has (the back end fills it in the same way). */
export const LEGAL_BASIS: Record<OrganisationForm, string> = {
  vertskommune: "kommunelova § 20-2",
  vertskommune_nemnd: "kommunelova § 20-3",
  oppgavefellesskap: "kommunelova kapittel 19",
  iks: "lov om interkommunale selskap",
  aksjeselskap: "aksjelova",
  kontrakt: "avtalelova",
};

/**
 * The legal basis once the organisation form changes: a basis that is one
 * of the forms' own (filled in from the form when the agreement was saved)
 * is emptied, so the new form's applies; one written by hand stays.
 */
export function legalBasisAfterFormChange(basis: string): string {
  return (Object.values(LEGAL_BASIS) as string[]).includes(basis.trim()) ? "" : basis;
}

export type PartyFields = { key: number; name: string; orgnr: string; role: PartyRole | ""; contact: string };

export type AgreementFields = {
  title: string;
  kind: AgreementKind | "";
  organisation_form: OrganisationForm | "";
  legal_basis: string;
  purpose: string;
  scope: string;
  governing_body: string;
  cost_sharing: string;
  fullmakt: string;
  start_date: string;
  term_kind: TermKind | "";
  end_date: string;
  renew_months: string;
  notice_months: string;
  review_date: string;
  notes: string;
  parties: PartyFields[];
};

let nextKey = 1;
/** A key for a party row, so the list keeps each row's focus when one is removed. */
export const partyKey = () => nextKey++;

export function emptyParty(): PartyFields {
  return { key: partyKey(), name: "", orgnr: "", role: "", contact: "" };
}

/** A new agreement: two empty party rows (most agreements have two or more parties). */
export function newAgreementFields(): AgreementFields {
  return {
    title: "",
    kind: "",
    organisation_form: "",
    legal_basis: "",
    purpose: "",
    scope: "",
    governing_body: "",
    cost_sharing: "",
    fullmakt: "",
    start_date: "",
    term_kind: "",
    end_date: "",
    renew_months: "",
    notice_months: "",
    review_date: "",
    notes: "",
    parties: [emptyParty(), emptyParty()],
  };
}

const text = (s: string | null) => s ?? "";
const num = (n: number | null) => (n === null ? "" : String(n));

/** The form as the stored agreement fills it (the back end gives dates as dd.mm.yyyy). */
export function agreementFieldsOf(i: AgreementInput): AgreementFields {
  return {
    title: i.title,
    kind: i.kind ?? "",
    organisation_form: i.organisation_form ?? "",
    legal_basis: text(i.legal_basis),
    purpose: text(i.purpose),
    scope: text(i.scope),
    governing_body: text(i.governing_body),
    cost_sharing: text(i.cost_sharing),
    fullmakt: text(i.fullmakt),
    start_date: text(i.start_date),
    term_kind: i.term_kind ?? "",
    end_date: text(i.end_date),
    renew_months: num(i.renew_months),
    notice_months: num(i.notice_months),
    review_date: text(i.review_date),
    notes: text(i.notes),
    parties: i.parties.map((p) => ({
      key: partyKey(),
      name: p.name,
      orgnr: text(p.orgnr),
      role: p.role ?? "",
      contact: text(p.contact),
    })),
  };
}

const orNull = (s: string) => (s.trim() === "" ? null : s.trim());

/** Months as typed: digits only; anything else is a problem the form names itself. */
export function months(s: string): number | null | "bad" {
  const v = s.trim();
  if (v === "") return null;
  return /^\d{1,4}$/.test(v) ? Number(v) : "bad";
}

/** True when a party row is all empty: such rows are left out rather than refused. */
const blankParty = (p: PartyFields) => [p.name, p.orgnr, p.contact].every((v) => v.trim() === "") && p.role === "";

/**
 * The input for the back end. Month fields that are not whole numbers are
 * returned in `bad` for the form to show (the back end never sees them).
 */
export function agreementInputOf(f: AgreementFields): { input: AgreementInput; bad: string[] } {
  const bad: string[] = [];
  const m = (field: "renew_months" | "notice_months") => {
    const v = months(f[field]);
    if (v === "bad") {
      bad.push(field);
      return null;
    }
    return v;
  };
  const term = f.term_kind === "" ? null : f.term_kind;
  const input: AgreementInput = {
    title: f.title.trim(),
    kind: f.kind === "" ? null : f.kind,
    organisation_form: f.organisation_form === "" ? null : f.organisation_form,
    legal_basis: orNull(f.legal_basis),
    purpose: orNull(f.purpose),
    scope: orNull(f.scope),
    governing_body: orNull(f.governing_body),
    cost_sharing: orNull(f.cost_sharing),
    fullmakt: orNull(f.fullmakt),
    start_date: orNull(f.start_date),
    term_kind: term,
    // An open-ended agreement has no end and no renewal: what was typed for another term is not sent.
    end_date: term === "open_ended" ? null : orNull(f.end_date),
    renew_months: term === "renewing" ? m("renew_months") : null,
    notice_months: m("notice_months"),
    review_date: orNull(f.review_date),
    notes: orNull(f.notes),
    parties: f.parties
      .filter((p) => !blankParty(p))
      .map((p) => ({
        name: p.name.trim(),
        orgnr: orNull(p.orgnr),
        role: p.role === "" ? null : p.role,
        contact: orNull(p.contact),
      })),
  };
  return { input, bad };
}

/**
 * The back end names a party's field by its place among the parties it was
 * sent ("parties.1.orgnr"); the form's rows include blank ones it left out.
 * Returns the row key the error belongs to.
 */
export function partyRowOf(f: AgreementFields, field: string): { key: number; part: string } | null {
  const m = /^parties\.(\d+)\.(\w+)$/.exec(field);
  if (!m) return null;
  const sent = f.parties.filter((p) => !blankParty(p));
  const row = sent[Number(m[1])];
  return row ? { key: row.key, part: m[2] ?? "" } : null;
}

/** What the task row edits. */
export type TaskFields = { title: string; responsible: string; due: string; status: TaskStatus; notes: string };

export function taskFieldsOf(t: TaskRecord): TaskFields {
  return {
    title: t.title,
    responsible: text(t.responsible),
    due: t.due ? formatDate(t.due) : "",
    status: t.status,
    notes: text(t.notes),
  };
}

export function newTaskFields(): TaskFields {
  return { title: "", responsible: "", due: "", status: "ikkje_starta", notes: "" };
}

export function taskInputOf(f: TaskFields): TaskInput {
  return {
    title: f.title.trim(),
    responsible: orNull(f.responsible),
    due: orNull(f.due),
    status: f.status,
    notes: orNull(f.notes),
  };
}

/** Fristar groups: overdue first, then those within a week, then later. */
export function groupDeadlines(items: Deadline[]): { overdue: Deadline[]; week: Deadline[]; later: Deadline[] } {
  return {
    overdue: items.filter((d) => d.overdue),
    week: items.filter((d) => !d.overdue && d.days_left <= 7),
    later: items.filter((d) => !d.overdue && d.days_left > 7),
  };
}
