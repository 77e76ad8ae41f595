import { liveQuery } from 'dexie';
import { useEffect, useState } from 'preact/hooks';
import { errorText } from '@/lib/error-text';

export type Live<T> = { state: 'loading' } | { state: 'ready'; value: T } | { state: 'error'; error: string };

/** A Dexie query kept current: it re-runs when the background worker writes what it read. */
export function useLive<T>(query: (() => Promise<T>) | null, deps: unknown[]): Live<T> {
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
