import { useEffect, useState } from 'preact/hooks';
import type { LessonDb } from '@/lib/db/database';
import { errorText } from '@/lib/error-text';
import type { Lesson } from '@/lib/lesson';
import type { Notify } from './useToast';
import { t } from '@/lib/i18n';

export type OpenLesson = { at: 'none' } | { at: 'reading' } | { at: 'missing' } | { at: 'open'; lesson: Lesson };

/**
 * The lesson open in the editor, read again whenever the library changes (`version`), so the
 * editor shows another tab's edit, and says so when the lesson was deleted.
 */
export function useOpenLesson(db: LessonDb, id: string | null, version: number, notify: Notify): [OpenLesson, (lesson: Lesson) => void] {
  const [state, setState] = useState<OpenLesson>({ at: 'none' });

  useEffect(() => {
    if (!id) {
      setState({ at: 'none' });
      return;
    }
    let live = true;
    // The lesson shown stays until the next one is read: the editor does not blink on every change.
    setState((s) => (s.at === 'open' ? s : { at: 'reading' }));
    db.lessons
      .get(id)
      .then((l) => live && setState(!l || l.deletedAt ? { at: 'missing' } : { at: 'open', lesson: l }))
      .catch((e) => live && notify(t('library.lessonFailed', { error: errorText(e) }), 'error'));
    return () => {
      live = false;
    };
  }, [db, id, version]);

  return [state, (lesson) => setState({ at: 'open', lesson })];
}
