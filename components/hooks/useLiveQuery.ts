import { liveQuery } from 'dexie';
import { useEffect, useState } from 'preact/hooks';
import { errorText } from '@/lib/error-text';

/** A query's answer as a page shows it: still reading, read, or failed with the words to say why. */
export type Live<T> = { state: 'loading' } | { state: 'ready'; value: T } | { state: 'error'; error: string };

/**
 * A Dexie query kept current: it re-runs when anyone (the background worker, another page) writes
 * what it read. A null query waits (nothing to ask yet) and keeps the last answer.
 */
export function useLiveQuery<T>(query: (() => Promise<T>) | null, deps: unknown[]): Live<T> {
  const [live, setLive] = useState<Live<T>>({ state: 'loading' });
  useEffect(() => {
    if (!query) return;
    const sub = liveQuery(query).subscribe({
      next: (value) => setLive({ state: 'ready', value }),
      error: (e) => setLive({ state: 'error', error: errorText(e) }),
    });
    return () => sub.unsubscribe();
  }, deps);
  return live;
}

/** The answer once read; undefined while reading or after a failure. */
export const liveValue = <T>(live: Live<T>): T | undefined => (live.state === 'ready' ? live.value : undefined);
