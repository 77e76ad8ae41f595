import { parseArgs } from 'node:util';
import { errorText } from '../lib/error-text';
import { openDb, type DbConfig } from './db';
import { migrate } from './migrations';
import { createTeam, createToken, listTeams, listTokens, revokeToken } from './teams';
import { parseDuration } from './tokens';

const USAGE = `usage: tsx server/cli.ts [command]
  serve [--port 8787] [--host 127.0.0.1] [--db ./data/lessonmark.db] [--trust-proxy CIDRS]
        [--rate-burst 60] [--rate-per-minute 600] [--ops-burst 2000] [--ops-per-minute 6000]
        [--bytes-burst 8000000] [--bytes-per-minute 60000000]
        [--streams-per-token 8] [--streams-per-team 200]
        [--team-max-lessons 200000] [--team-max-bytes 500000000] [--quiet]   (default command)
  team create NAME | team list
  token create --team NAME --member NAME [--name LABEL] [--expires 30d]
                                 the member is the author of the lessons the token creates
  token revoke ID
  token list [--team NAME]
  compact [--older-than 90d]     purge old tombstones and op results
env: DATABASE_URL (PostgreSQL; else SQLite), DATABASE_SCHEMA, LESSONMARK_DB, PORT, HOST,
     TRUST_PROXY (proxy addresses or CIDRs, comma-separated, e.g. 127.0.0.1,10.0.0.0/8),
     RATE_BURST, RATE_PER_MINUTE, OPS_BURST, OPS_PER_MINUTE, BYTES_BURST, BYTES_PER_MINUTE,
     STREAMS_PER_TOKEN, STREAMS_PER_TEAM, TEAM_MAX_LESSONS, TEAM_MAX_BYTES,
     CORS_ORIGINS (comma-separated)`;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    port: { type: 'string' },
    host: { type: 'string' },
    db: { type: 'string' },
    'trust-proxy': { type: 'string' },
    'rate-burst': { type: 'string' },
    'rate-per-minute': { type: 'string' },
    'ops-burst': { type: 'string' },
    'ops-per-minute': { type: 'string' },
    'bytes-burst': { type: 'string' },
    'bytes-per-minute': { type: 'string' },
    'streams-per-token': { type: 'string' },
    'streams-per-team': { type: 'string' },
    'team-max-lessons': { type: 'string' },
    'team-max-bytes': { type: 'string' },
    quiet: { type: 'boolean' },
    team: { type: 'string' },
    name: { type: 'string' },
    member: { type: 'string' },
    expires: { type: 'string' },
    'older-than': { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});

const env = process.env;
const dbConfig: DbConfig = {
  databaseUrl: env.DATABASE_URL || undefined,
  pgSchema: env.DATABASE_SCHEMA || undefined,
  sqlitePath: values.db ?? (env.LESSONMARK_DB || undefined),
};

async function withDb<T>(fn: (db: ReturnType<typeof openDb>['db']) => Promise<T>): Promise<T> {
  const handle = openDb(dbConfig);
  try {
    await migrate(handle);
    return await fn(handle.db);
  } finally {
    await handle.db.destroy();
  }
}

function int(text: string | undefined, fallback: number, what: string): number {
  if (text === undefined || text === '') return fallback;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${what} must be a non-negative integer, got "${text}"`);
  return n;
}

async function serveCommand(): Promise<void> {
  // Loaded only to serve: team and token commands start faster without the HTTP stack.
  const { DEFAULT_PORT, DEFAULT_RATE_LIMIT, DEFAULT_STREAM_CAPS, DEFAULT_TEAM_QUOTA, startServer } = await import('./start');
  const trust = values['trust-proxy'] ?? env.TRUST_PROXY ?? '';
  if (/^(1|true|yes)$/i.test(trust.trim())) {
    throw new Error('TRUST_PROXY now lists the proxies by address: e.g. TRUST_PROXY=127.0.0.1 for a TLS proxy on this host, or 10.0.0.0/8');
  }
  const server = await startServer({
    ...dbConfig,
    port: int(values.port ?? env.PORT, DEFAULT_PORT, '--port'),
    host: values.host ?? (env.HOST || undefined),
    trustProxy: trust
      .split(',')
      .map((e) => e.trim())
      .filter(Boolean),
    rateLimit: {
      burst: int(values['rate-burst'] ?? env.RATE_BURST, DEFAULT_RATE_LIMIT.burst, '--rate-burst'),
      perMinute: int(values['rate-per-minute'] ?? env.RATE_PER_MINUTE, DEFAULT_RATE_LIMIT.perMinute, '--rate-per-minute'),
      opsBurst: int(values['ops-burst'] ?? env.OPS_BURST, DEFAULT_RATE_LIMIT.opsBurst, '--ops-burst'),
      opsPerMinute: int(values['ops-per-minute'] ?? env.OPS_PER_MINUTE, DEFAULT_RATE_LIMIT.opsPerMinute, '--ops-per-minute'),
      bytesBurst: int(values['bytes-burst'] ?? env.BYTES_BURST, DEFAULT_RATE_LIMIT.bytesBurst, '--bytes-burst'),
      bytesPerMinute: int(values['bytes-per-minute'] ?? env.BYTES_PER_MINUTE, DEFAULT_RATE_LIMIT.bytesPerMinute, '--bytes-per-minute'),
    },
    streamCaps: {
      perToken: int(values['streams-per-token'] ?? env.STREAMS_PER_TOKEN, DEFAULT_STREAM_CAPS.perToken, '--streams-per-token'),
      perTeam: int(values['streams-per-team'] ?? env.STREAMS_PER_TEAM, DEFAULT_STREAM_CAPS.perTeam, '--streams-per-team'),
    },
    quota: {
      maxLessons: int(values['team-max-lessons'] ?? env.TEAM_MAX_LESSONS, DEFAULT_TEAM_QUOTA.maxLessons, '--team-max-lessons'),
      maxBytes: int(values['team-max-bytes'] ?? env.TEAM_MAX_BYTES, DEFAULT_TEAM_QUOTA.maxBytes, '--team-max-bytes'),
    },
    corsOrigins: env.CORS_ORIGINS?.split(',').map((o) => o.trim()).filter(Boolean),
    log: !values.quiet,
  });
  // Tests and scripts read the port from this line.
  process.stdout.write(`${JSON.stringify({ level: 'info', message: 'listening', url: server.url, port: server.port, db: dbConfig.databaseUrl ? 'postgres' : 'sqlite' })}\n`);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`${JSON.stringify({ level: 'info', message: `${signal}: finishing requests in flight` })}\n`);
    server.close().then(
      () => process.exit(0),
      (error) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  // Repeated signals must not fall back to the default (instant death) while requests finish.
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

async function main(): Promise<void> {
  const [command = 'serve', sub, arg] = positionals;
  if (values.help) return console.log(USAGE);
  if (command === 'serve') return serveCommand();
  if (command === 'team' && sub === 'create' && arg) {
    const team = await withDb((db) => createTeam(db, arg));
    return console.log(`created team ${team.name} (${team.id})`);
  }
  if (command === 'team' && sub === 'list') {
    const teams = await withDb(listTeams);
    for (const t of teams) console.log(`${t.name}\t${t.id}\tversion ${t.version}`);
    return;
  }
  if (command === 'token' && sub === 'create' && values.team) {
    if (!values.member) throw new Error('token create needs --member NAME: the teammate the token belongs to, shown as the author of their lessons');
    const expiresAt = values.expires ? new Date(Date.now() + parseDuration(values.expires)) : undefined;
    const { token, info } = await withDb((db) => createToken(db, { team: values.team!, member: values.member!, name: values.name, expiresAt }));
    console.log(`token ${info.id} for ${info.member} in team ${info.teamName}${info.expiresAt ? `, expires ${info.expiresAt}` : ''}`);
    console.log('shown once; store it now:');
    return console.log(token);
  }
  if (command === 'token' && sub === 'revoke' && arg) {
    const revoked = await withDb((db) => revokeToken(db, arg));
    if (!revoked) throw new Error(`no active token ${arg}`);
    return console.log(`revoked ${arg}`);
  }
  if (command === 'token' && sub === 'list') {
    const tokens = await withDb((db) => listTokens(db, values.team));
    for (const t of tokens) {
      const state = t.revokedAt ? `revoked ${t.revokedAt}` : t.expiresAt ? `expires ${t.expiresAt}` : 'no expiry';
      console.log(`${t.id}\t${t.teamName}\t${t.member || '-'}\t${t.name || '-'}\tcreated ${t.createdAt}\t${state}`);
    }
    return;
  }
  if (command === 'compact') {
    const before = new Date(Date.now() - parseDuration(values['older-than'] ?? '90d'));
    const { compact } = await import('./sync-store');
    const purged = await withDb(async (db) => compact({ db, dialect: dbConfig.databaseUrl ? 'postgres' : 'sqlite' }, before));
    return console.log(`purged ${purged.tombstones} tombstones and ${purged.ops} op results older than ${before.toISOString()}`);
  }
  throw new Error(`unknown command: ${positionals.join(' ') || '(none)'}\n${USAGE}`);
}

main().catch((error: unknown) => {
  console.error(errorText(error));
  process.exit(1);
});
