import { resolve } from 'node:path';
import type { Page, Worker } from '@playwright/test';
import { expect, seedLessons, test } from '../support/e2e/fixtures';
import { idFor, lesson, libraryUrl, localDay } from '../support/e2e/library';
import { SCHEMES, expectAccessible, expectSeen } from '../support/e2e/look';
import { watchErrors } from '../support/e2e/page';
import { JIRA, cardOf, openPanel, row } from '../support/e2e/sidepanel';
import { importThroughWorker } from '../support/e2e/sync';

/** The README's pictures, made by this suite. */
const shot = (name: string) => resolve(import.meta.dirname, '..', '..', 'docs', 'screenshots', name);

/** Lessons as people write them: a note, a pillar's answers, a quote, tags, from several sites. */
function libraryLessons(newest = Date.now()) {
  const hoursAgo = (n: number) => new Date(newest - n * 3_600_000).toISOString();
  return [
    lesson({
      id: idFor(1),
      kind: 'mistake',
      title: 'Deploy without a rollback plan',
      quote: 'We shipped the migration on Friday at 17:00 and had no way back when the index build locked the table.',
      answers: [
        { question: 'Why did this happen?', answer: 'Nobody owned the runbook' },
        { question: 'How do we prevent it?', answer: 'A rollback step is part of every deploy checklist' },
      ],
      tags: ['incident', 'deploy'],
      source: { site: 'jira', project: 'ACME', url: 'https://acme.atlassian.net/browse/ACME-1', workItem: 'jira:acme.atlassian.net:ACME-1', title: 'ACME-1 Outage after Friday deploy' },
      author: 'Ana',
      visibility: 'team',
      createdAt: hoursAgo(1),
    }),
    lesson({
      id: idFor(2),
      kind: 'experience',
      title: 'Pairing on the migration',
      note: 'Pairing on the migration halved the review time. Do it again for the billing move.',
      tags: ['migration'],
      source: { site: 'confluence', project: 'ENG', title: 'Migration retro' },
      author: 'Bo',
      createdAt: hoursAgo(2),
    }),
    lesson({
      id: idFor(3),
      kind: 'performance',
      title: 'p95 latency dropped after caching',
      quote: 'p95 went from 800ms to 200ms',
      note: 'Caching the user lookup took p95 from 800 ms to 200 ms.',
      tags: ['latency'],
      source: { site: 'github', project: 'acme/api', url: 'https://github.com/acme/api/pull/7', workItem: 'github:acme/api#7', title: 'Cache the user lookup' },
      createdAt: hoursAgo(3),
      actions: [{ id: 'act-1', text: 'Cache the session lookup too', done: false }],
    }),
    lesson({
      id: idFor(4),
      kind: 'question',
      question: { text: 'Why do we deploy on Fridays?', askedAt: hoursAgo(4) },
      source: { site: 'jira', project: 'ACME', url: 'https://acme.atlassian.net/browse/ACME-2', workItem: 'jira:acme.atlassian.net:ACME-2' },
      createdAt: hoursAgo(4),
    }),
    lesson({
      id: idFor(5),
      kind: 'improvement',
      title: 'Flaky test retries hide real failures',
      answers: [{ question: 'What is inefficient or risky here?', answer: 'Retries turn real failures green' }],
      tags: ['ci'],
      createdAt: hoursAgo(30),
    }),
    ...Array.from({ length: 25 }, (_, k) =>
      lesson({ id: idFor(100 + k), kind: 'experience', title: `Retro note ${k + 1}`, note: `What we kept from sprint ${k + 1}.`, createdAt: hoursAgo(200 + k) }),
    ),
  ];
}

/** Fixed dates, so the screenshots show the same days on every run. */
const PICTURED = Date.UTC(2025, 2, 12, 15);

async function openLibrary(page: Page, sw: Worker, newest = PICTURED): Promise<void> {
  await page.goto(libraryUrl(sw));
  await expect(page.getByText('No lessons yet')).toBeAttached();
  await seedLessons(sw, libraryLessons(newest));
  await page.goto(libraryUrl(sw));
  await expect(page.locator('.result-count')).toHaveText('30 lessons');
}

for (const size of [
  { width: 1280, height: 800 },
  { width: 1024, height: 700 },
]) {
  for (const scheme of SCHEMES) {
    test(`library at ${size.width}×${size.height}, ${scheme}: the first rows and the controls are seen`, async ({ context, sw }) => {
      const page = await context.newPage();
      const errors = watchErrors(page);
      await page.setViewportSize(size);
      await page.emulateMedia({ colorScheme: scheme });
      await openLibrary(page, sw);
      const rows = page.locator('.lesson-row');
      for (let i = 0; i < 5; i++) await expectSeen(rows.nth(i));
      // A row leads with the lesson's own words, and shows the quote once, as a quote.
      const first = rows.first();
      await expect(first.locator('.lesson-card-title')).toHaveText('Deploy without a rollback plan');
      await expect(first.locator('.lesson-words')).toHaveText('Nobody owned the runbook · A rollback step is part of every deploy checklist');
      await expect(first.locator('q')).toHaveCount(1);
      await expect(first.locator('q')).toContainText('We shipped the migration on Friday');
      await expect(rows.nth(1).locator('.lesson-words')).toHaveText('Pairing on the migration halved the review time. Do it again for the billing move.');
      await expectSeen(page.getByLabel('Search lessons'));
      await expectSeen(page.getByRole('tab', { name: 'Weekly look back' }));
      await expectSeen(page.getByLabel('Select all shown lessons'));
      await expectAccessible(page);
      await expect(page).toHaveScreenshot(`library-${size.width}x${size.height}-${scheme}.png`);
      if (size.width === 1280 && scheme === 'light') await page.screenshot({ path: shot('library.png') });
      // The list scrolls in its own box: its last row is reached by scrolling the list, not the page.
      const list = page.getByRole('grid', { name: 'Lessons' });
      await list.hover();
      await page.mouse.wheel(0, 5000);
      await expectSeen(page.locator('.lesson-row', { hasText: 'Retro note 25' }));
      await expectSeen(page.getByLabel('Search lessons'));
      // The wheel's scroll settles before the click, as it has for a person reaching for a row.
      await expect.poll(async () => {
        const before = await list.evaluate((el) => el.scrollTop);
        await page.waitForTimeout(150);
        return (await list.evaluate((el) => el.scrollTop)) === before;
      }).toBe(true);
      // A click on a row opens it beside the list, which stays in view.
      await page.locator('.lesson-row-main', { hasText: 'Retro note 25' }).click();
      await expectSeen(page.getByRole('form', { name: 'Edit lesson' }).getByLabel('Title'));
      await expectSeen(page.locator('.lesson-row', { hasText: 'Retro note 25' }));
      await expectAccessible(page);
      expect(errors).toEqual([]);
    });
  }
}

for (const scheme of SCHEMES) {
  test(`the weekly look back opens on the week of the newest lessons, with their words, ${scheme}`, async ({ context, sw }) => {
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.emulateMedia({ colorScheme: scheme });
    const now = Date.now();
    await openLibrary(page, sw, now);
    await page.getByRole('tab', { name: 'Weekly look back' }).click();
    // The newest lesson is an hour old: this week, unless the week began within the hour.
    const newest = new Date(libraryLessons(now)[0].createdAt);
    const monday = localDay(new Date(newest.getFullYear(), newest.getMonth(), newest.getDate() - ((newest.getDay() + 6) % 7)));
    // The look back writes its days as the other dates, in the browser's language (en-US here).
    const [y, m, d] = monday.split('-').map(Number);
    const mondayShown = new Intl.DateTimeFormat('en-US', { year: 'numeric', month: 'short', day: 'numeric' }).format(new Date(y, m - 1, d));
    await expect(page.getByRole('heading', { name: new RegExp(`Week of ${mondayShown}`) })).toBeVisible();
    const mistake = page.locator('.digest-lesson', { hasText: 'Deploy without a rollback plan' });
    await expectSeen(mistake);
    await expect(mistake.locator('.lesson-answer')).toHaveText([
      'Why did this happen? Nobody owned the runbook',
      'How do we prevent it? A rollback step is part of every deploy checklist',
    ]);
    await expect(mistake.locator('q')).toHaveCount(1);
    await expectSeen(page.getByRole('button', { name: 'Copy as Markdown' }));
    await expectAccessible(page);
    expect(errors).toEqual([]);
  });
}

test.describe('side panel at 360 px', () => {
  for (const scheme of SCHEMES) {
    test(`${scheme}: cards, reasons and controls are seen`, async ({ context, sw, sites }) => {
      const page = await context.newPage();
      await page.goto(sites.url(JIRA));
      const item = { site: 'jira' as const, workItem: 'jira:ACME-123', project: 'ACME', url: page.url(), title: 'ACME-123 Checkout outage' };
      const empty = await openPanel(context, sw, page);
      await expect(empty.panel.getByText('No lessons yet.')).toBeVisible();
      await importThroughWorker(empty.panel, [
        row({
          kind: 'mistake',
          title: 'Webhooks retried without backoff',
          quote: 'Our receiver treated every 503 as retryable',
          answers: [
            { question: 'Why did this happen?', answer: 'The client library retries every 5xx by default' },
            { question: 'How do we prevent it?', answer: 'Treat 503 as retry-later, with backoff and jitter' },
          ],
          tags: ['webhooks'],
          source: item,
        }),
        row({ kind: 'question', title: 'Why do we retry webhooks 40 times?', question: { text: 'Why do we retry webhooks 40 times?', askedAt: '2024-03-01T10:00:00.000Z' }, source: item }),
        row({
          kind: 'experience',
          title: 'Release checklist for billing',
          note: 'The checklist caught the missing feature flag before the release. Keep it in the release template.',
          tags: ['release'],
          source: { site: 'jira', workItem: 'jira:ACME-7', project: 'ACME', title: 'ACME-7 Billing release' },
        }),
        row({
          kind: 'performance',
          title: 'Checkout p95 halved by caching',
          note: 'Caching the price lookup took checkout p95 from 900 ms to 450 ms.',
          source: { site: 'jira', workItem: 'jira:ACME-9', project: 'ACME' },
        }),
      ]);
      await empty.panel.close();
      await page.reload();
      const { panel, errors } = await openPanel(context, sw, page);
      await panel.setViewportSize({ width: 360, height: 800 });
      await panel.emulateMedia({ colorScheme: scheme });

      const first = cardOf(panel, 'Webhooks retried without backoff');
      await expectSeen(panel.getByLabel('Filter related lessons'));
      await expectSeen(first);
      await expectSeen(first.getByRole('button', { name: /^Edit/ }));
      await expectSeen(cardOf(panel, 'Why do we retry webhooks 40 times?').getByRole('button', { name: /^Answer/ }));
      await expect(first.locator('.reasons li')).toHaveText(['same ticket']);
      await expect(first.locator('.lesson-answer')).toHaveText([
        'Why did this happen? The client library retries every 5xx by default',
        'How do we prevent it? Treat 503 as retry-later, with backoff and jitter',
      ]);
      await expect(first.locator('q')).toHaveText('Our receiver treated every 503 as retryable');
      // Nothing wider than the panel: no sideways scrolling.
      expect(await panel.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
      await expectAccessible(panel);
      await expect(panel).toHaveScreenshot(`sidepanel-360-${scheme}.png`, { fullPage: true });
      if (scheme === 'light') await panel.screenshot({ path: shot('sidepanel.png') });
      expect(errors).toEqual([]);
    });
  }
});

test.describe('options page', () => {
  for (const scheme of SCHEMES) {
    test(`${scheme}: the form, why sync is off, and a URL typed without https://`, async ({ context, sw }) => {
      const page = await context.newPage();
      const errors = watchErrors(page);
      await page.setViewportSize({ width: 1024, height: 900 });
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto(`chrome-extension://${new URL(sw.url()).host}/options.html`);
      const endpoint = page.getByLabel('Endpoint URL');
      await expectSeen(endpoint);
      await expectSeen(page.getByLabel('Token', { exact: true }));
      await expectSeen(page.getByRole('button', { name: 'Test connection' }));
      const syncNow = page.getByRole('button', { name: 'Sync now' });
      await syncNow.scrollIntoViewIfNeeded();
      await expectSeen(syncNow);
      await expect(syncNow).toBeDisabled();
      await expect(syncNow).toHaveAccessibleDescription('Add the endpoint URL and token first, then save.');
      await expectSeen(page.getByText('Add the endpoint URL and token first, then save.'));

      await endpoint.click();
      await page.keyboard.type('lessons.example.com');
      await expect(page.getByText('That is not a URL.')).toHaveCount(0);
      await expectSeen(page.getByText('Lessonmark will use https://lessons.example.com.'));
      await expect(page.getByRole('button', { name: 'Save' })).toBeEnabled();
      await page.evaluate(() => window.scrollTo(0, 0));
      await expectAccessible(page);
      await expect(page).toHaveScreenshot(`options-${scheme}.png`);
      expect(errors).toEqual([]);
    });
  }
});
