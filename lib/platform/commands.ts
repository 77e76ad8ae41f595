import { browser } from 'wxt/browser';

/** One keyboard command as the browser has it bound now (people rebind them, or a clash leaves one unset). */
export interface Shortcut {
  name: string;
  description: string;
  /** The keys one by one ("Alt", "Shift", "L"; on a Mac "⌥", "⇧", "L"), empty when unbound. */
  keys: string[];
}

/** Where a person changes the shortcuts: Chrome's page; Firefox has it in the add-ons menu, which no extension may open. */
export const CHROME_SHORTCUTS_PAGE = 'chrome://extensions/shortcuts';

/** The commands a person learns first come first; the browser lists them in no particular order. */
const FIRST = ['save-lesson', 'open-side-panel'];
const rank = (name: string) => (FIRST.includes(name) ? FIRST.indexOf(name) : FIRST.length);

/** The commands as shortcuts, saving first; the toolbar button's own command is not one of ours to explain. */
export function shortcutsFrom(commands: readonly { name?: string; description?: string; shortcut?: string }[]): Shortcut[] {
  return commands
    .filter((c) => c.name && !c.name.startsWith('_execute'))
    .map((c) => ({ name: c.name!, description: c.description ?? c.name!, keys: keysOf(c.shortcut ?? '') }))
    .sort((a, b) => rank(a.name) - rank(b.name));
}

/** "Alt+Shift+L" → ["Alt", "Shift", "L"]; macOS gives "⌥⇧L" → ["⌥", "⇧", "L"]; "" → []. */
export function keysOf(shortcut: string): string[] {
  const s = shortcut.trim();
  if (!s) return [];
  if (s.includes('+')) return s.split('+').filter(Boolean);
  return [...s.replace(/^([⌃⌥⇧⌘]*)(.+)$/u, (_, mods: string, key: string) => `${[...mods].join('\u0000')}\u0000${key}`).split('\u0000')].filter(Boolean);
}

/** The shortcuts as bound in this browser now. */
export async function readShortcuts(): Promise<Shortcut[]> {
  return shortcutsFrom(await browser.commands.getAll());
}
