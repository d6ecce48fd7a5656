import { clearMocks } from "@tauri-apps/api/mocks";
import { afterEach, describe, expect, it } from "vitest";
import type { CaseQuery } from "./api";
import { CaseListState } from "./caseListState.svelte";
import { forgetFirstPage, markEngine, markFirstRows, startEarly, takeFirstPage, takeStatus } from "./startup";
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

describe("the engine's class on the root", () => {
  const linux = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/605.1.15 (KHTML, like Gecko)";
  const windows = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0";
  const mac = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko)";

  it("names WebKitGTK, and only it, so app.css gives it generic font families", () => {
    const root = document.createElement("html");
    markEngine(root, linux);
    expect(root.classList.contains("webkitgtk")).toBe(true);
    markEngine(root, windows);
    expect(root.classList.contains("webkitgtk")).toBe(false);
    markEngine(root, mac);
    expect(root.className).toBe("");
  });
});
