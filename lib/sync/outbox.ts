import type { LessonDb, OutboxRow } from '../db';
import { uuidv7 } from '../id';
import type { Lesson } from '../lesson';
import { MERGE_FIELDS, type MergeField } from './protocol';
import { sameValue } from './same';

/** What one local write means for the team: nothing, an edit of some fields, or a delete. */
export type OutboxChange =
  | { type: 'upsert'; fields: MergeField[]; /** Why every field is sent: a delete undone, or a lesson newly shared. */ full?: 'restore' | 'shared' }
  | { type: 'delete' };

const shared = (l: Lesson | undefined): boolean => !!l && l.visibility === 'team' && !l.deletedAt;

/** The team-visible change between two states of a lesson; private lessons never produce one. */
export function changeFor(before: Lesson | undefined, after: Lesson): OutboxChange | null {
  const was = shared(before);
  const is = shared(after);
  if (!was && !is) return null;
  if (was && !is) return { type: 'delete' };
  if (!was) {
    const restored = !!before?.deletedAt && before.visibility === 'team';
    return { type: 'upsert', fields: [...MERGE_FIELDS], full: restored ? 'restore' : 'shared' };
  }
  const fields = MERGE_FIELDS.filter((f) => !sameValue(before?.[f], after[f]));
  return fields.length ? { type: 'upsert', fields } : null;
}

/**
 * Folds a change into the lesson's pending row. Returns the new row, or null when nothing is left
 * to tell the team (a lesson created and deleted before any push, or a delete undone in time).
 */
export function coalesce(existing: OutboxRow | undefined, change: OutboxChange, lesson: Lesson, now: number): OutboxRow | null {
  const baseVersion = existing?.baseVersion ?? lesson.serverVersion ?? 0;
  const next = (type: OutboxRow['type'], fields: MergeField[]): OutboxRow => ({
    id: lesson.id,
    type,
    fields: MERGE_FIELDS.filter((f) => fields.includes(f)),
    baseVersion,
    opId: uuidv7(now),
    changedAt: now,
    sent: existing?.sent ?? false,
  });
  const pending = existing?.fields ?? [];

  if (change.type === 'delete') {
    // Never pushed and the server never had it: the team need not hear of it at all.
    if (lesson.serverVersion === undefined && !existing?.sent) return null;
    return next('delete', pending);
  }
  if (existing?.type === 'delete') {
    // Undoing a delete that may have reached the server: resend everything, the server decides.
    if (existing.sent) return next('upsert', [...MERGE_FIELDS]);
    // An undo before the push: back to what was pending before the delete.
    if (change.full === 'restore') return pending.length === 0 && lesson.serverVersion !== undefined ? null : next('upsert', pending);
    return next('upsert', [...pending, ...change.fields]);
  }
  return next('upsert', [...pending, ...change.fields]);
}

/**
 * Records the team-visible effect of lesson writes. Call inside the transaction that writes the
 * lessons, with `db.outbox` in its scope, so a write and its outbox row commit together.
 */
export async function enqueue(db: LessonDb, pairs: { before: Lesson | undefined; after: Lesson }[], now: number): Promise<void> {
  const relevant = pairs.map((p) => ({ ...p, change: changeFor(p.before, p.after) })).filter((p) => p.change);
  if (!relevant.length) return;
  const existing = await pendingRows(db, relevant.map((p) => p.after.id));
  const puts: OutboxRow[] = [];
  const drops: string[] = [];
  relevant.forEach(({ after, change }, i) => {
    const row = coalesce(existing[i], change!, after, now);
    if (row) puts.push(row);
    else if (existing[i]) drops.push(after.id);
  });
  if (puts.length) await db.outbox.bulkPut(puts);
  if (drops.length) await db.outbox.bulkDelete(drops);
}

/**
 * The outbox rows of `ids`, in order. A few ids are read directly; for many (an import, a pulled
 * page) the outbox's keys are listed first (one request): it holds only changes not yet pushed,
 * so most of those ids have no row and need no read.
 */
async function pendingRows(db: LessonDb, ids: string[]): Promise<(OutboxRow | undefined)[]> {
  if (ids.length < 50) return db.outbox.bulkGet(ids);
  const keys = new Set(await db.outbox.toCollection().primaryKeys());
  const present = ids.filter((id) => keys.has(id));
  const rows = new Map((present.length ? await db.outbox.bulkGet(present) : []).filter((r): r is OutboxRow => !!r).map((r) => [r.id, r]));
  return ids.map((id) => rows.get(id));
}
