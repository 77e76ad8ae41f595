/**
 * The cheap read of a page, taken by the content script on every page load and soft navigation
 * for the toolbar badge: which work item it is, its title and labels, and a bounded sample of its
 * text. A few `querySelector` calls and one text walk that stops at MAX_PAGE_TEXT_CHARS; never
 * Readability, which clones the whole document (the side panel and the capture card still run the
 * full read, lib/sites/index.ts, when they open).
 */
import type { PageGist } from '../messages';
import type { Source } from '../lesson';
import { contentRootSelector } from '../sites/identify';
import { adapterOf } from '../sites/registry';
import { capPageText, cleanLabels, cleanTitle, clip, collapse, metaContent, metaContents, rawTextOf, MAX_PAGE_TEXT_CHARS } from '../sites/text';
import type { PageIdentity } from '../sites/types';

export type { PageGist };

/** Headings read from a web page's content root, and how much of each. */
export const MAX_HEADINGS = 40;
const MAX_HEADING_CHARS = 200;

/**
 * The page as the badge counts it: the same work item, project, labels and title the full read
 * gives, and text that agrees with its text. On Jira, Confluence and GitHub that text is the
 * adapter's own (title and body, bounded); elsewhere it is the title, the headings and the start of
 * the content root's visible text, where the full read asks Readability for the article.
 * `identity`: the page as the content script identified it when it asked for its lessons
 * (`identifyPage`), not identified again.
 */
export function readGist(url: string, doc: Document, identity: PageIdentity): PageGist {
  const { title, labels, text } = siteParts(identity, url, doc);
  const source: Source = { ...identity, title, labels };
  return { source, text: capPageText(text) };
}

function siteParts({ site, workItem }: Pick<Source, 'site' | 'workItem'>, url: string, doc: Document) {
  const adapter = adapterOf(site);
  if (!adapter.read) return webParts(doc);
  const { title, labels } = adapter.read(new URL(url), doc, workItem, true);
  const text = adapter.text?.(doc);
  return { title, labels, text: text || webParts(doc).text };
}

function webParts(doc: Document) {
  const title = cleanTitle(metaContent(doc, 'og:title') || doc.title);
  const root = doc.querySelector(contentRootSelector('web', doc)) ?? doc.body;
  const headings: string[] = [];
  for (const h of root?.querySelectorAll('h1, h2, h3') ?? []) {
    const text = clip(collapse(rawTextOf(h, MAX_HEADING_CHARS)), MAX_HEADING_CHARS);
    if (text) headings.push(text);
    if (headings.length === MAX_HEADINGS) break;
  }
  return {
    title,
    labels: cleanLabels(pageTags(doc)),
    text: [title, ...headings, rawTextOf(root, MAX_PAGE_TEXT_CHARS)].join('\n'),
  };
}

/** Publisher tags, as the full read takes them: `article:tag` (Open Graph) and the keywords meta tag. */
function pageTags(doc: Document): string[] {
  const keywords = metaContent(doc, 'keywords')
    .split(',')
    .map((k) => k.trim());
  return [...metaContents(doc, 'article:tag'), ...keywords].filter(Boolean);
}
