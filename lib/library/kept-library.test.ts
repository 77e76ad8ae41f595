import { afterEach, describe, expect, it, vi } from 'vitest';
import { openDb, type LessonDb } from '../db/database';
import { writtenPastLog } from '../db/kept-index';
import type { Lesson } from '../lesson';
import { LessonIndex } from '../../test/support/library-reference';
import { makeLesson } from '../../test/support/library-lessons';
import { EMPTY_FILTERS } from './filters';
import { loadLibraryIndex, storeLibraryIndex, watchLibraryIndex, type LiveLibrary } from './kept-library';
import { LibraryIndex } from './library-index';
import { readStoredIndex } from './stored-read';

let n = 0;
const opened: LessonDb[] = [];
const watching: LiveLibrary[] = [];
function db(name = `kept-library-${++n}`): LessonDb {
  const d = openDb(name);
  opened.push(d);
  return d;
}
afterEach(async () => {
  vi.restoreAllMocks();
  for (const w of watching.splice(0)) w.stop();
  for (const d of opened.splice(0)) {
    d.close();
    await d.delete();
  }
});

const at = (k: number) => new Date(Date.UTC(2025, 0, 1) + k * 3600_000).toISOString();
const lessons = (count: number, from = 0) =>
  Array.from({ length: count }, (_, k) => makeLesson({ title: `Entry ${from + k}`, note: k % 3 ? 'socket buffer' : 'kernel', createdAt: at(from + k), updatedAt: at(from + k) }));

/** The index answers as the search before it would over what the database holds now. */
async function expectCurrent(d: LessonDb, index: LibraryIndex) {
  const reference = new LessonIndex(await d.lessons.toArray());
  for (const q of ['', 'socket', 'kern', 'entry 1']) expect(index.query({ ...EMPTY_FILTERS, q }).ids(), q).toEqual(reference.query({ ...EMPTY_FILTERS, q }).map((r) => r.id));
}

/** Opens the library's index, telling whether it was built (lessons read) or loaded. */
async function open(d: LessonDb) {
  let read = 0;
  const loaded = await loadLibraryIndex(d, (k) => (read = k));
  return { ...loaded, built: read > 0 };
}

/** Writes lessons with plain IndexedDB, as nothing in the extension does (a test's seed does): no log, no notice. */
function pastTheLog(d: LessonDb, rows: Lesson[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const tx = d.backendDB().transaction('lessons', 'readwrite');
    for (const row of rows) tx.objectStore('lessons').put(row);
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
  });
}

const change = (l: Lesson, over: Partial<Lesson>): Lesson => ({ ...l, ...over, updatedAt: at(10_000 + n++) });

describe('the library index kept in IndexedDB', () => {
  it('is built once, stored, and then loaded in one read', async () => {
    const d = db();
    await d.lessons.bulkPut(lessons(120));
    const first = await open(d);
    expect(first.built).toBe(true);
    expect(await storeLibraryIndex(d, first.index, first.seq)).toBe(true);
    const again = await open(d);
    expect(again).toMatchObject({ built: false, stored: true });
    await expectCurrent(d, again.index);
  });

  it('catches up with writes made since it was stored, by id', async () => {
    const d = db();
    const all = lessons(60);
    await d.lessons.bulkPut(all);
    const first = await open(d);
    await storeLibraryIndex(d, first.index, first.seq);
    await d.lessons.put(change(all[3], { note: 'kernel panic', createdAt: at(500) }));
    await d.lessons.put(change(all[4], { deletedAt: at(501) }));
    await d.lessons.delete(all[5].id);
    await d.lessons.bulkPut(lessons(3, 900));
    const again = await open(d);
    expect(again).toMatchObject({ built: false, stored: false });
    await expectCurrent(d, again.index);
  });

  it('uses the stored index read ahead with plain IndexedDB, caught up with writes made after that read', async () => {
    const d = db();
    const all = lessons(60);
    await d.lessons.bulkPut(all);
    const first = await open(d);
    await storeLibraryIndex(d, first.index, first.seq);
    const ahead = readStoredIndex(d.name);
    await ahead;
    await d.lessons.put(change(all[7], { note: 'kernel panic', createdAt: at(700) }));
    await d.lessons.bulkPut(lessons(2, 950));
    const get = vi.spyOn(d.lessonIndexes, 'get');
    let read = 0;
    const again = await loadLibraryIndex(d, (k) => (read = k), ahead);
    expect(get).not.toHaveBeenCalled();
    expect(read).toBe(0);
    expect(again.stored).toBe(false);
    await expectCurrent(d, again.index);
  });

  it('reads the stored index itself when none could be read ahead', async () => {
    const d = db();
    await d.lessons.bulkPut(lessons(20));
    const first = await open(d);
    await storeLibraryIndex(d, first.index, first.seq);
    expect(await readStoredIndex('kept-library-no-such-db')).toBeNull();
    const again = await loadLibraryIndex(d, undefined, Promise.resolve(null));
    expect(again).toMatchObject({ stored: true });
    await expectCurrent(d, again.index);
  });

  it('is built again when stored by another version, cut short, or not matching the lessons', async () => {
    const d = db();
    await d.lessons.bulkPut(lessons(30));
    const first = await open(d);
    await storeLibraryIndex(d, first.index, first.seq);
    const stored = (await d.lessonIndexes.get('library'))!.value as { index: Record<string, unknown>; count: number };
    const rewrite = (value: unknown) => d.lessonIndexes.put({ key: 'library', value });

    await rewrite({ ...stored, index: { ...stored.index, shape: -1 } });
    expect((await open(d)).built).toBe(true);
    await rewrite({ ...stored, index: { ...stored.index, post: new Uint8Array(3) } });
    expect((await open(d)).built).toBe(true);
    await rewrite({ ...stored, index: 'junk' });
    expect((await open(d)).built).toBe(true);
    // Same last write, another count: its count is the caller's to check, after.
    await rewrite({ ...stored, count: stored.count + 1 });
    expect(await open(d)).toMatchObject({ built: false, uncounted: { count: stored.count + 1 } });
    await rewrite(stored);
    expect((await open(d)).built).toBe(false);
  });

  it('is used at once, and built again when the lessons were written past the log (their count differs)', async () => {
    const d = db();
    const all = lessons(30);
    await d.lessons.bulkPut(all);
    const first = await open(d);
    await storeLibraryIndex(d, first.index, first.seq);
    // An index that missed a lesson written past the log: same last write and newest updatedAt.
    const stored = (await d.lessonIndexes.get('library'))!.value as { count: number };
    await d.lessonIndexes.put({ key: 'library', value: { ...stored, count: stored.count - 1, index: LibraryIndex.from(all.slice(1)).snapshot() } });

    let read = 0;
    const changes: (string[] | null)[] = [];
    // One count() is a walk of every lesson that the page's reads wait behind: counted in steps.
    const counted = vi.spyOn(d.lessons, 'count');
    let countsBeforeRebuilt = -1;
    const live = watchLibraryIndex(d, { onChange: (_, c) => (changes.push(c?.ids ?? null), (countsBeforeRebuilt = counted.mock.calls.length)), onProgress: (k) => (read = k), saveDelayMs: 0 });
    watching.push(live);
    expect((await live.ready).size).toBe(29);
    expect(read).toBe(0);
    await expect.poll(() => changes).toEqual([null]);
    await expectCurrent(d, live.current()!);
    expect(countsBeforeRebuilt).toBe(0);
  });

  it('is stored with the stamp of the lessons it was built from: lessons written past the log before it is stored are not vouched for', async () => {
    const builtThenWritten = async (written: Lesson[]) => {
      const d = db();
      await d.lessons.bulkPut(lessons(10));
      const first = await open(d);
      await pastTheLog(d, written);
      return { d, stored: await storeLibraryIndex(d, first.index, first.seq, first.readFrom) };
    };
    // Newer than those built from: the newest updatedAt moved, so it is not stored, and built again.
    const newer = await builtThenWritten(lessons(5, 10));
    expect(newer.stored).toBe(false);
    const rebuilt = await open(newer.d);
    expect(rebuilt.built).toBe(true);
    await expectCurrent(newer.d, rebuilt.index);
    // Older: only the count shows them. Stored with the build's count, which the check after tells apart.
    const older = await builtThenWritten(lessons(5, -10));
    expect(older.stored).toBe(true);
    const loaded = await open(older.d);
    expect(loaded).toMatchObject({ built: false, uncounted: { count: 10 } });
    expect(await writtenPastLog(older.d, loaded.uncounted!, () => false)).toBe(true);
  });

  it('follows writes from other pages, stores them, and builds again after a clear', async () => {
    const name = `kept-library-${++n}`;
    const d = db(name);
    const other = db(name);
    const all = lessons(40);
    await d.lessons.bulkPut(all);
    const changes: (string[] | null)[] = [];
    let stored = 0;
    const live = watchLibraryIndex(d, { onChange: (_, c) => changes.push(c?.ids ?? null), onStored: () => stored++, saveDelayMs: 0 });
    watching.push(live);
    await live.ready;
    await expect.poll(() => stored).toBe(1);

    await other.lessons.put(change(all[0], { note: 'kernel socket' }));
    await expect.poll(() => changes.length).toBe(1);
    expect(changes[0]).toEqual([all[0].id]);
    await expectCurrent(d, live.current()!);
    await expect.poll(() => stored).toBe(2);
    expect((await open(d)).stored).toBe(true);

    await other.lessons.clear();
    await expect.poll(() => changes.at(-1)).toBeNull();
    expect(live.current()!.size).toBe(0);
  });
});
