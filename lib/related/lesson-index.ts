import { normalizeTag, normalizeTags, type Lesson } from '../lesson';
import { FullTextIndex, type FullTextSnapshot, type PostingBlock, type WeightedText } from './fulltext';
import { columnAt, compareStrings, findPacked, isColumn, isPacked, isRank, isSized, isSortedOrder, packColumn, packStrings, rankOf, sortedOrder, unpackString, type PackedStrings, type StringColumn } from './packed-strings';

/** Title and tags say what a lesson is about more densely than its quote or note. */
const FIELD_WEIGHTS = { title: 2, tags: 2, body: 1 } as const;

/** Bumped whenever what the index keeps per lesson changes: a stored index is then rebuilt. */
export const RELATED_INDEX_VERSION = 5;

export function lessonFields(lesson: Lesson): WeightedText[] {
  const answers = lesson.answers.length ? lesson.answers.map((a) => `${a.question}\n${a.answer}`).join('\n') : '';
  return [
    { text: lesson.title, weight: FIELD_WEIGHTS.title },
    { text: lesson.tags.join(' '), weight: FIELD_WEIGHTS.tags },
    { text: lesson.quote, weight: FIELD_WEIGHTS.body },
    { text: lesson.note, weight: FIELD_WEIGHTS.body },
    { text: answers, weight: FIELD_WEIGHTS.body },
    { text: lesson.question?.text ?? '', weight: FIELD_WEIGHTS.body },
  ];
}

/** Projects, spaces and repositories compare without regard to case ("ACME" is "acme"). */
export function projectKey(project: string | undefined): string | null {
  const key = project?.trim().toLowerCase();
  return key ? key : null;
}

/** A lesson's tags together with the labels of the page it was captured on. */
export function lessonTags(lesson: Lesson): string[] {
  // Tags are normalised by the schema already; labels are the page's own spelling.
  return lesson.source.labels.length ? normalizeTags([...lesson.tags, ...lesson.source.labels]) : lesson.tags;
}


interface Parts {
  text: FullTextIndex;
  lessons: Map<string, Lesson> | null;
  updatedAt: string[];
  /** The updatedAt of the documents as loaded, until a compaction: `updatedAt` holds those added since. */
  loadedUpdatedAt: StringColumn | null;
  /** The order of the loaded documents' updatedAt, of a restored index (see RelatedSnapshot); null for a built one. */
  recency: Uint32Array | null;
  question: Uint8Array;
  byWorkItem: Lookup;
  byProject: Lookup;
  byTag: Lookup;
}

/** A map of keys to document lists as stored: the keys, and per key its slice of one array (CSR). */
export interface StoredLookup {
  keys: PackedStrings;
  /** Key numbers in the order of the keys: a loaded key is found by binary search. */
  order: Uint32Array<ArrayBuffer>;
  starts: Uint32Array<ArrayBuffer>;
  docs: Uint32Array<ArrayBuffer>;
}

/**
 * The related index as stored in IndexedDB (lib/platform/related-index.ts), no lesson in it:
 * everything but the text postings, which are stored in blocks beside it.
 */
export interface RelatedSnapshot {
  version: number;
  text: FullTextSnapshot;
  /**
   * Per document, its lesson's updatedAt. Left out, with the text's keys, of a head stored for a
   * wake (see StoredIds): a count orders equal scores by `recency` instead.
   */
  updatedAt?: StringColumn;
  /** Per document, where its updatedAt falls among all of them, equal ones alike: it orders equal scores. */
  recency: Uint32Array<ArrayBuffer>;
  /** Per document, 1 for an open question. */
  question: Uint8Array<ArrayBuffer>;
  workItems: StoredLookup;
  projects: StoredLookup;
  tags: StoredLookup;
}

/**
 * What a head stored for a wake leaves out (lib/platform/related-index.ts stores it apart): the
 * lessons' ids and updatedAt, megabytes at 100,000 lessons that counting a page's related lessons
 * does without. A list of ids, a write or storing again reads them in (`fillIds`).
 */
export interface StoredIds {
  keys: StringColumn;
  updatedAt: StringColumn;
}

/**
 * The live (not deleted) lessons, with lookups by work item, project and tag, and a full-text
 * index over their text. Kept up to date as lessons change rather than rebuilt per page.
 *
 * What ranking needs of each lesson (id, updatedAt, whether it is a question) is kept per document
 * number of the full-text index, and the lookups hold document numbers: 100,000 lessons cost a few
 * megabytes, not the lessons themselves. The lessons are kept as well only when asked for
 * (`keepLessons`, for the side panel, which shows them); a removed lesson's numbers stay in the
 * lookups, skipped as dead, until a compaction renumbers every document.
 */
export class RelatedIndex {
  readonly text: FullTextIndex;
  private readonly lessons: Map<string, Lesson> | null;
  private updatedAt: string[];
  private loadedUpdatedAt: StringColumn | null;
  private recency: Uint32Array | null;
  private loadedDocs: number;
  private question: Uint8Array;
  private readonly byWorkItem: Lookup;
  private readonly byProject: Lookup;
  private readonly byTag: Lookup;

  private constructor(parts: Parts) {
    this.text = parts.text;
    this.lessons = parts.lessons;
    this.updatedAt = parts.updatedAt;
    this.loadedUpdatedAt = parts.loadedUpdatedAt;
    this.recency = parts.recency;
    this.loadedDocs = parts.recency ? parts.text.nextDoc : 0;
    this.question = parts.question;
    this.byWorkItem = parts.byWorkItem;
    this.byProject = parts.byProject;
    this.byTag = parts.byTag;
    this.text.onCompact = (renum) => this.renumber(renum);
  }

  /**
   * Builds the index from lessons handed over one at a time (read from the database in pages, so
   * they are never all in memory); deleted ones and repeated ids are skipped.
   */
  static builder({ keepLessons = false } = {}): { add(lesson: Lesson): void; finish(): RelatedIndex } {
    const text = FullTextIndex.builder();
    const parts = {
      lessons: keepLessons ? new Map<string, Lesson>() : null,
      updatedAt: [] as string[],
      loadedUpdatedAt: null,
      recency: null,
      question: new Uint8Array(1024) as Uint8Array,
      byWorkItem: Lookup.empty(),
      byProject: Lookup.empty(),
      byTag: Lookup.empty(),
    };
    const seen = new Set<string>();
    return {
      add(lesson) {
        if (lesson.deletedAt || seen.has(lesson.id)) return;
        seen.add(lesson.id);
        const doc = parts.updatedAt.length;
        text.add(lesson.id, lessonFields(lesson));
        parts.lessons?.set(lesson.id, lesson);
        parts.updatedAt.push(lesson.updatedAt);
        if (doc >= parts.question.length) parts.question = growBytes(parts.question, doc + 1);
        if (lesson.kind === 'question') parts.question[doc] = 1;
        parts.byWorkItem.link(lesson.source.workItem, doc);
        const project = projectKey(lesson.source.project);
        if (project) parts.byProject.link(project, doc);
        for (const tag of lessonTags(lesson)) parts.byTag.link(tag, doc);
      },
      finish: () => new RelatedIndex({ text: text.finish(), ...parts }),
    };
  }

  /**
   * The index a snapshot holds, with all its blocks of postings or none (filled in later through
   * `text.fill`), with its ids or without (filled in later through `fillIds`); null when it comes
   * from another version or does not hold together (without `deep`, as far as checks of its shape
   * tell: a wake counts its first page before `holdsTogether` walks the rest).
   */
  static restore(s: RelatedSnapshot, blocks?: PostingBlock[], { deep = true }: { deep?: boolean } = {}): RelatedIndex | null {
    if (s.version !== RELATED_INDEX_VERSION) return null;
    const text = FullTextIndex.restore(s.text, blocks, { deep });
    if (!text) return null;
    const docs = s.text.docLen.length;
    const [byWorkItem, byProject, byTag] = [s.workItems, s.projects, s.tags].map((l) => Lookup.restore(l, docs, deep));
    if ((s.updatedAt !== undefined && !isColumn(s.updatedAt, docs)) || !isSized(s.recency, docs)) return null;
    if (deep && !isRank(s.recency, docs)) return null;
    if (s.question.length !== docs || !byWorkItem || !byProject || !byTag) return null;
    if ((s.updatedAt === undefined) !== (s.text.keys === undefined)) return null;
    const loadedUpdatedAt = s.updatedAt ?? null;
    return new RelatedIndex({ text, lessons: null, updatedAt: [], loadedUpdatedAt, recency: s.recency, question: s.question, byWorkItem, byProject, byTag });
  }

  /**
   * The checks of a snapshot that walk all of it (at 100,000 lessons, tens of milliseconds of a
   * wake): sorted orders, ranks, document numbers in range. Without them a snapshot that does not
   * hold together can rank or count wrongly, never fail: lookups skip a document out of range as dead.
   */
  static holdsTogether(s: RelatedSnapshot): boolean {
    const docs = s.text.docLen.length;
    return FullTextIndex.holdsTogether(s.text) && isRank(s.recency, docs) && [s.workItems, s.projects, s.tags].every((l) => Lookup.holdsTogether(l, docs));
  }

  /** Whether its ids are in: a restored index may be without them until `fillIds`. */
  get hasIds(): boolean {
    return this.text.hasKeys && (this.loadedDocs === 0 || this.loadedUpdatedAt !== null);
  }

  /** Every posting and every id in: only then may it take writes or be stored. */
  get complete(): boolean {
    return this.text.complete && this.hasIds;
  }

  /** Fills in the ids of an index restored without them; false (and nothing filled) when they do not fit it. */
  fillIds(ids: StoredIds): boolean {
    if (this.hasIds) return true;
    if (typeof ids !== 'object' || ids === null || !isColumn(ids.updatedAt, this.loadedDocs) || !this.text.fillKeys(ids.keys)) return false;
    this.loadedUpdatedAt = ids.updatedAt;
    return true;
  }

  /** Compacts, then gives the index as it is stored, and its text postings in blocks (stored apart). */
  snapshot(): { head: RelatedSnapshot; blocks: PostingBlock[] } {
    const { head: text, blocks } = this.text.snapshot();
    const docs = text.docLen.length;
    const updatedAt = packColumn(docs, (doc) => this.updatedAtOf(doc));
    const head = {
      version: RELATED_INDEX_VERSION,
      text,
      updatedAt,
      recency: rankOf(updatedAt, docs),
      question: this.question.slice(0, docs),
      workItems: this.byWorkItem.store(),
      projects: this.byProject.store(),
      tags: this.byTag.store(),
    };
    return { head, blocks };
  }

  get size(): number {
    return this.text.size;
  }

  /** The lesson, when the index keeps lessons (see the class comment). */
  get(id: string): Lesson | undefined {
    return this.lessons?.get(id);
  }

  /** Adds a lesson, or replaces the one with its id; a deleted lesson is removed instead. */
  add(lesson: Lesson): void {
    this.remove(lesson.id);
    if (lesson.deletedAt) return;
    // Kept under the number the text index gives the lesson; an add that compacts renumbers them all.
    const doc = this.text.nextDoc;
    this.lessons?.set(lesson.id, lesson);
    this.updatedAt[doc] = lesson.updatedAt;
    if (doc >= this.question.length) this.question = growBytes(this.question, doc + 1);
    this.question[doc] = lesson.kind === 'question' ? 1 : 0;
    this.byWorkItem.link(lesson.source.workItem, doc);
    const project = projectKey(lesson.source.project);
    if (project) this.byProject.link(project, doc);
    for (const tag of lessonTags(lesson)) this.byTag.link(tag, doc);
    this.text.add(lesson.id, lessonFields(lesson));
  }

  update(lesson: Lesson): void {
    this.add(lesson);
  }

  remove(id: string): boolean {
    this.lessons?.delete(id);
    return this.text.remove(id);
  }

  /** Live documents of the lessons captured on a work item. */
  docsOnWorkItem(workItem: string): number[] {
    return this.alive(this.byWorkItem.get(workItem));
  }

  /** Live documents of the lessons on a project, space or repository, compared without regard to case. */
  docsInProject(project: string | undefined): number[] {
    const key = projectKey(project);
    return key ? this.alive(this.byProject.get(key)) : [];
  }

  /** Live documents of the lessons with a tag, or captured on a page with that label. */
  docsWithTag(tag: string): number[] {
    return this.alive(this.byTag.get(normalizeTag(tag)));
  }

  /** Ids of the lessons captured on a work item. */
  onWorkItem(workItem: string): ReadonlySet<string> {
    return this.ids(this.docsOnWorkItem(workItem));
  }

  /** Ids of the lessons on a project, space or repository, compared without regard to case. */
  inProject(project: string | undefined): ReadonlySet<string> {
    return this.ids(this.docsInProject(project));
  }

  /** Ids of the lessons with a tag, or captured on a page with that label. */
  withTag(tag: string): ReadonlySet<string> {
    return this.ids(this.docsWithTag(tag));
  }

  idOf(doc: number): string {
    return this.text.keyOf(doc);
  }

  updatedAtOf(doc: number): string {
    if (doc >= this.loadedDocs) return this.updatedAt[doc];
    if (!this.loadedUpdatedAt) throw new Error('Ids not loaded yet');
    return columnAt(this.loadedUpdatedAt, doc);
  }

  /** How two documents' updatedAt compare, as the timestamps themselves would. */
  compareUpdatedAt(a: number, b: number): number {
    return a < this.loadedDocs && b < this.loadedDocs ? this.recency![a] - this.recency![b] : compareStrings(this.updatedAtOf(a), this.updatedAtOf(b));
  }

  isQuestion(doc: number): boolean {
    return this.question[doc] === 1;
  }

  private alive(docs: ArrayLike<number> | undefined): number[] {
    const out: number[] = [];
    if (docs) for (let i = 0; i < docs.length; i++) if (this.text.isAlive(docs[i])) out.push(docs[i]);
    return out;
  }

  private ids(docs: number[]): ReadonlySet<string> {
    return new Set(docs.map((doc) => this.text.keyOf(doc)));
  }

  /** Follows a compaction of the text index: the same documents under their new numbers, the dropped ones gone. */
  private renumber(renum: Int32Array): void {
    const live = renum.reduce((n, to) => (to >= 0 ? n + 1 : n), 0);
    const updatedAt: string[] = new Array(live);
    const question = new Uint8Array(Math.max(1024, live));
    for (let doc = 0; doc < renum.length; doc++) {
      const to = renum[doc];
      if (to < 0) continue;
      updatedAt[to] = this.updatedAtOf(doc);
      question[to] = this.question[doc];
    }
    this.updatedAt = updatedAt;
    this.loadedUpdatedAt = null;
    this.recency = null;
    this.loadedDocs = 0;
    this.question = question;
    for (const lookup of [this.byWorkItem, this.byProject, this.byTag]) lookup.renumber(renum);
  }
}

/** An index over `lessons` that keeps them, for the pages that show them. */
export function createRelatedIndex(lessons: Iterable<Lesson> = []): RelatedIndex {
  const builder = RelatedIndex.builder({ keepLessons: true });
  for (const lesson of lessons) builder.add(lesson);
  return builder.finish();
}

/**
 * Keys → document numbers, ascending. A loaded key stays a slot of the stored arrays until it is
 * written to: a wake makes no array per work item or tag, only views of the few it looks up, and
 * no map of its keys either (found by binary search) until a write needs them all (`all`).
 */
class Lookup {
  private readonly lists = new Map<string, number[] | number>();
  /** Whether `lists` holds every key: always, but for a loaded lookup no write has needed them all yet. */
  private listed: boolean;

  private constructor(private readonly stored: StoredLookup | null) {
    this.listed = stored === null;
  }

  static empty(): Lookup {
    return new Lookup(null);
  }

  static restore(l: StoredLookup, docCount: number, deep = true): Lookup | null {
    const count = l.keys.ends.length;
    if (!isPacked(l.keys, count) || !(l.starts instanceof Uint32Array) || l.starts.length !== count + 1 || l.starts[count] !== l.docs.length) return null;
    if (!isSized(l.order, count) || !(l.docs instanceof Uint32Array)) return null;
    return !deep || Lookup.holdsTogether(l, docCount) ? new Lookup(l) : null;
  }

  /** Its keys' sorted order, and every document of the index (see RelatedIndex.holdsTogether). */
  static holdsTogether(l: StoredLookup, docCount: number): boolean {
    if (!isSortedOrder(l.keys, l.order)) return false;
    for (let i = 0; i < l.docs.length; i++) if (l.docs[i] >= docCount) return false;
    return true;
  }

  get(key: string): ArrayLike<number> | undefined {
    const docs = this.lists.get(key) ?? this.storedSlot(key);
    return typeof docs === 'number' ? this.stored!.docs.subarray(this.stored!.starts[docs], this.stored!.starts[docs + 1]) : docs;
  }

  link(key: string, doc: number): void {
    let docs = this.lists.get(key) ?? this.storedSlot(key);
    if (typeof docs !== 'object') this.lists.set(key, (docs = docs === undefined ? [] : Array.from(this.get(key)!)));
    docs.push(doc);
  }

  /** The stored slot of a key not in `lists` yet; undefined once every key is listed. */
  private storedSlot(key: string): number | undefined {
    if (this.listed) return undefined;
    const slot = findPacked(this.stored!.keys, this.stored!.order, key);
    return slot < 0 ? undefined : slot;
  }

  /** Every key in `lists`: the stored ones not written to as their slots. */
  private all(): Map<string, number[] | number> {
    if (!this.listed) {
      const { keys } = this.stored!;
      for (let i = 0; i < keys.ends.length; i++) {
        const key = unpackString(keys, i);
        if (!this.lists.has(key)) this.lists.set(key, i);
      }
      this.listed = true;
    }
    return this.lists;
  }

  /** Follows a compaction: the same documents under their new numbers, keys left with none dropped. */
  renumber(renum: Int32Array): void {
    for (const key of this.all().keys()) {
      const docs = this.get(key)!;
      const moved: number[] = [];
      for (let i = 0; i < docs.length; i++) if (docs[i] < renum.length && renum[docs[i]] >= 0) moved.push(renum[docs[i]]);
      if (moved.length) this.lists.set(key, moved);
      else this.lists.delete(key);
    }
  }

  store(): StoredLookup {
    const keys = [...this.all().keys()];
    const lists = keys.map((key) => this.get(key)!);
    const starts = new Uint32Array(keys.length + 1);
    lists.forEach((docs, i) => (starts[i + 1] = starts[i] + docs.length));
    const docs = new Uint32Array(starts[keys.length]);
    lists.forEach((list, i) => docs.set(list, starts[i]));
    const packed = packStrings(keys.length, (i) => keys[i]);
    return { keys: packed, order: sortedOrder(packed), starts, docs };
  }
}

function growBytes(a: Uint8Array, min: number): Uint8Array {
  let size = Math.max(a.length, 16);
  while (size < min) size *= 2;
  const b = new Uint8Array(size);
  b.set(a);
  return b;
}
