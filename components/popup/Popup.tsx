import { useEffect, useState } from 'preact/hooks';
import { localDay } from '@/lib/actions';
import { PILLARS, type Lesson, type Pillar } from '@/lib/lesson';
import { PILLAR_INFO } from '@/lib/pillars';
import type { PageInfo } from '@/lib/platform/page';
import { AnswerForm } from './AnswerForm';
import { DueActions } from './DueActions';
import type { PopupEnv, PopupPrefs } from './env';
import { lessonsWithDueActions, openQuestionsInProject, openQuestionsOn, recentLessons } from './queries';
import { QuestionList } from './QuestionList';
import { RecentList } from './RecentList';
import { TemplateForm } from './TemplateForm';
import { useLive } from './useLive';
import { WhyBox } from './WhyBox';

type View = { at: 'home' } | { at: 'template'; pillar: Pillar } | { at: 'answer'; question: Lesson };

/** The toolbar popup: the "Why…?" box first, then templates, open questions, due actions, recent lessons. */
export function Popup({ env }: { env: PopupEnv }) {
  const [page, setPage] = useState<PageInfo | null | undefined>(undefined);
  const [suggestions, setSuggestions] = useState<string[]>([]);
  const [view, setView] = useState<View>({ at: 'home' });
  const [flash, setFlash] = useState('');
  const [prefs, setPrefs] = useState<PopupPrefs>({ displayName: '', defaultVisibility: 'private' });

  useEffect(() => {
    void env.page.then(setPage, () => setPage(null));
    void env.prefs.then(setPrefs, () => {});
  }, []);
  useEffect(() => {
    if (page) void env.suggestTags(page.source).then(setSuggestions, () => {});
  }, [page]);

  const home = (message = '') => {
    setFlash(message);
    setView({ at: 'home' });
  };

  if (view.at === 'template' && page) {
    return (
      <main class="popup">
        <TemplateForm
          pillar={view.pillar}
          page={page}
          suggestions={suggestions}
          defaultVisibility={prefs.defaultVisibility}
          onSave={env.saveLesson}
          onSaved={() => home(`${PILLAR_INFO[view.pillar].template} saved.`)}
          onClose={() => home()}
        />
      </main>
    );
  }
  if (view.at === 'answer') {
    return (
      <main class="popup">
        <AnswerForm
          question={view.question}
          suggestions={suggestions}
          onSave={env.updateLesson}
          onSaved={() => home('Answered: the question is now a lesson.')}
          onClose={() => home()}
        />
      </main>
    );
  }
  return (
    <main class="popup">
      <WhyBox env={env} page={page} askedBy={prefs.displayName || undefined} />
      {flash && (
        <p class="flash" role="status">
          {flash}
        </p>
      )}
      <nav class="templates" aria-label="Templates">
        {PILLARS.map((p) => (
          <button
            type="button"
            key={p}
            class={`template template-${p}`}
            disabled={!page}
            title={PILLAR_INFO[p].questions.join(' ')}
            onClick={() => setView({ at: 'template', pillar: p })}
          >
            {PILLAR_INFO[p].template}
          </button>
        ))}
      </nav>
      <Lists env={env} page={page} onAnswer={(question) => setView({ at: 'answer', question })} />
    </main>
  );
}

function Lists({ env, page, onAnswer }: { env: PopupEnv; page: PageInfo | null | undefined; onAnswer: (q: Lesson) => void }) {
  const workItem = page?.source.workItem;
  const project = page?.source.project;
  const today = localDay(env.now());
  const here = useLive(workItem ? () => openQuestionsOn(env.db, workItem) : null, [workItem]);
  const inProject = useLive(project && workItem ? () => openQuestionsInProject(env.db, project, workItem) : null, [project, workItem]);
  const due = useLive(() => lessonsWithDueActions(env.db, today), [today]);
  const recent = useLive(() => recentLessons(env.db), []);

  return (
    <>
      {page && (
        <QuestionList
          heading="Open questions here"
          live={here}
          empty={<>No open questions here. Ask one above: the seed's "Why do we do it this way?"</>}
          onAnswer={onAnswer}
        />
      )}
      {page && project && (
        <QuestionList
          heading={`Open questions in ${project}`}
          live={inProject}
          empty={<>No other open questions in {project}. Questions asked on its other tickets and pages show up here.</>}
          showWhere
          onAnswer={onAnswer}
        />
      )}
      <DueActions env={env} live={due} today={today} />
      <RecentList live={recent} onOpen={env.openLesson} />
    </>
  );
}
