// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { describe, expect, it } from 'vitest';
import { testRoot } from '@/test/support/dom-root';
import { makeLesson } from '@/test/support/library-lessons';
import type { Lesson } from '@/lib/lesson';
import { WhyBox } from './WhyBox';

const root = testRoot();

const status = () => root().querySelector('#why-status')!;
const box = () => root().querySelector<HTMLInputElement>('#why')!;
async function ask(text: string) {
  act(() => {
    box().value = text;
    box().dispatchEvent(new Event('input', { bubbles: true }));
  });
  await act(async () => void box().dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true })));
}

describe('WhyBox', () => {
  it('keeps a question it could not save, says why, then saves it and takes it back on Undo', async () => {
    let refuse: string | null = 'the database is read-only';
    let undoRefused = true;
    const asked: string[] = [];
    const answer = (text: string): Promise<Lesson> =>
      refuse ? Promise.reject(new Error(refuse)) : (asked.push(text), Promise.resolve(makeLesson({ kind: 'question', title: text, question: { text, askedAt: '2026-12-01T10:00:00.000Z' } })));
    act(() => render(<WhyBox ask={answer} undo={() => (undoRefused ? Promise.reject(new Error('offline')) : Promise.resolve())} unreadable={false} />, root()));

    await ask('Why does the deploy fail on Mondays?');
    expect(status().textContent).toBe('Could not save the question: the database is read-only.');
    expect(status().className).toBe('why-status error');
    expect(box().value).toBe('Why does the deploy fail on Mondays?');

    refuse = null;
    await ask('Why does the deploy fail on Mondays?');
    expect(asked).toEqual(['Why does the deploy fail on Mondays?']);
    expect(status().className).toBe('why-status');
    expect(status().textContent).toContain('Asked: it stays open until someone answers it.');
    expect(box().value).toBe('');

    const undo = () => [...status().querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Undo')!;
    await act(async () => undo().click());
    expect(status().textContent).toBe('Could not undo: offline.');
    expect(status().className).toBe('why-status error');
  });

  it('gives the question back to edit after Undo', async () => {
    act(() =>
      render(
        <WhyBox
          ask={(text) => Promise.resolve(makeLesson({ kind: 'question', title: text, question: { text, askedAt: '2026-12-01T10:00:00.000Z' } }))}
          undo={() => Promise.resolve()}
          unreadable={false}
        />,
        root(),
      ),
    );
    await ask('Why is staging slow?');
    await act(async () => [...status().querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Undo')!.click());
    expect(status().textContent).toBe('Question removed.');
    expect(status().className).toBe('why-status');
    expect(box().value).toBe('Why is staging slow?');
  });
});
