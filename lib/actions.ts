import { lessonTitle, type Action, type Lesson, type LessonPatch } from './lesson';
import { KIND_LABEL } from './pillars';
import { t } from './i18n';

/** Actions due within this many days (after today) count as "due soon". */
export const DUE_SOON_DAYS = 3;

export type DueStatus = 'overdue' | 'today' | 'soon' | 'later' | 'undated' | 'done';

/** The calendar day of a moment in the person's own time zone, as YYYY-MM-DD (how `due` is stored). */
export function localDay(at: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`;
}

/** Whole days from `today` to `day` (negative when `day` is past); both YYYY-MM-DD. */
export function daysBetween(today: string, day: string): number {
  // Counted in UTC so a daylight-saving change never makes a day 23 or 25 hours long.
  return Math.round((Date.parse(`${day}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
}

export function dueStatus(action: Pick<Action, 'due' | 'done'>, today: string, soonDays = DUE_SOON_DAYS): DueStatus {
  if (action.done) return 'done';
  if (!action.due) return 'undated';
  const days = daysBetween(today, action.due);
  if (days < 0) return 'overdue';
  if (days === 0) return 'today';
  return days <= soonDays ? 'soon' : 'later';
}

/** How the popup says when an action is due. */
export function dueLabel(due: string, today: string): string {
  const days = daysBetween(today, due);
  if (days < -1) return t('actions.overdue', -days);
  if (days === -1) return t('actions.dueYesterday');
  if (days === 0) return t('actions.dueToday');
  if (days === 1) return t('actions.dueTomorrow');
  return t('actions.dueIn', days);
}

export interface DueAction {
  lesson: Lesson;
  action: Action;
  status: 'overdue' | 'today' | 'soon';
}

/** Open actions that are overdue, due today or due soon, most urgent first; deleted lessons are skipped. */
export function dueActions(lessons: readonly Lesson[], today: string, soonDays = DUE_SOON_DAYS): DueAction[] {
  const out: DueAction[] = [];
  for (const lesson of lessons) {
    if (lesson.deletedAt) continue;
    for (const action of lesson.actions) {
      const status = dueStatus(action, today, soonDays);
      if (status === 'overdue' || status === 'today' || status === 'soon') out.push({ lesson, action, status });
    }
  }
  return out.sort((a, b) => a.action.due!.localeCompare(b.action.due!) || a.lesson.createdAt.localeCompare(b.lesson.createdAt));
}

/** The last day `hasDueAction` counts: `today` + `soonDays`, as YYYY-MM-DD (the popup's index bound). */
export function dueHorizon(today: string, soonDays = DUE_SOON_DAYS): string {
  return new Date(Date.parse(`${today}T00:00:00Z`) + soonDays * 86_400_000).toISOString().slice(0, 10);
}

/** True when a lesson has an open action due within `soonDays` (or overdue). */
export function hasDueAction(lesson: Pick<Lesson, 'actions' | 'deletedAt'>, today: string, soonDays = DUE_SOON_DAYS): boolean {
  return !lesson.deletedAt && lesson.actions.some((a) => ['overdue', 'today', 'soon'].includes(dueStatus(a, today, soonDays)));
}

/** The actions of a form worth saving: text trimmed, empty rows and empty owner or due dropped. */
export function cleanActions(actions: readonly Action[]): Action[] {
  return actions
    .filter((a) => a.text.trim())
    .map(({ owner, due, doneAt, ...a }) => ({
      ...a,
      text: a.text.trim(),
      ...(owner?.trim() ? { owner: owner.trim() } : {}),
      ...(due ? { due } : {}),
      ...(a.done && doneAt ? { doneAt } : {}),
    }));
}

/** The lesson's actions with one ticked off: the `actions` of an `updateLesson` patch. */
export function completeAction(actions: readonly Action[], id: string, at: Date): Action[] {
  return actions.map((a) => (a.id === id ? { ...a, done: true, doneAt: at.toISOString() } : a));
}

/** The `updateLesson` patch that ticks one of a lesson's actions off. */
export function completeActionPatch(lesson: Lesson, id: string, at: Date): LessonPatch {
  return { actions: completeAction(lesson.actions, id, at) };
}

/** The patch that undoes `completeActionPatch`. */
export function reopenActionPatch(lesson: Lesson, id: string): LessonPatch {
  return { actions: reopenAction(lesson.actions, id) };
}

/** Undoes `completeAction`. */
export function reopenAction(actions: readonly Action[], id: string): Action[] {
  return actions.map((a) => {
    if (a.id !== id) return a;
    const { doneAt: _doneAt, ...rest } = a;
    return { ...rest, done: false };
  });
}

export interface IssueText {
  title: string;
  body: string;
}

/**
 * An action as a ready-to-paste issue. The body is plain Markdown, which GitHub renders and
 * Jira's editor converts on paste.
 */
export function issueText(lesson: Lesson, action: Action): IssueText {
  const quote = lesson.quote.trim();
  const body = [
    t('actions.issueFrom', { title: lessonTitle(lesson), kind: KIND_LABEL[lesson.kind] }),
    quote ? quote.split('\n').map((line) => `> ${line}`.trimEnd()).join('\n') : '',
    lesson.note.trim(),
    t('actions.issueSource', {
      source: lesson.source.title ? `[${lesson.source.title.replace(/[[\]]/g, '\\$&')}](${lesson.source.url})` : lesson.source.url,
    }),
    [
      t('actions.issueOwner', { owner: action.owner?.trim() || t('actions.unassigned') }),
      t('actions.issueDue', { due: action.due ?? t('actions.noDate') }),
    ].join('\n'),
  ].filter(Boolean);
  return { title: action.text.trim(), body: body.join('\n\n') };
}

/** The issue as one text: title line, blank line, body. */
export function issueClipboardText(lesson: Lesson, action: Action): string {
  const { title, body } = issueText(lesson, action);
  return `${title}\n\n${body}\n`;
}
