import type { Kind, Lesson, Site, Visibility } from '../lesson';
import { lessonTitle } from '../lesson-basics';
import { lessonWords } from '../lesson-words';

/** Characters of the quote, and of the lesson's own words, a row keeps for its one-line snippets. */
const SNIPPET = 160;
/**
 * Searchable text kept per lesson. Quotes and notes may each be 20,000 characters; holding all of
 * it for 100,000 lessons would cost gigabytes, and the words that matter are near the start.
 */
export const MAX_HAYSTACK = 12_000;

/**
 * What the library keeps in memory for one lesson: enough to draw its row, filter and sort it.
 * The full lesson is read from the database when it is opened, exported or digested.
 */
export interface LessonRow {
  id: string;
  kind: Kind;
  title: string;
  quote: string;
  /** The note or the answers (lib/lesson-words), clipped like the quote. */
  words: string;
  tags: string[];
  source: { site: Site; title: string; url: string; project?: string };
  visibility: Visibility;
  author?: string;
  createdAt: string;
  updatedAt: string;
  helped: number;
  /** Epoch milliseconds of createdAt, for sorting and date ranges without parsing again. */
  created: number;
  actionCount: number;
  openActions: number;
}

const snippet = (text: string) => (text.length > SNIPPET ? `${text.slice(0, SNIPPET)}…` : text);

export function toRow(l: Lesson): LessonRow {
  const row: LessonRow = {
    id: l.id,
    kind: l.kind,
    title: lessonTitle(l),
    quote: snippet(l.quote),
    words: snippet(lessonWords(l)),
    tags: l.tags,
    source: { site: l.source.site, title: l.source.title, url: l.source.url },
    visibility: l.visibility,
    createdAt: l.createdAt,
    updatedAt: l.updatedAt,
    helped: l.helped,
    created: Date.parse(l.createdAt),
    actionCount: l.actions.length,
    openActions: l.actions.filter((a) => !a.done).length,
  };
  if (l.source.project) row.source.project = l.source.project;
  if (l.author) row.author = l.author;
  return row;
}

/** Everything a person might type to find the lesson again, lower-cased, on one line of text. */
export function haystackOf(l: Lesson): string {
  const parts = [
    lessonTitle(l),
    l.question?.text,
    l.quote,
    l.note,
    ...l.answers.map((a) => a.answer),
    ...l.actions.flatMap((a) => [a.text, a.owner]),
    l.tags.join(' '),
    l.source.title,
    l.source.project,
    l.source.workItem,
    l.source.url,
    l.author,
  ];
  const text = parts.filter(Boolean).join(' \u0001 ').toLowerCase().replace(/\u0000/g, ' ');
  return text.length > MAX_HAYSTACK ? text.slice(0, MAX_HAYSTACK) : text;
}

/** Newest capture first; ids break ties so the order is stable. */
export function newestFirst(a: LessonRow, b: LessonRow): number {
  return b.created - a.created || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
}
