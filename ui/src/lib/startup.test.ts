import { clearMocks } from "@tauri-apps/api/mocks";
import { afterEach, describe, expect, it } from "vitest";
import type { CaseQuery } from "./api";
import { CaseListState } from "./caseListState.svelte";
import { forgetFirstPage, markFirstRows, startEarly, takeFirstPage, takeStatus } from "./startup";
import { backend, pageOf } from "../test/backend";

afterEach(() => clearMocks());

describe("the first questions, asked early", () => {
  it("are asked once at the start and each answer is used once, for the same question only", async () => {
    const calls = backend({
      app_status: () => ({ db_path: "/x", db_error: null, empty: false, municipality: "Luster kommune", version: "0.1.0", backup_error: null }),
      list_cases: (a) => pageOf([], a.query as CaseQuery),
    });
    const query = new CaseListState().query(0);
    startEarly(query);
    expect(calls.map((c) => c.cmd)).toEqual(["app_status", "list_cases"]);
    expect((await takeStatus()).municipality).toBe("Luster kommune");
    // Asked again: to the back end.
    await takeStatus();
    expect(calls.filter((c) => c.cmd === "app_status")).toHaveLength(2);
    expect(takeFirstPage({ ...query, text: "skule" })).toBeNull();
    // Once looked at, the early page is gone, matching or not.
    expect(takeFirstPage(query)).toBeNull();
    startEarly(query);
    expect(await takeFirstPage(query)).toEqual(pageOf([], query));
    expect(takeFirstPage(query)).toBeNull();
    startEarly(query);
    forgetFirstPage();
    expect(takeFirstPage(query)).toBeNull();
  });
});

describe("the first frame of the list", () => {
  it("is marked once per start, with the frame that draws it", async () => {
    markFirstRows();
    markFirstRows();
    expect(performance.getEntriesByName("saksbok:rows")).toHaveLength(1);
    expect(performance.getEntriesByName("saksbok:drawn")).toHaveLength(0);
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => requestAnimationFrame(r))));
    expect(performance.getEntriesByName("saksbok:drawn")).toHaveLength(1);
    // A later list marks nothing.
    markFirstRows();
    expect(performance.getEntriesByName("saksbok:rows")).toHaveLength(1);
  });
});
