import type { BrowserContext, Page, Worker } from '@playwright/test';
import { extensionId } from './fixtures';
import { watchErrors } from './page';

/** The id of the tab showing `url`, asked of the service worker. */
export async function tabIdOf(sw: Worker, url: string): Promise<number> {
  const id = await sw.evaluate(async (u) => (await chrome.tabs.query({ url: u.replace(/#.*$/, '') }))[0]?.id, url);
  if (id == null) throw new Error(`no tab for ${url}`);
  return id;
}

export function popupUrl(sw: Worker, tabId: number): string {
  return `chrome-extension://${extensionId(sw)}/popup.html?tab=${tabId}`;
}

/** Opens the popup page as a tab about the tab of `target` (the way tests reach a toolbar popup). */
export async function openPopup(context: BrowserContext, sw: Worker, target: Page): Promise<{ popup: Page; errors: string[] }> {
  const tabId = await tabIdOf(sw, target.url());
  const popup = await context.newPage();
  const errors = watchErrors(popup);
  await popup.goto(popupUrl(sw, tabId));
  return { popup, errors };
}

/** Today in the browser's own time zone, as YYYY-MM-DD. */
export function localToday(page: Page): Promise<string> {
  return page.evaluate(() => {
    const d = new Date();
    return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  });
}
