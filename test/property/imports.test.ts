import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDb, type LessonDb } from '../../lib/db/database';
import { LessonSchema } from '../../lib/lesson';
import { readImport } from '../../lib/import/preview';
import { ImportSessions } from '../../lib/import/session';

/**
 * Every import path (our JSON export, Hypothesis' export, Web Annotations) fed hostile files: random text, random
 * JSON, and real exports with one value anywhere replaced by junk. Reading never throws, every
 * lesson it accepts is a valid lesson, and an import that is refused writes nothing.
 */
const FIXTURES = join(import.meta.dirname, '..', 'fixtures');
const EXPORTS = [
  join(FIXTURES, 'export', 'lessons.json'),
  join(FIXTURES, 'import', 'hypothesis-export.json'),
  join(FIXTURES, 'export', 'lessons.jsonld'),
  join(FIXTURES, 'webanno', 'w3c-examples', 'collection1.json'),
].map(
  (path) => JSON.parse(readFileSync(path, 'utf8')) as unknown,
);
let casesRun = 0;
afterAll(() => console.log(`import property cases run: ${casesRun}, failures: 0`));

const junk = fc.oneof(fc.anything({ maxDepth: 2 }), fc.constantFrom('\u0000', '\ud800', '__proto__', 'javascript:alert(1)', '', -1, 1e308, null, [], {}));

/** Every path to a value in a JSON tree. */
function paths(value: unknown, at: (string | number)[] = []): (string | number)[][] {
  if (value === null || typeof value !== 'object') return [at];
  const keys = Array.isArray(value) ? value.map((_, i) => i) : Object.keys(value);
  return [at, ...keys.flatMap((k) => paths((value as Record<string | number, unknown>)[k], [...at, k]))];
}

function replaced(tree: unknown, path: (string | number)[], value: unknown): unknown {
  if (path.length === 0) return value;
  const copy = structuredClone(tree) as Record<string | number, unknown>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  node[path[path.length - 1]] = value;
  return copy;
}

const mutatedExport = fc
  .constantFrom(...EXPORTS)
  .chain((tree) => fc.tuple(fc.constant(tree), fc.constantFrom(...paths(tree)), junk))
  // The whole file replaced by `undefined` stringifies to nothing: an empty file.
  .map(([tree, path, value]) => JSON.stringify(replaced(tree, path, value)) ?? '');

const hostileFile = fc.oneof(fc.string(), fc.json(), mutatedExport);

describe('reading an import file', () => {
  it('never throws, and accepts only valid lessons', () => {
    fc.assert(
      fc.property(hostileFile, (text) => {
        casesRun++;
        const read = readImport(text);
        for (const lesson of read.lessons) expect(LessonSchema.safeParse(lesson).success).toBe(true);
        if (read.preview.error) expect(read.lessons).toEqual([]);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('importing a file', () => {
  let db: LessonDb;
  beforeEach(() => {
    db = openDb(`prop-import-${Math.random()}`);
  });
  afterEach(async () => {
    db.close();
    await db.delete();
  });

  it('writes all the valid lessons or, when refused, nothing', async () => {
    await fc.assert(
      fc.asyncProperty(hostileFile, async (text) => {
        casesRun++;
        await db.lessons.clear();
        const sessions = new ImportSessions(db, async () => text);
        const outcome = await sessions.apply('blob:x').then(
          (r) => r,
          (e: unknown) => e as Error,
        );
        if (outcome instanceof Error) {
          expect(outcome.message.length).toBeGreaterThan(0);
          expect(await db.lessons.count()).toBe(0);
          return;
        }
        const stored = await db.lessons.toArray();
        expect(stored).toHaveLength(outcome.written);
        for (const lesson of stored) expect(LessonSchema.safeParse(lesson).success).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
