import { browser } from 'wxt/browser';
import type { CaptureStart } from '../capture/draft';

export interface PageInfo extends CaptureStart {
  /** The page's main text, for finding similar lessons. */
  text: string;
}

/** Reads a tab's page (source, selection, main text); null where extensions may not run (chrome://, stores). */
export async function readPage(tabId: number): Promise<PageInfo | null> {
  try {
    const [frame] = await browser.scripting.executeScript({ target: { tabId }, files: ['/page-info.js'] });
    return (frame?.result as PageInfo | undefined) ?? null;
  } catch {
    return null;
  }
}

/** The tab an extension page is about: `?tab=<id>` when given (tests, "open in tab"), else the active tab. */
export async function targetTabId(search = location.search): Promise<number | null> {
  const fromUrl = Number(new URLSearchParams(search).get('tab'));
  if (Number.isInteger(fromUrl) && fromUrl > 0) return fromUrl;
  const [tab] = await browser.tabs.query({ active: true, lastFocusedWindow: true });
  return tab?.id ?? null;
}
