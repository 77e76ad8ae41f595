export interface Injected<T> {
  (): Promise<T>;
  /** Whether it was asked for and has not failed: loaded, or on its way. */
  asked(): boolean;
}

/**
 * A script the worker injects on request, once: `present` finds what it left on the isolated
 * world's global object, `inject` asks for it. Asked again after a failed injection (the worker
 * was restarting, say), never twice at once.
 */
export function injectOnce<T>(present: () => T | undefined, inject: () => Promise<unknown>): Injected<T> {
  let loading: Promise<T> | null = null;
  const get = () =>
    (loading ??= (present() ? Promise.resolve() : inject())
      .then(() => {
        const loaded = present();
        if (!loaded) throw new Error('The injected script did not start');
        return loaded;
      })
      .catch((e: unknown) => {
        loading = null;
        throw e;
      }));
  return Object.assign(get, { asked: () => loading !== null });
}
