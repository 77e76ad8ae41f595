import { browser } from 'wxt/browser';
import { readHeadForWebTabs } from './wake-head';

/*
 * Imported first by the background worker, so this runs before the other modules of its bundle are
 * evaluated (zod's schemas alone take tens of milliseconds): the stored related index's head is read
 * from IndexedDB meanwhile, and the badge's first full count finds it read (issue #17, the wake).
 */

/** A head nobody asked for (a wake for an alarm or a message) is let go of: it is megabytes. */
const UNCLAIMED_MS = 10_000;

let head: Promise<unknown> | null = readHeadForWebTabs(browser.tabs.query({ active: true }).then((tabs) => tabs.map((t) => t.url ?? '')));
setTimeout(() => (head = null), UNCLAIMED_MS);

/** The head read at the worker's start, once: later loads read their own. */
export function takeWakeHead(): Promise<unknown> | null {
  const taken = head;
  head = null;
  return taken;
}
