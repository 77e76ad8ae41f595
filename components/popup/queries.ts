import type { LessonDb } from '@/lib/db';
import type { Lesson } from '@/lib/lesson';
import { hasDueAction } from '@/lib/actions';
import { isOpenQuestion } from '@/lib/questions';

/** Rows a popup list shows at most. */
export const LIST_LIMIT = 8;
/**
 * Recently updated lessons searched for due actions. Actions have no index, so the popup looks
 * at a bounded window instead of every lesson; an action is usually edited near its lesson's update.
 */
export const ACTION_SCAN = 1000;

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

/** Lessons with an open action due by `today` + the soon window, among the recently updated. */
export async function lessonsWithDueActions(db: LessonDb, today: string, scan = ACTION_SCAN): Promise<Lesson[]> {
  const recent = await db.lessons.orderBy('updatedAt').reverse().limit(scan).toArray();
  return recent.filter((l) => hasDueAction(l, today));
}
