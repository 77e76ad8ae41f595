// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { LessonSchema, type Lesson } from '../lesson';
import { createLessonLoader, needsAnchoring } from './lesson-loader';

const lesson = (id: string, anchored: boolean): Lesson =>
  LessonSchema.parse({
    id,
    kind: 'mistake',
    quote: 'checkout returned 502s',
    source: { url: 'https://example.com/a', site: 'web', workItem: 'https://example.com/a' },
    ...(anchored ? { anchor: { root: 'body', quote: { exact: 'checkout returned 502s' } } } : {}),
    createdAt: '2026-11-20T10:00:00.000Z',
    updatedAt: '2026-11-20T10:00:00.000Z',
  });

describe('createLessonLoader', () => {
  it('hands on only the newest answer when loads overlap', async () => {
    let item = 'a';
    const pending = new Map<string, (rows: Lesson[]) => void>();
    const heard: string[] = [];
    const loader = createLessonLoader({
      doc: document,
      workItemOf: () => item,
      load: (w) => new Promise((resolve) => pending.set(w, resolve)),
      onLessons: (w) => heard.push(w),
    });
    const first = loader.refresh();
    item = 'b';
    const second = loader.refresh();
    pending.get('b')!([]);
    pending.get('a')!([]);
    await Promise.all([first, second]);
    expect(heard).toEqual(['b']);
  });

  it('tells a re-render from a new work item, and loads the new one', async () => {
    let item = 'a';
    const heard: string[] = [];
    const loader = createLessonLoader({ doc: document, workItemOf: () => item, load: async () => [], onLessons: (w) => heard.push(w) });
    expect(loader.sameWorkItem()).toBe(false);
    expect(heard).toEqual([]);
    await loader.refresh();
    expect(loader.sameWorkItem()).toBe(true);
    item = 'b';
    expect(loader.sameWorkItem()).toBe(false);
    await expect.poll(() => heard).toEqual(['a', 'b']);
  });
});

describe('needsAnchoring', () => {
  it('is true only when some lesson has a quote to find on the page', () => {
    const id = '0190f000-0000-7000-8000-000000000001';
    expect(needsAnchoring([])).toBe(false);
    expect(needsAnchoring([lesson(id, false)])).toBe(false);
    expect(needsAnchoring([lesson(id, false), lesson(id, true)])).toBe(true);
  });
});
