/**
 * Real reference pages for anchoring tests and the benchmark (sources in
 * test/fixtures/anchoring/README.md): Node.js' fs documentation (Markdown) and Linux man pages
 * (roff), drawn as simple HTML. Manuals are where look-alikes live: the promise, callback and sync
 * forms of one call, options that differ in one word. This module builds such a page, finds the
 * passages that have a near twin on it, and damages quotes the way the benchmark's cases need.
 */
import { roffToParagraphs } from '../../../bench/corpus/roff';
import { extractText, type TextMap } from '../text-map';

export type ManualFormat = 'markdown' | 'roff';

/** Draws a manual under `parent` with the DOM (text only, never markup from the source). */
export function buildManual(parent: Element, source: string, format: ManualFormat): void {
  const doc = parent.ownerDocument;
  const add = (tag: string, text: string, into: Element = parent): Element => {
    const el = doc.createElement(tag);
    el.textContent = text;
    into.append(el, '\n');
    return el;
  };
  if (format === 'roff') {
    let heading: string | null = null;
    for (const { heading: h, text } of roffToParagraphs(source)) {
      if (h !== heading) add('h2', (heading = h));
      add('p', text);
    }
    return;
  }
  const lines = source.replace(/<!--[\s\S]*?-->/g, '').split('\n');
  let list: Element | null = null;
  let para: string[] = [];
  let item: string[] | null = null;
  const flush = () => {
    if (item) add('li', inline(item.join(' ')), list!);
    else if (para.length) add('p', inline(para.join(' ')));
    item = null;
    para = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line.startsWith('```')) {
      flush();
      list = null;
      const code: string[] = [];
      while (++i < lines.length && !lines[i].startsWith('```')) code.push(lines[i]);
      add('pre', code.join('\n'));
      continue;
    }
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    const bullet = /^\s*[*-]\s+(.*)$/.exec(line);
    if (heading) {
      flush();
      list = null;
      add(`h${Math.min(6, heading[1].length + 1)}`, inline(heading[2]));
    } else if (bullet) {
      flush();
      list ??= add('ul', '');
      item = [bullet[1]];
    } else if (!line.trim() || /^\[[^\]]+\]:\s/.test(line)) {
      flush();
      if (!line.trim() && !/^\s*[*-]\s/.test(lines[i + 1] ?? '')) list = null;
    } else if (item) {
      item.push(line.trim());
    } else {
      list = null;
      para.push(line.replace(/^>\s?/, ''));
    }
  }
  flush();
}

/** Markdown's inline marks as a browser shows them: links and code as their text. */
function inline(s: string): string {
  return s
    .replace(/\[([^\]]*)\]\[[^\]]*\]|\[([^\]]*)\]\([^)]*\)/g, (_, a?: string, b?: string) => a ?? b ?? '')
    .replace(/[`*]+|\\(?=[[\]])/g, '');
}

export interface TwinQuote {
  /** The passage, in the root's normalised text. */
  start: number;
  end: number;
  /** Its nearest look-alike elsewhere on the page. */
  twin: { start: number; end: number; distance: number };
}

/**
 * Passages (whole paragraphs and list items, 12–300 characters, each unique on the page) with a
 * look-alike elsewhere: another block within 35% of edits. Look-alikes in manuals share a start or
 * an end (the forms of one call, neighbouring options), which is how candidates are paired
 * before their edit distance is computed.
 */
export function twinQuotes(root: Element): TwinQuote[] {
  const map = extractText(root);
  const { text } = map;
  const blocks: Array<{ start: number; end: number; body: string }> = [];
  for (const el of root.querySelectorAll('p, li')) {
    let [start, end] = blockSpan(map, el);
    while (start < end && text.charCodeAt(start) === 32) start++;
    while (end > start && text.charCodeAt(end - 1) === 32) end--;
    const body = text.slice(start, end);
    if (body.length >= 12 && body.length <= 300 && text.indexOf(body) === text.lastIndexOf(body)) blocks.push({ start, end, body });
  }
  const byKey = new Map<string, number[]>();
  blocks.forEach((b, i) => {
    for (const key of ['<' + b.body.slice(0, 10), '>' + b.body.slice(-10)]) byKey.set(key, [...(byKey.get(key) ?? []), i]);
  });
  const out: TwinQuote[] = [];
  blocks.forEach((b, i) => {
    let best: TwinQuote['twin'] | null = null;
    const seen = new Set<number>();
    for (const key of ['<' + b.body.slice(0, 10), '>' + b.body.slice(-10)]) {
      for (const j of byKey.get(key) ?? []) {
        if (j === i || seen.has(j)) continue;
        seen.add(j);
        const o = blocks[j];
        if (Math.abs(o.body.length - b.body.length) > b.body.length * 0.35) continue;
        const distance = levenshtein(b.body, o.body);
        if (distance > 0 && distance <= b.body.length * 0.35 && (!best || distance < best.distance)) {
          best = { start: o.start, end: o.end, distance };
        }
      }
    }
    if (best) out.push({ start: b.start, end: b.end, twin: best });
  });
  return out;
}

/** Where a block drawn by `buildManual` (one text node) lies in the normalised text. */
export function blockSpan(map: TextMap, el: Element): [number, number] {
  const node = el.firstChild as Text | null;
  if (!node) return [0, 0];
  return [map.offsetOf(node, 0), map.offsetOf(node, node.length)];
}

function levenshtein(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1), prev[j] + 1, cur[j - 1] + 1);
    }
    prev = cur;
  }
  return prev[b.length];
}

/**
 * Drops `rate` of the range's non-space characters (at least one), as a careless edit of the
 * page would: a letter lost here and there, so intact 8-character stretches may be few.
 */
export function dropCharacters(range: Range, rate: number, rand: () => number): void {
  const spots: Array<{ node: Text; offset: number }> = [];
  const walker = range.commonAncestorContainer.ownerDocument!.createTreeWalker(range.commonAncestorContainer, 4);
  const nodes: Text[] = [];
  if (range.startContainer.nodeType === 3) nodes.push(range.startContainer as Text);
  walker.currentNode = range.startContainer;
  for (let n = walker.nextNode(); n && range.intersectsNode(n); n = walker.nextNode()) nodes.push(n as Text);
  for (const node of nodes) {
    const from = node === range.startContainer ? range.startOffset : 0;
    const to = node === range.endContainer ? range.endOffset : node.length;
    for (let o = from; o < to; o++) if (node.data[o].trim()) spots.push({ node, offset: o });
  }
  const count = Math.min(spots.length - 1, Math.max(1, Math.round(spots.length * rate)));
  const chosen = new Set<number>();
  while (chosen.size < count) chosen.add(Math.floor(rand() * spots.length));
  for (const i of [...chosen].sort((a, b) => b - a)) spots[i].node.deleteData(spots[i].offset, 1);
}
