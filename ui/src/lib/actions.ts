import type { Action } from "svelte/action";
import { dialogOpen } from "./dialogs.svelte";
import { isShortcut } from "./keys";

/**
 * Sets CSS custom properties on an element through the CSSOM. The CSP
 * (`style-src 'self'`) blocks `style` attributes, but not this; the classes
 * in app.css read the values with `var(--name)`.
 */
export const cssVars: Action<HTMLElement, Record<string, string>> = (node, vars) => {
  const apply = (v: Record<string, string>) => {
    for (const [name, value] of Object.entries(v)) node.style.setProperty(name, value);
  };
  apply(vars);
  return { update: apply };
};

/**
 * Ctrl+S (Cmd+S) inside the element runs `save`: a section of a screen that
 * saves on its own (unless a dialog is open or something took the key first).
 */
export const saveShortcut: Action<HTMLElement, () => void> = (node, save) => {
  let run = save;
  const onKey = (e: KeyboardEvent) => {
    if (e.defaultPrevented || dialogOpen() || !isShortcut(e, "s")) return;
    e.preventDefault();
    run();
  };
  node.addEventListener("keydown", onKey);
  return {
    update: (next) => (run = next),
    destroy: () => node.removeEventListener("keydown", onKey),
  };
};
