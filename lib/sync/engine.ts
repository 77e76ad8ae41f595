import type { LessonDb } from '../db/database';
import { errorText } from '../error-text';
import { endpointProblem } from '../settings';
import { backoffDelay } from './backoff';
import { explain } from './connection';
import { SyncClient, SyncHttpError, type Endpoint, type Fetch } from './http';
import { expandShares } from './outbox';
import { applyPage, finishReset } from './pull';
import type { ShareRules } from '../redact/lesson';
import { LIMITS } from './protocol';
import { applyResults, takeBatch } from './push';
import { clientId, readCursor, readStatus, updateStatus, writeCursor, type CursorState, type SyncStatus } from './state';

export interface EngineOptions {
  db: LessonDb;
  fetch: Fetch;
  /** The endpoint and token as the settings hold them now (read at every sync). */
  target: () => Promise<Endpoint>;
  now?: () => number;
  random?: () => number;
  /** How long a changed row waits before an automatic push; an undo within it never leaves. */
  settleMs?: number;
  pullLimit?: number;
  timeoutMs?: number;
  /** The person's choices about what stops a share (read at every sync); secrets always do. */
  shareRules?: () => Promise<ShareRules>;
}

export interface SyncReport {
  /** `off`: no endpoint or token; `waiting`: backing off after failures; `error`: this attempt failed. */
  state: 'ok' | 'off' | 'waiting' | 'error';
  pushed: number;
  pulled: number;
  /** Team lessons tombstoned because a from-scratch pull no longer listed them. */
  removed: number;
  conflicts: number;
  error?: string;
  status: SyncStatus;
}

export const SETTLE_MS = 2_000;

/**
 * The client side of team sync. Everything it needs to resume lives in the database (outbox,
 * cursor, status), so a worker stopped at any point loses nothing: the next engine on the same
 * database picks up where this one stopped, resending unsettled ops with their original opIds.
 */
export class SyncEngine {
  private running?: Promise<SyncReport>;
  private readonly now: () => number;
  private readonly random: () => number;

  constructor(private readonly options: EngineOptions) {
    this.now = options.now ?? Date.now;
    this.random = options.random ?? Math.random;
  }

  /** Pushes pending changes, then pulls the team's. `force` ignores backoff and the settle delay (Sync now). */
  sync(opts: { force?: boolean } = {}): Promise<SyncReport> {
    this.running ??= this.run(opts.force ?? false).finally(() => (this.running = undefined));
    return this.running;
  }

  private async run(force: boolean): Promise<SyncReport> {
    const { db } = this.options;
    const report: SyncReport = { state: 'ok', pushed: 0, pulled: 0, removed: 0, conflicts: 0, status: await readStatus(db) };
    const target = await this.options.target();
    if (!target.endpoint || !target.token) return { ...report, state: 'off' };
    const insecure = endpointProblem(target.endpoint);
    if (insecure) {
      report.status = await updateStatus(db, { lastError: insecure });
      return { ...report, state: 'error', error: insecure };
    }
    if (!force && this.now() < report.status.nextAttemptAt) return { ...report, state: 'waiting' };

    const client = new SyncClient(this.options.fetch, target, this.options.timeoutMs);
    const attemptAt = new Date(this.now()).toISOString();
    try {
      // Before push and pull read the outbox: lessons shared in bulk are pending like any other.
      await expandShares(db);
      const blocked = await this.pushAll(client, force, report);
      await this.pullAll(client, target.endpoint, report);
      report.status = await updateStatus(db, {
        lastSyncAt: new Date(this.now()).toISOString(),
        lastAttemptAt: attemptAt,
        lastError: undefined,
        failures: 0,
        nextAttemptAt: 0,
        blocked,
      });
      return report;
    } catch (error) {
      const failures = report.status.failures + 1;
      const message = error instanceof SyncHttpError ? explain(error) : `Sync failed: ${errorText(error)}`;
      const wait = backoffDelay(failures, this.random, error instanceof SyncHttpError ? error.retryAfter : undefined);
      report.status = await updateStatus(db, { lastAttemptAt: attemptAt, lastError: message, failures, nextAttemptAt: this.now() + wait });
      return { ...report, state: 'error', error: message };
    }
  }

  private async pushAll(client: SyncClient, force: boolean, report: SyncReport) {
    const { db } = this.options;
    const id = await clientId(db);
    const readyBefore = force ? Number.POSITIVE_INFINITY : this.now() - (this.options.settleMs ?? SETTLE_MS);
    const skip = new Set<string>();
    const blocked: SyncStatus['blocked'] = [];
    const rules = (await this.options.shareRules?.()) ?? {};
    for (;;) {
      const batch = await takeBatch(db, readyBefore, skip, rules);
      for (const b of batch.blocked) skip.add(b.id);
      blocked.push(...batch.blocked);
      if (!batch.ops.length) return blocked;
      const response = await client.push({ clientId: id, ops: batch.ops });
      const conflicts = await applyResults(db, response.results, new Date(this.now()).toISOString());
      // Refused by the server (a secret this client did not see): waits in the outbox like a blocked row.
      for (const r of response.refused) {
        skip.add(r.id);
        blocked.push({ id: r.id, reason: r.reason });
      }
      report.pushed += batch.ops.length - response.refused.length;
      report.conflicts += conflicts.length;
    }
  }

  private async pullAll(client: SyncClient, endpoint: string, report: SyncReport) {
    const { db } = this.options;
    const limit = this.options.pullLimit ?? LIMITS.maxPullLimit;
    let state: CursorState = (await readCursor(db)) ?? { endpoint, resetting: false, version: 0 };
    // Another endpoint: its versions mean nothing here, so start from its beginning.
    if (state.endpoint !== endpoint) state = { endpoint, resetting: false, version: 0 };
    const fetchPage = (cursor: string | undefined) => {
      const pending = client.pull(cursor, limit);
      // Marked handled: a prefetched page nobody awaits (the write before it failed) must not crash the worker.
      pending.catch(() => undefined);
      return pending;
    };
    let next = fetchPage(state.cursor);
    for (;;) {
      const page = await next;
      const now = new Date(this.now()).toISOString();
      if (page.reset) {
        if (state.cursor === undefined) throw new SyncHttpError('rejected', `the endpoint refused a pull from the start (${page.code})`);
        state = { endpoint, resetting: true, version: 0 };
        await db.transaction('rw', db.meta, db.resetSeen, async () => {
          await db.resetSeen.clear();
          await writeCursor(db, state);
        });
        next = fetchPage(undefined);
        continue;
      }
      const version = page.changes.reduce((v, c) => Math.max(v, c.version), state.version);
      state = { ...state, cursor: page.cursor, version };
      // The next page downloads and validates while this one is written: the cursor still only
      // moves with the rows, so a stop in between resumes from the page last written.
      if (page.hasMore) next = fetchPage(page.cursor);
      report.pulled += await applyPage(db, page.changes, state, now);
      if (page.hasMore) continue;
      if (state.resetting) {
        report.removed += await finishReset(db, state, now);
        state = { ...state, resetting: false };
      }
      return;
    }
  }
}
