import { forEachWord, termOf } from './tokenize';

const EMPTY = -1;
const MAX_WORD = 40;

/**
 * Maps the words of a text to term ids without making a string per word: an open-addressing
 * table keyed by a hash computed while scanning, compared against the text in place. Building an
 * index tokenises tens of megabytes, and a string per word is most of its garbage.
 *
 * Words are what `forEachWord` yields (ASCII words take the fast path here; any word with other
 * characters goes through `forEachWord` itself) and terms what `termOf` makes of them.
 */
export class WordTable {
  private slots = new Int32Array(1 << 16).fill(EMPTY);
  private words: string[] = [];
  private count = 0;
  private hashes: Int32Array = new Int32Array(1 << 15);
  /** Term id per word, or -1 for a stop word. */
  private ids: Int32Array = new Int32Array(1 << 15);

  /**
   * Calls `emit` with the term id of each word of `text`. `resolve` gives the id for a term
   * the table has not seen (or -1 to skip it); ids it returns ≥ 0 are remembered.
   */
  scan(text: string, resolve: (term: string) => number, emit: (termId: number) => void): void {
    const n = text.length;
    let start = -1;
    let hash = 0;
    let ascii = true;
    for (let i = 0; i <= n; i++) {
      let c = i < n ? text.charCodeAt(i) : 32;
      let word = false;
      if (c < 128) {
        if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57)) word = true;
        else if (c >= 65 && c <= 90) {
          word = true;
          c += 32;
        }
      } else {
        word = true;
        ascii = false;
      }
      if (word) {
        if (start < 0) {
          start = i;
          hash = 2166136261;
        }
        hash = Math.imul(hash ^ c, 16777619);
        continue;
      }
      if (start < 0) continue;
      if (!ascii) {
        this.scanSlow(text.slice(start, i), resolve, emit);
      } else if (i - start > 1 && i - start <= MAX_WORD) {
        const id = this.lookup(text, start, i, hash, resolve);
        if (id >= 0) emit(id);
      }
      start = -1;
      ascii = true;
    }
  }

  /** Runs with non-ASCII characters: split and lower-cased exactly as `forEachWord` does. */
  private scanSlow(
    run: string,
    resolve: (term: string) => number,
    emit: (termId: number) => void,
  ): void {
    forEachWord(run, (word) => {
      let hash = 2166136261;
      for (let j = 0; j < word.length; j++) hash = Math.imul(hash ^ word.charCodeAt(j), 16777619);
      const id = this.lookup(word, 0, word.length, hash, resolve);
      if (id >= 0) emit(id);
    });
  }

  private lookup(text: string, start: number, end: number, hash: number, resolve: (term: string) => number): number {
    const mask = this.slots.length - 1;
    const len = end - start;
    for (let s = hash & mask; ; s = (s + 1) & mask) {
      const entry = this.slots[s];
      if (entry === EMPTY) {
        const word = lower(text.slice(start, end));
        const term = termOf(word);
        const id = term === null ? -1 : resolve(term);
        // Unknown terms (a query's words the index lacks) are not remembered: queries must not
        // grow the table.
        if (term !== null && id < 0) return -1;
        const e = this.count++;
        if (e === this.ids.length) {
          this.hashes = growInt32(this.hashes);
          this.ids = growInt32(this.ids);
        }
        this.slots[s] = e;
        this.words[e] = word;
        this.hashes[e] = hash;
        this.ids[e] = id;
        if (this.count * 2 > this.slots.length) this.rehash();
        return id;
      }
      if (this.hashes[entry] === hash && sameWord(this.words[entry], text, start, len)) return this.ids[entry];
    }
  }

  private rehash(): void {
    const slots = new Int32Array(this.slots.length * 2).fill(EMPTY);
    const mask = slots.length - 1;
    for (let e = 0; e < this.count; e++) {
      let s = this.hashes[e] & mask;
      while (slots[s] !== EMPTY) s = (s + 1) & mask;
      slots[s] = e;
    }
    this.slots = slots;
  }
}

function growInt32(a: Int32Array): Int32Array {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}

function lower(s: string): string {
  return /[A-Z]/.test(s) ? s.toLowerCase() : s;
}

function sameWord(word: string, text: string, start: number, len: number): boolean {
  if (word.length !== len) return false;
  for (let j = 0; j < len; j++) {
    let c = text.charCodeAt(start + j);
    if (c >= 65 && c <= 90) c += 32;
    if (word.charCodeAt(j) !== c) return false;
  }
  return true;
}
