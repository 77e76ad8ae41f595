// @vitest-environment happy-dom
import { act } from 'preact/test-utils';
import { describe, expect, it } from 'vitest';
import { testRoot } from '@/test/support/dom-root';
import { renderHook } from '@/test/support/render-hook';
import { useSaving } from './useSaving';

const root = testRoot();

/** A write the test finishes when it wants. */
function pending() {
  let finish!: () => void;
  let fail!: (e: unknown) => void;
  const done = new Promise<void>((ok, no) => ((finish = ok), (fail = no)));
  return { done, finish, fail };
}

const staysOpen = () => renderHook((closes: boolean) => useSaving((why) => `Not saved: ${why}`, { closes }), root(), false);

describe('useSaving', () => {
  it('is saving while the write runs, then ready for the next edit', async () => {
    const h = staysOpen();
    const w = pending();
    let saved: Promise<void>;
    act(() => void (saved = h.result().save(() => w.done)));
    expect(h.result().saving).toBe(true);
    await act(async () => {
      w.finish();
      await saved;
    });
    expect(h.result()).toMatchObject({ saving: false, error: '' });
  });

  it('runs one write at a time: a second Enter while saving sends nothing', async () => {
    const h = staysOpen();
    const w = pending();
    let writes = 0;
    const write = () => (writes++, w.done);
    await act(async () => {
      const first = h.result().save(write);
      const second = h.result().save(write);
      w.finish();
      await Promise.all([first, second]);
    });
    expect(writes).toBe(1);
  });

  it("shows a failure in the form's words and lets the person try again", async () => {
    const h = staysOpen();
    await act(() => h.result().save(() => Promise.reject(new Error('the database is read-only'))));
    expect(h.result()).toMatchObject({ saving: false, error: 'Not saved: the database is read-only' });
    await act(() => h.result().save(() => Promise.reject('quota exceeded')));
    expect(h.result().error).toBe('Not saved: quota exceeded');
    await act(() => h.result().save(async () => {}));
    expect(h.result().error).toBe('');
  });

  it('stays saving after a save that closes the form, and ready again after one that failed', async () => {
    const h = renderHook((closes: boolean) => useSaving((why) => `Could not save: ${why}.`, { closes }), root(), true);
    await act(() => h.result().save(() => Promise.reject(new Error('offline'))));
    expect(h.result()).toMatchObject({ saving: false, error: 'Could not save: offline.' });
    let writes = 0;
    await act(() => h.result().save(async () => void writes++));
    await act(() => h.result().save(async () => void writes++));
    expect(h.result().saving).toBe(true);
    expect(writes).toBe(1);
  });

  it("shows the form's own finding until the next save", async () => {
    const h = staysOpen();
    act(() => h.result().setError('Answer at least one question, or write a note.'));
    expect(h.result().error).toBe('Answer at least one question, or write a note.');
    const w = pending();
    act(() => void h.result().save(() => w.done));
    expect(h.result().error).toBe('');
    await act(async () => w.finish());
  });
});
