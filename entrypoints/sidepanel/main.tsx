import { render } from 'preact';
import '@/components/theme.css';
import '@/components/sidepanel/sidepanel.css';
import { SidePanel } from '@/components/sidepanel/SidePanel';
import type { SidePanelEnv } from '@/components/sidepanel/env';
import type { LessonDb } from '@/lib/db/database';
import { lessonsOnWorkItem, openForReading } from '@/lib/db/read';
import { sendMessage } from '@/lib/messaging';
import { readPage, targetTabId } from '@/lib/platform/page';
import { currentPageReport, followTab, watchPageReports } from '@/lib/platform/side-panel';
import { reuseFirst, startEarly } from '@/lib/reuse-first';
import { t } from '@/lib/i18n';

// `?tab=<id>` pins the panel to one tab (tests, "open in a tab"); else it follows the active tab.
const pinned = new URLSearchParams(location.search).has('tab');
// The first section's reads start now, while the panel renders; the components pick them up.
const firstTab = targetTabId();
const firstReport = startEarly(firstTab, currentPageReport);
// The database opens while the report is read: the report names the work item to read.
const reading = openForReading();
const firstLessons = startEarly(
  firstReport.then((early) => early?.result.then((report) => report?.workItem)),
  (workItem: string) => lessonsOnWorkItem(workItem, reading),
);
// Dexie and the schemas load after the first section is drawn.
let opened: Promise<LessonDb> | undefined;
const db = () => (opened ??= import('@/lib/db/database').then((m) => m.openDb()));

const env: SidePanelEnv = {
  workItemLessons: reuseFirst(lessonsOnWorkItem, firstLessons),
  firstTab,
  followTab: (current, onTab) => followTab(pinned, current, onTab),
  watchReports: watchPageReports,
  readPage,
  pageStatus: reuseFirst(currentPageReport, firstReport),
  flash: (tabId, id) => sendMessage('flashLesson', { id }, tabId),
  // The index and the ranking code (with the schemas) load after the first section is drawn.
  watchIndex: async (onChange) => {
    const [{ watchRelatedIndex }, related, opened] = await Promise.all([import('@/lib/platform/related-index'), import('@/lib/related/rank'), db()]);
    return { live: watchRelatedIndex(opened, onChange), related };
  },
  openLesson: (lessonId) => void sendMessage('openLibrary', { lessonId }),
  markHelped: (id) => sendMessage('markHelped', { id }),
  updateLesson: (id, patch) => sendMessage('updateLesson', { id, patch }),
  suggestTags: (source) => sendMessage('suggestTags', { source }),
};

document.title = t('sidebar.title');
render(<SidePanel env={env} />, document.getElementById('app')!);
// Teammates' lessons arrive as they are shared while the panel is open; the sync code (with zod)
// loads once the panel is idle, so it never competes with drawing the first section.
requestIdleCallback(() => void import('@/lib/platform/sync-stream').then((m) => m.followTeamStream()), { timeout: 2000 });
