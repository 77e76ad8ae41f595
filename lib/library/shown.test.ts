import { afterEach, describe, expect, it, vi } from 'vitest';
import { openDb, type LessonDb } from '../db/database';
import { makeLesson } from '../../test/support/library-lessons';
import { listOf, RowCache } from './shown';

let n = 0;
const opened: LessonDb[] = [];
afterEach(async () => {
  vi.restoreAllMocks();
  for (const d of opened.splice(0)) {
    d.close();
    await d.delete();
  }
});

describe('the rows a list draws', () => {
  it('reads a list’s first rows ahead by id, without counting the lessons (a walk over every one)', async () => {
    const d = openDb(`shown-${++n}`);
    opened.push(d);
    const all = Array.from({ length: 400 }, (_, k) => makeLesson({ title: `Row ${k}` }));
    await d.lessons.bulkPut(all);
    const counted = vi.spyOn(d.lessons, 'count');
    const rows = new RowCache();
    const ids = all.map((l) => l.id).reverse();
    await rows.readAhead(d, listOf(ids));
    expect(counted).not.toHaveBeenCalled();
    expect(rows.missing(ids.slice(0, 150))).toEqual([]);
    expect(rows.missing(ids)).toHaveLength(250);
    expect(rows.get(ids[0])?.title).toBe('Row 399');
  });
});
