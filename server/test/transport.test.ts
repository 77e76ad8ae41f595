import { statSync } from 'node:fs';
import { request } from 'node:http';
import { sql } from 'kysely';
import { networkInterfaces } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, freshDb, makeLesson, makeTeam, startServerProcess, type ServerProcess, type TestDb } from '../../test/support/server-harness';

/** A non-loopback address of this machine: requests through it do not come from localhost. */
const external = Object.values(networkInterfaces())
  .flat()
  .find((i) => i && i.family === 'IPv4' && !i.internal)?.address;

describe('transport: rate limits, TLS guard, CORS, logs, shutdown (SQLite)', () => {
  let db: TestDb;
  let server: ServerProcess;

  beforeAll(async () => {
    db = await freshDb('sqlite');
    server = await startServerProcess(db, ['--host', '0.0.0.0', '--rate-burst', '3', '--rate-per-minute', '60']);
  }, 60_000);

  afterAll(async () => {
    await server?.stop('SIGKILL');
    await db?.drop();
  });

  it('rate-limits per token with 429 and Retry-After, then lets the token go on', async () => {
    const one = api(server.url, (await makeTeam(db, 'acme')).token);
    const two = api(server.url, (await makeTeam(db, 'acme')).token);
    for (let i = 0; i < 3; i++) expect((await one.get('/v1/me')).status).toBe(200);
    const limited = await one.get('/v1/me');
    expect(limited.status).toBe(429);
    expect(limited.body.error).toBe('rate_limited');
    const wait = Number(limited.headers.get('retry-after'));
    expect(wait).toBeGreaterThanOrEqual(1);
    expect((await two.get('/v1/me')).status).toBe(200);
    await new Promise((r) => setTimeout(r, wait * 1000 + 100));
    expect((await one.get('/v1/me')).status).toBe(200);
  });

  it.skipIf(!external)('refuses plain HTTP from a non-local address, but serves health', async () => {
    const { token } = await makeTeam(db, 'acme');
    const remote = api(`http://${external}:${server.port}`, token);
    const refused = await remote.get('/v1/me');
    expect(refused.status).toBe(403);
    expect(refused.body.error).toBe('https_required');
    // From a peer not listed in TRUST_PROXY the header proves nothing.
    expect((await remote.get('/v1/me', { 'x-forwarded-proto': 'https' })).status).toBe(403);
    expect((await remote.get('/v1/health')).status).toBe(200);
    expect((await api(server.url, token).get('/v1/me')).status).toBe(200);
  });

  it('allows extension and localhost origins through CORS, and no others', async () => {
    const preflight = (origin: string) =>
      fetch(`${server.url}/v1/push`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' },
      });
    for (const origin of ['chrome-extension://abcdefghijklmnopabcdefghijklmnop', 'moz-extension://0b1c2d3e-1111-2222-3333-444455556666', 'http://localhost:3000']) {
      const response = await preflight(origin);
      expect(response.status).toBe(204);
      expect(response.headers.get('access-control-allow-origin')).toBe(origin);
      expect(response.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('authorization');
    }
    expect((await preflight('https://evil.example')).headers.get('access-control-allow-origin')).toBeNull();
  });

  it('logs one JSON line per request with method, path, status, ms and team', async () => {
    const { token } = await makeTeam(db, 'logteam');
    await api(server.url, token).get('/v1/pull?limit=5');
    await new Promise((r) => setTimeout(r, 200));
    expect(server.lines).toContainEqual(
      expect.objectContaining({ method: 'GET', path: '/v1/pull', status: 200, ms: expect.any(Number), team: 'logteam' }),
    );
    expect(server.lines).toContainEqual(expect.objectContaining({ path: '/v1/me', status: 429, team: null }));
  });

  it('finishes a request in flight on SIGTERM, ends event streams, and exits 0', async () => {
    const { token } = await makeTeam(db, 'acme');
    const stream = await fetch(`${server.url}/v1/stream`, { headers: { authorization: `Bearer ${token}` } });
    expect(stream.status).toBe(200);
    const lesson = makeLesson();
    const body = JSON.stringify({ clientId: 'slow', ops: [{ opId: '1', type: 'upsert', id: lesson.id, baseVersion: 0, lesson }] });
    const half = body.length >> 1;
    const reply = new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = request(`${server.url}/v1/push`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      });
      req.on('response', (res) => {
        let text = '';
        res.on('data', (c) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      });
      req.on('error', reject);
      req.write(body.slice(0, half));
      // The server has the request's head and half its body when the signal arrives.
      setTimeout(() => {
        server.child.kill('SIGTERM');
        setTimeout(() => req.end(body.slice(half)), 300);
      }, 300);
    });
    const { status, text } = await reply;
    expect(status).toBe(200);
    expect(JSON.parse(text).results[0].status).toBe('applied');
    expect(await server.stop()).toBe(0);
    expect(await stream.text()).toContain('event: version');
  });
});

describe('behind a TLS proxy on the same host (TRUST_PROXY=127.0.0.1,203.0.113.0/24)', () => {
  let db: TestDb;
  let server: ServerProcess;

  beforeAll(async () => {
    db = await freshDb('sqlite');
    server = await startServerProcess(db, ['--host', '0.0.0.0'], { TRUST_PROXY: '127.0.0.1,203.0.113.0/24' });
  }, 60_000);

  afterAll(async () => {
    await server?.stop('SIGKILL');
    await db?.drop();
  });

  it('believes X-Forwarded-Proto only as the listed proxy set it: a listed loopback peer is not local', async () => {
    const viaProxy = api(server.url, (await makeTeam(db, 'acme')).token);
    expect((await viaProxy.get('/v1/me')).status).toBe(403);
    expect((await viaProxy.get('/v1/me', { 'x-forwarded-proto': 'https' })).status).toBe(200);
    // The proxy appends what it saw; a value the client wrote before it counts for nothing.
    expect((await viaProxy.get('/v1/me', { 'x-forwarded-proto': 'https, http' })).status).toBe(403);
    expect((await viaProxy.get('/v1/me', { 'x-forwarded-proto': 'http, https' })).status).toBe(200);
  });

  it("logs the client as the right-most X-Forwarded-For hop that is not a listed proxy", async () => {
    const viaProxy = api(server.url, (await makeTeam(db, 'hops')).token);
    await viaProxy.get('/v1/me', { 'x-forwarded-proto': 'https', 'x-forwarded-for': '6.6.6.6, 198.51.100.7' });
    await viaProxy.get('/v1/pull', { 'x-forwarded-proto': 'https', 'x-forwarded-for': '6.6.6.6, 198.51.100.8, 203.0.113.9' });
    await new Promise((r) => setTimeout(r, 200));
    expect(server.lines).toContainEqual(expect.objectContaining({ path: '/v1/me', team: 'hops', client: '198.51.100.7' }));
    expect(server.lines).toContainEqual(expect.objectContaining({ path: '/v1/pull', team: 'hops', client: '198.51.100.8' }));
  });

  it.skipIf(!external)('ignores forwarded headers from a peer that is not listed', async () => {
    const remote = api(`http://${external}:${server.port}`, (await makeTeam(db, 'acme')).token);
    expect((await remote.get('/v1/me', { 'x-forwarded-proto': 'https' })).status).toBe(403);
    expect((await remote.get('/v1/me')).status).toBe(403);
  });
});

describe('files and logs (SQLite)', () => {
  let db: TestDb;
  let server: ServerProcess;

  afterAll(async () => {
    await server?.stop('SIGKILL');
    await db?.drop();
  });

  it('creates the database readable by its owner only, and --quiet still logs errors', async () => {
    db = await freshDb('sqlite');
    const { token } = await makeTeam(db, 'acme');
    server = await startServerProcess(db, ['--quiet']);
    for (const file of [db.config.sqlitePath!, `${db.config.sqlitePath}-wal`]) expect(statSync(file).mode & 0o777, file).toBe(0o600);
    // Break the store under the running server: the push fails with a 500 that must be logged.
    const handle = db.open();
    await sql`drop table applied_ops`.execute(handle.db);
    await handle.db.destroy();
    const lesson = makeLesson();
    const failed = await api(server.url, token).push({ clientId: 'c', ops: [{ opId: '1', type: 'upsert', id: lesson.id!, baseVersion: 0, lesson }] });
    expect(failed.status).toBe(500);
    await new Promise((r) => setTimeout(r, 200));
    expect(server.stderr()).toMatch(/"level":"error".*applied_ops/);
    expect(server.lines.filter((l: any) => l.path)).toEqual([]);
  }, 60_000);
});
