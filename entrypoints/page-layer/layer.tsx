import { render } from 'preact';
import themeCss from '@/components/theme.css?inline';
import cardCss from '@/components/card.css?inline';
import pageCss from '@/components/page.css?inline';
import { PageLayer, type PageLayerState } from '@/components/page/PageLayer';
import { createShadowHost } from '@/components/shadowHost';
import type { Painter } from '@/lib/highlight';
import type { Lesson } from '@/lib/lesson';
import { sendMessage } from '@/lib/messaging';

/** Hover this long over a highlight before its lesson shows; leave the card this long before it hides. */
const HOVER_SHOW_MS = 350;
const HOVER_HIDE_MS = 400;

/**
 * The in-page layer: the lesson card shown over a highlight, toasts, and the "not found" list.
 * Its shadow host is created on first use, so pages without lessons gain no element at all.
 */
export function createPageLayer(doc: Document, painter: Painter) {
  let mount: HTMLElement | null = null;
  let host: HTMLElement | null = null;
  let state: PageLayerState = { peek: null, notFound: [], toast: null };
  let suggestions: string[] = [];
  let showTimer: ReturnType<typeof setTimeout> | undefined;
  let hideTimer: ReturnType<typeof setTimeout> | undefined;

  const layer = {
    lessonById: (_id: string): Lesson | undefined => undefined,
    setNotFound(notFound: Lesson[]) {
      if (notFound.length === 0 && state.notFound.length === 0) return;
      update({ notFound });
    },
    listen() {
      const onMove = (e: MouseEvent) => {
        const lesson = lessonAt(e.clientX, e.clientY);
        clearTimeout(showTimer);
        if (lesson) {
          clearTimeout(hideTimer);
          if (state.peek?.lesson.id !== lesson.id) showTimer = setTimeout(() => peek(lesson, e), HOVER_SHOW_MS);
        } else if (state.peek) {
          scheduleHide();
        }
      };
      const onClick = (e: MouseEvent) => {
        if (doc.getSelection()?.toString()) return;
        const lesson = lessonAt(e.clientX, e.clientY);
        if (lesson) peek(lesson, e);
      };
      doc.addEventListener('mousemove', onMove, { passive: true });
      doc.addEventListener('click', onClick);
      return () => {
        doc.removeEventListener('mousemove', onMove);
        doc.removeEventListener('click', onClick);
      };
    },
    destroy() {
      if (mount) render(null, mount);
      host?.remove();
    },
  };

  function lessonAt(x: number, y: number): Lesson | undefined {
    for (const id of painter.lessonsAt(x, y)) {
      const lesson = layer.lessonById(id);
      if (lesson) return lesson;
    }
    return undefined;
  }

  function peek(lesson: Lesson, at: MouseEvent) {
    update({ peek: { lesson, x: at.clientX, y: at.clientY } });
    sendMessage('suggestTags', { source: lesson.source })
      .then((s) => (suggestions = s))
      .catch(() => {});
  }

  function scheduleHide() {
    clearTimeout(hideTimer);
    hideTimer = setTimeout(() => update({ peek: null }), HOVER_HIDE_MS);
  }

  function remove(lesson: Lesson) {
    sendMessage('deleteLessons', { ids: [lesson.id] }).then(
      () =>
        update({
          peek: null,
          toast: {
            message: 'Lesson deleted.',
            undo: () => {
              update({ toast: null });
              void sendMessage('restoreLessons', { ids: [lesson.id] });
            },
          },
        }),
      (e) => update({ toast: { message: `Could not delete: ${e instanceof Error ? e.message : e}` } }),
    );
  }

  function update(change: Partial<PageLayerState>) {
    state = { ...state, ...change };
    if (!mount) ({ host, mount } = createShadowHost(doc, themeCss + cardCss + pageCss));
    render(
      <PageLayer
        {...state}
        suggestions={suggestions}
        onSave={(lesson, patch) => sendMessage('updateLesson', { id: lesson.id, patch }).then((l) => update({ peek: state.peek && { ...state.peek, lesson: l } }))}
        onDelete={remove}
        onOpen={(lesson) => void sendMessage('openLibrary', { lessonId: lesson.id })}
        onClosePeek={() => update({ peek: null })}
        onCloseToast={() => update({ toast: null })}
        onPeekHover={(inside) => (inside ? clearTimeout(hideTimer) : scheduleHide())}
      />,
      mount,
    );
  }

  return layer;
}
