// A board's protocol layout: edited, checked, saved, and the preview drawn
// again with the settings on screen (pdf.js replaced by a stand-in).
import { render, screen, waitFor } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { clearMocks } from "@tauri-apps/api/mocks";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { setLang } from "../../lib/i18n.svelte";
import { backend, formannskapet, layoutHandlers, type Call } from "../../test/backend";
import BoardLayout from "./BoardLayout.svelte";

vi.mock("../../lib/pdf", () => import("../../test/pdf"));

beforeEach(() => setLang("nn"));
afterEach(() => clearMocks());

const previews = (calls: Call[]) =>
  calls.filter((c) => c.cmd === "preview_meeting_document").map((c) => c.args.layout as Record<string, unknown>);

describe("utskriftsoppsett", () => {
  it("previews the newest meeting with the settings on screen and saves them", async () => {
    const calls = backend({
      ...layoutHandlers(42),
      // The stand-in PDF has one page per character of the møtebok's title.
      preview_meeting_document: (a) => new ArrayBuffer(String((a.layout as { minutes_title: string }).minutes_title).length),
    });
    const onNotice = vi.fn();
    const onDirtyChange = vi.fn();
    render(BoardLayout, { record: formannskapet, onNotice, onDirtyChange });
    const title = await screen.findByRole("textbox", { name: "Tittel på møteprotokollen" });
    expect(title).toHaveValue("Møteprotokoll");
    await waitFor(() => expect(screen.getByTestId("preview-page")).toHaveTextContent("Side 1 av 13"));
    expect(screen.getByText("Førehandsvising: møteprotokollen frå møtet 10.12.2026, med oppsettet over.")).toBeInTheDocument();

    await userEvent.clear(title);
    await userEvent.type(title, "Møtebok");
    await userEvent.click(screen.getByRole("radio", { name: "Som namnelister etter «Medl.:», «Forfall:»" }));
    await userEvent.click(screen.getByRole("checkbox", { name: /Skriv «Saksprotokoll -» framfor tittelen/ }));
    expect(onDirtyChange).toHaveBeenLastCalledWith(true);
    // A moment after the last change, the preview is drawn with what is on screen.
    await waitFor(() => expect(screen.getByTestId("preview-page")).toHaveTextContent("Side 1 av 7"), { timeout: 2000 });
    expect(previews(calls).at(-1)).toMatchObject({ minutes_title: "Møtebok", attendance: "fields", title_prefix: false });
    expect(calls.some((c) => c.cmd === "save_board_layout")).toBe(false);

    await userEvent.click(screen.getByRole("button", { name: "Lagre oppsettet" }));
    await waitFor(() => expect(onNotice).toHaveBeenCalledWith("Utskriftsoppsettet er lagra."));
    expect(calls.find((c) => c.cmd === "save_board_layout")?.args).toMatchObject({
      board: formannskapet.id,
      layout: { minutes_title: "Møtebok", attendance: "fields", title_prefix: false, signatures: "end" },
    });
    expect(onDirtyChange).toHaveBeenLastCalledWith(false);
    expect(screen.getByRole("button", { name: "Lagre oppsettet" })).toBeDisabled();

    await userEvent.click(screen.getByRole("button", { name: "Tilbake til standard" }));
    expect(title).toHaveValue("Møteprotokoll");
    expect(onDirtyChange).toHaveBeenLastCalledWith(true);
  });

  it("shows a refused label beside its field and keeps what was typed", async () => {
    backend({ ...layoutHandlers(null) });
    render(BoardLayout, { record: formannskapet, onNotice: vi.fn(), onDirtyChange: vi.fn() });
    const vedtak = await screen.findByRole("textbox", { name: "Overskrift for vedtaket" });
    expect(screen.getByTestId("layout-no-meeting")).toHaveTextContent("Utvalet har ikkje noko møte med sakliste enno");
    await userEvent.clear(vedtak);
    vedtak.focus();
    await userEvent.keyboard("{Control>}s{/Control}");
    expect(await screen.findByText("Overskrifta for vedtaket kan ikkje vera tom.")).toBeInTheDocument();
    expect(vedtak).toHaveAttribute("aria-invalid", "true");
    expect(vedtak).toHaveAccessibleDescription("Overskrifta for vedtaket kan ikkje vera tom.");
    expect(vedtak).toHaveValue("");
  });
});
