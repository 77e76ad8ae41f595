import type { LessonDb } from '@/lib/db/database';
import type { ImportResult } from '@/lib/import/session';
import type { Lesson, LessonPatch } from '@/lib/lesson';
import type { ImportSummary } from '@/lib/library/import-plan';
import type { MessageInput, MessageOutput, WorkerMessage } from '@/lib/messages';

/**
 * What the library page needs from the extension, handed in by the entrypoint so the components
 * stay free of `browser.*`: reads come from Dexie, writes go to the background worker, whose
 * replies are the lessons as written.
 */
export interface LibraryEnv {
  db: LessonDb;
  updateLesson(id: string, patch: LessonPatch): Promise<Lesson>;
  /** One patch for many lessons, in one transaction. */
  updateLessons(ids: string[], patch: LessonPatch): Promise<Lesson[]>;
  /** Tombstones, undone by `restoreLessons`. */
  deleteLessons(ids: string[]): Promise<Lesson[]>;
  restoreLessons(ids: string[]): Promise<Lesson[]>;
  /** Reads a file (a `blob:` URL of this page) and says what importing it would do. */
  previewImport(url: string): Promise<ImportSummary>;
  applyImport(url: string): Promise<ImportResult>;
}

/** Sends one message to the worker: `sendMessage` in the page, the worker's own handlers in tests. */
export type SendToWorker = <K extends WorkerMessage>(name: K, data: MessageInput<K>) => Promise<MessageOutput<K>>;

export function libraryEnv(db: LessonDb, send: SendToWorker): LibraryEnv {
  return {
    db,
    updateLesson: (id, patch) => send('updateLesson', { id, patch }),
    updateLessons: (ids, patch) => send('updateLessons', { ids, patch }),
    deleteLessons: (ids) => send('deleteLessons', { ids }),
    restoreLessons: (ids) => send('restoreLessons', { ids }),
    previewImport: (url) => send('previewImport', { url }),
    applyImport: (url) => send('applyImport', { url }),
  };
}
