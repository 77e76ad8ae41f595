import { browser } from 'wxt/browser';
import { i18n } from '#i18n';

/**
 * The words of every surface, in the browser's language, from locales/<lang>.yml (built into
 * `_locales`). Components and lib/ use this `t` rather than `#i18n` directly so there is one
 * place that says how Lessonmark speaks; in unit tests the browser's i18n is the in-memory one
 * of test/support/i18n.ts, reading the same files.
 */
export const t = i18n.t;

/**
 * The language dates and numbers are written in: the browser's UI language (with its region,
 * "de-AT"), so they follow the browser and not the page. Should the browser have picked messages
 * of another language than it reports (headless Chromium started with `--lang=de` says "en-US"
 * yet reads `_locales/de`), the messages' language wins: a date never speaks another language
 * than the sentence around it.
 */
export function uiLanguage(): string {
  const ui = browser.i18n.getUILanguage();
  const words = t('language');
  return ui.split(/[-_]/)[0].toLowerCase() === words ? ui : words;
}

const formats = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();
function format<T extends Intl.DateTimeFormat | Intl.NumberFormat>(key: string, make: (lang: string) => T): T {
  const lang = uiLanguage();
  const id = `${lang}|${key}`;
  let found = formats.get(id) as T | undefined;
  if (!found) formats.set(id, (found = make(lang)));
  return found;
}

/** "3 Dec 2026" / "3. Dez. 2026" */
export function formatDay(at: number | Date): string {
  return format('day', (lang) => new Intl.DateTimeFormat(lang, { year: 'numeric', month: 'short', day: 'numeric' })).format(at);
}

/** "3 Dec 2026, 09:14" / "3. Dez. 2026, 09:14" */
export function formatMoment(at: number | Date): string {
  return format('moment', (lang) => new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' })).format(at);
}

/** "1,234" / "1.234" */
export function formatNumber(n: number): string {
  return format('number', (lang) => new Intl.NumberFormat(lang)).format(n);
}
