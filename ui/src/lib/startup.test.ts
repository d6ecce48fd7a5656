import { clearMocks } from "@tauri-apps/api/mocks";
import { afterEach, describe, expect, it } from "vitest";
import type { CaseQuery } from "./api";
import { CaseListState } from "./caseListState.svelte";
import { forgetFirstPage, startEarly, takeFirstPage, takeStatus } from "./startup";
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
