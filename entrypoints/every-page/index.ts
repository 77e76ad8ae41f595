import { sendMessage, onMessage } from '@/lib/messaging';
import { createLessonLoader } from '@/lib/page/lesson-loader';
import { parseTabMessage } from '@/lib/tab-messages';
import type { LayerGlobal } from '@/lib/page/layer-api';
import { linkLayer } from '@/lib/page/layer-link';
import { watchContent, watchNavigation } from '@/lib/page/navigation';
import { identifyPage } from '@/lib/sites/identify';
import { selectionButtonSetting } from '@/lib/platform/known-hosts';
import { selectionEndBox, watchSelection } from '@/lib/page/selection';
import { createAdder } from '@/components/selectionAdder';
import { readGist, type PageGist } from '@/lib/page/gist';
import { whenIdle } from '@/lib/page/idle';
import { createLifetime } from '@/lib/page/lifetime';

/**
 * On every page: find which lessons are saved here, offer "Save as lesson", read the badge's gist.
 * Only a page with lessons loads the page layer, which anchors and paints them and keeps them painted.
 *
 * An unlisted script that wxt.config.ts lists as the manifest's content script, run at
 * document_idle on every URL, rather than a WXT content script: WXT's wrapper dispatches an event
 * on the page's document at each start, which tells any page that Lessonmark is installed
 * (lib/page/lifetime.ts).
 */
export default defineUnlistedScript({
  main() {
    const g = globalThis as LayerGlobal;
    const life = createLifetime(() => browser.runtime?.id != null);

    const lessonsHere = createLessonLoader({
      doc: document,
      identify: (url, doc, hosts) => identifyPage(url, doc, { hosts }),
      load: (workItem) => sendMessage('lessonsForPage', { workItem, withLayer: layer.missing() }),
      onLessons: (workItem, lessons) => layer.show(workItem, lessons),
    });

    // Anchoring and painting are a separate script, injected when a page has lessons.
    const layer = linkLayer({
      present: () => g.lessonmarkLayer,
      inject: () => sendMessage('loadPageLayer', {}),
      watchContent: (changed) =>
        watchContent(
          document.documentElement,
          life.guard(() => {
            if (lessonsHere.sameWorkItem()) changed();
          }),
        ),
    });

    // The first answer brings the added hosts that are this page's (lib/page/lesson-loader.ts).
    const firstAnswer = lessonsHere.refresh().catch(() => {});

    // The badge's read of the page: once per URL, when the page is idle, never a full Readability pass.
    let gist: { url: string; read: Promise<PageGist> } | null = null;
    const pageGist = () => {
      const url = location.href;
      if (gist?.url !== url)
        gist = { url, read: firstAnswer.then(() => whenIdle(window, () => readGist(url, document, lessonsHere.identityAt(url)))) };
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
      watchSelection(
        document,
        life.guard((range: Range | null) => void onSelection(range)),
      ),
      onMessage('lessonsChanged', ({ data }) => {
        parseTabMessage('lessonsChanged', data);
        void lessonsHere.refresh();
      }),
      onMessage('flashLesson', ({ data }) => {
        const { id } = parseTabMessage('flashLesson', data);
        return layer.flash(id);
      }),
      onMessage('readGist', () => pageGist()),
      watchNavigation(
        window,
        life.guard(() => {
          void lessonsHere.refresh();
          reportGist();
        }),
      ),
    ];
    life.add(() => {
      layer.stop();
      delete g.lessonmarkLayer;
    });
    life.add(() => adder.destroy());
    for (const stop of stops) life.add(stop);
  },
});
