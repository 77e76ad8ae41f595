import { render } from 'preact';
import themeCss from '@/components/theme.css?inline';
import cardCss from '@/components/card.css?inline';
import pageCss from '@/components/page.css?inline';
import { PageLayer, type PageLayerState } from '@/components/page/PageLayer';
import { createShadowHost } from '@/components/shadowHost';
import type { Lesson } from '@/lib/lesson';
import { sendMessage } from '@/lib/messaging';
import type { PageLayerApi } from '@/lib/page/layer-api';
import { errorText } from '@/lib/error-text';
import { t } from '@/lib/i18n';

/** Leave a highlight or the card for this long and the card hides. */
const HIDE_MS = 400;

/**
 * The in-page layer: the lesson card shown over a highlight, toasts, and the "not found" list,
 * in one shadow root created on first use.
 */
export function createPageLayer(doc: Document): PageLayerApi {
  let mount: HTMLElement | null = null;
  let host: HTMLElement | null = null;
  let state: PageLayerState = { peek: null, notFound: [], toast: null };
  let suggestions: string[] = [];
  let hideTimer: ReturnType<typeof setTimeout> | undefined;

  const hideSoon = () => {
    clearTimeout(hideTimer);
    if (state.peek?.pinned) return;
    hideTimer = setTimeout(() => update({ peek: null }), HIDE_MS);
  };

  const fail = (failed: (error: string) => string) => (e: unknown) => update({ toast: { message: failed(errorText(e)) } });

  function remove(lesson: Lesson) {
    sendMessage('deleteLessons', { ids: [lesson.id] }).then(
      () =>
        update({
          peek: null,
          toast: {
            message: t('peek.deleted'),
            undo: () => {
              update({ toast: null });
              sendMessage('restoreLessons', { ids: [lesson.id] }).catch(fail((error) => t('popup.undoFailed', { error })));
            },
          },
        }),
      fail((error) => t('peek.deleteFailed', { error })),
    );
  }

  function update(change: Partial<PageLayerState>) {
    state = { ...state, ...change };
    if (!mount) ({ host, mount } = createShadowHost(doc, themeCss + cardCss + pageCss));
    render(
      <PageLayer
        {...state}
        suggestions={suggestions}
        onSave={(lesson, patch) =>
          sendMessage('updateLesson', { id: lesson.id, patch }).then((l) => update({ peek: state.peek && { ...state.peek, lesson: l } }))
        }
        onDelete={remove}
        onOpen={(lesson) => void sendMessage('openLibrary', { lessonId: lesson.id }).catch(fail((error) => t('peek.openFailed', { error })))}
        onClosePeek={() => update({ peek: null })}
        onCloseToast={() => update({ toast: null })}
        onPeekHover={(inside) => (inside ? clearTimeout(hideTimer) : hideSoon())}
        onPin={() => state.peek && !state.peek.pinned && update({ peek: { ...state.peek, pinned: true } })}
      />,
      mount,
    );
  }

  return {
    peek(lesson, x, y, pinned) {
      clearTimeout(hideTimer);
      update({ peek: { lesson, x, y, pinned: pinned || (state.peek?.lesson.id === lesson.id && state.peek.pinned) } });
      sendMessage('suggestTags', { source: lesson.source })
        .then((s) => (suggestions = s))
        .catch(() => {});
    },
    leave: () => state.peek && hideSoon(),
    setNotFound: (notFound) => update({ notFound }),
    destroy() {
      clearTimeout(hideTimer);
      if (mount) render(null, mount);
      host?.remove();
    },
  };
}
