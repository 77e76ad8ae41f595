import type { LayerGlobal } from '@/lib/page/layer-api';
import { createPageCard } from './card';

/** Injected on demand by the background when the page layer first draws something. */
export default defineUnlistedScript(() => {
  const g = globalThis as LayerGlobal;
  g.lessonmarkCard ??= createPageCard(document);
});
