// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testRoot } from '@/test/support/dom-root';
import { makeLesson } from '@/test/support/library-lessons';
import { renderHook } from '@/test/support/render-hook';
import { until } from '@/test/support/until';
import { openDb, type LessonDb } from '@/lib/db/database';
import { liveValue, useLiveQuery, type Live } from './useLiveQuery';

const root = testRoot();
let db: LessonDb;

beforeEach(() => {
  db = openDb(`live-${Math.random()}`);
});
afterEach(async () => {
  db.close();
  await db.delete();
});

describe('useLiveQuery', () => {
  it('answers, then answers again after a write to what it read', async () => {
    const h = renderHook(() => useLiveQuery(() => db.lessons.count(), []), root(), null);
    expect(h.result()).toEqual({ state: 'loading' });
    await until(() => h.result().state === 'ready');
    expect(liveValue(h.result())).toBe(0);
    await db.lessons.put(makeLesson());
    await until(() => liveValue(h.result()) === 1);
  });

  it('says why a query failed', async () => {
    const h = renderHook(() => useLiveQuery(() => Promise.reject(new Error('the disk is full')), []), root(), null);
    await until(() => h.result().state === 'error');
    expect(h.result()).toEqual({ state: 'error', error: 'the disk is full' });
    expect(liveValue(h.result())).toBeUndefined();
  });

  it('asks nothing while the query is null, and asks again when its inputs change', async () => {
    const asked: string[] = [];
    const h = renderHook(
      (item: string | null) => useLiveQuery(item ? () => (asked.push(item), db.lessons.where('source.workItem').equals(item).count()) : null, [item]),
      root(),
      null as string | null,
    );
    await new Promise((r) => setTimeout(r, 50));
    expect(h.result()).toEqual({ state: 'loading' });
    expect(asked).toEqual([]);
    h.rerender('https://example.com/1');
    await until(() => h.result().state === 'ready');
    h.rerender('https://example.com/2');
    await until(() => asked.includes('https://example.com/2'));
    expect((h.result() as Live<number>).state).toBe('ready');
  });
});
