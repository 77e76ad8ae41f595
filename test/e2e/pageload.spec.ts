import type { CDPSession, Page } from '@playwright/test';
import { expect, extensionId, readLessons, test } from '../support/e2e/fixtures';
import { watchErrors } from '../support/e2e/page';
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
  await expect.poll(() => named(scripts.urls, '/content-scripts/content.js')).toBe(true);
  const tabId = await tabIdOf(sw, page.url());

  // A page nothing is saved on, related to a lesson by its text: the badge counts that lesson.
  await page.goto(sites.url(ARTICLE));
  await expect.poll(() => badgeOf(sw, tabId)).toBe('1');
  expect(named(scripts.urls, '/content-scripts/content.js')).toBe(true);
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
