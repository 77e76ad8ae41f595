import { useState } from 'preact/hooks';
import type { Lesson } from '@/lib/lesson';
import { redactAll } from '@/lib/redact/lesson';

/** Lessons shown at once before an export or a copy; the rest are handled by "Redact all" or go as they are. */
export const SHOWN = 20;

/**
 * Copies of the lessons an export or a copy is made from, as the person decides on each finding:
 * Redact and Keep change these copies only, never the lessons on this device. `flagged` are the
 * copies still holding something `findingsOf` shows, with their place among all.
 */
export function useDecidedCopies(lessons: Lesson[], findingsOf: (lesson: Lesson) => readonly unknown[]) {
  const [copies, setCopies] = useState<Lesson[]>(lessons);
  const flagged = copies.map((l, i) => [l, i] as const).filter(([l]) => findingsOf(l).length > 0);
  return {
    copies,
    flagged,
    update: (i: number, next: Lesson) => setCopies((all) => all.map((l, j) => (j === i ? next : l))),
    redactEverything: () => setCopies((all) => all.map((l) => redactAll(l))),
  };
}
