import type { Kind } from '../lesson';

export interface PaintItem {
  /** The lesson's id. */
  id: string;
  kind: Kind;
  range: Range;
}

export interface Painter {
  /** Shows exactly these items, replacing whatever was painted before. */
  paint(items: readonly PaintItem[]): void;
  /** Removes every highlight and the styles; the page is as it was. */
  clear(): void;
  /** Ids of the lessons painted under a viewport point, innermost first where known. */
  lessonsAt(x: number, y: number): string[];
  /** Briefly emphasises a painted lesson and scrolls it into view. */
  flash(id: string): void;
}

export const FLASH_MS = 1500;

export function hit(rects: Iterable<DOMRect>, x: number, y: number): boolean {
  for (const r of rects) if (x >= r.left && x <= r.right && y >= r.top && y <= r.bottom) return true;
  return false;
}

export function scrollToRange(range: Range): void {
  const node = range.startContainer;
  const el = node.nodeType === 1 ? (node as Element) : node.parentElement;
  el?.scrollIntoView?.({ block: 'center', behavior: 'smooth' });
}
