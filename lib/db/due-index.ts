import { cmp, type DBCoreMutateRequest, type DBCoreMutateResponse, type DBCoreRangeType, type DBCoreTable, type DBCoreTransaction, type Transaction } from 'dexie';
import type { Lesson } from '../lesson';
import { besideLessons } from './beside-lessons';

/**
 * The popup lists every lesson with an open action due by a day, however long ago the lesson was
 * saved, at a cost in the lessons it finds rather than in all lessons stored. IndexedDB cannot
 * index a field inside an array of objects (`actions[].due`), so the due dates of each lesson's
 * open actions are kept in a store of their own, multi-entry indexed by date. A store beside the
 * lessons, rather than a field on them, leaves every lesson row exactly as before for every reader,
 * including those that read IndexedDB without Dexie (lib/db/read.ts) and the export and sync code.
 */
export const DUE_DATES = 'dueDates';

/** One lesson's open due dates; only lessons with at least one have a row. */
export interface DueDatesRow {
  id: string;
  due: string[];
}

/** The row the index keeps for a lesson, or null when it has no open dated action or is deleted. */
export function dueDatesRow(lesson: Pick<Lesson, 'id' | 'actions' | 'deletedAt'>): DueDatesRow | null {
  if (lesson.deletedAt) return null;
  const due = [...new Set(lesson.actions.filter((a) => !a.done && a.due).map((a) => a.due!))];
  return due.length ? { id: lesson.id, due } : null;
}

// DBCoreRangeType.Range: Dexie declares the enum as `const`, so no value exists at run time to import.
const RANGE = 2 as DBCoreRangeType.Range;

/** Keeps the due-date rows in step with every write to `lessons`, in the same transaction. */
export const dueDatesMiddleware = besideLessons('dueDates', DUE_DATES, async (down, table, req) => {
  const res = await table.mutate(req);
  // Looked up here, not when the stack is built: Dexie also builds it at the start of an upgrade
  // from an older version, before this store exists.
  await mirror(down.table(DUE_DATES), req, res);
  return res;
});

async function mirror(dueDates: DBCoreTable, req: DBCoreMutateRequest, res: DBCoreMutateResponse): Promise<void> {
  const { trans } = req;
  if (req.type === 'deleteRange') {
    await dueDates.mutate({ type: 'deleteRange', trans, range: req.range });
    return;
  }
  if (req.type === 'delete') {
    await drop(dueDates, trans, req.keys);
    return;
  }
  const rows: DueDatesRow[] = [];
  const without: string[] = [];
  req.values.forEach((lesson: Lesson, i) => {
    if (res.failures[i]) return;
    const row = dueDatesRow(lesson);
    if (row) rows.push(row);
    else without.push(lesson.id);
  });
  if (rows.length) await dueDates.mutate({ type: 'put', trans, values: rows });
  await drop(dueDates, trans, without);
}

/**
 * Deletes the rows of those of `ids` that have one. Most lessons have none, so one key-only read
 * over the ids' span (which holds at most the few lessons with open dated actions) replaces a
 * delete per lesson: a pulled page of a thousand lessons would otherwise cost a thousand requests.
 */
async function drop(dueDates: DBCoreTable, trans: DBCoreTransaction, ids: string[]): Promise<void> {
  if (!ids.length) return;
  const sorted = [...ids].sort(cmp);
  const { result } = await dueDates.query({
    trans,
    values: false,
    query: { index: dueDates.schema.primaryKey, range: { type: RANGE, lower: sorted[0], upper: sorted[sorted.length - 1] } },
  });
  const have = new Set<string>(result);
  const stale = ids.filter((id) => have.has(id));
  if (stale.length) await dueDates.mutate({ type: 'delete', trans, keys: stale });
}

/** Lessons read per step while the version-3 upgrade fills the index, so a large library is never in memory at once. */
const FILL_PAGE = 1000;

/** The version-3 upgrade: rows for the lessons stored before the index existed. */
export async function fillDueDates(tx: Transaction): Promise<void> {
  const lessons = tx.table<Lesson, string>('lessons');
  let after: string | undefined;
  for (;;) {
    const page = await (after === undefined ? lessons.orderBy(':id') : lessons.where(':id').above(after)).limit(FILL_PAGE).toArray();
    if (!page.length) return;
    const rows = page.map(dueDatesRow).filter((row) => row !== null);
    if (rows.length) await tx.table<DueDatesRow, string>(DUE_DATES).bulkPut(rows);
    after = page[page.length - 1].id;
  }
}
