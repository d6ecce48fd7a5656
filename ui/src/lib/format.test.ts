import { describe, expect, it } from "vitest";
import { agendaNumber, caseNumber, formatDate } from "./format";

describe("format", () => {
  it("shows dates as dd.mm.yyyy", () => {
    expect(formatDate("2021-04-15")).toBe("15.04.2021");
    expect(formatDate("ikkje ein dato")).toBe("ikkje ein dato");
  });
  it("prints Noark numbers", () => {
    expect(caseNumber({ year: 2021, seq: 1069 })).toBe("21/1069");
    expect(caseNumber({ year: 2005, seq: 3 })).toBe("05/3");
    expect(caseNumber(null)).toBe("");
    expect(agendaNumber({ year: 2021, seq: 54 })).toBe("54/21");
  });
});
