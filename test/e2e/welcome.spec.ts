import { test, expect, readLessons, welcomePage } from '../support/e2e/fixtures';
import { expectSeen } from '../support/e2e/look';
import { card, toast, watchErrors } from '../support/e2e/page';

test.use({ keepWelcome: true });

const PRACTICE = 'The deploy failed twice because the staging database ran out of connections.';

test('a new install opens the welcome page: shortcuts as the browser binds them, a practice paragraph that saves, links that work', async ({ context, sw }) => {
  const welcome = await welcomePage(context);
  const errors = watchErrors(welcome);
  await expect(welcome.getByRole('heading', { level: 1, name: 'Welcome to Lessonmark' })).toBeVisible();

  // What the browser has bound, not what the manifest suggests: people rebind them.
  const bound = await sw.evaluate(async () =>
    (await chrome.commands.getAll())
      .filter((c) => !c.name!.startsWith('_'))
      .sort((a, b) => (a.name === 'save-lesson' ? -1 : b.name === 'save-lesson' ? 1 : 0))
      .map((c) => [c.description, c.shortcut]),
  );
  expect(bound.length).toBe(2);
  const keys = welcome.getByRole('region', { name: 'Your shortcuts' }).getByRole('row');
  await expect(keys).toHaveCount(2);
  for (const [i, [description, shortcut]] of bound.entries()) {
    await expect(keys.nth(i)).toContainText(description!);
    await expect(keys.nth(i).locator('kbd')).toHaveText(shortcut!.split('+'));
  }
  await expectSeen(welcome.getByRole('button', { name: "the browser's shortcut settings" }));

  // Triple-click selects the practice sentence's paragraph; the adder appears beside it.
  await welcome.getByText(PRACTICE).click({ clickCount: 3 });
  const adder = welcome.getByRole('button', { name: 'Save as lesson' });
  await expectSeen(adder);
  await adder.click();
  await expect(card(welcome).locator('textarea.note')).toBeFocused();
  await welcome.keyboard.type('Close connections in the retry path.');
  await welcome.keyboard.press('Enter');
  await expect(toast(welcome)).toContainText('Lesson saved.');
  const [saved] = await readLessons(sw);
  expect(saved.quote).toContain(PRACTICE);
  expect(saved.note).toBe('Close connections in the retry path.');
  expect(saved.title).toBe('Close connections in the retry path.');

  await welcome.getByRole('link', { name: 'Open the library' }).click();
  await expect(welcome).toHaveURL(/\/library\.html$/);
  await expect(welcome.getByText('Close connections in the retry path.').first()).toBeVisible();
  await welcome.goBack();
  await welcome.getByRole('link', { name: 'Open the settings' }).click();
  await expect(welcome).toHaveURL(/\/options\.html$/);
  await expect(welcome.getByLabel(/endpoint/i).first()).toBeVisible();
  expect(errors).toEqual([]);
});

test('the welcome page opens once: not again when the browser restarts', async ({ context, profile }) => {
  await (await welcomePage(context)).close();
  await context.close();
  const again = await profile.launch();
  // The install's tab opened within a second on every fresh profile; give a restart longer than that.
  await new Promise((r) => setTimeout(r, 2000));
  expect(again.pages().map((p) => p.url()).filter((u) => u.includes('/welcome.html'))).toEqual([]);
  await again.close();
});
