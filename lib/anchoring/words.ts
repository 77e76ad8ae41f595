/**
 * Which changed words of a quote make it another passage. A dropped or mistyped letter leaves a
 * word that is no word of the page ("detils", "{strng}"); a look-alike passage has another real
 * word in its place ("write" for "read", "{fs.WriteStream}" for "{fs.ReadStream}", 'w' for 'r'):
 * one the page uses elsewhere, or one too unlike the saved word to be a typo of it.
 */
import type { Damage } from './damage';

/** Words of the page (white-space delimited, trailing sentence marks dropped) and their counts. */
export type Vocabulary = Map<string, number>;

/** Characters of text read per step while building a vocabulary (a chunked pass yields between). */
export const VOCABULARY_PIECE = 65_536;

/** Counts the words of text[from, to) into `into`; `from` and `to` must fall on word boundaries. */
export function countWords(text: string, from: number, to: number, into: Vocabulary): void {
  for (const w of text.slice(from, to).split(' ')) {
    const k = core(w);
    if (k) into.set(k, (into.get(k) ?? 0) + 1);
  }
}

/** The next word boundary (a space, or the end) at or after `at`. */
export function wordBoundary(text: string, at: number): number {
  if (at >= text.length) return text.length;
  const space = text.indexOf(' ', at);
  return space < 0 ? text.length : space;
}

/** A word without the sentence marks after it: "details." and "details" are the same word. */
function core(word: string): string {
  return word.replace(/[.,;:!?]+$/, '');
}

export interface Swaps {
  /** Words replaced by real words more than a typo away ("buffer" for "string"). */
  strong: number;
  /** Words replaced by real words a typo's distance away ('w' for 'r', "detail" for "details"). */
  weak: number;
}

/**
 * The words of `quote` that `have` (the text of a match, aligned by `d`) replaced by another real
 * word: one the page uses elsewhere about as often as the saved word. A typo may recur on a page
 * (a passage copied with it), but far more rarely than the word it mangles.
 */
export function swappedWords(quote: string, have: string, d: Damage, vocabulary: Vocabulary): Swaps {
  const swaps: Swaps = { strong: 0, weak: 0 };
  let inMatch: Vocabulary | null = null;
  for (let a = 0; a < quote.length; ) {
    let b = quote.indexOf(' ', a);
    if (b < 0) b = quote.length;
    const saved = core(quote.slice(a, b));
    const got = have.slice(d.at(a), d.at(b)).trim();
    if (saved && got !== quote.slice(a, b)) {
      if (!inMatch) countWords(have, 0, have.length, (inMatch = new Map()));
      const real = got
        .split(' ')
        .map(core)
        .filter((w) => {
          const elsewhere = (vocabulary.get(w) ?? 0) - (inMatch!.get(w) ?? 0);
          return w && w !== saved && elsewhere > 0 && elsewhere * COMMON >= (vocabulary.get(saved) ?? 0);
        });
      if (real.some((w) => !typo(saved, w))) swaps.strong++;
      else if (real.length > 0) swaps.weak++;
    }
    a = b + 1;
  }
  return swaps;
}

/** A word a typo's distance from the saved one is real when used elsewhere at least 1/COMMON as often. */
const COMMON = 8;

/** At most two edits, or a third of the word: letters lost, doubled or mistyped. */
function typo(a: string, b: string): boolean {
  const limit = Math.max(2, Math.floor(Math.max(a.length, b.length) / 3));
  if (Math.abs(a.length - b.length) > limit) return false;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1), prev[j] + 1, cur[j - 1] + 1);
    prev = cur;
  }
  return prev[b.length] <= limit;
}
