import { fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { clearMocks } from "@tauri-apps/api/mocks";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { CaseQuery, CaseRow } from "../../lib/api";
import { CaseListState } from "../../lib/caseListState.svelte";
import { setLang } from "../../lib/i18n.svelte";
import { backend, demoRow, listOf, pageOf, queries, syntheticRow, type Args } from "../../test/backend";
import CaseList from "./CaseList.svelte";

const options = () => ({ years: [2021, 2026], officers: ["Kari Nordheim"], boards: ["Kommunestyret"] });

function show(onOpen = vi.fn()) {
  render(CaseList, { list: new CaseListState(), onOpen, onLoadDemo: vi.fn(), busy: false });
  return onOpen;
}

beforeEach(() => setLang("nn"));
afterEach(() => clearMocks());

describe("search", () => {
  it("asks the back end with the typed text, best hits first, and marks the hits", async () => {
    const hit: CaseRow = {
      ...demoRow,
      id: 5,
      number: { year: 2026, seq: 14 },
      title: "Ny gang- og sykkelveg",
      snippet: [
        { text: "… veg ved ", hit: false },
        { text: "Rådhuset", hit: true },
        { text: " i Gaupne", hit: false },
      ],
    };
    const calls = backend({
      case_filter_options: options,
      list_cases: (a) => {
        const q = a.query as CaseQuery;
        return pageOf(q.text ? [hit] : [demoRow, hit], q);
      },
    });
    show();
    expect(await screen.findAllByTestId("case-row")).toHaveLength(2);
    expect(queries(calls)[0]).toMatchObject({ text: "", sort: "number_desc", offset: 0 });

    await userEvent.type(screen.getByLabelText("Søk i saker"), "rådhus");
    await waitFor(() => expect(screen.getAllByTestId("case-row")).toHaveLength(1));
    const last = queries(calls).at(-1);
    expect(last).toMatchObject({ text: "rådhus", sort: "relevance", offset: 0 });
    // Debounced: not one call per key.
    expect(queries(calls).length).toBeLessThan(4);
    const mark = within(screen.getByTestId("case-row")).getByText("Rådhuset");
    expect(mark.tagName).toBe("MARK");
    expect(screen.getByText("1 sak")).toHaveAttribute("aria-live", "polite");
    expect(screen.getByLabelText("Sortering")).toHaveValue("relevance");

    // Without a search text, best hits mean nothing: back to newest first.
    await userEvent.clear(screen.getByLabelText("Søk i saker"));
    await waitFor(() => expect(screen.getAllByTestId("case-row")).toHaveLength(2));
    expect(screen.getByLabelText("Sortering")).toHaveValue("number_desc");
  });

  it("says when nothing matches", async () => {
    backend({
      case_filter_options: options,
      list_cases: (a) => pageOf((a.query as CaseQuery).text ? [] : [demoRow], a.query as CaseQuery),
    });
    show();
    await screen.findByTestId("case-row");
    await userEvent.type(screen.getByLabelText("Søk i saker"), "finst ikkje");
    expect(await screen.findByText("Ingen saker passar med søket.")).toBeInTheDocument();
    expect(screen.queryByText("Ingen saker enno.")).not.toBeInTheDocument();
  });

  it("filters by status, year, saksansvarleg and utval, and sorts", async () => {
    const calls = backend({ case_filter_options: options, list_cases: listOf([demoRow]) });
    show();
    await screen.findByTestId("case-row");
    await screen.findByRole("option", { name: "Kari Nordheim" });
    await userEvent.selectOptions(screen.getByLabelText("Status"), "closed");
    await userEvent.selectOptions(screen.getByLabelText("Saksår"), "2021");
    await userEvent.selectOptions(screen.getByLabelText("Saksansvarleg"), "Kari Nordheim");
    await userEvent.selectOptions(screen.getByLabelText("Utval"), "Kommunestyret");
    await userEvent.selectOptions(screen.getByLabelText("Sortering"), "title");
    await waitFor(() =>
      expect(queries(calls).at(-1)).toMatchObject({
        status: "closed",
        year: 2021,
        officer: "Kari Nordheim",
        board: "Kommunestyret",
        sort: "title",
      }),
    );
    await userEvent.selectOptions(screen.getByLabelText("Status"), "");
    await waitFor(() => expect(queries(calls).at(-1)?.status).toBeNull());
    expect(screen.getByRole("option", { name: "Beste treff" })).toBeDisabled();
  });

  it("marks a screened case", async () => {
    backend({ case_filter_options: options, list_cases: listOf([{ ...demoRow, screened: true }]) });
    show();
    const row = await screen.findByTestId("case-row");
    expect(within(row).getByText("Skjerma")).toBeInTheDocument();
  });
});

describe("a register of 100 000 cases", () => {
  const all = (a: Args) => {
    const q = a.query as CaseQuery;
    const rows = Array.from({ length: Math.max(0, Math.min(q.limit, 100_000 - q.offset)) }, (_, k) =>
      syntheticRow(q.offset + k),
    );
    return { total: 100_000, offset: q.offset, rows };
  };

  it("renders only the rows in view and fetches pages, not the whole register", async () => {
    const calls = backend({ case_filter_options: options, list_cases: all });
    show();
    await screen.findAllByTestId("case-row");
    expect(screen.getByText("100 000 saker")).toBeInTheDocument();
    expect(screen.getAllByTestId("case-row").length).toBeLessThan(100);
    for (const q of queries(calls)) expect(q.limit).toBeLessThanOrEqual(1000);
    expect(queries(calls)).toHaveLength(1);

    // The scroll container is as tall as every row together.
    const list = screen.getByRole("listbox", { name: "Saker" });
    const inner = list.firstElementChild as HTMLElement;
    expect(inner.style.getPropertyValue("--vlist-h")).toBe(`${100_000 * 40}px`);

    // Scrolling far down asks for the page there and shows its rows.
    list.scrollTop = 40_000 * 40;
    await fireEvent.scroll(list);
    await waitFor(() => expect(queries(calls).some((q) => q.offset === 40_000)).toBe(true));
    expect(await screen.findByText("Sak nummer 40000")).toBeInTheDocument();
    expect(screen.getAllByTestId("case-row").length).toBeLessThan(100);
    expect(screen.queryByText("Sak nummer 0")).not.toBeInTheDocument();
    for (const q of queries(calls)) expect(q.limit).toBeLessThanOrEqual(1000);
  });

  it("is driven from the keyboard as one listbox", async () => {
    const onOpen = vi.fn();
    const calls = backend({ case_filter_options: options, list_cases: all });
    show(onOpen);
    await screen.findAllByTestId("case-row");
    const list = screen.getByRole("listbox", { name: "Saker" });
    expect(list).toHaveAttribute("tabindex", "0");

    screen.getByLabelText("Søk i saker").focus();
    await userEvent.keyboard("{ArrowDown}");
    expect(list).toHaveFocus();
    expect(list).toHaveAttribute("aria-activedescendant", "case-option-0");
    await userEvent.keyboard("{ArrowDown}{ArrowDown}");
    const active = document.getElementById("case-option-2");
    expect(active).toHaveAttribute("aria-selected", "true");
    expect(active).toHaveTextContent("Sak nummer 2");

    await userEvent.keyboard("{PageDown}");
    const afterPage = Number(list.getAttribute("aria-activedescendant")?.replace("case-option-", ""));
    expect(afterPage).toBeGreaterThan(10);

    // End goes to the last case, scrolls there and fetches that page.
    await userEvent.keyboard("{End}");
    expect(list).toHaveAttribute("aria-activedescendant", "case-option-99999");
    expect(list.scrollTop).toBe(100_000 * 40 - 600);
    await waitFor(() => expect(queries(calls).some((q) => q.offset === 99_800)).toBe(true));
    await screen.findByText("Sak nummer 99999");
    await userEvent.keyboard("{Enter}");
    expect(onOpen).toHaveBeenCalledWith(syntheticRow(99_999).id);

    await userEvent.keyboard("{Home}");
    expect(list).toHaveAttribute("aria-activedescendant", "case-option-0");
    expect(list.scrollTop).toBe(0);
    await userEvent.keyboard("{ArrowUp}");
    expect(screen.getByLabelText("Søk i saker")).toHaveFocus();
  });

  it("starts from the top for a new search", async () => {
    const calls = backend({ case_filter_options: options, list_cases: all });
    show();
    await screen.findAllByTestId("case-row");
    const list = screen.getByRole("listbox", { name: "Saker" });
    list.scrollTop = 5_000 * 40;
    await fireEvent.scroll(list);
    await screen.findByText("Sak nummer 5000");
    await userEvent.type(screen.getByLabelText("Søk i saker"), "sak");
    await waitFor(() => expect(queries(calls).at(-1)?.text).toBe("sak"));
    await waitFor(() => expect(list.scrollTop).toBe(0));
    expect(queries(calls).at(-1)?.offset).toBe(0);
  });

  it("opens a case with a click", async () => {
    backend({ case_filter_options: options, list_cases: all });
    const onOpen = show();
    await userEvent.click(await screen.findByText("Sak nummer 3"));
    expect(onOpen).toHaveBeenCalledWith(syntheticRow(3).id);
  });
});

describe("Ctrl+F", () => {
  it("focuses the search box", async () => {
    backend({ case_filter_options: options, list_cases: listOf([demoRow]) });
    show();
    await screen.findByTestId("case-row");
    screen.getByRole("listbox").focus();
    await userEvent.keyboard("{Control>}f{/Control}");
    expect(screen.getByLabelText("Søk i saker")).toHaveFocus();
  });
});
