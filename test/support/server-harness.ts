import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { uuidv7 } from '../../lib/id';
import type { PushRequestInput, SyncLessonInput } from '../../lib/sync/protocol';
import { openDb, type Db, type DbConfig } from '../../server/db';
import { migrate } from '../../server/migrations';
import { createTeam, createToken } from '../../server/teams';

export type Dialect = 'sqlite' | 'postgres';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const PG_URL = process.env.LESSONMARK_TEST_PG_URL || 'postgres://postgres@127.0.0.1:5432/test';

/** PostgreSQL runs unless LESSONMARK_SKIP_PG=1; when it is unreachable its tests fail, loudly. */
export const DIALECTS: Dialect[] = process.env.LESSONMARK_SKIP_PG === '1' ? ['sqlite'] : ['sqlite', 'postgres'];

/** A fresh database: a temp SQLite file, or a new schema in the test PostgreSQL. */
export interface TestDb {
  config: DbConfig;
  env: Record<string, string>;
  open(): Db;
  drop(): Promise<void>;
}

export async function freshDb(dialect: Dialect): Promise<TestDb> {
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'lm-server-'));
    const sqlitePath = join(dir, 'test.db');
    return {
      config: { sqlitePath },
      env: { LESSONMARK_DB: sqlitePath },
      open: () => openDb({ sqlitePath }),
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const schema = `lm_test_${randomBytes(5).toString('hex')}`;
  const client = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(
      `PostgreSQL unreachable at ${PG_URL} (${String(error)}). Set LESSONMARK_TEST_PG_URL to another server, or LESSONMARK_SKIP_PG=1 to skip the PostgreSQL runs.`,
    );
  }
  await client.end();
  const config = { databaseUrl: PG_URL, pgSchema: schema };
  return {
    config,
    env: { DATABASE_URL: PG_URL, DATABASE_SCHEMA: schema },
    open: () => openDb(config),
    drop: async () => {
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      await c.query(`drop schema if exists ${schema} cascade`);
      await c.end();
    },
  };
}

/** Creates a team and a token directly in the store (setup; the CLI has its own tests). */
export async function makeTeam(db: TestDb, name: string, expiresAt?: Date, member = 'Ana'): Promise<{ token: string; tokenId: string }> {
  const handle = db.open();
  try {
    await migrate(handle);
    await createTeam(handle.db, name).catch((error: Error) => {
      if (!/already exists/.test(error.message)) throw error;
    });
    const { token, info } = await createToken(handle.db, { team: name, member, expiresAt });
    return { token, tokenId: info.id };
  } finally {
    await handle.db.destroy();
  }
}

export interface ServerProcess {
  url: string;
  port: number;
  child: ChildProcess;
  /** Every stdout line the server wrote, parsed when JSON. */
  lines: unknown[];
  /** What the server wrote to stderr so far. */
  stderr(): string;
  /** Sends the signal and resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Starts `tsx server/cli.ts serve --port 0` as a child process and waits for its "listening" line. */
export async function startServerProcess(db: TestDb, args: string[] = [], env: Record<string, string> = {}): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/cli.ts', 'serve', '--port', '0', ...args], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: '', DATABASE_SCHEMA: '', LESSONMARK_DB: '', TRUST_PROXY: '', ...db.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: unknown[] = [];
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise<number | null>((resolveExit) => child.once('exit', (code) => resolveExit(code)));
  const listening = new Promise<{ url: string; port: number }>((resolveListening, reject) => {
    let buffer = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      let nl: number;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        let parsed: unknown = line;
        try {
          parsed = JSON.parse(line);
        } catch {
          // a plain line
        }
        lines.push(parsed);
        const entry = parsed as { message?: string; url?: string; port?: number };
        if (entry.message === 'listening' && entry.url && entry.port) resolveListening({ url: entry.url, port: entry.port });
      }
    });
    void exited.then((code) => reject(new Error(`server exited with ${code} before listening:\n${stderr}`)));
  });
  const { url, port } = await listening;
  return {
    url,
    port,
    child,
    lines,
    stderr: () => stderr,
    stop: async (signal = 'SIGTERM') => {
      if (child.exitCode === null) child.kill(signal);
      return exited;
    },
  };
}

export interface Reply<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

export function api(url: string, token?: string) {
  const headers = (extra: Record<string, string> = {}) => ({ ...(token ? { authorization: `Bearer ${token}` } : {}), ...extra });
  const read = async (response: Response): Promise<Reply> => {
    const text = await response.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // not JSON
    }
    return { status: response.status, headers: response.headers, body };
  };
  return {
    get: async (path: string, extra?: Record<string, string>) => read(await fetch(url + path, { headers: headers(extra) })),
    post: async (path: string, body: string, extra?: Record<string, string>) =>
      read(await fetch(url + path, { method: 'POST', body, headers: headers({ 'content-type': 'application/json', ...extra }) })),
    push: async (request: PushRequestInput) =>
      read(await fetch(`${url}/v1/push`, { method: 'POST', body: JSON.stringify(request), headers: headers({ 'content-type': 'application/json' }) })),
    pull: async (cursor?: string, limit?: number) => {
      const q = new URLSearchParams();
      if (cursor !== undefined) q.set('cursor', cursor);
      if (limit !== undefined) q.set('limit', String(limit));
      return read(await fetch(`${url}/v1/pull?${q}`, { headers: headers() }));
    },
  };
}
export type Api = ReturnType<typeof api>;

/** A valid team lesson, about `noteBytes` of note. */
export function makeLesson(overrides: Partial<SyncLessonInput> = {}, noteBytes = 40): SyncLessonInput {
  const now = new Date().toISOString();
  return {
    id: uuidv7(),
    kind: 'mistake',
    title: 'Deploy on Friday',
    quote: 'we deployed at 17:00 on a Friday',
    note: 'n'.repeat(noteBytes),
    answers: [{ question: 'Why did this happen?', answer: 'no freeze' }],
    actions: [],
    tags: ['deploy'],
    source: { url: 'https://acme.atlassian.net/browse/OPS-1', site: 'jira', workItem: 'jira:OPS-1', title: 'OPS-1', labels: [] },
    visibility: 'team',
    createdAt: now,
    updatedAt: now,
    helped: 0,
    ...overrides,
  };
}

/** Pulls from `cursor` until hasMore is false; returns every change and the last cursor. */
export async function pullAll(client: Api, cursor?: string, limit = 500) {
  const changes: any[] = [];
  for (;;) {
    const page = await client.pull(cursor, limit);
    if (page.status !== 200 || page.body.reset) throw new Error(`pull failed: ${JSON.stringify(page.body)}`);
    changes.push(...page.body.changes);
    cursor = page.body.cursor as string;
    if (!page.body.hasMore) return { changes, cursor };
  }
}

/** Opens `GET /v1/stream` and reads it as text; `until` waits for a pattern, `ended` for the server to close it. */
export async function openStream(url: string, token: string) {
  const controller = new AbortController();
  const response = await fetch(`${url}/v1/stream`, { headers: { authorization: `Bearer ${token}` }, signal: controller.signal });
  const reader = response.body?.getReader();
  const decoder = new TextDecoder();
  let text = '';
  let closed = false;
  const next = async () => {
    const { value, done } = await reader!.read();
    if (done) closed = true;
    else text += decoder.decode(value);
  };
  return {
    status: response.status,
    body: () => text,
    async until(pattern: RegExp) {
      while (!pattern.test(text)) {
        if (closed || !reader) throw new Error(`stream ended before ${pattern}: ${text}`);
        await next();
      }
    },
    /** Resolves once the server ends the stream. */
    async ended() {
      while (!closed && reader) await next().catch(() => (closed = true));
    },
    close: () => controller.abort(),
  };
}
