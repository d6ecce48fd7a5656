import { render, screen, waitFor, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { clearMocks } from "@tauri-apps/api/mocks";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import App from "../../App.svelte";
import type { CaseDetail, JournalInput, JournalRecord, PrintResult } from "../../lib/api";
import { formatDate, formatDateTime, todayIso } from "../../lib/format";
import { setLang } from "../../lib/i18n.svelte";
import { backend, demoRow, detail, item, listOf, okStatus, record, type Args } from "../../test/backend";

function app(extra: Record<string, (a: Args) => unknown> = {}) {
  const calls = backend({
    app_status: () => okStatus(false),
    case_filter_options: () => ({ years: [], officers: [], boards: [] }),
    list_cases: listOf([demoRow]),
    get_case: () => detail,
    get_agenda_item: (a) => (a.id === 7 ? item : null),
    ...extra,
  });
  render(App);
  return calls;
}

async function openCase() {
  await userEvent.click(await screen.findByTestId("case-row"));
  return screen.findByTestId("case-view");
}

beforeEach(() => {
  localStorage.clear();
  setLang("nn");
});
afterEach(() => clearMocks());

describe("the case view", () => {
  it("shows the facts, saksgang, journalpostar and history in Nynorsk", async () => {
    const calls = app();
    await openCase();
    expect(calls.find((c) => c.cmd === "get_case")?.args).toEqual({ id: 1 });
    expect(screen.getByTestId("case-number")).toHaveTextContent("21/1069");
    expect(screen.getByTestId("case-title")).toHaveTextContent(record.title);
    expect(screen.getByRole("heading", { level: 1 })).toHaveTextContent(record.title);
    const view = screen.getByTestId("case-view");
    expect(within(view).getByText("Under behandling")).toHaveClass("badge");
    // Facts: empty ones are left out.
    const facts = view.querySelector("dl.case-facts") as HTMLElement;
    expect(within(facts).getByText("Saksansvarleg").nextElementSibling).toHaveTextContent("Kari Nordheim");
    expect(within(facts).getByText("Arkivkode").nextElementSibling).toHaveTextContent("026");
    expect(within(facts).getByText("Oppretta").nextElementSibling).toHaveTextContent("02.03.2021");
    expect(within(facts).queryByText("Avslutta")).not.toBeInTheDocument();
    expect(within(facts).queryByText("Merknad")).not.toBeInTheDocument();

    expect(screen.getByRole("heading", { level: 2, name: "Saksgang" })).toBeInTheDocument();
    const step = screen.getByTestId("saksgang-row");
    expect(step).toHaveTextContent("54/21");
    expect(step).toHaveTextContent("Formannskapet og næringsutvalet");
    expect(step).toHaveTextContent("15.04.2021");
    expect(step).toHaveTextContent("Luster kommune bør utvikle sin eigen IKT-strategi.");
    expect(step.textContent).not.toContain("kommunestyret.");
    expect(step).toHaveTextContent("…");

    const journal = screen.getByTestId("journal-row");
    for (const part of ["21/1069-1", "Inngåande", "02.03.2021", "Sogndal kommune", "Invitasjon til IKT-samarbeid", "Journalført"]) {
      expect(journal).toHaveTextContent(part);
    }

    const history = screen.getAllByTestId("history-entry");
    expect(history).toHaveLength(2);
    expect(history[0]).toHaveTextContent(`${formatDateTime("2026-11-25T09:50:00Z")} · kari · Sak 21/1069 endra`);
    expect(within(history[0] as HTMLElement).getByText("Tittel: «Gamal» → «Ny»")).toBeInTheDocument();
    expect(within(history[0] as HTMLElement).getByText("Status: «Under behandling» → «Avslutta»")).toBeInTheDocument();
    expect(within(history[0] as HTMLElement).getByText("Avslutta: (tomt) → «25.11.2026»")).toBeInTheDocument();
    expect(history[1]).toHaveTextContent("kari · Sak 21/1069 oppretta");
    expect(within(history[1] as HTMLElement).getByText("Tittel: «Gamal»")).toBeInTheDocument();
  });

  it("shows local time as dd.mm.yyyy kl. HH:MM", () => {
    const at = new Date(2026, 10, 25, 10, 42).toISOString();
    expect(formatDateTime(at)).toBe("25.11.2026 kl. 10:42");
  });

  it("says where the case is skjerma and what is empty", async () => {
    const screened: CaseDetail = {
      ...detail,
      case: { ...record, screening_basis: "offl. § 13 jf. fvl. § 13", public_title: "Søknad om sosialhjelp" },
      saksgang: [],
      journal: [],
    };
    app({ get_case: () => screened });
    await openCase();
    expect(screen.getByTestId("case-screening")).toHaveTextContent(
      "Skjerma etter offl. § 13 jf. fvl. § 13. Offentleg tittel: «Søknad om sosialhjelp»",
    );
    expect(screen.getByText("Saka har ikkje vore handsama i noko utval.")).toBeInTheDocument();
    expect(screen.getByText("Ingen journalpostar enno.")).toBeInTheDocument();
  });

  it("goes back to the list with Escape", async () => {
    app();
    await openCase();
    await userEvent.keyboard("{Escape}");
    expect(await screen.findByRole("heading", { name: "Saker" })).toBeInTheDocument();
  });
});

describe("registering a journalpost", () => {
  const saved: JournalRecord = {
    id: 12,
    uuid: "0b7d6c1e-0000-4000-8000-000000000012",
    number: { case: { year: 2021, seq: 1069 }, doc: 2 },
    kind: "outgoing",
    date: "2021-04-20",
    correspondent: "SYS-IKT",
    title: "Svar om IKT-samarbeid",
    public_title: null,
    status: "journalised",
    screening_basis: null,
  };

  it("sends the input with the case id, reloads the case and focuses the new row", async () => {
    let registered = false;
    const calls = app({
      get_case: () => (registered ? { ...detail, journal: [...detail.journal, saved] } : detail),
      add_journal_entry: () => {
        registered = true;
        return saved;
      },
    });
    await openCase();
    await userEvent.click(screen.getByTestId("new-journal"));
    expect(screen.getByLabelText("Type")).toHaveValue("incoming");
    expect(screen.getByLabelText("Type")).toHaveFocus();
    expect(screen.getByLabelText("Journaldato")).toHaveValue(formatDate(todayIso()));
    expect(screen.getByLabelText("Status")).toHaveValue("journalised");
    await userEvent.selectOptions(screen.getByLabelText("Type"), "outgoing");
    await userEvent.clear(screen.getByLabelText("Journaldato"));
    await userEvent.type(screen.getByLabelText("Journaldato"), "20.04.2021");
    await userEvent.type(screen.getByLabelText("Avsendar/mottakar"), "SYS-IKT");
    await userEvent.type(screen.getByLabelText("Tittel"), "Svar om IKT-samarbeid");
    await userEvent.click(screen.getByTestId("save-journal"));

    const input: JournalInput = {
      kind: "outgoing",
      date: "20.04.2021",
      correspondent: "SYS-IKT",
      title: "Svar om IKT-samarbeid",
      public_title: null,
      status: "journalised",
      screening_basis: null,
    };
    await waitFor(() => expect(calls.find((c) => c.cmd === "add_journal_entry")?.args).toEqual({ caseId: 1, input }));
    await waitFor(() => expect(screen.getAllByTestId("journal-row")).toHaveLength(2));
    expect(calls.filter((c) => c.cmd === "get_case")).toHaveLength(2);
    const row = screen.getAllByTestId("journal-row")[1] as HTMLElement;
    expect(row).toHaveTextContent("21/1069-2");
    await waitFor(() => expect(row).toHaveFocus());
    expect(screen.getByRole("status")).toHaveTextContent("Journalposten 21/1069-2 er registrert.");
    expect(screen.queryByTestId("journal-form")).not.toBeInTheDocument();
  });

  it("shows the back end's errors beside the fields", async () => {
    app({
      add_journal_entry: () => {
        throw {
          code: "invalid",
          message: "Journalposten er ikkje lagra.",
          fields: [{ field: "title", message: "Journalposten må ha ein tittel." }],
        };
      },
    });
    await openCase();
    await userEvent.click(screen.getByTestId("new-journal"));
    await userEvent.click(screen.getByTestId("save-journal"));
    const title = screen.getByLabelText("Tittel");
    await waitFor(() => expect(title).toHaveAttribute("aria-invalid", "true"));
    const error = screen.getByText("Journalposten må ha ein tittel.");
    expect(error).toHaveClass("field-error");
    expect(title).toHaveAttribute("aria-describedby", error.id);
    expect(title).toHaveFocus();
  });

  it("is cancelled with Escape without leaving the case", async () => {
    app();
    await openCase();
    await userEvent.click(screen.getByTestId("new-journal"));
    await userEvent.click(screen.getByLabelText("Skjerma"));
    expect(screen.getByLabelText("Heimel for skjerming")).toBeInTheDocument();
    expect(screen.getByLabelText("Offentleg tittel")).toBeInTheDocument();
    await userEvent.keyboard("{Escape}");
    expect(screen.queryByTestId("journal-form")).not.toBeInTheDocument();
    expect(screen.getByTestId("case-view")).toBeInTheDocument();
    expect(screen.getByTestId("new-journal")).toHaveFocus();
  });
});

describe("changing a journalpost", () => {
  const registered: JournalRecord = { ...(detail.journal[0] as JournalRecord), status: "registered" };
  const second: JournalRecord = {
    ...registered,
    id: 12,
    uuid: "0b7d6c1e-0000-4000-8000-000000000012",
    number: { case: { year: 2021, seq: 1069 }, doc: 2 },
    kind: "outgoing",
    date: "2021-04-20",
    correspondent: "SYS-IKT",
    title: "Svar om IKT-samarbeid",
  };
  const before: CaseDetail = { ...detail, journal: [registered, second] };

  it("opens the form for the row whose Endre button is pressed", async () => {
    const calls = app({ get_case: () => before });
    await openCase();
    const buttons = screen.getAllByTestId("edit-journal");
    expect(buttons).toHaveLength(2);
    expect(buttons[0]).toHaveAccessibleName("Endre journalpost 21/1069-1");
    const edit = screen.getByRole("button", { name: "Endre journalpost 21/1069-2" });
    expect(edit).toHaveTextContent("Endre");
    // From the keyboard: the button takes focus, and Enter presses it.
    edit.focus();
    await userEvent.keyboard("{Enter}");
    const form = screen.getByTestId("journal-form");
    expect(within(form).getByRole("heading", { name: "Endre journalpost 21/1069-2" })).toBeInTheDocument();
    expect(screen.getByLabelText("Type")).toHaveValue("outgoing");
    expect(screen.getByLabelText("Type")).toHaveFocus();
    expect(screen.getByLabelText("Journaldato")).toHaveValue("20.04.2021");
    expect(screen.getByLabelText("Avsendar/mottakar")).toHaveValue("SYS-IKT");
    expect(screen.getByLabelText("Tittel")).toHaveValue("Svar om IKT-samarbeid");
    expect(screen.getByLabelText("Status")).toHaveValue("registered");
    // One form at a time: no other Endre or Ny journalpost while it is open.
    expect(screen.queryByTestId("edit-journal")).not.toBeInTheDocument();
    expect(screen.queryByTestId("new-journal")).not.toBeInTheDocument();
    expect(calls.some((c) => c.cmd === "update_journal_entry" || c.cmd === "add_journal_entry")).toBe(false);
  });

  it("saves the new status, reloads the case with its history and says so", async () => {
    let changed: JournalRecord | null = null;
    const after = (j: JournalRecord): CaseDetail => ({
      ...before,
      journal: [j, second],
      history: [
        {
          at: "2026-11-25T10:15:00Z",
          actor: "kari",
          action: "update",
          entity: "journal_entry",
          subject: "21/1069-1",
          changes: [{ field: "status", before: "registered", after: "journalised" }],
        },
        ...detail.history,
      ],
    });
    const calls = app({
      get_case: () => (changed ? after(changed) : before),
      update_journal_entry: (a) => {
        const input = a.input as JournalInput;
        changed = { ...registered, status: input.status };
        return changed;
      },
    });
    await openCase();
    expect(screen.getAllByTestId("journal-row")[0]).toHaveTextContent("Registrert av sakshandsamar");
    await userEvent.click(screen.getByRole("button", { name: "Endre journalpost 21/1069-1" }));
    await userEvent.selectOptions(screen.getByLabelText("Status"), "journalised");
    await userEvent.click(screen.getByRole("button", { name: "Lagra endringar" }));

    const input: JournalInput = {
      kind: "incoming",
      date: "02.03.2021",
      correspondent: "Sogndal kommune",
      title: "Invitasjon til IKT-samarbeid",
      public_title: null,
      status: "journalised",
      screening_basis: null,
    };
    await waitFor(() => expect(calls.find((c) => c.cmd === "update_journal_entry")?.args).toEqual({ id: 11, input }));
    expect(calls.some((c) => c.cmd === "add_journal_entry")).toBe(false);
    await waitFor(() => expect(screen.getByRole("status")).toHaveTextContent("Journalposten 21/1069-1 er lagra."));
    expect(calls.filter((c) => c.cmd === "get_case")).toHaveLength(2);
    expect(screen.queryByTestId("journal-form")).not.toBeInTheDocument();
    const row = screen.getAllByTestId("journal-row")[0] as HTMLElement;
    expect(row).toHaveTextContent("21/1069-1");
    expect(row).toHaveTextContent("Journalført");
    await waitFor(() => expect(row).toHaveFocus());
    const history = screen.getAllByTestId("history-entry");
    expect(history[0]).toHaveTextContent("kari · Journalpost 21/1069-1 endra");
    expect(
      within(history[0] as HTMLElement).getByText("Status: «Registrert av sakshandsamar» → «Journalført»"),
    ).toBeInTheDocument();
    expect(screen.getAllByTestId("edit-journal")).toHaveLength(2);
  });

  it("shows the back end's field error at its field and keeps the case as it was", async () => {
    const calls = app({
      get_case: () => before,
      update_journal_entry: () => {
        throw {
          code: "invalid",
          message: "Journalposten er ikkje lagra.",
          fields: [{ field: "title", message: "Journalposten må ha ein tittel." }],
        };
      },
    });
    await openCase();
    await userEvent.click(screen.getByRole("button", { name: "Endre journalpost 21/1069-1" }));
    const title = screen.getByLabelText("Tittel");
    await userEvent.clear(title);
    await userEvent.click(screen.getByTestId("save-journal"));
    await waitFor(() => expect(title).toHaveAttribute("aria-invalid", "true"));
    const error = screen.getByText("Journalposten må ha ein tittel.");
    expect(error).toHaveClass("field-error");
    expect(title).toHaveAttribute("aria-describedby", error.id);
    expect(title).toHaveFocus();
    expect(screen.getByTestId("journal-form")).toBeInTheDocument();
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();
    expect(screen.queryByTestId("notice")).not.toBeInTheDocument();
    expect(calls.filter((c) => c.cmd === "get_case")).toHaveLength(1);
  });

  it("closes with Escape at once when nothing is changed, and asks first when something is", async () => {
    const calls = app({ get_case: () => before });
    await openCase();
    const edit = screen.getByRole("button", { name: "Endre journalpost 21/1069-2" });
    await userEvent.click(edit);
    await userEvent.keyboard("{Escape}");
    expect(screen.queryByTestId("journal-form")).not.toBeInTheDocument();
    expect(screen.queryByRole("alertdialog")).not.toBeInTheDocument();
    expect(screen.getByTestId("case-view")).toBeInTheDocument();
    await waitFor(() => expect(screen.getByRole("button", { name: "Endre journalpost 21/1069-2" })).toHaveFocus());

    await userEvent.click(screen.getByRole("button", { name: "Endre journalpost 21/1069-2" }));
    await userEvent.type(screen.getByLabelText("Tittel"), " (retta)");
    await userEvent.keyboard("{Escape}");
    const dialog = await screen.findByRole("alertdialog", { name: "Forkaste endringane?" });
    expect(within(dialog).getByRole("button", { name: "Hald fram" })).toHaveFocus();
    // Escape answers the dialog, not the form or the case view.
    await userEvent.keyboard("{Escape}");
    expect(screen.queryByRole("alertdialog")).not.toBeInTheDocument();
    expect(screen.getByLabelText("Tittel")).toHaveValue("Svar om IKT-samarbeid (retta)");

    await userEvent.click(screen.getByRole("button", { name: "Avbryt" }));
    const again = await screen.findByRole("alertdialog");
    await userEvent.click(within(again).getByRole("button", { name: "Forkast" }));
    expect(screen.queryByRole("alertdialog")).not.toBeInTheDocument();
    expect(screen.queryByTestId("journal-form")).not.toBeInTheDocument();
    expect(screen.getByTestId("case-view")).toBeInTheDocument();
    await waitFor(() => expect(screen.getByRole("button", { name: "Endre journalpost 21/1069-2" })).toHaveFocus());
    expect(screen.getAllByTestId("journal-row")[1]).toHaveTextContent("Svar om IKT-samarbeid");
    expect(calls.some((c) => c.cmd === "update_journal_entry")).toBe(false);
  });

  it("asks before leaving the case with unsaved changes to a journalpost", async () => {
    app({ get_case: () => before });
    await openCase();
    await userEvent.click(screen.getByRole("button", { name: "Endre journalpost 21/1069-1" }));
    await userEvent.selectOptions(screen.getByLabelText("Status"), "journalised");
    await userEvent.click(screen.getByRole("button", { name: "Saker" }));
    const dialog = await screen.findByRole("alertdialog", { name: "Forkaste endringane?" });
    await userEvent.click(within(dialog).getByRole("button", { name: "Hald fram" }));
    expect(screen.getByLabelText("Status")).toHaveValue("journalised");
    await userEvent.click(screen.getByRole("button", { name: "Saker" }));
    await userEvent.click(within(await screen.findByRole("alertdialog")).getByRole("button", { name: "Forkast" }));
    expect(await screen.findByRole("heading", { name: "Saker" })).toBeInTheDocument();
  });
});

describe("the utvalssak", () => {
  const printed: PrintResult = {
    path: "/data/protokollar/saksprotokoll-54-21-formannskapet-og-naeringsutvalet.pdf",
    pages: 2,
    sha256: "ab".repeat(32),
    missing_glyphs: "",
    opened: true,
    open_error: null,
    printer: null,
    copies: 0,
  };

  it("opens from the saksgang, shows behandling and prints the protocol", async () => {
    const calls = app({ print_saksprotokoll: () => printed });
    await openCase();
    await userEvent.click(screen.getByTestId("saksgang-row"));
    expect(await screen.findByTestId("agenda-number")).toHaveTextContent("54/21");
    expect(screen.getByTestId("case-title")).toHaveTextContent(record.title);
    const em = screen.getByText("Saka vert utsett for forhandlingar med Sogndal kommune.");
    expect(em.tagName).toBe("EM");
    expect(screen.getByRole("heading", { name: "Vedtak" })).toBeInTheDocument();
    await userEvent.click(screen.getByTestId("print"));
    expect(await screen.findByTestId("print-result")).toHaveTextContent(
      "Saksprotokollen (2 sider) er lagra i /data/protokollar/saksprotokoll-54-21-formannskapet-og-naeringsutvalet.pdf",
    );
    expect(calls.find((c) => c.cmd === "print_saksprotokoll")?.args).toEqual({ id: 7, to: null, certify: false });
  });

  it("is driven from the keyboard and goes back to its case", async () => {
    const calls = app({
      print_saksprotokoll: (a) => (a.to ? { ...printed, opened: false, printer: "Kopirommet", copies: 1 } : printed),
      list_printers: () => ({
        printers: [
          { name: "PDF", description: "PDF", location: "", is_default: true, state: "ready", duplex: false },
          { name: "Kopirommet", description: "Kopirommet", location: "", is_default: false, state: "ready", duplex: true },
        ],
        preferred: "Kopirommet",
      }),
    });
    await openCase();
    screen.getByTestId("saksgang-row").focus();
    await userEvent.keyboard("{Enter}");
    await screen.findByTestId("agenda-number");
    expect(screen.getByRole("button", { name: "← Sak 21/1069" })).toBeInTheDocument();
    // Ctrl+P asks where to print; Enter prints on the printer it starts from.
    await userEvent.keyboard("{Control>}p{/Control}");
    const dialog = await screen.findByRole("dialog", { name: "Skriv ut saksprotokoll 54/21" });
    await waitFor(() => expect(screen.getByTestId("print-printer")).toHaveFocus());
    expect(screen.getByTestId("print-printer")).toHaveValue("Kopirommet");
    await userEvent.keyboard("{Enter}");
    expect(await screen.findByTestId("print-result")).toHaveTextContent(
      "Saksprotokollen er send til Kopirommet (1 kopi). PDF-en er teken vare på i",
    );
    expect(dialog).not.toBeInTheDocument();
    expect(calls.find((c) => c.cmd === "print_saksprotokoll")?.args).toEqual({
      id: 7,
      to: { printer: "Kopirommet", copies: 1, duplex: false },
      certify: false,
    });
    await userEvent.keyboard("{Escape}");
    expect(await screen.findByTestId("case-view")).toBeInTheDocument();
    await userEvent.keyboard("{Escape}");
    expect(await screen.findByRole("heading", { name: "Saker" })).toBeInTheDocument();
  });

  it("marks the extract «Rett utskrift» when asked", async () => {
    const calls = app({ print_saksprotokoll: () => printed });
    await openCase();
    await userEvent.click(screen.getByTestId("saksgang-row"));
    await userEvent.click(await screen.findByRole("checkbox", { name: "Merk som «Rett utskrift»" }));
    await userEvent.click(screen.getByRole("button", { name: "Opne i PDF-lesar" }));
    await screen.findByTestId("print-result");
    expect(calls.find((c) => c.cmd === "print_saksprotokoll")?.args).toEqual({ id: 7, to: null, certify: true });
  });

  it("shows a failed print as a clear error and keeps the utvalssak on screen", async () => {
    app({
      print_saksprotokoll: () => {
        throw { code: "io", message: "Kan ikkje lagra saksprotokollen i /data/x.pdf: Disken er full" };
      },
    });
    await openCase();
    await userEvent.click(screen.getByTestId("saksgang-row"));
    await userEvent.click(await screen.findByTestId("print"));
    await waitFor(() => expect(screen.getByRole("alert")).toHaveTextContent("Disken er full"));
    expect(screen.getByTestId("agenda-number")).toBeInTheDocument();
  });

  it("says so when the PDF viewer could not be opened", async () => {
    app({
      print_saksprotokoll: () => ({ ...printed, opened: false, open_error: "Fann ingen PDF-lesar som kunne opna fila." }),
    });
    await openCase();
    await userEvent.click(screen.getByTestId("saksgang-row"));
    await userEvent.click(await screen.findByTestId("print"));
    expect(await screen.findByTestId("print-result")).toHaveTextContent(
      `Saksprotokollen er lagra i ${printed.path}. Fann ingen PDF-lesar som kunne opna fila.`,
    );
  });
});
