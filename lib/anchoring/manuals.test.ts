// @vitest-environment happy-dom
import { readdirSync, readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import { deletedTwin, deletedTwins, editedPassages, type Manual } from './testing/manual-cases';
import { twinQuotes, buildManual } from './testing/manuals';

// Real manuals: see test/fixtures/anchoring/README.md.
const DIR = 'test/fixtures/anchoring';
const MANUALS: Manual[] = readdirSync(DIR)
  .filter((f) => /\.(md|\d)$/.test(f) && f !== 'README.md')
  .sort()
  .map((name) => ({ name, source: readFileSync(`${DIR}/${name}`, 'utf8'), format: name.endsWith('.md') ? 'markdown' : 'roff' }));
/** Cases per manual: Node's fs page alone has hundreds, and happy-dom is slow on a 250 kB page. */
const LIMIT = 40;

let root: HTMLElement;
beforeEach(() => {
  root = document.createElement('main');
  document.body.replaceChildren(root);
});

describe('manuals with look-alike passages', () => {
  it('are real pages with twins to tell apart', () => {
    const fs = MANUALS.find((m) => m.name === 'node-fs.md')!;
    buildManual(root, fs.source, fs.format);
    const twins = twinQuotes(root);
    expect(twins.length).toBeGreaterThan(100);
    expect(MANUALS.length).toBeGreaterThanOrEqual(5);
  });

  it.each(MANUALS.map((m) => [m.name, m] as const))('%s: a deleted passage is never found on its look-alike', (_, manual) => {
    const result = deletedTwins(root, manual, LIMIT);
    expect(result.failures).toEqual([]);
  }, 60_000);

  it('finds passages moved and with letters dropped, on every manual', () => {
    let cases = 0;
    let found = 0;
    for (const manual of MANUALS) {
      const result = editedPassages(root, manual, 0.05, 7, { limit: LIMIT });
      cases += result.cases;
      found += result.found;
    }
    // A few short or structured passages that lost their context may be refused (never painted elsewhere).
    expect(cases).toBeGreaterThan(80);
    expect(found / cases).toBeGreaterThanOrEqual(0.9);
  }, 120_000);

  // The passages of a list of look-alikes moved apart by notes inserted between them: where
  // FUTEX_TRYLOCK_PI was, FUTEX_LOCK_PI now stands, one real word a few letters off.
  it('futex.2: no moved passage is found on the look-alike left in its place', () => {
    const result = editedPassages(root, MANUALS.find((m) => m.name === 'futex.2')!, 0.05, 6);
    expect(result.failures.filter((f) => f.got !== null)).toEqual([]);
    expect(result.found / result.cases).toBeGreaterThanOrEqual(0.9);
  }, 60_000);

  // Every passage of Node's fs page with a look-alike, deleted in one batch: the promise, callback
  // and sync forms of one entry, options lists ('r' and 'w', 'ax' and 'ax+'), plurals.
  it('node-fs.md: no deleted passage of all is found on its look-alike', () => {
    const result = deletedTwins(root, MANUALS.find((m) => m.name === 'node-fs.md')!);
    expect(result.cases).toBeGreaterThan(100);
    expect(result.failures).toEqual([]);
  }, 180_000);

  it.each([
    ['node-fs.md', "flags {string} See support of file system flags. Default: 'r'."],
    ['node-fs.md', "Emitted when the {fs.ReadStream}'s underlying file descriptor has been closed."],
    ['node-fs.md', 'A promise is returned that will be resolved with an {fs.Dirent}'],
  ])('%s: refuses the look-alike of "%s" deleted alone', (name, start) => {
    expect(deletedTwin(root, MANUALS.find((m) => m.name === name)!, start)).toBeNull();
  }, 60_000);
});
