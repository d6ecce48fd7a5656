/** Ctrl+`key` (or ⌘ on a Mac keyboard), without Alt or Shift. */
export function isShortcut(e: KeyboardEvent, key: string): boolean {
  return (e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === key;
}
