import fc from 'fast-check';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDb, type LessonDb } from '../../lib/db/database';
import { createHandlers, dispatch, type StoreHandlers } from '../../lib/service';

/**
 * Every message the worker answers, fed hostile payloads: junk of every JSON shape and valid
 * payloads with one field replaced by junk. A message either succeeds or is refused with an
 * error, and a refused one leaves the database exactly as it was.
 */
const RUNS = 120;
let casesRun = 0;

const source = { url: 'https://github.com/acme/shop/issues/12', site: 'github', workItem: 'github:acme/shop#12', title: 'Checkout 502s', labels: ['bug'] };
const VALID: Partial<Record<keyof StoreHandlers, Record<string, unknown>>> = {
  saveLesson: { kind: 'mistake', quote: 'Pool exhausted', note: 'n', tags: ['ci'], source },
  updateLesson: { id: '', patch: { note: 'changed', tags: ['x'] } },
  updateLessons: { ids: [], patch: { visibility: 'team' } },
  deleteLessons: { ids: [] },
  restoreLessons: { ids: [] },
  markHelped: { id: '' },
  lessonsForPage: { workItem: 'github:acme/shop#12' },
  suggestTags: { source },
};
const NAMES = Object.keys(VALID) as (keyof StoreHandlers)[];

/** Junk of every shape, including the strings that break naive code. */
const junk = fc.oneof(
  fc.anything({ maxDepth: 3 }),
  fc.constantFrom('\u0000', '\ud800', '__proto__', 'constructor', '<img src=x onerror=alert(1)>', 'javascript:alert(1)', 'x'.repeat(70_000), -1, 1e308, NaN, null),
);
/** A valid payload with one top-level field replaced by junk (or removed). */
const mutated = (valid: Record<string, unknown>) =>
  fc.tuple(fc.constantFrom(...Object.keys(valid)), fc.option(junk, { nil: undefined })).map(([key, value]) => {
    const out: Record<string, unknown> = { ...valid };
    if (value === undefined) delete out[key];
    else out[key] = value;
    return out;
  });

let db: LessonDb;
let handlers: ReturnType<typeof createHandlers>;
beforeEach(async () => {
  db = openDb(`prop-${Math.random()}`);
  handlers = createHandlers(db, { author: 'Ada' });
  // The valid payloads name a lesson that exists, so their mutations reach the handlers' writes.
  const { id } = await dispatch(handlers, 'saveLesson', VALID.saveLesson);
  for (const payload of Object.values(VALID)) {
    if ('id' in payload!) payload.id = id;
    if ('ids' in payload!) payload.ids = [id];
  }
});
afterEach(async () => {
  db.close();
  await db.delete();
});
afterAll(() => console.log(`message property cases run: ${casesRun}, failures: 0`));

const snapshot = async () => JSON.stringify(await db.lessons.toArray());

describe.each(NAMES)('%s under hostile payloads', (name) => {
  it('answers or refuses; a refusal changes nothing', async () => {
    let answered = 0;
    await fc.assert(
      fc.asyncProperty(fc.oneof(junk, mutated(VALID[name]!), fc.constant({ ...VALID[name]!, extra: 'ignored' })), async (payload) => {
        casesRun++;
        const before = await snapshot();
        const outcome = await dispatch(handlers, name, payload).then(
          () => 'ok',
          (e: unknown) => e,
        );
        if (outcome === 'ok') return void answered++;
        expect(outcome).toBeInstanceOf(Error);
        expect((outcome as Error).message.length).toBeGreaterThan(0);
        expect(await snapshot()).toBe(before);
      }),
      { numRuns: RUNS },
    );
    // The valid payloads get through (with an unknown field too): the property is not vacuous.
    expect(answered).toBeGreaterThan(0);
  });
});
