import { browser } from 'wxt/browser';
import { sendMessage } from '../messaging';
import { askGistsAhead, readHeadForWebTabs } from './wake-head';

/*
 * Imported first by the background worker, so this runs before the other modules of its bundle are
 * evaluated (zod's schemas alone take tens of milliseconds): the stored related index's head is read
 * from IndexedDB meanwhile, and the tabs in front are asked for their gist, so the badge's first
 * full count finds both on their way (issue #17, the wake).
 */

/** A head nobody asked for (a wake for an alarm or a message) is let go of: it is megabytes. */
const UNCLAIMED_MS = 10_000;

const tabs = browser.tabs.query({ active: true });
let head: Promise<unknown> | null = readHeadForWebTabs(tabs.then((list) => list.map((t) => t.url ?? '')));
const gists = askGistsAhead(tabs, (tabId) => sendMessage('readGist', {}, tabId));
setTimeout(() => {
  head = null;
  gists.forget();
}, UNCLAIMED_MS);

/** The head read at the worker's start, once: later loads read their own. */
export function takeWakeHead(): Promise<unknown> | null {
  const taken = head;
  head = null;
  return taken;
}

/** The tab's gist asked for at the worker's start, once, if the tab still shows the page it was asked on; else undefined. */
export function takeWakeGist(tabId: number): Promise<unknown> {
  return gists.take(tabId, browser.tabs.get(tabId).then((tab) => tab.url));
}
