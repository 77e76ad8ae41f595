import { render } from 'preact';
import '@/components/theme.css';
import '@/components/sidepanel/sidepanel.css';
import { SidePanel } from '@/components/sidepanel/SidePanel';
import type { SidePanelEnv } from '@/components/sidepanel/env';
import { openDb } from '@/lib/db';
import { sendMessage } from '@/lib/messaging';
import { readPage, targetTabId } from '@/lib/platform/page';
import { currentPageReport, followTab, watchPageReports } from '@/lib/platform/side-panel';

const db = openDb();
// `?tab=<id>` pins the panel to one tab (tests, "open in a tab"); else it follows the active tab.
const pinned = new URLSearchParams(location.search).has('tab');

const env: SidePanelEnv = {
  db,
  firstTab: targetTabId(),
  followTab: (current, onTab) => followTab(pinned, current, onTab),
  watchReports: watchPageReports,
  readPage,
  pageStatus: currentPageReport,
  flash: (tabId, id) => sendMessage('flashLesson', { id }, tabId),
  // The index and the ranking code (with the schemas) load after the first section is drawn.
  watchIndex: async (onChange) => {
    const [{ watchRelatedIndex }, related] = await Promise.all([import('@/lib/platform/related-index'), import('@/lib/related')]);
    return { live: watchRelatedIndex(db, onChange), related };
  },
  openLesson: (lessonId) => void sendMessage('openLibrary', { lessonId }),
  markHelped: (id) => sendMessage('markHelped', { id }),
  updateLesson: (id, patch) => sendMessage('updateLesson', { id, patch }),
  suggestTags: (source) => sendMessage('suggestTags', { source }),
};

render(<SidePanel env={env} />, document.getElementById('app')!);
// Teammates' lessons arrive as they are shared while the panel is open; the sync code (with zod) loads after the first paint.
void import('@/lib/platform/sync-stream').then((m) => m.followTeamStream());
