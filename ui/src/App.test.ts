import { cleanup, render, screen, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { emit } from "@tauri-apps/api/event";
import { clearMocks } from "@tauri-apps/api/mocks";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import App from "./App.svelte";
import type { AppStatus, BoardRecord, BoardSettings, CaseRow } from "./lib/api";
import { i18n, setLang } from "./lib/i18n.svelte";
import {
  backend,
  backupList,
  dailyBackup,
  defaults,
  demoRow,
  detail,
  formannskapet,
  listOf,
  manualBackup,
  okStatus,
  settingsView,
} from "./test/backend";
import { formannskapetFull, meetingsBackend, rollMeeting } from "./test/meetings";

const noFilters = () => ({ years: [2021], officers: ["Kari Nordheim"], boards: ["Formannskapet og næringsutvalet"] });

beforeEach(() => {
  localStorage.clear();
  setLang("nn");
});
afterEach(async () => {
  // Unmount first, and let the app stop listening to events while the mocks are still there.
  cleanup();
  await new Promise((resolve) => setTimeout(resolve, 0));
  clearMocks();
});

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

  const failed = (code: string, message: string): AppStatus => ({
    ...okStatus(false),
    db_error: { code, message, fields: [] },
  });

  it("offers the backups of a damaged file and restores one only once confirmed", async () => {
    let restored = false;
    const keptDamaged = {
      ...dailyBackup,
      path: "/kopiar/saksbok-20261125T090000Z-skadd.sqlite3",
      reason: "skadd",
      reason_label: "Skadd database, teken vare på",
    };
    const calls = backend({
      app_status: () => (restored ? okStatus(false) : failed("db_corrupt", "Databasefila er skadd.")),
      list_backups: () => backupList([keptDamaged, dailyBackup, manualBackup]),
      restore_backup: () => {
        restored = true;
        return keptDamaged;
      },
      case_filter_options: noFilters,
      list_cases: listOf([demoRow]),
    });
    render(App);
    const section = await screen.findByTestId("db-error-backups");
    expect(within(section).getByRole("heading", { name: "Hent fram ein tryggingskopi" })).toBeInTheDocument();
    expect(section).toHaveTextContent("Den skadde fila blir ikkje sletta");
    // The damaged file kept from before is no backup to bring back.
    const rows = await within(section).findAllByTestId("backup-row");
    expect(rows).toHaveLength(2);
    expect(within(rows[0]!).getByText("24.11.2026 kl. 08.00")).toBeInTheDocument();
    await userEvent.click(within(rows[1]!).getByTestId("restore-backup"));
    expect(screen.getByTestId("confirm-dialog")).toBeInTheDocument();
    expect(calls.filter((c) => c.cmd === "restore_backup")).toEqual([]);
    await userEvent.click(screen.getByTestId("confirm-restore"));
    expect(await screen.findByTestId("case-row")).toBeInTheDocument();
    expect(calls.filter((c) => c.cmd === "restore_backup").map((c) => c.args)).toEqual([{ path: manualBackup.path }]);
    expect(calls.filter((c) => c.cmd === "app_status")).toHaveLength(2);
    expect(screen.getByTestId("notice")).toHaveTextContent(
      `Tryggingskopien frå 20.11.2026 kl. 14.30 er henta fram. Den skadde fila er teken vare på i ${keptDamaged.path}.`,
    );
    expect(screen.queryByTestId("db-error-backups")).not.toBeInTheDocument();
  });

  it("shows why a restore failed and stays on the explanation", async () => {
    const calls = backend({
      app_status: () => failed("db_not_a_database", "Fila er ikkje ein Saksbok-database."),
      list_backups: () => backupList(),
      restore_backup: () => {
        throw { code: "backup_invalid", message: "Tryggingskopien er òg skadd.", fields: [] };
      },
    });
    render(App);
    const [first] = await screen.findAllByTestId("restore-backup");
    await userEvent.click(first!);
    await userEvent.click(screen.getByTestId("confirm-restore"));
    const section = screen.getByTestId("db-error-backups");
    expect(await within(section).findByText("Tryggingskopien er òg skadd.")).toBeInTheDocument();
    expect(screen.getByRole("heading", { name: "Databasen kunne ikkje opnast" })).toBeInTheDocument();
    expect(within(section).getAllByTestId("backup-row")).toHaveLength(2);
    expect(calls.filter((c) => c.cmd === "app_status")).toHaveLength(1);
  });

  it("says so when a damaged file has no backups", async () => {
    backend({
      app_status: () => failed("db_corrupt", "Databasefila er skadd."),
      list_backups: () => backupList([]),
    });
    render(App);
    expect(await screen.findByTestId("no-backups")).toHaveTextContent(
      `Fann ingen tryggingskopiar i ${backupList().dir}.`,
    );
  });

  it("offers no backups when the file is only locked", async () => {
    const calls = backend({
      app_status: () => failed("db_locked", "Databasen er i bruk av eit anna program."),
      list_backups: () => backupList(),
    });
    render(App);
    expect(await screen.findByRole("heading", { name: "Databasen kunne ikkje opnast" })).toBeInTheDocument();
    expect(screen.queryByTestId("db-error-backups")).not.toBeInTheDocument();
    expect(screen.queryByTestId("restore-backup")).not.toBeInTheDocument();
    expect(calls.filter((c) => c.cmd === "list_backups")).toEqual([]);
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
  it("switches to Bokmål and remembers it, also in the person's settings", async () => {
    const calls = backend({
      app_status: () => okStatus(true),
      case_filter_options: noFilters,
      list_cases: listOf([]),
      get_settings: () => settingsView,
      save_personal_settings: (a) => ({ ...settingsView, personal: a.input }),
    });
    render(App);
    await screen.findByText("Velkommen til Saksbok");
    await userEvent.selectOptions(screen.getByLabelText("Språk"), "nb");
    expect(await screen.findByRole("button", { name: "Last inn demodata" })).toBeInTheDocument();
    expect(screen.getByText(/Vil du laste inn demodata/)).toBeInTheDocument();
    expect(localStorage.getItem("saksbok.lang")).toBe("nb");
    expect(document.documentElement.lang).toBe("nb");
    await expect
      .poll(() => calls.filter((c) => c.cmd === "save_personal_settings").map((c) => c.args))
      .toEqual([{ input: { ...settingsView.personal, language: "nb" } }]);
  });

  it("uses the language saved in the person's settings at start", async () => {
    backend({
      app_status: () => okStatus(false),
      case_filter_options: noFilters,
      list_cases: listOf([demoRow]),
      get_settings: () => ({ ...settingsView, personal: { ...settingsView.personal, language: "nb" } }),
    });
    render(App);
    expect(await screen.findByRole("button", { name: "Innstillinger" })).toBeInTheDocument();
    expect(i18n.lang).toBe("nb");
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

describe("innstillingar", () => {
  const settingsBackend = (extra: Parameters<typeof backend>[0] = {}) =>
    backend(
      {
        app_status: () => okStatus(false),
        case_filter_options: noFilters,
        list_cases: listOf([demoRow]),
        get_settings: () => settingsView,
        list_backups: () => backupList(),
        ...extra,
      },
      { events: true },
    );

  it("opens from the sidebar, and Om Saksbok opens and closes with Escape", async () => {
    settingsBackend();
    render(App);
    await screen.findByTestId("case-row");
    const nav = screen.getByTestId("nav-settings");
    expect(nav).toHaveAccessibleName("Innstillingar");
    await userEvent.click(nav);
    expect(await screen.findByRole("heading", { level: 1, name: "Innstillingar" })).toBeInTheDocument();
    expect(nav).toHaveAttribute("aria-current", "page");
    expect(await screen.findAllByTestId("backup-row")).toHaveLength(2);

    const about = screen.getByTestId("open-about");
    await userEvent.click(about);
    const dialog = await screen.findByRole("dialog", { name: "Om Saksbok" });
    expect(dialog).toHaveTextContent("0.1.0");
    expect(dialog).toHaveTextContent(okStatus(false).db_path);
    await userEvent.keyboard("{Escape}");
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    expect(about).toHaveFocus();
  });

  it("asks before leaving unsaved settings", async () => {
    settingsBackend();
    render(App);
    await screen.findByTestId("case-row");
    await userEvent.click(screen.getByTestId("nav-settings"));
    await userEvent.type(await screen.findByLabelText("Kommunenummer"), "46");
    await userEvent.click(screen.getByRole("button", { name: "Saker" }));
    expect(await screen.findByRole("alertdialog", { name: "Forkaste endringane?" })).toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: "Hald fram" }));
    expect(screen.getByLabelText("Kommunenummer")).toHaveValue("46");
  });

  it("restores a backup after the confirmation, reloads the app and says so", async () => {
    let restored = false;
    const calls = settingsBackend({
      app_status: () => ({ ...okStatus(false), municipality: restored ? "Luster kommune (kopi)" : "Luster kommune" }),
      restore_backup: () => {
        restored = true;
        return { ...dailyBackup, reason: "foer-attoppretting", reason_label: "Før attoppretting" };
      },
    });
    render(App);
    await screen.findByTestId("case-row");
    await userEvent.type(screen.getByLabelText("Søk i saker"), "IKT");
    await userEvent.click(screen.getByTestId("nav-settings"));
    const [first] = await screen.findAllByTestId("restore-backup");
    await userEvent.click(first!);
    await userEvent.click(screen.getByTestId("confirm-restore"));
    expect(await screen.findByTestId("notice")).toHaveTextContent(
      "Tryggingskopien frå 24.11.2026 kl. 08.00 er henta fram. Databasen slik han var, er teken vare på.",
    );
    expect(calls.filter((c) => c.cmd === "restore_backup").map((c) => c.args)).toEqual([{ path: dailyBackup.path }]);
    expect(calls.filter((c) => c.cmd === "app_status")).toHaveLength(2);
    expect(screen.getByText(/Luster kommune \(kopi\)/)).toBeInTheDocument();
    // The case list starts afresh, without the search from before.
    await userEvent.click(screen.getByRole("button", { name: "Saker" }));
    expect(await screen.findByLabelText("Søk i saker")).toHaveValue("");
  });

  it("shows in the error banner that the daily backup failed, and why", async () => {
    settingsBackend();
    render(App);
    await screen.findByTestId("case-row");
    await emit("backup-failed", {
      code: "backup_failed",
      message: "Mappa /srv/kopiar finst ikkje.",
      fields: [],
    });
    const banner = await screen.findByTestId("backup-failed");
    expect(within(banner).getByRole("alert")).toHaveTextContent(
      "Den daglege tryggingskopien vart ikkje teken. Mappa /srv/kopiar finst ikkje.",
    );
    await userEvent.click(within(banner).getByRole("button", { name: "Lukk" }));
    expect(screen.queryByTestId("backup-failed")).not.toBeInTheDocument();
  });

  it("shows a daily backup that failed before the window listened, from the status", async () => {
    const failed = { code: "invalid", message: "Mappa /srv/kopiar finst ikkje.", fields: [] };
    settingsBackend({ app_status: () => ({ ...okStatus(false), backup_error: failed }) });
    render(App);
    const banner = await screen.findByTestId("backup-failed");
    expect(within(banner).getByRole("alert")).toHaveTextContent("Den daglege tryggingskopien vart ikkje teken.");
    await userEvent.click(within(banner).getByRole("button", { name: "Lukk" }));
    await userEvent.click(screen.getByRole("button", { name: "Innstillingar" }));
    expect(screen.queryByTestId("backup-failed")).not.toBeInTheDocument();
  });
});

describe("utval", () => {
  function boardsBackend() {
    let boards: BoardRecord[] = [structuredClone(formannskapet)];
    const calls = backend({
      app_status: () => okStatus(false),
      case_filter_options: noFilters,
      list_cases: listOf([demoRow]),
      list_boards: () => boards,
      create_board: (a) => {
        const made: BoardRecord = { id: 2, settings: a.settings as BoardSettings, members: [] };
        boards = [...boards, made];
        return made;
      },
    });
    return calls;
  }

  it("opens from the sidebar, and a new board is made and shown with the keyboard alone", async () => {
    const calls = boardsBackend();
    render(App);
    await screen.findByTestId("case-row");
    const nav = screen.getByTestId("nav-boards");
    expect(nav).toHaveAccessibleName("Utval");
    nav.focus();
    await userEvent.keyboard("{Enter}");
    expect(await screen.findByRole("heading", { level: 1, name: "Utval" })).toBeInTheDocument();
    expect(nav).toHaveAttribute("aria-current", "page");
    expect(await screen.findByTestId("board-number")).toHaveTextContent("54/21");

    // Tab to "Nytt utval", Enter; the form opens with the focus in its first field.
    for (let i = 0; i < 30 && document.activeElement !== screen.getByTestId("new-board"); i++) await userEvent.tab();
    expect(screen.getByTestId("new-board")).toHaveFocus();
    await userEvent.keyboard("{Enter}");
    const name = await screen.findByLabelText("Namn på utvalet");
    await vi.waitFor(() => expect(name).toHaveFocus());
    await userEvent.keyboard("Kommunestyret");
    for (let i = 0; i < 30 && document.activeElement !== screen.getByTestId("save-board"); i++) await userEvent.tab();
    await userEvent.keyboard("{Enter}");

    expect(await screen.findByTestId("notice")).toHaveTextContent("Utvalet er lagra.");
    expect(calls.filter((c) => c.cmd === "create_board")).toHaveLength(1);
    // The new board is chosen, and its members can now be added.
    expect(await screen.findByTestId("board-members")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Kommunestyret", current: true })).toBeInTheDocument();
  });

  it("asks before leaving a board with unsaved members, also for another board", async () => {
    boardsBackend();
    render(App);
    await screen.findByTestId("case-row");
    await userEvent.click(screen.getByTestId("nav-boards"));
    await userEvent.click(await screen.findByRole("button", { name: "Formannskapet og næringsutvalet" }));
    await userEvent.type(await screen.findByLabelText("Parti, rad 1"), "-leiar");

    await userEvent.click(screen.getByTestId("new-board"));
    expect(await screen.findByRole("alertdialog", { name: "Forkaste endringane?" })).toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: "Hald fram" }));
    expect(screen.getByLabelText("Parti, rad 1")).toHaveValue("Sp-leiar");

    await userEvent.click(screen.getByRole("button", { name: "Saker" }));
    expect(await screen.findByRole("alertdialog", { name: "Forkaste endringane?" })).toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: "Forkast" }));
    expect(await screen.findByTestId("case-row")).toBeInTheDocument();
  });
});

describe("møte", () => {
  /** The app over a register with one board, no meetings and the cases the sakliste can take. */
  const appWithMeetings = () =>
    meetingsBackend([], { app_status: () => okStatus(false), case_filter_options: noFilters }, [formannskapet]);

  it("opens from the sidebar after Utval, plans a meeting and shows its sakliste", async () => {
    const calls = appWithMeetings();
    render(App);
    await screen.findAllByTestId("case-row");
    const nav = screen.getByTestId("nav-meetings");
    expect(nav).toHaveAccessibleName("Møte");
    const items = within(nav.closest("ul") as HTMLElement).getAllByRole("button").map((b) => b.dataset.testid);
    expect(items.indexOf("nav-meetings")).toBe(items.indexOf("nav-boards") + 1);
    await userEvent.click(nav);
    expect(await screen.findByRole("heading", { level: 1, name: "Møte" })).toBeInTheDocument();
    expect(nav).toHaveAttribute("aria-current", "page");
    expect(await screen.findByTestId("no-meetings")).toHaveTextContent("Ingen møte enno.");

    await userEvent.click(screen.getByTestId("new-meeting"));
    const date = await screen.findByLabelText("Dato");
    // The only board is chosen already, with its usual place.
    expect(screen.getByLabelText("Møtestad")).toHaveValue("Rådhuset, Gaupne");
    await vi.waitFor(() => expect(date).toHaveFocus());
    await userEvent.keyboard("3.12.2026{Enter}");

    expect(await screen.findByTestId("notice")).toHaveTextContent("Møtet er lagra.");
    expect(calls.filter((c) => c.cmd === "create_meeting")).toHaveLength(1);
    expect(await screen.findByTestId("sakliste")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "03.12.2026, Formannskapet og næringsutvalet", current: true })).toBeInTheDocument();

    await userEvent.type(screen.getByLabelText("Legg til sak"), "Budsjett{Enter}");
    expect(await screen.findByTestId("notice")).toHaveTextContent("«Budsjett 2027» er lagd til. Saklista er lagra.");
    await vi.waitFor(() => expect(screen.getByTestId("meeting-items")).toHaveTextContent("1"));
  });

  it("asks before leaving a meeting form with unsaved changes", async () => {
    appWithMeetings();
    render(App);
    await screen.findAllByTestId("case-row");
    await userEvent.click(screen.getByTestId("nav-meetings"));
    await userEvent.click(await screen.findByTestId("new-meeting"));
    await userEvent.type(await screen.findByLabelText("Dato"), "3.12.2026");
    await userEvent.click(screen.getByRole("button", { name: "Saker" }));
    expect(await screen.findByRole("alertdialog", { name: "Forkaste endringane?" })).toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: "Hald fram" }));
    expect(screen.getByLabelText("Dato")).toHaveValue("3.12.2026");
  });

  it("asks before leaving a meeting whose roll has unsaved changes, and not once it is saved", async () => {
    const calls = meetingsBackend(
      [rollMeeting],
      { app_status: () => okStatus(false), case_filter_options: noFilters },
      [formannskapetFull],
    );
    render(App);
    await screen.findAllByTestId("case-row");
    await userEvent.click(screen.getByTestId("nav-meetings"));
    await userEvent.click(await screen.findByRole("button", { name: "19.11.2026 kl. 09:00, Formannskapet og næringsutvalet" }));
    await userEvent.click(await screen.findByTestId("roll-all-members"));
    await userEvent.click(screen.getByRole("button", { name: "Forfall: Ola Dale" }));

    await userEvent.click(screen.getByRole("button", { name: "Saker" }));
    expect(await screen.findByRole("alertdialog", { name: "Forkaste endringane?" })).toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: "Hald fram" }));
    expect(screen.getAllByTestId("roll-row")).toHaveLength(5);
    expect(screen.getByRole("button", { name: "Forfall: Ola Dale" })).toHaveAttribute("aria-pressed", "true");

    await userEvent.click(screen.getByTestId("roll-save"));
    expect(await screen.findByTestId("notice")).toHaveTextContent("Oppmøtet er lagra.");
    expect(calls.filter((c) => c.cmd === "set_roll")).toHaveLength(1);
    await userEvent.click(screen.getByRole("button", { name: "Saker" }));
    expect(await screen.findAllByTestId("case-row")).not.toHaveLength(0);
    expect(screen.queryByRole("alertdialog")).not.toBeInTheDocument();
  });
});
