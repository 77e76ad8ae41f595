import type { PageLayerProps, PageLayerState } from '@/components/page/PageLayer';
import type { Lesson } from '@/lib/lesson';
import { sendMessage } from '@/lib/messaging';
import type { LayerGlobal, PageLayerApi } from '@/lib/page/layer-api';
import { injectOnce } from '@/lib/page/inject-once';
import { createPainter } from '@/lib/highlight';
import { createHighlighter } from '@/lib/page/highlighter';
import { tracedAnchoring } from '@/lib/page/bench-probe';
import { watchPointer } from '@/lib/page/pointer';
import { errorText } from '@/lib/error-text';
import { t } from '@/lib/i18n';

/** Leave a highlight or the card for this long and the card hides. */
const HIDE_MS = 400;

/**
 * The in-page layer, loaded only on a page with lessons to anchor: their highlights (anchored,
 * painted, repainted as the page changes), and the state of the lesson card shown over one, of
 * toasts and of the "not found" list, which page-card.js draws: injected the first time there is
 * something to draw, so that anchoring never waits for the UI's code to compile.
 */
export function createPageLayer(doc: Document): PageLayerApi {
  const g = globalThis as LayerGlobal;
  const pageCard = injectOnce(() => g.lessonmarkCard, () => sendMessage('loadPageCard', {}));
  let drawn = false;
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

  const props = (): PageLayerProps => ({
    ...state,
    suggestions,
    onSave: (lesson, patch) => sendMessage('updateLesson', { id: lesson.id, patch }).then((l) => update({ peek: state.peek && { ...state.peek, lesson: l } })),
    onDelete: remove,
    onOpen: (lesson) => void sendMessage('openLibrary', { lessonId: lesson.id }).catch(fail((error) => t('peek.openFailed', { error }))),
    onClosePeek: () => update({ peek: null }),
    onCloseToast: () => update({ toast: null }),
    onPeekHover: (inside) => (inside ? clearTimeout(hideTimer) : hideSoon()),
    onPin: () => state.peek && !state.peek.pinned && update({ peek: { ...state.peek, pinned: true } }),
  });

  function update(change: Partial<PageLayerState>) {
    state = { ...state, ...change };
    drawn = true;
    // Drawn with the state as it is once the card's script is there, however many changes came before.
    void pageCard().then((c) => drawn && c.render(props()), () => {});
  }

  function peek(lesson: Lesson, x: number, y: number, pinned: boolean) {
    clearTimeout(hideTimer);
    update({ peek: { lesson, x, y, pinned: pinned || (state.peek?.lesson.id === lesson.id && state.peek.pinned) } });
    sendMessage('suggestTags', { source: lesson.source })
      .then((s) => (suggestions = s))
      .catch(() => {});
  }

  // The list is drawn (and its shadow root made) only once something is missing.
  let shownNotFound = false;
  const showNotFound = (notFound: Lesson[]) => {
    if (notFound.length === 0 && !shownNotFound) return;
    shownNotFound = notFound.length > 0;
    update({ notFound });
  };

  // Chromium passes highlight styles down from the root; Firefox (153) does not (lib/highlight/styles.ts).
  const painter = createPainter(doc, { inherited: !import.meta.env.FIREFOX });
  const highlighter = createHighlighter({
    doc,
    painter,
    // Compiled out of every build but the page-cost bench's (wxt.config.ts).
    anchor: __LESSONMARK_BENCH__ ? tracedAnchoring() : undefined,
    onReport: (workItem, report) => {
      showNotFound(report.notFound);
      sendMessage('pageReport', {
        workItem,
        url: doc.location.href,
        found: report.found.map((f) => f.lesson.id),
        notFound: report.notFound.map((l) => l.id),
      }).catch(() => {});
    },
  });
  const stopPointer = watchPointer(doc, painter, {
    lessonById: highlighter.lessonById,
    onPeek: peek,
    onLeave: () => state.peek && hideSoon(),
  });

  return {
    show: highlighter.show,
    contentChanged: highlighter.contentChanged,
    flash(id) {
      const painted = highlighter.report.found.some((f) => f.lesson.id === id);
      if (painted) painter.flash(id);
      return painted;
    },
    destroy() {
      clearTimeout(hideTimer);
      stopPointer();
      painter.clear();
      drawn = false;
      g.lessonmarkCard?.destroy();
    },
  };
}
