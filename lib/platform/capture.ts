import { browser } from 'wxt/browser';

/** Injects the capture card into a tab; it reads the tab's selection itself (none: a page-level lesson). */
export async function openCapture(tabId: number): Promise<void> {
  await browser.scripting.executeScript({ target: { tabId }, files: ['/capture.js'] });
}
