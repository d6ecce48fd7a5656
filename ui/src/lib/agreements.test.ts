import { describe, expect, it } from "vitest";
import type { AgreementInput } from "./bindings/AgreementInput";
import type { Deadline } from "./bindings/Deadline";
import {
  agreementFieldsOf,
  agreementInputOf,
  emptyParty,
  groupDeadlines,
  legalBasisAfterFormChange,
  months,
  newAgreementFields,
  partyRowOf,
  taskFieldsOf,
  taskInputOf,
} from "./agreements";

const stored: AgreementInput = {
  title: "Samarbeidsavtale med SyS-IKT",
  kind: "samarbeidsavtale",
  organisation_form: null,
  legal_basis: null,
  purpose: "IKT-samarbeid",
  scope: null,
  governing_body: null,
  cost_sharing: null,
  fullmakt: "Rådmannen får fullmakt …",
  start_date: "01.01.2022",
  term_kind: "renewing",
  end_date: "31.12.2025",
  renew_months: 12,
  notice_months: 6,
  review_date: null,
  notes: null,
  parties: [{ name: "Luster kommune", orgnr: "974760673", role: "deltakar", contact: null }],
};

describe("the agreement form", () => {
  it("lets the legal basis follow a changed organisation form unless it was written by hand", () => {
    expect(legalBasisAfterFormChange("kommunelova § 20-2")).toBe("");
    expect(legalBasisAfterFormChange(" lov om interkommunale selskap ")).toBe("");
    expect(legalBasisAfterFormChange("kommunelova § 20-2 og § 20-4")).toBe("kommunelova § 20-2 og § 20-4");
    expect(legalBasisAfterFormChange("")).toBe("");
  });

  it("reads a stored agreement back to the same input", () => {
    const { input, bad } = agreementInputOf(agreementFieldsOf(stored));
    expect(bad).toEqual([]);
    expect(input).toEqual(stored);
  });

  it("leaves out blank party rows and trims what was typed", () => {
    const f = newAgreementFields();
    f.title = "  Avtale  ";
    f.parties = [emptyParty(), { ...emptyParty(), name: " Sogndal kommune ", role: "vertskommune" }];
    const { input } = agreementInputOf(f);
    expect(input.title).toBe("Avtale");
    expect(input.kind).toBeNull();
    expect(input.parties).toEqual([{ name: "Sogndal kommune", orgnr: null, role: "vertskommune", contact: null }]);
  });

  it("sends no end or renewal for an open-ended agreement and names months that are not numbers", () => {
    const f = agreementFieldsOf(stored);
    f.term_kind = "open_ended";
    f.notice_months = "seks";
    const { input, bad } = agreementInputOf(f);
    expect(input.end_date).toBeNull();
    expect(input.renew_months).toBeNull();
    expect(input.notice_months).toBeNull();
    expect(bad).toEqual(["notice_months"]);
    expect(months(" 12 ")).toBe(12);
    expect(months("")).toBeNull();
    expect(months("1,5")).toBe("bad");
  });

  it("places a party's error on the row the back end meant, blank rows skipped", () => {
    const f = newAgreementFields();
    f.parties = [emptyParty(), { ...emptyParty(), name: "A" }, { ...emptyParty(), name: "B", orgnr: "1" }];
    expect(partyRowOf(f, "parties.1.orgnr")).toEqual({ key: f.parties[2]?.key, part: "orgnr" });
    expect(partyRowOf(f, "parties.5.name")).toBeNull();
    expect(partyRowOf(f, "title")).toBeNull();
  });
});

describe("tasks and deadlines", () => {
  it("turns a task into its fields and back", () => {
    const f = taskFieldsOf({
      id: 1,
      uuid: "u",
      title: "Strategi",
      responsible: null,
      due: "2026-12-20",
      status: "i_gang",
      notes: null,
      agreement_id: 1,
      agreement_title: "A",
      agenda_item_id: null,
      agenda_number: null,
      source_text: null,
      paragraph: null,
      revision: 0,
    });
    expect(f.due).toBe("20.12.2026");
    expect(taskInputOf({ ...f, responsible: " Stab " })).toEqual({
      title: "Strategi",
      responsible: "Stab",
      due: "20.12.2026",
      status: "i_gang",
      notes: null,
    });
  });

  it("groups deadlines as overdue, this week and later", () => {
    const d = (days_left: number): Deadline => ({
      kind: "task",
      date: "2026-12-04",
      days_left,
      overdue: days_left < 0,
      title: `${days_left}`,
      detail: "",
      agreement_id: null,
      agreement_title: null,
      task_id: 1,
      responsible: null,
      uid: `u${days_left}`,
      revision: 0,
    });
    const g = groupDeadlines([d(-3), d(0), d(7), d(8), d(40)]);
    expect(g.overdue.map((x) => x.days_left)).toEqual([-3]);
    expect(g.week.map((x) => x.days_left)).toEqual([0, 7]);
    expect(g.later.map((x) => x.days_left)).toEqual([8, 40]);
  });
});
