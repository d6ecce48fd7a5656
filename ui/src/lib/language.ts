// The UI language: applied at once with setLang() and kept in the person's
// settings file (save_personal_settings), which is read again at start.
import { api, type PersonalSettings, type SettingsView } from "./api";
import { i18n, setLang, type Lang } from "./i18n.svelte";

export function isLang(v: string): v is Lang {
  return v === "nn" || v === "nb";
}

/** Uses the language saved in the person's settings, if it is one the window knows and not the one shown. */
export function applySavedLanguage(saved: string): void {
  if (isLang(saved) && saved !== i18n.lang) setLang(saved);
}

/**
 * Switches the window to `lang` and saves it in the person's settings: with
 * `personal` as they are saved (read anew when not given), so nothing else in
 * them changes.
 */
export async function chooseLanguage(lang: Lang, personal?: PersonalSettings): Promise<SettingsView> {
  setLang(lang);
  const current = personal ?? (await api.getSettings()).personal;
  return api.savePersonalSettings({ ...current, language: lang });
}
