// The related ranking as it was before the index stopped keeping lessons (ids in sets, lessons
// in a map), kept only as the reference the compact index must agree with (lib/related/compact.test.ts).
import { normalizeTag, normalizeTags, type Lesson, type Source } from '../../lib/lesson';
import { sameItemReason } from '../../lib/related/item-kind';
import { FullTextIndex } from '../../lib/related/fulltext';
import { lessonFields, lessonTags, projectKey } from '../../lib/related/lesson-index';
import { SIMILAR_MIN, projectReason, type RelatedOptions, type RelatedResult, type RelatedSection } from '../../lib/related/rank';

const NONE: ReadonlySet<string> = new Set();
/** A lesson sharing a single word with the page is a coincidence, however rare the word. */
const MIN_SHARED_TERMS = 2;
const REASON_TERMS = 4;
/** Two shared tags count for a little less than a shared project, three for more. */
const TAG_SCORE = 0.4;

const SECTION_ORDER: Record<RelatedSection, number> = { workItem: 0, questions: 1, project: 2, similar: 3 };

/**
 * The live (not deleted) lessons, with lookups by work item, project and tag, and a full-text
 * index over their text. Kept up to date as lessons change rather than rebuilt per page.
 */
export class ReferenceIndex {
  readonly text: FullTextIndex;
  private readonly lessons = new Map<string, Lesson>();
  private readonly byWorkItem = new Map<string, Set<string>>();
  private readonly byProject = new Map<string, Set<string>>();
  private readonly byTag = new Map<string, Set<string>>();

  constructor(lessons: Iterable<Lesson> = []) {
    const live: Lesson[] = [];
    for (const lesson of lessons) {
      if (lesson.deletedAt || this.lessons.has(lesson.id)) continue;
      this.remember(lesson);
      live.push(lesson);
    }
    this.text = FullTextIndex.build(live.map((l) => [l.id, lessonFields(l)]));
  }

  get size(): number {
    return this.lessons.size;
  }

  get(id: string): Lesson | undefined {
    return this.lessons.get(id);
  }

  /** Adds a lesson, or replaces the one with its id; a deleted lesson is removed instead. */
  add(lesson: Lesson): void {
    this.remove(lesson.id);
    if (lesson.deletedAt) return;
    this.remember(lesson);
    this.text.add(lesson.id, lessonFields(lesson));
  }

  update(lesson: Lesson): void {
    this.add(lesson);
  }

  remove(id: string): boolean {
    const lesson = this.lessons.get(id);
    if (!lesson) return false;
    this.lessons.delete(id);
    unlink(this.byWorkItem, lesson.source.workItem, id);
    const project = projectKey(lesson.source.project);
    if (project) unlink(this.byProject, project, id);
    for (const tag of lessonTags(lesson)) unlink(this.byTag, tag, id);
    this.text.remove(id);
    return true;
  }

  /** Ids of the lessons captured on a work item. */
  onWorkItem(workItem: string): ReadonlySet<string> {
    return this.byWorkItem.get(workItem) ?? NONE;
  }

  /** Ids of the lessons on a project, space or repository, compared without regard to case. */
  inProject(project: string | undefined): ReadonlySet<string> {
    const key = projectKey(project);
    return (key && this.byProject.get(key)) || NONE;
  }

  /** Ids of the lessons with a tag, or captured on a page with that label. */
  withTag(tag: string): ReadonlySet<string> {
    return this.byTag.get(normalizeTag(tag)) ?? NONE;
  }

  private remember(lesson: Lesson): void {
    this.lessons.set(lesson.id, lesson);
    link(this.byWorkItem, lesson.source.workItem, lesson.id);
    const project = projectKey(lesson.source.project);
    if (project) link(this.byProject, project, lesson.id);
    for (const tag of lessonTags(lesson)) link(this.byTag, tag, lesson.id);
  }
}

interface TextMatch {
  similarity: number;
  reason: string;
}

/**
 * Lessons related to the page in `source`, in the order of DESIGN.md ("Related lessons"): same
 * work item, open questions there, same project or shared tags, then similar text. Lessons
 * related in none of these ways are left out; deleted lessons are never in the index.
 */
export function referenceRelated(
  source: Source,
  pageText: string,
  index: ReferenceIndex,
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
  const projectName = projectReason(source);
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

function textMatches(source: Source, pageText: string, index: ReferenceIndex, k: number, options: RelatedOptions): Map<string, TextMatch> {
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
    matches.set(hit.key, { similarity: hit.similarity, reason: `similar text: ${words.join(', ')}` });
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
    private readonly index: ReferenceIndex,
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
  return tags.length ? [`shares ${tags.length > 1 ? 'tags' : 'tag'}: ${tags.join(', ')}`] : [];
}

function link(map: Map<string, Set<string>>, key: string, id: string): void {
  let ids = map.get(key);
  if (!ids) map.set(key, (ids = new Set()));
  ids.add(id);
}

function unlink(map: Map<string, Set<string>>, key: string, id: string): void {
  const ids = map.get(key);
  if (!ids) return;
  ids.delete(id);
  if (ids.size === 0) map.delete(key);
}
