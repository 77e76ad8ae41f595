import { test, expect, readLessons, seedLessons, selectText } from '../support/e2e/fixtures';
import { idFor, lesson } from '../support/e2e/library';
import { expectSeen } from '../support/e2e/look';
import { watchErrors } from '../support/e2e/page';
import { localToday, openPopup, popupUrl } from '../support/e2e/popup';

const TICKET = 'https://acme.atlassian.net/browse/ACME-123';

// Typing key by key through a real browser is slow on a busy two-core machine; the steps are many.
test.describe.configure({ timeout: 180_000 });

test('ask a question with the keyboard, answer it into a mistake with an action, tick the action off', async ({ context, sw, sites }) => {
  const ticket = await context.newPage();
  await ticket.goto(sites.url(TICKET));
  const { popup, errors } = await openPopup(context, sw, ticket);

  const why = popup.getByLabel('Ask why');
  await expect(why).toBeFocused();
  await expect(popup.getByText('No open questions here. Ask one above')).toBeVisible();
  await popup.keyboard.type('Why do we retry webhooks without backoff?');
  await popup.keyboard.press('Enter');

  const here = popup.getByRole('region', { name: 'Open questions here' });
  await expect(here.getByText('Why do we retry webhooks without backoff?')).toBeVisible();
  await expect(why).toHaveValue('');
  let [asked] = await readLessons(sw);
  expect(asked).toMatchObject({
    kind: 'question',
    title: 'Why do we retry webhooks without backoff?',
    question: { text: 'Why do we retry webhooks without backoff?' },
    source: { workItem: 'jira:acme.atlassian.net:ACME-123', project: 'ACME' },
  });
  expect(asked.tags).toContain('acme');

  await here.getByRole('button', { name: /^Answer/ }).click();
  const form = popup.getByRole('form', { name: 'Answer the question' });
  await expect(form.getByText('Why do we retry webhooks without backoff?')).toBeVisible();
  await form.getByLabel('Mistake').check();
  await form.getByLabel('Why did this happen?').fill('The policy was written for single dropped deliveries.');
  await form.getByLabel('How do we prevent it?').fill('Backoff with jitter and a cap.');
  const today = await localToday(popup);
  await form.getByLabel('New action').fill('Cap webhook retries at 6');
  await form.getByLabel('Owner').first().fill('priya');
  await form.getByLabel('Due').first().fill(today);
  await form.getByRole('button', { name: 'Save answer' }).click();

  await expect(popup.getByText('Answered: the question is now a lesson.')).toBeVisible();
  await expect(here.getByText('No open questions here.')).toBeVisible();
  [asked] = await readLessons(sw);
  expect(asked).toMatchObject({
    kind: 'mistake',
    // Answered, it is titled by its answers; the question is kept beside them.
    title: 'The policy was written for single dropped deliveries. Backoff with jitter and a cap.',
    question: { text: 'Why do we retry webhooks without backoff?' },
    answers: [
      { question: 'Why did this happen?', answer: 'The policy was written for single dropped deliveries.' },
      { question: 'What patterns are emerging?', answer: '' },
      { question: 'How do we prevent it?', answer: 'Backoff with jitter and a cap.' },
    ],
    actions: [{ text: 'Cap webhook retries at 6', owner: 'priya', due: today, done: false }],
  });

  const due = popup.getByRole('region', { name: 'Actions due' });
  await expect(due.getByText('Cap webhook retries at 6')).toBeVisible();
  await expect(due.getByText('due today')).toBeVisible();

  await due.getByRole('button', { name: 'Copy as issue: Cap webhook retries at 6' }).click();
  await expect(due.getByText('Copied as an issue')).toBeVisible();
  // Read the clipboard back the way a person does: paste (a one-line box keeps the text, not its line breaks).
  await why.focus();
  await popup.keyboard.press('Control+V');
  const pasted = await why.inputValue();
  expect(pasted).toContain('Cap webhook retries at 6');
  expect(pasted).toContain('From the lesson "The policy was written for single dropped deliveries. Backoff with jitter and a cap." (Mistake).');
  expect(pasted).toContain(`Owner: priya`);
  expect(pasted).toContain(`Due: ${today}`);
  expect(pasted).toContain('/browse/ACME-123');
  await why.fill('');

  await due.getByRole('checkbox', { name: 'Done: Cap webhook retries at 6' }).click();
  await expect(due.getByText('Nothing due.')).toBeVisible();
  [asked] = await readLessons(sw);
  expect(asked.actions[0].done).toBe(true);
  expect(Date.parse(asked.actions[0].doneAt)).toBeGreaterThan(Date.now() - 60_000);
  expect(asked.answers[0].answer).toBe('The policy was written for single dropped deliveries.');

  await due.getByRole('button', { name: 'Undo' }).click();
  // The row's checkbox, not the text: the "Done: …" note carries the text before the undo is written.
  await expect(due.getByRole('checkbox', { name: 'Done: Cap webhook retries at 6' })).toBeVisible();
  [asked] = await readLessons(sw);
  expect(asked.actions[0].done).toBe(false);
  expect(errors).toEqual([]);
});

test('a post-mortem filled with the keyboard only is saved with all three answers and the selection', async ({ context, sw, sites }) => {
  const ticket = await context.newPage();
  await ticket.goto(sites.url(TICKET));
  await selectText(ticket, 'each webhook was retried up to 40 times');
  const { popup, errors } = await openPopup(context, sw, ticket);
  await expect(popup.getByLabel('Ask why')).toBeFocused();
  await expect(popup.getByRole('button', { name: 'Post-mortem' })).toBeEnabled();

  await popup.keyboard.press('Tab');
  await popup.keyboard.press('Tab');
  await expect(popup.getByRole('button', { name: 'Post-mortem' })).toBeFocused();
  await popup.keyboard.press('Enter');
  const form = popup.getByRole('form', { name: /^Post-mortem/ });
  await expect(form.getByText('each webhook was retried up to 40 times')).toBeVisible();
  await expect(form.getByLabel('Why did this happen?')).toBeFocused();
  await popup.keyboard.type('No backoff on 503.');
  await popup.keyboard.press('Tab');
  await popup.keyboard.type('Policies written for the happy path.');
  await popup.keyboard.press('Tab');
  await popup.keyboard.type('Test against a long outage.');
  await popup.keyboard.press('Tab'); // note
  await popup.keyboard.press('Tab'); // new action
  await popup.keyboard.type('Add a retry-rate alert');
  await popup.keyboard.press('Enter'); // moves on to the owner
  await expect(form.getByLabel('Owner').first()).toBeFocused();
  await popup.keyboard.type('tom');
  await popup.keyboard.press('Control+Enter');

  await expect(popup.getByText('Post-mortem saved.')).toBeVisible();
  await expect(popup.getByLabel('Ask why')).toBeFocused();
  const [lesson] = await readLessons(sw);
  expect(lesson).toMatchObject({
    kind: 'mistake',
    quote: 'each webhook was retried up to 40 times',
    source: { workItem: 'jira:acme.atlassian.net:ACME-123' },
    answers: [
      { question: 'Why did this happen?', answer: 'No backoff on 503.' },
      { question: 'What patterns are emerging?', answer: 'Policies written for the happy path.' },
      { question: 'How do we prevent it?', answer: 'Test against a long outage.' },
    ],
    actions: [{ text: 'Add a retry-rate alert', owner: 'tom', done: false }],
    visibility: 'private',
  });
  expect(lesson.anchor.quote.exact).toBe('each webhook was retried up to 40 times');
  expect(lesson.tags).toContain('acme');

  // Titled by its answers, as sentences, not by the quote it was saved on.
  const title = 'No backoff on 503. Policies written for the happy path. Test against a long outage.';
  expect(lesson.title).toBe(title);
  const recent = popup.getByRole('region', { name: 'Recent lessons' });
  await expect(recent.getByText(title)).toBeVisible();
  const opened = context.waitForEvent('page');
  await recent.getByRole('button', { name: /No backoff on 503/ }).click();
  await opened;
  const urls = await sw.evaluate(async () => (await chrome.tabs.query({})).map((t) => t.pendingUrl ?? t.url ?? ''));
  expect(urls.some((u) => u.endsWith(`/library.html?lesson=${lesson.id}`))).toBe(true);
  expect(errors).toEqual([]);
});

test('Escape closes a template, and Enter in the last field saves', async ({ context, sw, sites }) => {
  const ticket = await context.newPage();
  await ticket.goto(sites.url(TICKET));
  const { popup, errors } = await openPopup(context, sw, ticket);
  await popup.getByRole('button', { name: 'Numbers' }).click();
  await expect(popup.getByLabel('Which number moved?')).toBeFocused();
  await popup.keyboard.type('p95 checkout latency');
  await popup.keyboard.press('Escape');
  await expect(popup.getByLabel('Ask why')).toBeFocused();
  expect(await readLessons(sw)).toEqual([]);

  await popup.getByRole('button', { name: 'Improve' }).click();
  await popup.keyboard.type('Retries have no cap.');
  await popup.getByLabel('Only me').focus();
  await popup.keyboard.press('ArrowRight');
  await expect(popup.getByLabel('My team')).toBeChecked();
  await popup.keyboard.press('Enter');
  await expect(popup.getByText('Improve saved.')).toBeVisible();
  const [lesson] = await readLessons(sw);
  expect(lesson).toMatchObject({ kind: 'improvement', visibility: 'team', title: 'Retries have no cap.' });
  expect(errors).toEqual([]);
});

test('a page extensions cannot read says so instead of offering to save', async ({ context, sw }) => {
  const blank = await context.newPage();
  await blank.goto('chrome://version');
  const tabId = await sw.evaluate(async () => (await chrome.tabs.query({ url: 'chrome://version/' }))[0]?.id);
  const popup = await context.newPage();
  const errors = watchErrors(popup);
  await popup.goto(popupUrl(sw, tabId!));
  await expect(popup.getByText('Lessonmark cannot read this page')).toBeVisible();
  await expect(popup.getByLabel('Ask why')).toBeDisabled();
  await expect(popup.getByText('No lessons yet.')).toBeVisible();
  expect(errors).toEqual([]);
});

test('a question asked on one ticket shows up live in the project list of another ticket', async ({ context, sw, sites }) => {
  const board = await context.newPage();
  await board.goto(sites.url('https://acme.atlassian.net/jira/software/c/projects/ACME/boards/1?selectedIssue=ACME-7'));
  const { popup: onBoard, errors: boardErrors } = await openPopup(context, sw, board);
  const inProject = onBoard.getByRole('region', { name: 'Open questions in ACME' });
  await expect(inProject.getByText('No other open questions in ACME.')).toBeVisible();

  const ticket = await context.newPage();
  await ticket.goto(sites.url(TICKET));
  const { popup: onTicket, errors: ticketErrors } = await openPopup(context, sw, ticket);
  await expect(onTicket.getByLabel('Ask why')).toBeFocused();
  await onTicket.keyboard.type('Why is there no retry cap?');
  await onTicket.keyboard.press('Enter');
  await expect(onTicket.getByRole('region', { name: 'Open questions here' }).getByText('Why is there no retry cap?')).toBeVisible();

  // No reload: the board's popup hears about the write through Dexie's live queries.
  await expect(inProject.getByText('Why is there no retry cap?')).toBeVisible();
  await expect(inProject.getByText('Payment webhooks retried 40 times during provider outage')).toBeVisible();
  await expect(onBoard.getByRole('region', { name: 'Open questions here' }).getByText('No open questions here.')).toBeVisible();
  expect([...boardErrors, ...ticketErrors]).toEqual([]);
});

test('long titles fit the popup: no sideways scroll, truncated rows carry the full text, Answer and every template seen', async ({ context, sw, sites }) => {
  const ticket = await context.newPage();
  await ticket.goto(sites.url(TICKET));
  const { popup, errors } = await openPopup(context, sw, ticket);
  // A toolbar popup is at most 800 px wide and sized to its content; the page as a tab is as wide as the popup.
  await popup.setViewportSize({ width: 400, height: 600 });
  const longQuestion = `Why does ${'the-webhook-retry-policy-'.repeat(4)}ignore backoff when every downstream service answers 503 for an hour?`;
  await popup.getByLabel('Ask why').fill(longQuestion);
  await popup.keyboard.press('Enter');
  const here = popup.getByRole('region', { name: 'Open questions here' });
  await expect(here.getByText(longQuestion)).toBeVisible();

  const longTitle = `Connection pool exhaustion behind the ${'load-balancer-'.repeat(8)} returned 502s for every request during the deploy window`;
  const today = await localToday(popup);
  await seedLessons(sw, [
    lesson({
      id: idFor(1),
      kind: 'performance',
      title: longTitle,
      actions: [{ id: 'a1', text: `Raise the pool size ${'and-watch-the-p99-'.repeat(6)}for a week`, due: today, done: false }],
    }),
  ]);
  await popup.reload();
  await expect(popup.getByRole('region', { name: 'Recent lessons' }).getByText(longTitle)).toHaveAttribute('title', longTitle);

  expect(await popup.evaluate(() => document.scrollingElement!.scrollWidth - document.scrollingElement!.clientWidth)).toBeLessThanOrEqual(0);
  const recentTitle = popup.getByRole('region', { name: 'Recent lessons' }).locator('.row-title').first();
  expect(await recentTitle.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
  await expectSeen(here.getByRole('button', { name: /^Answer/ }));
  for (const name of ['Reflect', 'Post-mortem', 'Numbers', 'Improve', 'Library', 'Side panel', 'Settings']) {
    await expectSeen(popup.getByRole('button', { name, exact: true }));
  }
  await expectSeen(popup.getByRole('button', { name: /^Copy as issue/ }));
  expect(errors).toEqual([]);
});

test('the header opens the library and the settings, each in a tab of its own', async ({ context, sw, sites }) => {
  const ticket = await context.newPage();
  await ticket.goto(sites.url(TICKET));
  let { popup, errors } = await openPopup(context, sw, ticket);
  await expect(popup.getByRole('heading', { level: 1, name: 'Lessonmark' })).toBeVisible();

  const library = context.waitForEvent('page');
  await popup.getByRole('button', { name: 'Library', exact: true }).click();
  const libraryPage = await library;
  await expect(libraryPage).toHaveURL(/\/library\.html$/);
  await expect(libraryPage.getByRole('searchbox').first()).toBeVisible();
  expect(errors).toEqual([]);

  if (popup.isClosed()) ({ popup, errors } = await openPopup(context, sw, ticket));
  const options = context.waitForEvent('page');
  await popup.getByRole('button', { name: 'Settings', exact: true }).click();
  const optionsPage = await options;
  await expect(optionsPage).toHaveURL(/\/options\.html$/);
  await expect(optionsPage.getByLabel(/endpoint/i).first()).toBeVisible();
  expect(errors).toEqual([]);
});
