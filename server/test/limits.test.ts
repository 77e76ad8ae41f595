import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { revokeToken } from '../teams';
import { DIALECTS, api, freshDb, makeLesson, makeTeam, openStream, pullAll, startServerProcess, type ServerProcess, type TestDb } from '../../test/support/server-harness';

/** Budgets per token (requests, ops, bytes), pull pages capped in bytes, open streams capped and ended on revoke. */
describe.each(DIALECTS)('fair and bounded server on %s', (dialect) => {
  let db: TestDb;
  let server: ServerProcess;

  beforeAll(async () => {
    db = await freshDb(dialect);
    server = await startServerProcess(db, [
      '--rate-burst', '1000', '--rate-per-minute', '60000',
      '--ops-burst', '600', '--ops-per-minute', '60',
      '--bytes-burst', '3000000', '--bytes-per-minute', '60000',
      '--streams-per-token', '2', '--streams-per-team', '3',
      '--quiet',
    ]);
  }, 60_000);

  afterAll(async () => {
    await server?.stop();
    await db?.drop();
  });

  /** `big`: lessons of about 30 kB. */
  const upserts = (n: number, big = false, prefix = 'o') =>
    Array.from({ length: n }, (_, i) => {
      const lesson = big ? makeLesson({ quote: 'q'.repeat(15_000) }, 15_000) : makeLesson();
      return { opId: `${prefix}${i}`, type: 'upsert' as const, id: lesson.id!, baseVersion: 0, lesson };
    });

  it('counts ops: a push over the op budget is a 429 with Retry-After and writes nothing', async () => {
    const client = api(server.url, (await makeTeam(db, 'ops')).token);
    expect((await client.push({ clientId: 'c', ops: upserts(500) })).status).toBe(200);
    const version = (await client.get('/v1/me')).body.version;
    const refused = await client.push({ clientId: 'c', ops: upserts(200, false, 'p') });
    expect(refused.status).toBe(429);
    expect(refused.body.message).toMatch(/ops/);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(90);
    expect((await client.get('/v1/me')).body.version).toBe(version);
    // Another token, even of the same team, has its own budget.
    const other = api(server.url, (await makeTeam(db, 'ops', undefined, 'Ben')).token);
    expect((await other.push({ clientId: 'd', ops: upserts(100) })).status).toBe(200);
  });

  it('counts bytes: pushed bodies and pulled pages spend the budget; over it, 429', async () => {
    const client = api(server.url, (await makeTeam(db, 'bytes')).token);
    // ~900 kB each: the fourth would pass 3 MB.
    const big = () => upserts(29, true, `b${Math.random()}`);
    expect((await client.push({ clientId: 'c', ops: big() })).status).toBe(200);
    expect((await client.push({ clientId: 'c', ops: big() })).status).toBe(200);
    expect((await client.push({ clientId: 'c', ops: big() })).status).toBe(200);
    const refused = await client.push({ clientId: 'c', ops: big() });
    expect(refused.status).toBe(429);
    expect(refused.body.message).toMatch(/bytes/);
    // A pull reserves a full page up front.
    expect((await client.pull()).status).toBe(429);
  });

  it('caps a pull page near 1 MB however many rows were asked for, and streams it', async () => {
    const { token } = await makeTeam(db, 'pages');
    const writer = api(server.url, token);
    for (let i = 0; i < 3; i++) expect((await writer.push({ clientId: 'w', ops: upserts(20, true, `w${i}-`) })).status).toBe(200);
    const reader = api(server.url, (await makeTeam(db, 'pages', undefined, 'Rea')).token);
    const first = await fetch(`${server.url}/v1/pull?limit=1000`, { headers: { authorization: `Bearer ${(await makeTeam(db, 'pages', undefined, 'Raw')).token}` } });
    expect(first.headers.get('content-length')).toBeNull();
    const text = await first.text();
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(1_000_000 + 200);
    const page = JSON.parse(text);
    expect(page.hasMore).toBe(true);
    expect(page.changes.length).toBeGreaterThan(10);
    expect(page.changes.length).toBeLessThan(60);
    const { changes } = await pullAll(reader, undefined, 1000);
    expect(changes).toHaveLength(60);
  });

  it('caps open streams per token and per team', async () => {
    const one = await makeTeam(db, 'streams');
    const two = await makeTeam(db, 'streams', undefined, 'Ben');
    const open = [await openStream(server.url, one.token), await openStream(server.url, one.token)];
    expect(open.map((s) => s.status)).toEqual([200, 200]);
    const third = await openStream(server.url, one.token);
    expect(third.status).toBe(429);
    open.push(await openStream(server.url, two.token));
    expect(open[2].status).toBe(200);
    // Three open in the team: the team's cap.
    expect((await openStream(server.url, two.token)).status).toBe(429);
    open[0].close();
    await new Promise((r) => setTimeout(r, 300));
    const again = await openStream(server.url, one.token);
    expect(again.status).toBe(200);
    for (const s of [...open, again]) s.close();
  });

  it("ends a revoked token's open stream within 2 seconds", async () => {
    const { token, tokenId } = await makeTeam(db, 'revoked');
    const stream = await openStream(server.url, token);
    await stream.until(/event: version/);
    const handle = db.open();
    try {
      expect(await revokeToken(handle.db, tokenId)).toBe(true);
    } finally {
      await handle.db.destroy();
    }
    const started = Date.now();
    await stream.ended();
    expect(Date.now() - started).toBeLessThan(2000);
  });
});
