/** A call started early, before anyone asked for it: its argument, and its result when it settles. */
export type EarlyCall<A, R> = Promise<{ arg: A; result: Promise<R> } | null>;

/**
 * `fn`, except that its first call, when made with the argument of `early`, returns the result
 * `early` already started: a page can begin its first reads while its script is still rendering,
 * and its components ask for them as usual. Later calls, other arguments and a failed early call
 * all run `fn` afresh.
 */
export function reuseFirst<A, R>(fn: (arg: A) => Promise<R>, early: EarlyCall<A, R>): (arg: A) => Promise<R> {
  let pending: EarlyCall<A, R> | null = early;
  return async (arg) => {
    const started = pending;
    pending = null;
    const hit = started && (await started.catch(() => null));
    if (hit && hit.arg === arg) {
      try {
        return await hit.result;
      } catch {
        return fn(arg);
      }
    }
    return fn(arg);
  };
}

/** Starts `fn` on the argument once it is known (null: nothing to start), for `reuseFirst`. */
export function startEarly<A, R>(arg: Promise<A | null | undefined>, fn: (arg: A) => Promise<R>): EarlyCall<A, R> {
  return arg.then((a) => {
    if (a == null) return null;
    const result = fn(a);
    // Nobody may ask for it (the page moved on): its failure is reported by the call that does.
    result.catch(() => {});
    return { arg: a, result };
  });
}
