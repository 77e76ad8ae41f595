/**
 * Reading an issue, pull or merge request on a code forge (GitHub, GitLab): a title, a state badge,
 * labels and a first post, each found by the forge's own selectors.
 */
import type { PageDetails } from './adapter';
import { cleanLabels, cleanTitle, excerptOf, firstText, metaContent, textOf } from './text';

export interface IssueMarkup {
  title: readonly string[];
  state: readonly string[];
  labels: readonly string[];
  labelOf(el: Element): string;
  body: readonly string[];
  /** The meta tag whose content stands in for the excerpt when no body is found. */
  descriptionMeta: string;
  /** The title from the document's title when the page has no title element: the forge's decorations off. */
  titleFromDocumentTitle(title: string): string;
}

/** `open` | `closed` | `merged` | `draft`, from a state badge's classes or text. */
export function stateOf(badge: Element | null): string | undefined {
  if (!badge) return undefined;
  const words = `${badge.getAttribute('class') ?? ''} ${badge.getAttribute('title') ?? ''} ${textOf(badge)}`.toLowerCase();
  for (const state of ['merged', 'draft', 'closed', 'open']) {
    if (words.includes(state)) return state;
  }
  return undefined;
}

export function readIssue(doc: Document, m: IssueMarkup, brief = false): PageDetails {
  const labels = m.labels.flatMap((s) => [...doc.querySelectorAll(s)].map(m.labelOf));
  const title = firstText(doc, m.title) || m.titleFromDocumentTitle(metaContent(doc, 'og:title') || doc.title);
  if (brief) return { title: cleanTitle(title), labels: cleanLabels(labels) };
  const badge = m.state.map((s) => doc.querySelector(s)).find((el) => el !== null) ?? null;
  return {
    title: cleanTitle(title),
    labels: cleanLabels(labels),
    status: stateOf(badge),
    excerpt: excerptOf(firstText(doc, m.body, 2000) || metaContent(doc, m.descriptionMeta)),
  };
}
