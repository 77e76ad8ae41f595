import Dexie from 'dexie';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openDb, type LessonDb } from '../db/database';
import type { Lesson } from '../lesson';
import { badgeCount, countRelated, createRelatedIndex, rankRelated, relatedLessons, type RelatedIndex } from '../related/rank';
import { CHECKOUT_PAGE, CHECKOUT_PAGE_TITLE, SAME_FAILURE, UNRELATED, lesson, page } from '../../test/support/related-fixtures';
import { watchStoredIndex, type StoredRelatedIndex } from './related-index';
import { readHeadPlain } from './wake-head';

/** A ticket with lessons of every section, and others (one deleted). */
function scenario() {
  const ticket = { site: 'jira' as const, workItem: 'jira:ACME-7', project: 'ACME' };
  const all = [
    lesson({ title: 'Retry storm on ACME-7', source: ticket }),
    lesson({ kind: 'question', title: 'Why does checkout retry twice?', source: ticket }),
    lesson({ title: 'Release checklist', source: { site: 'jira', workItem: 'jira:ACME-2', project: 'ACME' } }),
    lesson({ title: 'Quarantine flaky suites', tags: ['flaky-tests', 'ci'], source: { site: 'github', workItem: 'github:o/r#4' } }),
    lesson({ ...SAME_FAILURE, source: { site: 'confluence', workItem: 'confluence:wiki:99', project: 'OPS' } }),
    lesson({ title: 'Gone', source: ticket, deletedAt: '2024-03-01T00:00:00.000Z' }),
    ...UNRELATED.map((u) => lesson(u)),
  ];
  return { all, source: page({ title: CHECKOUT_PAGE_TITLE, project: 'ACME', labels: ['Flaky-Tests', 'ci'] }) };
}

let n = 0;
const opened: LessonDb[] = [];
const watching: StoredRelatedIndex[] = [];

function db(name = `stored-index-${++n}`): LessonDb {
  const d = openDb(name);
  opened.push(d);
  return d;
}

/** A worker waking: a new watch on the database, stored a moment after each change. */
function wake(d: LessonDb, changes: RelatedIndex[] = []): StoredRelatedIndex {
  const live = watchStoredIndex(d, (index) => changes.push(index), { saveDelayMs: 0 });
  watching.push(live);
  return live;
}

async function until(check: () => boolean | Promise<boolean>): Promise<void> {
  for (let i = 0; i < 400 && !(await check()); i++) await new Promise((r) => setTimeout(r, 5));
  expect(await check()).toBe(true);
}

const storedSeq = async (d: LessonDb) => ((await d.lessonIndexes.get('related'))?.value as { seq: number } | undefined)?.seq;
const lastSeq = async (d: LessonDb) => (await d.lessonLog.orderBy('seq').last())?.seq ?? 0;

/** Rewrites a lesson with plain IndexedDB, as nothing in the extension does: no log, no notice. */
const writeBehindDexie = (name: string, row: Lesson) => behindDexie(name, (lessons) => lessons.put(row));
/** Deletes a lesson with plain IndexedDB, likewise. */
const deleteBehindDexie = (name: string, id: string) => behindDexie(name, (lessons) => lessons.delete(id));

function behindDexie(name: string, write: (lessons: IDBObjectStore) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open(name);
    open.onsuccess = () => {
      const tx = open.result.transaction('lessons', 'readwrite');
      write(tx.objectStore('lessons'));
      tx.oncomplete = () => (open.result.close(), resolve());
      tx.onerror = () => reject(tx.error);
    };
    open.onerror = () => reject(open.error);
  });
}

afterEach(async () => {
  for (const live of watching.splice(0)) live.stop();
  for (const d of opened.splice(0)) {
    d.close();
    await Dexie.delete(d.name);
  }
});

/** The scenario's lessons, with the index a first wake built and stored; that wake stopped. */
async function storedScenario() {
    const d = db();
    const s = scenario();
    await d.lessons.bulkPut(s.all);
    await wake(d).ready;
    await until(async () => (await storedSeq(d)) === (await lastSeq(d)));
    for (const live of watching.splice(0)) live.stop();
  return { d, s };
}

describe('watchStoredIndex', () => {
  it('ranks as an index built from the lessons, and keeps no lesson', async () => {
    const d = db();
    const s = scenario();
    await d.lessons.bulkPut(s.all);
    const index = await wake(d).ready;
    expect(index.get(s.all[0].id)).toBeUndefined();
    const reference = relatedLessons(s.source, CHECKOUT_PAGE, createRelatedIndex(s.all)).map(({ lesson, ...r }) => ({ id: lesson.id, ...r }));
    expect(reference.map((r) => r.section)).toEqual(['workItem', 'questions', 'project', 'project', 'similar']);
    expect(rankRelated(s.source, CHECKOUT_PAGE, index)).toEqual(reference);
  });

  it('stores the index, and a wake loads it instead of reading the lessons', async () => {
    const { d, s } = await storedScenario();

    // A change the index cannot know of (same count, same newest updatedAt): only a wake that
    // read the lessons would see it.
    const target = s.all.find((l) => l.updatedAt < s.all.at(-1)!.updatedAt)!;
    await writeBehindDexie(d.name, { ...target, source: { ...target.source, workItem: 'jira:HIDDEN-1' } });
    const index = await wake(d).ready;
    expect(index.size).toBe(s.all.filter((l) => !l.deletedAt).length);
    expect([...index.onWorkItem('jira:HIDDEN-1')]).toEqual([]);
    expect(index.onWorkItem(target.source.workItem).has(target.id)).toBe(true);
  });

  it('applies at a wake the writes made while no worker ran, from the log, without building again', async () => {
    const d = db();
    const [a, b, c, d2] = [lesson({ title: 'Retry storm' }), lesson({ title: 'Cache keys' }), lesson({ title: 'Pool size' }), lesson({ title: 'Flaky login' })];
    await d.lessons.bulkPut([a, b, d2]);
    await wake(d).ready;
    await until(async () => (await storedSeq(d)) === (await lastSeq(d)));
    for (const live of watching.splice(0)) live.stop();

    // Another page writes: an edit, a new lesson, a tombstone.
    const page = db(d.name);
    await page.lessons.put({ ...a, source: { ...a.source, workItem: 'jira:ACME-9' } });
    await page.lessons.put(c);
    await page.lessons.put({ ...b, deletedAt: new Date().toISOString() });
    // And a change behind Dexie's back, which only a build from the lessons would see.
    await writeBehindDexie(d.name, { ...d2, source: { ...d2.source, workItem: 'jira:HIDDEN-2' } });

    const index = await wake(d).ready;
    expect([...index.onWorkItem('jira:ACME-9')]).toEqual([a.id]);
    expect([...index.onWorkItem(c.source.workItem)]).toEqual([c.id]);
    expect([...index.onWorkItem(d2.source.workItem)]).toEqual([d2.id]);
    expect(index.size).toBe(3);
    // Stored again once caught up; the log keeps only its last row.
    await until(async () => (await storedSeq(d)) === (await lastSeq(d)));
    expect(await d.lessonLog.count()).toBe(1);
  });

  it('builds again when the lessons disagree with the stored index (a write that bypassed the log)', async () => {
    const d = db();
    await d.lessons.bulkPut([lesson(), lesson()]);
    await wake(d).ready;
    await until(async () => (await storedSeq(d)) === (await lastSeq(d)));
    for (const live of watching.splice(0)) live.stop();

    const extra = lesson({ source: { workItem: 'jira:BEHIND-1' } });
    await writeBehindDexie(d.name, extra);
    const index = await wake(d).ready;
    expect(index.size).toBe(3);
    expect([...index.onWorkItem('jira:BEHIND-1')]).toEqual([extra.id]);
  });

  it('builds again when the stored index is of another version or shape', async () => {
    const d = db();
    const kept = lesson({ source: { workItem: 'jira:ACME-1' } });
    await d.lessons.put(kept);
    await wake(d).ready;
    await until(async () => (await storedSeq(d)) === (await lastSeq(d)));
    for (const live of watching.splice(0)) live.stop();

    const row = (await d.lessonIndexes.get('related'))!;
    const value = row.value as { index: { version: number; text: { version: number } } };
    for (const broken of [
      { ...value, index: { ...value.index, version: 0 } },
      { ...value, index: { ...value.index, text: { ...value.index.text, version: 0 } } },
      { ...value, index: { version: value.index.version } },
      'not an index',
    ]) {
      await d.lessonIndexes.put({ key: 'related', value: broken });
      const index = await wake(d).ready;
      expect([...index.onWorkItem('jira:ACME-1')]).toEqual([kept.id]);
      for (const live of watching.splice(0)) live.stop();
    }
  });

  it('follows writes while awake, and builds again after a clear', async () => {
    const d = db();
    const changes: RelatedIndex[] = [];
    const live = wake(d, changes);
    await live.ready;
    const a = lesson({ source: { workItem: 'jira:ACME-1' } });
    await d.lessons.put(a);
    await until(() => live.current()!.onWorkItem('jira:ACME-1').has(a.id));
    await d.lessons.put({ ...a, source: { ...a.source, workItem: 'jira:ACME-2' } });
    await until(() => live.current()!.onWorkItem('jira:ACME-2').has(a.id));
    expect(live.current()!.onWorkItem('jira:ACME-1').size).toBe(0);
    await d.lessons.clear();
    await until(() => live.current()!.size === 0);
    await d.lessons.put(lesson());
    await until(() => live.current()!.size === 1);
  });

  it('checks the lessons\' count after the first page, and builds again when a lesson went past the log', async () => {
    const d = db();
    const all = [lesson({ source: { workItem: 'jira:ACME-1' } }), lesson(), lesson()];
    await storedOnce(d, all);

    // Neither the log nor the newest updatedAt shows it: only the count does.
    await deleteBehindDexie(d.name, all[0].id);
    const changes: RelatedIndex[] = [];
    const live = wake(d, changes);
    await live.readyFor(page({ workItem: 'jira:ACME-1' }), '');
    await until(() => changes.length > 0);
    expect(live.current()!.size).toBe(2);
    expect([...live.current()!.onWorkItem('jira:ACME-1')]).toEqual([]);
  });

  it('reads at a wake only the blocks of the page\'s terms, and ranks with them as the whole index does', async () => {
    const d = db();
    const all = manyLessons(600);
    await storedOnce(d, all);
    expect(await d.lessonIndexes.where('key').startsWith('related/').count()).toBeGreaterThan(2);

    const source = page({ title: 'alpha3 bravo3 charlie3' });
    const text = 'delta3 echo3 foxtrot3 alpha7 bravo7';
    const live = wake(d);
    const index = await live.readyFor(source, text);
    expect(index.text.complete).toBe(false);
    expect(rankRelated(source, text, index)).toEqual(rankRelated(source, text, createRelatedIndex(all)));
    expect((await live.ready).text.complete).toBe(true);
  });

  it('builds again when a block is missing, of another store, or does not fit', async () => {
    const d = db();
    const all = manyLessons(600);
    await storedOnce(d, all);

    type Stored = { tag: number; block: { docs: Uint32Array; tfs: Uint8Array } };
    const stored = async () => (await d.lessonIndexes.get('related/1'))!.value as Stored;
    // Each made from the block as stored then (its tag is new after each build).
    const breaks: Array<(b: Stored) => unknown> = [
      () => undefined,
      (b) => ({ ...b, tag: b.tag + 1 }),
      (b) => ({ ...b, block: { ...b.block, docs: b.block.docs.slice(1) } }),
      (b) => ({ ...b, block: { ...b.block, docs: b.block.docs.map((doc, i) => (i === 0 ? all.length : doc)) } }),
      () => 'not a block',
    ];
    for (const breakIt of breaks) {
      const block = await stored();
      const broken = breakIt(block);
      if (broken === undefined) await d.lessonIndexes.delete('related/1');
      else await d.lessonIndexes.put({ key: 'related/1', value: broken });
      const index = await wake(d).ready;
      expect(index.size).toBe(all.length);
      expect(rankRelated(page({ title: 'alpha5 bravo5' }), 'charlie5', index)).toEqual(rankRelated(page({ title: 'alpha5 bravo5' }), 'charlie5', createRelatedIndex(all)));
      // Stored whole again after the build, under a tag of its own.
      const tag = async () => ((await d.lessonIndexes.get('related/1'))?.value as { tag?: number } | undefined)?.tag;
      await until(async () => (await tag()) !== undefined && (await tag()) !== block.tag);
      for (const live of watching.splice(0)) live.stop();
    }
  });
});

describe('watchStoredIndex: the ids stored apart from the head', () => {
  /** The key of the part holding the ids: the last, after the blocks of postings. */
  const idsKey = async (d: LessonDb) => `related/${(await d.lessonIndexes.where('key').startsWith('related/').count()) - 1}`;
  const source = page({ title: 'alpha3 bravo3 charlie3', workItem: 'jira:MANY-3', project: 'P3' });
  const text = 'delta3 echo3 foxtrot3 alpha7 bravo7';

  it('counts a page at a wake without reading the ids, and reads them to rank it', async () => {
    const d = db();
    const all = manyLessons(600);
    await storedOnce(d, all);
    const key = await idsKey(d);
    const head = (await d.lessonIndexes.get('related'))!.value as { index: { updatedAt?: unknown; text: { keys?: unknown } } };
    expect(head.index.updatedAt).toBeUndefined();
    expect(head.index.text.keys).toBeUndefined();
    expect((await d.lessonIndexes.get(key))!.value).toHaveProperty('ids');

    const read = vi.spyOn(d.lessonIndexes, 'bulkGet');
    const live = wake(d);
    const index = await live.readyToCount(source, text);
    const reference = createRelatedIndex(all);
    expect(countRelated(source, text, index)).toBe(badgeCount(rankRelated(source, text, reference)));
    expect(countRelated(source, text, index)).toBeGreaterThan(0);
    expect(index.hasIds).toBe(false);
    expect(read.mock.calls.flatMap(([keys]) => keys)).not.toContain(key);

    // A list of lessons (the ranking by id) reads them.
    const ranked = await live.readyFor(source, text);
    expect(ranked).toBe(index);
    expect(read.mock.calls.flatMap(([keys]) => keys)).toContain(key);
    expect(rankRelated(source, text, ranked)).toEqual(rankRelated(source, text, reference));
  });

  it('counts a page at a wake before the head\'s checks that walk all of it, and builds again after when they fail', async () => {
    const d = db();
    const all = manyLessons(600);
    await storedOnce(d, all);
    const row = (await d.lessonIndexes.get('related'))!;
    const value = row.value as { index: { workItems: { order: Uint32Array } } };
    const order = value.index.workItems.order.slice().reverse();
    await d.lessonIndexes.put({ key: 'related', value: { ...value, index: { ...value.index, workItems: { ...value.index.workItems, order } } } });

    const changes: RelatedIndex[] = [];
    const live = wake(d, changes);
    const counted = await live.readyToCount(source, text);
    expect(counted.text.complete).toBe(false);
    await until(() => changes.length > 0);
    const index = live.current()!;
    expect(index).not.toBe(counted);
    const reference = createRelatedIndex(all);
    expect(countRelated(source, text, index)).toBe(badgeCount(rankRelated(source, text, reference)));
    expect(rankRelated(source, text, await live.readyFor(source, text))).toEqual(rankRelated(source, text, reference));
  });

  it('builds again when the ids are missing, of another store or do not fit', async () => {
    const d = db();
    const all = manyLessons(600);
    await storedOnce(d, all);
    type Stored = { tag: number; ids: { keys: unknown; updatedAt: { ms: Float64Array } } };
    const breaks: Array<(p: Stored) => unknown> = [
      () => undefined,
      (p) => ({ ...p, tag: p.tag + 1 }),
      (p) => ({ ...p, ids: { ...p.ids, updatedAt: { ms: p.ids.updatedAt.ms.slice(1) } } }),
      () => 'not ids',
    ];
    for (const breakIt of breaks) {
      const key = await idsKey(d);
      const part = (await d.lessonIndexes.get(key))!.value as Stored;
      const broken = breakIt(part);
      if (broken === undefined) await d.lessonIndexes.delete(key);
      else await d.lessonIndexes.put({ key, value: broken });
      const live = wake(d);
      // Counting needs no ids: the stored index counts; what needs them finds them broken and builds.
      const counted = await live.readyToCount(source, text);
      const index = await live.ready;
      expect(index).not.toBe(counted);
      expect(rankRelated(source, text, index)).toEqual(rankRelated(source, text, createRelatedIndex(all)));
      const tag = async () => ((await d.lessonIndexes.get('related'))?.value as { tag: number }).tag;
      await until(async () => (await tag()) !== part.tag);
      await until(async () => ((await d.lessonIndexes.get(await idsKey(d)))?.value as Stored | undefined)?.tag === (await tag()));
      for (const live of watching.splice(0)) live.stop();
    }
  });
});

/** The lessons stored, and a worker woken once that stored its index and went to sleep. */
async function storedOnce(d: LessonDb, lessons: Lesson[]): Promise<void> {
  await d.lessons.bulkPut(lessons);
  await wake(d).ready;
  await until(async () => (await storedSeq(d)) === (await lastSeq(d)));
  for (const live of watching.splice(0)) live.stop();
}

/** Lessons enough for several blocks of postings: each with words of its own and words shared with some others. */
function manyLessons(n: number): Lesson[] {
  const words = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf', 'hotel'];
  return Array.from({ length: n }, (_, i) =>
    lesson({
      title: `${words[i % 8]}${i % 10} ${words[(i + 3) % 8]}${i % 7}`,
      quote: Array.from({ length: 30 }, (_, j) => `w${i}x${j}`).join(' ') + ` ${words[(i + 5) % 8]}${i % 10}`,
      source: { workItem: `jira:MANY-${i % 50}`, project: `P${i % 5}` },
    }),
  );
}

describe('watchStoredIndex with the head read ahead (at the worker’s start)', () => {
  it('takes that head instead of reading it again', async () => {
    const { d, s } = await storedScenario();
    const ahead = readHeadPlain(d.name);
    await ahead;
    const get = vi.spyOn(d.lessonIndexes, 'get');
    const live = watchStoredIndex(d, () => {}, { saveDelayMs: 0, head: ahead });
    watching.push(live);
    const index = await live.readyFor(s.source, CHECKOUT_PAGE);
    expect(get).not.toHaveBeenCalled();
    const reference = relatedLessons(s.source, CHECKOUT_PAGE, createRelatedIndex(s.all)).map(({ lesson, ...r }) => ({ id: lesson.id, ...r }));
    expect(rankRelated(s.source, CHECKOUT_PAGE, index)).toEqual(reference);
  });

  it('applies the writes made after it was read', async () => {
    const { d, s } = await storedScenario();
    const ahead = readHeadPlain(d.name);
    await ahead;
    const added = lesson({ title: 'Retry storm again', source: s.source });
    await db(d.name).lessons.put(added);
    const live = watchStoredIndex(d, () => {}, { saveDelayMs: 0, head: ahead });
    watching.push(live);
    const index = await live.readyFor(s.source, CHECKOUT_PAGE);
    expect(index.onWorkItem(s.source.workItem).has(added.id)).toBe(true);
    expect(index.size).toBe(s.all.filter((l) => !l.deletedAt).length + 1);
  });
});
