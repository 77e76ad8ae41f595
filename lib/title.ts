/**
 * How a lesson's title is made from the lesson itself. Titles are stored whole words, never with
 * an ellipsis: where a title is cut, the lists show it with CSS (`text-overflow: ellipsis`).
 * Free of zod and Dexie, so the content script can use it.
 */
import type { Lesson } from './lesson';

/** Longest title made from a lesson's text; a person may write a longer one (up to MAX_TITLE). */
export const TITLE_MAX = 100;

/** The parts of a lesson a title is made from. */
export type TitleParts = Pick<Lesson, 'note' | 'answers' | 'quote'> & { question?: { text: string } };

const clean = (text: string) => text.replace(/\s+/g, ' ').trim();

/** The first sentence of free text (or all of it when it has no sentence end). */
export function firstSentence(text: string): string {
  const t = clean(text);
  return t.match(/^.+?[.!?](?=\s|$)/)?.[0] ?? t;
}

/** At most `max` characters, cut at the last word boundary that keeps at least half; no ellipsis. */
export function clipAtWord(text: string, max = TITLE_MAX): string {
  const t = clean(text);
  if (t.length <= max) return t;
  const cut = t.slice(0, max + 1);
  const space = cut.lastIndexOf(' ');
  const kept = space > max / 2 ? cut.slice(0, space) : t.slice(0, max);
  // A cut after "and," or "—" reads as a broken sentence; end on the word before.
  return kept.replace(/[\s,;:–—-]+$/, '');
}

/** A short title from free text: its first sentence, cut at a word boundary. */
export function deriveTitle(text: string, max = TITLE_MAX): string {
  return clipAtWord(firstSentence(text), max);
}

/** Template answers as one line of sentences: each ends with punctuation, so they don't run together. */
export function joinAnswers(answers: readonly string[]): string {
  return answers
    .map(clean)
    .filter(Boolean)
    .map((a) => (/[.!?…:;]$/.test(a) ? a : `${a}.`))
    .join(' ');
}

/**
 * The title a lesson gets from its own words: the note's first sentence, else its pillar answers
 * (the first leading), else the question it was asked as, else the quote's first sentence.
 */
export function makeTitle(l: TitleParts, max = TITLE_MAX): string {
  return (
    deriveTitle(l.note, max) ||
    clipAtWord(joinAnswers(l.answers.map((a) => a.answer)), max) ||
    clipAtWord(l.question?.text ?? '', max) ||
    deriveTitle(l.quote, max)
  );
}

/** True when `title` was made from the lesson rather than written by a person. */
export function isMadeTitle(title: string, l: TitleParts): boolean {
  return title === makeTitle(l);
}

/**
 * What a title stored by an earlier version becomes, or null to keep it: one made from the
 * lesson's own text (a prefix of its quote, note, question or an answer, cut with a trailing "…"
 * or not) is made again by today's rule; one a person wrote only loses a trailing "…".
 */
export function migratedTitle(l: TitleParts & { title: string }): string | null {
  const stripped = l.title.replace(/\s*(…|\.\.\.)$/, '').trim();
  const sources = [l.quote, l.note, l.question?.text ?? '', ...l.answers.map((a) => a.answer)].map(clean);
  const made = stripped !== '' && sources.some((s) => s.startsWith(stripped));
  const next = made ? makeTitle(l) || stripped : l.title.endsWith('…') ? stripped : l.title;
  return next === l.title ? null : next;
}
