// The only file that calls invoke(): one typed function per Rust command.
// Tauri turns the Rust parameter names (snake_case) into camelCase keys.
import { invoke, type InvokeArgs, type InvokeOptions } from "@tauri-apps/api/core";
import { listen } from "@tauri-apps/api/event";
import { appLogDir } from "@tauri-apps/api/path";
import type { AddendumInput } from "./bindings/AddendumInput";
import type { AddendumRecord } from "./bindings/AddendumRecord";
import type { AgendaItemView } from "./bindings/AgendaItemView";
import type { AgreementDocument } from "./bindings/AgreementDocument";
import type { AgreementInput } from "./bindings/AgreementInput";
import type { AgreementRecord } from "./bindings/AgreementRecord";
import type { AgreementRow } from "./bindings/AgreementRow";
import type { Attachment } from "./bindings/Attachment";
import type { AgreementStatus } from "./bindings/AgreementStatus";
import type { CalendarFile } from "./bindings/CalendarFile";
import type { CaseAgreement } from "./bindings/CaseAgreement";
import type { Deadline } from "./bindings/Deadline";
import type { Deadlines } from "./bindings/Deadlines";
import type { ScanRecord } from "./bindings/ScanRecord";
import type { TaskInput } from "./bindings/TaskInput";
import type { TokenKey } from "./bindings/TokenKey";
import type { TaskRecord } from "./bindings/TaskRecord";
import type { AppStatus } from "./bindings/AppStatus";
import type { Behandling } from "./bindings/Behandling";
import type { Attendance } from "./bindings/Attendance";
import type { Attendee } from "./bindings/Attendee";
import type { BackupEntry } from "./bindings/BackupEntry";
import type { BackupList } from "./bindings/BackupList";
import type { BoardRecord } from "./bindings/BoardRecord";
import type { BoardSettings } from "./bindings/BoardSettings";
import type { Capacity } from "./bindings/Capacity";
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
import type { Disqualification } from "./bindings/Disqualification";
import type { DocumentRecord } from "./bindings/DocumentRecord";
import type { Draft } from "./bindings/Draft";
import type { FieldChange } from "./bindings/FieldChange";
import type { FieldError } from "./bindings/FieldError";
import type { HistoryEntry } from "./bindings/HistoryEntry";
import type { ItemAttendance } from "./bindings/ItemAttendance";
import type { ItemRecord } from "./bindings/ItemRecord";
import type { ItemRecordView } from "./bindings/ItemRecordView";
import type { MeetingAttachmentsView } from "./bindings/MeetingAttachmentsView";
import type { JournalInput } from "./bindings/JournalInput";
import type { JournalKind } from "./bindings/JournalKind";
import type { JournalNumber } from "./bindings/JournalNumber";
import type { JournalRecord } from "./bindings/JournalRecord";
import type { JournalStatus } from "./bindings/JournalStatus";
import type { MeetingInput } from "./bindings/MeetingInput";
import type { MeetingRecord } from "./bindings/MeetingRecord";
import type { MeetingRow } from "./bindings/MeetingRow";
import type { MeetingStatus } from "./bindings/MeetingStatus";
import type { Membership } from "./bindings/Membership";
import type { NewCaseDefaults } from "./bindings/NewCaseDefaults";
import type { NumberFormat } from "./bindings/NumberFormat";
import type { NumberSeries } from "./bindings/NumberSeries";
import type { OpenedDocument } from "./bindings/OpenedDocument";
import type { PersonalSettings } from "./bindings/PersonalSettings";
import type { PhrasesView } from "./bindings/PhrasesView";
import type { PrintResult } from "./bindings/PrintResult";
import type { ApprovalInput } from "./bindings/ApprovalInput";
import type { ApprovalRecord } from "./bindings/ApprovalRecord";
import type { LayoutView } from "./bindings/LayoutView";
import type { ProtocolLayout } from "./bindings/ProtocolLayout";
import type { PrinterChoice } from "./bindings/PrinterChoice";
import type { PrinterInfo } from "./bindings/PrinterInfo";
import type { PrinterList } from "./bindings/PrinterList";
import type { MeetingSignatures } from "./bindings/MeetingSignatures";
import type { SignatureLine } from "./bindings/SignatureLine";
import type { SignatureCheck } from "./bindings/SignatureCheck";
import type { VerifyReport } from "./bindings/VerifyReport";
import type { MeetingDocument } from "./bindings/MeetingDocument";
import type { PublicJournalResult } from "./bindings/PublicJournalResult";
import type { RegisterSettings } from "./bindings/RegisterSettings";
import type { Role } from "./bindings/Role";
import type { Roll } from "./bindings/Roll";
import type { RollInput } from "./bindings/RollInput";
import type { SaklisteEntry } from "./bindings/SaklisteEntry";
import type { SaklisteItem } from "./bindings/SaklisteItem";
import type { SaksgangStep } from "./bindings/SaksgangStep";
import type { Seat } from "./bindings/Seat";
import type { SeriesRef } from "./bindings/SeriesRef";
import type { SettingsView } from "./bindings/SettingsView";
import type { SnippetPart } from "./bindings/SnippetPart";
import type { TermMember } from "./bindings/TermMember";
import type { TextLanguage } from "./bindings/TextLanguage";
import type { WaitingCase } from "./bindings/WaitingCase";

export type {
  AddendumInput,
  AddendumRecord,
  AgendaItemView,
  AgreementDocument,
  AgreementInput,
  AgreementRecord,
  AgreementRow,
  AgreementStatus,
  CalendarFile,
  CaseAgreement,
  Deadline,
  Deadlines,
  ScanRecord,
  TaskInput,
  TaskRecord,
  ApprovalInput,
  ApprovalRecord,
  AppStatus,
  Attachment,
  Attendance,
  Behandling,
  Attendee,
  BackupEntry,
  BackupList,
  BoardRecord,
  BoardSettings,
  Capacity,
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
  Disqualification,
  DocumentRecord,
  Draft,
  FieldChange,
  FieldError,
  HistoryEntry,
  ItemAttendance,
  ItemRecord,
  ItemRecordView,
  MeetingAttachmentsView,
  JournalInput,
  JournalKind,
  JournalNumber,
  JournalRecord,
  JournalStatus,
  LayoutView,
  MeetingDocument,
  MeetingInput,
  MeetingRecord,
  MeetingRow,
  MeetingStatus,
  Membership,
  NewCaseDefaults,
  NumberFormat,
  NumberSeries,
  OpenedDocument,
  PersonalSettings,
  PhrasesView,
  PrintResult,
  ProtocolLayout,
  PrinterChoice,
  PrinterInfo,
  PrinterList,
  MeetingSignatures,
  SignatureLine,
  SignatureCheck,
  VerifyReport,
  PublicJournalResult,
  RegisterSettings,
  Role,
  Roll,
  RollInput,
  SaklisteEntry,
  SaklisteItem,
  SaksgangStep,
  Seat,
  SeriesRef,
  SettingsView,
  SnippetPart,
  TermMember,
  TextLanguage,
  WaitingCase,
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

async function call<T>(cmd: string, args?: InvokeArgs, options?: InvokeOptions): Promise<T> {
  try {
    return await invoke<T>(cmd, args, options);
  } catch (e) {
    throw asCommandError(e);
  }
}

/** A file chosen in the window as raw bytes for a command's request body. */
async function fileBytes(file: File): Promise<Uint8Array> {
  try {
    return new Uint8Array(await file.arrayBuffer());
  } catch (e) {
    throw asCommandError(e);
  }
}

/**
 * Sends one file chosen in the window's file picker as the raw request body;
 * the journalpost and the (percent-encoded) file name go as headers.
 */
async function attachDocumentBytes(journalEntryId: number, file: File): Promise<DocumentRecord> {
  const bytes = await fileBytes(file);
  return call<DocumentRecord>("attach_document_bytes", bytes, {
    headers: { "x-journal-entry": String(journalEntryId), "x-file-name": encodeURIComponent(file.name) },
  });
}

/** Headers are ASCII: every value goes percent-encoded (the back end decodes it). */
function headers(values: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, encodeURIComponent(v)]));
}

async function signMeeting(meeting: number, p12: File, password: string, field: string | null): Promise<MeetingSignatures> {
  const bytes = await fileBytes(p12);
  return call<MeetingSignatures>("sign_meeting", bytes, {
    headers: headers({ "x-meeting": String(meeting), "x-password": password, "x-field": field ?? "" }),
  });
}

/** Keeps the PNG or JPEG file chosen as the municipality's logo; the logo (a data: URL) after. */
async function setLogo(file: File): Promise<string | null> {
  return call<string | null>("set_logo", await fileBytes(file));
}

async function importSignedCopy(meeting: number, pdf: File): Promise<MeetingSignatures> {
  const bytes = await fileBytes(pdf);
  return call<MeetingSignatures>("import_signed_copy", bytes, { headers: headers({ "x-meeting": String(meeting) }) });
}

async function attachScan(meeting: number, file: File): Promise<ScanRecord[]> {
  const bytes = await fileBytes(file);
  return call<ScanRecord[]>("attach_scan", bytes, {
    headers: headers({ "x-meeting": String(meeting), "x-file-name": file.name }),
  });
}

async function verifyPdf(pdf: File): Promise<VerifyReport> {
  return call<VerifyReport>("verify_pdf", await fileBytes(pdf));
}

/**
 * Calls `handler` if the database's integrity check, which runs after the
 * window shows, finds the file damaged. Returns the unsubscribe function.
 */
async function onDatabaseFailed(handler: (e: CommandError) => void): Promise<() => void> {
  try {
    return await listen<unknown>("db-failed", (event) => handler(asCommandError(event.payload)));
  } catch {
    // Outside the app (the UI tests) there is no event bus to listen on.
    return () => {};
  }
}

/**
 * Calls `handler` with the backup of the day when the start made one.
 * Returns the unsubscribe function.
 */
async function onBackupMade(handler: (made: BackupEntry) => void): Promise<() => void> {
  try {
    return await listen<BackupEntry>("backup-made", (event) => handler(event.payload));
  } catch {
    return () => {};
  }
}

/**
 * Calls `handler` with the reason when the backup of the day, made at start,
 * failed. Returns the unsubscribe function.
 */
async function onBackupFailed(handler: (e: CommandError) => void): Promise<() => void> {
  try {
    return await listen<unknown>("backup-failed", (event) => handler(asCommandError(event.payload)));
  } catch {
    return () => {};
  }
}

/**
 * The folder the log file (saksbok.log) is written to: the OS's log folder
 * for the app, which the log plugin writes to. Null when it cannot be asked.
 */
async function logDir(): Promise<string | null> {
  try {
    return await appLogDir();
  } catch {
    return null;
  }
}

export const api = {
  onDatabaseFailed,
  onBackupMade,
  onBackupFailed,
  logDir,
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
  updateJournalEntry: (id: number, input: JournalInput) =>
    call<JournalRecord>("update_journal_entry", { id, input }),
  /** Attaches files by path (dropped on the window): all of them, or none. */
  attachDocuments: (journalEntryId: number, paths: string[]) =>
    call<DocumentRecord[]>("attach_documents", { journalEntryId, paths }),
  attachDocumentBytes,
  /** Writes a checked copy of a document and opens it in the system's app. */
  openDocument: (id: number) => call<OpenedDocument>("open_document", { id }),
  getAgendaItem: (id: number) => call<AgendaItemView>("get_agenda_item", { id }),
  /** Renders the saksprotokoll, keeps it and opens its copy, or sends it to the printer chosen. */
  printSaksprotokoll: (id: number, to: PrinterChoice | null = null, certify = false) =>
    call<PrintResult>("print_saksprotokoll", { id, to, certify }),
  /** Renders a meeting's møteprotokoll, offentleg versjon or innkalling, keeps it in the register and opens its copy. */
  printMeetingDocument: (meeting: number, document: MeetingDocument, to: PrinterChoice | null = null) =>
    call<PrintResult>("print_meeting_document", { meeting, document, to }),
  /** A meeting's document as PDF bytes for the preview: rendered, not kept. */
  previewMeetingDocument: (meeting: number, document: MeetingDocument, layout: ProtocolLayout | null = null) =>
    call<ArrayBuffer>("preview_meeting_document", { meeting, document, layout }),
  /** A board's protocol layout, and the meeting its preview shows. */
  getBoardLayout: (board: number) => call<LayoutView>("get_board_layout", { board }),
  saveBoardLayout: (board: number, layout: ProtocolLayout) =>
    call<LayoutView>("save_board_layout", { board, layout }),
  /** The meeting's approval, if its protocol is approved. */
  getApproval: (meeting: number) => call<ApprovalRecord | null>("get_approval", { meeting }),
  /** Approves and locks the meeting's protocol; the approved møtebok is kept. */
  approveMeeting: (meeting: number, input: ApprovalInput) => call<ApprovalRecord>("approve_meeting", { meeting, input }),
  /** The system's printers for the print dialog, the one to start from first. */
  listPrinters: () => call<PrinterList>("list_printers"),
  getSignatures: (meeting: number) => call<MeetingSignatures>("get_signatures", { meeting }),
  signMeeting,
  importSignedCopy,
  /** Checks a PDF dropped on the window (by its path) against the register. */
  verifyPdfFile: (path: string) => call<VerifyReport>("verify_pdf_file", { path }),
  /** Signs the møtebok with a key on a smart card or token (PKCS#11); the PIN is never kept. */
  signMeetingToken: (meeting: number, token: TokenKey, field: string | null) =>
    call<MeetingSignatures>("sign_meeting_token", { meeting, token, field }),
  /** The scanned, ink-signed copies attached to an approved meeting. */
  listScans: (meeting: number) => call<ScanRecord[]>("list_scans", { meeting }),
  /** Attaches a scanned copy (PDF or picture) to an approved meeting; the list after. */
  attachScan,
  /** The municipality's logo as a data: URL; null without one. */
  getLogo: () => call<string | null>("get_logo"),
  setLogo,
  /** Takes the logo away: protocols print the municipality's name alone. */
  clearLogo: () => call<string | null>("clear_logo"),
  /** The meeting's protokolltilførslar in order. */
  listAddenda: (meeting: number) => call<AddendumRecord[]>("list_addenda", { meeting }),
  /** Adds a protokolltilførsel to an approved meeting (kept for ever); the list after. */
  addAddendum: (meeting: number, input: AddendumInput) => call<AddendumRecord[]>("add_addendum", { meeting, input }),
  /** Writes a protokolltilførsel as PDF and opens it. */
  openAddendum: (id: number) => call<OpenedDocument>("open_addendum", { id }),
  /** Opens a checked copy of a scan in the system's viewer. */
  openScan: (id: number) => call<OpenedDocument>("open_scan", { id }),
  verifyPdf,
  /** Opens the signed copy in the PDF viewer; resolves to why it could not, or null. */
  openSignedCopy: (meeting: number) => call<string | null>("open_signed_copy", { meeting }),
  /** Writes the offentleg journal of a period (dd.mm.yyyy or yyyy-mm-dd) and opens it. */
  writePublicJournal: (from: string, to: string, csv: boolean) =>
    call<PublicJournalResult>("write_public_journal", { from, to, csv }),
  getSettings: () => call<SettingsView>("get_settings"),
  saveRegisterSettings: (input: RegisterSettings) => call<SettingsView>("save_register_settings", { input }),
  savePersonalSettings: (input: PersonalSettings) => call<SettingsView>("save_personal_settings", { input }),
  /** The backup folder and its backups, newest first. */
  listBackups: () => call<BackupList>("list_backups"),
  /** A backup of the register now ("Ta tryggingskopi no"). */
  makeBackup: () => call<BackupEntry>("make_backup"),
  /**
   * Replaces the register with the backup at `path`; only after the person
   * has confirmed it. Returns the backup made of the register as it was.
   */
  restoreBackup: (path: string) => call<BackupEntry>("restore_backup", { path }),
  /** The boards (utval) with their members, in Norwegian order of name. */
  listBoards: () => call<BoardRecord[]>("list_boards"),
  createBoard: (settings: BoardSettings) => call<BoardRecord>("create_board", { settings }),
  updateBoard: (id: number, settings: BoardSettings) => call<BoardRecord>("update_board", { id, settings }),
  /** Replaces all members of all terms of board `id`. */
  setBoardMembers: (id: number, members: TermMember[]) => call<BoardRecord>("set_board_members", { id, members }),
  /** Every meeting, the newest first. */
  listMeetings: () => call<MeetingRow[]>("list_meetings"),
  getMeeting: (id: number) => call<MeetingRecord>("get_meeting", { id }),
  /** Plans a meeting: status planlagt, an empty sakliste. */
  createMeeting: (input: MeetingInput) => call<MeetingRecord>("create_meeting", { input }),
  updateMeeting: (id: number, input: MeetingInput) => call<MeetingRecord>("update_meeting", { id, input }),
  /** Planlagt ⇄ halde; an approved protocol is its own step, refused here. */
  setMeetingStatus: (id: number, status: MeetingStatus) => call<MeetingRecord>("set_meeting_status", { id, status }),
  /** Saves the whole sakliste in agenda order; returns it numbered. */
  setSakliste: (id: number, items: SaklisteEntry[]) => call<MeetingRecord>("set_sakliste", { id, items }),
  /** Who was at the meeting, with the seats and who could vote on each item. */
  getRoll: (id: number) => call<Roll>("get_roll", { id }),
  /** Saves the whole roll at once (its seats are the board's: send none); refused whole when anything contradicts. */
  setRoll: (id: number, roll: RollInput) => call<Roll>("set_roll", { id, roll }),
  /** An agenda item's record, with the behandling text generated from it, the suggested vedtak and warnings. */
  getItemRecord: (id: number) => call<ItemRecordView>("get_item_record", { id }),
  /** Saves the item's whole record as one step (and drops its draft); refused whole, with `fields`. */
  setItemRecord: (id: number, record: ItemRecord) => call<ItemRecordView>("set_item_record", { id, record }),
  /** The meeting's own business (orienteringar, spørsmål, procedural proposals), all anchors. */
  getBusiness: (meeting: number) => call<Behandling>("get_business", { meeting }),
  /** Saves the meeting's whole business as one step (and drops its draft). */
  setBusiness: (meeting: number, business: Behandling) => call<Behandling>("set_business", { meeting, business }),
  /** The møtebok's own vedlegg, with each journalpost's documents to choose among. */
  getMeetingAttachments: (meeting: number) => call<MeetingAttachmentsView>("get_meeting_attachments", { meeting }),
  /** Saves the møtebok's own vedlegg whole; refused whole, with `fields` ("attachments.N.title"). */
  setMeetingAttachments: (meeting: number, attachments: Attachment[]) =>
    call<MeetingAttachmentsView>("set_meeting_attachments", { meeting, attachments }),
  /** Keeps what is being typed (`key` "item:<id>" or "business"); not history. */
  saveDraft: (id: number, key: string, content: string) => call<null>("save_draft", { id, key, content }),
  listDrafts: (id: number) => call<Draft[]>("list_drafts", { id }),
  clearDraft: (id: number, key: string) => call<null>("clear_draft", { id, key }),
  /** Puts back the meeting's last committed step from the history; says what. */
  undoStep: (id: number) => call<string>("undo_step", { id }),
  /** The phrases of one language for a board (null: every board): built-in, and the own wording. */
  getPhrases: (board: number | null, language: TextLanguage) => call<PhrasesView>("get_phrases", { board, language }),
  /** Saves the own wording (key, text) of a board's phrases in one language, all at once. */
  setPhrases: (board: number | null, language: TextLanguage, own: [string, string][]) =>
    call<PhrasesView>("set_phrases", { board, language, own }),
  /**
   * Sends an agenda item's case on to `board` (saksgang): it waits there with
   * this item's vedtak as the new tilråding. Refused ("invalid") to the same
   * board, twice to one board, or for an item without an arkivsak.
   */
  sendOn: (item: number, board: number) => call<WaitingCase>("send_on", { item, board }),
  /** The cases sent on to `board` that are not yet on one of its saklister. */
  waitingCases: (board: number) => call<WaitingCase[]>("waiting_cases", { board }),
  /** The agreements (avtalar), the soonest deadline first. */
  listAgreements: () => call<AgreementRow[]>("list_agreements"),
  getAgreement: (id: number) => call<AgreementRecord>("get_agreement", { id }),
  /** Every problem with the agreement form as it stands; empty when it can be saved. */
  validateAgreement: (input: AgreementInput) => call<FieldError[]>("validate_agreement", { input }),
  /** A new agreement, as an utkast from today; refused with `fields` on bad input. */
  createAgreement: (input: AgreementInput) => call<AgreementRecord>("create_agreement", { input }),
  /** Saves the whole form (the parties with it). */
  updateAgreement: (id: number, input: AgreementInput) => call<AgreementRecord>("update_agreement", { id, input }),
  /** One step of the lifecycle, from the date `on` (dd.mm.yyyy). */
  setAgreementStatus: (id: number, status: AgreementStatus, on: string, note: string | null) =>
    call<AgreementRecord>("set_agreement_status", { id, status, on, note }),
  /** Links an arkivsak ("21/1069") and, when given, its utvalssak ("54/21"). */
  linkAgreement: (id: number, caseNumber: string, item: string | null) =>
    call<AgreementRecord>("link_agreement", { id, case: caseNumber, item }),
  unlinkAgreement: (id: number, link: number) => call<AgreementRecord>("unlink_agreement", { id, link }),
  /** One task per paragraph of the linked utvalssak's vedtak. */
  tasksFromVedtak: (id: number, agendaItem: number) =>
    call<AgreementRecord>("tasks_from_vedtak", { id, agendaItem }),
  createTask: (agreement: number | null, input: TaskInput) => call<TaskRecord>("create_task", { agreement, input }),
  updateTask: (id: number, input: TaskInput) => call<TaskRecord>("update_task", { id, input }),
  /** Fristar of the next `within` days, and those overdue. */
  deadlines: (within: number) => call<Deadlines>("deadlines", { within }),
  /** Writes the deadlines as an .ics file and opens it in the calendar app. */
  openDeadlinesCalendar: (within: number) => call<CalendarFile>("open_deadlines_calendar", { within }),
  /** Writes the report Oppfølging av vedtak for a board and a period (dd.mm.yyyy) and opens it. */
  openFollowupReport: (board: number, from: string, to: string) =>
    call<OpenedDocument>("open_followup_report", { board, from, to }),
  /** The documents of the linked cases, which the signed agreement is chosen from. */
  agreementDocumentChoices: (id: number) => call<AgreementDocument[]>("agreement_document_choices", { id }),
  /** Points at the signed agreement (null: none). */
  setAgreementDocument: (id: number, document: number | null) =>
    call<AgreementRecord>("set_agreement_document", { id, document }),
  /** The agreements a case is linked to. */
  agreementsOfCase: (caseId: number) => call<CaseAgreement[]>("agreements_of_case", { case: caseId }),
};
