import { browser } from 'wxt/browser';
import type { PageReport } from '../messages';

/**
 * The last anchoring report of each tab, in session storage: it outlives the worker's sleep
 * and is gone when the browser closes, like the tabs it describes.
 */
const PREFIX = 'page-report:';
const key = (tabId: number) => `${PREFIX}${tabId}`;

export async function savePageReport(tabId: number, report: PageReport): Promise<void> {
  await browser.storage.session.set({ [key(tabId)]: report });
}

export async function pageReport(tabId: number): Promise<PageReport | null> {
  const stored = await browser.storage.session.get(key(tabId));
  return (stored[key(tabId)] as PageReport | undefined) ?? null;
}

export async function forgetTab(tabId: number): Promise<void> {
  await browser.storage.session.remove(key(tabId));
}

/** The work item each tab last reported, by tab id. */
export async function reportedWorkItems(): Promise<Map<number, string>> {
  const stored = await browser.storage.session.get(null);
  const items = new Map<number, string>();
  for (const [k, v] of Object.entries(stored)) if (k.startsWith(PREFIX)) items.set(Number(k.slice(PREFIX.length)), (v as PageReport).workItem);
  return items;
}
