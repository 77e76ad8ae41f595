import type { BrowserContext, Page, Worker } from '@playwright/test';
import { extensionId } from './fixtures';

/** The id of the tab showing `url`, asked of the service worker. */
export async function tabIdOf(sw: Worker, url: string): Promise<number> {
  const id = await sw.evaluate(async (u) => (await chrome.tabs.query({ url: u.replace(/#.*$/, '') }))[0]?.id, url);
  if (id == null) throw new Error(`no tab for ${url}`);
  return id;
}

/** Console errors and uncaught exceptions of a page, to fail a test on. */
export function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}

export function popupUrl(sw: Worker, tabId: number): string {
  return `chrome-extension://${extensionId(sw)}/popup.html?tab=${tabId}`;
}

/** Opens the popup page as a tab about the tab of `target` (the way tests reach a toolbar popup). */
export async function openPopup(context: BrowserContext, sw: Worker, target: Page): Promise<{ popup: Page; errors: string[] }> {
  const tabId = await tabIdOf(sw, target.url());
  const popup = await context.newPage();
  const errors = collectErrors(popup);
  await popup.goto(popupUrl(sw, tabId));
  return { popup, errors };
}

/**
 * Writes lessons straight into the extension's IndexedDB from the service worker, in one
 * transaction. The database must exist (any extension page that read lessons has created it).
 */
export async function seedLessons(sw: Worker, lessons: unknown[]): Promise<void> {
  // One JSON string crosses the protocol far faster than Playwright's per-value serialisation of many rows.
  await sw.evaluate(
    (json) =>
      new Promise<void>((resolve, reject) => {
        const rows = JSON.parse(json) as unknown[];
        const open = indexedDB.open('lessonmark');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('lessons')) {
            db.close();
            reject(new Error('the lessons store does not exist yet'));
            return;
          }
          const tx = db.transaction('lessons', 'readwrite');
          const store = tx.objectStore('lessons');
          for (const row of rows) store.put(row);
          tx.oncomplete = () => {
            db.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    JSON.stringify(lessons),
  );
}

/** Today in the browser's own time zone, as YYYY-MM-DD. */
export function localToday(page: Page): Promise<string> {
  return page.evaluate(() => {
    const d = new Date();
    return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  });
}
