import { describe, expect, it } from "vitest";
import { kommunestyreMeeting } from "../test/meetings";
import { entriesOf, looksLikeCaseNumber, moved, newRow, rowErrors, rowsOf, sameRows, seriesName, withoutPrefix } from "./sakliste";

describe("sakliste rows", () => {
  it("reads a stored list: the case number as text, a hand-given number without its prefix", () => {
    const rows = rowsOf(kommunestyreMeeting);
    expect(rows.map((r) => [r.id, r.case_number, r.number, r.number_text, r.number_plain])).toEqual([
      [21, "26/14", "054/26", "PS 054/26", "054/26"],
      [22, "26/15", "", "PS 055/26", "055/26"],
      [23, null, "", "PS 056/26", "056/26"],
    ]);
  });

  it("sends each stored item by id, a number only when given, a heimel only when closed", () => {
    const rows = rowsOf(kommunestyreMeeting);
    const [, second] = rows;
    if (!second) throw new Error("no row");
    second.closed_basis = "kl. § 11-5";
    expect(entriesOf(rows, kommunestyreMeeting).map((e) => [e.id, e.number, e.closed_basis])).toEqual([
      [21, "054/26", null],
      [22, null, null],
      [23, null, null],
    ]);
    second.closed = true;
    expect(entriesOf(rows, kommunestyreMeeting)[1]?.closed_basis).toBe("kl. § 11-5");
  });

  it("sends an item no longer stored as new; in a held meeting with the number it had", () => {
    const rows = rowsOf(kommunestyreMeeting);
    const without = { ...kommunestyreMeeting, items: kommunestyreMeeting.items.filter((i) => i.id !== 23) };
    expect(entriesOf(rows, without)[2]).toMatchObject({ id: null, number: null, title: "Orientering frå rådmannen" });
    expect(entriesOf(rows, { ...without, status: "held" })[2]).toMatchObject({ id: null, number: "056/26" });
  });

  it("keeps the keys of the rows that were sent, by id or, for new ones, by place", () => {
    const rows = [...rowsOf(kommunestyreMeeting), newRow("21/1069", "IKT")];
    const back = {
      ...kommunestyreMeeting,
      items: [...kommunestyreMeeting.items, { ...(kommunestyreMeeting.items[2] as (typeof kommunestyreMeeting.items)[number]), id: 99 }],
    };
    expect(rowsOf(back, rows).map((r) => r.key)).toEqual(rows.map((r) => r.key));
    expect(sameRows(rows, rowsOf(back, rows))).toBe(false);
    expect(sameRows(rows, rows.map((r) => ({ ...r })))).toBe(true);
  });

  it("moves a row up or down, and not past either end", () => {
    const rows = rowsOf(kommunestyreMeeting);
    expect(moved(rows, 2, -1).map((r) => r.id)).toEqual([21, 23, 22]);
    expect(moved(rows, 0, 1).map((r) => r.id)).toEqual([22, 21, 23]);
    expect(moved(rows, 0, -1)).toBe(rows);
    expect(moved(rows, 2, 1)).toBe(rows);
  });

  it("reads which row a problem is about", () => {
    expect(
      rowErrors([
        { field: "items.2.case_number", message: "a" },
        { field: "items.0.number", message: "b" },
        { field: "items", message: "c" },
      ]),
    ).toEqual({
      rows: [
        { row: 2, field: "case_number", message: "a" },
        { row: 0, field: "number", message: "b" },
      ],
      other: ["c"],
    });
  });

  it("names series and tells numbers from words", () => {
    expect(withoutPrefix("PS 054/21", "PS")).toBe("054/21");
    expect(withoutPrefix("ps 054/21", "PS")).toBe("054/21");
    expect(withoutPrefix("054/21", "PS")).toBe("054/21");
    expect(withoutPrefix(" 54/21 ", null)).toBe("54/21");
    expect(seriesName({ prefix: "PS", label: "Politiske saker" })).toBe("PS – Politiske saker");
    expect(seriesName({ prefix: null, label: null })).toBeNull();
    expect(looksLikeCaseNumber("21/1069")).toBe(true);
    expect(looksLikeCaseNumber("2021/1069")).toBe(true);
    expect(looksLikeCaseNumber("Budsjett 2027")).toBe(false);
  });
});
