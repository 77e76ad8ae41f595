import fc from 'fast-check';
import { sql } from 'kysely';
import { PullResponseSchema, PushRequestSchema } from '../../lib/sync/protocol';
import { createApp } from '../../server/app';
import { migrate } from '../../server/migrations';
import { TrustedProxies } from '../../server/proxy';
import { DEFAULT_TEAM_QUOTA } from '../../server/start';
import { push } from '../../server/sync-store';
import { createTeam, createToken } from '../../server/teams';
import { VersionHub } from '../../server/version-hub';
import { freshDb, makeLesson, type Dialect } from './server-harness';

/**
 * Every route of the team endpoint, in process (the same app the server runs), fed hostile input:
 * junk of every shape, valid requests with one part replaced by junk, bad Unicode, NUL, huge
 * numbers, stray tokens. Properties: never a 500 or an error log; a request the schema refuses is a
 * 400; a refused request changes nothing in the store.
 */
export interface FuzzReport {
  cases: number;
  failures: string[];
}

const LOCAL = { incoming: { socket: { remoteAddress: '127.0.0.1' } } };

const badText = fc.constantFrom('\u0000', 'a\u0000b', '\uD800', 'x\uDFFFy', '\uDBFF\uDBFF', '__proto__', '', ' ', 'x'.repeat(70_000), '😀'.repeat(3));
const junk = fc.oneof(
  fc.anything({ maxDepth: 3 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  badText,
  fc.constantFrom(-1, 0.5, 2 ** 53, 1e308, -0, null, true, [], {}),
);

/** A path into a valid push where junk goes. */
const PATHS = [
  ['clientId'],
  ['ops'],
  ['ops', 0],
  ['ops', 0, 'opId'],
  ['ops', 0, 'id'],
  ['ops', 0, 'type'],
  ['ops', 0, 'baseVersion'],
  ['ops', 0, 'fields'],
  ['ops', 0, 'lesson'],
  ['ops', 0, 'lesson', 'id'],
  ['ops', 0, 'lesson', 'note'],
  ['ops', 0, 'lesson', 'title'],
  ['ops', 0, 'lesson', 'tags'],
  ['ops', 0, 'lesson', 'author'],
  ['ops', 0, 'lesson', 'createdAt'],
  ['ops', 0, 'lesson', 'visibility'],
  ['ops', 0, 'lesson', 'source'],
  ['ops', 0, 'lesson', 'source', 'url'],
  ['ops', 1, 'opId'],
  ['ops', 1, 'baseVersion'],
] as const;

function setPath(target: any, path: readonly (string | number)[], value: unknown): void {
  let node = target;
  for (const key of path.slice(0, -1)) {
    if (node === null || typeof node !== 'object') return;
    node = node[key];
  }
  if (node !== null && typeof node === 'object') node[path[path.length - 1]] = value;
}

export async function fuzzRoutes(dialect: Dialect, runs: number): Promise<FuzzReport> {
  const db = await freshDb(dialect);
  const handle = db.open();
  const failures: string[] = [];
  let cases = 0;
  try {
    await migrate(handle);
    const team = await createTeam(handle.db, 'fuzz');
    const { token } = await createToken(handle.db, { team: 'fuzz', member: 'Fay' });
    const existing = makeLesson();
    await push(handle, { teamId: team.id, member: 'Fay' }, PushRequestSchema.parse({ clientId: 'seed-client', ops: [{ opId: 's', type: 'upsert', id: existing.id, baseVersion: 0, lesson: existing }] }));
    const errors: string[] = [];
    const { app } = createApp({
      handle,
      hub: new VersionHub(),
      rateLimit: { burst: 1e9, perMinute: 1e9, opsBurst: 1e9, opsPerMinute: 1e9, bytesBurst: 1e12, bytesPerMinute: 1e12 },
      quota: DEFAULT_TEAM_QUOTA,
      trustProxy: new TrustedProxies([]),
      streamCaps: { perToken: 8, perTeam: 200 },
      log: (entry) => {
        if (entry.level === 'error') errors.push(String(entry.message));
      },
    });
    const call = async (path: string, init: RequestInit = {}, auth: string | null = `Bearer ${token}`) => {
      const headers = new Headers(init.headers);
      if (auth !== null) headers.set('authorization', auth);
      const response = await app.fetch(new Request(`http://127.0.0.1${path}`, { ...init, headers }), LOCAL);
      return { status: response.status, text: await response.text() };
    };
    const state = async () => {
      const teamRow = await handle.db.selectFrom('teams').select(['version', 'lesson_count', 'lesson_bytes']).where('id', '=', team.id).executeTakeFirstOrThrow();
      const ops = await handle.db.selectFrom('applied_ops').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
      const lessons = await sql<{ n: number; v: number }>`select count(*) as n, coalesce(sum(version), 0) as v from lessons`.execute(handle.db);
      return JSON.stringify([teamRow, Number(ops.n), lessons.rows.map((r) => [Number(r.n), Number(r.v)])]);
    };

    const check = async (name: string, property: fc.IAsyncProperty<any>) => {
      const result = await fc.check(property, { numRuns: runs });
      cases += result.numRuns;
      if (result.failed) failures.push(`${dialect} ${name}: ${fc.defaultReportMessage(result) ?? 'failed'}`);
    };
    const expectNoErrorLogged = (what: string) => {
      if (errors.length) throw new Error(`${what}: error logged: ${errors.splice(0).join('; ')}`);
    };

    // Push: junk bodies and valid pushes with one part replaced.
    const validPush = () => {
      const lesson = makeLesson({ title: 'fuzzed' });
      return {
        clientId: 'fuzz-client',
        ops: [
          { opId: `u-${Math.random()}`, type: 'upsert', id: existing.id, baseVersion: 1, lesson: { ...existing, note: lesson.note } },
          { opId: `n-${Math.random()}`, type: 'upsert', id: lesson.id, baseVersion: 0, lesson },
        ],
      };
    };
    const pushBody = fc.oneof(
      junk.map((value) => ({ raw: JSON.stringify(value) ?? 'undefined' })),
      fc.string({ unit: 'binary', maxLength: 200 }).map((raw) => ({ raw })),
      fc.tuple(fc.constantFrom(...PATHS), junk).map(([path, value]) => {
        const body = validPush();
        setPath(body, path, value);
        return { body };
      }),
      // Duplicate opIds, a baseVersion from the future.
      fc.constantFrom('dup', 'future').map((kind) => {
        const body = validPush();
        if (kind === 'dup') body.ops[1].opId = body.ops[0].opId;
        else body.ops[1].baseVersion = 1e9;
        return { body };
      }),
    );
    await check(
      'POST /v1/push',
      fc.asyncProperty(pushBody, async (input: { raw?: string; body?: unknown }) => {
        const before = await state();
        const text = input.raw ?? JSON.stringify(input.body);
        const reply = await call('/v1/push', { method: 'POST', body: text, headers: { 'content-type': 'application/json' } });
        expectNoErrorLogged('push');
        if (![200, 400, 409, 413].includes(reply.status)) throw new Error(`status ${reply.status}: ${reply.text.slice(0, 300)}`);
        let parsed: unknown;
        let json = true;
        try {
          parsed = JSON.parse(text);
        } catch {
          json = false;
        }
        if ((!json || !PushRequestSchema.safeParse(parsed).success) && reply.status !== 400) throw new Error(`malformed push answered ${reply.status}`);
        if (reply.status !== 200 && (await state()) !== before) throw new Error(`refused push (${reply.status}) changed the store`);
      }),
    );

    // Pull: junk cursors and limits, and cursors that decode to junk.
    const cursorText = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 80 }),
      badText,
      junk.map((value) => Buffer.from(JSON.stringify(value) ?? '').toString('base64url')),
      fc.record({ v: junk, e: junk, h: junk }).map((c) => Buffer.from(JSON.stringify(c)).toString('base64url')),
    );
    await check(
      'GET /v1/pull',
      fc.asyncProperty(fc.option(cursorText), fc.option(fc.oneof(fc.string({ maxLength: 12 }), fc.integer().map(String), badText)), async (cursor, limit) => {
        const before = await state();
        const query = new URLSearchParams();
        if (cursor !== null) query.set('cursor', cursor);
        if (limit !== null) query.set('limit', limit);
        const reply = await call(`/v1/pull?${query}`);
        expectNoErrorLogged('pull');
        if (reply.status === 200) {
          if (!PullResponseSchema.safeParse(JSON.parse(reply.text)).success) throw new Error(`pull answered a body outside the schema: ${reply.text.slice(0, 200)}`);
        } else if (reply.status !== 400) throw new Error(`status ${reply.status}: ${reply.text.slice(0, 300)}`);
        if ((await state()) !== before) throw new Error('a pull changed the store');
      }),
    );

    // One lesson: any bytes in the path, valid UTF-8 or not.
    await check(
      'GET /v1/lessons/{id}',
      fc.asyncProperty(fc.oneof(fc.uint8Array({ maxLength: 80 }), fc.constant(new TextEncoder().encode(existing.id!))), async (bytes) => {
        const before = await state();
        const id = [...bytes].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');
        const reply = await call(`/v1/lessons/${id}`);
        expectNoErrorLogged('lesson');
        if (![200, 400, 404].includes(reply.status)) throw new Error(`status ${reply.status} for ${id}: ${reply.text.slice(0, 300)}`);
        if ((await state()) !== before) throw new Error('a read changed the store');
      }),
    );

    // Every route under a stray Authorization header: 401, nothing opened, nothing changed.
    const routes = [
      ['GET', '/v1/me'],
      ['GET', '/v1/pull'],
      ['GET', `/v1/lessons/${existing.id}`],
      ['GET', '/v1/stream'],
      ['POST', '/v1/push'],
    ] as const;
    const header = fc.oneof(
      fc.string({ unit: 'grapheme-ascii', maxLength: 80 }),
      fc.string({ unit: 'grapheme-ascii', maxLength: 60 }).map((t) => `Bearer ${t}`),
      fc.constant(`Bearer ${token}x`),
      fc.constant(`Bearer ${token.slice(0, -1)}`),
    );
    await check(
      'Authorization on every route',
      fc.asyncProperty(fc.constantFrom(...routes), header, async ([method, path], auth) => {
        const before = await state();
        const body = method === 'POST' ? JSON.stringify(validPush()) : undefined;
        const reply = await call(path, { method, body, headers: body ? { 'content-type': 'application/json' } : {} }, auth.trim() === '' ? null : auth);
        expectNoErrorLogged('auth');
        if (reply.status !== 401) throw new Error(`${method} ${path} with "${auth}" answered ${reply.status}`);
        if ((await state()) !== before) throw new Error('an unauthenticated request changed the store');
      }),
    );

    // Routes and methods that do not exist, and the open documents.
    await check(
      'other paths and methods',
      fc.asyncProperty(
        fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH'),
        fc.oneof(fc.constantFrom('/v1/health', '/v1/openapi.json', '/v1/me', '/v1/push', '/v1/pull', '/v1', '/'), fc.string({ unit: 'grapheme-ascii', maxLength: 30 }).map((p) => `/v1/${encodeURIComponent(p)}`)),
        async (method, path) => {
          const before = await state();
          const reply = await call(path, { method });
          expectNoErrorLogged('paths');
          if (reply.status >= 500) throw new Error(`${method} ${path} answered ${reply.status}`);
          if ((await state()) !== before) throw new Error(`${method} ${path} changed the store`);
        },
      ),
    );
  } finally {
    await handle.db.destroy();
    await db.drop();
  }
  return { cases, failures };
}
