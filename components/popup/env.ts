import type { LessonDb } from '@/lib/db/database';
import type { Lesson, LessonDraftInput, LessonPatch, Source, Visibility } from '@/lib/lesson';
import type { PageInfo } from '@/lib/platform/page';

export interface PopupPrefs {
  displayName: string;
  defaultVisibility: Visibility;
}

/**
 * What the popup needs from the extension, handed in by the entrypoint so the components stay
 * free of `browser.*`: reads come from Dexie, writes go to the background worker.
 */
export interface PopupEnv {
  db: LessonDb;
  /** The person's name (asker of questions) and the visibility new lessons start with. */
  prefs: Promise<PopupPrefs>;
  saveLesson: (draft: LessonDraftInput) => Promise<Lesson>;
  /** Saves a quick "Why…?" as an open question on the page. */
  askQuestion: (text: string, page: PageInfo, askedBy?: string) => Promise<Lesson>;
  updateLesson: (id: string, patch: LessonPatch) => Promise<Lesson>;
  deleteLessons: (ids: string[]) => Promise<unknown>;
  suggestTags: (source: Source) => Promise<string[]>;
  openLesson: (id: string) => void;
  copyText: (text: string) => Promise<void>;
  now: () => Date;
}
