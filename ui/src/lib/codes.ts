// Every value of the back end's code enums, in the order the UI offers them.

import type { CaseSort } from "./bindings/CaseSort";
import type { CaseStatus } from "./bindings/CaseStatus";
import type { JournalKind } from "./bindings/JournalKind";
import type { JournalStatus } from "./bindings/JournalStatus";

export const caseStatuses: readonly CaseStatus[] = ["opened", "in_progress", "closed_by_officer", "closed", "cancelled"];
export const caseSorts: readonly CaseSort[] = ["number_desc", "number_asc", "title", "relevance"];
export const journalKinds: readonly JournalKind[] = [
  "incoming",
  "outgoing",
  "memo",
  "memo_no_follow_up",
  "case_presentation",
];
export const journalStatuses: readonly JournalStatus[] = [
  "registered",
  "finalised",
  "dispatched",
  "journalised",
  "archived",
  "cancelled",
];

/** `value` as one of `codes`, or undefined when it is none of them. */
export function asCode<T extends string>(codes: readonly T[], value: string): T | undefined {
  return codes.find((c) => c === value);
}
