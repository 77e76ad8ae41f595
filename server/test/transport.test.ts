import { request } from 'node:http';
import { networkInterfaces } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, freshDb, makeLesson, makeTeam, startServerProcess, type ServerProcess, type TestDb } from './harness';

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
    // Without --behind-tls-proxy the header proves nothing.
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

describe('behind a TLS proxy (TRUST_PROXY=1)', () => {
  let db: TestDb;
  let server: ServerProcess;

  beforeAll(async () => {
    db = await freshDb('sqlite');
    server = await startServerProcess(db, ['--host', '0.0.0.0', '--quiet'], { TRUST_PROXY: '1' });
  }, 60_000);

  afterAll(async () => {
    await server?.stop('SIGKILL');
    await db?.drop();
  });

  it.skipIf(!external)('trusts X-Forwarded-Proto: https from the proxy, refuses forwarded http', async () => {
    const remote = api(`http://${external}:${server.port}`, (await makeTeam(db, 'acme')).token);
    expect((await remote.get('/v1/me', { 'x-forwarded-proto': 'https' })).status).toBe(200);
    expect((await remote.get('/v1/me', { 'x-forwarded-proto': 'http' })).status).toBe(403);
    expect((await remote.get('/v1/me')).status).toBe(403);
  });
});
