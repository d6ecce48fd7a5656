// Modal dialogs. While one is open, the views underneath ignore their
// keyboard shortcuts (Escape, Ctrl+N, …): see dialogOpen().

import type { Action } from "svelte/action";

const open = $state({ count: 0 });

/** Whether a modal dialog is open. */
export function dialogOpen(): boolean {
  return open.count > 0;
}

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/**
 * On a modal dialog's root: counts the dialog as open while it is mounted,
 * makes the rest of the window inert, keeps Tab and Shift+Tab inside it,
 * calls `onEscape` for Escape, and gives focus back to where it was when the
 * dialog goes away.
 */
export const modal: Action<HTMLElement, { onEscape: () => void }> = (node, params) => {
  let onEscape = params.onEscape;
  const returnTo = document.activeElement;
  open.count += 1;
  // The window under the dialog (its backdrop's siblings) takes no focus or
  // clicks and is hidden from screen readers while the dialog is open, so a
  // click beside the dialog cannot send Tab into the page behind it.
  const layer = node.closest(".backdrop") ?? node;
  const behind = [...(layer.parentElement?.children ?? [])].filter(
    (el) => el !== layer && !el.hasAttribute("inert"),
  );
  for (const el of behind) el.setAttribute("inert", "");

  function onKey(e: KeyboardEvent) {
    if (e.key === "Escape") {
      e.preventDefault();
      e.stopPropagation();
      onEscape();
      return;
    }
    if (e.key !== "Tab") return;
    const items = [...node.querySelectorAll<HTMLElement>(FOCUSABLE)];
    const first = items[0];
    const last = items[items.length - 1];
    if (!first || !last) return;
    const active = document.activeElement;
    if (e.shiftKey && (active === first || !node.contains(active))) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && (active === last || !node.contains(active))) {
      e.preventDefault();
      first.focus();
    }
  }

  node.addEventListener("keydown", onKey);
  return {
    update(p) {
      onEscape = p.onEscape;
    },
    destroy() {
      node.removeEventListener("keydown", onKey);
      open.count -= 1;
      for (const el of behind) el.removeAttribute("inert");
      if (returnTo instanceof HTMLElement && returnTo.isConnected) returnTo.focus();
    },
  };
};
