/** True only in the page-cost bench's build (LESSONMARK_BENCH=1, wxt.config.ts `define`). */
declare const __LESSONMARK_BENCH__: boolean;
