// Export and import of 10,000 lessons by the library code alone (exportJson; the worker's
// ImportSessions, preview then apply), in Node on fake-indexeddb. What a person waits for in the
// browser, through the library page, is bench/transfer.bench.ts.
import 'fake-indexeddb/auto';
import { performance } from 'node:perf_hooks';
import { openDb } from '../lib/db/database';
import { exportJson } from '../lib/export/json';
import { ImportSessions } from '../lib/import/session';
import { KINDS, LessonSchema, type Lesson } from '../lib/lesson';
import { median, type Metrics } from './metric';

const N = 10_000;
const RUNS = 3;

function lessons(): Lesson[] {
  const start = Date.parse('2024-01-01T00:00:00.000Z');
  return Array.from({ length: N }, (_, i) => {
    const at = new Date(start + i * 3_600_000).toISOString();
    const hex = i.toString(16).padStart(12, '0');
    return LessonSchema.parse({
      id: `01900000-0000-7000-8000-${hex}`,
      kind: KINDS[i % KINDS.length],
      title: `Lesson ${i}: the deploy pipeline and the cache key`,
      quote: `The cache key used package.json only, so build ${i} restored a stale cache and shipped old dependencies.`,
      note: `What went wrong in build ${i}, why it happened, and what we will do differently next time. `.repeat(3),
      answers: [{ question: 'Why did this happen?', answer: 'The key ignored the lockfile.' }],
      actions: i % 3 ? [] : [{ id: `a${i}`, text: 'Hash the lockfile into the cache key', owner: 'bob', due: '2024-06-01', done: i % 2 === 0 }],
      tags: ['ci', `team-${i % 7}`, `service-${i % 31}`],
      source: {
        url: `https://acme.atlassian.net/browse/OPS-${i}`,
        site: 'jira',
        workItem: `jira:OPS-${i}`,
        title: `OPS-${i}: Deploy pipeline serves stale dependencies`,
        project: 'OPS',
        labels: ['incident'],
      },
      anchor: { quote: { exact: 'the cache key used package.json only', prefix: 'Root cause: ', suffix: ', so' }, position: { start: 100, end: 136 }, root: 'body' },
      visibility: i % 2 ? 'team' : 'private',
      author: 'alice',
      createdAt: at,
      updatedAt: at,
    });
  });
}

export default async (): Promise<Metrics> => {
  const data = lessons();
  const exportTimes: number[] = [];
  const exportCpu: number[] = [];
  let text = '';
  for (let r = 0; r < RUNS + 1; r++) {
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    text = exportJson(data);
    const cpu = process.cpuUsage(cpu0);
    if (r > 0) {
      exportTimes.push(performance.now() - t0);
      exportCpu.push((cpu.user + cpu.system) / 1000);
    }
  }

  const importTimes: number[] = [];
  const importCpu: number[] = [];
  const parseTimes: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    const db = openDb(`bench-import-${r}`);
    await db.open();
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    // The file as the worker reads it from the page's blob: URL, here already in memory.
    const imports = new ImportSessions(db, async () => text);
    const summary = await imports.preview('blob:bench');
    parseTimes.push(performance.now() - t0);
    if (summary.create !== N) throw new Error(`the preview counts ${summary.create} new of ${N}`);
    const result = await imports.apply('blob:bench');
    importTimes.push(performance.now() - t0);
    const cpu = process.cpuUsage(cpu0);
    importCpu.push((cpu.user + cpu.system) / 1000);
    if (result.written !== N) throw new Error(`imported ${result.written} of ${N}`);
    db.close();
  }

  const mb = (text.length / 1024 / 1024).toFixed(1);
  return {
    import_10k_node_ms: {
      value: median(importTimes),
      unit: 'ms',
      baseline: null,
      note: `library code only, in Node on fake-indexeddb (no browser, no page, no service worker): the worker's ImportSessions, preview then apply, of ${N} lessons (${mb} MB JSON, already in memory) into an empty database, median of ${RUNS}; preview (parse, validate, compare with what is stored) alone ${Math.round(median(parseTimes))} ms; process CPU ${Math.round(median(importCpu))} ms; the browser figure is import_10k_ms`,
    },
    export_json_10k_node_ms: {
      value: median(exportTimes),
      unit: 'ms',
      baseline: null,
      note: `library function only, in Node: exportJson of ${N} lessons already in memory (${mb} MB), median of ${RUNS} after a warm-up; process CPU ${Math.round(median(exportCpu))} ms; the browser figure is export_json_10k_ms`,
    },
  };
};
