import { lessonTitle, type Action, type Lesson, type Pillar } from '../lesson';
import { KIND_HEADING, KIND_ORDER, byCreated } from './order';

export interface DigestSection {
  kind: Pillar;
  heading: string;
  lessons: Lesson[];
}

export interface DigestAction {
  action: Action;
  lessonId: string;
  lessonTitle: string;
  url: string;
  /** Still open and its due day is before today. */
  overdue: boolean;
}

export interface WeeklyDigest {
  /** Monday 00:00 local time, as an instant. */
  start: string;
  /** The next Monday 00:00 local time (exclusive). */
  end: string;
  /** Local calendar days of the Monday and the Sunday, YYYY-MM-DD. */
  firstDay: string;
  lastDay: string;
  /** Lessons captured that week, by pillar, mistakes first; empty pillars left out. */
  sections: DigestSection[];
  lessonCount: number;
  /** Questions asked by the end of the week and still unanswered, oldest first. */
  openQuestions: Lesson[];
  /** Actions ticked off during the week. */
  actionsDone: DigestAction[];
  /** Actions not done yet, soonest due first. */
  actionsOpen: DigestAction[];
}

export interface DigestOptions {
  /** The clock, for "last week" and "overdue". */
  now?: Date;
}

/** A calendar day in local time. */
export function localDay(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** Monday 00:00 local time of the week holding `d`. Built from calendar fields so DST weeks work. */
export function startOfWeek(d: Date): Date {
  const sinceMonday = (d.getDay() + 6) % 7;
  return new Date(d.getFullYear(), d.getMonth(), d.getDate() - sinceMonday);
}

const addDays = (d: Date, n: number) => new Date(d.getFullYear(), d.getMonth(), d.getDate() + n);

function byDue(a: DigestAction, b: DigestAction): number {
  const da = a.action.due ?? '9999-99-99';
  const db = b.action.due ?? '9999-99-99';
  return da.localeCompare(db) || a.lessonTitle.localeCompare(b.lessonTitle);
}

/**
 * The meeting opener, "What's something we learned last week?": the week holding `weekStart`
 * (by default last week, Monday to Sunday in local time).
 */
export function weeklyDigest(lessons: readonly Lesson[], weekStart?: Date, opts: DigestOptions = {}): WeeklyDigest {
  const now = opts.now ?? new Date();
  const start = startOfWeek(weekStart ?? addDays(startOfWeek(now), -7));
  const end = addDays(start, 7);
  const inWeek = (iso: string | undefined) => {
    if (!iso) return false;
    const t = Date.parse(iso);
    return t >= start.getTime() && t < end.getTime();
  };
  const existedBy = (l: Lesson) => Date.parse(l.createdAt) < end.getTime();
  const live = lessons.filter((l) => !l.deletedAt).sort(byCreated);
  const learned = live.filter((l) => l.kind !== 'question' && inWeek(l.createdAt));

  const sections: DigestSection[] = [];
  for (const kind of KIND_ORDER) {
    if (kind === 'question') continue;
    const of = learned.filter((l) => l.kind === kind);
    if (of.length) sections.push({ kind, heading: KIND_HEADING[kind], lessons: of });
  }

  const today = localDay(now);
  const actionsDone: DigestAction[] = [];
  const actionsOpen: DigestAction[] = [];
  for (const l of live) {
    for (const action of l.actions) {
      const item = {
        action,
        lessonId: l.id,
        lessonTitle: lessonTitle(l),
        url: l.source.url,
        overdue: !action.done && !!action.due && action.due < today,
      };
      if (action.done && inWeek(action.doneAt)) actionsDone.push(item);
      else if (!action.done && existedBy(l)) actionsOpen.push(item);
    }
  }

  return {
    start: start.toISOString(),
    end: end.toISOString(),
    firstDay: localDay(start),
    lastDay: localDay(addDays(start, 6)),
    sections,
    lessonCount: learned.length,
    openQuestions: live.filter((l) => l.kind === 'question' && existedBy(l)),
    actionsDone: actionsDone.sort((a, b) => (a.action.doneAt ?? '').localeCompare(b.action.doneAt ?? '')),
    actionsOpen: actionsOpen.sort(byDue),
  };
}

/** Ids of the lessons whose words the look back shows: its lessons, open questions and actions' lessons. */
export function digestLessonIds(d: WeeklyDigest): Set<string> {
  return new Set([...d.sections.flatMap((s) => s.lessons.map((l) => l.id)), ...d.openQuestions.map((q) => q.id), ...[...d.actionsDone, ...d.actionsOpen].map((a) => a.lessonId)]);
}
