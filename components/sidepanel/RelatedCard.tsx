import { useState } from 'preact/hooks';
import { LessonCard } from '@/components/LessonCard';
import type { Lesson, LessonPatch } from '@/lib/lesson';
import type { RelatedResult } from '@/lib/related/rank';
import { useSaving } from '../hooks/useSaving';
import { EditForm } from './EditForm';

interface Props {
  result: RelatedResult;
  /** Not painted on the page in front of you (the tab's anchoring report says so). */
  notFound: boolean;
  /** Scrolls the page to the lesson's highlight and flashes it: lessons on this work item only. */
  onShow?: (lesson: Lesson) => void;
  onAnswer?: (lesson: Lesson) => void;
  onOpen: (id: string) => void;
  onHelped: (id: string) => Promise<unknown>;
  onSave: (id: string, patch: LessonPatch) => Promise<unknown>;
}

/** One related lesson: the shared card, why it is related, and what can be done with it. */
export function RelatedCard({ result, notFound, onShow, onAnswer, onOpen, onHelped, onSave }: Props) {
  const { lesson, reasons } = result;
  const [editing, setEditing] = useState(false);
  const { saving: busy, error, save } = useSaving((why) => `Could not count it: ${why}`);
  const label = lesson.title || lesson.source.title || lesson.source.url;

  const helped = () => save(() => onHelped(lesson.id));

  return (
    <li class="related" data-lesson={lesson.id} data-section={result.section}>
      <LessonCard lesson={lesson} />
      <ul class="reasons" aria-label="Why it is related">
        {reasons.map((r) => (
          <li key={r}>{r}</li>
        ))}
      </ul>
      {notFound && <p class="not-found">Not found on this page: its text changed or is gone.</p>}
      {editing ? (
        <EditForm lesson={lesson} onSave={onSave} onClose={() => setEditing(false)} />
      ) : (
        <div class="related-actions">
          {onShow && !notFound && (
            <button type="button" class="primary" onClick={() => onShow(lesson)} aria-label={`Show on page: ${label}`}>
              Show on page
            </button>
          )}
          {onAnswer && (
            <button type="button" class="primary" onClick={() => onAnswer(lesson)} aria-label={`Answer: ${label}`}>
              Answer
            </button>
          )}
          <button type="button" class="secondary" onClick={() => onOpen(lesson.id)} aria-label={`Open in the library: ${label}`}>
            Open
          </button>
          <button type="button" class="secondary" onClick={() => setEditing(true)} aria-label={`Edit: ${label}`}>
            Edit
          </button>
          <button type="button" class="secondary helped-button" disabled={busy} onClick={() => void helped()} aria-label={`This helped: ${label}`}>
            This helped{lesson.helped > 0 ? ` · ${lesson.helped}` : ''}
          </button>
        </div>
      )}
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
    </li>
  );
}
