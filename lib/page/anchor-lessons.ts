import { anchorAll } from '../anchoring';
import type { Lesson } from '../lesson';

export interface Anchored {
  lesson: Lesson;
  range: Range;
}

export interface AnchorReport {
  found: Anchored[];
  /** Lessons with a quote that is no longer on the page: kept, listed, never painted elsewhere. */
  notFound: Lesson[];
}

/**
 * Anchors every lesson that has selectors, one pass per content root (the page text is
 * extracted once per root, not once per lesson). A root that is gone falls back to the body.
 */
export function anchorLessons(doc: Document, lessons: readonly Lesson[]): AnchorReport {
  const byRoot = new Map<string, Lesson[]>();
  for (const lesson of lessons) {
    if (!lesson.anchor) continue;
    const group = byRoot.get(lesson.anchor.root) ?? [];
    group.push(lesson);
    byRoot.set(lesson.anchor.root, group);
  }
  const report: AnchorReport = { found: [], notFound: [] };
  for (const [selector, group] of byRoot) {
    const root = safeQuery(doc, selector) ?? doc.body;
    if (!root) {
      report.notFound.push(...group);
      continue;
    }
    const results = anchorAll(root, group.map((l) => l.anchor!));
    group.forEach((lesson, i) => {
      const hit = results[i];
      if (hit) report.found.push({ lesson, range: hit.range });
      else report.notFound.push(lesson);
    });
  }
  return report;
}

function safeQuery(doc: Document, selector: string): Element | null {
  try {
    return doc.querySelector(selector);
  } catch {
    return null;
  }
}
