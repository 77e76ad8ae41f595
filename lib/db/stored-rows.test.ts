import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDb, type LessonDb } from './database';
import { makeLesson } from '../../test/support/library-lessons';
import type { Lesson } from '../lesson';
import { storedRows } from './stored-rows';

let db: LessonDb;
let lessons: Lesson[];
beforeEach(async () => {
  db = openDb(`stored-rows-${Math.random()}`);
  lessons = Array.from({ length: 240 }, () => makeLesson({}));
  await db.lessons.bulkPut(lessons);
});
afterEach(async () => {
  db.close();
  await db.delete();
});

const absent = (k: number) => `0190a000-0000-7000-8000-${String(k).padStart(12, '0')}`;
const ids = (rows: Lesson[]) => rows.map((l) => l.id);

/** Each case takes another way to read (a get each, the key range in pages, the keys listed first); all must agree. */
describe('storedRows', () => {
  it.each([
    ['a few ids: a get each', () => [...ids(lessons.slice(0, 5)), absent(1)], {}],
    ['most of the table: the key range they span, in pages', () => [...ids(lessons).reverse().slice(0, 200), absent(2)], { pageSize: 7 }],
    ['many ids, a small part of the table: a get each', () => [...ids(lessons.slice(0, 55)), absent(3)], {}],
    ['many ids mostly absent: the keys listed first', () => [...ids(lessons.slice(0, 10)), ...Array.from({ length: 40 }, (_, k) => absent(k))], { mostlyAbsent: true }],
  ])('%s', async (_, asked, options) => {
    const wanted = asked();
    const rows = await storedRows(db.lessons, wanted, options);
    const present = lessons.filter((l) => wanted.includes(l.id));
    expect([...rows.keys()].sort()).toEqual(ids(present).sort());
    for (const l of present) expect(rows.get(l.id)).toStrictEqual(l);
  });
});
