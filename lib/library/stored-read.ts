import { DB_NAME, openForReading } from '../db/read';

/** The stored library index's key in `lessonIndexes` (kept-library.ts stores it there). */
export const STORED_INDEX_KEY = 'library';

/** The stored index's row, read ahead; `value()` turns it into objects (tens of MB at 100,000 lessons). */
export interface StoredIndexRead {
  value(): unknown;
}

/**
 * Reads the stored library index with plain IndexedDB while the page's code loads and its first
 * rows are drawn: the database's own part of the read (tens of ms at 100,000 lessons) is then
 * done by the time the index is wanted. The row is made into objects only when `value()` is
 * called, so the first paint does not wait on it. Null when there is no database or store yet.
 */
export async function readStoredIndex(name = DB_NAME): Promise<StoredIndexRead | null> {
  const db = await openForReading(name);
  if (!db) return null;
  if (!db.objectStoreNames.contains('lessonIndexes')) {
    db.close();
    return null;
  }
  return new Promise((resolve, reject) => {
    const tx = db.transaction('lessonIndexes', 'readonly');
    tx.oncomplete = tx.onabort = () => db.close();
    const read = tx.objectStore('lessonIndexes').get(STORED_INDEX_KEY);
    read.onsuccess = () => resolve({ value: () => (read.result as { value?: unknown } | undefined)?.value });
    read.onerror = () => reject(read.error);
  });
}
