import { browser } from 'wxt/browser';
import { HOST_KINDS } from '../sites/registry';
import type { KnownHosts } from '../sites/types';

/**
 * The self-hosted hosts from the settings, read straight from storage (the item `local:settings`
 * of lib/platform/settings-storage.ts), so that the full read injected into pages (page-info.js)
 * carries neither zod nor the storage library. The script every page gets never reads them: the
 * worker names a page's own hosts in its answer (lib/page/lesson-loader.ts). Anything malformed
 * reads as no hosts: pages are still recognised from their markup.
 */
export async function knownHosts(): Promise<KnownHosts> {
  const { settings } = (await browser.storage.local.get('settings')) as { settings?: { hosts?: Record<string, unknown> } };
  const list = (v: unknown) => (Array.isArray(v) ? v.filter((h): h is string => typeof h === 'string') : []);
  const hosts = settings?.hosts ?? {};
  return Object.fromEntries(HOST_KINDS.map((kind) => [kind, list(hosts[kind])]));
}

/**
 * `knownHosts` for the worker, which needs them for every message a tab sends (the sender policy
 * and the answer to `lessonsForPage`): read once, and again only after the settings changed.
 */
export function followKnownHosts(): () => Promise<KnownHosts> {
  let current: Promise<KnownHosts> | null = null;
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'local' && changes.settings) current = null;
  });
  return () => {
    const read = (current ??= knownHosts());
    // A failed read is not kept: the next message reads again.
    read.catch(() => {
      if (current === read) current = null;
    });
    return read;
  };
}

/**
 * Whether the "Save as lesson" button shows next to selections (on unless switched off), read and
 * then followed the same way; `onChange` hears every later switch.
 */
export async function selectionButtonSetting(onChange: (on: boolean) => void): Promise<boolean> {
  const on = (settings: unknown) => (settings as { selectionButton?: unknown } | undefined)?.selectionButton !== false;
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'local' && changes.settings) onChange(on(changes.settings.newValue));
  });
  const { settings } = await browser.storage.local.get('settings');
  return on(settings);
}
