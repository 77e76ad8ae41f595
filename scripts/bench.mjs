// Runs every bench/*.bench.ts, prints a table, and writes bench/latest.json (see DESIGN.md).
import { readdirSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const only = process.argv.slice(2);
const files = readdirSync('bench')
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();

const results = {};
let failed = false;
for (const file of files) {
  const out = join('bench', `.${file}.tmp.json`);
  console.error(`# ${file}`);
  const run = spawnSync('npx', ['tsx', 'scripts/run-bench.ts', join('bench', file), out], { stdio: 'inherit' });
  if (run.status !== 0) {
    failed = true;
    continue;
  }
  const { readFileSync, rmSync } = await import('node:fs');
  Object.assign(results, JSON.parse(readFileSync(out, 'utf8')));
  rmSync(out);
}

const rows = Object.entries(results).map(([metric, m]) => [
  metric,
  `${round(m.value)} ${m.unit}`,
  m.baseline == null ? '—' : `${round(m.baseline)} ${m.unit}`,
  m.note ?? '',
]);
const widths = [0, 1, 2].map((i) => Math.max(...rows.map((r) => r[i].length), 8));
console.log(['metric', 'value', 'baseline'].map((h, i) => h.padEnd(widths[i])).join('  ') + '  note');
for (const r of rows) console.log(r.slice(0, 3).map((c, i) => c.padEnd(widths[i])).join('  ') + '  ' + r[3]);
if (only.length === 0) writeFileSync('bench/latest.json', JSON.stringify(results, null, 2) + '\n');
process.exit(failed ? 1 : 0);

function round(n) {
  return Math.abs(n) >= 100 ? Math.round(n) : Math.round(n * 100) / 100;
}
