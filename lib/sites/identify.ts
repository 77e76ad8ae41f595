/**
 * The cheap entry point, run by the content script on every page load and soft navigation: which
 * site and work item the page is, and where its main content lives. A few `querySelector` calls,
 * no text extraction, and no import of Readability (see generic.ts).
 */
import type { Site } from '../lesson';
import { hostIn, normalizeUrl, parseHttpUrl } from '../url';
import { adapterOf, ADAPTERS, FALLBACK } from './registry';
import { firstPresent } from './text';
import type { DetectOptions, KnownHosts, PageIdentity } from './types';

/**
 * The site a page belongs to. On the public hosts (github.com, Atlassian Cloud) the host and path
 * say it all. On a host the person added, the markup tells which product a page is (one server may
 * run Jira and Confluence side by side), else the list the host was added to. Markup on any other
 * host is what every page can imitate, so there it counts for nothing: the page is a web page.
 */
export function siteOf(url: string, doc?: Document, options: DetectOptions = {}): Site {
  const parsed = parseHttpUrl(url);
  if (!parsed) return FALLBACK.id;
  const byHost = ADAPTERS.find((a) => a.isPublicHost(parsed));
  if (byHost) return byHost.id;
  const hosts: Partial<Record<string, readonly string[]>> = options.hosts ?? {};
  const added = ADAPTERS.filter((a) => hostIn(parsed.host, hosts[a.id]));
  if (added.length === 0) return FALLBACK.id;
  return ((doc && ADAPTERS.find((a) => a.isDocument(doc))) || added[0]).id;
}

const MAX_URL = 4096;

/** Of the person's added hosts, those that are the host of the page at `url`, by kind of site. */
export function pageHosts(url: string | undefined, hosts: KnownHosts = {}): KnownHosts {
  const host = url ? parseHttpUrl(url)?.host : undefined;
  if (!host) return {};
  const mine: KnownHosts = {};
  for (const [kind, list] of Object.entries(hosts) as [keyof KnownHosts, readonly string[] | undefined][]) {
    const here = list?.filter((h) => hostIn(host, [h])) ?? [];
    if (here.length > 0) mine[kind] = here;
  }
  return mine;
}

/**
 * Site, work item, project and normalised URL of a page, without reading its text. Without a
 * document, from the URL alone: what a page at that URL is keyed by whenever its URL names the
 * work item (an issue, a pull request, a Confluence page by id).
 */
export function identifyPage(url: string, doc?: Document, options: DetectOptions = {}): PageIdentity {
  const site = siteOf(url, doc, options);
  const parsed = parseHttpUrl(url);
  if (!parsed || site === FALLBACK.id) {
    const normalized = normalizeUrl(url) || 'about:blank';
    return { site: FALLBACK.id, workItem: normalized.slice(0, MAX_URL), url: normalized.slice(0, MAX_URL) };
  }
  const { workItem, project } = adapterOf(site).identify(parsed, doc);
  return { site, workItem: workItem.slice(0, MAX_URL), project, url: normalizeUrl(parsed.href).slice(0, MAX_URL) };
}

/**
 * CSS selector of the element holding the page's main content, the root highlights are anchored
 * in. Always one that matches in `doc`; 'body' when nothing more specific does.
 */
export function contentRootSelector(site: Site, doc: Document): string {
  return firstPresent(doc, adapterOf(site).contentRoots) ?? 'body';
}
