import type { Page, Worker } from '@playwright/test';
import { expect, seedLessons, test } from './fixtures';
import { idFor, lesson, libraryUrl, localDay } from './library-helpers';
import { SCHEMES, expectAccessible, expectSeen } from './look';
import { watchErrors } from './page-helpers';

const hoursAgo = (n: number) => new Date(Date.now() - n * 3_600_000).toISOString();

/** Lessons as people write them: a note, a pillar's answers, a quote, tags, from several sites. */
function libraryLessons() {
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

async function openLibrary(page: Page, sw: Worker): Promise<void> {
  await page.goto(libraryUrl(sw));
  await expect(page.getByText('No lessons yet')).toBeAttached();
  await seedLessons(sw, libraryLessons());
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
      // The list scrolls in its own box: its last row is reached by scrolling the list, not the page.
      const list = page.getByRole('grid', { name: 'Lessons' });
      await list.hover();
      await page.mouse.wheel(0, 5000);
      await expectSeen(page.locator('.lesson-row', { hasText: 'Retro note 25' }));
      await expectSeen(page.getByLabel('Search lessons'));
      await expectAccessible(page);
      expect(errors).toEqual([]);
    });
  }
}

test('the weekly look back opens on the week of the newest lessons, with their words', async ({ context, sw }) => {
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.setViewportSize({ width: 1280, height: 800 });
  await openLibrary(page, sw);
  await page.getByRole('tab', { name: 'Weekly look back' }).click();
  // The newest lesson is an hour old: this week, unless the week began within the hour.
  const newest = new Date(libraryLessons()[0].createdAt);
  const monday = localDay(new Date(newest.getFullYear(), newest.getMonth(), newest.getDate() - ((newest.getDay() + 6) % 7)));
  await expect(page.getByRole('heading', { name: new RegExp(`Week of ${monday}`) })).toBeVisible();
  const mistake = page.locator('.digest-lesson', { hasText: 'Deploy without a rollback plan' });
  await expectSeen(mistake);
  await expect(mistake.locator('.lesson-answer')).toHaveText([
    'Why did this happen? Nobody owned the runbook',
    'How do we prevent it? A rollback step is part of every deploy checklist',
  ]);
  await expect(mistake.locator('q')).toHaveCount(1);
  await expectSeen(page.getByRole('button', { name: 'Copy as Markdown' }));
  expect(errors).toEqual([]);
});
