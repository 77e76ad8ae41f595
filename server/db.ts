import { closeSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { Kysely, PostgresDialect, SqliteDialect, sql, type SqliteDatabase } from 'kysely';

export interface TeamsTable {
  id: string;
  name: string;
  /** Bumped once per changed lesson, under the team's row lock, so versions follow commit order. */
  version: number;
  /** Changes when the team's history is rebuilt; cursors from another epoch reset. */
  epoch: string;
  /** Tombstones at or below this version were purged; older cursors reset. */
  horizon: number;
  created_at: string;
  /** Live lessons and the bytes of their JSON, kept by every push, for the storage quota. */
  lesson_count: number;
  lesson_bytes: number;
}

export interface TokensTable {
  id: string;
  team_id: string;
  name: string;
  /** The teammate the token belongs to: the author of the lessons it creates. */
  member: string;
  hash: string;
  created_at: string;
  expires_at: string | null;
  revoked_at: string | null;
}

export interface LessonsTable {
  team_id: string;
  id: string;
  version: number;
  deleted: number;
  deleted_at: string | null;
  /** The lesson as JSON; null for a tombstone. */
  data: string | null;
  /** Per-field provenance as JSON: `{ field: [version, clientId] }`, `*` for fields never changed since creation. */
  meta: string;
}

export interface AppliedOpsTable {
  team_id: string;
  client_id: string;
  op_id: string;
  result: string;
  created_at: string;
}

export interface Database {
  teams: TeamsTable;
  tokens: TokensTable;
  lessons: LessonsTable;
  applied_ops: AppliedOpsTable;
}

export type Dialect = 'sqlite' | 'postgres';

export interface DbConfig {
  /** PostgreSQL connection string; when absent, SQLite at sqlitePath. */
  databaseUrl?: string;
  /** PostgreSQL schema to use (created when missing); isolates test runs. */
  pgSchema?: string;
  sqlitePath?: string;
}

export interface Db {
  db: Kysely<Database>;
  dialect: Dialect;
  /** PostgreSQL only: the pool, for LISTEN/NOTIFY. */
  pool?: pg.Pool;
  pgSchema?: string;
}

export const DEFAULT_SQLITE_PATH = './data/lessonmark.db';

const INT8_OID = 20;
/** Versions are BIGINT in PostgreSQL; they stay far below 2^53, so numbers are exact. */
const pgTypes = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

export function openDb(config: DbConfig): Db {
  if (config.databaseUrl) {
    const schema = config.pgSchema;
    if (schema && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new Error(`invalid PostgreSQL schema name: ${schema}`);
    const pool = new pg.Pool({
      connectionString: config.databaseUrl,
      max: 10,
      types: pgTypes,
      ...(schema ? { options: `-c search_path=${schema}` } : {}),
    });
    return { db: new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }), dialect: 'postgres', pool, pgSchema: schema };
  }
  const path = config.sqlitePath ?? DEFAULT_SQLITE_PATH;
  if (path !== ':memory:') {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    // Lessons and token hashes: readable by the owner only. SQLite gives its -wal and -shm files the same mode.
    closeSync(openSync(path, 'a', 0o600));
  }
  const database = new SQLite(path);
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = NORMAL');
  // A 100-op push writes ~40 WAL pages; at the default 1000-page threshold every ~25th commit paid
  // for a checkpoint with fsyncs and rewrote the same index pages. 10000 pages bounds the WAL near 40 MB.
  database.pragma('wal_autocheckpoint = 10000');
  // The CLI and a running server may share the file; wait for the other writer instead of failing.
  database.pragma('busy_timeout = 5000');
  database.pragma('foreign_keys = ON');
  return { db: new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(database) }) }), dialect: 'sqlite' };
}

/** PostgreSQL: creates the schema before migrations run in it. */
export async function prepareSchema(handle: Db): Promise<void> {
  if (handle.dialect !== 'postgres' || !handle.pgSchema) return;
  await sql`create schema if not exists ${sql.id(handle.pgSchema)}`.execute(handle.db);
}

/**
 * Kysely prepares every query anew; a push runs the same few statements each time, so reuse them.
 * Safe because Kysely's SQLite driver runs one query at a time on its single connection.
 */
function withStatementCache(database: SQLite.Database, size = 256): SqliteDatabase {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => database.close(),
    prepare: (text: string) => {
      let statement = cache.get(text);
      if (!statement) {
        statement = database.prepare(text);
        if (cache.size >= size) cache.delete(cache.keys().next().value!);
        cache.set(text, statement);
      }
      return statement;
    },
  };
}
