import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { CDPSession, Page, Worker } from '@playwright/test';
import { EXTENSION_DIR, expect, extensionId, readLessons, test } from '../support/e2e/fixtures';
import { ui } from '../support/e2e/closed-ui';
import { paintedPoint, paintedTexts, saveQuote, watchErrors } from '../support/e2e/page';
import { tabIdOf } from '../support/e2e/popup';
import { badgeOf, cardOf, panelUrl, row } from '../support/e2e/sidepanel';
import { importThroughWorker } from '../support/e2e/sync';

const ARTICLE = 'https://blog.example.com/2024/03/what-a-flaky-test-taught-us';
const CONFLUENCE = 'https://acme.atlassian.net/wiki/spaces/ENG/pages/123456/Incident+Review';

/** Every script the page's renderer compiles, in any of its worlds (the page's, ours), by URL. */
async function watchScripts(page: Page): Promise<{ urls: string[]; cdp: CDPSession }> {
  const cdp = await page.context().newCDPSession(page);
  const urls: string[] = [];
  cdp.on('Debugger.scriptParsed', ({ url }) => urls.push(url));
  await cdp.send('Debugger.enable');
  return { urls, cdp };
}

const named = (urls: string[], file: string) => urls.some((u) => u.startsWith('chrome-extension://') && u.endsWith(file));

test('pages with no lesson get only the content script; the badge still counts related lessons; the side panel reads the page in full', async ({ context, sw, sites }) => {
  // Something must have opened the database before lessons can be stored through the worker.
  const library = await context.newPage();
  await library.goto(`chrome-extension://${extensionId(sw)}/library.html`);
  const flaky = row({
    kind: 'mistake',
    title: 'A flaky nightly build test nobody owned',
    quote: 'The flaky integration test failed one nightly build in six; rerun and it turned green, so a red build stopped meaning anything.',
    note: 'Quarantine a test that fails twice in a week, give it an owner and count reruns.',
    source: { site: 'jira', workItem: 'jira:acme.atlassian.net:OPS-9', project: 'OPS' },
  });
  await importThroughWorker(library, [flaky]);
  await library.close();

  const page = await context.newPage();
  const errors = watchErrors(page);
  const scripts = await watchScripts(page);

  // A page nothing is saved on and nothing relates to.
  await page.goto(sites.url(CONFLUENCE));
  await expect.poll(() => named(scripts.urls, '/every-page.js')).toBe(true);
  const tabId = await tabIdOf(sw, page.url());

  // A page nothing is saved on, related to a lesson by its text: the badge counts that lesson.
  await page.goto(sites.url(ARTICLE));
  await expect.poll(() => badgeOf(sw, tabId)).toBe('1');
  expect(named(scripts.urls, '/every-page.js')).toBe(true);
  // Neither page was given the full reader: the content script's own read is all they paid.
  expect(named(scripts.urls, '/page-info.js')).toBe(false);
  expect(named(scripts.urls, '/page-layer.js')).toBe(false);

  // The side panel needs the full read, and gets it; it lists the lesson the badge counted.
  const panel = await context.newPage();
  await panel.goto(panelUrl(sw, tabId));
  await expect(cardOf(panel, flaky.title)).toBeVisible();
  await expect(cardOf(panel, flaky.title).locator('.reasons li')).toContainText(['similar text']);
  await expect.poll(() => named(scripts.urls, '/page-info.js')).toBe(true);

  expect(await readLessons(sw)).toHaveLength(1);
  expect(errors).toEqual([]);
  await scripts.cdp.detach();
});

/** The url of the last anchoring report a tab sent the worker: proof its content script decided. */
const reportedUrl = (sw: Worker, tabId: number) =>
  sw.evaluate(async (key) => ((await chrome.storage.session.get(key))[key] as { url?: string } | undefined)?.url ?? null, `page-report:${tabId}`);

test('only a page with lessons loads the page layer, which paints them', async ({ context, sw, sites }) => {
  const QUOTE = 'The cost was not the reruns.';
  const saving = await context.newPage();
  await saving.goto(sites.url(ARTICLE));
  await saveQuote(saving, sw, QUOTE, 'A red build must mean something.');
  await saving.close();

  const page = await context.newPage();
  const errors = watchErrors(page);
  const scripts = await watchScripts(page);

  // The content script has asked for this page's lessons and reported none: the layer was never asked for.
  await page.goto(sites.url(CONFLUENCE));
  const tabId = await tabIdOf(sw, page.url());
  await expect.poll(() => reportedUrl(sw, tabId)).toBe(page.url());
  expect(named(scripts.urls, '/every-page.js')).toBe(true);
  expect(named(scripts.urls, '/page-layer.js')).toBe(false);

  // The page with the lesson loads the layer, and the layer paints it.
  await page.goto(sites.url(ARTICLE));
  await expect.poll(() => paintedTexts(page)).toEqual([QUOTE]);
  expect(named(scripts.urls, '/page-layer.js')).toBe(true);
  // The card's code (Preact, the components, their CSS) comes only with the first card shown.
  expect(named(scripts.urls, '/page-card.js')).toBe(false);
  const { x, y } = await paintedPoint(page, 'reruns');
  await page.mouse.move(x, y);
  await expect(ui(page).locator('.peek')).toContainText('A red build must mean something.');
  expect(named(scripts.urls, '/page-card.js')).toBe(true);
  expect(errors).toEqual([]);
  await scripts.cdp.detach();
});

test('the content script stays within its budget: no anchoring or painting code in it', () => {
  const read = (file: string) => readFileSync(join(EXTENSION_DIR, file), 'utf8');
  const content = read('every-page.js');
  expect(gzipSync(content, { level: 9 }).length).toBeLessThanOrEqual(20 * 1024);
  // The painters' style names: present where the anchoring and painting live, absent from every page's script.
  for (const marker of ['::highlight(', 'lessonmark-flash']) {
    expect(read('page-layer.js')).toContain(marker);
    expect(content).not.toContain(marker);
  }
  // The sites' adapters (identifying the page) are the content script's: every byte of the layer is
  // compiled on each page with lessons, so it must not carry them too.
  for (const marker of ['atlassian.net', 'marketplace']) {
    expect(content).toContain(marker);
    for (const file of ['page-layer.js', 'page-card.js']) expect(read(file)).not.toContain(marker);
  }
});
