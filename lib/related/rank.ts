import { normalizeTags, type Lesson, type Source } from '../lesson';
import { t } from '../i18n';
import { sameItemReason, sameProjectReason } from './item-kind';
import type { RelatedIndex } from './lesson-index';
import type { QueryTerm } from './fulltext';

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

/** A related lesson as ranked: its id (the lesson is read for what is shown), where it is listed and why. */
export type RankedLesson = Omit<RelatedResult, 'lesson'> & { id: string };

/**
 * Lessons related to the page in `source`, in the order of DESIGN.md ("Related lessons"): same
 * work item, open questions there, same project or shared tags, then similar text. Lessons
 * related in none of these ways are left out; deleted lessons are never in the index. The index
 * must keep its lessons (createRelatedIndex does); `rankRelated` ranks without them.
 */
export function relatedLessons(
  source: Source,
  pageText: string,
  index: RelatedIndex,
  options: RelatedOptions = {},
): RelatedResult[] {
  return rankRelated(source, pageText, index, options).map(({ id, ...rest }) => {
    const lesson = index.get(id);
    if (!lesson) throw new Error('This related index keeps no lessons: rank with rankRelated');
    return { lesson, ...rest };
  });
}

/** `relatedLessons` by id: the ranking needs no lesson, only what the index keeps of each. */
export function rankRelated(source: Source, pageText: string, index: RelatedIndex, options: RelatedOptions = {}): RankedLesson[] {
  return rankDocs(source, pageText, index, options).map(({ doc, ...ranked }) => ({ id: index.idOf(doc), ...ranked }));
}

/**
 * The toolbar count of `rankRelated`'s lessons (`badgeCount`), without their ids: an index
 * restored without them (a worker's wake, `RelatedIndex.hasIds`) counts as well.
 */
export function countRelated(source: Source, pageText: string, index: RelatedIndex, options: RelatedOptions = {}): number {
  return badgeCount(rankDocs(source, pageText, index, options));
}

type RankedDoc = Omit<RankedLesson, 'id'> & { doc: number };

function rankDocs(source: Source, pageText: string, index: RelatedIndex, options: RelatedOptions): RankedDoc[] {
  const limit = options.limit ?? 20;
  const onItem = new Set(index.docsOnWorkItem(source.workItem));
  const inProject = new Set(index.docsInProject(source.project));
  const labels = normalizeTags(source.labels).map((tag) => ({ tag, docs: new Set(index.docsWithTag(tag)) }));
  const tagsOf = (doc: number) => labels.filter((l) => l.docs.has(doc)).map((l) => l.tag);
  const compare = compareDocs(index);

  // Text hits may all be lessons already listed above; ask for enough to fill the rest.
  const listed = labels.reduce((n, l) => n + l.docs.size, onItem.size + inProject.size);
  const text = textMatches(source, pageText, index, limit + Math.min(listed, limit), options);
  const similarity = (doc: number) => text.get(doc)?.similarity ?? 0;
  const withText = (doc: number, reasons: string[]) => {
    const match = text.get(doc);
    return match ? [...reasons, match.reason] : reasons;
  };

  const out: RankedDoc[] = [];
  const sameItem = sameItemReason(source);
  const itemTop = new TopDocs(limit, compare);
  for (const doc of onItem) itemTop.offer(doc, similarity(doc));
  for (const doc of itemTop.docs()) {
    // Listed for this very item: similar text would add nothing to that.
    out.push({ doc, section: index.isQuestion(doc) ? 'questions' : 'workItem', reasons: [sameItem], score: similarity(doc) });
  }

  const projectScore = (doc: number) => {
    let tags = 0;
    for (const l of labels) if (l.docs.has(doc)) tags++;
    return (inProject.has(doc) ? 1 : 0) + tags * TAG_SCORE + similarity(doc);
  };
  const projectTop = new TopDocs(limit, compare);
  for (const doc of inProject) if (!onItem.has(doc)) projectTop.offer(doc, projectScore(doc));
  const seenUnder = (doc: number, label: number) => {
    for (let j = 0; j < label; j++) if (labels[j].docs.has(doc)) return true;
    return false;
  };
  labels.forEach(({ docs }, i) => {
    for (const doc of docs) {
      // Each lesson once: skip those met in the project or under an earlier label.
      if (onItem.has(doc) || inProject.has(doc) || seenUnder(doc, i)) continue;
      projectTop.offer(doc, projectScore(doc));
    }
  });
  const projectName = projectReason(source);
  for (const doc of projectTop.docs()) {
    const reasons = [...(inProject.has(doc) ? [projectName] : []), ...tagReason(tagsOf(doc))];
    out.push({ doc, section: 'project', reasons: withText(doc, reasons), score: projectScore(doc) });
  }

  for (const [doc, match] of text) {
    if (onItem.has(doc) || inProject.has(doc) || labels.some((l) => l.docs.has(doc))) continue;
    out.push({ doc, section: 'similar', reasons: [match.reason], score: match.similarity });
  }

  return out
    .sort((a, b) => SECTION_ORDER[a.section] - SECTION_ORDER[b.section] || compare(a.doc, a.score, b.doc, b.score))
    .slice(0, limit);
}

/** Why a lesson of the page's project is listed: "same project ACME", "same repository acme/api". */
export function projectReason(source: Source): string {
  return sameProjectReason(source.site, source.project?.trim() ?? '');
}

/** The terms of the page its text matches are searched for: its most distinctive, against the index. */
export function pageQuery(source: Source, pageText: string, index: RelatedIndex, options: RelatedOptions = {}): QueryTerm[] {
  return index.text.queryTerms(
    [
      { text: source.title, weight: 3 },
      { text: source.labels.join(' '), weight: 3 },
      { text: pageText, weight: 1 },
    ],
    options.queryTerms,
  );
}

/** Text matches by document number. */
function textMatches(source: Source, pageText: string, index: RelatedIndex, k: number, options: RelatedOptions): Map<number, TextMatch> {
  const terms = pageQuery(source, pageText, index, options);
  const matches = new Map<number, TextMatch>();
  for (const hit of index.text.searchDocs(terms, k, options.minSimilarity ?? SIMILAR_MIN)) {
    if (hit.matched.length < MIN_SHARED_TERMS) continue;
    const words = hit.matched.slice(0, REASON_TERMS).map((i) => terms[i].word);
    matches.set(hit.doc, { similarity: hit.similarity, reason: t('related.similarText', { words: words.join(', ') }) });
  }
  return matches;
}

type CompareDocs = (a: number, scoreA: number, b: number, scoreB: number) => number;

/** Higher score first, then the more recently updated, then the smaller id: a total order. */
function compareDocs(index: RelatedIndex): CompareDocs {
  return (a, scoreA, b, scoreB) =>
    scoreB - scoreA || index.compareUpdatedAt(b, a) || index.text.compareKeys(a, b);
}

interface Entry {
  doc: number;
  score: number;
}

/**
 * The `k` best documents offered, in a bounded min-heap: a project or a common label can hold
 * thousands of lessons, and most are turned away by their score alone, without a comparison.
 */
class TopDocs {
  private readonly heap: Entry[] = [];

  constructor(
    private readonly k: number,
    private readonly compare: CompareDocs,
  ) {}

  offer(doc: number, score: number): void {
    const heap = this.heap;
    if (this.k === 0 || (heap.length === this.k && score < heap[0].score)) return;
    if (heap.length < this.k) {
      heap.push({ doc, score });
      this.up(heap.length - 1);
    } else if (this.compare(heap[0].doc, heap[0].score, doc, score) > 0) {
      heap[0] = { doc, score };
      this.down(0);
    }
  }

  docs(): number[] {
    return this.heap.map((e) => e.doc);
  }

  private worse(a: Entry, b: Entry): boolean {
    return this.compare(a.doc, a.score, b.doc, b.score) > 0;
  }

  private up(i: number): void {
    const heap = this.heap;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.worse(heap[i], heap[parent])) return;
      [heap[i], heap[parent]] = [heap[parent], heap[i]];
      i = parent;
    }
  }

  private down(i: number): void {
    const heap = this.heap;
    for (;;) {
      const l = 2 * i + 1;
      let m = i;
      if (l < heap.length && this.worse(heap[l], heap[m])) m = l;
      if (l + 1 < heap.length && this.worse(heap[l + 1], heap[m])) m = l + 1;
      if (m === i) return;
      [heap[i], heap[m]] = [heap[m], heap[i]];
      i = m;
    }
  }
}

function tagReason(tags: string[]): string[] {
  return tags.length ? [t('related.sharesTags', tags.length, { tags: tags.join(', ') })] : [];
}

/** The toolbar count: lessons on this work item or project, or sharing tags, plus strong text matches. */
export function badgeCount(results: readonly Pick<RelatedResult, 'section' | 'score'>[]): number {
  return results.filter((r) => r.section !== 'similar' || r.score >= STRONG_SIMILAR).length;
}
