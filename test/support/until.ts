import { act } from 'preact/test-utils';

/** Lets timers, database reads and the renders they cause run (inside `act`, so effects flush). */
export const settle = (ms = 20) => act(() => new Promise<void>((r) => setTimeout(r, ms)));

/** Waits for what a test expects of a component fed by asynchronous reads; fails after `timeoutMs`. */
export async function until(check: () => boolean, timeoutMs = 5000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error('the page did not get there in time');
    await settle();
  }
}
