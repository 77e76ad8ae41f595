import { browser } from 'wxt/browser';
import { sendMessage } from '../messaging';

/** Opens the library page, on one lesson when given. */
export async function openLibrary(lessonId?: string): Promise<void> {
  const query = lessonId ? `?lesson=${encodeURIComponent(lessonId)}` : '';
  await browser.tabs.create({ url: browser.runtime.getURL(`/library.html${query}` as '/library.html') });
}

/** Tells every tab that lessons changed, so each repaints what concerns it. Tabs without our script don't answer. */
export async function announceChange(): Promise<void> {
  const tabs = await browser.tabs.query({});
  await Promise.all(tabs.map((tab) => tab.id != null && sendMessage('lessonsChanged', { workItem: '' }, tab.id).catch(() => null)));
}
