import { browser } from 'wxt/browser';
import type { LessonDb } from '../db/database';
import { normalizeTags, type Lesson, type Source } from '../lesson';
import { parseHttpUrl } from '../url';
import { countRelated, type RelatedOptions } from '../related/rank';
import { PageGistSchema, type PageGist } from '../messages';
import { sendMessage } from '../messaging';
import { watchStoredIndex, type StoredRelatedIndex } from './related-index';
import { FULL_BADGE_MARK, INDEX_READY_MARK, PAGE_READ_MARK } from './badge-marks';

/**
 * The toolbar badge: how many lessons relate to the page, as the side panel ranks them (same work
 * item, open questions there, same project or shared labels) plus strong text matches, so a ticket
 * resembling an old incident in words alone announces it. The worker wakes for every navigation
 * and sleeps after 30 s: the first count after waking comes from Dexie index lookups at once, the
 * full one when the related index is loaded (stored in IndexedDB: its head and the blocks of the
 * page's terms are read per waking, then it is kept current as lessons change). Counting reads no lesson: the index ranks by id.
 */

/**
 * The quick count, from index lookups only: lessons on the work item, the project in any case, or
 * with tags equal to the page's labels. No text matches; the full count replaces it.
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

/** What counting needs from the browser: the worker passes its tabs and toolbar button, tests their own. */
export interface BadgeHost {
  /** The tab's page as its content script last read it (cheaply); null where extensions may not run. */
  readPage(tabId: number): Promise<PageGist | null>;
  /** Whether the tab shows a web page (the index is read beside the page only then); false when unsure. */
  showsWebPage(tabId: number): Promise<boolean>;
  setText(tabId: number, text: string): void;
  /** The tabs in front, counted again when lessons change; others are counted when activated. */
  activeTabs(): Promise<number[]>;
  /** The stored related index's head if it was read ahead (at the worker's start), given once. */
  headReadAhead?(): Promise<unknown> | null;
}

export interface Badges {
  /** Reads the tab's page and counts it: the quick count first unless the index is ready, then the full count. */
  refresh(tabId: number): Promise<void>;
  /** Counts the page a tab's content script sent after a load or soft navigation; the same page again is not recounted. */
  pageRead(tabId: number, page: PageGist): Promise<void>;
  /** After the worker wrote lessons: counts the tabs in front, unless the live index will (it recounts on every change). */
  afterWrite(): Promise<void>;
  /** A closed tab: its counts still running are dropped, and its page forgotten. */
  forget(tabId: number): void;
  stop(): void;
}

/**
 * Counts pages for the badge. `options` must be the side panel's, so the badge counts what the
 * panel lists; its `limit` caps the quick count as well, which would otherwise show more lessons
 * than the full count can.
 */
export function createBadges(db: LessonDb, host: BadgeHost, options: RelatedOptions & { limit: number }): Badges {
  // Each count is numbered; only a tab's latest may set its badge, so a slow count of the page a
  // tab has left never overwrites the count of the page it shows.
  let counted = 0;
  const latest = new Map<number, number>();
  let live: StoredRelatedIndex | null = null;

  // Each tab's page as last read on navigation or activation. A write changes lessons, not pages:
  // recounting after one reuses the read instead of running the page reader in every tab again.
  const pages = new Map<number, Promise<PageGist | null>>();
  // The page each tab's count is of, so the content script's own report of it is not counted twice.
  const counting = new Map<number, string>();
  const read = (tabId: number) => {
    const page = host.readPage(tabId);
    pages.set(tabId, page);
    void page.then((p) => p && pages.get(tabId) === page && counting.set(tabId, JSON.stringify(p)));
    return page;
  };

  const recountActive = async () => {
    await Promise.all((await host.activeTabs()).map((tabId) => count(tabId, pages.get(tabId) ?? read(tabId))));
  };
  // Loaded on first need (the stored index's head), while the first page is being read.
  const liveIndex = () => (live ??= watchStoredIndex(db, () => void recountActive(), { head: host.headReadAhead?.() }));

  async function count(tabId: number, reading: Promise<PageGist | null>): Promise<void> {
    const mine = ++counted;
    latest.set(tabId, mine);
    const show = (n: number) => {
      if (latest.get(tabId) === mine) host.setText(tabId, badgeText(n));
    };
    // Read beside the page when the tab shows a web page; a worker woken for a browser page or a
    // blank tab never opens the stored index (nor the database's storage).
    const opening = host.showsWebPage(tabId).then((web) => (web ? liveIndex() : null), () => null);
    const page = await reading;
    performance.mark(PAGE_READ_MARK);
    if (!page) return show(0);
    const watched = (await opening) ?? liveIndex();
    let full = false;
    // Not waited for: its reads would hold up the index's, and it never replaces the full count.
    if (!watched.current()) {
      void pageBadgeCount(db, page.source).then(
        (n) => {
          if (!full) show(Math.min(n, options.limit));
        },
        () => {},
      );
    }
    let index;
    try {
      index = await watched.readyToCount(page.source, page.text, options);
    } catch {
      // The lessons could not be read: keep the quick count, and build the index again next time.
      watched.stop();
      if (live === watched) live = null;
      return;
    }
    performance.mark(INDEX_READY_MARK);
    full = true;
    show(countRelated(page.source, page.text, index, options));
    performance.mark(FULL_BADGE_MARK);
  }

  return {
    refresh: (tabId) => count(tabId, read(tabId)),
    pageRead: async (tabId, page) => {
      const key = JSON.stringify(page);
      if (counting.get(tabId) === key) return;
      counting.set(tabId, key);
      const reading = Promise.resolve(page);
      pages.set(tabId, reading);
      await count(tabId, reading);
    },
    afterWrite: async () => {
      if (!live) await recountActive();
    },
    forget: (tabId) => {
      latest.delete(tabId);
      pages.delete(tabId);
      counting.delete(tabId);
    },
    stop: () => live?.stop(),
  };
}

// Firefox's MV2 build names the toolbar button browserAction.
const action = () => browser.action ?? (browser as unknown as { browserAction: typeof browser.action }).browserAction;

/**
 * Asks the tab's content script for its cheap read of the page: no script is injected, so a page
 * pays nothing here beyond the read its content script takes once per navigation anyway. What a
 * page's world replies is checked like any message.
 */
export async function askTabForGist(tabId: number): Promise<PageGist | null> {
  try {
    const parsed = PageGistSchema.safeParse(await sendMessage('readGist', {}, tabId));
    return parsed.success ? parsed.data : null;
  } catch {
    // No content script there: a page extensions may not run on, or one still loading (it reports itself).
    return null;
  }
}

/**
 * Keeps badges current as tabs are activated and navigate; soft navigations (Jira, GitHub)
 * change the tab's URL, which fires `onUpdated` with a `url`. Content scripts also report their
 * page when they have read it (`pageRead`), which covers a page whose script came after the event.
 */
export function watchBadges(db: LessonDb, options: RelatedOptions & { limit: number }, headReadAhead?: () => Promise<unknown> | null): Badges {
  void action().setBadgeBackgroundColor({ color: '#0b63ce' });
  const badges = createBadges(
    db,
    {
      readPage: askTabForGist,
      showsWebPage: async (tabId) => parseHttpUrl((await browser.tabs.get(tabId)).url ?? '') !== null,
      // One call per count, made as soon as it is known to be the latest: the tab may have closed since.
      setText: (tabId, text) => void action().setBadgeText({ tabId, text }).catch(() => {}),
      activeTabs: async () => (await browser.tabs.query({ active: true })).flatMap((tab) => (tab.id == null ? [] : [tab.id])),
      headReadAhead,
    },
    options,
  );
  browser.tabs.onActivated.addListener(({ tabId }) => void badges.refresh(tabId));
  browser.tabs.onUpdated.addListener((tabId, change, tab) => {
    if (change.status === 'complete' || (change.url && tab.status === 'complete')) void badges.refresh(tabId);
  });
  browser.tabs.onRemoved.addListener((tabId) => badges.forget(tabId));
  return badges;
}
