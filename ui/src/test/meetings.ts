// A mocked back end for the Møte screen: it keeps meetings and numbers a
// sakliste the way the real one does (per series in agenda order while the
// meeting is planned, given numbers kept, fixed once held).
import type {
  BoardRecord,
  CaseQuery,
  CaseRow,
  MeetingInput,
  MeetingRecord,
  MeetingStatus,
  NumberFormat,
  SaklisteEntry,
  SaklisteItem,
} from "../lib/api";
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
): Call[] {
  let stored = meetings.map((m) => structuredClone(m));
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
    ...extra,
  });
}

export const sentLists = (calls: Call[]): SaklisteEntry[][] =>
  calls.filter((c) => c.cmd === "set_sakliste").map((c) => c.args.items as SaklisteEntry[]);
