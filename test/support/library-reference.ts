// The library's search as it is today, the reference the compact index (lib/library/library-index.ts)
// must answer exactly like.
export { LessonIndex } from '../../lib/library/search';
