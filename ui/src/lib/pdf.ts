/// <reference types="vite/client" />
// The only file that touches pdf.js: a PDF's pages drawn on canvases for the
// preview. pdf.js is loaded on first use (it is large), with its worker as a
// file of the app's own origin, so the strict CSP holds: no eval, no wasm,
// no fonts from data: URLs (glyphs are drawn as paths).
// The legacy build runs in the older WebKit of macOS 11 too.

export interface PdfDocument {
  pages: number;
  /** Draws page `n` (from 1) on `canvas` at `scale` (1 = 72 dpi) × the screen's pixel ratio. */
  render(n: number, canvas: HTMLCanvasElement, scale: number): Promise<void>;
  /** The width of page `n` in points, for fitting it to the width of the view. */
  width(n: number): Promise<number>;
  close(): void;
}

type PdfJs = typeof import("pdfjs-dist/legacy/build/pdf.mjs");
let loading: Promise<PdfJs> | null = null;

function pdfjs(): Promise<PdfJs> {
  loading ??= Promise.all([
    import("pdfjs-dist/legacy/build/pdf.mjs"),
    import("pdfjs-dist/legacy/build/pdf.worker.min.mjs?url"),
  ]).then(([lib, worker]) => {
    lib.GlobalWorkerOptions.workerSrc = worker.default;
    return lib;
  });
  return loading;
}

export async function openPdf(bytes: ArrayBuffer): Promise<PdfDocument> {
  const lib = await pdfjs();
  const task = lib.getDocument({
    data: new Uint8Array(bytes),
    disableFontFace: true,
    useWasm: false,
    useSystemFonts: false,
    enableXfa: false,
    isOffscreenCanvasSupported: false,
  });
  const doc = await task.promise;
  let drawing: { cancel(): void } | null = null;
  return {
    pages: doc.numPages,
    async width(n) {
      const page = await doc.getPage(n);
      return page.getViewport({ scale: 1 }).width;
    },
    async render(n, canvas, scale) {
      drawing?.cancel();
      const page = await doc.getPage(n);
      const ratio = window.devicePixelRatio || 1;
      const viewport = page.getViewport({ scale: scale * ratio });
      // Drawn off screen first, then shown at once: the page on screen stays
      // until the new one is ready (no white flash as a setting changes).
      const back = document.createElement("canvas");
      back.width = Math.floor(viewport.width);
      back.height = Math.floor(viewport.height);
      const task = page.render({ canvas: back, viewport, background: "#ffffff" });
      drawing = task;
      try {
        await task.promise;
      } catch (e) {
        // A drawing replaced by a newer one is not an error.
        if ((e as { name?: string }).name === "RenderingCancelledException") return;
        throw e;
      } finally {
        if (drawing === task) drawing = null;
      }
      canvas.width = back.width;
      canvas.height = back.height;
      canvas.style.width = `${Math.floor(viewport.width / ratio)}px`;
      canvas.style.height = `${Math.floor(viewport.height / ratio)}px`;
      canvas.getContext("2d")?.drawImage(back, 0, 0);
    },
    close() {
      drawing?.cancel();
      void task.destroy();
    },
  };
}
