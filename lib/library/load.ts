import type { LessonDb } from '../db';
import type { Lesson } from '../lesson';
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

/** From this share of the stored lessons, `lessonsByIds` walks the keys instead of getting each. */
const DENSE = 4;

/**
 * Full lessons for ids (export, digest, bulk edits), in the order given; missing and deleted ones
 * are left out.
 */
export async function lessonsByIds(db: LessonDb, ids: readonly string[], pageSize = 5000): Promise<Lesson[]> {
  const rows = await rowsByIds(db, ids, pageSize);
  return ids.flatMap((id) => {
    const l = rows.get(id);
    return l && !l.deletedAt ? [l] : [];
  });
}

/**
 * The stored rows of ids, tombstones included. Each read is an IPC round trip in Chromium, so when
 * the ids are a good part of what is stored (an export of all) the key range they span is read in
 * pages, one `getAll` each, rather than with a `get` per id.
 */
export async function rowsByIds(db: LessonDb, ids: readonly string[], pageSize = 5000): Promise<Map<string, Lesson>> {
  const found = new Map<string, Lesson>();
  const wanted = new Set(ids);
  if (!wanted.size) return found;
  if (wanted.size * DENSE >= (await db.lessons.count())) {
    const sorted = [...wanted].sort();
    const last = sorted[sorted.length - 1];
    let after: string | null = null;
    for (;;) {
      const range = after === null ? db.lessons.where(':id').between(sorted[0], last, true, true) : db.lessons.where(':id').between(after, last, false, true);
      const page: Lesson[] = await range.limit(pageSize).toArray();
      for (const l of page) if (wanted.has(l.id)) found.set(l.id, l);
      if (page.length < pageSize) break;
      after = page[page.length - 1].id;
    }
  } else {
    const list = [...wanted];
    for (let i = 0; i < list.length; i += pageSize) for (const l of await db.lessons.bulkGet(list.slice(i, i + pageSize))) if (l) found.set(l.id, l);
  }
  return found;
}
