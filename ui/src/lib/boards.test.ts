import { describe, expect, it } from "vitest";
import { formannskapet, kommunestyret } from "../test/backend";
import {
  boardFieldsOf,
  boardSettingsOf,
  currentSeats,
  formatAgendaNumber,
  newMemberFields,
  numberExample,
  rowOf,
  termMembersOf,
} from "./boards";

const say = {
  dateInvalid: (row: number, text: string) => `Rad ${row}: ${text}`,
  orderInvalid: (row: number) => `Rad ${row}: nr.`,
};

describe("boards", () => {
  it("shows sak 54 of 2021 in each number format, with the first series' prefix", () => {
    expect(formatAgendaNumber({ kind: "seq_year" })).toBe("54/21");
    expect(formatAgendaNumber({ kind: "padded_seq_year", width: 2 })).toBe("54/21");
    expect(formatAgendaNumber({ kind: "padded_seq_year", width: 3 })).toBe("054/21");
    expect(formatAgendaNumber({ kind: "padded_seq_year", width: 4 })).toBe("0054/21");
    expect(formatAgendaNumber({ kind: "year_seq" })).toBe("2021/54");
    expect(numberExample(formannskapet.settings)).toBe("54/21");
    expect(numberExample(kommunestyret.settings)).toBe("PS 054/21");
  });

  it("gives back the settings it was given, through the form's fields", () => {
    expect(boardSettingsOf(boardFieldsOf(formannskapet.settings))).toEqual(formannskapet.settings);
    expect(boardSettingsOf(boardFieldsOf(kommunestyret.settings))).toEqual(kommunestyret.settings);
  });

  it("counts the seats held on a day", () => {
    expect(currentSeats(formannskapet.members, "2026-11-25")).toBe(1);
    expect(currentSeats(formannskapet.members, "2018-01-01")).toBe(1);
    expect(currentSeats(formannskapet.members, "2019-10-01")).toBe(1);
  });

  it("turns rows into members, and says which dates and numbers are wrong", () => {
    const ok = { ...newMemberFields(), name: " Kari ", role: "substitute" as const, order: "2", from: "1.1.2024", to: "" };
    expect(termMembersOf([ok], say)).toEqual({
      members: [
        { name: "Kari", party: null, membership: { kind: "substitute", order: 2 }, term_from: "2024-01-01", term_to: null },
      ],
      errors: [],
    });
    const bad = { ...newMemberFields(), name: "Ola", role: "substitute" as const, order: "", from: "31.02.2024" };
    expect(termMembersOf([ok, bad], say).errors).toEqual(["Rad 2: nr.", "Rad 2: 31.02.2024"]);
    expect(rowOf("Rad 12: noko")).toBe(12);
    expect(rowOf("Utvalet finst ikkje.")).toBeNull();
  });
});
