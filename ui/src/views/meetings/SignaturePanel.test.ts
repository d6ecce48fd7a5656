// Underskrifter on an approved meeting: the lines and who has signed, a
// signature with a certificate file and its password (sent as the request
// body and headers, the password never kept), a refused password said
// plainly, and a PDF checked against the register.
import { render, screen, waitFor } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { clearMocks } from "@tauri-apps/api/mocks";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { FileDrag } from "../../lib/fileDrop";
import type { MeetingSignatures, VerifyReport } from "../../lib/api";
import { setLang } from "../../lib/i18n.svelte";
import { backend } from "../../test/backend";
import SignaturePanel from "./SignaturePanel.svelte";

/** The window's file-drop listener, as the panel registered it. */
let dropped: ((drag: FileDrag) => void) | null = null;
vi.mock("../../lib/fileDrop", () => ({
  listenFileDrops: (handler: (drag: FileDrag) => void) => {
    dropped = handler;
    return Promise.resolve(() => (dropped = null));
  },
}));

beforeEach(() => setLang("nn"));
afterEach(() => clearMocks());

const unsigned: MeetingSignatures = {
  lines: [
    { field: "Underskrift 1", signatory: "Kari Nes", signature: null },
    { field: "Underskrift 2", signatory: "Per Olav Berge", signature: null },
  ],
  copy_source: null,
};

const karisSignature = {
  field: "Underskrift 1",
  signer: "Kari Nes",
  signed_at: "04.12.2026 10:40:34 UTC",
  timestamp: null,
  valid: true,
  problem: null,
  covers: 86_666,
  whole_file: true,
};

const p12 = () => new File([new Uint8Array([0x30, 0x82, 0x01])], "kari-nes.p12", { type: "application/x-pkcs12" });

describe("underskrifter", () => {
  it("signs with the certificate file and its password, and shows the signature on the line", async () => {
    const calls = backend({
      get_signatures: () => unsigned,
      sign_meeting: (_a, call) => {
        if (call.headers?.["x-password"] !== encodeURIComponent("hemmeleg passord")) {
          throw { code: "sign_wrong_password", message: "Passordet til sertifikatfila er feil.", fields: [] };
        }
        return { lines: [{ ...unsigned.lines[0], signature: karisSignature }, unsigned.lines[1]], copy_source: "saksbok" };
      },
    });
    render(SignaturePanel, { meeting: 11 });
    const lines = await screen.findAllByTestId("signature-line");
    expect(lines.map((l) => l.textContent?.replace(/\s+/g, " ").trim())).toEqual([
      "Kari Nes (Underskrift 1): ikkje signert enno",
      "Per Olav Berge (Underskrift 2): ikkje signert enno",
    ]);

    // No file chosen: said, and nothing sent.
    await userEvent.click(screen.getByRole("button", { name: "Signer" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("Vel sertifikatfila først.");
    expect(calls.some((c) => c.cmd === "sign_meeting")).toBe(false);

    await userEvent.upload(screen.getByLabelText("Sertifikatfil (.p12 eller .pfx)"), p12());
    const password = screen.getByLabelText("Passord til sertifikatfila");
    await userEvent.type(password, "feil");
    await userEvent.click(screen.getByRole("button", { name: "Signer" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("Passordet til sertifikatfila er feil.");
    expect(password).toHaveValue("");

    await userEvent.type(password, "hemmeleg passord");
    await userEvent.click(screen.getByRole("button", { name: "Signer" }));
    expect(await screen.findByTestId("signature-notice")).toHaveTextContent(
      "Signert av Kari Nes. Den signerte kopien er teken vare på.",
    );
    expect(screen.getAllByTestId("signature-line")[0]).toHaveTextContent(
      "Kari Nes (Underskrift 1): signert av Kari Nes 04.12.2026 10:40:34 UTC – gyldig",
    );
    const sent = calls.filter((c) => c.cmd === "sign_meeting").at(-1);
    expect(sent?.body).toEqual(new Uint8Array([0x30, 0x82, 0x01]));
    expect(sent?.headers).toEqual({ "x-meeting": "11", "x-password": "hemmeleg%20passord", "x-field": "" });
    expect(password).toHaveValue("");
  });

  it("checks a PDF against the register and says what is wrong", async () => {
    const report: VerifyReport = {
      protocol: "Møteprotokoll, Kommunestyret 10.12.2026, versjon 1 (godkjend)",
      signatures: [
        { ...karisSignature, timestamp: "04.12.2026 10:40:35 UTC", valid: false, problem: "fila er endra etter at ho vart signert" },
      ],
      problem: "Underskrift 1 (Kari Nes) er ikkje gyldig: fila er endra etter at ho vart signert.",
    };
    const calls = backend({ get_signatures: () => unsigned, verify_pdf: () => report });
    render(SignaturePanel, { meeting: 11 });
    await screen.findAllByTestId("signature-line");
    const pdf = new File([new Uint8Array([0x25, 0x50, 0x44, 0x46])], "signert.pdf", { type: "application/pdf" });
    await userEvent.upload(screen.getByLabelText("PDF å kontrollera"), pdf);
    const result = await screen.findByTestId("verify-result");
    expect(result).toHaveTextContent("Møteprotokoll, Kommunestyret 10.12.2026, versjon 1 (godkjend)");
    expect(result).toHaveTextContent("Underskrift 1 (Kari Nes) er ikkje gyldig");
    expect(result).toHaveTextContent(
      "Underskrift 1: signert av Kari Nes 04.12.2026 10:40:34 UTC (tidsstempel 04.12.2026 10:40:35 UTC) – IKKJE GYLDIG",
    );
    await waitFor(() => expect(calls.find((c) => c.cmd === "verify_pdf")?.body).toEqual(new Uint8Array([0x25, 0x50, 0x44, 0x46])));
  });

  it("checks a PDF dropped on the window, and refuses anything else", async () => {
    const report: VerifyReport = {
      protocol: "Møteprotokoll, Kommunestyret 10.12.2026, versjon 1 (godkjend)",
      signatures: [karisSignature],
      problem: null,
    };
    const calls = backend({ get_signatures: () => unsigned, verify_pdf_file: () => report });
    render(SignaturePanel, { meeting: 11 });
    await screen.findAllByTestId("signature-line");
    await waitFor(() => expect(dropped).not.toBeNull());
    dropped?.({ type: "enter", x: 10, y: 10, paths: ["/heime/kari/kopi.pdf"] });
    expect(await screen.findByTestId("verify-drop-hint")).toHaveTextContent("Slepp PDF-en for å kontrollera han.");
    dropped?.({ type: "drop", x: 10, y: 10, paths: ["/heime/kari/notat.docx"] });
    expect(await screen.findByRole("alert")).toHaveTextContent("Berre PDF-filer kan kontrollerast.");
    expect(calls.some((c) => c.cmd === "verify_pdf_file")).toBe(false);
    dropped?.({ type: "drop", x: 10, y: 10, paths: ["/heime/kari/notat.docx", "/heime/kari/Kopi.PDF"] });
    expect(await screen.findByTestId("verify-result")).toHaveTextContent("Møteprotokoll, Kommunestyret 10.12.2026");
    expect(calls.find((c) => c.cmd === "verify_pdf_file")?.args).toEqual({ path: "/heime/kari/Kopi.PDF" });
    expect(screen.queryByTestId("verify-drop-hint")).toBeNull();
  });
});
