import { render, screen, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { clearMocks } from "@tauri-apps/api/mocks";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { BackupEntry, SettingsView } from "../../lib/api";
import { i18n, setLang } from "../../lib/i18n.svelte";
import {
  backend,
  backupEntry,
  backupList,
  dailyBackup,
  manualBackup,
  settingsView,
  type Args,
  type Call,
} from "../../test/backend";
import SettingsScreen from "./SettingsScreen.svelte";

beforeEach(() => {
  localStorage.clear();
  setLang("nn");
});
afterEach(() => clearMocks());

const calledWith = (calls: Call[], cmd: string) => calls.filter((c) => c.cmd === cmd).map((c) => c.args);

function renderScreen() {
  const props = { onNotice: vi.fn(), onDirtyChange: vi.fn(), onRestored: vi.fn() };
  render(SettingsScreen, props);
  return props;
}

/** save_register_settings / save_personal_settings that store what they get, as the back end does. */
function savingBackend(extra: Record<string, (a: Args, call: Call) => unknown> = {}) {
  let stored: SettingsView = structuredClone(settingsView);
  const calls = backend({
    get_settings: () => stored,
    get_logo: () => null,
    list_backups: () => backupList(),
    save_register_settings: (a) => (stored = { ...stored, register: a.input as SettingsView["register"] }),
    save_personal_settings: (a) => (stored = { ...stored, personal: a.input as SettingsView["personal"] }),
    ...extra,
  });
  return calls;
}

describe("innstillingar", () => {
  it("loads the settings and saves the municipality's with the right arguments", async () => {
    const calls = savingBackend();
    const { onNotice, onDirtyChange } = renderScreen();
    const name = await screen.findByLabelText("Namn på kommunen");
    expect(name).toHaveValue("Luster kommune");
    expect(name).toHaveFocus();
    expect(screen.getByLabelText("Tal på tryggingskopiar som blir tekne vare på")).toHaveValue("10");
    const dir = screen.getByLabelText("Mappe for tryggingskopiar");
    expect(dir).toHaveValue("");
    expect(dir).toHaveAttribute("placeholder", settingsView.default_backup_dir);
    expect(dir).toHaveAccessibleDescription(
      `La feltet stå tomt for å bruka standardmappa ved sida av databasen: ${settingsView.default_backup_dir}`,
    );
    expect(screen.getByRole("heading", { level: 1, name: "Innstillingar" })).toBeInTheDocument();
    expect(screen.getAllByRole("heading", { level: 2 }).map((h) => h.textContent)).toEqual([
      "Kommunen",
      "Deg",
      "Tryggingskopiar",
    ]);

    await userEvent.type(screen.getByLabelText("Kommunenummer"), "4644");
    const keep = screen.getByLabelText("Tal på tryggingskopiar som blir tekne vare på");
    await userEvent.clear(keep);
    await userEvent.type(keep, "20");
    expect(onDirtyChange).toHaveBeenLastCalledWith(true);
    await userEvent.click(screen.getByTestId("save-register-settings"));

    await vi.waitFor(() => expect(onNotice).toHaveBeenCalledWith("Innstillingane er lagra."));
    expect(calledWith(calls, "save_register_settings")).toEqual([
      { input: { municipality: "Luster kommune", municipality_number: "4644", backup_dir: null, backup_keep: 20, tsa_url: null } },
    ]);
    expect(onDirtyChange).toHaveBeenLastCalledWith(false);
  });

  it("keeps a logo when it is chosen, says why a file is refused, and takes it away", async () => {
    const url = "data:image/png;base64,iVBORw0KGgo=";
    const calls = savingBackend({
      set_logo: (_a, call) => {
        if (call.body?.[0] !== 0x89) throw { code: "invalid", message: "Fila er ikkje eit PNG- eller JPEG-bilete.", fields: [] };
        return url;
      },
      clear_logo: () => null,
    });
    const { onNotice } = renderScreen();
    const box = await screen.findByTestId("logo-setting");
    expect(within(box).getByRole("heading", { level: 3, name: "Logo på protokollane" })).toBeInTheDocument();
    expect(within(box).getByTestId("logo-none")).toHaveTextContent("Ingen logo er vald");
    // An edit of the form not yet saved stays while the logo is chosen.
    await userEvent.type(screen.getByLabelText("Kommunenummer"), "46");

    const picker = within(box).getByLabelText("Vel logo");
    expect(picker).toHaveAccessibleDescription(/PNG eller JPEG, høgst 2 MB/);
    await userEvent.upload(picker, new File(["%PDF-1.7"], "logo.pdf", { type: "image/png" }));
    const error = await within(box).findByRole("alert");
    expect(error).toHaveTextContent("Fila er ikkje eit PNG- eller JPEG-bilete.");
    expect(within(box).getByTestId("logo-none")).toBeInTheDocument();

    await userEvent.upload(picker, new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], "logo.png", { type: "image/png" }));
    const preview = await within(box).findByRole("img", { name: "Logoen til kommunen" });
    expect(preview).toHaveAttribute("src", url);
    expect(onNotice).toHaveBeenCalledWith("Logoen er lagra. Han står øvst på protokollane som vert laga frå no av.");
    expect(within(box).queryByRole("alert")).not.toBeInTheDocument();
    expect(screen.getByLabelText("Kommunenummer")).toHaveValue("46");
    expect(within(box).getByLabelText("Byt logo")).toBeInTheDocument();

    await userEvent.click(within(box).getByRole("button", { name: "Fjern logoen" }));
    expect(await within(box).findByTestId("logo-none")).toBeInTheDocument();
    await vi.waitFor(() => expect(within(box).getByLabelText("Vel logo")).toHaveFocus());
    expect(onNotice).toHaveBeenLastCalledWith("Logoen er teken bort. Protokollane har berre namnet på kommunen øvst.");
    expect(calls.filter((c) => c.cmd === "set_logo")).toHaveLength(2);
    expect(calledWith(calls, "clear_logo")).toHaveLength(1);
  });

  it("saves the person's settings and says how the history will name them", async () => {
    const calls = savingBackend();
    const { onNotice } = renderScreen();
    const name = await screen.findByLabelText("Namnet ditt");
    expect(name).toHaveAccessibleDescription("I historikken står du som «kari».");
    await userEvent.type(name, "Kari Nordheim");
    expect(name).toHaveAccessibleDescription("I historikken står du som «Kari Nordheim (kari)».");
    await userEvent.type(screen.getByLabelText("Standardskrivar"), "Kontor 2. etasje");
    await userEvent.click(screen.getByTestId("save-personal-settings"));
    await vi.waitFor(() => expect(onNotice).toHaveBeenCalledWith("Innstillingane er lagra."));
    expect(calledWith(calls, "save_personal_settings")).toEqual([
      { input: { display_name: "Kari Nordheim", language: "nn", default_printer: "Kontor 2. etasje" } },
    ]);
  });

  it("offers the system's printers for the default printer, and keeps a name typed by hand", async () => {
    const printer = (name: string, description: string) =>
      ({ name, description, location: "", is_default: false, state: "ready", duplex: false }) as const;
    savingBackend({ list_printers: () => ({ printers: [printer("Kontor_2", "Kontor 2. etasje"), printer("PDF", "PDF")], preferred: null }) });
    renderScreen();
    const field = await screen.findByLabelText("Standardskrivar");
    const list = screen.getByTestId("set-printers");
    expect(field).toHaveAttribute("list", list.id);
    await vi.waitFor(() => expect([...list.querySelectorAll("option")].map((o) => [o.value, o.textContent])).toEqual([
      ["Kontor_2", "Kontor 2. etasje"],
      ["PDF", "PDF"],
    ]));
  });

  it("switches the language at once and saves it with the person's saved settings", async () => {
    const calls = savingBackend({
      get_settings: () => ({ ...settingsView, personal: { ...settingsView.personal, display_name: "Kari Nordheim" } }),
    });
    const { onNotice } = renderScreen();
    const name = await screen.findByLabelText("Namnet ditt");
    // An unsaved edit stays unsaved: only the saved name goes with the language.
    await userEvent.clear(name);
    await userEvent.type(name, "Kari N.");
    await userEvent.selectOptions(screen.getByLabelText("Språk"), "nb");
    expect(i18n.lang).toBe("nb");
    expect(document.documentElement.lang).toBe("nb");
    expect(await screen.findByRole("heading", { level: 1, name: "Innstillinger" })).toBeInTheDocument();
    await vi.waitFor(() => expect(onNotice).toHaveBeenCalledWith("Innstillingene er lagret."));
    expect(calledWith(calls, "save_personal_settings")).toEqual([
      { input: { display_name: "Kari Nordheim", language: "nb", default_printer: null } },
    ]);
    expect(screen.getByLabelText("Navnet ditt")).toHaveValue("Kari N.");
  });

  it("shows a field error at its field and moves focus there", async () => {
    const calls = backend({
      get_settings: () => settingsView, get_logo: () => null,
      list_backups: () => backupList(),
      save_register_settings: () => {
        throw {
          code: "invalid",
          message: "Nokre felt er ikkje rett fylte ut.",
          fields: [{ field: "backup_keep", message: "Tal på tryggingskopiar må vera mellom 1 og 365 (du skreiv 0)." }],
        };
      },
    });
    const { onNotice } = renderScreen();
    const keep = await screen.findByLabelText("Tal på tryggingskopiar som blir tekne vare på");
    await userEvent.clear(keep);
    await userEvent.type(keep, "0");
    await userEvent.click(screen.getByTestId("save-register-settings"));

    const message = await screen.findByText("Tal på tryggingskopiar må vera mellom 1 og 365 (du skreiv 0).");
    expect(keep).toHaveAttribute("aria-invalid", "true");
    expect(keep.getAttribute("aria-describedby")?.split(" ")).toContain(message.id);
    expect(keep).toHaveFocus();
    expect(calledWith(calls, "save_register_settings")).toEqual([
      { input: { municipality: "Luster kommune", municipality_number: null, backup_dir: null, backup_keep: 0, tsa_url: null } },
    ]);
    expect(onNotice).not.toHaveBeenCalled();

    // Typing in the field takes its error away.
    await userEvent.type(keep, "5");
    expect(keep).not.toHaveAttribute("aria-invalid");
    expect(screen.queryByText(/mellom 1 og 365 \(du skreiv 0\)/)).not.toBeInTheDocument();
  });

  it("does not send a number of backups that is not a whole number", async () => {
    const calls = savingBackend();
    renderScreen();
    const keep = await screen.findByLabelText("Tal på tryggingskopiar som blir tekne vare på");
    await userEvent.clear(keep);
    await userEvent.type(keep, "ti");
    await userEvent.click(screen.getByTestId("save-register-settings"));
    expect(await screen.findByText("Skriv eit heilt tal mellom 1 og 365.")).toBeInTheDocument();
    expect(keep).toHaveAttribute("aria-invalid", "true");
    expect(keep).toHaveFocus();
    expect(calledWith(calls, "save_register_settings")).toEqual([]);
  });
});

describe("tryggingskopiar", () => {
  it("lists the backups newest first with local time, reason and size in MB", async () => {
    backend({ get_settings: () => settingsView, get_logo: () => null, list_backups: () => backupList() });
    renderScreen();
    const rows = await screen.findAllByTestId("backup-row");
    expect(rows).toHaveLength(2);
    const [first, second] = rows as [HTMLElement, HTMLElement];
    expect(within(first).getAllByRole("cell").map((c) => c.textContent?.trim())).toEqual([
      "24.11.2026 kl. 08.00",
      "Dagleg",
      "14,1 MB",
      "Hent fram",
    ]);
    expect(within(second).getAllByRole("cell").map((c) => c.textContent?.trim())).toEqual([
      "20.11.2026 kl. 14.30",
      "Manuell",
      "0,2 MB",
      "Hent fram",
    ]);
    expect(within(first).getByRole("button", { name: "Hent fram tryggingskopien frå 24.11.2026 kl. 08.00" })).toBe(
      within(first).getByTestId("restore-backup"),
    );
    expect(screen.getByTestId("backup-dir")).toHaveTextContent(settingsView.default_backup_dir);
    expect(screen.getByTestId("backup-keep")).toHaveTextContent("Dei 10 nyaste tryggingskopiane blir tekne vare på.");
  });

  it("shows the reasons in Bokmål too", async () => {
    setLang("nb");
    backend({ get_settings: () => settingsView, get_logo: () => null, list_backups: () => backupList() });
    renderScreen();
    const [first] = await screen.findAllByTestId("backup-row");
    expect(first).toHaveTextContent("Daglig");
    expect(within(first!).getByRole("button", { name: "Hent fram sikkerhetskopien fra 24.11.2026 kl. 08.00" })).toBeInTheDocument();
  });

  it("says so when there are no backups", async () => {
    backend({ get_settings: () => settingsView, get_logo: () => null, list_backups: () => backupList([]) });
    renderScreen();
    expect(await screen.findByTestId("no-backups")).toHaveTextContent("Ingen tryggingskopiar enno.");
    expect(screen.queryByRole("table")).not.toBeInTheDocument();
  });

  it("makes a backup now and lists it", async () => {
    const made = backupEntry(new Date(2026, 10, 25, 10, 42), "manuell", "Manuell", 15 * 1024 * 1024);
    let list: BackupEntry[] = [dailyBackup];
    const calls = backend({
      get_settings: () => settingsView, get_logo: () => null,
      list_backups: () => backupList(list),
      make_backup: () => {
        list = [made, ...list];
        return made;
      },
    });
    const { onNotice } = renderScreen();
    expect(await screen.findAllByTestId("backup-row")).toHaveLength(1);
    await userEvent.click(screen.getByTestId("make-backup"));
    await vi.waitFor(() => expect(screen.getAllByTestId("backup-row")).toHaveLength(2));
    expect(screen.getAllByTestId("backup-row")[0]).toHaveTextContent("25.11.2026 kl. 10.42");
    expect(onNotice).toHaveBeenCalledWith("Tryggingskopien er teken (25.11.2026 kl. 10.42).");
    expect(calls.filter((c) => c.cmd === "make_backup")).toHaveLength(1);
    expect(calls.filter((c) => c.cmd === "list_backups")).toHaveLength(2);
  });

  it("asks before restoring, and Avbryt restores nothing", async () => {
    const calls = backend({ get_settings: () => settingsView, get_logo: () => null, list_backups: () => backupList() });
    const { onRestored } = renderScreen();
    const [, second] = await screen.findAllByTestId("restore-backup");
    await userEvent.click(second!);
    const dialog = screen.getByRole("alertdialog", { name: "Henta fram tryggingskopien?" });
    expect(dialog).toHaveAccessibleDescription(
      "Heile registeret blir bytt ut med tryggingskopien frå 20.11.2026 kl. 14.30. Det som er registrert eller endra etter det, blir borte frå registeret. Databasen slik han er no, blir først teken vare på som ein eigen tryggingskopi.",
    );
    await userEvent.click(within(dialog).getByRole("button", { name: "Avbryt" }));
    expect(screen.queryByRole("alertdialog")).not.toBeInTheDocument();
    // Escape is a no as well.
    await userEvent.click(second!);
    await userEvent.keyboard("{Escape}");
    expect(screen.queryByRole("alertdialog")).not.toBeInTheDocument();
    expect(calls.filter((c) => c.cmd === "restore_backup")).toEqual([]);
    expect(onRestored).not.toHaveBeenCalled();
  });

  it("restores the row's backup once confirmed and reloads", async () => {
    const kept = backupEntry(new Date(2026, 10, 25, 11, 0), "foer-attoppretting", "Før attoppretting", 15 * 1024 * 1024);
    let restored = false;
    const calls = backend({
      get_settings: () =>
        restored ? { ...settingsView, register: { ...settingsView.register, municipality: "Luster" } } : settingsView,
      get_logo: () => null,
      list_backups: () => backupList(restored ? [kept, dailyBackup, manualBackup] : [dailyBackup, manualBackup]),
      restore_backup: () => {
        restored = true;
        return kept;
      },
    });
    const { onRestored } = renderScreen();
    const [, second] = await screen.findAllByTestId("restore-backup");
    await userEvent.click(second!);
    await userEvent.click(screen.getByTestId("confirm-restore"));
    await vi.waitFor(() => expect(screen.getAllByTestId("backup-row")).toHaveLength(3));
    expect(calledWith(calls, "restore_backup")).toEqual([{ path: manualBackup.path }]);
    expect(onRestored).toHaveBeenCalledWith(
      "Tryggingskopien frå 20.11.2026 kl. 14.30 er henta fram. Databasen slik han var, er teken vare på.",
    );
    expect(screen.getAllByTestId("backup-row")[0]).toHaveTextContent("Før attoppretting");
    // The register's settings came back with it.
    expect(screen.getByLabelText("Namn på kommunen")).toHaveValue("Luster");
  });

  it("shows why a restore failed and changes nothing", async () => {
    backend({
      get_settings: () => settingsView, get_logo: () => null,
      list_backups: () => backupList(),
      restore_backup: () => {
        throw { code: "backup_invalid", message: "Tryggingskopien er skadd. Registeret er ikkje endra.", fields: [] };
      },
    });
    const { onRestored } = renderScreen();
    const [first] = await screen.findAllByTestId("restore-backup");
    await userEvent.click(first!);
    await userEvent.click(screen.getByTestId("confirm-restore"));
    expect(await screen.findByRole("alert")).toHaveTextContent("Tryggingskopien er skadd. Registeret er ikkje endra.");
    expect(onRestored).not.toHaveBeenCalled();
    expect(screen.getAllByTestId("backup-row")).toHaveLength(2);
  });
});
