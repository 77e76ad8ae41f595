/**
 * Filters typed but not yet in the library's URL (they are written once they settle,
 * components/library/useUrlState.ts). A reload opens the URL as it is, so they are kept in the
 * tab's sessionStorage too, beside the query they were typed over: a reload of that query opens
 * with them.
 */
const KEY = 'lessonmark.library.pendingQuery';

/** A URL's query as the library writes it: `?a=b`, or nothing. */
export function searchOf(params: URLSearchParams): string {
  const query = params.toString();
  return query ? `?${query}` : '';
}

export function notePendingQuery(storage: Storage, from: string, to: string): void {
  try {
    storage.setItem(KEY, JSON.stringify({ from, to }));
  } catch {
    // Storage full or turned off: only a reload's filters are at stake.
  }
}

export function clearPendingQuery(storage: Storage): void {
  try {
    storage.removeItem(KEY);
  } catch {
    // As above.
  }
}

/** The query to open instead of `current`, when filters were typed over it and not written; forgotten once read. */
export function takePendingQuery(storage: Storage, current: string): string | null {
  let raw: string | null;
  try {
    raw = storage.getItem(KEY);
    storage.removeItem(KEY);
  } catch {
    return null;
  }
  try {
    const { from, to } = JSON.parse(raw ?? 'null') ?? {};
    return from === current && typeof to === 'string' && (to === '' || to.startsWith('?')) ? to : null;
  } catch {
    return null;
  }
}
