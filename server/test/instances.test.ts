import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, api, freshDb, makeLesson, makeTeam, openStream, pullAll, startServerProcess, type ServerProcess, type TestDb } from '../../test/support/server-harness';

/**
 * Two server processes on one PostgreSQL schema, as behind a load balancer with no sticky routing:
 * a client streaming from one sees pushes made on the other, and concurrent pushes through both
 * get distinct, gapless versions.
 */
describe.runIf(DIALECTS.includes('postgres'))('two server instances on one PostgreSQL', () => {
  let db: TestDb;
  let a: ServerProcess;
  let b: ServerProcess;
  let ana: { token: string };
  let ben: { token: string };

  beforeAll(async () => {
    db = await freshDb('postgres');
    ana = await makeTeam(db, 'acme', undefined, 'Ana');
    ben = await makeTeam(db, 'acme', undefined, 'Ben');
    const flags = ['--rate-burst', '100000', '--rate-per-minute', '600000', '--quiet'];
    [a, b] = await Promise.all([startServerProcess(db, flags), startServerProcess(db, flags)]);
  }, 60_000);

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await db?.drop();
  });

  it("a client streaming from instance A sees a push made on instance B, and B's stream sees A's", async () => {
    const onA = await openStream(a.url, ana.token);
    const onB = await openStream(b.url, ben.token);
    expect([onA.status, onB.status]).toEqual([200, 200]);
    await Promise.all([onA.until(/event: version/), onB.until(/event: version/)]);
    const l1 = makeLesson();
    const pushedOnB = await api(b.url, ben.token).push({ clientId: 'ben', ops: [{ opId: '1', type: 'upsert', id: l1.id!, baseVersion: 0, lesson: l1 }] });
    await onA.until(new RegExp(`"version":${pushedOnB.body.version}\\}`));
    const l2 = makeLesson();
    const pushedOnA = await api(a.url, ana.token).push({ clientId: 'ana', ops: [{ opId: '1', type: 'upsert', id: l2.id!, baseVersion: 0, lesson: l2 }] });
    await onB.until(new RegExp(`"version":${pushedOnA.body.version}\\}`));
    onA.close();
    onB.close();
  }, 30_000);

  it('concurrent pushes through both instances get distinct, gapless versions in commit order', async () => {
    const start = (await api(a.url, ana.token).get('/v1/me')).body.version as number;
    const perInstance = 20;
    const pushes = [a, b].flatMap((server, s) =>
      Array.from({ length: perInstance }, async (_, i) => {
        const lessons = [makeLesson(), makeLesson()];
        const reply = await api(server.url, s ? ben.token : ana.token).push({
          clientId: `c${s}-${i}`,
          ops: lessons.map((lesson, j) => ({ opId: String(j), type: 'upsert' as const, id: lesson.id!, baseVersion: 0, lesson })),
        });
        expect(reply.status).toBe(200);
        return reply.body.results.map((r: { version: number }) => r.version) as number[];
      }),
    );
    const perPush = await Promise.all(pushes);
    // Each push's versions are consecutive: no other push interleaved inside it.
    for (const [first, second] of perPush) expect(second).toBe(first + 1);
    const versions = perPush.flat();
    const sorted = [...versions].sort((x, y) => x - y);
    expect(sorted).toEqual(Array.from({ length: 2 * perInstance * 2 }, (_, i) => start + i + 1));
    const { changes } = await pullAll(api(b.url, ben.token));
    expect(changes.map((c: { version: number }) => c.version)).toEqual([...changes.map((c: { version: number }) => c.version)].sort((x, y) => x - y));
    expect(changes).toHaveLength(2 + 2 * perInstance * 2);
  }, 60_000);
});
