import { describe, expect, it } from "vitest";
import {
  agendaNumber,
  caseNumber,
  fileType,
  formatCount,
  formatDate,
  formatDateTime,
  formatDateTimeDots,
  formatMegabytes,
  formatSize,
  hasWord,
  journalNumber,
  parseDate,
  shorten,
  todayIso,
} from "./format";

describe("format", () => {
  it("shows dates as dd.mm.yyyy", () => {
    expect(formatDate("2021-04-15")).toBe("15.04.2021");
    expect(formatDate("ikkje ein dato")).toBe("ikkje ein dato");
    expect(todayIso(new Date(2026, 0, 5))).toBe("2026-01-05");
  });
  it("reads a typed date as yyyy-mm-dd, and only a date that exists", () => {
    expect(parseDate("15.04.2021")).toBe("2021-04-15");
    expect(parseDate(" 5.4.2021 ")).toBe("2021-04-05");
    expect(parseDate("2021-04-15")).toBe("2021-04-15");
    expect(parseDate("29.02.2024")).toBe("2024-02-29");
    expect(parseDate("29.02.2023")).toBeNull();
    expect(parseDate("31.04.2021")).toBeNull();
    expect(parseDate("15.04.21")).toBeNull();
    expect(parseDate("")).toBeNull();
  });
  it("shows a moment in local time", () => {
    expect(formatDateTime(new Date(2026, 10, 25, 9, 5).toISOString())).toBe("25.11.2026 kl. 09:05");
    expect(formatDateTime("i går")).toBe("i går");
  });
  it("shows a backup's time with a full stop in the clock, and its size in MB", () => {
    expect(formatDateTimeDots(new Date(2026, 10, 24, 8, 0).toISOString())).toBe("24.11.2026 kl. 08.00");
    expect(formatDateTimeDots("i går")).toBe("i går");
    expect(formatMegabytes(0)).toBe("0,0 MB");
    expect(formatMegabytes(230_000)).toBe("0,2 MB");
    expect(formatMegabytes(14 * 1024 * 1024 + 60_000)).toBe("14,1 MB");
  });
  it("sets a count's thousands apart as toLocaleString does in Norwegian", () => {
    for (const n of [0, 7, 999, 1000, 54_321, 100_000, 1_234_567, -12_345]) {
      expect(formatCount(n)).toBe(n.toLocaleString("nn"));
      expect(formatCount(n)).toBe(n.toLocaleString("nb"));
    }
    expect(formatCount(100_000)).toBe("100\u00a0000");
    expect(formatCount(1.5)).toBe("1,5");
  });
  it("prints Noark numbers", () => {
    expect(caseNumber({ year: 2021, seq: 1069 })).toBe("21/1069");
    expect(caseNumber({ year: 2005, seq: 3 })).toBe("05/3");
    expect(caseNumber(null)).toBe("");
    expect(agendaNumber({ year: 2021, seq: 54 })).toBe("54/21");
    expect(journalNumber({ case: { year: 2021, seq: 1069 }, doc: 3 })).toBe("21/1069-3");
  });
  it("shortens long text at a word", () => {
    expect(shorten("Kort tekst", 160)).toBe("Kort tekst");
    expect(shorten("Luster kommune bør utvikle sin eigen IKT-strategi", 30)).toBe("Luster kommune bør utvikle sin …");
  });
  it("knows when a search text has a word in it", () => {
    expect(hasWord("RÅDHUSET")).toBe(true);
    expect(hasWord("21/1069")).toBe(true);
    expect(hasWord("«» -- ; *")).toBe(false);
    expect(hasWord("")).toBe(false);
  });
  it("shows file sizes with a decimal comma", () => {
    expect(formatSize(0)).toBe("0 B");
    expect(formatSize(512)).toBe("512 B");
    expect(formatSize(12_345)).toBe("12 kB");
    expect(formatSize(1_468_006)).toBe("1,4 MB");
    expect(formatSize(1024 * 1024 - 1)).toBe("1,0 MB");
    expect(formatSize(250 * 1024 * 1024)).toBe("250 MB");
  });
  it("names a document's type in short", () => {
    expect(fileType("Brev frå Gaupne IL.pdf", "application/pdf")).toBe("PDF");
    expect(fileType("avtale.docx", "application/octet-stream")).toBe("DOCX");
    expect(fileType("skanna", "image/png")).toBe("PNG");
    expect(fileType("ukjend", "application/octet-stream")).toBe("");
  });
});
