import { UI_ATTR, UI_MARK } from '../anchoring/ui';
import { adoptStyles, FLASH_ATTR, inlineStyle, KIND_ATTR } from './styles';
import { FLASH_MS, hit, scrollToRange, type PaintItem, type Painter } from './types';

/** Text nodes directly inside these cannot take a `<mark>` without breaking the markup. */
const NO_PHRASING = new Set(['table', 'thead', 'tbody', 'tfoot', 'tr', 'ul', 'ol', 'dl', 'select', 'colgroup']);

interface Piece {
  node: Text;
  start: number;
  end: number;
}

/**
 * Fallback for browsers without the CSS Custom Highlight API: wraps the ranges' text in
 * `<mark data-lessonmark-ui="mark">`. Anchoring keeps reading the wrapped text as the page's own.
 * Clearing unwraps the marks and joins the text nodes that wrapping had split. Which lesson a mark
 * belongs to is kept here, never on the mark: the page's scripts can read its attributes.
 */
export function createMarkPainter(doc: Document): Painter {
  let marks: HTMLElement[] = [];
  let idOf = new WeakMap<HTMLElement, string>();
  let unadopt: (() => void) | null = null;
  let styled = false;
  let flashTimer: ReturnType<typeof setTimeout> | undefined;

  const unwrap = (old: HTMLElement[]): void => {
    for (const mark of old) {
      const parent = mark.parentNode;
      if (!parent) continue;
      const first = mark.firstChild;
      const last = mark.lastChild;
      while (mark.firstChild) parent.insertBefore(mark.firstChild, mark);
      mark.remove();
      if (last) join(last);
      if (first && first !== last) join(first);
    }
  };

  return {
    paint(items) {
      if (!unadopt && !styled) {
        unadopt = adoptStyles(doc);
        styled = true;
      }
      const old = marks;
      idOf = new WeakMap();
      // Read every range before changing the DOM: splitting text moves other ranges' boundaries.
      const plans = items.map((item) => ({ item, pieces: piecesOf(item.range) }));
      const parts = splitAll(plans.flatMap((p) => p.pieces));
      marks = [];
      for (const { item, pieces } of plans) {
        for (const piece of pieces) {
          for (const part of parts.get(piece.node) ?? []) {
            if (part.start < piece.start || part.start >= piece.end) continue;
            const mark = wrap(doc, part.node, item, unadopt === null);
            idOf.set(mark, item.id);
            marks.push(mark);
          }
        }
      }
      unwrap(old);
    },

    clear() {
      clearTimeout(flashTimer);
      unwrap(marks);
      marks = [];
      unadopt?.();
      unadopt = null;
      styled = false;
    },

    lessonsAt(x, y) {
      const ids: string[] = [];
      for (const mark of marks) {
        const id = idOf.get(mark)!;
        if (!ids.includes(id) && hit(mark.getClientRects(), x, y)) ids.push(id);
      }
      return ids;
    },

    flash(id) {
      const own = marks.filter((m) => idOf.get(m) === id);
      if (own.length === 0) return;
      for (const m of marks) m.removeAttribute(FLASH_ATTR);
      for (const m of own) m.setAttribute(FLASH_ATTR, '');
      const range = doc.createRange();
      range.selectNodeContents(own[0]);
      scrollToRange(range);
      clearTimeout(flashTimer);
      flashTimer = setTimeout(() => own.forEach((m) => m.removeAttribute(FLASH_ATTR)), FLASH_MS);
    },
  };
}

function piecesOf(range: Range): Piece[] {
  if (range.collapsed) return [];
  const { startContainer: sc, startOffset: so, endContainer: ec, endOffset: eo } = range;
  const doc = sc.ownerDocument ?? (sc as Document);
  const walker = doc.createTreeWalker(range.commonAncestorContainer, 4 /* NodeFilter.SHOW_TEXT */);
  const out: Piece[] = [];
  let node: Node | null = sc.nodeType === 3 ? sc : walker.nextNode();
  if (sc.nodeType === 3) walker.currentNode = sc;
  for (; node; node = walker.nextNode()) {
    const t = node as Text;
    if (range.comparePoint(t, 0) > 0) break;
    if (!range.intersectsNode(t)) continue;
    const start = t === sc ? so : 0;
    const end = t === ec ? eo : t.length;
    if (end <= start) continue;
    const parent = t.parentElement;
    if (!parent || (NO_PHRASING.has(parent.localName) && !t.data.slice(start, end).trim())) continue;
    out.push({ node: t, start, end });
  }
  return out;
}

/** Splits each text node at every piece edge; returns its parts with their original offsets. */
function splitAll(pieces: Piece[]): Map<Text, Array<{ start: number; node: Text }>> {
  const cuts = new Map<Text, Set<number>>();
  for (const p of pieces) {
    const set = cuts.get(p.node) ?? new Set<number>();
    set.add(p.start).add(p.end);
    cuts.set(p.node, set);
  }
  const parts = new Map<Text, Array<{ start: number; node: Text }>>();
  for (const [node, set] of cuts) {
    const list: Array<{ start: number; node: Text }> = [];
    for (const cut of [...set].filter((c) => c > 0 && c < node.length).sort((a, b) => b - a)) {
      list.unshift({ start: cut, node: node.splitText(cut) });
    }
    list.unshift({ start: 0, node });
    parts.set(node, list);
  }
  return parts;
}

function wrap(doc: Document, node: Text, item: PaintItem, inline: boolean): HTMLElement {
  const mark = doc.createElement('mark');
  mark.setAttribute(UI_ATTR, UI_MARK);
  mark.setAttribute(KIND_ATTR, item.kind);
  if (inline) mark.setAttribute('style', inlineStyle(item.kind));
  node.parentNode!.insertBefore(mark, node);
  mark.append(node);
  return mark;
}

/** Merges a run of adjacent text nodes into its first, the node that wrapping split the rest from. */
function join(node: Node): void {
  if (node.nodeType !== 3) return;
  let first = node as Text;
  while (first.previousSibling?.nodeType === 3) first = first.previousSibling as Text;
  for (let next = first.nextSibling; next?.nodeType === 3; next = first.nextSibling) {
    first.appendData((next as Text).data);
    next.remove();
  }
}
