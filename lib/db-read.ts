import type { Lesson } from './lesson';

/** The one database's name; its schema and versions live in lib/db.ts (Dexie). */
export const DB_NAME = 'lessonmark';

/**
 * The lessons of one work item, read with plain IndexedDB so a page can draw them before Dexie
 * (about 100 KB of script) has loaded. It never creates or upgrades the database, which is
 * Dexie's to version: a database that does not exist yet reads as no lessons.
 */
export function lessonsOnWorkItem(workItem: string, name = DB_NAME): Promise<Lesson[]> {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open(name);
    // Only fired for a database that does not exist: aborting leaves none behind.
    open.onupgradeneeded = () => open.transaction?.abort();
    open.onerror = (e) => {
      e.preventDefault();
      if (open.error?.name === 'AbortError') resolve([]);
      else reject(open.error);
    };
    open.onsuccess = () => {
      const db = open.result;
      db.onversionchange = () => db.close();
      if (!db.objectStoreNames.contains('lessons')) {
        db.close();
        resolve([]);
        return;
      }
      const read = db.transaction('lessons', 'readonly').objectStore('lessons').index('source.workItem').getAll(workItem);
      read.onsuccess = () => resolve(read.result as Lesson[]);
      read.onerror = () => reject(read.error);
      read.transaction!.oncomplete = () => db.close();
    };
  });
}
