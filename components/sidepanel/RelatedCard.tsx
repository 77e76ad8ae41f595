import { useState } from 'preact/hooks';
import { LessonCard } from '@/components/LessonCard';
import type { Lesson, LessonPatch } from '@/lib/lesson';
import type { RelatedResult } from '@/lib/related/rank';
import { useSaving } from '../hooks/useSaving';
import { EditForm } from './EditForm';
import { t } from '@/lib/i18n';

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
  const { saving: busy, error, save } = useSaving((why) => t('sidepanel.helpedFailed', { error: why }));
  const label = lesson.title || lesson.source.title || lesson.source.url;

  const helped = () => save(() => onHelped(lesson.id));

  return (
    <li class="related" data-lesson={lesson.id} data-section={result.section}>
      <LessonCard lesson={lesson} />
      <ul class="reasons" aria-label={t('sidepanel.why')}>
        {reasons.map((r) => (
          <li key={r}>{r}</li>
        ))}
      </ul>
      {notFound && <p class="not-found">{t('sidepanel.notFound')}</p>}
      {editing ? (
        <EditForm lesson={lesson} onSave={onSave} onClose={() => setEditing(false)} />
      ) : (
        <div class="related-actions">
          {onShow && !notFound && (
            <button type="button" class="primary" onClick={() => onShow(lesson)} aria-label={t('sidepanel.showOnPageLabel', { label })}>
              {t('sidepanel.showOnPage')}
            </button>
          )}
          {onAnswer && (
            <button type="button" class="primary" onClick={() => onAnswer(lesson)} aria-label={t('sidepanel.answerLabel', { label })}>
              {t('sidepanel.answer')}
            </button>
          )}
          <button type="button" class="secondary" onClick={() => onOpen(lesson.id)} aria-label={t('sidepanel.openLabel', { label })}>
            {t('sidepanel.open')}
          </button>
          <button type="button" class="secondary" onClick={() => setEditing(true)} aria-label={t('sidepanel.editLabel', { label })}>
            {t('sidepanel.edit')}
          </button>
          <button type="button" class="secondary helped-button" disabled={busy} onClick={() => void helped()} aria-label={t('sidepanel.helpedLabel', { label })}>
            {t('sidepanel.helped')}{lesson.helped > 0 ? ` · ${lesson.helped}` : ''}
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
