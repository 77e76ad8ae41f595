import { expect, selectors, type CDPSession, type Locator, type Page } from '@playwright/test';

/**
 * The e2e driver for Lessonmark's in-page UI, which lives in closed shadow roots: Playwright's
 * selectors pierce open roots only, and a page's own script (an init script included) runs in
 * another JavaScript world than the content script, so patching `attachShadow` there sees nothing.
 *
 * What does see closed roots is the DevTools protocol. For each page the driver watches the DOM
 * over CDP, and when a `<lessonmark-ui>` host appears it resolves the host's closed root into the
 * page's main world and keeps it in a set that only this driver's selector engine reads. The
 * extension ships no hook: the production build is the build under test. (Chromium only: the
 * Firefox test drives the card by focus and keys.)
 *
 * Clicks go through `clickUi`, a real mouse click at the element's centre: Playwright's own
 * `click()` checks that the element receives the pointer, and from outside a closed root the hit
 * test only finds the host. Keys typed with `page.keyboard` reach the focused element as usual,
 * and Playwright's assertions (`toBeVisible`, `toBeFocused`, `toHaveText`) work on these locators.
 */

/** Where the main world keeps the roots; a registered symbol, so the engine can find it again. */
export const STASH = 'lessonmark.e2e.closedRoots';
const ENGINE = 'lessonmark-closed-ui';
const HOST = 'lessonmark-ui';

/**
 * Selector engine evaluated in the page's main world: matches inside the roots the driver stashed.
 * A string, so no compiler helper can sneak into the function Playwright serialises.
 */
const ENGINE_SCRIPT = `(() => {
  const roots = () => [...(globalThis[Symbol.for(${JSON.stringify(STASH)})] ?? [])].filter((r) => r.host.isConnected);
  return {
    query(_root, selector) {
      for (const r of roots()) {
        const hit = r.querySelector(selector);
        if (hit) return hit;
      }
      return null;
    },
    queryAll(_root, selector) {
      return roots().flatMap((r) => [...r.querySelectorAll(selector)]);
    },
  };
})()`;

// Registered once, before any test asks for a locator that uses it.
await selectors.register(ENGINE, { content: ENGINE_SCRIPT });

interface CdpNode {
  nodeId: number;
  backendNodeId: number;
  localName?: string;
  children?: CdpNode[];
  shadowRoots?: CdpNode[];
}

const watched = new WeakMap<Page, Promise<void>>();

async function watch(page: Page): Promise<void> {
  const cdp: CDPSession = await page.context().newCDPSession(page);
  const stash = async (root: CdpNode) => {
    const { object } = await cdp.send('DOM.resolveNode', { backendNodeId: root.backendNodeId });
    await cdp.send('Runtime.callFunctionOn', {
      objectId: object.objectId!,
      functionDeclaration: `function () { const k = Symbol.for(${JSON.stringify(STASH)}); (globalThis[k] ??= new Set()).add(this); }`,
    });
  };
  const visit = async (node: CdpNode): Promise<void> => {
    if (node.localName === HOST) for (const root of node.shadowRoots ?? []) await stash(root);
    for (const child of node.children ?? []) await visit(child);
  };
  const scan = async () => {
    const { root } = await cdp.send('DOM.getDocument', { depth: -1, pierce: true });
    await visit(root as CdpNode);
  };
  const quietly = (work: Promise<unknown>) => void work.catch(() => {});
  cdp.on('DOM.childNodeInserted', ({ node }) => quietly(visit(node as CdpNode)));
  cdp.on('DOM.shadowRootPushed', ({ hostId, root }) =>
    quietly(
      cdp.send('DOM.describeNode', { nodeId: hostId }).then(({ node }) => (node.localName === HOST ? stash(root as CdpNode) : undefined)),
    ),
  );
  cdp.on('DOM.documentUpdated', () => quietly(scan()));
  await cdp.send('DOM.enable');
  await scan();
}

/** Starts watching `page` for our hosts (once per page); resolves when the first scan is done. */
export function watchUi(page: Page): Promise<void> {
  let done = watched.get(page);
  if (!done) {
    done = watch(page);
    watched.set(page, done);
  }
  return done;
}

/** Lessonmark's in-page UI on `page`: `locator(css)` finds elements inside its closed roots. */
export function ui(page: Page): { locator(css: string): Locator } {
  void watchUi(page);
  return { locator: (css) => page.locator(`${ENGINE}=${css}`) };
}

/** A real mouse click at the centre of `locator`, after it is visible and stable: a trusted event. */
export async function clickUi(locator: Locator): Promise<void> {
  await watchUi(locator.page());
  await expect(locator).toBeVisible();
  await locator.scrollIntoViewIfNeeded();
  const box = await locator.boundingBox();
  if (!box) throw new Error(`${locator} has no box`);
  await locator.page().mouse.click(box.x + box.width / 2, box.y + box.height / 2);
}

/**
 * For tools that read the DOM from the page's main world (axe-core): makes `shadowRoot` answer
 * our closed roots there, for this page, until it navigates. Test-only, like the rest of the driver.
 */
export async function openRootsToTools(page: Page): Promise<void> {
  await watchUi(page);
  await page.evaluate((stash) => {
    const proto = Element.prototype;
    const own = Object.getOwnPropertyDescriptor(proto, 'shadowRoot')!;
    Object.defineProperty(proto, 'shadowRoot', {
      configurable: true,
      get(this: Element) {
        const roots = (globalThis as unknown as Record<symbol, Set<ShadowRoot> | undefined>)[Symbol.for(stash)];
        for (const root of roots ?? []) if (root.host === this) return root;
        return own.get!.call(this);
      },
    });
  }, STASH);
}
