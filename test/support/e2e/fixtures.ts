import { test as base, chromium, type BrowserContext, type Page, type Worker } from '@playwright/test';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { dueDatesRow } from '../../../lib/db/due-index';
import type { Lesson } from '../../../lib/lesson';
import { SiteServer } from './site-server';

/** Set LESSONMARK_OUT_DIR to build and test from another folder (as wxt.config.ts does). */
export const EXTENSION_DIR = resolve(import.meta.dirname, '..', '..', '..', process.env.LESSONMARK_OUT_DIR ?? '.output', 'chrome-mv3');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface Profile {
  dir: string;
  /** Starts the browser on this profile (again, after close: a browser restart). */
  launch(): Promise<BrowserContext>;
}

/**
 * Real Chromium on `profileDir` with the built extension; the fixture sites, when given, are served.
 * On a new profile the extension is installed and opens its welcome tab; it is closed here (unless
 * `keepWelcome`), so every test starts from the pages it opens itself.
 */
export async function launchExtension(profileDir: string, sites?: SiteServer, extensionDir = EXTENSION_DIR, keepWelcome = false): Promise<BrowserContext> {
  const fresh = !existsSync(join(profileDir, 'Default'));
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-gpu',
      '--no-sandbox',
    ],
  });
  await sites?.route(context);
  if (fresh && !keepWelcome) await (await welcomePage(context)).close();
  return context;
}

/** The welcome tab the extension opens when it is installed, once it has opened. */
export async function welcomePage(context: BrowserContext, timeout = 15_000): Promise<Page> {
  const until = Date.now() + timeout;
  for (;;) {
    const page = context.pages().find((p) => /^chrome-extension:\/\/[^/]+\/welcome\.html/.test(p.url()));
    if (page) return page;
    if (Date.now() > until) throw new Error('the welcome tab did not open on install');
    await new Promise((r) => setTimeout(r, 50));
  }
}

export async function serviceWorker(context: BrowserContext): Promise<Worker> {
  return context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
}

export function extensionId(sw: Worker): string {
  return new URL(sw.url()).host;
}

/** Every lesson row in the extension's IndexedDB, read in the service worker. */
export async function readLessons(sw: Worker): Promise<any[]> {
  return sw.evaluate(storeRowsHere, 'lessons');
}

/**
 * Every row of a store of the extension's database, read with plain IndexedDB in the extension
 * context it is evaluated in (the service worker, an extension page): no named functions inside.
 */
export function storeRowsHere(store: string): Promise<any[]> {
  return new Promise<any[]>((resolveRows, reject) => {
    const open = indexedDB.open('lessonmark');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      if (!db.objectStoreNames.contains(store)) {
        db.close();
        return resolveRows([]);
      }
      const req = db.transaction(store).objectStore(store).getAll();
      req.onsuccess = () => {
        db.close();
        resolveRows(req.result);
      };
      req.onerror = () => reject(req.error);
    };
  });
}

/**
 * Writes lessons straight into the extension's IndexedDB from the service worker, in one
 * transaction. The database must exist (any extension page that read lessons has created it).
 * Plain IndexedDB bypasses the Dexie middleware that keeps the due-date index, so the index rows
 * (lib/db/due-index.ts) are written beside the lessons here.
 */
export async function seedLessons(sw: Worker, lessons: unknown[]): Promise<void> {
  const due = (lessons as Lesson[]).map(dueDatesRow).filter((row) => row !== null);
  // One JSON string crosses the protocol far faster than Playwright's per-value serialisation of many rows.
  await sw.evaluate(
    (json) =>
      new Promise<void>((resolve, reject) => {
        const { rows, dueRows } = JSON.parse(json) as { rows: unknown[]; dueRows: unknown[] };
        const open = indexedDB.open('lessonmark');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('lessons')) {
            db.close();
            reject(new Error('the lessons store does not exist yet'));
            return;
          }
          const tx = db.transaction(['lessons', 'dueDates'], 'readwrite');
          const store = tx.objectStore('lessons');
          for (const row of rows) store.put(row);
          const dueStore = tx.objectStore('dueDates');
          for (const row of dueRows) dueStore.put(row);
          tx.oncomplete = () => {
            db.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    JSON.stringify({ rows: lessons, dueRows: due }),
  );
}

/**
 * Does what the context menu and the keyboard command do for the page's tab (neither can be
 * pressed from a test): the worker injects the capture card's script (lib/platform/capture.ts).
 */
export async function openCapture(sw: Worker, page: Page): Promise<void> {
  const url = page.url();
  await sw.evaluate(async (pageUrl) => {
    const [tab] = await chrome.tabs.query({ url: pageUrl.replace(/#.*$/, '') });
    if (tab?.id == null) throw new Error(`no tab for ${pageUrl}`);
    await chrome.scripting.executeScript({ target: { tabId: tab.id }, files: ['/capture.js'] });
  }, url);
}

/** Selects the first occurrence of `text` inside `selector` (within one text node or across). */
export async function selectText(page: Page, text: string, selector = 'body'): Promise<void> {
  if (!(await page.evaluate(selectInDocument, [text, selector] as const))) throw new Error(`"${text}" is not on the page`);
}

/** Runs in the page (Playwright's or puppeteer's `evaluate`); false when the text is not there. */
export function selectInDocument([needle, sel]: readonly [string, string]): boolean {
  const root = document.querySelector(sel);
  if (!root) return false;
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const nodes: Text[] = [];
  let all = '';
  while (walker.nextNode()) {
    nodes.push(walker.currentNode as Text);
    all += (walker.currentNode as Text).data;
  }
  const at = all.indexOf(needle);
  if (at < 0) return false;
  const locate = (offset: number, end: boolean) => {
    let seen = 0;
    for (const n of nodes) {
      if (offset < seen + n.data.length || (end && offset === seen + n.data.length)) return [n, offset - seen] as const;
      seen += n.data.length;
    }
    throw new Error('offset out of range');
  };
  const [sn, so] = locate(at, false);
  const [en, eo] = locate(at + needle.length, true);
  const range = document.createRange();
  range.setStart(sn, so);
  range.setEnd(en, eo);
  const selection = getSelection()!;
  selection.removeAllRanges();
  selection.addRange(range);
  return true;
}

interface Fixtures {
  /** Leave the welcome tab the install opens (welcome.spec.ts); other tests start without it. */
  keepWelcome: boolean;
  profile: Profile;
  context: BrowserContext;
  sw: Worker;
}
interface WorkerFixtures {
  sites: SiteServer;
}

export const test = base.extend<Fixtures, WorkerFixtures>({
  sites: [
    async ({}, use) => {
      const sites = new SiteServer();
      await sites.start();
      await use(sites);
      await sites.stop();
    },
    { scope: 'worker' },
  ],
  keepWelcome: [false, { option: true }],
  profile: async ({ sites, keepWelcome }, use) => {
    const dir = mkdtempSync(join(tmpdir(), 'lessonmark-profile-'));
    await use({ dir, launch: () => launchExtension(dir, sites, EXTENSION_DIR, keepWelcome) });
    rmSync(dir, { recursive: true, force: true });
  },
  context: async ({ profile }, use) => {
    const context = await profile.launch();
    await use(context);
    await context.close();
  },
  sw: async ({ context }, use) => {
    await use(await serviceWorker(context));
  },
});

export const expect = test.expect;
