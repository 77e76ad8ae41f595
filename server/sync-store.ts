import { sql, type Kysely, type Transaction } from 'kysely';
import type { z } from 'zod';
import type { Change, LessonResponse, OpResult, PullQuery, PullResetSchema, PushRequest, PushResponse, SyncLesson } from '../lib/sync/protocol';
import { decodeCursor, encodeCursor } from './cursor';
import type { Database, Db } from './db';
import { sameValue } from '../lib/sync/same';
import { applyOp, withServerFields, type FieldMeta, type StoredLesson } from './merge';

export const NOTIFY_CHANNEL = 'lessonmark_version';

/** Rows per multi-row statement: well under SQLite's and PostgreSQL's bound-parameter limits. */
const CHUNK = 200;

type PullReset = z.output<typeof PullResetSchema>;

type Conn = Kysely<Database> | Transaction<Database>;

/** A push the server refuses as a whole; nothing of it is written. */
export class PushRefused extends Error {
  constructor(
    readonly status: 409 | 413,
    readonly code: 'base_version_ahead' | 'team_quota_exceeded',
    message: string,
  ) {
    super(message);
  }
}

/** What a team may store; a push that would go over is refused whole. */
export interface TeamQuota {
  maxLessons: number;
  /** UTF-8 bytes of the stored lessons' JSON. */
  maxBytes: number;
}

/** Who pushes: the team, and the member the token belongs to (the author of the lessons it creates). */
export interface Pusher {
  teamId: string;
  member: string;
}

/**
 * Runs `fn` holding the team's write lock, in one transaction. SQLite: BEGIN IMMEDIATE takes the
 * database write lock up front. PostgreSQL: SELECT … FOR UPDATE on the team row. Either way no two
 * pushes of a team interleave, so versions follow commit order.
 */
type TeamRow = { version: number; lesson_count: number; lesson_bytes: number };

async function withTeamLock<T>(handle: Db, teamId: string, fn: (conn: Conn, team: TeamRow) => Promise<T>): Promise<T> {
  const columns = ['version', 'lesson_count', 'lesson_bytes'] as const;
  if (handle.dialect === 'postgres') {
    return handle.db.transaction().execute(async (trx) => {
      const team = await trx.selectFrom('teams').select(columns).where('id', '=', teamId).forUpdate().executeTakeFirstOrThrow();
      return fn(trx, team);
    });
  }
  return handle.db.connection().execute(async (conn) => {
    await sql`begin immediate`.execute(conn);
    try {
      const team = await conn.selectFrom('teams').select(columns).where('id', '=', teamId).executeTakeFirstOrThrow();
      const result = await fn(conn, team);
      await sql`commit`.execute(conn);
      return result;
    } catch (error) {
      await sql`rollback`.execute(conn);
      throw error;
    }
  });
}

/**
 * Applies a push in one transaction: all of it is stored or none. Ops already applied for this
 * (clientId, opId) return their stored result and change nothing. Each op that changes a lesson
 * takes the next team version. A `baseVersion` the team never reached, or a push that would take
 * the team over its quota, refuses the whole push ({@link PushRefused}).
 */
export async function push(handle: Db, pusher: Pusher, request: PushRequest, quota?: TeamQuota, now = new Date()): Promise<Omit<PushResponse, 'refused'>> {
  const { clientId, ops } = request;
  const { teamId } = pusher;
  const stamp = now.toISOString();
  return withTeamLock(handle, teamId, async (conn, team) => {
    const startVersion = team.version;
    const seen = new Map<string, OpResult>();
    const opIds = [...new Set(ops.map((op) => op.opId))];
    for (const chunk of chunks(opIds)) {
      const rows = await conn
        .selectFrom('applied_ops')
        .select(['op_id', 'result'])
        .where('team_id', '=', teamId)
        .where('client_id', '=', clientId)
        .where('op_id', 'in', chunk)
        .execute();
      for (const row of rows) seen.set(row.op_id, JSON.parse(row.result) as OpResult);
    }
    const ahead = ops.find((op) => !seen.has(op.opId) && op.baseVersion > startVersion);
    if (ahead) {
      throw new PushRefused(409, 'base_version_ahead', `op ${ahead.opId}: baseVersion ${ahead.baseVersion} is above the team's version ${startVersion}; pull, then push again`);
    }

    const lessons = new Map<string, StoredLesson>();
    /** UTF-8 bytes of each touched lesson's stored JSON before this push, for the quota counters. */
    const before = new Map<string, number>();
    const ids = [...new Set(ops.filter((op) => !seen.has(op.opId)).map((op) => op.id))];
    for (const chunk of chunks(ids)) {
      const rows = await conn
        .selectFrom('lessons')
        .select(['id', 'version', 'deleted', 'deleted_at', 'data', 'meta'])
        .where('team_id', '=', teamId)
        .where('id', 'in', chunk)
        .execute();
      for (const row of rows) {
        before.set(row.id, row.data ? utf8Bytes(row.data) : 0);
        lessons.set(row.id, {
          version: row.version,
          deleted: Boolean(row.deleted),
          deletedAt: row.deleted_at,
          data: row.data ? (JSON.parse(row.data) as SyncLesson) : null,
          meta: JSON.parse(row.meta) as FieldMeta,
        });
      }
    }

    let version = startVersion;
    const dirty = new Set<string>();
    const fresh: { opId: string; result: OpResult }[] = [];
    const results = ops.map((op) => {
      const earlier = seen.get(op.opId);
      if (earlier) return earlier;
      const current = lessons.get(op.id);
      const outcome = applyOp(current, withServerFields(op, current, pusher.member), clientId, version + 1, stamp);
      if (outcome.next) {
        version += 1;
        lessons.set(op.id, { version, ...outcome.next });
        dirty.add(op.id);
      }
      const stored = lessons.get(op.id);
      // Compared with what the client sent, so it learns the author and createdAt the server kept.
      const reported = outcome.status !== 'deleted' && op.type === 'upsert' && stored?.data && !sameValue(stored.data, op.lesson) ? stored.data : undefined;
      const result: OpResult = {
        opId: op.opId,
        id: op.id,
        status: outcome.status,
        version: stored?.version ?? 0,
        conflicts: outcome.conflicts,
        ...(reported ? { lesson: reported } : {}),
      };
      seen.set(op.opId, result);
      fresh.push({ opId: op.opId, result });
      return result;
    });

    const rows = [...dirty].map((id) => {
      const l = lessons.get(id)!;
      return {
        team_id: teamId,
        id,
        version: l.version,
        deleted: l.deleted ? 1 : 0,
        deleted_at: l.deletedAt,
        data: l.data ? JSON.stringify(l.data) : null,
        meta: JSON.stringify(l.meta),
      };
    });
    let count = Number(team.lesson_count);
    let bytes = Number(team.lesson_bytes);
    for (const row of rows) {
      const had = before.get(row.id) ?? 0;
      const has = row.data ? utf8Bytes(row.data) : 0;
      count += (has ? 1 : 0) - (had ? 1 : 0);
      bytes += has - had;
    }
    const grows = count > team.lesson_count || bytes > team.lesson_bytes;
    if (quota && grows && (count > quota.maxLessons || bytes > quota.maxBytes)) {
      throw new PushRefused(
        413,
        'team_quota_exceeded',
        `the team would store ${count} lessons (${bytes} bytes); its quota is ${quota.maxLessons} lessons and ${quota.maxBytes} bytes. Delete lessons or ask the server's operator to raise the quota`,
      );
    }
    for (const chunk of chunks(rows)) {
      await conn
        .insertInto('lessons')
        .values(chunk)
        .onConflict((oc) =>
          oc.columns(['team_id', 'id']).doUpdateSet((eb) => ({
            version: eb.ref('excluded.version'),
            deleted: eb.ref('excluded.deleted'),
            deleted_at: eb.ref('excluded.deleted_at'),
            data: eb.ref('excluded.data'),
            meta: eb.ref('excluded.meta'),
          })),
        )
        .execute();
    }
    for (const chunk of chunks(fresh)) {
      await conn
        .insertInto('applied_ops')
        .values(chunk.map((f) => ({ team_id: teamId, client_id: clientId, op_id: f.opId, result: JSON.stringify(f.result), created_at: stamp })))
        .execute();
    }
    if (version !== startVersion) {
      await conn.updateTable('teams').set({ version, lesson_count: count, lesson_bytes: bytes }).where('id', '=', teamId).execute();
      if (handle.dialect === 'postgres') {
        // Delivered on commit, to every instance listening: they tell their stream clients.
        await sql`select pg_notify(${NOTIFY_CHANNEL}, ${`${teamId}:${version}`})`.execute(conn);
      }
    }
    return { results, version };
  });
}

/** Rows read per query while a pull page streams. */
const PULL_BATCH = 100;

/**
 * Changes after the cursor in version order, as the JSON text of a PullResponse: a reset as one
 * string, or a page as chunks written while rows are read, stored lessons spliced in as they are.
 * A page ends at `query.limit` rows or once `maxBytes` would be passed (at least one row), and
 * never goes past the team's version when the pull began, so every row below its cursor had
 * committed. A cursor this team did not issue answers a reset.
 */
export async function pullPage(handle: Db, teamId: string, query: PullQuery, maxBytes: number): Promise<{ reset: string } | { chunks: AsyncGenerator<string> }> {
  const team = await handle.db.selectFrom('teams').select(['version', 'epoch', 'horizon']).where('id', '=', teamId).executeTakeFirstOrThrow();
  let after = 0;
  let horizon = team.horizon;
  // `cursor=` with nothing after it is a first pull, like no cursor at all.
  if (query.cursor) {
    const cursor = decodeCursor(query.cursor);
    const reset = (code: PullReset['code'], message: string) => ({ reset: JSON.stringify({ reset: true, code, message } satisfies PullReset) });
    if (!cursor || cursor.v > team.version) return reset('cursor_invalid', 'unknown cursor: pull again without a cursor');
    if (cursor.e !== team.epoch) return reset('cursor_foreign', "cursor from another copy of this team's data: pull again without a cursor");
    if (cursor.h < team.horizon && cursor.v < team.horizon) {
      return reset('cursor_expired', 'cursor older than the deletions kept: pull again without a cursor');
    }
    after = cursor.v;
    horizon = cursor.h;
  }
  const rowsAfter = (version: number, limit: number) =>
    handle.db
      .selectFrom('lessons')
      .select(['id', 'version', 'deleted', 'deleted_at', 'data'])
      .where('team_id', '=', teamId)
      .where('version', '>', version)
      .where('version', '<=', team.version)
      .orderBy('version')
      .limit(limit)
      .execute();

  async function* chunks(): AsyncGenerator<string> {
    yield '{"reset":false,"changes":[';
    let last = after;
    let rows = 0;
    let bytes = 0;
    let hasMore = false;
    let batch = await rowsAfter(last, Math.min(PULL_BATCH, query.limit + 1));
    for (;;) {
      for (const row of batch) {
        const text =
          row.deleted || row.data === null
            ? JSON.stringify(toChange(row))
            : `{"version":${row.version},"id":${JSON.stringify(row.id)},"deleted":false,"lesson":${row.data}}`;
        const size = utf8Bytes(text) + 1;
        if (rows >= query.limit || (rows > 0 && bytes + size > maxBytes)) {
          hasMore = true;
          break;
        }
        yield rows ? `,${text}` : text;
        rows += 1;
        bytes += size;
        last = row.version;
      }
      if (hasMore || batch.length < PULL_BATCH) break;
      batch = await rowsAfter(last, Math.min(PULL_BATCH, query.limit - rows + 1));
    }
    const cursor = JSON.stringify(encodeCursor({ v: last, e: team.epoch, h: horizon }));
    yield `],"cursor":${cursor},"hasMore":${hasMore}}`;
  }
  return { chunks: chunks() };
}

export async function getLesson(handle: Db, teamId: string, id: string): Promise<LessonResponse | undefined> {
  const row = await handle.db
    .selectFrom('lessons')
    .select(['id', 'version', 'deleted', 'deleted_at', 'data'])
    .where('team_id', '=', teamId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row && toChange(row);
}

export async function teamVersion(handle: Db, teamId: string): Promise<number> {
  const team = await handle.db.selectFrom('teams').select('version').where('id', '=', teamId).executeTakeFirstOrThrow();
  return team.version;
}

/**
 * Purges tombstones deleted before `before` and the op results recorded before it. Cursors older
 * than the newest purged tombstone then answer a reset, so no client misses a deletion.
 */
export async function compact(handle: Db, before: Date): Promise<{ tombstones: number; ops: number }> {
  const cutoff = before.toISOString();
  return handle.db.transaction().execute(async (trx) => {
    const horizons = await trx
      .selectFrom('lessons')
      .select(['team_id', (eb) => eb.fn.max('version').as('horizon')])
      .where('deleted', '=', 1)
      .where('deleted_at', '<', cutoff)
      .groupBy('team_id')
      .execute();
    for (const h of horizons) {
      await trx
        .updateTable('teams')
        .set((eb) => ({ horizon: sql<number>`case when ${eb.ref('horizon')} > ${Number(h.horizon)} then ${eb.ref('horizon')} else ${Number(h.horizon)} end` }))
        .where('id', '=', h.team_id)
        .execute();
    }
    const tombstones = await trx.deleteFrom('lessons').where('deleted', '=', 1).where('deleted_at', '<', cutoff).executeTakeFirst();
    const ops = await trx.deleteFrom('applied_ops').where('created_at', '<', cutoff).executeTakeFirst();
    return { tombstones: Number(tombstones.numDeletedRows), ops: Number(ops.numDeletedRows) };
  });
}

function toChange(row: { id: string; version: number; deleted: number; deleted_at: string | null; data: string | null }): Change {
  return row.deleted
    ? { version: row.version, id: row.id, deleted: true, deletedAt: row.deleted_at ?? undefined }
    : { version: row.version, id: row.id, deleted: false, lesson: JSON.parse(row.data ?? 'null') as SyncLesson };
}

const encoder = new TextEncoder();
function utf8Bytes(text: string): number {
  return encoder.encode(text).length;
}

function chunks<T>(items: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}
