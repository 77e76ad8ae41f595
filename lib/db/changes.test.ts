import { afterEach, describe, expect, it } from 'vitest';
import { openDb, type LessonDb } from './database';
import { followLessonWrites, type Touched } from './changes';
import { makeLesson } from '../../test/support/library-lessons';

let db: LessonDb;
let unfollow = () => {};
afterEach(async () => {
  unfollow();
  db.close();
  await db.delete();
});

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 5));
  expect(check()).toBe(true);
}

/** A database whose creation (announced as a change of everything) is behind us. */
async function created(): Promise<LessonDb> {
  const opened = openDb(`changes-${Math.random()}`);
  await opened.open();
  await new Promise((r) => setTimeout(r, 20));
  return opened;
}

const ids = (t: Touched) => (t.all ? 'all' : [...t.ids].sort());

describe('followLessonWrites', () => {
  it('names the lessons each write touched, and everything after a clear', async () => {
    db = await created();
    const seen: Touched[] = [];
    unfollow = followLessonWrites(db, async (t) => void seen.push(t));
    const [a, b] = [makeLesson(), makeLesson()];
    await db.lessons.bulkPut([a, b]);
    await until(() => seen.length === 1);
    expect(ids(seen[0])).toEqual([a.id, b.id].sort());

    await db.lessons.delete(a.id);
    await until(() => seen.length === 2);
    expect(ids(seen[1])).toEqual([a.id]);

    await db.meta.put({ key: 'cursor', value: 1 });
    await db.lessons.clear();
    await until(() => seen.length === 3);
    expect(ids(seen[2])).toBe('all');
  });

  it('runs one call at a time, merging the writes that land meanwhile', async () => {
    db = await created();
    const seen: Touched[] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    unfollow = followLessonWrites(db, async (t) => {
      seen.push(t);
      if (seen.length === 1) await gate;
    });
    const [a, b, c] = [makeLesson(), makeLesson(), makeLesson()];
    await db.lessons.put(a);
    await until(() => seen.length === 1);
    await db.lessons.put(b);
    await db.lessons.put(c);
    await new Promise((r) => setTimeout(r, 50));
    expect(seen).toHaveLength(1);
    release();
    await until(() => seen.length === 2);
    expect(ids(seen[1])).toEqual([b.id, c.id].sort());
  });

  it('keeps following after a failed call, and stops when told', async () => {
    db = await created();
    const seen: string[][] = [];
    unfollow = followLessonWrites(db, async (t) => {
      seen.push(ids(t) as string[]);
      if (seen.length === 1) throw new Error('read failed');
    });
    const [a, b, c] = [makeLesson(), makeLesson(), makeLesson()];
    await db.lessons.put(a);
    await until(() => seen.length === 1);
    await db.lessons.put(b);
    await until(() => seen.length === 2);
    unfollow();
    await db.lessons.put(c);
    await new Promise((r) => setTimeout(r, 50));
    expect(seen).toEqual([[a.id], [b.id]]);
  });
});
