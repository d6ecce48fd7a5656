// Files dragged from the desktop onto the window. Tauri delivers them as
// webview events that carry the files' paths, not as DOM drop events.
import { getCurrentWebview } from "@tauri-apps/api/webview";

/** A file drag as the page sees it, at a point in CSS pixels of the viewport. */
export type FileDrag =
  | { type: "enter"; x: number; y: number; paths: string[] }
  | { type: "over"; x: number; y: number }
  | { type: "drop"; x: number; y: number; paths: string[] }
  | { type: "leave" };

/**
 * Calls `handler` for every file drag over the window. Resolves to the
 * function that stops listening, or to null where there is no Tauri webview
 * (a plain browser, the tests): then nothing is listened to and nothing fails.
 */
export async function listenFileDrops(handler: (drag: FileDrag) => void): Promise<(() => void) | null> {
  try {
    const unlisten = await getCurrentWebview().onDragDropEvent(({ payload }) => {
      if (payload.type === "leave") {
        handler({ type: "leave" });
        return;
      }
      // Tauri gives physical pixels; the page (elementFromPoint) works in CSS pixels.
      const scale = window.devicePixelRatio || 1;
      const x = payload.position.x / scale;
      const y = payload.position.y / scale;
      if (payload.type === "over") handler({ type: "over", x, y });
      else handler({ type: payload.type, x, y, paths: payload.paths ?? [] });
    });
    return () => {
      // The listener goes away with the webview anyway; a late failure is of no interest.
      Promise.resolve(unlisten() as unknown).catch(() => undefined);
    };
  } catch {
    return null;
  }
}
