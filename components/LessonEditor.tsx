import { useEffect, useRef, useState } from 'preact/hooks';
import type { Action, Lesson, LessonPatch } from '@/lib/lesson';
import { KINDS, VISIBILITIES } from '@/lib/lesson-basics';
import { askedAs, KIND_LABEL } from '@/lib/pillars';
import { httpHref } from '@/lib/safe-url';
import { answersFor, draftOf, newAction, patchOf, setActionDone, type EditDraft } from '@/lib/library/edit';
import { TagInput } from './TagInput';
import { useFocusOnOpen } from './focus-on-open';
import { useSaving } from './hooks/useSaving';
import { FindingsPanel, type Redactable } from './redact/FindingsPanel';
import { t } from '@/lib/i18n';

interface Props {
  lesson: Lesson;
  tagSuggestions?: string[];
  /** Writes the patch (through the background); rejects with a message to show. */
  onSave: (patch: LessonPatch) => Promise<unknown>;
  onDelete?: () => void;
  onClose: () => void;
}

/** Every field of a lesson a person may change: title, kind, note, answers, actions, tags, visibility. */
export function LessonEditor({ lesson, tagSuggestions = [], onSave, onDelete, onClose }: Props) {
  const [draft, setDraft] = useState<EditDraft>(() => draftOf(lesson));
  const { saving, error, setError, save: run } = useSaving((why) => t('common.notSaved', { error: why }));
  const titleRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    setDraft(draftOf(lesson));
    setError('');
  }, [lesson.id, lesson.updatedAt]);
  useFocusOnOpen(() => titleRef.current, [lesson.id]);

  const set = <K extends keyof EditDraft>(key: K, value: EditDraft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const setAction = (id: string, change: (a: Action) => Action) =>
    set('actions', draft.actions.map((a) => (a.id === id ? change(a) : a)));
  const patch = patchOf(lesson, draft);
  const dirty = patch !== null;

  const save = async (e?: Event) => {
    e?.preventDefault();
    if (!patch) return;
    await run(() => onSave(patch));
  };

  // A Redact or Keep is stored at once, with the edits so far: the quote and its anchor change with it.
  const decide = (next: Redactable) => {
    const nextDraft = { ...draft, title: next.title, note: next.note, answers: next.answers, actions: next.actions };
    setDraft(nextDraft);
    const decided = { quote: next.quote, keptSecrets: next.keptSecrets ?? [], ...(next.anchor ? { anchor: next.anchor } : {}) };
    void run(() => onSave({ ...patchOf(lesson, nextDraft), ...decided }));
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.stopPropagation();
      onClose();
    } else if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      void save(e);
    }
  };
  const fid = (name: string) => `edit-${lesson.id}-${name}`;

  const href = httpHref(lesson.source.url);
  return (
    <form class="lesson-editor" aria-label={t('sidepanel.editForm')} onSubmit={save} onKeyDown={onKeyDown}>
      <header class="editor-head">
        <h2>{t('sidepanel.editForm')}</h2>
        <button type="button" class="icon-button" aria-label={t('editor.close')} onClick={onClose}>
          ×
        </button>
      </header>
      {href ? (
        <a class="editor-source" href={href} target="_blank" rel="noopener noreferrer">
          {lesson.source.title || lesson.source.url}
        </a>
      ) : (
        <p class="editor-source">{lesson.source.title || lesson.source.url}</p>
      )}
      {lesson.question && <p class="editor-question">{t('editor.asked', { question: lesson.question.text })}</p>}
      {lesson.quote && <blockquote class="editor-quote">{lesson.quote}</blockquote>}
      <label class="field">
        <span>{t('common.title')}</span>
        <input ref={titleRef} id={fid('title')} value={draft.title} maxLength={300} onInput={(e) => set('title', e.currentTarget.value)} />
      </label>
      <label class="field">
        <span>{t('library.kind')}</span>
        <select
          value={draft.kind}
          onChange={(e) => {
            const kind = e.currentTarget.value as EditDraft['kind'];
            setDraft((d) => ({ ...d, kind, answers: answersFor(kind, d.answers) }));
          }}
        >
          {KINDS.map((k) => (
            <option key={k} value={k}>
              {KIND_LABEL[k]}
            </option>
          ))}
        </select>
      </label>
      {draft.answers.map((a, i) => (
        <label class="field" key={a.question}>
          <span>{askedAs(a.question)}</span>
          <textarea
            rows={2}
            value={a.answer}
            onInput={(e) => {
              const answer = e.currentTarget.value;
              set('answers', draft.answers.map((x, j) => (j === i ? { ...x, answer } : x)));
            }}
          />
        </label>
      ))}
      <label class="field">
        <span>{t('common.note')}</span>
        <textarea rows={3} value={draft.note} onInput={(e) => set('note', e.currentTarget.value)} />
      </label>
      <fieldset class="editor-actions">
        <legend>{t('export.actions')}</legend>
        {draft.actions.map((a) => (
          <div class="action-row" key={a.id}>
            <input
              type="checkbox"
              aria-label={t('popup.actionDone', { action: a.text || t('editor.newAction') })}
              checked={a.done}
              onChange={(e) => setAction(a.id, (x) => setActionDone(x, e.currentTarget.checked))}
            />
            <input
              class="action-text"
              aria-label={t('forms.action')}
              placeholder={t('editor.actionPlaceholder')}
              value={a.text}
              onInput={(e) => {
                const text = e.currentTarget.value;
                setAction(a.id, (x) => ({ ...x, text }));
              }}
            />
            <input
              class="action-owner"
              aria-label={t('forms.owner')}
              placeholder={t('forms.owner')}
              value={a.owner ?? ''}
              onInput={(e) => {
                const owner = e.currentTarget.value;
                setAction(a.id, (x) => ({ ...x, owner }));
              }}
            />
            <input
              type="date"
              aria-label={t('forms.due')}
              value={a.due ?? ''}
              onInput={(e) => {
                const due = e.currentTarget.value;
                setAction(a.id, (x) => ({ ...x, due }));
              }}
            />
            <button
              type="button"
              class="icon-button"
              aria-label={t('forms.removeAction', { action: a.text })}
              onClick={() => set('actions', draft.actions.filter((x) => x.id !== a.id))}
            >
              ×
            </button>
          </div>
        ))}
        <button type="button" class="secondary" onClick={() => set('actions', [...draft.actions, newAction()])}>
          {t('editor.addAction')}
        </button>
      </fieldset>
      <div class="field">
        <span>{t('forms.tags')}</span>
        <TagInput id={fid('tags')} tags={draft.tags} suggestions={tagSuggestions} onChange={(tags) => set('tags', tags)} />
      </div>
      <fieldset class="editor-visibility">
        <legend>{t('library.visibility')}</legend>
        {VISIBILITIES.map((v) => (
          <label key={v}>
            <input type="radio" name={fid('visibility')} value={v} checked={draft.visibility === v} onChange={() => set('visibility', v)} />
            {v === 'team' ? t('editor.team') : t('editor.private')}
          </label>
        ))}
      </fieldset>
      {draft.visibility === 'team' && <FindingsPanel value={{ ...lesson, title: draft.title, note: draft.note, answers: draft.answers, actions: draft.actions }} onChange={decide} />}
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <footer class="editor-foot">
        {onDelete && (
          <button type="button" class="danger" onClick={onDelete}>
            {t('peek.delete')}
          </button>
        )}
        <span class="hint">{dirty ? t('editor.unsaved') : t('editor.noChanges')}</span>
        <button type="button" class="secondary" onClick={onClose}>
          {t('peek.close')}
        </button>
        <button type="submit" class="primary" disabled={!dirty || saving}>
          {saving ? t('common.saving') : t('common.save')}
        </button>
      </footer>
    </form>
  );
}
