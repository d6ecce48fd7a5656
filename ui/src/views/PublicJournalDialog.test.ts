import { render, screen } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import PublicJournalDialog from "./PublicJournalDialog.svelte";
import { setLang } from "../lib/i18n.svelte";

let calls: { cmd: string; args: unknown }[] = [];

beforeEach(() => setLang("nn"));
afterEach(() => clearMocks());

describe("offentleg journal", () => {
  it("asks for a period, writes the journal in the chosen format and says where it went", async () => {
    calls = [];
    mockIPC((cmd, args) => {
      calls.push({ cmd, args });
      if (cmd !== "write_public_journal") throw new Error(`uventa kommando ${cmd}`);
      return { path: "/data/journal/offentleg-journal-2026-11-01--2026-11-30.csv", count: 3, opened: true, open_error: null };
    });
    render(PublicJournalDialog, { onClose: () => {} });
    const from = screen.getByLabelText("Frå dato");
    expect(from).toHaveFocus();
    await userEvent.clear(from);
    await userEvent.type(from, "01.11.2026");
    await userEvent.clear(screen.getByLabelText("Til og med dato"));
    await userEvent.type(screen.getByLabelText("Til og med dato"), "30.11.2026");
    await userEvent.click(screen.getByLabelText("CSV (for rekneark)"));
    await userEvent.click(screen.getByRole("button", { name: "Lag offentleg journal" }));
    expect(await screen.findByTestId("public-journal-result")).toHaveTextContent(
      "Offentleg journal med 3 journalpostar er lagra i /data/journal/offentleg-journal-2026-11-01--2026-11-30.csv.",
    );
    expect(calls).toEqual([{ cmd: "write_public_journal", args: { from: "01.11.2026", to: "30.11.2026", csv: true } }]);
  });

  it("shows the back end's message for a bad period and closes with Escape", async () => {
    mockIPC(() => {
      throw { code: "invalid", message: "Perioden sluttar før han byrjar.", fields: [] };
    });
    const onClose = vi.fn();
    render(PublicJournalDialog, { onClose });
    await userEvent.click(screen.getByRole("button", { name: "Lag offentleg journal" }));
    expect(await screen.findByText("Perioden sluttar før han byrjar.")).toBeInTheDocument();
    await userEvent.keyboard("{Escape}");
    expect(onClose).toHaveBeenCalled();
  });
});
