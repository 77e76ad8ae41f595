import { useRef, useState } from 'preact/hooks';
import type { Lesson, LessonPatch } from '@/lib/lesson';
import { MAX_TITLE } from '@/lib/lesson-basics';
import { useFocusOnOpen } from '../focus-on-open';
import { useSaving } from '../hooks/useSaving';
import { t } from '@/lib/i18n';

interface Props {
  lesson: Lesson;
  onSave: (id: string, patch: LessonPatch) => Promise<unknown>;
  onClose: () => void;
}

/** Quick edit of a lesson's title and note; everything else is edited in the library. */
export function EditForm({ lesson, onSave, onClose }: Props) {
  const [title, setTitle] = useState(lesson.title);
  const [note, setNote] = useState(lesson.note);
  const { saving, error, save: run } = useSaving((why) => t('common.notSaved', { error: why }), { closes: true });
  const first = useRef<HTMLInputElement>(null);
  useFocusOnOpen(() => first.current);

  const save = async () => {
    if (title.trim() === lesson.title && note === lesson.note) return onClose();
    await run(async () => {
      await onSave(lesson.id, { title: title.trim(), note });
      onClose();
    });
  };

  return (
    <form
      class="edit-form"
      aria-label={t('sidepanel.editForm')}
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          onClose();
        } else if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
          e.preventDefault();
          void save();
        }
      }}
    >
      <label class="field">
        <span>{t('common.title')}</span>
        <input ref={first} value={title} maxLength={MAX_TITLE} onInput={(e) => setTitle(e.currentTarget.value)} />
      </label>
      <label class="field">
        <span>{t('common.note')}</span>
        <textarea rows={4} value={note} onInput={(e) => setNote(e.currentTarget.value)} />
      </label>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <div class="form-foot">
        <span class="hint">{t('sidepanel.editKeys')}</span>
        <button type="button" class="secondary" onClick={onClose}>
          {t('common.cancel')}
        </button>
        <button type="submit" class="primary" disabled={saving}>
          {t('common.save')}
        </button>
      </div>
    </form>
  );
}
