import type { Lesson } from '../lesson';

export interface LessonLoaderDeps {
  doc: Document;
  /** The page's work item (cheap: runs on every load, navigation and content change). */
  workItemOf: (url: string, doc: Document) => string;
  load: (workItem: string) => Promise<Lesson[]>;
  /** The current work item's lessons, in the order they were asked for; stale answers never arrive. */
  onLessons: (workItem: string, lessons: Lesson[]) => void;
}

/**
 * The content script's cheap half of highlighting: which work item the page is and which lessons
 * it has. Anchoring and painting them is the page layer's job, loaded only where there are some.
 */
export function createLessonLoader({ doc, workItemOf, load, onLessons }: LessonLoaderDeps) {
  let workItem: string | null = null;
  let generation = 0;

  /** Loads the current work item's lessons again. */
  async function refresh() {
    const mine = ++generation;
    const item = workItemOf(doc.location.href, doc);
    const rows = await load(item);
    if (mine !== generation) return;
    workItem = item;
    onLessons(item, rows);
  }

  /** After the DOM changed: true when the page is still the same work item (a re-render, not a new page). */
  function sameWorkItem(): boolean {
    if (workItem === null) return false;
    if (workItemOf(doc.location.href, doc) === workItem) return true;
    void refresh();
    return false;
  }

  return { refresh, sameWorkItem };
}

/** Lessons a page layer has to anchor: those with a quote on the page. Page-level lessons paint nothing. */
export const needsAnchoring = (lessons: readonly Lesson[]) => lessons.some((l) => l.anchor);
