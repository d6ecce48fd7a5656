import { cleanup, render, screen, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { clearMocks } from "@tauri-apps/api/mocks";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { ItemRecord as StoredRecord, RollInput } from "../../lib/api";
import type { Draft } from "../../lib/bindings/Draft";
import { setLang } from "../../lib/i18n.svelte";
import { kommunestyret } from "../../test/backend";
import { emptyRecord, emptyRoll, formannskapetFull, kommunestyreMeeting, meetingsBackend, rollMeeting } from "../../test/meetings";
import { draftOf, newStep } from "../../lib/record";
import ItemRecord from "./ItemRecord.svelte";

beforeEach(() => {
  localStorage.clear();
  setLang("nn");
});
afterEach(() => {
  clearMocks();
  vi.useRealTimers();
});

/** A roll where only the head count is known: 7 could vote in every item. */
const sevenCame = (): RollInput => ({ ...emptyRoll(), attendance: { ...emptyRoll().attendance, head_count: 7 } });

function backendWith(records: Record<number, StoredRecord> = {}, drafts: Record<number, Draft[]> = {}) {
  return meetingsBackend([rollMeeting, kommunestyreMeeting], {}, [formannskapetFull, kommunestyret], { 13: sevenCame() }, records, {}, drafts);
}

async function renderItem(item = 42) {
  const props = { meetingId: 13, item, items: rollMeeting.items, onNotice: vi.fn(), onDirtyChange: vi.fn() };
  const r = render(ItemRecord, props);
  const editor = await screen.findByTestId("item-record");
  await within(editor).findByTestId("save-record");
  return { ...props, ...r, editor };
}

const steps = (editor: HTMLElement) => within(editor).queryAllByTestId("record-step");

describe("behandling of an item", () => {
  it("records a proposal and two votes, fills the counts from the fast field and saves exactly what was typed", async () => {
    const calls = backendWith();
    const { editor, onNotice, onDirtyChange } = await renderItem();
    expect(within(editor).getByRole("heading", { level: 2 })).toHaveTextContent("41/26 Budsjett 2027");
    expect(within(editor).getByText("7 var røysteføre i saka.")).toBeInTheDocument();

    await userEvent.type(within(editor).getByTestId("record-recommendation"), "Budsjettet vert vedteke.");
    await userEvent.click(within(editor).getByTestId("add-proposal"));
    const [p] = steps(editor);
    await vi.waitFor(() => expect(within(p as HTMLElement).getByLabelText("Slag framlegg, Framlegg 1")).toHaveFocus());
    await userEvent.type(within(p as HTMLElement).getByLabelText("Parti, Framlegg 1"), "Ap");
    await userEvent.type(within(p as HTMLElement).getByLabelText("Sett fram av, Framlegg 1"), "Ola Dale");
    await userEvent.type(within(p as HTMLElement).getByLabelText("Framlegget, Framlegg 1"), "Saka vert utsett.");
    await userEvent.click(within(p as HTMLElement).getByLabelText("Kort framlegg i same avsnitt"));

    // A vote right after a short proposal is about it, and continues its paragraph.
    await userEvent.click(within(editor).getByTestId("add-vote"));
    const v1 = steps(editor)[1] as HTMLElement;
    const fast = within(v1).getByTestId("vote-fast");
    await vi.waitFor(() => expect(fast).toHaveFocus());
    expect(within(v1).getByTestId("vote-on")).toHaveValue(String((p as HTMLElement).dataset.key));
    expect(within(v1).getByTestId("vote-subject")).toHaveValue("Endringsframlegget frå Ap");
    expect(within(v1).getByTestId("vote-joins")).toBeChecked();
    // "5" alone: mot stays unknown, and so does the outcome.
    await userEvent.type(fast, "5");
    expect(within(v1).getByTestId("vote-for")).toHaveValue("5");
    expect(within(v1).getByTestId("vote-against")).toHaveValue("");
    expect(within(v1).getByTestId("vote-outcome")).toHaveValue("");
    await userEvent.clear(fast);
    await userEvent.type(fast, "2 5{Enter}");
    expect(within(v1).getByTestId("vote-for")).toHaveValue("2");
    expect(within(v1).getByTestId("vote-against")).toHaveValue("5");
    expect(within(v1).getByTestId("vote-outcome")).toHaveValue("fall");
    // Enter commits the step as the meeting goes: one save, with the vote as typed.
    await vi.waitFor(() => expect(onNotice).toHaveBeenLastCalledWith("Ført og lagra: 2 for, 5 mot, fall."));
    const first = calls.filter((c) => c.cmd === "set_item_record").map((c) => (c.args.record as StoredRecord).behandling.votes);
    expect(first).toEqual([[expect.objectContaining({ votes_for: 2, votes_against: 5, outcome: "fall" })]]);
    expect(within(editor).getByTestId("add-vote")).toHaveFocus();
    expect(within(v1).queryByTestId("vote-chair")).not.toBeInTheDocument();

    await userEvent.click(within(editor).getByTestId("add-vote"));
    const v2 = steps(editor)[2] as HTMLElement;
    await userEvent.selectOptions(within(v2).getByTestId("vote-on"), "r");
    expect(within(v2).getByTestId("vote-subject")).toHaveValue("Tilrådinga");
    await userEvent.type(within(v2).getByTestId("vote-fast"), "5 2");
    expect(within(v2).getByTestId("vote-for")).toHaveValue("5");
    expect(within(v2).getByTestId("vote-against")).toHaveValue("2");
    expect(within(v2).getByTestId("vote-outcome")).toHaveValue("vedteke");
    expect(within(editor).getByTestId("record-dirty")).toHaveTextContent("Ikkje lagra");
    expect(onDirtyChange).toHaveBeenLastCalledWith(true);
    expect(within(editor).getByTestId("record-stale")).toBeInTheDocument();

    await userEvent.click(within(editor).getByTestId("save-record"));
    await vi.waitFor(() => expect(onNotice).toHaveBeenLastCalledWith("Behandlinga er lagra."));
    const sent = calls.filter((c) => c.cmd === "set_item_record").map((c) => c.args);
    const vote = { unanimous: false, chair_decided: false, text_override: null, other: null, parties: [] };
    expect(sent.slice(1)).toEqual([
      {
        id: 42,
        record: {
          behandling: {
            blocks: [
              { content: { kind: "proposal", proposal: 0 }, joins_previous: false, before_item: null },
              { content: { kind: "vote", vote: 0 }, joins_previous: true, before_item: null },
              { content: { kind: "vote", vote: 1 }, joins_previous: false, before_item: null },
            ],
            proposals: [
              { kind: "endring", party: "Ap", proposer: "Ola Dale", intro: null, text: "Saka vert utsett.", inline: true, concerns_item: null },
            ],
            votes: [
              { ...vote, proposal: 0, subject: "Endringsframlegget frå Ap", votes_for: 2, votes_against: 5, outcome: "fall" },
              { ...vote, proposal: null, subject: "Tilrådinga", votes_for: 5, votes_against: 2, outcome: "vedteke" },
            ],
          },
          behandling_text: null,
          recommendation: "Budsjettet vert vedteke.",
          vedtak: null,
          attachments: [],
        } satisfies StoredRecord,
      },
    ]);
    expect(within(editor).getByTestId("record-generated")).toHaveTextContent(
      "Ap v/Ola Dale sette fram: Saka vert utsett. Endringsframlegget frå Ap fekk 2 røyster mot 5 og fall.",
    );
    expect(within(editor).queryByTestId("record-dirty")).not.toBeInTheDocument();
    expect(onDirtyChange).toHaveBeenLastCalledWith(false);

    // The vedtak from the tilråding that was adopted.
    await userEvent.click(within(editor).getByTestId("use-suggested-vedtak"));
    expect(within(editor).getByTestId("record-vedtak")).toHaveValue("Budsjettet vert vedteke.");
  });

  it("sends unknown counts as null, never one worked out from the other", async () => {
    const calls = backendWith();
    const { editor } = await renderItem();
    await userEvent.click(within(editor).getByTestId("add-vote"));
    await userEvent.type(within(editor).getByTestId("vote-fast"), "5");
    await userEvent.click(within(editor).getByTestId("save-record"));
    await vi.waitFor(() => expect(calls.some((c) => c.cmd === "set_item_record")).toBe(true));
    const record = calls.find((c) => c.cmd === "set_item_record")?.args.record as StoredRecord;
    expect(record.behandling.votes).toEqual([
      {
        proposal: null,
        subject: "Tilrådinga",
        unanimous: false,
        votes_for: 5,
        votes_against: null,
        outcome: null,
        chair_decided: false,
        text_override: null,
        other: null,
        parties: [],
      },
    ]);
  });

  it("sends the percentages only as typed, and reads them back", async () => {
    const calls = backendWith();
    const { editor } = await renderItem();
    await userEvent.click(within(editor).getByTestId("add-vote"));
    await userEvent.type(within(editor).getByTestId("vote-fast"), "5 2");
    expect(within(editor).getByLabelText("Prosent for")).toHaveAccessibleDescription(/aldri rekna ut/);
    await userEvent.type(within(editor).getByTestId("vote-percent-for"), " 71,4 ");
    await userEvent.click(within(editor).getByTestId("save-record"));
    await vi.waitFor(() => expect(calls.some((c) => c.cmd === "set_item_record")).toBe(true));
    const vote = (calls.find((c) => c.cmd === "set_item_record")?.args.record as StoredRecord).behandling.votes[0];
    expect(vote).toMatchObject({ votes_for: 5, votes_against: 2, percent_for: "71,4" });
    expect(vote).not.toHaveProperty("percent_against");
    await vi.waitFor(() => expect(within(editor).queryByTestId("record-dirty")).not.toBeInTheDocument());
    // Opened again, the stored share is in its field.
    cleanup();
    const again = await renderItem();
    await vi.waitFor(() => expect(within(again.editor).getByTestId("vote-percent-for")).toHaveValue("71,4"));
    expect(within(again.editor).getByTestId("vote-percent-against")).toHaveValue("");
  });

  it("records which earlier møtebøker of the board the sak approves, and sends them only when there are some", async () => {
    const october = { ...rollMeeting, id: 14, date: "2026-10-22", status: "approved" as const, items: [] };
    const september = { ...rollMeeting, id: 15, date: "2026-09-24", status: "approved" as const, items: [] };
    const calls = meetingsBackend([rollMeeting, october, september, kommunestyreMeeting], {}, [formannskapetFull, kommunestyret], { 13: sevenCame() });
    const { editor, onNotice } = await renderItem(41);
    const box = await within(editor).findByTestId("record-approves");
    // The board's earlier meetings only, newest first: not a later one, not another board's.
    const labels = within(box).getAllByRole("checkbox").map((c) => ((c as HTMLInputElement).labels?.[0]?.textContent ?? "").trim());
    expect(labels).toEqual([
      "Formannskapet og næringsutvalet 22.10.2026 (protokoll godkjend)",
      "Formannskapet og næringsutvalet 24.09.2026 (protokoll godkjend)",
    ]);
    await userEvent.click(within(box).getByLabelText(/22\.10\.2026/));
    await userEvent.click(within(box).getByLabelText(/24\.09\.2026/));
    await userEvent.click(within(editor).getByTestId("save-record"));
    await vi.waitFor(() => expect(onNotice).toHaveBeenLastCalledWith("Behandlinga er lagra."));
    const sent = calls.filter((c) => c.cmd === "set_item_record").map((c) => (c.args.record as StoredRecord).approves_minutes);
    expect(sent).toEqual([[14, 15]]);
    // Taken off again: none sent at all.
    await userEvent.click(within(box).getByLabelText(/22\.10\.2026/));
    await userEvent.click(within(box).getByLabelText(/24\.09\.2026/));
    await userEvent.click(within(editor).getByTestId("save-record"));
    await vi.waitFor(() => expect(calls.filter((c) => c.cmd === "set_item_record")).toHaveLength(2));
    expect((calls.filter((c) => c.cmd === "set_item_record")[1]?.args.record as StoredRecord)).not.toHaveProperty("approves_minutes");
  });

  it("offers the chair's double vote only on a tie", async () => {
    backendWith();
    const { editor } = await renderItem();
    await userEvent.click(within(editor).getByTestId("add-vote"));
    const fast = within(editor).getByTestId("vote-fast");
    await userEvent.type(fast, "3 3");
    expect(within(editor).getByTestId("vote-outcome")).toHaveValue("");
    await userEvent.click(within(editor).getByTestId("vote-chair"));
    expect(within(editor).getByLabelText("Møteleiaren si dobbeltrøyst")).toBeChecked();
    await userEvent.clear(fast);
    await userEvent.type(fast, "4 3");
    expect(within(editor).queryByTestId("vote-chair")).not.toBeInTheDocument();
  });

  it("keeps everything when the save is refused, with the reason beside the vote", async () => {
    const calls = backendWith();
    const { editor, onNotice } = await renderItem();
    await userEvent.type(within(editor).getByTestId("record-recommendation"), "Tilrådd.");
    await userEvent.click(within(editor).getByTestId("add-vote"));
    await userEvent.type(within(editor).getByTestId("vote-fast"), "6 2");
    await userEvent.keyboard("{Control>}s{/Control}");
    const error = await within(editor).findByTestId("record-step-error");
    expect(error).toHaveTextContent("Røysting 1: Det er ført 8 røyster, men berre 7 kunne røysta.");
    expect(within(editor).getByTestId("record-problems")).toHaveTextContent("Behandlinga vart ikkje lagra.");
    const forField = within(editor).getByTestId("vote-for");
    expect(forField).toHaveAttribute("aria-invalid", "true");
    expect(forField).toHaveAccessibleDescription(/Det er ført 8 røyster/);
    await vi.waitFor(() => expect(forField).toHaveFocus());
    expect(forField).toHaveValue("6");
    expect(within(editor).getByTestId("vote-against")).toHaveValue("2");
    expect(within(editor).getByTestId("record-recommendation")).toHaveValue("Tilrådd.");
    expect(within(editor).getByTestId("record-dirty")).toBeInTheDocument();
    expect(onNotice).not.toHaveBeenCalledWith("Behandlinga er lagra.");

    // Put right, it saves; the error goes as soon as the vote is changed.
    await userEvent.clear(within(editor).getByTestId("vote-fast"));
    await userEvent.type(within(editor).getByTestId("vote-fast"), "5 2");
    expect(within(editor).queryByTestId("record-step-error")).not.toBeInTheDocument();
    await userEvent.click(within(editor).getByTestId("save-record"));
    await vi.waitFor(() => expect(onNotice).toHaveBeenLastCalledWith("Behandlinga er lagra."));
    expect(calls.filter((c) => c.cmd === "set_item_record")).toHaveLength(2);
  });

  it("keeps a draft after a pause in the typing, and gets it back when the item is opened again", async () => {
    const calls = backendWith();
    const first = await renderItem();
    await userEvent.type(within(first.editor).getByTestId("record-recommendation"), "Utkast til tilråding");
    await vi.waitFor(() => expect(calls.filter((c) => c.cmd === "save_draft")).toHaveLength(1), { timeout: 2000 });
    const draft = calls.find((c) => c.cmd === "save_draft")?.args;
    expect(draft).toMatchObject({ id: 13, key: "item:42" });
    expect(JSON.parse(String(draft?.content)).fields.recommendation).toBe("Utkast til tilråding");

    // The machine dies: the window is gone without a word, and comes back.
    first.unmount();
    // (Unmounted with changes counts as thrown away; put the draft back as a crash would leave it.)
    const content = String(draft?.content);
    clearMocks();
    const again = meetingsBackend([rollMeeting], {}, [formannskapetFull], { 13: sevenCame() }, {}, {}, {
      13: [{ key: "item:42", content, saved_at: new Date(2026, 10, 19, 10, 42).toISOString() }],
    });
    const second = await renderItem();
    expect(await within(second.editor).findByTestId("draft-restored")).toHaveTextContent("Utkastet frå kl. 10:42 er henta fram.");
    expect(within(second.editor).getByTestId("record-recommendation")).toHaveValue("Utkast til tilråding");
    expect(within(second.editor).getByTestId("record-dirty")).toBeInTheDocument();
    expect(second.onNotice).toHaveBeenCalledWith("Utkastet frå kl. 10:42 er henta fram.");

    await userEvent.click(within(second.editor).getByTestId("discard-draft"));
    await vi.waitFor(() => expect(within(second.editor).getByTestId("record-recommendation")).toHaveValue(""));
    expect(again.filter((c) => c.cmd === "clear_draft").map((c) => c.args)).toEqual([{ id: 13, key: "item:42" }]);
    expect(within(second.editor).queryByTestId("draft-restored")).not.toBeInTheDocument();
    expect(within(second.editor).queryByTestId("record-dirty")).not.toBeInTheDocument();
  });

  it("shows when the clerk's own wording is printed, and goes back to the generated text", async () => {
    const calls = backendWith({
      42: {
        ...emptyRecord(),
        behandling: { blocks: [{ content: { kind: "text", text: "Rådmannen orienterte." }, joins_previous: false, before_item: null }], proposals: [], votes: [] },
      },
    });
    const { editor } = await renderItem();
    expect(within(editor).getByTestId("record-generated")).toHaveTextContent("Rådmannen orienterte.");
    await userEvent.click(within(editor).getByTestId("record-own-start"));
    const own = within(editor).getByTestId("record-own-text");
    await vi.waitFor(() => expect(own).toHaveFocus());
    expect(own).toHaveValue("Rådmannen orienterte.");
    expect(within(editor).getByTestId("record-own-differs")).toHaveTextContent("Eiga ordlyd er lik den genererte teksten.");
    await userEvent.type(own, " Ordføraren takka.");
    expect(within(editor).getByTestId("record-own-differs")).toHaveTextContent("Protokollen skriv eiga ordlyd, ikkje den genererte teksten.");
    await userEvent.click(within(editor).getByTestId("save-record"));
    await vi.waitFor(() => expect(calls.filter((c) => c.cmd === "set_item_record")).toHaveLength(1));
    expect((calls.find((c) => c.cmd === "set_item_record")?.args.record as StoredRecord).behandling_text).toBe(
      "Rådmannen orienterte. Ordføraren takka.",
    );
    await userEvent.click(within(editor).getByTestId("record-own-back"));
    expect(within(editor).queryByTestId("record-own-text")).not.toBeInTheDocument();
    expect(within(editor).getByTestId("record-dirty")).toBeInTheDocument();
  });

  it("moves a step with Alt+Down and keeps the focus on it", async () => {
    backendWith();
    const { editor, onNotice } = await renderItem();
    await userEvent.click(within(editor).getByTestId("add-text"));
    await userEvent.type(within(editor).getByLabelText("Tekst, Merknad 1"), "Først");
    await userEvent.click(within(editor).getByTestId("add-vote"));
    const note = within(editor).getByLabelText("Tekst, Merknad 1");
    note.focus();
    await userEvent.keyboard("{Alt>}{ArrowDown}{/Alt}");
    expect(steps(editor).map((s) => s.dataset.kind)).toEqual(["vote", "text"]);
    expect(onNotice).toHaveBeenLastCalledWith("Merknad 1 er no steg 2 av 2.");
    await vi.waitFor(() => expect(within(editor).getByLabelText("Tekst, Merknad 1")).toHaveFocus());
    await userEvent.click(within(editor).getByRole("button", { name: "Fjern: Merknad 1" }));
    expect(steps(editor)).toHaveLength(1);
    await vi.waitFor(() => expect(within(editor).getByRole("button", { name: "Fjern: Røysting 1" })).toHaveFocus());
  });

  it("shows no form when the record cannot be read, saves nothing, and reads again on Prøv igjen", async () => {
    let fail = true;
    const calls = meetingsBackend([rollMeeting], {
      get_item_record: () => {
        if (fail) throw { code: "io", message: "Databasen er oppteken.", fields: [] };
        return { id: 42, meeting_id: 13, number_text: "41/26", title: "Budsjett 2027", record: { ...emptyRecord(), recommendation: "Lagra." }, generated: "", suggested_vedtak: null, eligible: 7, warnings: [] };
      },
    }, [formannskapetFull], { 13: sevenCame() });
    render(ItemRecord, { meetingId: 13, item: 42, items: rollMeeting.items, onNotice: vi.fn(), onDirtyChange: vi.fn() });
    const editor = await screen.findByTestId("item-record");
    expect(await within(editor).findByTestId("record-read-error")).toHaveTextContent("Databasen er oppteken.");
    expect(within(editor).queryByTestId("save-record")).not.toBeInTheDocument();
    expect(within(editor).queryByTestId("record-recommendation")).not.toBeInTheDocument();
    within(editor).getByRole("heading", { level: 2 }).focus();
    await userEvent.keyboard("{Control>}s{/Control}");
    expect(calls.some((c) => c.cmd === "set_item_record")).toBe(false);

    fail = false;
    await userEvent.click(within(editor).getByRole("button", { name: "Prøv igjen" }));
    expect(await within(editor).findByTestId("record-recommendation")).toHaveValue("Lagra.");
    expect(within(editor).queryByTestId("record-read-error")).not.toBeInTheDocument();
  });

  it("never saves the business over what is stored when it could not be read", async () => {
    const calls = meetingsBackend([rollMeeting], {
      get_business: () => {
        throw { code: "io", message: "Databasen er oppteken.", fields: [] };
      },
    }, [formannskapetFull], { 13: sevenCame() });
    render(ItemRecord, { props: { meetingId: 13, anchor: 0, items: rollMeeting.items, onNotice: vi.fn(), onDirtyChange: vi.fn() } });
    const editor = await screen.findByTestId("item-record");
    await within(editor).findByTestId("record-read-error");
    expect(within(editor).queryByTestId("add-business")).not.toBeInTheDocument();
    within(editor).getByRole("heading", { level: 2 }).focus();
    await userEvent.keyboard("{Control>}s{/Control}");
    expect(calls.some((c) => c.cmd === "set_business")).toBe(false);
  });

  it("drops the waiting draft, and the stored one, when the fields are back as saved", async () => {
    const calls = backendWith();
    const { editor } = await renderItem();
    const field = within(editor).getByTestId("record-recommendation");
    // Typed and taken back before the pause: no draft at all.
    await userEvent.type(field, "x{Backspace}");
    await new Promise((r) => setTimeout(r, 900));
    expect(calls.filter((c) => c.cmd === "save_draft")).toHaveLength(0);
    // Typed, kept as a draft, then taken back: the draft goes.
    await userEvent.type(field, "Utkast");
    await vi.waitFor(() => expect(calls.filter((c) => c.cmd === "save_draft")).toHaveLength(1), { timeout: 2000 });
    await userEvent.clear(field);
    await vi.waitFor(() => expect(calls.filter((c) => c.cmd === "clear_draft").map((c) => c.args)).toEqual([{ id: 13, key: "item:42" }]));
    await new Promise((r) => setTimeout(r, 900));
    expect(calls.filter((c) => c.cmd === "save_draft")).toHaveLength(1);
    const drafts = calls.filter((c) => c.cmd === "list_drafts");
    expect(drafts.length).toBeGreaterThan(0);
  });

  it("keeps a draft of the business per place: one before the items is not restored after them", async () => {
    const fields = { recommendation: "", steps: [newStep({ kind: "text", text: "Utkast før sakene" }, 0)], kept: { proposals: [], votes: [] }, ownText: null, vedtak: "", attachments: [], approvesMinutes: [] };
    const saved_at = new Date(2026, 10, 19, 10, 42).toISOString();
    meetingsBackend([rollMeeting], {}, [formannskapetFull], { 13: sevenCame() }, {}, {}, {
      13: [{ key: "business:0", content: draftOf(fields, 0), saved_at }],
    });
    const after = render(ItemRecord, { props: { meetingId: 13, anchor: null, items: rollMeeting.items, onNotice: vi.fn(), onDirtyChange: vi.fn() } });
    let editor = await screen.findByTestId("item-record");
    await within(editor).findByTestId("add-business");
    expect(within(editor).queryByTestId("draft-restored")).not.toBeInTheDocument();
    expect(within(editor).queryAllByTestId("record-step")).toHaveLength(0);
    after.unmount();

    render(ItemRecord, { props: { meetingId: 13, anchor: 0, items: rollMeeting.items, onNotice: vi.fn(), onDirtyChange: vi.fn() } });
    editor = await screen.findByTestId("item-record");
    expect(await within(editor).findByTestId("draft-restored")).toBeInTheDocument();
    expect(within(editor).getByLabelText("Tekst, Merknad 1")).toHaveValue("Utkast før sakene");
  });

  it("saves a business draft under its place's key", async () => {
    const calls = backendWith();
    render(ItemRecord, { props: { meetingId: 13, anchor: null, items: rollMeeting.items, onNotice: vi.fn(), onDirtyChange: vi.fn() } });
    const editor = await screen.findByTestId("item-record");
    await userEvent.click(await within(editor).findByTestId("add-text"));
    await userEvent.type(within(editor).getByLabelText("Tekst, Merknad 1"), "Takk");
    await vi.waitFor(() => expect(calls.filter((c) => c.cmd === "save_draft").map((c) => c.args.key)).toEqual(["business:end"]), { timeout: 2000 });
  });

  it("does not save on Enter in a one-line field but the vote's fast field; the button, Ctrl+S and Ctrl+Enter do", async () => {
    const calls = backendWith();
    const { editor, onNotice } = await renderItem();
    await userEvent.click(within(editor).getByTestId("add-proposal"));
    await userEvent.type(within(editor).getByLabelText("Parti, Framlegg 1"), "Ap{Enter}");
    await userEvent.click(within(editor).getByTestId("add-vote"));
    await userEvent.type(within(editor).getByTestId("vote-subject"), "{Enter}");
    await new Promise((r) => setTimeout(r, 50));
    expect(calls.some((c) => c.cmd === "set_item_record")).toBe(false);
    // Enter in the fast field applies the counts and commits the step: one save.
    await userEvent.type(within(editor).getByTestId("vote-fast"), "5 2{Enter}");
    expect(within(editor).getByTestId("vote-for")).toHaveValue("5");
    await vi.waitFor(() => expect(onNotice).toHaveBeenLastCalledWith("Ført og lagra: 5 for, 2 mot, vedteke."));
    expect(calls.filter((c) => c.cmd === "set_item_record")).toHaveLength(1);
    // Enter again with nothing changed saves nothing more.
    within(editor).getByTestId("vote-fast").focus();
    await userEvent.keyboard("{Enter}");
    await new Promise((r) => setTimeout(r, 50));
    expect(calls.filter((c) => c.cmd === "set_item_record")).toHaveLength(1);
    await userEvent.type(within(editor).getByLabelText("Framlegget, Framlegg 1"), "Saka vert utsett.");
    within(editor).getByLabelText("Parti, Framlegg 1").focus();
    await userEvent.keyboard("{Control>}{Enter}{/Control}");
    await vi.waitFor(() => expect(onNotice).toHaveBeenLastCalledWith("Behandlinga er lagra."));
    expect(calls.filter((c) => c.cmd === "set_item_record")).toHaveLength(2);
  });

  it("does not save a party row with counts but no party, and says so on the row", async () => {
    const calls = backendWith();
    const { editor } = await renderItem();
    await userEvent.click(within(editor).getByTestId("add-vote"));
    await userEvent.click(within(editor).getByRole("button", { name: /Legg til parti/ }));
    await userEvent.type(within(editor).getByLabelText(/For.*1, Røysting 1|1.*For, Røysting 1/), "3");
    await userEvent.click(within(editor).getByTestId("save-record"));
    expect(await within(editor).findByTestId("record-step-error")).toHaveTextContent("Skriv partiet, eller ta bort linja.");
    expect(calls.some((c) => c.cmd === "set_item_record")).toBe(false);
  });

  it("turns a vote on a removed proposal to the tilråding, its prefilled subject too, and says so", async () => {
    backendWith();
    const { editor, onNotice } = await renderItem();
    await userEvent.click(within(editor).getByTestId("add-proposal"));
    await userEvent.type(within(editor).getByLabelText("Parti, Framlegg 1"), "Ap");
    await userEvent.click(within(editor).getByTestId("add-vote"));
    await userEvent.click(within(editor).getByTestId("add-vote"));
    const [, v1, v2] = steps(editor) as HTMLElement[];
    await userEvent.selectOptions(within(v2!).getByTestId("vote-on"), String(steps(editor)[0]?.dataset.key));
    await userEvent.clear(within(v2!).getByTestId("vote-subject"));
    await userEvent.type(within(v2!).getByTestId("vote-subject"), "Framlegget frå Ola Dale");
    expect(within(v1!).getByTestId("vote-subject")).toHaveValue("Endringsframlegget frå Ap");
    await userEvent.click(within(editor).getByRole("button", { name: "Fjern: Framlegg 1" }));
    const [w1, w2] = steps(editor) as HTMLElement[];
    expect(within(w1!).getByTestId("vote-on")).toHaveValue("r");
    expect(within(w1!).getByTestId("vote-subject")).toHaveValue("Tilrådinga");
    expect(within(w2!).getByTestId("vote-subject")).toHaveValue("Framlegget frå Ola Dale");
    expect(onNotice).toHaveBeenLastCalledWith("Framlegg 1 er fjerna. Røysting 1 gjeld no tilrådinga. Røysting 2 gjeld no tilrådinga.");
  });

  it("lets a vedlegg be one document of its journalpost, chosen among the journalpost's documents once it is saved", async () => {
    const calls = backendWith();
    const { editor } = await renderItem();
    await userEvent.click(within(editor).getByRole("button", { name: "Legg til vedlegg" }));
    await userEvent.type(within(editor).getByLabelText("Tittel, vedlegg 1"), "Kartet");
    await userEvent.type(within(editor).getByLabelText("Journalpost, vedlegg 1"), "21/1069-3");
    expect(within(editor).queryByLabelText("Dokument, vedlegg 1")).not.toBeInTheDocument();
    await userEvent.click(within(editor).getByTestId("save-record"));
    const choose = await within(editor).findByLabelText("Dokument, vedlegg 1");
    expect(within(choose).getAllByRole("option").map((o) => o.textContent)).toEqual([
      "Heile journalposten",
      "samarbeidsavtale.pdf",
      "kart.pdf",
    ]);
    await userEvent.selectOptions(choose, "kart.pdf");
    await userEvent.click(within(editor).getByTestId("save-record"));
    await vi.waitFor(() => expect(calls.filter((c) => c.cmd === "set_item_record")).toHaveLength(2));
    const sent = calls.filter((c) => c.cmd === "set_item_record").map((c) => (c.args.record as StoredRecord).attachments);
    expect(sent[0]).toEqual([{ title: "Kartet", journal_entry: { case: { year: 2021, seq: 1069 }, doc: 3 } }]);
    expect(sent[1]).toEqual([{ title: "Kartet", journal_entry: { case: { year: 2021, seq: 1069 }, doc: 3 }, document: "dok-kart" }]);
    await vi.waitFor(() => expect(within(editor).getByLabelText("Dokument, vedlegg 1")).toHaveValue("dok-kart"));
  });

  it("keeps a proposal's own lead-in when one is typed, and the generated one when the field is left empty", async () => {
    const calls = backendWith();
    const { editor } = await renderItem();
    await userEvent.click(within(editor).getByTestId("add-proposal"));
    const p = steps(editor)[0] as HTMLElement;
    const intro = within(p).getByLabelText("Innleiing, Framlegg 1");
    expect(intro).toHaveAttribute("placeholder", "Tom: laga av parti og namn, t.d. «Ap v/Ola Dale sette fram:»");
    await userEvent.type(within(p).getByLabelText("Framlegget, Framlegg 1"), "Saka vert utsett.");
    await userEvent.type(intro, "Ordføraren gjorde framlegg om:");
    await userEvent.click(within(editor).getByTestId("save-record"));
    await vi.waitFor(() => expect(calls.some((c) => c.cmd === "set_item_record")).toBe(true));
    const sent = calls.find((c) => c.cmd === "set_item_record")?.args.record as StoredRecord;
    expect(sent.behandling.proposals[0]?.intro).toBe("Ordføraren gjorde framlegg om:");
    await userEvent.clear(intro);
    await userEvent.click(within(editor).getByTestId("save-record"));
    await vi.waitFor(() => expect(calls.filter((c) => c.cmd === "set_item_record")).toHaveLength(2));
    const again = calls.filter((c) => c.cmd === "set_item_record")[1]?.args.record as StoredRecord;
    expect(again.behandling.proposals[0]?.intro).toBeNull();
  });
});
