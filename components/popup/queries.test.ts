import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDb, type LessonDb } from '@/lib/db/database';
import { uuidv7 } from '@/lib/id';
import { completeActionPatch, reopenActionPatch } from '@/lib/actions';
import { LessonSchema, type Lesson } from '@/lib/lesson';
import { createLesson, deleteLessons, restoreLessons, updateLesson } from '@/lib/db/store';
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

  it('finds lessons with open actions overdue, due today or due soon, each once', async () => {
    const due = lesson({ actions: [{ id: 'a', text: 'Fix', due: '2026-03-10', done: false }] });
    const later = lesson({ actions: [{ id: 'a', text: 'Fix', due: '2026-05-10', done: false }] });
    const done = lesson({ actions: [{ id: 'a', text: 'Fix', due: '2026-03-01', done: true }] });
    const undated = lesson({ actions: [{ id: 'a', text: 'Fix', done: false }] });
    const twice = lesson({
      actions: [
        { id: 'a', text: 'Fix', due: '2026-03-08', done: false },
        { id: 'b', text: 'Test', due: '2026-03-12', done: false },
      ],
    });
    const deleted = lesson({ actions: [{ id: 'a', text: 'Fix', due: '2026-03-09', done: false }], deletedAt: '2026-03-02T00:00:00.000Z' });
    await db.lessons.bulkAdd([due, later, done, undated, twice, deleted, lesson()]);
    expect((await lessonsWithDueActions(db, '2026-03-09')).map((l) => l.id)).toEqual([twice.id, due.id]);
    // Today + DUE_SOON_DAYS is the last day counted.
    expect((await lessonsWithDueActions(db, '2026-03-06')).map((l) => l.id)).toEqual([twice.id]);
  });

  it('finds a lesson saved long ago behind 1,500 lessons updated since, and reads only the lessons due', async () => {
    const old = lesson({ actions: [{ id: 'a', text: 'Rotate the keys', due: '2026-06-01', done: false }] });
    await db.lessons.add(old);
    await db.lessons.bulkAdd(Array.from({ length: 1500 }, () => lesson({ actions: [{ id: 'a', text: 'Later', due: '2027-01-01', done: false }] })));
    const { reader, read } = countingLessonReads(db.name);
    expect((await lessonsWithDueActions(reader, '2026-06-01')).map((l) => l.id)).toEqual([old.id]);
    expect(read).toEqual([old.id]);
    reader.close();
  });

  it('drops a lesson once its action is done, its due date moves out of the window or it is deleted', async () => {
    const ctx = { now: () => new Date('2026-06-01T10:00:00Z') };
    const saved = await createLesson(
      db,
      {
        kind: 'mistake',
        source: { url: 'https://x/jira:ACME-1', site: 'jira', workItem: 'jira:ACME-1', project: 'ACME', title: 'ACME-1', labels: [] },
        quote: 'Retries doubled the charge',
        actions: [{ id: 'a', text: 'Cap retries', due: '2026-06-01', done: false }],
      },
      ctx,
    );
    const dueIds = async () => (await lessonsWithDueActions(db, '2026-06-01')).map((l) => l.id);
    expect(await dueIds()).toEqual([saved.id]);

    const ticked = await updateLesson(db, saved.id, completeActionPatch(saved, 'a', ctx.now()), ctx);
    expect(await dueIds()).toEqual([]);
    const reopened = await updateLesson(db, saved.id, reopenActionPatch(ticked, 'a'), ctx);
    expect(await dueIds()).toEqual([saved.id]);

    await updateLesson(db, saved.id, { actions: [{ ...reopened.actions[0], due: '2026-07-01' }] }, ctx);
    expect(await dueIds()).toEqual([]);
    await updateLesson(db, saved.id, { actions: [{ ...reopened.actions[0], due: '2026-05-20' }] }, ctx);
    expect(await dueIds()).toEqual([saved.id]);

    await deleteLessons(db, [saved.id], ctx);
    expect(await dueIds()).toEqual([]);
    await restoreLessons(db, [saved.id], ctx);
    expect(await dueIds()).toEqual([saved.id]);
  });
});

/** Another handle on the database that notes the primary key of every lesson row it reads. */
function countingLessonReads(name: string): { reader: LessonDb; read: string[] } {
  const read: string[] = [];
  const reader = openDb(name);
  reader.use({
    stack: 'dbcore',
    name: 'count lesson reads',
    create: (down) => ({
      ...down,
      table: (name) => {
        const table = down.table(name);
        if (name !== 'lessons') return table;
        return {
          ...table,
          getMany: async (req) => {
            read.push(...req.keys);
            return table.getMany(req);
          },
          get: async (req) => {
            read.push(req.key);
            return table.get(req);
          },
          query: async (req) => {
            const res = await table.query(req);
            read.push(...(req.values ? res.result.map((l: Lesson) => l.id) : res.result));
            return res;
          },
          openCursor: async () => {
            throw new Error('walked the lessons with a cursor');
          },
        };
      },
    }),
  });
  return { reader, read };
}
