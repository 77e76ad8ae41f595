/**
 * Any other page, read with Mozilla's Readability (Firefox's reader view). Readability rewrites the
 * document it is given, so it only ever sees a clone: the live page must stay as it is.
 *
 * This is the only module that imports @mozilla/readability; `identify.ts` must never import it, so
 * that a content script that only identifies pages stays small.
 */
import { Readability } from '@mozilla/readability';
import { cleanLabels, cleanTitle, excerptOf, metaContent, metaContents, MAX_PAGE_TEXT_CHARS, rawTextOf, tidyLines } from './text';
import type { PageDetails } from './types';

export interface Article {
  title: string;
  byline?: string;
  excerpt?: string;
  text: string;
}

/** Past this many elements Readability gives up; the caller falls back to the body's text. */
export const MAX_READABLE_ELEMENTS = 30_000;

/** Readability's reading of the page, or null when it finds no article or the page is too big. */
export function readArticle(doc: Document, maxElements = MAX_READABLE_ELEMENTS): Article | null {
  if (doc.getElementsByTagName('*').length > maxElements) return null;
  const clone = doc.cloneNode(true) as Document;
  // Only the text is wanted; serialising the article's HTML would be wasted work.
  const parsed = new Readability<null>(clone, { serializer: () => null }).parse();
  if (!parsed) return null;
  return {
    title: cleanTitle(parsed.title),
    byline: cleanTitle(parsed.byline) || undefined,
    excerpt: excerptOf(parsed.excerpt),
    text: tidyLines(parsed.textContent ?? ''),
  };
}

/** Publisher tags: `article:tag` (Open Graph) and the keywords meta tag. */
function pageTags(doc: Document): string[] {
  const keywords = metaContent(doc, 'keywords')
    .split(',')
    .map((k) => k.trim());
  return [...metaContents(doc, 'article:tag'), ...keywords].filter(Boolean);
}

export function readGeneric(doc: Document): PageDetails & { byline?: string } {
  const article = readArticle(doc);
  const fallbackTitle = metaContent(doc, 'og:title') || doc.title;
  return {
    title: article?.title || cleanTitle(fallbackTitle),
    labels: cleanLabels(pageTags(doc)),
    status: undefined,
    excerpt: article?.excerpt ?? excerptOf(metaContent(doc, 'description') || rawTextOf(doc.body, 2000)),
    byline: article?.byline,
  };
}

/** Readability drops the heading that repeats the title; the title is worth keeping for search. */
export function genericText(doc: Document): string {
  const article = readArticle(doc);
  const text = article?.text
    ? `${article.title}\n${article.text}`
    : tidyLines(rawTextOf(doc.body, MAX_PAGE_TEXT_CHARS));
  return text.slice(0, MAX_PAGE_TEXT_CHARS);
}
