import { browser, type Browser } from 'wxt/browser';
import type { PageReport } from '../messages';
import { pageReport } from './page-status';

/** Firefox's sidebar, which WXT declares from the same entrypoint as Chrome's side panel. */
type SidebarAction = { open(): Promise<void> };
const sidebarAction = () => (browser as unknown as { sidebarAction?: SidebarAction }).sidebarAction;

/** The toolbar button keeps opening the popup; the panel opens from its keyboard command (or the popup's button). */
export function initSidePanel(): void {
  void browser.sidePanel?.setPanelBehavior({ openPanelOnActionClick: false }).catch(() => {});
}

/**
 * Opens the side panel (Chrome) or sidebar (Firefox) in the tab's window. Both browsers allow it
 * only in answer to a user action: call it straight from the command or click handler, before
 * any `await`.
 */
export function openSidePanel(tab: { id?: number; windowId?: number }): Promise<void> {
  const sidebar = sidebarAction();
  if (sidebar) return sidebar.open();
  if (tab.windowId == null) return Promise.resolve();
  return browser.sidePanel.open({ windowId: tab.windowId });
}

/**
 * Calls `onTab` whenever the panel's tab should be read again: another tab activated in the
 * panel's window (unless the panel is pinned to a tab), or the tab navigated, soft navigations
 * included (they change the URL). Returns the function that stops listening.
 */
export function followTab(pinned: boolean, current: () => number | null, onTab: (tabId: number) => void): () => void {
  let windowId: number | undefined;
  void browser.windows?.getCurrent().then((w) => (windowId = w.id), () => {});
  const activated = ({ tabId, windowId: w }: Browser.tabs.OnActivatedInfo) => {
    if (!pinned && (windowId == null || w === windowId)) onTab(tabId);
  };
  const updated = (tabId: number, change: Browser.tabs.OnUpdatedInfo) => {
    if (tabId !== current()) return;
    if (change.url || change.status === 'complete') onTab(tabId);
  };
  browser.tabs.onActivated.addListener(activated);
  browser.tabs.onUpdated.addListener(updated);
  return () => {
    browser.tabs.onActivated.removeListener(activated);
    browser.tabs.onUpdated.removeListener(updated);
  };
}

/**
 * Calls `onReport` when a tab's content script reports how its lessons anchored: the background
 * keeps those reports in session storage under `page-report:<tabId>` (lib/platform/page-status.ts).
 */
export function watchPageReports(onReport: (tabId: number) => void): () => void {
  const changed = (changes: Record<string, unknown>, area: string) => {
    if (area !== 'session') return;
    for (const key of Object.keys(changes)) {
      const m = /^page-report:(\d+)$/.exec(key);
      if (m) onReport(Number(m[1]));
    }
  };
  browser.storage.onChanged.addListener(changed);
  return () => browser.storage.onChanged.removeListener(changed);
}

/** The tab's last anchoring report, when it is about the page the tab shows now (not the one before a navigation). */
export async function currentPageReport(tabId: number): Promise<PageReport | null> {
  // Read from session storage here rather than asked of the worker, which may be asleep.
  const [report, tab] = await Promise.all([pageReport(tabId), browser.tabs.get(tabId).catch(() => null)]);
  return report && tab?.url === report.url ? report : null;
}
