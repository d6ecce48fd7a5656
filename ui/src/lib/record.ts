// An agenda item's record (and the meeting's own business) as the behandling
// editor edits it, and how it becomes the ItemRecord / Behandling that
// set_item_record and set_business save whole. On screen the behandling is
// one ordered list of steps (note, proposal, vote, business), each with its
// proposal or vote inside it; a vote names the proposal it is about by the
// step's key, so it keeps pointing right while steps move. The back end
// counts blocks, proposals and votes by index; the conversion happens here,
// both ways, and the back end's errors ("votes.0") are placed back on the
// steps that were sent. Counts are typed as text: "" is unknown (null), and
// one side is never worked out from the other.

import type { Behandling } from "./bindings/Behandling";
import type { Block } from "./bindings/Block";
import type { BusinessKind } from "./bindings/BusinessKind";
import type { FieldError } from "./bindings/FieldError";
import type { ItemRecord } from "./bindings/ItemRecord";
import type { Outcome } from "./bindings/Outcome";
import type { Proposal } from "./bindings/Proposal";
import type { ProposalKind } from "./bindings/ProposalKind";
import type { Vote } from "./bindings/Vote";
import { type AttachmentProblem, type AttachmentRow, attachmentsOf, journalProblems, rowsOf } from "./attachments";
import { newKey, seen } from "./rowKey";

export const proposalKinds: ProposalKind[] = ["endring", "tillegg", "alternativt", "utsetjing", "anna"];
export const businessKinds: BusinessKind[] = ["orientering", "interpellasjon", "sporsmal"];

/** What a vote is about: the tilråding (null) or a proposal step (its key). */
export type Ref = number | null;

export type PartyRow = { key: number; party: string; for: string; against: string };

export type VoteFields = {
  /** "single": one thing voted on; "against": A against B. */
  mode: "single" | "against";
  a: Ref;
  subject: string;
  b: Ref;
  otherSubject: string;
  unanimous: boolean;
  /** As typed; "" is unknown. In "against", A's count. */
  votesFor: string;
  /** As typed; unused in "against". */
  votesAgainst: string;
  /** B's count in "against". */
  otherVotes: string;
  /** "" is "the protocol does not say". */
  outcome: Outcome | "";
  /** The outcome was chosen by hand: the counts no longer set it. */
  outcomeChosen: boolean;
  chairDecided: boolean;
  /** The clerk's own sentence; null uses the phrases. */
  textOverride: string | null;
  parties: PartyRow[];
  /** The shares in per cent as the protocol writes them ("60", "60,5"); "" when not given. In "against", A's and B's. */
  percentFor: string;
  percentAgainst: string;
};

export type ProposalFields = {
  kind: ProposalKind;
  party: string;
  proposer: string;
  /** Kept as it came; null uses the phrase template. */
  intro: string | null;
  text: string;
  inline: boolean;
  /** Business of the meeting: the item position it concerns. */
  concerns_item: number | null;
};

export type StepBody =
  | { kind: "text"; text: string }
  | { kind: "proposal"; proposal: ProposalFields }
  | { kind: "vote"; vote: VoteFields }
  | { kind: "business"; business: BusinessKind; title: string; text: string; answer: string };

export type Step = StepBody & { key: number; joins_previous: boolean; before_item: number | null };

/**
 * A vote that no block prints, kept as it came; what it is about is held as
 * references (proposal keys) so its indexes are worked out anew when saved.
 */
export type KeptVote = { vote: Vote; a: Ref; b: Ref };

/** Proposals and votes that no block prints: kept as they came, so nothing is lost. */
export type Kept = { proposals: { key: number; proposal: Proposal }[]; votes: KeptVote[] };


/** Everything the item editor shows. */
export type RecordFields = {
  recommendation: string;
  steps: Step[];
  kept: Kept;
  /** The clerk's own wording of the whole behandling; null prints the generated text. */
  ownText: string | null;
  vedtak: string;
  attachments: AttachmentRow[];
  /** "Godkjenning av møtebok": ids of the board's earlier meetings whose møtebok the sak approves. */
  approvesMinutes: number[];
};

export { newKey };
export { journalText, parseJournal, type AttachmentRow } from "./attachments";

export function emptyVote(over: Partial<VoteFields> = {}): VoteFields {
  return {
    mode: "single",
    a: null,
    subject: "",
    b: null,
    otherSubject: "",
    unanimous: false,
    votesFor: "",
    votesAgainst: "",
    otherVotes: "",
    outcome: "",
    outcomeChosen: false,
    chairDecided: false,
    textOverride: null,
    parties: [],
    percentFor: "",
    percentAgainst: "",
    ...over,
  };
}

export function emptyProposal(): ProposalFields {
  return { kind: "endring", party: "", proposer: "", intro: null, text: "", inline: false, concerns_item: null };
}

export function newStep(body: StepBody, before_item: number | null = null, joins_previous = false): Step {
  return { ...body, key: newKey(), joins_previous, before_item } as Step;
}

const orNull = (s: string) => (s.trim() === "" ? null : s.trim());
const orEmpty = (s: string | null) => s ?? "";
const countText = (n: number | null) => (n === null ? "" : String(n));

/** A count as typed: null when empty, NaN when it is not a whole number ≥ 0. */
export function parseCount(text: string): number | null {
  const s = text.trim();
  if (s === "") return null;
  return /^\d{1,6}$/.test(s) ? Number(s) : NaN;
}

export const countInvalid = (text: string) => Number.isNaN(parseCount(text) ?? 0);

/**
 * The fast field: "5 2", "5-2", "5–2", "5 mot 2" fill both counts; "5" only
 * the first; "samrøystes" (or "samr", "enst", "unanimous") is unanimous.
 * Null when the text says nothing that can be used.
 */
export function parseFast(text: string): { for: string; against: string; unanimous: boolean } | null {
  const s = text.trim().toLowerCase();
  if (s === "") return null;
  if (/^(samr|enst|s$)/.test(s)) return { for: "", against: "", unanimous: true };
  const m = /^(\d{1,6})\s*(?:(?:-|–|—|:|\/|mot|\s)\s*(\d{1,6}))?\s*$/.exec(s);
  if (!m) return null;
  return { for: m[1] ?? "", against: m[2] ?? "", unanimous: false };
}

/** The outcome the counts give when both are known; null for a tie or when one is missing. */
export function outcomeOf(forText: string, againstText: string): Outcome | null {
  const f = parseCount(forText);
  const a = parseCount(againstText);
  if (f === null || a === null || Number.isNaN(f) || Number.isNaN(a) || f === a) return null;
  return f > a ? "vedteke" : "fall";
}

/** The two sides' counts as typed: for/against, or A/B. */
export const sides = (v: VoteFields): [string, string] =>
  v.mode === "against" ? [v.votesFor, v.otherVotes] : [v.votesFor, v.votesAgainst];

/** Both counts known and equal: the chair's double vote may decide it. */
export function isTie(v: VoteFields): boolean {
  const [x, y] = sides(v).map(parseCount);
  return x !== null && y !== null && x !== undefined && y !== undefined && !Number.isNaN(x) && x === y;
}

/** New counts: the outcome follows them unless the clerk chose it. */
export function withCounts(v: VoteFields, patch: Partial<VoteFields>): VoteFields {
  const next = { ...v, ...patch };
  if (!next.outcomeChosen) {
    const [x, y] = sides(next);
    next.outcome = next.unanimous ? next.outcome : (outcomeOf(x, y) ?? "");
  }
  if (!isTie(next)) next.chairDecided = false;
  return next;
}

/** Applies the fast field's text; null when it could not be read. */
export function applyFast(v: VoteFields, text: string): VoteFields | null {
  const p = parseFast(text);
  if (!p) return null;
  if (p.unanimous) return withCounts(v, { unanimous: true, votesFor: "", votesAgainst: "", otherVotes: "" });
  return v.mode === "against"
    ? withCounts(v, { unanimous: false, votesFor: p.for, otherVotes: p.against })
    : withCounts(v, { unanimous: false, votesFor: p.for, votesAgainst: p.against });
}

type Lang = "nn" | "nb";
const SUBJECTS = {
  nn: {
    recommendation: "Tilrådinga",
    proposal: "Framlegget",
    from: (what: string, party: string) => `${what} frå ${party}`,
    kind: { endring: "Endringsframlegget", tillegg: "Tilleggsframlegget", alternativt: "Framlegget", utsetjing: "Utsetjingsframlegget", anna: "Framlegget" },
  },
  nb: {
    recommendation: "Innstillingen",
    proposal: "Forslaget",
    from: (what: string, party: string) => `${what} fra ${party}`,
    kind: { endring: "Endringsforslaget", tillegg: "Tilleggsforslaget", alternativt: "Forslaget", utsetjing: "Utsettelsesforslaget", anna: "Forslaget" },
  },
} satisfies Record<Lang, unknown>;

/** How the vote's sentence names `ref`: "Tilrådinga", "Framlegget", "Tilleggsframlegget frå H". */
export function subjectFor(ref: Ref, steps: Step[], lang: Lang = "nn"): string {
  const words = SUBJECTS[lang];
  if (ref === null) return words.recommendation;
  const step = steps.find((s) => s.key === ref);
  if (!step || step.kind !== "proposal") return words.proposal;
  const p = step.proposal;
  const what = words.kind[p.kind];
  return p.party.trim() ? words.from(what, p.party.trim()) : what;
}

/** The proposal steps a vote can be about, in order. */
export const proposalSteps = (steps: Step[]) =>
  steps.filter((s): s is Step & { kind: "proposal" } => s.kind === "proposal");

// ---- Behandling ⇄ steps ----

function proposalFields(p: Proposal): ProposalFields {
  return {
    kind: p.kind,
    party: orEmpty(p.party),
    proposer: orEmpty(p.proposer),
    intro: p.intro,
    text: p.text,
    inline: p.inline,
    concerns_item: p.concerns_item,
  };
}

function voteFields(v: Vote, refOf: (i: number | null) => Ref): VoteFields {
  const against = v.other !== null;
  return {
    mode: against ? "against" : "single",
    a: refOf(v.proposal),
    subject: v.subject,
    b: against ? refOf(v.other?.proposal ?? null) : null,
    otherSubject: v.other?.subject ?? "",
    unanimous: v.unanimous,
    votesFor: countText(v.votes_for),
    votesAgainst: against ? "" : countText(v.votes_against),
    otherVotes: countText(v.other?.votes ?? null),
    outcome: v.outcome ?? "",
    // What was stored stays as it was: counts changed later do not move it.
    outcomeChosen: true,
    chairDecided: v.chair_decided,
    textOverride: v.text_override,
    percentFor: v.percent_for ?? "",
    percentAgainst: v.percent_against ?? "",
    parties: v.parties.map((p) => ({
      key: newKey(),
      party: p.party,
      for: countText(p.votes_for),
      against: countText(p.votes_against),
    })),
  };
}

/** A stored behandling as steps, and what no block prints. */
export function stepsOf(b: Behandling): { steps: Step[]; kept: Kept } {
  const proposalKeys = b.proposals.map(() => newKey());
  const refOf = (i: number | null): Ref => (i === null ? null : (proposalKeys[i] ?? null));
  const printedProposals = new Set<number>();
  const printedVotes = new Set<number>();
  const steps = b.blocks.flatMap((block): Step[] => {
    const c = block.content;
    const base = { joins_previous: block.joins_previous, before_item: block.before_item };
    switch (c.kind) {
      case "text":
        return [{ key: newKey(), ...base, kind: "text", text: c.text }];
      case "business":
        return [
          {
            key: newKey(),
            ...base,
            kind: "business",
            business: c.business,
            title: orEmpty(c.title),
            text: c.text,
            answer: orEmpty(c.answer),
          },
        ];
      case "proposal": {
        const p = b.proposals[c.proposal];
        const key = proposalKeys[c.proposal];
        if (!p || key === undefined || printedProposals.has(c.proposal)) return [];
        printedProposals.add(c.proposal);
        return [{ key, ...base, kind: "proposal", proposal: proposalFields(p) }];
      }
      case "vote": {
        const v = b.votes[c.vote];
        if (!v || printedVotes.has(c.vote)) return [];
        printedVotes.add(c.vote);
        return [{ key: newKey(), ...base, kind: "vote", vote: voteFields(v, refOf) }];
      }
    }
  });
  const kept: Kept = {
    proposals: b.proposals.flatMap((proposal, i) =>
      printedProposals.has(i) ? [] : [{ key: proposalKeys[i] as number, proposal }],
    ),
    votes: b.votes.flatMap((vote, i) =>
      printedVotes.has(i) ? [] : [{ vote, a: refOf(vote.proposal), b: vote.other ? refOf(vote.other.proposal) : null }],
    ),
  };
  return { steps, kept };
}

/** Where each sent block, proposal and vote came from (step keys), to place the back end's errors. */
export type Sent = { blocks: number[]; proposals: (number | null)[]; votes: (number | null)[] };

function proposalOf(p: ProposalFields): Proposal {
  return {
    kind: p.kind,
    party: orNull(p.party),
    proposer: orNull(p.proposer),
    intro: p.intro,
    text: p.text.trim(),
    inline: p.inline,
    concerns_item: p.concerns_item,
  };
}

const num = (text: string) => {
  const n = parseCount(text);
  return n === null || Number.isNaN(n) ? null : n;
};

function voteOf(v: VoteFields, index: (ref: Ref) => number | null): Vote {
  const against = v.mode === "against";
  const tie = isTie(v);
  return {
    proposal: index(v.a),
    subject: v.subject.trim(),
    unanimous: v.unanimous,
    votes_for: v.unanimous ? null : num(v.votesFor),
    votes_against: against || v.unanimous ? null : num(v.votesAgainst),
    outcome: v.outcome === "" ? null : v.outcome,
    chair_decided: tie && v.chairDecided,
    text_override: v.textOverride === null || v.textOverride.trim() === "" ? null : v.textOverride.trim(),
    other: against ? { proposal: index(v.b), subject: v.otherSubject.trim(), votes: v.unanimous ? null : num(v.otherVotes) } : null,
    parties: v.parties
      .filter((p) => p.party.trim() !== "")
      .map((p) => ({ party: p.party.trim(), votes_for: num(p.for), votes_against: num(p.against) })),
    // Sent only when given, as the back end has them: absent is none.
    ...((v.percentFor ?? "").trim() !== "" ? { percent_for: v.percentFor.trim() } : {}),
    ...((v.percentAgainst ?? "").trim() !== "" ? { percent_against: v.percentAgainst.trim() } : {}),
  };
}

/** Steps (and what was kept) as the Behandling to save, with where each part came from. */
export function behandlingOf(steps: Step[], kept: Kept): { behandling: Behandling; sent: Sent } {
  const proposalSteps = steps.filter((s) => s.kind === "proposal");
  const proposalKeys = [...proposalSteps.map((s) => s.key), ...kept.proposals.map((p) => p.key)];
  const index = (ref: Ref) => {
    if (ref === null) return null;
    const i = proposalKeys.indexOf(ref);
    return i < 0 ? null : i;
  };
  const proposals: Proposal[] = [
    ...proposalSteps.map((s) => proposalOf((s as Step & { kind: "proposal" }).proposal)),
    ...kept.proposals.map((p) => p.proposal),
  ];
  const votes: Vote[] = [];
  const voteKeys: (number | null)[] = [];
  const blocks = steps.map((s): Block => {
    const base = { joins_previous: s.joins_previous, before_item: s.before_item };
    switch (s.kind) {
      case "text":
        return { ...base, content: { kind: "text", text: s.text.trim() } };
      case "business":
        return {
          ...base,
          content: { kind: "business", business: s.business, title: orNull(s.title), text: s.text.trim(), answer: orNull(s.answer) },
        };
      case "proposal":
        return { ...base, content: { kind: "proposal", proposal: proposalKeys.indexOf(s.key) } };
      case "vote":
        votes.push(voteOf(s.vote, index));
        voteKeys.push(s.key);
        return { ...base, content: { kind: "vote", vote: votes.length - 1 } };
    }
  });
  for (const k of kept.votes) {
    const v = k.vote;
    votes.push({ ...v, proposal: index(k.a), other: v.other ? { ...v.other, proposal: index(k.b) } : null });
    voteKeys.push(null);
  }
  return {
    behandling: { blocks, proposals, votes },
    sent: { blocks: steps.map((s) => s.key), proposals: proposalKeys.map((k, i) => (i < proposalSteps.length ? k : null)), votes: voteKeys },
  };
}

// ---- The item's record ----

export function fieldsOf(record: ItemRecord): RecordFields {
  const { steps, kept } = stepsOf(record.behandling);
  return {
    recommendation: orEmpty(record.recommendation),
    steps,
    kept,
    ownText: record.behandling_text,
    vedtak: orEmpty(record.vedtak),
    attachments: rowsOf(record.attachments),
    approvesMinutes: record.approves_minutes ?? [],
  };
}

/** A problem found before sending, or one the back end placed. `on` is a step's or attachment's key, or a field. */
export type RecordProblem =
  | { on: "step"; key: number; field: string; message: string }
  | AttachmentProblem
  | { on: "field"; field: string; message: string }
  | { on: "summary"; message: string };

export type Say = { countInvalid: string; journalInvalid: string; partyMissing: string };

/** Problems the window finds before sending: counts that are not numbers, journalpost numbers that are not. */
export function localProblems(f: RecordFields, say: Say): RecordProblem[] {
  const out: RecordProblem[] = [];
  for (const s of f.steps) {
    if (s.kind !== "vote") continue;
    const v = s.vote;
    const counts: [string, string][] = [
      ["votes_for", v.votesFor],
      [v.mode === "against" ? "other" : "votes_against", v.mode === "against" ? v.otherVotes : v.votesAgainst],
    ];
    for (const [field, text] of counts) {
      if (!v.unanimous && countInvalid(text)) out.push({ on: "step", key: s.key, field, message: say.countInvalid });
    }
    if (v.parties.some((p) => countInvalid(p.for) || countInvalid(p.against))) {
      out.push({ on: "step", key: s.key, field: "parties", message: say.countInvalid });
    }
    // A row with counts but no party would be dropped when saved: the clerk says which, or removes it.
    for (const p of v.parties) {
      if (p.party.trim() === "" && (p.for.trim() !== "" || p.against.trim() !== "")) {
        out.push({ on: "step", key: s.key, field: `party:${p.key}`, message: say.partyMissing });
      }
    }
  }
  out.push(...journalProblems(f.attachments, say.journalInvalid));
  return out;
}

export type SentRecord = Sent & { attachments: number[] };

export function itemRecordOf(f: RecordFields): { record: ItemRecord; sent: SentRecord } {
  const { behandling, sent } = behandlingOf(f.steps, f.kept);
  const attachments = attachmentsOf(f.attachments);
  return {
    record: {
      behandling,
      behandling_text: f.ownText === null || f.ownText.trim() === "" ? null : f.ownText,
      recommendation: orNull(f.recommendation),
      vedtak: orNull(f.vedtak),
      attachments: attachments.list,
      // Sent only when the sak approves a møtebok: absent is none.
      ...(f.approvesMinutes.length > 0 ? { approves_minutes: [...f.approvesMinutes] } : {}),
    },
    sent: { ...sent, attachments: attachments.keys },
  };
}

/** The back end's errors ("votes.0", "blocks.2", "attachments.0.title", "vedtak") on what was sent. */
export function problemsOf(errors: FieldError[], sent: SentRecord): RecordProblem[] {
  return errors.map((e): RecordProblem => {
    const [what, i, sub] = e.field.split(".");
    const n = Number(i);
    const key =
      what === "votes"
        ? sent.votes[n]
        : what === "proposals"
          ? sent.proposals[n]
          : what === "blocks"
            ? sent.blocks[n]
            : what === "attachments"
              ? sent.attachments[n]
              : undefined;
    if (key !== undefined && key !== null && Number.isInteger(n)) {
      return what === "attachments"
        ? { on: "attachment", key, field: sub ?? "title", message: e.message }
        : { on: "step", key, field: sub ?? "", message: e.message };
    }
    if (i === undefined && what) return { on: "field", field: what, message: e.message };
    return { on: "summary", message: e.message };
  });
}

/** The fields without keys that only tell rows apart, for comparing. */
function shape(f: unknown): string {
  return JSON.stringify(f, (k, v: unknown) => (k === "key" ? undefined : v));
}

/**
 * Steps and kept votes with each proposal reference as the referenced
 * proposal's position (proposal steps first, then the kept ones), as they
 * would be saved: keys are numbered afresh at each read, positions are not.
 */
function byPosition(steps: Step[], kept: Kept | undefined) {
  const order = [...proposalSteps(steps).map((s) => s.key), ...(kept?.proposals ?? []).map((p) => p.key)];
  const at = (ref: Ref): number | string | null => {
    if (ref === null) return null;
    const i = order.indexOf(ref);
    return i < 0 ? `?${ref}` : i;
  };
  return {
    steps: steps.map((s) => (s.kind === "vote" ? { ...s, vote: { ...s.vote, a: at(s.vote.a), b: at(s.vote.b) } } : s)),
    keptVotes: (kept?.votes ?? []).map((k) => ({ ...k, a: at(k.a), b: at(k.b) })),
  };
}

export const sameFields = (a: RecordFields, b: RecordFields) => {
  const [x, y] = [a, b].map((f) => {
    const { steps, keptVotes } = byPosition(f.steps, f.kept);
    return shape({ ...f, steps, kept: { ...f.kept, votes: keptVotes } });
  });
  return x === y;
};
export const sameSteps = (a: Step[], b: Step[]) => shape(byPosition(a, undefined).steps) === shape(byPosition(b, undefined).steps);

// ---- The meeting's own business, one anchor at a time ----

/** Where an anchor's blocks go: items by position, null after the last. */
const rank = (anchor: number | null) => (anchor === null ? Number.MAX_SAFE_INTEGER : anchor);

/** The whole business as steps; the steps of one anchor are those with its before_item. */
export const anchorSteps = (steps: Step[], anchor: number | null) => steps.filter((s) => s.before_item === anchor);

/**
 * The whole business with `anchor`'s steps replaced by `edited` (each given
 * that before_item), where that anchor's steps stood, or, when it had none,
 * before the first step of a later anchor. Other anchors' steps keep their
 * place and their before_item.
 */
export function mergeAnchor(all: Step[], anchor: number | null, edited: Step[]): Step[] {
  const mine = edited.map((s) => ({ ...s, before_item: anchor }));
  const first = all.findIndex((s) => s.before_item === anchor);
  const rest = all.filter((s) => s.before_item !== anchor);
  let at: number;
  if (first >= 0) at = all.slice(0, first).filter((s) => s.before_item !== anchor).length;
  else {
    at = rest.findIndex((s) => rank(s.before_item) > rank(anchor));
    if (at < 0) at = rest.length;
  }
  return [...rest.slice(0, at), ...mine, ...rest.slice(at)];
}

// ---- Drafts ----

export type DraftState = { v: 1; fields: RecordFields; anchor?: number | null };

export function draftOf(fields: RecordFields, anchor?: number | null): string {
  const d: DraftState = { v: 1, fields, ...(anchor !== undefined ? { anchor } : {}) };
  return JSON.stringify(d);
}

/** A draft's editor state, or null when it is not one this window wrote. */
export function parseDraft(content: string): DraftState | null {
  try {
    const d = JSON.parse(content) as Partial<DraftState>;
    const f = d.fields;
    if (d.v !== 1 || !f || !Array.isArray(f.steps) || !Array.isArray(f.attachments)) return null;
    for (const s of f.steps) {
      seen(s.key);
      if (s.kind === "vote") {
        for (const p of s.vote.parties) seen(p.key);
        // A draft from before percentages: none given.
        s.vote.percentFor ??= "";
        s.vote.percentAgainst ??= "";
      }
    }
    for (const a of f.attachments) seen(a.key);
    // A draft from before a vedlegg could be one document is the journalpost as a whole.
    const attachments = f.attachments.map((a) => ({ ...a, document: a.document ?? "" }));
    for (const p of f.kept?.proposals ?? []) seen(p.key);
    // Kept votes from before they held references are not this window's.
    if ((f.kept?.votes ?? []).some((k) => typeof k !== "object" || k === null || !("vote" in k))) return null;
    // A draft from before a sak could approve møtebøker approves none.
    const approvesMinutes = Array.isArray(f.approvesMinutes) ? f.approvesMinutes : [];
    return { v: 1, fields: { ...f, attachments, approvesMinutes, kept: f.kept ?? { proposals: [], votes: [] } }, anchor: d.anchor };
  } catch {
    return null;
  }
}
