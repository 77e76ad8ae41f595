import type { LayerGlobal } from '@/lib/page/layer-api';
import { createPageLayer } from './layer';

/** Injected on demand by the background when a page first has lessons to anchor. */
export default defineUnlistedScript(() => {
  const g = globalThis as LayerGlobal;
  g.lessonmarkLayer ??= createPageLayer(document);
});
