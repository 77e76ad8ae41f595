import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { openDb, type LessonDb } from '../db/database';
import type { RelatedIndex } from '../related/rank';
import { lesson } from '../../test/support/related-fixtures';
import { watchRelatedIndex, type LiveRelatedIndex } from './related-index';

let db: LessonDb;
let live: LiveRelatedIndex;
let n = 0;

function open(): { changes: RelatedIndex[] } {
  db = openDb(`related-index-${++n}`);
  const changes: RelatedIndex[] = [];
  live = watchRelatedIndex(db, (index) => changes.push(index));
  return { changes };
}

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 5));
  expect(check()).toBe(true);
}

afterEach(async () => {
  live.stop();
  db.close();
  await db.delete();
});

describe('watchRelatedIndex', () => {
  it('builds the index from the stored lessons, leaving tombstones out', async () => {
    db = openDb(`related-index-${++n}`);
    const kept = lesson({ title: 'Kept', source: { workItem: 'jira:ACME-1', project: 'ACME' } });
    const gone = lesson({ title: 'Gone', deletedAt: new Date().toISOString(), source: { workItem: 'jira:ACME-1' } });
    await db.lessons.bulkPut([kept, gone]);
    live = watchRelatedIndex(db, () => {});
    const index = await live.ready;
    expect(index.size).toBe(1);
    expect([...index.onWorkItem('jira:ACME-1')]).toEqual([kept.id]);
  });

  it('follows adds, edits, tombstones and hard deletes without rebuilding', async () => {
    const { changes } = open();
    await live.ready;
    const index = () => live.current()!;
    expect(index().size).toBe(0);

    const a = lesson({ title: 'Retry storm', source: { workItem: 'jira:ACME-1', project: 'ACME' } });
    await db.lessons.put(a);
    await until(() => index().size === 1);
    expect(changes.at(-1)).toBe(index());

    await db.lessons.put({ ...a, source: { ...a.source, workItem: 'jira:ACME-2' } });
    await until(() => index().onWorkItem('jira:ACME-2').has(a.id));
    expect(index().onWorkItem('jira:ACME-1').size).toBe(0);

    await db.lessons.put({ ...a, deletedAt: new Date().toISOString() });
    await until(() => index().size === 0);

    const b = lesson({ title: 'Cache keys' });
    await db.lessons.put(b);
    await until(() => index().size === 1);
    await db.lessons.delete(b.id);
    await until(() => index().size === 0);
    // Single-row writes are applied to the index, never a rebuild.
    expect(new Set(changes.slice(1)).size).toBe(1);
  });

  it('applies writes that land while the first read runs', async () => {
    db = openDb(`related-index-${++n}`);
    await db.lessons.bulkPut(Array.from({ length: 300 }, () => lesson()));
    live = watchRelatedIndex(db, () => {});
    const late = lesson({ title: 'Late', source: { workItem: 'jira:LATE-1' } });
    await db.lessons.put(late);
    await live.ready;
    await until(() => !!live.current()?.onWorkItem('jira:LATE-1').has(late.id));
    expect(live.current()!.size).toBe(301);
  });

  it('rebuilds after a clear', async () => {
    const { changes } = open();
    await db.lessons.bulkPut([lesson(), lesson()]);
    await until(() => changes.at(-1)?.size === 2);
    await db.lessons.clear();
    await until(() => changes.at(-1)?.size === 0);
  });

  it('starts again from nothing when the database is deleted under it, and follows writes after', async () => {
    const { changes } = open();
    await db.lessons.bulkPut([lesson(), lesson()]);
    await until(() => changes.at(-1)?.size === 2);
    await Dexie.delete(db.name);
    await until(() => changes.at(-1)?.size === 0);
    await db.lessons.put(lesson());
    await until(() => changes.at(-1)?.size === 1);
  });

  it('stops listening when stopped', async () => {
    const { changes } = open();
    await live.ready;
    live.stop();
    await db.lessons.put(lesson());
    await new Promise((r) => setTimeout(r, 50));
    expect(changes).toEqual([]);
  });
});
