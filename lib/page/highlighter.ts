import type { Painter } from '../highlight';
import type { Lesson } from '../lesson';
import { anchorLessons, type AnchorReport } from './anchor-lessons';

export interface HighlighterDeps {
  doc: Document;
  painter: Painter;
  /** The page's work item (cheap: runs on every load and navigation). */
  workItemOf: (url: string, doc: Document) => string;
  load: (workItem: string) => Promise<Lesson[]>;
  onReport?: (workItem: string, report: AnchorReport) => void;
}

/**
 * Keeps the page's highlights in step with its lessons: loads them for the current work item,
 * anchors and paints them, and re-anchors when the page changes under them.
 */
export function createHighlighter({ doc, painter, workItemOf, load, onReport }: HighlighterDeps) {
  let workItem = '';
  let lessons: Lesson[] = [];
  let report: AnchorReport = { found: [], notFound: [] };
  /** The text each painted range covered when it was anchored: a change means it moved or broke. */
  let paintedText = new Map<string, string>();
  let generation = 0;
  /** Length of the page's text at the last pass: missing lessons are looked for again only when it changes. */
  let textLength = -1;
  const pageTextLength = () => doc.body?.textContent?.length ?? 0;

  function repaint() {
    // Only missing lessons need it (contentChanged), and on a page without lessons it would copy all its text.
    textLength = lessons.length > 0 ? pageTextLength() : -1;
    report = anchorLessons(doc, lessons);
    paintedText = new Map(report.found.map(({ lesson, range }) => [lesson.id, range.toString()]));
    painter.paint(report.found.map(({ lesson, range }) => ({ id: lesson.id, kind: lesson.kind, range })));
    onReport?.(workItem, report);
  }

  /** Loads the current work item's lessons again and repaints; stale answers are dropped. */
  async function refresh() {
    const mine = ++generation;
    const item = workItemOf(doc.location.href, doc);
    const rows = await load(item);
    if (mine !== generation) return;
    workItem = item;
    lessons = rows;
    repaint();
  }

  /**
   * After the DOM changed: re-anchor when a painted range broke, or when a lesson is missing and
   * the page's text grew or shrank (pages that re-render constantly without new text, as Jira
   * does, would otherwise cost a full pass every few hundred milliseconds).
   */
  function contentChanged() {
    if (workItemOf(doc.location.href, doc) !== workItem) return void refresh();
    const broken = report.found.some(({ lesson, range }) => range.toString() !== paintedText.get(lesson.id));
    if (broken || (report.notFound.length > 0 && pageTextLength() !== textLength)) repaint();
  }

  return {
    refresh,
    contentChanged,
    get report() {
      return report;
    },
    get workItem() {
      return workItem;
    },
    lessonById: (id: string) => lessons.find((l) => l.id === id),
  };
}

export type Highlighter = ReturnType<typeof createHighlighter>;
