import { localDay, startOfWeek } from '../export/digest';
import type { LessonMeta } from './library-index';

const WEEK_MS = 7 * 24 * 3600 * 1000;

/**
 * Ids of the lessons a weekly digest could mention: captured that week, questions, and lessons
 * with actions (done that week or still open), all existing by the week's end. A superset:
 * `weeklyDigest` decides; this only spares reading all 100,000 full lessons to ask it.
 */
export function digestScope(lessons: Iterable<LessonMeta>, weekStart: Date): string[] {
  const start = weekStart.getTime();
  // A week is 7 calendar days; a DST change makes it an hour shorter or longer, so allow for it.
  const end = start + WEEK_MS + 3600 * 1000;
  const out: string[] = [];
  for (const r of lessons) if (r.created < end && (r.created >= start || r.kind === 'question' || r.actionCount > 0)) out.push(r.id);
  return out;
}

/**
 * The week the look back opens on (its Monday, YYYY-MM-DD): this week when lessons were captured
 * in it, else the most recent week that has any, so someone who just started sees their lessons,
 * not an empty last week. Lessons dated after this week (a wrong clock) are not a reason to jump.
 */
export function openingWeek(rows: Iterable<Pick<LessonMeta, 'created'>>, now = new Date()): string {
  const thisWeek = startOfWeek(now);
  const endOfThisWeek = new Date(thisWeek.getFullYear(), thisWeek.getMonth(), thisWeek.getDate() + 7).getTime();
  let newest = -Infinity;
  for (const r of rows) if (r.created < endOfThisWeek && r.created > newest) newest = r.created;
  return localDay(newest === -Infinity ? thisWeek : startOfWeek(new Date(newest)));
}
