// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testRoot } from '@/test/support/dom-root';
import { makeLesson } from '@/test/support/library-lessons';
import { renderHook } from '@/test/support/render-hook';
import { until } from '@/test/support/until';
import { openDb, type LessonDb } from '@/lib/db/database';
import { useOpenLesson } from './useOpenLesson';

const root = testRoot();
const A = '0190a000-0000-7000-8000-0000000000a1';
const B = '0190a000-0000-7000-8000-0000000000b2';

let db: LessonDb;
let told: string[];

beforeEach(async () => {
  db = openDb(`open-${Math.random()}`);
  await db.lessons.bulkPut([makeLesson({ id: A, title: 'First' }), makeLesson({ id: B, title: 'Second' })]);
  told = [];
});
afterEach(async () => {
  db.close();
  await db.delete();
});

const open = (id: string | null, version = 0) =>
  renderHook((p: { id: string | null; version: number }) => useOpenLesson(db, p.id, p.version, (m) => void told.push(m))[0], root(), { id, version });

describe('useOpenLesson', () => {
  it('reads the lesson named, and again when the library changes', async () => {
    const h = open(A);
    expect(h.result()).toEqual({ at: 'reading' });
    await until(() => h.result().at === 'open');
    await db.lessons.update(A, { title: 'First, edited' });
    h.rerender({ id: A, version: 1 });
    await until(() => h.result().at === 'open' && (h.result() as { lesson: { title: string } }).lesson.title === 'First, edited');
  });

  it('keeps showing the open lesson while the next one is read, and nothing once closed', async () => {
    const h = open(A);
    await until(() => h.result().at === 'open');
    h.rerender({ id: B, version: 0 });
    expect(h.result()).toMatchObject({ at: 'open', lesson: { id: A } });
    await until(() => h.result().at === 'open' && (h.result() as { lesson: { id: string } }).lesson.id === B);
    h.rerender({ id: null, version: 0 });
    expect(h.result()).toEqual({ at: 'none' });
  });

  it('says a deleted or unknown lesson is missing', async () => {
    await db.lessons.update(A, { deletedAt: '2026-11-30T10:00:00.000Z' });
    const h = open(A);
    await until(() => h.result().at === 'missing');
    h.rerender({ id: '0190a000-0000-7000-8000-0000000000ff', version: 0 });
    await until(() => h.result().at === 'missing');
  });

  it('tells a failed read in the toast', async () => {
    db.close();
    const h = open(A);
    await until(() => told.length > 0);
    expect(told[0]).toMatch(/^The lesson could not be read: /);
    expect(h.result()).toEqual({ at: 'reading' });
  });
});
