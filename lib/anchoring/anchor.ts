import type { Selectors } from '../lesson';
import { CONTEXT_CHARS, MAX_QUOTE } from '../lesson-basics';
import { hasRedaction, matchRedacted } from '../redact/anchor';
import { matchQuoteSteps, type QuoteMatch, type TextCache } from './match-quote';
import { extractText, textReader, type TextMap } from './text-map';

export interface Anchored {
  range: Range;
  /** 0..1, how well quote and context matched; 1 for an unchanged page. */
  score: number;
}

/**
 * Describes a selection inside `root` as quote and position selectors over the root's normalised
 * text. The range is clipped to the root; throws a RangeError when it holds no text.
 */
export function describe(root: Element, range: Range, map: TextMap = extractText(root)): Selectors {
  const { text } = map;
  const inside = clip(root, range);
  let start = map.offsetOf(inside.startContainer, inside.startOffset);
  let end = map.offsetOf(inside.endContainer, inside.endOffset);
  while (start < end && text.charCodeAt(start) === 32) start++;
  while (end > start && text.charCodeAt(end - 1) === 32) end--;
  if (end <= start) throw new RangeError('The selection holds no text of the content root');
  end = Math.min(end, start + MAX_QUOTE);
  return {
    quote: {
      type: 'TextQuoteSelector',
      exact: text.slice(start, end),
      prefix: text.slice(Math.max(0, start - CONTEXT_CHARS), start),
      suffix: text.slice(end, end + CONTEXT_CHARS),
    },
    position: { type: 'TextPositionSelector', start, end },
  };
}

// Range.compareBoundaryPoints `how` values, spelled out so no global Range is needed.
const START_TO_START = 0;
const START_TO_END = 1;
const END_TO_END = 2;
const END_TO_START = 3;

function clip(root: Element, range: Range): Range {
  const out = range.cloneRange();
  const whole = root.ownerDocument.createRange();
  whole.selectNodeContents(root);
  if (out.compareBoundaryPoints(START_TO_START, whole) < 0) out.setStart(root, 0);
  if (out.compareBoundaryPoints(END_TO_END, whole) > 0) out.setEnd(root, root.childNodes.length);
  if (out.compareBoundaryPoints(START_TO_END, whole) < 0 || out.compareBoundaryPoints(END_TO_START, whole) > 0) {
    out.setStart(root, 0);
    out.collapse(true);
  }
  return out;
}

/** Finds a described selection again in `root`; null when its text is no longer there. */
export function anchor(root: Element, selectors: Selectors): Anchored | null {
  const pass = new Pass(extractText(root), [selectors]);
  while (pass.step());
  return pass.results[0];
}

/** Anchors many selections, reading the root's text once. Results follow the input's order. */
export function anchorAll(root: Element, list: readonly Selectors[]): Array<Anchored | null> {
  const pass = new Pass(extractText(root), list);
  while (pass.step());
  return pass.results;
}

export interface ChunkOptions {
  /** Longest stretch of work before yielding to the event loop. */
  budgetMs?: number;
  signal?: AbortSignal;
}

/**
 * As `anchorAll`, yielding to the event loop whenever `budgetMs` has passed (while reading the
 * text, between quotes, and within a quote's search: see matchQuoteSteps) so that the page stays responsive. The DOM may change while it yields: callers re-run a pass after mutations.
 */
export async function anchorAllChunked(
  root: Element,
  list: readonly Selectors[],
  { budgetMs = 16, signal }: ChunkOptions = {},
): Promise<Array<Anchored | null>> {
  let since = performance.now();
  const pause = async (): Promise<void> => {
    await new Promise((resolve) => setTimeout(resolve, 0));
    signal?.throwIfAborted();
    since = performance.now();
  };
  const read = textReader(root);
  let map: TextMap | null;
  while (!(map = read(since + budgetMs))) await pause();
  const pass = new Pass(map, list);
  while (pass.step()) {
    if (performance.now() - since >= budgetMs) await pause();
  }
  return pass.results;
}

/**
 * One re-anchoring pass. Quotes are taken in their old document order so that the shift of the
 * previous quote (text inserted or removed above) can steer the search for the next one.
 */
class Pass {
  readonly results: Array<Anchored | null>;
  private readonly order: number[];
  private next = 0;
  private index = 0;
  private current: Generator<void, QuoteMatch | null, void> | null = null;
  private drift = 0;
  private readonly cache: TextCache = {};

  constructor(
    private readonly map: TextMap,
    private readonly list: readonly Selectors[],
  ) {
    this.results = list.map(() => null);
    this.order = list.map((_, i) => i).sort((a, b) => (list[a].position?.start ?? 0) - (list[b].position?.start ?? 0));
  }

  /** One slice of work: a quote, or a piece of a quote's whole-text search. False when done. */
  step(): boolean {
    if (!this.current) {
      if (this.next >= this.order.length) return false;
      this.index = this.order[this.next++];
      this.current = this.search(this.list[this.index]);
    }
    const r = this.current.next();
    if (!r.done) return true;
    this.current = null;
    const found = r.value;
    const hint = this.list[this.index].position?.start;
    if (found && hint !== undefined) this.drift = found.start - hint;
    this.results[this.index] = found && { range: this.map.rangeOf(found.start, found.end), score: found.score };
    return this.next < this.order.length;
  }

  private search({ quote, position }: Selectors): Generator<void, QuoteMatch | null, void> {
    const query = { exact: quote.exact, prefix: quote.prefix, suffix: quote.suffix, hint: position?.start, drift: this.drift };
    // A quote whose secret was redacted no longer reads as the page does (lib/redact/anchor.ts).
    if (hasRedaction(quote.exact)) return redactedSearch(this.map.text, query);
    return matchQuoteSteps(this.map.text, query, this.cache);
  }
}

/** A redacted quote is found in one regex search, so its search is a single step. */
function* redactedSearch(text: string, query: Parameters<typeof matchRedacted>[1]): Generator<void, QuoteMatch | null, void> {
  return matchRedacted(text, query);
}
