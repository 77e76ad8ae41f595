import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { test, expect, seedLessons, welcomePage } from '../support/e2e/fixtures';
import { idFor, lesson } from '../support/e2e/library';
import { expectAccessible, expectSeen, SCHEMES } from '../support/e2e/look';
import { openPopup } from '../support/e2e/popup';

const TICKET = 'https://acme.atlassian.net/browse/ACME-123';
const SHOTS = resolve(import.meta.dirname, '..', '..', 'docs', 'screenshots');

for (const scheme of SCHEMES) {
  test(`the popup with long content, ${scheme}: seen, accessible, as its baseline`, async ({ context, sw, sites }) => {
    const ticket = await context.newPage();
    await ticket.goto(sites.url(TICKET));
    const { popup, errors } = await openPopup(context, sw, ticket);
    await popup.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
    await popup.setViewportSize({ width: 400, height: 600 });
    await popup.getByLabel('Ask why').fill('Why do webhook retries ignore backoff when every downstream service answers 503 for an hour?');
    await popup.keyboard.press('Enter');
    await expect(popup.getByRole('region', { name: 'Open questions here' }).getByRole('button', { name: /^Answer/ })).toBeVisible();
    const today = await popup.evaluate(() => new Date().toLocaleDateString('sv'));
    const at = '2026-11-20T10:00:00.000Z';
    await seedLessons(sw, [
      lesson({ id: idFor(1), kind: 'mistake', title: 'Connection pool exhaustion behind the load balancer returned 502s for every request during the deploy window', createdAt: at, updatedAt: at }),
      lesson({ id: idFor(2), kind: 'performance', title: 'p95 latency halved by caching the pricing lookups', createdAt: at, updatedAt: at, actions: [{ id: 'a1', text: 'Raise the pool size and watch p99 for a week', owner: 'priya', due: today, done: false }] }),
      lesson({ id: idFor(3), kind: 'experience', title: 'Pairing on the migration went well', createdAt: at, updatedAt: at }),
      lesson({ id: idFor(4), kind: 'improvement', title: 'Retries have no cap', createdAt: at, updatedAt: at }),
    ]);
    await popup.reload();
    await expect(popup.getByRole('region', { name: 'Recent lessons' }).getByRole('listitem')).toHaveCount(5); // the four and the question

    await expect(popup.getByLabel('Ask why')).toBeFocused();
    for (const name of ['Library', 'Side panel', 'Settings', 'Reflect', 'Post-mortem', 'Numbers', 'Improve']) await expectSeen(popup.getByRole('button', { name, exact: true }));
    await expectSeen(popup.getByLabel('Ask why'));
    await expectSeen(popup.getByRole('button', { name: /^Answer/ }));
    await expectSeen(popup.getByRole('checkbox', { name: /^Done:/ }));
    await expectSeen(popup.getByRole('region', { name: 'Recent lessons' }).getByRole('button').first());
    expect(await popup.evaluate(() => document.scrollingElement!.scrollWidth <= document.scrollingElement!.clientWidth)).toBe(true);
    await expectAccessible(popup);

    // The dates and ids above are fixed; the baseline shows only what they make.
    await expect(popup).toHaveScreenshot(`popup-${scheme}.png`, { fullPage: true });
    if (scheme === 'light') {
      mkdirSync(SHOTS, { recursive: true });
      await popup.screenshot({ path: resolve(SHOTS, 'popup.png'), fullPage: true });
    }
    expect(errors).toEqual([]);
  });
}

test.describe('the welcome page', () => {
  test.use({ keepWelcome: true });
  for (const scheme of SCHEMES) {
    test(`${scheme}: seen, accessible, as its baseline`, async ({ context }) => {
      const welcome = await welcomePage(context);
      await welcome.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
      await welcome.setViewportSize({ width: 1024, height: 900 });
      await expect(welcome.getByRole('region', { name: 'Your shortcuts' }).locator('kbd').first()).toBeVisible();
      await expectSeen(welcome.getByRole('heading', { level: 1 }));
      await expectSeen(welcome.getByRole('link', { name: 'Open the library' }));
      await expectSeen(welcome.getByRole('link', { name: 'Open the settings' }));
      await expectSeen(welcome.getByRole('button', { name: "the browser's shortcut settings" }));
      await expectAccessible(welcome);
      await expect(welcome).toHaveScreenshot(`welcome-${scheme}.png`, { fullPage: true });
      if (scheme === 'light') {
        mkdirSync(SHOTS, { recursive: true });
        await welcome.screenshot({ path: resolve(SHOTS, 'welcome.png'), fullPage: true });
      }
    });
  }
});
