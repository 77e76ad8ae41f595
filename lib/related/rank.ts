import { normalizeTags, type Lesson, type Source } from '../lesson';
import { t } from '../i18n';
import { sameItemReason, sameProjectReason } from './item-kind';
import type { RelatedIndex } from './lesson-index';

export { createRelatedIndex, RelatedIndex } from './lesson-index';

export type RelatedSection = 'workItem' | 'questions' | 'project' | 'similar';

export interface RelatedResult {
  lesson: Lesson;
  section: RelatedSection;
  /** Why it is related, most telling first: "same pull request", "shares tags: ci", "similar text: …". */
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
/** How many related lessons the side panel lists over all its sections; the badge counts as many. */
export const PANEL_LIMIT = 60;

export const SIMILAR_MIN = 0.35;
export const STRONG_SIMILAR = 0.5;
/** A lesson sharing a single word with the page is a coincidence, however rare the word. */
const MIN_SHARED_TERMS = 2;
const REASON_TERMS = 4;
/** Two shared tags count for a little less than a shared project, three for more. */
const TAG_SCORE = 0.4;

const SECTION_ORDER: Record<RelatedSection, number> = { workItem: 0, questions: 1, project: 2, similar: 3 };

interface TextMatch {
  similarity: number;
  reason: string;
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
  const onItem = index.onWorkItem(source.workItem);
  const inProject = index.inProject(source.project);
  const labels = normalizeTags(source.labels).map((tag) => ({ tag, ids: index.withTag(tag) }));
  const tagsOf = (id: string) => labels.filter((l) => l.ids.has(id)).map((l) => l.tag);

  // Text hits may all be lessons already listed above; ask for enough to fill the rest.
  const listed = labels.reduce((n, l) => n + l.ids.size, onItem.size + inProject.size);
  const text = textMatches(source, pageText, index, limit + Math.min(listed, limit), options);
  const similarity = (id: string) => text.get(id)?.similarity ?? 0;
  const withText = (id: string, reasons: string[]) => {
    const match = text.get(id);
    return match ? [...reasons, match.reason] : reasons;
  };

  const out: RelatedResult[] = [];
  const sameItem = sameItemReason(source);
  const itemTop = new TopLessons(limit, index);
  for (const id of onItem) itemTop.offer(id, similarity(id));
  for (const id of itemTop.ids()) {
    const lesson = index.get(id)!;
    // Listed for this very item: similar text would add nothing to that.
    out.push({ lesson, section: lesson.kind === 'question' ? 'questions' : 'workItem', reasons: [sameItem], score: similarity(id) });
  }

  const projectScore = (id: string) => {
    let tags = 0;
    for (const l of labels) if (l.ids.has(id)) tags++;
    return (inProject.has(id) ? 1 : 0) + tags * TAG_SCORE + similarity(id);
  };
  const projectTop = new TopLessons(limit, index);
  for (const id of inProject) if (!onItem.has(id)) projectTop.offer(id, projectScore(id));
  const seenUnder = (id: string, label: number) => {
    for (let j = 0; j < label; j++) if (labels[j].ids.has(id)) return true;
    return false;
  };
  labels.forEach(({ ids }, i) => {
    for (const id of ids) {
      // Each lesson once: skip those met in the project or under an earlier label.
      if (onItem.has(id) || inProject.has(id) || seenUnder(id, i)) continue;
      projectTop.offer(id, projectScore(id));
    }
  });
  const projectName = sameProjectReason(source.site, source.project?.trim() ?? '');
  for (const id of projectTop.ids()) {
    const reasons = [...(inProject.has(id) ? [projectName] : []), ...tagReason(tagsOf(id))];
    out.push({ lesson: index.get(id)!, section: 'project', reasons: withText(id, reasons), score: projectScore(id) });
  }

  for (const [id, match] of text) {
    if (onItem.has(id) || inProject.has(id) || labels.some((l) => l.ids.has(id))) continue;
    out.push({ lesson: index.get(id)!, section: 'similar', reasons: [match.reason], score: match.similarity });
  }

  return out
    .filter((r) => !r.lesson.deletedAt)
    .sort((a, b) => SECTION_ORDER[a.section] - SECTION_ORDER[b.section] || compareResults(a.lesson, a.score, b.lesson, b.score))
    .slice(0, limit);
}

function textMatches(source: Source, pageText: string, index: RelatedIndex, k: number, options: RelatedOptions): Map<string, TextMatch> {
  const terms = index.text.queryTerms(
    [
      { text: source.title, weight: 3 },
      { text: source.labels.join(' '), weight: 3 },
      { text: pageText, weight: 1 },
    ],
    options.queryTerms,
  );
  const matches = new Map<string, TextMatch>();
  for (const hit of index.text.search(terms, k, options.minSimilarity ?? SIMILAR_MIN)) {
    if (hit.matched.length < MIN_SHARED_TERMS) continue;
    const words = hit.matched.slice(0, REASON_TERMS).map((i) => terms[i].word);
    matches.set(hit.key, { similarity: hit.similarity, reason: t('related.similarText', { words: words.join(', ') }) });
  }
  return matches;
}

/** Higher score first, then the more recently updated, then the smaller id: a total order. */
function compareResults(a: Lesson, scoreA: number, b: Lesson, scoreB: number): number {
  return scoreB - scoreA || compareStrings(b.updatedAt, a.updatedAt) || compareStrings(a.id, b.id);
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

interface Entry {
  id: string;
  lesson: Lesson;
  score: number;
}

/**
 * The `k` best lessons offered, in a bounded min-heap: a project or a common label can hold
 * thousands of lessons, and most are turned away by their score alone, without a lookup.
 */
class TopLessons {
  private readonly heap: Entry[] = [];

  constructor(
    private readonly k: number,
    private readonly index: RelatedIndex,
  ) {}

  offer(id: string, score: number): void {
    const heap = this.heap;
    if (this.k === 0 || (heap.length === this.k && score < heap[0].score)) return;
    const lesson = this.index.get(id)!;
    if (heap.length < this.k) {
      heap.push({ id, lesson, score });
      this.up(heap.length - 1);
    } else if (compareResults(heap[0].lesson, heap[0].score, lesson, score) > 0) {
      heap[0] = { id, lesson, score };
      this.down(0);
    }
  }

  ids(): string[] {
    return this.heap.map((e) => e.id);
  }

  private up(i: number): void {
    const heap = this.heap;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!worse(heap[i], heap[parent])) return;
      [heap[i], heap[parent]] = [heap[parent], heap[i]];
      i = parent;
    }
  }

  private down(i: number): void {
    const heap = this.heap;
    for (;;) {
      const l = 2 * i + 1;
      let m = i;
      if (l < heap.length && worse(heap[l], heap[m])) m = l;
      if (l + 1 < heap.length && worse(heap[l + 1], heap[m])) m = l + 1;
      if (m === i) return;
      [heap[i], heap[m]] = [heap[m], heap[i]];
      i = m;
    }
  }
}

function worse(a: Entry, b: Entry): boolean {
  return compareResults(a.lesson, a.score, b.lesson, b.score) > 0;
}

function tagReason(tags: string[]): string[] {
  return tags.length ? [t('related.sharesTags', tags.length, { tags: tags.join(', ') })] : [];
}

/** The toolbar count: lessons on this work item or project, or sharing tags, plus strong text matches. */
export function badgeCount(results: readonly RelatedResult[]): number {
  return results.filter((r) => r.section !== 'similar' || r.score >= STRONG_SIMILAR).length;
}
