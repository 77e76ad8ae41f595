/** The User Timing mark the worker sets with each full badge count, read by its benchmark (no cost worth naming). */
export const FULL_BADGE_MARK = 'lessonmark:badge-full';
