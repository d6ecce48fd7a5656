// The only file that calls invoke(): one typed function per Rust command.
import { invoke } from "@tauri-apps/api/core";
import type { AgendaItemView } from "./bindings/AgendaItemView";
import type { AppStatus } from "./bindings/AppStatus";
import type { CaseSummary } from "./bindings/CaseSummary";
import type { CommandError } from "./bindings/CommandError";
import type { PrintResult } from "./bindings/PrintResult";

export type { AgendaItemView, AppStatus, CaseSummary, CommandError, PrintResult };

/** Every failed command rejects with a CommandError; anything else is wrapped into one. */
export function asCommandError(e: unknown): CommandError {
  if (typeof e === "object" && e !== null && "code" in e && "message" in e) {
    return { code: String(e.code), message: String(e.message) };
  }
  return { code: "unknown", message: String(e) };
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
  loadDemo: () => call<CaseSummary[]>("load_demo"),
  listCases: () => call<CaseSummary[]>("list_cases"),
  getAgendaItem: (id: number) => call<AgendaItemView>("get_agenda_item", { id }),
  printSaksprotokoll: (id: number) => call<PrintResult>("print_saksprotokoll", { id }),
};
