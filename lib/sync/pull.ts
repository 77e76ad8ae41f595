import type { LessonDb } from '../db';
import type { Lesson } from '../lesson';
import { mergePulled } from './merge';
import type { Change } from './protocol';
import { writeCursor, type CursorState } from './state';

/**
 * Writes one page of pulled changes and the cursor after it in ONE transaction: a worker stopped
 * mid-pull resumes at the last page it wrote, never past a page it did not.
 */
export async function applyPage(db: LessonDb, changes: Change[], next: CursorState, now: string): Promise<number> {
  return db.transaction('rw', [db.lessons, db.outbox, db.meta, db.resetSeen], async () => {
    const ids = changes.map((c) => c.id);
    const [locals, pending] = await Promise.all([db.lessons.bulkGet(ids), db.outbox.bulkGet(ids)]);
    const rows: Lesson[] = [];
    changes.forEach((change, i) => {
      const row = mergePulled(locals[i], change, pending[i], now);
      if (row) rows.push(row);
    });
    if (rows.length) await db.lessons.bulkPut(rows);
    if (next.resetting) await db.resetSeen.bulkPut(ids.map((id) => ({ id })));
    await writeCursor(db, next);
    return rows.length;
  });
}

/**
 * The end of a from-scratch pull: team lessons the server did not list are gone from the team,
 * so they become local tombstones, unless a local change to them is still waiting to be pushed.
 */
export async function finishReset(db: LessonDb, state: CursorState, now: string): Promise<number> {
  return db.transaction('rw', [db.lessons, db.outbox, db.meta, db.resetSeen], async () => {
    const seen = new Set((await db.resetSeen.toArray()).map((r) => r.id));
    const pending = new Set(await db.outbox.toCollection().primaryKeys());
    const gone = await db.lessons
      .filter((l) => l.visibility === 'team' && !l.deletedAt && l.serverVersion !== undefined && !seen.has(l.id) && !pending.has(l.id))
      .toArray();
    if (gone.length) await db.lessons.bulkPut(gone.map((l) => ({ ...l, deletedAt: now })));
    await db.resetSeen.clear();
    await writeCursor(db, { ...state, resetting: false });
    return gone.length;
  });
}
