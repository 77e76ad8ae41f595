/**
 * Knowing the page: `(url, document)` → the lesson's `source`. The full reading lives here because it
 * may run Readability; a content script that only needs the identity imports `./identify` instead.
 */
import { SourceSchema, type Source } from '../lesson';
import { genericText, readGeneric } from './generic';
import { identifyPage } from './identify';
import { adapterOf } from './registry';
import { capPageText } from './text';
import type { DetectOptions, PageDetails } from './types';

export { contentRootSelector, identifyPage, siteOf } from './identify';
export type { DetectOptions, KnownHosts, PageIdentity } from './types';

/** The lesson's `source` for a page: identity plus title, labels, status and excerpt. */
export function detectSource(url: string, doc: Document, options: DetectOptions = {}): Source {
  const identity = identifyPage(url, doc, options);
  const adapter = adapterOf(identity.site);
  const read: PageDetails = adapter.read ? adapter.read(new URL(url), doc, identity.workItem) : readGeneric(doc);
  return SourceSchema.parse({
    ...identity,
    title: read.title,
    labels: read.labels,
    ...(read.status ? { status: read.status } : {}),
    ...(read.excerpt ? { excerpt: read.excerpt } : {}),
  });
}

/** The page's main text for full-text relatedness, at most MAX_PAGE_TEXT_CHARS (8,000). */
export function pageText(url: string, doc: Document, options: DetectOptions = {}): string {
  const { site } = identifyPage(url, doc, options);
  return capPageText(adapterOf(site).text?.(doc) || genericText(doc));
}
