import approxSearch from 'approx-string-match';
import { distancesByEnd, distancesByStart, headSimilarity, tailSimilarity } from './similarity';

export interface QuoteQuery {
  exact: string;
  prefix?: string;
  suffix?: string;
  /** Where the quote started when it was described. */
  hint?: number;
  /** How far earlier quotes of the same pass had moved; widens the search around `hint`. */
  drift?: number;
}

export interface QuoteMatch {
  start: number;
  end: number;
  /** 0..1: similarity of quote, prefix and suffix, with a little weight on nearness. */
  score: number;
}

interface Candidate extends QuoteMatch {
  quote: number;
  /** Mean similarity of the context given; null when the selectors carry none. */
  context: number | null;
}

// Weights as in Hypothesis' matchQuote: the quote counts most, context next, nearness breaks ties.
const W_QUOTE = 50;
const W_PREFIX = 20;
const W_SUFFIX = 20;
const W_POS = 2;
const W_ALL = W_QUOTE + W_PREFIX + W_SUFFIX + W_POS;

/** Below this quote similarity nothing is accepted: the text is gone, not edited. */
const MIN_QUOTE = 0.6;
/** Quote and context together must be at least this similar ((50q + 40c) / 90). */
const MIN_EVIDENCE = 0.8;
/** A quote found verbatim, once, and this long stands on its own even if its context changed. */
const SOLO_LENGTH = 32;
/** Without context to check, an approximate match must be this similar and as long as above. */
const SOLO_QUOTE = 0.9;
/** Context this similar around a verbatim quote settles the search at once. */
const SURE_CONTEXT = 0.9;
/** A runner-up elsewhere this close to the best makes a fuzzy match ambiguous. */
const AMBIGUITY = 0.03;

const MAX_EXACT = 256;
const MAX_ERRORS = 512;
const SEED_HITS = 24;
const MAX_WINDOWS = 8;

export function normalizeSpace(s: string): string {
  return s.replace(/[\s\u00a0]+/g, ' ');
}

/** Per-pass memory shared by the quotes of one text (see `anchorAll`). */
export interface TextCache {
  seeds?: Map<string, number[]>;
}

/**
 * Finds `exact` in `text` (both whitespace-normalised). Order: the hinted position, checked
 * against quote and context; an approximate match right around it; exact occurrences anywhere,
 * ranked by context and nearness; approximate matches wherever words of the quote occur. Returns null rather than a weak or ambiguous match.
 */
export function matchQuote(text: string, query: QuoteQuery, cache: TextCache = {}): QuoteMatch | null {
  const quote = normalizeSpace(query.exact).trim();
  if (!quote) return null;
  const prefix = normalizeSpace(query.prefix ?? '');
  const suffix = normalizeSpace(query.suffix ?? '');
  const { hint } = query;
  const ctx = { text, quote, prefix, suffix, hint };
  const len = quote.length;
  const maxErrors = Math.min(MAX_ERRORS, Math.floor(len * (1 - MIN_QUOTE)));
  const drift = query.drift ?? 0;
  const near = (slack: number): [number, number] => [
    Math.min(hint!, hint! + drift) - slack,
    Math.max(hint!, hint! + drift) + len + slack,
  ];

  if (hint !== undefined) {
    if (text.startsWith(quote, hint)) {
      const c = score(ctx, hint, hint + len, 0);
      if (c.context === 1 || c.context === null) return strip(c, ctx);
    }
    // Edited in place, the usual case: one small search settles it when the context agrees.
    const best = pick(fuzzyIn(ctx, ...near(maxErrors + 32), maxErrors, Infinity), len, false);
    if (best && best.context !== null) return strip(best, ctx);
  }

  const exact: Candidate[] = [];
  for (let i = text.indexOf(quote); i !== -1 && exact.length < MAX_EXACT; i = text.indexOf(quote, i + 1)) {
    exact.push(score(ctx, i, i + len, 0));
  }
  exact.sort(byScore);
  const unique = exact.length === 1;
  // Verbatim with its context: done. Verbatim elsewhere only: an edited copy near the old place
  // may be the real one, so that is weighed against the approximate matches below.
  if (exact.length > 0 && (exact[0].context ?? 0) >= SURE_CONTEXT) return strip(exact[0], ctx);

  const found: Candidate[] = [...exact];
  for (const [from, to] of seedWindows(text, quote, prefix, maxErrors, cache)) {
    found.push(...fuzzyIn(ctx, from, to, maxErrors, Infinity));
  }
  const best = pick(found, len, unique);
  return best && strip(best, ctx);
}

interface Ctx {
  text: string;
  quote: string;
  prefix: string;
  suffix: string;
  hint?: number;
}

function score(c: Ctx, start: number, end: number, errors: number): Candidate {
  const quote = 1 - errors / c.quote.length;
  const slack = 8;
  const before = c.text.slice(Math.max(0, start - c.prefix.length - slack), start).trimEnd();
  const after = c.text.slice(end, end + c.suffix.length + slack).trimStart();
  const want = [c.prefix.trimEnd(), c.suffix.trimStart()];
  const p = want[0] ? tailSimilarity(want[0], before) : null;
  const s = want[1] ? headSimilarity(want[1], after) : null;
  const pos = c.hint === undefined ? 1 : 1 - Math.min(1, Math.abs(start - c.hint) / Math.max(1, c.text.length));
  return {
    start,
    end,
    quote,
    context: p === null ? s : s === null ? p : (p + s) / 2,
    score: (W_QUOTE * quote + W_PREFIX * (p ?? 1) + W_SUFFIX * (s ?? 1) + W_POS * pos) / W_ALL,
  };
}

function accepted(c: Candidate, length: number, unique: boolean): boolean {
  if (c.quote < MIN_QUOTE) return false;
  if (c.quote === 1 && (c.context === null || (unique && length >= SOLO_LENGTH))) return true;
  if (c.context === null) return c.quote >= SOLO_QUOTE && length >= SOLO_LENGTH;
  return (W_QUOTE * c.quote + (W_PREFIX + W_SUFFIX) * c.context) / (W_QUOTE + W_PREFIX + W_SUFFIX) >= MIN_EVIDENCE;
}

function byScore(a: Candidate, b: Candidate): number {
  return b.score - a.score;
}

/** The best acceptable candidate, or null when none is good enough or a rival elsewhere is as good. */
function pick(all: Candidate[], length: number, unique: boolean): Candidate | null {
  if (all.length === 0) return null;
  const sorted = [...all].sort(byScore);
  const best = sorted[0];
  if (!accepted(best, length, unique)) return null;
  if (best.quote < 1) {
    const rival = sorted.find((c) => c.end <= best.start || c.start >= best.end);
    if (rival && rival.score >= best.score - AMBIGUITY) return null;
  }
  return best;
}

/**
 * Approximate matches in text[from, to). approx-string-match reports only the matches with the
 * fewest errors, so in a long stretch a closer-worded rival would hide an edited original:
 * searching overlapping pieces of `step` characters keeps one best match per piece for the
 * scoring to weigh.
 */
function fuzzyIn(c: Ctx, from: number, to: number, maxErrors: number, step: number): Candidate[] {
  const len = c.quote.length;
  const lo = Math.max(0, from);
  const hi = Math.min(c.text.length, to);
  const out: Candidate[] = [];
  for (let at = lo; at < hi; at += step) {
    const end = Math.min(hi, at + step + len + maxErrors);
    const window = c.text.slice(at, end);
    let lastEnd = -2;
    for (const m of approxSearch(window, c.quote, maxErrors)) {
      // Matches ending one character apart are the same place; keep the first of each run.
      if (m.end === lastEnd + 1) {
        lastEnd = m.end;
        continue;
      }
      lastEnd = m.end;
      const start = trimStart(window, m.start, m.end) + at;
      const stop = trimEnd(window, m.start, m.end) + at;
      if (stop > start) out.push(score(c, start, stop, m.errors));
    }
    if (end === hi) break;
  }
  return out;
}

function trimStart(s: string, start: number, end: number): number {
  while (start < end && s.charCodeAt(start) === 32) start++;
  return start;
}

function trimEnd(s: string, start: number, end: number): number {
  while (end > start && s.charCodeAt(end - 1) === 32) end--;
  return end;
}

const SEED = 8;

/** Positions of the first SEED characters of every word of the text, built once per pass. */
function seedIndex(text: string, cache: TextCache): Map<string, number[]> {
  if (cache.seeds) return cache.seeds;
  const index = new Map<string, number[]>();
  for (let i = 0; i + SEED <= text.length; ) {
    const key = text.substr(i, SEED);
    const list = index.get(key);
    if (!list) index.set(key, [i]);
    else if (list.length <= SEED_HITS) list.push(i);
    const space = text.indexOf(' ', i);
    if (space < 0) break;
    i = space + 1;
  }
  cache.seeds = index;
  return index;
}

/**
 * Regions worth an approximate search: where words of the quote begin the same way. A quote with
 * a few edits keeps most of its words; words too common to tell places apart are left out.
 */
function seedWindows(text: string, quote: string, prefix: string, maxErrors: number, cache: TextCache): Array<[number, number]> {
  const index = seedIndex(text, cache);
  const votes = new Map<number, Set<number>>();
  const bucket = Math.max(16, quote.length >> 1);
  const starts: number[] = [];
  if (!prefix || prefix.endsWith(' ')) starts.push(0);
  for (let j = quote.indexOf(' ') + 1; j > 0 && j + SEED <= quote.length; j = quote.indexOf(' ', j) + 1) starts.push(j);
  const every = Math.max(1, Math.ceil(starts.length / 16));
  for (let k = 0; k < starts.length; k += every) {
    const j = starts[k];
    const hits = index.get(quote.substr(j, SEED));
    if (!hits || hits.length > SEED_HITS) continue;
    for (const h of hits) {
      const b = Math.floor((h - j) / bucket);
      const set = votes.get(b) ?? new Set<number>();
      set.add(j);
      votes.set(b, set);
    }
  }
  const margin = maxErrors + bucket;
  return [...votes.entries()]
    .sort((a, b) => b[1].size - a[1].size)
    .slice(0, MAX_WINDOWS)
    .map(([b]) => [b * bucket - margin, (b + 1) * bucket + quote.length + margin]);
}

/**
 * Edit distance alone may trim a changed word at the quote's edge ("latency nearly" matched as
 * "early"); moving each edge to where the expected context fits best restores it.
 */
function strip(c: Candidate, ctx: Ctx): QuoteMatch {
  if (c.quote === 1) return { start: c.start, end: c.end, score: c.score };
  const { text } = ctx;
  const shift = Math.min(24, Math.ceil((1 - c.quote) * ctx.quote.length));
  let { start, end } = c;
  const prefix = ctx.prefix.trimEnd();
  if (prefix) {
    // One pass gives the prefix's fit ending at every candidate start.
    const lo = Math.max(0, c.start - shift - prefix.length - 8);
    const hi = Math.min(c.end - 1, c.start + shift);
    const fit = distancesByEnd(prefix, text.slice(lo, hi));
    start = bestEdge(Math.max(0, c.start - shift), hi, c.start, (s) => fit[s - lo - (text.charCodeAt(s - 1) === 32 ? 1 : 0)]);
  }
  const suffix = ctx.suffix.trimStart();
  if (suffix) {
    const lo = Math.max(start + 1, c.end - shift);
    const hi = Math.min(text.length, c.end + shift + suffix.length + 8);
    const fit = distancesByStart(suffix, text.slice(lo, hi));
    end = bestEdge(lo, Math.min(text.length, c.end + shift), c.end, (e) => fit[e - lo + (text.charCodeAt(e) === 32 ? 1 : 0)]);
  }
  start = trimStart(text, start, end);
  end = trimEnd(text, start, end);
  return { start, end, score: c.score };
}

/** The position in [from, to] where the context fits best, nearest to `was` among equals. */
function bestEdge(from: number, to: number, was: number, cost: (at: number) => number): number {
  let best = was;
  let bestCost = Infinity;
  for (let at = from; at <= to; at++) {
    const c = cost(at) + Math.abs(at - was) * 1e-6;
    if (c < bestCost) [best, bestCost] = [at, c];
  }
  return best;
}
