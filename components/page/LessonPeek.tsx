import { useState } from 'preact/hooks';
import type { Lesson, LessonPatch, Pillar } from '@/lib/lesson';
import { lessonTitle } from '@/lib/lesson-basics';
import { afterTitle } from '@/lib/lesson-words';
import { KIND_LABEL } from '@/lib/pillars';
import { PillarPicker } from '../PillarPicker';
import { TagInput } from '../TagInput';
import { useSaving } from '../hooks/useSaving';
import { t } from '@/lib/i18n';

interface Props {
  lesson: Lesson;
  suggestions: string[];
  onSave: (patch: LessonPatch) => Promise<unknown>;
  onDelete: () => void;
  onOpen: () => void;
  onClose: () => void;
}

/** The lesson behind a highlight: read it, edit its note, kind and tags, or delete it. */
export function LessonPeek({ lesson, suggestions, onSave, onDelete, onOpen, onClose }: Props) {
  const [editing, setEditing] = useState(false);
  // A title made from the note is its first sentence: the note goes on from there.
  const noteRest = afterTitle(lessonTitle(lesson), lesson.note);
  const [note, setNote] = useState(lesson.note);
  const [kind, setKind] = useState<Pillar>(lesson.kind === 'question' ? 'experience' : lesson.kind);
  const [tags, setTags] = useState(lesson.tags);
  const { error, save: run } = useSaving((why) => t('forms.saveFailed', { error: why }));

  const save = () =>
    run(async () => {
      await onSave({ note, tags, ...(lesson.kind === 'question' ? {} : { kind }) });
      setEditing(false);
    });

  return (
    <section
      class={`card peek peek-${lesson.kind}`}
      role="dialog"
      aria-label={t('peek.label', { title: lessonTitle(lesson) })}
      onKeyDown={(e) => e.key === 'Escape' && (editing ? setEditing(false) : onClose())}
    >
      <header class="card-head">
        <span class={`kind kind-${lesson.kind}`}>{KIND_LABEL[lesson.kind]}</span>
        <strong>{lessonTitle(lesson)}</strong>
      </header>
      {editing ? (
        <form
          class="peek-edit"
          // Save acts on the button's click, which only real input reaches: requestSubmit() from a
          // script fires a submit event that looks trusted.
          onSubmit={(e) => e.preventDefault()}
        >
          {lesson.kind !== 'question' && <PillarPicker name={`peek-kind-${lesson.id}`} value={kind} onChange={setKind} />}
          <label class="field">
            <span>{t('common.note')}</span>
            <textarea class="note" rows={6} value={note} onInput={(e) => setNote((e.target as HTMLTextAreaElement).value)} />
          </label>
          <div class="field">
            <span id="lessonmark-peek-tags">{t('forms.tags')}</span>
            <TagInput tags={tags} suggestions={suggestions} onChange={setTags} labelledBy="lessonmark-peek-tags" />
          </div>
          {error && (
            <p class="error" role="alert">
              {error}
            </p>
          )}
          <footer class="card-foot">
            <button type="button" class="secondary" onClick={() => setEditing(false)}>
              {t('common.cancel')}
            </button>
            <button type="submit" class="primary" onClick={() => void save()}>
              {t('common.save')}
            </button>
          </footer>
        </form>
      ) : (
        <>
          {noteRest && <p class="peek-note">{noteRest}</p>}
          {lesson.tags.length > 0 && (
            <ul class="chips" aria-label={t('forms.tags')}>
              {lesson.tags.map((tag) => (
                <li key={tag} class="chip">
                  {tag}
                </li>
              ))}
            </ul>
          )}
          <footer class="card-foot">
            <button type="button" class="secondary" onClick={onOpen}>
              {t('sidepanel.open')}
            </button>
            <button type="button" class="secondary" onClick={() => setEditing(true)}>
              {t('sidepanel.edit')}
            </button>
            <button type="button" class="secondary danger" onClick={onDelete}>
              {t('peek.delete')}
            </button>
            <button type="button" class="toast-x" aria-label={t('peek.close')} onClick={onClose}>
              ×
            </button>
          </footer>
        </>
      )}
    </section>
  );
}
