import { chromium, expect, test } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXTENSION_DIR } from '../support/e2e/fixtures';

/**
 * The words the browser itself shows for Lessonmark follow the browser's language: the
 * extensions page's card, the keyboard shortcuts page, the toolbar button's title and the
 * right-click entry. (The extension's own pages move to messages in a later step.)
 */
const LANGUAGES = {
  de: {
    description: 'Erkenntnisse dort festhalten, wo die Arbeit passiert – und wiederfinden, wenn es darauf ankommt.',
    command: 'Auswahl (oder die ganze Seite) als Erkenntnis speichern',
    title: 'Lessonmark – Erkenntnisse zu dieser Seite',
    menu: 'Als Erkenntnis speichern',
  },
  en: {
    description: 'Capture lessons where work happens, and find them again when they matter.',
    command: 'Save the selection (or the page) as a lesson',
    title: 'Lessonmark – lessons for this page',
    menu: 'Save as lesson',
  },
} as const;

for (const [lang, words] of Object.entries(LANGUAGES)) {
  test(`a browser in ${lang} shows Lessonmark's name, description, shortcuts and menu entry in ${lang}`, async () => {
    const profile = mkdtempSync(join(tmpdir(), `lessonmark-${lang}-`));
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      headless: true,
      locale: lang,
      args: [`--lang=${lang}`, `--disable-extensions-except=${EXTENSION_DIR}`, `--load-extension=${EXTENSION_DIR}`, '--no-first-run', '--no-sandbox'],
    });
    try {
      const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
      const page = await context.newPage();
      await page.goto('chrome://extensions/');
      await expect(page.getByText(words.description)).toBeVisible();
      await page.goto('chrome://extensions/shortcuts');
      await expect(page.getByText(words.command)).toBeVisible();
      // Neither the toolbar button nor the menu can be read from a page: ask the browser.
      const shown = await worker.evaluate(async () => ({
        title: await chrome.action.getTitle({}),
        menu: chrome.i18n.getMessage('menu_saveLesson'),
      }));
      expect(shown).toEqual({ title: words.title, menu: words.menu });
    } finally {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    }
  });
}
