import type { LessonRow } from './rows';

const WEEK_MS = 7 * 24 * 3600 * 1000;

/**
 * Ids of the lessons a weekly digest could mention: captured that week, questions, and lessons
 * with actions (done that week or still open), all existing by the week's end. A superset:
 * `weeklyDigest` decides; this only spares reading all 100,000 full lessons to ask it.
 */
export function digestScope(rows: readonly LessonRow[], weekStart: Date): string[] {
  const start = weekStart.getTime();
  // A week is 7 calendar days; a DST change makes it an hour shorter or longer, so allow for it.
  const end = start + WEEK_MS + 3600 * 1000;
  return rows
    .filter((r) => r.created < end && (r.created >= start || r.kind === 'question' || r.actionCount > 0))
    .map((r) => r.id);
}
