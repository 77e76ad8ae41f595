import type { LessonDb } from '@/lib/db/database';
import type { Lesson } from '@/lib/lesson';
import { DUE_SOON_DAYS, dueHorizon, hasDueAction } from '@/lib/actions';
import { isOpenQuestion } from '@/lib/questions';

/** Rows a popup list shows at most. */
export const LIST_LIMIT = 8;

// Ids are UUID v7, so reversing an index's primary-key order lists newest first.

export function openQuestionsOn(db: LessonDb, workItem: string, limit = LIST_LIMIT): Promise<Lesson[]> {
  return db.lessons.where('source.workItem').equals(workItem).reverse().filter(isOpenQuestion).limit(limit).toArray();
}

/**
 * Open questions elsewhere in the project (the ones on `exceptWorkItem` are listed apart). Walks
 * whichever index is narrower, questions or the project's lessons; counting an index range reads
 * no rows, so choosing costs little.
 */
export async function openQuestionsInProject(db: LessonDb, project: string, exceptWorkItem: string, limit = LIST_LIMIT): Promise<Lesson[]> {
  const questions = db.lessons.where('kind').equals('question');
  const inProject = db.lessons.where('source.project').equals(project);
  const [nQuestions, nInProject] = await Promise.all([questions.count(), inProject.count()]);
  const narrower = nQuestions <= nInProject ? questions : inProject;
  return narrower
    .reverse()
    .filter((l) => isOpenQuestion(l) && l.source.project === project && l.source.workItem !== exceptWorkItem)
    .limit(limit)
    .toArray();
}

export function recentLessons(db: LessonDb, limit = LIST_LIMIT): Promise<Lesson[]> {
  return db.lessons.orderBy('createdAt').reverse().filter((l) => !l.deletedAt).limit(limit).toArray();
}

/**
 * Lessons with an open action due by `today` + the soon window, however long ago they were saved:
 * the dueDates index (lib/db/due-index.ts) holds only open actions' dates of lessons not deleted, so
 * this reads just the lessons it lists. They are ordered by their earliest date in the window.
 */
export function lessonsWithDueActions(db: LessonDb, today: string, soonDays = DUE_SOON_DAYS): Promise<Lesson[]> {
  return db.transaction('r', db.dueDates, db.lessons, async () => {
    // Multi-entry: a lesson with several dates in the window is listed once per date.
    const ids = new Set(await db.dueDates.where('due').belowOrEqual(dueHorizon(today, soonDays)).primaryKeys());
    const lessons = await db.lessons.bulkGet([...ids]);
    // The index only narrows the search; hasDueAction stays the one definition of "due".
    return lessons.filter((l): l is Lesson => l !== undefined && hasDueAction(l, today, soonDays));
  });
}
