import type { Painter } from '../highlight';
import type { Lesson } from '../lesson';
import { anchorLessons, type AnchorReport } from './anchor-lessons';

export interface HighlighterDeps {
  doc: Document;
  painter: Painter;
  onReport?: (workItem: string, report: AnchorReport) => void;
  /** The page-cost bench's build times it (lib/page/bench-probe.ts). */
  anchor?: typeof anchorLessons;
}

/**
 * Keeps the page's highlights in step with the lessons it is given: anchors and paints them, and
 * re-anchors when the page changes under them. Lives in the page layer, never in the content script.
 */
export function createHighlighter({ doc, painter, onReport, anchor = anchorLessons }: HighlighterDeps) {
  let workItem = '';
  let lessons: Lesson[] = [];
  let report: AnchorReport = { found: [], notFound: [] };
  /** The text each painted range covered when it was anchored: a change means it moved or broke. */
  let paintedText = new Map<string, string>();
  /** Length of the page's text at the last pass: missing lessons are looked for again only when it changes. */
  let textLength = -1;
  const pageTextLength = () => doc.body?.textContent?.length ?? 0;

  function repaint() {
    report = anchor(doc, lessons);
    // Only missing lessons need it (contentChanged), and reading it copies all the page's text.
    textLength = report.notFound.length > 0 ? pageTextLength() : -1;
    paintedText = new Map(report.found.map(({ lesson, range }) => [lesson.id, range.toString()]));
    painter.paint(report.found.map(({ lesson, range }) => ({ id: lesson.id, kind: lesson.kind, range })));
    onReport?.(workItem, report);
  }

  /** The page's work item and its lessons (as loaded again): anchor and paint them. */
  function show(item: string, rows: Lesson[]) {
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
    const broken = report.found.some(({ lesson, range }) => range.toString() !== paintedText.get(lesson.id));
    if (broken || (report.notFound.length > 0 && pageTextLength() !== textLength)) repaint();
  }

  return {
    show,
    contentChanged,
    get report() {
      return report;
    },
    lessonById: (id: string) => lessons.find((l) => l.id === id),
  };
}

export type Highlighter = ReturnType<typeof createHighlighter>;
