import { z } from 'zod';
import type { LessonDb } from '../db/database';
import { followLessonWrites } from '../db/changes';
import { storedRows } from '../db/stored-rows';
import type { Source } from '../lesson';
import { quickStampCurrent, readForBuild, readParts, readQuickStamp, StampSchema, storeKept, writesSince, writtenPastLog, type Stamp } from '../db/kept-index';
import { createRelatedIndex, pageQuery, RelatedIndex, type RelatedOptions } from '../related/rank';
import type { RelatedSnapshot, StoredIds } from '../related/lesson-index';
import type { PostingBlock } from '../related/fulltext';
import { POSTINGS_READ_MARK } from './badge-marks';
import { RELATED_KEY } from './wake-head';

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

/** Writes come in bursts (an edit, then its undo): the index is stored once they settle. */
const SAVE_DELAY_MS = 2000;

const isObject = (v: unknown) => typeof v === 'object' && v !== null;
/** The head, with a tag its blocks carry: a block stored with another head is told apart. */
const StoredSchema = StampSchema.extend({ tag: z.number(), index: z.custom<RelatedSnapshot>(isObject) });
const StoredBlockSchema = z.object({ tag: z.number(), block: z.custom<PostingBlock>(isObject) });
const StoredIdsSchema = z.object({ tag: z.number(), ids: z.custom<StoredIds>(isObject) });

export interface StoredRelatedIndex extends LiveRelatedIndex {
  /**
   * Every posting and the ids are read when `ready` is first asked for (a write to apply, the index
   * to store): a wake that only counts pages reads the head and the few blocks its pages need (`readyToCount`).
   */
  readonly ready: Promise<RelatedIndex>;
  /** The index, with the postings of the page's query terms and the ids read: ready to rank that page (`rankRelated`). */
  readyFor(source: Source, pageText: string, options?: RelatedOptions): Promise<RelatedIndex>;
  /** The index, with the postings of the page's query terms read, maybe without its ids: ready to count that page (`countRelated`). */
  readyToCount(source: Source, pageText: string, options?: RelatedOptions): Promise<RelatedIndex>;
}

interface Loaded {
  index: RelatedIndex;
  /** The tag of the stored blocks (and ids) still to be read into the index. */
  tag: number;
  /** The part the ids of a stored index are in, after its blocks. */
  idsPart: number;
  seq: number;
  stored: boolean;
  /** The stamp a stored index was taken at, when the lessons' count is still to be checked against it. */
  uncounted?: Stamp;
  /** The stored head, when the checks that walk all of it are still to be run (`RelatedIndex.holdsTogether`). */
  unchecked?: RelatedSnapshot;
  /** The stamp of the lessons a built index was read from (`readForBuild`), until writes are applied to it. */
  readFrom?: Stamp;
}

/**
 * The worker's related index: stored in IndexedDB as a head (per-lesson numbers, the lookups, the
 * term dictionary), blocks of text postings by term and, last, the lessons' ids and updatedAt, so
 * a wake reads the head and only the blocks holding the page's terms, with no lesson in memory nor
 * any id (it counts with `countRelated`; ranking with `rankRelated` reads the ids). Current
 * to a numbered write of the lesson log (lib/db/lesson-log.ts): writes made since, by any page, are
 * read by id and applied; an index that is missing, from another version, disagrees with the
 * lessons (their newest updatedAt at once, their count once the first page is counted: both catch
 * writes that bypassed the log), or has a block missing or not its own, is built again from the
 * lessons, a page at a time. Stored again a moment after writes settle.
 */
export function watchStoredIndex(
  db: LessonDb,
  onChange: (index: RelatedIndex) => void,
  { saveDelayMs = SAVE_DELAY_MS, head }: { saveDelayMs?: number; head?: Promise<unknown> | null } = {},
): StoredRelatedIndex {
  let index: RelatedIndex | null = null;
  let tag = 0;
  let idsPart = 0;
  let applied = 0;
  let readFrom: Stamp | undefined;
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let whole: Promise<RelatedIndex> | null = null;
  let building: Promise<RelatedIndex> | null = null;
  let counted: Promise<void> | null = null;
  const save = (delay: number) => {
    clearTimeout(timer);
    timer = setTimeout(() => void (index?.complete && !stopped && storeIndex(db, index, applied, readFrom).catch(() => {})), delay);
  };
  const use = (loaded: Loaded) => {
    index = loaded.index;
    tag = loaded.tag;
    idsPart = loaded.idsPart;
    applied = loaded.seq;
    readFrom = loaded.readFrom;
    // A built index is stored at once: the browser may stop the worker any time after the count.
    if (!loaded.stored) save(0);
    return loaded.index;
  };
  // A block that does not fit its head: the stored index is not to be trusted, so it is built again.
  const rebuild = () => (building ??= buildIndex(db).then(use).finally(() => (building = null)));
  const fillOrBuild = async (termIds?: number[], ids = true) => {
    const at = index!;
    if (!(await fillIn(db, at, { tag, idsPart }, termIds, ids)) && index === at) await rebuild();
    return index!;
  };
  const forPage = async (ids: boolean, source: Source, pageText: string, options?: RelatedOptions) => {
    await opened;
    const at = (ids ? index!.complete : index!.text.complete) ? index! : await fillOrBuild(pageQuery(source, pageText, index!, options).map((t) => t.termId), ids);
    countCheck().catch(() => {});
    return at;
  };
  const loading = loadIndex(db, head);
  const opened = loading.then(use);
  // Loaded while the page is read: a failure is handled where the index is awaited, not here.
  opened.catch(() => {});
  // The count, once the first page is counted: it walks every lesson, and IndexedDB would serve the
  // page's blocks only after it. Lessons written past the log change it (rarely): built again then.
  // So do the head's checks that walk all of it (tens of milliseconds at 100,000 lessons): a head
  // that does not hold together is built again, as one at odds with the lessons.
  const countCheck = () =>
    (counted ??= loading.then(async (loaded) => {
      const { index: was, uncounted, unchecked } = loaded;
      loaded.unchecked = undefined;
      // A task later: the page whose count asked for the checks is counted and shown first.
      await new Promise((resolve) => setTimeout(resolve));
      const holds = !unchecked || holdsTogether(unchecked);
      if ((holds && (!uncounted || !(await writtenPastLog(db, uncounted, () => stopped)))) || index !== was) return;
      await rebuild();
      if (!stopped) onChange(index!);
    }));
  const ready = () => (whole ??= opened.then(countCheck).then(() => fillOrBuild()));
  const unfollow = followLessonWrites(db, async (touched) => {
    await ready();
    const seq = touched.all ? null : await catchUp(db, index!, applied);
    if (seq === null) use(await buildIndex(db));
    else if (seq !== applied) {
      applied = seq;
      readFrom = undefined;
      save(saveDelayMs);
    }
    if (!stopped) onChange(index!);
  });
  return {
    get ready() {
      return ready();
    },
    readyFor: (source, pageText, options) => forPage(true, source, pageText, options),
    readyToCount: (source, pageText, options) => forPage(false, source, pageText, options),
    current: () => index,
    stop() {
      stopped = true;
      clearTimeout(timer);
      unfollow();
    },
  };
}

/**
 * The stored head, and the quick stamp of the lessons as they are now. A head read ahead (at the
 * worker's start, `readHeadPlain`) is as good as one read here: loadIndex checks it against this
 * stamp, so writes landing in between are applied from the log or make it build again.
 */
async function readHead(db: LessonDb, ahead?: Promise<unknown> | null): Promise<[unknown, Omit<Stamp, 'count'>]> {
  if (ahead) return Promise.all([ahead.catch(() => undefined), db.transaction('r', [db.lessonLog, db.lessons], () => readQuickStamp(db))]);
  return db.transaction('r', [db.lessonIndexes, db.lessonLog, db.lessons], () => Promise.all([db.lessonIndexes.get(RELATED_KEY).then((row) => row?.value), readQuickStamp(db)]));
}

async function loadIndex(db: LessonDb, ahead?: Promise<unknown> | null): Promise<Loaded> {
  const [value, stamp] = await readHead(db, ahead);
  const stored = StoredSchema.safeParse(value);
  const index = stored.success ? restore(stored.data.index) : null;
  if (stored.success && index) {
    const was = stored.data;
    const part = { tag: was.tag, idsPart: was.index.text.blockStarts.length - 1 };
    if (quickStampCurrent(was, stamp)) return { index, ...part, seq: was.seq, stored: true, uncounted: was, unchecked: was.index };
    // Writes are applied to the whole index: its postings and ids are read first.
    if (was.seq < stamp.seq && holdsTogether(was.index) && (await fillIn(db, index, part))) {
      const seq = await catchUp(db, index, was.seq);
      if (seq !== null) return { index, ...part, seq, stored: false };
    }
  }
  return buildIndex(db);
}

function holdsTogether(snapshot: RelatedSnapshot): boolean {
  try {
    return RelatedIndex.holdsTogether(snapshot);
  } catch {
    return false;
  }
}

/** Checked as far as its shape tells: `countCheck` walks the rest (`RelatedIndex.holdsTogether`) once the first page is counted. */
function restore(snapshot: RelatedSnapshot): RelatedIndex | null {
  try {
    return RelatedIndex.restore(snapshot, undefined, { deep: false });
  } catch {
    // A row of another shape (a field missing, not an array): built again.
    return null;
  }
}

/**
 * Reads into `index` the stored blocks holding `termIds` (every block when not given) and, with
 * `ids`, its ids; false when a part is missing or not of this index.
 */
async function fillIn(db: LessonDb, index: RelatedIndex, { tag, idsPart }: { tag: number; idsPart: number }, termIds?: number[], ids = true): Promise<boolean> {
  const blocks = index.text.missingBlocks(termIds);
  const readIds = ids && !index.hasIds;
  if (!blocks.length && !readIds) return true;
  const rows = await readParts(db, RELATED_KEY, readIds ? [...blocks, idsPart] : blocks);
  if (readIds) {
    const row = StoredIdsSchema.safeParse(rows.pop());
    if (!row.success || row.data.tag !== tag || !index.fillIds(row.data.ids)) return false;
  }
  if (!blocks.length) return true;
  let bytes = 0;
  const fits = blocks.every((b, i) => {
    const row = StoredBlockSchema.safeParse(rows[i]);
    if (!row.success || row.data.tag !== tag || !index.text.fill(b, row.data.block)) return false;
    bytes += row.data.block.docs.byteLength + row.data.block.tfs.byteLength;
    return true;
  });
  performance.mark(POSTINGS_READ_MARK, { detail: { rows: blocks.length, bytes } });
  return fits;
}

/** Applies the writes logged after `after`; the number of the last, or null when the index must be built again. */
async function catchUp(db: LessonDb, index: RelatedIndex, after: number): Promise<number | null> {
  const since = await writesSince(db, after);
  if (since?.ids.length) await refresh(db, index, since.ids);
  return since?.seq ?? null;
}

async function buildIndex(db: LessonDb): Promise<Loaded> {
  const builder = RelatedIndex.builder();
  const built = await readForBuild(db, (page) => {
    for (const lesson of page) builder.add(lesson);
  });
  return { index: builder.finish(), tag: 0, idsPart: 0, seq: built.seq, stored: false, readFrom: built };
}

/**
 * Stores the index as current to write `seq`, unless later writes are still to be applied; `built`
 * is the stamp of the lessons it was built from, when no write was applied to it since.
 */
async function storeIndex(db: LessonDb, index: RelatedIndex, seq: number, built?: Stamp): Promise<void> {
  const {
    head: {
      text: { keys, ...text },
      updatedAt,
      ...head
    },
    blocks,
  } = index.snapshot();
  const tag = Math.floor(Math.random() * 2 ** 32);
  // The ids in a part of their own after the blocks (`idsPart`): a wake that counts never reads them.
  const ids: StoredIds = { keys: keys!, updatedAt: updatedAt! };
  const parts = [...blocks.map((block) => ({ tag, block })), { tag, ids }];
  await storeKept(db, RELATED_KEY, seq, (stamp) => ({ ...stamp, tag, index: { ...head, text } }), parts, built);
}
