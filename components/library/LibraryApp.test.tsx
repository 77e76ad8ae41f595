// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testRoot } from '@/test/support/dom-root';
import { workerLibraryEnv } from '@/test/support/library-env';
import { makeLesson } from '@/test/support/library-lessons';
import { settle, until } from '@/test/support/until';
import { openDb, type LessonDb } from '@/lib/db/database';
import { EMPTY_FILTERS, type LibraryFilters } from '@/lib/library/filters';
import { LibraryApp } from './LibraryApp';

const root = testRoot();
let db: LessonDb;

beforeEach(async () => {
  history.replaceState(null, '', '/library.html');
  db = openDb(`library-${Math.random()}`);
  await db.lessons.bulkPut([
    makeLesson({ id: '0190a000-0000-7000-8000-00000000000a', title: 'Retry the flaky deploy', tags: ['ci'], createdAt: '2026-11-01T09:00:00.000Z' }),
    makeLesson({ id: '0190a000-0000-7000-8000-00000000000b', title: 'Pin the node version', tags: ['ci'], createdAt: '2026-11-02T09:00:00.000Z' }),
    makeLesson({ id: '0190a000-0000-7000-8000-00000000000c', title: 'Ask before paging', createdAt: '2026-11-03T09:00:00.000Z' }),
  ]);
});
afterEach(async () => {
  db.close();
  await db.delete();
});

/** The page on the real worker handlers (validation included), as the extension wires it. */
async function mount(filters: LibraryFilters = EMPTY_FILTERS) {
  const env = workerLibraryEnv(db);
  const first = db.lessons.orderBy('createdAt').reverse().toArray();
  act(() => render(<LibraryApp env={env} first={first} initialFilters={filters} />, root()));
  await until(() => count() === '3 lessons');
}

const count = () => root().querySelector('.result-count')?.textContent;
const titles = () => [...root().querySelectorAll('.lesson-row .lesson-card-title')].map((b) => b.textContent ?? '');
const button = (text: string) => [...root().querySelectorAll('button')].find((b) => b.textContent?.trim() === text);
const toast = () => root().querySelector('.toast span')?.textContent;
const check = (title: string) => act(() => root().querySelector<HTMLInputElement>(`input[aria-label="Select ${title}"]`)!.click());
function type(el: HTMLInputElement, text: string) {
  act(() => {
    el.value = text;
    el.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

describe('LibraryApp', () => {
  it('lists every lesson, newest first, and finds one by its words', async () => {
    await mount();
    expect(titles()).toEqual(['Ask before paging', 'Pin the node version', 'Retry the flaky deploy']);
    type(root().querySelector<HTMLInputElement>('input[aria-label="Search lessons"]')!, 'node');
    await until(() => titles().length === 1);
    expect(titles()).toEqual(['Pin the node version']);
    expect(count()).toBe('1 of 3 lessons');
    await until(() => location.search === '?q=node');
  });

  it('draws first rows read before its code came in its first frame, not a frame later', async () => {
    const first = await db.lessons.orderBy('createdAt').reverse().toArray();
    render(<LibraryApp env={workerLibraryEnv(db)} first={Promise.resolve(first)} initialFilters={EMPTY_FILTERS} />, root());
    // Promise callbacks only: no frame or timer has run, so the page is still unpainted.
    for (let k = 0; k < 10; k++) await Promise.resolve();
    expect(titles()).toEqual(['Ask before paging', 'Pin the node version', 'Retry the flaky deploy']);
    act(() => render(null, root()));
  });

  it('tags the selected lessons through the worker and says how many changed', async () => {
    await mount();
    check('Retry the flaky deploy');
    check('Ask before paging');
    expect(root().querySelector('.bulk-bar strong')?.textContent).toBe('2 selected');
    type(root().querySelector<HTMLInputElement>('input[aria-label="Tag for selected lessons"]')!, 'Oncall');
    await act(async () => button('Add tag')!.click());
    await until(() => toast() === 'Tagged 2 lessons with #oncall');
    const stored = await db.lessons.bulkGet(['0190a000-0000-7000-8000-00000000000a', '0190a000-0000-7000-8000-00000000000c']);
    expect(stored.map((l) => l?.tags)).toEqual([['ci', 'oncall'], ['oncall']]);
  });

  it('deletes the selection, and Undo brings it back', async () => {
    await mount();
    check('Pin the node version');
    await act(async () => button('Delete 1')!.click());
    await until(() => toast() === 'Deleted 1 lesson');
    expect(count()).toBe('2 lessons');
    expect(root().querySelector('.bulk-bar')).toBeNull();
    expect((await db.lessons.get('0190a000-0000-7000-8000-00000000000b'))?.deletedAt).toBeTruthy();
    await act(async () => button('Undo')!.click());
    await until(() => toast() === 'Restored 1 lesson');
    expect(count()).toBe('3 lessons');
    expect((await db.lessons.get('0190a000-0000-7000-8000-00000000000b'))?.deletedAt).toBeUndefined();
  });

  it('opens the lesson the URL names, saves an edit and keeps the URL on it', async () => {
    history.replaceState(null, '', '/library.html?lesson=0190a000-0000-7000-8000-00000000000c');
    await mount();
    await until(() => !!root().querySelector('form.lesson-editor'));
    const title = root().querySelector<HTMLInputElement>('form.lesson-editor input')!;
    expect(title.value).toBe('Ask before paging');
    type(title, 'Ask the owner before paging');
    await act(async () => button('Save')!.click());
    await until(() => toast() === 'Saved');
    expect((await db.lessons.get('0190a000-0000-7000-8000-00000000000c'))?.title).toBe('Ask the owner before paging');
    await until(() => titles().includes('Ask the owner before paging'));
    act(() => button('×')!.click());
    expect(root().querySelector('.editor-pane')).toBeNull();
    expect(location.search).toBe('');
  });

  it('says so when the lesson the URL names is gone', async () => {
    history.replaceState(null, '', '/library.html?lesson=0190a000-0000-7000-8000-0000000000ff');
    await mount();
    await until(() => !!root().querySelector('.editor-pane [role="alert"]'));
    expect(root().querySelector('.editor-pane h2')?.textContent).toBe('Lesson not found');
  });

  it('shows a write the worker refuses as an error, and changes nothing', async () => {
    const full = Array.from({ length: 100 }, (_, k) => `t${k}`);
    await db.lessons.update('0190a000-0000-7000-8000-00000000000a', { tags: full });
    await mount();
    check('Retry the flaky deploy');
    type(root().querySelector<HTMLInputElement>('input[aria-label="Tag for selected lessons"]')!, 'one-too-many');
    await act(async () => button('Add tag')!.click());
    await until(() => !!toast());
    expect(toast()).toMatch(/^Could not change the lessons: /);
    expect(root().querySelector('.toast')?.className).toContain('toast-error');
    expect((await db.lessons.get('0190a000-0000-7000-8000-00000000000a'))?.tags).toEqual(full);
  });
});
