import type { DBCoreMutateRequest, DBCoreTransaction } from 'dexie';
import { besideLessons } from './beside-lessons';

/**
 * Every write to `lessons`, numbered, recorded in the write's own transaction: the ids it wrote,
 * or null for a range write (a clear). An index kept beside the lessons (the worker's related
 * index) stores the number it is current to and catches up from here, whichever page or the worker
 * made the writes and whether or not it was running then. Its keeper deletes what it has stored.
 */
export const LESSON_LOG = 'lessonLog';

export interface LessonLogRow {
  seq?: number;
  ids: string[] | null;
}

export const lessonLogMiddleware = besideLessons('lessonLog', LESSON_LOG, async (down, table, req) => {
  // Both requests are made before anything is awaited: Dexie's hooks below need the transaction's
  // zone, which an await leaves. An upgrade from before version 7 writes lessons before this store
  // exists; nothing stored an index then, so nothing is told.
  const logged = hasStore(req.trans, LESSON_LOG) ? down.table(LESSON_LOG).mutate({ type: 'add', trans: req.trans, values: [{ ids: idsOf(req) }] }) : null;
  const res = await table.mutate(req);
  await logged;
  return res;
});

function idsOf(req: DBCoreMutateRequest): string[] | null {
  if (req.type === 'deleteRange') return null;
  if (req.type === 'delete') return req.keys as string[];
  return (req.values as { id: string }[]).map((row) => row.id);
}

function hasStore(trans: DBCoreTransaction, name: string): boolean {
  return (trans as unknown as IDBTransaction).objectStoreNames.contains(name);
}
