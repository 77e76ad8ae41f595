import { afterEach, describe, expect, it } from 'vitest';
import { openDb, type LessonDb } from '../db/database';
import { digestScope } from './digest-scope';
import { lessonsByIds } from './load';
import { makeLesson } from '../../test/support/library-lessons';

let db: LessonDb;
afterEach(async () => {
  db?.close();
  if (db) await db.delete();
});

const at = (k: number) => new Date(Date.UTC(2025, 0, 1) + k * 3600_000).toISOString();

async function seed(count: number) {
  db = openDb(`library-load-${Math.random()}`);
  const lessons = Array.from({ length: count }, (_, k) =>
    makeLesson({ createdAt: at(k), updatedAt: at(k), deletedAt: k % 10 === 9 ? at(k + 1) : undefined }),
  );
  await db.lessons.bulkPut(lessons);
  return lessons;
}

describe('library loading', () => {
  it('reads full lessons by id and skips missing and deleted ones', async () => {
    const lessons = await seed(20);
    const got = await lessonsByIds(db, [lessons[0].id, lessons[9].id, '0190a000-0000-7000-8000-ffffffffffff', lessons[3].id]);
    expect(got.map((l) => l.id)).toEqual([lessons[0].id, lessons[3].id]);
  });
});

describe('digest scope', () => {
  it('takes the week\'s lessons, questions and lessons with actions, none from after the week', async () => {
    const { toRow } = await import('./rows');
    const week = new Date(2025, 2, 10);
    const inWeek = toRow(makeLesson({ createdAt: new Date(2025, 2, 11).toISOString() }));
    const before = toRow(makeLesson({ createdAt: new Date(2025, 1, 1).toISOString() }));
    const question = toRow(makeLesson({ kind: 'question', createdAt: new Date(2025, 1, 1).toISOString() }));
    const acting = toRow(makeLesson({ createdAt: new Date(2025, 1, 1).toISOString(), actions: [{ id: 'a', text: 'x', done: false }] }));
    const after = toRow(makeLesson({ kind: 'question', createdAt: new Date(2025, 2, 18).toISOString() }));
    expect(digestScope([inWeek, before, question, acting, after], week)).toEqual([inWeek.id, question.id, acting.id]);
  });
});
