import { createPainter } from '@/lib/highlight';
import type { Lesson } from '@/lib/lesson';
import { sendMessage, onMessage } from '@/lib/messaging';
import { createHighlighter } from '@/lib/page/highlighter';
import { parseTabMessage } from '@/lib/tab-messages';
import type { LayerGlobal, PageLayerApi } from '@/lib/page/layer-api';
import { watchContent, watchNavigation } from '@/lib/page/navigation';
import { identifyPage } from '@/lib/sites/identify';
import type { KnownHosts } from '@/lib/sites/types';
import { knownHosts, selectionButtonSetting } from '@/lib/platform/known-hosts';
import { watchPointer } from '@/lib/page/pointer';
import { selectionEndBox, watchSelection } from '@/lib/page/selection';
import { createAdder } from '@/components/selectionAdder';
import { readGist, type PageGist } from '@/lib/page/gist';
import { whenIdle } from '@/lib/page/idle';

/** On every page: find the lessons saved here, paint them, and keep them painted as the page changes. */
export default defineContentScript({
  matches: ['<all_urls>'],
  runAt: 'document_idle',
  // No page-visible postMessage announcing the script (WXT keeps it only for old listeners).
  noScriptStartedPostMessage: true,
  main(ctx) {
    const g = globalThis as LayerGlobal;
    let loading: Promise<PageLayerApi> | null = null;
    // The card and lists are a separate script, injected the first time a page needs them.
    const layer = () =>
      (loading ??= (g.lessonmarkLayer ? Promise.resolve() : sendMessage('loadPageLayer', {})).then(
        () => g.lessonmarkLayer!,
        (e) => {
          loading = null;
          throw e;
        },
      ));
    const withLayer = (use: (l: PageLayerApi) => void) => void layer().then(use, () => {});

    let shownNotFound = false;
    const showNotFound = (lessons: Lesson[]) => {
      if (lessons.length === 0 && !shownNotFound) return;
      shownNotFound = lessons.length > 0;
      withLayer((l) => l.setNotFound(lessons));
    };

    // Self-hosted Jira, Confluence and GitHub Enterprise hosts from the options page.
    let hosts: KnownHosts = {};
    const painter = createPainter(document);
    const highlighter = createHighlighter({
      doc: document,
      painter,
      workItemOf: (url, doc) => identifyPage(url, doc, { hosts }).workItem,
      load: (workItem) => sendMessage('lessonsForPage', { workItem }),
      onReport: (workItem, report) => {
        showNotFound(report.notFound);
        sendMessage('pageReport', {
          workItem,
          url: location.href,
          found: report.found.map((f) => f.lesson.id),
          notFound: report.notFound.map((l) => l.id),
        }).catch(() => {});
      },
    });

    const hostsRead = knownHosts()
      .catch(() => hosts)
      .then((known) => {
        hosts = known;
      });
    void hostsRead.then(() => highlighter.refresh());

    // The badge's read of the page: once per URL, when the page is idle, never a full Readability pass.
    let gist: { url: string; read: Promise<PageGist> } | null = null;
    const pageGist = () => {
      const url = location.href;
      if (gist?.url !== url) gist = { url, read: hostsRead.then(() => whenIdle(window, () => readGist(url, document, { hosts }))) };
      return gist.read;
    };
    const reportGist = () => void pageGist().then((page) => sendMessage('pageGist', page)).catch(() => {});
    reportGist();

    // The "Save as lesson" button: nothing is built or read until a selection settles.
    const adder = createAdder(document, () => void sendMessage('openCapture', {}).catch(() => {}));
    let adderOn: Promise<boolean> | null = null;
    const onSelection = async (range: Range | null) => {
      const box = range && (await (adderOn ??= selectionButtonSetting((on) => (adderOn = Promise.resolve(on)))))
        ? selectionEndBox(range)
        : null;
      if (box) adder.show(box);
      else adder.hide();
    };

    const stops = [
      watchSelection(document, (range) => void onSelection(range)),
      onMessage('lessonsChanged', ({ data }) => {
        parseTabMessage('lessonsChanged', data);
        void highlighter.refresh();
      }),
      onMessage('flashLesson', ({ data }) => {
        const { id } = parseTabMessage('flashLesson', data);
        const painted = highlighter.report.found.some((f) => f.lesson.id === id);
        if (painted) painter.flash(id);
        return painted;
      }),
      onMessage('readGist', () => pageGist()),
      watchNavigation(window, () => {
        void highlighter.refresh();
        reportGist();
      }),
      watchContent(document.documentElement, () => highlighter.contentChanged()),
      watchPointer(document, painter, {
        lessonById: highlighter.lessonById,
        onPeek: (lesson, x, y, pinned) => withLayer((l) => l.peek(lesson, x, y, pinned)),
        onLeave: () => g.lessonmarkLayer?.leave(),
      }),
    ];
    ctx.onInvalidated(() => {
      for (const stop of stops) stop();
      painter.clear();
      adder.destroy();
      g.lessonmarkLayer?.destroy();
    });
  },
});
