import { afterEach, describe, expect, it, vi } from 'vitest';
import { openDb, type LessonDb } from './database';
import { readForBuild, readParts, readQuickStamp, stampInSteps, storeKept, writesSince, writtenPastLog } from './kept-index';
import { lesson } from '../../test/support/related-fixtures';

const opened: LessonDb[] = [];
let n = 0;
function db(): LessonDb {
  const d = openDb(`kept-index-${++n}`);
  opened.push(d);
  return d;
}
afterEach(async () => {
  for (const d of opened.splice(0)) await d.delete();
});

const lastSeq = async (d: LessonDb) => (await d.lessonLog.orderBy('seq').last())?.seq ?? 0;

describe('indexes kept beside the lessons', () => {
  it('gives the ids written since a reader stopped, once each', async () => {
    const d = db();
    const [a, b] = [lesson({ title: 'A' }), lesson({ title: 'B' })];
    await d.lessons.put(a);
    const at = await lastSeq(d);
    await d.lessons.put(b);
    await d.lessons.put({ ...a, title: 'A again' });
    expect(await writesSince(d, at)).toEqual({ ids: [b.id, a.id], seq: await lastSeq(d) });
    expect(await writesSince(d, await lastSeq(d))).toEqual({ ids: [], seq: await lastSeq(d) });
  });

  it('says build again after a clear', async () => {
    const d = db();
    await d.lessons.put(lesson());
    const at = await lastSeq(d);
    await d.lessons.clear();
    expect(await writesSince(d, at)).toBeNull();
  });

  it('keeps the log a slower reader still needs, and prunes what every reader has read', async () => {
    const d = db();
    await d.lessons.put(lesson());
    const slow = await lastSeq(d);
    expect(await storeKept(d, 'library', slow, (stamp) => stamp)).toBe(true);
    for (let i = 0; i < 3; i++) await d.lessons.put(lesson());
    const fast = await lastSeq(d);
    expect(await storeKept(d, 'related', fast, (stamp) => stamp)).toBe(true);
    // The library has not read the three writes: they stay for it.
    expect((await writesSince(d, slow))!.ids).toHaveLength(3);
    expect(await storeKept(d, 'library', fast, (stamp) => stamp)).toBe(true);
    expect(await d.lessonLog.count()).toBe(1);
    expect(await writesSince(d, fast)).toEqual({ ids: [], seq: fast });
  });

  it('does not store an index behind the log, and a reader whose writes were pruned builds again', async () => {
    const d = db();
    await d.lessons.put(lesson());
    const old = await lastSeq(d);
    await d.lessons.put(lesson());
    expect(await storeKept(d, 'related', old, (stamp) => stamp)).toBe(false);
    await d.lessons.put(lesson());
    expect(await storeKept(d, 'related', await lastSeq(d), (stamp) => stamp)).toBe(true);
    // Only 'related' is a known reader, so the rows after `old` went with the rest.
    expect(await writesSince(d, old)).toBeNull();
  });

  it('stores an index\'s parts with it, replacing those stored before, and reads the parts asked for', async () => {
    const d = db();
    await d.lessons.put(lesson());
    const seq = await lastSeq(d);
    expect(await storeKept(d, 'related', seq, (stamp) => stamp, ['a', 'b', 'c'])).toBe(true);
    expect(await storeKept(d, 'library', seq, (stamp) => stamp, ['x'])).toBe(true);
    expect(await readParts(d, 'related', [2, 0])).toEqual(['c', 'a']);
    expect(await storeKept(d, 'related', seq, (stamp) => stamp, ['d'])).toBe(true);
    expect(await readParts(d, 'related', [0, 1, 2])).toEqual(['d', undefined, undefined]);
    // Another index's parts are its own.
    expect(await readParts(d, 'library', [0])).toEqual(['x']);
  });

  it('gives the stamp but its count at once, as the whole stamp has it', async () => {
    const d = db();
    await d.lessons.bulkPut([lesson(), lesson()]);
    const { count, ...quick } = (await stampInSteps(d, () => false))!;
    expect(count).toBe(2);
    expect(await d.transaction('r', [d.lessonLog, d.lessons], () => readQuickStamp(d))).toEqual(quick);
  });

  it('counts the lessons for a stamp in pages of keys, never by one count(), and tells those written past the log', async () => {
    const d = db();
    // One more than a page of keys: the count goes on past the first page.
    await d.lessons.bulkPut(Array.from({ length: 5001 }, (_, i) => lesson({ title: `L${i}` })));
    const stamp = (await stampInSteps(d, () => false))!;
    expect(stamp.count).toBe(5001);
    const counted = vi.spyOn(d.lessons, 'count');
    expect(await writtenPastLog(d, stamp, () => false)).toBe(false);
    expect(await writtenPastLog(d, { ...stamp, count: 5000 }, () => false)).toBe(true);
    // Storing takes its stamp the same way, outside its read-write transaction.
    expect(await storeKept(d, 'library', stamp.seq, (at) => at)).toBe(true);
    expect((await d.lessonIndexes.get('library'))?.value).toEqual(stamp);
    expect(counted).not.toHaveBeenCalled();
    // Stopped (the page closed): no verdict.
    expect(await writtenPastLog(d, { ...stamp, count: 5000 }, () => true)).toBe(false);
    // A write logged since: the log's reader applies it, the count is not judged.
    await d.lessons.put(lesson({ title: 'logged' }));
    expect(await writtenPastLog(d, { ...stamp, count: 5000 }, () => false)).toBe(false);
  });

  it('reads the lessons for a build with the stamp of what it read, which storing keeps as it is', async () => {
    const d = db();
    await d.lessons.bulkPut(Array.from({ length: 5001 }, (_, i) => lesson({ title: `L${i}`, updatedAt: new Date(Date.UTC(2025, 0, 1, 0, 0, i)).toISOString() })));
    let read = 0;
    const built = await readForBuild(d, (page) => (read += page.length));
    expect(read).toBe(5001);
    expect(built).toEqual(await stampInSteps(d, () => false));
    // Counted at the build, not now: a lesson written since (past the log here, as stamped below) is not vouched for.
    expect(await storeKept(d, 'library', built.seq, (at) => at, [], { ...built, count: 4000 })).toBe(true);
    expect((await d.lessonIndexes.get('library'))?.value).toEqual({ ...built, count: 4000 });
    // The lessons' newest updatedAt moved since the build: nothing is stored.
    expect(await storeKept(d, 'library', built.seq, (at) => at, [], { ...built, maxUpdatedAt: '2024-01-01T00:00:00.000Z' })).toBe(false);
  });
});
