import type { Lesson } from '@/lib/lesson';
import { blockingFindings } from '@/lib/redact/lesson';

const held = (lessons: readonly Lesson[]) => lessons.filter((l) => l.visibility === 'team' && blockingFindings(l).length > 0).length;

/** Added to "N lessons now shared with the team" when some of them wait because of a secret. */
export function heldBack(lessons: readonly Lesson[]): string {
  const n = held(lessons);
  if (!n) return '';
  return `; ${n} of them ${n === 1 ? 'holds a secret and waits' : 'hold secrets and wait'} on this device until you open ${n === 1 ? 'it' : 'them'} to redact or keep ${n === 1 ? 'it' : 'them'}`;
}

/** Added to "Lesson saved." for a team lesson that waits because of a secret. */
export function heldNote(lesson: Lesson): string {
  return held([lesson]) ? ' It holds a secret, so it stays on this device until you redact or keep it.' : '';
}
