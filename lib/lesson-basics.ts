/**
 * The lesson's constants and pure text helpers, free of zod so that the content script (which
 * must stay small) can use them. lib/lesson.ts builds the schemas on them.
 */
import type { Lesson } from './lesson';

/** The four pillars of a learning culture plus the quick "Why?" question. */
export const PILLARS = ['experience', 'mistake', 'performance', 'improvement'] as const;
export const KINDS = [...PILLARS, 'question'] as const;
export const SITES = ['jira', 'confluence', 'github', 'web'] as const;
export const VISIBILITIES = ['private', 'team'] as const;

/** Longest quote kept; longer selections are clipped and the person is told. */
export const MAX_QUOTE = 20_000;
export const MAX_NOTE = 20_000;
export const MAX_TITLE = 300;
/** Characters of context kept on each side of a quote to tell repeated quotes apart. */
export const CONTEXT_CHARS = 32;

/** Tags are lower-case, single-spaced to dashes, and deduplicated in first-seen order. */
export function normalizeTag(tag: string): string {
  return tag
    .normalize('NFKC')
    .trim()
    .toLowerCase()
    .replace(/^#+/, '')
    .replace(/[\s,]+/g, '-')
    .slice(0, 64);
}

export function normalizeTags(tags: readonly string[]): string[] {
  const out: string[] = [];
  for (const raw of tags) {
    const tag = normalizeTag(raw);
    if (tag && !out.includes(tag)) out.push(tag);
  }
  return out;
}

/** A short title from free text: the first sentence or line, cut at a word boundary. */
export function deriveTitle(text: string, max = 80): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (!clean) return '';
  const sentence = clean.match(/^.+?[.!?](?=\s|$)/)?.[0] ?? clean;
  if (sentence.length <= max) return sentence;
  const cut = sentence.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${space > max / 2 ? cut.slice(0, space) : cut}…`;
}

/** The title shown for a lesson: its own, else derived from question, quote, note, or page. */
export function lessonTitle(l: Pick<Lesson, 'title' | 'quote' | 'note' | 'source' | 'question'>): string {
  return (
    l.title.trim() ||
    deriveTitle(l.question?.text ?? '') ||
    deriveTitle(l.quote) ||
    deriveTitle(l.note) ||
    l.source.title ||
    l.source.url
  );
}

/** Clips an oversize selection; tells the caller whether it did. */
export function clipQuote(text: string): { quote: string; clipped: boolean } {
  if (text.length <= MAX_QUOTE) return { quote: text, clipped: false };
  return { quote: text.slice(0, MAX_QUOTE), clipped: true };
}
