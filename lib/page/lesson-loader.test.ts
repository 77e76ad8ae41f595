// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { LessonSchema, type Lesson } from '../lesson';
import type { KnownHosts, PageIdentity } from '../sites/types';
import { createLessonLoader, needsAnchoring, type PageLessons } from './lesson-loader';

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

const answer = (lessons: Lesson[] = [], hosts: KnownHosts = {}): PageLessons => ({ lessons, hosts });
const identity = (workItem: string): PageIdentity => ({ site: 'web', workItem, url: workItem });

describe('createLessonLoader', () => {
  it('hands on only the newest answer when loads overlap', async () => {
    let item = 'a';
    const pending = new Map<string, (a: PageLessons) => void>();
    const heard: string[] = [];
    const loader = createLessonLoader({
      doc: document,
      identify: () => identity(item),
      load: (w) => new Promise((resolve) => pending.set(w, resolve)),
      onLessons: (w) => heard.push(w),
    });
    const first = loader.refresh();
    item = 'b';
    const second = loader.refresh();
    pending.get('b')!(answer());
    pending.get('a')!(answer());
    await Promise.all([first, second]);
    expect(heard).toEqual(['b']);
  });

  it('tells a re-render from a new work item, and loads the new one', async () => {
    let item = 'a';
    const heard: string[] = [];
    const loader = createLessonLoader({ doc: document, identify: () => identity(item), load: async () => answer(), onLessons: (w) => heard.push(w) });
    expect(loader.sameWorkItem()).toBe(false);
    expect(heard).toEqual([]);
    await loader.refresh();
    expect(loader.sameWorkItem()).toBe(true);
    item = 'b';
    expect(loader.sameWorkItem()).toBe(false);
    await expect.poll(() => heard).toEqual(['a', 'b']);
  });

  it('asks once on a page the added hosts do not concern, and identifies it once', async () => {
    const asked: string[] = [];
    let identified = 0;
    const loader = createLessonLoader({
      doc: document,
      identify: (url) => (identified++, identity(url)),
      load: async (w) => (asked.push(w), answer()),
      onLessons: () => {},
    });
    await loader.refresh();
    expect(asked).toEqual([document.location.href]);
    expect(loader.identityAt(document.location.href).workItem).toBe(document.location.href);
    expect(identified).toBe(1);
  });

  it('on an added host, identifies the page again with the hosts the worker names and asks for that work item', async () => {
    const jira: KnownHosts = { jira: ['jira.corp.example'] };
    const mine = [lesson('0190f000-0000-7000-8000-000000000001', true)];
    const asked: string[] = [];
    const heard: [string, number][] = [];
    const identifiedWith: KnownHosts[] = [];
    const loader = createLessonLoader({
      doc: document,
      identify: (_url, _doc, hosts) => (identifiedWith.push(hosts), identity(hosts.jira ? 'jira:jira.corp.example:OPS-42' : 'https://jira.corp.example/browse/OPS-42')),
      load: async (w) => (asked.push(w), answer(w.startsWith('jira:') ? mine : [], jira)),
      onLessons: (w, lessons) => heard.push([w, lessons.length]),
    });
    await loader.refresh();
    expect(asked).toEqual(['https://jira.corp.example/browse/OPS-42', 'jira:jira.corp.example:OPS-42']);
    expect(heard).toEqual([['jira:jira.corp.example:OPS-42', 1]]);
    expect(identifiedWith).toEqual([{}, jira]);
    // Known from then on: the next load identifies with them and asks once.
    await loader.refresh();
    expect(asked).toHaveLength(3);
    expect(identifiedWith).toEqual([{}, jira, jira]);
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
