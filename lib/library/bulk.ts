import type { Lesson, LessonPatch, Visibility } from '../lesson';
import { normalizeTags } from '../lesson-basics';

export type BulkChange = (l: Lesson) => LessonPatch | null;

export const addTag =
  (tag: string): BulkChange =>
  (l) => (l.tags.includes(tag) ? null : { tags: normalizeTags([...l.tags, tag]) });

export const removeTag =
  (tag: string): BulkChange =>
  (l) => (l.tags.includes(tag) ? { tags: l.tags.filter((t) => t !== tag) } : null);

export const setVisibility =
  (visibility: Visibility): BulkChange =>
  (l) => (l.visibility === visibility ? null : { visibility });

/**
 * `updateLessons` patches for a change to many lessons: lessons the change leaves alone are left
 * out, and lessons whose patches are the same share one message (a visibility change is one).
 */
export function bulkPatches(lessons: readonly Lesson[], change: BulkChange): { ids: string[]; patch: LessonPatch }[] {
  const groups = new Map<string, { ids: string[]; patch: LessonPatch }>();
  for (const l of lessons) {
    const changed = change(l);
    if (!changed) continue;
    const patch = changed;
    const key = JSON.stringify(patch);
    const g = groups.get(key);
    if (g) g.ids.push(l.id);
    else groups.set(key, { ids: [l.id], patch });
  }
  return [...groups.values()];
}
