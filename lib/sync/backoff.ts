export const BACKOFF_BASE_MS = 5_000;
export const BACKOFF_MAX_MS = 30 * 60_000;

/**
 * Wait after the n-th consecutive failure: exponential with "equal jitter" (half fixed, half
 * random) so a team's clients don't retry in lockstep. A 429 with Retry-After waits what the server asked.
 */
export function backoffDelay(failures: number, random: () => number, retryAfterSeconds?: number): number {
  const exp = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, failures - 1));
  const jittered = exp / 2 + random() * (exp / 2);
  if (retryAfterSeconds === undefined) return Math.round(jittered);
  // Honour the server's wait, plus up to a second of jitter so throttled clients spread out.
  return Math.round(retryAfterSeconds * 1000 + random() * 1000);
}
