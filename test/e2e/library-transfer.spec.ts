import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { tmpdir } from 'node:os';
import type { Page, Worker } from '@playwright/test';
import { unzipSync, strFromU8 } from 'fflate';
import { lessonIdForHypothesis } from '../../lib/import/hypothesis';
import { parseCsv } from '../support/csv';
import { expect, readLessons, seedLessons, test } from '../support/e2e/fixtures';
import { idFor, lesson, libraryUrl } from '../support/e2e/library';
import { paintedTexts, watchErrors } from '../support/e2e/page';

/** Comma, quote marks, a line break and a leading `=`: everything a CSV writer can get wrong at once. */
const HOSTILE_QUOTE = '=HYPERLINK("https://evil.example","Click me"), then\nsecond line';

function seeds() {
  return [
    lesson({
      id: idFor(1),
      kind: 'mistake',
      title: 'Formula pasted from a spreadsheet',
      quote: HOSTILE_QUOTE,
      note: '-2 hours of downtime, "roughly"',
      tags: ['csv', 'security'],
      source: { site: 'jira', project: 'ACME', url: 'https://acme.atlassian.net/browse/ACME-1', workItem: 'jira:acme.atlassian.net:ACME-1', title: 'ACME-1 Outage' },
      author: 'Ana',
      createdAt: '2025-03-04T12:00:00.000Z',
    }),
    lesson({
      id: idFor(2),
      kind: 'experience',
      title: 'Pairing on the review halved the wait',
      quote: 'Pairing on the review halved the wait',
      anchor: {
        quote: { exact: 'Pairing on the review halved the wait', prefix: 'In short: ', suffix: '.' },
        position: { start: 120, end: 157 },
        root: 'body',
      },
      tags: ['review'],
      source: { site: 'github', project: 'acme/shop', url: 'https://github.com/acme/shop/pull/7', workItem: 'github:acme/shop#7', title: 'Speed up checkout #7' },
      createdAt: '2025-03-05T12:00:00.000Z',
    }),
    lesson({
      id: idFor(3),
      kind: 'question',
      question: { text: 'Why do deploys fail on Fridays?', askedAt: '2025-03-06T12:00:00.000Z' },
      source: { site: 'jira', project: 'ACME', url: 'https://acme.atlassian.net/browse/ACME-2', workItem: 'jira:acme.atlassian.net:ACME-2', title: 'ACME-2' },
      createdAt: '2025-03-06T12:00:00.000Z',
    }),
    lesson({
      id: idFor(4),
      kind: 'performance',
      title: 'p95 latency dropped after caching',
      note: 'From 800 ms to 200 ms.',
      source: { site: 'confluence', project: 'ENG', url: 'https://acme.atlassian.net/wiki/spaces/ENG/pages/42', workItem: 'confluence:acme:42', title: 'Caching retro' },
      createdAt: '2025-03-07T12:00:00.000Z',
    }),
    // Deleted here: no export shows it.
    lesson({
      id: idFor(5),
      kind: 'mistake',
      title: 'A lesson deleted earlier',
      source: { site: 'jira', url: 'https://acme.atlassian.net/browse/ACME-3', workItem: 'jira:acme.atlassian.net:ACME-3' },
      createdAt: '2025-03-08T12:00:00.000Z',
      deletedAt: '2025-03-09T12:00:00.000Z',
    }),
  ];
}

const LIVE = [1, 2, 3, 4].map(idFor);

async function openSeeded(page: Page, sw: Worker, rows: unknown[], query = ''): Promise<void> {
  await page.goto(libraryUrl(sw));
  await expect(page.getByText('No lessons yet')).toBeVisible();
  await seedLessons(sw, rows);
  await page.goto(libraryUrl(sw, query));
  await expect(page.locator('.lesson-row').first()).toBeVisible();
}

/** Clicks an export button and returns the file's name and bytes. */
async function exportFile(page: Page, format: string): Promise<{ name: string; bytes: Buffer }> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator(`[data-format="${format}"]`).click()]);
  const path = await download.path();
  return { name: download.suggestedFilename(), bytes: readFileSync(path) };
}

const FILE_NAME = (ext: string) => new RegExp(`^lessonmark-\\d{4}-\\d{2}-\\d{2}\\.${ext}$`);

test.describe.configure({ timeout: 90_000 });

test('exports CSV, Markdown, a Markdown zip and Web Annotations of every lesson', async ({ context, sw }) => {
  const page = await context.newPage();
  const errors = watchErrors(page);
  await openSeeded(page, sw, seeds());
  await page.getByRole('tab', { name: 'Export & import' }).click();
  await expect(page.getByRole('radio', { name: 'All lessons (4)' })).toBeChecked();

  // CSV
  const csv = await exportFile(page, 'csv');
  expect(csv.name).toMatch(FILE_NAME('csv'));
  const csvText = csv.bytes.toString('utf8');
  expect(csvText.startsWith('\uFEFF')).toBe(true);
  const records = parseCsv(csvText.slice(1));
  const [header, ...rows] = records;
  expect(header).toEqual([
    'id', 'kind', 'title', 'quote', 'note', 'answers', 'tags', 'url', 'site', 'work_item', 'page_title',
    'project', 'visibility', 'author', 'created', 'updated', 'deleted', 'open_actions', 'actions',
  ]);
  expect(rows.every((r) => r.length === header.length)).toBe(true);
  const col = (r: string[], name: string) => r[header.indexOf(name)];
  expect(rows.map((r) => col(r, 'id'))).toEqual(LIVE);
  const hostile = rows[0];
  // Shown as text by a spreadsheet, and otherwise the very characters that were captured.
  expect(col(hostile, 'quote')).toBe(`'${HOSTILE_QUOTE}`);
  expect(col(hostile, 'note')).toBe(`'-2 hours of downtime, "roughly"`);
  expect(col(hostile, 'tags')).toBe('csv;security');
  expect(col(hostile, 'url')).toBe('https://acme.atlassian.net/browse/ACME-1');
  expect(csvText).toContain(`,"'=HYPERLINK(""https://evil.example"",""Click me""), then\nsecond line",`);
  expect(col(rows[2], 'title')).toBe('Why do deploys fail on Fridays?');
  for (const r of rows) for (const cell of r) expect(cell).not.toMatch(/^[=+\-@\t\r]/);

  // Markdown, one document
  const md = await exportFile(page, 'markdown');
  expect(md.name).toMatch(FILE_NAME('md'));
  const doc = md.bytes.toString('utf8');
  expect(doc).toMatch(/^# Lessons\n\n_4 lessons, exported \d{4}-\d{2}-\d{2}\._\n/);
  const headings = doc.split('\n').filter((l) => /^#{2,3} /.test(l));
  expect(headings).toEqual([
    '## What we learned from mistakes',
    '### Formula pasted from a spreadsheet',
    '## What we learned from experience',
    '### Pairing on the review halved the wait',
    '## What the numbers taught us',
    '### p95 latency dropped after caching',
    '## Open questions',
    '### Why do deploys fail on Fridays?',
  ]);
  expect(doc).toContain('> \\=HYPERLINK("https://evil.example","Click me"), then\n> second line');
  expect(doc).toContain('**Source:** [ACME-1 Outage](<https://acme.atlassian.net/browse/ACME-1>) (jira:acme.atlassian.net:ACME-1)');
  expect(doc).not.toContain('A lesson deleted earlier');

  // Markdown, one file per lesson
  const zip = await exportFile(page, 'zip');
  expect(zip.name).toMatch(FILE_NAME('zip'));
  const entries = unzipSync(new Uint8Array(zip.bytes));
  expect(Object.keys(entries)).toEqual([
    '2025-03-04-formula-pasted-from-a-spreadsheet.md',
    '2025-03-05-pairing-on-the-review-halved-the-wait.md',
    '2025-03-06-why-do-deploys-fail-on-fridays.md',
    '2025-03-07-p95-latency-dropped-after-caching.md',
  ]);
  const first = strFromU8(entries['2025-03-04-formula-pasted-from-a-spreadsheet.md']);
  expect(first.startsWith('# Formula pasted from a spreadsheet\n\n**Mistake** · captured 2025-03-04 · by Ana\n')).toBe(true);
  expect(first).toContain('> \\=HYPERLINK("https://evil.example","Click me"), then\n> second line');
  expect(first).toContain('**Tags:** csv, security');
  expect(strFromU8(entries['2025-03-06-why-do-deploys-fail-on-fridays.md'])).toContain('**Question:** Why do deploys fail on Fridays?');

  // W3C Web Annotation
  const ld = await exportFile(page, 'annotations');
  expect(ld.name).toMatch(FILE_NAME('jsonld'));
  const collection = JSON.parse(ld.bytes.toString('utf8'));
  expect(collection).toMatchObject({ '@context': 'http://www.w3.org/ns/anno.jsonld', type: 'AnnotationCollection', total: 4 });
  const items = collection.first.items;
  expect(items.map((a: { id: string }) => a.id)).toEqual(LIVE.map((id) => `urn:uuid:${id}`));
  for (const a of items) expect(a).toMatchObject({ '@context': 'http://www.w3.org/ns/anno.jsonld', type: 'Annotation' });
  expect(items[0].target).toEqual({
    type: 'SpecificResource',
    source: 'https://acme.atlassian.net/browse/ACME-1',
    selector: [{ type: 'TextQuoteSelector', exact: HOSTILE_QUOTE }],
  });
  expect(items[0].body).toContainEqual({ type: 'TextualBody', value: 'security', purpose: 'tagging' });
  expect(items[0].creator).toEqual({ type: 'Person', name: 'Ana' });
  expect(items[1].target).toEqual({
    type: 'SpecificResource',
    source: 'https://github.com/acme/shop/pull/7',
    selector: [
      { type: 'TextQuoteSelector', exact: 'Pairing on the review halved the wait', prefix: 'In short: ', suffix: '.' },
      { type: 'TextPositionSelector', start: 120, end: 157 },
    ],
  });
  expect(items[2].motivation).toBe('questioning');
  // Nothing was quoted: the annotation targets the whole page.
  expect(items[3].target).toBe('https://acme.atlassian.net/wiki/spaces/ENG/pages/42');
  expect(errors).toEqual([]);
});

test('exports of the current filter hold only the filtered lessons', async ({ context, sw }) => {
  const page = await context.newPage();
  const errors = watchErrors(page);
  await openSeeded(page, sw, seeds(), 'site=jira');
  await expect(page.locator('.lesson-row')).toHaveCount(2);
  await page.getByRole('tab', { name: 'Export & import' }).click();
  await expect(page.getByRole('radio', { name: 'The current filter (2)' })).toBeChecked();
  const filtered = [idFor(1), idFor(3)];

  const [, ...rows] = parseCsv((await exportFile(page, 'csv')).bytes.toString('utf8').slice(1));
  expect(rows.map((r) => r[0])).toEqual(filtered);

  const doc = (await exportFile(page, 'markdown')).bytes.toString('utf8');
  expect(doc).toContain('_2 lessons, exported');
  expect(doc).toContain('### Formula pasted from a spreadsheet');
  expect(doc).not.toContain('Pairing on the review');

  const entries = unzipSync(new Uint8Array((await exportFile(page, 'zip')).bytes));
  expect(Object.keys(entries)).toEqual(['2025-03-04-formula-pasted-from-a-spreadsheet.md', '2025-03-06-why-do-deploys-fail-on-fridays.md']);

  const collection = JSON.parse((await exportFile(page, 'annotations')).bytes.toString('utf8'));
  expect(collection.total).toBe(2);
  expect(collection.first.items.map((a: { id: string }) => a.id)).toEqual(filtered.map((id) => `urn:uuid:${id}`));

  const backup = JSON.parse((await exportFile(page, 'json')).bytes.toString('utf8'));
  expect(backup.lessons.map((l: { id: string }) => l.id).sort()).toEqual(filtered);

  // The same page, switched to every lesson.
  await page.getByRole('radio', { name: 'All lessons (4)' }).check();
  const [, ...all] = parseCsv((await exportFile(page, 'csv')).bytes.toString('utf8').slice(1));
  expect(all.map((r) => r[0])).toEqual(LIVE);
  expect(errors).toEqual([]);
});

const HYPOTHESIS_FILE = resolve(import.meta.dirname, '..', 'fixtures', 'import', 'hypothesis-export.json');
const POSTMORTEM = lessonIdForHypothesis('K2m7xQ9aEfC0sWbN1t4pLw');
const REVIEW = lessonIdForHypothesis('Lp0vR3bAEfC1tXcO2u5qMx');
const CANARY = lessonIdForHypothesis('Mq1wS4cBEfC2uYdP3v6rNy');

test('imports a Hypothesis export after a preview', async ({ context, sw }) => {
  const page = await context.newPage();
  const errors = watchErrors(page);
  // The canary annotation came in from an earlier export, before it was edited on Hypothesis.
  const earlier = lesson({
    id: CANARY,
    kind: 'improvement',
    quote: 'Canary release is a technique to reduce the risk of introducing a new software version',
    note: 'Start canaries small.',
    tags: ['deploy', 'improvement'],
    source: { url: 'https://martinfowler.com/bliki/CanaryRelease.html', title: 'bliki: Canary Release' },
    createdAt: '2025-03-20T09:30:00.000Z',
    updatedAt: '2025-03-20T09:30:00.000Z',
  });
  await openSeeded(page, sw, [seeds()[1], earlier]);
  await page.getByRole('tab', { name: 'Export & import' }).click();

  await page.getByLabel('File to import').setInputFiles(HYPOTHESIS_FILE);
  const preview = page.getByLabel('Import preview');
  await expect(preview.getByRole('heading')).toContainText('hypothesis-export.json (Hypothesis export, 5 records)');
  await expect(preview.locator('[data-count="new"]')).toHaveText('2 new');
  await expect(preview.locator('[data-count="update"]')).toHaveText('1 update existing');
  await expect(preview.locator('[data-count="unchanged"]')).toHaveText('0 unchanged');
  await expect(preview.locator('[data-count="invalid"]')).toHaveText('1 invalid');
  await expect(preview.locator('[data-count="skipped"]')).toHaveText('1 skipped');
  await expect(preview.locator('.import-invalid')).toContainText('annotations[4] → lesson.source.url: Invalid URL');
  await preview.locator('.import-skipped summary').click();
  await expect(preview.locator('.import-skipped')).toContainText('#3: a reply to another annotation, not a lesson');
  // Nothing is written before the person confirms.
  expect((await readLessons(sw)).map((l) => l.id).sort()).toEqual([idFor(2), CANARY].sort());

  await preview.getByRole('button', { name: 'Import 3 lessons' }).click();
  await expect(page.getByRole('status').getByText('Imported 3 lessons from hypothesis-export.json')).toBeVisible();
  await expect(preview).toBeHidden();

  const rows = await readLessons(sw);
  expect(rows.map((l) => l.id).sort()).toEqual([idFor(2), POSTMORTEM, REVIEW, CANARY].sort());
  const postmortem = rows.find((l) => l.id === POSTMORTEM);
  expect(postmortem).toMatchObject({
    kind: 'mistake',
    quote:
      'Blameless postmortems are a tenet of SRE culture, and a postmortem that assigns blame, "finger-points", discourages people from raising issues.',
    note: 'We did the opposite after the March outage: the review asked *who* pushed the config.',
    tags: ['postmortem', 'mistake', 'on-call'],
    source: {
      url: 'https://sre.google/sre-book/postmortem-culture',
      workItem: 'https://sre.google/sre-book/postmortem-culture',
      title: 'Google SRE - Blameless Postmortem for System Resilience',
    },
    author: 'Dana Reyes',
    createdAt: '2025-03-28T08:12:45.551Z',
    updatedAt: '2025-03-28T08:20:02.004Z',
    anchor: {
      quote: { prefix: 'Best Practice: Avoid Blame and Keep It Constructive\n', suffix: ' For a postmortem to be truly b' },
      position: { start: 6220, end: 6391 },
    },
  });
  expect(postmortem.deletedAt).toBeUndefined();
  expect(rows.find((l) => l.id === REVIEW)).toMatchObject({
    kind: 'experience',
    quote: 'Moving the retry into the queue consumer fixed it',
    note: '',
    tags: [],
    author: 'dana',
    source: { url: 'https://github.com/acme/shop/pull/311', site: 'github', workItem: 'github:acme/shop#311', project: 'acme/shop' },
  });
  expect(rows.find((l) => l.id === CANARY)).toMatchObject({
    note: 'Edited after the retro: start canaries at 1% and watch error budgets, not averages.',
    updatedAt: '2025-03-31T17:45:09.118Z',
  });

  await page.getByRole('tab', { name: 'Lessons' }).click();
  await expect(page.locator('.result-count')).toHaveText('4 lessons');
  await expect(page.locator('.lesson-row .lesson-card-title')).toContainText([
    'Moving the retry into the queue consumer fixed it',
    'We did the opposite after the March outage: the review asked *who* pushed the config.',
  ]);
  await expect(page.locator('.lesson-row', { hasText: 'Blameless postmortems' }).locator('q')).toHaveCount(1);
  // Its title is made from its note, so the note is not shown a second time under it.
  const canary = page.locator('.lesson-row', { hasText: 'Canary release' });
  await expect(canary.locator('.lesson-card-title')).toHaveText('Edited after the retro: start canaries at 1% and watch error budgets, not averages.');
  await expect(canary.locator('.lesson-words')).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('imported Hypothesis annotations are painted on their pages, keyed as captures there are', async ({ context, sw, sites }) => {
  const pull = sites.url('https://github.com/acme/web/pull/34');
  const article = sites.url('https://blog.example.com/2024/03/what-a-flaky-test-taught-us');
  const onPull = '0 failures, against 83 failures in 500 runs';
  const onArticle = 'two real regressions in the order module were merged';
  // As Hypothesis records them: a comment's anchor on the pull request, the article with a
  // trailing slash and a campaign parameter.
  const annotation = (id: string, uri: string, exact: string) => ({
    id,
    created: '2025-04-02T10:00:00.000000+00:00',
    updated: '2025-04-02T10:00:00.000000+00:00',
    user: 'acct:dana@hypothes.is',
    uri,
    text: 'Worth remembering.',
    tags: ['testing'],
    target: [{ source: uri, selector: [{ type: 'TextQuoteSelector', exact, prefix: '', suffix: '' }] }],
    document: { title: ['A page'] },
  });
  const file = join(tmpdir(), `hypothesis-pages-${Date.now()}.json`);
  writeFileSync(
    file,
    JSON.stringify({
      export_date: '2025-04-03T09:00:00.000Z',
      export_userid: 'acct:dana@hypothes.is',
      client_version: '1.1600.0',
      annotations: [annotation('Pq4zV7fEEfC5xBgS6y9uQb', `${pull}#discussion_r77`, onPull), annotation('Qr5aW8gFEfC6yChT7z0vRc', `${article}/?utm_source=hn`, onArticle)],
    }),
  );

  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(libraryUrl(sw));
  await expect(page.getByText('No lessons yet')).toBeVisible();
  await page.getByRole('tab', { name: 'Export & import' }).click();
  await page.getByLabel('File to import').setInputFiles(file);
  await page.getByLabel('Import preview').getByRole('button', { name: 'Import 2 lessons' }).click();
  await expect(page.getByRole('status').getByText(/Imported 2 lessons/)).toBeVisible();

  await page.goto(pull);
  await expect.poll(() => paintedTexts(page)).toEqual([onPull]);
  await page.goto(article);
  await expect.poll(() => paintedTexts(page)).toEqual([onArticle]);
  expect(errors).toEqual([]);
});

test('a file that is not JSON is refused and writes nothing', async ({ context, sw }) => {
  const page = await context.newPage();
  const errors = watchErrors(page);
  await openSeeded(page, sw, seeds());
  await page.getByRole('tab', { name: 'Export & import' }).click();
  const before = await readLessons(sw);

  // A preview already on screen goes away when another file is chosen.
  await page.getByLabel('File to import').setInputFiles(HYPOTHESIS_FILE);
  await expect(page.getByLabel('Import preview')).toBeVisible();
  const bad = join(tmpdir(), `annotations-${Date.now()}.json`);
  writeFileSync(bad, 'id,created,uri\nK2m7xQ9aEfC0sWbN1t4pLw,2025-03-28,https://sre.google/\n');
  await page.getByLabel('File to import').setInputFiles(bad);
  await expect(page.getByRole('alert')).toContainText('is not JSON');
  await expect(page.getByRole('alert')).toContainText('Nothing was changed.');
  await expect(page.getByLabel('Import preview')).toBeHidden();
  await expect(page.getByRole('button', { name: /^Import \d+ lesson/ })).toHaveCount(0);
  expect(await readLessons(sw)).toEqual(before);

  await page.getByRole('tab', { name: 'Lessons' }).click();
  await expect(page.locator('.result-count')).toHaveText('4 lessons');
  expect(await readLessons(sw)).toEqual(before);
  expect(errors).toEqual([]);
});
