import type { Kind } from '../lesson';
import { adoptStyles, FLASH_NAME, highlightName, type HighlightStyling } from './styles';
import { FLASH_MS, hit, scrollToRange, type PaintItem, type Painter } from './types';

/** The parts of the CSS Custom Highlight API used here, which TypeScript's DOM types lag behind. */
interface HighlightApi {
  registry: HighlightRegistry & {
    highlightsFromPoint?: (x: number, y: number) => Array<{ highlight?: Highlight; ranges?: AbstractRange[] } | Highlight>;
  };
  Highlight: typeof Highlight;
}

export function highlightApi(doc: Document): HighlightApi | null {
  const win = doc.defaultView as (Window & typeof globalThis) | null;
  const registry = win?.CSS?.highlights;
  if (!registry || typeof win.Highlight !== 'function') return null;
  return { registry, Highlight: win.Highlight };
}

/**
 * Paints with the CSS Custom Highlight API: one Highlight per pillar, styled by an adopted
 * stylesheet. The page's DOM is never touched, so a re-rendering framework cannot break it.
 */
export function createCssPainter(doc: Document, api: HighlightApi, styling: HighlightStyling = {}): Painter {
  const { registry } = api;
  let items: readonly PaintItem[] = [];
  const idOf = new Map<AbstractRange, string>();
  const names = new Set<string>();
  let unadopt: (() => void) | null = null;
  let flashTimer: ReturnType<typeof setTimeout> | undefined;

  const removeAll = (): void => {
    for (const name of names) registry.delete(name);
    names.clear();
    idOf.clear();
  };

  return {
    paint(next) {
      removeAll();
      items = [...next];
      unadopt ??= adoptStyles(doc, styling);
      const byKind = new Map<Kind, Range[]>();
      for (const item of items) {
        idOf.set(item.range, item.id);
        const list = byKind.get(item.kind) ?? [];
        list.push(item.range);
        byKind.set(item.kind, list);
      }
      for (const [kind, ranges] of byKind) {
        const name = highlightName(kind);
        registry.set(name, new api.Highlight(...ranges));
        names.add(name);
      }
    },

    clear() {
      removeAll();
      registry.delete(FLASH_NAME);
      clearTimeout(flashTimer);
      items = [];
      unadopt?.();
      unadopt = null;
    },

    lessonsAt(x, y) {
      if (registry.highlightsFromPoint) {
        const ids: string[] = [];
        for (const res of registry.highlightsFromPoint(x, y)) {
          // Newer engines answer {highlight, ranges}; the first drafts answered bare Highlights.
          const ranges = 'ranges' in res && res.ranges ? res.ranges : [...((res as Highlight).keys?.() ?? [])];
          for (const r of ranges) {
            const id = idOf.get(r);
            if (id && !ids.includes(id) && ('ranges' in res || hit((r as Range).getClientRects(), x, y))) ids.push(id);
          }
        }
        return ids;
      }
      return items.filter((i) => hit(i.range.getClientRects(), x, y)).map((i) => i.id);
    },

    flash(id) {
      const ranges = items.filter((i) => i.id === id).map((i) => i.range);
      if (ranges.length === 0) return;
      const h = new api.Highlight(...ranges);
      h.priority = 1;
      registry.set(FLASH_NAME, h);
      scrollToRange(ranges[0]);
      clearTimeout(flashTimer);
      flashTimer = setTimeout(() => registry.delete(FLASH_NAME), FLASH_MS);
    },
  };
}
