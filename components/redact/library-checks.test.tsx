// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testRoot } from '@/test/support/dom-root';
import { workerLibraryEnv } from '@/test/support/library-env';
import { makeLesson } from '@/test/support/library-lessons';
import { until } from '@/test/support/until';
import { openDb, type LessonDb } from '@/lib/db/database';
import { exportJson } from '@/lib/export/json';
import { EMPTY_FILTERS } from '@/lib/library/filters';
import { createHandlers, dispatch } from '@/lib/service';
import { workerHandlers } from '@/test/support/handlers';
import { libraryEnv, type LibraryEnv } from '../library/env';
import { LibraryApp } from '../library/LibraryApp';

const root = testRoot();
const TOKEN = 'ghp_9fK2mQ7xL4pR8sT1vW3yZ6bN0cD5eH2jA8kP';
const A = '0190a000-0000-7000-8000-0000000000a1';
const B = '0190a000-0000-7000-8000-0000000000b2';
const C = '0190a000-0000-7000-8000-0000000000c3';
const quote = `export GH=${TOKEN} before the deploy`;
const anchored = {
  quote,
  anchor: { quote: { type: 'TextQuoteSelector' as const, exact: quote, prefix: 'Step 3: ', suffix: ' then' }, position: { type: 'TextPositionSelector' as const, start: 8, end: 8 + quote.length }, root: 'body' },
};
let db: LessonDb;

beforeEach(async () => {
  db = openDb(`redact-library-${Math.random()}`);
  await db.lessons.bulkPut([
    makeLesson({ id: A, title: 'Token in the CI log', ...anchored, createdAt: '2026-11-24T09:00:00.000Z' }),
    makeLesson({ id: B, title: 'Ask the on-call first', note: 'Mail ops@acme-corp.com', createdAt: '2026-11-25T09:00:00.000Z' }),
    makeLesson({ id: C, title: 'Pin the node version', createdAt: '2026-11-26T09:00:00.000Z' }),
  ]);
});
afterEach(async () => {
  db.close();
  await db.delete();
});

async function mount(url = '/library.html', env: LibraryEnv = workerLibraryEnv(db)) {
  history.replaceState(null, '', url);
  act(() => render(<LibraryApp env={env} first={db.lessons.orderBy('createdAt').reverse().toArray()} initialFilters={EMPTY_FILTERS} />, root()));
  await until(() => root().querySelector('.result-count')?.textContent === '3 lessons');
}
const button = (name: string) => [...root().querySelectorAll('button')].find((b) => b.getAttribute('aria-label') === name || b.textContent?.trim() === name);
const click = async (name: string) => {
  await until(() => !!button(name) && !button(name)!.disabled);
  await act(async () => button(name)!.click());
};
const region = (label: string) => root().querySelector(`[role="region"][aria-label="${label}"]`);
const check = (title: string) => act(() => root().querySelector<HTMLInputElement>(`input[aria-label="Select ${title}"]`)!.click());
const HELD = 'Lessons to check before sharing';

describe('sharing many lessons at once', () => {
  it('lists those with findings, highlighted, and stores a Redact (quote and anchor) and a Keep to the lessons', async () => {
    await mount();
    check('Token in the CI log');
    check('Ask the on-call first');
    check('Pin the node version');
    await click('Share with team');
    await until(() => !!region(HELD));
    expect(region(HELD)!.querySelector('h3')!.textContent).toBe('2 lessons hold secrets or personal data');
    expect([...region(HELD)!.querySelectorAll('mark')].map((m) => m.textContent)).toEqual([TOKEN, 'ops@acme-corp.com']);
    expect(region(HELD)!.textContent).not.toContain('Pin the node version');

    await click('Redact the GitHub token');
    await until(() => region(HELD)!.querySelectorAll('mark').length === 1);
    const a = (await db.lessons.get(A))!;
    expect(a.visibility).toBe('team');
    expect(a.quote).toBe('export GH=[redacted: GitHub token] before the deploy');
    expect(a.anchor!.quote.exact).toBe(a.quote);
    expect(JSON.stringify(a)).not.toContain(TOKEN);

    await click('Keep the email address');
    await until(() => region(HELD)!.querySelector('h3')!.textContent === 'Nothing left to decide.');
    expect((await db.lessons.get(B))!.keptSecrets).toEqual([{ kind: 'email', hash: expect.stringMatching(/^[0-9a-f]{64}$/) }]);
    await click('Done');
    expect(region(HELD)).toBeNull();
  });

  it('Redact all redacts every listed lesson; making lessons private lists nothing', async () => {
    await mount();
    check('Token in the CI log');
    check('Ask the on-call first');
    await click('Make private');
    expect(region(HELD)).toBeNull();
    await click('Share with team');
    await until(() => !!region(HELD));
    await click('Redact all in every lesson');
    await until(() => region(HELD)!.querySelector('h3')!.textContent === 'Nothing left to decide.');
    const [a, b] = await db.lessons.bulkGet([A, B]);
    expect([a!.quote, b!.note]).toEqual(['export GH=[redacted: GitHub token] before the deploy', 'Mail [redacted: email address]']);
  });
});

describe('the weekly look back\'s "Copy as Markdown"', () => {
  it('shows the findings first and copies the look back as decided; the lessons stay as they are', async () => {
    await mount('/library.html?view=digest&week=2026-11-23');
    await click('Copy as Markdown');
    const label = 'Check before copying';
    await until(() => !!region(label));
    expect(region(label)!.textContent).toContain('2 lessons to copy hold secrets or personal data');
    await click('Redact the GitHub token');
    await click('Keep the email address');
    await click('Copy as shown');
    const copied = await navigator.clipboard.readText();
    expect(copied).toContain('# What we learned, week of 2026-11-23');
    expect(copied).toContain('export GH=\\[redacted: GitHub token\\] before the deploy');
    expect(copied).not.toContain(TOKEN);
    expect(copied).toContain('ops@acme-corp.com');
    expect(region(label)).toBeNull();
    expect((await db.lessons.get(A))!.quote).toBe(quote);
  });
});

describe('importing team lessons', () => {
  it('lists the imported team lessons with findings after the import and stores a Redact', async () => {
    // The worker's own handlers; only its read of the page's blob: URL (a browser fetch) reads the chosen file instead.
    let chosen: File | undefined;
    const handlers = { ...workerHandlers(db), ...createHandlers(db, {}, { readFile: async () => chosen!.text() }) };
    await mount('/library.html?view=transfer', libraryEnv(db, (name, data) => dispatch(handlers, name, data)));
    const incoming = makeLesson({ id: '0190a000-0000-7000-8000-0000000000d4', title: 'Imported runbook', visibility: 'team', ...anchored });
    const privateOne = makeLesson({ id: '0190a000-0000-7000-8000-0000000000e5', title: 'Private note', note: `mine ${TOKEN}` });
    const input = await (async () => {
      await until(() => !!root().querySelector('input[type="file"]'));
      return root().querySelector<HTMLInputElement>('input[type="file"]')!;
    })();
    const file = (chosen = new File([exportJson([incoming, privateOne])], 'team.json', { type: 'application/json' }));
    Object.defineProperty(input, 'files', { value: [file] });
    await act(async () => void input.dispatchEvent(new Event('change', { bubbles: true })));
    await click('Import 2 lessons');
    await until(() => !!region(HELD));
    expect(region(HELD)!.textContent).toContain('Imported runbook');
    expect(region(HELD)!.textContent).not.toContain('Private note');
    await click('Redact the GitHub token');
    await until(() => region(HELD)!.querySelector('h3')!.textContent === 'Nothing left to decide.');
    expect((await db.lessons.get(incoming.id))!.quote).toBe('export GH=[redacted: GitHub token] before the deploy');
  });
});
