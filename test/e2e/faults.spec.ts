import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { expect, extensionId, readLessons, seedLessons, serviceWorker, test } from '../support/e2e/fixtures';
import { idFor, lesson, libraryUrl } from '../support/e2e/library';
import { paintedTexts, saveQuote, watchErrors } from '../support/e2e/page';

// Faults a person's browser really has, made real: the browser's own storage quota, a browser
// killed in the middle of a write, the database removed under the running extension.
test.describe.configure({ timeout: 120_000 });

test('a full disk: saving says so in words, keeps what was typed, and saves once there is room', async ({ context, sw }) => {
  // Chromium's own quota for the extension's origin, set to what it uses now and a little more,
  // before anything is stored (Chromium fixes an origin's quota when its storage is first opened).
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  const origin = `chrome-extension://${extensionId(sw)}`;
  const { usage } = await sw.evaluate(() => navigator.storage.estimate());
  await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: usage! + 6_000 });
  await page.goto(libraryUrl(sw));
  await expect(page.getByText('No lessons yet')).toBeVisible();
  await seedLessons(sw, [lesson({ id: idFor(1), title: 'Release notes were late', note: 'Write them with the change.' })]);
  await page.goto(libraryUrl(sw, `lesson=${idFor(1)}`));
  const editor = page.getByRole('form', { name: 'Edit lesson' });
  await expect(editor.getByLabel('Title')).toHaveValue('Release notes were late');

  // A pasted log: Chromium counts usage in the large, so the refused write is a large one.
  const log = Array.from({ length: 480 }, (_, i) => `at release.step${i} (deploy.js:${i}:7)`).join('\n');
  await editor.getByLabel('Title').fill('Release notes are written with the change');
  await editor.getByLabel('Note').fill(log);
  await editor.getByRole('button', { name: 'Save' }).click();
  await expect(editor.getByRole('alert')).toContainText('no room left');
  await expect(editor.getByLabel('Title')).toHaveValue('Release notes are written with the change');
  await expect(editor.getByLabel('Note')).toHaveValue(log);
  expect((await readLessons(sw)).map((l) => l.title)).toEqual(['Release notes were late']);

  await cdp.send('Storage.overrideQuotaForOrigin', { origin });
  await editor.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('status').getByText('Saved')).toBeVisible();
  expect((await readLessons(sw)).map((l) => [l.title, l.note])).toEqual([['Release notes are written with the change', log]]);
});

test('the browser closed in the middle of an import: after a restart, all of it is there or none', async ({ profile }) => {
  let context = await profile.launch();
  let sw = await serviceWorker(context);
  const page = await context.newPage();
  await page.goto(libraryUrl(sw));
  await expect(page.getByText('No lessons yet')).toBeVisible();

  const lessons = Array.from({ length: 3000 }, (_, i) => lesson({ id: idFor(i + 1), title: `Imported lesson ${i + 1}`, note: 'x'.repeat(400) }));
  const file = join(tmpdir(), `lessonmark-e2e-crash-${Date.now()}.json`);
  writeFileSync(file, JSON.stringify({ format: 'lessonmark', version: 1, lessons }));
  await page.getByRole('tab', { name: 'Export & import' }).click();
  await page.getByLabel('File to import').setInputFiles(file);
  await page.getByRole('button', { name: 'Import 3000 lessons' }).click();
  // No wait for the write to finish: the browser goes away with the import under way.
  await context.close();

  context = await profile.launch();
  sw = await serviceWorker(context);
  const again = await context.newPage();
  await again.goto(libraryUrl(sw));
  const stored = await readLessons(sw);
  expect([0, 3000]).toContain(stored.length);
  await expect(again.locator('.result-count')).toHaveText(stored.length ? '3,000 lessons' : '0 lessons');
  await context.close();
});

test('the database deleted under the running extension: nothing stale is shown, and the next lesson is saved', async ({ context, sw, sites }) => {
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(sites.url('https://acme.atlassian.net/browse/ACME-123'));
  const first = 'The retry storm filled the payments-webhooks queue to 1.2 million messages.';
  await saveQuote(page, sw, first, 'Queue depth is a late signal.');
  await expect.poll(() => paintedTexts(page)).toEqual([first]);

  // Site data cleared from the browser's settings: the database goes while the worker holds it open.
  const library = await context.newPage();
  await library.goto(libraryUrl(sw));
  await expect(library.locator('.result-count')).toHaveText('1 lesson');
  const deleted = await library.evaluate(
    () =>
      new Promise<string>((resolve) => {
        const req = indexedDB.deleteDatabase('lessonmark');
        req.onsuccess = () => resolve('deleted');
        req.onerror = () => resolve(`error ${req.error?.name}`);
      }),
  );
  expect(deleted).toBe('deleted');
  await expect(library.locator('.result-count')).toHaveText('0 lessons');

  await page.reload();
  await expect.poll(() => paintedTexts(page)).toEqual([]);
  const next = 'Nobody had tested the receiver against a long provider outage';
  await saveQuote(page, sw, next, 'Test the receiver against outages.');
  await expect.poll(() => paintedTexts(page)).toEqual([next]);
  expect((await readLessons(sw)).map((l) => l.note)).toEqual(['Test the receiver against outages.']);
  await expect(library.locator('.result-count')).toHaveText('1 lesson');
  expect(errors).toEqual([]);
});
