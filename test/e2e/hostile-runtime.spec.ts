import type { Page } from '@playwright/test';
import { clickUi, ui } from '../support/e2e/closed-ui';
import { expect, openCapture, readLessons, test } from '../support/e2e/fixtures';
import { expectSeen } from '../support/e2e/look';
import { paintedPoint, paintedTexts, toast, watchErrors } from '../support/e2e/page';

/**
 * A page that breaks what a careless extension borrows from the page's world: it overrides
 * `Element.prototype` and `Node.prototype` methods, freezes `Array.prototype` and
 * `Object.prototype`, replaces `fetch`, `JSON` and `postMessage`, sets a strict CSP (nothing inline
 * without its nonce), and re-renders its article every second. The content script lives in its
 * own world, so capture, highlights and the card work, and nothing of the page runs twice.
 */
const URL = 'https://blog.example.com/2024/05/hostile-runtime';
const QUOTE = 'The rollback took four minutes because the previous image was still warm on every node.';
const NOTE = 'Keep the last two images warm.';

const renders = (page: Page) => page.evaluate(() => (window as unknown as { renders: number }).renders);

/** Waits for a re-render to have just happened, so the next steps fit before the following one. */
async function afterRender(page: Page): Promise<void> {
  const now = await renders(page);
  await expect.poll(() => renders(page), { intervals: [20] }).toBeGreaterThan(now);
}

test('capture, highlights and the lesson card work on a page that breaks its built-ins, sets a strict CSP and re-renders every second', async ({ context, sw, sites }) => {
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(sites.url(URL));
  await afterRender(page);
  await page.evaluate(() => ((window as unknown as { holdRenders: boolean }).holdRenders = true));

  // A person selects the paragraph (triple click) and saves it with the shortcut's handler.
  const paragraph = page.getByText(QUOTE);
  const box = (await paragraph.boundingBox())!;
  await page.mouse.click(box.x + 20, box.y + box.height / 2, { clickCount: 3 });
  await openCapture(sw, page);
  // Locators here are one query each: the page's overridden Element.prototype.querySelectorAll
  // would blind Playwright's own chained queries (a limit of the harness, not of the extension).
  const c = ui(page).locator('[role="dialog"][aria-label="Save as lesson"]');
  await expect(ui(page).locator('[role="dialog"] textarea.note')).toBeFocused();
  await expect(c).toContainText('rollback took four minutes');
  await page.evaluate(() => ((window as unknown as { holdRenders: boolean }).holdRenders = false));
  // Styled despite the page's CSP: the card has its own background, not the page's transparent text flow.
  expect(await c.evaluate((el) => getComputedStyle(el).backgroundColor)).not.toBe('rgba(0, 0, 0, 0)');
  await page.keyboard.type(NOTE);
  const save = ui(page).locator('[role="dialog"] button[type="submit"]');
  await expect(save).toHaveText('Save');
  await expectSeen(save);
  await clickUi(save);
  await expect(toast(page)).toContainText('Lesson saved.');
  const [lesson] = await readLessons(sw);
  expect(lesson).toMatchObject({ note: NOTE, quote: QUOTE });

  // Each re-render replaces the text the highlight was on: it is painted again on the new text.
  await expect.poll(() => paintedTexts(page)).toEqual([QUOTE]);
  await afterRender(page);
  await afterRender(page);
  await expect.poll(() => paintedTexts(page)).toEqual([QUOTE]);

  // After a reload the lesson comes back, and a real click on it shows the card with the note.
  await page.reload();
  await expect.poll(() => paintedTexts(page)).toEqual([QUOTE]);
  await afterRender(page);
  await expect.poll(() => paintedTexts(page)).toEqual([QUOTE]);
  const { x, y } = await paintedPoint(page, 'rollback took four minutes');
  await page.mouse.click(x, y);
  await expect(ui(page).locator('.peek')).toContainText(NOTE);

  // The page's own script ran once per load: we never re-ran or re-inserted it.
  expect(await page.evaluate(() => (window as unknown as { runs: number }).runs)).toBe(1);
  expect(errors.filter((e) => !e.startsWith('hostile page:'))).toEqual([]);
});
