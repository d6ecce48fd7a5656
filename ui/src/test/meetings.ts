// A mocked back end for the Møte screen: it keeps meetings and numbers a
// sakliste the way the real one does (per series in agenda order while the
// meeting is planned, given numbers kept, fixed once held), and keeps each
// meeting's roll with who could vote on each item, by the real rules. Each
// item's record and the meeting's own business are kept too, with a simple
// generated text, drafts, and a history of steps that undo_step puts back.
// A case sent on (send_on) waits for the other board's meeting until a
// sakliste of that board lists it (waiting_cases).
import type {
  Attendance,
  Behandling,
  BoardRecord,
  CaseQuery,
  CaseRow,
  ItemAttendance,
  ItemRecord,
  ItemRecordView,
  MeetingInput,
  MeetingRecord,
  MeetingStatus,
  NumberFormat,
  Roll,
  RollInput,
  SaklisteEntry,
  SaklisteItem,
  Seat,
  TermMember,
  WaitingCase,
} from "../lib/api";
import type { Attachment } from "../lib/bindings/Attachment";
import type { Draft } from "../lib/bindings/Draft";
import type { Proposal } from "../lib/bindings/Proposal";
import type { Vote } from "../lib/bindings/Vote";
import type { ApprovalInput } from "../lib/bindings/ApprovalInput";
import type { ApprovalRecord } from "../lib/bindings/ApprovalRecord";
import { parseDate } from "../lib/format";
import { rowOf } from "../lib/meetings";
import { backend, formannskapet, kommunestyret, pageOf, type Args, type Call } from "./backend";

const caseRow = (id: number, year: number, seq: number, title: string): CaseRow => ({
  id,
  number: { year, seq },
  title,
  status: "in_progress",
  officer: null,
  opened_on: null,
  screened: false,
  snippet: [],
});

export const budsjett = caseRow(1, 2026, 14, "Budsjett 2027");
export const okonomiplan = caseRow(2, 2026, 15, "Økonomiplan 2027–2030");
export const ikt = caseRow(3, 2021, 1069, "IKT-samarbeid. Etablering av avtale med SYS-IKT");
export const registerCases = [budsjett, okonomiplan, ikt];

const yy = (year: number) => String(year % 100).padStart(2, "0");

function formatNumber(format: NumberFormat, year: number, seq: number): string {
  switch (format.kind) {
    case "seq_year":
      return `${seq}/${yy(year)}`;
    case "padded_seq_year":
      return `${String(seq).padStart(format.width, "0")}/${yy(year)}`;
    case "year_seq":
      return `${year}/${seq}`;
  }
}

/** An item of `board` numbered `seq` in the year of the meeting. */
export function item(board: BoardRecord, over: Partial<SaklisteItem> & { seq: number }): SaklisteItem {
  const series = over.series ?? 0;
  const prefix = board.settings.series[series]?.prefix;
  const text = formatNumber(board.settings.number_format, 2026, over.seq);
  const { seq, ...rest } = over;
  return {
    id: seq,
    case_number: null,
    title: "",
    series,
    number: { year: 2026, seq },
    number_text: prefix ? `${prefix} ${text}` : text,
    number_given: false,
    closed: false,
    closed_basis: null,
    added_late: false,
    has_records: false,
    ...rest,
  };
}

/** Formannskapet's meeting on 03.12.2026, planned, with an empty sakliste. */
export const plannedMeeting: MeetingRecord = {
  id: 10,
  board_id: formannskapet.id,
  board: formannskapet.settings.name,
  date: "2026-12-03",
  place: "Rådhuset, Gaupne",
  start_time: "09:00",
  end_time: null,
  notice_sent: null,
  notice_method: null,
  status: "planned",
  series: [{ prefix: null, label: null }],
  items: [],
};

/** Kommunestyret's meeting on 10.12.2026 with PS and RS: one number given by hand, one a case with behandling. */
export const kommunestyreMeeting: MeetingRecord = {
  id: 11,
  board_id: kommunestyret.id,
  board: kommunestyret.settings.name,
  date: "2026-12-10",
  place: "Kommunestyresalen",
  start_time: null,
  end_time: null,
  notice_sent: null,
  notice_method: null,
  status: "planned",
  series: [
    { prefix: "PS", label: "Politiske saker" },
    { prefix: "RS", label: "Referatsaker" },
  ],
  items: [
    item(kommunestyret, { seq: 54, id: 21, case_number: budsjett.number, title: budsjett.title, number_given: true }),
    item(kommunestyret, { seq: 55, id: 22, case_number: okonomiplan.number, title: okonomiplan.title, has_records: true }),
    item(kommunestyret, { seq: 56, id: 23, title: "Orientering frå rådmannen" }),
  ],
};

const seat = (name: string, party: string, role: "chair" | "deputy_chair" | "member" = "member"): TermMember => ({
  name,
  party,
  membership: { kind: "seat", role },
  term_from: "2023-10-01",
  term_to: null,
});
const vara = (name: string, party: string, order: number, term_to: string | null = null): TermMember => ({
  name,
  party,
  membership: { kind: "substitute", order },
  term_from: "2023-10-01",
  term_to,
});

/**
 * Formannskapet with the whole term: on 19.11.2026 five seats (Ken Kvamme
 * leiar, Kari Nordheim nestleiar) and varamedlemer of three lists.
 */
export const formannskapetFull: BoardRecord = {
  ...formannskapet,
  members: [
    ...formannskapet.members,
    seat("Kari Nordheim", "Ap", "deputy_chair"),
    seat("Per Bakken", "H"),
    seat("Anne Moen", "Sp"),
    seat("Ola Dale", "Ap"),
    vara("Siri Hauge", "Sp", 1),
    vara("Ingrid Lie", "Ap", 2),
    vara("Lars Berg", "H", 1),
    vara("Gunnar Holm", "Ap", 3, "2025-12-31"),
  ],
};

/** Formannskapet's meeting on 19.11.2026, held, with three items. */
export const rollMeeting: MeetingRecord = {
  ...plannedMeeting,
  id: 13,
  date: "2026-11-19",
  status: "held",
  items: [
    item(formannskapet, { seq: 40, id: 41, title: "Godkjenning av innkalling og sakliste" }),
    item(formannskapet, { seq: 41, id: 42, case_number: budsjett.number, title: budsjett.title }),
    item(formannskapet, { seq: 42, id: 43, case_number: okonomiplan.number, title: okonomiplan.title }),
  ],
};

/** A member of the board on the roll, there for the whole meeting unless `over` says otherwise. */
export const member = (name: string, party: string, over: Partial<Attendance["attendees"][number]> = {}): Attendance["attendees"][number] => ({
  name,
  party,
  capacity: { kind: "member" },
  from_item: null,
  to_item: null,
  arrived_at: null,
  left_at: null,
  away_items: [],
  ...over,
});

export const emptyRoll = (): RollInput => ({
  attendance: { seats: [], attendees: [], apologies: [], disqualified: [], head_count: null },
  chair: null,
  chair_elected: false,
  signatories: [],
  signatories_item: null,
});

/** The board's seats on a date, leiar first, then nestleiar, then members. */
function seatsOn(board: BoardRecord, date: string): Seat[] {
  const rank = { chair: 0, deputy_chair: 1, member: 2 };
  return board.members
    .filter((m) => (m.term_from === null || m.term_from <= date) && (m.term_to === null || date <= m.term_to))
    .flatMap((m) => (m.membership.kind === "seat" ? [{ name: m.name, party: m.party, role: m.membership.role }] : []))
    .sort((a, b) => rank[a.role] - rank[b.role]);
}

const presentAt = (a: Attendance["attendees"][number], item: number) =>
  (a.from_item === null || a.from_item <= item) && (a.to_item === null || item <= a.to_item) && !a.away_items.includes(item);

/** Who could vote on `item`: members present and not ugild, varamedlemer present, an ugild member's stand-in. */
function forItem(a: Attendance, seats: number, item: number): ItemAttendance {
  const ugild = a.disqualified.filter((d) => d.item === item);
  const quorate = (eligible: number) => seats > 0 && eligible * 2 >= seats;
  if (a.attendees.length === 0 && a.head_count !== null) {
    const eligible = Math.max(0, a.head_count + ugild.filter((d) => d.substitute).length - ugild.length);
    return { voters: [], eligible, seats, quorate: quorate(eligible) };
  }
  const voters = a.attendees
    .filter((x) => presentAt(x, item))
    .filter((x) =>
      x.capacity.kind === "member" ? !ugild.some((d) => d.member === x.name) : x.capacity.kind === "substitute",
    )
    .map((x) => x.name);
  for (const d of ugild) if (d.substitute && !voters.includes(d.substitute)) voters.push(d.substitute);
  return { voters, eligible: voters.length, seats, quorate: quorate(voters.length) };
}

/** As serde would refuse it: a time that is not HH:MM[:SS] never reaches the rules. */
function checkShape(input: RollInput, items: number) {
  for (const a of input.attendance.attendees) {
    for (const time of [a.arrived_at, a.left_at]) {
      if (time !== null && !/^\d{2}:\d{2}(:\d{2})?$/.test(time)) {
        throw `invalid args \`roll\` for command \`set_roll\`: input contains invalid characters: ${time}`;
      }
    }
    for (const p of [a.from_item, a.to_item, ...a.away_items]) {
      if (p !== null && (p < 0 || p >= items)) throw { code: "invalid", message: `Sak nummer ${p + 1} i lista finst ikkje.`, fields: [] };
    }
  }
}

/** The roll as the back end keeps it: names trimmed, times with seconds, items missed in order. */
function tidyRoll(input: RollInput): RollInput {
  const r = structuredClone(input);
  const orNull = (s: string | null) => (s && s.trim() !== "" ? s.trim() : null);
  const seconds = (t: string | null) => (t === null ? null : t.length === 5 ? `${t}:00` : t);
  r.attendance.seats = [];
  r.attendance.attendees = r.attendance.attendees.map((a) => ({
    ...a,
    name: a.name.trim(),
    party: orNull(a.party),
    arrived_at: seconds(a.arrived_at),
    left_at: seconds(a.left_at),
    away_items: [...new Set(a.away_items)].sort((x, y) => x - y),
  }));
  r.attendance.apologies = r.attendance.apologies.map((n) => n.trim());
  r.chair = orNull(r.chair);
  return r;
}

/** list_cases over the register: a case number finds its case, words find titles that have them. */
function search(q: CaseQuery) {
  const text = q.text.trim().toLowerCase();
  const words = text.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  const hits = registerCases.filter((c) => {
    const n = `${yy(c.number.year)}/${c.number.seq}`;
    if (/^\d+\/\d+$/.test(text)) return text === n || text === `${c.number.year}/${c.number.seq}`;
    const title = c.title.toLowerCase().split(/[^\p{L}\p{N}]+/u);
    return words.every((w) => title.some((t) => t.startsWith(w)));
  });
  return pageOf(hits, q);
}

const iso = (typed: string) => {
  const m = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(typed.trim());
  return m ? `${m[3]}-${m[2]?.padStart(2, "0")}-${m[1]?.padStart(2, "0")}` : typed.trim();
};
const time = (typed: string | null) => (typed && /^\d{1,2}$/.test(typed) ? `${typed.padStart(2, "0")}:00` : typed);

/**
 * The back end of the Møte screen over `meetings` (copied), the two boards
 * and the register's cases. `extra` handlers replace or add commands.
 */
export function meetingsBackend(
  meetings: MeetingRecord[] = [plannedMeeting, kommunestyreMeeting],
  extra: Record<string, (a: Args, call: Call) => unknown> = {},
  boards: BoardRecord[] = [formannskapet, kommunestyret],
  rolls: Record<number, RollInput> = {},
  records: Record<number, ItemRecord> = {},
  business: Record<number, Behandling> = {},
  drafts: Record<number, Draft[]> = {},
  waiting: Record<number, WaitingCase[]> = {},
): Call[] {
  let stored = meetings.map((m) => structuredClone(m));
  /** Per board, the cases sent on to it, in the order they were sent. */
  const sentOn = new Map(Object.entries(waiting).map(([id, w]) => [Number(id), structuredClone(w)]));
  const approvals = new Map<number, ApprovalRecord>();
  const storedRolls = new Map(Object.entries(rolls).map(([id, r]) => [Number(id), structuredClone(r)]));
  let nextItem = 100;
  const find = (id: unknown) => {
    const m = stored.find((x) => x.id === id);
    if (!m) throw { code: "not_found", message: `Fann ikkje møtet med id ${String(id)}.`, fields: [] };
    return m;
  };
  const put = (m: MeetingRecord) => {
    stored = [...stored.filter((x) => x.id !== m.id), m];
    return structuredClone(m);
  };
  const boardOf = (id: number) => boards.find((b) => b.id === id) as BoardRecord;
  const fromInput = (input: MeetingInput, base: Partial<MeetingRecord>): MeetingRecord => {
    const board = boardOf(input.board_id);
    return {
      id: 0,
      status: "planned",
      items: [],
      ...base,
      board_id: input.board_id,
      board: board.settings.name,
      date: iso(input.date),
      place: input.place,
      start_time: time(input.start_time),
      end_time: time(input.end_time),
      notice_sent: input.notice_sent ? iso(input.notice_sent) : null,
      notice_method: input.notice_method,
      series: board.settings.series.map((s) => ({ prefix: s.prefix, label: s.label })),
    };
  };

  function setSakliste(m: MeetingRecord, entries: SaklisteEntry[]): MeetingRecord {
    const board = boardOf(m.board_id);
    const year = Number(m.date.slice(0, 4));
    const parse = (text: string) => Number(text.split("/")[0]);
    const taken = new Map<number, number[]>();
    const use = (series: number, seq: number) => taken.set(series, [...(taken.get(series) ?? []), seq]);
    const keeps = (e: SaklisteEntry) => m.status !== "planned" && e.id !== null;
    for (const e of entries) {
      const old = m.items.find((i) => i.id === e.id);
      if (keeps(e) && old) use(e.series, old.number.seq);
      else if (e.number) use(e.series, parse(e.number));
    }
    const items = entries.map((e): SaklisteItem => {
      const old = m.items.find((i) => i.id === e.id);
      let seq: number;
      let given = e.number !== null;
      if (keeps(e) && old) {
        seq = old.number.seq;
        given = old.number_given;
      } else if (e.number) {
        seq = parse(e.number);
      } else {
        seq = Math.max(0, ...(taken.get(e.series) ?? [])) + 1;
        use(e.series, seq);
      }
      const found = registerCases.find((c) => `${yy(c.number.year)}/${c.number.seq}` === e.case_number);
      const prefix = board.settings.series[e.series]?.prefix;
      const text = formatNumber(board.settings.number_format, year, seq);
      return {
        id: e.id ?? nextItem++,
        case_number: found?.number ?? null,
        title: e.title ?? found?.title ?? "",
        series: e.series,
        number: { year, seq },
        number_text: prefix ? `${prefix} ${text}` : text,
        number_given: given,
        closed: e.closed,
        closed_basis: e.closed_basis,
        added_late: e.added_late,
        has_records: old?.has_records ?? false,
      };
    });
    return { ...m, items };
  }

  /** The roll with the seats of the meeting's date and who could vote on each item. */
  function rollOf(m: MeetingRecord): Roll {
    const input = structuredClone(storedRolls.get(m.id) ?? emptyRoll());
    const a = input.attendance;
    let seats = seatsOn(boardOf(m.board_id), m.date);
    const seats_known = seats.length > 0;
    if (!seats_known) {
      const recorded = [
        ...a.attendees.filter((x) => x.capacity.kind === "member").map((x) => ({ name: x.name, party: x.party })),
        ...a.apologies.map((name) => ({ name, party: null })),
      ];
      seats = recorded
        .filter((x, i) => recorded.findIndex((y) => y.name === x.name) === i)
        .map((x) => ({ ...x, role: "member" as const }));
    }
    return { input, seats, seats_known, items: m.items.map((_, i) => forItem(a, seats.length, i)) };
  }

  return backend({
    list_boards: () => boards,
    list_cases: (a) => search(a.query as CaseQuery),
    list_meetings: () => [...stored].sort((a, b) => b.date.localeCompare(a.date)).map(rowOf),
    get_meeting: (a) => structuredClone(find(a.id)),
    create_meeting: (a) => put(fromInput(a.input as MeetingInput, { id: 12 })),
    update_meeting: (a) => {
      const m = find(a.id);
      return put(fromInput(a.input as MeetingInput, m));
    },
    set_meeting_status: (a) => put({ ...find(a.id), status: a.status as MeetingStatus }),
    set_sakliste: (a) => put(setSakliste(find(a.id), a.items as SaklisteEntry[])),
    get_roll: (a) => rollOf(find(a.id)),
    get_approval: (a) => approvals.get(a.meeting as number) ?? null,
    approve_meeting: (a) => {
      const m = find(a.meeting);
      if (m.status !== "held") {
        throw { code: "invalid", message: "Møtet er ikkje halde enno: set det til halde før protokollen vert godkjend.", fields: [] };
      }
      const input = a.input as ApprovalInput;
      if (input.signatories.length === 0) {
        throw { code: "invalid_fields", message: "Sjå felta.", fields: [{ field: "signatories", message: "Vel minst éin som skal skriva under protokollen." }] };
      }
      const record: ApprovalRecord = {
        approved_on: parseDate(input.approved_on) ?? input.approved_on,
        approved_by: "kari",
        note: input.note,
        sha256: "c".repeat(64),
      };
      approvals.set(m.id, record);
      put({ ...m, status: "approved" });
      return record;
    },
    set_roll: (a) => {
      const m = find(a.id);
      if (m.status === "approved") {
        throw { code: "invalid", message: "Protokollen for dette møtet er godkjend, så møtet kan ikkje endrast lenger.", fields: [] };
      }
      const input = a.roll as RollInput;
      checkShape(input, m.items.length);
      storedRolls.set(m.id, tidyRoll(input));
      return rollOf(m);
    },
    ...recordHandlers(() => stored, find, rollOf, records, business, drafts),
    send_on: (a) => {
      const m = stored.find((x) => x.items.some((i) => i.id === a.item));
      const it = m?.items.find((i) => i.id === a.item);
      if (!m || !it) throw { code: "not_found", message: `Fann ikkje saka med id ${String(a.item)}.`, fields: [] };
      const to = boards.find((b) => b.id === a.board);
      if (!to) throw { code: "not_found", message: `Fann ikkje utvalet med id ${String(a.board)}.`, fields: [] };
      const refuse = (message: string) => {
        throw { code: "invalid", message, fields: [] };
      };
      if (to.id === m.board_id) refuse("Saka kan ikkje sendast vidare til same utval. Vel eit anna utval.");
      const number = it.case_number;
      if (!number) return refuse("Saka har ikkje arkivsak, så ho kan ikkje sendast vidare.");
      const list = sentOn.get(to.id) ?? [];
      if (list.some((w) => w.case_number.year === number.year && w.case_number.seq === number.seq)) {
        refuse(`Saka er alt send vidare til ${to.settings.name}.`);
      }
      const found = registerCases.find((c) => c.number.year === number.year && c.number.seq === number.seq);
      const [y, mo, d] = m.date.split("-");
      const w: WaitingCase = {
        id: found?.id ?? 0,
        case_number: number,
        title: it.title,
        from: `${m.board} ${d}.${mo}.${y}, sak ${it.number_text}`,
        recommendation: records[it.id]?.vedtak ?? null,
      };
      sentOn.set(to.id, [...list, w]);
      return structuredClone(w);
    },
    waiting_cases: (a) => {
      const board = a.board as number;
      const listed = stored
        .filter((m) => m.board_id === board)
        .flatMap((m) => m.items.flatMap((i) => (i.case_number ? [`${i.case_number.year}/${i.case_number.seq}`] : [])));
      return structuredClone((sentOn.get(board) ?? []).filter((w) => !listed.includes(`${w.case_number.year}/${w.case_number.seq}`)));
    },
    ...extra,
  });
}

export const emptyRecord = (): ItemRecord => ({
  behandling: { blocks: [], proposals: [], votes: [] },
  behandling_text: null,
  recommendation: null,
  vedtak: null,
  attachments: [],
});

const outcomeWord = (o: Vote["outcome"]) => (o === "vedteke" ? "vart vedteke" : o === "fall" ? "fall" : "");

/** A vote's sentence, roughly as the phrases make it. */
function voteSentence(v: Vote): string {
  if (v.text_override) return v.text_override;
  const end = outcomeWord(v.outcome);
  if (v.unanimous) return `${v.subject} ${v.outcome === "fall" ? "fall" : "vart"} samrøystes${v.outcome === "vedteke" ? " vedteke" : ""}.`;
  if (v.other) {
    const counts = `${v.subject} fekk ${v.votes_for ?? "?"} røyster, ${v.other.subject} fekk ${v.other.votes ?? "?"} røyster.`;
    return v.outcome ? `${counts} ${v.outcome === "vedteke" ? v.subject : v.other.subject} vart vedteke.` : counts;
  }
  const counts =
    v.votes_for !== null
      ? ` fekk ${v.votes_for} røyster${v.votes_against !== null ? ` mot ${v.votes_against}` : ""}`
      : v.votes_against !== null
        ? ` fekk ${v.votes_against} røyster mot`
        : "";
  const chair = v.chair_decided ? " med møteleiaren si dobbeltrøyst" : "";
  return `${v.subject}${counts}${counts && end ? " og" : ""}${end ? ` ${end}` : ""}${chair}.`;
}

/** The behandling as text: paragraphs separated by blank lines, a block that joins the previous continues it. */
export function generate(b: Behandling): string {
  const paragraphs: string[] = [];
  const put = (text: string, joins: boolean) => {
    const last = paragraphs.length - 1;
    if (joins && last >= 0) paragraphs[last] = `${paragraphs[last]} ${text}`;
    else paragraphs.push(text);
  };
  for (const block of b.blocks) {
    const c = block.content;
    if (c.kind === "text") put(c.text, block.joins_previous);
    else if (c.kind === "business") {
      put([c.title, c.text].filter(Boolean).join(": "), block.joins_previous);
      if (c.answer) put(`Svar: ${c.answer}`, false);
    } else if (c.kind === "proposal") {
      const p = b.proposals[c.proposal] as Proposal;
      const who = [p.party, p.proposer].filter(Boolean).join(" v/");
      const lead = p.intro ?? `${who || "Det vart"} sette fram:`;
      if (p.inline) put(`${lead} ${p.text}`, block.joins_previous);
      else {
        put(lead, block.joins_previous);
        put(p.text, false);
      }
    } else {
      put(voteSentence(b.votes[c.vote] as Vote), block.joins_previous);
    }
  }
  return paragraphs.join("\n\n");
}

type Step = { kind: "item"; id: number; before: ItemRecord } | { kind: "business"; before: Behandling };

function recordHandlers(
  all: () => MeetingRecord[],
  find: (id: unknown) => MeetingRecord,
  rollOf: (m: MeetingRecord) => Roll,
  records: Record<number, ItemRecord>,
  business: Record<number, Behandling>,
  drafts: Record<number, Draft[]>,
): Record<string, (a: Args) => unknown> {
  const stored = new Map(Object.entries(records).map(([id, r]) => [Number(id), structuredClone(r)]));
  const storedBusiness = new Map(Object.entries(business).map(([id, b]) => [Number(id), structuredClone(b)]));
  /** The møtebok's own vedlegg per meeting; a journalpost 21/1069-3 has two documents. */
  const storedAttachments = new Map<number, Attachment[]>();
  // As Rust sends them: no document is null, not absent.
  const attachmentsView = (list: Attachment[]) => ({
    attachments: list.map((x) => ({ ...structuredClone(x), document: x.document ?? null })),
    attachment_documents: list.map((x) =>
      x.journal_entry?.doc === 3
        ? [
            { uuid: "d-avtale", file_name: "avtale.pdf" },
            { uuid: "d-vedlegg", file_name: "vedlegg.pdf" },
          ]
        : [],
    ),
  });
  const storedDrafts = new Map(Object.entries(drafts).map(([id, d]) => [Number(id), structuredClone(d)]));
  const history = new Map<number, Step[]>();
  const meetingOf = (item: number) => {
    for (const m of all()) {
      const pos = m.items.findIndex((i) => i.id === item);
      if (pos >= 0) return { m, pos };
    }
    throw { code: "not_found", message: `Fann ikkje saka med id ${item}.`, fields: [] };
  };
  const eligibleOf = (m: MeetingRecord, pos: number) => {
    const roll = rollOf(m);
    const a = roll.input.attendance;
    return a.attendees.length > 0 || a.head_count !== null ? (roll.items[pos]?.eligible ?? null) : null;
  };
  const viewOf = (item: number): ItemRecordView => {
    const { m, pos } = meetingOf(item);
    const record = structuredClone(stored.get(item) ?? emptyRecord());
    const it = m.items[pos] as SaklisteItem;
    const adopted = [...record.behandling.votes].reverse().find((v) => v.outcome === "vedteke" && !v.other);
    const eligible = eligibleOf(m, pos);
    const warnings = record.behandling.votes.flatMap((v, i) =>
      eligible !== null && v.votes_for !== null && v.votes_against !== null && v.votes_for + v.votes_against < eligible
        ? [`Røysting ${i + 1}: ${v.votes_for + v.votes_against} av ${eligible} røysta.`]
        : [],
    );
    return {
      id: item,
      meeting_id: m.id,
      number_text: it.number_text,
      title: it.title,
      record,
      generated: generate(record.behandling),
      suggested_vedtak: adopted ? adopted.proposal === null ? record.recommendation : (record.behandling.proposals[adopted.proposal]?.text ?? null) : null,
      eligible,
      warnings,
      // Journalpost 21/1069-3 holds two documents; the register knows no others.
      attachment_documents: record.attachments.map((a) =>
        a.journal_entry?.case.year === 2021 && a.journal_entry.case.seq === 1069 && a.journal_entry.doc === 3
          ? [
              { uuid: "dok-avtale", file_name: "samarbeidsavtale.pdf" },
              { uuid: "dok-kart", file_name: "kart.pdf" },
            ]
          : [],
      ),
    };
  };
  const step = (meeting: number, s: Step) => history.set(meeting, [...(history.get(meeting) ?? []), s]);
  const dropDraft = (meeting: number, key: string) =>
    storedDrafts.set(meeting, (storedDrafts.get(meeting) ?? []).filter((d) => d.key !== key));
  return {
    get_item_record: (a) => viewOf(a.id as number),
    set_item_record: (a) => {
      const id = a.id as number;
      const { m, pos } = meetingOf(id);
      const record = a.record as ItemRecord;
      const eligible = eligibleOf(m, pos);
      const fields = record.behandling.votes.flatMap((v, i) => {
        const sum = (v.votes_for ?? 0) + (v.votes_against ?? 0) + (v.other?.votes ?? 0);
        return eligible !== null && sum > eligible
          ? [{ field: `votes.${i}`, message: `Røysting ${i + 1}: Det er ført ${sum} røyster, men berre ${eligible} kunne røysta.` }]
          : [];
      });
      if (fields.length > 0) throw { code: "invalid", message: fields.map((f) => f.message).join(" "), fields };
      step(m.id, { kind: "item", id, before: structuredClone(stored.get(id) ?? emptyRecord()) });
      stored.set(id, structuredClone(record));
      dropDraft(m.id, `item:${id}`);
      return viewOf(id);
    },
    get_business: (a) => structuredClone(storedBusiness.get(find(a.meeting).id) ?? { blocks: [], proposals: [], votes: [] }),
    set_business: (a) => {
      const m = find(a.meeting);
      step(m.id, { kind: "business", before: structuredClone(storedBusiness.get(m.id) ?? { blocks: [], proposals: [], votes: [] }) });
      storedBusiness.set(m.id, structuredClone(a.business as Behandling));
      // Every place's draft of the business goes with the commit ("business:0", "business:end").
      storedDrafts.set(m.id, (storedDrafts.get(m.id) ?? []).filter((d) => !d.key.startsWith("business")));
      return structuredClone(a.business as Behandling);
    },
    get_meeting_attachments: (a) => attachmentsView(storedAttachments.get(find(a.meeting).id) ?? []),
    set_meeting_attachments: (a) => {
      const m = find(a.meeting);
      if (m.status === "approved") throw { code: "invalid", message: "Protokollen for møtet er godkjend og låst.", fields: [] };
      const list = a.attachments as Attachment[];
      // As the register answers: a journalpost numbered -99 is not in it.
      const missing = list.findIndex((x) => x.journal_entry?.doc === 99);
      if (missing >= 0) {
        const message = "Journalpost 21/1069-99 finst ikkje i registeret.";
        throw { code: "invalid", message, fields: [{ field: `attachments.${missing}.journal_entry`, message }] };
      }
      storedAttachments.set(m.id, structuredClone(list));
      return attachmentsView(list);
    },
    save_draft: (a) => {
      const id = find(a.id).id;
      const rest = (storedDrafts.get(id) ?? []).filter((d) => d.key !== a.key);
      storedDrafts.set(id, [...rest, { key: a.key as string, content: a.content as string, saved_at: new Date().toISOString() }]);
      return null;
    },
    list_drafts: (a) => structuredClone(storedDrafts.get(find(a.id).id) ?? []),
    clear_draft: (a) => {
      dropDraft(find(a.id).id, a.key as string);
      return null;
    },
    undo_step: (a) => {
      const m = find(a.id);
      const steps = history.get(m.id) ?? [];
      const last = steps.pop();
      if (!last) throw { code: "invalid", message: "Det er ingen steg å angre i dette møtet.", fields: [] };
      if (last.kind === "business") {
        storedBusiness.set(m.id, last.before);
        return "Møtet si eiga sak er sett tilbake slik ho var.";
      }
      stored.set(last.id, last.before);
      return `Behandlinga av sak ${m.items.find((i) => i.id === last.id)?.number_text ?? ""} er sett tilbake slik ho var.`;
    },
  };
}

export const sentLists = (calls: Call[]): SaklisteEntry[][] =>
  calls.filter((c) => c.cmd === "set_sakliste").map((c) => c.args.items as SaklisteEntry[]);

export const sentRolls = (calls: Call[]): RollInput[] =>
  calls.filter((c) => c.cmd === "set_roll").map((c) => c.args.roll as RollInput);
