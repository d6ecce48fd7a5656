import { render, screen, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { clearMocks } from "@tauri-apps/api/mocks";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { MeetingInput, MeetingRecord } from "../../lib/api";
import { setLang } from "../../lib/i18n.svelte";
import type { Call } from "../../test/backend";
import { kommunestyreMeeting, meetingsBackend, plannedMeeting } from "../../test/meetings";
import MeetingsScreen from "./MeetingsScreen.svelte";

beforeEach(() => {
  localStorage.clear();
  setLang("nn");
});
afterEach(() => clearMocks());

const calledWith = (calls: Call[], cmd: string) => calls.filter((c) => c.cmd === cmd).map((c) => c.args);

function renderScreen(selected: number | "new" | null) {
  const props = { selected, onSelect: vi.fn(), onCreated: vi.fn(), onNotice: vi.fn(), onDirtyChange: vi.fn() };
  render(MeetingsScreen, props);
  return props;
}

describe("møte", () => {
  it("lists the meetings, newest first, with their board, date and time, place, status and number of items", async () => {
    const held: MeetingRecord = { ...plannedMeeting, id: 9, date: "2026-10-15", status: "held", place: null };
    meetingsBackend([plannedMeeting, kommunestyreMeeting, held]);
    const { onSelect } = renderScreen(null);
    const rows = await screen.findAllByTestId("meeting-row");
    expect(rows.map((r) => within(r).getAllByRole("cell").map((c) => c.textContent?.trim()))).toEqual([
      ["Kommunestyret", "10.12.2026", "Kommunestyresalen", "Planlagt", "3"],
      ["Formannskapet og næringsutvalet", "03.12.2026 kl. 09:00", "Rådhuset, Gaupne", "Planlagt", "0"],
      ["Formannskapet og næringsutvalet", "15.10.2026 kl. 09:00", "", "Halde", "0"],
    ]);
    expect(within(rows[2] as HTMLElement).getByText("Halde")).toHaveClass("badge", "status-held");

    await userEvent.click(screen.getByRole("button", { name: "03.12.2026 kl. 09:00, Formannskapet og næringsutvalet" }));
    expect(onSelect).toHaveBeenCalledWith(10);
    await userEvent.click(screen.getByTestId("new-meeting"));
    expect(onSelect).toHaveBeenCalledWith("new");
  });

  it("offers no møteførsel for a meeting whose protocol is approved, and says why", async () => {
    const approved: MeetingRecord = { ...kommunestyreMeeting, status: "approved" };
    meetingsBackend([approved]);
    renderScreen(approved.id);
    const start = await screen.findByTestId("start-meeting-mode");
    expect(start).toBeDisabled();
    expect(start).toHaveAccessibleDescription(
      "Protokollen for dette møtet er godkjend, så møtet og saklista kan ikkje endrast lenger.",
    );
  });

  it("says when there are no meetings, and that an utval comes first", async () => {
    meetingsBackend([], {}, []);
    renderScreen(null);
    const empty = await screen.findByTestId("no-meetings");
    expect(empty).toHaveTextContent("Ingen møte enno.");
    expect(empty).toHaveTextContent("Set opp eit utval under «Utval» først");
    expect(screen.getByTestId("new-meeting")).toBeDisabled();
    expect(screen.getByTestId("new-meeting")).toHaveAccessibleDescription(/Set opp eit utval/);
  });

  it("plans a meeting: the board's usual place comes with it, and Ctrl+S saves what was typed", async () => {
    const calls = meetingsBackend([]);
    const { onCreated, onDirtyChange } = renderScreen("new");
    const form = await screen.findByTestId("meeting-form");
    const board = within(form).getByLabelText("Utval");
    await vi.waitFor(() => expect(board).toHaveFocus());
    await userEvent.selectOptions(board, "1");
    expect(within(form).getByLabelText("Møtestad")).toHaveValue("Rådhuset, Gaupne");
    // Kommunestyret has no usual place: the one that came with Formannskapet goes.
    await userEvent.selectOptions(board, "2");
    expect(within(form).getByLabelText("Møtestad")).toHaveValue("");
    await userEvent.selectOptions(board, "1");
    await userEvent.type(within(form).getByLabelText("Dato"), "3.12.2026");
    await userEvent.type(within(form).getByLabelText("Start kl."), "9");
    await userEvent.type(within(form).getByLabelText("Slutt kl."), "15.30");
    await userEvent.type(within(form).getByLabelText("Innkalling sendt"), "26.11.2026");
    await userEvent.type(within(form).getByLabelText("Korleis"), "E-post");
    expect(onDirtyChange).toHaveBeenLastCalledWith(true);
    expect(screen.queryByTestId("sakliste")).not.toBeInTheDocument();

    await userEvent.keyboard("{Control>}s{/Control}");
    await vi.waitFor(() => expect(onCreated).toHaveBeenCalledWith(12, "Møtet er lagra."));
    expect(calledWith(calls, "create_meeting")).toEqual([
      {
        input: {
          board_id: 1,
          date: "3.12.2026",
          place: "Rådhuset, Gaupne",
          start_time: "9",
          end_time: "15.30",
          notice_sent: "26.11.2026",
          notice_method: "E-post",
        } satisfies MeetingInput,
      },
    ]);
  });

  it("asks for a board before sending a new meeting", async () => {
    const calls = meetingsBackend([]);
    renderScreen("new");
    const form = await screen.findByTestId("meeting-form");
    await userEvent.type(within(form).getByLabelText("Dato"), "3.12.2026");
    await userEvent.click(within(form).getByTestId("save-meeting"));
    const board = within(form).getByLabelText("Utval");
    expect(board).toHaveFocus();
    expect(board).toHaveAttribute("aria-invalid", "true");
    expect(board).toHaveAccessibleDescription("Vel eit utval for møtet.");
    expect(calledWith(calls, "create_meeting")).toEqual([]);
  });

  it("shows the back end's errors beside their fields and keeps what was typed", async () => {
    const calls = meetingsBackend([plannedMeeting], {
      update_meeting: () => {
        throw {
          code: "invalid",
          message: "Nokre felt er ikkje rett fylte ut.",
          fields: [
            { field: "date", message: "«31.02.2026» er ikkje ein dato." },
            { field: "end_time", message: "Møtet kan ikkje slutta (08:00) før eller når det startar (09:00)." },
          ],
        };
      },
    });
    const { onNotice } = renderScreen(10);
    const form = await screen.findByTestId("meeting-form");
    expect(within(form).getByRole("heading", { name: "Formannskapet og næringsutvalet, møte 03.12.2026" })).toBeInTheDocument();
    const date = within(form).getByLabelText("Dato");
    expect(date).toHaveValue("03.12.2026");
    expect(within(form).getByLabelText("Start kl.")).toHaveValue("09:00");
    await userEvent.clear(date);
    await userEvent.type(date, "31.02.2026");
    await userEvent.type(within(form).getByLabelText("Slutt kl."), "8");
    await userEvent.click(within(form).getByTestId("save-meeting"));

    expect(await within(form).findByRole("alert")).toHaveTextContent("Nokre felt er ikkje rett fylte ut.");
    expect(date).toHaveFocus();
    expect(date).toHaveValue("31.02.2026");
    expect(date).toHaveAttribute("aria-invalid", "true");
    expect(date).toHaveAccessibleDescription("«31.02.2026» er ikkje ein dato.");
    const end = within(form).getByLabelText("Slutt kl.");
    expect(end).toHaveValue("8");
    expect(end).toHaveAccessibleDescription(
      "Til dømes 09:00 eller berre 9. Møtet kan ikkje slutta (08:00) før eller når det startar (09:00).",
    );
    expect(within(form).getByLabelText("Møtestad")).not.toHaveAttribute("aria-invalid");
    expect(calledWith(calls, "update_meeting")).toHaveLength(1);
    expect(onNotice).not.toHaveBeenCalled();

    // Changing the field takes its error away.
    await userEvent.type(end, "0");
    expect(end).not.toHaveAttribute("aria-invalid");
  });

  it("keeps the board once the meeting has items", async () => {
    meetingsBackend();
    renderScreen(11);
    const board = await screen.findByLabelText("Utval");
    expect(board).toBeDisabled();
    expect(board).toHaveAccessibleDescription("Møtet har saker på saklista, så utvalet kan ikkje byttast.");
  });

  it("marks the meeting held and back, and says what that means for the numbers", async () => {
    const calls = meetingsBackend();
    const { onNotice } = renderScreen(11);
    const status = await screen.findByTestId("meeting-status");
    expect(within(status).getByText("Planlagt")).toBeInTheDocument();
    // While planned, a number can be given by hand.
    expect(screen.getByLabelText("Nummer for hand: Budsjett 2027")).toHaveValue("054/26");
    const held = within(status).getByTestId("meeting-held");
    expect(held).toHaveAccessibleName("Merk som halde");
    expect(held).toHaveAccessibleDescription(/ligg nummera på utvalssakene fast/);
    await userEvent.click(held);

    await vi.waitFor(() => expect(calledWith(calls, "set_meeting_status")).toEqual([{ id: 11, status: "held" }]));
    expect(onNotice).toHaveBeenCalledWith("Møtet er merkt som halde. Nummera på sakene ligg no fast.");
    expect(within(status).getByText("Halde")).toBeInTheDocument();
    const back = await within(status).findByTestId("meeting-planned");
    expect(back).toHaveAccessibleName("Set tilbake til planlagt");
    await vi.waitFor(() => expect(back).toHaveFocus());
    // The numbers are fixed now: no field to give one, and no other series.
    expect(screen.queryByLabelText("Nummer for hand: Budsjett 2027")).not.toBeInTheDocument();
    expect(screen.queryByLabelText("Serie: Budsjett 2027")).not.toBeInTheDocument();
    expect(screen.getByTestId("sakliste")).toHaveTextContent("Møtet er halde, så nummera på sakene ligg fast.");
    expect(screen.getAllByTestId("meeting-row")[0]).toHaveTextContent("Halde");

    await userEvent.click(back);
    await vi.waitFor(() => expect(calledWith(calls, "set_meeting_status")).toHaveLength(2));
    expect(calledWith(calls, "set_meeting_status")[1]).toEqual({ id: 11, status: "planned" });
    expect(await within(status).findByTestId("meeting-held")).toBeInTheDocument();
    expect(within(status).queryByText("Protokoll godkjend")).not.toBeInTheDocument();
  });

  it("shows a meeting whose protocol is approved, and lets nothing be changed", async () => {
    const calls = meetingsBackend([{ ...kommunestyreMeeting, status: "approved" }]);
    renderScreen(11);
    const form = await screen.findByTestId("meeting-form");
    expect(within(form).getByTestId("meeting-approved")).toHaveTextContent("Protokollen for dette møtet er godkjend");
    expect(within(form).getByLabelText("Dato")).toBeDisabled();
    expect(within(form).queryByTestId("save-meeting")).not.toBeInTheDocument();
    const status = screen.getByTestId("meeting-status");
    expect(within(status).getByText("Protokoll godkjend")).toBeInTheDocument();
    expect(within(status).queryByRole("button")).not.toBeInTheDocument();
    const list = screen.getByTestId("sakliste");
    expect(within(list).getAllByTestId("sakliste-row")).toHaveLength(3);
    expect(within(list).queryByTestId("sakliste-add")).not.toBeInTheDocument();
    expect(within(list).queryByTestId("sakliste-undo")).not.toBeInTheDocument();
    expect(within(list).queryByRole("button", { name: /Flytt opp/ })).not.toBeInTheDocument();
    expect(within(list).getByLabelText("Lukka: Budsjett 2027")).toBeDisabled();
    await userEvent.keyboard("{Control>}s{/Control}");
    expect(calls.map((c) => c.cmd)).not.toContain("update_meeting");
  });

  it("keeps the møtebok's own vedlegg: a bad number is said by its row, nothing typed is lost, Enter saves", async () => {
    const calls = meetingsBackend();
    const { onNotice, onDirtyChange } = renderScreen(11);
    const box = await screen.findByTestId("meeting-attachments");
    expect(within(box).getByRole("heading", { name: "Vedlegg til møteboka" })).toBeInTheDocument();
    expect(await within(box).findByText("Ingen vedlegg.")).toBeInTheDocument();
    const save = within(box).getByTestId("save-meeting-attachments");
    expect(save).toBeDisabled();

    await userEvent.click(within(box).getByRole("button", { name: "Legg til vedlegg" }));
    expect(within(box).getByLabelText("Tittel, vedlegg 1")).toHaveFocus();
    await userEvent.keyboard("Presentasjon frå revisjonen");
    await userEvent.type(within(box).getByLabelText("Journalpost, vedlegg 1"), "21/1069");
    expect(onDirtyChange).toHaveBeenLastCalledWith(true);
    await userEvent.keyboard("{Enter}");
    // Not a journalpost number: said before anything is sent.
    const journal = within(box).getByLabelText("Journalpost, vedlegg 1");
    expect(journal).toHaveAccessibleDescription("Skriv journalpostnummeret som 21/1069-3, eller la feltet stå tomt.");
    expect(calledWith(calls, "set_meeting_attachments")).toHaveLength(0);

    // One the register does not have: the back end's answer lands on the row, and the row stays.
    await userEvent.clear(journal);
    await userEvent.type(journal, "21/1069-99{Enter}");
    await vi.waitFor(() => expect(journal).toHaveAccessibleDescription("Journalpost 21/1069-99 finst ikkje i registeret."));
    expect(journal).toHaveFocus();
    expect(within(box).getByLabelText("Tittel, vedlegg 1")).toHaveValue("Presentasjon frå revisjonen");

    await userEvent.clear(journal);
    await userEvent.type(journal, "21/1069-3{Enter}");
    await vi.waitFor(() => expect(onNotice).toHaveBeenCalledWith("Vedlegga til møteboka er lagra."));
    expect(calledWith(calls, "set_meeting_attachments").at(-1)).toEqual({
      meeting: 11,
      attachments: [{ title: "Presentasjon frå revisjonen", journal_entry: { case: { year: 2021, seq: 1069 }, doc: 3 } }],
    });
    // The row stays the same on screen: its field keeps the focus and loses the error.
    expect(within(box).getByLabelText("Journalpost, vedlegg 1")).toBe(journal);
    expect(journal).toHaveFocus();
    expect(journal).not.toHaveAttribute("aria-invalid");
    expect(save).toBeDisabled();
    expect(onDirtyChange).toHaveBeenLastCalledWith(false);
    // Saved, the journalpost's documents are offered; one of them is chosen and saved with Ctrl+S.
    await userEvent.selectOptions(within(box).getByLabelText("Dokument, vedlegg 1"), "vedlegg.pdf");
    await userEvent.keyboard("{Control>}s{/Control}");
    await vi.waitFor(() => expect(calledWith(calls, "set_meeting_attachments")).toHaveLength(3));
    expect(calledWith(calls, "set_meeting_attachments").at(-1)?.attachments).toEqual([
      { title: "Presentasjon frå revisjonen", journal_entry: { case: { year: 2021, seq: 1069 }, doc: 3 }, document: "d-vedlegg" },
    ]);
  });

  it("lists the møtebok's own vedlegg of an approved meeting without a way to change them", async () => {
    const calls = meetingsBackend([{ ...kommunestyreMeeting, status: "approved" }], {
      get_meeting_attachments: () => ({
        attachments: [
          { title: "Presentasjon", journal_entry: { case: { year: 2021, seq: 1069 }, doc: 5 } },
          { title: "Kart", journal_entry: null },
        ],
        attachment_documents: [[], []],
      }),
    });
    renderScreen(11);
    const box = await screen.findByTestId("meeting-attachments");
    const lines = await within(box).findAllByTestId("meeting-attachment");
    expect(lines.map((l) => l.textContent)).toEqual(["Presentasjon (21/1069-5)", "Kart"]);
    expect(within(box).queryByRole("textbox")).not.toBeInTheDocument();
    expect(within(box).queryByRole("button")).not.toBeInTheDocument();
    expect(calls.map((c) => c.cmd)).not.toContain("set_meeting_attachments");
  });

  it("shows the screen in Bokmål", async () => {
    setLang("nb");
    meetingsBackend();
    renderScreen(11);
    expect(await screen.findByRole("heading", { level: 1, name: "Møter" })).toBeInTheDocument();
    expect(await screen.findByRole("heading", { level: 2, name: "Saksliste" })).toBeInTheDocument();
    expect(screen.getByLabelText("Møtested")).toHaveValue("Kommunestyresalen");
    expect(screen.getByRole("columnheader", { name: "Lukket" })).toBeInTheDocument();
    expect(screen.getByTestId("meeting-held")).toHaveTextContent("Merk som holdt");
  });
});
