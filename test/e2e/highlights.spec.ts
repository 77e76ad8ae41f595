import { clickUi, ui } from '../support/e2e/closed-ui';
import { expect, readLessons, test } from '../support/e2e/fixtures';
import { paintedPoint, paintedTexts, saveQuote, toast, watchErrors } from '../support/e2e/page';

const JIRA = 'https://acme.atlassian.net/browse/ACME-123';
const GITHUB_ISSUE = 'https://github.com/acme/web/issues/12';
const GITHUB_PULL = 'https://github.com/acme/web/pull/34';

const KEPT = 'The retry storm filled the payments-webhooks queue to 1.2 million messages.';
const EDITED = 'The retry storm filled the payments-webhooks queue to 1.3 million messages.';
const GONE = 'Nobody had tested the receiver against a long provider outage';

test('saved lessons are painted again on reload; an edited quote still anchors, a deleted one is listed as not found', async ({ context, sw, sites }) => {
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(sites.url(JIRA));
  await saveQuote(page, sw, KEPT, 'Queue depth is a late signal.', 1);
  await saveQuote(page, sw, GONE, 'Test the receiver against outages.');

  await page.reload();
  await expect.poll(() => paintedTexts(page)).toEqual([GONE, KEPT].sort());
  expect(await page.evaluate(() => CSS.highlights.has('lessonmark-mistake') && CSS.highlights.has('lessonmark-experience'))).toBe(true);
  // Painting never touches the page's DOM.
  expect(await page.locator('mark').count()).toBe(0);

  const original = sites.html(JIRA);
  sites.set(JIRA, original.replace('1.2 million', '1.3 million').replace(/Nobody had tested the receiver against a long provider outage;?/, ''));
  try {
    await page.reload();
    await expect.poll(() => paintedTexts(page)).toEqual([EDITED]);
    const notFound = ui(page).locator('.not-found');
    await expect(notFound.locator('.pill')).toHaveText('1 lesson not found on this page');
    await clickUi(notFound.locator('.pill'));
    await expect(notFound.locator('blockquote')).toHaveText(GONE);
    expect((await readLessons(sw)).filter((l) => !l.deletedAt)).toHaveLength(2);
  } finally {
    sites.set(JIRA, original);
  }
  expect(errors).toEqual([]);
});

test('a painted quote is washed in its colour, the words inside its inline elements too', async ({ context, sw, sites }) => {
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(sites.url(JIRA));
  await saveQuote(page, sw, KEPT);
  await page.reload();
  await expect.poll(() => paintedTexts(page)).toEqual([KEPT]);

  // The quote's plain words, and its <code> element's (painted only where the highlight's styles reach nested elements).
  const code = page.locator('p code', { hasText: 'payments-webhooks' });
  await code.scrollIntoViewIfNeeded();
  const codeBox = (await code.boundingBox())!;
  const plainBox = await page.evaluate(() => {
    const text = [...document.querySelectorAll('p')].find((p) => p.textContent?.startsWith('The retry storm'))!.firstChild!;
    const range = document.createRange();
    range.setStart(text, 4);
    range.setEnd(text, 15);
    const r = range.getBoundingClientRect();
    return { x: r.x, y: r.y, width: r.width, height: r.height };
  });
  const painted = [await page.screenshot({ clip: codeBox }), await page.screenshot({ clip: plainBox })];
  // The same pixels without our highlights (the registry is the page's own to clear).
  await page.evaluate(() => CSS.highlights.clear());
  const bare = [await page.screenshot({ clip: codeBox }), await page.screenshot({ clip: plainBox })];
  expect(painted[0].equals(bare[0]), 'the <code> words are painted').toBe(false);
  expect(painted[1].equals(bare[1]), 'the plain words are painted').toBe(false);
  expect(errors).toEqual([]);
});

test('clicking a highlight shows its lesson; deleting it removes the highlight at once, Undo brings it back', async ({ context, sw, sites }) => {
  const page = await context.newPage();
  await page.goto(sites.url(JIRA));
  await saveQuote(page, sw, KEPT, 'Queue depth is a late signal.');
  await expect.poll(() => paintedTexts(page)).toEqual([KEPT]);

  const { x, y } = await paintedPoint(page, 'retry storm');
  await page.mouse.click(x, y);
  const peek = ui(page).locator('.peek');
  await expect(peek).toContainText('Queue depth is a late signal.');

  await clickUi(peek.getByRole('button', { name: 'Edit' }));
  await peek.locator('textarea').fill('Alert on retry rate.');
  await clickUi(peek.getByRole('button', { name: 'Save' }));
  await expect(peek).toContainText('Alert on retry rate.');
  await expect.poll(async () => (await readLessons(sw))[0].note).toBe('Alert on retry rate.');

  await clickUi(peek.getByRole('button', { name: 'Delete' }));
  await expect.poll(() => paintedTexts(page)).toEqual([]);
  const deleted = toast(page).filter({ hasText: 'Lesson deleted.' });
  await expect(deleted).toBeVisible();
  await clickUi(deleted.getByRole('button', { name: 'Undo' }));
  await expect.poll(() => paintedTexts(page)).toEqual([KEPT]);
});

test('soft navigation to another page and back repaints', async ({ context, sw, sites }) => {
  const page = await context.newPage();
  await page.goto(sites.url(GITHUB_ISSUE));
  const quote = 'the button is still disabled because address validation is a debounced request';
  await saveQuote(page, sw, quote);
  await expect.poll(() => paintedTexts(page)).toEqual([quote]);

  // What Turbo does: swap the body, push the URL, announce the visit.
  const pullBody = sites.html(GITHUB_PULL).match(/<body[^>]*>([\s\S]*)<\/body>/)![1];
  const issueBody = sites.html(GITHUB_ISSUE).match(/<body[^>]*>([\s\S]*)<\/body>/)![1];
  const visit = (url: string, body: string) =>
    page.evaluate(
      ([u, b]) => {
        document.body.innerHTML = b;
        history.pushState({}, '', u);
        document.dispatchEvent(new Event('turbo:load'));
      },
      [url, body] as const,
    );
  await visit('/acme/web/pull/34', pullBody);
  await expect.poll(() => paintedTexts(page)).toEqual([]);
  await visit('/acme/web/issues/12', issueBody);
  await expect.poll(() => paintedTexts(page)).toEqual([quote]);
});

test("a page's own pushState, with no event and no change to its content, is heard", async ({ context, sw, sites }) => {
  const page = await context.newPage();
  await page.goto(sites.url(GITHUB_ISSUE));
  const quote = 'the button is still disabled because address validation is a debounced request';
  await saveQuote(page, sw, quote);
  await expect.poll(() => paintedTexts(page)).toEqual([quote]);

  // Chromium has the Navigation API, so no URL poll runs: only its currententrychange, which
  // reaches our isolated world, tells of the page's own history calls.
  await page.evaluate(() => history.pushState({}, '', '/acme/web/pull/34'));
  await expect.poll(() => paintedTexts(page)).toEqual([]);
  await page.evaluate(() => history.back());
  await expect.poll(() => paintedTexts(page)).toEqual([quote]);
});

test('content rendered after load gets its highlight', async ({ context, sw, sites }) => {
  const page = await context.newPage();
  await page.goto(sites.url(GITHUB_ISSUE));
  const quote = 'Using the real disabled attribute fixes the test';
  await saveQuote(page, sw, quote);

  const original = sites.html(GITHUB_ISSUE);
  // The comment arrives two seconds after load, as a single-page app renders it.
  const comment = '<p>Using the real <code>disabled</code> attribute fixes the test and the accessibility of the button at the same time. I will open a PR.</p>';
  const late = original.replace(
    comment,
    `<p id="late"></p><script>setTimeout(() => { document.getElementById('late').textContent = ${JSON.stringify('Using the real disabled attribute fixes the test and the accessibility of the button at the same time.')}; }, 2000)</script>`,
  );
  expect(late).not.toBe(original);
  sites.set(GITHUB_ISSUE, late);
  try {
    await page.reload();
    await page.waitForTimeout(1000);
    expect(await paintedTexts(page)).toEqual([]);
    await expect.poll(() => paintedTexts(page), { timeout: 5000 }).toEqual([quote]);
  } finally {
    sites.set(GITHUB_ISSUE, original);
  }
});

test('on a Jira the person added, a lesson belongs to the issue and is painted again on reload', async ({ context, sw, sites }) => {
  const SERVER = 'https://jira.corp.example/browse/OPS-42';
  await sw.evaluate(async () => {
    const { settings } = await chrome.storage.local.get('settings');
    await chrome.storage.local.set({ settings: { ...(settings ?? {}), hosts: { jira: ['jira.corp.example'], confluence: [], github: [], gitlab: [] } } });
  });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(sites.url(SERVER));
  const quote = 'the container clock and the database clock drift by up to 80 ms';
  await saveQuote(page, sw, quote);
  const [saved] = await readLessons(sw);
  expect(saved.source).toMatchObject({ site: 'jira', workItem: 'jira:jira.corp.example:OPS-42', project: 'OPS' });

  // The tab identifies the page as a web page first; the worker's answer names this host as a Jira, and the tab asks again for the issue.
  await page.reload();
  await expect.poll(() => paintedTexts(page)).toEqual([quote]);
  expect(errors).toEqual([]);
});
