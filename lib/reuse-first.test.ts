import { describe, expect, it, vi } from 'vitest';
import { reuseFirst, startEarly } from './reuse-first';

describe('reuseFirst', () => {
  it('answers the first call with the early result and runs later calls afresh', async () => {
    const fn = vi.fn(async (n: number) => n * 10);
    const call = reuseFirst(fn, startEarly(Promise.resolve(2), fn));
    expect(await call(2)).toBe(20);
    expect(fn).toHaveBeenCalledTimes(1);
    expect(await call(2)).toBe(20);
    expect(fn).toHaveBeenCalledTimes(2);
  });

  it('runs afresh when the first call has another argument', async () => {
    const fn = vi.fn(async (n: number) => n * 10);
    const call = reuseFirst(fn, startEarly(Promise.resolve(2), fn));
    expect(await call(3)).toBe(30);
    expect(fn.mock.calls.map(([n]) => n)).toEqual([2, 3]);
  });

  it('runs afresh when the early call failed or had nothing to start', async () => {
    let fail = true;
    const fn = vi.fn(async (n: number) => {
      if (fail) {
        fail = false;
        throw new Error('worker asleep');
      }
      return n;
    });
    expect(await reuseFirst(fn, startEarly(Promise.resolve(1), fn))(1)).toBe(1);
    const none = vi.fn(async (n: number) => n);
    expect(await reuseFirst(none, startEarly(Promise.resolve(null), none))(4)).toBe(4);
    expect(none).toHaveBeenCalledTimes(1);
  });
});
