// Runs every bench/*.bench.ts, prints a table, and writes bench/latest.json (see DESIGN.md).
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
// A partial run (`npm run bench -- capture`) updates its own metrics and keeps the others.
const previous = only.length > 0 && existsSync('bench/latest.json') ? JSON.parse(readFileSync('bench/latest.json', 'utf8')) : {};
const latest = { ...previous, ...results };
writeFileSync('bench/latest.json', JSON.stringify(latest, null, 2) + '\n');
updateReadme(latest);
process.exit(failed ? 1 : 0);

/** Rewrites the figures between the bench markers of README.md. */
function updateReadme(metrics) {
  const readme = readFileSync('README.md', 'utf8');
  const start = '<!-- bench:start -->';
  const end = '<!-- bench:end -->';
  if (!readme.includes(start) || !readme.includes(end)) return;
  const cell = (t) => String(t).replace(/\|/g, '\\|');
  const table = [
    `Measured ${new Date().toISOString().slice(0, 10)} on this 2-core machine (\`bench/latest.json\`).`,
    '',
    '| metric | value | baseline | how, and the goal |',
    '|---|---|---|---|',
    ...Object.entries(metrics).map(([metric, m]) =>
      `| \`${metric}\` | ${round(m.value)} ${m.unit} | ${m.baseline == null ? '—' : `${round(m.baseline)} ${m.unit}`} | ${cell(m.note ?? '')} |`,
    ),
  ].join('\n');
  const before = readme.slice(0, readme.indexOf(start) + start.length);
  const after = readme.slice(readme.indexOf(end));
  writeFileSync('README.md', `${before}\n${table}\n${after}`);
}

function round(n) {
  return Math.abs(n) >= 100 ? Math.round(n) : Math.round(n * 100) / 100;
}
