import Dexie, { type EntityTable } from 'dexie';
import { DB_NAME } from './read';
import { DUE_DATES, dueDatesMiddleware, fillDueDates, type DueDatesRow } from './due-index';
import type { Lesson } from '../lesson';
import { hostStoredWorkItems } from '../work-item';
import type { Conflict, MergeField } from '../sync/protocol';
import { retitleLessons } from './title-migration';
import { LESSON_LOG, lessonLogMiddleware, type LessonLogRow } from './lesson-log';

/** Small key/value facts the database keeps beside the lessons (sync cursor, counters). */
export interface MetaRow {
  key: string;
  value: unknown;
}

/**
 * One pending change per team lesson, coalesced: the latest op type, every field changed since
 * `baseVersion` (the server version the change was made on), and a fresh `opId` whenever the row
 * changes. `sent` once a push carrying this opId left the device (the server may have applied it).
 */
export interface OutboxRow {
  id: string;
  type: 'upsert' | 'delete';
  fields: MergeField[];
  baseVersion: number;
  opId: string;
  /** Epoch ms of the last change: pushes wait a moment so an undo never reaches the team. */
  changedAt: number;
  sent: boolean;
}

/**
 * The lessons one bulk write (an import, a change of visibility on many) newly shared with the
 * team, recorded as one row in the write's transaction instead of a row each: IndexedDB's cost is
 * per record, and 10,000 outbox rows would take as long as writing the lessons themselves. Sync
 * turns them into outbox rows (`expandShares`) before anything else reads the outbox.
 */
export interface ShareBatchRow {
  seq?: number;
  ids: string[];
  changedAt: number;
}

/** A conflict the server reported for one of this device's changes; kept until dismissed. */
export interface SyncConflictRow {
  seq?: number;
  id: string;
  title: string;
  at: string;
  /** `merged`: some fields kept the team's value; `deleted`: a teammate's delete beat this edit. */
  status: 'merged' | 'deleted';
  conflicts: Conflict[];
}

export { DB_NAME };

export type LessonDb = Dexie & {
  lessons: EntityTable<Lesson, 'id'>;
  meta: EntityTable<MetaRow, 'key'>;
  outbox: EntityTable<OutboxRow, 'id'>;
  shareBatches: EntityTable<ShareBatchRow, 'seq'>;
  syncConflicts: EntityTable<SyncConflictRow, 'seq'>;
  /** Ids the server listed during a from-scratch pull (after a reset), until it completes. */
  resetSeen: EntityTable<{ id: string }, 'id'>;
  /** The due dates of each lesson's open actions (lib/db/due-index.ts), kept by a middleware. */
  dueDates: EntityTable<DueDatesRow, 'id'>;
  /** Every write to the lessons, numbered (lib/db/lesson-log.ts), until the indexes that follow it have stored it. */
  lessonLog: EntityTable<LessonLogRow, 'seq'>;
  /** Indexes over the lessons, stored so that a wake loads them in one read (lib/platform/related-index.ts). */
  lessonIndexes: EntityTable<{ key: string; value: unknown }, 'key'>;
};

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
  db.version(2).stores({
    outbox: 'id, changedAt',
    syncConflicts: '++seq, id',
    resetSeen: 'id',
  });
  db.version(3)
    .stores({ [DUE_DATES]: 'id, *due' })
    .upgrade(fillDueDates);
  // `source.site` was never queried: an index costs every write of every lesson.
  db.version(4).stores({
    lessons: 'id, kind, *tags, source.workItem, source.project, updatedAt, createdAt',
    shareBatches: '++seq',
  });
  // Jira keys name their host: two Jira sites both have an ACME-1 (lib/work-item.ts).
  db.version(5).stores({}).upgrade(hostStoredWorkItems);
  // Titles made from the lesson, with no stored ellipsis (lib/title.ts).
  db.version(6).upgrade(retitleLessons);
  // The worker's related index, stored, and the writes since (a missing index is built again).
  db.version(7).stores({ [LESSON_LOG]: '++seq', lessonIndexes: 'key' });
  db.use(dueDatesMiddleware);
  db.use(lessonLogMiddleware);
  return db;
}
