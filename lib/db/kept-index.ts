import { z } from 'zod';
import type { LessonDb } from './database';
import type { Lesson } from '../lesson';

/**
 * What an index kept beside the lessons (in `lessonIndexes`) was current to: the last write of the
 * lesson log, and a cheap check of the lessons themselves (their count and newest updatedAt, which
 * catch writes that bypassed the log).
 */
export const StampSchema = z.object({ seq: z.number().int().nonnegative(), count: z.number().int().nonnegative(), maxUpdatedAt: z.string().nullable() });
export type Stamp = z.output<typeof StampSchema>;

/** The `lessonIndexes` row that records how far each kept index has read the log. */
const READERS_KEY = 'log-readers';
const ReadersSchema = z.record(z.string(), z.number().int().nonnegative());
/**
 * Log rows kept for an index that is not being opened (a library page nobody opened in months):
 * beyond this it builds again when it next opens, and the log does not grow without end.
 */
const MAX_KEPT_WRITES = 10_000;

export function sameStamp(a: Stamp, b: Stamp): boolean {
  return a.seq === b.seq && a.count === b.count && a.maxUpdatedAt === b.maxUpdatedAt;
}

/** Call inside a transaction over lessonLog and lessons, so the stamp and what is read with it agree. */
export async function readStamp(db: LessonDb): Promise<Stamp> {
  const [quick, count] = await Promise.all([readQuickStamp(db), db.lessons.count()]);
  return { ...quick, count };
}

/**
 * The stamp but its count, in two steps of a cursor: counting walks every stored lesson (IndexedDB
 * keeps no count; half a second and more at 100,000), so a reader that must answer at once checks
 * the count after (`readStamp`). Call inside a transaction over lessonLog and lessons.
 */
export async function readQuickStamp(db: LessonDb): Promise<Omit<Stamp, 'count'>> {
  const [seq, newest] = await Promise.all([lastSeq(db), db.lessons.orderBy('updatedAt').reverse().limit(1).keys()]);
  return { seq, maxUpdatedAt: (newest[0] as string | undefined) ?? null };
}

async function lastSeq(db: LessonDb): Promise<number> {
  return ((await db.lessonLog.orderBy('seq').reverse().limit(1).primaryKeys())[0] as number | undefined) ?? 0;
}

/**
 * The ids written after write `after`, and the number of the last write; null when the index must
 * be built again instead: a range write (a clear) came after it, or the log no longer reaches back
 * to it (pruned for readers further on, or the database was made anew).
 */
export async function writesSince(db: LessonDb, after: number): Promise<{ ids: string[]; seq: number } | null> {
  const writes = await db.lessonLog.where('seq').aboveOrEqual(after).toArray();
  if (!writes.length) return (await lastSeq(db)) < after ? null : { ids: [], seq: after };
  // Pruning keeps the row each reader stopped at, so a reader whose row is gone has missed writes.
  if (after > 0 && writes[0].seq !== after) return null;
  const ids = new Set<string>();
  for (const { seq, ids: some } of writes) {
    if (seq === after) continue;
    if (!some) return null;
    for (const id of some) ids.add(id);
  }
  return { ids: [...ids], seq: writes[writes.length - 1].seq! };
}

/** The row of part `i` of an index stored in parts under `key`. */
export function partKey(key: string, i: number): string {
  return `${key}/${i}`;
}

/** Parts `parts` of the index stored under `key`, as stored (undefined where a row is missing). */
export async function readParts(db: LessonDb, key: string, parts: readonly number[]): Promise<unknown[]> {
  return (await db.lessonIndexes.bulkGet(parts.map((i) => partKey(key, i)))).map((row) => row?.value);
}

/**
 * Stores an index under `key` as current to write `seq` (with the lessons' stamp), unless later
 * writes are still to be applied; returns whether it stored. Its `parts` (rows a reader may read
 * only some of, `readParts`) replace those stored before. Log rows every kept index has read go
 * in the same transaction.
 */
export async function storeKept(db: LessonDb, key: string, seq: number, value: (stamp: Stamp) => unknown, parts: readonly unknown[] = []): Promise<boolean> {
  return db.transaction('rw', [db.lessonIndexes, db.lessonLog, db.lessons], async () => {
    const stamp = await readStamp(db);
    if (stamp.seq !== seq) return false;
    await db.lessonIndexes.put({ key, value: value(stamp) });
    await db.lessonIndexes.where('key').between(`${key}/`, `${key}/\uffff`).delete();
    if (parts.length) await db.lessonIndexes.bulkPut(parts.map((part, i) => ({ key: partKey(key, i), value: part })));
    const was = ReadersSchema.safeParse((await db.lessonIndexes.get(READERS_KEY))?.value);
    const readers = { ...(was.success ? was.data : {}), [key]: seq };
    await db.lessonIndexes.put({ key: READERS_KEY, value: readers });
    const oldest = Math.max(Math.min(...Object.values(readers)), seq - MAX_KEPT_WRITES);
    await db.lessonLog.where('seq').below(oldest).delete();
    return true;
  });
}

/** Lessons read per step while a kept index is built: never all of them in memory at once. */
const BUILD_PAGE = 5000;

/**
 * Every stored lesson for building a kept index, read in pages by primary key (each page one
 * `getAll`), handed over a page at a time; the number read so far follows each page.
 */
export async function eachLessonPage(db: LessonDb, take: (page: readonly Lesson[], read: number) => void): Promise<void> {
  let last: string | null = null;
  let read = 0;
  for (;;) {
    const page: Lesson[] = await (last === null
      ? db.lessons.orderBy(':id').limit(BUILD_PAGE).toArray()
      : db.lessons.where(':id').above(last).limit(BUILD_PAGE).toArray());
    read += page.length;
    take(page, read);
    if (page.length < BUILD_PAGE) return;
    last = page[page.length - 1].id;
  }
}
