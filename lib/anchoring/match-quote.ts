import approxSearch from 'approx-string-match';
import { headSimilarity, tailSimilarity } from './similarity';

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

/**
 * Finds `exact` in `text` (both whitespace-normalised). Order: the hinted position, checked
 * against quote and context; exact occurrences ranked by context and nearness; approximate matches
 * near the hint, then wherever pieces of the quote occur. Returns null rather than a weak or
 * ambiguous match.
 */
export function matchQuote(text: string, query: QuoteQuery): QuoteMatch | null {
  const quote = normalizeSpace(query.exact).trim();
  if (!quote) return null;
  const prefix = normalizeSpace(query.prefix ?? '');
  const suffix = normalizeSpace(query.suffix ?? '');
  const { hint } = query;
  const ctx = { text, quote, prefix, suffix, hint };

  if (hint !== undefined && text.startsWith(quote, hint)) {
    const c = score(ctx, hint, hint + quote.length, 0);
    if (c.context === 1 || c.context === null) return strip(c, ctx);
  }

  const exact: Candidate[] = [];
  for (let i = text.indexOf(quote); i !== -1 && exact.length < MAX_EXACT; i = text.indexOf(quote, i + 1)) {
    exact.push(score(ctx, i, i + quote.length, 0));
  }
  exact.sort(byScore);
  const unique = exact.length === 1;
  // Verbatim with its context: done. Verbatim elsewhere only: an edited copy at the old place may
  // be the real one, so that is weighed against the approximate matches below.
  if (exact.length > 0 && (exact[0].context ?? 0) >= SURE_CONTEXT) return strip(exact[0], ctx);

  const maxErrors = Math.min(MAX_ERRORS, Math.floor(quote.length * (1 - MIN_QUOTE)));
  const slack = Math.max(1024, quote.length);
  const found: Candidate[] = [...exact];
  if (hint !== undefined) {
    const drift = query.drift ?? 0;
    const from = Math.max(0, Math.min(hint, hint + drift) - slack);
    const to = Math.max(hint, hint + drift) + quote.length + slack;
    found.push(...fuzzyIn(ctx, from, to, maxErrors));
    const best = pick(found, quote.length, unique);
    // Quote and context agree where the quote used to be: no need to look further.
    if (best && best.context !== null) return strip(best, ctx);
  }
  for (const [from, to] of seedWindows(text, quote, maxErrors)) found.push(...fuzzyIn(ctx, from, to, maxErrors));
  const best = pick(found, quote.length, unique);
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
 * fewest errors, so a closer-worded rival would hide an edited original: searching short
 * overlapping stretches keeps one best match per stretch for the scoring to weigh.
 */
function fuzzyIn(c: Ctx, from: number, to: number, maxErrors: number): Candidate[] {
  const len = c.quote.length;
  const lo = Math.max(0, from);
  const hi = Math.min(c.text.length, to);
  const out: Candidate[] = [];
  for (let at = lo; at < hi; at += len) {
    const end = Math.min(hi, at + 2 * len + maxErrors);
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

/**
 * Regions worth an approximate search: where pieces of the quote occur exactly. A quote with a
 * few edits keeps most of its pieces intact; pieces found too often (common phrases) are dropped.
 */
function seedWindows(text: string, quote: string, maxErrors: number): Array<[number, number]> {
  const pieceLen = quote.length < 64 ? 8 : 12;
  const count = Math.min(10, Math.floor(quote.length / pieceLen));
  if (count === 0) return [];
  const step = (quote.length - pieceLen) / Math.max(1, count - 1);
  const votes = new Map<number, Set<number>>();
  const bucket = Math.max(16, quote.length >> 1);
  for (let p = 0; p < count; p++) {
    const off = Math.round(p * step);
    const piece = quote.slice(off, off + pieceLen);
    const hits: number[] = [];
    for (let i = text.indexOf(piece); i !== -1; i = text.indexOf(piece, i + 1)) {
      if (hits.push(i) > SEED_HITS) break;
    }
    if (hits.length > SEED_HITS) continue;
    for (const h of hits) {
      const b = Math.floor((h - off) / bucket);
      const set = votes.get(b) ?? new Set<number>();
      set.add(p);
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
  const shift = Math.min(24, Math.ceil((1 - c.quote) * ctx.quote.length));
  let { start, end } = c;
  const prefix = ctx.prefix.trimEnd();
  if (prefix) {
    let best = -1;
    for (let s = Math.max(0, c.start - shift); s <= Math.min(c.end - 1, c.start + shift); s++) {
      const before = ctx.text.slice(Math.max(0, s - prefix.length - 8), s).trimEnd();
      const sim = tailSimilarity(prefix, before) - Math.abs(s - c.start) * 1e-6;
      if (sim > best) [best, start] = [sim, s];
    }
  }
  const suffix = ctx.suffix.trimStart();
  if (suffix) {
    let best = -1;
    for (let e = Math.max(start + 1, c.end - shift); e <= Math.min(ctx.text.length, c.end + shift); e++) {
      const after = ctx.text.slice(e, e + suffix.length + 8).trimStart();
      const sim = headSimilarity(suffix, after) - Math.abs(e - c.end) * 1e-6;
      if (sim > best) [best, end] = [sim, e];
    }
  }
  start = trimStart(ctx.text, start, end);
  end = trimEnd(ctx.text, start, end);
  return { start, end, score: c.score };
}
