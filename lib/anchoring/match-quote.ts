import approxSearch from 'approx-string-match';
import { damage, type Damage } from './damage';
import { distancesByEnd, distancesByStart, headSimilarity, tailSimilarity } from './similarity';
import { countWords, swappedWords, VOCABULARY_PIECE, wordBoundary, type Swaps, type Vocabulary } from './words';

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
  /** 1 - edits / quote length. */
  quote: number;
  /** Quote characters spanned by the largest cluster of edits (see damage.ts). */
  run: number;
  /** The alignment behind `quote` and `run`, kept for the word comparison. */
  damage: Damage;
  /** Where the quote was expected (the old position, or it shifted as the quotes before it were), or no position was given. */
  inPlace: boolean;
  /** Words of the quote replaced by other real words (see words.ts); computed when first asked. */
  swaps?: Swaps;
  /** Similarity of each side's context; null where the selectors carry none. */
  prefix: number | null;
  suffix: number | null;
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
/**
 * Edits clustered over more quote characters than this changed a stretch of the passage (a word,
 * a type, a name) rather than dropped a letter or two: such a match is a different passage unless
 * context on every side confirms it (CONFIRM) and its changed stretch is small (MAX_RUN_SHARE)...
 */
const SCATTERED = 3;
const CONFIRM = 0.85;
/** In ranking, each character of a changed stretch beyond SCATTERED counts as this many edits. */
const RUN_WEIGHT = 2;
/**
 * ...and it must be where the quote was: a look-alike elsewhere often has the same context (the
 * sync form of a call is described with the callback form's sentences). Characters of slack around
 * the old position or the position shifted as the previous quote was (a paragraph or two inserted
 * between them), plus a quarter of the quote's length. The same holds for a quote with a word
 * replaced by another real word (words.ts).
 */
const IN_PLACE = 160;
const MAX_RUN_SHARE = 0.15;
/** Context on one side at least this similar backs a nearly intact quote of any usual length. */
const ONE_SIDE = 0.8;
/**
 * Another match this close in quote similarity is a near twin of the best one (the form of the
 * same call in the next section): then context must choose, on both sides or, where the quote
 * was, on one, since the words alone do not.
 */
const NEAR_TWIN = 0.1;
/** For a short quote, searched for alone: edits beyond the match's that still make a near twin. */
const NEAR_TWIN_EDITS = 2;
/** A match whose start fits the saved suffix (or end the prefix) this well is the quote's neighbour... */
const NEIGHBOUR = 0.95;
/** ...when that context is at least this long. */
const NEIGHBOUR_CONTEXT = 16;
/** A short quote is found with its context: every side at least this similar. */
const SHORT_SIDE = 0.75;
/** ...or, where the quote was, nearly intact with one side of context this similar. */
const SHORT_IN_PLACE = 0.95;
/** Context moves a match's edge only where it fits with at most this share of its length in edits. */
const EDGE_FIT = 0.3;
/** Approximate search of the whole text allows this share of the pattern's length in errors. */
const SCAN_ERRORS = 0.12;
/** Whole-text search proceeds in pieces this long: one best match per piece, a pause between. */
const SCAN_PIECE = 8192;

const MAX_EXACT = 256;
const MAX_ERRORS = 512;
const SEED_HITS = 24;
const MAX_WINDOWS = 8;

/** The damage of a verbatim match (never aligned: its words are not compared). */
const INTACT: Damage = { errors: 0, run: 0, at: (o) => o };

export function normalizeSpace(s: string): string {
  return s.replace(/[\s\u00a0]+/g, ' ');
}

/** Per-pass memory shared by the quotes of one text (see `anchorAll`). */
export interface TextCache {
  seeds?: Map<string, number[]>;
  words?: Vocabulary;
}

/**
 * Finds `exact` in `text` (both whitespace-normalised). Order: the hinted position, checked
 * against quote and context; an approximate match right around it; exact occurrences anywhere,
 * ranked by context and nearness; approximate matches wherever words of the quote occur; and when
 * none of those is acceptable, an approximate search of the whole text (of quote and context
 * together for a short quote). Returns null rather than a weak or ambiguous match.
 */
export function matchQuote(text: string, query: QuoteQuery, cache: TextCache = {}): QuoteMatch | null {
  const steps = matchQuoteSteps(text, query, cache);
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/**
 * `matchQuote` as steps: it yields between pieces of the page's word count and seed index, of
 * the whole-text search, between seed windows and after each match whose words it compares, so
 * that a caller with a time budget (anchorAllChunked) can pause there.
 */
export function* matchQuoteSteps(text: string, query: QuoteQuery, cache: TextCache = {}): Generator<void, QuoteMatch | null, void> {
  const quote = normalizeSpace(query.exact).trim();
  if (!quote) return null;
  const prefix = normalizeSpace(query.prefix ?? '');
  const suffix = normalizeSpace(query.suffix ?? '');
  const { hint } = query;
  // The page's words are counted only when a match is not the verbatim quote in place (below).
  const ctx: Ctx = { text, quote, prefix, suffix, hint, drift: query.drift ?? 0, words: new Map() };
  const len = quote.length;
  const maxErrors = Math.min(MAX_ERRORS, Math.floor(len * (1 - MIN_QUOTE)));
  const drift = query.drift ?? 0;
  const near = (slack: number): [number, number] => [
    Math.min(hint!, hint! + drift) - slack,
    Math.max(hint!, hint! + drift) + len + slack,
  ];

  if (hint !== undefined && text.startsWith(quote, hint)) {
    const c = score(ctx, hint, hint + len);
    if (c.context === 1 || c.context === null) return result(c);
  }
  ctx.words = yield* vocabulary(text, cache);
  const around: Candidate[] = [];
  if (hint !== undefined) {
    // Edited in place, the usual case: one small search settles it when the context agrees,
    // unless the match has a saved word replaced by a real word a typo away: that may be the
    // neighbour left where the quote was (FUTEX_LOCK_PI for a moved FUTEX_TRYLOCK_PI), so the
    // rest of the page is searched and weighed with it.
    around.push(...fuzzyIn(ctx, ...near(maxErrors + 32), maxErrors, Infinity));
    const best = yield* pick(ctx, around, len, false);
    if (best && best.context !== null && !lookAlike(ctx, best)) return result(best);
  }

  const exact: Candidate[] = [];
  for (let i = text.indexOf(quote); i !== -1 && exact.length < MAX_EXACT; i = text.indexOf(quote, i + 1)) {
    exact.push(score(ctx, i, i + len));
  }
  exact.sort(byScore);
  const unique = exact.length === 1;
  // Verbatim with its context: done. Verbatim elsewhere only: an edited copy near the old place
  // may be the real one, so that is weighed against the approximate matches below.
  if (exact.length > 0 && (exact[0].context ?? 0) >= SURE_CONTEXT) return result(exact[0]);

  const found: Candidate[] = [...exact, ...around];
  for (const [from, to] of seedWindows(quote, prefix, maxErrors, yield* seedIndex(text, cache))) {
    found.push(...fuzzyIn(ctx, from, to, maxErrors, Infinity));
    // A quote's words may recur all over a manual: many windows, each a search of its own.
    yield;
  }
  let best = yield* pick(ctx, found, len, unique);
  if (!best) {
    // Typos may have broken every seed, and a short quote has none worth the name: search it all,
    // a piece at a time, allowing few errors (a moved quote must be nearly intact to be accepted).
    const short = len < SOLO_LENGTH && (prefix.trim() || suffix.trim());
    const pattern = short ? prefix + quote + suffix : quote;
    const errors = Math.min(MAX_ERRORS, Math.floor(pattern.length * SCAN_ERRORS));
    for (let at = 0; at < text.length; at += SCAN_PIECE) {
      const to = Math.min(text.length, at + SCAN_PIECE + pattern.length + errors);
      if (short) found.push(...inContext(ctx, at, to, errors));
      else found.push(...fuzzyIn(ctx, at, to, errors, Infinity));
      if (to < text.length) yield;
    }
    best = yield* pick(ctx, found, len, unique);
  }
  return best && result(best);
}

interface Ctx {
  text: string;
  words: Vocabulary;
  quote: string;
  prefix: string;
  suffix: string;
  hint?: number;
  drift: number;
}

function score(c: Ctx, start: number, end: number): Candidate {
  const len = c.quote.length;
  const have = c.text.slice(start, end);
  const d = have === c.quote ? INTACT : damage(c.quote, have);
  const quote = 1 - d.errors / len;
  // A changed stretch counts beyond its edits: it is what makes the passage another one.
  const weighed = 1 - (d.errors + RUN_WEIGHT * Math.max(0, d.run - SCATTERED)) / len;
  const margin = 8;
  // Both ends of the expected context trimmed: white space at its far end (the end of the root,
  // a block boundary) may no longer be there to match.
  const want = [c.prefix.trim(), c.suffix.trim()];
  const before = c.text.slice(Math.max(0, start - want[0].length - margin), start).trimEnd();
  const after = c.text.slice(end, end + want[1].length + margin).trimStart();
  const p = want[0] ? tailSimilarity(want[0], before) : null;
  const s = want[1] ? headSimilarity(want[1], after) : null;
  const pos = c.hint === undefined ? 1 : 1 - Math.min(1, Math.abs(start - c.hint) / Math.max(1, c.text.length));
  const slack = IN_PLACE + (len >> 2);
  return {
    start,
    end,
    quote,
    run: d.run,
    damage: d,
    inPlace: c.hint === undefined || Math.abs(start - c.hint) <= slack || Math.abs(start - c.hint - c.drift) <= slack,
    prefix: p,
    suffix: s,
    context: p === null ? s : s === null ? p : (p + s) / 2,
    score: (W_QUOTE * Math.max(0, weighed) + W_PREFIX * (p ?? 1) + W_SUFFIX * (s ?? 1) + W_POS * pos) / W_ALL,
  };
}

function accepted(ctx: Ctx, c: Candidate, length: number, unique: boolean): boolean {
  if (!fits(c, length, unique)) return false;
  if (c.quote === 1) return true;
  // Words are compared last, on the few matches that fit: it takes an alignment of each.
  if (neighbour(ctx, c)) return false;
  const swaps = swapsOf(ctx, c);
  // Another real word in a saved word's place ("buffer" for "string") makes another passage; one
  // a typo away ('w' for 'r') may be a typo: accepted only where the quote was, with context.
  if (swaps.strong > 0) return false;
  return swaps.weak === 0 || (c.inPlace && Math.max(...sidesOf(c), 0) >= CONFIRM);
}

/** Acceptance by the share of the quote found, its context and its place. */
function fits(c: Candidate, length: number, unique: boolean): boolean {
  if (c.quote < MIN_QUOTE) return false;
  if (c.quote === 1 && (c.context === null || (unique && length >= SOLO_LENGTH))) return true;
  const sides = sidesOf(c);
  const evidence = c.context === null ? c.quote : (W_QUOTE * c.quote + (W_PREFIX + W_SUFFIX) * c.context) / (W_QUOTE + W_PREFIX + W_SUFFIX);
  if (c.run > SCATTERED) {
    return c.inPlace && sides.length > 0 && Math.min(...sides) >= CONFIRM && c.run <= Math.max(SCATTERED, length * MAX_RUN_SHARE) && evidence >= MIN_EVIDENCE;
  }
  if (length < SOLO_LENGTH) {
    if (c.quote === 1) return evidence >= MIN_EVIDENCE;
    if (sides.length === 0) return false;
    // One side intact is enough for a nearly intact quote: text inserted right above replaces the
    // prefix. Whether a near twin elsewhere makes that too little is for `pick` to weigh.
    if (c.quote >= SOLO_QUOTE && Math.max(...sides) >= SHORT_IN_PLACE) return true;
    return Math.min(...sides) >= SHORT_SIDE && evidence >= MIN_EVIDENCE;
  }
  // Nearly intact where it was, or with nothing to check it against: a near twin is for `pick`.
  if ((sides.length === 0 || c.inPlace) && c.quote >= SOLO_QUOTE) return true;
  if (sides.length === 0) return false;
  if (evidence >= MIN_EVIDENCE) return true;
  return c.quote >= SOLO_QUOTE && Math.max(...sides) >= ONE_SIDE;
}

function sidesOf(c: Candidate): number[] {
  return [c.prefix, c.suffix].filter((x): x is number => x !== null);
}

/** What a look-alike passage has: a changed stretch, or a word replaced by another real one. */
function lookAlike(ctx: Ctx, c: Candidate): boolean {
  const swaps = swapsOf(ctx, c);
  return c.run > SCATTERED || swaps.strong + swaps.weak > 0;
}

function swapsOf(ctx: Ctx, c: Candidate): Swaps {
  if (c.quote === 1) return { strong: 0, weak: 0 };
  if (!c.swaps) {
    const have = ctx.text.slice(c.start, c.end);
    c.swaps = swappedWords(ctx.quote, have, c.damage, ctx.words);
  }
  return c.swaps;
}

/**
 * A match that reads like the text saved just before or after the quote (its context) more than
 * the quote itself does is that neighbour, moved into the deleted quote's place: the next item of
 * a list of look-alikes.
 */
function neighbour(ctx: Ctx, c: Candidate): boolean {
  const have = ctx.text.slice(c.start, c.end);
  const after = ctx.suffix.trim();
  const before = ctx.prefix.trim();
  if (after.length >= NEIGHBOUR_CONTEXT) {
    const fit = headSimilarity(after, have);
    if (fit >= NEIGHBOUR && fit > headSimilarity(after, ctx.quote)) return true;
  }
  if (before.length >= NEIGHBOUR_CONTEXT) {
    const fit = tailSimilarity(before, have);
    if (fit >= NEIGHBOUR && fit > tailSimilarity(before, ctx.quote)) return true;
  }
  return false;
}

/** Context that picks this match over a look-alike: on both sides, or on one where the quote was. */
function chosenByContext(c: Candidate): boolean {
  const sides = sidesOf(c);
  return sides.length > 0 && (Math.min(...sides) >= CONFIRM || (c.inPlace && Math.max(...sides) >= CONFIRM));
}

function byScore(a: Candidate, b: Candidate): number {
  return b.score - a.score;
}

/**
 * The best acceptable candidate, or null when none is good enough, a rival elsewhere is as good,
 * or a near twin elsewhere is nearly as close to the quote and the context does not choose. A
 * look-alike that is another passage and not acceptable itself is no rival: it does not hide the
 * edited original however well its context fits; it is a near twin all the same.
 */
function* pick(ctx: Ctx, all: Candidate[], length: number, unique: boolean): Generator<void, Candidate | null, void> {
  const sorted = [...all].sort(byScore);
  // Comparing words takes an alignment per candidate: after each, a chunked pass may pause.
  const judged = function* <T>(c: Candidate, judge: () => T): Generator<void, T, void> {
    const aligned = c.swaps;
    const out = judge();
    if (!aligned && c.swaps) yield;
    return out;
  };
  let best: Candidate | null = null;
  for (const c of sorted) {
    if (yield* judged(c, () => accepted(ctx, c, length, unique))) {
      best = c;
      break;
    }
  }
  if (!best) return null;
  if (best.quote === 1) return best;
  const apart = (c: { start: number; end: number }) => c.end <= best.start || c.start >= best.end;
  // Only a rival nearly as good matters: its words are compared only then.
  for (const c of sorted) {
    if (!apart(c) || c.score < best.score - AMBIGUITY) continue;
    if (yield* judged(c, () => !lookAlike(ctx, c) || accepted(ctx, c, length, unique))) return null;
  }
  if (chosenByContext(best)) return best;
  const near = (c: { start: number; end: number; quote: number }) => apart(c) && c.quote >= best.quote - NEAR_TWIN;
  // A short quote's candidates were found with its context: its look-alikes are searched for here.
  if (sorted.some(near) || (length < SOLO_LENGTH && nearestElsewhere(ctx, best).some(near))) return null;
  return best;
}

/** The closest approximate matches of the quote alone before and after a match. */
function nearestElsewhere(ctx: Ctx, best: Candidate): Array<{ start: number; end: number; quote: number }> {
  const len = ctx.quote.length;
  // A twin at most a few edits further from the quote than the match; a bound that keeps the
  // search of the whole text short.
  const errors = Math.round(len * (1 - best.quote)) + NEAR_TWIN_EDITS;
  const out: Array<{ start: number; end: number; quote: number }> = [];
  for (const [from, to] of [[0, best.start], [best.end, ctx.text.length]]) {
    for (const m of approxSearch(ctx.text.slice(from, to), ctx.quote, errors)) {
      out.push({ start: from + m.start, end: from + m.end, quote: 1 - m.errors / len });
    }
  }
  return out;
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
      const [start, stop] = edges(c, trimStart(window, m.start, m.end) + at, trimEnd(window, m.start, m.end) + at, m.errors);
      if (stop > start) out.push(score(c, start, stop));
    }
    if (end === hi) break;
  }
  return out;
}

/**
 * Matches of prefix + quote + suffix in text[from, to), each cut back to its quote through the
 * alignment: a short quote is told apart by the words around it.
 */
function inContext(c: Ctx, from: number, to: number, maxErrors: number): Candidate[] {
  const pattern = c.prefix + c.quote + c.suffix;
  const window = c.text.slice(from, to);
  const out: Candidate[] = [];
  let lastEnd = -2;
  for (const m of approxSearch(window, pattern, maxErrors)) {
    if (m.end === lastEnd + 1) {
      lastEnd = m.end;
      continue;
    }
    lastEnd = m.end;
    const d = damage(pattern, window.slice(m.start, m.end));
    const inner = m.start + d.at(c.prefix.length);
    const outer = m.start + d.at(c.prefix.length + c.quote.length);
    const start = trimStart(window, inner, outer) + from;
    const stop = trimEnd(window, inner, outer) + from;
    if (stop > start) out.push(score(c, start, stop));
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
/** Characters of text indexed per step. */
const SEED_PIECE = 32_768;

/**
 * Positions of the first SEED characters of every word of the text, built once per pass, a piece
 * at a time (a chunked pass may pause between).
 */
function* seedIndex(text: string, cache: TextCache): Generator<void, Map<string, number[]>, void> {
  if (cache.seeds) return cache.seeds;
  const index = new Map<string, number[]>();
  for (let i = 0, pause = SEED_PIECE; i + SEED <= text.length; ) {
    const key = text.substr(i, SEED);
    const list = index.get(key);
    if (!list) index.set(key, [i]);
    else if (list.length <= SEED_HITS) list.push(i);
    const space = text.indexOf(' ', i);
    if (space < 0) break;
    i = space + 1;
    if (i >= pause) {
      pause += SEED_PIECE;
      yield;
    }
  }
  cache.seeds = index;
  return index;
}

/**
 * Regions worth an approximate search: where words of the quote begin the same way. A quote with
 * a few edits keeps most of its words; words too common to tell places apart are left out.
 */
function seedWindows(quote: string, prefix: string, maxErrors: number, index: Map<string, number[]>): Array<[number, number]> {
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

/** The text's words, counted once per pass, a piece at a time: a chunked pass may pause between. */
function* vocabulary(text: string, cache: TextCache): Generator<void, Vocabulary, void> {
  if (cache.words) return cache.words;
  const words: Vocabulary = new Map();
  for (let at = 0; at < text.length; ) {
    const to = wordBoundary(text, at + VOCABULARY_PIECE);
    countWords(text, at, to, words);
    at = to + 1;
    if (at < text.length) yield;
  }
  cache.words = words;
  return words;
}

function result(c: Candidate): QuoteMatch {
  return { start: c.start, end: c.end, score: c.score };
}

/**
 * Edit distance alone may trim a changed word at the quote's edge ("latency nearly" matched as
 * "early"); moving each edge to where the expected context fits best restores it, before the
 * match is scored.
 */
function edges(ctx: Ctx, from: number, to: number, errors: number): [number, number] {
  if (errors === 0) return [from, to];
  const { text } = ctx;
  const shift = Math.min(24, errors);
  let start = from;
  let end = to;
  const prefix = ctx.prefix.trimEnd();
  if (prefix) {
    // One pass gives the prefix's fit ending at every candidate start.
    const lo = Math.max(0, from - shift - prefix.length - 8);
    const hi = Math.min(to - 1, from + shift);
    const fit = distancesByEnd(prefix, text.slice(lo, hi));
    start = bestEdge(Math.max(0, from - shift), hi, from, prefix.length, (s) => fit[s - lo - (text.charCodeAt(s - 1) === 32 ? 1 : 0)]);
  }
  const suffix = ctx.suffix.trimStart();
  if (suffix) {
    const lo = Math.max(start + 1, to - shift);
    const hi = Math.min(text.length, to + shift + suffix.length + 8);
    const fit = distancesByStart(suffix, text.slice(lo, hi));
    end = bestEdge(lo, Math.min(text.length, to + shift), to, suffix.length, (e) => fit[e - lo + (text.charCodeAt(e) === 32 ? 1 : 0)]);
  }
  start = trimStart(text, start, end);
  end = trimEnd(text, start, end);
  return [start, end];
}

/**
 * The position in [from, to] where the context fits best, nearest to `was` among equals; `was`
 * itself when the context fits nowhere (it was replaced), since a poor fit only adds noise.
 */
function bestEdge(from: number, to: number, was: number, length: number, cost: (at: number) => number): number {
  let best = was;
  let bestCost = Infinity;
  for (let at = from; at <= to; at++) {
    const c = cost(at) + Math.abs(at - was) * 1e-6;
    if (c < bestCost) [best, bestCost] = [at, c];
  }
  return bestCost <= length * EDGE_FIT ? best : was;
}
