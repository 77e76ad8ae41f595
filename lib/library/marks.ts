/** Performance marks the library page sets, read by its benchmark (User Timing, no cost worth naming). */
export const FIRST_ROWS_MARK = 'lessonmark:library-first-rows';
export const ALL_LOADED_MARK = 'lessonmark:library-all-loaded';
/** The library's index was stored (after it was built or changed), so the next open loads it in one read. */
export const INDEX_STORED_MARK = 'lessonmark:library-index-stored';
