// Printing the møteprotokoll from the meeting screen.
import { render, screen } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { clearMocks } from "@tauri-apps/api/mocks";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { PrintResult } from "../../lib/api";
import { setLang } from "../../lib/i18n.svelte";
import { kommunestyreMeeting, meetingsBackend, plannedMeeting } from "../../test/meetings";
import MeetingProtocol from "./MeetingProtocol.svelte";

beforeEach(() => setLang("nn"));
afterEach(() => clearMocks());

const printed: PrintResult = {
  path: "/home/kari/protokollar/moteprotokoll-kommunestyret-2026-12-10-v1.pdf",
  pages: 7,
  missing_glyphs: "",
  sha256: "a".repeat(64),
  opened: true,
  open_error: null,
};

describe("møteprotokoll", () => {
  it("prints the meeting's protocol and says where it went", async () => {
    const calls = meetingsBackend([kommunestyreMeeting], { print_meeting_document: () => printed });
    render(MeetingProtocol, { record: kommunestyreMeeting });
    const button = screen.getByRole("button", { name: "Skriv ut møteprotokoll" });
    expect(button).toHaveAccessibleDescription(/Heile møteboka som PDF/);
    await userEvent.click(button);
    const result = await screen.findByTestId("print-result");
    expect(result).toHaveTextContent(
      "Møteprotokollen (7 sider) er lagra i /home/kari/protokollar/moteprotokoll-kommunestyret-2026-12-10-v1.pdf og opna i PDF-lesaren.",
    );
    expect(calls.filter((c) => c.cmd === "print_meeting_document").map((c) => c.args)).toEqual([
      { meeting: 11, document: "moteprotokoll" },
    ]);
  });

  it("says so when no PDF viewer could open it, and shows errors from the back end", async () => {
    let fail = false;
    meetingsBackend([kommunestyreMeeting], {
      print_meeting_document: () => {
        if (fail) throw { code: "io", message: "Kan ikkje laga mappa /x for protokollar.", fields: [] };
        return { ...printed, opened: false, open_error: "Fann ingen PDF-lesar." };
      },
    });
    render(MeetingProtocol, { record: kommunestyreMeeting });
    await userEvent.click(screen.getByTestId("print-minutes"));
    expect(await screen.findByTestId("print-result")).toHaveTextContent(
      "Møteprotokollen er lagra i /home/kari/protokollar/moteprotokoll-kommunestyret-2026-12-10-v1.pdf. Fann ingen PDF-lesar.",
    );
    fail = true;
    await userEvent.click(screen.getByTestId("print-minutes"));
    expect(await screen.findByRole("alert")).toHaveTextContent("Kan ikkje laga mappa /x for protokollar.");
    expect(screen.queryByTestId("print-result")).toBeNull();
  });

  it("prints the offentleg versjon and the innkalling, each named in its message", async () => {
    const calls = meetingsBackend([kommunestyreMeeting], {
      print_meeting_document: (args) => {
        const document = String(args.document);
        return { ...printed, pages: document === "innkalling" ? 1 : 3, path: `/p/${document}-v1.pdf` };
      },
    });
    render(MeetingProtocol, { record: kommunestyreMeeting });
    await userEvent.click(screen.getByRole("button", { name: "Offentleg versjon" }));
    expect(await screen.findByTestId("print-result")).toHaveTextContent(
      "Den offentlege versjonen (3 sider) er lagra i /p/offentleg-v1.pdf og opna i PDF-lesaren.",
    );
    await userEvent.click(screen.getByRole("button", { name: "Innkalling" }));
    expect(await screen.findByText(/Innkallinga \(1 side\)/)).toHaveTextContent(
      "Innkallinga (1 side) er lagra i /p/innkalling-v1.pdf og opna i PDF-lesaren.",
    );
    expect(calls.filter((c) => c.cmd === "print_meeting_document").map((c) => c.args)).toEqual([
      { meeting: 11, document: "offentleg" },
      { meeting: 11, document: "innkalling" },
    ]);
  });

  it("cannot print a meeting with an empty sakliste", () => {
    meetingsBackend([plannedMeeting]);
    render(MeetingProtocol, { record: { ...plannedMeeting, items: [] } });
    for (const id of ["print-minutes", "print-public-minutes", "print-notice"]) {
      expect(screen.getByTestId(id)).toBeDisabled();
    }
  });
});
