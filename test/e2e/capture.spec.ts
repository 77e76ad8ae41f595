import type { Page, Worker } from '@playwright/test';
import { expect, openCapture, readLessons, selectText, test } from '../support/e2e/fixtures';
import { clickUi } from '../support/e2e/closed-ui';
import { card, toast, watchErrors } from '../support/e2e/page';

const JIRA = 'https://acme.atlassian.net/browse/ACME-123';
const CONFLUENCE = 'https://acme.atlassian.net/wiki/spaces/ENG/pages/123456/Incident+Review';
const GITHUB = 'https://github.com/acme/web/issues/12';
const GITLAB = 'https://gitlab.com/acme/platform/checkout/-/issues/12';
const ARTICLE = 'https://blog.example.com/2024/03/what-a-flaky-test-taught-us';
const HOSTILE = 'https://jira.corp.example/browse/SEC-1';


/** Fills the open card with the keyboard only: pillar, note and tags, then Enter saves. */
async function fillCardWithKeyboard(page: Page, { pillarSteps, note, tags }: { pillarSteps: number; note: string; tags: string[] }) {
  await expect(card(page).locator('textarea.note')).toBeFocused();
  await page.keyboard.type(note);
  await expect(card(page).locator('textarea.note')).toHaveValue(note);
  await page.keyboard.press('Tab'); // the checked pillar radio
  await expect(card(page).locator('input[type="radio"]:checked').first()).toBeFocused();
  for (let i = 0; i < pillarSteps; i++) await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Tab'); // the tag box
  await expect(card(page).getByRole('textbox', { name: /Tags/ })).toBeFocused();
  for (const tag of tags) {
    await page.keyboard.type(tag);
    await page.keyboard.press('Enter');
  }
  await page.keyboard.press('Enter'); // an empty tag box: save
}

async function waitForLessons(sw: Worker, count: number) {
  await expect.poll(async () => (await readLessons(sw)).length).toBe(count);
  return readLessons(sw);
}

const cases = [
  {
    name: 'Jira',
    url: JIRA,
    quote: 'Our receiver treated every 503 as retryable and re-enqueued the event without backoff',
    source: { site: 'jira', workItem: 'jira:acme.atlassian.net:ACME-123', project: 'ACME' },
    suggested: ['acme', 'incident', 'payments'],
  },
  {
    name: 'Confluence',
    url: CONFLUENCE,
    quote: 'The webhook-retry-enabled flag let us stop the storm without a deploy.',
    source: { site: 'confluence', workItem: 'confluence:acme.atlassian.net:123456', project: 'ENG' },
    suggested: ['eng', 'postmortem'],
  },
  {
    name: 'GitHub',
    url: GITHUB,
    quote: 'the button is still disabled because address validation is a debounced request',
    source: { site: 'github', workItem: 'github:acme/web#12', project: 'acme/web' },
    suggested: ['acme/web', 'flaky-test'],
  },
  {
    name: 'GitLab',
    url: GITLAB,
    quote: 'the checkout service retries the charge with a new idempotency key',
    source: { site: 'gitlab', workItem: 'gitlab:acme/platform/checkout#12', project: 'acme/platform/checkout' },
    suggested: ['acme/platform/checkout', 'priority::1'],
  },
];

for (const c of cases) {
  test(`saves a selection on a ${c.name} page with the keyboard, and it outlives a browser restart`, async ({ context, sw, sites, profile }) => {
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(sites.url(c.url));
    await selectText(page, c.quote);
    await openCapture(sw, page);
    await expect(card(page)).toBeVisible();
    await expect(card(page).locator('blockquote.quote')).toHaveText(c.quote);
    for (const tag of c.suggested) await expect(card(page).getByRole('button', { name: `+ ${tag}` })).toBeVisible();

    await fillCardWithKeyboard(page, { pillarSteps: 1, note: 'Backoff with jitter, always.', tags: ['Retry Storm', 'on-call'] });
    await expect(toast(page)).toContainText('Lesson saved.');
    await expect(card(page)).toHaveCount(0);

    const [lesson] = await waitForLessons(sw, 1);
    expect(lesson).toMatchObject({
      kind: 'mistake',
      quote: c.quote,
      note: 'Backoff with jitter, always.',
      tags: ['retry-storm', 'on-call'],
      visibility: 'private',
      source: c.source,
    });
    expect(lesson.source.url).toBe(c.url);
    expect(lesson.anchor.quote).toMatchObject({ type: 'TextQuoteSelector', exact: c.quote });
    expect(lesson.anchor.quote.prefix.length).toBeGreaterThan(0);
    expect(lesson.anchor.position.end - lesson.anchor.position.start).toBe(c.quote.length);
    expect(errors).toEqual([]);

    await context.close();
    const again = await profile.launch();
    try {
      const sw2 = again.serviceWorkers()[0] ?? (await again.waitForEvent('serviceworker'));
      expect((await readLessons(sw2)).map((l) => l.id)).toEqual([lesson.id]);
    } finally {
      await again.close();
    }
  });
}

test('Escape cancels and saves nothing; Undo removes a saved lesson', async ({ context, sw, sites }) => {
  const page = await context.newPage();
  await page.goto(sites.url(GITHUB));
  await selectText(page, 'Every rerun passed');
  await openCapture(sw, page);
  await expect(card(page).locator('textarea.note')).toBeFocused();
  await page.keyboard.type('never mind');
  await page.keyboard.press('Escape');
  await expect(card(page)).toHaveCount(0);
  expect(await readLessons(sw)).toEqual([]);

  await selectText(page, 'Every rerun passed');
  await openCapture(sw, page);
  await expect(card(page).locator('textarea.note')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(toast(page)).toContainText('Lesson saved.');
  await clickUi(toast(page).getByRole('button', { name: 'Undo' }));
  await expect(toast(page)).toContainText('Lesson removed.');
  const [lesson] = await readLessons(sw);
  expect(lesson.deletedAt).toBeTruthy();
});

test('with no selection the command saves a page-level lesson', async ({ context, sw, sites }) => {
  const page = await context.newPage();
  await page.goto(sites.url(ARTICLE));
  await openCapture(sw, page);
  await expect(card(page)).toContainText('No text selected');
  await expect(card(page).locator('textarea.note')).toBeFocused();
  await page.keyboard.type('Quarantine flaky tests, do not ignore them.');
  await page.keyboard.press('Enter');
  const [lesson] = await waitForLessons(sw, 1);
  expect(lesson).toMatchObject({ quote: '', source: { site: 'web', title: 'What a flaky test taught us about red builds' } });
  expect(lesson.anchor).toBeUndefined();
  expect(lesson.title).toBe('Quarantine flaky tests, do not ignore them.');
});

test('an oversize selection is clipped with a visible notice', async ({ context, sw, sites }) => {
  const page = await context.newPage();
  await page.goto(sites.url(ARTICLE));
  await page.evaluate(() => {
    const p = document.createElement('p');
    p.id = 'long';
    p.textContent = 'All work and no lessons. '.repeat(1200);
    document.querySelector('article')!.append(p);
  });
  await selectText(page, 'All work and no lessons. '.repeat(1100).trim(), '#long');
  await openCapture(sw, page);
  await expect(card(page).getByRole('alert')).toContainText('longer than 20,000 characters');
  await page.keyboard.press('Enter');
  const [lesson] = await waitForLessons(sw, 1);
  expect(lesson.quote).toHaveLength(20_000);
  expect(lesson.anchor.quote.exact).toHaveLength(20_000);
});

test('markup in a hostile page is shown and saved as text and never runs', async ({ context, sw, sites }) => {
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(sites.url(HOSTILE));
  const payload = 'This paragraph quotes the payload as text: <script>window.__lessonmarkPwned=1</script>';
  await selectText(page, payload);
  await openCapture(sw, page);
  await expect(card(page).locator('blockquote.quote')).toHaveText(payload);
  await expect(card(page).locator('.where')).toContainText('<script>');
  await page.keyboard.press('Enter');
  const [lesson] = await waitForLessons(sw, 1);
  expect(lesson.quote).toBe(payload);
  expect(lesson.source.title).toContain('<script>');
  const page2 = await context.newPage();
  await page2.goto(sites.url(HOSTILE));
  await page2.waitForTimeout(500);
  for (const p of [page, page2]) {
    expect(await p.evaluate(() => (window as any).__lessonmarkPwned)).toBeUndefined();
    expect(await p.evaluate(() => (window as any).__hostileScripts)).toBe(3);
    expect(await p.evaluate(() => (window as any).__hostileOnerror)).toBe(3);
  }
  expect(errors.filter((e) => !e.includes('ERR_') && !e.includes('404'))).toEqual([]);
});

test('a failed write shows the error in the card and keeps the draft', async ({ context, sw, sites }) => {
  const page = await context.newPage();
  await page.goto(sites.url(JIRA));
  await selectText(page, 'The retry storm filled the payments-webhooks queue');
  await openCapture(sw, page);
  // The disk is full: every IndexedDB write in the worker fails as a quota error would.
  await sw.evaluate(() => {
    const g = globalThis as any;
    g.__realAdd = IDBObjectStore.prototype.add;
    g.__realPut = IDBObjectStore.prototype.put;
    const full = () => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
    IDBObjectStore.prototype.add = full;
    IDBObjectStore.prototype.put = full;
  });
  await expect(card(page).locator('textarea.note')).toBeFocused();
  await page.keyboard.type('Keep me');
  await page.keyboard.press('Enter');
  await expect(card(page).getByRole('alert')).toContainText('Could not save');
  await expect(card(page).getByRole('alert')).toContainText('Your draft is kept');
  await expect(card(page).locator('textarea.note')).toHaveValue('Keep me');

  await sw.evaluate(() => {
    const g = globalThis as any;
    IDBObjectStore.prototype.add = g.__realAdd;
    IDBObjectStore.prototype.put = g.__realPut;
  });
  await clickUi(card(page).getByRole('button', { name: 'Save' }));
  const [lesson] = await waitForLessons(sw, 1);
  expect(lesson.note).toBe('Keep me');
});
