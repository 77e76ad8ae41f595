/** User Timing marks the worker sets as it counts a page for the badge, read by its benchmark (no cost worth naming). */
/** The tab's page has been read. */
export const PAGE_READ_MARK = 'lessonmark:badge-page-read';
/** The related index is ready (loaded, or built). */
export const INDEX_READY_MARK = 'lessonmark:badge-index-ready';
/** A full badge count has been set. */
export const FULL_BADGE_MARK = 'lessonmark:badge-full';
/** Blocks of text postings read from the stored related index (detail: rows and bytes). */
export const POSTINGS_READ_MARK = 'lessonmark:related-postings-read';
