/** Performance marks the library page sets, read by its benchmark (User Timing, no cost worth naming). */
export const FIRST_ROWS_MARK = 'lessonmark:library-first-rows';
export const ALL_LOADED_MARK = 'lessonmark:library-all-loaded';
