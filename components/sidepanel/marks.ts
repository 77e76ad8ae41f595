/** User-timing mark of the first section (or empty state) drawn for a page: the bench reads it. */
export const FIRST_SECTION_MARK = 'lessonmark:sidepanel-first-section';
/** User-timing mark of every section drawn from the full index, the first time. */
export const COMPLETE_MARK = 'lessonmark:sidepanel-complete';
