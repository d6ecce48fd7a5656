import { render, screen } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { clearMocks } from "@tauri-apps/api/mocks";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { setLang } from "../lib/i18n.svelte";
import { backend, okStatus, settingsView } from "../test/backend";
import AboutDialog from "./AboutDialog.svelte";

beforeEach(() => setLang("nn"));
afterEach(() => clearMocks());

describe("om Saksbok", () => {
  it("shows the version and where the database, the settings and the backups are, and closes with Escape", async () => {
    backend({ get_settings: () => ({ ...settingsView, register: { ...settingsView.register, backup_dir: "/srv/kopiar" } }) });
    const onClose = vi.fn();
    render(AboutDialog, { status: okStatus(false), onClose });
    const dialog = screen.getByRole("dialog", { name: "Om Saksbok" });
    expect(dialog).toHaveAttribute("aria-modal", "true");
    expect(screen.getByRole("button", { name: /Lukk/ })).toHaveFocus();
    expect(screen.getByTestId("about-version")).toHaveTextContent("0.1.0");
    expect(screen.getByTestId("about-db-path")).toHaveTextContent(okStatus(false).db_path);
    expect(await screen.findByTestId("about-personal-file")).toHaveTextContent(settingsView.personal_file);
    expect(screen.getByTestId("about-backup-dir")).toHaveTextContent("/srv/kopiar");
    // The mocked back end has no log folder to tell: the dialog says where the log is without a path.
    expect(screen.getByTestId("about-log-file")).toHaveTextContent("Loggfila ligg i app-loggmappa (saksbok.log).");
    await userEvent.keyboard("{Escape}");
    expect(onClose).toHaveBeenCalledTimes(1);
  });

  it("shows the log file in the app's log folder and the default backup folder", async () => {
    backend({
      get_settings: () => settingsView,
      "plugin:path|resolve_directory": () => "/home/kari/.local/share/no.kommune.luster.saksbok/logs",
    });
    render(AboutDialog, { status: okStatus(false), onClose: () => {} });
    expect(await screen.findByText("/home/kari/.local/share/no.kommune.luster.saksbok/logs/saksbok.log")).toBeInTheDocument();
    expect(await screen.findByTestId("about-backup-dir")).toHaveTextContent(settingsView.default_backup_dir);
  });
});
