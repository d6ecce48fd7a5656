import { render, screen, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { clearMocks } from "@tauri-apps/api/mocks";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Behandling, ItemRecord as StoredRecord, RollInput } from "../../lib/api";
import { setLang } from "../../lib/i18n.svelte";
import { kommunestyret } from "../../test/backend";
import { emptyRoll, formannskapetFull, kommunestyreMeeting, meetingsBackend, member, rollMeeting } from "../../test/meetings";
import MeetingMode from "./MeetingMode.svelte";
import MeetingsScreen from "./MeetingsScreen.svelte";

beforeEach(() => {
  localStorage.clear();
  setLang("nn");
});
afterEach(() => clearMocks());

const sevenCame = (): RollInput => ({ ...emptyRoll(), attendance: { ...emptyRoll().attendance, head_count: 7 } });

function backendWith(records: Record<number, StoredRecord> = {}, business: Record<number, Behandling> = {}) {
  return meetingsBackend([rollMeeting, kommunestyreMeeting], {}, [formannskapetFull, kommunestyret], { 13: sevenCame() }, records, business);
}

async function renderMode() {
  const props = { meetingId: 13, onLeave: vi.fn(), onNotice: vi.fn(), onDirtyChange: vi.fn() };
  render(MeetingMode, props);
  const mode = await screen.findByTestId("meeting-mode");
  await within(mode).findByTestId("item-record");
  await within(mode).findByTestId("save-record");
  return { ...props, mode };
}

const stepLabels = (mode: HTMLElement) => within(mode).getAllByTestId("mode-step").map((b) => b.textContent?.replace(/\s+/g, " ").trim());
const currentStep = (mode: HTMLElement) =>
  within(mode)
    .getAllByTestId("mode-step")
    .find((b) => b.getAttribute("aria-current") === "step")
    ?.textContent?.trim();
const recommendation = (mode: HTMLElement) => within(mode).getByTestId("record-recommendation");

describe("møteførsel", () => {
  it("is started from an opened meeting", async () => {
    backendWith();
    const onStartMode = vi.fn();
    render(MeetingsScreen, { selected: 13, onSelect: vi.fn(), onCreated: vi.fn(), onNotice: vi.fn(), onDirtyChange: vi.fn(), onStartMode });
    await userEvent.click(await screen.findByTestId("start-meeting-mode"));
    expect(onStartMode).toHaveBeenCalledWith(13);
  });

  it("lists the business before and after the items, each item with who could vote, and starts at the first item", async () => {
    backendWith();
    const { mode } = await renderMode();
    expect(stepLabels(mode)).toEqual([
      "Før sakene",
      "40/26 Godkjenning av innkalling og sakliste røysteføre 7/5",
      "41/26 Budsjett 2027 røysteføre 7/5",
      "42/26 Økonomiplan 2027–2030 røysteføre 7/5",
      "Etter sakene",
    ]);
    expect(currentStep(mode)).toMatch(/^40\/26/);
  });

  it("saves the step shown before PageDown goes to the next, and stays when the save is refused", async () => {
    const calls = backendWith();
    const { mode, onNotice, onLeave } = await renderMode();
    await userEvent.type(recommendation(mode), "Innkalling og sakliste vert godkjende.");
    // In a text area PageDown scrolls it: the step stays, and nothing is saved.
    await userEvent.keyboard("{PageDown}");
    expect(currentStep(mode)).toMatch(/^40\/26/);
    expect(calls.filter((c) => c.cmd === "set_item_record")).toHaveLength(0);
    within(mode).getByRole("heading", { level: 2 }).focus();
    await userEvent.keyboard("{PageDown}");
    await vi.waitFor(() => expect(currentStep(mode)).toMatch(/^41\/26/));
    expect(calls.filter((c) => c.cmd === "set_item_record").map((c) => [c.args.id, (c.args.record as StoredRecord).recommendation])).toEqual([
      [41, "Innkalling og sakliste vert godkjende."],
    ]);
    expect(onNotice).toHaveBeenCalledWith("Behandlinga er lagra.");
    expect(onNotice).toHaveBeenLastCalledWith("41/26 Budsjett 2027.");
    await vi.waitFor(() => expect(recommendation(mode)).toHaveValue(""));

    // A vote with more votes than voters: the save is refused, and the step stays.
    await userEvent.click(within(mode).getByTestId("add-vote"));
    await userEvent.type(within(mode).getByTestId("vote-fast"), "6 3");
    await userEvent.keyboard("{PageDown}");
    expect(await within(mode).findByTestId("record-step-error")).toHaveTextContent("Det er ført 9 røyster, men berre 7 kunne røysta.");
    expect(currentStep(mode)).toMatch(/^41\/26/);
    expect(onNotice).toHaveBeenLastCalledWith("Steget vart ikkje lagra, så du er framleis her.");
    expect(within(mode).getByTestId("vote-for")).toHaveValue("6");

    // PageUp goes back once the step is right; Ctrl+Enter saved it first.
    await userEvent.clear(within(mode).getByTestId("vote-fast"));
    await userEvent.type(within(mode).getByTestId("vote-fast"), "5 2");
    await userEvent.keyboard("{Control>}{Enter}{/Control}");
    await vi.waitFor(() => expect(calls.filter((c) => c.cmd === "set_item_record")).toHaveLength(3));
    within(mode).getAllByTestId("mode-step")[2]?.focus();
    await userEvent.keyboard("{Alt>}{ArrowUp}{/Alt}");
    await vi.waitFor(() => expect(currentStep(mode)).toMatch(/^40\/26/));
    expect(calls.filter((c) => c.cmd === "set_item_record")).toHaveLength(3);
    await userEvent.keyboard("{Escape}");
    expect(onLeave).toHaveBeenCalled();
  });

  it("undoes the last saved step with Ctrl+Z and reads the step anew", async () => {
    const calls = backendWith({ 41: { behandling: { blocks: [], proposals: [], votes: [] }, behandling_text: null, recommendation: "Først.", vedtak: null, attachments: [] } });
    const { mode, onNotice } = await renderMode();
    await vi.waitFor(() => expect(recommendation(mode)).toHaveValue("Først."));
    await userEvent.clear(recommendation(mode));
    await userEvent.type(recommendation(mode), "Andre.");
    await userEvent.click(within(mode).getByTestId("save-record"));
    await vi.waitFor(() => expect(onNotice).toHaveBeenLastCalledWith("Behandlinga er lagra."));
    const reads = calls.filter((c) => c.cmd === "get_item_record").length;

    within(mode).getByTestId("mode-undo").focus();
    await userEvent.keyboard("{Control>}z{/Control}");
    await vi.waitFor(() => expect(onNotice).toHaveBeenLastCalledWith("Behandlinga av sak 40/26 er sett tilbake slik ho var."));
    expect(calls.filter((c) => c.cmd === "undo_step").map((c) => c.args)).toEqual([{ id: 13 }]);
    await vi.waitFor(() => expect(recommendation(mode)).toHaveValue("Først."));
    expect(calls.filter((c) => c.cmd === "get_item_record").length).toBe(reads + 1);
    // The focus is on the step read anew, not lost on the page.
    expect(within(mode).getByRole("heading", { level: 2 })).toHaveFocus();

    // Nothing more to undo: the back end says so.
    await userEvent.click(within(mode).getByTestId("mode-undo"));
    await userEvent.click(within(mode).getByTestId("mode-undo"));
    expect(await screen.findByRole("alert")).toHaveTextContent("Det er ingen steg å angre i dette møtet.");
  });

  it("saves the business before the items into the whole business, the other blocks keeping their before_item", async () => {
    const after = { content: { kind: "text" as const, text: "Ordføraren takka for møtet." }, joins_previous: false, before_item: null };
    const calls = backendWith({}, { 13: { blocks: [after], proposals: [], votes: [] } });
    const { mode, onNotice } = await renderMode();
    await userEvent.keyboard("{PageUp}");
    await vi.waitFor(() => expect(currentStep(mode)).toBe("Før sakene"));
    const editor = await within(mode).findByTestId("item-record");
    await within(editor).findByTestId("add-business");
    expect(within(editor).getByRole("heading", { level: 2 })).toHaveTextContent("Møtet si eiga sak: Før sakene");
    expect(within(editor).queryAllByTestId("record-step")).toHaveLength(0);

    await userEvent.click(within(editor).getByTestId("add-business"));
    await userEvent.selectOptions(within(editor).getByLabelText("Slag, Sak frå møtet 1"), "sporsmal");
    await userEvent.type(within(editor).getByLabelText("Tittel, Sak frå møtet 1"), "Vegen til Skjolden");
    await userEvent.type(within(editor).getByLabelText("Tekst, Sak frå møtet 1"), "Når blir vegen asfaltert?");
    await userEvent.type(within(editor).getByLabelText("Svar, Sak frå møtet 1"), "I 2027.");
    await userEvent.click(within(editor).getByTestId("add-proposal"));
    await userEvent.selectOptions(within(editor).getByLabelText("Slag framlegg, Framlegg 1"), "utsetjing");
    await userEvent.selectOptions(within(editor).getByLabelText("Gjeld sak, Framlegg 1"), "1");
    await userEvent.type(within(editor).getByLabelText("Framlegget, Framlegg 1"), "Saka vert utsett.");
    await userEvent.click(within(editor).getByTestId("add-vote"));
    await userEvent.type(within(editor).getByTestId("vote-fast"), "samrøystes");
    await userEvent.selectOptions(within(editor).getByTestId("vote-outcome"), "vedteke");
    await userEvent.keyboard("{Control>}s{/Control}");
    await vi.waitFor(() => expect(onNotice).toHaveBeenLastCalledWith("Saka frå møtet er lagra."));

    expect(calls.filter((c) => c.cmd === "set_business").map((c) => c.args)).toEqual([
      {
        meeting: 13,
        business: {
          blocks: [
            {
              content: { kind: "business", business: "sporsmal", title: "Vegen til Skjolden", text: "Når blir vegen asfaltert?", answer: "I 2027." },
              joins_previous: false,
              before_item: 0,
            },
            { content: { kind: "proposal", proposal: 0 }, joins_previous: false, before_item: 0 },
            { content: { kind: "vote", vote: 0 }, joins_previous: false, before_item: 0 },
            after,
          ],
          proposals: [{ kind: "utsetjing", party: null, proposer: null, intro: null, text: "Saka vert utsett.", inline: false, concerns_item: 1 }],
          votes: [
            {
              proposal: 0,
              subject: "Utsetjingsframlegget",
              unanimous: true,
              votes_for: null,
              votes_against: null,
              outcome: "vedteke",
              chair_decided: false,
              text_override: null,
              other: null,
              parties: [],
            },
          ],
        } satisfies Behandling,
      },
    ]);

    // "Etter sakene" shows only the block after the last item.
    await userEvent.click(within(mode).getAllByTestId("mode-step")[4] as HTMLElement);
    await vi.waitFor(() => expect(currentStep(mode)).toBe("Etter sakene"));
    await vi.waitFor(() => expect(within(mode).getAllByTestId("record-step")).toHaveLength(1));
    expect(within(mode).getByLabelText("Tekst, Merknad 1")).toHaveValue("Ordføraren takka for møtet.");
  });

  it("does not leave with Escape from a list box, and leaves with it elsewhere", async () => {
    backendWith();
    const { mode, onLeave } = await renderMode();
    await userEvent.click(within(mode).getByTestId("add-vote"));
    within(mode).getByTestId("vote-on").focus();
    await userEvent.keyboard("{Escape}");
    expect(onLeave).not.toHaveBeenCalled();
    // Alt+Down in the list box is the list box's own.
    await userEvent.keyboard("{Alt>}{ArrowDown}{/Alt}");
    expect(currentStep(mode)).toMatch(/^40\/26/);
    within(mode).getByTestId("vote-fast").focus();
    await userEvent.keyboard("{Escape}");
    expect(onLeave).toHaveBeenCalledTimes(1);
  });

  it("goes between steps with Alt+Down from a text area too", async () => {
    backendWith();
    const { mode } = await renderMode();
    recommendation(mode).focus();
    await userEvent.keyboard("{Alt>}{ArrowDown}{/Alt}");
    await vi.waitFor(() => expect(currentStep(mode)).toMatch(/^41\/26/));
  });

  it("says so when the boards cannot be read, rather than guess the language", async () => {
    meetingsBackend([rollMeeting, kommunestyreMeeting], {
      list_boards: () => {
        throw { code: "io", message: "Kunne ikkje lese utvala.", fields: [] };
      },
    }, [formannskapetFull, kommunestyret], { 13: sevenCame() });
    const { mode } = await renderMode();
    expect(within(mode).getByRole("alert")).toHaveTextContent("Kunne ikkje lese utvala.");
  });

  it("sends an item's case on to another board, saving the step first, and shows the back end's refusals", async () => {
    const calls = backendWith();
    const { mode, onNotice } = await renderMode();
    // 40/26 has no arkivsak: the back end refuses, and says why.
    const boardsOffered = () => within(within(mode).getByTestId("send-on-board")).getAllByRole("option").map((o) => o.textContent);
    expect(boardsOffered()).toEqual(["Kommunestyret"]);
    expect(within(mode).getByLabelText("Send vidare til")).toHaveValue("2");
    await userEvent.click(within(mode).getByTestId("send-on"));
    expect(await within(mode).findByRole("alert")).toHaveTextContent("Saka har ikkje arkivsak, så ho kan ikkje sendast vidare.");
    expect(calls.filter((c) => c.cmd === "send_on").map((c) => c.args)).toEqual([{ item: 41, board: 2 }]);

    await userEvent.click(within(mode).getAllByTestId("mode-step")[2] as HTMLElement);
    await vi.waitFor(() => expect(currentStep(mode)).toMatch(/^41\/26/));
    await within(mode).findByTestId("save-record");
    await userEvent.type(within(mode).getByTestId("record-vedtak"), "Budsjettet vert vedteke.");
    await userEvent.click(within(mode).getByTestId("send-on"));
    await vi.waitFor(() =>
      expect(onNotice).toHaveBeenLastCalledWith("«Budsjett 2027» er send vidare til Kommunestyret og ventar på møte der."),
    );
    // The vedtak was saved before the case went on.
    const order = calls.filter((c) => c.cmd === "set_item_record" || c.cmd === "send_on").map((c) => c.cmd);
    expect(order).toEqual(["send_on", "set_item_record", "send_on"]);
    expect(calls.filter((c) => c.cmd === "set_item_record").map((c) => (c.args.record as StoredRecord).vedtak)).toEqual(["Budsjettet vert vedteke."]);
    expect(calls.filter((c) => c.cmd === "send_on").map((c) => c.args)).toEqual([
      { item: 41, board: 2 },
      { item: 42, board: 2 },
    ]);
    expect(within(mode).getByTestId("send-on-done")).toHaveTextContent("«Budsjett 2027» er send vidare til Kommunestyret");

    // Twice to the same board: refused.
    await userEvent.click(within(mode).getByTestId("send-on"));
    expect(await within(mode).findByRole("alert")).toHaveTextContent("Saka er alt send vidare til Kommunestyret.");
  });

  it("shows the business before an item as a step of its own, and saves it with its before_item kept", async () => {
    const text = (t: string, before_item: number | null) => ({ content: { kind: "text" as const, text: t }, joins_previous: false, before_item });
    const first = text("Ordføraren opna møtet.", 0);
    const between = text("Rådmannen orienterte om vegen.", 2);
    const after = text("Ordføraren takka for møtet.", null);
    const calls = backendWith({}, { 13: { blocks: [first, between, after], proposals: [], votes: [] } });
    const { mode, onNotice } = await renderMode();
    expect(stepLabels(mode)).toEqual([
      "Før sakene",
      "40/26 Godkjenning av innkalling og sakliste røysteføre 7/5",
      "41/26 Budsjett 2027 røysteføre 7/5",
      "Før sak 42/26",
      "42/26 Økonomiplan 2027–2030 røysteføre 7/5",
      "Etter sakene",
    ]);

    await userEvent.click(within(mode).getAllByTestId("mode-step")[3] as HTMLElement);
    await vi.waitFor(() => expect(currentStep(mode)).toBe("Før sak 42/26"));
    const editor = await within(mode).findByTestId("item-record");
    expect(within(editor).getByRole("heading", { level: 2 })).toHaveTextContent("Møtet si eiga sak: Før sak 42/26");
    await vi.waitFor(() => expect(within(editor).getAllByTestId("record-step")).toHaveLength(1));
    const note = within(editor).getByLabelText("Tekst, Merknad 1");
    expect(note).toHaveValue("Rådmannen orienterte om vegen.");
    // No saksgang and no "before this" for the business itself.
    expect(within(mode).queryByTestId("send-on")).not.toBeInTheDocument();

    await userEvent.type(note, " Arbeidet tek til i mai.");
    // What is typed is kept as this place's draft.
    await vi.waitFor(() => expect(calls.filter((c) => c.cmd === "save_draft").map((c) => c.args.key)).toContain("business:2"), { timeout: 2000 });
    await userEvent.keyboard("{Control>}s{/Control}");
    await vi.waitFor(() => expect(onNotice).toHaveBeenLastCalledWith("Saka frå møtet er lagra."));
    expect(calls.filter((c) => c.cmd === "set_business").map((c) => (c.args.business as Behandling).blocks)).toEqual([
      [first, text("Rådmannen orienterte om vegen. Arbeidet tek til i mai.", 2), after],
    ]);
  });

  it("adds business before an item from the item's step, and keeps its place when saved", async () => {
    const after = { content: { kind: "text" as const, text: "Ordføraren takka for møtet." }, joins_previous: false, before_item: null };
    const calls = backendWith({}, { 13: { blocks: [after], proposals: [], votes: [] } });
    const { mode, onNotice } = await renderMode();
    expect(stepLabels(mode)).not.toContain("Før sak 41/26");
    await userEvent.click(within(mode).getAllByTestId("mode-step")[2] as HTMLElement);
    await vi.waitFor(() => expect(currentStep(mode)).toMatch(/^41\/26/));
    await userEvent.click(await within(mode).findByRole("button", { name: "Legg til sak utanom saklista før denne" }));
    await vi.waitFor(() => expect(currentStep(mode)).toBe("Før sak 41/26"));
    expect(stepLabels(mode)[2]).toBe("Før sak 41/26");
    expect(onNotice).toHaveBeenLastCalledWith("Før sak 41/26.");
    const editor = await within(mode).findByTestId("item-record");
    await within(editor).findByTestId("add-business");
    await userEvent.click(within(editor).getByTestId("add-business"));
    await userEvent.type(within(editor).getByLabelText("Tittel, Sak frå møtet 1"), "Brannstasjonen");
    await userEvent.type(within(editor).getByLabelText("Tekst, Sak frå møtet 1"), "Rådmannen orienterte.");
    // PageDown saves it and goes on to the item it stands before.
    within(editor).getByRole("heading", { level: 2 }).focus();
    await userEvent.keyboard("{PageDown}");
    await vi.waitFor(() => expect(currentStep(mode)).toMatch(/^41\/26/));
    expect(calls.filter((c) => c.cmd === "set_business").map((c) => (c.args.business as Behandling).blocks)).toEqual([
      [
        {
          content: { kind: "business", business: "orientering", title: "Brannstasjonen", text: "Rådmannen orienterte.", answer: null },
          joins_previous: false,
          before_item: 1,
        },
        after,
      ],
    ]);
  });
});

describe("oppmøte i møteførselen", () => {
  const named = (): RollInput => ({
    ...emptyRoll(),
    attendance: {
      ...emptyRoll().attendance,
      attendees: [member("Ken Kvamme", "Sp"), member("Kari Nordheim", "Ap"), member("Anne Moen", "Sp"), member("Ola Dale", "Ap")],
      apologies: ["Per Bakken"],
    },
    chair: "Ken Kvamme",
  });
  const sentRolls = (calls: { cmd: string; args: Record<string, unknown> }[]) =>
    calls.filter((c) => c.cmd === "set_roll").map((c) => c.args.roll as RollInput);

  async function atSecondItem() {
    const calls = meetingsBackend([rollMeeting, kommunestyreMeeting], {}, [formannskapetFull, kommunestyret], { 13: named() });
    const props = { meetingId: 13, onLeave: vi.fn(), onNotice: vi.fn(), onDirtyChange: vi.fn() };
    render(MeetingMode, props);
    const mode = await screen.findByTestId("meeting-mode");
    await within(mode).findByTestId("mode-presence");
    within(mode).getByRole("heading", { level: 2 }).focus();
    await userEvent.keyboard("{PageDown}");
    await vi.waitFor(() => expect(currentStep(mode)).toMatch(/^41\/26/));
    return { ...props, mode, calls };
  }

  it("records a late arrival, a departure and an ugild member from the keyboard, one saved step each", async () => {
    const { mode, calls, onNotice, onLeave } = await atSecondItem();
    const presence = await within(mode).findByTestId("mode-presence");
    expect(within(presence).getByTestId("presence-voters")).toHaveTextContent("4 av 5 kan røysta i saka.");

    // Kom: the name field has the focus, the time is now; Enter saves.
    await userEvent.click(within(presence).getByTestId("presence-arrive"));
    expect(within(presence).getByTestId("presence-name")).toHaveFocus();
    expect((within(presence).getByTestId("presence-time") as HTMLInputElement).value).toMatch(/^\d{2}:\d{2}$/);
    await userEvent.type(within(presence).getByTestId("presence-name"), "Per Bakken");
    await userEvent.clear(within(presence).getByTestId("presence-time"));
    await userEvent.type(within(presence).getByTestId("presence-time"), "10.15{Enter}");
    await vi.waitFor(() => expect(onNotice).toHaveBeenLastCalledWith("Per Bakken kom kl. 10.15. 5 av 5 kan røysta i saka."));
    expect(sentRolls(calls).at(-1)?.attendance.attendees.at(-1)).toMatchObject({ name: "Per Bakken", party: "H", capacity: { kind: "member" }, from_item: 1, arrived_at: "10:15" });
    expect(sentRolls(calls).at(-1)?.attendance.apologies).toEqual([]);
    expect(within(presence).getByTestId("presence-happenings")).toHaveTextContent("Per Bakken kom kl. 10.15");
    expect(within(presence).queryByTestId("presence-form")).not.toBeInTheDocument();
    expect(within(presence).getByTestId("presence-arrive")).toHaveFocus();
    // The step list and the behandling count the voters anew.
    expect(within(mode).getAllByTestId("mode-step")[2]).toHaveTextContent("røysteføre 5/5");
    expect(within(mode).getByTestId("record-eligible")).toHaveTextContent("5 var røysteføre i saka.");

    // Gjekk, before the item was dealt with: not a voter in it.
    await userEvent.click(within(presence).getByTestId("presence-leave"));
    await userEvent.type(within(presence).getByTestId("presence-name"), "Ola Dale");
    await userEvent.clear(within(presence).getByTestId("presence-time"));
    await userEvent.type(within(presence).getByTestId("presence-time"), "1020{Enter}");
    await vi.waitFor(() => expect(onNotice).toHaveBeenLastCalledWith("Ola Dale gjekk kl. 10.20 før saka vart handsama. 4 av 5 kan røysta i saka."));
    expect(sentRolls(calls).at(-1)?.attendance.attendees.find((a) => a.name === "Ola Dale")).toMatchObject({ to_item: 0, left_at: "10:20" });

    // Ugild with the basis and the varamedlem who took the seat.
    await userEvent.click(within(presence).getByTestId("presence-ugild"));
    await userEvent.type(within(presence).getByTestId("presence-name"), "Anne Moen");
    await userEvent.type(within(presence).getByTestId("presence-basis"), "fvl. § 6 første ledd bokstav b");
    await userEvent.type(within(presence).getByTestId("presence-substitute"), "Siri Hauge{Enter}");
    await vi.waitFor(() => expect(onNotice).toHaveBeenLastCalledWith("Anne Moen er ugild i saka; Siri Hauge tek plassen. 4 av 5 kan røysta i saka."));
    expect(sentRolls(calls).at(-1)?.attendance.disqualified).toEqual([{ member: "Anne Moen", item: 1, basis: "fvl. § 6 første ledd bokstav b", substitute: "Siri Hauge" }]);
    expect(within(presence).getByTestId("presence-happenings")).toHaveTextContent(
      "Per Bakken kom kl. 10.15Ola Dale gjekk kl. 10.20 før sakaAnne Moen ugild (fvl. § 6 første ledd bokstav b), Siri Hauge tok plassen",
    );
    expect(sentRolls(calls)).toHaveLength(3);
    expect(onLeave).not.toHaveBeenCalled();
  });

  it("keeps what was typed and says why when a change cannot be, and Escape closes the form, not the meeting mode", async () => {
    const { mode, calls, onLeave } = await atSecondItem();
    const presence = await within(mode).findByTestId("mode-presence");
    await userEvent.click(within(presence).getByTestId("presence-arrive"));
    await userEvent.type(within(presence).getByTestId("presence-name"), "Ken Kvamme{Enter}");
    expect(await within(presence).findByTestId("presence-problem")).toHaveTextContent("Ken Kvamme er alt til stades i denne saka.");
    expect(within(presence).getByTestId("presence-name")).toHaveValue("Ken Kvamme");
    expect(within(presence).getByTestId("presence-name")).toHaveAttribute("aria-invalid", "true");
    await userEvent.clear(within(presence).getByTestId("presence-time"));
    await userEvent.type(within(presence).getByTestId("presence-time"), "25.00");
    await userEvent.clear(within(presence).getByTestId("presence-name"));
    await userEvent.type(within(presence).getByTestId("presence-name"), "Per Bakken{Enter}");
    expect(within(presence).getByTestId("presence-problem")).toHaveTextContent("Skriv klokka som 10.15");
    expect(sentRolls(calls)).toHaveLength(0);
    await userEvent.keyboard("{Escape}");
    expect(within(presence).queryByTestId("presence-form")).not.toBeInTheDocument();
    expect(within(presence).getByTestId("presence-arrive")).toHaveFocus();
    expect(onLeave).not.toHaveBeenCalled();
  });
});
