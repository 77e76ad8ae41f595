import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDb, type LessonDb } from '@/lib/db';
import { uuidv7 } from '@/lib/id';
import { LessonSchema, type Lesson } from '@/lib/lesson';
import { lessonsWithDueActions, openQuestionsInProject, openQuestionsOn, recentLessons } from './queries';

let db: LessonDb;
let clock = Date.parse('2026-03-01T00:00:00Z');
beforeEach(() => {
  db = openDb(`popup-queries-${Math.random()}`);
});
afterEach(async () => {
  await db.delete();
});

function lesson(extra: Partial<Lesson> & { workItem?: string; project?: string } = {}): Lesson {
  clock += 60_000;
  const at = new Date(clock).toISOString();
  const { workItem = 'jira:ACME-1', project = 'ACME', ...rest } = extra;
  return LessonSchema.parse({
    id: uuidv7(clock),
    kind: 'experience',
    source: { url: `https://x/${workItem}`, site: 'jira', workItem, project, title: workItem, labels: [] },
    createdAt: at,
    updatedAt: at,
    ...rest,
  });
}
const question = (extra: Parameters<typeof lesson>[0] = {}) => lesson({ kind: 'question', question: { text: 'Why?', askedAt: new Date(clock).toISOString() }, ...extra });

describe('popup queries', () => {
  it('lists open questions on the work item, newest first, without answered or deleted ones', async () => {
    const older = question();
    const newer = question();
    await db.lessons.bulkAdd([older, newer, lesson(), question({ deletedAt: '2026-03-02T00:00:00.000Z' }), question({ workItem: 'jira:ACME-2' })]);
    expect((await openQuestionsOn(db, 'jira:ACME-1')).map((l) => l.id)).toEqual([newer.id, older.id]);
  });

  it('lists the project\'s other open questions, whichever index is narrower', async () => {
    const here = question();
    const there = question({ workItem: 'jira:ACME-2' });
    const otherProject = question({ workItem: 'jira:OPS-1', project: 'OPS' });
    await db.lessons.bulkAdd([here, there, otherProject]);
    expect((await openQuestionsInProject(db, 'ACME', 'jira:ACME-1')).map((l) => l.id)).toEqual([there.id]);
    // Many lessons in the project, few questions: and the other way round.
    await db.lessons.bulkAdd(Array.from({ length: 20 }, () => lesson({ workItem: 'jira:ACME-3' })));
    expect((await openQuestionsInProject(db, 'ACME', 'jira:ACME-1')).map((l) => l.id)).toEqual([there.id]);
    await db.lessons.bulkAdd(Array.from({ length: 40 }, () => question({ workItem: 'jira:OPS-2', project: 'OPS' })));
    expect((await openQuestionsInProject(db, 'ACME', 'jira:ACME-1')).map((l) => l.id)).toEqual([there.id]);
  });

  it('lists recent lessons, newest first, limited, without deleted ones', async () => {
    const rows = Array.from({ length: 12 }, () => lesson());
    rows[11] = { ...rows[11], deletedAt: rows[11].createdAt };
    await db.lessons.bulkAdd(rows);
    expect((await recentLessons(db, 5)).map((l) => l.id)).toEqual(rows.slice(6, 11).reverse().map((l) => l.id));
  });

  it('finds lessons with due actions among the recently updated', async () => {
    const due = lesson({ actions: [{ id: 'a', text: 'Fix', due: '2026-03-10', done: false }] });
    const later = lesson({ actions: [{ id: 'a', text: 'Fix', due: '2026-05-10', done: false }] });
    const done = lesson({ actions: [{ id: 'a', text: 'Fix', due: '2026-03-01', done: true }] });
    await db.lessons.bulkAdd([due, later, done, lesson()]);
    expect((await lessonsWithDueActions(db, '2026-03-09')).map((l) => l.id)).toEqual([due.id]);
  });
});
