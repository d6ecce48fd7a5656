// UI texts in Nynorsk (default) and Bokmål. The choice is remembered on this machine.

const nn = {
  appName: "Saksbok",
  navCases: "Saker",
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
  casesTitle: "Saker",
  filterLabel: "Søk i saker",
  filterPlaceholder: "Søk på tittel, saksnummer eller utval",
  colAgenda: "Utvalssak",
  colCase: "Arkivsak",
  colTitle: "Tittel",
  colBoard: "Utval",
  colDate: "Møtedato",
  noCases: "Ingen saker enno.",
  noMatch: "Ingen saker passar med søket.",
  casesCount: (n: number) => (n === 1 ? "1 sak" : `${n} saker`),
  back: "Alle saker",
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
  shortcutPrint: "Ctrl+P",
  errorTitle: "Noko gjekk gale",
  dismiss: "Lukk",
};

export type Texts = typeof nn;

const nb: Texts = {
  ...nn,
  navCases: "Saker",
  language: "Språk",
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
  filterLabel: "Søk i saker",
  filterPlaceholder: "Søk på tittel, saksnummer eller utvalg",
  colBoard: "Utvalg",
  noCases: "Ingen saker ennå.",
  noMatch: "Ingen saker passer med søket.",
  casesCount: (n: number) => (n === 1 ? "1 sak" : `${n} saker`),
  meetingLabel: "Møte",
  noVedtak: "Ikke noe vedtak ført.",
  printing: "Lager PDF …",
  printed: (path: string, pages: number) =>
    `Saksprotokollen (${pages === 1 ? "1 side" : `${pages} sider`}) er lagret i ${path} og åpnet i PDF-leseren.`,
  printedNotOpened: (path: string, msg: string) => `Saksprotokollen er lagret i ${path}. ${msg}`,
  missingGlyphs: (chars: string) => `Merk: skriften mangler tegnene ${chars}; de vises som □ i PDF-en.`,
  errorTitle: "Noe gikk galt",
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
