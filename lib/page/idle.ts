/** The longest a read waits for the browser to be idle: a busy page still gets its badge. */
export const IDLE_TIMEOUT_MS = 2000;

type IdleWindow = Window & {
  requestIdleCallback?: (cb: () => void, options?: { timeout: number }) => number;
};

/**
 * Runs `work` when the page's main thread is idle (`requestIdleCallback`), at the latest after
 * `timeoutMs`, so the page's own loading never waits on ours. Browsers without idle callbacks get a
 * plain timeout.
 */
export function whenIdle<T>(win: Window, work: () => T, timeoutMs = IDLE_TIMEOUT_MS): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const run = () => {
      try {
        resolve(work());
      } catch (e) {
        reject(e);
      }
    };
    const idle = (win as IdleWindow).requestIdleCallback;
    if (idle) idle.call(win, run, { timeout: timeoutMs });
    else win.setTimeout(run, 0);
  });
}
