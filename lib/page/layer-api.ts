import type { Lesson } from '../lesson';

/**
 * What the on-demand page layer script offers the content script. Both run in the extension's
 * isolated world of the same page, so they meet on its global object, which the page can't see.
 */
export interface PageLayerApi {
  /** Shows a lesson's card near a viewport point; a pinned card (opened by a click) stays until closed. */
  peek(lesson: Lesson, x: number, y: number, pinned: boolean): void;
  /** The pointer left the highlight: hide the card soon, unless the pointer moves onto it. */
  leave(): void;
  setNotFound(lessons: Lesson[]): void;
  destroy(): void;
}

export type LayerGlobal = typeof globalThis & { lessonmarkLayer?: PageLayerApi };
