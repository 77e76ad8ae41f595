// The Firefox build (MV2: a background page instead of a service worker, sidebar_action instead of
// Chrome's side panel) in real Firefox ESR, driven over WebDriver BiDi with puppeteer-core:
// Playwright drives only its own patched Firefox, which this machine cannot download.
import { expect, test as base } from '@playwright/test';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import puppeteer, { type Page } from 'puppeteer-core';
import { exportJson } from '../../lib/export/json';
import type { Lesson } from '../../lib/lesson';
import { api, pullAll } from '../support/server-harness';
import { selectInDocument, storeRowsHere } from '../support/e2e/fixtures';
import { paintedInDocument } from '../support/e2e/page';
import { row } from '../support/e2e/sidepanel';
import { SiteServer } from '../support/e2e/site-server';
import { draft, messageFromPage, replyOf, startTeamServer } from '../support/e2e/sync';

const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
const EXTENSION = resolve(import.meta.dirname, '..', '..', process.env.LESSONMARK_OUT_DIR ?? '.output', 'firefox-mv2');
const ARTICLE_PATH = '/2024/03/what-a-flaky-test-taught-us';
const QUOTE = 'two real regressions in the order module were merged';
const CAPTURED = 'a red nightly build stopped meaning anything';

/** One Firefox ESR with the built extension, in a fresh profile, for one test. */
interface Firefox {
  /** `moz-extension://<uuid>`: where the extension's pages are. */
  base: string;
  /** Errors from any page opened with `newPage`: a polished extension leaves the console clean. */
  errors: string[];
  newPage(): Promise<Page>;
}

const test = base.extend<{ firefox: Firefox }>({
  firefox: async ({}, use) => {
    const { browser_specific_settings: settings } = JSON.parse(readFileSync(join(EXTENSION, 'manifest.json'), 'utf8'));
    // Firefox names an extension's pages by a per-profile UUID; fixing it gives the test its URLs.
    const uuid = randomUUID();
    const browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath: FIREFOX,
      headless: true,
      // Lets WebDriver BiDi open moz-extension:// pages.
      args: ['--remote-allow-system-access'],
      extraPrefsFirefox: { 'extensions.webextensions.uuids': JSON.stringify({ [settings.gecko.id]: uuid }) },
    });
    try {
      expect(await browser.installExtension(EXTENSION)).toBe(settings.gecko.id);
      const errors: string[] = [];
      const newPage = async () => {
        const page = await browser.newPage();
        page.on('pageerror', (e) => errors.push(`${page.url()}: ${(e as Error).message}`));
        page.on('console', (m) => m.type() === 'error' && errors.push(`${page.url()}: ${m.text()}`));
        return page;
      };
      await use({ base: `moz-extension://${uuid}`, errors, newPage });
    } finally {
      await browser.close();
    }
  },
});

let sites: SiteServer;
/** The saved article, served over HTTP on localhost: a page of no site Lessonmark knows. */
let article: string;
let folder: string;

test.beforeAll(async () => {
  sites = new SiteServer();
  sites.set(`http://127.0.0.1${ARTICLE_PATH}`, sites.html(`https://blog.example.com${ARTICLE_PATH}`));
  await sites.start();
  article = `http://127.0.0.1:${sites.port}${ARTICLE_PATH}`;
  folder = mkdtempSync(join(tmpdir(), 'lessonmark-firefox-'));
});

test.afterAll(async () => {
  await sites?.stop();
  rmSync(folder, { recursive: true, force: true });
});

/**
 * Opens `url` and waits until it has loaded. Firefox's BiDi sends no load event for moz-extension://
 * pages, so the navigation is not awaited (it would time out) and the document is asked instead; a
 * question asked while the document is being replaced can fail inside Firefox, and is asked again.
 */
async function open(page: Page, url: string): Promise<void> {
  void page.goto(url, { timeout: 0 }).catch(() => undefined);
  const loaded = () => page.evaluate((u) => location.href === u && document.readyState === 'complete', url).catch(() => false);
  await expect.poll(loaded, { timeout: 30_000 }).toBe(true);
}

/** Every lesson row, read with plain IndexedDB in one of the extension's pages. */
function storedLessons(page: Page): Promise<Lesson[]> {
  return page.evaluate(storeRowsHere, 'lessons');
}

test('Firefox: import a file, see it highlighted on its page, capture a selection, ask why from the popup, list them in the sidebar', async ({ firefox }) => {
  const lesson = row({
    kind: 'mistake',
    title: 'A red build that means nothing',
    quote: QUOTE,
    anchor: { quote: { type: 'TextQuoteSelector', exact: QUOTE, prefix: '', suffix: '' }, root: 'body' },
    source: { url: article, workItem: article, site: 'web' },
  });
  const file = join(folder, 'lessons.json');
  writeFileSync(file, exportJson([lesson]));

  // The import: the library page hands the background page a blob: URL, which it reads itself.
  const library = await firefox.newPage();
  await open(library, `${firefox.base}/library.html`);
  await library.waitForSelector('::-p-text(No lessons yet)');
  await (await library.waitForSelector('[role="tab"]::-p-text(Export & import)'))!.click();
  await (await library.waitForSelector('input[aria-label="File to import"]'))!.uploadFile(file);
  await library.waitForSelector('[aria-label="Import preview"] [data-count="new"]::-p-text(1 new)');
  await (await library.waitForSelector('.import-buttons .primary'))!.click();
  await library.waitForSelector('[role="status"]::-p-text(Imported 1 lesson from lessons.json)');
  expect((await storedLessons(library)).map((l) => l.id)).toEqual([lesson.id]);

  // The content script paints it again on its page, with the CSS Custom Highlight API.
  const page = await firefox.newPage();
  await page.goto(article);
  await expect.poll(() => page.evaluate(paintedInDocument)).toEqual([QUOTE]);
  // Seen on screen: Firefox (153) passes no highlight styles down from the root, so its build styles every element's.
  const box = await page.evaluate(() => {
    const [range] = [...(CSS.highlights.get('lessonmark-mistake') as unknown as Set<Range>)];
    const r = range.getBoundingClientRect();
    return { x: r.x, y: r.y, width: r.width, height: r.height };
  });
  const painted = await page.screenshot({ clip: box });
  const highlights = await page.evaluateHandle(() => {
    const saved = new Map(CSS.highlights);
    CSS.highlights.clear();
    return saved;
  });
  const bare = await page.screenshot({ clip: box });
  await page.evaluate((saved) => saved.forEach((h, name) => CSS.highlights.set(name, h)), highlights);
  expect(Buffer.from(painted).equals(Buffer.from(bare)), 'the quote is painted on screen').toBe(false);
  await expect.poll(() => page.evaluate(paintedInDocument)).toEqual([QUOTE]);
  // Asked of the tabs API in an extension page; match patterns cannot name a port, so all tabs.
  type Tabs = { tabs: { query(q: object): Promise<{ id: number; url?: string }[]> } };
  const tabs = await library.evaluate(() => (globalThis as unknown as { browser: Tabs }).browser.tabs.query({}));
  const tab = tabs.find((t) => t.url === article)!;

  // Capture: a selection, the card opened as the context menu and Alt+Shift+L open it (its script
  // injected into the tab), a note typed, Enter.
  expect(await page.evaluate(selectInDocument, [CAPTURED, 'body'] as const)).toBe(true);
  await library.evaluate(async (tabId) => {
    type Scripting = { executeScript(o: { target: { tabId: number }; files: string[] }): Promise<unknown> };
    await (globalThis as unknown as { browser: { scripting: Scripting } }).browser.scripting.executeScript({ target: { tabId }, files: ['/capture.js'] });
  }, tab.id);
  await page.bringToFront();
  // The card's closed shadow root hides it from the page and from puppeteer: focus on its host
  // is all the page can see, and the keys go to the note inside.
  await page.waitForFunction(() => document.activeElement?.localName === 'lessonmark-ui');
  await page.keyboard.type('Red must mean broken.');
  await page.keyboard.press('Enter');
  await expect.poll(() => page.evaluate(paintedInDocument)).toEqual([CAPTURED, QUOTE].sort());
  const captured = (await storedLessons(library)).find((l) => l.quote === CAPTURED);
  expect(captured).toMatchObject({ note: 'Red must mean broken.', source: { site: 'web', workItem: article } });

  // The popup (as a tab about the article's tab) saves a question through the background page.
  const popup = await firefox.newPage();
  await open(popup, `${firefox.base}/popup.html?tab=${tab.id}`);
  await popup.waitForFunction(() => document.activeElement?.id === 'why');
  await popup.keyboard.type('Why did nobody look at the red nightly build?');
  await popup.keyboard.press('Enter');
  await popup.waitForSelector('::-p-text(Why did nobody look at the red nightly build?)');
  await expect.poll(async () => (await storedLessons(library)).map((l) => [l.kind, l.source.workItem]).sort()).toEqual([
    [captured!.kind, article],
    ['mistake', article],
    ['question', article],
  ].sort());

  // The sidebar page about the same tab lists them as lessons on this page.
  const sidebar = await firefox.newPage();
  await open(sidebar, `${firefox.base}/sidepanel.html?tab=${tab.id}`);
  await sidebar.waitForSelector('::-p-text(A red build that means nothing)');
  await sidebar.waitForSelector(`::-p-text(${captured!.title})`);
  await sidebar.waitForSelector('::-p-text(Why did nobody look at the red nightly build?)');

  expect(firefox.errors).toEqual([]);
});

test('Firefox: the options page connects to a real team server, and a team lesson syncs from the background page', async ({ firefox }) => {
  const team = await startTeamServer('Platform');
  try {
    const options = await firefox.newPage();
    await open(options, `${firefox.base}/options.html`);
    await options.type('input[name="endpoint"]', team.server.url);
    await options.type('input#token', team.token);
    await options.type('input[name="displayName"]', 'Fay');
    await (await options.waitForSelector('button::-p-text(Test connection)'))!.click();
    await options.waitForSelector(`[data-testid="connection-result"]::-p-text(OK — team ${team.team})`);
    await (await options.waitForSelector('button[type="submit"]'))!.click();
    await options.waitForSelector('[data-testid="connection-result"]::-p-text(Saved)');

    // Saved through the protocol as the capture card sends it; the author comes from the settings.
    await expect
      .poll(async () => replyOf<Lesson>('saveLesson', await options.evaluate(messageFromPage, ['saveLesson', draft({ title: 'probe' })] as const)).author)
      .toBe('Fay');
    const shared = replyOf<Lesson>(
      'saveLesson',
      await options.evaluate(messageFromPage, ['saveLesson', draft({ title: 'Friday deploys need a freeze', visibility: 'team' })] as const),
    );
    await options.waitForSelector('[data-testid="pending"]::-p-text(1)');
    await (await options.waitForSelector('button::-p-text(Sync now)'))!.click();
    await options.waitForSelector('[data-testid="sync-result"]::-p-text(Synced)');
    await options.waitForSelector('[data-testid="pending"]::-p-text(0)');

    const { changes } = await pullAll(api(team.server.url, team.token));
    expect(changes.map((c) => c.id)).toEqual([shared.id]);
    expect(firefox.errors).toEqual([]);
  } finally {
    await team.stop();
  }
});
