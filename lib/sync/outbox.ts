import type { LessonDb, OutboxRow } from '../db/database';
import { uuidv7 } from '../id';
import { storedRows } from '../db/stored-rows';
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

/** The stores a lesson write's transaction needs in scope for `enqueue`. */
export const outboxStores = (db: LessonDb) => [db.outbox, db.shareBatches];

/** From this many newly shared lessons in one write, they are recorded as one share batch. */
export const SHARE_BATCH_MIN = 50;

/**
 * Records the team-visible effect of lesson writes. Call inside the transaction that writes the
 * lessons, with `outboxStores(db)` in its scope, so a write and its outbox rows commit together.
 */
export async function enqueue(db: LessonDb, pairs: { before: Lesson | undefined; after: Lesson }[], now: number): Promise<void> {
  const relevant = pairs.map((p) => ({ ...p, change: changeFor(p.before, p.after) })).filter((p) => p.change);
  if (!relevant.length) return;
  const existing = await pendingRows(db, relevant.map((p) => p.after.id));
  const isShare = (i: number) => !existing[i] && relevant[i].change!.type === 'upsert' && relevant[i].change!.full === 'shared';
  const shares = relevant.filter((_, i) => isShare(i)).map((p) => p.after.id);
  const batched = shares.length >= SHARE_BATCH_MIN;
  const puts: OutboxRow[] = [];
  const drops: string[] = [];
  relevant.forEach(({ after, change }, i) => {
    if (batched && isShare(i)) return;
    const row = coalesce(existing[i], change!, after, now);
    if (row) puts.push(row);
    else if (existing[i]) drops.push(after.id);
  });
  if (batched) await db.shareBatches.add({ ids: shares, changedAt: now });
  if (puts.length) await db.outbox.bulkPut(puts);
  if (drops.length) await db.outbox.bulkDelete(drops);
}

/** Ids turned into outbox rows per transaction, so a worker stopped midway keeps what it did. */
const EXPAND_STEP = 2_000;

/**
 * Turns share batches into outbox rows, oldest first, each step in its own transaction. What the
 * lessons are now decides: one deleted or made private since is skipped (its own row, if the
 * server knows it, already says so), one edited since gets every field on its pending row.
 */
export async function expandShares(db: LessonDb): Promise<number> {
  // Sync runs every minute; a read-only look spares the lessons store a write lock when, as nearly
  // always, there is nothing to expand.
  if (!(await db.shareBatches.count())) return 0;
  let expanded = 0;
  for (;;) {
    const step = await db.transaction('rw', [db.lessons, ...outboxStores(db)], async () => {
      const batch = await db.shareBatches.orderBy('seq').first();
      if (!batch) return 0;
      const ids = batch.ids.slice(0, EXPAND_STEP);
      const [lessons, existing] = await Promise.all([db.lessons.bulkGet(ids), pendingRows(db, ids)]);
      const rows: OutboxRow[] = [];
      lessons.forEach((lesson, i) => {
        if (!shared(lesson)) return;
        const at = Math.max(batch.changedAt, existing[i]?.changedAt ?? 0);
        const row = coalesce(existing[i], { type: 'upsert', fields: [...MERGE_FIELDS], full: 'shared' }, lesson!, at);
        if (row) rows.push(row);
      });
      if (rows.length) await db.outbox.bulkPut(rows);
      const rest = batch.ids.slice(EXPAND_STEP);
      if (rest.length) await db.shareBatches.put({ ...batch, ids: rest });
      else await db.shareBatches.delete(batch.seq!);
      return ids.length;
    });
    if (!step) return expanded;
    expanded += step;
  }
}

/** Lessons with a change waiting for the team: outbox rows and ids in share batches, each once. */
export async function pendingCount(db: LessonDb): Promise<number> {
  const [keys, batches] = await Promise.all([db.outbox.toCollection().primaryKeys(), db.shareBatches.toArray()]);
  return new Set<string>([...keys, ...batches.flatMap((b) => b.ids)]).size;
}

/** The outbox rows of `ids`, in order; most ids of a large write have none. */
async function pendingRows(db: LessonDb, ids: string[]): Promise<(OutboxRow | undefined)[]> {
  const rows = await storedRows(db.outbox, ids, { mostlyAbsent: true });
  return ids.map((id) => rows.get(id));
}
