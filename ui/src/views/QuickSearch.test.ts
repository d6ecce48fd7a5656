import { render, screen, waitFor, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { clearMocks } from "@tauri-apps/api/mocks";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import App from "../App.svelte";
import type { CaseQuery, CaseRow } from "../lib/api";
import { setLang } from "../lib/i18n.svelte";
import { backend, defaults, demoRow, detail, okStatus, pageOf, queries, record } from "../test/backend";

const hits: CaseRow[] = [
  {
    ...demoRow,
    id: 5,
    number: { year: 2026, seq: 14 },
    title: "Ny gang- og sykkelveg ved Rådhuset i Gaupne",
    snippet: [
      { text: "Ny gang- og sykkelveg ved ", hit: false },
      { text: "Rådhuset", hit: true },
      { text: " i Gaupne", hit: false },
    ],
  },
  { ...demoRow, id: 6, number: { year: 2025, seq: 3 }, title: "Parkering ved Rådhuset", snippet: [] },
];

function app() {
  const calls = backend({
    app_status: () => okStatus(false),
    case_filter_options: () => ({ years: [], officers: [], boards: [] }),
    list_cases: (a) => {
      const q = a.query as CaseQuery;
      return pageOf(q.text ? hits : [demoRow], q);
    },
    get_case: (a) => ({ ...detail, case: { ...record, id: a.id as number, title: `Sak ${String(a.id)}` } }),
    new_case_defaults: () => defaults,
    validate_case: () => [],
  });
  render(App);
  return calls;
}

async function openQuickSearch() {
  await userEvent.keyboard("{Control>}k{/Control}");
  const dialog = await screen.findByTestId("quick-search");
  expect(dialog).toHaveAttribute("role", "dialog");
  expect(dialog).toHaveAttribute("aria-modal", "true");
  expect(dialog).toHaveAccessibleName("Hurtigsøk");
  const input = screen.getByLabelText("Søk i alle saker");
  expect(input).toHaveAttribute("id", "quick-search-input");
  expect(input).toHaveFocus();
  return { dialog, input };
}

beforeEach(() => {
  localStorage.clear();
  setLang("nn");
});
afterEach(() => clearMocks());

describe("quick search", () => {
  it("finds cases from anywhere and opens the first hit with Enter", async () => {
    const calls = app();
    await screen.findByTestId("case-row");
    await openQuickSearch();
    await userEvent.keyboard("RÅDHUSET");
    const found = await screen.findAllByTestId("quick-hit");
    expect(found).toHaveLength(2);
    const q = queries(calls).at(-1);
    expect(q).toMatchObject({ text: "RÅDHUSET", sort: "relevance", limit: 8, offset: 0 });
    expect(queries(calls).filter((c) => c.limit === 8)).toHaveLength(1);
    const first = found[0] as HTMLElement;
    expect(first).toHaveAttribute("role", "option");
    expect(first).toHaveAttribute("aria-selected", "true");
    expect(first).toHaveTextContent("26/14");
    expect(within(first).getByText("Rådhuset").tagName).toBe("MARK");
    expect(screen.getByRole("listbox", { name: "Hurtigsøk" })).toContainElement(first);

    await userEvent.keyboard("{Enter}");
    expect(await screen.findByTestId("case-view")).toBeInTheDocument();
    expect(calls.find((c) => c.cmd === "get_case")?.args).toEqual({ id: 5 });
    expect(screen.queryByTestId("quick-search")).not.toBeInTheDocument();
  });

  it("moves between hits with the arrow keys", async () => {
    const calls = app();
    await screen.findByTestId("case-row");
    const { input } = await openQuickSearch();
    await userEvent.keyboard("rådhus");
    await screen.findAllByTestId("quick-hit");
    expect(input).toHaveAttribute("aria-activedescendant", "quick-hit-0");
    await userEvent.keyboard("{ArrowDown}");
    expect(input).toHaveAttribute("aria-activedescendant", "quick-hit-1");
    expect(screen.getAllByTestId("quick-hit")[1]).toHaveAttribute("aria-selected", "true");
    await userEvent.keyboard("{Enter}");
    await screen.findByTestId("case-view");
    expect(calls.find((c) => c.cmd === "get_case")?.args).toEqual({ id: 6 });
  });

  it("closes with Escape and gives focus back", async () => {
    app();
    await screen.findByTestId("case-row");
    const search = screen.getByLabelText("Søk i saker");
    search.focus();
    const { dialog } = await openQuickSearch();
    // Focus stays in the dialog.
    await userEvent.tab();
    expect(dialog).toContainElement(document.activeElement as HTMLElement);
    await userEvent.tab();
    expect(dialog).toContainElement(document.activeElement as HTMLElement);
    await userEvent.tab({ shift: true });
    expect(dialog).toContainElement(document.activeElement as HTMLElement);
    await userEvent.keyboard("{Escape}");
    await waitFor(() => expect(screen.queryByTestId("quick-search")).not.toBeInTheDocument());
    expect(search).toHaveFocus();
    // Escape closed the dialog only; the list is still there.
    expect(screen.getByTestId("case-row")).toBeInTheDocument();
  });

  it("asks for a word when given only punctuation, without asking the back end", async () => {
    const calls = app();
    await screen.findByTestId("case-row");
    await openQuickSearch();
    const before = queries(calls).length;
    await userEvent.keyboard("«» -- ;");
    expect(await screen.findByText("Skriv minst eitt ord.")).toBeInTheDocument();
    await new Promise((r) => setTimeout(r, 200));
    expect(queries(calls)).toHaveLength(before);
    expect(screen.queryByTestId("quick-hit")).not.toBeInTheDocument();
  });

  it("opens over the case form, and Ctrl+N does nothing while it is open", async () => {
    app();
    await screen.findByTestId("case-row");
    await openQuickSearch();
    await userEvent.keyboard("{Control>}n{/Control}");
    expect(screen.queryByTestId("case-form")).not.toBeInTheDocument();
    await userEvent.keyboard("{Escape}");
    await userEvent.keyboard("{Control>}n{/Control}");
    await screen.findByTestId("case-form");
    await openQuickSearch();
  });
});
