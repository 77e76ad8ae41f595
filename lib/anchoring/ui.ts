/**
 * How Lessonmark's own elements are marked in a page, so that anchoring leaves them out of the
 * page's text. The one exception is the highlight fallback's `<mark>`: it wraps the page's own
 * text, which must stay part of the text or a painted lesson could no longer be found.
 */
export const UI_ATTR = 'data-lessonmark-ui';
/** Custom element that hosts Lessonmark's in-page UI (its shadow root holds the UI). */
export const UI_HOST = 'lessonmark-ui';
/** `data-lessonmark-ui` value of the highlight fallback's wrapping `<mark>` elements. */
export const UI_MARK = 'mark';
