import { createCaptureOpener } from '@/components/capture-opener';

/** Injected on demand by the background (menu or shortcut), so pages don't carry the card's weight. */
export default defineUnlistedScript(() => {
  const g = globalThis as { lessonmarkCapture?: () => Promise<void> };
  void (g.lessonmarkCapture ??= createCaptureOpener())();
});
