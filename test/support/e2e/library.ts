import type { Worker } from '@playwright/test';
import { LessonSchema, type Lesson, type LessonInput } from '../../../lib/lesson';
import { extensionId } from './fixtures';

export function libraryUrl(sw: Worker, query = ''): string {
  return `chrome-extension://${extensionId(sw)}/library.html${query ? `?${query}` : ''}`;
}

/** A valid lesson (checked against the schema, so a seed can never be junk the page tolerates by accident). */
export function lesson(over: Omit<Partial<LessonInput>, 'source'> & { id: string; source?: Partial<LessonInput['source']> }): Lesson {
  const { source, ...rest } = over;
  const url = source?.url ?? `https://example.com/${over.id.slice(-4)}`;
  return LessonSchema.parse({
    kind: 'experience',
    createdAt: new Date().toISOString(),
    updatedAt: over.createdAt ?? new Date().toISOString(),
    ...rest,
    source: { url, site: 'web', workItem: url, title: 'Example page', ...source },
  });
}

/** A UUID v7-shaped id whose tail is `n`, so tests can tell lessons apart at a glance. */
export function idFor(n: number): string {
  return `0190a000-0000-7000-8000-${String(n).padStart(12, '0')}`;
}

/** Monday of last week, 00:00 local time, shifted by `days` and `hours` (the look back opens on it when this week has no lessons). */
export function lastWeekAt(days: number, hours = 10): Date {
  const now = new Date();
  const sinceMonday = (now.getDay() + 6) % 7;
  return new Date(now.getFullYear(), now.getMonth(), now.getDate() - sinceMonday - 7 + days, hours);
}

export function localDay(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}
