// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { testRoot } from '@/test/support/dom-root';
import { describe, expect, it } from 'vitest';
import { LessonSchema, type Lesson } from '@/lib/lesson';
import { DueActions } from './DueActions';
import type { PopupEnv } from './env';
import { LIST_LIMIT } from './queries';

const root = testRoot();

const today = '2026-11-26';

function lessonDue(n: number): Lesson {
  return LessonSchema.parse({
    id: `0190a000-0000-7000-8000-${String(n).padStart(12, '0')}`,
    kind: 'mistake',
    quote: `Lesson ${n}`,
    source: { url: 'https://example.com/', site: 'web', workItem: 'https://example.com/', title: 'Example' },
    actions: [{ id: `a${n}`, text: `Follow up ${n}`, due: `2026-11-${String(10 + n).padStart(2, '0')}`, done: false }],
    createdAt: '2026-11-01T00:00:00.000Z',
    updatedAt: '2026-11-01T00:00:00.000Z',
  });
}

const ticks = () => [...root().querySelectorAll<HTMLInputElement>('input.tick')].map((t) => t.getAttribute('aria-label'));

describe('DueActions', () => {
  it('lists the most overdue first, a screenful at a time, and all on request', () => {
    const lessons = Array.from({ length: LIST_LIMIT + 4 }, (_, k) => lessonDue(k + 1)).reverse();
    act(() => {
      render(<DueActions env={{} as PopupEnv} live={{ state: 'ready', value: lessons }} today={today} />, root());
    });
    expect(ticks()).toEqual(Array.from({ length: LIST_LIMIT }, (_, k) => `Done: Follow up ${k + 1}`));
    const more = root().querySelector<HTMLButtonElement>('button.more')!;
    expect(more.textContent).toBe(`Show all ${LIST_LIMIT + 4} actions due`);
    act(() => more.click());
    expect(ticks()).toHaveLength(LIST_LIMIT + 4);
    expect(root().querySelector('button.more')).toBeNull();
  });

  it('shows no button when everything fits', () => {
    act(() => {
      render(<DueActions env={{} as PopupEnv} live={{ state: 'ready', value: [lessonDue(1)] }} today={today} />, root());
    });
    expect(ticks()).toEqual(['Done: Follow up 1']);
    expect(root().querySelector('button.more')).toBeNull();
  });
});
