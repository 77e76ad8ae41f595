import { openDb, type LessonDb } from '../db/database';
import type { Lesson, LessonDraftInput, LessonPatch } from '../lesson';
import { createLesson, updateLesson } from '../db/store';
import { SyncEngine } from './engine';
import type { Fetch } from './http';

/**
 * Fault injection between the engine and a real server: the server itself is never replaced, only
 * the wire is cut at chosen points. Each fault applies to the next request matching `path`.
 */
export type Fault = 'pass' | 'down' | 'status500' | 'lose-response' | 'hang-after-commit';

export class FaultyWire {
  private faults: { path: string; fault: Fault }[] = [];
  requests: string[] = [];

  inject(path: string, fault: Fault, times = 1): void {
    for (let i = 0; i < times; i++) this.faults.push({ path, fault });
  }

  readonly fetch: Fetch = async (url, init) => {
    const path = new URL(url).pathname;
    this.requests.push(path);
    const at = this.faults.findIndex((f) => f.path === path);
    const fault = at >= 0 ? this.faults.splice(at, 1)[0].fault : undefined;
    if (fault === 'down') throw new TypeError('fetch failed: connection refused');
    if (fault === 'status500') return new Response(JSON.stringify({ error: 'internal', message: 'internal error' }), { status: 500 });
    const response = await fetch(url, init);
    if (fault === 'lose-response') {
      await response.text();
      throw new TypeError('fetch failed: connection reset');
    }
    if (fault === 'hang-after-commit') {
      await response.text();
      return new Promise<Response>(() => {});
    }
    return response;
  };
}

/** One simulated browser profile: its own IndexedDB database and sync engine. */
export class TestClient {
  readonly db: LessonDb;
  readonly wire = new FaultyWire();
  engine: SyncEngine;
  private clock = Date.parse('2026-11-20T10:00:00Z');

  constructor(
    readonly dbName: string,
    private readonly target: { endpoint: string; token: string },
    readonly author: string,
    private readonly pullLimit?: number,
  ) {
    this.db = openDb(dbName);
    this.engine = this.newEngine();
  }

  /** A fresh engine on the same database, as after the worker was stopped and woke again. */
  restart(): SyncEngine {
    this.engine = this.newEngine();
    return this.engine;
  }

  private newEngine(): SyncEngine {
    return new SyncEngine({
      db: this.db,
      fetch: this.wire.fetch,
      target: async () => this.target,
      pullLimit: this.pullLimit,
      timeoutMs: 10_000,
    });
  }

  private ctx() {
    return { author: this.author, now: () => new Date((this.clock = Math.max(this.clock + 1000, Date.now()))) };
  }

  create(draft: Partial<LessonDraftInput> = {}): Promise<Lesson> {
    const source = { url: 'https://acme.atlassian.net/browse/OPS-1', site: 'jira', workItem: 'jira:acme.atlassian.net:OPS-1', title: 'OPS-1' } as const;
    return createLesson(this.db, { kind: 'mistake', quote: 'deployed on a Friday', visibility: 'team', source, ...draft }, this.ctx());
  }

  /** Patches carry every defaulted field (zod 4 fills absent ones), as the pages do. */
  async edit(id: string, change: LessonPatch): Promise<Lesson> {
    const { title, quote, note, answers, actions, tags, visibility } = (await this.db.lessons.get(id))!;
    return updateLesson(this.db, id, { title, quote, note, answers, actions, tags, visibility, ...change }, this.ctx());
  }

  /** Live team lessons as the team sees them (bookkeeping dropped), by id. */
  async teamLessons(): Promise<Record<string, unknown>[]> {
    const rows = await this.db.lessons.toArray();
    return rows
      .filter((l) => l.visibility === 'team' && !l.deletedAt)
      .map(({ serverVersion: _v, ...l }) => l)
      .sort((a, b) => a.id.localeCompare(b.id));
  }

  async close(): Promise<void> {
    this.db.close();
    await this.db.delete();
  }
}
