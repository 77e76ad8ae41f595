import type { Lesson } from '../lesson';

/** The one database's name; its schema and versions live in lib/db/database.ts (Dexie). */
export const DB_NAME = 'lessonmark';

/*
 * Reads of the lessons table with plain IndexedDB, so a page can draw its first lessons before
 * Dexie (about 100 KB of script) has loaded. They never create or upgrade the database, which is
 * Dexie's to version: a database that does not exist yet reads as no lessons.
 */

type Read<T> = (lessons: IDBObjectStore, done: (value: T) => void, fail: (error: unknown) => void) => void;

/** A database name, or a connection opened ahead with `openForReading` (closed after its read). */
export type ReadFrom = string | Promise<IDBDatabase | null>;

/**
 * Opens the database for plain reads: null when it does not exist yet (nothing is created) or has
 * no lessons. A page can open it while it waits to learn what to read.
 */
export function openForReading(name = DB_NAME): Promise<IDBDatabase | null> {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open(name);
    // Only fired for a database that does not exist: aborting leaves none behind.
    open.onupgradeneeded = () => open.transaction?.abort();
    open.onerror = (e) => {
      e.preventDefault();
      if (open.error?.name === 'AbortError') resolve(null);
      else reject(open.error);
    };
    open.onsuccess = () => {
      const db = open.result;
      db.onversionchange = () => db.close();
      if (db.objectStoreNames.contains('lessons')) resolve(db);
      else {
        db.close();
        resolve(null);
      }
    };
  });
}

async function readLessons<T>(from: ReadFrom, empty: T, read: Read<T>): Promise<T> {
  const db = await (typeof from === 'string' ? openForReading(from) : from);
  if (!db) return empty;
  return new Promise((resolve, reject) => {
    const tx = db.transaction('lessons', 'readonly');
    tx.oncomplete = tx.onabort = () => db.close();
    read(tx.objectStore('lessons'), resolve, reject);
  });
}

/** The lessons stored on one work item, deleted ones included (the caller decides). */
export function lessonsOnWorkItem(workItem: string, from: ReadFrom = DB_NAME): Promise<Lesson[]> {
  return readLessons<Lesson[]>(from, [], (lessons, done, fail) => {
    const read = lessons.index('source.workItem').getAll(workItem);
    read.onsuccess = () => done(read.result as Lesson[]);
    read.onerror = () => fail(read.error);
  });
}

/** The newest live lessons by capture time, walking the createdAt index past tombstones. */
export function newestLessons(limit: number, from: ReadFrom = DB_NAME): Promise<Lesson[]> {
  return readLessons<Lesson[]>(from, [], (lessons, done, fail) => {
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

/** A row of `lessonIndexes` as stored; `value()` makes it into objects (megabytes for a kept index), when the caller wants it. */
export interface KeptRowRead {
  value(): unknown;
}

/**
 * A row of the indexes kept beside the lessons (`lessonIndexes`), read with plain IndexedDB so a
 * page or the worker can start the read before Dexie and zod are evaluated; unchecked (the kept
 * index's loader checks it against the lessons). Null when there is no database or store yet.
 */
export async function readKeptRow(key: string, name = DB_NAME): Promise<KeptRowRead | null> {
  const db = await openForReading(name);
  if (!db) return null;
  if (!db.objectStoreNames.contains('lessonIndexes')) {
    db.close();
    return null;
  }
  return new Promise((resolve, reject) => {
    const read = db.transaction('lessonIndexes', 'readonly').objectStore('lessonIndexes').get(key);
    read.onsuccess = () => resolve({ value: () => (read.result as { value?: unknown } | undefined)?.value });
    read.onerror = () => reject(read.error);
    // Closes once the read is done: an upgrade by Dexie never waits on this connection.
    db.close();
  });
}
