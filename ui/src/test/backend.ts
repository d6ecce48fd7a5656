// Test helpers: a mocked back end (Tauri IPC) and records to answer with.
import { mockIPC } from "@tauri-apps/api/mocks";
import type {
  AgendaItemView,
  AppStatus,
  BackupEntry,
  BackupList,
  BoardRecord,
  CaseDetail,
  CasePage,
  CaseQuery,
  CaseRecord,
  CaseRow,
  DocumentRecord,
  NewCaseDefaults,
  PhrasesView,
  SettingsView,
} from "../lib/api";
import type { Phrases } from "../lib/bindings/Phrases";
import type { LayoutView } from "../lib/bindings/LayoutView";
import type { ProtocolLayout } from "../lib/bindings/ProtocolLayout";

export type Args = Record<string, unknown>;
/**
 * One recorded call. A raw call (`invoke(cmd, bytes, { headers })`) has its
 * bytes in `body` and empty `args`; `headers` are the options' headers, if any.
 */
export type Call = { cmd: string; args: Args; body?: Uint8Array; headers?: Record<string, string> };
type Handler = (args: Args, call: Call) => unknown;

/** What invoke() sends: named arguments, or raw bytes. (Only lib/api.ts imports the core module.) */
type InvokeArgs = NonNullable<Parameters<Parameters<typeof mockIPC>[0]>[1]>;
type InvokeOptions = { headers?: Headers | Record<string, string> };
type Invoke = (cmd: string, args?: InvokeArgs, options?: InvokeOptions) => Promise<unknown>;

function headersOf(options?: InvokeOptions): Record<string, string> | undefined {
  const h = options?.headers;
  if (!h) return undefined;
  const out: Record<string, string> = {};
  if (typeof (h as Headers).forEach === "function") (h as Headers).forEach((v, k) => (out[k.toLowerCase()] = v));
  else for (const [k, v] of Object.entries(h)) out[k.toLowerCase()] = v;
  return out;
}

const isRaw = (args: InvokeArgs | undefined): args is Uint8Array | ArrayBuffer | number[] =>
  ArrayBuffer.isView(args) || args instanceof ArrayBuffer || Array.isArray(args);

/**
 * Answers each command with its handler and records every call. A command
 * without a handler fails the way the back end would, so a test sees it.
 * With `events`, listen() and emit() work too (emit from the test to play
 * an event from Rust).
 *
 * mockIPC hands its callback only (cmd, payload), not invoke's options, so
 * the mocked `invoke` is wrapped to record the call with its headers first.
 */
export function backend(handlers: Record<string, Handler>, options: { events?: boolean } = {}): Call[] {
  const calls: Call[] = [];
  let current: Call | null = null;
  mockIPC((cmd) => {
    const call = current ?? { cmd, args: {} };
    current = null;
    const h = handlers[cmd];
    if (!h) throw { code: "test", message: `uventa kommando ${cmd}`, fields: [] };
    return h(call.args, call);
  }, { shouldMockEvents: options.events ?? false });
  const internals = (window as unknown as { __TAURI_INTERNALS__: { invoke: Invoke } }).__TAURI_INTERNALS__;
  const mocked = internals.invoke;
  internals.invoke = (cmd, args, options) => {
    const raw = isRaw(args);
    const call: Call = {
      cmd,
      args: raw ? {} : ((args ?? {}) as Args),
      body: raw ? Uint8Array.from(ArrayBuffer.isView(args) ? args : new Uint8Array(args)) : undefined,
      headers: headersOf(options),
    };
    calls.push(call);
    // The mocked invoke calls the callback above before it returns.
    current = call;
    return mocked(cmd, args, options);
  };
  return calls;
}

export const queries = (calls: Call[]): CaseQuery[] =>
  calls.filter((c) => c.cmd === "list_cases").map((c) => c.args.query as CaseQuery);

export const okStatus = (empty: boolean): AppStatus => ({
  db_path: "/home/kari/.local/share/no.kommune.luster.saksbok/saksbok.sqlite3",
  db_error: null,
  backup_error: null,
  empty,
  municipality: "Luster kommune",
  version: "0.1.0",
});

export const demoRow: CaseRow = {
  id: 1,
  number: { year: 2021, seq: 1069 },
  title: "IKT-samarbeid. Etablering av avtale med SYS-IKT",
  status: "in_progress",
  officer: "Kari Nordheim",
  opened_on: "2021-03-02",
  screened: false,
  snippet: [],
};

/** Row `i` of a long, made-up register: newest number first. */
export function syntheticRow(i: number): CaseRow {
  return {
    id: 100_000 - i,
    number: { year: 2026, seq: 100_000 - i },
    title: `Sak nummer ${i}`,
    status: "opened",
    officer: null,
    opened_on: null,
    screened: false,
    snippet: [],
  };
}

/** A list_cases answer from a whole result: the page the query asks for. */
export function pageOf(all: CaseRow[], q: CaseQuery): CasePage {
  return { total: all.length, offset: q.offset, rows: all.slice(q.offset, q.offset + q.limit) };
}

/** list_cases over `all` rows, whatever the query. */
export const listOf = (all: CaseRow[]) => (a: Args) => pageOf(all, a.query as CaseQuery);

export const defaults: NewCaseDefaults = { opened_on: "2026-11-25", next_number: "26/1" };

export const record: CaseRecord = {
  id: 1,
  uuid: "0b7d6c1e-0000-4000-8000-000000000001",
  number: { year: 2021, seq: 1069 },
  title: "IKT-samarbeid. Etablering av avtale med SYS-IKT",
  public_title: null,
  status: "in_progress",
  officer: "Kari Nordheim",
  unit: "Stab",
  classification: "026",
  screening_basis: null,
  opened_on: "2021-03-02",
  closed_on: null,
  notes: null,
  created_at: "2026-11-25T09:42:00Z",
  updated_at: "2026-11-25T09:50:00Z",
};

export const vedtak =
  "Luster kommune bør utvikle sin eigen IKT-strategi. Rådmannen får fullmakt til å godkjenne den endelege og detaljerte avtalen med SYS-IKT når forhandlingane med dei andre kommunane i Sogn er ferdige, og legg fram saka for kommunestyret.";

export const detail: CaseDetail = {
  case: record,
  saksgang: [
    {
      agenda_item_id: 7,
      number: { year: 2021, seq: 54 },
      board: "Formannskapet og næringsutvalet",
      meeting_date: "2021-04-15",
      vedtak,
    },
  ],
  journal: [
    {
      id: 11,
      uuid: "0b7d6c1e-0000-4000-8000-000000000011",
      number: { case: { year: 2021, seq: 1069 }, doc: 1 },
      kind: "incoming",
      date: "2021-03-02",
      correspondent: "Sogndal kommune",
      title: "Invitasjon til IKT-samarbeid",
      public_title: null,
      status: "journalised",
      screening_basis: null,
    },
  ],
  documents: [],
  history: [
    {
      at: "2026-11-25T09:50:00Z",
      actor: "kari",
      action: "update",
      entity: "case",
      subject: "21/1069",
      changes: [
        { field: "title", before: "Gamal", after: "Ny" },
        { field: "status", before: "in_progress", after: "closed" },
        { field: "closed_on", before: null, after: "2026-11-25" },
      ],
    },
    {
      at: "2026-11-25T09:42:00Z",
      actor: "kari",
      action: "create",
      entity: "case",
      subject: "21/1069",
      changes: [{ field: "title", before: null, after: "Gamal" }],
    },
  ],
};

/** A document of journalpost 21/1069-1 (id 11). */
export const documentRecord: DocumentRecord = {
  id: 5,
  uuid: "0b7d6c1e-0000-4000-8000-000000000105",
  journal_entry_id: 11,
  position: 1,
  file_name: "Invitasjon frå Sogndal kommune.pdf",
  media_type: "application/pdf",
  sha256: "9f".repeat(32),
  size: 1_468_006,
  created_at: "2026-11-25T10:02:00Z",
};

export const item: AgendaItemView = {
  id: 7,
  agenda_number: "54/21",
  case_number: "21/1069",
  title: record.title,
  board: "Formannskapet og næringsutvalet",
  meeting_date: "15.04.2021",
  place: null,
  behandling: [
    { spans: [{ text: "Stabsleiar og rådmann orienterte om prosessen/saka og svara på spørsmål.", style: "regular" }] },
    {
      spans: [
        { text: "Ap v/Morten Johan Vigdal sette fram: ", style: "regular" },
        { text: "Saka vert utsett for forhandlingar med Sogndal kommune.", style: "italic" },
        { text: " Framlegget fekk 2 røyster og fall.", style: "regular" },
      ],
    },
  ],
  vedtak: [{ spans: [{ text: "Luster kommune bør utvikle sin eigen IKT-strategi.", style: "regular" }] }],
  proposals: 2,
  votes: 2,
};

export const settingsView: SettingsView = {
  register: { municipality: "Luster kommune", municipality_number: null, backup_dir: null, backup_keep: 10, tsa_url: null },
  default_backup_dir: "/home/kari/.local/share/no.kommune.luster.saksbok/tryggingskopiar",
  personal: { display_name: null, language: "nn", default_printer: null },
  os_user: "kari",
  personal_file: "/home/kari/.config/no.kommune.luster.saksbok/innstillingar.json",
};

/** A backup made at a local time (so the test reads the same in every time zone). */
export function backupEntry(at: Date, reason: string, reasonLabel: string, bytes: number): BackupEntry {
  const stamp = at.toISOString().replace(/[-:]/g, "").slice(0, 15);
  const fileName = `saksbok-${stamp}Z-${reason}.sqlite3`;
  return {
    path: `${settingsView.default_backup_dir}/${fileName}`,
    file_name: fileName,
    made_at: at.toISOString(),
    reason,
    reason_label: reasonLabel,
    bytes,
  };
}

/** 24.11.2026 kl. 08.00, the backup of the day; 20.11.2026 kl. 14.30, one made by hand. */
export const dailyBackup = backupEntry(new Date(2026, 10, 24, 8, 0), "dagleg", "Dagleg", 14 * 1024 * 1024 + 60_000);
export const manualBackup = backupEntry(new Date(2026, 10, 20, 14, 30), "manuell", "Manuell", 230_000);

export const backupList = (backups: BackupEntry[] = [dailyBackup, manualBackup]): BackupList => ({
  dir: settingsView.default_backup_dir,
  keep: 10,
  backups,
});

/** Formannskapet: one series, plain numbers (54/21); a leiar since 2019 and a varamedlem. */
export const formannskapet: BoardRecord = {
  id: 1,
  settings: {
    name: "Formannskapet og næringsutvalet",
    code: "FSK",
    series: [{ prefix: null, label: null }],
    number_format: { kind: "seq_year" },
    default_place: "Rådhuset, Gaupne",
    language: "nn",
    distribution: ["Rådmannen", "Kommunestyret"],
  },
  members: [
    {
      name: "Ken Kvamme",
      party: "Sp",
      membership: { kind: "seat", role: "chair" },
      term_from: "2019-10-01",
      term_to: null,
    },
    {
      name: "Hilde Dyrdal",
      party: "Ap",
      membership: { kind: "seat", role: "member" },
      term_from: "2015-10-01",
      term_to: "2019-09-30",
    },
    {
      name: "Morten Johan Vigdal",
      party: "Ap",
      membership: { kind: "substitute", order: 1 },
      term_from: "2019-10-01",
      term_to: null,
    },
  ],
};

/** Kommunestyret: PS and RS series, padded numbers (PS 054/21), no members yet. */
export const kommunestyret: BoardRecord = {
  id: 2,
  settings: {
    name: "Kommunestyret",
    code: "KST",
    series: [
      { prefix: "PS", label: "Politiske saker" },
      { prefix: "RS", label: "Referatsaker" },
    ],
    number_format: { kind: "padded_seq_year", width: 3 },
    default_place: null,
    language: "nn",
    distribution: [],
  },
  members: [],
};

/** The built-in phrases as the tests know them: each key's text, with the intro the real one has. */
export function builtinPhrases(): Phrases {
  const keys: (keyof Phrases)[] = [
    "intro_party_person", "intro_person", "intro_party", "intro_anonymous", "vote_singular", "vote_plural", "vote_number",
    "adopted_unanimous", "fell_unanimous", "unanimous", "adopted_counts", "fell_counts", "counts", "adopted_for_only",
    "fell_for_only", "for_only", "adopted_against_only", "fell_against_only", "against_only", "adopted", "fell", "voted",
    "chair_decided", "alternative_counts", "alternative_one_count", "alternative_plain", "parties_for", "parties_against", "percentages",
    "orientering", "interpellasjon", "sporsmal", "answer",
  ];
  const out = Object.fromEntries(keys.map((k) => [k, `(${k})`])) as Phrases;
  out.intro_party_person = "{parti} v/{namn} sette fram:";
  return out;
}

/** get_phrases and set_phrases over a store of own wordings per board and language. */
export function phrasesHandlers(): Record<string, (a: Args) => unknown> {
  const own = new Map<string, [string, string][]>();
  const viewOf = (a: Args): PhrasesView => ({
    board: a.board as number | null,
    language: a.language as PhrasesView["language"],
    builtin: builtinPhrases(),
    own: structuredClone(own.get(`${String(a.board)} ${String(a.language)}`) ?? []),
  });
  return {
    get_phrases: viewOf,
    set_phrases: (a) => {
      own.set(`${String(a.board)} ${String(a.language)}`, structuredClone(a.own as [string, string][]));
      return viewOf(a);
    },
  };
}

/** The reference protocol layout, as the back end's default. */
export function defaultLayout(): ProtocolLayout {
  return {
    minutes_title: "Møteprotokoll",
    extract_title: "Saksprotokoll",
    behandling_label: "Behandling:",
    vedtak_label: "Vedtak:",
    title_prefix: true,
    attendance: "tables",
    sakliste_by_series: true,
    signatures: "end",
  };
}

/**
 * get_board_layout and save_board_layout over a store of layouts per board,
 * checked as the back end checks them; `previewMeeting` is the meeting shown.
 */
export function layoutHandlers(previewMeeting: number | null = null): Record<string, (a: Args) => unknown> {
  const saved = new Map<number, ProtocolLayout>();
  const viewOf = (board: number): LayoutView => ({
    layout: structuredClone(saved.get(board) ?? defaultLayout()),
    default: defaultLayout(),
    preview_meeting: previewMeeting,
    preview_date: previewMeeting === null ? null : "10.12.2026",
  });
  return {
    get_board_layout: (a) => viewOf(a.board as number),
    save_board_layout: (a) => {
      const l = structuredClone(a.layout as ProtocolLayout);
      const fields = (["minutes_title", "extract_title", "behandling_label", "vedtak_label"] as const)
        .filter((k) => l[k].trim() === "")
        .map((k) => ({ field: k, message: "Overskrifta for vedtaket kan ikkje vera tom." }));
      if (fields.length > 0) throw { code: "invalid_fields", message: "Sjå felta.", fields };
      saved.set(a.board as number, l);
      return viewOf(a.board as number);
    },
  };
}
