// What the meeting form edits, as typed (dates as dd.mm.yyyy, times as the
// clerk writes them), and how it becomes the MeetingInput the back end
// checks and normalises ("9" → "09:00").

import type { BoardRecord } from "./bindings/BoardRecord";
import type { MeetingInput } from "./bindings/MeetingInput";
import type { MeetingRecord } from "./bindings/MeetingRecord";
import type { MeetingRow } from "./bindings/MeetingRow";
import { formatDate } from "./format";

export type MeetingFields = {
  /** The board's id as the select holds it; "" before one is chosen. */
  board: string;
  date: string;
  place: string;
  start_time: string;
  end_time: string;
  notice_sent: string;
  notice_method: string;
};

/** A new meeting: the only board when there is one, its usual place. */
export function newMeetingFields(boards: BoardRecord[]): MeetingFields {
  const only = boards.length === 1 ? boards[0] : undefined;
  return {
    board: only ? String(only.id) : "",
    date: "",
    place: only?.settings.default_place ?? "",
    start_time: "",
    end_time: "",
    notice_sent: "",
    notice_method: "",
  };
}

export function meetingFieldsOf(m: MeetingRecord): MeetingFields {
  return {
    board: String(m.board_id),
    date: formatDate(m.date),
    place: m.place ?? "",
    start_time: m.start_time ?? "",
    end_time: m.end_time ?? "",
    notice_sent: m.notice_sent ? formatDate(m.notice_sent) : "",
    notice_method: m.notice_method ?? "",
  };
}

const orNull = (s: string) => (s.trim() === "" ? null : s.trim());

/** The input for the back end; it checks every field. */
export function meetingInputOf(f: MeetingFields): MeetingInput {
  return {
    board_id: Number(f.board),
    date: f.date.trim(),
    place: orNull(f.place),
    start_time: orNull(f.start_time),
    end_time: orNull(f.end_time),
    notice_sent: orNull(f.notice_sent),
    notice_method: orNull(f.notice_method),
  };
}

/**
 * The place after the board changed from `from` to `to` while a meeting is
 * planned: the new board's usual place, unless the clerk wrote another.
 */
export function placeAfterBoardChange(place: string, from: BoardRecord | undefined, to: BoardRecord | undefined): string {
  const typed = place.trim();
  if (typed !== "" && typed !== (from?.settings.default_place ?? "").trim()) return place;
  return to?.settings.default_place ?? "";
}

/** The meeting's line in the list of meetings. */
export function rowOf(m: MeetingRecord): MeetingRow {
  return {
    id: m.id,
    board_id: m.board_id,
    board: m.board,
    date: m.date,
    place: m.place,
    start_time: m.start_time,
    status: m.status,
    items: m.items.length,
  };
}
