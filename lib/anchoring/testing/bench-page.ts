/**
 * The anchoring benchmark's side inside the browser page (bundled by bench/anchoring.bench.ts).
 * It builds a prose page, saves quotes with both our selectors and the baseline's, changes the
 * page, and times both engines on the same input. Live Ranges over the saved quotes are the truth:
 * the DOM keeps them over the edited text.
 */
import type { Selectors } from '../../lesson';
import { createPainter } from '../../highlight';
import { anchorAll, anchorAllChunked, describe, type Anchored } from '../anchor';
import { matchQuote } from '../match-quote';
import { extractText } from '../text-map';
import { baselineAnchor, baselineDescribe, type BaselineSelectors } from './baseline';
import { prng } from '../../../test/support/prng';
import { buildProse } from './prose';
import { deletedTwins, editedPassages, type Manual } from './manual-cases';

export type { Manual };

interface Saved {
  ours: Selectors;
  base: BaselineSelectors;
  truth: Range;
}

let root: Element;
let saved: Saved[] = [];

export function setup(chars: number, seed: number): number {
  root = document.getElementById('root')!;
  root.replaceChildren();
  buildProse(root, chars, seed);
  return extractText(root).text.length;
}

/** Saves `n` quotes of 40–200 characters, spread over the page, each unique on it. */
export function saveQuotes(n: number, seed: number): number {
  const map = extractText(root);
  const { text } = map;
  const rand = prng(seed);
  const stride = Math.floor(text.length / n);
  saved = [];
  for (let i = 0; i < n; i++) {
    for (let attempt = 0; attempt < 20; attempt++) {
      let start = i * stride + Math.floor(rand() * (stride - 260));
      start = text.indexOf(' ', start) + 1;
      let end = text.indexOf(' ', start + 40 + Math.floor(rand() * 150));
      if (end < 0 || end - start > 200) end = start + 200;
      const exact = text.slice(start, end);
      if (text.indexOf(exact) !== text.lastIndexOf(exact)) continue;
      const truth = map.rangeOf(start, end);
      saved.push({ ours: describe(root, truth, map), base: baselineDescribe(root, truth), truth });
      break;
    }
  }
  return saved.length;
}

/** Changes `rate` of each quote's characters: substitutions, insertions and deletions of letters. */
export function editQuotes(rate: number, seed: number): void {
  const rand = prng(seed);
  const letter = () => 'abcdefghijklmnopqrstuvwxyz'[Math.floor(rand() * 26)];
  for (const { truth } of saved) {
    const spots: Array<{ node: Text; offset: number }> = [];
    for (const node of textNodesIn(truth)) {
      const from = node === truth.startContainer ? truth.startOffset : 0;
      const to = node === truth.endContainer ? truth.endOffset : node.length;
      for (let o = from; o < to; o++) if (node.data[o].trim()) spots.push({ node, offset: o });
    }
    const count = Math.max(1, Math.round(spots.length * rate));
    const chosen = new Set<number>();
    while (chosen.size < Math.min(count, spots.length)) chosen.add(Math.floor(rand() * spots.length));
    // Descending offsets keep the remaining spots' offsets valid.
    for (const i of [...chosen].sort((a, b) => b - a)) {
      const { node, offset } = spots[i];
      const op = rand();
      if (op < 0.6) node.replaceData(offset, 1, letter());
      else if (op < 0.8) node.insertData(offset + 1, letter());
      else node.deleteData(offset, 1);
    }
  }
}

export function deleteQuotes(): void {
  for (const { truth } of saved) truth.deleteContents();
}

function textNodesIn(range: Range): Text[] {
  const walker = document.createTreeWalker(range.commonAncestorContainer, NodeFilter.SHOW_TEXT);
  const out: Text[] = [];
  if (range.startContainer.nodeType === Node.TEXT_NODE) out.push(range.startContainer as Text);
  walker.currentNode = range.startContainer;
  for (let n = walker.nextNode(); n && range.intersectsNode(n); n = walker.nextNode()) out.push(n as Text);
  return out;
}

/** Share of results that cover their quote's (edited) text: overlap over union at least 0.7. */
function recall(found: Array<Range | null>, first = 0): number {
  const map = extractText(root);
  const span = (r: Range) => [map.offsetOf(r.startContainer, r.startOffset), map.offsetOf(r.endContainer, r.endOffset)];
  let good = 0;
  found.forEach((r, i) => {
    if (!r) return;
    const [ts, te] = span(saved[first + i].truth);
    const [fs, fe] = span(r);
    const overlap = Math.max(0, Math.min(te, fe) - Math.max(ts, fs));
    if (overlap / (Math.max(te, fe) - Math.min(ts, fs)) >= 0.7) good++;
  });
  return good / found.length;
}

export interface Run {
  ms: number;
  /** Slowest single quote, where measured. */
  slowest?: number;
  anchored: number;
  recall: number;
  count: number;
}

export function runOurs(): Run {
  const list = saved.map((s) => s.ours);
  const t0 = performance.now();
  const results = anchorAll(root, list);
  const ms = performance.now() - t0;
  const ranges = results.map((r) => r?.range ?? null);
  return { ms, anchored: ranges.filter(Boolean).length, recall: recall(ranges), count: list.length };
}

/** The baseline on the first `limit` quotes (it can take seconds per hundred). */
export function runBaseline(limit: number): Run {
  const some = saved.slice(0, limit);
  let slowest = 0;
  const t0 = performance.now();
  const ranges = some.map((s) => {
    const t = performance.now();
    const r = baselineAnchor(root, s.base);
    slowest = Math.max(slowest, performance.now() - t);
    return r;
  });
  const ms = performance.now() - t0;
  return { ms, slowest, anchored: ranges.filter(Boolean).length, recall: recall(ranges), count: some.length };
}

/**
 * Runs the chunked pass while a zero-delay timer loop samples the event loop: the longest gap
 * between its turns bounds the longest task. Long-task entries are read as well.
 */
export async function runChunked(): Promise<{ ms: number; longestTask: number; longTasks: number }> {
  const long: number[] = [];
  const observer = new PerformanceObserver((l) => l.getEntries().forEach((e) => long.push(e.duration)));
  try {
    observer.observe({ type: 'longtask' });
  } catch {
    // No Long Tasks API: the timer loop still measures.
  }
  let last = performance.now();
  let gap = 0;
  let running = true;
  const tick = () => {
    const now = performance.now();
    gap = Math.max(gap, now - last);
    last = now;
    if (running) setTimeout(tick, 0);
  };
  setTimeout(tick, 0);
  const t0 = performance.now();
  await anchorAllChunked(root, saved.map((s) => s.ours));
  const ms = performance.now() - t0;
  running = false;
  await new Promise((r) => setTimeout(r, 20));
  observer.disconnect();
  return { ms, longestTask: Math.max(gap, ...long), longTasks: long.length };
}

/** Paints the anchored quotes with the real CSS Custom Highlight API, styled as in Chromium, and hit-tests one of them. */
export function paintCheck(): { ms: number; api: boolean; fromPoint: boolean; hit: boolean; registered: number } {
  const results: Array<Anchored | null> = anchorAll(root, saved.map((s) => s.ours));
  const kinds = ['experience', 'mistake', 'performance', 'improvement', 'question'] as const;
  const items = results.flatMap((r, i) => (r ? [{ id: `q${i}`, kind: kinds[i % 5], range: r.range }] : []));
  const painter = createPainter(document, { inherited: true });
  const t0 = performance.now();
  painter.paint(items);
  const ms = performance.now() - t0;
  const target = items[Math.floor(items.length / 2)];
  target.range.startContainer.parentElement!.scrollIntoView({ block: 'center' });
  const rect = target.range.getClientRects()[0];
  const ids = painter.lessonsAt(rect.left + 2, rect.top + rect.height / 2);
  const registered = [...CSS.highlights.keys()].filter((k) => k.startsWith('lessonmark-')).length;
  const out = {
    ms,
    api: 'highlights' in CSS,
    fromPoint: typeof (CSS.highlights as { highlightsFromPoint?: unknown }).highlightsFromPoint === 'function',
    hit: ids.includes(target.id),
    registered,
  };
  painter.clear();
  return out;
}

/** Where a pass spends its time: text extraction, then the searches. */
export function profile(): { extractMs: number; matchMs: number; slowestMs: number } {
  const t0 = performance.now();
  const map = extractText(root);
  const extractMs = performance.now() - t0;
  const cache = {};
  const times = saved.map((s) => {
    const t = performance.now();
    matchQuote(map.text, { ...s.ours.quote, hint: s.ours.position?.start }, cache);
    return performance.now() - t;
  });
  return { extractMs, matchMs: times.reduce((a, b) => a + b, 0), slowestMs: Math.max(...times) };
}

/**
 * The manual cases (see manual-cases.ts) on every manual given, ours and the baseline on the same
 * page states: deleted passages that have a look-alike, and passages moved and edited.
 */
export function manualCases(manuals: Manual[], rate: number, seed: number) {
  const page = document.getElementById('root')!;
  const sum = { twins: 0, twinWrong: 0, baseTwinWrong: 0, edited: 0, editedFound: 0, baseEditedFound: 0 };
  for (const manual of manuals) {
    const del = deletedTwins(page, manual, Infinity, true);
    sum.twins += del.cases;
    sum.twinWrong += del.wrong;
    sum.baseTwinWrong += del.baseline!.wrong;
    const ed = editedPassages(page, manual, rate, seed, { baseline: true });
    sum.edited += ed.cases;
    sum.editedFound += ed.found;
    sum.baseEditedFound += ed.baseline!.found;
  }
  page.replaceChildren();
  return sum;
}
