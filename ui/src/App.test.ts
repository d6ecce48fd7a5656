import { render, screen, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { clearMocks } from "@tauri-apps/api/mocks";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import App from "./App.svelte";
import type { AppStatus, CaseRow } from "./lib/api";
import { setLang } from "./lib/i18n.svelte";
import { backend, defaults, demoRow, detail, listOf, okStatus } from "./test/backend";

const noFilters = () => ({ years: [2021], officers: ["Kari Nordheim"], boards: ["Formannskapet og næringsutvalet"] });

beforeEach(() => {
  localStorage.clear();
  setLang("nn");
});
afterEach(() => clearMocks());

describe("first start", () => {
  it("offers the demo data and then lists the case", async () => {
    let loaded = false;
    const calls = backend({
      app_status: () => okStatus(!loaded),
      case_filter_options: noFilters,
      list_cases: (a) => listOf(loaded ? [demoRow] : [])(a),
      load_demo: () => {
        loaded = true;
        return null;
      },
    });
    render(App);
    expect(await screen.findByRole("heading", { name: "Velkommen til Saksbok" })).toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: "Last inn demodata" }));
    const row = await screen.findByTestId("case-row");
    expect(within(row).getByText("21/1069")).toBeInTheDocument();
    expect(within(row).getByText("IKT-samarbeid. Etablering av avtale med SYS-IKT")).toBeInTheDocument();
    expect(within(row).getByText("Under behandling")).toBeInTheDocument();
    expect(within(row).getByText("02.03.2021")).toBeInTheDocument();
    expect(screen.getByText("1 sak")).toBeInTheDocument();
    expect(calls.map((c) => c.cmd)).toContain("load_demo");
  });

  it("can start with an empty register and still offer the demo there", async () => {
    backend({ app_status: () => okStatus(true), case_filter_options: noFilters, list_cases: listOf([]) });
    render(App);
    await userEvent.click(await screen.findByRole("button", { name: "Start med tom database" }));
    expect(await screen.findByText("Ingen saker enno.")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Last inn demodata" })).toBeInTheDocument();
  });
});

describe("a damaged database", () => {
  it("explains the problem and can try again", async () => {
    let attempts = 0;
    const broken: AppStatus = {
      ...okStatus(false),
      db_error: {
        code: "db_not_a_database",
        message: "Fila /x/saksbok.sqlite3 er ikkje ein Saksbok-database, eller ho er skadd. Ingenting i fila er endra.",
        fields: [],
      },
    };
    backend({
      app_status: () => broken,
      reopen_database: () => {
        attempts += 1;
        return okStatus(false);
      },
      case_filter_options: noFilters,
      list_cases: listOf([demoRow]),
    });
    render(App);
    expect(await screen.findByRole("heading", { name: "Databasen kunne ikkje opnast" })).toBeInTheDocument();
    expect(screen.getByRole("alert")).toHaveTextContent("Ingenting i fila er endra");
    expect(screen.queryByRole("button", { name: "Saker" })).not.toBeInTheDocument();
    expect(screen.queryByTestId("new-case")).not.toBeInTheDocument();
    // No shortcut reaches a register that is not open.
    await userEvent.keyboard("{Control>}n{/Control}");
    expect(screen.queryByTestId("case-form")).not.toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: "Prøv igjen" }));
    expect(await screen.findByTestId("case-row")).toBeInTheDocument();
    expect(attempts).toBe(1);
  });
});

describe("navigation", () => {
  it("opens a case from the list and comes back to the same row", async () => {
    const calls = backend({
      app_status: () => okStatus(false),
      case_filter_options: noFilters,
      list_cases: listOf([demoRow, { ...demoRow, id: 2, number: { year: 2021, seq: 1070 }, title: "Budsjett 2022" }]),
      get_case: () => detail,
    });
    render(App);
    await screen.findAllByTestId("case-row");
    screen.getByLabelText("Søk i saker").focus();
    await userEvent.keyboard("{ArrowDown}{ArrowDown}{Enter}");
    expect(await screen.findByTestId("case-view")).toBeInTheDocument();
    expect(calls.find((c) => c.cmd === "get_case")?.args).toEqual({ id: 2 });
    await userEvent.keyboard("{Escape}");
    const list = await screen.findByRole("listbox", { name: "Saker" });
    await expect.poll(() => document.activeElement).toBe(list);
    expect(list.getAttribute("aria-activedescendant")).toBe("case-option-1");
  });

  it("has a Ny sak button in the sidebar that shows its shortcut", async () => {
    backend({
      app_status: () => okStatus(false),
      case_filter_options: noFilters,
      list_cases: listOf([demoRow]),
      new_case_defaults: () => defaults,
      validate_case: () => [],
    });
    render(App);
    const button = await screen.findByTestId("new-case");
    expect(button).toHaveTextContent("Ctrl+N");
    expect(button).toHaveAttribute("aria-keyshortcuts", "Control+N");
    await userEvent.click(button);
    expect(await screen.findByTestId("case-form")).toBeInTheDocument();
  });
  it("makes the window behind a dialog inert until the dialog closes", async () => {
    backend({ app_status: () => okStatus(false), case_filter_options: noFilters, list_cases: listOf([demoRow]) });
    const { container } = render(App);
    await screen.findByTestId("case-row");
    const shell = container.querySelector(".shell");
    expect(shell).not.toHaveAttribute("inert");
    await userEvent.keyboard("{Control>}k{/Control}");
    const dialog = await screen.findByTestId("quick-search");
    expect(shell).toHaveAttribute("inert");
    expect(dialog.closest(".backdrop")).not.toHaveAttribute("inert");
    await userEvent.keyboard("{Escape}");
    expect(screen.queryByTestId("quick-search")).not.toBeInTheDocument();
    expect(shell).not.toHaveAttribute("inert");
  });
});

describe("language", () => {
  it("switches to Bokmål and remembers it", async () => {
    backend({ app_status: () => okStatus(true), case_filter_options: noFilters, list_cases: listOf([]) });
    render(App);
    await screen.findByText("Velkommen til Saksbok");
    await userEvent.selectOptions(screen.getByLabelText("Språk"), "nb");
    expect(await screen.findByRole("button", { name: "Last inn demodata" })).toBeInTheDocument();
    expect(screen.getByText(/Vil du laste inn demodata/)).toBeInTheDocument();
    expect(localStorage.getItem("saksbok.lang")).toBe("nb");
    expect(document.documentElement.lang).toBe("nb");
  });

  it("shows the list and the case in Bokmål", async () => {
    const closed: CaseRow = { ...demoRow, status: "closed_by_officer", screened: true };
    setLang("nb");
    backend({
      app_status: () => okStatus(false),
      case_filter_options: noFilters,
      list_cases: listOf([closed]),
      get_case: () => detail,
    });
    render(App);
    const row = await screen.findByTestId("case-row");
    expect(within(row).getByText("Avsluttet av saksbehandler")).toBeInTheDocument();
    expect(within(row).getByText("Skjermet")).toBeInTheDocument();
    expect(screen.getByLabelText("Saksansvarlig")).toBeInTheDocument();
    expect(screen.getByRole("option", { name: "Nyeste først" })).toBeInTheDocument();
    await userEvent.click(row);
    await screen.findByTestId("case-view");
    expect(screen.getByRole("heading", { name: "Journalposter" })).toBeInTheDocument();
    expect(screen.getByText("Inngående")).toBeInTheDocument();
    expect(screen.getByText("Tittel: «Gamal» → «Ny»")).toBeInTheDocument();
    expect(screen.getByText("Status: «Under behandling» → «Avsluttet»")).toBeInTheDocument();
    expect(screen.getAllByTestId("history-entry")[0]).toHaveTextContent("kari · Sak 21/1069 endret");
  });
});
