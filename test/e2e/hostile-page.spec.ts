import type { Page, Worker } from '@playwright/test';
import { expect, extensionId, readLessons, storeRowsHere, test } from '../support/e2e/fixtures';
import { clickUi, ui } from '../support/e2e/closed-ui';
import { paintedPoint, paintedTexts, saveQuote } from '../support/e2e/page';

/**
 * What the attack review's page did, step by step, and every step failing: a page on a host nobody
 * added copies Jira's markup and an issue path, reads what the extension shows, switches keys with
 * `history.pushState`, and clicks by script. A compromised content script sending messages for
 * other pages is refused by the worker (lib/sender-policy.test.ts, test/property/senders.test.ts):
 * a page's own scripts have no `chrome.runtime` to send with, which is checked here.
 */
const REAL = 'https://acme.atlassian.net/browse/ACME-123';
const QUOTE = 'The retry storm filled the payments-webhooks queue to 1.2 million messages.';
const SECRET = 'Private: the vendor contract caps retries at 3, do not tell the vendor.';

const lookalike = (port: number, key = 'ACME-123') => `http://localhost:${port}/browse/${key}`;

/** Runs in the page, as its own script would: every text, attribute, field value and open shadow root it can reach. */
function everythingReachable(): string {
  const out: string[] = [document.title, location.href, document.cookie];
  const visit = (root: Document | ShadowRoot) => {
    for (const el of root.querySelectorAll('*')) {
      out.push(el.textContent ?? '');
      for (const a of el.attributes) out.push(a.value);
      if ('value' in el) out.push(String((el as HTMLInputElement).value));
      if (el.shadowRoot) visit(el.shadowRoot);
    }
  };
  visit(document);
  for (const [name] of CSS.highlights) out.push(name);
  return out.join('\n');
}

/** The worker's record of what the tab's content script found: proof it ran and what it took the page for. */
async function reportOf(sw: Worker, page: Page): Promise<{ workItem: string; found: string[] } | null> {
  return sw.evaluate(async (url) => {
    const [tab] = await chrome.tabs.query({ url });
    if (tab?.id == null) return null;
    const key = `page-report:${tab.id}`;
    return ((await chrome.storage.session.get(key))[key] as { workItem: string; found: string[] }) ?? null;
  }, page.url());
}

async function saveSecretLesson(page: Page, sw: Worker) {
  await page.goto(REAL);
  await saveQuote(page, sw, QUOTE, SECRET);
  await expect.poll(() => paintedTexts(page)).toEqual([QUOTE]);
  const [lesson] = await readLessons(sw);
  expect(lesson).toMatchObject({ visibility: 'private', note: SECRET, source: { workItem: 'jira:acme.atlassian.net:ACME-123' } });
  return lesson as { id: string; tags: string[] };
}

test('a Jira look-alike on a host nobody added is a web page and learns nothing of the real ticket’s lessons', async ({ context, sw, sites }) => {
  const real = await context.newPage();
  const lesson = await saveSecretLesson(real, sw);
  const before = JSON.stringify(await readLessons(sw));

  const page = await context.newPage();
  await page.goto(lookalike(sites.port));
  // The content script ran there and took the page for what its host says: a web page.
  await expect.poll(async () => (await reportOf(sw, page))?.workItem).toBe(lookalike(sites.port));
  expect((await reportOf(sw, page))?.found).toEqual([]);
  expect(await paintedTexts(page)).toEqual([]);
  const seen = await page.evaluate(everythingReachable);
  for (const secret of [SECRET, lesson.id, ...lesson.tags]) expect(seen).not.toContain(secret);

  // Switching keys the way Jira Cloud does reveals nothing either.
  for (const key of ['ACME-1', 'ACME-2', 'ACME-122', 'ACME-123']) {
    await page.evaluate((url) => history.pushState({}, '', url), lookalike(sites.port, key));
    await expect.poll(async () => (await reportOf(sw, page))?.workItem).toBe(lookalike(sites.port, key));
    expect(await paintedTexts(page)).toEqual([]);
    expect(await page.evaluate(everythingReachable)).not.toContain(SECRET);
  }

  // Clicks made by the page's script, on the quoted text and everything it can reach, act on nothing.
  await page.evaluate((quote) => {
    for (const el of document.querySelectorAll('p, span, div, lessonmark-ui')) {
      if (el.tagName === 'LESSONMARK-UI' || el.textContent?.includes(quote.slice(0, 20))) {
        (el as HTMLElement).click();
        el.dispatchEvent(new MouseEvent('mouseup', { bubbles: true, composed: true }));
      }
    }
  }, QUOTE);
  await page.waitForTimeout(300);
  expect(await page.locator('lessonmark-ui').count()).toBe(0);

  // The page's own scripts have no extension messaging to send with.
  const sent = await page.evaluate(() => {
    const runtime = (globalThis as { chrome?: { runtime?: { sendMessage?: unknown } } }).chrome?.runtime;
    return typeof runtime?.sendMessage === 'function' ? 'has sendMessage' : 'none';
  });
  expect(sent).toBe('none');

  expect(JSON.stringify(await readLessons(sw))).toBe(before);
  // And the real ticket still shows its lesson: the look-alike changed nothing.
  await real.reload();
  await expect.poll(() => paintedTexts(real)).toEqual([QUOTE]);
});

test('on the real ticket, the page’s own script can neither read the lesson card nor act through it', async ({ context, sw }) => {
  const page = await context.newPage();
  const lesson = await saveSecretLesson(page, sw);
  const before = JSON.stringify(await readLessons(sw));

  // The person opens the card with a real click: the page's script still cannot read it.
  const { x, y } = await paintedPoint(page, 'retry storm');
  await page.mouse.click(x, y);
  await expect(ui(page).locator('.peek')).toContainText(SECRET);
  expect(await page.evaluate(() => document.querySelector('lessonmark-ui')?.shadowRoot ?? null)).toBeNull();
  const seen = await page.evaluate(everythingReachable);
  for (const secret of [SECRET, lesson.id]) expect(seen).not.toContain(secret);

  // Script clicks on whatever it can reach, and a script click where the highlight is, do nothing.
  await page.evaluate(() => {
    for (const host of document.querySelectorAll('lessonmark-ui')) {
      for (const b of host.shadowRoot?.querySelectorAll('button') ?? []) (b as HTMLElement).click();
      (host as HTMLElement).click();
    }
  });
  // The person closes it for real; then scripted events where the highlight is open nothing.
  await clickUi(ui(page).locator('.peek button[aria-label="Close"]'));
  await expect(ui(page).locator('.peek')).toHaveCount(0);
  await page.evaluate(([px, py]) => {
    const target = document.elementFromPoint(px, py)!;
    for (const type of ['pointerdown', 'mousedown', 'pointerup', 'mouseup', 'click'])
      target.dispatchEvent(new MouseEvent(type, { bubbles: true, composed: true, clientX: px, clientY: py }));
  }, [x, y] as const);
  await page.waitForTimeout(300);
  await expect(ui(page).locator('.peek')).toHaveCount(0);
  expect(JSON.stringify(await readLessons(sw))).toBe(before);
});

test('the team token is saved where content scripts cannot read it, and the options page says one is saved', async ({ context, sw }) => {
  const TOKEN = 'lm_e2e-token-never-in-extension-storage';
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId(sw)}/options.html`);
  await page.getByLabel('Endpoint URL').fill('http://127.0.0.1:9');
  await page.getByLabel('Token', { exact: true }).fill(TOKEN);
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByTestId('connection-result')).toContainText('Saved');
  await expect(page.getByText(/A token is saved \(since [A-Z][a-z]{2} \d{1,2}, \d{4}\)/)).toBeVisible();
  await expect(page.getByLabel('Token', { exact: true })).toHaveValue('');

  // Extension storage is what every content script can read: the token is not in it.
  const storage = await sw.evaluate(async () => JSON.stringify(await chrome.storage.local.get(null)));
  expect(storage).toContain('tokenSavedAt');
  expect(storage).not.toContain(TOKEN);
  const meta = await sw.evaluate(storeRowsHere, 'meta');
  expect(meta.find((row) => row.key === 'sync.token')?.value).toBe(TOKEN);

  await page.reload();
  await expect(page.getByText(/A token is saved/)).toBeVisible();
});

test('a page that knows Lessonmark’s id hears nothing of it on load, on navigation or when text is selected', async ({ context, sw }) => {
  const id = extensionId(sw);
  const page = await context.newPage();
  // The page's own script, before ours runs: every event a content script's start could send.
  await page.addInitScript((extId) => {
    const heard: string[] = [];
    (window as unknown as { heard: string[] }).heard = heard;
    for (const name of [`${extId}:content:wxt:content-script-started`, 'wxt:content-script-started', `${extId}:content:wxt:locationchange`]) {
      document.addEventListener(name, () => heard.push(`document ${name}`));
      window.addEventListener(name, () => heard.push(`window ${name}`));
    }
    window.addEventListener('message', (e) => heard.push(`message ${JSON.stringify(e.data)}`));
  }, id);
  await page.goto(REAL);
  await expect.poll(async () => (await reportOf(sw, page))?.workItem).toBe('jira:acme.atlassian.net:ACME-123');
  await page.evaluate(() => history.pushState({}, '', '/browse/ACME-124'));
  await expect.poll(async () => (await reportOf(sw, page))?.workItem).toBe('jira:acme.atlassian.net:ACME-124');
  await page.getByText(QUOTE.slice(0, 30)).selectText();
  await expect(ui(page).locator('button.adder')).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { heard: string[] }).heard)).toEqual([]);
});
