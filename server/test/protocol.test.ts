import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../lib/id';
import { PullResponseSchema, PushResponseSchema } from '../../lib/sync/protocol';
import { compact } from '../sync-store';
import { DIALECTS, ROOT, api, freshDb, makeLesson, makeTeam, pullAll, startServerProcess, type Api, type ServerProcess, type TestDb } from '../../test/support/server-harness';

const run = promisify(execFile);

describe.each(DIALECTS)('sync protocol over HTTP on %s', (dialect) => {
  let db: TestDb;
  let server: ServerProcess;
  let alice: Api;
  let bob: Api;
  let other: Api;
  let aliceToken: string;

  beforeAll(async () => {
    db = await freshDb(dialect);
    const acme = await makeTeam(db, 'acme');
    const acme2 = await makeTeam(db, 'acme', undefined, 'Ben');
    const globex = await makeTeam(db, 'globex');
    server = await startServerProcess(db, ['--rate-burst', '100000', '--rate-per-minute', '600000', '--quiet']);
    aliceToken = acme.token;
    alice = api(server.url, acme.token);
    bob = api(server.url, acme2.token);
    other = api(server.url, globex.token);
  }, 60_000);

  afterAll(async () => {
    await server?.stop();
    await db?.drop();
  });

  it('answers health, me and the OpenAPI document', async () => {
    expect((await api(server.url).get('/v1/health')).body).toEqual({ ok: true, protocolVersion: 1 });
    const me = await alice.get('/v1/me');
    expect(me.status).toBe(200);
    expect(me.body.team.name).toBe('acme');
    expect(me.body.limits).toMatchObject({ maxOpsPerPush: 500, maxPullLimit: 1000, defaultPullLimit: 500 });
    const doc = await api(server.url).get('/v1/openapi.json');
    expect(doc.status).toBe(200);
    expect(Object.keys(doc.body.paths)).toEqual(expect.arrayContaining(['/v1/push', '/v1/pull', '/v1/me', '/v1/stream']));
    expect((await api(server.url).get('/v1/me')).status).toBe(401);
    expect((await api(server.url, 'lm_nope').get('/v1/me')).body.error).toBe('invalid_token');
  });

  it('stores a push once: a resent push returns the same results and creates no version', async () => {
    const lesson = makeLesson();
    const request = { clientId: 'replay', ops: [{ opId: 'r1', type: 'upsert' as const, id: lesson.id!, baseVersion: 0, lesson }] };
    const first = await alice.push(request);
    expect(first.status).toBe(200);
    expect(PushResponseSchema.parse(first.body).results[0].status).toBe('applied');
    const again = await alice.push(request);
    expect(again.body.results).toEqual(first.body.results);
    expect(again.body.version).toBe(first.body.version);
    // The same opId from another client is a different op.
    const otherClient = await alice.push({ ...request, clientId: 'someone-else', ops: [{ ...request.ops[0], lesson: { ...lesson, title: 'changed' }, baseVersion: first.body.results[0].version }] });
    expect(otherClient.body.version).toBe(first.body.version + 1);
    // Even when replayed after later changes, the stored result comes back unchanged.
    expect((await alice.push(request)).body.results).toEqual(first.body.results);
  });

  it('accepts gaps in op ids and ops arriving out of order', async () => {
    const lessons = [makeLesson(), makeLesson(), makeLesson()];
    const op = (opId: string, i: number) => ({ opId, type: 'upsert' as const, id: lessons[i].id!, baseVersion: 0, lesson: lessons[i] });
    const a = await alice.push({ clientId: 'gappy', ops: [op('1', 0), op('5', 1)] });
    const b = await alice.push({ clientId: 'gappy', ops: [op('3', 2), op('1', 0)] });
    expect(a.body.results.map((r: any) => r.status)).toEqual(['applied', 'applied']);
    expect(b.body.results[0].status).toBe('applied');
    expect(b.body.results[1]).toEqual(a.body.results[0]);
    for (const l of lessons) expect((await alice.get(`/v1/lessons/${l.id}`)).body.lesson.id).toBe(l.id);
  });

  it('merges concurrent edits per field: server wins a field both changed, tags unite, the loser is reported', async () => {
    const base = makeLesson({ title: 'T0', note: 'N0', tags: ['a'] });
    const created = await alice.push({ clientId: 'A', ops: [{ opId: 'c', type: 'upsert', id: base.id!, baseVersion: 0, lesson: base }] });
    const v0 = created.body.results[0].version;

    const first = await alice.push({ clientId: 'A', ops: [{ opId: 'e1', type: 'upsert', id: base.id!, baseVersion: v0, lesson: { ...base, title: 'T-alice', tags: ['a', 'x'] } }] });
    expect(first.body.results[0].status).toBe('applied');

    const second = await bob.push({
      clientId: 'B',
      ops: [{ opId: 'e1', type: 'upsert', id: base.id!, baseVersion: v0, lesson: { ...base, title: 'T-bob', note: 'N-bob', tags: ['a', 'y'] } }],
    });
    const result = second.body.results[0];
    expect(result.status).toBe('merged');
    expect(result.conflicts).toEqual(
      expect.arrayContaining([
        { field: 'title', winner: 'server', server: 'T-alice', client: 'T-bob' },
        { field: 'tags', winner: 'merged', server: ['a', 'x'], client: ['a', 'y'] },
      ]),
    );
    expect(result.conflicts).toHaveLength(2);
    expect(result.lesson).toMatchObject({ title: 'T-alice', note: 'N-bob', tags: ['a', 'x', 'y'] });
    const stored = await alice.get(`/v1/lessons/${base.id}`);
    expect(stored.body.lesson).toMatchObject({ title: 'T-alice', note: 'N-bob', tags: ['a', 'x', 'y'] });
    expect(stored.body.version).toBe(result.version);
  });

  it('honours `fields`: only the listed fields count as changed', async () => {
    const base = makeLesson({ title: 'F0', note: 'F0' });
    const v0 = (await alice.push({ clientId: 'A', ops: [{ opId: 'f0', type: 'upsert', id: base.id!, baseVersion: 0, lesson: base }] })).body.results[0].version;
    await alice.push({ clientId: 'A', ops: [{ opId: 'f1', type: 'upsert', id: base.id!, baseVersion: v0, lesson: { ...base, title: 'F-alice' } }] });
    // Bob changed only the note, but sends his stale title along: it must not count.
    const r = (await bob.push({ clientId: 'B', ops: [{ opId: 'f1', type: 'upsert', id: base.id!, baseVersion: v0, fields: ['note'], lesson: { ...base, note: 'F-bob' } }] })).body.results[0];
    expect(r.status).toBe('applied');
    expect(r.conflicts).toEqual([]);
    expect(r.lesson).toMatchObject({ title: 'F-alice', note: 'F-bob' });
  });

  it("never conflicts a client's later op with its own earlier one", async () => {
    const base = makeLesson({ title: 'O0' });
    const v0 = (await alice.push({ clientId: 'own', ops: [{ opId: 'o0', type: 'upsert', id: base.id!, baseVersion: 0, lesson: base }] })).body.results[0].version;
    const r = await alice.push({
      clientId: 'own',
      ops: [
        { opId: 'o1', type: 'upsert', id: base.id!, baseVersion: v0, lesson: { ...base, title: 'O1' } },
        { opId: 'o2', type: 'upsert', id: base.id!, baseVersion: v0, lesson: { ...base, title: 'O2' } },
      ],
    });
    expect(r.body.results.map((x: any) => x.status)).toEqual(['applied', 'applied']);
    expect((await alice.get(`/v1/lessons/${base.id}`)).body.lesson.title).toBe('O2');
  });

  it('lets a delete win over an edit, either way round, and reports the loser', async () => {
    const l1 = makeLesson({ title: 'D1' });
    const l2 = makeLesson({ title: 'D2' });
    const created = await alice.push({
      clientId: 'A',
      ops: [
        { opId: 'd-c1', type: 'upsert', id: l1.id!, baseVersion: 0, lesson: l1 },
        { opId: 'd-c2', type: 'upsert', id: l2.id!, baseVersion: 0, lesson: l2 },
      ],
    });
    const [v1, v2] = created.body.results.map((r: any) => r.version);

    // Delete first, then a stale edit: the edit loses and comes back in the report.
    await alice.push({ clientId: 'A', ops: [{ opId: 'd-del1', type: 'delete', id: l1.id!, baseVersion: v1 }] });
    const edit = (await bob.push({ clientId: 'B', ops: [{ opId: 'd-e1', type: 'upsert', id: l1.id!, baseVersion: v1, lesson: { ...l1, title: 'too late' } }] })).body.results[0];
    expect(edit.status).toBe('deleted');
    expect(edit.conflicts).toEqual([{ field: '*', winner: 'delete', server: null, client: expect.objectContaining({ title: 'too late' }) }]);
    expect((await alice.get(`/v1/lessons/${l1.id}`)).body).toMatchObject({ deleted: true });

    // Edit first, then a stale delete: the delete wins, the discarded edit is reported.
    await bob.push({ clientId: 'B', ops: [{ opId: 'd-e2', type: 'upsert', id: l2.id!, baseVersion: v2, lesson: { ...l2, title: 'edited' } }] });
    const del = (await alice.push({ clientId: 'A', ops: [{ opId: 'd-del2', type: 'delete', id: l2.id!, baseVersion: v2 }] })).body.results[0];
    expect(del.status).toBe('applied');
    expect(del.conflicts).toEqual([{ field: 'title', winner: 'delete', server: 'edited', client: null }]);
    const gone = await alice.get(`/v1/lessons/${l2.id}`);
    expect(gone.body).toMatchObject({ deleted: true, version: del.version });
    expect(gone.body.lesson).toBeUndefined();

    // A client that has seen the tombstone may bring the lesson back (undo).
    const undo = (await alice.push({ clientId: 'A', ops: [{ opId: 'd-undo', type: 'upsert', id: l2.id!, baseVersion: del.version, lesson: l2 }] })).body.results[0];
    expect(undo.status).toBe('applied');
    expect((await alice.get(`/v1/lessons/${l2.id}`)).body.deleted).toBe(false);
  });

  it('pulls tombstones for deletes and resumes from a cursor', async () => {
    const { cursor } = await pullAll(alice);
    const l = makeLesson();
    const v = (await alice.push({ clientId: 'T', ops: [{ opId: 't1', type: 'upsert', id: l.id!, baseVersion: 0, lesson: l }] })).body.results[0].version;
    await alice.push({ clientId: 'T', ops: [{ opId: 't2', type: 'delete', id: l.id!, baseVersion: v }] });
    const page = await alice.pull(cursor);
    expect(PullResponseSchema.parse(page.body).reset).toBe(false);
    expect(page.body.changes).toEqual([{ version: v + 1, id: l.id, deleted: true, deletedAt: expect.any(String) }]);
    expect((await alice.pull(page.body.cursor)).body).toMatchObject({ changes: [], hasMore: false, cursor: page.body.cursor });
  });

  it('pages in version order without skipping a row while another client pushes', async () => {
    const seed = Array.from({ length: 300 }, () => makeLesson());
    for (let i = 0; i < seed.length; i += 100) {
      await alice.push({ clientId: 'seed', ops: seed.slice(i, i + 100).map((l, j) => ({ opId: `s${i + j}`, type: 'upsert' as const, id: l.id!, baseVersion: 0, lesson: l })) });
    }
    const writer = (async () => {
      for (let round = 0; round < 10; round++) {
        const fresh = Array.from({ length: 20 }, () => makeLesson());
        const edits = seed.slice(round * 20, round * 20 + 20).map((l) => ({ ...l, note: `edited ${round}` }));
        await bob.push({
          clientId: 'writer',
          ops: [
            ...fresh.map((l, j) => ({ opId: `w${round}-n${j}`, type: 'upsert' as const, id: l.id!, baseVersion: 0, lesson: l })),
            ...edits.map((l, j) => ({ opId: `w${round}-e${j}`, type: 'upsert' as const, id: l.id!, baseVersion: 0, fields: ['note' as const], lesson: l })),
          ],
        });
      }
    })();

    const seen = new Map<string, number>();
    let cursor: string | undefined;
    let last = 0;
    let writing = true;
    void writer.finally(() => (writing = false));
    for (;;) {
      const page = await alice.pull(cursor, 37);
      expect(page.status).toBe(200);
      for (const change of page.body.changes) {
        expect(change.version).toBeGreaterThan(last);
        last = change.version;
        seen.set(change.id, change.version);
      }
      cursor = page.body.cursor;
      if (!page.body.hasMore && !writing) break;
    }
    await writer;
    const tail = await pullAll(alice, cursor);
    for (const change of tail.changes) seen.set(change.id, change.version);

    const truth = await pullAll(alice);
    expect(truth.changes.length).toBe(new Set(truth.changes.map((c: any) => c.id)).size);
    for (const change of truth.changes) expect(seen.get(change.id)).toBe(change.version);
  });

  it('gives concurrent pushes distinct, gapless versions in commit order', async () => {
    const { cursor } = await pullAll(other);
    const before = (await other.get('/v1/me')).body.version;
    const replies = await Promise.all(
      Array.from({ length: 8 }, (_, c) =>
        other.push({
          clientId: `concurrent-${c}`,
          ops: Array.from({ length: 25 }, (_, i) => {
            const l = makeLesson();
            return { opId: `${i}`, type: 'upsert' as const, id: l.id!, baseVersion: 0, lesson: l };
          }),
        }),
      ),
    );
    for (const reply of replies) {
      const versions = reply.body.results.map((r: any) => r.version);
      // One push holds the lock throughout: its versions are consecutive.
      expect(versions).toEqual(versions.map((_: number, i: number) => versions[0] + i));
    }
    const { changes } = await pullAll(other, cursor, 30);
    expect(changes.map((c: any) => c.version)).toEqual(Array.from({ length: 200 }, (_, i) => before + 1 + i));
  });

  it("keeps teams apart: another team's lesson answers 404 and never appears in its pulls", async () => {
    const secret = makeLesson({ title: 'acme only' });
    await alice.push({ clientId: 'iso', ops: [{ opId: 'i1', type: 'upsert', id: secret.id!, baseVersion: 0, lesson: secret }] });
    expect((await other.get(`/v1/lessons/${secret.id}`)).status).toBe(404);
    expect((await other.get(`/v1/lessons/${uuidv7()}`)).status).toBe(404);
    const theirs = await pullAll(other);
    expect(theirs.changes.some((c: any) => c.id === secret.id)).toBe(false);
    // The same id pushed by another team is its own lesson; acme's copy is untouched.
    await other.push({ clientId: 'iso', ops: [{ opId: 'i1', type: 'upsert', id: secret.id!, baseVersion: 0, lesson: { ...secret, title: 'globex' } }] });
    expect((await alice.get(`/v1/lessons/${secret.id}`)).body.lesson.title).toBe('acme only');
    expect((await other.get(`/v1/lessons/${secret.id}`)).body.lesson.title).toBe('globex');
    // A cursor from another team is not a cursor here.
    const acmeCursor = (await alice.pull()).body.cursor;
    expect((await other.pull(acmeCursor)).body).toMatchObject({ reset: true });
  });

  it('rejects malformed pushes with 400 and the zod issues, storing nothing', async () => {
    const before = (await alice.get('/v1/me')).body.version;
    const good = makeLesson();
    const cases: [string, unknown][] = [
      ['not an object', 'hello'],
      ['no clientId', { ops: [] }],
      ['unknown op type', { clientId: 'm', ops: [{ opId: '1', type: 'merge', id: good.id, baseVersion: 0 }] }],
      ['private lesson', { clientId: 'm', ops: [{ opId: '1', type: 'upsert', id: good.id, baseVersion: 0, lesson: { ...good, visibility: 'private' } }] }],
      ['lesson id mismatch', { clientId: 'm', ops: [{ opId: '1', type: 'upsert', id: uuidv7(), baseVersion: 0, lesson: good }] }],
      ['deletedAt in an upsert', { clientId: 'm', ops: [{ opId: '1', type: 'upsert', id: good.id, baseVersion: 0, lesson: { ...good, deletedAt: good.createdAt } }] }],
      ['negative baseVersion', { clientId: 'm', ops: [{ opId: '1', type: 'delete', id: good.id, baseVersion: -1 }] }],
      [
        'one bad op among good ones',
        {
          clientId: 'm',
          ops: [
            { opId: '1', type: 'upsert', id: good.id, baseVersion: 0, lesson: good },
            { opId: '2', type: 'upsert', id: good.id, baseVersion: 0, lesson: { ...good, kind: 'rant' } },
          ],
        },
      ],
    ];
    for (const [what, body] of cases) {
      const reply = await alice.post('/v1/push', JSON.stringify(body));
      expect(reply.status, what).toBe(400);
      expect(reply.body.error, what).toBe('invalid_request');
      expect(reply.body.issues?.length, what).toBeGreaterThan(0);
    }
    expect((await alice.post('/v1/push', '{"clientId":')).status).toBe(400);
    expect((await alice.post('/v1/push', '{}', { 'content-type': 'text/plain' })).status).toBe(415);
    expect((await alice.get('/v1/me')).body.version).toBe(before);
    expect((await alice.get(`/v1/lessons/${good.id}`)).status).toBe(404);
  });

  it('answers a garbled, unknown or foreign cursor with a reset', async () => {
    for (const cursor of ['garbage!!', Buffer.from('{"v":1}').toString('base64url'), Buffer.from(JSON.stringify({ v: 10 ** 9, e: 'x', h: 0 })).toString('base64url')]) {
      const reply = await alice.pull(cursor);
      expect(reply.status).toBe(200);
      expect(reply.body).toMatchObject({ reset: true, code: expect.any(String) });
    }
    const first = await alice.pull('', 1);
    expect(first.body).toMatchObject({ reset: false, hasMore: true });
    expect(first.body.changes).toEqual((await alice.pull(undefined, 1)).body.changes);
  });

  it('answers a cursor older than purged tombstones with a reset', async () => {
    const { cursor } = await pullAll(alice);
    const l = makeLesson();
    const v = (await alice.push({ clientId: 'C', ops: [{ opId: 'x1', type: 'upsert', id: l.id!, baseVersion: 0, lesson: l }] })).body.results[0].version;
    await alice.push({ clientId: 'C', ops: [{ opId: 'x2', type: 'delete', id: l.id!, baseVersion: v }] });
    const handle = db.open();
    try {
      expect((await compact(handle, new Date(Date.now() + 60_000))).tombstones).toBeGreaterThan(0);
    } finally {
      await handle.db.destroy();
    }
    expect((await alice.pull(cursor)).body).toMatchObject({ reset: true, code: 'cursor_expired' });
    const fromScratch = await pullAll(alice, undefined, 50);
    expect(fromScratch.changes.some((c: any) => c.deleted)).toBe(false);
  });

  it('enforces the limits: body, ops per push, lesson size, rows per pull', async () => {
    const big = makeLesson({}, 1000);
    const tooManyOps = { clientId: 'L', ops: Array.from({ length: 501 }, (_, i) => ({ opId: `o${i}`, type: 'delete', id: uuidv7(), baseVersion: 0 })) };
    const ops = await alice.post('/v1/push', JSON.stringify(tooManyOps));
    expect(ops.status).toBe(400);
    expect(JSON.stringify(ops.body.issues)).toContain('500');

    const huge = makeLesson({ note: 'x'.repeat(19_000), quote: 'q'.repeat(19_000), answers: Array.from({ length: 10 }, () => ({ question: 'q', answer: 'a'.repeat(3000) })) });
    const lesson = await alice.push({ clientId: 'L', ops: [{ opId: 'big', type: 'upsert', id: huge.id!, baseVersion: 0, lesson: huge }] });
    expect(lesson.status).toBe(400);
    expect(JSON.stringify(lesson.body.issues)).toContain('65536 bytes');

    const body = { clientId: 'L', ops: Array.from({ length: 500 }, (_, i) => ({ opId: `b${i}`, type: 'upsert', id: big.id, baseVersion: 0, lesson: { ...big, note: 'y'.repeat(2000) } })) };
    const tooBig = await alice.post('/v1/push', JSON.stringify(body));
    expect(tooBig.status).toBe(413);
    expect(tooBig.body.error).toBe('body_too_large');
    expect((await alice.get(`/v1/lessons/${big.id}`)).status).toBe(404);

    expect((await alice.pull(undefined, 1001)).status).toBe(400);
    expect((await alice.pull(undefined, 0)).status).toBe(400);
    expect((await alice.pull(undefined, 1000)).status).toBe(200);
    const all = await alice.pull();
    expect(all.body.changes.length).toBeLessThanOrEqual(500);
    expect(all.body.hasMore).toBe(true);
    const two = await alice.pull(undefined, 2);
    expect(two.body.changes).toHaveLength(2);
  });

  it('refuses a token once revoked from the CLI, and once expired', async () => {
    const revokable = await makeTeam(db, 'acme');
    const client = api(server.url, revokable.token);
    expect((await client.get('/v1/me')).status).toBe(200);
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'server/cli.ts', 'token', 'revoke', revokable.tokenId], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: '', DATABASE_SCHEMA: '', LESSONMARK_DB: '', ...db.env },
    });
    expect(stdout).toContain(`revoked ${revokable.tokenId}`);
    expect((await client.get('/v1/me')).body).toMatchObject({ error: 'token_revoked' });
    expect((await client.pull()).status).toBe(401);

    const shortLived = await makeTeam(db, 'acme', new Date(Date.now() + 1500));
    const brief = api(server.url, shortLived.token);
    expect((await brief.get('/v1/me')).status).toBe(200);
    await new Promise((r) => setTimeout(r, 1600));
    expect((await brief.get('/v1/me')).body).toMatchObject({ error: 'token_expired' });
    expect((await brief.push({ clientId: 'late', ops: [{ opId: '1', type: 'delete', id: uuidv7(), baseVersion: 0 }] })).status).toBe(401);
  });

  it('streams "new version" events so clients know to pull', async () => {
    const controller = new AbortController();
    const response = await fetch(`${server.url}/v1/stream`, { headers: { authorization: `Bearer ${aliceToken}` }, signal: controller.signal });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    const readUntil = async (pattern: RegExp) => {
      while (!pattern.test(text)) {
        const { value, done } = await reader.read();
        if (done) throw new Error(`stream ended before ${pattern}: ${text}`);
        text += decoder.decode(value);
      }
    };
    await readUntil(/event: version\ndata: \{"version":\d+\}/);
    const l = makeLesson();
    const pushed = await bob.push({ clientId: 'S', ops: [{ opId: 's1', type: 'upsert', id: l.id!, baseVersion: 0, lesson: l }] });
    await readUntil(new RegExp(`data: \\{"version":${pushed.body.version}\\}`));
    controller.abort();
    expect((await api(server.url).get('/v1/stream')).status).toBe(401);
  });
});
