import type { Kind, Site, Visibility } from '@/lib/lesson';
import { afterTitle, lessonWords, titleRepeatsQuote, type Answer } from '@/lib/lesson-words';
import { KIND_LABEL } from '@/lib/pillars';
import { siteLabel } from '@/lib/sites/registry';
import { LessonWords } from './lesson-words';
import { formatDay as formatDayIn, t } from '@/lib/i18n';

/** What a card shows; a full `Lesson` fits, and so does the library's lighter row. */
export interface CardLesson {
  id: string;
  kind: Kind;
  title: string;
  quote?: string;
  note?: string;
  answers?: readonly Answer[];
  /** The note or answers on one line, when the lesson itself is not at hand (the library's rows). */
  words?: string;
  tags: readonly string[];
  source: { site: Site; title: string; url: string; project?: string };
  visibility: Visibility;
  author?: string;
  createdAt: string;
  helped?: number;
  openActions?: number;
}


interface Props {
  lesson: CardLesson;
}

/** The day a lesson was captured, in the browser's language ('' for a date that is not one). */
export function formatDay(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? '' : formatDayIn(d);
}

/** One lesson at a glance: its pillar, title, its own words, the quote, where it was captured, tags and open items. */
export function LessonCard({ lesson }: Props) {
  return (
    <div class="lesson-card" data-kind={lesson.kind}>
      <LessonCardBody lesson={lesson} />
      <LessonCardMeta lesson={lesson} />
    </div>
  );
}

/** The pillar and the text; only phrasing elements, so it can be the content of a button. */
export function LessonCardBody({ lesson: l, compact }: { lesson: CardLesson; compact?: boolean }) {
  const title = l.title || l.source.title || l.source.url;
  // A title cut from the quote would show the quote twice: the quote itself heads the card instead.
  const quoteHeads = titleRepeatsQuote(title, l.quote);
  const where = [siteLabel(l.source.site), l.source.project, l.source.title].filter(Boolean).join(' · ');
  // A title made from the note is its first sentence: the words go on from there.
  const words = afterTitle(title, l.words ?? lessonWords({ note: l.note ?? '', answers: l.answers ?? [] }));
  const note = l.note === undefined ? undefined : afterTitle(title, l.note);
  return (
    <>
      <span class={`kind-badge kind-${l.kind}`}>{KIND_LABEL[l.kind]}</span>
      <span class="lesson-card-text">
        <span class={`lesson-card-title${quoteHeads ? ' is-quote' : ''}`}>{quoteHeads ? <q>{l.quote}</q> : title}</span>
        <LessonWords words={words} note={note} answers={l.answers} quote={quoteHeads ? undefined : l.quote} compact={compact} />
        <span class="lesson-card-where" title={l.source.url}>
          {where}
        </span>
      </span>
    </>
  );
}

/** Tags, open actions, how often it helped, who sees it, who wrote it and when. */
export function LessonCardMeta({ lesson: l }: { lesson: CardLesson }) {
  return (
    <span class="lesson-card-meta">
      {l.tags.length > 0 && (
        <span class="lesson-card-tags">
          {l.tags.slice(0, 4).map((tag) => (
            <span key={tag} class="tag">
              #{tag}
            </span>
          ))}
          {l.tags.length > 4 && <span class="tag-more">+{l.tags.length - 4}</span>}
        </span>
      )}
      {(l.openActions ?? 0) > 0 && (
        <span class="open-actions" title={t('card.openActionsHint')}>
          {t('card.openActions', l.openActions ?? 0)}
        </span>
      )}
      {(l.helped ?? 0) > 0 && <span class="helped" title={t('card.helpedHint')}>
          {t('card.helped', { n: l.helped ?? 0 })}
        </span>}
      <span class={`visibility visibility-${l.visibility}`}>{l.visibility === 'team' ? t('card.team') : t('card.private')}</span>
      {l.author && <span class="author">{l.author}</span>}
      <time dateTime={l.createdAt}>{formatDay(l.createdAt)}</time>
    </span>
  );
}
