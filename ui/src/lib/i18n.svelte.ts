// UI texts in Nynorsk (default) and Bokmål. The choice is remembered on this
// machine (localStorage, for the first paint) and in the person's settings
// file, which wins at start: see lib/language.ts.
// `nb` is typed by `nn` and lists every key, so a text missing in one language
// is a type error.

import type { CaseSort } from "./bindings/CaseSort";
import type { CaseStatus } from "./bindings/CaseStatus";
import type { JournalKind } from "./bindings/JournalKind";
import type { JournalStatus } from "./bindings/JournalStatus";
import type { NumberFormat } from "./bindings/NumberFormat";
import type { Role } from "./bindings/Role";

/** Checks that a label table names every value of `K`. */
const labels = <K extends string>(m: Record<K, string>): Record<K, string> => m;

/** What the history knows how to name; anything else is shown by its code. */
type HistoryAction = "create" | "update" | "print";
type HistoryEntity = "case" | "journal_entry" | "agenda_item" | "meeting" | "printed_protocol" | "document";
type HistoryField =
  | "number"
  | "title"
  | "public_title"
  | "status"
  | "officer"
  | "unit"
  | "classification"
  | "screening_basis"
  | "opened_on"
  | "closed_on"
  | "notes"
  | "kind"
  | "date"
  | "correspondent"
  | "file_name"
  | "media_type"
  | "size"
  | "sha256"
  | "journal_entry";

/** A label from `table`, or the code itself when the table has none. */
export function lookup(table: Partial<Record<string, string>>, code: string): string {
  return table[code] ?? code;
}

const nn = {
  appName: "Saksbok",
  navCases: "Saker",
  newCase: "Ny sak",
  quickSearch: "Søk",
  language: "Språk",
  langNn: "Nynorsk",
  langNb: "Bokmål",
  loading: "Hentar …",
  welcomeTitle: "Velkommen til Saksbok",
  welcomeText:
    "Databasen er tom. Vil du lasta inn demodata? Det er sak 54/21 frå Formannskapet og næringsutvalet 15.04.2021 (arkivsak 21/1069, IKT-samarbeid med SyS-IKT), slik ho står i den publiserte saksprotokollen.",
  loadDemo: "Last inn demodata",
  startEmpty: "Start med tom database",
  dbErrorTitle: "Databasen kunne ikkje opnast",
  dbErrorHelp: "Rett opp feilen og trykk «Prøv igjen», eller start Saksbok med ei anna databasefil (--db FIL).",
  dbFile: "Databasefil",
  retry: "Prøv igjen",
  errorTitle: "Noko gjekk gale",
  dismiss: "Lukk",

  // The case list
  casesTitle: "Saker",
  filterLabel: "Søk i saker",
  filterPlaceholder: "Søk på tittel, saksnummer, avsendar, vedtak …",
  filterStatus: "Status",
  filterYear: "Saksår",
  filterOfficer: "Saksansvarleg",
  filterBoard: "Utval",
  filterAll: "Alle",
  sortLabel: "Sortering",
  sort: labels<CaseSort>({
    number_desc: "Nyaste først",
    number_asc: "Eldste først",
    title: "Tittel A–Å",
    relevance: "Beste treff",
  }),
  colNumber: "Saksnummer",
  colTitle: "Tittel",
  colStatus: "Status",
  colOfficer: "Saksansvarleg",
  colOpened: "Oppretta",
  listKeysHelp: "Piltastane flyttar, Enter opnar saka.",
  noCases: "Ingen saker enno.",
  noMatch: "Ingen saker passar med søket.",
  casesCount: (n: number) => (n === 1 ? "1 sak" : `${n.toLocaleString("nn")} saker`),
  screened: "Skjerma",

  caseStatus: labels<CaseStatus>({
    opened: "Oppretta av sakshandsamar",
    in_progress: "Under behandling",
    closed_by_officer: "Avslutta av sakshandsamar",
    closed: "Avslutta",
    cancelled: "Utgår",
  }),
  journalKind: labels<JournalKind>({
    incoming: "Inngåande",
    outgoing: "Utgåande",
    memo: "Notat",
    memo_no_follow_up: "Notat utan oppfølging",
    case_presentation: "Saksframlegg",
  }),
  journalStatus: labels<JournalStatus>({
    registered: "Registrert av sakshandsamar",
    finalised: "Ferdigstilt",
    dispatched: "Ekspedert",
    journalised: "Journalført",
    archived: "Arkivert",
    cancelled: "Utgår",
  }),

  // The case form
  newCaseTitle: "Ny sak",
  editCaseTitle: (n: string) => `Endre sak ${n}`,
  fieldNumber: "Saksnummer",
  numberPlaceholder: (n: string) => `Tildelt ved lagring: ${n}`,
  numberHelp:
    "La feltet stå tomt, så får saka neste ledige nummer. Kjem saka frå eit anna system, kan du skriva nummeret derifrå, til dømes 2021/1069.",
  fieldTitle: "Tittel",
  fieldStatus: "Status",
  fieldOfficer: "Saksansvarleg",
  fieldUnit: "Avdeling",
  fieldClassification: "Arkivkode",
  classificationHelp: "Til dømes 026 eller K2-026.",
  fieldScreened: "Skjerma",
  fieldScreeningBasis: "Heimel for skjerming",
  screeningPlaceholder: "offl. § 13 jf. fvl. § 13",
  screeningBasisMissing: "Skriv heimelen for skjerminga, til dømes «offl. § 13 jf. fvl. § 13».",
  fieldPublicTitle: "Offentleg tittel",
  publicTitleHelp: "Tittelen slik ålmenta ser han, utan det som er skjerma.",
  fieldOpened: "Oppretta",
  fieldClosed: "Avslutta",
  dateHelp: "dd.mm.åååå",
  fieldNotes: "Merknad",
  save: "Lagre",
  saving: "Lagrar …",
  cancel: "Avbryt",
  draftOffer: (when: string) => `Du har eit ulagra utkast frå ${when}.`,
  draftRestore: "Hent det fram",
  draftDiscard: "Forkast",
  discardTitle: "Forkaste endringane?",
  discardText: "Det du har skrive i skjemaet, blir ikkje lagra.",
  discard: "Forkast",
  keepEditing: "Hald fram",

  // The case view
  back: "Alle saker",
  backToCase: (n: string) => `Sak ${n}`,
  edit: "Endre",
  screenedBy: (basis: string) => `Skjerma etter ${basis}`,
  publicTitle: "Offentleg tittel",
  saksgang: "Saksgang",
  noSaksgang: "Saka har ikkje vore handsama i noko utval.",
  colAgenda: "Utvalssak",
  colBoard: "Utval",
  colDate: "Møtedato",
  colVedtak: "Vedtak",
  journal: "Journalpostar",
  noJournal: "Ingen journalpostar enno.",
  newJournal: "Ny journalpost",
  colJournalNumber: "Nr",
  colKind: "Type",
  colJournalDate: "Dato",
  colCorrespondent: "Avsendar/mottakar",
  fieldKind: "Type",
  fieldJournalDate: "Journaldato",
  fieldCorrespondent: "Avsendar/mottakar",
  saveJournal: "Registrer",
  /** The heading of the form for an existing journalpost, and its Endre button's name. */
  editJournal: (n: string) => `Endre journalpost ${n}`,
  saveJournalChanges: "Lagra endringar",
  history: "Historikk",
  noHistory: "Ingen historikk.",
  historyAction: labels<HistoryAction>({ create: "oppretta", update: "endra", print: "skreiv ut" }),
  historyEntity: labels<HistoryEntity>({
    case: "Sak",
    journal_entry: "Journalpost",
    agenda_item: "Utvalssak",
    meeting: "Møte",
    printed_protocol: "Protokoll",
    document: "Dokument",
  }),
  historyField: labels<HistoryField>({
    number: "Saksnummer",
    title: "Tittel",
    public_title: "Offentleg tittel",
    status: "Status",
    officer: "Saksansvarleg",
    unit: "Avdeling",
    classification: "Arkivkode",
    screening_basis: "Skjerming (heimel)",
    opened_on: "Oppretta",
    closed_on: "Avslutta",
    notes: "Merknad",
    kind: "Type",
    date: "Journaldato",
    correspondent: "Avsendar/mottakar",
    file_name: "Filnamn",
    media_type: "Filtype",
    size: "Storleik",
    sha256: "SHA-256",
    journal_entry: "Journalpost",
  }),
  journalNumberField: "Journalpostnummer",
  emptyValue: "(tomt)",
  caseSaved: "Saka er lagra.",
  journalSaved: (n: string) => `Journalposten ${n} er registrert.`,
  journalUpdated: (n: string) => `Journalposten ${n} er lagra.`,

  // Documents of a journalpost
  documentsOf: (n: string) => `Dokument i journalpost ${n}`,
  fileTypeOther: "Fil",
  openDocument: "Opne",
  openDocumentLabel: (name: string) => `Opne ${name}`,
  documentNotOpened: "Kopien ligg her:",
  attachFile: "Legg ved fil …",
  attachFileTo: (n: string) => `til journalpost ${n}`,
  attaching: "Legg ved …",
  documentsAttached: (count: number, n: string) =>
    count === 1 ? `1 dokument lagt ved ${n}.` : `${count} dokument lagde ved ${n}.`,
  dropHint: "Slepp filene på ein journalpost for å leggja dei ved.",
  dropOnto: (n: string) => `Slepp for å leggja filene ved journalpost ${n}.`,
  attachBusy: "Vent til dei førre vedlegga er lagra, og prøv så igjen.",

  // The utvalssak view
  agendaLabel: "Sak",
  caseLabel: "Arkivsak",
  meetingLabel: "Møte",
  behandling: "Behandling",
  vedtak: "Vedtak",
  noVedtak: "Ikkje noko vedtak ført.",
  print: "Skriv ut saksprotokoll",
  printing: "Lagar PDF …",
  printed: (path: string, pages: number) =>
    `Saksprotokollen (${pages === 1 ? "1 side" : `${pages} sider`}) er lagra i ${path} og opna i PDF-lesaren.`,
  printedNotOpened: (path: string, msg: string) => `Saksprotokollen er lagra i ${path}. ${msg}`,
  missingGlyphs: (chars: string) => `Merk: skrifta manglar teikna ${chars}; dei er viste som □ i PDF-en.`,

  // Offentleg journal
  navPublicJournal: "Offentleg journal",
  publicJournalTitle: "Offentleg journal",
  publicJournalHelp:
    "Journalpostane registrerte i perioden, slik ålmenta kan sjå dei: skjerma titlar og namn er bytte ut med offentleg tittel eller heimelen for skjerminga.",
  publicJournalFrom: "Frå dato",
  publicJournalTo: "Til og med dato",
  publicJournalFormat: "Format",
  publicJournalCsv: "CSV (for rekneark)",
  publicJournalWrite: "Lag offentleg journal",
  publicJournalBusy: "Lagar …",
  publicJournalDone: (count: number, path: string) =>
    `Offentleg journal med ${count === 1 ? "1 journalpost" : `${count} journalpostar`} er lagra i ${path}.`,

  // Innstillingar
  navSettings: "Innstillingar",
  settingsTitle: "Innstillingar",
  settingsMunicipality: "Kommunen",
  settingsMunicipalityHelp: "Gjeld registeret og alle som brukar det. Namnet og nummeret står øvst i utskriftene.",
  fieldMunicipality: "Namn på kommunen",
  fieldMunicipalityNumber: "Kommunenummer",
  municipalityNumberHelp: "Fire siffer, til dømes 4644.",
  fieldBackupDir: "Mappe for tryggingskopiar",
  backupDirHelp: (dir: string) => `La feltet stå tomt for å bruka standardmappa ved sida av databasen: ${dir}`,
  fieldBackupKeep: "Tal på tryggingskopiar som blir tekne vare på",
  backupKeepHelp: "Mellom 1 og 365. Når det blir fleire, blir dei eldste sletta.",
  backupKeepNotNumber: "Skriv eit heilt tal mellom 1 og 365.",
  settingsPersonal: "Deg",
  settingsPersonalHelp: "Gjeld berre deg, på denne maskina.",
  fieldDisplayName: "Namnet ditt",
  displayNameHelp: (shown: string) => `I historikken står du som «${shown}».`,
  fieldDefaultPrinter: "Standardskrivar",
  defaultPrinterHelp: "Namnet på skrivaren slik maskina kallar han.",
  settingsSaved: "Innstillingane er lagra.",
  settingsBackups: "Tryggingskopiar",
  backupFolder: "Mappe",
  backupKeepShown: (n: number) =>
    n === 1 ? "Berre den nyaste tryggingskopien blir teken vare på." : `Dei ${n} nyaste tryggingskopiane blir tekne vare på.`,
  backupsHelp: "Saksbok tek ein tryggingskopi ved første start kvar dag, og før oppgradering, import og attoppretting.",
  colBackupTime: "Teken",
  colBackupReason: "Årsak",
  colBackupSize: "Storleik",
  colBackupAction: "Handling",
  /** Labels by reason code; the back end's own (Nynorsk) label is used for any other. */
  backupReason: {} as Partial<Record<string, string>>,
  noBackups: "Ingen tryggingskopiar enno.",
  makeBackup: "Ta tryggingskopi no",
  makingBackup: "Tek tryggingskopi …",
  backupMade: (when: string) => `Tryggingskopien er teken (${when}).`,
  restoreBackup: "Hent fram",
  restoreBackupLabel: (when: string) => `Hent fram tryggingskopien frå ${when}`,
  restoreTitle: "Henta fram tryggingskopien?",
  restoreText: (when: string) =>
    `Heile registeret blir bytt ut med tryggingskopien frå ${when}. Det som er registrert eller endra etter det, blir borte frå registeret. Databasen slik han er no, blir først teken vare på som ein eigen tryggingskopi.`,
  restoreConfirm: "Hent fram tryggingskopien",
  restoring: "Hentar fram tryggingskopien …",
  restored: (when: string) => `Tryggingskopien frå ${when} er henta fram. Databasen slik han var, er teken vare på.`,
  dbErrorBackups: "Hent fram ein tryggingskopi",
  dbErrorBackupsHelp:
    "Den skadde fila blir ikkje sletta: ho blir flytta til mappa for tryggingskopiar og teken vare på der før tryggingskopien blir henta fram.",
  noBackupsIn: (dir: string) => `Fann ingen tryggingskopiar i ${dir}.`,
  restoredDamaged: (when: string, path: string) =>
    `Tryggingskopien frå ${when} er henta fram. Den skadde fila er teken vare på i ${path}.`,
  dailyBackupFailed: (message: string) => `Den daglege tryggingskopien vart ikkje teken. ${message}`,

  // Utval
  navBoards: "Utval",
  boardsTitle: "Utval",
  boardsHelp: "Dei politiske utvala i kommunen, korleis utvalssakene deira blir nummererte, og medlemene i kvar periode.",
  newBoard: "Nytt utval",
  noBoards: "Ingen utval enno.",
  boardNotFound: "Fann ikkje utvalet.",
  colBoardName: "Namn",
  colBoardCode: "Kode",
  colBoardNumber: "Saksnummer",
  colBoardMembers: "Medlemer no",
  boardSettingsTitle: "Innstillingar for utvalet",
  fieldBoardName: "Namn på utvalet",
  fieldBoardCode: "Kode",
  boardCodeHelp: "Opptil 10 bokstavar eller siffer, til dømes FSK.",
  fieldSeries: "Nummerseriar",
  seriesHelp: "Éin serie utan prefiks, eller fleire med kvar sitt prefiks, til dømes PS (politiske saker) og RS (referatsaker).",
  colSeriesPrefix: "Prefiks",
  colSeriesLabel: "Overskrift i sakslista",
  seriesPrefix: (n: number) => `Prefiks, serie ${n}`,
  seriesLabel: (n: number) => `Overskrift i sakslista, serie ${n}`,
  addSeries: "Legg til serie",
  removeSeries: (n: number) => `Fjern serie ${n}`,
  fieldNumberFormat: "Nummerformat",
  numberFormat: labels<NumberFormat["kind"]>({
    seq_year: "Løpenummer/år (54/21)",
    padded_seq_year: "Løpenummer med nullar framfor/år (054/21)",
    year_seq: "År/løpenummer (2021/54)",
  }),
  fieldNumberWidth: "Tal på siffer i løpenummeret",
  numberExample: (example: string) => `Døme: ${example}`,
  fieldDefaultPlace: "Vanleg møtestad",
  fieldTextLanguage: "Språk i tekstane som blir laga",
  fieldDistribution: "Protokollen blir send til",
  distributionHelp: "Éin mottakar på kvar linje.",
  boardSaved: "Utvalet er lagra.",
  membersTitle: "Medlemer",
  membersHelp:
    "Medlemer og varamedlemer i kvar periode. Tom «frå»-dato: frå før registeret. Tom «til»-dato: sit framleis. Datoar som dd.mm.åååå.",
  membersAfterSave: "Lagre utvalet først, så kan du leggja inn medlemene.",
  noMembers: "Ingen medlemer enno.",
  colMemberName: "Namn",
  colMemberParty: "Parti",
  colMemberRole: "Rolle",
  colMemberOrder: "Varanr.",
  colMemberFrom: "Frå",
  colMemberTo: "Til",
  colMemberAction: "Handling",
  memberName: (row: number) => `Namn, rad ${row}`,
  memberParty: (row: number) => `Parti, rad ${row}`,
  memberRole: (row: number) => `Rolle, rad ${row}`,
  memberOrder: (row: number) => `Varanummer, rad ${row}`,
  memberFrom: (row: number) => `Frå, rad ${row}`,
  memberTo: (row: number) => `Til, rad ${row}`,
  removeMember: "Fjern",
  removeMemberLabel: (row: number, who: string) => (who ? `Fjern rad ${row}: ${who}` : `Fjern rad ${row}`),
  addMember: "Legg til medlem",
  role: labels<Role>({ chair: "leiar", deputy_chair: "nestleiar", member: "medlem" }),
  substitute: "varamedlem",
  substituteNr: (order: number) => `varamedlem (nr. ${order})`,
  saveMembers: "Lagre medlemene",
  membersSaved: "Medlemene er lagra.",
  memberDateInvalid: (row: number, text: string) => `Rad ${row}: «${text}» er ikkje ein dato. Skriv han som dd.mm.åååå.`,
  memberOrderInvalid: (row: number) => `Rad ${row}: skriv nummeret til varamedlemen, 1 eller høgare.`,

  // Om Saksbok
  about: "Om Saksbok",
  aboutVersion: "Versjon",
  aboutPersonalFile: "Innstillingane dine",
  aboutBackupDir: "Tryggingskopiar",
  aboutLogFile: "Loggfil",
  aboutLogFallback: "Loggfila ligg i app-loggmappa (saksbok.log).",

  // Quick search
  quickTitle: "Hurtigsøk",
  quickLabel: "Søk i alle saker",
  quickNeedWord: "Skriv minst eitt ord.",
  quickNoHits: "Ingen treff.",
  quickHits: (shown: number, total: number) =>
    total > shown ? `Dei ${shown} beste av ${total.toLocaleString("nn")} treff` : total === 1 ? "1 treff" : `${total} treff`,
  quickHelp: "Pil opp og ned vel sak, Enter opnar, Esc lukkar.",

  // Keyboard shortcuts as shown on buttons
  keyNew: "Ctrl+N",
  keySearch: "Ctrl+K",
  keySave: "Ctrl+S",
  keyEdit: "Ctrl+E",
  keyPrint: "Ctrl+P",
  keyEsc: "Esc",
};

export type Texts = typeof nn;

const nb: Texts = {
  appName: "Saksbok",
  navCases: "Saker",
  newCase: "Ny sak",
  quickSearch: "Søk",
  language: "Språk",
  langNn: "Nynorsk",
  langNb: "Bokmål",
  loading: "Henter …",
  welcomeTitle: "Velkommen til Saksbok",
  welcomeText:
    "Databasen er tom. Vil du laste inn demodata? Det er sak 54/21 fra Formannskapet og næringsutvalet 15.04.2021 (arkivsak 21/1069, IKT-samarbeid med SyS-IKT), slik den står i den publiserte saksprotokollen.",
  loadDemo: "Last inn demodata",
  startEmpty: "Start med tom database",
  dbErrorTitle: "Databasen kunne ikke åpnes",
  dbErrorHelp: "Rett feilen og trykk «Prøv igjen», eller start Saksbok med en annen databasefil (--db FIL).",
  dbFile: "Databasefil",
  retry: "Prøv igjen",
  errorTitle: "Noe gikk galt",
  dismiss: "Lukk",

  casesTitle: "Saker",
  filterLabel: "Søk i saker",
  filterPlaceholder: "Søk på tittel, saksnummer, avsender, vedtak …",
  filterStatus: "Status",
  filterYear: "Saksår",
  filterOfficer: "Saksansvarlig",
  filterBoard: "Utvalg",
  filterAll: "Alle",
  sortLabel: "Sortering",
  sort: labels<CaseSort>({
    number_desc: "Nyeste først",
    number_asc: "Eldste først",
    title: "Tittel A–Å",
    relevance: "Beste treff",
  }),
  colNumber: "Saksnummer",
  colTitle: "Tittel",
  colStatus: "Status",
  colOfficer: "Saksansvarlig",
  colOpened: "Opprettet",
  listKeysHelp: "Piltastene flytter, Enter åpner saken.",
  noCases: "Ingen saker ennå.",
  noMatch: "Ingen saker passer med søket.",
  casesCount: (n: number) => (n === 1 ? "1 sak" : `${n.toLocaleString("nb")} saker`),
  screened: "Skjermet",

  caseStatus: labels<CaseStatus>({
    opened: "Opprettet av saksbehandler",
    in_progress: "Under behandling",
    closed_by_officer: "Avsluttet av saksbehandler",
    closed: "Avsluttet",
    cancelled: "Utgår",
  }),
  journalKind: labels<JournalKind>({
    incoming: "Inngående",
    outgoing: "Utgående",
    memo: "Notat",
    memo_no_follow_up: "Notat uten oppfølging",
    case_presentation: "Saksframlegg",
  }),
  journalStatus: labels<JournalStatus>({
    registered: "Registrert av saksbehandler",
    finalised: "Ferdigstilt",
    dispatched: "Ekspedert",
    journalised: "Journalført",
    archived: "Arkivert",
    cancelled: "Utgår",
  }),

  newCaseTitle: "Ny sak",
  editCaseTitle: (n: string) => `Endre sak ${n}`,
  fieldNumber: "Saksnummer",
  numberPlaceholder: (n: string) => `Tildeles ved lagring: ${n}`,
  numberHelp:
    "La feltet stå tomt, så får saken neste ledige nummer. Kommer saken fra et annet system, kan du skrive nummeret derfra, for eksempel 2021/1069.",
  fieldTitle: "Tittel",
  fieldStatus: "Status",
  fieldOfficer: "Saksansvarlig",
  fieldUnit: "Avdeling",
  fieldClassification: "Arkivkode",
  classificationHelp: "For eksempel 026 eller K2-026.",
  fieldScreened: "Skjermet",
  fieldScreeningBasis: "Hjemmel for skjerming",
  screeningPlaceholder: "offl. § 13 jf. fvl. § 13",
  screeningBasisMissing: "Skriv hjemmelen for skjermingen, for eksempel «offl. § 13 jf. fvl. § 13».",
  fieldPublicTitle: "Offentlig tittel",
  publicTitleHelp: "Tittelen slik allmennheten ser den, uten det som er skjermet.",
  fieldOpened: "Opprettet",
  fieldClosed: "Avsluttet",
  dateHelp: "dd.mm.åååå",
  fieldNotes: "Merknad",
  save: "Lagre",
  saving: "Lagrer …",
  cancel: "Avbryt",
  draftOffer: (when: string) => `Du har et ulagret utkast fra ${when}.`,
  draftRestore: "Hent det fram",
  draftDiscard: "Forkast",
  discardTitle: "Forkaste endringene?",
  discardText: "Det du har skrevet i skjemaet, blir ikke lagret.",
  discard: "Forkast",
  keepEditing: "Fortsett",

  back: "Alle saker",
  backToCase: (n: string) => `Sak ${n}`,
  edit: "Endre",
  screenedBy: (basis: string) => `Skjermet etter ${basis}`,
  publicTitle: "Offentlig tittel",
  saksgang: "Saksgang",
  noSaksgang: "Saken har ikke vært behandlet i noe utvalg.",
  colAgenda: "Utvalgssak",
  colBoard: "Utvalg",
  colDate: "Møtedato",
  colVedtak: "Vedtak",
  journal: "Journalposter",
  noJournal: "Ingen journalposter ennå.",
  newJournal: "Ny journalpost",
  colJournalNumber: "Nr",
  colKind: "Type",
  colJournalDate: "Dato",
  colCorrespondent: "Avsender/mottaker",
  fieldKind: "Type",
  fieldJournalDate: "Journaldato",
  fieldCorrespondent: "Avsender/mottaker",
  saveJournal: "Registrer",
  editJournal: (n: string) => `Endre journalpost ${n}`,
  saveJournalChanges: "Lagre endringer",
  history: "Historikk",
  noHistory: "Ingen historikk.",
  historyAction: { create: "opprettet", update: "endret", print: "skrev ut" },
  historyEntity: {
    case: "Sak",
    journal_entry: "Journalpost",
    agenda_item: "Utvalgssak",
    meeting: "Møte",
    printed_protocol: "Protokoll",
    document: "Dokument",
  },
  historyField: {
    number: "Saksnummer",
    title: "Tittel",
    public_title: "Offentlig tittel",
    status: "Status",
    officer: "Saksansvarlig",
    unit: "Avdeling",
    classification: "Arkivkode",
    screening_basis: "Skjerming (hjemmel)",
    opened_on: "Opprettet",
    closed_on: "Avsluttet",
    notes: "Merknad",
    kind: "Type",
    date: "Journaldato",
    correspondent: "Avsender/mottaker",
    file_name: "Filnavn",
    media_type: "Filtype",
    size: "Størrelse",
    sha256: "SHA-256",
    journal_entry: "Journalpost",
  },
  journalNumberField: "Journalpostnummer",
  emptyValue: "(tomt)",
  caseSaved: "Saken er lagret.",
  journalSaved: (n: string) => `Journalposten ${n} er registrert.`,
  journalUpdated: (n: string) => `Journalposten ${n} er lagret.`,

  documentsOf: (n: string) => `Dokumenter i journalpost ${n}`,
  fileTypeOther: "Fil",
  openDocument: "Åpne",
  openDocumentLabel: (name: string) => `Åpne ${name}`,
  documentNotOpened: "Kopien ligger her:",
  attachFile: "Legg ved fil …",
  attachFileTo: (n: string) => `til journalpost ${n}`,
  attaching: "Legger ved …",
  documentsAttached: (count: number, n: string) =>
    count === 1 ? `1 dokument lagt ved ${n}.` : `${count} dokumenter lagt ved ${n}.`,
  dropHint: "Slipp filene på en journalpost for å legge dem ved.",
  dropOnto: (n: string) => `Slipp for å legge filene ved journalpost ${n}.`,
  attachBusy: "Vent til de forrige vedleggene er lagret, og prøv så igjen.",

  agendaLabel: "Sak",
  caseLabel: "Arkivsak",
  meetingLabel: "Møte",
  behandling: "Behandling",
  vedtak: "Vedtak",
  noVedtak: "Ikke noe vedtak ført.",
  print: "Skriv ut saksprotokoll",
  printing: "Lager PDF …",
  printed: (path: string, pages: number) =>
    `Saksprotokollen (${pages === 1 ? "1 side" : `${pages} sider`}) er lagret i ${path} og åpnet i PDF-leseren.`,
  printedNotOpened: (path: string, msg: string) => `Saksprotokollen er lagret i ${path}. ${msg}`,
  missingGlyphs: (chars: string) => `Merk: skriften mangler tegnene ${chars}; de vises som □ i PDF-en.`,

  navPublicJournal: "Offentlig journal",
  publicJournalTitle: "Offentlig journal",
  publicJournalHelp:
    "Journalpostene registrert i perioden, slik allmennheten kan se dem: skjermede titler og navn er byttet ut med offentlig tittel eller hjemmelen for skjermingen.",
  publicJournalFrom: "Fra dato",
  publicJournalTo: "Til og med dato",
  publicJournalFormat: "Format",
  publicJournalCsv: "CSV (for regneark)",
  publicJournalWrite: "Lag offentlig journal",
  publicJournalBusy: "Lager …",
  publicJournalDone: (count: number, path: string) =>
    `Offentlig journal med ${count === 1 ? "1 journalpost" : `${count} journalposter`} er lagret i ${path}.`,
  navSettings: "Innstillinger",
  settingsTitle: "Innstillinger",
  settingsMunicipality: "Kommunen",
  settingsMunicipalityHelp: "Gjelder registeret og alle som bruker det. Navnet og nummeret står øverst i utskriftene.",
  fieldMunicipality: "Navn på kommunen",
  fieldMunicipalityNumber: "Kommunenummer",
  municipalityNumberHelp: "Fire sifre, for eksempel 4644.",
  fieldBackupDir: "Mappe for sikkerhetskopier",
  backupDirHelp: (dir: string) => `La feltet stå tomt for å bruke standardmappen ved siden av databasen: ${dir}`,
  fieldBackupKeep: "Antall sikkerhetskopier som tas vare på",
  backupKeepHelp: "Mellom 1 og 365. Når det blir flere, slettes de eldste.",
  backupKeepNotNumber: "Skriv et helt tall mellom 1 og 365.",
  settingsPersonal: "Deg",
  settingsPersonalHelp: "Gjelder bare deg, på denne maskinen.",
  fieldDisplayName: "Navnet ditt",
  displayNameHelp: (shown: string) => `I historikken står du som «${shown}».`,
  fieldDefaultPrinter: "Standardskriver",
  defaultPrinterHelp: "Navnet på skriveren slik maskinen kaller den.",
  settingsSaved: "Innstillingene er lagret.",
  settingsBackups: "Sikkerhetskopier",
  backupFolder: "Mappe",
  backupKeepShown: (n: number) =>
    n === 1 ? "Bare den nyeste sikkerhetskopien tas vare på." : `De ${n} nyeste sikkerhetskopiene tas vare på.`,
  backupsHelp: "Saksbok tar en sikkerhetskopi ved første start hver dag, og før oppgradering, import og gjenoppretting.",
  colBackupTime: "Tatt",
  colBackupReason: "Årsak",
  colBackupSize: "Størrelse",
  colBackupAction: "Handling",
  backupReason: {
    dagleg: "Daglig",
    "foer-oppgradering": "Før oppgradering",
    "foer-import": "Før import",
    "foer-attoppretting": "Før gjenoppretting",
    manuell: "Manuell",
    skadd: "Skadet database, tatt vare på",
  },
  noBackups: "Ingen sikkerhetskopier ennå.",
  makeBackup: "Ta sikkerhetskopi nå",
  makingBackup: "Tar sikkerhetskopi …",
  backupMade: (when: string) => `Sikkerhetskopien er tatt (${when}).`,
  restoreBackup: "Hent fram",
  restoreBackupLabel: (when: string) => `Hent fram sikkerhetskopien fra ${when}`,
  restoreTitle: "Hente fram sikkerhetskopien?",
  restoreText: (when: string) =>
    `Hele registeret blir byttet ut med sikkerhetskopien fra ${when}. Det som er registrert eller endret etter det, forsvinner fra registeret. Databasen slik den er nå, blir først tatt vare på som en egen sikkerhetskopi.`,
  restoreConfirm: "Hent fram sikkerhetskopien",
  restoring: "Henter fram sikkerhetskopien …",
  restored: (when: string) => `Sikkerhetskopien fra ${when} er hentet fram. Databasen slik den var, er tatt vare på.`,
  dbErrorBackups: "Hent fram en sikkerhetskopi",
  dbErrorBackupsHelp:
    "Den skadde filen blir ikke slettet: den blir flyttet til mappen for sikkerhetskopier og tatt vare på der før sikkerhetskopien hentes fram.",
  noBackupsIn: (dir: string) => `Fant ingen sikkerhetskopier i ${dir}.`,
  restoredDamaged: (when: string, path: string) =>
    `Sikkerhetskopien fra ${when} er hentet fram. Den skadde filen er tatt vare på i ${path}.`,
  dailyBackupFailed: (message: string) => `Den daglige sikkerhetskopien ble ikke tatt. ${message}`,

  navBoards: "Utvalg",
  boardsTitle: "Utvalg",
  boardsHelp: "De politiske utvalgene i kommunen, hvordan utvalgssakene deres nummereres, og medlemmene i hver periode.",
  newBoard: "Nytt utvalg",
  noBoards: "Ingen utvalg ennå.",
  boardNotFound: "Fant ikke utvalget.",
  colBoardName: "Navn",
  colBoardCode: "Kode",
  colBoardNumber: "Saksnummer",
  colBoardMembers: "Medlemmer nå",
  boardSettingsTitle: "Innstillinger for utvalget",
  fieldBoardName: "Navn på utvalget",
  fieldBoardCode: "Kode",
  boardCodeHelp: "Opptil 10 bokstaver eller sifre, for eksempel FSK.",
  fieldSeries: "Nummerserier",
  seriesHelp: "Én serie uten prefiks, eller flere med hvert sitt prefiks, for eksempel PS (politiske saker) og RS (referatsaker).",
  colSeriesPrefix: "Prefiks",
  colSeriesLabel: "Overskrift i sakslisten",
  seriesPrefix: (n: number) => `Prefiks, serie ${n}`,
  seriesLabel: (n: number) => `Overskrift i sakslisten, serie ${n}`,
  addSeries: "Legg til serie",
  removeSeries: (n: number) => `Fjern serie ${n}`,
  fieldNumberFormat: "Nummerformat",
  numberFormat: {
    seq_year: "Løpenummer/år (54/21)",
    padded_seq_year: "Løpenummer med nuller foran/år (054/21)",
    year_seq: "År/løpenummer (2021/54)",
  },
  fieldNumberWidth: "Antall sifre i løpenummeret",
  numberExample: (example: string) => `Eksempel: ${example}`,
  fieldDefaultPlace: "Vanlig møtested",
  fieldTextLanguage: "Språk i tekstene som lages",
  fieldDistribution: "Protokollen sendes til",
  distributionHelp: "Én mottaker på hver linje.",
  boardSaved: "Utvalget er lagret.",
  membersTitle: "Medlemmer",
  membersHelp:
    "Medlemmer og varamedlemmer i hver periode. Tom «fra»-dato: fra før registeret. Tom «til»-dato: sitter fortsatt. Datoer som dd.mm.åååå.",
  membersAfterSave: "Lagre utvalget først, så kan du legge inn medlemmene.",
  noMembers: "Ingen medlemmer ennå.",
  colMemberName: "Navn",
  colMemberParty: "Parti",
  colMemberRole: "Rolle",
  colMemberOrder: "Varanr.",
  colMemberFrom: "Fra",
  colMemberTo: "Til",
  colMemberAction: "Handling",
  memberName: (row: number) => `Navn, rad ${row}`,
  memberParty: (row: number) => `Parti, rad ${row}`,
  memberRole: (row: number) => `Rolle, rad ${row}`,
  memberOrder: (row: number) => `Varanummer, rad ${row}`,
  memberFrom: (row: number) => `Fra, rad ${row}`,
  memberTo: (row: number) => `Til, rad ${row}`,
  removeMember: "Fjern",
  removeMemberLabel: (row: number, who: string) => (who ? `Fjern rad ${row}: ${who}` : `Fjern rad ${row}`),
  addMember: "Legg til medlem",
  role: { chair: "leder", deputy_chair: "nestleder", member: "medlem" },
  substitute: "varamedlem",
  substituteNr: (order: number) => `varamedlem (nr. ${order})`,
  saveMembers: "Lagre medlemmene",
  membersSaved: "Medlemmene er lagret.",
  memberDateInvalid: (row: number, text: string) => `Rad ${row}: «${text}» er ikke en dato. Skriv den som dd.mm.åååå.`,
  memberOrderInvalid: (row: number) => `Rad ${row}: skriv nummeret til varamedlemmet, 1 eller høyere.`,

  about: "Om Saksbok",
  aboutVersion: "Versjon",
  aboutPersonalFile: "Innstillingene dine",
  aboutBackupDir: "Sikkerhetskopier",
  aboutLogFile: "Loggfil",
  aboutLogFallback: "Loggfilen ligger i app-loggmappen (saksbok.log).",

  quickTitle: "Hurtigsøk",
  quickLabel: "Søk i alle saker",
  quickNeedWord: "Skriv minst ett ord.",
  quickNoHits: "Ingen treff.",
  quickHits: (shown: number, total: number) =>
    total > shown ? `De ${shown} beste av ${total.toLocaleString("nb")} treff` : total === 1 ? "1 treff" : `${total} treff`,
  quickHelp: "Pil opp og ned velger sak, Enter åpner, Esc lukker.",

  keyNew: "Ctrl+N",
  keySearch: "Ctrl+K",
  keySave: "Ctrl+S",
  keyEdit: "Ctrl+E",
  keyPrint: "Ctrl+P",
  keyEsc: "Esc",
};

export type Lang = "nn" | "nb";
const dictionaries: Record<Lang, Texts> = { nn, nb };
const KEY = "saksbok.lang";

function initial(): Lang {
  try {
    return localStorage.getItem(KEY) === "nb" ? "nb" : "nn";
  } catch {
    return "nn";
  }
}

export const i18n = $state({ lang: initial() });

export function t(): Texts {
  return dictionaries[i18n.lang];
}

export function setLang(lang: Lang): void {
  i18n.lang = lang;
  try {
    localStorage.setItem(KEY, lang);
  } catch {
    // Private mode or no storage: the choice lasts until the window closes.
  }
  document.documentElement.lang = lang;
}
