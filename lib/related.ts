import { normalizeTags, type Lesson, type Site, type Source } from './lesson';
import { projectKey, type RelatedIndex } from './related/lesson-index';

export { createRelatedIndex, RelatedIndex } from './related/lesson-index';

export type RelatedSection = 'workItem' | 'questions' | 'project' | 'similar';

export interface RelatedResult {
  lesson: Lesson;
  section: RelatedSection;
  /** Why it is related, most telling first: "same ticket", "shares tags: ci", "similar text: …". */
  reasons: string[];
  /**
   * Order within the section. For 'similar' it is the text similarity (0–1); elsewhere it adds
   * the similarity to what the section is about (a shared project counts 1, each shared tag 0.4).
   */
  score: number;
}

export interface RelatedOptions {
  /** Most results returned, over all sections. */
  limit?: number;
  /** Text similarity a lesson needs to be listed as similar. */
  minSimilarity?: number;
  /** How many of the page's most distinctive terms make the query. */
  queryTerms?: number;
}

/**
 * Similarity thresholds, calibrated in related.test.ts: a lesson describing the same failure in
 * other words lands well above SIMILAR_MIN, lessons on other subjects that share a word or two
 * stay below it. Only matches above STRONG_SIMILAR count on the toolbar badge.
 */
export const SIMILAR_MIN = 0.35;
export const STRONG_SIMILAR = 0.5;
/** A lesson sharing a single word with the page is a coincidence, however rare the word. */
const MIN_SHARED_TERMS = 2;
const REASON_TERMS = 4;
/** Two shared tags count for a little less than a shared project, three for more. */
const TAG_SCORE = 0.4;

const SECTION_ORDER: Record<RelatedSection, number> = { workItem: 0, questions: 1, project: 2, similar: 3 };
const SAME_ITEM: Record<Site, string> = {
  jira: 'same ticket',
  github: 'same ticket',
  confluence: 'same page',
  web: 'same page',
};
const PROJECT_WORD: Record<Site, string> = { jira: 'project', confluence: 'space', github: 'repo', web: 'site' };

interface Candidate extends RelatedResult {
  similarity: number;
}

/**
 * Lessons related to the page in `source`, in the order of DESIGN.md ("Related lessons"): same
 * work item, open questions there, same project or shared tags, then similar text. Lessons
 * related in none of these ways are left out; deleted lessons are never in the index.
 */
export function relatedLessons(
  source: Source,
  pageText: string,
  index: RelatedIndex,
  options: RelatedOptions = {},
): RelatedResult[] {
  const limit = options.limit ?? 20;
  const minSimilarity = options.minSimilarity ?? SIMILAR_MIN;
  const found = new Map<string, Candidate>();
  const put = (lesson: Lesson, section: RelatedSection, reasons: string[], score: number) =>
    found.set(lesson.id, { lesson, section, reasons, score, similarity: 0 });

  for (const lesson of index.onWorkItem(source.workItem)) {
    put(lesson, lesson.kind === 'question' ? 'questions' : 'workItem', [SAME_ITEM[source.site]], 0);
  }
  addProjectMatches(source, index, found, put);

  const terms = index.text.queryTerms(
    [
      { text: source.title, weight: 3 },
      { text: source.labels.join(' '), weight: 3 },
      { text: pageText, weight: 1 },
    ],
    options.queryTerms,
  );
  const hits = index.text.search(terms, limit + Math.min(found.size, limit), minSimilarity);
  for (const hit of hits) {
    if (hit.matched.length < MIN_SHARED_TERMS) continue;
    const reason = `similar text: ${hit.matched
      .slice(0, REASON_TERMS)
      .map((i) => terms[i].word)
      .join(', ')}`;
    const known = found.get(hit.key);
    if (known) {
      known.reasons.push(reason);
      known.score += hit.similarity;
      known.similarity = hit.similarity;
    } else {
      const lesson = index.get(hit.key);
      if (lesson) found.set(lesson.id, { lesson, section: 'similar', reasons: [reason], score: hit.similarity, similarity: hit.similarity });
    }
  }

  return [...found.values()]
    .filter((c) => !c.lesson.deletedAt)
    .sort(
      (a, b) =>
        SECTION_ORDER[a.section] - SECTION_ORDER[b.section] ||
        b.score - a.score ||
        b.lesson.updatedAt.localeCompare(a.lesson.updatedAt) ||
        (a.lesson.id < b.lesson.id ? -1 : a.lesson.id > b.lesson.id ? 1 : 0),
    )
    .slice(0, limit)
    .map(({ lesson, section, reasons, score }) => ({ lesson, section, reasons, score }));
}

function addProjectMatches(
  source: Source,
  index: RelatedIndex,
  found: Map<string, Candidate>,
  put: (lesson: Lesson, section: RelatedSection, reasons: string[], score: number) => void,
): void {
  const shared = new Map<string, { lesson: Lesson; tags: string[] }>();
  for (const tag of normalizeTags(source.labels)) {
    for (const lesson of index.withTag(tag)) {
      if (found.has(lesson.id)) continue;
      const entry = shared.get(lesson.id) ?? { lesson, tags: [] };
      entry.tags.push(tag);
      shared.set(lesson.id, entry);
    }
  }
  const project = projectKey(source.project);
  const sameProject = project ? index.inProject(project).filter((l) => !found.has(l.id)) : [];
  for (const lesson of sameProject) {
    const tags = shared.get(lesson.id)?.tags ?? [];
    shared.delete(lesson.id);
    put(lesson, 'project', [`same ${PROJECT_WORD[source.site]} ${source.project!.trim()}`, ...tagReason(tags)], 1 + tags.length * TAG_SCORE);
  }
  for (const { lesson, tags } of shared.values()) put(lesson, 'project', tagReason(tags), tags.length * TAG_SCORE);
}

function tagReason(tags: string[]): string[] {
  return tags.length ? [`shares ${tags.length > 1 ? 'tags' : 'tag'}: ${tags.join(', ')}`] : [];
}

/** The toolbar count: lessons on this work item or project, or sharing tags, plus strong text matches. */
export function badgeCount(results: readonly RelatedResult[]): number {
  return results.filter((r) => r.section !== 'similar' || r.score >= STRONG_SIMILAR).length;
}
