// @vitest-environment happy-dom
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testRoot } from '@/test/support/dom-root';
import { workerLibraryEnv } from '@/test/support/library-env';
import { makeLesson } from '@/test/support/library-lessons';
import { renderHook } from '@/test/support/render-hook';
import { openDb, type LessonDb } from '@/lib/db/database';
import type { Lesson } from '@/lib/lesson';
import type { LibraryEnv } from './env';
import { useBulkActions } from './useBulkActions';

const root = testRoot();
const A = '0190a000-0000-7000-8000-0000000000a1';
const B = '0190a000-0000-7000-8000-0000000000b2';

let db: LessonDb;
let applied: Lesson[][];
let told: { message: string; tone?: string; action?: { label: string; run: () => void } }[];
let deleted: string[][];

beforeEach(async () => {
  db = openDb(`bulk-${Math.random()}`);
  await db.lessons.bulkPut([makeLesson({ id: A, tags: ['ci'] }), makeLesson({ id: B, visibility: 'team' })]);
  applied = [];
  told = [];
  deleted = [];
});
afterEach(async () => {
  db.close();
  await db.delete();
});

function bulk(selected: string[], env: LibraryEnv = workerLibraryEnv(db)) {
  return renderHook(useBulkActions, root(), {
    env,
    selected: new Set(selected),
    apply: (ls) => void applied.push([...ls]),
    notify: (message, tone, action) => void told.push({ message, tone, action }),
    onDeleted: (ids) => void deleted.push(ids),
  });
}

describe('useBulkActions', () => {
  it('deletes, tells, and undoes from the toast', async () => {
    const h = bulk([A, B]);
    await act(() => h.result().remove([A, B]));
    expect((await db.lessons.bulkGet([A, B])).every((l) => l?.deletedAt)).toBe(true);
    expect(applied[0].map((l) => l.id)).toEqual([A, B]);
    expect(deleted).toEqual([[A, B]]);
    expect(told[0]).toMatchObject({ message: 'Deleted 2 lessons', tone: 'ok', action: { label: 'Undo' } });
    await act(async () => told[0].action!.run());
    await act(() => new Promise((r) => setTimeout(r, 50)));
    expect((await db.lessons.bulkGet([A, B])).some((l) => l?.deletedAt)).toBe(false);
    expect(told[1]).toMatchObject({ message: 'Restored 2 lessons' });
    expect(h.result().busy).toBe(false);
  });

  it('deletes nothing for no ids', async () => {
    const h = bulk([]);
    await act(() => h.result().remove([]));
    expect(told).toEqual([]);
    expect(deleted).toEqual([]);
  });

  it('adds a tag only where it is missing, and removes it', async () => {
    const h = bulk([A, B]);
    await act(() => h.result().tag('ci', 'add'));
    expect(told.at(-1)?.message).toBe('Tagged 1 lesson with #ci');
    expect((await db.lessons.get(B))?.tags).toEqual(['ci']);
    await act(() => h.result().tag('ci', 'remove'));
    expect(told.at(-1)?.message).toBe('Untagged 2 lessons from #ci');
    expect((await db.lessons.bulkGet([A, B])).map((l) => l?.tags)).toEqual([[], []]);
  });

  it('changes who sees the selected lessons', async () => {
    const h = bulk([A, B]);
    await act(() => h.result().setVisibility('team'));
    expect(told.at(-1)?.message).toBe('1 lesson now shared with the team');
    expect((await db.lessons.bulkGet([A, B])).map((l) => l?.visibility)).toEqual(['team', 'team']);
  });

  it('says what failed and changes nothing', async () => {
    const refusing: LibraryEnv = {
      ...workerLibraryEnv(db),
      deleteLessons: () => Promise.reject(new Error('the database is read-only')),
      updateLessons: () => Promise.reject(new Error('the database is read-only')),
    };
    const h = bulk([A], refusing);
    await act(() => h.result().remove([A]));
    await act(() => h.result().setVisibility('team'));
    expect(told).toEqual([
      { message: 'Could not delete: the database is read-only', tone: 'error', action: undefined },
      { message: 'Could not change the lessons: the database is read-only', tone: 'error', action: undefined },
    ]);
    expect(deleted).toEqual([]);
    expect(h.result().busy).toBe(false);
    expect((await db.lessons.get(A))?.deletedAt).toBeUndefined();
  });
});
