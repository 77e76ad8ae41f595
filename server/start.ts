import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { userInfo } from 'node:os';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import { createApp } from './app';
import { DEFAULT_SQLITE_PATH, openDb, type DbConfig } from './db';
import { migrate } from './migrations';
import type { RateLimit } from './rate-limit';
import { createToken, createTeam, findTeam } from './teams';
import type { TeamQuota } from './sync-store';
import { TrustedProxies } from './proxy';
import { VersionHub, type StreamCaps } from './version-hub';

export interface ServerOptions extends DbConfig {
  /** 0 picks a free port. Default 8787. */
  port?: number;
  /** Default 127.0.0.1; use 0.0.0.0 behind a proxy. */
  host?: string;
  /** Addresses or CIDRs of the proxies whose X-Forwarded-For and X-Forwarded-Proto are believed. */
  trustProxy?: string[];
  rateLimit?: Partial<RateLimit>;
  streamCaps?: Partial<StreamCaps>;
  quota?: Partial<TeamQuota>;
  corsOrigins?: string[];
  /** One JSON line per request; false keeps only errors (on stderr), a function receives the entries. */
  log?: boolean | ((entry: Record<string, unknown>) => void);
  /** How long close() waits for requests in flight before cutting connections. */
  shutdownGraceMs?: number;
}

export interface RunningServer {
  url: string;
  port: number;
  /** Stops accepting, ends event streams, finishes requests in flight, then closes the database. */
  close(): Promise<void>;
}

export const DEFAULT_PORT = 8787;
/**
 * Per token and per instance. A first sync of 10,000 lessons fits in the byte burst, of 100,000
 * lessons of 1 kB takes under 2 minutes; one person's day of saving never nears the op rate.
 * Bytes are bounded because one token's megabytes of JSON hold the event loop while other teams wait.
 */
export const DEFAULT_RATE_LIMIT: RateLimit = {
  burst: 60,
  perMinute: 600,
  opsBurst: 2000,
  opsPerMinute: 6000,
  bytesBurst: 8_000_000,
  bytesPerMinute: 60_000_000,
};
export const DEFAULT_STREAM_CAPS: StreamCaps = { perToken: 8, perTeam: 200 };
/** A team of a hundred people saving a lesson a day for years stays well inside. */
export const DEFAULT_TEAM_QUOTA: TeamQuota = { maxLessons: 200_000, maxBytes: 500_000_000 };

export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const log = typeof options.log === 'function' ? options.log : options.log === false ? errorsOnly : writeLogLine;
  const handle = openDb(options);
  // An idle connection ended under the pool (PostgreSQL restarting): without a listener the
  // process would die of it. The pool drops that connection and opens another on demand.
  handle.pool?.on('error', (error) => log({ level: 'error', message: `PostgreSQL connection lost: ${String(error)}` }));
  await migrate(handle);
  const hub = new VersionHub();
  if (handle.pool) await hub.listen(handle.pool, (error) => log({ level: 'error', message: `LISTEN connection: ${String(error)}` }));
  const { app, closeStreams } = createApp({
    handle,
    hub,
    rateLimit: { ...DEFAULT_RATE_LIMIT, ...options.rateLimit },
    quota: { ...DEFAULT_TEAM_QUOTA, ...options.quota },
    trustProxy: new TrustedProxies(options.trustProxy ?? []),
    streamCaps: { ...DEFAULT_STREAM_CAPS, ...options.streamCaps },
    corsOrigins: options.corsOrigins,
    log,
  });

  const host = options.host ?? '127.0.0.1';
  const server = await new Promise<Server>((resolve) => {
    const s = serve({ fetch: app.fetch, port: options.port ?? DEFAULT_PORT, hostname: host }, () => resolve(s as Server));
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${host.includes(':') ? `[${host}]` : host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`;

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      closeStreams();
      await new Promise<void>((resolve) => {
        const sweep = setInterval(() => server.closeIdleConnections(), 50);
        const cut = setTimeout(() => server.closeAllConnections(), options.shutdownGraceMs ?? 10_000);
        server.close(() => {
          clearInterval(sweep);
          clearTimeout(cut);
          resolve();
        });
      });
      hub.close();
      await handle.db.destroy();
    })());
  return { url, port, close };
}

export interface LocalTeam {
  /** True on the first run, when the team and its token were made. */
  created: boolean;
  /** The token in clear: only when created. */
  token?: string;
  /** Where the token was written (mode 0600) on the first run. */
  tokenFile: string;
}

export const LOCAL_TEAM = 'local';

/**
 * First run: creates the team `local` and a token for this machine, writes the token to
 * tokenFile (readable by the owner only) and returns it so the caller can print it once.
 * Later runs find the team and return without a token.
 */
export async function ensureLocalTeam(options: DbConfig & { tokenFile?: string } = {}): Promise<LocalTeam> {
  const tokenFile = options.tokenFile ?? join(dirname(options.sqlitePath ?? DEFAULT_SQLITE_PATH), 'local-token.txt');
  const handle = openDb(options);
  try {
    await migrate(handle);
    if (await findTeam(handle.db, LOCAL_TEAM)) return { created: false, tokenFile };
    await createTeam(handle.db, LOCAL_TEAM);
    const { token } = await createToken(handle.db, { team: LOCAL_TEAM, member: userInfo().username || 'me', name: 'local' });
    mkdirSync(dirname(tokenFile), { recursive: true });
    writeFileSync(tokenFile, `${token}\n`, { mode: 0o600 });
    chmodSync(tokenFile, 0o600);
    return { created: true, token, tokenFile };
  } finally {
    await handle.db.destroy();
  }
}

function writeLogLine(entry: Record<string, unknown>): void {
  (entry.level === 'error' ? process.stderr : process.stdout).write(`${JSON.stringify(entry)}\n`);
}

/** `--quiet` drops the request lines, never an error. */
function errorsOnly(entry: Record<string, unknown>): void {
  if (entry.level === 'error') writeLogLine(entry);
}
