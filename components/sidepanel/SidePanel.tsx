import { errorText } from '@/lib/error-text';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { Fill } from '@/components/fill';
import type { Lesson } from '@/lib/lesson';
import { t } from '@/lib/i18n';
import type { SidePanelEnv } from './env';
import { COMPLETE_MARK, FIRST_SECTION_MARK } from './marks';
import { filterResults, sectionTitle, sections } from './model';
import { RelatedCard } from './RelatedCard';
import { useRelated } from './useRelated';
import { useTabPage } from './useTabPage';

type AnswerModule = typeof import('@/components/popup/AnswerForm');

/** The side panel: past lessons related to the page in front of you, in DESIGN.md's order, each saying why. */
export function SidePanel({ env }: { env: SidePanelEnv }) {
  const { tabId, page, report } = useTabPage(env);
  const related = useRelated(env, page, report?.workItem);
  const [query, setQuery] = useState('');
  const [status, setStatus] = useState('');
  const [answering, setAnswering] = useState<Lesson | null>(null);
  const [answerModule, setAnswerModule] = useState<AnswerModule | null>(null);
  const [suggestions, setSuggestions] = useState<string[]>([]);
  const search = useRef<HTMLInputElement>(null);

  const workItem = page?.source.workItem;
  // A report about the page before a navigation says nothing about this one.
  const notFound = useMemo(() => new Set(report && report.workItem === workItem ? report.notFound : []), [report, workItem]);
  const shown = useMemo(() => (related.results ? filterResults(related.results, query) : null), [related.results, query]);
  const drawn = page === null || shown !== null;

  useEffect(() => {
    if (drawn && performance.getEntriesByName(FIRST_SECTION_MARK).length === 0) performance.mark(FIRST_SECTION_MARK);
  }, [drawn]);
  useEffect(() => {
    if (related.complete && performance.getEntriesByName(COMPLETE_MARK).length === 0) performance.mark(COMPLETE_MARK);
  }, [related.complete]);
  useEffect(() => setStatus(''), [workItem, tabId]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const typing = e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement;
      if (e.key === '/' && !typing) {
        e.preventDefault();
        search.current?.focus();
      }
    };
    addEventListener('keydown', onKey);
    return () => removeEventListener('keydown', onKey);
  }, []);

  const show = async (lesson: Lesson) => {
    if (tabId == null) return;
    const painted = await env.flash(tabId, lesson.id).catch(() => false);
    setStatus(painted ? '' : t('sidepanel.notHighlighted', { title: lesson.title || t('sidepanel.thisLesson') }));
  };
  const answer = (lesson: Lesson) => {
    setAnswering(lesson);
    if (!answerModule) void import('@/components/popup/AnswerForm').then(setAnswerModule, (e) => setStatus(t('sidepanel.formFailed', { error: errorText(e) })));
    if (page) void env.suggestTags(page.source).then(setSuggestions, () => {});
  };

  if (answering && answerModule) {
    return (
      <main class="sidepanel">
        <answerModule.AnswerForm
          question={answering}
          suggestions={suggestions}
          onSave={env.updateLesson}
          onSaved={() => {
            setAnswering(null);
            setStatus(t('sidepanel.answered'));
          }}
          onClose={() => setAnswering(null)}
        />
      </main>
    );
  }

  return (
    <main class="sidepanel">
      <header class="panel-head">
        <h1>{t('sidepanel.heading')}</h1>
        {page && (
          <p class="page-title" title={page.source.url}>
            {page.source.title || page.source.url}
          </p>
        )}
        <input
          ref={search}
          type="search"
          class="search"
          placeholder={t('sidepanel.filterPlaceholder')}
          aria-label={t('sidepanel.filter')}
          value={query}
          onInput={(e) => setQuery(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === 'Escape' && query) {
              e.preventDefault();
              setQuery('');
            }
          }}
        />
      </header>
      {status && (
        <p class="status" role="status">
          {status}
        </p>
      )}
      {related.error && (
        <p class="error" role="alert">
          {t('sidepanel.readFailed', { error: related.error })}
        </p>
      )}
      <Body env={env} page={page} related={related} shown={shown} query={query} notFound={notFound} onShow={show} onAnswer={answer} />
    </main>
  );
}

interface BodyProps {
  env: SidePanelEnv;
  page: ReturnType<typeof useTabPage>['page'];
  related: ReturnType<typeof useRelated>;
  shown: ReturnType<typeof filterResults> | null;
  query: string;
  notFound: ReadonlySet<string>;
  onShow: (lesson: Lesson) => void;
  onAnswer: (lesson: Lesson) => void;
}

function Body({ env, page, related, shown, query, notFound, onShow, onAnswer }: BodyProps) {
  if (page === null) {
    return (
      <div class="empty-state">
        <p class="empty-title">{t('sidepanel.closedPage')}</p>
        <p class="empty">{t('sidepanel.closedPageHint')}</p>
      </div>
    );
  }
  if (shown === null || (page === undefined && shown.length === 0)) {
    return <p class="empty" aria-busy="true">{t('sidepanel.reading')}</p>;
  }
  if (related.lessonCount === 0 && page) {
    return (
      <div class="empty-state">
        <p class="empty-title">{t('sidepanel.noLessons')}</p>
        <p class="empty">
          <Fill text={t('sidepanel.noLessonsHint')} parts={{ keys: <SaveKeys /> }} />
        </p>
      </div>
    );
  }
  const groups = sections(shown);
  const itemSource = page?.source ?? shown[0].lesson.source;
  return (
    <>
      {groups.map(({ section, results }) => (
        <section key={section} class={`section section-${section}`} aria-labelledby={`h-${section}`}>
          <h2 id={`h-${section}`}>
            {sectionTitle(section, itemSource)} <span class="count">{results.length}</span>
          </h2>
          <ul class="related-list">
            {results.map((r) => (
              <RelatedCard
                key={r.lesson.id}
                result={r}
                notFound={section === 'workItem' && notFound.has(r.lesson.id)}
                onShow={section === 'workItem' ? onShow : undefined}
                onAnswer={section === 'questions' ? onAnswer : undefined}
                onOpen={env.openLesson}
                onHelped={env.markHelped}
                onSave={env.updateLesson}
              />
            ))}
          </ul>
        </section>
      ))}
      {!related.complete && page !== undefined && (
        <p class="empty" aria-busy="true">
          {t('sidepanel.looking')}
        </p>
      )}
      {related.complete && page && groups.length === 0 && (
        query ? (
          <p class="empty">{t('sidepanel.noMatch', { query })}</p>
        ) : (
          <div class="empty-state">
            <p class="empty-title">{t('sidepanel.nothingRelated')}</p>
            <p class="empty">
              <Fill text={t('sidepanel.nothingRelatedHint')} parts={{ keys: <SaveKeys /> }} />
            </p>
          </div>
        )
      )}
    </>
  );
}

function SaveKeys() {
  return (
    <>
      <kbd>Alt</kbd>+<kbd>Shift</kbd>+<kbd>L</kbd>
    </>
  );
}
