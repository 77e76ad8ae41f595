import Dexie, { type EntityTable } from 'dexie';
import type { Lesson } from './lesson';

/** Small key/value facts the database keeps beside the lessons (sync cursor, counters). */
export interface MetaRow {
  key: string;
  value: unknown;
}

export type LessonDb = Dexie & {
  lessons: EntityTable<Lesson, 'id'>;
  meta: EntityTable<MetaRow, 'key'>;
};

export const DB_NAME = 'lessonmark';

/**
 * The one database. Every change of index is a new version; versions are never edited once
 * released, and an upgrade function moves data when the shape changes.
 */
export function openDb(name = DB_NAME): LessonDb {
  const db = new Dexie(name) as LessonDb;
  db.version(1).stores({
    lessons: 'id, kind, *tags, source.workItem, source.project, source.site, updatedAt, createdAt',
    meta: 'key',
  });
  return db;
}
