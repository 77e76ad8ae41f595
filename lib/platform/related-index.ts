import { z } from 'zod';
import type { LessonDb } from '../db/database';
import type { Lesson } from '../lesson';
import { followLessonWrites } from '../db/changes';
import { storedRows } from '../db/stored-rows';
import { readStamp, sameStamp, StampSchema, storeKept, writesSince } from '../db/kept-index';
import { createRelatedIndex, RelatedIndex } from '../related/rank';
import type { RelatedSnapshot } from '../related/lesson-index';

export interface LiveRelatedIndex {
  /** The index over every live lesson, built once from the database. */
  ready: Promise<RelatedIndex>;
  /** The index as it is now: a range write (a clear, a bulk import) replaces it with a new one. */
  current(): RelatedIndex | null;
  stop(): void;
}

/**
 * Builds the related-lessons index, with the lessons (the side panel shows them), from Dexie once
 * and keeps it current: only the rows each write touched are read again. A 10,000-lesson index is
 * never rebuilt per page or per write, except after a range write such as a clear, which is rare.
 */
export function watchRelatedIndex(db: LessonDb, onChange: (index: RelatedIndex) => void): LiveRelatedIndex {
  let index: RelatedIndex | null = null;
  let stopped = false;
  const ready = db.lessons.toArray().then((lessons) => (index = createRelatedIndex(lessons)));
  // Follows writes from now on, so one landing during the first read is applied after it.
  const unfollow = followLessonWrites(db, async (touched) => {
    await ready;
    if (touched.all) index = createRelatedIndex(await db.lessons.toArray());
    else await refresh(db, index!, [...touched.ids]);
    if (!stopped) onChange(index!);
  });
  return {
    ready,
    current: () => index,
    stop() {
      stopped = true;
      unfollow();
    },
  };
}

async function refresh(db: LessonDb, index: RelatedIndex, ids: string[]): Promise<void> {
  const rows = await storedRows(db.lessons, ids);
  for (const id of ids) {
    const row = rows.get(id);
    if (row) index.add(row);
    else index.remove(id);
  }
}

/** The stored related index's key in `lessonIndexes`. */
const STORED_KEY = 'related';
/** Lessons read per step while the index is built: never all of them in memory at once. */
const BUILD_PAGE = 5000;
/** Writes come in bursts (an edit, then its undo): the index is stored once they settle. */
const SAVE_DELAY_MS = 2000;

const StoredSchema = StampSchema.extend({ index: z.custom<RelatedSnapshot>((v) => typeof v === 'object' && v !== null) });

/**
 * The worker's related index: stored in IndexedDB and loaded in one read when the worker wakes,
 * with no lesson in memory (it ranks with `rankRelated`). Current to a numbered write of the
 * lesson log (lib/db/lesson-log.ts): writes made since, by any page, are read by id and applied;
 * an index that is missing, from another version, or disagrees with the lessons (their count and
 * newest updatedAt, which catch writes that bypassed the log) is built again from the lessons, a
 * page at a time. Stored again a moment after writes settle.
 */
export function watchStoredIndex(db: LessonDb, onChange: (index: RelatedIndex) => void, { saveDelayMs = SAVE_DELAY_MS } = {}): LiveRelatedIndex {
  let index: RelatedIndex | null = null;
  let applied = 0;
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const save = (delay: number) => {
    clearTimeout(timer);
    timer = setTimeout(() => void (index && !stopped && storeIndex(db, index, applied).catch(() => {})), delay);
  };
  const use = (loaded: { index: RelatedIndex; seq: number; stored: boolean }) => {
    index = loaded.index;
    applied = loaded.seq;
    // A built index is stored at once: the browser may stop the worker any time after the count.
    if (!loaded.stored) save(0);
    return loaded.index;
  };
  const ready = loadIndex(db).then(use);
  // Loaded while the page is read: a failure is handled where the index is awaited, not here.
  ready.catch(() => {});
  const unfollow = followLessonWrites(db, async (touched) => {
    await ready;
    const seq = touched.all ? null : await catchUp(db, index!, applied);
    if (seq === null) use(await buildIndex(db));
    else if (seq !== applied) {
      applied = seq;
      save(saveDelayMs);
    }
    if (!stopped) onChange(index!);
  });
  return {
    ready,
    current: () => index,
    stop() {
      stopped = true;
      clearTimeout(timer);
      unfollow();
    },
  };
}

async function loadIndex(db: LessonDb): Promise<{ index: RelatedIndex; seq: number; stored: boolean }> {
  const [row, stamp] = await db.transaction('r', [db.lessonIndexes, db.lessonLog, db.lessons], () => Promise.all([db.lessonIndexes.get(STORED_KEY), readStamp(db)]));
  const stored = StoredSchema.safeParse(row?.value);
  const index = stored.success ? restore(stored.data.index) : null;
  if (stored.success && index) {
    const was = stored.data;
    if (sameStamp(was, stamp)) return { index, seq: was.seq, stored: true };
    if (was.seq < stamp.seq) {
      const seq = await catchUp(db, index, was.seq);
      if (seq !== null) return { index, seq, stored: false };
    }
  }
  return buildIndex(db);
}

function restore(snapshot: RelatedSnapshot): RelatedIndex | null {
  try {
    return RelatedIndex.restore(snapshot);
  } catch {
    // A row of another shape (a field missing, not an array): built again.
    return null;
  }
}

/** Applies the writes logged after `after`; the number of the last, or null when the index must be built again. */
async function catchUp(db: LessonDb, index: RelatedIndex, after: number): Promise<number | null> {
  const since = await writesSince(db, after);
  if (since?.ids.length) await refresh(db, index, since.ids);
  return since?.seq ?? null;
}

async function buildIndex(db: LessonDb): Promise<{ index: RelatedIndex; seq: number; stored: boolean }> {
  // Read first: writes landing while the lessons are read come after it, and are applied again.
  const { seq } = await db.transaction('r', [db.lessonLog, db.lessons], () => readStamp(db));
  const builder = RelatedIndex.builder();
  let last: string | null = null;
  for (;;) {
    const page: Lesson[] = await (last === null
      ? db.lessons.orderBy(':id').limit(BUILD_PAGE).toArray()
      : db.lessons.where(':id').above(last).limit(BUILD_PAGE).toArray());
    for (const lesson of page) builder.add(lesson);
    if (page.length < BUILD_PAGE) break;
    last = page[page.length - 1].id;
  }
  return { index: builder.finish(), seq, stored: false };
}

/** Stores the index as current to write `seq`, unless later writes are still to be applied. */
async function storeIndex(db: LessonDb, index: RelatedIndex, seq: number): Promise<void> {
  const snapshot = index.snapshot();
  await storeKept(db, STORED_KEY, seq, (stamp) => ({ ...stamp, index: snapshot }));
}
