import type { Lesson } from './lesson';

/** The one database's name; its schema and versions live in lib/db.ts (Dexie). */
export const DB_NAME = 'lessonmark';

/*
 * Reads of the lessons table with plain IndexedDB, so a page can draw its first lessons before
 * Dexie (about 100 KB of script) has loaded. They never create or upgrade the database, which is
 * Dexie's to version: a database that does not exist yet reads as no lessons.
 */

type Read<T> = (lessons: IDBObjectStore, done: (value: T) => void, fail: (error: unknown) => void) => void;

function readLessons<T>(name: string, empty: T, read: Read<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open(name);
    // Only fired for a database that does not exist: aborting leaves none behind.
    open.onupgradeneeded = () => open.transaction?.abort();
    open.onerror = (e) => {
      e.preventDefault();
      if (open.error?.name === 'AbortError') resolve(empty);
      else reject(open.error);
    };
    open.onsuccess = () => {
      const db = open.result;
      db.onversionchange = () => db.close();
      if (!db.objectStoreNames.contains('lessons')) {
        db.close();
        resolve(empty);
        return;
      }
      const tx = db.transaction('lessons', 'readonly');
      tx.oncomplete = tx.onabort = () => db.close();
      read(tx.objectStore('lessons'), resolve, reject);
    };
  });
}

/** The lessons stored on one work item, deleted ones included (the caller decides). */
export function lessonsOnWorkItem(workItem: string, name = DB_NAME): Promise<Lesson[]> {
  return readLessons<Lesson[]>(name, [], (lessons, done, fail) => {
    const read = lessons.index('source.workItem').getAll(workItem);
    read.onsuccess = () => done(read.result as Lesson[]);
    read.onerror = () => fail(read.error);
  });
}

/** The newest live lessons by capture time, walking the createdAt index past tombstones. */
export function newestLessons(limit: number, name = DB_NAME): Promise<Lesson[]> {
  return readLessons<Lesson[]>(name, [], (lessons, done, fail) => {
    const out: Lesson[] = [];
    const walk = lessons.index('createdAt').openCursor(null, 'prev');
    walk.onsuccess = () => {
      const cursor = walk.result;
      if (cursor && !(cursor.value as Lesson).deletedAt) out.push(cursor.value as Lesson);
      if (!cursor || out.length >= limit) done(out);
      else cursor.continue();
    };
    walk.onerror = () => fail(walk.error);
  });
}
