import { browser } from 'wxt/browser';
import type { PopupNav } from '@/components/popup/PopupHeader';
import { openSidePanel } from '@/lib/platform/side-panel';
import { openLibrary } from '@/lib/platform/tabs';

/**
 * The header's buttons. The side panel opens only in answer to a click, before any `await`, so
 * the window it opens in is looked up when the popup opens.
 */
export function popupNav(): PopupNav {
  let windowId: number | undefined;
  void browser.windows?.getCurrent().then((w) => (windowId = w.id), () => {});
  // A toolbar popup stays open over the tab it opened; closing it shows what was opened.
  const thenClose = (opening: Promise<unknown>) => void opening.then(() => window.close(), () => {});
  return {
    library: () => thenClose(openLibrary()),
    sidePanel: () => thenClose(openSidePanel({ windowId })),
    settings: () => thenClose(browser.runtime.openOptionsPage()),
  };
}
