import type { OutboxRow } from '../db/database';
import type { Lesson } from '../lesson';
import type { Change } from './protocol';

/**
 * The local row after a change from the team, or null to leave the local row as it is. Private
 * lessons are never touched; a pending local change keeps its fields (the push will settle them
 * with the server); a pending local delete keeps the lesson deleted.
 */
export function mergePulled(local: Lesson | undefined, change: Change, pending: OutboxRow | undefined, now: string): Lesson | null {
  if (local?.visibility === 'private') return null;
  if (pending && (pending.type === 'delete' || local?.deletedAt)) return null;
  if (change.deleted || !change.lesson) {
    if (!local || pending) return null;
    return { ...local, deletedAt: local.deletedAt ?? change.deletedAt ?? now, serverVersion: change.version };
  }
  if (!pending && local?.serverVersion !== undefined && local.serverVersion >= change.version && !local.deletedAt) return null;
  const merged: Lesson = { ...change.lesson, serverVersion: change.version };
  if (!pending || !local) return merged;
  const mine = merged as Record<string, unknown>;
  for (const field of pending.fields) {
    if (local[field] === undefined) delete mine[field];
    else mine[field] = local[field];
  }
  if (local.updatedAt > merged.updatedAt) merged.updatedAt = local.updatedAt;
  return merged;
}
