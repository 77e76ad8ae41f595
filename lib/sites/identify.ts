/**
 * The cheap entry point, run by the content script on every page load and soft navigation: which
 * site and work item the page is, and where its main content lives. A few `querySelector` calls,
 * no text extraction, and no import of Readability (see generic.ts).
 */
import type { Site } from '../lesson';
import { hostIn, normalizeUrl, parseHttpUrl } from '../url';
import { CONFLUENCE_CONTENT_ROOTS, identifyConfluence, isConfluenceDocument, isConfluenceHost } from './confluence';
import { GITHUB_CONTENT_ROOTS, identifyGitHub, isGitHubDocument, isGitHubHost } from './github';
import { identifyJira, isJiraDocument, isJiraHost, JIRA_CONTENT_ROOTS } from './jira';
import { firstPresent } from './text';
import type { DetectOptions, PageIdentity } from './types';

/**
 * The site a page belongs to. On the public hosts (github.com, Atlassian Cloud) the host and path
 * say it all. On a host the person added, the markup tells which product a page is (one server may
 * run Jira and Confluence side by side), else the list the host was added to. Markup on any other
 * host is what every page can imitate, so there it counts for nothing: the page is a web page.
 */
export function siteOf(url: string, doc?: Document, options: DetectOptions = {}): Site {
  const parsed = parseHttpUrl(url);
  if (!parsed) return 'web';
  if (isGitHubHost(parsed)) return 'github';
  if (isConfluenceHost(parsed)) return 'confluence';
  if (isJiraHost(parsed)) return 'jira';
  const hosts = options.hosts ?? {};
  const added = ADDED_ORDER.filter((site) => hostIn(parsed.host, hosts[site]));
  if (added.length === 0) return 'web';
  return (doc && siteByMarkup(doc)) ?? added[0];
}

const ADDED_ORDER = ['github', 'confluence', 'jira'] as const;

function siteByMarkup(doc: Document): Site | undefined {
  if (isGitHubDocument(doc)) return 'github';
  if (isConfluenceDocument(doc)) return 'confluence';
  if (isJiraDocument(doc)) return 'jira';
  return undefined;
}

const MAX_URL = 4096;

function bounded(identity: PageIdentity): PageIdentity {
  return { ...identity, url: identity.url.slice(0, MAX_URL), workItem: identity.workItem.slice(0, MAX_URL) };
}

/**
 * Site, work item, project and normalised URL of a page, without reading its text. Without a
 * document, from the URL alone: what a page at that URL is keyed by whenever its URL names the
 * work item (an issue, a pull request, a Confluence page by id).
 */
export function identifyPage(url: string, doc?: Document, options: DetectOptions = {}): PageIdentity {
  const site = siteOf(url, doc, options);
  const parsed = parseHttpUrl(url);
  if (!parsed || site === 'web') {
    const normalized = normalizeUrl(url);
    return bounded({ site: 'web', workItem: normalized || 'about:blank', url: normalized || 'about:blank' });
  }
  if (site === 'github') return bounded(identifyGitHub(parsed, doc));
  if (site === 'confluence') return bounded(identifyConfluence(parsed, doc));
  return bounded(identifyJira(parsed, doc));
}

const WEB_CONTENT_ROOTS = ['article', 'main', '[role="main"]', '#content', '#main'];

const ROOTS: Record<Site, readonly string[]> = {
  jira: [...JIRA_CONTENT_ROOTS, 'main', '[role="main"]'],
  confluence: [...CONFLUENCE_CONTENT_ROOTS, 'main', '[role="main"]'],
  github: GITHUB_CONTENT_ROOTS,
  web: WEB_CONTENT_ROOTS,
};

/**
 * CSS selector of the element holding the page's main content, the root highlights are anchored
 * in. Always one that matches in `doc`; 'body' when nothing more specific does.
 */
export function contentRootSelector(site: Site, doc: Document): string {
  return firstPresent(doc, ROOTS[site]) ?? 'body';
}
