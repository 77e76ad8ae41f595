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

/** A stored index is current but for its count (checked after: `writtenPastLog`). */
export function quickStampCurrent(stored: Stamp, now: Omit<Stamp, 'count'>): boolean {
  return stored.seq === now.seq && stored.maxUpdatedAt === now.maxUpdatedAt;
}

/**
 * The stamp but its count, in two steps of a cursor: counting walks every stored lesson (IndexedDB
 * keeps no count; half a second and more at 100,000), so a reader that must answer at once checks
 * the count after (`writtenPastLog`). Call inside a transaction over lessonLog and lessons.
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
 * Stores an index under `key` as current to write `seq`, unless later writes are still to be applied;
 * returns whether it stored. `built`, the stamp of the lessons it was built from (`readForBuild`),
 * is stored as it is: a stamp counted now would vouch for lessons written past the log since the
 * build, which the index does not hold. Without it (writes were applied since) the lessons are
 * counted now. Its `parts` (rows a reader may read only some of, `readParts`) replace those stored
 * before. Log rows every kept index has read go in the same transaction.
 */
export async function storeKept(db: LessonDb, key: string, seq: number, value: (stamp: Stamp) => unknown, parts: readonly unknown[] = [], built?: Stamp): Promise<boolean> {
  // Counted before, in steps: a count() in the read-write transaction below would hold every
  // reader of the lessons (a page's rows, a badge's blocks) behind a walk of all of them.
  const stamp = built ?? (await stampInSteps(db, () => false));
  if (!stamp || stamp.seq !== seq) return false;
  return db.transaction('rw', [db.lessonIndexes, db.lessonLog, db.lessons], async () => {
    if (!quickStampCurrent(stamp, await readQuickStamp(db))) return false;
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

/** Lessons (or their keys) read per step: never all of them in memory, nor one long walk others wait behind. */
const PAGE = 5000;

/** Pages of the lessons' table by primary key; `take` returning false stops the reading. */
async function byIdPages<T>(db: LessonDb, read: (c: ReturnType<LessonDb['lessons']['orderBy']>) => Promise<T[]>, keyOf: (last: T) => string, take: (page: T[]) => boolean | void): Promise<void> {
  let last: string | null = null;
  for (;;) {
    const page = await read(last === null ? db.lessons.orderBy(':id').limit(PAGE) : db.lessons.where(':id').above(last).limit(PAGE));
    if (take(page) === false || page.length < PAGE) return;
    last = keyOf(page[page.length - 1]);
  }
}

/**
 * Every stored lesson for building a kept index, read in pages by primary key (each page one
 * `getAll`), handed over a page at a time with the number read so far; returns the stamp of what
 * was read (the last write before reading, the count and newest updatedAt of the lessons read),
 * which `storeKept` stores with the index.
 */
export async function readForBuild(db: LessonDb, take: (page: readonly Lesson[], read: number) => void): Promise<Stamp> {
  // Read first: writes landing while the lessons are read come after it, and are applied again.
  const { seq } = await db.transaction('r', [db.lessonLog, db.lessons], () => readQuickStamp(db));
  let count = 0;
  let maxUpdatedAt: string | null = null;
  await byIdPages(db, (c) => c.toArray(), (l) => l.id, (page) => {
    for (const l of page) if (maxUpdatedAt === null || l.updatedAt > maxUpdatedAt) maxUpdatedAt = l.updatedAt;
    take(page, (count += page.length));
  });
  return { seq, count, maxUpdatedAt };
}

/**
 * The stamp, its count read from the lessons' keys a page at a time: one count() is a single walk of
 * every lesson (half a second and more at 100,000) that the reads of a page or a badge wait behind.
 * Null when writes were logged meanwhile (the count may not be theirs) or `stop()` turned true.
 */
export async function stampInSteps(db: LessonDb, stop: () => boolean): Promise<Stamp | null> {
  const quick = () => db.transaction('r', [db.lessonLog, db.lessons], () => readQuickStamp(db));
  const before = await quick();
  let count = 0;
  let stopped = false;
  await byIdPages(db, (c) => c.primaryKeys(), (key) => key, (keys) => {
    count += keys.length;
    return !(stopped = stop());
  });
  const after = await quick();
  return stopped || after.seq !== before.seq ? null : { ...after, count };
}

/**
 * Whether lessons were written past the log since an index was stored at `stored` (current to the
 * last write and newest updatedAt: `quickStampCurrent`): their count differs. False when writes
 * were logged since (the follower applies those) or `stop()` turned true.
 */
export async function writtenPastLog(db: LessonDb, stored: Stamp, stop: () => boolean): Promise<boolean> {
  const now = await stampInSteps(db, stop);
  return now !== null && now.seq === stored.seq && !sameStamp(now, stored);
}
