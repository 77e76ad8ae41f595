import { createServer } from 'node:net';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { api, freshDb, makeTeam, pullAll, startServerProcess, type ServerProcess, type TestDb } from '../../test/support/server-harness';
import { importLessons } from '../import/apply';
import { SHARE_BATCH_MIN } from './outbox';
import { readCursor, readStatus, writeCursor } from './state';
import { followStream } from './stream';
import { TestClient } from './testing';

/**
 * The engine against a real server process (SQLite in a temp file), with the wire cut at chosen
 * points. Every scenario ends with both clients and the server holding the same team lessons.
 */

let db: TestDb;
let server: ServerProcess;
let port: number;
let token: string;
/** The server names a lesson's author from the token: one token per teammate. */
const tokens = new Map<string, string>();
const clients: TestClient[] = [];

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port: p } = s.address() as { port: number };
      s.close(() => resolve(p));
    });
  });
}

const start = () => startServerProcess(db, ['--port', String(port), '--rate-burst', '10000', '--rate-per-minute', '1000000', '--quiet']);

beforeAll(async () => {
  db = await freshDb('sqlite');
  for (const member of ['Ana', 'Ben']) tokens.set(member, (await makeTeam(db, 'platform', undefined, member)).token);
  token = tokens.get('Ana')!;
  port = await freePort();
  server = await start();
}, 30_000);

afterAll(async () => {
  await server?.stop();
  await db?.drop();
});

afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
});

let n = 0;
function client(author: string, pullLimit?: number): TestClient {
  const c = new TestClient(`sync-${author}-${++n}-${Math.random()}`, { endpoint: server.url, token: tokens.get(author)! }, author, pullLimit);
  clients.push(c);
  return c;
}

/** Live team lessons on the server, as a fresh pull sees them. */
async function serverLessons() {
  const { changes } = await pullAll(api(server.url, token));
  return changes
    .filter((c) => !c.deleted)
    .map((c) => c.lesson)
    .sort((a, b) => a.id.localeCompare(b.id));
}

const teamVersion = async () => (await api(server.url, token).get('/v1/me')).body.version as number;

/** Both sides sync until quiet, then must hold exactly the server's lessons. */
async function expectConverged(...cs: TestClient[]) {
  for (let round = 0; round < 2; round++) for (const c of cs) expect((await c.engine.sync({ force: true })).state).toBe('ok');
  const truth = await serverLessons();
  for (const c of cs) {
    expect(await c.db.outbox.count()).toBe(0);
    const mine = await c.teamLessons();
    expect(mine.map((l) => l.id)).toEqual(truth.map((l) => l.id));
    expect(mine).toEqual(truth);
  }
  return truth;
}

describe('sync engine against a real server', () => {
  it('shares team lessons with their author and keeps private ones on the device', async () => {
    const a = client('Ana');
    const b = client('Ben');
    const shared = await a.create({ note: 'freeze on Fridays' });
    const secret = await a.create({ note: 'my own notes', visibility: 'private' });
    const report = await a.engine.sync({ force: true });
    expect(report).toMatchObject({ state: 'ok', pushed: 1 });
    await b.engine.sync({ force: true });
    const got = await b.db.lessons.get(shared.id);
    expect(got).toMatchObject({ note: 'freeze on Fridays', author: 'Ana', visibility: 'team' });
    expect(got!.serverVersion).toBeGreaterThan(0);
    expect(await b.db.lessons.get(secret.id)).toBeUndefined();
    expect((await serverLessons()).some((l) => l.id === secret.id)).toBe(false);
    await expectConverged(a, b);
  });

  it('waits for the settle delay, so an undo right after a delete never reaches the server', async () => {
    const a = client('Ana');
    const l = await a.create();
    await a.engine.sync({ force: true });
    const before = await teamVersion();
    await a.engine.sync();
    const { deleteLessons, restoreLessons } = await import('../db/store');
    await deleteLessons(a.db, [l.id]);
    expect(await a.engine.sync()).toMatchObject({ state: 'ok', pushed: 0 });
    await restoreLessons(a.db, [l.id]);
    expect(await a.db.outbox.count()).toBe(0);
    await a.engine.sync({ force: true });
    expect(await teamVersion()).toBe(before);
  });

  it('server down during a push: the change waits in the outbox with a backoff, then both sides converge', async () => {
    const a = client('Ana');
    const b = client('Ben');
    await server.stop();
    const l = await a.create({ note: 'written while the server was down' });
    const failed = await a.engine.sync({ force: true });
    expect(failed.state).toBe('error');
    expect(failed.error).toMatch(/Unreachable/);
    expect(await a.db.outbox.count()).toBe(1);
    const status = await readStatus(a.db);
    expect(status.failures).toBe(1);
    expect(status.nextAttemptAt).toBeGreaterThan(Date.now());
    // An automatic sync respects the backoff; "Sync now" does not.
    expect((await a.engine.sync()).state).toBe('waiting');
    server = await start();
    expect((await a.engine.sync({ force: true })).state).toBe('ok');
    expect((await readStatus(a.db)).failures).toBe(0);
    const truth = await expectConverged(a, b);
    expect(truth.filter((x) => x.id === l.id)).toHaveLength(1);
  }, 30_000);

  it('500s: the sync fails, records the error, and succeeds on retry without loss', async () => {
    const a = client('Ana');
    const b = client('Ben');
    await a.create({ note: 'one' });
    a.wire.inject('/v1/push', 'status500', 2);
    expect((await a.engine.sync({ force: true })).error).toMatch(/HTTP 500/);
    expect((await a.engine.sync({ force: true })).state).toBe('error');
    expect((await readStatus(a.db)).failures).toBe(2);
    b.wire.inject('/v1/pull', 'status500');
    expect((await b.engine.sync({ force: true })).state).toBe('error');
    await expectConverged(a, b);
  });

  it('a push answer lost after the server committed: the replay (same opId) changes nothing', async () => {
    const a = client('Ana');
    const b = client('Ben');
    const l = await a.create({ note: 'once' });
    const opId = (await a.db.outbox.get(l.id))!.opId;
    const before = await teamVersion();
    a.wire.inject('/v1/push', 'lose-response');
    expect((await a.engine.sync({ force: true })).state).toBe('error');
    expect(await teamVersion()).toBe(before + 1);
    expect(await a.db.outbox.get(l.id)).toMatchObject({ opId, sent: true });
    expect((await a.engine.sync({ force: true })).state).toBe('ok');
    expect(await teamVersion()).toBe(before + 1);
    const truth = await expectConverged(a, b);
    expect(truth.filter((x) => x.id === l.id)).toHaveLength(1);
  });

  it('the worker stopped mid-push: a new engine on the same database resends and nothing doubles', async () => {
    const a = client('Ana');
    const b = client('Ben');
    const l = await a.create({ note: 'in flight' });
    const before = await teamVersion();
    a.wire.inject('/v1/push', 'hang-after-commit');
    void a.engine.sync({ force: true });
    await waitFor(async () => (await teamVersion()) === before + 1);
    a.restart();
    expect((await a.engine.sync({ force: true })).state).toBe('ok');
    expect(await teamVersion()).toBe(before + 1);
    const truth = await expectConverged(a, b);
    expect(truth.filter((x) => x.id === l.id)).toHaveLength(1);
  });

  it('the worker stopped mid-pull: the next engine resumes from the last page written', async () => {
    const a = client('Ana');
    for (let i = 0; i < 25; i++) await a.create({ note: `lesson ${i}` });
    await a.engine.sync({ force: true });
    const b = client('Ben', 10);
    // The first page lands, the second hangs after the server answered: the worker is gone.
    b.wire.inject('/v1/pull', 'pass');
    b.wire.inject('/v1/pull', 'hang-after-commit');
    void b.engine.sync({ force: true });
    await waitFor(async () => b.wire.requests.length >= 2 && (await b.db.lessons.count()) === 10);
    b.restart();
    expect((await b.engine.sync({ force: true })).state).toBe('ok');
    await expectConverged(a, b);
  });

  it('two clients edit the same lesson offline: fields merge, tags unite, a same-field clash is kept as a conflict', async () => {
    const a = client('Ana');
    const b = client('Ben');
    const l = await a.create({ note: 'original', title: 'Original', tags: ['deploy'] });
    await a.engine.sync({ force: true });
    await b.engine.sync({ force: true });

    await a.edit(l.id, { note: 'note by Ana', tags: ['deploy', 'friday'], kind: 'experience' });
    await b.edit(l.id, { title: 'Title by Ben', tags: ['deploy', 'freeze'], kind: 'improvement' });
    expect((await a.engine.sync({ force: true })).state).toBe('ok');
    const report = await b.engine.sync({ force: true });
    expect(report).toMatchObject({ state: 'ok' });
    expect(report.conflicts).toBe(1);

    const truth = await expectConverged(a, b);
    const merged = truth.find((x) => x.id === l.id)!;
    expect(merged).toMatchObject({ note: 'note by Ana', title: 'Title by Ben', kind: 'experience' });
    expect([...merged.tags].sort()).toEqual(['deploy', 'freeze', 'friday']);
    const kept = await b.db.syncConflicts.toArray();
    expect(kept).toHaveLength(1);
    expect(kept[0].conflicts.map((c) => [c.field, c.winner])).toEqual(expect.arrayContaining([['kind', 'server'], ['tags', 'merged']]));
    expect(kept[0].conflicts.find((c) => c.field === 'kind')!.client).toBe('improvement');
  });

  it('lessons shared in bulk (an import) reach the team, with an edit made before the sync', async () => {
    const a = client('Ana');
    const b = client('Ben');
    const mine = [];
    for (let i = 0; i < SHARE_BATCH_MIN + 10; i++) mine.push(await a.create({ note: `lesson ${i}`, visibility: 'private' }));
    const later = new Date(Date.now() + 60_000).toISOString();
    await importLessons(a.db, mine.map((l) => ({ ...l, visibility: 'team' as const, updatedAt: later })));
    expect(await a.db.shareBatches.count()).toBe(1);
    await a.edit(mine[0].id, { note: 'edited before the first sync' });
    expect(await a.engine.sync({ force: true })).toMatchObject({ state: 'ok', pushed: mine.length });
    expect(await a.db.shareBatches.count()).toBe(0);
    await b.engine.sync({ force: true });
    expect(await b.db.lessons.get(mine[0].id)).toMatchObject({ note: 'edited before the first sync', visibility: 'team' });
    const onServer = new Set((await expectConverged(a, b)).map((l) => l.id));
    expect(mine.every((l) => onServer.has(l.id))).toBe(true);
  });

  it('making a shared lesson private deletes it from the team but keeps it on the device', async () => {
    const a = client('Ana');
    const b = client('Ben');
    const l = await a.create({ note: 'second thoughts' });
    await a.engine.sync({ force: true });
    await b.engine.sync({ force: true });
    expect(await b.db.lessons.get(l.id)).toBeDefined();
    await a.edit(l.id, { visibility: 'private' });
    await a.engine.sync({ force: true });
    await b.engine.sync({ force: true });
    expect((await b.db.lessons.get(l.id))!.deletedAt).toBeDefined();
    expect(await a.db.lessons.get(l.id)).toMatchObject({ visibility: 'private', note: 'second thoughts' });
    expect((await a.db.lessons.get(l.id))!.deletedAt).toBeUndefined();
    await expectConverged(a, b);
  });

  it('a reset re-pulls everything and drops team lessons the server no longer has, unless they have a pending change', async () => {
    const a = client('Ana');
    const kept = await a.create({ note: 'on the server' });
    await a.engine.sync({ force: true });
    const template = (await a.db.lessons.get(kept.id))!;
    const stale = { ...template, id: '01900000-0000-7000-8000-0000000000aa', serverVersion: 1 };
    await a.db.lessons.put(stale);
    const edited = { ...template, id: '01900000-0000-7000-8000-0000000000bb', serverVersion: 1 };
    await a.db.lessons.put(edited);
    await a.edit(edited.id, { note: 'edited, not pushed yet' });
    const cursor = (await readCursor(a.db))!;
    await writeCursor(a.db, { ...cursor, cursor: 'garbage' });
    const report = await a.engine.sync();
    expect(report.state).toBe('ok');
    expect(report.removed).toBe(1);
    expect((await a.db.lessons.get(stale.id))!.deletedAt).toBeDefined();
    expect((await a.db.lessons.get(kept.id))!.deletedAt).toBeUndefined();
    expect((await a.db.lessons.get(edited.id))!.deletedAt).toBeUndefined();
    await expectConverged(a);
  });
});

describe('rate limits and the event stream', () => {
  it('a 429 waits what Retry-After says before the next automatic attempt', async () => {
    const limited = await startServerProcess(db, ['--rate-burst', '2', '--rate-per-minute', '1', '--quiet']);
    try {
      const c = new TestClient(`sync-limited-${Math.random()}`, { endpoint: limited.url, token }, 'Ana');
      clients.push(c);
      await c.create();
      let report = await c.engine.sync({ force: true });
      for (let i = 0; i < 3 && report.state === 'ok'; i++) {
        await c.create();
        report = await c.engine.sync({ force: true });
      }
      expect(report.error).toMatch(/Too many requests: the endpoint asked to wait \d+ s/);
      const status = await readStatus(c.db);
      const retryAfter = Number(/wait (\d+) s/.exec(report.error!)![1]);
      expect(status.nextAttemptAt - Date.now()).toBeGreaterThan(retryAfter * 1000 - 2000);
      expect((await c.engine.sync()).state).toBe('waiting');
      expect(await c.db.outbox.count()).toBeGreaterThan(0);
    } finally {
      await limited.stop();
    }
  });

  it('the store locked past its timeout: the sync says the endpoint is busy, waits what it asked, and then pushes everything', async () => {
    const c = client('Ana');
    await c.create();
    const other = new Database(db.config.sqlitePath!);
    other.exec('BEGIN EXCLUSIVE');
    let report;
    try {
      report = await c.engine.sync({ force: true });
    } finally {
      other.exec('COMMIT');
      other.close();
    }
    expect(report.error).toMatch(/busy or restarting/);
    expect((await readStatus(c.db)).nextAttemptAt - Date.now()).toBeGreaterThan(1000);
    expect(await c.db.outbox.count()).toBe(1);
    expect((await c.engine.sync({ force: true })).state).toBe('ok');
    expect(await c.db.outbox.count()).toBe(0);
  }, 30_000);

  it('the stream announces the new team version after a push', async () => {
    const a = client('Ana');
    const seen: number[] = [];
    const stop = new AbortController();
    const following = followStream(fetch, { endpoint: server.url, token }, (v) => seen.push(v), stop.signal).catch(() => undefined);
    await waitFor(async () => seen.length > 0);
    const before = seen[seen.length - 1];
    await a.create();
    await a.engine.sync({ force: true });
    await waitFor(async () => seen.some((v) => v > before));
    stop.abort();
    await following;
  });
});

async function waitFor(check: () => Promise<boolean>, timeoutMs = 10_000) {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 25));
  }
}
