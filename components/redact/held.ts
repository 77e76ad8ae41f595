import type { Lesson } from '@/lib/lesson';
import { t } from '@/lib/i18n';
import { blockingFindings } from '@/lib/redact/lesson';

const held = (lessons: readonly Lesson[]) => lessons.filter((l) => l.visibility === 'team' && blockingFindings(l).length > 0).length;

/** Added to "N lessons now shared with the team" when some of them wait because of a secret. */
export function heldBack(lessons: readonly Lesson[]): string {
  const n = held(lessons);
  if (!n) return '';
  return t('held.back', n);
}

/** Added to "Lesson saved." for a team lesson that waits because of a secret. */
export function heldNote(lesson: Lesson): string {
  return held([lesson]) ? ` ${t('held.note')}` : '';
}
