import type { ComponentChildren } from 'preact';
import type { Lesson } from '@/lib/lesson';
import { lessonTitle } from '@/lib/lesson-basics';
import type { Live } from '../hooks/useLiveQuery';
import { t } from '@/lib/i18n';

interface Props {
  heading: string;
  live: Live<Lesson[]>;
  /** Shown when there is nothing to list: it should teach what to do. */
  empty: ComponentChildren;
  /** Say which page each question is on (for lists wider than this page). */
  showWhere?: boolean;
  onAnswer: (lesson: Lesson) => void;
}

export function QuestionList({ heading, live, empty, showWhere, onAnswer }: Props) {
  return (
    <section class="list" aria-label={heading}>
      <h2>{heading}</h2>
      {live.state === 'loading' ? (
        <p class="empty">{t('common.loading')}</p>
      ) : live.state === 'error' ? (
        <p class="error">{t('popup.questionsFailed', { error: live.error })}</p>
      ) : live.value.length === 0 ? (
        <p class="empty">{empty}</p>
      ) : (
        <ul class="rows">
          {live.value.map((q) => (
            <li key={q.id} class="row question">
              <span class="row-main">
                <span class="row-title" title={q.question?.text ?? lessonTitle(q)}>
                  {q.question?.text ?? lessonTitle(q)}
                </span>
                {showWhere && <span class="row-sub">{q.source.title || q.source.workItem}</span>}
              </span>
              <button type="button" class="secondary small" aria-label={t('sidepanel.answerLabel', { label: q.question?.text ?? lessonTitle(q) })} onClick={() => onAnswer(q)}>
                {t('sidepanel.answer')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
