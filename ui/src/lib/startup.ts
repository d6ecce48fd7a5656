// The window's first questions to the back end, asked as its script starts
// rather than once the first screen is built: the answers travel while the
// window is drawn. Each answer is used once; asked again, a question goes
// to the back end as any other.
import { api, type AppStatus, type CasePage, type CaseQuery } from "./api";

/**
 * Gives the root the `webkitgtk` class under WebKitGTK (the Linux build),
 * where app.css names its fonts by generic family alone. Set before the
 * first screen is styled.
 */
export function markEngine(root: HTMLElement, userAgent: string) {
  root.classList.toggle("webkitgtk", /\bLinux\b/.test(userAgent));
}

let status: Promise<AppStatus> | null = null;
let firstPage: { key: string; page: Promise<CasePage> } | null = null;

/** Asks for the app's status and the case list's first page (`query`, the list as it opens). */
export function startEarly(query: CaseQuery) {
  status = api.appStatus();
  const page = api.listCases(query);
  // No register, or the welcome screen: the page is never taken, and its failure is nobody's news.
  page.catch(() => undefined);
  firstPage = { key: JSON.stringify(query), page };
}

/** The status asked for at the start, or a fresh one. */
export function takeStatus(): Promise<AppStatus> {
  const s = status ?? api.appStatus();
  status = null;
  return s;
}

/** Drops the first page: the list is not the first screen (no register yet, or none that opens), and by the time it is, the register may hold more. */
export function forgetFirstPage() {
  firstPage = null;
}

/** The first page asked for at the start, when `query` is the one it was asked for; else none. */
export function takeFirstPage(query: CaseQuery): Promise<CasePage> | null {
  const early = firstPage;
  firstPage = null;
  return early && early.key === JSON.stringify(query) ? early.page : null;
}

let firstRows = false;

/** Marks the list's first rows in the page and the frame that draws them (read by the start-up bench); once per start. */
export function markFirstRows() {
  if (firstRows) return;
  firstRows = true;
  performance.mark("saksbok:rows");
  requestAnimationFrame(() => requestAnimationFrame(() => performance.mark("saksbok:drawn")));
}
