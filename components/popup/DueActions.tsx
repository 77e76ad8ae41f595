import { useState } from 'preact/hooks';
import { completeActionPatch, dueActions, dueLabel, issueClipboardText, reopenActionPatch, type DueAction } from '@/lib/actions';
import type { Lesson } from '@/lib/lesson';
import { lessonTitle } from '@/lib/lesson-basics';
import type { PopupEnv } from './env';
import { LIST_LIMIT } from './queries';
import type { Live } from '../hooks/useLiveQuery';
import { errorText } from '@/lib/error-text';

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
  const report = (what: string, e: unknown) => setNote({ text: `Could not ${what}: ${errorText(e)}` });

  const tick = async ({ lesson, action }: DueAction) => {
    try {
      await env.updateLesson(lesson.id, completeActionPatch(lesson, action.id, env.now()));
      setNote({ text: `Done: ${action.text}`, undo: { lessonId: lesson.id, actionId: action.id } });
    } catch (e) {
      report('tick it off', e);
    }
  };
  const undo = async ({ lessonId, actionId }: { lessonId: string; actionId: string }) => {
    try {
      const lesson = await env.db.lessons.get(lessonId);
      if (!lesson) throw new Error('the lesson is gone');
      await env.updateLesson(lessonId, reopenActionPatch(lesson, actionId));
      setNote({ text: 'Action reopened.' });
    } catch (e) {
      report('undo', e);
    }
  };
  const copy = async ({ lesson, action }: DueAction) => {
    try {
      await env.copyText(issueClipboardText(lesson, action));
      setNote({ text: 'Copied as an issue: paste it into Jira or GitHub.' });
    } catch (e) {
      report('copy', e);
    }
  };

  const due = live.state === 'ready' ? dueActions(live.value, today) : [];
  // The most pressing first; the rest on request, so a long backlog does not bury the other lists.
  const shown = all ? due : due.slice(0, LIST_LIMIT);
  return (
    <section class="list" aria-label="Actions due">
      <h2>Actions due</h2>
      {live.state === 'loading' ? (
        <p class="empty">Loading…</p>
      ) : live.state === 'error' ? (
        <p class="error">Could not read actions: {live.error}</p>
      ) : due.length === 0 ? (
        <p class="empty">Nothing due. When you answer a question or fill a template, give it a follow-up action with an owner and a due date: it shows here as the date comes near.</p>
      ) : (
        <ul class="rows">
          {shown.map((d) => (
            <li key={`${d.lesson.id}/${d.action.id}`} class={`row action due-${d.status}`}>
              <input type="checkbox" class="tick" aria-label={`Done: ${d.action.text}`} checked={false} onChange={() => void tick(d)} />
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
              <button type="button" class="secondary small" aria-label={`Copy as issue: ${d.action.text}`} onClick={() => void copy(d)}>
                Copy as issue
              </button>
            </li>
          ))}
        </ul>
      )}
      {shown.length < due.length && (
        <button type="button" class="link more" onClick={() => setAll(true)}>
          Show all {due.length} actions due
        </button>
      )}
      {note && (
        <p class="note" role="status">
          {note.text}
          {note.undo && (
            <>
              {' '}
              <button type="button" class="link" onClick={() => void undo(note.undo!)}>
                Undo
              </button>
            </>
          )}
        </p>
      )}
    </section>
  );
}
