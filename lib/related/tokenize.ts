import { STOP_WORDS } from './stopwords';

/** Longer runs are hashes, base64 or URLs glued together: never useful as search terms. */
const MAX_TOKEN = 40;

/**
 * Calls `emit` for every word of `text`, lower-cased: runs of letters and digits, so "flaky-tests"
 * gives "flaky" and "tests". Single characters are skipped. A callback, not an array, because the
 * index tokenises tens of megabytes when it is built.
 */
export function forEachWord(text: string, emit: (word: string) => void): void {
  const n = text.length;
  let start = -1;
  let upper = false;
  for (let i = 0; i <= n; i++) {
    const c = i < n ? text.charCodeAt(i) : 32;
    let word: boolean;
    if (c < 128) {
      word = (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
      if (!word && c >= 65 && c <= 90) {
        word = true;
        upper = true;
      }
    } else {
      word = isWordChar(text, i, c);
      if (word) upper = true;
    }
    if (word) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      const len = i - start;
      if (len > 1 && len <= MAX_TOKEN) {
        const raw = text.slice(start, i);
        emit(upper ? raw.toLowerCase() : raw);
      }
      start = -1;
      upper = false;
    }
  }
}

const LETTER_OR_DIGIT = /[\p{L}\p{N}\p{M}]/u;

function isWordChar(text: string, i: number, c: number): boolean {
  // Surrogate halves: judge the pair, so letters outside the BMP stay inside their word.
  if (c >= 0xd800 && c <= 0xdbff) return LETTER_OR_DIGIT.test(text.slice(i, i + 2));
  if (c >= 0xdc00 && c <= 0xdfff) return LETTER_OR_DIGIT.test(text.slice(i - 1, i + 1));
  return LETTER_OR_DIGIT.test(text[i]);
}

const VOWEL = /[aeiouy]/;

/**
 * A light suffix stripper, applied the same way to lessons and pages, so that "exhausted",
 * "exhaustion" and "exhausts" meet at "exhaust", and "502s" at "502". It conflates a few words
 * a full stemmer would keep apart; for ranking related lessons that costs little.
 */
export function stem(word: string): string {
  if (word.length <= 3 || !/[a-z]/.test(word)) return word;
  let w = word;
  if (w.endsWith("'s")) w = w.slice(0, -2);
  if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (w.endsWith('ies') && w.length > 4) w = w.slice(0, -3) + 'y';
  else if (w.endsWith('s') && !/(ss|us|is)$/.test(w) && w.length > 3) w = w.slice(0, -1);

  // Twice, so that "partitioned" → "partition" → "partit" meets "partition" → "partit".
  for (let round = 0; round < 2; round++) {
    const suffix = /(?:ation|ing|ed|(?<=[ts])ion)$/.exec(w);
    if (!suffix || w.length - suffix[0].length < 3 || !VOWEL.test(w.slice(0, suffix.index))) break;
    w = w.slice(0, suffix.index);
    // "dropped" → "dropp" → "drop", "running" → "run"; keep "ll", "ss", "zz" ("called", "passed").
    if (/([bdfgkmnprt])\1$/.test(w)) w = w.slice(0, -1);
  }
  if (w.length > 3 && w.endsWith('e')) w = w.slice(0, -1);
  if (w.length > 3 && w.endsWith('y')) w = w.slice(0, -1) + 'i';
  return w;
}

/** The index term for a lower-cased word, or null for stop words. */
export function termOf(word: string): string | null {
  return STOP_WORDS.has(word) ? null : stem(word);
}
