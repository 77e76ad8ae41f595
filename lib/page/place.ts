/** A box in viewport pixels. */
export interface Box {
  left: number;
  top: number;
  width: number;
  height: number;
}

export interface Size {
  width: number;
  height: number;
}

export interface Placement {
  left: number;
  top: number;
  /** Where the box went relative to its target; `centre` when there was no target. */
  side: 'below' | 'above' | 'centre';
}

export interface PlaceOptions {
  /** Space between the target and the box. */
  gap?: number;
  /** Space kept free at the viewport's edges. */
  margin?: number;
}

/**
 * Where to put a box of `size` next to `target` (a selection, a highlight) in a viewport of `view`:
 * below it, flipping above when there is no room below; where neither fits, on the roomier side,
 * kept on screen. Left-aligned with the target, shifted to stay inside the viewport. With no
 * target (a lesson about the whole page), centred near the top.
 */
export function placeNear(target: Box | null, size: Size, view: Size, { gap = 8, margin = 8 }: PlaceOptions = {}): Placement {
  const clamp = (value: number, min: number, max: number) => Math.max(min, Math.min(value, Math.max(min, max)));
  const maxLeft = view.width - size.width - margin;
  const maxTop = view.height - size.height - margin;
  if (!target) {
    return { left: clamp((view.width - size.width) / 2, margin, maxLeft), top: clamp(view.height * 0.12, margin, maxTop), side: 'centre' };
  }
  const left = clamp(target.left, margin, maxLeft);
  const bottom = target.top + target.height;
  const roomBelow = view.height - bottom - gap - margin;
  const roomAbove = target.top - gap - margin;
  const below = size.height <= roomBelow || (size.height > roomAbove && roomBelow >= roomAbove);
  const top = below ? bottom + gap : target.top - gap - size.height;
  return { left, top: clamp(top, margin, maxTop), side: below ? 'below' : 'above' };
}

/** The box of the document's selection, or null when nothing (or nothing visible) is selected. */
export function selectionBox(doc: Document): Box | null {
  const selection = doc.getSelection();
  if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return null;
  const r = selection.getRangeAt(0).getBoundingClientRect();
  if (r.width === 0 && r.height === 0) return null;
  return { left: r.left, top: r.top, width: r.width, height: r.height };
}
