import { api, makeLesson } from '../test/support/server-harness';
import { LIMITS } from '../lib/sync/protocol';
import { startTeamServer } from '../test/support/e2e/sync';
import { buildExtension, launchWithExtension } from './extension';
import type { Metrics } from './metric';

const LESSONS = 10_000;

/**
 * `initial_sync_10k_s`: a new browser profile connects to a team holding 10,000 lessons; from
 * saving the settings to all of them being rows in the extension's IndexedDB, in real Chromium.
 */
export default async function (): Promise<Metrics> {
  const dir = buildExtension('.output-bench-sync');
  const team = await startTeamServer('Bench', ['--rate-burst', '100000', '--rate-per-minute', '1000000', '--ops-burst', '1000000', '--ops-per-minute', '100000000', '--bytes-burst', '10000000000', '--bytes-per-minute', '10000000000']);
  try {
    const client = api(team.server.url, team.token);
    const batch = 500;
    for (let i = 0; i < LESSONS; i += batch) {
      const ops = Array.from({ length: Math.min(batch, LESSONS - i) }, (_, k) => {
        const lesson = makeLesson({ title: `Lesson ${i + k}`, tags: ['deploy', `t${(i + k) % 50}`] }, 200);
        return { opId: `seed-${i + k}`, type: 'upsert' as const, id: lesson.id as string, baseVersion: 0, lesson };
      });
      const reply = await client.push({ clientId: 'bench-seed', ops });
      if (reply.status !== 200) throw new Error(`seeding failed: ${JSON.stringify(reply.body).slice(0, 300)}`);
    }

    const { context, sw } = await launchWithExtension(dir);
    try {
      const seconds = await sw.evaluate(
        async ({ endpoint, token, want }) => {
          const start = performance.now();
          // The worker syncs as soon as the endpoint and token change: the moment the person presses Save.
          await chrome.storage.local.set({ settings: { displayName: 'Bench', defaultVisibility: 'private', endpoint, token, hosts: { jira: [], confluence: [], github: [] } } });
          const deadline = start + 120_000;
          // No named helpers in here: tsx would wrap them in a __name() the worker does not have.
          for (;;) {
            const have = await new Promise<number>((resolve, reject) => {
              const open = indexedDB.open('lessonmark');
              open.onerror = () => reject(open.error);
              open.onsuccess = () => {
                const db = open.result;
                if (!db.objectStoreNames.contains('lessons')) {
                  db.close();
                  return resolve(0);
                }
                const req = db.transaction('lessons').objectStore('lessons').count();
                req.onsuccess = () => {
                  db.close();
                  resolve(req.result);
                };
                req.onerror = () => reject(req.error);
              };
            });
            if (have >= want) break;
            if (performance.now() > deadline) throw new Error('initial sync did not finish in 120 s');
            await new Promise((r) => setTimeout(r, 20));
          }
          return (performance.now() - start) / 1000;
        },
        { endpoint: team.server.url, token: team.token, want: LESSONS },
      );
      return {
        initial_sync_10k_s: {
          value: Math.round(seconds * 100) / 100,
          unit: 's',
          baseline: null,
          note: `Save settings → ${LESSONS} team lessons in IndexedDB (pages of ${LIMITS.maxPullLimit}, local SQLite server, ~0.8 KB each); goal ≤ 5 s`,
        },
      };
    } finally {
      await context.close();
    }
  } finally {
    await team.stop();
  }
}
