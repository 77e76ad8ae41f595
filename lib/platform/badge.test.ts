import { afterEach, describe, expect, it, vi } from 'vitest';
import { openDb, type LessonDb } from '../db/database';
import type { Source } from '../lesson';
import { createRelatedIndex, relatedLessons, SIMILAR_MIN, STRONG_SIMILAR } from '../related/rank';
import { CHECKOUT_PAGE, CHECKOUT_PAGE_TITLE, SAME_FAILURE, UNRELATED, lesson, page } from '../../test/support/related-fixtures';
import { badgeText, createBadges, pageBadgeCount, type Badges } from './badge';
import type { PageInfo } from './page';
import { readHeadPlain, RELATED_KEY } from './wake-head';

const OPTIONS = { limit: 60 };
const ACME_7 = { site: 'jira' as const, workItem: 'jira:ACME-7', project: 'ACME' };

let db: LessonDb;
let badges: Badges | undefined;
let n = 0;

afterEach(async () => {
  badges?.stop();
  badges = undefined;
  db.close();
  await db.delete();
});

function info(source: Source, text = ''): PageInfo {
  return { source, text, quote: '', clipped: false };
}

/** A browser of tabs showing pages; a page read may be held back to play a slow one. */
function host(pages: Map<number, PageInfo | null | Promise<PageInfo | null>>, active = [1]) {
  const shown = new Map<number, string[]>();
  const reads: number[] = [];
  return {
    shown,
    reads,
    last: (tabId: number) => shown.get(tabId)?.at(-1),
    host: {
      readPage: async (tabId: number) => {
        reads.push(tabId);
        return (await pages.get(tabId)) ?? null;
      },
      showsWebPage: async (tabId: number) => pages.get(tabId) !== null,
      setText: (tabId: number, text: string) => shown.set(tabId, [...(shown.get(tabId) ?? []), text]),
      activeTabs: async () => active,
    },
  };
}

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 5));
  expect(check()).toBe(true);
}

/** The checkout incident page on ACME-7, and lessons related to it in each way the badge cares about. */
function checkout() {
  const onTicket = lesson({ title: 'Retry storm on ACME-7', source: ACME_7 });
  const deleted = lesson({ title: 'Old retry note', deletedAt: '2024-02-01T00:00:00.000Z', source: ACME_7 });
  // No shared ticket, project or tag: related by its text alone.
  const sameFailure = lesson({ ...SAME_FAILURE, source: { site: 'confluence', workItem: 'confluence:wiki:99', project: 'OPS' } });
  // Similar enough for the panel's "similar" section, too weak for the badge.
  const weak = lesson({ title: 'Checkout pods out of connections', quote: 'Under load the checkout pods ran out of connections.', source: { site: 'web', workItem: 'https://w.example/1' } });
  const all = [onTicket, deleted, sameFailure, weak, ...UNRELATED.map((u) => lesson(u))];
  const source = page({ title: CHECKOUT_PAGE_TITLE, project: 'ACME' });
  return { onTicket, sameFailure, weak, all, source, page: info(source, CHECKOUT_PAGE) };
}

describe('pageBadgeCount', () => {
  it('counts lessons on the work item, the project in any case and tags equal to labels, each once', async () => {
    db = openDb(`badge-${++n}`);
    await db.lessons.bulkPut([
      lesson({ source: { site: 'jira', workItem: 'jira:ACME-7', project: 'ACME' } }),
      lesson({ kind: 'question', source: { site: 'jira', workItem: 'jira:ACME-7', project: 'ACME' } }),
      lesson({ source: { site: 'jira', workItem: 'jira:ACME-2', project: 'acme' } }),
      lesson({ tags: ['flaky-tests'], source: { site: 'github', workItem: 'github:o/r#1', project: 'o/r' } }),
      lesson({ tags: ['ci'], source: { site: 'jira', workItem: 'jira:ACME-3', project: 'ACME' } }),
      lesson({ deletedAt: '2024-02-01T00:00:00.000Z', source: { site: 'jira', workItem: 'jira:ACME-7', project: 'ACME' } }),
      lesson({ tags: ['other'], source: { site: 'jira', workItem: 'jira:OPS-1', project: 'OPS' } }),
    ]);
    expect(await pageBadgeCount(db, page({ project: 'ACME', labels: ['Flaky-Tests', 'ci'] }))).toBe(5);
    expect(await pageBadgeCount(db, page({ project: 'ACME' }))).toBe(4);
    expect(await pageBadgeCount(db, page({ workItem: 'jira:NONE-1', project: undefined }))).toBe(0);
  });
});

describe('createBadges', () => {
  it('shows the quick count, then the full one with strong text matches; weak and deleted lessons are not counted', async () => {
    db = openDb(`badge-${++n}`);
    const s = checkout();
    await db.lessons.bulkPut(s.all);
    // What the panel lists: the weak match is there, under the strong threshold.
    const listed = relatedLessons(s.source, CHECKOUT_PAGE, createRelatedIndex(s.all), OPTIONS);
    expect(listed.map((r) => r.lesson.id)).toEqual([s.onTicket.id, s.sameFailure.id, s.weak.id]);
    expect(listed[1].score).toBeGreaterThanOrEqual(STRONG_SIMILAR);
    expect(listed[2].score).toBeGreaterThanOrEqual(SIMILAR_MIN);
    expect(listed[2].score).toBeLessThan(STRONG_SIMILAR);

    const b = host(new Map([[1, s.page]]));
    badges = createBadges(db, b.host, OPTIONS);
    await badges.refresh(1);
    expect(b.shown.get(1)).toEqual(['1', '2']);

    // The index is live now: the next navigation shows the full count at once.
    await badges.refresh(1);
    expect(b.shown.get(1)).toEqual(['1', '2', '2']);

    // A lesson deleted later drops out, and the tab in front is counted again without a navigation,
    // from the page as last read: a write does not run the page reader again.
    expect(b.reads).toEqual([1, 1]);
    await db.lessons.update(s.onTicket.id, { deletedAt: '2024-03-01T00:00:00.000Z' });
    await until(() => b.last(1) === '1');
    expect(b.reads).toEqual([1, 1]);
  });

  it('counts with the stored index’s head the worker read ahead, taken once', async () => {
    db = openDb(`badge-${++n}`);
    const s = checkout();
    await db.lessons.bulkPut(s.all);
    const first = host(new Map([[1, s.page]]));
    badges = createBadges(db, first.host, OPTIONS);
    await badges.refresh(1);
    await until(() => first.last(1) === '2');
    const stored = async () => (await db.lessonIndexes.get(RELATED_KEY)) !== undefined;
    for (let i = 0; i < 400 && !(await stored()); i++) await new Promise((r) => setTimeout(r, 5));
    badges.stop();

    const b = host(new Map([[1, s.page]]));
    const ahead = vi.fn(() => readHeadPlain(db.name));
    const get = vi.spyOn(db.lessonIndexes, 'get');
    badges = createBadges(db, { ...b.host, headReadAhead: ahead }, OPTIONS);
    await badges.refresh(1);
    await badges.refresh(1);
    expect(b.last(1)).toBe('2');
    expect(ahead).toHaveBeenCalledTimes(1);
    expect(get).not.toHaveBeenCalled();
  });

  it('shows nothing for zero, and for pages it cannot read', async () => {
    db = openDb(`badge-${++n}`);
    const s = checkout();
    await db.lessons.bulkPut(s.all);
    const other = info(page({ title: 'Quarterly budget review', workItem: 'confluence:wiki:1', site: 'confluence' }), 'Travel, hardware and training budgets for the finance team.');
    const b = host(new Map([[1, other], [2, null]]));
    badges = createBadges(db, b.host, OPTIONS);
    await badges.refresh(1);
    await badges.refresh(2);
    expect(b.shown.get(1)).toEqual(['', '']);
    expect(b.shown.get(2)).toEqual(['']);
  });

  it('never opens the stored index for a tab without a web page (a blank tab, a browser page)', async () => {
    db = openDb(`badge-${++n}`);
    await db.lessons.bulkPut(checkout().all);
    const b = host(new Map([[2, null]]), [2]);
    badges = createBadges(db, b.host, OPTIONS);
    await badges.refresh(2);
    await new Promise((r) => setTimeout(r, 50));
    expect(b.shown.get(2)).toEqual(['']);
    // Opening it would build and store it: nothing is stored.
    expect(await db.lessonIndexes.count()).toBe(0);
  });

  it("never lets a slow count of the page a tab left overwrite the count of the page it shows", async () => {
    db = openDb(`badge-${++n}`);
    const s = checkout();
    await db.lessons.bulkPut(s.all);
    let release!: (p: PageInfo) => void;
    const slow = new Promise<PageInfo>((resolve) => (release = resolve));
    const pages = new Map<number, PageInfo | Promise<PageInfo>>([[1, slow]]);
    const b = host(pages);
    badges = createBadges(db, b.host, OPTIONS);
    const left = badges.refresh(1);
    pages.set(1, info(page({ workItem: 'jira:ACME-9', project: undefined })));
    await badges.refresh(1);
    release(s.page);
    await left;
    expect(b.shown.get(1)).toEqual(['', '']);
  });

  it('counts the tabs in front after a write made before any page was counted', async () => {
    db = openDb(`badge-${++n}`);
    const s = checkout();
    const b = host(new Map([[1, s.page]]));
    badges = createBadges(db, b.host, OPTIONS);
    await db.lessons.bulkPut(s.all);
    await badges.afterWrite();
    expect(b.shown.get(1)).toEqual(['1', '2']);
  });
});

describe('badgeText', () => {
  it('shows nothing for zero and caps at 99+', () => {
    expect(badgeText(0)).toBe('');
    expect(badgeText(7)).toBe('7');
    expect(badgeText(100)).toBe('99+');
  });
});
