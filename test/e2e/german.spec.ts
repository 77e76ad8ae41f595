import { chromium, type Locator, type Page } from '@playwright/test';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { clickUi, ui } from '../support/e2e/closed-ui';
import { EXTENSION_DIR, expect, openCapture, readLessons, selectText, test as base, welcomePage } from '../support/e2e/fixtures';
import { libraryUrl } from '../support/e2e/library';
import { expectSeen, SCHEMES } from '../support/e2e/look';
import { watchErrors } from '../support/e2e/page';
import { openPopup } from '../support/e2e/popup';
import { openPanel } from '../support/e2e/sidepanel';
import { makeLesson } from '../support/library-lessons';
import { exportJson } from '../../lib/export/json';

/**
 * The whole way from a page to the library in a German browser: Chromium started with
 * `--lang=de` (and LANGUAGE=de, which Chromium on Linux reads for its UI language) picks
 * `_locales/de`, and every surface on the way speaks German. German words run longer than
 * English ones, so each surface is also checked for words cut off or pushed out of view, and
 * photographed light and dark (test-results/german/) for a person to look at.
 */
const test = base.extend({
  profile: async ({ sites }, use) => {
    const dir = mkdtempSync(join(tmpdir(), 'lessonmark-de-'));
    const launch = async () => {
      const fresh = !existsSync(join(dir, 'Default'));
      const context = await chromium.launchPersistentContext(dir, {
        executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
        headless: true,
        locale: 'de-DE',
        env: { ...process.env, LANGUAGE: 'de' },
        args: [`--lang=de`, `--disable-extensions-except=${EXTENSION_DIR}`, `--load-extension=${EXTENSION_DIR}`, '--no-first-run', '--disable-gpu', '--no-sandbox'],
      });
      await sites.route(context);
      if (fresh) await (await welcomePage(context)).close();
      return context;
    };
    await use({ dir, launch });
    rmSync(dir, { recursive: true, force: true });
  },
});

const JIRA = 'https://acme.atlassian.net/browse/ACME-123';
const QUOTE = 'Our receiver treated every 503 as retryable and re-enqueued the event without backoff';
const NOTE = 'Rückversuche immer mit Backoff und Jitter.';
const SHOTS = resolve(import.meta.dirname, '..', '..', 'test-results', 'german');

/**
 * Every element that holds words is seen whole: nothing cut by its box (ellipsis aside), no word
 * broken across two lines, and nothing pushed out of view sideways.
 */
async function expectNothingCut(scope: Locator): Promise<void> {
  const cut = await scope.evaluate((root) => {
    const out: string[] = [];
    const walker = root.ownerDocument.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent?.offsetParent || parent.closest('blockquote, textarea, .lesson-card-text, .row-title, .page-title')) continue;
      for (const word of node.textContent!.matchAll(/[^\s-]{2,}/g)) {
        const range = root.ownerDocument.createRange();
        range.setStart(node, word.index);
        range.setEnd(node, word.index + word[0].length);
        const tops = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
        if (tops.size > 1) out.push(`“${word[0]}” breaks across lines in <${parent.tagName.toLowerCase()} class="${parent.className}">`);
      }
    }
    for (const el of root.querySelectorAll<HTMLElement>('button, label, legend, h1, h2, .hint, .tab, strong, kbd, .kind-badge, .visibility')) {
      if (!el.offsetParent || !el.textContent?.trim()) continue;
      const style = getComputedStyle(el);
      const ellipsis = style.textOverflow === 'ellipsis' && el.title;
      if (!ellipsis && (el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1) && style.overflow !== 'visible') out.push(`${el.tagName} “${el.textContent.trim()}” is cut`);
    }
    const ruler = root.ownerDocument.createElement('canvas').getContext('2d')!;
    for (const input of root.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('input[placeholder], textarea[placeholder]')) {
      if (!input.offsetParent || input.tagName === 'TEXTAREA') continue;
      const style = getComputedStyle(input);
      ruler.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
      const room = input.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
      if (ruler.measureText(input.placeholder).width > room + 1) out.push(`the placeholder “${input.placeholder}” is cut`);
    }
    const doc = root.ownerDocument.scrollingElement!;
    if (doc.scrollWidth > doc.clientWidth + 1) out.push(`the page scrolls sideways (${doc.scrollWidth} > ${doc.clientWidth})`);
    return out;
  });
  expect(cut).toEqual([]);
}

async function photograph(page: Page, name: string, draw: () => Promise<void>): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  for (const scheme of SCHEMES) {
    await page.emulateMedia({ colorScheme: scheme });
    await draw();
    await page.screenshot({ path: join(SHOTS, `${name}-${scheme}.png`) });
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

test('in a German browser the card, popup, side panel and library speak German, and nothing is cut off', async ({ context, sw, sites }) => {
  expect(await sw.evaluate(() => chrome.i18n.getMessage('language'))).toBe('de');

  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(sites.url(JIRA));
  await selectText(page, QUOTE);
  await openCapture(sw, page);

  const card = ui(page).locator('[role="dialog"][aria-label="Als Erkenntnis speichern"]');
  await expect(card).toBeVisible();
  await expect(card.locator('.card-head strong')).toHaveText('Als Erkenntnis speichern');
  await expect(card.locator('legend').first()).toHaveText('Art der Erkenntnis');
  await expect(card.locator('.pillar')).toHaveText(['Erfahrung', 'Fehler', 'Leistung', 'Verbesserung']);
  await expect(card.locator('textarea.note')).toHaveAttribute('placeholder', 'Was lief gut? Was lief schief? Was machen wir nächstes Mal anders?');
  await expect(card.locator('.card-foot .hint')).toHaveText('Eingabe speichert · Umschalt+Eingabe neue Zeile · Esc bricht ab');
  for (const name of ['Speichern', 'Abbrechen']) await expectSeen(card.getByRole('button', { name, exact: true }));
  await expectNothingCut(card);
  await photograph(page, 'card', async () => {
    await expect(card.locator('textarea.note')).toBeFocused();
  });

  await page.keyboard.type(NOTE);
  await page.keyboard.press('Enter');
  const toast = ui(page).locator('.toast');
  await expect(toast).toContainText('Erkenntnis gespeichert.');
  await expect(toast.getByRole('button', { name: 'Rückgängig' })).toBeVisible();
  await expect.poll(async () => (await readLessons(sw)).length).toBe(1);
  await clickUi(toast.getByRole('button', { name: 'Schließen' }));

  const { popup, errors: popupErrors } = await openPopup(context, sw, page);
  await popup.setViewportSize({ width: 400, height: 600 });
  await expect(popup.getByText('Warum fragen')).toBeVisible();
  await expect(popup.getByRole('heading', { name: 'Zuletzt' })).toBeVisible();
  await expect(popup.locator('.recent .kind')).toHaveText('Erfahrung');
  for (const name of ['Bibliothek', 'Seitenleiste', 'Einstellungen', 'Rückblick', 'Post-mortem', 'Kennzahlen', 'Verbessern']) {
    await expectSeen(popup.getByRole('button', { name, exact: true }));
  }
  await expectNothingCut(popup.locator('main'));
  await photograph(popup, 'popup', () => expect(popup.getByRole('heading', { name: 'Zuletzt' })).toBeVisible());

  const { panel, errors: panelErrors } = await openPanel(context, sw, page);
  await panel.setViewportSize({ width: 360, height: 800 });
  await expect(panel.getByRole('heading', { name: 'Passende Erkenntnisse' })).toBeVisible();
  await expect(panel.locator('section h2').first()).toContainText('Zu diesem Ticket');
  await expect(panel.locator('.reasons')).toContainText('dasselbe Ticket');
  await expect(panel.getByPlaceholder('Passende Erkenntnisse filtern  ( / )')).toBeVisible();
  for (const name of ['Auf der Seite zeigen', 'Öffnen', 'Bearbeiten', 'Hat geholfen']) await expectSeen(panel.locator('.related-actions button', { hasText: name }));
  await expectNothingCut(panel.locator('main'));
  await photograph(panel, 'sidepanel', () => expect(panel.locator('li.related')).toHaveCount(1));

  const library = await context.newPage();
  const libraryErrors = watchErrors(library);
  await library.setViewportSize({ width: 1280, height: 800 });
  await library.goto(libraryUrl(sw));
  await expect(library).toHaveTitle('Lessonmark-Bibliothek');
  await expect(library.getByRole('heading', { name: 'Lessonmark-Bibliothek' })).toBeVisible();
  await expect(library.getByRole('tab')).toHaveText(['Erkenntnisse', 'Wochenrückblick', 'Export & Import']);
  await expect(library.locator('.result-count')).toHaveText('1 Erkenntnis');
  const row = library.locator('.lesson-row').first();
  await expect(row).toContainText(NOTE);
  await expect(row.locator('.kind-badge')).toHaveText('Erfahrung');
  await expect(row.locator('.visibility')).toHaveText('Privat');
  // The day as German writes it ("3. Dez. 2026"), from the browser's language, not the page's.
  const [saved] = await readLessons(sw);
  const day = new Intl.DateTimeFormat('de', { year: 'numeric', month: 'short', day: 'numeric' }).format(new Date(saved.createdAt));
  await expect(row.locator('time')).toHaveText(day);
  await expect(library.getByLabel('Erkenntnisse durchsuchen')).toBeVisible();
  await expectNothingCut(library.locator('.library-head'));
  await expectNothingCut(library.locator('.filter-bar'));
  await photograph(library, 'library', () => expect(row).toBeVisible());

  // The look back writes its week's days as the other dates, not as ISO days.
  await library.getByRole('tab', { name: 'Wochenrückblick' }).click();
  const lookBack = library.locator('#digest-title');
  await expect(lookBack).toContainText('Woche ab');
  await expect(lookBack).not.toContainText(/\d{4}-\d\d-\d\d/);
  await expect(lookBack.locator('.muted')).toHaveText(/bis \d{1,2}\. \S+ \d{4}$/);

  await library.getByRole('tab', { name: 'Export & Import' }).click();
  const transfer = library.locator('.transfer');
  await expect(transfer.getByRole('heading', { level: 2 })).toHaveText(['Exportieren', 'Importieren']);
  await expect(transfer.locator('legend')).toHaveText('Welche Erkenntnisse');
  await expectSeen(transfer.getByRole('button', { name: 'Markdown, eine Datei je Erkenntnis (.zip)' }));
  await expect(transfer.getByLabel('Zu importierende Datei')).toBeAttached();
  await expectNothingCut(transfer);
  await photograph(library, 'transfer', () => expect(transfer).toBeVisible());

  // An imported team lesson holding a token and an email address: the preview, then its findings, in German.
  const token = 'ghp_9fK2mQ7xL4pR8sT1vW3yZ6bN0cD5eH2jA8kP';
  const incoming = makeLesson({ id: '0190a000-0000-7000-8000-0000000000d4', title: 'Deploy-Runbook', visibility: 'team', note: `export GH=${token} vor dem Deploy; Fragen an ops@acme-corp.com` });
  await transfer.getByLabel('Zu importierende Datei').setInputFiles({ name: 'team.json', mimeType: 'application/json', buffer: Buffer.from(exportJson([incoming])) });
  const preview = transfer.getByLabel('Importvorschau');
  await expect(preview.getByRole('heading')).toContainText('team.json (Lessonmark-Export, 1 Eintrag)');
  await expect(preview.locator('[data-count="new"]')).toHaveText('1 neu');
  await expect(preview.locator('p.muted').last()).toHaveText('1 neu, 0 aktualisiert, 0 unverändert');
  await expectNothingCut(preview);
  await photograph(library, 'import-preview', () => expect(preview).toBeVisible());
  await preview.getByRole('button', { name: '1 Erkenntnis importieren' }).click();
  const held = library.getByRole('region', { name: 'Erkenntnisse vor dem Teilen prüfen' });
  const findings = held.getByRole('region', { name: 'Geheimnisse und persönliche Daten' });
  await expect(findings.locator('.lm-findings-head strong')).toHaveText('Ein Geheimnis in dieser Erkenntnis');
  await expect(findings.locator('.lm-finding-label')).toHaveText(['GitHub-Token', 'E-Mail-Adresse']);
  await expectSeen(findings.getByRole('button', { name: 'Schwärzen: GitHub-Token' }));
  await expectNothingCut(held);
  await photograph(library, 'findings', () => expect(findings).toBeVisible());

  expect([...errors, ...popupErrors, ...panelErrors, ...libraryErrors]).toEqual([]);
});
