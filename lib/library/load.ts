import type { LessonDb } from '../db/database';
import type { Lesson } from '../lesson';
import { storedRows } from '../db/stored-rows';

/**
 * Full lessons for ids (export, digest, bulk edits), in the order given; missing and deleted ones
 * are left out.
 */
export async function lessonsByIds(db: LessonDb, ids: readonly string[]): Promise<Lesson[]> {
  const rows = await storedRows(db.lessons, ids);
  return ids.flatMap((id) => {
    const l = rows.get(id);
    return l && !l.deletedAt ? [l] : [];
  });
}
