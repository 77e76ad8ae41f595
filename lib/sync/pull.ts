import type { LessonDb } from '../db/database';
import type { Lesson } from '../lesson';
import { withHostedWorkItem } from '../work-item';
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
    // One key-ordered cursor walk per table, not one get per id (each an IPC round trip in
    // Chromium): on a new profile it finds nothing in a single step instead of a thousand.
    const [locals, pending] = await Promise.all([
      byId(db.lessons.where('id').anyOf(ids).toArray()),
      byId(db.outbox.where('id').anyOf(ids).toArray()),
    ]);
    const rows: Lesson[] = [];
    for (const change of changes) {
      const row = mergePulled(locals.get(change.id), change, pending.get(change.id), now);
      // Teammates on older versions still send host-less Jira keys.
      if (row) rows.push(withHostedWorkItem(row));
    }
    if (rows.length) await db.lessons.bulkPut(rows);
    if (next.resetting) await db.resetSeen.bulkPut(ids.map((id) => ({ id })));
    await writeCursor(db, next);
    return rows.length;
  });
}

async function byId<T extends { id: string }>(rows: Promise<T[]>): Promise<Map<string, T>> {
  return new Map((await rows).map((row) => [row.id, row]));
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
