import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { PageInfo } from '@/lib/platform/page';
import type { PageReport } from '@/lib/messages';
import type { SidePanelEnv } from './env';

export interface TabPage {
  tabId: number | null | undefined;
  /** undefined while reading; null where extensions cannot read the page. */
  page: PageInfo | null | undefined;
  report: PageReport | null;
}

/** The tab the panel is about, its page and its highlight report, following tab switches and navigations. */
export function useTabPage(env: SidePanelEnv): TabPage {
  const [state, setState] = useState<TabPage>({ tabId: undefined, page: undefined, report: null });
  const tab = useRef<number | null>(null);
  const reads = useRef(0);

  // A layout effect starts the reads as the panel first renders, not a frame later after its paint.
  useLayoutEffect(() => {
    const read = async (tabId: number | null) => {
      const run = ++reads.current;
      const changed = tabId !== tab.current;
      tab.current = tabId;
      // A navigation keeps the old page on screen until the new one is read; a tab switch does not.
      if (changed) setState({ tabId, page: tabId == null ? null : undefined, report: null });
      if (tabId == null) return;
      // The report names the work item before the page is read: the first section needs no more.
      const status = env.pageStatus(tabId).catch(() => null);
      void status.then((report) => run === reads.current && setState((s) => ({ ...s, report })));
      const page = await env.readPage(tabId);
      const report = await status;
      if (run === reads.current) setState({ tabId, page, report });
    };
    const refreshReport = async (tabId: number) => {
      if (tabId !== tab.current) return;
      const report = await env.pageStatus(tabId).catch(() => null);
      if (tabId === tab.current) setState((s) => (s.tabId === tabId ? { ...s, report } : s));
    };
    void env.firstTab.then(read);
    const stopTabs = env.followTab(() => tab.current, (tabId) => void read(tabId));
    const stopReports = env.watchReports((tabId) => void refreshReport(tabId));
    return () => {
      stopTabs();
      stopReports();
    };
  }, [env]);

  return state;
}
