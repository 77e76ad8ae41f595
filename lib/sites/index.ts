/**
 * Knowing the page: `(url, document)` → the lesson's `source`. The full reading lives here because it
 * may run Readability; a content script that only needs the identity imports `./identify` instead.
 */
import { SourceSchema, type Source } from '../lesson';
import { confluenceText, readConfluence } from './confluence';
import { genericText, readGeneric } from './generic';
import { githubText, readGitHub } from './github';
import { identifyPage } from './identify';
import { jiraText, readJira } from './jira';
import { capPageText } from './text';
import { jiraKeyOf } from '../work-item';
import type { DetectOptions, PageDetails, PageIdentity } from './types';

export { contentRootSelector, identifyPage, siteOf } from './identify';
export type { DetectOptions, KnownHosts, PageIdentity } from './types';

function details({ site, workItem }: PageIdentity, url: string, doc: Document): PageDetails {
  switch (site) {
    case 'jira':
      return readJira(doc, jiraKeyOf(workItem));
    case 'confluence':
      return readConfluence(new URL(url), doc);
    case 'github':
      return readGitHub(doc);
    case 'web':
      return readGeneric(doc);
  }
}

/** The lesson's `source` for a page: identity plus title, labels, status and excerpt. */
export function detectSource(url: string, doc: Document, options: DetectOptions = {}): Source {
  const identity = identifyPage(url, doc, options);
  const read = details(identity, url, doc);
  return SourceSchema.parse({
    ...identity,
    title: read.title,
    labels: read.labels,
    ...(read.status ? { status: read.status } : {}),
    ...(read.excerpt ? { excerpt: read.excerpt } : {}),
  });
}

/** The page's main text for full-text relatedness, at most about 20,000 characters. */
export function pageText(url: string, doc: Document, options: DetectOptions = {}): string {
  const { site } = identifyPage(url, doc, options);
  const text =
    site === 'jira' ? jiraText(doc) : site === 'confluence' ? confluenceText(doc) : site === 'github' ? githubText(doc) : '';
  return capPageText(text || genericText(doc));
}
