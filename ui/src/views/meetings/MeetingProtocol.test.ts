// The meeting's documents from the meeting screen: opened in the PDF viewer
// or sent to a printer chosen in the print dialog.
import { render, screen, waitFor } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { clearMocks } from "@tauri-apps/api/mocks";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { PrintResult, PrinterList } from "../../lib/api";
import { setLang } from "../../lib/i18n.svelte";
import { kommunestyreMeeting, meetingsBackend, plannedMeeting } from "../../test/meetings";
import MeetingProtocol from "./MeetingProtocol.svelte";

vi.mock("../../lib/pdf", () => import("../../test/pdf"));

beforeEach(() => setLang("nn"));
afterEach(() => clearMocks());

const printed: PrintResult = {
  path: "/home/kari/protokollar/moteprotokoll-kommunestyret-2026-12-10-v1.pdf",
  pages: 7,
  missing_glyphs: "",
  sha256: "a".repeat(64),
  opened: true,
  open_error: null,
  printer: null,
  copies: 0,
};

const printers: PrinterList = {
  printers: [
    { name: "Resepsjonen", description: "HP LaserJet", location: "1. etasje", is_default: true, state: "ready", duplex: true },
    { name: "PDF", description: "PDF", location: "", is_default: false, state: "stopped", duplex: false },
  ],
  preferred: "Resepsjonen",
};

describe("møteprotokoll", () => {
  it("opens the chosen document in the PDF viewer and says where it went", async () => {
    const calls = meetingsBackend([kommunestyreMeeting], { print_meeting_document: () => printed });
    render(MeetingProtocol, { record: kommunestyreMeeting });
    const button = screen.getByRole("button", { name: "Opne i PDF-lesar" });
    expect(button).toHaveAccessibleDescription(/Heile møteboka som PDF/);
    await userEvent.click(button);
    expect(await screen.findByTestId("print-result")).toHaveTextContent(
      "Møteprotokollen (7 sider) er lagra i /home/kari/protokollar/moteprotokoll-kommunestyret-2026-12-10-v1.pdf og opna i PDF-lesaren.",
    );
    await userEvent.click(screen.getByRole("radio", { name: "Innkalling" }));
    await userEvent.click(button);
    await waitFor(() => expect(screen.getByTestId("print-result")).toHaveTextContent(/^Innkallinga \(7 sider\)/));
    expect(calls.filter((c) => c.cmd === "print_meeting_document").map((c) => c.args)).toEqual([
      { meeting: 11, document: "moteprotokoll", to: null },
      { meeting: 11, document: "innkalling", to: null },
    ]);
  });

  it("prints the offentleg versjon on a printer with copies and both sides", async () => {
    const calls = meetingsBackend([kommunestyreMeeting], {
      list_printers: () => printers,
      print_meeting_document: (a) => {
        const to = a.to as { printer: string; copies: number };
        return { ...printed, opened: false, printer: to.printer, copies: to.copies, path: "/p/offentleg-v1.pdf" };
      },
    });
    render(MeetingProtocol, { record: kommunestyreMeeting });
    await userEvent.click(screen.getByRole("radio", { name: "Offentleg versjon" }));
    await userEvent.click(screen.getByRole("button", { name: "Skriv ut …" }));
    const dialog = await screen.findByRole("dialog", { name: "Skriv ut offentleg versjon" });
    const select = await screen.findByRole("combobox", { name: "Skrivar" });
    expect(select).toHaveValue("Resepsjonen");
    expect(screen.getByRole("option", { name: "HP LaserJet (Resepsjonen) – standard, 1. etasje" })).toBeInTheDocument();
    expect(screen.getByRole("option", { name: "PDF – stoppa" })).toBeInTheDocument();
    const copies = screen.getByRole("spinbutton", { name: "Kopiar" });
    await userEvent.clear(copies);
    await userEvent.type(copies, "3");
    await userEvent.click(screen.getByRole("checkbox", { name: "Begge sider av arket" }));
    await userEvent.click(screen.getByRole("button", { name: "Skriv ut" }));
    expect(await screen.findByTestId("print-result")).toHaveTextContent(
      "Den offentlege versjonen er send til Resepsjonen (3 kopiar). PDF-en er teken vare på i /p/offentleg-v1.pdf.",
    );
    expect(dialog).not.toBeInTheDocument();
    expect(calls.find((c) => c.cmd === "print_meeting_document")?.args).toEqual({
      meeting: 11,
      document: "offentleg",
      to: { printer: "Resepsjonen", copies: 3, duplex: true },
    });
  });

  it("keeps the dialog open on a bad number of copies and offers no duplex where the printer has none", async () => {
    const calls = meetingsBackend([kommunestyreMeeting], { list_printers: () => printers });
    render(MeetingProtocol, { record: kommunestyreMeeting });
    await userEvent.click(screen.getByTestId("print-to-printer"));
    const select = await screen.findByRole("combobox", { name: "Skrivar" });
    await userEvent.selectOptions(select, "PDF");
    expect(screen.getByRole("checkbox", { name: "Begge sider av arket" })).toBeDisabled();
    expect(screen.getByText("Denne skrivaren skriv ikkje ut på begge sider.")).toBeInTheDocument();
    expect(screen.getByText(/Køen til denne skrivaren er stoppa/)).toBeInTheDocument();
    const copies = screen.getByRole("spinbutton", { name: "Kopiar" });
    await userEvent.clear(copies);
    await userEvent.type(copies, "0");
    await userEvent.click(screen.getByRole("button", { name: "Skriv ut" }));
    expect(copies).toHaveAccessibleDescription("Skriv eit tal kopiar frå 1 til 99.");
    expect(copies).toHaveAttribute("aria-invalid", "true");
    expect(calls.some((c) => c.cmd === "print_meeting_document")).toBe(false);
    await userEvent.keyboard("{Escape}");
    expect(screen.queryByRole("dialog")).toBeNull();
  });

  it("says why when there is nothing to print on, and shows errors from the back end", async () => {
    let fail = false;
    meetingsBackend([kommunestyreMeeting], {
      list_printers: () => {
        throw { code: "print_no_service", message: "Utskriftstenesta (CUPS) svarar ikkje på denne maskina.", fields: [] };
      },
      print_meeting_document: () => {
        if (fail) throw { code: "io", message: "Kan ikkje laga mappa /x for protokollar.", fields: [] };
        return { ...printed, opened: false, open_error: "Fann ingen PDF-lesar." };
      },
    });
    render(MeetingProtocol, { record: kommunestyreMeeting });
    await userEvent.click(screen.getByTestId("print-to-printer"));
    expect(await screen.findByTestId("print-dialog-error")).toHaveTextContent("Utskriftstenesta (CUPS) svarar ikkje");
    await waitFor(() => expect(screen.getByRole("button", { name: "Lukk" })).toHaveFocus());
    await userEvent.keyboard("{Enter}");
    expect(screen.queryByRole("dialog")).toBeNull();
    await userEvent.click(screen.getByTestId("print-minutes"));
    expect(await screen.findByTestId("print-result")).toHaveTextContent(
      "Møteprotokollen er lagra i /home/kari/protokollar/moteprotokoll-kommunestyret-2026-12-10-v1.pdf. Fann ingen PDF-lesar.",
    );
    fail = true;
    await userEvent.click(screen.getByTestId("print-minutes"));
    expect(await screen.findByRole("alert")).toHaveTextContent("Kan ikkje laga mappa /x for protokollar.");
    expect(screen.queryByTestId("print-result")).toBeNull();
  });

  it("previews the chosen document and draws it again when another is chosen", async () => {
    const calls = meetingsBackend([kommunestyreMeeting], {
      preview_meeting_document: (a) => new ArrayBuffer(a.document === "innkalling" ? 1 : 5),
    });
    render(MeetingProtocol, { record: kommunestyreMeeting });
    const toggle = screen.getByRole("button", { name: "Førehandsvis" });
    expect(toggle).toHaveAttribute("aria-expanded", "false");
    await userEvent.click(toggle);
    expect(toggle).toHaveAttribute("aria-expanded", "true");
    await waitFor(() => expect(screen.getByTestId("preview-page")).toHaveTextContent("Side 1 av 5"));
    expect(screen.getByRole("region", { name: /Førehandsvising av møteprotokoll \(for underskrift\)/ })).toBeInTheDocument();
    await userEvent.click(screen.getByRole("radio", { name: "Innkalling" }));
    await waitFor(() => expect(screen.getByTestId("preview-page")).toHaveTextContent("Side 1 av 1"));
    expect(calls.filter((c) => c.cmd === "preview_meeting_document").map((c) => c.args)).toEqual([
      { meeting: 11, document: "moteprotokoll", layout: null },
      { meeting: 11, document: "innkalling", layout: null },
    ]);
    await userEvent.click(screen.getByRole("button", { name: "Skjul førehandsvisinga" }));
    expect(screen.queryByTestId("pdf-preview")).toBeNull();
  });

  it("cannot print a meeting with an empty sakliste", () => {
    meetingsBackend([plannedMeeting]);
    render(MeetingProtocol, { record: { ...plannedMeeting, items: [] } });
    for (const id of ["print-minutes", "print-to-printer", "preview-toggle"]) {
      expect(screen.getByTestId(id)).toBeDisabled();
    }
  });
});
