// The screens the window does not show at start, each in a chunk of its
// own: the start reads and runs only the case list's script. They are
// fetched once the list is shown (`preload`), so a later click finds them
// ready; a click before that waits for its chunk alone.
export const screens = {
  meetings: () => import("../views/meetings/MeetingsScreen.svelte"),
  meetingMode: () => import("../views/meetings/MeetingMode.svelte"),
  boards: () => import("../views/boards/BoardsScreen.svelte"),
  agreements: () => import("../views/agreements/AgreementsScreen.svelte"),
  deadlines: () => import("../views/agreements/DeadlinesScreen.svelte"),
  settings: () => import("../views/settings/SettingsScreen.svelte"),
  publicJournal: () => import("../views/PublicJournalDialog.svelte"),
};

let preloaded = false;

/** Fetches every screen's chunk, once, shortly after the start. */
export function preload(delayMs = 400) {
  if (preloaded) return;
  preloaded = true;
  setTimeout(() => {
    for (const load of Object.values(screens)) void load().catch(() => undefined);
  }, delayMs);
}
