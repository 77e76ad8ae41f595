import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, freshDb, makeLesson, makeTeam, pullAll, PG_URL, startServerProcess, type Api, type ServerProcess, type TestDb } from '../../test/support/server-harness';

/**
 * The store failing under a running server, as it does in production: SQLite locked by another
 * process (a backup, a second tool), PostgreSQL restarting (every connection of the server ended).
 * A request that meets it gets a 503 saying to retry, with Retry-After (which the extension's sync
 * honours), the error is logged, and the server serves again by itself once the store is back.
 */
const push = (client: Api, clientId: string, opId: string) => {
  const lesson = makeLesson();
  return client.push({ clientId, ops: [{ opId, type: 'upsert', id: lesson.id!, baseVersion: 0, lesson }] });
};

describe('SQLite locked by another process', () => {
  let db: TestDb;
  let server: ServerProcess;
  let ana: Api;
  beforeAll(async () => {
    db = await freshDb('sqlite');
    const { token } = await makeTeam(db, 'acme');
    server = await startServerProcess(db, ['--quiet']);
    ana = api(server.url, token);
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
    await db?.drop();
  });

  it('waits out a short lock, answers 503 with Retry-After past a long one, and writes again once it is released', async () => {
    const other = new Database(db.config.sqlitePath!);
    other.exec('BEGIN EXCLUSIVE');
    const waited = push(ana, 'ana', 'short');
    await new Promise((r) => setTimeout(r, 1500));
    other.exec('COMMIT');
    expect((await waited).status).toBe(200);

    other.exec('BEGIN EXCLUSIVE');
    const refused = await push(ana, 'ana', 'long');
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(refused.body).toMatchObject({ error: 'unavailable' });
    expect(server.stderr()).toMatch(/SQLITE_BUSY|database is locked/);
    other.exec('COMMIT');
    other.close();

    expect((await push(ana, 'ana', 'long')).status).toBe(200);
    expect((await pullAll(ana)).changes).toHaveLength(2);
  }, 30_000);
});

describe('PostgreSQL restarting under the server', () => {
  const APP = `lessonmark-faults-${process.pid}`;
  let db: TestDb;
  let server: ServerProcess;
  let ana: Api;
  beforeAll(async () => {
    db = await freshDb('postgres');
    const { token } = await makeTeam(db, 'acme');
    // Named connections, so the "restart" ends this server's and no other test's.
    server = await startServerProcess(db, ['--quiet'], { PGAPPNAME: APP });
    ana = api(server.url, token);
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
    await db?.drop();
  });

  it('survives its connections being ended, answers 503 (never 500) meanwhile, serves again by itself and loses nothing acknowledged', async () => {
    const acknowledged: string[] = [];
    for (let i = 0; i < 5; i++) {
      const r = await push(ana, 'ana', `before-${i}`);
      expect(r.status).toBe(200);
      acknowledged.push(r.body.results[0].lesson.id);
    }
    // What a restart does to the server: every one of its connections is ended by the database.
    const admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    const ended = await admin.query('select pg_terminate_backend(pid) from pg_stat_activity where application_name = $1', [APP]);
    await admin.end();
    expect(ended.rowCount).toBeGreaterThan(0);

    const during: number[] = [];
    for (let i = 0; i < 5; i++) {
      const r = await push(ana, 'ana', `after-${i}`);
      during.push(r.status);
      if (r.status === 200) acknowledged.push(r.body.results[0].lesson.id);
      else expect(r.status).toBe(503);
    }
    // The pool opens new connections: the next requests are served, and the loss was logged.
    expect(during.at(-1)).toBe(200);
    expect(server.stderr()).toMatch(/PostgreSQL connection lost|terminating connection/);
    const stored = (await pullAll(ana)).changes.map((c: { lesson: { id: string } }) => c.lesson.id);
    for (const id of acknowledged) expect(stored).toContain(id);
  }, 30_000);
});
