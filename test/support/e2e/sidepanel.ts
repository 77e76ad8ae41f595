import type { BrowserContext, Page, Worker } from '@playwright/test';
import { uuidv7 } from '../../../lib/id';
import { LessonSchema, type Lesson, type LessonInput, type Source } from '../../../lib/lesson';
import { extensionId } from './fixtures';
import { watchErrors } from './page';
import { tabIdOf } from './popup';

export const JIRA = 'https://acme.atlassian.net/browse/ACME-123';
export const GITHUB = 'https://github.com/acme/web/issues/12';

let clock = Date.UTC(2024, 2, 1);

/** A stored lesson row; times move forward with each call so the order is known. */
export function row(over: Partial<Omit<LessonInput, 'source'>> & { source: Partial<Source> & Pick<Source, 'workItem' | 'site'> }): Lesson {
  const at = new Date((clock += 60_000)).toISOString();
  const { source, ...rest } = over;
  return LessonSchema.parse({
    id: uuidv7(Date.parse(at)),
    kind: 'mistake',
    visibility: 'private',
    createdAt: at,
    updatedAt: at,
    ...rest,
    source: { url: `https://example.test/${encodeURIComponent(source.workItem)}`, title: '', labels: [], ...source },
  });
}

export function panelUrl(sw: Worker, tabId: number): string {
  return `chrome-extension://${extensionId(sw)}/sidepanel.html?tab=${tabId}`;
}

/** Opens the side panel page as a tab pinned to the tab showing `target`. */
export async function openPanel(context: BrowserContext, sw: Worker, target: Page): Promise<{ panel: Page; errors: string[]; tabId: number }> {
  const tabId = await tabIdOf(sw, target.url());
  const panel = await context.newPage();
  const errors = watchErrors(panel);
  await panel.goto(panelUrl(sw, tabId));
  return { panel, errors, tabId };
}

/** The toolbar badge text of a tab, read in the service worker. */
export function badgeOf(sw: Worker, tabId: number): Promise<string> {
  return sw.evaluate((id) => chrome.action.getBadgeText({ tabId: id }), tabId);
}

/** The section headings of the panel, in order. */
export function headings(panel: Page): Promise<string[]> {
  return panel.locator('section h2').evaluateAll((hs) => hs.map((h) => h.firstChild?.textContent?.trim() ?? ''));
}

/** The card of a lesson in the panel, by its title. */
export const cardOf = (panel: Page, title: string) => panel.locator('li.related', { has: panel.locator('.lesson-card-title', { hasText: title }) });
