// A stand-in for lib/pdf.ts in tests (jsdom draws no canvases): a "PDF" has
// as many pages as its buffer has bytes, and drawing always succeeds.
import type { PdfDocument } from "../lib/pdf";

export function openPdf(bytes: ArrayBuffer): Promise<PdfDocument> {
  return Promise.resolve({
    pages: bytes.byteLength,
    width: () => Promise.resolve(595),
    render: () => Promise.resolve(),
    close: () => undefined,
  });
}
