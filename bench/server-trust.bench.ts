// The team endpoint under hostile and heavy use, with its default limits: route fuzzing on both
// backends, many clients pushing at once (nothing acknowledged may be lost), and one token
// flooding while another team pulls. Real server processes over HTTP.
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { Worker } from 'node:worker_threads';
import { percentile, type Metrics } from './metric';
import { fuzzRoutes } from '../test/support/server-fuzz';
import { api, freshDb, makeLesson, makeTeam, pullAll, startServerProcess, type Dialect } from '../test/support/server-harness';

const FUZZ_RUNS = 150;
const LOAD_CLIENTS = 50;
const LOAD_PUSHES = 8;
const LOAD_OPS = 25;
const FLOODERS = 4;
const QUIET_PAGE = 200;
const ROUNDS = 6;
const PHASE_MS = 10_000;

/**
 * Plain JS for a worker thread: loops of max-size pushes and 1000-row pulls, every 429 ignored,
 * flooding while the parent says 'flood' and idle after 'pause'; 'stop' ends it with its counts.
 */
const FLOOD_LOOP = `
const { parentPort, workerData } = require('node:worker_threads');
const { url, token, pushBody, loops } = workerData;
let state = 'pause';
const waiting = [];
let requests = 0;
let limited = 0;
parentPort.on('message', (m) => { state = m; waiting.splice(0).forEach((wake) => wake()); });
Promise.all(Array.from({ length: loops }, async (_, f) => {
  for (let n = 1; state !== 'stop'; n++) {
    if (state === 'pause') { await new Promise((wake) => waiting.push(wake)); continue; }
    requests += 1;
    try {
      const reply = (f + n) % 2
        ? await fetch(url + '/v1/push', { method: 'POST', body: pushBody.replaceAll('"opId":"f-', '"opId":"f' + f + '-' + n + '-'), headers: { authorization: 'Bearer ' + token, 'content-type': 'application/json' } })
        : await fetch(url + '/v1/pull?limit=1000', { headers: { authorization: 'Bearer ' + token } });
      await reply.arrayBuffer();
      if (reply.status === 429) limited += 1;
    } catch {
      // The server closed the connection on a refused upload: refused too.
      limited += 1;
    }
  }
})).then(() => parentPort.postMessage({ requests, limited }));
`;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** 50 clients (one token each, two teams) push at once and honour Retry-After; every acknowledged lesson must be on the server. */
async function load(dialect: Dialect): Promise<{ acknowledged: number; lost: number; limited: number }> {
  const db = await freshDb(dialect);
  const tokens: { team: string; token: string }[] = [];
  for (let i = 0; i < LOAD_CLIENTS; i++) {
    const team = i % 2 ? 'north' : 'south';
    tokens.push({ team, token: (await makeTeam(db, team, undefined, `member ${i}`)).token });
  }
  const server = await startServerProcess(db, ['--quiet']);
  const acknowledged = new Map<string, Set<string>>([
    ['north', new Set()],
    ['south', new Set()],
  ]);
  let limited = 0;
  try {
    await Promise.all(
      tokens.map(async ({ team, token }, c) => {
        const http = api(server.url, token);
        for (let p = 0; p < LOAD_PUSHES; p++) {
          const ops = Array.from({ length: LOAD_OPS }, (_, i) => {
            const lesson = makeLesson({ title: `c${c} p${p} ${i}` }, 400);
            return { opId: `${p}-${i}`, type: 'upsert' as const, id: lesson.id!, baseVersion: 0, lesson };
          });
          for (;;) {
            const reply = await http.push({ clientId: `client-${c}`, ops });
            if (reply.status === 200) {
              for (const r of reply.body.results) acknowledged.get(team)!.add(r.id);
              break;
            }
            if (reply.status !== 429) throw new Error(`push answered ${reply.status}: ${JSON.stringify(reply.body).slice(0, 200)}`);
            limited += 1;
            await sleep(Number(reply.headers.get('retry-after')) * 1000);
          }
        }
      }),
    );
    let lost = 0;
    for (const team of ['north', 'south']) {
      const reader = api(server.url, tokens.find((t) => t.team === team)!.token);
      const stored = new Set((await pullAll(reader, undefined, 1000)).changes.filter((ch) => !ch.deleted).map((ch) => ch.id as string));
      for (const id of acknowledged.get(team)!) if (!stored.has(id)) lost += 1;
    }
    return { acknowledged: acknowledged.get('north')!.size + acknowledged.get('south')!.size, lost, limited };
  } finally {
    await server.stop();
    await db.drop();
  }
}

function rssMb(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) / 1024 : 0;
}

/**
 * Team "quiet" pulls 200-lesson pages (under one a second), in phases alone and phases while one token
 * of team "flood" sends max-size pushes and 1000-row pulls from several loops, ignoring every 429.
 */
async function flood(): Promise<{ quietP95: number; floodP95: number; rssMax: number; floodRequests: number; flood429: number }> {
  const db = await freshDb('sqlite');
  const quietToken = (await makeTeam(db, 'quiet', undefined, 'Quinn')).token;
  const floodToken = (await makeTeam(db, 'flood', undefined, 'Flo')).token;
  const server = await startServerProcess(db, ['--quiet']);
  try {
    const quiet = api(server.url, quietToken);
    for (let b = 0; b < 2; b++) {
      const ops = Array.from({ length: 250 }, (_, i) => {
        const lesson = makeLesson({ title: `quiet ${b}-${i}` }, 800);
        return { opId: `${b}-${i}`, type: 'upsert' as const, id: lesson.id!, baseVersion: 0, lesson };
      });
      const reply = await quiet.push({ clientId: 'quiet', ops });
      if (reply.status !== 200) throw new Error(`seeding quiet team: ${reply.status}`);
    }
    // Give the flooding team a store to pull from (its own budget allows this much).
    const floodApi = api(server.url, floodToken);
    const bigLesson = () => makeLesson({ quote: 'q'.repeat(15_000) }, 15_000);
    for (let b = 0; b < 2; b++) {
      const ops = Array.from({ length: 30 }, (_, i) => {
        const lesson = bigLesson();
        return { opId: `seed-${b}-${i}`, type: 'upsert' as const, id: lesson.id!, baseVersion: 0, lesson };
      });
      const reply = await floodApi.push({ clientId: 'flood-seed', ops });
      if (reply.status !== 200) throw new Error(`seeding flood team: ${reply.status} ${JSON.stringify(reply.body).slice(0, 200)}`);
    }

    const pullTimes = async (n: number) => {
      const times: number[] = [];
      for (let i = 0; i < n; i++) {
        const t0 = performance.now();
        const page = await quiet.pull(undefined, QUIET_PAGE);
        times.push(performance.now() - t0);
        if (page.status !== 200 || page.body.changes.length !== QUIET_PAGE) throw new Error(`quiet pull answered ${page.status}`);
        // Under a pull a second: inside the quiet token's own byte budget.
        await sleep(1200);
      }
      return times;
    };
    await pullTimes(10);
    // ~1 MB bodies: 30 lessons of ~30 kB, built once.
    const pushBody = JSON.stringify({
      clientId: 'flooder',
      ops: Array.from({ length: 30 }, (_, i) => {
        const lesson = bigLesson();
        return { opId: `f-${i}`, type: 'upsert', id: lesson.id, baseVersion: 0, lesson };
      }),
    });
    let rssMax = rssMb(server.child.pid!);
    const sampler = setInterval(() => (rssMax = Math.max(rssMax, rssMb(server.child.pid!))), 100);
    // The flooder is another client: its own thread, so its work does not delay the measuring client's event loop.
    const flooder = new Worker(FLOOD_LOOP, { eval: true, workerData: { url: server.url, token: floodToken, pushBody, loops: FLOODERS } });
    const counts = new Promise<{ requests: number; limited: number }>((resolve, reject) => {
      flooder.once('message', resolve);
      flooder.once('error', reject);
    });
    // Quiet and flooded phases alternate, so both see the same ambient load of this shared machine.
    const quietTimes: number[] = [];
    const floodTimes: number[] = [];
    const phase = async (into: number[]) => {
      const deadline = Date.now() + PHASE_MS;
      while (Date.now() < deadline) into.push(...(await pullTimes(1)));
    };
    for (let round = 0; round < ROUNDS; round++) {
      await phase(quietTimes);
      flooder.postMessage('flood');
      await sleep(500);
      await phase(floodTimes);
      flooder.postMessage('pause');
      await sleep(500);
    }
    flooder.postMessage('stop');
    const { requests: floodRequests, limited: flood429 } = await counts;
    await flooder.terminate();
    clearInterval(sampler);
    const quietP95 = percentile(quietTimes, 95);
    return { quietP95, floodP95: percentile(floodTimes, 95), rssMax, floodRequests, flood429 };
  } finally {
    await server.stop();
    await db.drop();
  }
}

export default async (): Promise<Metrics> => {
  const load0 = loadavg()[0].toFixed(1);
  let cases = 0;
  const failures: string[] = [];
  for (const dialect of process.env.BENCH_SKIP_FUZZ ? [] : (['sqlite', 'postgres'] as const)) {
    const report = await fuzzRoutes(dialect, FUZZ_RUNS);
    cases += report.cases;
    failures.push(...report.failures);
  }
  for (const f of failures) console.error(`# fuzz failure: ${f}`);
  const skipLoad = { acknowledged: 0, lost: 0, limited: 0 };
  const sqlite = process.env.BENCH_SKIP_LOAD ? skipLoad : await load('sqlite');
  const pg = process.env.BENCH_SKIP_LOAD ? skipLoad : await load('postgres');
  console.error(`# load: sqlite ${JSON.stringify(sqlite)}, postgres ${JSON.stringify(pg)}`);
  const f = await flood();
  console.error(`# flood: ${JSON.stringify(f)}`);
  const machine = `2 cores shared, load average ${load0} at start`;
  return {
    fuzz_cases_run: {
      value: cases,
      unit: 'cases',
      baseline: null,
      note: `fast-check cases over every route (push, pull, lesson, every route's Authorization, unknown paths), SQLite and PostgreSQL, ${FUZZ_RUNS} per property`,
    },
    fuzz_failures: {
      value: failures.length,
      unit: 'failures',
      baseline: null,
      note: 'a 500, an error log, a malformed request not answered 400, or a refused request that changed the store; goal 0',
    },
    load_lessons_lost: {
      value: sqlite.lost + pg.lost,
      unit: 'lessons',
      baseline: null,
      note: `of ${sqlite.acknowledged + pg.acknowledged} acknowledged: ${LOAD_CLIENTS} clients with their own token, ${LOAD_PUSHES} pushes of ${LOAD_OPS} each, at once, honouring Retry-After (${sqlite.limited + pg.limited} 429s), SQLite then PostgreSQL, default limits; goal 0`,
    },
    flood_other_team_p95_ratio: {
      value: f.floodP95 / f.quietP95,
      unit: '×',
      baseline: null,
      note: `another team's ${QUIET_PAGE}-lesson pull p95 (a pull every 1.2 s), ${f.floodP95.toFixed(1)} ms under flood / ${f.quietP95.toFixed(1)} ms quiet; the flood: one token, ${FLOODERS} loops of ~1 MB pushes and 1000-row pulls ignoring 429, ${ROUNDS} flooded phases of ${PHASE_MS / 1000} s alternating with quiet ones (${f.floodRequests} requests, ${f.flood429} answered 429), SQLite, default limits, ${machine}; goal ≤ 2`,
    },
    flood_server_rss_mb: {
      value: f.rssMax,
      unit: 'MB',
      baseline: null,
      note: 'the server process\'s peak resident memory during that flood, sampled every 100 ms; goal ≤ 300',
    },
  };
};
