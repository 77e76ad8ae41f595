import type { LessonDb } from '../db/database';
import type { Lesson } from '../lesson';
import { storedRows } from '../db/stored-rows';
import { haystackOf, toRow, type LessonRow } from './rows';

/**
 * Every live lesson as rows and search text, read in pages by primary key (each page one
 * `getAll`), so the full lessons of one page at a time are in memory, never all of them.
 */
export async function loadRows(
  db: LessonDb,
  onProgress?: (loaded: number) => void,
  pageSize = 5000,
): Promise<[LessonRow, string][]> {
  const out: [LessonRow, string][] = [];
  let last: string | null = null;
  let read = 0;
  for (;;) {
    const page: Lesson[] = await (last === null
      ? db.lessons.orderBy(':id').limit(pageSize).toArray()
      : db.lessons.where(':id').above(last).limit(pageSize).toArray());
    if (!page.length) break;
    for (const l of page) if (!l.deletedAt) out.push([toRow(l), haystackOf(l)]);
    read += page.length;
    last = page[page.length - 1].id;
    onProgress?.(read);
    if (page.length < pageSize) break;
  }
  return out;
}

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
