// The only file that calls invoke(): one typed function per Rust command.
// Tauri turns the Rust parameter names (snake_case) into camelCase keys.
import { invoke } from "@tauri-apps/api/core";
import type { AgendaItemView } from "./bindings/AgendaItemView";
import type { AppStatus } from "./bindings/AppStatus";
import type { CaseDetail } from "./bindings/CaseDetail";
import type { CaseFilterOptions } from "./bindings/CaseFilterOptions";
import type { CaseInput } from "./bindings/CaseInput";
import type { CasePage } from "./bindings/CasePage";
import type { CaseQuery } from "./bindings/CaseQuery";
import type { CaseRecord } from "./bindings/CaseRecord";
import type { CaseRow } from "./bindings/CaseRow";
import type { CaseSort } from "./bindings/CaseSort";
import type { CaseStatus } from "./bindings/CaseStatus";
import type { CommandError } from "./bindings/CommandError";
import type { FieldChange } from "./bindings/FieldChange";
import type { FieldError } from "./bindings/FieldError";
import type { HistoryEntry } from "./bindings/HistoryEntry";
import type { JournalInput } from "./bindings/JournalInput";
import type { JournalKind } from "./bindings/JournalKind";
import type { JournalNumber } from "./bindings/JournalNumber";
import type { JournalRecord } from "./bindings/JournalRecord";
import type { JournalStatus } from "./bindings/JournalStatus";
import type { NewCaseDefaults } from "./bindings/NewCaseDefaults";
import type { PrintResult } from "./bindings/PrintResult";
import type { SaksgangStep } from "./bindings/SaksgangStep";
import type { SnippetPart } from "./bindings/SnippetPart";

export type {
  AgendaItemView,
  AppStatus,
  CaseDetail,
  CaseFilterOptions,
  CaseInput,
  CasePage,
  CaseQuery,
  CaseRecord,
  CaseRow,
  CaseSort,
  CaseStatus,
  CommandError,
  FieldChange,
  FieldError,
  HistoryEntry,
  JournalInput,
  JournalKind,
  JournalNumber,
  JournalRecord,
  JournalStatus,
  NewCaseDefaults,
  PrintResult,
  SaksgangStep,
  SnippetPart,
};

function isFieldError(v: unknown): v is FieldError {
  return typeof v === "object" && v !== null && "field" in v && "message" in v;
}

/** Every failed command rejects with a CommandError; anything else is wrapped into one. */
export function asCommandError(e: unknown): CommandError {
  if (typeof e === "object" && e !== null && "code" in e && "message" in e) {
    const fields = "fields" in e && Array.isArray(e.fields) ? e.fields.filter(isFieldError) : [];
    return {
      code: String(e.code),
      message: String(e.message),
      fields: fields.map((f) => ({ field: String(f.field), message: String(f.message) })),
    };
  }
  return { code: "unknown", message: String(e), fields: [] };
}

async function call<T>(cmd: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(cmd, args);
  } catch (e) {
    throw asCommandError(e);
  }
}

export const api = {
  appStatus: () => call<AppStatus>("app_status"),
  reopenDatabase: () => call<AppStatus>("reopen_database"),
  loadDemo: () => call<null>("load_demo"),
  listCases: (query: CaseQuery) => call<CasePage>("list_cases", { query }),
  caseFilterOptions: () => call<CaseFilterOptions>("case_filter_options"),
  getCase: (id: number) => call<CaseDetail>("get_case", { id }),
  newCaseDefaults: () => call<NewCaseDefaults>("new_case_defaults"),
  validateCase: (input: CaseInput, editing: number | null) =>
    call<FieldError[]>("validate_case", { input, editing }),
  createCase: (input: CaseInput) => call<CaseRecord>("create_case", { input }),
  updateCase: (id: number, input: CaseInput) => call<CaseRecord>("update_case", { id, input }),
  addJournalEntry: (caseId: number, input: JournalInput) =>
    call<JournalRecord>("add_journal_entry", { caseId, input }),
  getAgendaItem: (id: number) => call<AgendaItemView>("get_agenda_item", { id }),
  printSaksprotokoll: (id: number) => call<PrintResult>("print_saksprotokoll", { id }),
};
