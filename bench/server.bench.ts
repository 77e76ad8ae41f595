// Team endpoint throughput: pushes from 8 concurrent clients and pull page latency, over HTTP
// against a real server process (tsx server/cli.ts serve), on SQLite and on PostgreSQL.
import { loadavg } from 'node:os';
import { percentile, type Metrics } from './metric';
import { api, freshDb, makeLesson, makeTeam, startServerProcess, type Dialect } from '../test/support/server-harness';

const LESSONS = 100_000;
const OPS_PER_PUSH = 100;
const CLIENTS = 8;
const PAGE = 500;
/** Peer pouchdb-server measured on this workload on these machines; it cannot run here. */
const POUCHDB_SERVER_OPS_PER_S = 3052;

/** Throughput is measured without the per-token budgets (server-trust.bench.ts measures them). */
const UNLIMITED = ['--rate-burst', '1000000', '--rate-per-minute', '1000000000', '--ops-burst', '1000000000', '--ops-per-minute', '1000000000', '--bytes-burst', '1000000000000', '--bytes-per-minute', '1000000000000'];

/** Push bodies built before the clock starts, so the figure measures the server, not the generator. */
function buildBodies(): string[] {
  const note = 'n'.repeat(560);
  const bodies: string[] = [];
  for (let b = 0; b < LESSONS / OPS_PER_PUSH; b++) {
    const ops = Array.from({ length: OPS_PER_PUSH }, (_, i) => {
      const lesson = makeLesson({ note, title: `lesson ${b}-${i}` });
      return { opId: `${b}-${i}`, type: 'upsert' as const, id: lesson.id!, baseVersion: 0, lesson };
    });
    bodies.push(JSON.stringify({ clientId: `client-${b % CLIENTS}`, ops }));
  }
  return bodies;
}

async function run(dialect: Dialect, bodies: string[]): Promise<{ opsPerS: number; pullP95: number }> {
  const db = await freshDb(dialect);
  const tokens: string[] = [];
  for (let i = 0; i < CLIENTS; i++) tokens.push((await makeTeam(db, 'bench')).token);
  const server = await startServerProcess(db, ['--quiet', ...UNLIMITED]);
  try {
    let next = 0;
    const start = performance.now();
    await Promise.all(
      tokens.map(async (token) => {
        const http = api(server.url, token);
        for (let b = next++; b < bodies.length; b = next++) {
          const reply = await http.post('/v1/push', bodies[b]);
          if (reply.status !== 200) throw new Error(`push ${b} failed: ${reply.status} ${JSON.stringify(reply.body).slice(0, 300)}`);
        }
      }),
    );
    const seconds = (performance.now() - start) / 1000;
    console.error(`# ${dialect}: ${LESSONS} ops in ${seconds.toFixed(1)} s`);

    const http = api(server.url, tokens[0]);
    const times: number[] = [];
    let cursor: string | undefined;
    let rows = 0;
    for (;;) {
      const t0 = performance.now();
      const page = await http.pull(cursor, PAGE);
      times.push(performance.now() - t0);
      if (page.status !== 200 || page.body.reset) throw new Error(`pull failed: ${JSON.stringify(page.body).slice(0, 300)}`);
      rows += page.body.changes.length;
      cursor = page.body.cursor;
      if (!page.body.hasMore) break;
    }
    if (rows !== LESSONS) throw new Error(`pulled ${rows} rows, expected ${LESSONS}`);
    return { opsPerS: LESSONS / seconds, pullP95: percentile(times, 95) };
  } finally {
    await server.stop();
    await db.drop();
  }
}

export default async (): Promise<Metrics> => {
  const bodies = buildBodies();
  const load = loadavg()[0].toFixed(1);
  const sqlite = await run('sqlite', bodies);
  const pg = await run('postgres', bodies);
  const workload = `${LESSONS} lessons of ~1 KB, ${OPS_PER_PUSH}-op pushes from ${CLIENTS} concurrent clients on one team, real server process over HTTP (load average ${load} at start)`;
  return {
    server_push_ops_per_s_sqlite: {
      value: sqlite.opsPerS,
      unit: 'ops/s',
      baseline: null,
      note: `${workload}; goal >= 6000; reference: peer pouchdb-server did ${POUCHDB_SERVER_OPS_PER_S} ops/s here (not runnable, so no baseline)`,
    },
    server_push_ops_per_s_pg: {
      value: pg.opsPerS,
      unit: 'ops/s',
      baseline: null,
      note: `${workload}, PostgreSQL (fresh schema); reference: pouchdb-server ${POUCHDB_SERVER_OPS_PER_S} ops/s`,
    },
    server_pull_page_p95_ms: {
      value: sqlite.pullP95,
      unit: 'ms',
      baseline: null,
      note: `p95 of ${PAGE}-row pull pages over a team of ${LESSONS} lessons, SQLite, client round trip incl. JSON; goal <= 50`,
    },
    server_pull_page_p95_ms_pg: {
      value: pg.pullP95,
      unit: 'ms',
      baseline: null,
      note: `same pull pages on PostgreSQL`,
    },
  };
};
