import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, api, freshDb, makeLesson, makeTeam, pullAll, startServerProcess, type Api, type ServerProcess, type TestDb } from '../../test/support/server-harness';

/** What the server knows better than any client: who wrote a lesson, when it began, which versions exist. */
describe.each(DIALECTS)('the server decides what it can know, on %s', (dialect) => {
  let db: TestDb;
  let server: ServerProcess;
  let ana: Api;
  let ben: Api;

  beforeAll(async () => {
    db = await freshDb(dialect);
    const a = await makeTeam(db, 'acme', undefined, 'Ana');
    const b = await makeTeam(db, 'acme', undefined, 'Ben');
    await makeTeam(db, 'tiny', undefined, 'Tia');
    server = await startServerProcess(db, ['--rate-burst', '100000', '--rate-per-minute', '600000', '--quiet']);
    ana = api(server.url, a.token);
    ben = api(server.url, b.token);
  }, 60_000);

  afterAll(async () => {
    await server?.stop();
    await db?.drop();
  });

  it("writes the author from the token's member and keeps createdAt from the first version", async () => {
    const lesson = makeLesson({ author: 'Mallory', createdAt: '2020-01-01T00:00:00.000Z' });
    const created = await ana.push({ clientId: 'ana', ops: [{ opId: 'c', type: 'upsert', id: lesson.id!, baseVersion: 0, lesson }] });
    expect(created.status).toBe(200);
    // The client learns what the server kept.
    expect(created.body.results[0].lesson).toMatchObject({ author: 'Ana', createdAt: '2020-01-01T00:00:00.000Z' });
    const v = created.body.results[0].version;

    const forged = { ...lesson, author: 'Ana (forged by Ben)', createdAt: '1999-01-01T00:00:00.000Z', title: 'edited by Ben' };
    const edit = await ben.push({ clientId: 'ben', ops: [{ opId: 'e', type: 'upsert', id: lesson.id!, baseVersion: v, lesson: forged }] });
    expect(edit.status).toBe(200);
    expect(edit.body.results[0].lesson).toMatchObject({ author: 'Ana', createdAt: '2020-01-01T00:00:00.000Z', title: 'edited by Ben' });

    const { changes } = await pullAll(ben);
    expect(changes.find((c: any) => c.id === lesson.id).lesson).toMatchObject({ author: 'Ana', createdAt: '2020-01-01T00:00:00.000Z', title: 'edited by Ben' });

    const own = makeLesson({ author: 'Ana' });
    const bens = await ben.push({ clientId: 'ben', ops: [{ opId: 'own', type: 'upsert', id: own.id!, baseVersion: 0, lesson: own }] });
    expect(bens.body.results[0].lesson.author).toBe('Ben');
  });

  it('refuses a baseVersion the team never reached with 409 and stores nothing', async () => {
    const lesson = makeLesson();
    const created = await ana.push({ clientId: 'ana', ops: [{ opId: 'f0', type: 'upsert', id: lesson.id!, baseVersion: 0, lesson }] });
    const v = created.body.version;
    await ana.push({ clientId: 'ana', ops: [{ opId: 'f1', type: 'delete', id: lesson.id!, baseVersion: v }] });
    const before = await ana.get('/v1/me');
    const other = makeLesson();
    const resurrect = await ben.push({
      clientId: 'ben',
      ops: [
        { opId: 'ok', type: 'upsert', id: other.id!, baseVersion: 0, lesson: other },
        { opId: 'f2', type: 'upsert', id: lesson.id!, baseVersion: before.body.version + 1000, lesson: { ...lesson, title: 'back from the dead' } },
      ],
    });
    expect(resurrect.status).toBe(409);
    expect(resurrect.body.error).toBe('base_version_ahead');
    expect((await ana.get('/v1/me')).body.version).toBe(before.body.version);
    expect((await ana.get(`/v1/lessons/${lesson.id}`)).body.deleted).toBe(true);
    expect((await ana.get(`/v1/lessons/${other.id}`)).status).toBe(404);
  });

  it('refuses lone surrogates, NUL and duplicate opIds with 400', async () => {
    const lesson = makeLesson();
    const op = { opId: 'u', type: 'upsert' as const, id: lesson.id!, baseVersion: 0, lesson };
    const before = (await ana.get('/v1/me')).body.version;
    const bad = [
      { clientId: 'bad\uD800', ops: [op] },
      { clientId: 'nul\u0000', ops: [op] },
      { clientId: 'ok', ops: [{ ...op, opId: 'x\uDC00y' }] },
      { clientId: 'ok', ops: [{ ...op, lesson: { ...lesson, note: 'a\u0000b' } }] },
      { clientId: 'ok', ops: [{ ...op, lesson: { ...lesson, tags: ['\uD83D'] } }] },
      { clientId: 'ok', ops: [op, { ...op, lesson: { ...lesson, title: 'second' } }] },
    ];
    for (const request of bad) {
      const reply = await ana.post('/v1/push', JSON.stringify(request));
      expect(reply.status, JSON.stringify(request)).toBe(400);
    }
    expect((await ana.get('/v1/lessons/a%00b')).status).toBe(400);
    expect((await ana.get('/v1/pull?cursor=%00')).status).toBe(400);
    expect((await ana.get('/v1/me')).body.version).toBe(before);
    // A surrogate pair (an emoji) is well-formed and welcome.
    const emoji = await ana.push({ clientId: 'ok', ops: [{ ...op, lesson: { ...lesson, note: 'ship it \uD83D\uDE80' } }] });
    expect(emoji.status).toBe(200);
  });
});

describe.each(DIALECTS)('team storage quota on %s', (dialect) => {
  let db: TestDb;
  let server: ServerProcess;

  afterAll(async () => {
    await server?.stop();
    await db?.drop();
  });

  it('refuses a push that would take the team over its quota with 413 and a clear message; deletes make room', async () => {
    db = await freshDb(dialect);
    const { token } = await makeTeam(db, 'small', undefined, 'Sam');
    server = await startServerProcess(db, ['--team-max-lessons', '3', '--quiet']);
    const sam = api(server.url, token);
    const lessons = [makeLesson(), makeLesson(), makeLesson(), makeLesson()];
    const up = (i: number, opId: string) => ({ opId, type: 'upsert' as const, id: lessons[i].id!, baseVersion: 0, lesson: lessons[i] });
    expect((await sam.push({ clientId: 's', ops: [up(0, 'a'), up(1, 'b')] })).status).toBe(200);
    const over = await sam.push({ clientId: 's', ops: [up(2, 'c'), up(3, 'd')] });
    expect(over.status).toBe(413);
    expect(over.body.error).toBe('team_quota_exceeded');
    expect(over.body.message).toMatch(/quota is 3 lessons/);
    expect((await pullAll(sam)).changes).toHaveLength(2);
    const version = (await sam.get('/v1/me')).body.version;
    expect((await sam.push({ clientId: 's', ops: [{ opId: 'del', type: 'delete', id: lessons[0].id!, baseVersion: version }] })).status).toBe(200);
    expect((await sam.push({ clientId: 's', ops: [up(2, 'c'), up(3, 'd')] })).status).toBe(200);
  }, 60_000);
});
