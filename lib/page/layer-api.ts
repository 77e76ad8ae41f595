import type { PageLayerProps } from '@/components/page/PageLayer';
import type { Lesson } from '../lesson';

/**
 * What the on-demand page layer script offers the content script. Both run in the extension's
 * isolated world of the same page, so they meet on its global object, which the page can't see.
 * The layer is loaded only on a page that has lessons to anchor; from then on it anchors, paints
 * and repaints them, and shows their card and the "not found" list.
 */
export interface PageLayerApi {
  /** The page's work item and all its lessons (none, after a soft navigation away): anchor, paint, report. */
  show(workItem: string, lessons: Lesson[]): void;
  /** The page's DOM changed under the same work item: repaint what broke, look again for what was missing. */
  contentChanged(): void;
  /** Briefly emphasises a painted lesson; false when it is not painted on this page. */
  flash(id: string): boolean;
  destroy(): void;
}

/** What the page layer draws with (page-card.js), injected the first time it has something to show. */
export interface PageCardApi {
  render(props: PageLayerProps): void;
  destroy(): void;
}

export type LayerGlobal = typeof globalThis & { lessonmarkLayer?: PageLayerApi; lessonmarkCard?: PageCardApi };
