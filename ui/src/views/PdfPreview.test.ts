// The preview's page navigation, zoom and reloading, with pdf.js replaced by
// a stand-in (jsdom draws no canvases; the real drawing is in the e2e test).
import { render, screen, waitFor } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { setLang } from "../lib/i18n.svelte";
import PdfPreview from "./PdfPreview.svelte";

const drawn: { bytes: number; page: number; scale: number }[] = [];
const closed: number[] = [];

vi.mock("../lib/pdf", () => ({
  openPdf: (bytes: ArrayBuffer) => {
    // The stand-in PDF has as many pages as the buffer has bytes.
    const size = bytes.byteLength;
    if (size === 0) return Promise.reject(new Error("Ugyldig PDF."));
    return Promise.resolve({
      pages: size,
      width: () => Promise.resolve(595),
      render: (page: number, _canvas: HTMLCanvasElement, scale: number) => {
        drawn.push({ bytes: size, page, scale });
        return Promise.resolve();
      },
      close: () => closed.push(size),
    });
  },
}));

beforeEach(() => {
  setLang("nn");
  drawn.length = 0;
  closed.length = 0;
});

const pdf = (pages: number) => () => Promise.resolve(new ArrayBuffer(pages));

describe("the PDF preview", () => {
  it("goes page by page with buttons and keys and zooms in steps", async () => {
    render(PdfPreview, { load: pdf(3), label: "Førehandsvising av møteprotokoll" });
    await waitFor(() => expect(screen.getByTestId("preview-page")).toHaveTextContent("Side 1 av 3"));
    expect(screen.getByTestId("preview-prev")).toBeDisabled();
    await userEvent.click(screen.getByRole("button", { name: "Neste side →" }));
    expect(screen.getByTestId("preview-page")).toHaveTextContent("Side 2 av 3");
    await waitFor(() => expect(drawn.at(-1)?.page).toBe(2));
    const pages = screen.getByRole("region", { name: "Førehandsvising av møteprotokoll, side 2 av 3" });
    pages.focus();
    await userEvent.keyboard("{PageDown}");
    expect(screen.getByTestId("preview-page")).toHaveTextContent("Side 3 av 3");
    expect(screen.getByTestId("preview-next")).toBeDisabled();
    await userEvent.keyboard("{Home}");
    expect(screen.getByTestId("preview-page")).toHaveTextContent("Side 1 av 3");
    // Fitted to the width (jsdom has none: the smallest scale), then in steps from there.
    await waitFor(() => expect(screen.getByTestId("preview-zoom")).toHaveTextContent("25 %"));
    expect(screen.getByTestId("preview-fit")).toBeDisabled();
    for (const want of ["50 %", "75 %", "100 %", "125 %"]) {
      await userEvent.click(screen.getByRole("button", { name: "Større" }));
      expect(screen.getByTestId("preview-zoom")).toHaveTextContent(want);
    }
    await waitFor(() => expect(drawn.at(-1)).toEqual({ bytes: 3, page: 1, scale: 1.25 }));
    await userEvent.click(screen.getByRole("button", { name: "Mindre" }));
    await userEvent.click(screen.getByRole("button", { name: "Mindre" }));
    expect(screen.getByTestId("preview-zoom")).toHaveTextContent("75 %");
    await userEvent.click(screen.getByTestId("preview-fit"));
    await waitFor(() => expect(screen.getByTestId("preview-zoom")).toHaveTextContent("25 %"));
  });

  it("draws a new PDF when the document changes, on the same page where it can, and closes the old one", async () => {
    const view = render(PdfPreview, { load: pdf(4), label: "x" });
    await waitFor(() => expect(screen.getByTestId("preview-page")).toHaveTextContent("Side 1 av 4"));
    await userEvent.click(screen.getByTestId("preview-next"));
    await userEvent.click(screen.getByTestId("preview-next"));
    await view.rerender({ load: pdf(2), label: "x" });
    await waitFor(() => expect(screen.getByTestId("preview-page")).toHaveTextContent("Side 2 av 2"));
    await waitFor(() => expect(drawn.at(-1)).toMatchObject({ bytes: 2, page: 2 }));
    expect(closed).toEqual([4]);
  });

  it("says why when there is no PDF to show", async () => {
    render(PdfPreview, {
      load: () => Promise.reject({ code: "not_found", message: "Fann ikkje møtet med id 9.", fields: [] }),
      label: "x",
    });
    expect(await screen.findByRole("alert")).toHaveTextContent("Fann ikkje møtet med id 9.");
    expect(screen.getByTestId("preview-next")).toBeDisabled();
  });
});
