import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import type { Page, Worker } from '@playwright/test';
import { expect, readLessons, seedLessons, test } from '../support/e2e/fixtures';
import { idFor, lastWeekAt, lesson, libraryUrl, localDay } from '../support/e2e/library';
import { expectSeen } from '../support/e2e/look';
import { watchErrors } from '../support/e2e/page';

const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString();

function seeds() {
  return [
    lesson({
      id: idFor(1),
      kind: 'mistake',
      title: 'Rollback plan was missing',
      note: 'The Friday deploy had no rollback.',
      answers: [{ question: 'Why did this happen?', answer: 'Nobody owned the runbook' }],
      tags: ['incident', 'deploy'],
      source: { site: 'jira', project: 'ACME', url: 'https://acme.atlassian.net/browse/ACME-1', workItem: 'jira:acme.atlassian.net:ACME-1', title: 'ACME-1 Outage' },
      author: 'Ana',
      visibility: 'team',
      createdAt: lastWeekAt(1).toISOString(),
      helped: 3,
    }),
    lesson({
      id: idFor(2),
      kind: 'experience',
      title: 'Pairing on the migration went well',
      tags: ['migration'],
      source: { site: 'confluence', project: 'ENG', title: 'Migration retro' },
      author: 'Bo',
      createdAt: lastWeekAt(2).toISOString(),
    }),
    lesson({
      id: idFor(3),
      kind: 'performance',
      title: 'p95 latency dropped after caching',
      quote: 'p95 went from 800ms to 200ms',
      tags: ['latency'],
      source: { site: 'github', project: 'acme/api', url: 'https://github.com/acme/api/pull/7', workItem: 'github:acme/api#7' },
      createdAt: daysAgo(20),
      actions: [{ id: 'act-1', text: 'Cache the user lookup', done: false }],
    }),
    lesson({
      id: idFor(4),
      kind: 'question',
      question: { text: 'Why do we deploy on Fridays?', askedAt: lastWeekAt(3).toISOString() },
      source: { site: 'jira', project: 'ACME', url: 'https://acme.atlassian.net/browse/ACME-2', workItem: 'jira:acme.atlassian.net:ACME-2' },
      createdAt: lastWeekAt(3).toISOString(),
    }),
    lesson({
      id: idFor(5),
      kind: 'improvement',
      title: 'Flaky test retries hide real failures',
      tags: ['ci', 'deploy'],
      createdAt: daysAgo(40),
    }),
    lesson({ id: idFor(6), kind: 'experience', title: 'Old retro notes', createdAt: daysAgo(100) }),
  ];
}

/** Opens the library once so that the database exists, seeds it, and opens it again. */
async function openSeeded(page: Page, sw: Worker, query = ''): Promise<void> {
  await page.goto(libraryUrl(sw));
  await expect(page.getByText('No lessons yet')).toBeVisible();
  await seedLessons(sw, seeds());
  await page.goto(libraryUrl(sw, query));
  await expectSeen(page.locator('.lesson-row').first());
}

const titles = (page: Page) => page.locator('.lesson-row .lesson-card-title');
const count = (page: Page) => page.locator('.result-count');

// Two browsers at once on two cores, beside other suites: give each test room.
test.describe.configure({ timeout: 120_000 });

test('search and filter, with the filters in the URL', async ({ context, sw }) => {
  const page = await context.newPage();
  const errors = watchErrors(page);
  await openSeeded(page, sw);
  await expect(count(page)).toHaveText('6 lessons');
  // Newest first; the question's title comes from its question.
  await expect(titles(page)).toHaveText([
    'Why do we deploy on Fridays?',
    'Pairing on the migration went well',
    'Rollback plan was missing',
    'p95 latency dropped after caching',
    'Flaky test retries hide real failures',
    'Old retro notes',
  ]);

  await page.keyboard.press('/');
  await expect(page.getByLabel('Search lessons')).toBeFocused();
  await page.keyboard.type('rollback');
  await expect(titles(page)).toHaveText(['Rollback plan was missing']);
  await expect(count(page)).toHaveText('1 of 6 lessons');
  // The filters reach the URL once typing pauses (useUrlState), not in the keystroke's frame.
  await expect.poll(() => new URL(page.url()).searchParams.get('q')).toBe('rollback');

  await page.getByLabel('Search lessons').fill('deploy');
  await expect(titles(page)).toHaveText(['Why do we deploy on Fridays?', 'Rollback plan was missing', 'Flaky test retries hide real failures']);
  await page.getByLabel('Site').selectOption('jira');
  await expect(titles(page)).toHaveText(['Why do we deploy on Fridays?', 'Rollback plan was missing']);
  await page.getByLabel('Kind').selectOption('mistake');
  await expect(titles(page)).toHaveText(['Rollback plan was missing']);
  await expect.poll(() => new URL(page.url()).search).toBe('?q=deploy&kind=mistake&site=jira');

  await page.getByRole('button', { name: 'Clear filters' }).click();
  await page.getByLabel('Filter by tag').fill('deploy');
  await page.getByLabel('Filter by tag').press('Enter');
  await expect(titles(page)).toHaveText(['Rollback plan was missing', 'Flaky test retries hide real failures']);
  await page.getByLabel('Sort').selectOption('oldest');
  await expect(titles(page)).toHaveText(['Flaky test retries hide real failures', 'Rollback plan was missing']);
  // Reloaded while typing, before the filters reached the URL: the page comes back as it was left.
  await page.getByLabel('Search lessons').fill('retries');
  await expect(titles(page)).toHaveText(['Flaky test retries hide real failures']);
  await page.reload();
  await expect(page.getByLabel('Search lessons')).toHaveValue('retries');
  await expect(page.getByLabel('Sort')).toHaveValue('oldest');
  await expect(titles(page)).toHaveText(['Flaky test retries hide real failures']);

  // A bookmarked view opens as it was left.
  await page.goto(libraryUrl(sw, 'open=actions'));
  await expect(titles(page)).toHaveText(['p95 latency dropped after caching']);
  await page.goto(libraryUrl(sw, 'open=questions'));
  await expect(titles(page)).toHaveText(['Why do we deploy on Fridays?']);
  await page.goto(libraryUrl(sw, 'sort=helped&visibility=team'));
  await expect(titles(page)).toHaveText(['Rollback plan was missing']);
  await page.goto(libraryUrl(sw, 'project=acme&author=ana'));
  await expect(titles(page)).toHaveText(['Rollback plan was missing']);
  // Last week's lessons are 4 to 13 days old, by weekday: the range ends before the oldest of them.
  await page.goto(libraryUrl(sw, `from=${localDay(new Date(Date.now() - 45 * 86_400_000))}&to=${localDay(new Date(Date.now() - 15 * 86_400_000))}`));
  await expect(titles(page)).toHaveText(['p95 latency dropped after caching', 'Flaky test retries hide real failures']);
  await page.goto(libraryUrl(sw, 'q=nothing-like-this'));
  await expect(page.getByText('No lesson matches')).toBeVisible();
  expect(errors).toEqual([]);
});

test('edit a lesson, delete it and undo, from the keyboard', async ({ context, sw }) => {
  const page = await context.newPage();
  const errors = watchErrors(page);
  await openSeeded(page, sw, 'q=latency');
  await expect(titles(page)).toHaveText(['p95 latency dropped after caching']);

  // ↓ from the search box enters the list; Enter opens the active lesson.
  await page.getByLabel('Search lessons').focus();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('grid', { name: 'Lessons' })).toBeFocused();
  await page.keyboard.press('Enter');
  const editor = page.getByRole('form', { name: 'Edit lesson' });
  await expect(editor).toBeVisible();
  expect(new URL(page.url()).searchParams.get('lesson')).toBe(idFor(3));

  await editor.getByLabel('Title').fill('p95 latency halved by caching');
  await editor.getByLabel('Which number moved?').fill('p95 latency');
  await editor.getByRole('checkbox', { name: 'Done: Cache the user lookup' }).check();
  await editor.locator('.tag-input').fill('cache');
  await editor.locator('.tag-input').press('Enter');
  await editor.getByLabel(/^Team/).check();
  await editor.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('status').getByText('Saved')).toBeVisible();
  await expect(titles(page)).toHaveText(['p95 latency halved by caching']);

  const stored = (await readLessons(sw)).find((l) => l.id === idFor(3));
  expect(stored).toMatchObject({
    title: 'p95 latency halved by caching',
    // Fields the editor did not touch survive the save.
    quote: 'p95 went from 800ms to 200ms',
    kind: 'performance',
    tags: ['latency', 'cache'],
    visibility: 'team',
    answers: [{ question: 'Which number moved?', answer: 'p95 latency' }],
  });
  expect(stored.actions[0]).toMatchObject({ text: 'Cache the user lookup', done: true });
  expect(stored.actions[0].doneAt).toBeTruthy();

  await page.keyboard.press('Escape');
  await expect(editor).toBeHidden();
  expect(new URL(page.url()).searchParams.has('lesson')).toBe(false);
  await expect(page.getByRole('grid', { name: 'Lessons' })).toBeFocused();

  await page.keyboard.press('Delete');
  await expect(page.getByText('No lesson matches')).toBeVisible();
  expect((await readLessons(sw)).find((l) => l.id === idFor(3)).deletedAt).toBeTruthy();
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(titles(page)).toHaveText(['p95 latency halved by caching']);
  expect((await readLessons(sw)).find((l) => l.id === idFor(3)).deletedAt).toBeUndefined();

  // A click on the row opens it too; closing leaves the keys working in the list.
  await page.locator('.lesson-row-main', { hasText: 'p95 latency halved by caching' }).click();
  await expect(editor.getByLabel('Title')).toHaveValue('p95 latency halved by caching');
  await editor.getByRole('button', { name: 'Close editor' }).click();
  await expect(editor).toBeHidden();
  await expect(page.getByRole('grid', { name: 'Lessons' })).toBeFocused();

  // A link to one lesson opens it in the editor.
  await page.goto(libraryUrl(sw, `lesson=${idFor(5)}`));
  await expect(page.getByRole('form', { name: 'Edit lesson' }).getByLabel('Title')).toHaveValue('Flaky test retries hide real failures');
  expect(errors).toEqual([]);
});

test('bulk tag and visibility for selected lessons', async ({ context, sw }) => {
  const page = await context.newPage();
  const errors = watchErrors(page);
  await openSeeded(page, sw, 'site=jira');
  // A click on the first row's box, then the keys for the next row.
  await page.getByRole('checkbox', { name: 'Select Why do we deploy on Fridays?' }).click();
  await expect(page.getByText('1 selected')).toBeVisible();
  await expect(page.getByRole('grid', { name: 'Lessons' })).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Space');
  await expect(page.getByText('2 selected')).toBeVisible();
  await page.getByLabel('Tag for selected lessons').fill('Postmortem');
  await page.getByRole('button', { name: 'Add tag' }).click();
  await expect(page.getByRole('status').getByText('Tagged 2 lessons with #postmortem')).toBeVisible();
  await page.getByRole('button', { name: 'Share with team' }).click();
  // The mistake was shared already: only the question changes.
  await expect(page.getByRole('status').getByText('1 lesson now shared with the team')).toBeVisible();
  const rows = await readLessons(sw);
  for (const id of [idFor(1), idFor(4)]) {
    const l = rows.find((r) => r.id === id);
    expect(l.tags).toContain('postmortem');
    expect(l.visibility).toBe('team');
  }
  expect(rows.find((r) => r.id === idFor(1)).tags).toEqual(['incident', 'deploy', 'postmortem']);
  expect(rows.filter((r) => r.tags.includes('postmortem'))).toHaveLength(2);
  expect(errors).toEqual([]);
});

test('copy the weekly look back as Markdown', async ({ context, sw }) => {
  // Chromium calls an extension origin opaque and refuses a grant for it by name; a grant for every origin covers it.
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const page = await context.newPage();
  const errors = watchErrors(page);
  await openSeeded(page, sw);
  await page.getByRole('tab', { name: 'Weekly look back' }).click();
  const monday = localDay(lastWeekAt(0));
  // The look back writes its days as the other dates, in the browser's language (en-US here).
  const [y, m, d] = monday.split('-').map(Number);
  const mondayShown = new Intl.DateTimeFormat('en-US', { year: 'numeric', month: 'short', day: 'numeric' }).format(new Date(y, m - 1, d));
  await expect(page.getByRole('heading', { name: new RegExp(`Week of ${mondayShown}`) })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'What we learned from mistakes' })).toBeVisible();
  // Each lesson in its author's words: the note, else the answers.
  await expect(page.locator('.digest-lesson', { hasText: 'Rollback plan was missing' }).locator('.lesson-words')).toHaveText('The Friday deploy had no rollback.');
  await page.getByRole('button', { name: 'Copy as Markdown' }).click();
  await expect(page.getByRole('status').getByText('Copied the look back as Markdown')).toBeVisible();
  const md = await page.evaluate(() => navigator.clipboard.readText());
  expect(md).toContain(`# What we learned, week of ${monday}`);
  expect(md).toContain('### Rollback plan was missing');
  expect(md).toContain('### Pairing on the migration went well');
  expect(md.indexOf('## What we learned from mistakes')).toBeLessThan(md.indexOf('## What we learned from experience'));
  expect(md).toContain('Why do we deploy on Fridays?');
  expect(md).toContain('- [ ] Cache the user lookup');
  // Lessons from other weeks stay out.
  expect(md).not.toContain('Old retro notes');
  expect(new URL(page.url()).searchParams.get('view')).toBe('digest');

  await page.getByRole('button', { name: '← Previous week' }).click();
  await expect(page.getByText('No lessons were captured this week.')).toBeVisible();
  expect(errors).toEqual([]);
});

test('export JSON, wipe everything, import it back', async ({ context, sw }) => {
  const page = await context.newPage();
  const errors = watchErrors(page);
  await openSeeded(page, sw);

  await page.getByRole('tab', { name: 'Export & import' }).click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-format="json"]').click()]);
  expect(download.suggestedFilename()).toMatch(/^lessonmark-\d{4}-\d{2}-\d{2}\.json$/);
  const file = join(tmpdir(), `lessonmark-e2e-${Date.now()}.json`);
  await download.saveAs(file);
  const exported = JSON.parse(readFileSync(file, 'utf8'));
  expect(exported.format).toBe('lessonmark');
  expect(exported.lessons.map((l: { id: string }) => l.id).sort()).toEqual([1, 2, 3, 4, 5, 6].map(idFor));

  // Wipe: select all and delete.
  await page.getByRole('tab', { name: 'Lessons' }).click();
  await page.getByLabel('Select all shown lessons').check();
  await page.getByRole('button', { name: 'Delete 6' }).click();
  await expect(page.getByText('No lessons yet')).toBeVisible();
  expect((await readLessons(sw)).every((l) => l.deletedAt)).toBe(true);

  // A bad file is refused and changes nothing.
  await page.getByRole('button', { name: 'Import lessons from a file' }).click();
  const bad = join(tmpdir(), `lessonmark-e2e-bad-${Date.now()}.json`);
  writeFileSync(bad, '{"format":"lessonmark","version":1,"lessons":[');
  await page.getByLabel('File to import').setInputFiles(bad);
  await expect(page.getByRole('alert')).toContainText('not JSON');
  await expect(page.getByText('Nothing was changed.')).toBeVisible();
  expect((await readLessons(sw)).every((l) => l.deletedAt)).toBe(true);

  // A file with one broken record: the preview says which and where.
  const damaged = join(tmpdir(), `lessonmark-e2e-damaged-${Date.now()}.json`);
  writeFileSync(damaged, JSON.stringify({ ...exported, lessons: [...exported.lessons, { ...exported.lessons[0], id: 'nope' }] }));
  await page.getByLabel('File to import').setInputFiles(damaged);
  const preview = page.getByLabel('Import preview');
  await expect(preview.locator('[data-count="new"]')).toContainText('6 new (6 bring back lessons deleted here)');
  await expect(preview.locator('[data-count="invalid"]')).toContainText('1 invalid');
  await expect(preview.locator('.import-invalid')).toContainText('lessons[6].id');
  await page.getByRole('button', { name: 'Cancel' }).click();

  await page.getByLabel('File to import').setInputFiles(file);
  await expect(preview.locator('[data-count="new"]')).toContainText('6 new');
  await expect(preview.locator('[data-count="update"]')).toContainText('0 update existing');
  await expect(preview.locator('[data-count="unchanged"]')).toContainText('0 unchanged');
  await expect(preview.locator('[data-count="invalid"]')).toContainText('0 invalid');
  await page.getByRole('button', { name: 'Import 6 lessons' }).click();
  await expect(page.getByRole('status').getByText(/Imported 6 lessons/)).toBeVisible();

  const rows = await readLessons(sw);
  expect(rows).toHaveLength(6);
  expect(rows.filter((l) => !l.deletedAt).map((l) => l.id).sort()).toEqual([1, 2, 3, 4, 5, 6].map(idFor));
  const back = rows.find((l) => l.id === idFor(1));
  const original = exported.lessons.find((l: { id: string }) => l.id === idFor(1));
  expect({ ...back, updatedAt: undefined }).toEqual({ ...original, updatedAt: undefined });

  await page.getByRole('tab', { name: 'Lessons' }).click();
  await expect(count(page)).toHaveText('6 lessons');
  expect(errors).toEqual([]);
});

test('a long list draws only the rows in view, and the keyboard reaches its end', async ({ context, sw }) => {
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(libraryUrl(sw));
  await expect(page.getByText('No lessons yet')).toBeVisible();
  const many = Array.from({ length: 2000 }, (_, k) =>
    lesson({ id: idFor(1000 + k), title: `Lesson number ${k}`, createdAt: new Date(Date.UTC(2024, 0, 1) + k * 60_000).toISOString() }),
  );
  await seedLessons(sw, many);
  await page.goto(libraryUrl(sw));
  await expect(count(page)).toHaveText('2,000 lessons');
  expect(await page.locator('.lesson-row').count()).toBeLessThan(60);
  await page.getByLabel('Search lessons').click();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('End');
  await expect(page.locator('.lesson-row.active .lesson-card-title')).toHaveText('Lesson number 0');
  expect(await page.locator('.lesson-row').count()).toBeLessThan(60);
  await page.keyboard.press('ArrowUp');
  await expect(page.locator('.lesson-row.active .lesson-card-title')).toHaveText('Lesson number 1');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('form', { name: 'Edit lesson' }).getByLabel('Title')).toHaveValue('Lesson number 1');
  // Scrolled to its end, the list shows its last row where it can be seen and clicked.
  await page.getByRole('grid', { name: 'Lessons' }).hover();
  await page.mouse.wheel(0, 1000);
  await expectSeen(page.locator('.lesson-row', { hasText: 'Lesson number 0' }));
  await page.locator('.lesson-row-main', { hasText: 'Lesson number 0' }).click();
  await expect(page.getByRole('form', { name: 'Edit lesson' }).getByLabel('Title')).toHaveValue('Lesson number 0');
  expect(errors).toEqual([]);
});

test('a change made elsewhere to an old lesson shows up without a reload', async ({ context, sw }) => {
  const recent = Array.from({ length: 150 }, (_, k) =>
    lesson({ id: idFor(100 + k), title: `Recent lesson ${k}`, createdAt: daysAgo(1), updatedAt: daysAgo(1) }),
  );
  const old = lesson({ id: idFor(1), kind: 'mistake', title: 'Old retro notes', createdAt: daysAgo(100), updatedAt: daysAgo(100) });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(libraryUrl(sw));
  await expect(page.getByText('No lessons yet')).toBeVisible();
  await seedLessons(sw, [old, ...recent]);
  await page.goto(libraryUrl(sw));
  await expect(count(page)).toHaveText('151 lessons');

  // Another tab imports a teammate's edit of the old lesson: still older than 150 others.
  const edited = { ...old, title: 'Retro notes, rewritten by the team', updatedAt: daysAgo(50) };
  const file = join(tmpdir(), `lessonmark-e2e-edit-${Date.now()}.json`);
  writeFileSync(file, JSON.stringify({ format: 'lessonmark', version: 1, exportedAt: new Date().toISOString(), lessons: [edited] }));
  const other = await context.newPage();
  await other.goto(libraryUrl(sw, 'view=transfer'));
  await other.getByLabel('File to import').setInputFiles(file);
  await expect(other.getByLabel('Import preview').locator('[data-count="update"]')).toContainText('1 update existing');
  await other.getByRole('button', { name: 'Import 1 lesson' }).click();
  await expect(other.getByRole('status').getByText(/Imported 1 lesson/)).toBeVisible();

  await page.getByRole('searchbox').first().fill('rewritten');
  await expect(titles(page)).toHaveText(['Retro notes, rewritten by the team']);
  expect(errors).toEqual([]);
});
