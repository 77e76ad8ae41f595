import { useEffect, useMemo, useState } from 'preact/hooks';
import type { LessonDb } from '@/lib/db/database';
import { lessonTitle } from '@/lib/lesson-basics';
import { titleRepeatsQuote } from '@/lib/lesson-words';
import { LessonWords } from '../lesson-words';
import { digestLessonIds, localDay, startOfWeek, weeklyDigest, type DigestAction, type WeeklyDigest } from '@/lib/export/digest';
import { digestToMarkdown } from '@/lib/export/digest-markdown';
import { dayStart } from '@/lib/library/filters';
import { digestScope, openingWeek } from '@/lib/library/digest-scope';
import { lessonsByIds } from '@/lib/library/load';
import type { LibraryIndex } from '@/lib/library/library-index';
import { download } from './download';
import { errorText } from '@/lib/error-text';
import type { Lesson } from '@/lib/lesson';
import { CopyCheck, needsCopyCheck } from '../redact/CopyCheck';
import { formatDay, t } from '@/lib/i18n';

interface Props {
  db: LessonDb;
  index: LibraryIndex;
  version: number;
  /** Monday of the week shown (YYYY-MM-DD); when absent, this week or the latest with lessons (openingWeek). */
  week?: string;
  onWeek: (monday: string) => void;
  onOpen: (id: string) => void;
  notify: (message: string, tone?: 'ok' | 'error') => void;
}

const clip = (quote: string) => (quote.length > 200 ? `${quote.slice(0, 200)}…` : quote);

const shift = (day: string, days: number) => {
  const d = new Date(dayStart(day));
  return localDay(new Date(d.getFullYear(), d.getMonth(), d.getDate() + days));
};

/** A local day (YYYY-MM-DD) written as the other dates are: "9 Mar 2026" / "9. März 2026". */
const dayText = (day: string) => formatDay(dayStart(day));

const thisWeek = () => localDay(startOfWeek(new Date()));

/** The weekly look back: what we learned, grouped by pillar, mistakes first; questions and actions. */
export function DigestView({ db, index, version, week, onWeek, onOpen, notify }: Props) {
  const [opening] = useState(() => openingWeek(index.metas()));
  const monday = localDay(startOfWeek(new Date(dayStart(week ?? opening))));
  const [digest, setDigest] = useState<WeeklyDigest | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [source, setSource] = useState<Lesson[]>([]);
  const [checking, setChecking] = useState<Lesson[] | null>(null);

  useEffect(() => {
    let live = true;
    const start = new Date(dayStart(monday));
    setError(null);
    lessonsByIds(db, digestScope(index.metas(), start))
      .then((lessons) => {
        if (!live) return;
        setSource(lessons);
        setChecking(null);
        setDigest(weeklyDigest(lessons, start));
      })
      .catch((e) => live && setError(t('digest.failed', { error: errorText(e) })));
    return () => {
      live = false;
    };
  }, [db, index, version, monday]);

  const markdown = useMemo(() => (digest ? digestToMarkdown(digest) : ''), [digest]);

  /** Lessons holding secrets or personal data are shown first; the copy is made from them as decided. */
  const startCopy = () => {
    if (!digest) return;
    const shown = digestLessonIds(digest);
    const inDigest = source.filter((l) => shown.has(l.id));
    if (needsCopyCheck(inDigest)) setChecking(inDigest);
    else void copy(markdown);
  };
  const copyDecided = (decided: Lesson[]) => {
    setChecking(null);
    const byId = new Map(decided.map((l) => [l.id, l]));
    void copy(digestToMarkdown(weeklyDigest(source.map((l) => byId.get(l.id) ?? l), new Date(dayStart(monday)))));
  };

  const copy = async (text: string) => {
    try {
      await navigator.clipboard.writeText(text);
      notify(t('digest.copied'));
    } catch (e) {
      notify(t('popup.copyFailed', { error: errorText(e) }), 'error');
    }
  };

  return (
    <section class="digest" aria-labelledby="digest-title">
      <header class="digest-head">
        <h2 id="digest-title">
          {t('digest.weekOf', { day: dayText(digest?.firstDay ?? monday) })}
          {digest && <span class="muted"> {t('digest.to', { day: dayText(digest.lastDay) })}</span>}
        </h2>
        <div class="digest-tools">
          <button type="button" class="secondary" onClick={() => onWeek(shift(monday, -7))}>
            {t('digest.previous')}
          </button>
          <button type="button" class="secondary" onClick={() => onWeek(shift(monday, 7))}>
            {t('digest.next')}
          </button>
          <button type="button" class="secondary" onClick={() => onWeek(thisWeek())}>
            {t('digest.thisWeek')}
          </button>
          <button type="button" class="primary" disabled={!digest} onClick={startCopy}>
            {t('digest.copy')}
          </button>
          <button
            type="button"
            class="secondary"
            disabled={!digest}
            onClick={() => download(`lessonmark-week-${monday}.md`, markdown, 'text/markdown;charset=utf-8')}
          >
            {t('digest.download')}
          </button>
        </div>
      </header>
      {checking && <CopyCheck lessons={checking} onCopy={copyDecided} onCancel={() => setChecking(null)} />}
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {!digest && !error && <p class="muted">{t('digest.gathering')}</p>}
      {digest && (
        <>
          <p class="digest-summary">
            {t('digest.uiSummary', {
              lessons: t('digest.lessons', digest.lessonCount),
              questions: t('digest.questions', digest.openQuestions.length),
              done: digest.actionsDone.length,
              open: t('digest.openActions', digest.actionsOpen.length),
            })}
          </p>
          {digest.sections.length === 0 && (
            <p class="empty">{t('digest.emptyUi')}</p>
          )}
          {digest.sections.map((s) => (
            <section key={s.kind} class={`digest-section kind-border-${s.kind}`}>
              <h3>{s.heading}</h3>
              <ul>
                {s.lessons.map((l) => {
                  const title = lessonTitle(l);
                  const quoteHeads = titleRepeatsQuote(title, l.quote);
                  return (
                    <li key={l.id} class="digest-lesson">
                      <button type="button" class="link" onClick={() => onOpen(l.id)}>
                        {quoteHeads ? <q>{clip(l.quote)}</q> : title}
                      </button>
                      <LessonWords note={l.note} answers={l.answers} quote={quoteHeads ? undefined : clip(l.quote)} />
                    </li>
                  );
                })}
              </ul>
            </section>
          ))}
          {digest.openQuestions.length > 0 && (
            <section class="digest-section kind-border-question">
              <h3>{t('export.heading.question')}</h3>
              <ul>
                {digest.openQuestions.map((q) => (
                  <li key={q.id}>
                    <button type="button" class="link" onClick={() => onOpen(q.id)}>
                      {q.question?.text ?? lessonTitle(q)}
                    </button>
                  </li>
                ))}
              </ul>
            </section>
          )}
          <ActionSection title={t('digest.actionsDone')} items={digest.actionsDone} onOpen={onOpen} />
          <ActionSection title={t('digest.actionsOpen')} items={digest.actionsOpen} onOpen={onOpen} />
        </>
      )}
    </section>
  );
}

function ActionSection({ title, items, onOpen }: { title: string; items: DigestAction[]; onOpen: (id: string) => void }) {
  if (!items.length) return null;
  return (
    <section class="digest-section">
      <h3>{title}</h3>
      <ul class="digest-actions">
        {items.map((d) => (
          <li key={`${d.lessonId}-${d.action.id}`} class={d.overdue ? 'overdue' : undefined}>
            <span aria-hidden="true">{d.action.done ? '☑' : '☐'}</span> {d.action.text}
            {d.action.owner && <span class="muted"> · {d.action.owner}</span>}
            {d.action.due && <span class="muted"> · {t('export.due', { day: dayText(d.action.due) })}</span>}
            {d.overdue && <strong class="overdue-label"> {t('digest.overdue')}</strong>} — {t('digest.fromUi')}{' '}
            <button type="button" class="link" onClick={() => onOpen(d.lessonId)}>
              {d.lessonTitle}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
