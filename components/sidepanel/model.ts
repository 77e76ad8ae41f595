import type { Lesson, Site, Source } from '@/lib/lesson';
import { createRelatedIndex, relatedLessons, type RelatedResult, type RelatedSection } from '@/lib/related';

/** How many related lessons the panel lists, over all sections. */
export const PANEL_LIMIT = 60;

const ITEM_WORD: Record<Site, string> = { jira: 'ticket', github: 'issue or pull request', confluence: 'page', web: 'page' };
const PROJECT_WORD: Record<Site, string> = { jira: 'project', github: 'repository', confluence: 'space', web: 'site' };

export function sectionTitle(section: RelatedSection, site: Site): string {
  switch (section) {
    case 'workItem':
      return `On this ${ITEM_WORD[site]}`;
    case 'questions':
      return 'Open questions here';
    case 'project':
      return `Same ${PROJECT_WORD[site]} or labels`;
    case 'similar':
      return 'Similar text';
  }
}

/**
 * The work item's own sections (lessons and open questions), ranked exactly as the full index
 * ranks them, from the few lessons a Dexie index query returns: drawn before the full index,
 * which needs every lesson, is ready.
 */
export function workItemResults(source: Source, pageText: string, onItem: readonly Lesson[]): RelatedResult[] {
  const mine = onItem.filter((l) => l.source.workItem === source.workItem && !l.deletedAt);
  return relatedLessons(source, pageText, createRelatedIndex(mine), { limit: PANEL_LIMIT }).filter(
    (r) => r.section === 'workItem' || r.section === 'questions',
  );
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
