import type { Lesson } from '../lesson';
import { packStrings, unpackString, type PackedStrings } from '../related/packed-strings';
import { dateRange, type LibraryFilters } from './filters';
import { haystackOf } from './rows';
import { narrows, tokenize, type Facets } from './search';
import { forEachGapped, someGapped, VarintWriter } from './varint';

/**
 * The shape of a stored index; bumped whenever it, or what is indexed (haystackOf, tokenize),
 * changes, so an index stored by another version is built again rather than misread.
 */
export const LIBRARY_INDEX_SHAPE = 2;

/** Between runs in the vocabulary: no haystack holds it (haystackOf replaces it), so no run spans two. */
const SEP = '\u0000';
/** Maximal runs of non-space: a query token (split on /\s+/) is inside a haystack iff it is inside one of its runs. */
const RUNS = /\S+/g;
/** Changed slots inserted into the order one by one; more are sorted in with the rest. */
const FEW_INSERTS = 64;

type Int32 = Int32Array<ArrayBuffer>;
type Float64 = Float64Array<ArrayBuffer>;
type Uint8 = Uint8Array<ArrayBuffer>;

/**
 * Everything the index holds, as typed arrays and a few long strings: what is stored in
 * IndexedDB and read back in one structured clone (no object or string per lesson).
 */
export interface LibrarySnapshot {
  shape: number;
  /** Slots, live or not. */
  slots: number;
  live: Uint8;
  created: Float64;
  updated: Float64;
  helped: Int32;
  actions: Int32;
  openActions: Int32;
  /** Ids into `dict` (-1: none). */
  kind: Int32;
  site: Int32;
  visibility: Int32;
  project: Int32;
  author: Int32;
  dict: PackedStrings;
  /** Each slot's tags are tagPool[tagStart[s] .. tagStart[s] + tagLen[s]), ids into `dict`. */
  tagStart: Int32;
  tagLen: Int32;
  tagPool: Int32;
  ids: PackedStrings;
  /** Slots [0, sortedIds) are in ascending id order (found by binary search); later ones are not. */
  sortedIds: number;
  /** Live slots, newest first. */
  order: Int32;
  /** Distinct runs of every haystack, each followed by SEP; run r starts at runStart[r]. */
  vocab: string;
  runStart: Int32;
  /** Run r's slots, gap-coded, in post[postStart[r] .. postStart[r + 1]). */
  post: Uint8;
  postStart: Int32;
  /** Slots [0, baseSlots) are in the postings (each slot's runs are derived from them: `buildForward`). */
  baseSlots: number;
  /** Slots changed since the runs were indexed: their runs are in `extraText` instead. */
  stale: Uint8;
  extraSlots: Int32;
  /** The distinct runs of each of `extraSlots`, space-separated. */
  extraText: PackedStrings;
}

/** The bytes of each kind of array a snapshot holds, so what the index costs is told, not guessed. */
export function snapshotBytes(s: LibrarySnapshot): { typed: number; strings: number } {
  let typed = 0;
  let strings = 0;
  for (const v of Object.values(s)) {
    if (ArrayBuffer.isView(v)) typed += v.byteLength;
    else if (typeof v === 'string') strings += v.length;
    else if (v && typeof v === 'object') {
      const p = v as PackedStrings;
      typed += p.ends.byteLength;
      strings += p.text.length;
    }
  }
  return { typed, strings };
}

const distinctRuns = (hay: string): string[] => [...new Set(hay.match(RUNS) ?? [])];

interface Facts {
  id: string;
  created: number;
  updated: number;
  helped: number;
  actions: number;
  openActions: number;
  kind: string;
  site: string;
  visibility: string;
  project?: string;
  author?: string;
  tags: readonly string[];
}

function factsOf(l: Lesson): Facts {
  return {
    id: l.id,
    created: Date.parse(l.createdAt),
    updated: Date.parse(l.updatedAt),
    helped: l.helped,
    actions: l.actions.length,
    openActions: l.actions.filter((a) => !a.done).length,
    kind: l.kind,
    site: l.source.site,
    visibility: l.visibility,
    project: l.source.project || undefined,
    author: l.author || undefined,
    tags: l.tags,
  };
}

/** What a digest or the look back needs of a lesson, without reading it. */
export interface LessonMeta {
  id: string;
  created: number;
  kind: string;
  actionCount: number;
}

/**
 * The library's search, filters and sorts over every live lesson, holding no lesson object:
 * per-lesson facts in typed arrays (one slot each), strings (project, author, tags, pillar…) as
 * ids into one small dictionary, and the search text as a vocabulary of the distinct runs of
 * non-space of every haystack with, for each run, the slots holding it (and for each slot its runs).
 *
 * A query word has no space, so it is inside a lesson's haystack exactly when it is inside one
 * of the haystack's runs: it is looked up with `indexOf` over the vocabulary (a few MB), and the
 * slots of the runs that hold it are its matches; results are the same as a scan of every
 * haystack. Edited and new lessons keep their runs as text beside the index (searched one by
 * one) until it is built again; typing forward only re-checks the previous matches.
 */
export class LibraryIndex {
  private n: number;
  private live: Uint8;
  private created: Float64;
  private updated: Float64;
  private helped: Int32;
  private actions: Int32;
  private openActions: Int32;
  private kind: Int32;
  private site: Int32;
  private visibility: Int32;
  private project: Int32;
  private author: Int32;
  private dict: string[];
  private dictId: Map<string, number>;
  private tagStart: Int32;
  private tagLen: Int32;
  private tagPool: Int32;
  private tagPoolLen: number;
  private packedIds: PackedStrings;
  private moreIds: string[] = [];
  private sortedIds: number;
  private idMap = new Map<string, number>();
  private order: Int32;
  private orderLen: number;
  private vocab: string;
  private runStart: Int32;
  private post: Uint8;
  private postStart: Int32;
  /**
   * Slot s's runs (s < baseSlots), gap-coded, in fwd[fwdStart[s] .. fwdStart[s + 1]): the postings
   * inverted, not stored (a fifth of the stored bytes, made into objects on every open), derived
   * after the index is in use (`buildForward`); until then a word is looked up in the postings alone.
   */
  private forward: { fwd: Uint8; fwdStart: Int32 } | null;
  private baseSlots: number;
  private stale: Uint8;
  private extra = new Map<number, string>();
  private liveCount = 0;
  private helpedOrder: Int32 | null = null;
  private facetCache: Facets | null = null;
  private last: { tokens: string[]; slots: Int32 } | null = null;
  private runCache = new Map<string, Int32>();

  private constructor(s: LibrarySnapshot, forward: { fwd: Uint8; fwdStart: Int32 } | null) {
    this.n = s.slots;
    this.live = s.live;
    this.created = s.created;
    this.updated = s.updated;
    this.helped = s.helped;
    this.actions = s.actions;
    this.openActions = s.openActions;
    this.kind = s.kind;
    this.site = s.site;
    this.visibility = s.visibility;
    this.project = s.project;
    this.author = s.author;
    this.dict = Array.from({ length: s.dict.ends.length }, (_, i) => unpackString(s.dict, i));
    this.dictId = new Map(this.dict.map((v, i) => [v, i]));
    this.tagStart = s.tagStart;
    this.tagLen = s.tagLen;
    this.tagPool = s.tagPool;
    this.tagPoolLen = s.tagPool.length;
    this.packedIds = s.ids;
    this.sortedIds = s.sortedIds;
    for (let i = s.sortedIds; i < s.slots; i++) this.idMap.set(this.idAt(i), i);
    this.order = s.order;
    this.orderLen = s.order.length;
    this.vocab = s.vocab;
    this.runStart = s.runStart;
    this.post = s.post;
    this.postStart = s.postStart;
    this.forward = forward;
    this.baseSlots = s.baseSlots;
    this.stale = s.stale;
    s.extraSlots.forEach((slot, i) => this.extra.set(slot, unpackString(s.extraText, i)));
    for (let i = 0; i < s.slots; i++) this.liveCount += s.live[i];
  }

  /** Builds the index from lessons added one at a time (a page of them read at a time). */
  static builder(): LibraryBuilder {
    return new LibraryBuilder();
  }

  static from(lessons: readonly Lesson[]): LibraryIndex {
    const b = new LibraryBuilder();
    for (const l of lessons) b.add(l);
    return b.finish();
  }

  /** The index a snapshot holds; throws when the snapshot is not one this version wrote. */
  static restore(s: LibrarySnapshot): LibraryIndex {
    checkSnapshot(s);
    return new LibraryIndex(s, null);
  }

  /** Whether each slot's runs are at hand (built, or derived by `buildForward`). */
  get hasForward(): boolean {
    return this.forward !== null;
  }

  /**
   * Derives each slot's runs from the postings (tens of ms at 100,000 lessons): typing on then
   * re-checks only the previous matches' runs. Results are the same with or without them.
   */
  buildForward(): void {
    if (this.forward) return;
    const [fwd, fwdStart] = invertGapped(this.post, this.postStart, this.baseSlots);
    this.forward = { fwd, fwdStart };
  }

  get size(): number {
    return this.liveCount;
  }

  /** Lessons changed since the text index was built; past a few thousand, build it again. */
  get pendingChanges(): number {
    return this.extra.size;
  }

  has(id: string): boolean {
    const s = this.slotOf(id);
    return s !== undefined && this.live[s] === 1;
  }

  /** Whether the index already holds the lesson as it is (a tombstone: holds no lesson of its id). */
  holds(l: Lesson): boolean {
    const s = this.slotOf(l.id);
    const here = s !== undefined && this.live[s] === 1;
    if (l.deletedAt) return !here;
    return here && this.updated[s] === Date.parse(l.updatedAt);
  }

  idAt(slot: number): string {
    const packed = this.packedIds.ends.length;
    return slot < packed ? unpackString(this.packedIds, slot) : this.moreIds[slot - packed];
  }

  slotOf(id: string): number | undefined {
    let lo = 0;
    let hi = this.sortedIds - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const at = this.idAt(mid);
      if (at === id) return mid;
      if (at < id) lo = mid + 1;
      else hi = mid - 1;
    }
    return this.idMap.get(id);
  }

  /** Every live lesson's id, newest first. */
  ids(): string[] {
    return Array.from(this.order.subarray(0, this.orderLen), (s) => this.idAt(s));
  }

  /** Every live lesson's date, pillar and actions, newest first (for the weekly look back). */
  *metas(): Generator<LessonMeta> {
    for (let k = 0; k < this.orderLen; k++) {
      const s = this.order[k];
      yield { id: this.idAt(s), created: this.created[s], kind: this.dict[this.kind[s]], actionCount: this.actions[s] };
    }
  }

  /** Adds or replaces lessons; deleted ones (tombstones) leave the index. */
  upsert(lessons: readonly Lesson[]): void {
    this.remove(lessons.filter((l) => l.deletedAt).map((l) => l.id));
    const fresh = new Set<number>();
    const moved = new Set<number>();
    for (const l of lessons) {
      if (l.deletedAt) continue;
      const facts = factsOf(l);
      let s = this.slotOf(l.id);
      const was = s !== undefined && this.live[s] === 1;
      if (s === undefined) s = this.newSlot(l.id);
      if (!was || this.created[s] !== facts.created) {
        if (was) moved.add(s);
        fresh.add(s);
      }
      this.setFacts(s, facts);
      if (s < this.baseSlots) this.stale[s] = 1;
      this.extra.set(s, distinctRuns(haystackOf(l)).join(' '));
      if (!was) this.liveCount++;
      this.live[s] = 1;
    }
    if (moved.size) this.dropFromOrder(moved);
    this.insertIntoOrder([...fresh]);
    this.changed();
  }

  remove(ids: readonly string[]): void {
    const gone = new Set<number>();
    for (const id of ids) {
      const s = this.slotOf(id);
      if (s === undefined || !this.live[s]) continue;
      this.live[s] = 0;
      this.liveCount--;
      this.extra.delete(s);
      gone.add(s);
    }
    if (!gone.size) return;
    this.dropFromOrder(gone);
    this.changed();
  }

  private newSlot(id: string): number {
    const s = this.n;
    if (s >= this.live.length) this.grow(Math.max(16, this.live.length * 2));
    this.n++;
    this.moreIds.push(id);
    this.idMap.set(id, s);
    return s;
  }

  private grow(cap: number): void {
    const g = <T extends Uint8 | Int32 | Float64>(a: T): T => {
      const b = new (a.constructor as new (n: number) => T)(cap);
      b.set(a as never);
      return b;
    };
    this.live = g(this.live);
    this.created = g(this.created);
    this.updated = g(this.updated);
    this.helped = g(this.helped);
    this.actions = g(this.actions);
    this.openActions = g(this.openActions);
    this.kind = g(this.kind);
    this.site = g(this.site);
    this.visibility = g(this.visibility);
    this.project = g(this.project);
    this.author = g(this.author);
    this.tagStart = g(this.tagStart);
    this.tagLen = g(this.tagLen);
    this.stale = g(this.stale);
  }

  private word(v: string | undefined): number {
    if (v === undefined) return -1;
    let id = this.dictId.get(v);
    if (id === undefined) {
      id = this.dict.length;
      this.dict.push(v);
      this.dictId.set(v, id);
    }
    return id;
  }

  private setFacts(s: number, f: Facts): void {
    this.created[s] = f.created;
    this.updated[s] = f.updated;
    this.helped[s] = f.helped;
    this.actions[s] = f.actions;
    this.openActions[s] = f.openActions;
    this.kind[s] = this.word(f.kind);
    this.site[s] = this.word(f.site);
    this.visibility[s] = this.word(f.visibility);
    this.project[s] = this.word(f.project);
    this.author[s] = this.word(f.author);
    if (this.tagPoolLen + f.tags.length > this.tagPool.length) {
      const pool = new Int32Array(Math.max(64, (this.tagPoolLen + f.tags.length) * 2));
      pool.set(this.tagPool.subarray(0, this.tagPoolLen));
      this.tagPool = pool;
    }
    this.tagStart[s] = this.tagPoolLen;
    this.tagLen[s] = f.tags.length;
    for (const t of f.tags) this.tagPool[this.tagPoolLen++] = this.word(t);
  }

  /** Newest first; ids break ties so the order is stable (as lib/library/rows newestFirst). */
  private newer = (a: number, b: number): number => {
    const d = this.created[b] - this.created[a];
    if (d) return d;
    const [x, y] = [this.idAt(a), this.idAt(b)];
    return x < y ? 1 : x > y ? -1 : 0;
  };

  private dropFromOrder(gone: ReadonlySet<number>): void {
    let k = 0;
    for (let i = 0; i < this.orderLen; i++) if (!gone.has(this.order[i])) this.order[k++] = this.order[i];
    this.orderLen = k;
  }

  private insertIntoOrder(fresh: readonly number[]): void {
    if (!fresh.length) return;
    if (this.orderLen + fresh.length > this.order.length) {
      const o = new Int32Array(Math.max(16, (this.orderLen + fresh.length) * 2));
      o.set(this.order.subarray(0, this.orderLen));
      this.order = o;
    }
    if (fresh.length > FEW_INSERTS) {
      this.order.set(fresh, this.orderLen);
      this.orderLen += fresh.length;
      const sorted = Array.from(this.order.subarray(0, this.orderLen)).sort(this.newer);
      this.order.set(sorted);
      return;
    }
    for (const s of fresh) {
      let lo = 0;
      let hi = this.orderLen;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (this.newer(this.order[mid], s) < 0) lo = mid + 1;
        else hi = mid;
      }
      this.order.copyWithin(lo + 1, lo, this.orderLen);
      this.order[lo] = s;
      this.orderLen++;
    }
  }

  private changed(): void {
    this.helpedOrder = null;
    this.facetCache = null;
    this.last = null;
  }

  /** The run holding character `pos` of the vocabulary, searched forward from run `from` (at or before it). */
  private runAt(pos: number, from = 0): number {
    // Galloping: the runs holding a common word are close together, a rare one's far apart.
    let lo = from;
    let step = 1;
    let hi = this.runStart.length - 2;
    while (lo + step <= hi && this.runStart[lo + step] <= pos) {
      lo += step;
      step *= 2;
    }
    hi = Math.min(hi, lo + step);
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.runStart[mid] <= pos) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** Whether run `r` holds `t`, read in place. */
  private runHolds(r: number, t: string): boolean {
    const last = this.runStart[r + 1] - 1 - t.length;
    for (let p = this.runStart[r]; p <= last; p++) if (this.vocab.startsWith(t, p)) return true;
    return false;
  }

  /** Runs of the vocabulary holding `t`; a word typed on from one just searched only re-checks its runs. */
  private runsHolding(t: string, cache: Map<string, Int32>): Int32 {
    const known = this.runCache.get(t) ?? cache.get(t);
    if (known) return known;
    let from: Int32 | null = null;
    for (const [word, runs] of this.runCache) if (t.includes(word) && (!from || runs.length < from.length)) from = runs;
    const R = this.runStart.length - 1;
    const out = new Int32Array(from ? from.length : R);
    let k = 0;
    // Re-checking most of the runs one by one costs more than one scan of the vocabulary.
    if (from && from.length * 8 < R) {
      for (let i = 0; i < from.length; i++) if (this.runHolds(from[i], t)) out[k++] = from[i];
    } else {
      let r = 0;
      let pos = this.vocab.indexOf(t);
      while (pos >= 0) {
        r = this.runAt(pos, r);
        out[k++] = r;
        pos = this.vocab.indexOf(t, this.runStart[r + 1]);
      }
    }
    const runs = out.slice(0, k);
    cache.set(t, runs);
    return runs;
  }

  private extraHolds(s: number, t: string): boolean {
    const text = this.extra.get(s);
    return text !== undefined && text.includes(t);
  }

  /** Of `candidates` (every live slot when null), the slots whose haystack holds `t`, ascending. */
  private holding(t: string, candidates: Int32 | null, cache: Map<string, Int32>): Int32 {
    if (t.includes(SEP)) return new Int32Array(0);
    const R = this.runStart.length - 1;
    const forward = this.forward;
    const bytesPerSlot = forward ? forward.fwd.length / Math.max(1, this.baseSlots) : Infinity;
    const every = candidates ?? this.liveSlots();
    const out = new Int32Array(every.length);
    let k = 0;
    const pick = (holds: (s: number) => boolean) => {
      for (let i = 0; i < every.length; i++) {
        const s = every[i];
        if (s < this.baseSlots && !this.stale[s] ? holds(s) : this.extraHolds(s, t)) out[k++] = s;
      }
      return out.slice(0, k);
    };
    const inRuns = (runHolds: (r: number) => boolean) => (s: number) => someGapped(forward!.fwd, forward!.fwdStart[s], forward!.fwdStart[s + 1], runHolds);
    if (forward && candidates && !this.runCache.has(t) && candidates.length * bytesPerSlot < R) {
      // Few candidates (typing on): their own runs are read rather than the whole vocabulary.
      const seen = new Uint8Array(R);
      return pick(inRuns((r) => (seen[r] ||= this.runHolds(r, t) ? 1 : 2) === 1));
    }
    const runs = this.runsHolding(t, cache);
    let postBytes = 0;
    for (let i = 0; i < runs.length; i++) postBytes += this.postStart[runs[i] + 1] - this.postStart[runs[i]];
    const marked = new Uint8Array(Math.max(R, this.n));
    // A candidate's runs are read until one holds `t`: about 1 / share of them when the word is
    // in most (a letter typed first), all of them when it is in few.
    const share = postBytes / Math.max(1, this.post.length);
    const perSlot = Math.min(bytesPerSlot, 2 / Math.max(share, 1e-9));
    if (forward && every.length * perSlot < postBytes) {
      // A common word: each candidate's runs are checked, stopping at the first that holds it.
      for (let i = 0; i < runs.length; i++) marked[runs[i]] = 1;
      return pick(inRuns((r) => marked[r] === 1));
    }
    for (let i = 0; i < runs.length; i++) forEachGapped(this.post, this.postStart[runs[i]], this.postStart[runs[i] + 1], (s) => (marked[s] = 1));
    return pick((s) => marked[s] === 1);
  }

  /** Every live slot, ascending. */
  private liveSlots(): Int32 {
    const out = new Int32Array(this.liveCount);
    let k = 0;
    for (let s = 0; s < this.n; s++) if (this.live[s]) out[k++] = s;
    return out;
  }

  /** Slots whose text holds every token. */
  private textMatches(tokens: string[]): Int32 {
    let slots: Int32 | null = this.last && narrows(this.last.tokens, tokens) ? this.last.slots : null;
    const cache = new Map<string, Int32>();
    for (const t of tokens) {
      slots = this.holding(t, slots, cache);
      if (!slots.length) break;
    }
    this.runCache = cache;
    this.last = { tokens, slots: slots! };
    return slots!;
  }

  private sorted(sort: LibraryFilters['sort']): Int32 {
    if (sort !== 'helped') return this.order.subarray(0, this.orderLen);
    if (!this.helpedOrder) {
      const rank = new Int32Array(this.n);
      for (let i = 0; i < this.orderLen; i++) rank[this.order[i]] = i;
      // Equal counts keep the newest-first order.
      const sorted = Array.from(this.order.subarray(0, this.orderLen)).sort((a, b) => this.helped[b] - this.helped[a] || rank[a] - rank[b]);
      this.helpedOrder = Int32Array.from(sorted);
    }
    return this.helpedOrder;
  }

  /** Dictionary ids whose lower case is `v` (the project and author filters ignore case). */
  private wordsLike(v: string): Uint8Array {
    const out = new Uint8Array(this.dict.length);
    this.dict.forEach((w, i) => (out[i] = w.toLowerCase() === v ? 1 : 0));
    return out;
  }

  /** The lessons the filters let through, in the filters' order. */
  query(f: LibraryFilters): LibraryResults {
    const tokens = tokenize(f.q);
    const matches = tokens.length ? this.textMatches(tokens) : null;
    let hit: Uint8Array | null = null;
    if (matches) {
      hit = new Uint8Array(this.n);
      for (let i = 0; i < matches.length; i++) hit[matches[i]] = 1;
    }
    const [from, to] = dateRange(f);
    const none = new Int32Array(0);
    const exact = (v: string | undefined) => (v === undefined ? -1 : (this.dictId.get(v) ?? -2));
    const kind = exact(f.kind);
    const site = exact(f.site);
    const visibility = exact(f.visibility);
    const question = this.dictId.get('question') ?? -2;
    if (kind === -2 || site === -2 || visibility === -2) return new LibraryResults(this, none);
    const project = f.project === undefined ? null : this.wordsLike(f.project.toLowerCase());
    const author = f.author === undefined ? null : this.wordsLike(f.author.toLowerCase());
    const tags = f.tags.map((t) => this.dictId.get(t) ?? -2);
    if (tags.includes(-2)) return new LibraryResults(this, none);
    const hasTag = (s: number, t: number) => {
      const start = this.tagStart[s];
      const end = start + this.tagLen[s];
      for (let i = start; i < end; i++) if (this.tagPool[i] === t) return true;
      return false;
    };
    // Only the filters set are checked: with none (a search alone) the loop below, the hot one of
    // every keystroke, checks nothing.
    const checks: ((s: number) => boolean)[] = [];
    if (kind >= 0) checks.push((s) => this.kind[s] === kind);
    if (site >= 0) checks.push((s) => this.site[s] === site);
    if (visibility >= 0) checks.push((s) => this.visibility[s] === visibility);
    if (project) checks.push((s) => this.project[s] >= 0 && !!project[this.project[s]]);
    if (author) checks.push((s) => this.author[s] >= 0 && !!author[this.author[s]]);
    if (from !== -Infinity || to !== Infinity) checks.push((s) => !(this.created[s] < from || this.created[s] >= to));
    if (f.open === 'questions') checks.push((s) => this.kind[s] === question);
    if (f.open === 'actions') checks.push((s) => this.openActions[s] !== 0);
    for (const t of tags) checks.push((s) => hasTag(s, t));
    const order = this.sorted(f.sort);
    const n = order.length;
    const oldest = f.sort === 'oldest';
    // Matches are live slots, each in the order once.
    const out = new Int32Array(matches ? Math.min(matches.length, n) : n);
    let m = 0;
    for (let k = 0; k < n; k++) {
      const s = order[oldest ? n - 1 - k : k];
      if (hit && !hit[s]) continue;
      if (checks.length && !checks.every((check) => check(s))) continue;
      out[m++] = s;
    }
    return new LibraryResults(this, m === out.length ? out : out.slice(0, m));
  }

  /** Values to offer in the filter controls, computed once per change of the index. */
  facets(): Facets {
    if (this.facetCache) return this.facetCache;
    const tags = new Map<number, number>();
    const projects = new Set<number>();
    const authors = new Set<number>();
    for (let k = 0; k < this.orderLen; k++) {
      const s = this.order[k];
      const start = this.tagStart[s];
      for (let i = start; i < start + this.tagLen[s]; i++) tags.set(this.tagPool[i], (tags.get(this.tagPool[i]) ?? 0) + 1);
      if (this.project[s] >= 0) projects.add(this.project[s]);
      if (this.author[s] >= 0) authors.add(this.author[s]);
    }
    const byName = (a: string, b: string) => a.localeCompare(b);
    const words = (ids: Set<number>) => [...ids].map((i) => this.dict[i]).sort(byName);
    this.facetCache = {
      tags: [...tags.entries()].map(([t, c]) => [this.dict[t], c] as [string, number]).sort((a, b) => b[1] - a[1] || byName(a[0], b[0])),
      projects: words(projects),
      authors: words(authors),
    };
    return this.facetCache;
  }

  /** The index as typed arrays and strings, to store; new ids are packed with the rest. */
  snapshot(): LibrarySnapshot {
    const n = this.n;
    const cut = <T extends Uint8 | Int32 | Float64>(a: T): T => a.slice(0, n) as T;
    const tagStart = new Int32Array(n);
    let total = 0;
    for (let s = 0; s < n; s++) total += this.live[s] ? this.tagLen[s] : 0;
    const tagPool = new Int32Array(total);
    const tagLen = new Int32Array(n);
    let at = 0;
    for (let s = 0; s < n; s++) {
      tagStart[s] = at;
      if (!this.live[s]) continue;
      tagLen[s] = this.tagLen[s];
      tagPool.set(this.tagPool.subarray(this.tagStart[s], this.tagStart[s] + this.tagLen[s]), at);
      at += this.tagLen[s];
    }
    const extra = [...this.extra];
    return {
      shape: LIBRARY_INDEX_SHAPE,
      slots: n,
      live: cut(this.live),
      created: cut(this.created),
      updated: cut(this.updated),
      helped: cut(this.helped),
      actions: cut(this.actions),
      openActions: cut(this.openActions),
      kind: cut(this.kind),
      site: cut(this.site),
      visibility: cut(this.visibility),
      project: cut(this.project),
      author: cut(this.author),
      dict: packStrings(this.dict.length, (i) => this.dict[i]),
      tagStart,
      tagLen,
      tagPool,
      ids: this.moreIds.length ? packStrings(n, (i) => this.idAt(i)) : this.packedIds,
      sortedIds: this.sortedIds,
      order: this.order.slice(0, this.orderLen),
      vocab: this.vocab,
      runStart: this.runStart,
      post: this.post,
      postStart: this.postStart,
      baseSlots: this.baseSlots,
      stale: cut(this.stale),
      extraSlots: Int32Array.from(extra.map(([s]) => s)),
      extraText: packStrings(extra.length, (i) => extra[i][1]),
    };
  }
}

/** The lessons a query let through, in order: slots of the index, their ids read when asked for. */
export class LibraryResults {
  constructor(
    private readonly index: LibraryIndex,
    readonly slots: Int32Array,
  ) {}

  get length(): number {
    return this.slots.length;
  }

  idAt(i: number): string {
    return this.index.idAt(this.slots[i]);
  }

  indexOf(id: string): number {
    const s = this.index.slotOf(id);
    return s === undefined ? -1 : this.slots.indexOf(s);
  }

  ids(): string[] {
    return Array.from(this.slots, (s) => this.index.idAt(s));
  }
}

/** Collects lessons, then lays out the index once: slots in id order, postings from every slot's runs. */
export class LibraryBuilder {
  private facts: Facts[] = [];
  private vocab = new Map<string, number>();
  private runs: string[] = [];
  private fwd = new VarintWriter(1 << 16);
  private fwdEnd: number[] = [];

  add(l: Lesson): void {
    if (l.deletedAt) return;
    this.facts.push(factsOf(l));
    const runs = haystackOf(l).match(RUNS) ?? [];
    const ids = new Int32Array(runs.length);
    runs.forEach((run, i) => {
      let id = this.vocab.get(run);
      if (id === undefined) {
        id = this.runs.length;
        this.vocab.set(run, id);
        this.runs.push(run);
      }
      ids[i] = id;
    });
    // Numeric, without a comparator: a typed array sorts its numbers.
    ids.sort();
    let prev = 0;
    for (let i = 0; i < ids.length; i++) {
      if (i > 0 && ids[i] === ids[i - 1]) continue;
      this.fwd.push(ids[i] - prev);
      prev = ids[i];
    }
    this.fwdEnd.push(this.fwd.length);
  }

  finish(): LibraryIndex {
    const { facts, runs } = this;
    const n = facts.length;
    const perm = Array.from({ length: n }, (_, i) => i);
    const idOf = (i: number) => facts[i].id;
    if (perm.some((i) => i > 0 && idOf(i - 1) >= idOf(i))) perm.sort((a, b) => (idOf(a) < idOf(b) ? -1 : idOf(a) > idOf(b) ? 1 : 0));

    // Slot s holds lesson perm[s]: its runs are copied over in that order.
    const fwdIn = this.fwd.bytes;
    const fwdStart = new Int32Array(n + 1);
    for (let s = 0; s < n; s++) {
      const i = perm[s];
      fwdStart[s + 1] = fwdStart[s] + this.fwdEnd[i] - (i ? this.fwdEnd[i - 1] : 0);
    }
    const fwd = new Uint8Array(fwdStart[n]);
    for (let s = 0; s < n; s++) {
      const i = perm[s];
      fwd.set(fwdIn.subarray(i ? this.fwdEnd[i - 1] : 0, this.fwdEnd[i]), fwdStart[s]);
    }

    const R = runs.length;
    const [post, postStart] = invertGapped(fwd, fwdStart, R);

    const runStart = new Int32Array(R + 1);
    for (let r = 0; r < R; r++) runStart[r + 1] = runStart[r] + runs[r].length + 1;
    const vocab = runs.length ? runs.join(SEP) + SEP : '';

    const dict: string[] = [];
    const dictId = new Map<string, number>();
    const word = (v: string | undefined) => {
      if (v === undefined) return -1;
      let id = dictId.get(v);
      if (id === undefined) {
        id = dict.length;
        dict.push(v);
        dictId.set(v, id);
      }
      return id;
    };
    const column = (of: (f: Facts) => number) => Int32Array.from(perm, (i) => of(facts[i]));
    const created = Float64Array.from(perm, (i) => facts[i].created);
    const tagLen = column((f) => f.tags.length);
    const tagStart = new Int32Array(n);
    for (let s = 1; s < n; s++) tagStart[s] = tagStart[s - 1] + tagLen[s - 1];
    const tagPool = Int32Array.from(perm.flatMap((i) => facts[i].tags.map(word)));
    const newer = (a: number, b: number) => created[b] - created[a] || (idOf(perm[a]) < idOf(perm[b]) ? 1 : idOf(perm[a]) > idOf(perm[b]) ? -1 : 0);
    const index = LibraryIndex.restore({
      shape: LIBRARY_INDEX_SHAPE,
      slots: n,
      live: new Uint8Array(n).fill(1),
      created,
      updated: Float64Array.from(perm, (i) => facts[i].updated),
      helped: column((f) => f.helped),
      actions: column((f) => f.actions),
      openActions: column((f) => f.openActions),
      kind: column((f) => word(f.kind)),
      site: column((f) => word(f.site)),
      visibility: column((f) => word(f.visibility)),
      project: column((f) => word(f.project)),
      author: column((f) => word(f.author)),
      dict: packStrings(dict.length, (i) => dict[i]),
      tagStart,
      tagLen,
      tagPool,
      ids: packStrings(n, (s) => idOf(perm[s])),
      sortedIds: n,
      order: Int32Array.from(Array.from({ length: n }, (_, s) => s).sort(newer)),
      vocab,
      runStart,
      post,
      postStart,
      baseSlots: n,
      stale: new Uint8Array(n),
      extraSlots: new Int32Array(0),
      extraText: packStrings(0, () => ''),
    });
    // Each slot's runs are derived from the postings as a stored index's are (one way of making
    // them, tens of ms in a build of seconds), rather than handed over past restore's checks.
    index.buildForward();
    return index;
  }
}

/**
 * Inverts gap-coded lists: list i of `lists` (bytes [start[i], start[i + 1])) names values below
 * `count`; list v of the result names every i whose list holds v, ascending, gap-coded the same
 * way. Two passes: the bytes of each list, then the lists. Throws on a value out of range.
 */
function invertGapped(lists: Uint8Array, start: Int32Array, count: number): [Uint8, Int32] {
  const last = new Int32Array(count);
  const size = new Int32Array(count);
  const bytesOf = (v: number) => (v < 0x80 ? 1 : v < 0x4000 ? 2 : v < 0x200000 ? 3 : v < 0x10000000 ? 4 : 5);
  const listCount = start.length - 1;
  for (let i = 0; i < listCount; i++)
    forEachGapped(lists, start[i], start[i + 1], (v) => {
      if (!(v < count)) throw new Error('not a library index: a list names a value out of range');
      size[v] += bytesOf(i - last[v]);
      last[v] = i;
    });
  const outStart = new Int32Array(count + 1);
  for (let v = 0; v < count; v++) outStart[v + 1] = outStart[v] + size[v];
  const out = new Uint8Array(outStart[count]);
  const at = outStart.slice(0, count);
  last.fill(0);
  for (let i = 0; i < listCount; i++)
    forEachGapped(lists, start[i], start[i + 1], (v) => {
      let gap = i - last[v];
      last[v] = i;
      while (gap >= 0x80) {
        out[at[v]++] = (gap & 0x7f) | 0x80;
        gap >>>= 7;
      }
      out[at[v]++] = gap;
    });
  return [out, outStart];
}

const TYPED = {
  live: Uint8Array,
  created: Float64Array,
  updated: Float64Array,
  helped: Int32Array,
  actions: Int32Array,
  openActions: Int32Array,
  kind: Int32Array,
  site: Int32Array,
  visibility: Int32Array,
  project: Int32Array,
  author: Int32Array,
  tagStart: Int32Array,
  tagLen: Int32Array,
  stale: Uint8Array,
} as const;

/** Throws unless `s` is a snapshot this version wrote, whole: its arrays of the right kinds and lengths. */
function checkSnapshot(s: LibrarySnapshot): void {
  const fail = (what: string) => {
    throw new Error(`not a library index: ${what}`);
  };
  if (!s || s.shape !== LIBRARY_INDEX_SHAPE) fail('shape');
  const n = s.slots;
  if (!Number.isInteger(n) || n < 0) fail('slots');
  for (const [key, kind] of Object.entries(TYPED)) {
    const a = s[key as keyof typeof TYPED];
    if (!(a instanceof kind) || a.length !== n) fail(key);
  }
  const packed = (p: PackedStrings, count: number | null, what: string) => {
    if (!p || typeof p.text !== 'string' || !(p.ends instanceof Uint32Array)) fail(what);
    if (count !== null && p.ends.length !== count) fail(what);
    if (p.ends.length && p.ends[p.ends.length - 1] !== p.text.length) fail(what);
  };
  packed(s.dict, null, 'dict');
  packed(s.ids, n, 'ids');
  if (!(s.extraSlots instanceof Int32Array)) fail('extraSlots');
  packed(s.extraText, s.extraSlots.length, 'extraText');
  for (const key of ['tagPool', 'order', 'runStart', 'postStart'] as const) if (!(s[key] instanceof Int32Array)) fail(key);
  if (!(s.post instanceof Uint8Array)) fail('post');
  if (typeof s.vocab !== 'string') fail('vocab');
  const R = s.runStart.length - 1;
  if (R < 0 || s.runStart[R] !== s.vocab.length || s.postStart.length !== R + 1 || s.postStart[R] !== s.post.length) fail('runs');
  if (!(s.baseSlots >= 0 && s.baseSlots <= n)) fail('baseSlots');
  if (!(s.sortedIds >= 0 && s.sortedIds <= n) || s.order.length > n) fail('order');
  for (let i = 0; i < n; i++) if (s.tagStart[i] + s.tagLen[i] > s.tagPool.length) fail('tags');
  for (const slot of s.order) if (!(slot >= 0 && slot < n) || !s.live[slot]) fail('order');
  for (const slot of s.extraSlots) if (!(slot >= 0 && slot < n)) fail('extraSlots');
}
