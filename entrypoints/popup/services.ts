import type { PopupEnv } from '@/components/popup/env';
import { openDb } from '@/lib/db/database';
import { sendMessage } from '@/lib/messaging';
import { getSettings } from '@/lib/platform/settings-storage';
import { openLibrary } from '@/lib/platform/tabs';
import { questionDraft } from '@/lib/questions';

/** The popup's services; loaded after the "Why…?" box is on screen (Dexie and zod are most of the weight). */
export function popupEnv(): PopupEnv {
  const saveLesson: PopupEnv['saveLesson'] = (draft) => sendMessage('saveLesson', draft);
  const now = () => new Date();
  return {
    db: openDb(),
    prefs: getSettings(),
    saveLesson,
    askQuestion: (text, page, askedBy) => saveLesson(questionDraft(text, page, now(), askedBy)),
    updateLesson: (id, patch) => sendMessage('updateLesson', { id, patch }),
    deleteLessons: (ids) => sendMessage('deleteLessons', { ids }),
    suggestTags: (source) => sendMessage('suggestTags', { source }),
    openLesson: (id) => void openLibrary(id),
    copyText: (text) => navigator.clipboard.writeText(text),
    now,
  };
}
