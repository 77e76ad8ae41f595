import { useState } from 'preact/hooks';
import { completeActionPatch, dueActions, dueLabel, issueClipboardText, reopenActionPatch, type DueAction } from '@/lib/actions';
import type { Lesson } from '@/lib/lesson';
import { lessonTitle } from '@/lib/lesson-basics';
import type { PopupEnv } from './env';
import { LIST_LIMIT } from './queries';
import type { Live } from '../hooks/useLiveQuery';
import { errorText } from '@/lib/error-text';
import { t } from '@/lib/i18n';
import { CopyCheck, needsCopyCheck } from '../redact/CopyCheck';

interface Props {
  env: PopupEnv;
  live: Live<Lesson[]>;
  today: string;
}

type Note = { text: string; undo?: { lessonId: string; actionId: string } } | null;

/** Open follow-up actions that are overdue, due today or due soon; one click ticks one off. */
export function DueActions({ env, live, today }: Props) {
  const [note, setNote] = useState<Note>(null);
  const [all, setAll] = useState(false);
  const [checking, setChecking] = useState<Pick<DueAction, 'lesson' | 'action'> | null>(null);
  const report = (failed: (error: string) => string, e: unknown) => setNote({ text: failed(errorText(e)) });

  const tick = async ({ lesson, action }: DueAction) => {
    try {
      await env.updateLesson(lesson.id, completeActionPatch(lesson, action.id, env.now()));
      setNote({ text: t('popup.actionDone', { action: action.text }), undo: { lessonId: lesson.id, actionId: action.id } });
    } catch (e) {
      report((error) => t('popup.tickFailed', { error }), e);
    }
  };
  const undo = async ({ lessonId, actionId }: { lessonId: string; actionId: string }) => {
    try {
      const lesson = await env.db.lessons.get(lessonId);
      if (!lesson) throw new Error(t('popup.lessonGone'));
      await env.updateLesson(lessonId, reopenActionPatch(lesson, actionId));
      setNote({ text: t('popup.actionReopened') });
    } catch (e) {
      report((error) => t('popup.undoFailed', { error }), e);
    }
  };
  const copy = async ({ lesson, action }: Pick<DueAction, 'lesson' | 'action'>, decided = false) => {
    if (!decided && needsCopyCheck([lesson])) {
      setNote(null);
      setChecking({ lesson, action });
      return;
    }
    setChecking(null);
    try {
      // A Redact in the check changes the action's text too; the issue is made from the lesson as decided.
      await env.copyText(issueClipboardText(lesson, lesson.actions.find((a) => a.id === action.id) ?? action));
      setNote({ text: t('popup.copied') });
    } catch (e) {
      report((error) => t('popup.copyFailed', { error }), e);
    }
  };

  const due = live.state === 'ready' ? dueActions(live.value, today) : [];
  // The most pressing first; the rest on request, so a long backlog does not bury the other lists.
  const shown = all ? due : due.slice(0, LIST_LIMIT);
  return (
    <section class="list" aria-label={t('popup.due')}>
      <h2>{t('popup.due')}</h2>
      {live.state === 'loading' ? (
        <p class="empty">{t('common.loading')}</p>
      ) : live.state === 'error' ? (
        <p class="error">{t('popup.actionsFailed', { error: live.error })}</p>
      ) : due.length === 0 ? (
        <p class="empty">{t('popup.nothingDue')}</p>
      ) : (
        <ul class="rows">
          {shown.map((d) => (
            <li key={`${d.lesson.id}/${d.action.id}`} class={`row action due-${d.status}`}>
              <input type="checkbox" class="tick" aria-label={t('popup.actionDone', { action: d.action.text })} checked={false} onChange={() => void tick(d)} />
              <span class="row-main">
                <span class="row-title">{d.action.text}</span>
                <span class="row-sub">
                  <span class="due">{dueLabel(d.action.due!, today)}</span>
                  {d.action.owner && <> · {d.action.owner}</>} ·{' '}
                  <button type="button" class="link" onClick={() => env.openLesson(d.lesson.id)}>
                    {lessonTitle(d.lesson)}
                  </button>
                </span>
              </span>
              <button type="button" class="secondary small" aria-label={t('popup.copyLabel', { action: d.action.text })} onClick={() => void copy(d)}>
                {t('popup.copy')}
              </button>
            </li>
          ))}
        </ul>
      )}
      {shown.length < due.length && (
        <button type="button" class="link more" onClick={() => setAll(true)}>
          {t('popup.showAll', due.length)}
        </button>
      )}
      {checking && (
        <CopyCheck
          key={`${checking.lesson.id}/${checking.action.id}`}
          lessons={[checking.lesson]}
          onCopy={([lesson]) => void copy({ lesson, action: checking.action }, true)}
          onCancel={() => setChecking(null)}
        />
      )}
      {note && (
        <p class="note" role="status">
          {note.text}
          {note.undo && (
            <>
              {' '}
              <button type="button" class="link" onClick={() => void undo(note.undo!)}>
                {t('common.undo')}
              </button>
            </>
          )}
        </p>
      )}
    </section>
  );
}
