import { browser } from 'wxt/browser';

/** Injects the in-page lesson layer (card over a highlight, "not found" list) into a tab's top frame. */
export async function loadPageLayer(tabId: number): Promise<void> {
  await browser.scripting.executeScript({ target: { tabId, frameIds: [0] }, files: ['/page-layer.js'] });
}

/** Injects the capture card into a tab; it reads the tab's selection itself (none: a page-level lesson). */
export async function openCapture(tabId: number): Promise<void> {
  await browser.scripting.executeScript({ target: { tabId }, files: ['/capture.js'] });
}
