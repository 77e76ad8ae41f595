import fc from 'fast-check';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDb, type LessonDb } from '../../lib/db/database';
import { protocol, workerMessages } from '../../lib/messages';
import { CONTENT_SCRIPT_RULES, SenderRefusedError } from '../../lib/sender-policy';
import { dispatch, dispatchChecked, lessonWorkItems, type Handlers } from '../../lib/service';
import { workerHandlers } from '../support/handlers';

/**
 * A compromised content script (or a page that got one to relay for it) sends any message with
 * any payload from any web page other than the one the stored lesson belongs to. Whatever it sends
 * outside the policy is refused and the database is exactly as it was.
 */
const RUNS = 150;
let casesRun = 0;

const EXT = 'chrome-extension://lessonmarkextid/';
const source = { url: 'https://github.com/acme/shop/issues/12', site: 'github', workItem: 'github:acme/shop#12', title: 'Checkout 502s' };
const NAMES = workerMessages;

let db: LessonDb;
let handlers: Handlers;
let id = '';
beforeEach(async () => {
  db = openDb(`senders-${Math.random()}`);
  handlers = workerHandlers(db, { author: 'Ada' });
  ({ id } = await dispatch(handlers, 'saveLesson', { kind: 'mistake', note: 'private note', tags: ['secret'], source }));
});
afterEach(async () => {
  db.close();
  await db.delete();
});
afterAll(() => console.log(`sender property cases run: ${casesRun}, failures: 0`));

const snapshot = async () => JSON.stringify(await db.lessons.toArray());

/** Valid payloads naming the stored lesson, its work item and page, or other work items. */
const payload = (ids: () => string[]) =>
  fc.oneof(
    fc.anything({ maxDepth: 2 }),
    fc.record({ workItem: fc.constantFrom(source.workItem, 'jira:acme.atlassian.net:ACME-1', source.url) }),
    fc.constant({ kind: 'mistake', source }).map((p) => p),
    fc.constant(null).map(() => ({ id: ids()[0], patch: { note: 'pwned' } })),
    fc.constant(null).map(() => ({ ids: ids(), patch: { visibility: 'team' } })),
    fc.constant(null).map(() => ({ ids: ids() })),
    fc.constant(null).map(() => ({ lessonId: ids()[0] })),
    fc.constant({ source }),
    fc.constant({ workItem: source.workItem, url: source.url, found: [], notFound: [] }),
    fc.constant({ url: 'blob:https://evil.example/1' }),
    fc.constant({ force: true }),
  );

describe('content-script senders', () => {
  it('are refused everything outside the policy, from any page but the lesson’s own, and change nothing', async () => {
    let refusedByPolicy = 0;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...NAMES), payload(() => [id]), fc.webUrl({ withQueryParameters: true, withFragments: true }), async (name, data, url) => {
        casesRun++;
        fc.pre(!url.startsWith('https://github.com/acme/shop'));
        const before = await snapshot();
        const policy = { extensionOrigin: EXT, hosts: async () => ({}), workItemsOf: lessonWorkItems(db) };
        let announced = false;
        const outcome = await dispatchChecked(handlers, name, data, { tabId: 1, url, tabUrl: url }, policy, () => (announced = true)).then(
          () => 'ok',
          (e: unknown) => e,
        );
        // Nothing a foreign page sends gets an answer or a write.
        expect(outcome).toBeInstanceOf(Error);
        expect(await snapshot()).toBe(before);
        expect(announced).toBe(false);
        const valid = protocol[name].input.safeParse(data).success;
        if (valid && !Object.hasOwn(CONTENT_SCRIPT_RULES, name)) expect(outcome).toBeInstanceOf(SenderRefusedError);
        if (outcome instanceof SenderRefusedError) refusedByPolicy++;
      }),
      { numRuns: RUNS },
    );
    expect(refusedByPolicy).toBeGreaterThan(0);
  });
});
