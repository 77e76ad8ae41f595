import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { expect } from './fixtures';

/**
 * Why an element in the page can't be seen by a person, or null when it can: a box of no size,
 * outside the viewport, clipped away by an ancestor's overflow, or covered by another element.
 * Runs in the page; no named functions inside (they would not survive serialisation).
 */
export function whyUnseen(el: Element): string | null {
  const box = el.getBoundingClientRect();
  if (box.width < 1 || box.height < 1) return `its box is ${box.width}×${box.height} px`;
  const view = { left: 0, top: 0, right: innerWidth, bottom: innerHeight };
  const cx = box.left + box.width / 2;
  const cy = box.top + box.height / 2;
  if (cx < view.left || cx > view.right || cy < view.top || cy > view.bottom) return `its centre (${cx}, ${cy}) is outside the ${innerWidth}×${innerHeight} viewport`;
  for (let a: Element | null = el.parentElement ?? ((el.getRootNode() as ShadowRoot).host ?? null); a; a = a.parentElement ?? ((a.getRootNode() as ShadowRoot).host ?? null)) {
    const style = getComputedStyle(a);
    if (style.overflowX === 'visible' && style.overflowY === 'visible') continue;
    const clip = a.getBoundingClientRect();
    if (cx < clip.left || cx > clip.right || cy < clip.top || cy > clip.bottom) {
      return `its centre is clipped by <${a.tagName.toLowerCase()} class="${a.className}"> (${clip.width}×${clip.height} px, overflow ${style.overflowX}/${style.overflowY})`;
    }
  }
  const root = el.getRootNode() as Document | ShadowRoot;
  const hit = root.elementFromPoint(cx, cy);
  if (!hit || !(hit === el || el.contains(hit))) return `its centre is covered by <${hit?.tagName.toLowerCase()} class="${hit?.className}">`;
  return null;
}

/**
 * The one "a person can see it" assertion: a non-zero box, inside the viewport and its scroll
 * container, not clipped by an ancestor's overflow, not covered. Retries like Playwright's own
 * assertions, for content that is still being drawn.
 */
export async function expectSeen(locator: Locator, timeout = 10_000): Promise<void> {
  await expect(locator.first()).toBeAttached({ timeout });
  await expect
    .poll(async () => (await locator.first().evaluate(whyUnseen).catch((e: Error) => e.message)) ?? 'seen', {
      timeout,
      message: `${locator} is not seen`,
    })
    .toBe('seen');
}

/**
 * axe-core on the page (or the part `include` names), in the colour scheme it is emulating:
 * any serious or critical violation fails, with every offending node listed.
 */
export async function expectAccessible(page: Page, include?: string): Promise<void> {
  let builder = new AxeBuilder({ page });
  if (include) builder = builder.include(include);
  const { violations } = await builder.analyze();
  const bad = violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help}\n${v.nodes.map((n) => `  ${n.target.join(' ')}: ${n.failureSummary?.split('\n').join(' ')}`).join('\n')}`);
  expect(bad, bad.join('\n')).toEqual([]);
}

export const SCHEMES = ['light', 'dark'] as const;
export type Scheme = (typeof SCHEMES)[number];
