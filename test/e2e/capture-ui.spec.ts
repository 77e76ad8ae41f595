import type { Page } from '@playwright/test';
import { clickUi, openRootsToTools, STASH, ui } from '../support/e2e/closed-ui';
import { expect, openCapture, readLessons, selectText, test } from '../support/e2e/fixtures';
import { expectAccessible, expectSeen, SCHEMES } from '../support/e2e/look';
import { card, paintedPoint, paintedTexts, saveQuote } from '../support/e2e/page';

const JIRA = 'https://acme.atlassian.net/browse/ACME-123';
const KEPT = 'The retry storm filled the payments-webhooks queue to 1.2 million messages.';
const SECRET = 'Private: the vendor contract ends in May.';

test('the page reads nothing of a lesson and its scripted clicks and keys do nothing in our UI', async ({ context, sw, sites }) => {
  const page = await context.newPage();
  await page.goto(sites.url(JIRA));
  await saveQuote(page, sw, KEPT, SECRET);
  const [lesson] = await readLessons(sw);
  await expect.poll(() => paintedTexts(page)).toEqual([KEPT]);

  // A script over the highlight: hovering and clicking by dispatchEvent open no card.
  const { x, y } = await paintedPoint(page, 'retry storm');
  await page.evaluate(
    ([px, py]) => {
      const target = document.elementFromPoint(px, py)!;
      for (const type of ['mousemove', 'mousedown', 'mouseup', 'click']) {
        target.dispatchEvent(new MouseEvent(type, { bubbles: true, composed: true, clientX: px, clientY: py }));
      }
    },
    [x, y] as const,
  );
  await page.waitForTimeout(800);
  await expect(ui(page).locator('.peek')).toHaveCount(0);

  // A real click opens it; the page still sees only hosts with no readable root.
  await page.mouse.click(x, y);
  const peek = ui(page).locator('.peek');
  await expect(peek).toContainText(SECRET);
  const seen = await page.evaluate(() => ({
    hosts: document.querySelectorAll('lessonmark-ui').length,
    roots: [...document.querySelectorAll('lessonmark-ui')].filter((h) => h.shadowRoot !== null).length,
    html: document.documentElement.outerHTML,
    text: document.body.innerText,
  }));
  expect(seen.hosts).toBeGreaterThan(0);
  expect(seen.roots).toBe(0);
  for (const leak of [SECRET, lesson.id, 'vendor contract']) {
    expect(seen.html).not.toContain(leak);
    expect(seen.text).not.toContain(leak);
  }

  // Scripted events on the host, the focused element and the document reach nothing inside.
  await page.evaluate(() => {
    for (const host of document.querySelectorAll('lessonmark-ui')) {
      (host as HTMLElement).click();
      host.dispatchEvent(new KeyboardEvent('keydown', { key: 'Delete', bubbles: true, composed: true }));
    }
    document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
  });

  // Even a page that held our elements (the test driver hands it the roots; no page can get
  // them) gets nowhere: clicks, keys and input it makes are not trusted and are stopped.
  await page.evaluate((stash) => {
    const roots = [...((globalThis as unknown as Record<symbol, Set<ShadowRoot>>)[Symbol.for(stash)] ?? [])];
    const buttons = roots.flatMap((r) => [...r.querySelectorAll('button')]);
    const del = buttons.find((b) => b.textContent === 'Delete')!;
    del.click();
    del.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
    del.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true }));
  }, STASH);
  await page.waitForTimeout(500);
  await expect(peek).toContainText(SECRET);
  expect((await readLessons(sw))[0].deletedAt).toBeFalsy();

  // The capture card, with a draft typed: scripted typing, Enter and clicks on Save save nothing.
  await page.keyboard.press('Escape');
  await selectText(page, 'Checkout latency rose from 300 ms to 4.8 s');
  await openCapture(sw, page);
  await expect(card(page).locator('textarea.note')).toBeFocused();
  await page.keyboard.type('typed by a person');
  await page.evaluate((stash) => {
    const roots = [...((globalThis as unknown as Record<symbol, Set<ShadowRoot>>)[Symbol.for(stash)] ?? [])];
    const note = roots.map((r) => r.querySelector('textarea.note')).find(Boolean) as HTMLTextAreaElement;
    note.value = 'typed by the page';
    note.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
    note.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true }));
    const save = [...(note.getRootNode() as ShadowRoot).querySelectorAll('button')].find((b) => b.textContent === 'Save')!;
    save.click();
    note.closest('form')?.dispatchEvent(new SubmitEvent('submit', { bubbles: true, cancelable: true }));
    // requestSubmit() fires a submit event the browser marks as trusted.
    note.closest('form')!.requestSubmit();
    note.closest('form')!.requestSubmit(save);
  }, STASH);
  await page.waitForTimeout(500);
  expect(await readLessons(sw)).toHaveLength(1);
  await expect(card(page)).toBeVisible();

  // The person's own click saves what the component holds, which the page's input never reached.
  await clickUi(card(page).getByRole('button', { name: 'Save' }));
  await expect.poll(async () => (await readLessons(sw)).length).toBe(2);
  const saved = (await readLessons(sw)).find((l) => l.id !== lesson.id);
  expect(saved.note).toBe('typed by a person');
});

/** The selection's box, in viewport pixels. */
const selectionRect = (page: Page) =>
  page.evaluate(() => {
    const r = getSelection()!.getRangeAt(0).getBoundingClientRect();
    return { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
  });

test('the card opens beside the selection, inside the viewport, and flips above it near the bottom edge', async ({ context, sw, sites }) => {
  const page = await context.newPage();
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(sites.url(JIRA));
  await selectText(page, 'Checkout latency rose from 300 ms to 4.8 s');
  const sel = await selectionRect(page);
  await openCapture(sw, page);
  await expect(card(page).locator('textarea.note')).toBeFocused();
  const box = (await card(page).boundingBox())!;
  expect(box.y).toBeGreaterThanOrEqual(sel.bottom);
  expect(box.y - sel.bottom).toBeLessThan(24);
  expect(Math.abs(box.x - Math.min(sel.left, 1280 - 8 - box.width))).toBeLessThan(2);
  expect(box.y + box.height).toBeLessThanOrEqual(800);
  // The four kinds sit on one row at the card's width.
  const kinds = await Promise.all(['Experience', 'Mistake', 'Performance', 'Improvement'].map((k) => card(page).getByText(k, { exact: true }).boundingBox()));
  expect(new Set(kinds.map((k) => Math.round(k!.y))).size).toBe(1);
  for (const control of ['textarea.note', 'input[type="radio"]:checked', 'input.tag-input', 'button[type="submit"]']) await expectSeen(card(page).locator(control));
  await page.keyboard.press('Escape');
  await expect(card(page)).toHaveCount(0);

  // The same words scrolled to the bottom of the window: the card goes above them.
  await page.evaluate(() => {
    const p = [...document.querySelectorAll('p')].find((e) => e.textContent!.includes('Checkout latency'))!;
    const spacer = document.createElement('div');
    spacer.style.height = '100vh';
    document.body.prepend(spacer);
    scrollBy(0, p.getBoundingClientRect().bottom - innerHeight + 20);
  });
  await selectText(page, 'Checkout latency rose from 300 ms to 4.8 s');
  const low = await selectionRect(page);
  expect(low.bottom).toBeGreaterThan(700);
  await openCapture(sw, page);
  await expect(card(page).locator('textarea.note')).toBeFocused();
  const above = (await card(page).boundingBox())!;
  expect(above.y + above.height).toBeLessThanOrEqual(low.top);
  expect(low.top - (above.y + above.height)).toBeLessThan(24);
  expect(above.y).toBeGreaterThanOrEqual(0);
});

test('Tab goes note, kind, tags, suggestions (one stop), who sees it, Save, Cancel and wraps; Escape closes and gives focus back', async ({ context, sw, sites }) => {
  const page = await context.newPage();
  await page.goto(sites.url(JIRA));
  const link = page.getByRole('link', { name: 'Your work' });
  await link.focus();
  await selectText(page, 'Checkout latency rose from 300 ms to 4.8 s');
  await openCapture(sw, page);
  const c = card(page);
  const note = c.locator('textarea.note');
  await expect(note).toBeFocused();
  await expect(c.locator('.suggestion')).not.toHaveCount(0);
  const stops = [
    c.locator('input[type="radio"][value="experience"]'),
    c.locator('input.tag-input'),
    c.locator('.suggestion').first(),
    c.locator('input[type="radio"][value="private"]'),
    c.getByRole('button', { name: 'Save' }),
    c.getByRole('button', { name: 'Cancel' }),
    note,
  ];
  for (const stop of stops) {
    await page.keyboard.press('Tab');
    await expect(stop).toBeFocused();
  }
  await page.keyboard.press('Shift+Tab');
  await expect(c.getByRole('button', { name: 'Cancel' })).toBeFocused();

  // Arrow keys move within the suggestions; Tab leaves them in one step.
  for (let i = 0; i < 3; i++) await page.keyboard.press('Shift+Tab');
  await expect(c.locator('.suggestion').first()).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await expect(c.locator('.suggestion').nth(1)).toBeFocused();
  const second = (await c.locator('.suggestion').nth(1).textContent())!.replace('+', '').trim();
  await page.keyboard.press('Enter');
  await expect(c.locator('.chip').filter({ hasText: second })).toHaveCount(1);
  await expect(c.locator('.suggestion').nth(1)).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(c.locator('input[type="radio"][value="private"]')).toBeFocused();

  await page.keyboard.press('Escape');
  await expect(c).toHaveCount(0);
  await expect(link).toBeFocused();
});

/** Selects `text` (inside one text node) the way a person does: press, drag, release. */
async function dragSelect(page: Page, text: string): Promise<void> {
  const ends = await page.evaluate((needle) => {
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const node = walker.currentNode as Text;
      const at = node.data.indexOf(needle);
      if (at < 0) continue;
      node.parentElement!.scrollIntoView({ block: 'center' });
      const box = (from: number) => {
        const r = document.createRange();
        r.setStart(node, from);
        r.setEnd(node, from + 1);
        return r.getBoundingClientRect();
      };
      const first = box(at);
      const last = box(at + needle.length - 1);
      return { x0: first.left + 1, y0: first.top + first.height / 2, x1: last.right - 1, y1: last.top + last.height / 2 };
    }
    return null;
  }, text);
  if (!ends) throw new Error(`"${text}" is not on the page`);
  await page.mouse.move(ends.x0, ends.y0);
  await page.mouse.down();
  await page.mouse.move(ends.x1, ends.y1, { steps: 10 });
  await page.mouse.up();
}

const adder = (page: Page) => ui(page).locator('button.adder');
const LATENCY = 'Checkout latency rose from 300 ms to 4.8 s';

test('a mouse-drag selection gets a "Save as lesson" button beside it that opens the card on that text', async ({ context, sw, sites }) => {
  const page = await context.newPage();
  await page.goto(sites.url(JIRA));
  await dragSelect(page, LATENCY);
  const selected = await page.evaluate(() => getSelection()!.toString());
  expect(selected).toContain('latency rose from 300 ms');
  await expectSeen(adder(page));
  await expect(adder(page)).toHaveAccessibleName('Save as lesson');
  const end = await page.evaluate(() => {
    const rects = getSelection()!.getRangeAt(0).getClientRects();
    const r = rects[rects.length - 1];
    return { right: r.right, top: r.top, bottom: r.bottom };
  });
  const box = (await adder(page).boundingBox())!;
  expect(Math.abs(box.y - end.bottom)).toBeLessThan(16);
  expect(Math.abs(box.x - end.right)).toBeLessThan(40);

  await clickUi(adder(page));
  await expect(card(page).locator('blockquote.quote')).toHaveText(selected.trim());
  await expect(card(page).locator('textarea.note')).toBeFocused();
  await expect(adder(page)).toBeHidden();
  await page.keyboard.type('Watch p95, not averages.');
  await page.keyboard.press('Enter');
  await expect.poll(async () => (await readLessons(sw)).map((l) => l.note)).toEqual(['Watch p95, not averages.']);
});

test('keyboard: Tab after selecting reaches the button, Enter opens the card; Escape dismisses it', async ({ context, sw, sites }) => {
  const page = await context.newPage();
  await page.goto(sites.url(JIRA));
  await dragSelect(page, LATENCY);
  await expect(adder(page)).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(adder(page)).toBeHidden();

  await page.locator('h1').click();
  await dragSelect(page, LATENCY);
  await expect(adder(page)).toBeVisible();
  await page.keyboard.press('Tab');
  await expect(adder(page)).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(card(page).locator('blockquote.quote')).toContainText('latency rose from 300 ms');
  await expect(card(page).locator('textarea.note')).toBeFocused();
  expect(await readLessons(sw)).toEqual([]);
});

test('no button for selections in text boxes or editable regions, nor when switched off in the settings', async ({ context, sw, sites }) => {
  const page = await context.newPage();
  await page.goto(sites.url(JIRA));
  // The page's own editors, made by the test.
  await page.evaluate(() => {
    const area = document.createElement('textarea');
    area.value = 'A comment being written in a text box on the page';
    area.cols = 60;
    const editable = document.createElement('div');
    editable.contentEditable = 'true';
    editable.textContent = 'A rich text editor the page offers for comments';
    document.querySelector('main')!.prepend(area, editable);
  });
  const area = page.locator('textarea').first();
  await area.click();
  await page.keyboard.press('Control+A');
  await page.waitForTimeout(600);
  await expect(adder(page)).toHaveCount(0);
  await dragSelect(page, 'rich text editor the page offers');
  expect(await page.evaluate(() => getSelection()!.toString())).toContain('rich text');
  await page.waitForTimeout(600);
  await expect(adder(page)).toHaveCount(0);

  // Switched off on the options page, with a real click.
  const options = await context.newPage();
  await options.goto(`chrome-extension://${new URL(sw.url()).host}/options.html`);
  const box = options.getByRole('checkbox', { name: 'Show a “Save as lesson” button next to selected text' });
  await expect(box).toBeChecked();
  await box.click();
  await expect(box).not.toBeChecked();
  await page.bringToFront();
  await dragSelect(page, LATENCY);
  await page.waitForTimeout(600);
  await expect(adder(page)).toHaveCount(0);
  await options.bringToFront();
  await box.click();
  await page.bringToFront();
  await page.locator('h1').click();
  await dragSelect(page, LATENCY);
  await expect(adder(page)).toBeVisible();
});

test('suggested tags come from this page and lessons near it: none of a GitHub issue\'s tags on a Confluence page', async ({ context, sw, sites }) => {
  const page = await context.newPage();
  const offered = async () => (await card(page).locator('.suggestion').allTextContents()).map((t) => t.replace('+', '').trim());
  const save = async (quote: string, tag: string) => {
    await selectText(page, quote);
    await openCapture(sw, page);
    await expect(card(page).locator('textarea.note')).toBeFocused();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.type(tag);
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await expect(card(page)).toHaveCount(0);
  };

  await page.goto(sites.url('https://github.com/acme/web/issues/12'));
  await selectText(page, 'Every rerun passed');
  await openCapture(sw, page);
  await expect.poll(offered).toContain('acme/web');
  expect(await offered()).not.toContain('github');
  await page.keyboard.press('Escape');
  await save('Every rerun passed', 'cloudflare-workers');
  await expect.poll(async () => (await readLessons(sw)).flatMap((l) => l.tags)).toContain('cloudflare-workers');

  await page.goto(sites.url('https://acme.atlassian.net/wiki/spaces/ENG/pages/123456/Incident+Review'));
  const quote = 'The webhook-retry-enabled flag let us stop the storm without a deploy.';
  await selectText(page, quote);
  await openCapture(sw, page);
  await expect.poll(offered).toContain('eng');
  for (const leaked of ['acme/web', 'cloudflare-workers', 'github', 'flaky-test', 'confluence']) expect(await offered()).not.toContain(leaked);
  await page.keyboard.press('Escape');
  await save(quote, 'retro-action');

  // Used before on this page: offered here next time.
  await selectText(page, quote);
  await openCapture(sw, page);
  await expect.poll(offered).toContain('retro-action');
  expect(await offered()).not.toContain('cloudflare-workers');
});

for (const scheme of SCHEMES) {
  test(`the capture card and the lesson card, seen and accessible (${scheme})`, async ({ context, sw, sites }) => {
    const page = await context.newPage();
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto(sites.url(JIRA));
    await saveQuote(page, sw, KEPT, 'Queue depth is a late signal: alert on the retry rate instead.');
    await expect.poll(() => paintedTexts(page)).toEqual([KEPT]);

    await selectText(page, LATENCY);
    await openCapture(sw, page);
    await expect(card(page).locator('textarea.note')).toBeFocused();
    await page.keyboard.type('Timeouts after a successful payment need a retry-safe confirmation page.');
    await expectSeen(card(page).getByRole('button', { name: 'Save' }));
    await openRootsToTools(page);
    await expectAccessible(page, 'lessonmark-ui');
    await expect(card(page)).toHaveScreenshot(`capture-card-${scheme}.png`, { maxDiffPixelRatio: 0.01 });
    if (scheme === 'light') await page.screenshot({ path: 'docs/screenshots/capture.png' });
    await page.keyboard.press('Escape');

    const { x, y } = await paintedPoint(page, 'retry storm');
    await page.mouse.click(x, y);
    const peek = ui(page).locator('.peek');
    await expect(peek).toContainText('Queue depth is a late signal');
    for (const name of ['Open', 'Edit', 'Delete']) await expectSeen(peek.getByRole('button', { name }));
    await openRootsToTools(page);
    await expectAccessible(page, 'lessonmark-ui');
    await expect(peek).toHaveScreenshot(`lesson-card-${scheme}.png`, { maxDiffPixelRatio: 0.01 });
    if (scheme === 'light') await page.screenshot({ path: 'docs/screenshots/highlight.png' });

    // Edit mode: the note gets a box to write in, not a small scrolling slot.
    await clickUi(peek.getByRole('button', { name: 'Edit' }));
    const note = peek.locator('textarea.note');
    await expect(note).toBeVisible();
    const box = (await note.boundingBox())!;
    expect(box.width).toBeGreaterThanOrEqual(380);
    expect(box.height).toBeGreaterThanOrEqual(110);
    await note.fill('Queue depth is a late signal.\nAlert on the retry rate.\nCap retries per provider.\nBack off with jitter.');
    expect(await note.evaluate((el) => el.scrollHeight <= el.clientHeight + 1)).toBe(true);
    await expectSeen(peek.getByRole('button', { name: 'Save' }));
    await expectAccessible(page, 'lessonmark-ui');
  });
}

test('after the extension is reloaded, an open page offers no button that could only fail', async ({ context, sw, sites }) => {
  const page = await context.newPage();
  await page.goto(sites.url(JIRA));
  await dragSelect(page, LATENCY);
  await expect(adder(page)).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(adder(page)).toBeHidden();

  // An update does the same: the page keeps the old script, cut off from the extension. (A headless
  // Chromium does not bring an unpacked extension back after `runtime.reload`, so the new script's
  // button on a reloaded page is not part of this test.)
  const closed = new Promise((resolve) => sw.once('close', resolve));
  await sw.evaluate(() => chrome.runtime.reload()).catch(() => {});
  await closed;
  await page.locator('h1').click();
  await dragSelect(page, LATENCY);
  await page.waitForTimeout(500);
  await expect(adder(page)).toHaveCount(0);
});
