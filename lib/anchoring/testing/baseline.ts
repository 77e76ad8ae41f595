import approxSearch, { type Match } from 'approx-string-match';

/**
 * The benchmark's baseline: anchoring as Hypothesis' client does it (src/annotator/anchoring/
 * match-quote.ts and text-range.ts), written from its published behaviour. Selectors are offsets
 * into `textContent`; every anchor re-reads the text; approximate search spans the whole text with
 * maxErrors = min(256, quote.length / 2); the best-scored match is taken, however weak.
 */
export interface BaselineSelectors {
  exact: string;
  prefix: string;
  suffix: string;
  start: number;
  end: number;
}

const CONTEXT = 32;

export function baselineDescribe(root: Element, range: Range): BaselineSelectors {
  const text = root.textContent ?? '';
  const start = textOffset(root, range.startContainer, range.startOffset);
  const end = textOffset(root, range.endContainer, range.endOffset);
  return {
    exact: text.slice(start, end),
    prefix: text.slice(Math.max(0, start - CONTEXT), start),
    suffix: text.slice(end, end + CONTEXT),
    start,
    end,
  };
}

export function baselineAnchor(root: Element, s: BaselineSelectors): Range | null {
  const text = root.textContent ?? '';
  if (text.slice(s.start, s.end) === s.exact) return rangeAt(root, s.start, s.end);
  const m = matchQuote(text, s.exact, { prefix: s.prefix, suffix: s.suffix, hint: s.start });
  return m && rangeAt(root, m.start, m.end);
}

function search(text: string, str: string, maxErrors: number): Match[] {
  const exact: Match[] = [];
  for (let i = text.indexOf(str); i !== -1; i = text.indexOf(str, i + 1)) exact.push({ start: i, end: i + str.length, errors: 0 });
  return exact.length > 0 ? exact : approxSearch(text, str, maxErrors);
}

function textMatchScore(text: string, str: string): number {
  if (str.length === 0 || text.length === 0) return 0;
  return 1 - search(text, str, str.length)[0].errors / str.length;
}

function matchQuote(text: string, quote: string, ctx: { prefix: string; suffix: string; hint: number }) {
  if (quote.length === 0) return null;
  const matches = search(text, quote, Math.min(256, quote.length / 2));
  if (matches.length === 0) return null;
  const scored = matches.map((m) => {
    const q = 1 - m.errors / quote.length;
    const p = ctx.prefix ? textMatchScore(text.slice(Math.max(0, m.start - ctx.prefix.length), m.start), ctx.prefix) : 1;
    const s = ctx.suffix ? textMatchScore(text.slice(m.end, m.end + ctx.suffix.length), ctx.suffix) : 1;
    const pos = 1 - Math.abs(m.start - ctx.hint) / text.length;
    return { start: m.start, end: m.end, score: (50 * q + 20 * p + 20 * s + 2 * pos) / 92 };
  });
  scored.sort((a, b) => b.score - a.score);
  return scored[0];
}

function textNodes(root: Element): Text[] {
  const out: Text[] = [];
  const walker = root.ownerDocument.createTreeWalker(root, 4 /* NodeFilter.SHOW_TEXT */);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) out.push(n as Text);
  return out;
}

function textOffset(root: Element, container: Node, offset: number): number {
  let total = 0;
  const probe = root.ownerDocument.createRange();
  probe.setStart(container, offset);
  for (const t of textNodes(root)) {
    if (t === container) return total + offset;
    if (probe.comparePoint(t, 0) > 0) return total;
    total += t.length;
  }
  return total;
}

function rangeAt(root: Element, start: number, end: number): Range {
  const range = root.ownerDocument.createRange();
  let total = 0;
  let started = false;
  for (const t of textNodes(root)) {
    if (!started && start <= total + t.length) {
      range.setStart(t, start - total);
      started = true;
    }
    if (started && end <= total + t.length) {
      range.setEnd(t, end - total);
      return range;
    }
    total += t.length;
  }
  return range;
}
