import { mkdirSync } from 'node:fs';
import { LessonSchema } from '../../lib/lesson';
import { expect, openCapture, readLessons, seedLessons, selectText, test } from '../support/e2e/fixtures';
import { optionsUrl } from '../support/e2e/sync';
import { clickUi } from '../support/e2e/closed-ui';
import { card, paintedTexts, toast } from '../support/e2e/page';

const PAGE = 'https://acme.atlassian.net/browse/ACME-900';
const TOKEN = 'ghp_9fK2mQ7xL4pR8sT1vW3yZ6bN0cD5eH2jA8kP';
const QUOTE = `Export the token ${TOKEN} before running the deploy job`;

test('a quote holding a token is redacted before sharing, and its highlight still comes back', async ({ context, sw, sites }) => {
  const html = sites
    .html('https://acme.atlassian.net/browse/ACME-123')
    .replace('<p>Nobody had tested', `<p>Runbook step 3: ${QUOTE} from the jump host.</p><p>Nobody had tested`);
  sites.set(PAGE, html);
  const page = await context.newPage();
  await page.setViewportSize({ width: 1100, height: 900 });
  await page.goto(PAGE);
  await selectText(page, QUOTE);
  await openCapture(sw, page);
  await expect(card(page)).toBeVisible();
  const panel = card(page).locator('[role="region"][aria-label="Secrets and personal data"]');
  await expect(panel).toHaveCount(0);

  await clickUi(card(page).locator('input[name="lessonmark-visibility"][value="team"]'));
  await expect(panel).toBeVisible();
  await expect(panel).toContainText('GitHub token');
  await expect(panel).toContainText('stays on this device');
  await expect(panel.locator('mark')).toHaveText(TOKEN);

  mkdirSync('docs/screenshots', { recursive: true });
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await card(page).screenshot({ path: `docs/screenshots/redact-panel-${scheme}.png` });
  }
  await page.emulateMedia({ colorScheme: 'light' });

  await card(page).locator('textarea.note').focus();
  await page.keyboard.press('Alt+r');
  await expect(panel).toHaveCount(0);
  await expect(card(page).locator('blockquote.quote')).toHaveText('Export the token [redacted: GitHub token] before running the deploy job');
  await clickUi(card(page).getByRole('button', { name: 'Save' }));
  await expect(toast(page)).toContainText('Lesson saved.');

  await expect.poll(async () => (await readLessons(sw)).length).toBe(1);
  const [lesson] = await readLessons(sw);
  expect(lesson.visibility).toBe('team');
  expect(lesson.quote).toBe('Export the token [redacted: GitHub token] before running the deploy job');
  expect(lesson.anchor.quote.exact).toBe(lesson.quote);
  expect(JSON.stringify(lesson)).not.toContain(TOKEN);

  await page.reload();
  await expect.poll(() => paintedTexts(page)).toEqual([QUOTE]);
});

test('Keep shares the text as it is, recorded by kind and hash', async ({ context, sw, sites }) => {
  const html = sites.html('https://acme.atlassian.net/browse/ACME-123').replace('<p>Nobody had tested', `<p>Step 4: ${QUOTE}.</p><p>Nobody had tested`);
  sites.set('https://acme.atlassian.net/browse/ACME-901', html);
  const page = await context.newPage();
  await page.goto('https://acme.atlassian.net/browse/ACME-901');
  await selectText(page, QUOTE);
  await openCapture(sw, page);
  await clickUi(card(page).locator('input[name="lessonmark-visibility"][value="team"]'));
  const panel = card(page).locator('[role="region"][aria-label="Secrets and personal data"]');
  await clickUi(panel.getByRole('button', { name: 'Keep the GitHub token' }));
  await expect(panel).toHaveCount(0);
  await clickUi(card(page).getByRole('button', { name: 'Save' }));
  await expect.poll(async () => (await readLessons(sw)).length).toBe(1);
  const [lesson] = await readLessons(sw);
  expect(lesson.quote).toBe(QUOTE);
  expect(lesson.keptSecrets).toEqual([{ kind: 'github-token', hash: expect.stringMatching(/^[0-9a-f]{64}$/) }]);
});

test('options: personal data can be made a stop, and "Check my team lessons" lists the lessons that wait', async ({ context, sw }) => {
  const page = await context.newPage();
  await page.setViewportSize({ width: 900, height: 900 });
  await page.goto(optionsUrl(sw));
  await expect(page.getByRole('heading', { name: 'Secrets and personal data' })).toBeVisible();
  const at = '2026-11-20T10:00:00.000Z';
  const lesson = (id: string, title: string, note: string, visibility = 'team') =>
    LessonSchema.parse({ id, kind: 'mistake', title, note, visibility, createdAt: at, updatedAt: at, source: { url: PAGE, site: 'jira', workItem: 'jira:acme.atlassian.net:ACME-900' } });
  await seedLessons(sw, [
    lesson('01900000-0000-7000-8000-000000000001', 'Deploy key in the runbook', `token ${TOKEN}`),
    lesson('01900000-0000-7000-8000-000000000002', 'Customer call', 'reported by jane.doe@acme-corp.com'),
    lesson('01900000-0000-7000-8000-000000000003', 'Private notes', `token ${TOKEN}`, 'private'),
  ]);
  await page.getByRole('button', { name: 'Check my team lessons' }).click();
  const status = page.getByRole('status').filter({ hasText: 'Checked' });
  await expect(status).toContainText('Checked 2 team lessons: 1 waits until you decide. 1 holds personal data.');
  await expect(status).toContainText('Deploy key in the runbook — holds a GitHub token');

  await page.getByLabel('Treat email addresses and phone numbers like secrets').check();
  await page.getByRole('button', { name: 'Check my team lessons' }).click();
  await expect(status).toContainText('2 wait until you decide.');
  await expect(status).toContainText('Customer call — holds an email address');
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.locator('section[aria-labelledby="secrets-title"]').screenshot({ path: `docs/screenshots/redact-options-${scheme}.png` });
  }
  await page.reload();
  await expect(page.getByLabel('Treat email addresses and phone numbers like secrets')).toBeChecked();
});

test('saved as a team lesson with the secret undecided, it is kept on the device and the toast says so', async ({ context, sw, sites }) => {
  const html = sites.html('https://acme.atlassian.net/browse/ACME-123').replace('<p>Nobody had tested', `<p>Step 5: ${QUOTE}.</p><p>Nobody had tested`);
  sites.set('https://acme.atlassian.net/browse/ACME-902', html);
  const page = await context.newPage();
  await page.goto('https://acme.atlassian.net/browse/ACME-902');
  await selectText(page, QUOTE);
  await openCapture(sw, page);
  await clickUi(card(page).locator('input[name="lessonmark-visibility"][value="team"]'));
  await clickUi(card(page).getByRole('button', { name: 'Save' }));
  await expect(toast(page)).toContainText('Lesson saved. It holds a secret, so it stays on this device until you redact or keep it.');
  await expect.poll(async () => (await readLessons(sw)).length).toBe(1);
  expect((await readLessons(sw))[0]).toMatchObject({ visibility: 'team', quote: QUOTE });
});
