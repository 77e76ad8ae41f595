import { browser } from 'wxt/browser';
import type { PageReport } from '../protocol';

/**
 * The last anchoring report of each tab, in session storage: it outlives the worker's sleep
 * and is gone when the browser closes, like the tabs it describes.
 */
const key = (tabId: number) => `page-report:${tabId}`;

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
