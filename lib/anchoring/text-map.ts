import { UI_ATTR, UI_HOST, UI_MARK } from './ui';

/**
 * The visible text of a content root, whitespace-normalised, with a map back to the DOM.
 *
 * Normalisation: every run of whitespace becomes one space, and so does every block boundary and
 * `<br>`; the text never starts with a space. `describe()` and `anchor()` both read the page
 * through this one function, so their offsets always agree.
 */
export interface TextMap {
  readonly root: Element;
  readonly text: string;
  /** The DOM range of normalised offsets [start, end). */
  rangeOf(start: number, end: number): Range;
  /** How many normalised characters lie before a DOM boundary point. */
  offsetOf(container: Node, offset: number): number;
}

const SKIP = new Set(['script', 'style', 'noscript', 'template', 'head', 'title', 'iframe', 'object', 'select', 'textarea', UI_HOST]);

// Elements laid out as blocks by default: their edges separate words the way whitespace does.
const BLOCK = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'br', 'caption', 'dd', 'details', 'dialog',
  'div', 'dl', 'dt', 'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4',
  'h5', 'h6', 'header', 'hr', 'html', 'img', 'li', 'main', 'nav', 'ol', 'p', 'pre', 'section',
  'summary', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'ul', 'option', 'legend',
]);

const TEXT_NODE = 3;
const ELEMENT_NODE = 1;

/**
 * Cheap hiddenness: element names, the `hidden` attribute, inline `display:none` /
 * `visibility:hidden`, and our own UI. Computed styles would be exact but cost a style
 * recalculation per element, far too slow for megabyte pages.
 */
function skipped(el: Element): boolean {
  if (SKIP.has(el.localName) || el.hasAttribute('hidden')) return true;
  const ui = el.getAttribute(UI_ATTR);
  if (ui !== null && ui !== UI_MARK) return true;
  const style = el.getAttribute('style');
  if (style && /none|hidden/i.test(style)) {
    const s = (el as HTMLElement).style;
    if (s && (s.display === 'none' || s.visibility === 'hidden')) return true;
  }
  return false;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 9 || c === 13 || c === 12 || c === 160;
}

/**
 * Reads the text of `root`. Output characters map to DOM positions through segments: within a
 * segment, character `segNorm + k` is character `segRaw + k` of text node `segNode`. A segment
 * breaks wherever whitespace was collapsed, so prose costs about one segment per text node.
 */
export function extractText(root: Element): TextMap {
  return readState(root).run(Infinity)!;
}

/**
 * `extractText` in slices: each call reads until `performance.now()` passes `deadline`, and
 * returns the map once the whole root is read, else null. When the root's content changed
 * between slices, it starts over.
 */
export function textReader(root: Element): (deadline: number) => TextMap | null {
  let state = readState(root);
  const Observer = root.ownerDocument.defaultView?.MutationObserver;
  const changes = Observer ? new Observer(() => {}) : null;
  changes?.observe(root, { childList: true, subtree: true, characterData: true, attributes: true });
  return (deadline) => {
    if (changes?.takeRecords().length) state = readState(root);
    const map = state.run(deadline);
    if (map) changes?.disconnect();
    return map;
  };
}

function readState(root: Element): { node: Node | null; run(deadline: number): TextMap | null } {
  const parts: string[] = [];
  let len = 0;
  let lastSpace = true; // no leading space
  const nodes: Text[] = [];
  const nodeNorm: number[] = [];
  const segNorm: number[] = [];
  const segRaw: number[] = [];
  const segNode: number[] = [];
  let lastTextIdx = -1;
  let open = false; // whether the last segment may be extended

  const emitBoundary = (): void => {
    if (lastSpace || lastTextIdx < 0) return;
    parts.push(' ');
    segNorm.push(len);
    segRaw.push(nodes[lastTextIdx].length);
    segNode.push(lastTextIdx);
    open = false;
    len += 1;
    lastSpace = true;
  };

  const readText = (t: Text): void => {
    const data = t.data;
    const idx = nodes.length;
    nodes.push(t);
    nodeNorm.push(len);
    open = false;
    const n = data.length;
    let i = 0;
    while (i < n) {
      // A run of non-space characters, with at most one single space inside kept in the run.
      let j = i;
      while (j < n) {
        const c = data.charCodeAt(j);
        if (!isSpace(c)) {
          j++;
          continue;
        }
        // A lone space after a non-space keeps the 1:1 mapping.
        if (j > i && c === 32 && j + 1 < n && !isSpace(data.charCodeAt(j + 1))) {
          j++;
          continue;
        }
        break;
      }
      if (j > i) {
        if (!open) {
          segNorm.push(len);
          segRaw.push(i);
          segNode.push(idx);
          open = true;
        }
        parts.push(data.slice(i, j));
        len += j - i;
        lastSpace = false;
        lastTextIdx = idx;
        i = j;
        continue;
      }
      // data[i] starts a whitespace run.
      let k = i + 1;
      while (k < n && isSpace(data.charCodeAt(k))) k++;
      if (!lastSpace) {
        if (!open || data.charCodeAt(i) !== 32) {
          segNorm.push(len);
          segRaw.push(i);
          segNode.push(idx);
        }
        parts.push(' ');
        len += 1;
        lastSpace = true;
        lastTextIdx = idx;
        open = k === i + 1;
      } else {
        open = false;
      }
      i = k;
    }
  };

  const self = {
    node: root.firstChild as Node | null,
    run(deadline: number): TextMap | null {
      let node = self.node;
      let count = 0;
      while (node) {
        // Reading the clock every node would cost more than the nodes.
        if (++count % 512 === 0 && performance.now() > deadline) {
          self.node = node;
          return null;
        }
        if (node.nodeType === TEXT_NODE) {
          readText(node as Text);
        } else if (node.nodeType === ELEMENT_NODE && !skipped(node as Element)) {
          const block = BLOCK.has((node as Element).localName);
          if (block) emitBoundary();
          if (node.firstChild) {
            node = node.firstChild;
            continue;
          }
          if (block) emitBoundary();
        }
        // Climb out of finished elements; their ends are block boundaries too.
        while (node !== root && !node.nextSibling) {
          node = node.parentNode as Node;
          if (node !== root && BLOCK.has((node as Element).localName)) emitBoundary();
        }
        if (node === root) break;
        node = node.nextSibling;
      }
      self.node = null;
      let text = parts.join('');
      if (text.endsWith(' ')) text = text.slice(0, -1);
      return new Map_(root, text, nodes, nodeNorm, segNorm, segRaw, segNode);
    },
  };
  return self;
}

class Map_ implements TextMap {
  private nodeIndex: Map<Node, number> | null = null;

  constructor(
    readonly root: Element,
    readonly text: string,
    private readonly nodes: Text[],
    private readonly nodeNorm: number[],
    private readonly segNorm: number[],
    private readonly segRaw: number[],
    private readonly segNode: number[],
  ) {}

  /** Index of the segment holding normalised character `i`. */
  private segAt(i: number): number {
    const a = this.segNorm;
    let lo = 0;
    let hi = a.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (a[mid] <= i) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  private point(i: number, end: boolean): [Text, number] {
    const c = end ? i - 1 : i;
    const s = this.segAt(c);
    const node = this.nodes[this.segNode[s]];
    const raw = this.segRaw[s] + (c - this.segNorm[s]) + (end ? 1 : 0);
    return [node, Math.min(raw, node.length)];
  }

  rangeOf(start: number, end: number): Range {
    const doc = this.root.ownerDocument;
    const range = doc.createRange();
    if (this.segNorm.length === 0) {
      range.selectNodeContents(this.root);
      range.collapse(true);
      return range;
    }
    const s = Math.max(0, Math.min(start, this.text.length));
    const e = Math.max(s, Math.min(end, this.text.length));
    const [sn, so] = s < this.text.length ? this.point(s, false) : this.point(s, true);
    range.setStart(sn, so);
    if (e > s) {
      const [en, eo] = this.point(e, true);
      range.setEnd(en, eo);
    }
    return range;
  }

  offsetOf(container: Node, offset: number): number {
    this.nodeIndex ??= new Map(this.nodes.map((n, i) => [n, i]));
    const idx = this.nodeIndex.get(container);
    if (idx !== undefined) return this.offsetInText(idx, offset);
    // An element boundary or a skipped node: the first text node at or after the point.
    const probe = this.root.ownerDocument.createRange();
    probe.setStart(container, offset);
    let lo = 0;
    let hi = this.nodes.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (probe.comparePoint(this.nodes[mid], 0) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo < this.nodes.length ? Math.min(this.nodeNorm[lo], this.text.length) : this.text.length;
  }

  private offsetInText(idx: number, offset: number): number {
    let count = this.nodeNorm[idx];
    // Segments of one node are contiguous; scan from its first one.
    let s = this.segAt(count);
    for (; s < this.segNorm.length && this.segNode[s] <= idx; s++) {
      if (this.segNode[s] !== idx || this.segRaw[s] >= offset) continue;
      const segLen = (s + 1 < this.segNorm.length ? this.segNorm[s + 1] : this.text.length + 1) - this.segNorm[s];
      count = this.segNorm[s] + Math.min(segLen, offset - this.segRaw[s]);
    }
    return Math.min(count, this.text.length);
  }
}
