import type { Page, Worker } from '@playwright/test';
import { ui } from './closed-ui';
import { expect, openCapture, readLessons, selectText } from './fixtures';

export const card = (page: Page) => ui(page).locator('[role="dialog"][aria-label="Save as lesson"]');
export const toast = (page: Page) => ui(page).locator('.toast');

/** Saves `quote` on the page as a lesson of `kind`, through the capture card and the keyboard. */
export async function saveQuote(page: Page, sw: Worker, quote: string, note = '', pillarSteps = 0): Promise<void> {
  const before = (await readLessons(sw)).length;
  await selectText(page, quote);
  await openCapture(sw, page);
  await expect(card(page).locator('textarea.note')).toBeFocused();
  if (note) await page.keyboard.type(note);
  if (pillarSteps) {
    await page.keyboard.press('Tab');
    for (let i = 0; i < pillarSteps; i++) await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Shift+Tab');
  }
  await page.keyboard.press('Enter');
  await expect(toast(page)).toContainText('Lesson saved.');
  await expect.poll(async () => (await readLessons(sw)).length).toBe(before + 1);
  await page.evaluate(() => getSelection()?.removeAllRanges());
}

/** The text of every painted range, read from the page's CSS highlight registry. */
export async function paintedTexts(page: Page): Promise<string[]> {
  return page.evaluate(paintedInDocument);
}

/** Runs in the page (Playwright's or puppeteer's `evaluate`): no named functions inside. */
export function paintedInDocument(): string[] {
  const out: string[] = [];
  for (const [name, highlight] of CSS.highlights) {
    if (!name.startsWith('lessonmark-') || name === 'lessonmark-flash') continue;
    for (const range of highlight as unknown as Set<Range>) out.push(range.toString().replace(/\s+/g, ' ').trim());
  }
  return out.sort();
}

/** The viewport centre of the first painted range whose text contains `text`. */
export async function paintedPoint(page: Page, text: string): Promise<{ x: number; y: number }> {
  const point = await page.evaluate((needle) => {
    for (const [name, highlight] of CSS.highlights) {
      if (!name.startsWith('lessonmark-')) continue;
      for (const range of highlight as unknown as Set<Range>) {
        if (!range.toString().includes(needle)) continue;
        range.startContainer.parentElement?.scrollIntoView({ block: 'center' });
        const r = range.getClientRects()[0];
        return { x: r.left + Math.min(r.width / 2, 20), y: r.top + r.height / 2 };
      }
    }
    return null;
  }, text);
  if (!point) throw new Error(`"${text}" is not painted`);
  return point;
}

/** Errors that our scripts cause on the page: a polished extension leaves the console clean. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  return errors;
}
