// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { createPainter } from '../highlight';
import { LessonSchema, type Lesson } from '../lesson';
import { createHighlighter } from './highlighter';

const lesson = (id: string, exact: string): Lesson =>
  LessonSchema.parse({
    id,
    kind: 'mistake',
    quote: exact,
    source: { url: 'https://example.com/a', site: 'web', workItem: 'https://example.com/a' },
    anchor: { root: 'body', quote: { exact } },
    createdAt: '2026-11-20T10:00:00.000Z',
    updatedAt: '2026-11-20T10:00:00.000Z',
  });

function setup(lessons: Lesson[]) {
  document.body.innerHTML = '<p id="p">The pool was exhausted under load and checkout returned 502s.</p>';
  const passes: Array<{ found: string[]; notFound: string[] }> = [];
  const highlighter = createHighlighter({
    doc: document,
    painter: createPainter(document),
    onReport: (_, r) => passes.push({ found: r.found.map((f) => f.lesson.id), notFound: r.notFound.map((l) => l.id) }),
  });
  return { highlighter, passes, show: () => highlighter.show('https://example.com/a', lessons) };
}

const PRESENT = '0190f000-0000-7000-8000-000000000001';
const MISSING = '0190f000-0000-7000-8000-000000000002';

describe('createHighlighter', () => {
  it('anchors what is on the page and reports what is not', () => {
    const { passes, show } = setup([lesson(PRESENT, 'checkout returned 502s'), lesson(MISSING, 'the cache was cold')]);
    show();
    expect(passes).toEqual([{ found: [PRESENT], notFound: [MISSING] }]);
  });

  it('looks for a missing lesson again only when the page text changed, and finds late content', () => {
    const { highlighter, passes, show } = setup([lesson(MISSING, 'the cache was cold')]);
    show();
    document.getElementById('p')!.setAttribute('class', 'rerendered');
    highlighter.contentChanged();
    expect(passes).toHaveLength(1);

    const late = document.createElement('p');
    late.textContent = 'After the deploy the cache was cold for an hour.';
    document.body.append(late);
    highlighter.contentChanged();
    expect(passes.at(-1)).toEqual({ found: [MISSING], notFound: [] });
  });
  it("copies the page's text only while a lesson is missing", () => {
    const { show } = setup([lesson(PRESENT, 'checkout returned 502s')]);
    let reads = 0;
    const body = document.body;
    const textContent = Object.getOwnPropertyDescriptor(Node.prototype, 'textContent')!;
    Object.defineProperty(body, 'textContent', { configurable: true, get: () => (reads++, textContent.get!.call(body)) });
    try {
      show();
      expect(reads).toBe(0);
    } finally {
      delete (body as { textContent?: unknown }).textContent;
    }
  });
});

describe('createHighlighter after a soft navigation', () => {
  it('unpaints and reports nothing once the new page has no lessons', () => {
    const { highlighter, passes, show } = setup([lesson(PRESENT, 'checkout returned 502s')]);
    show();
    highlighter.show('https://example.com/b', []);
    expect(passes.at(-1)).toEqual({ found: [], notFound: [] });
    expect(highlighter.lessonById(PRESENT)).toBeUndefined();
  });
});
