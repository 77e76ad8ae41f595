/**
 * Which changed words of a quote make it another passage. A dropped or mistyped letter leaves a
 * word that is no word of the page ("detils", "{strng}"); a look-alike passage has another real
 * word in its place ("write" for "read", "{fs.WriteStream}" for "{fs.ReadStream}", 'w' for 'r'):
 * one the page uses elsewhere, or one too unlike the saved word to be a typo of it.
 */
import type { Damage } from './damage';

/** Words of the page (see `core`) and how often each occurs. */
export type Vocabulary = Map<string, number>;

/** Characters of text read per step while building a vocabulary (a chunked pass yields between). */
export const VOCABULARY_PIECE = 32_768;

/** Words end at white space and at an opening parenthesis: "pselect(int" is "pselect", "int". */
const SEPARATOR = /[ (]/;

/** Counts the words of text[from, to) into `into`; `from` and `to` must fall on word boundaries. */
export function countWords(text: string, from: number, to: number, into: Vocabulary): void {
  for (const w of text.slice(from, to).split(SEPARATOR)) {
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

/**
 * A word without the brackets and sentence marks around it: "details." and "details", "{path}"
 * and "path" are the same word. Quotes stay: 'a' (a flag) is not the article a.
 */
function core(word: string): string {
  return word.replace(/^[[{]+|[)\]}.,;:!?]+$/g, '');
}

export interface Swaps {
  /** Words replaced by words more than a typo away ("buffer" for "string"), or real words inserted. */
  strong: number;
  /** Words replaced by real words a typo away ('w' for 'r', "detail" for "details"). */
  weak: number;
}

/** A word a typo away from the saved one is real when used elsewhere at least 1/COMMON as often. */
const COMMON = 8;

/**
 * The words of `quote` that `have` (the text of a match, aligned by `d`) replaced by another word:
 * a real one (used on the page beyond the match), or one unlike the saved word, which the page
 * uses elsewhere, beyond what typos do. A typo may recur on a page (a passage copied with it), but
 * far more rarely than the word it mangles.
 */
export function swappedWords(quote: string, have: string, d: Damage, vocabulary: Vocabulary): Swaps {
  const swaps: Swaps = { strong: 0, weak: 0 };
  const inMatch: Vocabulary = new Map();
  countWords(have, 0, have.length, inMatch);
  const elsewhere = (w: string) => (vocabulary.get(w) ?? 0) - (inMatch.get(w) ?? 0);
  for (let a = 0; a < quote.length; ) {
    let b = a;
    while (b < quote.length && !SEPARATOR.test(quote[b])) b++;
    const saved = core(quote.slice(a, b));
    // The text aligned with the word and the separator after it: words inserted there count too.
    const got = have.slice(d.at(a), d.at(Math.min(quote.length, b + 1))).trim();
    // A space typed into a word splits it ("conn ection"): that is a typo too.
    const split = got.includes(' ') && distance(saved, core(got.replace(/ /g, ''))) <= 2;
    if (saved && got !== quote.slice(a, b + 1).trim() && !split) {
      let strong = false;
      let weak = false;
      for (const w of got.split(SEPARATOR).map(core)) {
        if (!w || w === saved) continue;
        const real = elsewhere(w) > 0;
        if (real && typo(saved, w)) weak ||= elsewhere(w) * COMMON >= elsewhere(saved) + 1;
        // A word the page does not use is a typo unless it is unlike the saved one throughout.
        else if (real || (elsewhere(saved) > 0 && !typo(saved, w, Math.floor(Math.max(saved.length, w.length) / 3)) && !merged(saved, w))) strong = true;
      }
      if (strong) swaps.strong++;
      else if (weak) swaps.weak++;
    }
    a = b + 1;
  }
  return swaps;
}

/**
 * What typos make of a word: two edits at most (or `edits`), or letters lost (or doubled) here and there. A real
 * word this near the saved one ("on" for "only") may be a typo of it.
 */
function typo(saved: string, got: string, edits = 0): boolean {
  return distance(saved, got) <= Math.max(2, edits) || lettersLost(got, saved) || lettersLost(saved, got);
}

/** A space lost or mistyped joins a word to the next: "thecat", "thezcat" for "the". */
function merged(saved: string, got: string): boolean {
  return got.startsWith(saved) || got.endsWith(saved);
}

/** Typos lose letters here and there: no more than half of them, and no stretch of LOST_RUN. */
const LOST_RUN = 4;

function lettersLost(short: string, long: string): boolean {
  if (short.length * 2 < long.length) return false;
  let i = 0;
  let last = -1;
  let gap = 0;
  for (let j = 0; i < short.length && j < long.length; j++) {
    if (short[i] !== long[j]) continue;
    gap = Math.max(gap, j - last - 1);
    last = j;
    i++;
  }
  return i === short.length && Math.max(gap, long.length - last - 1) < LOST_RUN;
}

function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1), prev[j] + 1, cur[j - 1] + 1);
    prev = cur;
  }
  return prev[b.length];
}
