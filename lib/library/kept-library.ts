import { z } from 'zod';
import type { LessonDb } from '../db/database';
import type { Lesson } from '../lesson';
import { followLessonWrites } from '../db/changes';
import { quickStampCurrent, readForBuild, readQuickStamp, StampSchema, storeKept, writesSince, writtenPastLog, type Stamp } from '../db/kept-index';
import { storedRows } from '../db/stored-rows';
import { LibraryIndex, type LibrarySnapshot } from './library-index';
import { STORED_INDEX_KEY as STORED_KEY, type StoredIndexRead } from './stored-read';
/** Writes come in bursts (an edit, then its undo): the index is stored once they settle. */
const SAVE_DELAY_MS = 2000;
/**
 * Lessons changed since the index was built keep their words as text beside it, searched one by
 * one; past this many (a bulk edit, a big sync) it is built again instead.
 */
const MAX_PENDING = 3000;

const StoredSchema = StampSchema.extend({ index: z.custom<LibrarySnapshot>((v) => typeof v === 'object' && v !== null) });

/** What a batch of writes changed: the ids written and their rows as read (absent: gone). */
export interface LibraryChange {
  ids: string[];
  lessons: Map<string, Lesson>;
}

export interface LiveLibrary {
  /** The index over every live lesson: loaded in one read, or built when there is none to trust. */
  ready: Promise<LibraryIndex>;
  current(): LibraryIndex | null;
  stop(): void;
}

interface Options {
  /** After writes were applied (`change`), or the index was built anew (null). */
  onChange: (index: LibraryIndex, change: LibraryChange | null) => void;
  /** Lessons read so far while building. */
  onProgress?: (read: number) => void;
  /** The index was stored (current to the last write applied). */
  onStored?: () => void;
  saveDelayMs?: number;
  /** The stored index's row, read ahead with plain IndexedDB (stored-read.ts). */
  readAhead?: Promise<StoredIndexRead | null>;
}

interface Loaded {
  index: LibraryIndex;
  seq: number;
  stored: boolean;
  /** The stamp a stored index was taken at, when the lessons' count is still to be checked against it. */
  uncounted?: Stamp;
  /** The stamp of the lessons a built index was read from (`readForBuild`), until writes are applied to it. */
  readFrom?: Stamp;
}

/**
 * The library page's index, stored in IndexedDB beside the lessons and loaded in one read when
 * the page opens. It is current to a numbered write of the lesson log (lib/db/lesson-log.ts):
 * writes made since, by any page or the worker, are read by id and applied; one that is missing,
 * of another shape, or disagrees with the lessons (their count and newest updatedAt) is built
 * again from the lessons, a page at a time. The count is checked once the index is in use, in
 * steps (`writtenPastLog`): IndexedDB keeps no count, it walks every stored lesson. Stored
 * again a moment after writes settle.
 */
export function watchLibraryIndex(db: LessonDb, { onChange, onProgress, onStored, saveDelayMs = SAVE_DELAY_MS, readAhead }: Options): LiveLibrary {
  let index: LibraryIndex | null = null;
  let applied = 0;
  let readFrom: Stamp | undefined;
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const save = (delay: number) => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      if (!index || stopped) return;
      storeLibraryIndex(db, index, applied, readFrom)
        .then((stored) => stored && !stopped && onStored?.())
        .catch(() => {});
    }, delay);
  };
  const use = (loaded: Loaded) => {
    index = loaded.index;
    applied = loaded.seq;
    readFrom = loaded.readFrom;
    // A built index is stored at once: the page may be closed any time.
    if (!loaded.stored) save(0);
    return loaded.index;
  };
  const loading = loadLibraryIndex(db, onProgress, readAhead);
  const ready = loading.then(use);
  ready.catch(() => {});
  // Lessons written past the log (rarely) change the count: built again then.
  void loading
    .then(async ({ index: was, uncounted }) => {
      if (!uncounted || !(await writtenPastLog(db, uncounted, () => stopped)) || stopped || index !== was) return;
      use(await buildLibraryIndex(db));
      if (!stopped) onChange(index!, null);
    })
    .catch(() => {});
  const unfollow = followLessonWrites(db, async (touched) => {
    await ready;
    if (stopped) return;
    const since = touched.all ? null : await writesSince(db, applied);
    if (!since || index!.pendingChanges + since.ids.length > MAX_PENDING) {
      use(await buildLibraryIndex(db));
      if (!stopped) onChange(index!, null);
      return;
    }
    if (since.seq === applied) return;
    const lessons = await storedRows(db.lessons, since.ids);
    applyRows(index!, since.ids, lessons);
    applied = since.seq;
    readFrom = undefined;
    save(saveDelayMs);
    if (!stopped) onChange(index!, { ids: since.ids, lessons });
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

function applyRows(index: LibraryIndex, ids: readonly string[], rows: Map<string, Lesson>): void {
  index.upsert([...rows.values()]);
  index.remove(ids.filter((id) => !rows.has(id)));
}

/**
 * The stored index, caught up with the log, or built again. One stored as current to the last
 * write and the newest updatedAt is returned at once with its stamp as `uncounted`: the caller
 * checks the lessons' count after (watchLibraryIndex does, in steps).
 */
export async function loadLibraryIndex(db: LessonDb, onProgress?: (read: number) => void, readAhead?: Promise<StoredIndexRead | null>): Promise<Loaded> {
  // A row read ahead was read before the stamp: a write landing between them is past the row's
  // seq, so it is caught up with like any other.
  const ahead = await readAhead?.catch(() => null);
  const reading = db.transaction('r', [db.lessonIndexes, db.lessonLog, db.lessons], () => Promise.all([ahead ? null : db.lessonIndexes.get(STORED_KEY), readQuickStamp(db)]));
  // Made into objects while the stamp is read.
  const early = ahead?.value();
  const [row, stamp] = await reading;
  const stored = StoredSchema.safeParse(ahead ? early : row?.value);
  const index = stored.success ? restore(stored.data.index) : null;
  if (stored.success && index) {
    const was = stored.data;
    if (quickStampCurrent(was, stamp)) return { index, seq: was.seq, stored: true, uncounted: was };
    if (was.seq < stamp.seq) {
      const since = await writesSince(db, was.seq);
      if (since && since.ids.length + index.pendingChanges <= MAX_PENDING) {
        applyRows(index, since.ids, await storedRows(db.lessons, since.ids));
        return { index, seq: since.seq, stored: false };
      }
    }
  }
  return buildLibraryIndex(db, onProgress);
}

function restore(snapshot: LibrarySnapshot): LibraryIndex | null {
  try {
    return LibraryIndex.restore(snapshot);
  } catch {
    // Stored by another version, or cut short: built again.
    return null;
  }
}

export async function buildLibraryIndex(db: LessonDb, onProgress?: (read: number) => void): Promise<Loaded> {
  const builder = LibraryIndex.builder();
  const built = await readForBuild(db, (page, read) => {
    for (const lesson of page) builder.add(lesson);
    onProgress?.(read);
  });
  return { index: builder.finish(), seq: built.seq, stored: false, readFrom: built };
}

/**
 * Stores the index as current to write `seq`, unless later writes are still to be applied; `built`
 * is the stamp of the lessons it was built from, when no write was applied to it since.
 */
export async function storeLibraryIndex(db: LessonDb, index: LibraryIndex, seq: number, built?: Stamp): Promise<boolean> {
  const snapshot = index.snapshot();
  return storeKept(db, STORED_KEY, seq, (stamp) => ({ ...stamp, index: snapshot }), [], built);
}
