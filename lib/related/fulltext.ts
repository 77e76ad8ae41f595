import { forEachWord, termOf } from './tokenize';
import { WordTable } from './words';
import { columnAt, compareStrings, findPacked, isColumn, isPacked, isRank, isSized, isSortedOrder, packColumn, packStrings, rankOf, sortedOrder, unpackString, type PackedStrings, type StringColumn } from './packed-strings';

/** One field of a document with its weight: a title word counts for more than a note word. */
export interface WeightedText {
  text: string;
  weight: number;
}

/** A term of a query: the page's word as shown in reasons, and how much it counts. */
export interface QueryTerm {
  termId: number;
  /** The page's own spelling, for "similar text: …" reasons. */
  word: string;
  weight: number;
  idf: number;
}

export interface Hit extends DocHit {
  key: string;
}

/** A hit by document number alone: found without the documents' keys. */
export interface DocHit {
  /** The document's number, until the next compaction. */
  doc: number;
  /** BM25 score. */
  score: number;
  /** Score over the most the query could give a document matching each term once, capped at 1. */
  similarity: number;
  /** Indices into the query's terms, in query order (most distinctive first). */
  matched: number[];
}

// BM25 constants, the usual ones.
const K1 = 1.2;
const B = 0.75;
/** Term frequencies are stored in a byte. */
const MAX_TF = 255;
/** A query has at most this many terms: `matched` is a 32-bit mask per document. */
export const MAX_QUERY_TERMS = 32;

/** Bumped whenever tokenising, stemming or the stored layout changes: a stored index is then rebuilt. */
export const FULLTEXT_VERSION = 4;

/** Postings per stored block: a page's query reads the few blocks holding its terms, about 40 KB each. */
const BLOCK_POSTINGS = 8192;

/**
 * The index as stored (IndexedDB clones typed arrays as they are), compacted, no delta, no dead
 * documents: everything but the postings, which are stored apart in blocks of consecutive terms.
 */
export interface FullTextSnapshot {
  version: number;
  /** Terms in term-id order. */
  terms: PackedStrings;
  /** Term ids in the order of the terms: a restored index looks a term up without a map of them all. */
  termOrder: Uint32Array<ArrayBuffer>;
  /**
   * Document keys in document order. Left out of a head stored for a wake, which ranks without
   * them (`keyRank`) and reads them apart when a write or a list of keys needs them (`fillKeys`).
   */
  keys?: StringColumn;
  /** Per document, where its key falls among all the keys: ties of score are broken by it without the keys. */
  keyRank: Uint32Array<ArrayBuffer>;
  df: Int32Array<ArrayBuffer>;
  offsets: Uint32Array<ArrayBuffer>;
  /** The first term of each block of postings, then the term count. */
  blockStarts: Uint32Array<ArrayBuffer>;
  docLen: Float32Array<ArrayBuffer>;
  totalLen: number;
}

/** The postings of a block's terms, as laid out in the segment. */
export interface PostingBlock {
  docs: Uint32Array<ArrayBuffer>;
  tfs: Uint8Array<ArrayBuffer>;
}

/**
 * An inverted index over weighted text, kept up to date one document at a time.
 *
 * Postings live in one compact segment (CSR: per-term offsets into a Uint32Array of document
 * numbers and a Uint8Array of term frequencies) plus a small delta of documents added since.
 * Removal marks the document dead; a compaction merges the delta and drops the dead once either
 * grows past a fraction of the segment, so writes stay cheap and queries stay fast. No document's
 * text is kept: a removal finds the document's terms in the postings.
 */
export class FullTextIndex {
  /** Term → term id; null while the index is as restored, whose terms are looked up in `stored`. */
  private dict: Map<string, number> | null = new Map();
  /** The terms of a restored index and their sorted order, until a term is added. */
  private storedTerms: { terms: PackedStrings; order: Uint32Array<ArrayBuffer> } | null = null;
  /** Words seen in documents → term ids: most words repeat, so stemming runs once per word. */
  private readonly words = new WordTable();
  private readonly internTerm = (term: string) => this.intern(term);
  private termCount = 0;
  private df = new Int32Array(1024);

  private mainTerms = 0;
  private offsets = new Uint32Array(1);
  private postDocs = new Uint32Array(0);
  private postTfs = new Uint8Array(0);
  /** termId → packed postings (doc * 256 + tf) of documents added after the last compaction. */
  private delta = new Map<number, number[]>();
  private deltaDocs = 0;
  /** Documents numbered below this are in the segment; the others only in the delta. */
  private mainDocs = 0;

  private docCount = 0;
  private docLen = new Float32Array(1024);
  private alive = new Uint8Array(1024);
  private keys: string[] = [];
  /** The keys of the documents as loaded, until a compaction: `keys` holds those added since. */
  private loadedKeys: StringColumn | null = null;
  /** The order of the loaded documents' keys (see FullTextSnapshot), until a compaction. */
  private keyRank: Uint32Array | null = null;
  private loadedDocs = 0;
  /** Built on first need: an index loaded to answer queries never makes a map of 100,000 keys. */
  private docOfMap: Map<string, number> | null = new Map();
  private live = 0;
  private dead = 0;
  private totalLen = 0;

  // Scratch space reused by every document and query.
  private tfScratch = new Int32Array(1024);
  private termScratch: number[] = [];
  private acc = new Float32Array(0);
  private mask = new Uint32Array(0);

  /** Of an index restored without all its postings: the first term of each block, and which blocks are in; null once all are. */
  private blockStarts: Uint32Array | null = null;
  private filled: Uint8Array | null = null;
  private missing = 0;

  /** Called with old → new document numbers (-1: dropped) when a compaction renumbers them. */
  onCompact: ((renum: Int32Array) => void) | null = null;

  /** Builds the index in two passes, straight into the compact segment. */
  static build(docs: Iterable<[key: string, fields: WeightedText[]]>): FullTextIndex {
    const builder = FullTextIndex.builder();
    for (const [key, fields] of docs) builder.add(key, fields);
    return builder.finish();
  }

  /** Builds the index from documents handed over one at a time (read in pages, say), then laid out once. */
  static builder(): { add(key: string, fields: WeightedText[]): void; finish(): FullTextIndex } {
    const index = new FullTextIndex();
    const load = index.bulkLoad();
    return { add: load.add, finish: () => (load.finish(), index) };
  }

  /**
   * The index a snapshot holds, with the blocks of postings given: all of them, or none (they are
   * filled in later, `fill`); null when it comes from another version or does not hold together
   * (without `deep`, as far as checks of its shape tell: see `holdsTogether`).
   */
  static restore(s: FullTextSnapshot, blocks?: PostingBlock[], { deep = true }: { deep?: boolean } = {}): FullTextIndex | null {
    const terms = s.terms.ends.length;
    const docs = s.docLen.length;
    if (s.version !== FULLTEXT_VERSION || !isPacked(s.terms, terms) || s.df.length !== terms || s.offsets.length !== terms + 1) return null;
    if ((s.keys !== undefined && !isColumn(s.keys, docs)) || !isSized(s.keyRank, docs) || !isSized(s.termOrder, terms)) return null;
    if (!isBlockStarts(s.blockStarts, terms) || (deep && !FullTextIndex.holdsTogether(s))) return null;
    const index = new FullTextIndex();
    index.dict = null;
    index.storedTerms = { terms: s.terms, order: s.termOrder };
    index.termCount = terms;
    index.df = s.df;
    index.tfScratch = new Int32Array(Math.max(terms, 16));
    index.mainTerms = terms;
    index.offsets = s.offsets;
    index.postDocs = new Uint32Array(s.offsets[terms]);
    index.postTfs = new Uint8Array(s.offsets[terms]);
    index.blockStarts = s.blockStarts;
    index.missing = s.blockStarts.length - 1;
    index.filled = new Uint8Array(index.missing);
    index.docCount = docs;
    index.mainDocs = docs;
    index.docLen = s.docLen;
    index.alive = new Uint8Array(docs).fill(1);
    index.loadedKeys = s.keys ?? null;
    index.keyRank = s.keyRank;
    index.loadedDocs = docs;
    index.docOfMap = null;
    index.live = docs;
    index.totalLen = s.totalLen;
    if (index.missing === 0) index.filled = index.blockStarts = null;
    if (blocks && (blocks.length !== index.missing || !blocks.every((b, i) => index.fill(i, b)))) return null;
    return index;
  }

  /**
   * The checks of a snapshot's orders that walk all of it (the terms' sorted order, the keys' ranks):
   * `restore` leaves them out when told, for a caller that runs them a moment later. Without them a
   * snapshot that does not hold together can rank wrongly, never fail.
   */
  static holdsTogether(s: FullTextSnapshot): boolean {
    return isRank(s.keyRank, s.docLen.length) && isSortedOrder(s.terms, s.termOrder);
  }

  /** Whether every block of postings is in: only then may documents be removed or the index compacted and stored. */
  get complete(): boolean {
    return this.filled === null;
  }

  /** Whether the documents' keys are in: a restored index may be without them until `fillKeys`. */
  get hasKeys(): boolean {
    return this.loadedDocs === 0 || this.loadedKeys !== null;
  }

  /** Fills in the keys of a restored index stored without them; false (and nothing filled) when they do not fit it. */
  fillKeys(keys: StringColumn): boolean {
    if (this.hasKeys) return true;
    if (!isColumn(keys, this.loadedDocs)) return false;
    this.loadedKeys = keys;
    return true;
  }

  /** The blocks still to be filled in holding the postings of `termIds` (of all terms when not given). */
  missingBlocks(termIds?: readonly number[]): number[] {
    const { filled, blockStarts } = this;
    if (!filled || !blockStarts) return [];
    const blocks = termIds ? new Set(termIds.filter((t) => t < this.mainTerms).map((t) => blockOf(blockStarts, t))) : filled.keys();
    return [...blocks].filter((b) => !filled[b]).sort((a, b) => a - b);
  }

  /** Fills in block `i` of the postings; false (and nothing filled) when it does not fit the index. */
  fill(i: number, block: PostingBlock): boolean {
    const { filled, blockStarts } = this;
    if (!filled || !blockStarts || !(i >= 0 && i < filled.length)) return false;
    if (filled[i]) return true;
    if (typeof block !== 'object' || block === null || !(block.docs instanceof Uint32Array) || !(block.tfs instanceof Uint8Array)) return false;
    const from = this.offsets[blockStarts[i]];
    const n = this.offsets[blockStarts[i + 1]] - from;
    if (block.docs.length !== n || block.tfs.length !== n) return false;
    // Each term's documents ascending (search relies on it) and each one of the index.
    for (let t = blockStarts[i]; t < blockStarts[i + 1]; t++) {
      for (let p = this.offsets[t] - from, last = -1; p < this.offsets[t + 1] - from; p++) {
        const doc = block.docs[p];
        if (doc <= last || doc >= this.docCount) return false;
        last = doc;
      }
    }
    this.postDocs.set(block.docs, from);
    this.postTfs.set(block.tfs, from);
    filled[i] = 1;
    if (--this.missing === 0) this.filled = this.blockStarts = null;
    return true;
  }

  private needAllPostings(): void {
    if (this.filled) throw new Error('Postings not loaded yet');
  }

  /** Compacts (unless nothing was added or removed since), then gives the index as stored, and its postings in blocks. */
  snapshot(): { head: FullTextSnapshot; blocks: PostingBlock[] } {
    this.needAllPostings();
    if (this.deltaDocs > 0 || this.dead > 0) this.compact();
    const packed = this.storedTerms?.terms ?? packStrings(this.termCount, termList(this.dict!));
    const starts = [0];
    for (let t = 0, from = 0; t < this.termCount; t++) {
      if (this.offsets[t + 1] - from >= BLOCK_POSTINGS || t === this.termCount - 1) {
        starts.push(t + 1);
        from = this.offsets[t + 1];
      }
    }
    const blockStarts = Uint32Array.from(starts);
    // Copies: a view would be stored with the whole array behind it.
    const blocks = starts.slice(0, -1).map((t, i) => {
      const [from, to] = [this.offsets[t], this.offsets[starts[i + 1]]];
      return { docs: this.postDocs.slice(from, to), tfs: this.postTfs.slice(from, to) };
    });
    const keys = packColumn(this.docCount, (doc) => this.keyOf(doc));
    const head: FullTextSnapshot = {
      version: FULLTEXT_VERSION,
      terms: packed,
      termOrder: this.storedTerms?.order ?? sortedOrder(packed),
      keys,
      keyRank: rankOf(keys, this.docCount),
      df: this.df.slice(0, this.termCount),
      offsets: this.offsets,
      blockStarts,
      docLen: this.docLen.slice(0, this.docCount),
      totalLen: this.totalLen,
    };
    return { head, blocks };
  }

  get size(): number {
    return this.live;
  }

  /** The number the next document added gets (before any compaction that add may run). */
  get nextDoc(): number {
    return this.docCount;
  }

  has(key: string): boolean {
    return this.docOf().has(key);
  }

  keyOf(doc: number): string {
    if (doc >= this.loadedDocs) return this.keys[doc];
    if (!this.loadedKeys) throw new Error('Keys not loaded yet');
    return columnAt(this.loadedKeys, doc);
  }

  /** How two documents' keys compare, as the keys themselves would. */
  compareKeys(a: number, b: number): number {
    // Loaded documents are only ever those of a restored index, which holds their order.
    if (a < this.loadedDocs && b < this.loadedDocs) return this.keyRank![a] - this.keyRank![b];
    return compareStrings(this.keyOf(a), this.keyOf(b));
  }

  isAlive(doc: number): boolean {
    return this.alive[doc] === 1;
  }

  add(key: string, fields: WeightedText[]): void {
    if (this.docOf().has(key)) throw new Error(`Already indexed: ${key}`);
    const doc = this.newDoc(key);
    const len = this.countTerms(fields);
    this.docLen[doc] = len;
    this.totalLen += len;
    for (const t of this.termScratch) {
      const tf = Math.min(this.tfScratch[t], MAX_TF);
      this.tfScratch[t] = 0;
      this.df[t]++;
      let list = this.delta.get(t);
      if (!list) this.delta.set(t, (list = []));
      list.push(doc * 256 + tf);
    }
    this.deltaDocs++;
    if (this.deltaDocs > Math.max(512, this.mainDocsLive() / 8)) this.compact();
  }

  /** Forgets a document: its terms, found in the postings, count one document fewer. */
  remove(key: string): boolean {
    const docOf = this.docOf();
    const doc = docOf.get(key);
    if (doc === undefined) return false;
    // Before anything changes: its terms are found in the postings.
    if (doc < this.mainDocs) this.needAllPostings();
    docOf.delete(key);
    this.alive[doc] = 0;
    this.live--;
    this.dead++;
    this.totalLen -= this.docLen[doc];
    if (doc < this.mainDocs) {
      const { offsets, postDocs } = this;
      for (let t = 0; t < this.mainTerms; t++) {
        const to = offsets[t + 1];
        const p = lowerBound(postDocs, offsets[t], to, doc);
        if (p < to && postDocs[p] === doc) this.df[t]--;
      }
    } else {
      for (const [t, list] of this.delta) {
        const p = lowerBoundPacked(list, doc * 256);
        if (p < list.length && Math.floor(list[p] / 256) === doc) this.df[t]--;
      }
    }
    if (this.dead > Math.max(512, this.live / 4)) this.compact();
    return true;
  }

  private docOf(): Map<string, number> {
    if (!this.docOfMap) {
      this.docOfMap = new Map();
      for (let doc = 0; doc < this.docCount; doc++) if (this.alive[doc]) this.docOfMap.set(this.keyOf(doc), doc);
    }
    return this.docOfMap;
  }

  /**
   * Reduces a page to its most distinctive terms: those with the highest (1 + ln tf) × idf
   * against this index. Words the index has never seen can match nothing, and words in more
   * than `maxDfRatio` of the documents say little about any of them: both are left out.
   */
  queryTerms(fields: WeightedText[], maxTerms = 16, maxDfRatio = 0.05): QueryTerm[] {
    const maxDf = Math.max(50, this.live * maxDfRatio);
    const tf = new Map<number, number>();
    const word = new Map<number, string>();
    for (const { text, weight } of fields) {
      forEachWord(text, (w) => {
        const term = termOf(w);
        const t = term === null ? undefined : this.termId(term);
        if (t === undefined || this.df[t] <= 0 || this.df[t] > maxDf) return;
        tf.set(t, (tf.get(t) ?? 0) + weight);
        if (!word.has(t)) word.set(t, w);
      });
    }
    const terms: QueryTerm[] = [];
    for (const [termId, f] of tf) {
      terms.push({ termId, word: word.get(termId)!, weight: 1 + Math.log(f), idf: this.idf(termId) });
    }
    terms.sort((a, b) => b.weight * b.idf - a.weight * a.idf || (a.word < b.word ? -1 : a.word > b.word ? 1 : 0));
    return terms.slice(0, Math.min(maxTerms, MAX_QUERY_TERMS));
  }

  /**
   * The `k` best documents for `terms` with similarity ≥ `minSimilarity`, best first; ties go to
   * the smaller key, so results do not depend on insertion order.
   *
   * Term at a time, rarest first, MaxScore-style: once what the remaining terms could add
   * cannot lift an unseen document past the current k-th score (or the similarity floor), the
   * remaining terms only update documents already seen.
   */
  search(terms: QueryTerm[], k: number, minSimilarity = 0): Hit[] {
    return this.searchDocs(terms, k, minSimilarity).map((hit) => ({ key: this.keyOf(hit.doc), ...hit }));
  }

  /** `search` without the keys: what a restored index without them (`hasKeys`) answers. */
  searchDocs(terms: QueryTerm[], k: number, minSimilarity = 0): DocHit[] {
    if (terms.length === 0 || this.live === 0 || k <= 0) return [];
    terms = terms.slice(0, MAX_QUERY_TERMS);
    // Before any scratch is touched: a search cut short would leave it dirty for the next.
    if (this.filled && this.missingBlocks(terms.map((t) => t.termId)).length) throw new Error('Postings not loaded yet');
    const order = terms.map((_, i) => i).sort((a, b) => terms[b].idf * terms[b].weight - terms[a].idf * terms[a].weight);
    let norm = 0;
    for (const t of terms) norm += t.weight * t.idf;
    const floor = minSimilarity * norm;

    this.ensureScratch();
    const { acc, mask, alive, docLen } = this;
    const touched: number[] = [];
    const avgLen = this.totalLen / this.live || 1;
    const lenNorm = K1 * (1 - B);
    const lenScale = (K1 * B) / avgLen;

    let remaining = 0;
    for (const t of terms) remaining += t.weight * t.idf * (K1 + 1);
    let threshold = floor;
    let best = 0;

    for (const qi of order) {
      const { termId, weight, idf } = terms[qi];
      const w = weight * idf;
      const wk = w * (K1 + 1);
      // The most an unseen document can still reach: this term and all after it.
      const openToNew = remaining >= threshold;
      remaining -= wk;
      const bit = 1 << qi;
      const from = termId < this.mainTerms ? this.offsets[termId] : 0;
      const to = termId < this.mainTerms ? this.offsets[termId + 1] : 0;
      const docs = this.postDocs;
      const tfs = this.postTfs;
      if (openToNew) {
        for (let p = from; p < to; p++) {
          const doc = docs[p];
          if (alive[doc] === 0) continue;
          if (mask[doc] === 0) touched.push(doc);
          const tf = tfs[p];
          const a = (acc[doc] += (wk * tf) / (tf + lenNorm + lenScale * docLen[doc]));
          mask[doc] |= bit;
          if (a > best) best = a;
        }
      } else if (touched.length * Math.log2(to - from + 2) < to - from) {
        // Few candidates left, long list: look each one up instead of walking the list.
        for (const doc of touched) {
          const p = lowerBound(docs, from, to, doc);
          if (p === to || docs[p] !== doc) continue;
          const tf = tfs[p];
          acc[doc] += (wk * tf) / (tf + lenNorm + lenScale * docLen[doc]);
          mask[doc] |= bit;
        }
      } else {
        for (let p = from; p < to; p++) {
          const doc = docs[p];
          if (mask[doc] === 0) continue;
          const tf = tfs[p];
          acc[doc] += (wk * tf) / (tf + lenNorm + lenScale * docLen[doc]);
          mask[doc] |= bit;
        }
      }
      const extra = this.delta.get(termId);
      if (extra) {
        for (const packed of extra) {
          const doc = Math.floor(packed / 256);
          if (alive[doc] === 0 || (mask[doc] === 0 && !openToNew)) continue;
          if (mask[doc] === 0) touched.push(doc);
          const tf = packed % 256;
          const a = (acc[doc] += (wk * tf) / (tf + lenNorm + lenScale * docLen[doc]));
          mask[doc] |= bit;
          if (a > best) best = a;
        }
      }
      // Only worth computing once the k-th score could shut out unseen documents.
      if (openToNew && remaining < best && touched.length >= k) {
        threshold = Math.max(floor, kthBest(acc, touched, k));
      }
    }

    const hits = this.topK(touched, k, floor);
    for (const doc of touched) {
      acc[doc] = 0;
      mask[doc] = 0;
    }
    return hits.map(({ doc, score, mask: bits }) => ({
      doc,
      score,
      similarity: Math.min(1, score / norm),
      matched: bitsOf(bits, terms.length),
    }));
  }

  private topK(touched: number[], k: number, floor: number): Array<{ doc: number; score: number; mask: number }> {
    const heap: number[] = [];
    const worse = (a: number, b: number) =>
      this.acc[a] < this.acc[b] || (this.acc[a] === this.acc[b] && this.compareKeys(a, b) > 0);
    for (const doc of touched) {
      if (this.acc[doc] < floor || this.acc[doc] <= 0) continue;
      if (heap.length < k) heapPush(heap, doc, worse);
      else if (worse(heap[0], doc)) heapReplaceTop(heap, doc, worse);
    }
    heap.sort((a, b) => (worse(a, b) ? 1 : worse(b, a) ? -1 : 0));
    return heap.map((doc) => ({ doc, score: this.acc[doc], mask: this.mask[doc] }));
  }

  private idf(termId: number): number {
    const n = this.df[termId];
    return Math.log(1 + (this.live - n + 0.5) / (n + 0.5));
  }

  /** The term's id, undefined for a term never seen. */
  private termId(term: string): number | undefined {
    if (this.dict) return this.dict.get(term);
    const { terms, order } = this.storedTerms!;
    const id = findPacked(terms, order, term);
    return id < 0 ? undefined : id;
  }

  /** The map of every term, made when the first document is added to a restored index. */
  private terms(): Map<string, number> {
    if (!this.dict) {
      const { terms } = this.storedTerms!;
      this.dict = new Map();
      for (let id = 0; id < this.termCount; id++) this.dict.set(unpackString(terms, id), id);
      this.storedTerms = null;
    }
    return this.dict;
  }

  private intern(term: string): number {
    const dict = this.terms();
    let id = dict.get(term);
    if (id === undefined) {
      id = this.termCount++;
      dict.set(term, id);
      if (id >= this.df.length) {
        this.df = grow(this.df, id + 1);
        this.tfScratch = grow(this.tfScratch, id + 1);
      }
    }
    return id;
  }

  /** Counts terms of a document into tfScratch/termScratch; returns its weighted length. */
  private countTerms(fields: WeightedText[]): number {
    this.termScratch.length = 0;
    this.docLength = 0;
    for (const { text, weight } of fields) {
      if (!text) continue;
      this.fieldWeight = weight;
      this.words.scan(text, this.internTerm, this.countTerm);
    }
    return this.docLength;
  }

  private fieldWeight = 1;
  private docLength = 0;
  private readonly countTerm = (t: number) => {
    if (this.tfScratch[t] === 0) this.termScratch.push(t);
    this.tfScratch[t] += this.fieldWeight;
    this.docLength += this.fieldWeight;
  };

  private newDoc(key: string): number {
    const doc = this.docCount++;
    if (doc >= this.alive.length) {
      this.alive = grow(this.alive, doc + 1);
      this.docLen = grow(this.docLen, doc + 1);
    }
    this.alive[doc] = 1;
    this.keys[doc] = key;
    this.docOf().set(key, doc);
    this.live++;
    return doc;
  }

  private mainDocsLive(): number {
    return this.live - this.deltaDocs;
  }

  private bulkLoad(): { add(key: string, fields: WeightedText[]): void; finish(): void } {
    // Pass 1: every document's (term, tf) pairs into flat scratch arrays; document frequencies.
    let pairTerms = new Int32Array(1 << 16);
    let pairTfs = new Uint8Array(1 << 16);
    let pairs = 0;
    const docEnds: number[] = [];
    const add = (key: string, fields: WeightedText[]) => {
      if (this.docOf().has(key)) throw new Error(`Already indexed: ${key}`);
      const doc = this.newDoc(key);
      const len = this.countTerms(fields);
      this.docLen[doc] = len;
      this.totalLen += len;
      const terms = this.termScratch;
      if (pairs + terms.length > pairTerms.length) {
        pairTerms = grow(pairTerms, pairs + terms.length);
        pairTfs = grow(pairTfs, pairs + terms.length);
      }
      for (const t of terms) {
        pairTerms[pairs] = t;
        pairTfs[pairs++] = Math.min(this.tfScratch[t], MAX_TF);
        this.tfScratch[t] = 0;
        this.df[t]++;
      }
      docEnds.push(pairs);
    };
    // Pass 2: lay the pairs out per term, document numbers ascending.
    const finish = () =>
      this.layout((emit) => {
        let p = 0;
        for (let doc = 0; doc < docEnds.length; doc++) {
          for (const end = docEnds[doc]; p < end; p++) emit(pairTerms[p], doc, pairTfs[p]);
        }
      });
    return { add, finish };
  }

  /**
   * Replaces the segment with postings from `feed`, called twice (to count, then to fill), which
   * must emit each term's postings in ascending document order.
   */
  private layout(feed: (emit: (term: number, doc: number, tf: number) => void) => void): void {
    const counts = new Uint32Array(this.termCount + 1);
    feed((t) => counts[t + 1]++);
    for (let t = 0; t < this.termCount; t++) counts[t + 1] += counts[t];
    const offsets = counts.slice();
    const postDocs = new Uint32Array(counts[this.termCount]);
    const postTfs = new Uint8Array(counts[this.termCount]);
    feed((t, doc, tf) => {
      const at = counts[t]++;
      postDocs[at] = doc;
      postTfs[at] = tf;
    });
    this.offsets = offsets;
    this.postDocs = postDocs;
    this.postTfs = postTfs;
    this.mainTerms = this.termCount;
    this.mainDocs = this.docCount;
    this.delta = new Map();
    this.deltaDocs = 0;
  }

  /** Merges the delta into the segment and renumbers documents without the dead ones. */
  compact(): void {
    this.needAllPostings();
    const renum = new Int32Array(this.docCount).fill(-1);
    const keys: string[] = [];
    const docLen = new Float32Array(Math.max(1024, this.live));
    let next = 0;
    for (let doc = 0; doc < this.docCount; doc++) {
      if (!this.alive[doc]) continue;
      renum[doc] = next;
      keys[next] = this.keyOf(doc);
      docLen[next++] = this.docLen[doc];
    }
    const oldOffsets = this.offsets;
    const oldDocs = this.postDocs;
    const oldTfs = this.postTfs;
    const oldMainTerms = this.mainTerms;
    const delta = this.delta;
    this.layout((emit) => {
      // Per term, segment postings precede delta postings, so each term's list stays ascending.
      for (let t = 0; t < this.termCount; t++) {
        if (t < oldMainTerms) {
          for (let p = oldOffsets[t]; p < oldOffsets[t + 1]; p++) {
            const d = renum[oldDocs[p]];
            if (d >= 0) emit(t, d, oldTfs[p]);
          }
        }
        const extra = delta.get(t);
        if (extra) {
          for (const packed of extra) {
            const d = renum[Math.floor(packed / 256)];
            if (d >= 0) emit(t, d, packed % 256);
          }
        }
      }
    });
    this.keys = keys;
    this.loadedKeys = null;
    this.keyRank = null;
    this.loadedDocs = 0;
    this.docLen = docLen;
    this.alive = new Uint8Array(docLen.length);
    this.alive.fill(1, 0, next);
    this.docCount = next;
    this.mainDocs = next;
    this.docOfMap = null;
    this.dead = 0;
    this.onCompact?.(renum);
  }

  private ensureScratch(): void {
    if (this.acc.length < this.docCount) {
      this.acc = new Float32Array(this.alive.length);
      this.mask = new Uint32Array(this.alive.length);
    }
  }
}

function grow<T extends Int32Array | Uint8Array | Float32Array | Uint32Array>(a: T, min: number): T {
  let size = Math.max(a.length, 16);
  while (size < min) size *= 2;
  const b = new (a.constructor as new (n: number) => T)(size);
  b.set(a);
  return b;
}

/** A term list's `at`, for packing: the map's keys in insertion order are the terms in id order. */
function termList(dict: Map<string, number>): (t: number) => string {
  const terms = [...dict.keys()];
  return (t) => terms[t];
}

function isBlockStarts(starts: Uint32Array, terms: number): boolean {
  if (!(starts instanceof Uint32Array) || starts.length < 1 || starts[0] !== 0 || starts[starts.length - 1] !== terms) return false;
  for (let i = 1; i < starts.length; i++) if (starts[i] <= starts[i - 1]) return false;
  return true;
}

/** The block holding term `t`: the last whose first term is at or before it. */
function blockOf(starts: Uint32Array, t: number): number {
  let [from, to] = [0, starts.length - 1];
  while (to - from > 1) {
    const mid = (from + to) >>> 1;
    if (starts[mid] <= t) from = mid;
    else to = mid;
  }
  return from;
}

function lowerBound(a: Uint32Array, from: number, to: number, x: number): number {
  while (from < to) {
    const mid = (from + to) >>> 1;
    if (a[mid] < x) from = mid + 1;
    else to = mid;
  }
  return from;
}

/** First index of a list of packed postings (doc × 256 + tf, ascending) at or above `x`. */
function lowerBoundPacked(a: number[], x: number): number {
  let from = 0;
  let to = a.length;
  while (from < to) {
    const mid = (from + to) >>> 1;
    if (a[mid] < x) from = mid + 1;
    else to = mid;
  }
  return from;
}

function bitsOf(mask: number, n: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++) if (mask & (1 << i)) out.push(i);
  return out;
}

/** The k-th largest accumulated score among `docs` (docs.length ≥ k), via a size-k min-heap. */
function kthBest(acc: Float32Array, docs: number[], k: number): number {
  const heap: number[] = [];
  const less = (a: number, b: number) => acc[a] < acc[b];
  for (const doc of docs) {
    if (heap.length < k) heapPush(heap, doc, less);
    else if (acc[doc] > acc[heap[0]]) heapReplaceTop(heap, doc, less);
  }
  return acc[heap[0]];
}

function heapPush(heap: number[], x: number, less: (a: number, b: number) => boolean): void {
  let i = heap.push(x) - 1;
  while (i > 0) {
    const parent = (i - 1) >> 1;
    if (!less(heap[i], heap[parent])) break;
    [heap[i], heap[parent]] = [heap[parent], heap[i]];
    i = parent;
  }
}

function heapReplaceTop(heap: number[], x: number, less: (a: number, b: number) => boolean): void {
  heap[0] = x;
  let i = 0;
  for (;;) {
    const l = 2 * i + 1;
    const r = l + 1;
    let m = i;
    if (l < heap.length && less(heap[l], heap[m])) m = l;
    if (r < heap.length && less(heap[r], heap[m])) m = r;
    if (m === i) return;
    [heap[i], heap[m]] = [heap[m], heap[i]];
    i = m;
  }
}
