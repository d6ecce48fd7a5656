import { describe, expect, it } from "vitest";
import type { Behandling } from "./bindings/Behandling";
import {
  applyFast,
  behandlingOf,
  emptyVote,
  isTie,
  mergeAnchor,
  outcomeOf,
  parseDraft,
  parseFast,
  parseJournal,
  problemsOf,
  stepsOf,
  subjectFor,
  withCounts,
  draftOf,
  itemRecordOf,
  fieldsOf,
  newStep,
  localProblems,
  sameFields,
  emptyProposal,
} from "./record";

const proposal = (party: string, text: string, inline = false) => ({
  kind: "endring" as const,
  party,
  proposer: null,
  intro: null,
  text,
  inline,
  concerns_item: null,
});

describe("the fast vote field", () => {
  it("reads two counts however they are written, one count, and samrøystes", () => {
    expect(parseFast("5 2")).toEqual({ for: "5", against: "2", unanimous: false });
    expect(parseFast("5-2")).toEqual({ for: "5", against: "2", unanimous: false });
    expect(parseFast("5 mot 2")).toEqual({ for: "5", against: "2", unanimous: false });
    expect(parseFast(" 12–3 ")).toEqual({ for: "12", against: "3", unanimous: false });
    expect(parseFast("5")).toEqual({ for: "5", against: "", unanimous: false });
    expect(parseFast("samrøystes")).toEqual({ for: "", against: "", unanimous: true });
    expect(parseFast("fem")).toBeNull();
    expect(parseFast("")).toBeNull();
  });

  it("sets the outcome from two known counts only, and never on a tie", () => {
    expect(applyFast(emptyVote(), "5 2")).toMatchObject({ votesFor: "5", votesAgainst: "2", outcome: "vedteke" });
    expect(applyFast(emptyVote(), "2 5")).toMatchObject({ outcome: "fall" });
    expect(applyFast(emptyVote(), "5")).toMatchObject({ votesFor: "5", votesAgainst: "", outcome: "" });
    const tie = applyFast(emptyVote(), "3 3");
    expect(tie).toMatchObject({ outcome: "" });
    expect(isTie(tie as ReturnType<typeof emptyVote>)).toBe(true);
    expect(outcomeOf("4", "")).toBeNull();
  });

  it("keeps an outcome chosen by hand, and drops the chair's vote when it is no longer a tie", () => {
    const chosen = { ...emptyVote(), outcome: "fall" as const, outcomeChosen: true };
    expect(withCounts(chosen, { votesFor: "5", votesAgainst: "2" }).outcome).toBe("fall");
    const tie = { ...emptyVote(), votesFor: "3", votesAgainst: "3", chairDecided: true };
    expect(withCounts(tie, { votesAgainst: "2" }).chairDecided).toBe(false);
  });

  it("fills A and B in a vote between two proposals", () => {
    const v = applyFast(emptyVote({ mode: "against" }), "6 3");
    expect(v).toMatchObject({ votesFor: "6", otherVotes: "3", votesAgainst: "", outcome: "vedteke" });
  });
});

describe("steps ⇄ behandling", () => {
  const stored: Behandling = {
    blocks: [
      { content: { kind: "text", text: "Rådmannen orienterte." }, joins_previous: false, before_item: null },
      { content: { kind: "proposal", proposal: 0 }, joins_previous: false, before_item: null },
      { content: { kind: "vote", vote: 0 }, joins_previous: true, before_item: null },
      { content: { kind: "vote", vote: 1 }, joins_previous: false, before_item: null },
    ],
    proposals: [proposal("Ap", "Saka vert utsett.", true)],
    votes: [
      { ...voteOf(0, "Framlegget"), votes_for: 2, outcome: "fall" },
      { ...voteOf(null, "Tilrådinga"), votes_for: 5, votes_against: 2, outcome: "vedteke" },
    ],
  };

  it("comes back as it went, indexes and nulls included", () => {
    const { steps, kept } = stepsOf(stored);
    expect(steps.map((s) => s.kind)).toEqual(["text", "proposal", "vote", "vote"]);
    expect(behandlingOf(steps, kept).behandling).toEqual(stored);
  });

  it("follows a proposal that moved: the vote keeps pointing at it", () => {
    const { steps, kept } = stepsOf({
      ...stored,
      proposals: [proposal("Ap", "A"), proposal("H", "B")],
      blocks: [
        { content: { kind: "proposal", proposal: 0 }, joins_previous: false, before_item: null },
        { content: { kind: "proposal", proposal: 1 }, joins_previous: false, before_item: null },
        { content: { kind: "vote", vote: 0 }, joins_previous: false, before_item: null },
      ],
      votes: [voteOf(1, "Framlegget frå H")],
    });
    const [a, b, v] = steps;
    const { behandling, sent } = behandlingOf([b!, a!, v!], kept);
    expect(behandling.proposals.map((p) => p.party)).toEqual(["H", "Ap"]);
    expect(behandling.votes[0]?.proposal).toBe(0);
    expect(sent.votes).toEqual([v!.key]);
  });

  it("names the subject after what is voted on", () => {
    const { steps } = stepsOf({ ...stored, proposals: [{ ...proposal("H", "x"), kind: "tillegg" }] });
    const p = steps.find((s) => s.kind === "proposal")!;
    expect(subjectFor(null, steps)).toBe("Tilrådinga");
    expect(subjectFor(p.key, steps)).toBe("Tilleggsframlegget frå H");
    expect(subjectFor(p.key, steps, "nb")).toBe("Tilleggsforslaget fra H");
  });

  it("places the back end's errors on the steps and attachments that were sent", () => {
    const fields = fieldsOf({
      behandling: stored,
      behandling_text: null,
      recommendation: null,
      vedtak: null,
      attachments: [{ title: "Avtale", journal_entry: null }],
    });
    const { sent } = itemRecordOf(fields);
    const vote = fields.steps[3]!;
    expect(
      problemsOf(
        [
          { field: "votes.1", message: "Røysting 2: for mange." },
          { field: "vedtak", message: "Vedtaket er framlegg 1, som fall." },
          { field: "attachments.0.journal_entry", message: "Fann ikkje." },
          { field: "anna", message: "Anna." },
        ],
        sent,
      ),
    ).toEqual([
      { on: "step", key: vote.key, field: "", message: "Røysting 2: for mange." },
      { on: "field", field: "vedtak", message: "Vedtaket er framlegg 1, som fall." },
      { on: "attachment", key: fields.attachments[0]!.key, field: "journal_entry", message: "Fann ikkje." },
      { on: "field", field: "anna", message: "Anna." },
    ]);
  });

  it("reads journalpost numbers", () => {
    expect(parseJournal("21/1069-3")).toEqual({ case: { year: 2021, seq: 1069 }, doc: 3 });
    expect(parseJournal("")).toBeNull();
    expect(parseJournal("21/1069")).toBeUndefined();
  });
});

describe("what was kept, what is the same, and what cannot be sent", () => {
  it("sends a vote no step prints with its proposal's new index when a proposal step is added", () => {
    // Vote 0 (not printed) is about proposal 1 (not printed); proposal 0 is printed.
    const stored: Behandling = {
      blocks: [{ content: { kind: "proposal", proposal: 0 }, joins_previous: false, before_item: null }],
      proposals: [proposal("Ap", "Printed"), proposal("H", "Kept")],
      votes: [{ ...voteOf(1, "Framlegget frå H"), votes_for: 3, votes_against: 4, outcome: "fall" }],
    };
    const { steps, kept } = stepsOf(stored);
    expect(behandlingOf(steps, kept).behandling).toEqual(stored);
    const added = newStep({ kind: "proposal", proposal: { ...emptyProposal(), party: "Sp", text: "Ny" } });
    const { behandling } = behandlingOf([...steps, added], kept);
    expect(behandling.proposals.map((p) => p.text)).toEqual(["Printed", "Ny", "Kept"]);
    expect(behandling.votes[0]?.proposal).toBe(2);
    expect(behandling.votes[0]?.subject).toBe("Framlegget frå H");
  });

  it("sees a record read twice as the same, though its proposal keys are new each time", () => {
    const stored: Behandling = {
      blocks: [
        { content: { kind: "proposal", proposal: 0 }, joins_previous: false, before_item: null },
        { content: { kind: "vote", vote: 0 }, joins_previous: false, before_item: null },
      ],
      proposals: [proposal("Ap", "A"), proposal("H", "Kept")],
      votes: [voteOf(0, "Framlegget frå Ap"), voteOf(1, "Framlegget frå H")],
    };
    const record = { behandling: stored, behandling_text: null, recommendation: null, vedtak: null, attachments: [] };
    const once = fieldsOf(record);
    const twice = fieldsOf(record);
    expect(once.steps[0]?.key).not.toBe(twice.steps[0]?.key);
    expect(sameFields(once, twice)).toBe(true);
    // A draft of it comes back with its own keys, and is still the same.
    expect(sameFields(parseDraft(draftOf(once))!.fields, twice)).toBe(true);
    // Pointing the vote elsewhere is a change.
    const changed = structuredClone(twice);
    const v = changed.steps[1]!;
    if (v.kind === "vote") v.vote.a = null;
    expect(sameFields(changed, once)).toBe(false);
  });

  it("stops a party row with counts but no party, and lets a fully empty row go", () => {
    const say = { countInvalid: "tal", journalInvalid: "jp", partyMissing: "Skriv partiet, eller ta bort linja." };
    const vote = newStep({
      kind: "vote",
      vote: emptyVote({
        parties: [
          { key: 901, party: "", for: "3", against: "" },
          { key: 902, party: "", for: "", against: "" },
          { key: 903, party: "Ap", for: "2", against: "1" },
        ],
      }),
    });
    const fields = { recommendation: "", steps: [vote], kept: { proposals: [], votes: [] }, ownText: null, vedtak: "", attachments: [], approvesMinutes: [] };
    expect(localProblems(fields, say)).toEqual([{ on: "step", key: vote.key, field: "party:901", message: say.partyMissing }]);
    const ok = { ...fields, steps: [{ ...vote, vote: { ...emptyVote(), parties: [{ key: 902, party: "", for: "", against: "" }] } }] };
    expect(localProblems(ok, say)).toEqual([]);
    expect(itemRecordOf(ok).record.behandling.votes[0]?.parties).toEqual([]);
  });
});

describe("the meeting's business by anchor", () => {
  const text = (t: string, before_item: number | null) => ({ content: { kind: "text" as const, text: t }, joins_previous: false, before_item });
  const business: Behandling = {
    blocks: [text("Før 1", 0), text("Før 2", 1), text("Etter", null)],
    proposals: [],
    votes: [],
  };

  it("puts an anchor's steps back where they stood, and the others keep their before_item", () => {
    const { steps } = stepsOf(business);
    const edited = [...steps.filter((s) => s.before_item === 1), newStep({ kind: "text", text: "Ny" })];
    const merged = mergeAnchor(steps, 1, edited);
    const out = behandlingOf(merged, { proposals: [], votes: [] }).behandling.blocks;
    expect(out).toEqual([text("Før 1", 0), text("Før 2", 1), text("Ny", 1), text("Etter", null)]);
  });

  it("puts a new anchor's steps before the later anchors' steps", () => {
    const { steps } = stepsOf({ ...business, blocks: [text("Før 1", 0), text("Etter", null)] });
    const merged = mergeAnchor(steps, 2, [newStep({ kind: "text", text: "Før 3" })]);
    expect(behandlingOf(merged, { proposals: [], votes: [] }).behandling.blocks).toEqual([
      text("Før 1", 0),
      text("Før 3", 2),
      text("Etter", null),
    ]);
  });
});

describe("drafts", () => {
  it("come back as they were saved, and anything else is no draft", () => {
    const fields = fieldsOf({ behandling: { blocks: [], proposals: [], votes: [] }, behandling_text: null, recommendation: "Tilr.", vedtak: null, attachments: [] });
    expect(parseDraft(draftOf(fields))?.fields).toEqual(fields);
    expect(parseDraft("{}")).toBeNull();
    expect(parseDraft("ikkje json")).toBeNull();
  });
});

function voteOf(proposalIndex: number | null, subject: string) {
  return {
    proposal: proposalIndex,
    subject,
    unanimous: false,
    votes_for: null,
    votes_against: null,
    outcome: null,
    chair_decided: false,
    text_override: null,
    other: null,
    parties: [],
  } satisfies Behandling["votes"][number];
}
