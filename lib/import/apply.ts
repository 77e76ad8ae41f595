import type { LessonDb } from '../db';
import type { ImportPreview } from './preview';

export interface ApplyResult {
  created: number;
  updated: number;
  /** Rows that changed in the database after the preview was made and are now as new or newer. */
  skipped: number;
}

const newer = (a: string, b: string) => Date.parse(a) > Date.parse(b);

/**
 * Writes the preview's new and newer lessons in one transaction: either all of them land or none
 * does. Stored rows are read again inside the transaction, so an edit made since the preview
 * is never overwritten by an older copy.
 */
export async function applyImport(db: LessonDb, preview: ImportPreview): Promise<ApplyResult> {
  const incoming = preview.error ? [] : [...preview.toCreate, ...preview.toUpdate];
  if (!incoming.length) return { created: 0, updated: 0, skipped: 0 };
  return db.transaction('rw', db.lessons, async () => {
    const stored = await db.lessons.bulkGet(incoming.map((l) => l.id));
    const result: ApplyResult = { created: 0, updated: 0, skipped: 0 };
    const rows = incoming.filter((l, i) => {
      const current = stored[i];
      if (!current) result.created++;
      else if (newer(l.updatedAt, current.updatedAt)) result.updated++;
      else {
        result.skipped++;
        return false;
      }
      return true;
    });
    await db.lessons.bulkPut(rows);
    return result;
  });
}

/** What is stored, as `parseImport` wants it: id → updatedAt, read from the index without loading lessons. */
export async function existingVersions(db: LessonDb): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  await db.lessons.orderBy('updatedAt').eachKey((key, cursor) => {
    out.set(String(cursor.primaryKey), String(key));
  });
  return out;
}
