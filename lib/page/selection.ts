import { UI_HOST } from '../anchoring/ui';
import type { Box } from './place';

/** Inside a text box or an editable region, where a selection is someone's typing, not a quote. */
export function isEditable(node: Node | null): boolean {
  const el = node && (node.nodeType === 1 ? (node as Element) : node.parentElement);
  if (!el) return false;
  if (el.closest('input, textarea, select')) return true;
  const editable = el.closest('[contenteditable]');
  return !!editable && editable.getAttribute('contenteditable') !== 'false';
}

/**
 * The selection a person could save as a lesson, or null: some text, outside editable fields
 * and outside Lessonmark's own UI. Reads no layout.
 */
export function selectionToSave(doc: Document): Range | null {
  const selection = doc.getSelection();
  if (!selection || selection.isCollapsed || selection.rangeCount === 0) return null;
  const active = doc.activeElement;
  if (active && (active.localName === UI_HOST || isEditable(active) || (active as HTMLElement).isContentEditable)) return null;
  const range = selection.getRangeAt(0);
  if (isEditable(range.startContainer) || isEditable(range.endContainer)) return null;
  const ancestor = range.commonAncestorContainer;
  const el = ancestor.nodeType === 1 ? (ancestor as Element) : ancestor.parentElement;
  if (el?.closest(UI_HOST)) return null;
  if (!selection.toString().trim()) return null;
  return range;
}

/** Where the selection ends on screen (its last line), where the pointer usually is. */
export function selectionEndBox(range: Range): Box | null {
  const rects = [...range.getClientRects()].filter((r) => r.width > 0 && r.height > 0);
  const r = rects[rects.length - 1] ?? range.getBoundingClientRect();
  if (r.width === 0 && r.height === 0) return null;
  return { left: r.right - 8, top: r.top, width: 8, height: r.height };
}

export function overlaps(a: Box, b: Box): boolean {
  return a.left < b.left + b.width && b.left < a.left + a.width && a.top < b.top + b.height && b.top < a.top + a.height;
}

/**
 * Calls `onSettled` with the saveable selection once the person has finished selecting: after
 * the mouse button is up and no selection change came for `quietMs`. Until then each event only
 * resets a timer: no layout is read while someone drags or types.
 */
export function watchSelection(doc: Document, onSettled: (range: Range | null) => void, quietMs = 200): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let pressed = false;
  const settle = () => {
    clearTimeout(timer);
    if (!pressed) timer = setTimeout(() => onSettled(selectionToSave(doc)), quietMs);
  };
  const down = (e: MouseEvent) => {
    if (e.isTrusted && e.button === 0) pressed = true;
  };
  const up = (e: MouseEvent) => {
    if (!e.isTrusted) return;
    pressed = false;
    settle();
  };
  doc.addEventListener('selectionchange', settle);
  doc.addEventListener('mousedown', down, { capture: true, passive: true });
  doc.addEventListener('mouseup', up, { capture: true, passive: true });
  return () => {
    clearTimeout(timer);
    doc.removeEventListener('selectionchange', settle);
    doc.removeEventListener('mousedown', down, { capture: true });
    doc.removeEventListener('mouseup', up, { capture: true });
  };
}
