import { render, screen, waitFor, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import App from "./App.svelte";
import { setLang } from "./lib/i18n.svelte";
import type { AgendaItemView, AppStatus, CaseSummary, PrintResult } from "./lib/api";

const okStatus = (empty: boolean): AppStatus => ({
  db_path: "/home/kari/.local/share/no.kommune.luster.saksbok/saksbok.sqlite3",
  db_error: null,
  empty,
  municipality: "Luster kommune",
  version: "0.1.0",
});

const summary: CaseSummary = {
  agenda_item_id: 7,
  case_number: { year: 2021, seq: 1069 },
  agenda_number: { year: 2021, seq: 54 },
  title: "IKT-samarbeid. Etablering av avtale med SYS-IKT",
  board: "Formannskapet og næringsutvalet",
  meeting_date: "2021-04-15",
};

const item: AgendaItemView = {
  id: 7,
  agenda_number: "54/21",
  case_number: "21/1069",
  title: summary.title,
  board: summary.board,
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

type Handler = (args: Record<string, unknown> | undefined) => unknown;
let calls: { cmd: string; args: unknown }[];

function backend(handlers: Record<string, Handler>) {
  calls = [];
  mockIPC((cmd, args) => {
    calls.push({ cmd, args });
    const h = handlers[cmd];
    if (!h) throw new Error(`uventa kommando ${cmd}`);
    return h(args as Record<string, unknown> | undefined);
  });
}

beforeEach(() => setLang("nn"));
afterEach(() => clearMocks());

describe("first start", () => {
  it("offers the demo data and shows the case after loading it", async () => {
    let loaded = false;
    backend({
      app_status: () => okStatus(!loaded),
      list_cases: () => (loaded ? [summary] : []),
      load_demo: () => {
        loaded = true;
        return [summary];
      },
    });
    render(App);
    expect(await screen.findByRole("heading", { name: "Velkommen til Saksbok" })).toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: "Last inn demodata" }));
    const row = await screen.findByTestId("case-row");
    expect(within(row).getByText("54/21")).toBeInTheDocument();
    expect(within(row).getByText("21/1069")).toBeInTheDocument();
    expect(within(row).getByText("15.04.2021")).toBeInTheDocument();
    expect(calls.map((c) => c.cmd)).toContain("load_demo");
  });

  it("can start with an empty register instead", async () => {
    backend({ app_status: () => okStatus(true), list_cases: () => [] });
    render(App);
    await userEvent.click(await screen.findByRole("button", { name: "Start med tom database" }));
    expect(await screen.findByText("Ingen saker enno.")).toBeInTheDocument();
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
      },
    };
    backend({
      app_status: () => broken,
      reopen_database: () => {
        attempts += 1;
        return okStatus(false);
      },
      list_cases: () => [summary],
    });
    render(App);
    expect(await screen.findByRole("heading", { name: "Databasen kunne ikkje opnast" })).toBeInTheDocument();
    expect(screen.getByRole("alert")).toHaveTextContent("Ingenting i fila er endra");
    expect(screen.queryByRole("button", { name: "Saker" })).not.toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: "Prøv igjen" }));
    expect(await screen.findByTestId("case-row")).toBeInTheDocument();
    expect(attempts).toBe(1);
  });
});

describe("the case view", () => {
  const printed: PrintResult = {
    path: "/data/protokollar/saksprotokoll-54-21-formannskapet-og-naeringsutvalet.pdf",
    pages: 2,
    sha256: "ab".repeat(32),
    missing_glyphs: "",
    opened: true,
    open_error: null,
  };

  it("shows behandling with the proposal in italics and prints the protocol", async () => {
    backend({
      app_status: () => okStatus(false),
      list_cases: () => [summary],
      get_agenda_item: (a) => (a?.id === 7 ? item : null),
      print_saksprotokoll: () => printed,
    });
    render(App);
    await userEvent.click(await screen.findByTestId("case-row"));
    expect(await screen.findByTestId("case-title")).toHaveTextContent(summary.title);
    expect(screen.getByTestId("agenda-number")).toHaveTextContent("54/21");
    expect(screen.getByTestId("case-number")).toHaveTextContent("21/1069");
    const em = screen.getByText("Saka vert utsett for forhandlingar med Sogndal kommune.");
    expect(em.tagName).toBe("EM");
    expect(screen.getByRole("heading", { name: "Vedtak" })).toBeInTheDocument();

    await userEvent.click(screen.getByTestId("print"));
    expect(await screen.findByTestId("print-result")).toHaveTextContent(
      "Saksprotokollen (2 sider) er lagra i /data/protokollar/saksprotokoll-54-21-formannskapet-og-naeringsutvalet.pdf",
    );
    expect(calls.find((c) => c.cmd === "print_saksprotokoll")?.args).toEqual({ id: 7 });
  });

  it("is driven from the keyboard: Enter opens, Ctrl+P prints, Escape goes back", async () => {
    backend({
      app_status: () => okStatus(false),
      list_cases: () => [summary],
      get_agenda_item: () => item,
      print_saksprotokoll: () => printed,
    });
    render(App);
    const row = await screen.findByTestId("case-row");
    row.focus();
    await userEvent.keyboard("{Enter}");
    await screen.findByTestId("case-title");
    await userEvent.keyboard("{Control>}p{/Control}");
    await screen.findByTestId("print-result");
    await userEvent.keyboard("{Escape}");
    expect(await screen.findByRole("heading", { name: "Saker" })).toBeInTheDocument();
  });

  it("shows a failed print as a clear error and keeps the case on screen", async () => {
    backend({
      app_status: () => okStatus(false),
      list_cases: () => [summary],
      get_agenda_item: () => item,
      print_saksprotokoll: () => {
        throw { code: "io", message: "Kan ikkje lagra saksprotokollen i /data/x.pdf: Disken er full" };
      },
    });
    render(App);
    await userEvent.click(await screen.findByTestId("case-row"));
    await userEvent.click(await screen.findByTestId("print"));
    await waitFor(() => expect(screen.getByRole("alert")).toHaveTextContent("Disken er full"));
    expect(screen.getByTestId("case-title")).toBeInTheDocument();
  });

  it("says so when the PDF viewer could not be opened", async () => {
    backend({
      app_status: () => okStatus(false),
      list_cases: () => [summary],
      get_agenda_item: () => item,
      print_saksprotokoll: () => ({
        ...printed,
        opened: false,
        open_error: "Fann ingen PDF-lesar som kunne opna fila.",
      }),
    });
    render(App);
    await userEvent.click(await screen.findByTestId("case-row"));
    await userEvent.click(await screen.findByTestId("print"));
    expect(await screen.findByTestId("print-result")).toHaveTextContent(
      `Saksprotokollen er lagra i ${printed.path}. Fann ingen PDF-lesar som kunne opna fila.`,
    );
  });
});

describe("language", () => {
  it("switches to Bokmål and remembers it", async () => {
    backend({ app_status: () => okStatus(true), list_cases: () => [] });
    render(App);
    await screen.findByText("Velkommen til Saksbok");
    await userEvent.selectOptions(screen.getByLabelText("Språk"), "nb");
    expect(await screen.findByRole("button", { name: "Last inn demodata" })).toBeInTheDocument();
    expect(screen.getByText(/Vil du laste inn demodata/)).toBeInTheDocument();
    expect(localStorage.getItem("saksbok.lang")).toBe("nb");
    expect(document.documentElement.lang).toBe("nb");
  });
});

describe("search", () => {
  it("filters the list and says when nothing matches", async () => {
    const other: CaseSummary = { ...summary, agenda_item_id: 8, title: "Budsjett 2022", agenda_number: { year: 2021, seq: 60 } };
    backend({ app_status: () => okStatus(false), list_cases: () => [summary, other] });
    render(App);
    expect(await screen.findAllByTestId("case-row")).toHaveLength(2);
    await userEvent.type(screen.getByLabelText("Søk i saker"), "sys-ikt");
    expect(screen.getAllByTestId("case-row")).toHaveLength(1);
    await userEvent.clear(screen.getByLabelText("Søk i saker"));
    await userEvent.type(screen.getByLabelText("Søk i saker"), "finst ikkje");
    expect(screen.getByText("Ingen saker passar med søket.")).toBeInTheDocument();
  });
});
