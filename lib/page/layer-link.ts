import type { Lesson } from '../lesson';
import { injectOnce } from './inject-once';
import type { PageLayerApi } from './layer-api';
import { needsAnchoring } from './lesson-loader';

export interface LayerLinkDeps {
  /** The layer the injected script left on the isolated world's global object, once it has run. */
  present: () => PageLayerApi | undefined;
  /** Asks the worker to inject the layer's script. */
  inject: () => Promise<unknown>;
  /** Watches the page's content, calling `changed` once it settles after a change; returns how to stop. */
  watchContent: (changed: () => void) => () => void;
}

/**
 * The content script's side of the page layer. A page gets the layer only once it has lessons to
 * anchor, and only from then is its content watched, for the layer to repaint: most pages never
 * have a lesson, and a watch on every change of a busy page (a Jira board, a news page's ads) costs
 * script time all the while it is open, for nothing.
 */
export function linkLayer({ present, inject, watchContent }: LayerLinkDeps) {
  const layer = injectOnce(present, inject);
  let stopWatching: (() => void) | null = null;
  return {
    /** The page's lessons, each time they are read: handed to the layer once it is loaded or needed. */
    show(workItem: string, lessons: Lesson[]): void {
      // Once loaded, the layer hears of every change, so that it unpaints what is gone. Without
      // it, the worker keeps the page's empty report itself when it answers (lib/service.ts).
      if (!layer.asked() && !needsAnchoring(lessons)) return;
      void layer().then(
        (l) => {
          stopWatching ??= watchContent(() => present()?.contentChanged());
          l.show(workItem, lessons);
        },
        () => {},
      );
    },
    /** Whether the layer is neither loaded nor on its way: the worker may bring it with the lessons. */
    missing: () => !layer.asked() && !present(),
    flash: (id: string) => present()?.flash(id) ?? false,
    stop(): void {
      stopWatching?.();
      stopWatching = null;
      present()?.destroy();
    },
  };
}
