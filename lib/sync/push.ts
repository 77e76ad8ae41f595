import type { LessonDb, OutboxRow, SyncConflictRow } from '../db/database';
import { lessonTitle, type Lesson } from '../lesson';
import { blockingFindings, refusalReason, type ShareRules } from '../redact/lesson';
import { mergePulled } from './merge';
import { LIMITS, PushOpSchema, jsonBytes, type OpResult, type PushOp } from './protocol';

/** Room left in a push body for the envelope around the ops. */
const BODY_BUDGET = LIMITS.maxBodyBytes - 10_000;

export interface Batch {
  ops: PushOp[];
  /**
   * Rows that cannot become a valid op (a lesson over the size limit) or whose lesson holds a
   * secret its author has not decided on: kept, reported, skipped.
   */
  blocked: { id: string; reason: string }[];
}

/** The op a pending row stands for, built from the lesson as it is now. */
export function opFor(row: OutboxRow, lesson: Lesson | undefined): unknown {
  const common = { opId: row.opId, id: row.id, baseVersion: row.baseVersion };
  if (row.type === 'delete' || !lesson || lesson.deletedAt || lesson.visibility !== 'team') return { ...common, type: 'delete' };
  const { serverVersion: _sv, deletedAt: _d, ...wire } = lesson;
  return { ...common, type: 'upsert', lesson: wire, fields: row.fields };
}

/**
 * Takes the next batch of ops (oldest change first, within the server's count and size limits) and
 * marks their rows sent before the request leaves, in one transaction. Rows changed within
 * `settleMs` wait, so an undo right after a change never reaches the team.
 */
export async function takeBatch(db: LessonDb, readyBefore: number, skip: ReadonlySet<string>, rules: ShareRules = {}): Promise<Batch> {
  return db.transaction('rw', db.outbox, db.lessons, async () => {
    const rows = (await db.outbox.orderBy('changedAt').toArray()).filter((r) => r.changedAt <= readyBefore && !skip.has(r.id));
    const lessons = await db.lessons.bulkGet(rows.map((r) => r.id));
    const ops: PushOp[] = [];
    const blocked: Batch['blocked'] = [];
    const sent: OutboxRow[] = [];
    let bytes = 0;
    for (let i = 0; i < rows.length && ops.length < LIMITS.maxOpsPerPush; i++) {
      const parsed = PushOpSchema.safeParse(opFor(rows[i], lessons[i]));
      if (!parsed.success) {
        blocked.push({ id: rows[i].id, reason: parsed.error.issues.map((x) => x.message).join('; ') });
        continue;
      }
      const held = parsed.data.type === 'upsert' ? blockingFindings(parsed.data.lesson, rules) : [];
      if (held.length) {
        blocked.push({ id: rows[i].id, reason: refusalReason(held) });
        continue;
      }
      const size = jsonBytes(parsed.data) + 1;
      if (bytes + size > BODY_BUDGET && ops.length) break;
      bytes += size;
      ops.push(parsed.data);
      if (!rows[i].sent) sent.push({ ...rows[i], sent: true });
    }
    if (sent.length) await db.outbox.bulkPut(sent);
    return { ops, blocked };
  });
}

/**
 * Applies the server's answers in one transaction: rows whose op is settled leave the outbox, the
 * lessons take the server's version (and its merged values), and every reported conflict is kept.
 */
export async function applyResults(db: LessonDb, results: OpResult[], now: string): Promise<SyncConflictRow[]> {
  return db.transaction('rw', [db.lessons, db.outbox, db.syncConflicts], async () => {
    const ids = results.map((r) => r.id);
    const [rows, lessons] = await Promise.all([db.outbox.bulkGet(ids), db.lessons.bulkGet(ids)]);
    const conflicts: SyncConflictRow[] = [];
    const puts: Lesson[] = [];
    const settled: string[] = [];
    results.forEach((result, i) => {
      const row = rows[i];
      const lesson = lessons[i];
      // The row changed while this push was in flight: keep it (with its newer opId) for the next push.
      const current = row?.opId === result.opId;
      if (current) settled.push(result.id);
      if (result.conflicts.length && lesson) {
        conflicts.push({
          id: result.id,
          title: lessonTitle(lesson),
          at: now,
          status: result.status === 'deleted' ? 'deleted' : 'merged',
          conflicts: result.conflicts,
        });
      }
      if (!lesson) return;
      if (result.status === 'deleted') {
        puts.push({ ...lesson, deletedAt: lesson.deletedAt ?? now, serverVersion: result.version });
        if (!current) settled.push(result.id);
        return;
      }
      if (lesson.visibility !== 'team' || lesson.deletedAt || !result.lesson) {
        puts.push({ ...lesson, serverVersion: Math.max(lesson.serverVersion ?? 0, result.version) });
        return;
      }
      const merged = mergePulled({ ...lesson, serverVersion: undefined }, { version: result.version, id: result.id, deleted: false, lesson: result.lesson }, current ? undefined : row, now);
      if (merged) puts.push(merged);
    });
    if (puts.length) await db.lessons.bulkPut(puts);
    if (settled.length) await db.outbox.bulkDelete(settled);
    if (conflicts.length) await db.syncConflicts.bulkAdd(conflicts);
    return conflicts;
  });
}
