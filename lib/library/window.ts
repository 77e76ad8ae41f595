/** The slice of a fixed-row-height list that is drawn: only rows in (or near) the viewport. */
export interface WindowSlice {
  /** First row drawn. */
  start: number;
  /** One past the last row drawn. */
  end: number;
  /** Offset of the first drawn row from the top of the list, in pixels. */
  top: number;
  /** Height of the whole list, so the scroll bar is true to its length. */
  height: number;
}

export function windowSlice(scrollTop: number, viewport: number, rowHeight: number, count: number, overscan = 5): WindowSlice {
  const height = count * rowHeight;
  const clampedTop = Math.max(0, Math.min(scrollTop, Math.max(0, height - viewport)));
  const first = Math.floor(clampedTop / rowHeight);
  const visible = Math.ceil(viewport / rowHeight) + 1;
  const start = Math.max(0, first - overscan);
  const end = Math.min(count, first + visible + overscan);
  return { start, end, top: start * rowHeight, height };
}

/** The scroll position that brings row `index` fully into view, moving as little as possible. */
export function scrollToShow(index: number, scrollTop: number, viewport: number, rowHeight: number): number {
  const rowTop = index * rowHeight;
  const rowBottom = rowTop + rowHeight;
  if (rowTop < scrollTop) return rowTop;
  if (rowBottom > scrollTop + viewport) return Math.max(0, rowBottom - viewport);
  return scrollTop;
}

/** Rows one Page Up/Down moves: a viewport less one row, so the person keeps their place. */
export function pageRows(viewport: number, rowHeight: number): number {
  return Math.max(1, Math.floor(viewport / rowHeight) - 1);
}

/** The active row after a key: clamped to the list; -1 stays -1 only for an empty list. */
export function moveActive(active: number, delta: number, count: number): number {
  if (count === 0) return -1;
  if (active < 0) return delta < 0 ? count - 1 : 0;
  return Math.max(0, Math.min(count - 1, active + delta));
}
