/**
 * The two kinds of anchoring error, played on a real manual (see manuals.ts): a saved passage
 * deleted while its look-alike stays (anything found is wrong), and a saved passage moved by text
 * inserted above and edited (it must be found). Shared by the unit tests and the benchmark.
 */
import type { Selectors } from '../../lesson';
import { anchor, anchorAll, describe } from '../anchor';
import { extractText } from '../text-map';
import { prng } from '../../../test/support/prng';
import { baselineAnchor, baselineDescribe, type BaselineSelectors } from './baseline';
import { blockSpan, buildManual, dropCharacters, twinQuotes, type ManualFormat } from './manuals';

export interface Manual {
  name: string;
  source: string;
  format: ManualFormat;
}

export interface CaseResult {
  cases: number;
  /** Deleted passages anchored anyway (on their look-alike or elsewhere). */
  wrong: number;
  /** Edited passages found over their text (overlap/union ≥ 0.7). */
  found: number;
  /** Quotes of the cases that went wrong, for a test's message. */
  failures: Array<{ quote: string; got: string | null }>;
  /** The same counts for the Hypothesis-style baseline, when asked for. */
  baseline?: { wrong: number; found: number };
}

function fresh(root: Element, manual: Manual): void {
  root.replaceChildren();
  buildManual(root, manual.source, manual.format);
}

/**
 * Deletes passages that have a look-alike on the page (never a passage and its look-alike both)
 * and anchors each deleted passage's selectors; one page state per batch, like a changed page.
 */
export function deletedTwins(root: Element, manual: Manual, limit = Infinity, baseline = false): CaseResult {
  fresh(root, manual);
  const map = extractText(root);
  const kept = new Set<number>();
  const taken = new Set<number>();
  const chosen: Array<{ selectors: Selectors; base: BaselineSelectors | null; range: Range }> = [];
  for (const t of twinQuotes(root)) {
    if (chosen.length >= limit) break;
    if (kept.has(t.start) || taken.has(t.twin.start)) continue;
    taken.add(t.start);
    kept.add(t.twin.start);
    const range = map.rangeOf(t.start, t.end);
    chosen.push({ selectors: describe(root, range, map), base: baseline ? baselineDescribe(root, range) : null, range });
  }
  for (const { range } of chosen) blockOf(range).remove();
  const results = anchorAll(root, chosen.map((c) => c.selectors));
  const after = extractText(root);
  const failures = results.flatMap((r, i) =>
    r ? [{ quote: chosen[i].selectors.quote.exact, got: textOf(after, r.range) }] : [],
  );
  const out: CaseResult = { cases: chosen.length, wrong: failures.length, found: 0, failures };
  if (baseline) out.baseline = { wrong: chosen.filter((c) => baselineAnchor(root, c.base!)).length, found: 0 };
  return out;
}

/**
 * Moves passages that have a look-alike (and as many plain passages) by inserting text at the
 * top of the page and, for every third, right above the passage (its prefix is then gone); then
 * drops `rate` of each passage's characters. Anchored one by one (`single`) or as one pass; the
 * first `limit` passages only (those with look-alikes come first).
 */
export function editedPassages(root: Element, manual: Manual, rate: number, seed: number, { single = false, baseline = false, limit = Infinity } = {}): CaseResult {
  fresh(root, manual);
  const map = extractText(root);
  const rand = prng(seed);
  const twins = twinQuotes(root);
  const starts = new Set(twins.map((t) => t.start));
  const plain = [...root.querySelectorAll('p, li')].filter(() => rand() < 0.1);
  const spans: Array<[number, number]> = twins.map((t) => [t.start, t.end]);
  for (const el of plain) {
    const [s, e] = blockSpan(map, el);
    const body = map.text.slice(s, e).trim();
    const at = map.text.indexOf(body, s);
    if (body.length >= 12 && !starts.has(at) && map.text.indexOf(body) === map.text.lastIndexOf(body)) {
      // A sentence or so of longer paragraphs: lessons quote a point, not a page.
      spans.push([at, at + Math.min(body.length, 60 + Math.floor(rand() * 200))]);
    }
  }
  const cases = spans.slice(0, limit).map(([s, e]) => {
    const range = map.rangeOf(s, e);
    return { selectors: describe(root, range, map), base: baseline ? baselineDescribe(root, range) : null, range };
  });
  const doc = root.ownerDocument;
  const top = doc.createElement('p');
  top.textContent = 'Added above: a new introduction that pushes every passage further down the page. '.repeat(12);
  root.prepend(top);
  cases.forEach(({ range }, i) => {
    if (i % 3 === 0) {
      const note = doc.createElement('p');
      note.textContent = `Note ${i}: this paragraph was inserted right above the saved passage later on.`;
      blockOf(range).before(note);
    }
  });
  for (const { range } of cases) dropCharacters(range, rate, rand);
  const list = cases.map((c) => c.selectors);
  const results = single ? list.map((s) => anchor(root, s)) : anchorAll(root, list);
  const after = extractText(root);
  const failures: CaseResult['failures'] = [];
  let found = 0;
  const covers = (r: Range | null, truth: Range): boolean => {
    if (!r) return false;
    const [ts, te] = [after.offsetOf(truth.startContainer, truth.startOffset), after.offsetOf(truth.endContainer, truth.endOffset)];
    const [fs, fe] = [after.offsetOf(r.startContainer, r.startOffset), after.offsetOf(r.endContainer, r.endOffset)];
    const overlap = Math.max(0, Math.min(te, fe) - Math.max(ts, fs));
    return overlap / (Math.max(te, fe) - Math.min(ts, fs)) >= 0.7;
  };
  results.forEach((r, i) => {
    if (covers(r?.range ?? null, cases[i].range)) found++;
    else failures.push({ quote: cases[i].selectors.quote.exact, got: r && textOf(after, r.range) });
  });
  const out: CaseResult = { cases: cases.length, wrong: 0, found, failures };
  if (baseline) out.baseline = { wrong: 0, found: cases.filter((c) => covers(baselineAnchor(root, c.base!), c.range)).length };
  return out;
}

/**
 * Deletes the one passage with a look-alike that begins with `start` and anchors its selectors:
 * the text found (on the look-alike, or elsewhere), or null.
 */
export function deletedTwin(root: Element, manual: Manual, start: string): string | null {
  fresh(root, manual);
  const map = extractText(root);
  const t = twinQuotes(root).find((q) => map.text.startsWith(start, q.start));
  if (!t) throw new Error(`${manual.name} has no passage with a look-alike beginning "${start}"`);
  const range = map.rangeOf(t.start, t.end);
  const selectors = describe(root, range, map);
  blockOf(range).remove();
  const found = anchor(root, selectors);
  return found && textOf(extractText(root), found.range);
}

function blockOf(range: Range): Element {
  let n: Node | null = range.startContainer;
  while (n && !(n.nodeType === 1 && /^(P|LI)$/i.test((n as Element).tagName))) n = n.parentNode;
  return n as Element;
}

function textOf(map: ReturnType<typeof extractText>, r: Range): string {
  return map.text.slice(map.offsetOf(r.startContainer, r.startOffset), map.offsetOf(r.endContainer, r.endOffset));
}
