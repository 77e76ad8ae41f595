import { blockingFindings, refusalReason } from '../lib/redact/lesson';
import type { PushOp, RefusedOp } from '../lib/sync/protocol';

/**
 * Defence in depth for clients too old to check before pushing: an upsert whose lesson holds a
 * secret its author has not marked as kept is refused, alone; the other ops go through. Personal
 * data only warns (the server cannot know a member's choice to make it a stop). The reason names
 * the kinds found, never the text.
 */
export function screenSecrets(ops: readonly PushOp[]): { allowed: PushOp[]; refused: RefusedOp[] } {
  const allowed: PushOp[] = [];
  const refused: RefusedOp[] = [];
  for (const op of ops) {
    const findings = op.type === 'upsert' ? blockingFindings(op.lesson) : [];
    if (findings.length === 0) allowed.push(op);
    else refused.push({ opId: op.opId, id: op.id, code: 'holds_secret', reason: refusalReason(findings) });
  }
  return { allowed, refused };
}
