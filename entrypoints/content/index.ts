import { createPainter } from '@/lib/highlight';
import { sendMessage, onMessage } from '@/lib/messaging';
import { createHighlighter } from '@/lib/page/highlighter';
import { watchContent, watchNavigation } from '@/lib/page/navigation';
import { identifyPage } from '@/lib/sites/identify';
import { createPageLayer } from './layer';

/** On every page: find the lessons saved here, paint them, and keep them painted as the page changes. */
export default defineContentScript({
  matches: ['<all_urls>'],
  runAt: 'document_idle',
  main(ctx) {
    const painter = createPainter(document);
    const layer = createPageLayer(document, painter);
    const highlighter = createHighlighter({
      doc: document,
      painter,
      workItemOf: (url, doc) => identifyPage(url, doc).workItem,
      load: (workItem) => sendMessage('lessonsForPage', { workItem }),
      onReport: (workItem, report) => {
        layer.setNotFound(report.notFound);
        sendMessage('pageReport', {
          workItem,
          found: report.found.map((f) => f.lesson.id),
          notFound: report.notFound.map((l) => l.id),
        }).catch(() => {});
      },
    });
    layer.lessonById = highlighter.lessonById;

    void highlighter.refresh();
    const stops = [
      onMessage('lessonsChanged', () => void highlighter.refresh()),
      watchNavigation(window, () => void highlighter.refresh()),
      watchContent(document.documentElement, () => highlighter.contentChanged()),
      layer.listen(),
    ];
    ctx.onInvalidated(() => {
      for (const stop of stops) stop();
      painter.clear();
      layer.destroy();
    });
  },
});
