import type { Lesson, Source } from '@/lib/lesson';
import { t } from '@/lib/i18n';
import { onItemTitle, projectSectionTitle, sameItemReason } from '@/lib/related/item-kind';
import { PANEL_LIMIT } from '@/lib/related/panel-limit';
import type { RelatedResult, RelatedSection } from '@/lib/related/rank';

export function sectionTitle(section: RelatedSection, page: Pick<Source, 'site' | 'url'>): string {
  switch (section) {
    case 'workItem':
      return onItemTitle(page);
    case 'questions':
      return t('related.questionsSection');
    case 'project':
      return projectSectionTitle(page.site);
    case 'similar':
      return t('related.similarSection');
  }
}

/**
 * The work item's own sections (lessons, then open questions; newest first) from the few rows a
 * IndexedDB index query returns, drawn before the full index is ready. Only types come from
 * lib/related: the ranking code and the schemas it pulls in load after this first paint.
 */
export function workItemResults(workItem: string, onItem: readonly Lesson[]): RelatedResult[] {
  return onItem
    .filter((l) => l.source.workItem === workItem && !l.deletedAt)
    .sort((a, b) => Number(a.kind === 'question') - Number(b.kind === 'question') || compare(b.updatedAt, a.updatedAt) || compare(a.id, b.id))
    .slice(0, PANEL_LIMIT)
    .map((lesson) => ({
      lesson,
      section: lesson.kind === 'question' ? 'questions' : 'workItem',
      reasons: [sameItemReason(lesson.source)],
      score: 0,
    }));
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export interface Section {
  section: RelatedSection;
  results: RelatedResult[];
}

/** Results grouped in the order they come (relatedLessons sorts by section). */
export function sections(results: readonly RelatedResult[]): Section[] {
  const out: Section[] = [];
  for (const r of results) {
    const last = out.at(-1);
    if (last?.section === r.section) last.results.push(r);
    else out.push({ section: r.section, results: [r] });
  }
  return out;
}

function haystack(r: RelatedResult): string {
  const l = r.lesson;
  return [l.title, l.quote, l.note, l.question?.text ?? '', l.tags.join(' '), l.source.title, l.author ?? '', ...l.answers.map((a) => a.answer), ...r.reasons]
    .join('\n')
    .toLowerCase();
}

/** The results whose text, tags or reasons hold every word typed in the search box. */
export function filterResults(results: readonly RelatedResult[], query: string): RelatedResult[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (!words.length) return [...results];
  return results.filter((r) => {
    const text = haystack(r);
    return words.every((w) => text.includes(w));
  });
}
