import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page, Worker } from '@playwright/test';
import { expect, launchExtension, readLessons, serviceWorker, test } from '../support/e2e/fixtures';
import { libraryUrl } from '../support/e2e/library';
import { expectAccessible, SCHEMES } from '../support/e2e/look';
import { paintedTexts, saveQuote, watchErrors } from '../support/e2e/page';

const JIRA = 'https://acme.atlassian.net/browse/ACME-123';
const ARTICLE = 'https://blog.example.com/2024/03/what-a-flaky-test-taught-us';
const PULL = 'https://github.com/acme/web/pull/34';
const ON_JIRA = 'The retry storm filled the payments-webhooks queue to 1.2 million messages.';
const ON_ARTICLE = 'The cost was that a red nightly build stopped meaning anything.';
const ON_PULL = '0 failures, against 83 failures in 500 runs';
const W3C_EXAMPLES = resolve(import.meta.dirname, '..', 'fixtures', 'webanno', 'w3c-examples', 'collection1.json');

test.describe.configure({ timeout: 120_000 });

/** Clicks the Web Annotation export button and returns the saved file's path. */
async function exportAnnotations(page: Page): Promise<string> {
  await page.getByRole('tab', { name: 'Export & import' }).click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'W3C Web Annotation (JSON-LD)' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^lessonmark-\d{4}-\d{2}-\d{2}\.jsonld$/);
  const file = join(tmpdir(), `webanno-${Date.now()}.jsonld`);
  writeFileSync(file, readFileSync(await download.path()));
  return file;
}

async function openImport(page: Page, sw: Worker): Promise<void> {
  await page.goto(libraryUrl(sw));
  await expect(page.getByText('No lessons yet')).toBeVisible();
  await page.getByRole('tab', { name: 'Export & import' }).click();
}

/** What the Web Annotation model carries of a lesson. */
function carried(l: Record<string, any>) {
  return {
    id: l.id,
    kind: l.kind,
    quote: l.quote,
    note: l.note,
    tags: l.tags,
    anchor: l.anchor,
    source: { url: l.source.url, site: l.source.site, workItem: l.source.workItem },
    createdAt: l.createdAt,
    updatedAt: l.updatedAt,
  };
}

test('lessons exported as Web Annotations come back in an empty profile, highlighted on their pages', async ({ context, sw, sites }) => {
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(sites.url(JIRA));
  await saveQuote(page, sw, ON_JIRA, 'Retry with backoff, and cap the attempts.');
  await page.goto(sites.url(ARTICLE));
  await saveQuote(page, sw, ON_ARTICLE, 'A flaky test is an owned bug.', 1);
  await page.goto(sites.url(PULL));
  await saveQuote(page, sw, ON_PULL);
  const originals = await readLessons(sw);
  expect(originals).toHaveLength(3);
  // Jira's issue body is a content root: positions count within it, not in the whole page.
  expect(originals.find((l) => l.quote === ON_JIRA).anchor.root).not.toBe('body');

  await page.goto(libraryUrl(sw));
  await expect(page.locator('.lesson-row')).toHaveCount(3);
  const file = await exportAnnotations(page);
  const collection = JSON.parse(readFileSync(file, 'utf8'));
  const jira = collection.first.items.find((a: { target: { source?: string } }) => a.target.source === JIRA);
  expect(jira.target.selector[0]).toMatchObject({ type: 'CssSelector', refinedBy: [{ type: 'TextQuoteSelector', exact: ON_JIRA }, { type: 'TextPositionSelector' }] });
  expect(errors).toEqual([]);

  // Another browser profile, with nothing in it.
  const dir = mkdtempSync(join(tmpdir(), 'lessonmark-empty-'));
  const other = await launchExtension(dir, sites);
  try {
    const sw2 = await serviceWorker(other);
    const library = await other.newPage();
    const errors2 = watchErrors(library);
    await openImport(library, sw2);
    await library.getByLabel('File to import').setInputFiles(file);
    const preview = library.getByLabel('Import preview');
    await expect(preview.getByRole('heading')).toContainText('(W3C Web Annotations, 3 records)');
    await expect(preview.locator('[data-count="new"]')).toHaveText('3 new');
    await expect(preview.locator('[data-count="invalid"]')).toHaveText('0 invalid');
    expect(await readLessons(sw2)).toEqual([]);
    await preview.getByRole('button', { name: 'Import 3 lessons' }).click();
    await expect(library.getByRole('status').getByText(/Imported 3 lessons from webanno-/)).toBeVisible();

    const back = await readLessons(sw2);
    const byId = new Map(back.map((l) => [l.id, l]));
    for (const original of originals) expect(carried(byId.get(original.id)), original.quote).toEqual(carried(original));

    for (const [url, quote] of [
      [JIRA, ON_JIRA],
      [ARTICLE, ON_ARTICLE],
      [PULL, ON_PULL],
    ]) {
      await library.goto(sites.url(url));
      await expect.poll(() => paintedTexts(library), { message: url }).toEqual([quote]);
    }
    expect(errors2).toEqual([]);
  } finally {
    await other.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the preview lists what could not be kept of each annotation, with the reason', async ({ context, sw }) => {
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.setViewportSize({ width: 1280, height: 800 });
  await openImport(page, sw);
  await page.getByLabel('File to import').setInputFiles(W3C_EXAMPLES);
  const preview = page.getByLabel('Import preview');
  await expect(preview.getByRole('heading')).toContainText('collection1.json (W3C Web Annotations, 43 records)');
  const inPart = preview.locator('.import-in-part');
  await expect(inPart.locator('summary')).toHaveText('Imported in part: what could not be kept');
  await expect(inPart).toContainText('#25: its place on the page is a shape drawn on an image (SvgSelector): imported as about the whole page');
  await expect(inPart).toContainText('#21: its place on the page is an XPath into the page, without the quoted text (XPathSelector)');
  await expect(inPart).toContainText('#8: it is about 2 pages: only the first, http://example.org/image1, is kept');
  for (const scheme of SCHEMES) {
    await page.emulateMedia({ colorScheme: scheme });
    await expectAccessible(page, '.import-preview');
    await preview.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `test-results/webanno-preview-${scheme}.png`, fullPage: true });
  }
  expect(await readLessons(sw)).toEqual([]);
  expect(errors).toEqual([]);
});

test('a Web Annotation collection whose pages are not in the file is refused, and nothing is written', async ({ context, sw }) => {
  const page = await context.newPage();
  const errors = watchErrors(page);
  await openImport(page, sw);
  const file = join(tmpdir(), `linked-pages-${Date.now()}.jsonld`);
  writeFileSync(
    file,
    JSON.stringify({ '@context': 'http://www.w3.org/ns/anno.jsonld', id: 'https://example.org/c', type: 'AnnotationCollection', total: 2, first: 'https://example.org/c/1' }),
  );
  await page.getByLabel('File to import').setInputFiles(file);
  await expect(page.getByRole('alert')).toContainText('only links to its pages');
  await expect(page.getByRole('alert')).toContainText('Nothing was changed.');
  await expect(page.getByLabel('Import preview')).toBeHidden();
  expect(await readLessons(sw)).toEqual([]);
  expect(errors).toEqual([]);
});
