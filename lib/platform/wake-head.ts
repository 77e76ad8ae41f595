import { DB_NAME, readKeptRow } from '../db/read';
import { parseHttpUrl } from '../url';

/** The stored related index's key in `lessonIndexes`: its head; its blocks of text postings are parts beside it. */
export const RELATED_KEY = 'related';

/**
 * The stored related index's head row as stored (unchecked: lib/platform/related-index.ts checks
 * it against the lessons), read with plain IndexedDB so the worker can start the read before Dexie
 * and zod are even evaluated. Undefined when there is none, or no database yet (nothing is created).
 */
export async function readHeadPlain(name = DB_NAME): Promise<unknown> {
  return (await readKeptRow(RELATED_KEY, name))?.value();
}

/**
 * The head, read at once when a tab in front shows a web page (a wake for a blank tab or a browser
 * page reads no index, as with the badge itself: lib/platform/badge.ts); undefined otherwise or on failure.
 */
export async function readHeadForWebTabs(activeUrls: Promise<string[]>, name = DB_NAME): Promise<unknown> {
  try {
    return (await activeUrls).some((url) => parseHttpUrl(url) !== null) ? await readHeadPlain(name) : undefined;
  } catch {
    return undefined;
  }
}
