import { browser } from 'wxt/browser';
import type { LessonDb } from '../db';
import { normalizeTags, type Lesson, type Source } from '../lesson';
import { readPage } from './page';

/**
 * The toolbar badge: how many lessons relate to the page. The worker wakes for every navigation
 * and sleeps after 30 s, so it counts with Dexie index lookups only (same work item, same
 * project/space/repo in any case, tags equal to the page's labels) and never builds a full-text
 * index: a ticket resembling an old incident in words alone shows up in the side panel's
 * "similar" section, not in this count.
 */
export async function pageBadgeCount(db: LessonDb, source: Source): Promise<number> {
  const ids = new Set<string>();
  const collect = (rows: Lesson[]) => {
    for (const row of rows) if (!row.deletedAt) ids.add(row.id);
  };
  const labels = normalizeTags(source.labels);
  const project = source.project?.trim();
  await Promise.all([
    db.lessons.where('source.workItem').equals(source.workItem).toArray().then(collect),
    project ? db.lessons.where('source.project').equalsIgnoreCase(project).toArray().then(collect) : null,
    labels.length ? db.lessons.where('tags').anyOf(labels).toArray().then(collect) : null,
  ]);
  return ids.size;
}

/** Zero shows nothing; the badge has room for three characters. */
export function badgeText(count: number): string {
  if (count <= 0) return '';
  return count > 99 ? '99+' : String(count);
}

// Firefox's MV2 build names the toolbar button browserAction.
const action = () => browser.action ?? (browser as unknown as { browserAction: typeof browser.action }).browserAction;

/** Reads the tab's page and sets its badge; pages extensions cannot read get none. */
export async function refreshBadge(db: LessonDb, tabId: number): Promise<void> {
  const page = await readPage(tabId);
  const count = page ? await pageBadgeCount(db, page.source) : 0;
  try {
    await action().setBadgeBackgroundColor({ tabId, color: '#0b63ce' });
    await action().setBadgeText({ tabId, text: badgeText(count) });
  } catch {
    // The tab closed while the count was taken.
  }
}

/** After a write: the badges of the tabs in front; other tabs are counted again when activated. */
export async function refreshActiveBadges(db: LessonDb): Promise<void> {
  const tabs = await browser.tabs.query({ active: true });
  await Promise.all(tabs.map((tab) => tab.id != null && refreshBadge(db, tab.id)));
}

/**
 * Keeps badges current as tabs are activated and navigate; soft navigations (Jira, GitHub)
 * change the tab's URL, which fires `onUpdated` with a `url`.
 */
export function watchBadges(db: LessonDb): void {
  browser.tabs.onActivated.addListener(({ tabId }) => void refreshBadge(db, tabId));
  browser.tabs.onUpdated.addListener((tabId, change, tab) => {
    if (change.status === 'complete' || (change.url && tab.status === 'complete')) void refreshBadge(db, tabId);
  });
}
