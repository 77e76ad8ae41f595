/**
 * Any other page: keyed by its normalised URL, never claimed by host or markup, so it is the
 * registry's last entry and takes every page the others leave. Its details are read with
 * Readability (generic.ts), which this file must not import: the content script carries it.
 */
import { normalizeUrl } from '../url';
import { defineSite } from './adapter';

export const web = defineSite({
  id: 'web',
  words: { label: 'Web', project: 'site', item: () => 'page' },
  isPublicHost: () => false,
  isDocument: () => false,
  identify: (url) => ({ workItem: normalizeUrl(url.href) }),
  contentRoots: ['article', 'main', '[role="main"]', '#content', '#main'],
});
