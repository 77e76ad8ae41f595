import type { Painter } from '../highlight';
import type { Lesson } from '../lesson';
import { UI_HOST } from '../anchoring/ui';

/** Hover this long over a highlight before its lesson shows. */
const HOVER_SHOW_MS = 350;

interface PointerHandlers {
  lessonById: (id: string) => Lesson | undefined;
  onPeek: (lesson: Lesson, x: number, y: number, pinned: boolean) => void;
  onLeave: () => void;
}

/**
 * Hovering a highlight (after a pause) or clicking it shows its lesson. Only real pointer input
 * counts: a page's script that dispatches clicks over highlights learns and opens nothing.
 */
export function watchPointer(doc: Document, painter: Painter, { lessonById, onPeek, onLeave }: PointerHandlers) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let over: string | null = null;

  const lessonAt = (x: number, y: number) => {
    for (const id of painter.lessonsAt(x, y)) {
      const lesson = lessonById(id);
      if (lesson) return lesson;
    }
    return undefined;
  };
  const onMove = (e: MouseEvent) => {
    if (!e.isTrusted) return;
    // Over our own card: it keeps itself open while hovered.
    if ((e.target as Element | null)?.closest?.(UI_HOST)) return;
    const lesson = lessonAt(e.clientX, e.clientY);
    if (lesson?.id === over) return;
    clearTimeout(timer);
    over = lesson?.id ?? null;
    if (lesson) timer = setTimeout(() => onPeek(lesson, e.clientX, e.clientY, false), HOVER_SHOW_MS);
    else onLeave();
  };
  const onClick = (e: MouseEvent) => {
    if (!e.isTrusted) return;
    if (doc.getSelection()?.toString()) return;
    const lesson = lessonAt(e.clientX, e.clientY);
    if (!lesson) return;
    clearTimeout(timer);
    onPeek(lesson, e.clientX, e.clientY, true);
  };
  doc.addEventListener('mousemove', onMove, { passive: true });
  doc.addEventListener('click', onClick);
  return () => {
    clearTimeout(timer);
    doc.removeEventListener('mousemove', onMove);
    doc.removeEventListener('click', onClick);
  };
}
