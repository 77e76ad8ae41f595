/**
 * The lesson's constants and pure text helpers, free of zod so that the content script (which
 * must stay small) can use them. lib/lesson.ts builds the schemas on them.
 */
import type { Lesson } from './lesson';
import { makeTitle } from './title';

export { deriveTitle, makeTitle } from './title';

/** The four pillars of a learning culture plus the quick "Why?" question. */
export const PILLARS = ['experience', 'mistake', 'performance', 'improvement'] as const;
export const KINDS = [...PILLARS, 'question'] as const;
export const VISIBILITIES = ['private', 'team'] as const;

/** Longest quote kept; longer selections are clipped and the person is told. */
export const MAX_QUOTE = 20_000;
export const MAX_NOTE = 20_000;
export const MAX_TITLE = 300;
export const MAX_TAGS = 100;
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

/** The title shown for a lesson: its own, else made from its words, else the page's. */
export function lessonTitle(l: Pick<Lesson, 'title' | 'quote' | 'note' | 'answers' | 'source' | 'question'>): string {
  return l.title.trim() || makeTitle(l) || l.source.title || l.source.url;
}

/** Clips an oversize selection; tells the caller whether it did. */
export function clipQuote(text: string): { quote: string; clipped: boolean } {
  if (text.length <= MAX_QUOTE) return { quote: text, clipped: false };
  return { quote: text.slice(0, MAX_QUOTE), clipped: true };
}
