import { DB_NAME, openForReading } from '../db/read';
import { parseHttpUrl } from '../url';

/** The stored related index's key in `lessonIndexes`: its head; its blocks of text postings are parts beside it. */
export const RELATED_KEY = 'related';

/**
 * The stored related index's head row as stored (unchecked: lib/platform/related-index.ts checks
 * it against the lessons), read with plain IndexedDB so the worker can start the read before Dexie
 * and zod are even evaluated. Undefined when there is none, or no database yet (nothing is created).
 */
export async function readHeadPlain(name = DB_NAME): Promise<unknown> {
  const db = await openForReading(name);
  if (!db) return undefined;
  if (!db.objectStoreNames.contains('lessonIndexes')) {
    db.close();
    return undefined;
  }
  return new Promise((resolve, reject) => {
    const read = db.transaction('lessonIndexes', 'readonly').objectStore('lessonIndexes').get(RELATED_KEY);
    read.onsuccess = () => resolve((read.result as { value?: unknown } | undefined)?.value);
    read.onerror = () => reject(read.error);
    // Closes once the read is done: an upgrade by Dexie never waits on this connection.
    db.close();
  });
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

/** Asks a tab's content script for its gist (the badge's `readGist` message); its reply, unchecked. */
export type AskGist = (tabId: number) => Promise<unknown>;

/**
 * Asks each web tab in front for its gist at once, at the worker's start, so the replies are on
 * their way while the worker's modules are evaluated. Each is given once (`take`), to the count of
 * that tab while it still shows the URL it was asked at; otherwise, or when it failed, undefined
 * and the count asks again. The reply is the tab's own, checked by the count like any reply.
 */
export function askGistsAhead(tabs: Promise<{ id?: number; url?: string }[]>, ask: AskGist) {
  const asked = new Map<number, { url: string; reply: Promise<unknown> }>();
  const ready = tabs.then(
    (list) => {
      for (const { id, url } of list) {
        if (id == null || !url || parseHttpUrl(url) === null) continue;
        const reply = ask(id).catch(() => undefined);
        asked.set(id, { url, reply });
      }
    },
    () => {},
  );
  return {
    /** The reply asked ahead for `tabId` if the tab still shows `urlNow`, once; undefined otherwise. */
    async take(tabId: number, urlNow: Promise<string | undefined>): Promise<unknown> {
      await ready;
      const ahead = asked.get(tabId);
      asked.delete(tabId);
      if (!ahead) return undefined;
      return (await urlNow.catch(() => undefined)) === ahead.url ? ahead.reply : undefined;
    },
    /** Lets go of the replies nobody took (a wake for an alarm, or a tab never counted). */
    forget: () => asked.clear(),
  };
}
