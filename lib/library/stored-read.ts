import { readKeptRow, type KeptRowRead } from '../db/read';

/** The stored library index's key in `lessonIndexes` (kept-library.ts stores it there). */
export const STORED_INDEX_KEY = 'library';

export type StoredIndexRead = KeptRowRead;

/**
 * Reads the stored library index while the page's code loads and its first rows are drawn: the
 * database's own part of the read (tens of ms at 100,000 lessons) is then done by the time the
 * index is wanted, and the row is made into objects only when `value()` is called, so the first
 * paint does not wait on it.
 */
export function readStoredIndex(name?: string): Promise<StoredIndexRead | null> {
  return readKeptRow(STORED_INDEX_KEY, name);
}
