import type { Lesson, LessonPatch, Source } from '@/lib/lesson';
import type { PageInfo } from '@/lib/platform/page';
import type { LiveRelatedIndex } from '@/lib/platform/related-index';
import type { PageReport } from '@/lib/messages';
import type { RelatedIndex } from '@/lib/related/rank';

/**
 * What the side panel needs from the extension, handed in by the entrypoint so the components
 * stay free of `browser.*`: reads come from IndexedDB, writes go to the background worker.
 */
export interface SidePanelEnv {
  /** The lessons stored on one work item, read without waiting for Dexie. */
  workItemLessons(workItem: string): Promise<Lesson[]>;
  /** The tab the panel opens on: `?tab=<id>` (pinned) or the active tab. */
  firstTab: Promise<number | null>;
  /** Calls `onTab` when the panel should show another tab, or read its tab again after a navigation. */
  followTab(current: () => number | null, onTab: (tabId: number) => void): () => void;
  /** Calls `onReport` when a tab reported how its highlights anchored. */
  watchReports(onReport: (tabId: number) => void): () => void;
  readPage(tabId: number): Promise<PageInfo | null>;
  /** The tab's last highlight report, null unless it is about the page the tab shows now. */
  pageStatus(tabId: number): Promise<PageReport | null>;
  /** Scrolls the tab to a painted lesson and flashes it; false when it is not painted there. */
  flash(tabId: number, lessonId: string): Promise<boolean>;
  /** Loads the ranking code and starts the live index (both after the first paint). */
  watchIndex(onChange: (index: RelatedIndex) => void): Promise<{ live: LiveRelatedIndex; related: typeof import('@/lib/related/rank') }>;
  openLesson(id: string): void;
  markHelped(id: string): Promise<unknown>;
  updateLesson(id: string, patch: LessonPatch): Promise<unknown>;
  suggestTags(source: Source): Promise<string[]>;
}
