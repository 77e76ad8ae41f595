import { mkdirSync } from 'node:fs';
import { LessonSchema } from '../../lib/lesson';
import { expect, openCapture, readLessons, seedLessons, selectText, test } from '../support/e2e/fixtures';
import { optionsUrl } from '../support/e2e/sync';
import { clickUi } from '../support/e2e/closed-ui';
import { card, paintedTexts, toast, watchErrors } from '../support/e2e/page';
import { idFor, lesson as libraryLesson, libraryUrl } from '../support/e2e/library';
import { expectSeen } from '../support/e2e/look';
import { localToday, openPopup } from '../support/e2e/popup';

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

test('"Copy as issue" in the popup shows the token first; Alt+R redacts it and the copy carries the redaction', async ({ context, sw, sites }) => {
  const ticket = await context.newPage();
  await ticket.goto(sites.url('https://acme.atlassian.net/browse/ACME-123'));
  const today = await localToday(ticket);
  await seedLessons(sw, [
    libraryLesson({
      id: idFor(1),
      kind: 'mistake',
      title: 'The deploy job printed its environment',
      note: `It showed GH=${TOKEN} in the log.`,
      actions: [{ id: 'a1', text: 'Revoke the leaked CI token', owner: 'priya', due: today, done: false }],
    }),
  ]);
  const { popup, errors } = await openPopup(context, sw, ticket);
  const due = popup.getByRole('region', { name: 'Actions due' });
  await due.getByRole('button', { name: 'Copy as issue: Revoke the leaked CI token' }).click();
  const check = popup.getByRole('region', { name: 'Check before copying' });
  await expectSeen(check);
  await expect(check).toContainText('The text to copy holds secrets or personal data');
  await expect(check.locator('mark')).toHaveText(TOKEN);
  await expect(due.getByText('Copied as an issue')).toHaveCount(0);

  mkdirSync('docs/screenshots', { recursive: true });
  for (const scheme of ['light', 'dark'] as const) {
    await popup.emulateMedia({ colorScheme: scheme });
    await popup.locator('.popup').screenshot({ path: `docs/screenshots/redact-copy-${scheme}.png` });
  }
  await popup.emulateMedia({ colorScheme: 'light' });

  await popup.keyboard.press('Alt+r');
  await expect(check).toContainText('Nothing left to decide.');
  await check.getByRole('button', { name: 'Copy as shown' }).click();
  await expect(check).toHaveCount(0);
  await expect(due.getByText('Copied as an issue')).toBeVisible();
  // Read the clipboard back the way a person does: paste it.
  const why = popup.getByLabel('Ask why');
  await why.focus();
  await popup.keyboard.press('Control+V');
  const pasted = await why.inputValue();
  expect(pasted).toContain('Revoke the leaked CI token');
  expect(pasted).toContain('GH=[redacted: GitHub token]');
  expect(pasted).not.toContain(TOKEN);
  // The lesson on this device is as it was: the redaction was for this copy.
  expect((await readLessons(sw))[0].note).toBe(`It showed GH=${TOKEN} in the log.`);
  expect(errors).toEqual([]);
});

test('sharing selected lessons with the team lists those holding secrets; Redact and Keep are stored to each lesson', async ({ context, sw }) => {
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.setViewportSize({ width: 1100, height: 900 });
  await seedLessons(sw, [
    libraryLesson({ id: idFor(1), kind: 'mistake', title: 'Deploy key in the runbook', quote: `export GH=${TOKEN} before the deploy` }),
    libraryLesson({ id: idFor(2), kind: 'experience', title: 'Customer call about invoices', note: 'Reported by jane.doe@acme-corp.com' }),
    libraryLesson({ id: idFor(3), kind: 'improvement', title: 'Pin the node version' }),
  ]);
  await page.goto(libraryUrl(sw));
  for (const title of ['Deploy key in the runbook', 'Customer call about invoices', 'Pin the node version']) {
    await page.getByRole('checkbox', { name: `Select ${title}` }).click();
  }
  await page.getByRole('button', { name: 'Share with team' }).click();
  const held = page.getByRole('region', { name: 'Lessons to check before sharing' });
  await expectSeen(held);
  await expect(held.getByRole('heading')).toHaveText('2 lessons hold secrets or personal data');
  await expect(held.locator('mark')).toHaveText([TOKEN, 'jane.doe@acme-corp.com']);
  await expect(held).not.toContainText('Pin the node version');
  await expect(page.getByRole('status').filter({ hasText: '3 lessons now shared with the team; 1 of them holds a secret' })).toBeVisible();
  await page.getByRole('button', { name: 'Dismiss' }).click();
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await held.screenshot({ path: `docs/screenshots/redact-bulk-share-${scheme}.png` });
  }
  await page.emulateMedia({ colorScheme: 'light' });

  await held.getByRole('button', { name: 'Redact the GitHub token' }).click();
  await expect(held.locator('mark')).toHaveText(['jane.doe@acme-corp.com']);
  await held.getByRole('button', { name: 'Keep the email address' }).click();
  await expect(held.getByRole('heading')).toHaveText('Nothing left to decide.');
  const rows = await readLessons(sw);
  const key = rows.find((l) => l.id === idFor(1));
  expect(key).toMatchObject({ visibility: 'team', quote: 'export GH=[redacted: GitHub token] before the deploy' });
  expect(JSON.stringify(key)).not.toContain(TOKEN);
  expect(rows.find((l) => l.id === idFor(2)).keptSecrets).toEqual([{ kind: 'email', hash: expect.stringMatching(/^[0-9a-f]{64}$/) }]);
  await held.getByRole('button', { name: 'Done' }).click();
  await expect(held).toHaveCount(0);
  expect(errors).toEqual([]);
});
