import { browser } from 'wxt/browser';
import { sendMessage } from '../messaging';
import type { Touched } from '../service';
import { reportedWorkItems } from './page-status';

/** Opens the library page, on one lesson when given. */
export async function openLibrary(lessonId?: string): Promise<void> {
  const query = lessonId ? `?lesson=${encodeURIComponent(lessonId)}` : '';
  await browser.tabs.create({ url: browser.runtime.getURL(`/library.html${query}` as '/library.html') });
}

/**
 * Tells the tabs a write concerns to repaint: those whose page is a touched work item, those that
 * have not reported their page yet (their first load may have read before the write), and the tab
 * the write came from (it may have moved to another item in place before its report caught up).
 * Tabs without our script don't answer.
 */
export async function announceChange(touched: Touched, fromTab?: number): Promise<void> {
  const [tabs, reported] = await Promise.all([browser.tabs.query({}), reportedWorkItems()]);
  const wanted = new Set(touched === 'all' ? [] : touched);
  await Promise.all(
    tabs.map((tab) => {
      if (tab.id == null) return null;
      const workItem = reported.get(tab.id);
      if (touched !== 'all' && workItem !== undefined && !wanted.has(workItem) && tab.id !== fromTab) return null;
      return sendMessage('lessonsChanged', workItem === undefined ? {} : { workItem }, tab.id).catch(() => null);
    }),
  );
}
