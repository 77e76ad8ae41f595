import type { LessonDb } from '../db/database';
import type { Lesson } from '../lesson';
import { lessonsToWrite } from '../library/import-plan';
import { storedRows } from '../db/stored-rows';
import { enqueue, outboxStores } from '../sync/outbox';
import { newer, type ImportPreview } from './preview';

export interface ApplyResult {
  created: number;
  updated: number;
  /** Rows that changed in the database after the preview was made and are now as new or newer. */
  skipped: number;
}

/**
 * Writes the preview's new and newer lessons as the library page has the worker write them
 * (`lessonsToWrite`, then `importLessons`): all land or none does. `stored` is what the preview
 * was made against (`existingVersions` then), so lessons it revives win over their deletion.
 */
export function applyImport(db: LessonDb, preview: ImportPreview, stored: ReadonlyMap<string, string> = new Map()): Promise<ApplyResult> {
  return importLessons(db, lessonsToWrite(preview, stored));
}

/**
 * Writes imported lessons (already validated) in one transaction: all land or none does. Stored
 * rows are read again inside the transaction, so an edit made since the preview is never
 * overwritten by an older copy (newest wins). Team lessons queue their sync op in the same
 * transaction, as every other lesson write does.
 */
export async function importLessons(db: LessonDb, incoming: readonly Lesson[]): Promise<ApplyResult> {
  if (!incoming.length) return { created: 0, updated: 0, skipped: 0 };
  return db.transaction('rw', [db.lessons, ...outboxStores(db)], async () => {
    const stored = await storedRows(db.lessons, incoming.map((l) => l.id), { mostlyAbsent: true });
    const result: ApplyResult = { created: 0, updated: 0, skipped: 0 };
    const pairs: { before: Lesson | undefined; after: Lesson }[] = [];
    for (const after of incoming) {
      const before = stored.get(after.id);
      if (before && !newer(after.updatedAt, before.updatedAt)) {
        result.skipped++;
        continue;
      }
      if (before) result.updated++;
      else result.created++;
      pairs.push({ before, after });
    }
    await db.lessons.bulkPut(pairs.map((p) => p.after));
    await enqueue(db, pairs, Date.now());
    return result;
  });
}

/**
 * What is stored, as `parseImport` wants it: id → updatedAt, read from the `updatedAt` index
 * without loading the lessons. Both lists walk the same index in one transaction, so they line up;
 * a cursor walk (`eachKey`) would take minutes on 10,000 rows in fake-indexeddb.
 */
export async function existingVersions(db: LessonDb): Promise<Map<string, string>> {
  const [updated, ids] = await db.transaction('r', db.lessons, () =>
    Promise.all([db.lessons.orderBy('updatedAt').keys(), db.lessons.orderBy('updatedAt').primaryKeys()]),
  );
  return new Map(ids.map((id, i) => [String(id), String(updated[i])]));
}
