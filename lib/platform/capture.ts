import { browser } from 'wxt/browser';

/** Injects the in-page lesson layer (anchoring, painting) into a tab's top frame. */
export async function loadPageLayer(tabId: number): Promise<void> {
  await browser.scripting.executeScript({ target: { tabId, frameIds: [0] }, files: ['/page-layer.js'] });
}

/** Injects what the page layer draws with (card over a highlight, toasts, "not found" list) into a tab's top frame. */
export async function loadPageCard(tabId: number): Promise<void> {
  await browser.scripting.executeScript({ target: { tabId, frameIds: [0] }, files: ['/page-card.js'] });
}

/** Injects the capture card into a tab; it reads the tab's selection itself (none: a page-level lesson). */
export async function openCapture(tabId: number): Promise<void> {
  await browser.scripting.executeScript({ target: { tabId }, files: ['/capture.js'] });
}
