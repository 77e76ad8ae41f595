import type { LessonDb } from '../db/database';
import { followLessonWrites } from '../db/changes';
import { storedRows } from '../db/stored-rows';
import { createRelatedIndex, type RelatedIndex } from '../related/rank';

export interface LiveRelatedIndex {
  /** The index over every live lesson, built once from the database. */
  ready: Promise<RelatedIndex>;
  /** The index as it is now: a range write (a clear, a bulk import) replaces it with a new one. */
  current(): RelatedIndex | null;
  stop(): void;
}

/**
 * Builds the related-lessons index from Dexie once and keeps it current: only the rows each write
 * touched are read again. A 10,000-lesson index is never rebuilt per page or per write, except
 * after a range write such as a clear, which is rare.
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
