import type { Lesson } from '@/lib/lesson';
import { lessonTitle } from '@/lib/lesson-basics';
import { KIND_LABEL } from '@/lib/pillars';
import type { Live } from '../hooks/useLiveQuery';
import { t } from '@/lib/i18n';

interface Props {
  live: Live<Lesson[]>;
  onOpen: (id: string) => void;
}

/** The last lessons saved; each opens in the library. */
export function RecentList({ live, onOpen }: Props) {
  return (
    <section class="list" aria-label={t('popup.recentLabel')}>
      <h2>{t('popup.recent')}</h2>
      {live.state === 'loading' ? (
        <p class="empty">{t('common.loading')}</p>
      ) : live.state === 'error' ? (
        <p class="error">{t('popup.lessonsFailed', { error: live.error })}</p>
      ) : live.value.length === 0 ? (
        <p class="empty">{t('popup.noLessons')}</p>
      ) : (
        <ul class="rows">
          {live.value.map((l) => (
            <li key={l.id} class="row">
              <button type="button" class="recent" onClick={() => onOpen(l.id)}>
                <span class={`kind kind-${l.kind}`}>{KIND_LABEL[l.kind]}</span>
                <span class="row-title" title={lessonTitle(l)}>
                  {lessonTitle(l)}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
