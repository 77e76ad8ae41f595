import { expect, readLessons, seedLessons, test } from '../support/e2e/fixtures';
import { saveQuote, watchErrors } from '../support/e2e/page';
import { tabIdOf } from '../support/e2e/popup';
import { GITHUB, JIRA, badgeOf, cardOf, headings, openPanel, panelUrl, row } from '../support/e2e/sidepanel';
import { importThroughWorker, send } from '../support/e2e/sync';

const ON_PAGE = 'Our receiver treated every 503 as retryable';
/** The lesson saved on ON_PAGE is titled by its note. */
const ON_PAGE_NOTE = 'Treat 503 as retry-later with backoff.';

test('the panel lists related lessons in order with reasons, flashes highlights, counts on the badge and follows navigation', async ({ context, sw, sites }) => {
  const page = await context.newPage();
  await page.goto(sites.url(JIRA));
  const jira = { site: 'jira' as const, workItem: 'jira:acme.atlassian.net:ACME-123', project: 'ACME', url: page.url() };

  // No lessons yet: the empty state teaches the shortcut.
  const first = await openPanel(context, sw, page);
  await expect(first.panel.getByText('No lessons yet.')).toBeVisible();
  await expect(first.panel.getByText('press Alt+Shift+L to save your first lesson', { exact: false })).toBeVisible();

  // A lesson captured on the page appears in the open panel without a reload.
  await saveQuote(page, sw, ON_PAGE, ON_PAGE_NOTE);
  await expect(cardOf(first.panel, ON_PAGE_NOTE)).toBeVisible();
  await expect(cardOf(first.panel, ON_PAGE_NOTE).locator('.reasons li')).toHaveText(['same ticket']);
  expect(first.errors).toEqual([]);

  // Stored the way an import stores them, through the worker: its related index (built for the
  // badge when the page loaded) follows the writes, as it does every real one.
  const provider = row({
    kind: 'mistake',
    title: 'Provider outage: webhooks retried without backoff',
    quote: 'During the provider outage every webhook was retried without backoff and the retry storm filled the queue.',
    note: 'Exponential backoff with jitter; alert on retry rate and queue depth.',
    source: { site: 'confluence', workItem: 'confluence:wiki.corp.example:1', project: 'OPS' },
  });
  await importThroughWorker(first.panel, [
    row({ title: 'Old quote that moved', quote: 'a sentence that is no longer on this ticket', anchor: { quote: { exact: 'a sentence that is no longer on this ticket' }, root: 'body' }, source: jira }),
    row({ kind: 'question', title: 'Why do we retry webhooks 40 times?', question: { text: 'Why do we retry webhooks 40 times?', askedAt: '2024-03-01T10:00:00.000Z' }, source: jira }),
    row({ kind: 'experience', title: 'Release checklist for billing', source: { site: 'jira', workItem: 'jira:acme.atlassian.net:ACME-7', project: 'ACME' } }),
    row({ kind: 'improvement', title: 'Idempotency keys for payment callbacks', tags: ['payments'], source: { site: 'github', workItem: 'github:other/repo#3', project: 'other/repo' } }),
    provider,
    row({ kind: 'performance', title: 'Flaky checkout spec: aria-disabled button', source: { site: 'github', workItem: 'github:acme/web#12', project: 'acme/web' } }),
    row({ kind: 'experience', title: 'Gardening the office plants', quote: 'Water the ficus on Mondays.', source: { site: 'web', workItem: 'https://plants.example/ficus' } }),
  ]);
  await first.panel.close();
  // A reload re-anchors the highlights and counts the badge again.
  await page.reload();
  const tabId = await tabIdOf(sw, page.url());
  const { panel, errors } = await openPanel(context, sw, page);

  await expect.poll(() => headings(panel)).toEqual(['On this ticket', 'Open questions here', 'Same project or labels', 'Similar text']);
  const section = (name: string) => panel.locator(`section.section-${name}`);
  await expect(section('workItem').locator('.lesson-card-title')).toHaveText([ON_PAGE_NOTE, 'Old quote that moved'], { useInnerText: true });
  await expect(section('questions')).toContainText('Why do we retry webhooks 40 times?');
  // Its own words are on the page, yet a lesson on this very ticket says only that.
  await expect(cardOf(panel, ON_PAGE_NOTE).locator('.reasons li')).toHaveText(['same ticket']);
  await expect(cardOf(panel, 'Release checklist for billing').locator('.reasons')).toContainText('same project ACME');
  await expect(cardOf(panel, 'Idempotency keys for payment callbacks').locator('.reasons')).toContainText('shares tag: payments');
  await expect(section('similar')).toContainText('Provider outage: webhooks retried without backoff');
  await expect(cardOf(panel, 'Provider outage: webhooks retried without backoff').locator('.reasons')).toContainText('similar text:');
  // The card leads with the lesson's own words, then the quote, once.
  const providerCard = cardOf(panel, 'Provider outage: webhooks retried without backoff');
  await expect(providerCard.locator('.lesson-words')).toHaveText('Exponential backoff with jitter; alert on retry rate and queue depth.');
  await expect(providerCard.locator('q')).toHaveCount(1);
  await expect(providerCard.locator('q')).toContainText('During the provider outage every webhook was retried');
  await expect(panel.getByText('Gardening the office plants')).toHaveCount(0);
  await expect(panel.getByText('Flaky checkout spec')).toHaveCount(0);

  // The moved quote is marked from the tab's anchoring report; the painted one flashes on request.
  await expect(cardOf(panel, 'Old quote that moved').locator('.not-found')).toContainText('Not found on this page');
  await expect(cardOf(panel, ON_PAGE_NOTE).locator('.not-found')).toHaveCount(0);
  await cardOf(panel, ON_PAGE_NOTE).getByRole('button', { name: /^Show on page/ }).click();
  await expect.poll(() => page.evaluate(() => CSS.highlights.has('lessonmark-flash'))).toBe(true);

  // Badge: work item (3) + same project (1) + tag equal to a label (1) + the provider outage, related
  // by its text alone and strongly enough to count.
  await expect.poll(() => badgeOf(sw, tabId)).toBe('6');

  // The search box filters; Escape clears it.
  const search = panel.getByRole('searchbox', { name: 'Filter related lessons' });
  await search.fill('checklist');
  await expect(panel.locator('li.related')).toHaveCount(1);
  await expect(panel.locator('li.related')).toContainText('Release checklist for billing');
  await search.press('Escape');
  await expect(panel.locator('li.related')).toHaveCount(6);

  // "This helped" counts on the card, through the background worker.
  await cardOf(panel, 'Release checklist for billing').getByRole('button', { name: /^This helped/ }).click();
  await expect(cardOf(panel, 'Release checklist for billing').getByRole('button', { name: /^This helped/ })).toHaveText('This helped · 1');

  // Deleting the text match counts the tab in front again, without a navigation.
  await page.bringToFront();
  await send(panel, 'deleteLessons', { ids: [provider.id] });
  await expect(section('similar')).toHaveCount(0);
  await expect.poll(() => badgeOf(sw, tabId)).toBe('5');

  // Navigating the tab to a GitHub issue: the panel follows, the badge is counted for it.
  await page.goto(sites.url(GITHUB));
  await expect.poll(() => headings(panel)).toEqual(['On this issue']);
  await expect(panel.locator('li.related .lesson-card-title')).toHaveText(['Flaky checkout spec: aria-disabled button']);
  await expect(cardOf(panel, 'Flaky checkout spec').locator('.reasons li')).toHaveText(['same issue']);
  await expect.poll(() => badgeOf(sw, tabId)).toBe('1');

  expect(errors).toEqual([]);
});

test('quick edit and open in the library from the panel; pages extensions cannot read say so', async ({ context, sw, sites }) => {
  const page = await context.newPage();
  await page.goto(sites.url(JIRA));
  const first = await openPanel(context, sw, page);
  await expect(first.panel.getByText('No lessons yet.')).toBeVisible();
  await first.panel.close();
  const lesson = row({ title: 'Retry budget per provider', note: 'Cap at six.', source: { site: 'jira', workItem: 'jira:acme.atlassian.net:ACME-123', project: 'ACME' } });
  await seedLessons(sw, [lesson]);
  const { panel, errors } = await openPanel(context, sw, page);

  const card = cardOf(panel, 'Retry budget per provider');
  await card.getByRole('button', { name: /^Edit/ }).click();
  const title = card.getByRole('textbox', { name: 'Title' });
  await expect(title).toBeFocused();
  await title.fill('Retry budget per payment provider');
  await card.getByRole('textbox', { name: 'Note' }).fill('Cap at six attempts, with jitter.');
  await panel.keyboard.press('Control+Enter');
  await expect(cardOf(panel, 'Retry budget per payment provider')).toBeVisible();
  await expect.poll(async () => (await readLessons(sw)).find((l) => l.id === lesson.id)?.note).toBe('Cap at six attempts, with jitter.');
  // Escape leaves the editor without saving.
  await cardOf(panel, 'Retry budget per payment provider').getByRole('button', { name: /^Edit/ }).click();
  await panel.keyboard.type(' (draft)');
  await panel.keyboard.press('Escape');
  await expect(cardOf(panel, 'Retry budget per payment provider').getByRole('button', { name: /^Edit/ })).toBeVisible();
  await expect(panel.getByText('(draft)')).toHaveCount(0);

  const opened = context.waitForEvent('page');
  await cardOf(panel, 'Retry budget per payment provider').getByRole('button', { name: /^Open/ }).click();
  const library = await opened;
  await expect.poll(() => library.url()).toContain(`/library.html?lesson=${lesson.id}`);
  expect(errors).toEqual([]);

  // A browser page: nothing to read there, and the panel says so instead of spinning.
  const internal = await context.newPage();
  await internal.goto('chrome://version');
  const internalId = await sw.evaluate(async () => (await chrome.tabs.query({})).find((t) => t.url?.startsWith('chrome://version'))?.id);
  const closed = await context.newPage();
  const closedErrors = watchErrors(closed);
  await closed.goto(panelUrl(sw, internalId!));
  await expect(closed.getByText("Lessonmark can't read this page.")).toBeVisible();
  expect(closedErrors).toEqual([]);
});
