// Approving a meeting's protocol from the meeting screen.
import { render, screen, waitFor } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { clearMocks } from "@tauri-apps/api/mocks";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { MeetingRecord, RollInput } from "../../lib/api";
import { setLang } from "../../lib/i18n.svelte";
import { kommunestyreMeeting, meetingsBackend } from "../../test/meetings";
import MeetingApproval from "./MeetingApproval.svelte";

beforeEach(() => setLang("nn"));
afterEach(() => clearMocks());

const held: MeetingRecord = { ...kommunestyreMeeting, status: "held" };
const roll = (): RollInput => ({
  attendance: {
    seats: [],
    attendees: [
      { name: "Anne Leiar", party: "Sp", capacity: { kind: "member" }, arrived_at: null, left_at: null, from_item: null, to_item: null, away_items: [] },
      { name: "Per Bakken", party: "Ap", capacity: { kind: "member" }, arrived_at: null, left_at: null, from_item: null, to_item: null, away_items: [] },
    ],
    apologies: [],
    disqualified: [],
    head_count: null,
  },
  chair: "Anne Leiar",
  chair_elected: false,
  signatories: ["Per Bakken"],
  signatories_item: null,
});

describe("godkjenning", () => {
  it("approves with the chosen signatories after asking once more, then says it is locked", async () => {
    const calls = meetingsBackend([held], {}, undefined, { [held.id]: roll() });
    const onApproved = vi.fn();
    render(MeetingApproval, { record: held, onApproved });
    await userEvent.click(await screen.findByRole("button", { name: "Godkjenn protokollen …" }));
    const anne = await screen.findByRole("checkbox", { name: "Anne Leiar" });
    expect(anne).toBeChecked();
    expect(screen.getByRole("checkbox", { name: "Per Bakken" })).toBeChecked();
    await userEvent.click(anne);
    const date = screen.getByRole("textbox", { name: "Godkjend dato" });
    await userEvent.clear(date);
    await userEvent.type(date, "16.12.2026");
    await userEvent.type(screen.getByRole("textbox", { name: "Korleis (valfritt)" }), "Godkjend i møte 1/27");
    await userEvent.click(screen.getByRole("button", { name: "Godkjenn og lås protokollen" }));
    const dialog = await screen.findByRole("alertdialog", { name: "Godkjenne protokollen?" });
    expect(dialog).toHaveTextContent("Etter godkjenninga kan ingenting i møtet endrast.");
    expect(calls.some((c) => c.cmd === "approve_meeting")).toBe(false);
    await userEvent.click(screen.getByTestId("approve-confirm"));
    expect(await screen.findByTestId("approval-done")).toHaveTextContent(
      "Protokollen vart godkjend 16.12.2026 (ført av kari): Godkjend i møte 1/27. Møtet er låst",
    );
    expect(calls.find((c) => c.cmd === "approve_meeting")?.args).toEqual({
      meeting: held.id,
      input: { approved_on: "16.12.2026", note: "Godkjend i møte 1/27", signatories: ["Per Bakken"] },
    });
    await waitFor(() => expect(onApproved).toHaveBeenCalledWith(expect.objectContaining({ status: "approved" })));
  });

  it("puts a refused field beside its place, and cannot approve a meeting not yet held", async () => {
    meetingsBackend([held], {}, undefined, { [held.id]: roll() });
    const view = render(MeetingApproval, { record: held, onApproved: vi.fn() });
    await userEvent.click(await screen.findByTestId("approve-open"));
    for (const name of ["Anne Leiar", "Per Bakken"]) {
      await userEvent.click(await screen.findByRole("checkbox", { name }));
    }
    await userEvent.click(screen.getByTestId("approve"));
    await userEvent.click(await screen.findByTestId("approve-confirm"));
    expect(await screen.findByText("Vel minst éin som skal skriva under protokollen.")).toBeInTheDocument();
    view.unmount();

    meetingsBackend([kommunestyreMeeting]);
    render(MeetingApproval, { record: kommunestyreMeeting, onApproved: vi.fn() });
    expect(await screen.findByText("Møtet må vera halde før protokollen kan godkjennast.")).toBeInTheDocument();
    expect(screen.getByTestId("approve-open")).toBeDisabled();
  });
});
