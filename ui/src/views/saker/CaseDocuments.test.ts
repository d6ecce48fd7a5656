// Documents of a journalpost in the case view: listed, attached from the
// file picker or by dropping files from the desktop, opened in the system's app.
import { render, screen, waitFor, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { clearMocks } from "@tauri-apps/api/mocks";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import App from "../../App.svelte";
import type { CaseDetail, DocumentRecord, JournalRecord, OpenedDocument } from "../../lib/api";
import { setLang } from "../../lib/i18n.svelte";
import { backend, demoRow, detail, documentRecord, listOf, okStatus, type Args, type Call } from "../../test/backend";

/**
 * The webview's file drops, simulated: the case view subscribes through
 * getCurrentWebview().onDragDropEvent, and the tests send it events.
 */
const drops = vi.hoisted(() => ({
  handler: null as ((event: { event: string; id: number; payload: unknown }) => void) | null,
  subscribed: 0,
  unlistened: 0,
}));
vi.mock("@tauri-apps/api/webview", () => ({
  getCurrentWebview: () => ({
    onDragDropEvent: async (handler: typeof drops.handler) => {
      drops.handler = handler;
      drops.subscribed += 1;
      return () => {
        drops.handler = null;
        drops.unlistened += 1;
      };
    },
  }),
}));

/** Sends one drag-and-drop event, as Tauri would: positions in physical pixels. */
function drag(payload: unknown) {
  if (!drops.handler) throw new Error("the case view does not listen to file drops");
  drops.handler({ event: "tauri://drag", id: 1, payload });
}

const second: JournalRecord = {
  ...(detail.journal[0] as JournalRecord),
  id: 12,
  uuid: "0b7d6c1e-0000-4000-8000-000000000012",
  number: { case: { year: 2021, seq: 1069 }, doc: 2 },
  kind: "outgoing",
  title: "Svar om IKT-samarbeid",
};

const memo: DocumentRecord = {
  ...documentRecord,
  id: 6,
  uuid: "0b7d6c1e-0000-4000-8000-000000000106",
  journal_entry_id: 12,
  file_name: "Svar til Sogndal",
  media_type: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  size: 12_345,
};

/** The case with two journalpostar; the first has a PDF, the second a DOCX without extension. */
const withDocs: CaseDetail = { ...detail, journal: [...detail.journal, second], documents: [documentRecord, memo] };

function app(extra: Record<string, (a: Args, c: Call) => unknown> = {}) {
  const calls = backend({
    app_status: () => okStatus(false),
    case_filter_options: () => ({ years: [], officers: [], boards: [] }),
    list_cases: listOf([demoRow]),
    get_case: () => withDocs,
    ...extra,
  });
  render(App);
  return calls;
}

async function openCase() {
  await userEvent.click(await screen.findByTestId("case-row"));
  return screen.findByTestId("case-view");
}

/** The table body of journalpost `id`: its row and its documents. */
const journalBody = (id: number) => document.querySelector(`[data-journal-entry="${id}"]`) as HTMLElement;

const added = (journal: number, name: string, id: number): DocumentRecord => ({
  ...documentRecord,
  id,
  uuid: `0b7d6c1e-0000-4000-8000-000000000${id}`,
  journal_entry_id: journal,
  position: id,
  file_name: name,
});

beforeEach(() => {
  localStorage.clear();
  setLang("nn");
  drops.handler = null;
  drops.subscribed = 0;
  drops.unlistened = 0;
});
afterEach(() => {
  clearMocks();
  // jsdom has no layout: the tests that drop files give the document an elementFromPoint.
  Reflect.deleteProperty(document, "elementFromPoint");
  Reflect.deleteProperty(window, "devicePixelRatio");
});

describe("documents of a journalpost", () => {
  it("are listed under their journalpost with name, type and size", async () => {
    app();
    await openCase();
    const first = within(journalBody(11));
    const [pdf] = first.getAllByTestId("document-row");
    expect(first.getAllByTestId("document-row")).toHaveLength(1);
    expect(pdf).toHaveTextContent("Invitasjon frå Sogndal kommune.pdf");
    expect(pdf).toHaveTextContent("PDF · 1,4 MB");
    expect(first.getByRole("list", { name: "Dokument i journalpost 21/1069-1" })).toContainElement(pdf as HTMLElement);
    expect(first.getByTestId("journal-row")).toHaveTextContent("Invitasjon til IKT-samarbeid");

    const [docx] = within(journalBody(12)).getAllByTestId("document-row");
    expect(docx).toHaveTextContent("Svar til Sogndal");
    expect(docx).toHaveTextContent("DOCX · 12 kB");
    expect(within(docx as HTMLElement).getByRole("button", { name: "Opne Svar til Sogndal" })).toBeInTheDocument();

    // The picker: a real file input, named by its visible label (styled as a button).
    const input = first.getByLabelText("Legg ved fil … til journalpost 21/1069-1");
    expect(input).toHaveAttribute("type", "file");
    expect(input).toHaveAttribute("multiple");
    expect(input).toHaveAttribute("data-testid", "attach-file");
    const label = document.querySelector(`label[for="${input.id}"]`);
    expect(label).toHaveClass("button", "ghost");
    expect(input.tabIndex).toBe(0);
  });

  it("are sent from the file picker one after the other as raw bytes, then the case is reloaded", async () => {
    let stored: DocumentRecord[] = [...withDocs.documents];
    let inFlight = 0;
    let most = 0;
    let releaseFirst: () => void = () => undefined;
    const firstSent = new Promise<void>((resolve) => (releaseFirst = resolve));
    const calls = app({
      get_case: () => ({ ...withDocs, documents: stored }),
      attach_document_bytes: async (_args, call) => {
        inFlight += 1;
        most = Math.max(most, inFlight);
        if (stored.length === 2) await firstSent;
        const name = decodeURIComponent(call.headers?.["x-file-name"] ?? "");
        const doc = added(Number(call.headers?.["x-journal-entry"]), name, 100 + stored.length);
        stored = [...stored, doc];
        inFlight -= 1;
        return doc;
      },
    });
    await openCase();
    const input = within(journalBody(11)).getByTestId("attach-file") as HTMLInputElement;
    const letter = new File(["%PDF-1.7 brev"], "Brev frå Gaupne IL.pdf", { type: "application/pdf" });
    const photo = new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], "Bane på Ørnes.png", { type: "image/png" });
    await userEvent.upload(input, [letter, photo]);

    // Busy while the first file is on its way.
    const label = document.querySelector(`label[for="${input.id}"]`) as HTMLElement;
    await waitFor(() => expect(label).toHaveTextContent("Legg ved …"));
    expect(journalBody(11)).toHaveAttribute("aria-busy", "true");
    expect(input).toHaveAttribute("aria-disabled", "true");
    releaseFirst();

    await waitFor(() => expect(screen.getByTestId("notice")).toHaveTextContent("2 dokument lagde ved 21/1069-1."));
    expect(screen.getByTestId("notice").closest("[role=status]")).toBeInTheDocument();
    const sent = calls.filter((c) => c.cmd === "attach_document_bytes");
    expect(sent).toHaveLength(2);
    expect(most).toBe(1);
    expect([...(sent[0]?.body ?? [])]).toEqual([...new TextEncoder().encode("%PDF-1.7 brev")]);
    expect(sent[0]?.args).toEqual({});
    expect(sent[0]?.headers?.["x-journal-entry"]).toBe("11");
    // Headers carry ASCII only: the name is percent-encoded UTF-8.
    expect(sent[0]?.headers?.["x-file-name"]).toBe("Brev%20fr%C3%A5%20Gaupne%20IL.pdf");
    expect(decodeURIComponent(sent[0]?.headers?.["x-file-name"] ?? "")).toBe("Brev frå Gaupne IL.pdf");
    expect([...(sent[1]?.body ?? [])]).toEqual([0x89, 0x50, 0x4e, 0x47]);
    expect(decodeURIComponent(sent[1]?.headers?.["x-file-name"] ?? "")).toBe("Bane på Ørnes.png");
    // Reloaded after the last one: the new documents are listed.
    expect(calls.map((c) => c.cmd).filter((c) => c === "get_case" || c === "attach_document_bytes")).toEqual([
      "get_case",
      "attach_document_bytes",
      "attach_document_bytes",
      "get_case",
    ]);
    await waitFor(() => expect(within(journalBody(11)).getAllByTestId("document-row")).toHaveLength(3));
    expect(within(journalBody(11)).getByText("Bane på Ørnes.png")).toBeInTheDocument();
    expect(label).toHaveTextContent("Legg ved fil …");
    expect(journalBody(11)).toHaveAttribute("aria-busy", "false");
    expect(input.value).toBe("");
    expect(input.files).toHaveLength(0);
  });

  it("shows a failed attach under its journalpost", async () => {
    const calls = app({
      attach_document_bytes: () => {
        throw { code: "invalid", message: "Brev.pdf er for stor (300 MB); grensa er 256 MB.", fields: [] };
      },
    });
    await openCase();
    const input = within(journalBody(12)).getByTestId("attach-file");
    await userEvent.upload(input, new File(["x"], "Brev.pdf"));
    const alert = await within(journalBody(12)).findByRole("alert");
    expect(alert).toHaveTextContent("Brev.pdf er for stor (300 MB); grensa er 256 MB.");
    expect(calls.filter((c) => c.cmd === "get_case")).toHaveLength(1);
    expect(screen.queryByTestId("notice")).not.toBeInTheDocument();
  });

  it("opens in the system's app, and says where the copy is when it could not", async () => {
    const copy: OpenedDocument = {
      path: "/tmp/saksbok/0b7d6c1e/Invitasjon frå Sogndal kommune.pdf",
      opened: false,
      open_error: "Fann inkje program som kunne opna fila. Opna kopien frå mappa.",
    };
    const calls = app({ open_document: () => copy });
    await openCase();
    await userEvent.click(screen.getByRole("button", { name: "Opne Invitasjon frå Sogndal kommune.pdf" }));
    await waitFor(() => expect(calls.find((c) => c.cmd === "open_document")?.args).toEqual({ id: 5 }));
    const message = await within(journalBody(11)).findByTestId("open-result");
    expect(message).toHaveAttribute("role", "status");
    expect(message).toHaveTextContent(`${copy.open_error} Kopien ligg her: ${copy.path}`);
  });

  it("says nothing when the document opened", async () => {
    const calls = app({ open_document: () => ({ path: "/tmp/x.pdf", opened: true, open_error: null }) });
    await openCase();
    const [open] = screen.getAllByTestId("open-document");
    await userEvent.click(open as HTMLElement);
    await waitFor(() => expect(calls.some((c) => c.cmd === "open_document")).toBe(true));
    expect(screen.queryByTestId("open-result")).not.toBeInTheDocument();
  });

  it("are attached by dropping files from the desktop on a journalpost", async () => {
    let stored: DocumentRecord[] = [...withDocs.documents];
    const calls = app({
      get_case: () => ({ ...withDocs, documents: stored }),
      attach_documents: (a) => {
        const docs = (a.paths as string[]).map((p, i) => added(a.journalEntryId as number, p.split("/").pop() ?? p, 200 + i));
        stored = [...stored, ...docs];
        return docs;
      },
    });
    await openCase();
    await waitFor(() => expect(drops.subscribed).toBe(1));
    Object.defineProperty(window, "devicePixelRatio", { configurable: true, value: 2 });
    // The page at CSS pixel (x, y): the second journalpost's documents row around y = 300, nothing elsewhere.
    const points: [number, number][] = [];
    document.elementFromPoint = vi.fn((x: number, y: number) => {
      points.push([x, y]);
      return y === 300 ? (journalBody(12).querySelector(".documents") as Element) : document.body;
    });

    const paths = ["/home/kari/Skrivebord/Brev frå Gaupne IL.pdf", "/home/kari/Skrivebord/Kart.png"];
    drag({ type: "enter", paths, position: { x: 100, y: 100 } });
    expect(await screen.findByTestId("drop-hint")).toHaveTextContent("Slepp filene på ein journalpost for å leggja dei ved.");
    drag({ type: "over", position: { x: 400, y: 600 } });
    await waitFor(() => expect(journalBody(12)).toHaveClass("drop-target"));
    expect(journalBody(11)).not.toHaveClass("drop-target");
    expect(screen.getByTestId("drop-hint")).toHaveTextContent("Slepp for å leggja filene ved journalpost 21/1069-2.");
    // Physical pixels in, CSS pixels out.
    expect(points.at(-1)).toEqual([200, 300]);

    drag({ type: "drop", paths, position: { x: 400, y: 600 } });
    await waitFor(() => expect(screen.getByTestId("notice")).toHaveTextContent("2 dokument lagde ved 21/1069-2."));
    expect(calls.find((c) => c.cmd === "attach_documents")?.args).toEqual({ journalEntryId: 12, paths });
    expect(calls.filter((c) => c.cmd === "get_case")).toHaveLength(2);
    expect(screen.queryByTestId("drop-hint")).not.toBeInTheDocument();
    expect(journalBody(12)).not.toHaveClass("drop-target");
    await waitFor(() => expect(within(journalBody(12)).getAllByTestId("document-row")).toHaveLength(3));
    expect(within(journalBody(12)).getByText("Brev frå Gaupne IL.pdf")).toBeInTheDocument();
  });

  it("attach nothing when dropped outside a journalpost, and say where to drop them", async () => {
    const calls = app();
    await openCase();
    await waitFor(() => expect(drops.subscribed).toBe(1));
    document.elementFromPoint = vi.fn(() => screen.getByTestId("case-title"));
    drag({ type: "enter", paths: ["/tmp/a.pdf"], position: { x: 10, y: 10 } });
    drag({ type: "over", position: { x: 10, y: 10 } });
    expect(await screen.findByTestId("drop-hint")).toHaveTextContent("Slepp filene på ein journalpost for å leggja dei ved.");
    expect(document.querySelector(".drop-target")).toBeNull();
    drag({ type: "drop", paths: ["/tmp/a.pdf"], position: { x: 10, y: 10 } });
    const message = await screen.findByTestId("drop-message");
    expect(message).toHaveAttribute("role", "status");
    expect(message).toHaveTextContent("Slepp filene på ein journalpost for å leggja dei ved.");
    expect(screen.queryByTestId("drop-hint")).not.toBeInTheDocument();
    expect(calls.some((c) => c.cmd === "attach_documents")).toBe(false);

    // A drag that leaves the window takes its highlight along.
    document.elementFromPoint = vi.fn(() => journalBody(11));
    drag({ type: "enter", paths: ["/tmp/a.pdf"], position: { x: 10, y: 10 } });
    await waitFor(() => expect(journalBody(11)).toHaveClass("drop-target"));
    expect(screen.queryByTestId("drop-message")).not.toBeInTheDocument();
    drag({ type: "leave" });
    await waitFor(() => expect(journalBody(11)).not.toHaveClass("drop-target"));
    expect(screen.queryByTestId("drop-hint")).not.toBeInTheDocument();

    // Leaving the case stops listening.
    await userEvent.keyboard("{Escape}");
    await screen.findByRole("heading", { name: "Saker" });
    expect(drops.unlistened).toBe(1);
    expect(drops.handler).toBeNull();
  });
});

describe("the history of a document", () => {
  it("names the document and its fields in Nynorsk, with the size in MB", async () => {
    app({
      get_case: () => ({
        ...withDocs,
        history: [
          {
            at: "2026-11-25T10:02:00Z",
            actor: "kari",
            action: "create",
            entity: "document",
            subject: "21/1069-1",
            changes: [
              { field: "file_name", before: null, after: "Invitasjon frå Sogndal kommune.pdf" },
              { field: "journal_entry", before: null, after: "21/1069-1" },
              { field: "media_type", before: null, after: "application/pdf" },
              { field: "sha256", before: null, after: "9f".repeat(32) },
              { field: "size", before: null, after: "1468006" },
              { field: "uuid", before: null, after: documentRecord.uuid },
            ],
          },
          ...detail.history,
        ],
      }),
    });
    await openCase();
    const [entry] = screen.getAllByTestId("history-entry");
    const doc = within(entry as HTMLElement);
    expect(entry).toHaveTextContent("kari · Dokument 21/1069-1 oppretta");
    expect(doc.getByText("Filnamn: «Invitasjon frå Sogndal kommune.pdf»")).toBeInTheDocument();
    expect(doc.getByText("Journalpost: «21/1069-1»")).toBeInTheDocument();
    expect(doc.getByText("Filtype: «application/pdf»")).toBeInTheDocument();
    expect(doc.getByText(`SHA-256: «${"9f".repeat(32)}»`)).toBeInTheDocument();
    expect(doc.getByText("Storleik: «1,4 MB»")).toBeInTheDocument();
    expect(doc.getAllByRole("listitem")).toHaveLength(5);
    expect(entry).not.toHaveTextContent("uuid");
    expect(entry).not.toHaveTextContent(documentRecord.uuid);

    setLang("nb");
    await waitFor(() => expect(entry).toHaveTextContent("kari · Dokument 21/1069-1 opprettet"));
    expect(doc.getByText("Filnavn: «Invitasjon frå Sogndal kommune.pdf»")).toBeInTheDocument();
    expect(doc.getByText("Størrelse: «1,4 MB»")).toBeInTheDocument();
  });
});
