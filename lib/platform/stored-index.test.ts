import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { openDb, type LessonDb } from '../db/database';
import type { Lesson } from '../lesson';
import { createRelatedIndex, rankRelated, relatedLessons, type RelatedIndex } from '../related/rank';
import { CHECKOUT_PAGE, CHECKOUT_PAGE_TITLE, SAME_FAILURE, UNRELATED, lesson, page } from '../../test/support/related-fixtures';
import { watchStoredIndex, type LiveRelatedIndex } from './related-index';

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
const watching: LiveRelatedIndex[] = [];

function db(name = `stored-index-${++n}`): LessonDb {
  const d = openDb(name);
  opened.push(d);
  return d;
}

/** A worker waking: a new watch on the database, stored a moment after each change. */
function wake(d: LessonDb, changes: RelatedIndex[] = []): LiveRelatedIndex {
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
function writeBehindDexie(name: string, row: Lesson): Promise<void> {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open(name);
    open.onsuccess = () => {
      const tx = open.result.transaction('lessons', 'readwrite');
      tx.objectStore('lessons').put(row);
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
    const d = db();
    const s = scenario();
    await d.lessons.bulkPut(s.all);
    await wake(d).ready;
    await until(async () => (await storedSeq(d)) === (await lastSeq(d)));
    for (const live of watching.splice(0)) live.stop();

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
});
