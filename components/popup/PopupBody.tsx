import { useEffect, useState } from 'preact/hooks';
import { localDay } from '@/lib/actions';
import type { Lesson, Pillar } from '@/lib/lesson';
import { PILLARS } from '@/lib/lesson-basics';
import { PILLAR_INFO } from '@/lib/pillars';
import type { PageInfo } from '@/lib/platform/page';
import { AnswerForm } from './AnswerForm';
import { DueActions } from './DueActions';
import type { PopupEnv, PopupPrefs } from './env';
import { lessonsWithDueActions, openQuestionsInProject, openQuestionsOn, recentLessons } from './queries';
import { QuestionList } from './QuestionList';
import { RecentList } from './RecentList';
import { TemplateForm } from './TemplateForm';
import { useLiveQuery } from '../hooks/useLiveQuery';
import { t } from '@/lib/i18n';

export type View = { at: 'home' } | { at: 'template'; pillar: Pillar } | { at: 'answer'; question: Lesson };

interface Props {
  env: PopupEnv;
  /** undefined while the page is being read; null where it cannot be. */
  page: PageInfo | null | undefined;
  prefs: PopupPrefs;
  view: View;
  /** Changes the view, with a message for the home view. */
  go: (view: View, message?: string) => void;
}

/** Everything under the "Why…?" box: templates, open questions, due actions, recent lessons, and the forms. */
export function PopupBody({ env, page, prefs, view, go }: Props) {
  const [suggestions, setSuggestions] = useState<string[]>([]);
  useEffect(() => {
    if (page) void env.suggestTags(page.source).then(setSuggestions, () => {});
  }, [page]);

  if (view.at === 'template' && page) {
    return (
      <TemplateForm
        pillar={view.pillar}
        page={page}
        suggestions={suggestions}
        defaultVisibility={prefs.defaultVisibility}
        onSave={env.saveLesson}
        onSaved={() => go({ at: 'home' }, t('popup.templateSaved', { template: PILLAR_INFO[view.pillar].template }))}
        onClose={() => go({ at: 'home' })}
      />
    );
  }
  if (view.at === 'answer') {
    return (
      <AnswerForm
        question={view.question}
        suggestions={suggestions}
        onSave={env.updateLesson}
        onSaved={() => go({ at: 'home' }, t('sidepanel.answered'))}
        onClose={() => go({ at: 'home' })}
      />
    );
  }
  return (
    <>
      <nav class="templates" aria-label={t('popup.templates')}>
        {PILLARS.map((p) => (
          <button
            type="button"
            key={p}
            class={`template template-${p}`}
            disabled={!page}
            title={PILLAR_INFO[p].asked.join(' ')}
            onClick={() => go({ at: 'template', pillar: p })}
          >
            {PILLAR_INFO[p].template}
          </button>
        ))}
      </nav>
      <Lists env={env} page={page} onAnswer={(question) => go({ at: 'answer', question })} />
    </>
  );
}

function Lists({ env, page, onAnswer }: { env: PopupEnv; page: PageInfo | null | undefined; onAnswer: (q: Lesson) => void }) {
  const workItem = page?.source.workItem;
  const project = page?.source.project;
  const today = localDay(env.now());
  const here = useLiveQuery(workItem ? () => openQuestionsOn(env.db, workItem) : null, [workItem]);
  const inProject = useLiveQuery(project && workItem ? () => openQuestionsInProject(env.db, project, workItem) : null, [project, workItem]);
  const due = useLiveQuery(() => lessonsWithDueActions(env.db, today), [today]);
  const recent = useLiveQuery(() => recentLessons(env.db), []);

  return (
    <>
      {page === undefined && <p class="empty">{t('sidepanel.reading')}</p>}
      {page && (
        <QuestionList
          heading={t('related.questionsSection')}
          live={here}
          empty={t('popup.noQuestionsHere')}
          onAnswer={onAnswer}
        />
      )}
      {page && project && (
        <QuestionList
          heading={t('popup.questionsIn', { project })}
          live={inProject}
          empty={t('popup.noQuestionsIn', { project })}
          showWhere
          onAnswer={onAnswer}
        />
      )}
      <DueActions env={env} live={due} today={today} />
      <RecentList live={recent} onOpen={env.openLesson} />
    </>
  );
}
