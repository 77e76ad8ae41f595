/**
 * Confluence Cloud and Data Center. A page is named by host and page id
 * (`confluence:acme.atlassian.net:123456`): ids are unique per site, titles and paths are not stable.
 */
import { hostIn, normalizeUrl, parseHttpUrl } from '../url';
import { defineSite, type Identified, type PageDetails } from './adapter';
import { allTexts, cleanLabels, cleanTitle, excerptOf, firstText, metaContent, titleAndBodyText } from './text';

export interface ConfluenceRoute {
  pageId?: string;
  space?: string;
  /** The title as the path spells it (`/display/ENG/Incident+Review`), for when the markup has none. */
  pathTitle?: string;
}

const PAGE_ID = /^\d{1,20}$/;

function decodePathPart(part: string): string {
  try {
    return decodeURIComponent(part.replace(/\+/g, ' '));
  } catch {
    return part;
  }
}

/**
 * What a Confluence path names, whatever the host and context path:
 * `/wiki/spaces/ENG/pages/123/Title` (Cloud, and Data Center 8 without `/wiki`),
 * `/wiki/spaces/ENG/pages/edit-v2/123`, `/wiki/spaces/ENG/blog/2024/01/15/123/Title`,
 * `/pages/viewpage.action?pageId=123`, `/display/ENG/Title`, `/display/ENG/2024/01/15/Title`.
 */
export function confluenceRouteFromPath(url: URL): ConfluenceRoute {
  const segments = url.pathname.split('/').filter(Boolean);
  const pageIdParam = url.searchParams.get('pageId');
  if (segments.at(-1)?.endsWith('.action')) {
    const space = url.searchParams.get('spaceKey') ?? undefined;
    const title = url.searchParams.get('title') ?? undefined;
    return {
      pageId: pageIdParam && PAGE_ID.test(pageIdParam) ? pageIdParam : undefined,
      space,
      pathTitle: title,
    };
  }
  const spaces = segments.indexOf('spaces');
  if (spaces >= 0 && segments[spaces + 1]) {
    const space = decodePathPart(segments[spaces + 1]);
    const rest = segments.slice(spaces + 2);
    if (rest[0] === 'pages' || rest[0] === 'blog') {
      const idAt = rest.findIndex((s, i) => i > 0 && PAGE_ID.test(s) && !isDatePart(rest, i));
      if (idAt > 0) {
        const slug = rest[idAt + 1];
        return { space, pageId: rest[idAt], pathTitle: slug ? decodePathPart(slug) : undefined };
      }
    }
    return { space };
  }
  const display = segments.indexOf('display');
  if (display >= 0 && segments[display + 1]) {
    const space = decodePathPart(segments[display + 1]);
    const last = segments.length > display + 2 ? segments.at(-1) : undefined;
    return { space, pathTitle: last ? decodePathPart(last) : undefined };
  }
  return {};
}

/** In `blog/2024/01/15/123`, the year, month and day are numbers too; the id follows them. */
function isDatePart(rest: string[], i: number): boolean {
  return rest[0] === 'blog' && i <= 3 && /^\d{1,4}$/.test(rest[i]) && rest.length > 4;
}

export function isConfluenceHost(url: URL, knownHosts?: readonly string[]): boolean {
  const cloud = url.hostname.endsWith('.atlassian.net') && /^\/wiki(\/|$)/.test(url.pathname);
  return cloud || hostIn(url.host, knownHosts);
}

/** URL-only: what a URL on a Confluence host names; `undefined` off Confluence. */
export function confluenceFromUrl(url: string, knownHosts?: readonly string[]): ConfluenceRoute | undefined {
  const parsed = parseHttpUrl(url);
  if (!parsed || !isConfluenceHost(parsed, knownHosts)) return undefined;
  return confluenceRouteFromPath(parsed);
}

/** Whether the markup is Confluence's, on any host. */
export function isConfluenceDocument(doc: Document): boolean {
  return (
    metaContent(doc, 'application-name').toLowerCase() === 'confluence' ||
    metaContent(doc, 'ajs-page-id') !== '' ||
    metaContent(doc, 'confluence-base-url') !== '' ||
    doc.querySelector('body#com-atlassian-confluence') !== null
  );
}

export function confluencePageKey(host: string, pageId: string): string {
  return `confluence:${host.toLowerCase()}:${pageId}`;
}

/** The URL's page id wins over the markup's, which may lag behind a soft navigation. */
function routeOf(url: URL, doc?: Document): ConfluenceRoute {
  const route = confluenceRouteFromPath(url);
  if (!doc) return route;
  const metaId = metaContent(doc, 'ajs-page-id');
  return {
    pageId: route.pageId ?? (PAGE_ID.test(metaId) ? metaId : undefined),
    space: route.space ?? (metaContent(doc, 'ajs-space-key') || undefined),
    pathTitle: route.pathTitle,
  };
}

export function identifyConfluence(url: URL, doc?: Document): Identified {
  const { pageId, space } = routeOf(url, doc);
  return { workItem: pageId ? confluencePageKey(url.host, pageId) : normalizeUrl(url.href), project: space };
}

const TITLE = ['[data-testid="title-text"]', 'h1#title-text', '#title-text'];
const LABELS = [
  '#labels-section .label-list a',
  '.label-list .aui-label a',
  '[data-testid="labels-group"] a',
  '[data-testid="page-metadata-labels"] a',
];
const BODY = ['.ak-renderer-document', '#main-content.wiki-content', '.wiki-content', '#main-content'];

/** Where a Confluence page's body lives, on Cloud and on Data Center. */
export const CONFLUENCE_CONTENT_ROOTS = [
  '.ak-renderer-document',
  '#main-content.wiki-content',
  '#main-content .wiki-content',
  '.wiki-content',
  '#main-content',
];

/** `Runbook - Engineering - Confluence` → `Runbook`. */
function titleFromDocumentTitle(title: string): string {
  return title.replace(/\s+-\s+[^-]+\s+-\s+Confluence.*$/, '').replace(/\s+-\s+Confluence.*$/, '');
}

/**
 * Confluence Cloud keeps the meta tags of the first page it loaded while it navigates, so the meta
 * title counts only when the meta page id is the page in view.
 */
export function readConfluence(url: URL, doc: Document, brief = false): PageDetails {
  const route = confluenceRouteFromPath(url);
  const metaIsCurrent = !route.pageId || metaContent(doc, 'ajs-page-id') === route.pageId;
  const title =
    (metaIsCurrent ? metaContent(doc, 'ajs-page-title') : '') ||
    firstText(doc, TITLE) ||
    route.pathTitle ||
    titleFromDocumentTitle(doc.title);
  const labels = cleanLabels(LABELS.flatMap((s) => allTexts(doc, s)));
  if (brief) return { title: cleanTitle(title), labels };
  return { title: cleanTitle(title), labels, status: undefined, excerpt: excerptOf(firstText(doc, BODY, 2000)) };
}

export function confluenceText(doc: Document): string {
  return titleAndBodyText(doc, TITLE, BODY);
}

export const confluence = defineSite({
  id: 'confluence',
  words: { label: 'Confluence', project: 'space', item: () => 'page' },
  selfHosted: { label: 'Confluence (self-hosted)' },
  publicHosts: 'Confluence Cloud',
  isPublicHost: (url) => isConfluenceHost(url),
  isDocument: isConfluenceDocument,
  identify: identifyConfluence,
  contentRoots: [...CONFLUENCE_CONTENT_ROOTS, 'main', '[role="main"]'],
  read: (url, doc, _workItem, brief) => readConfluence(url, doc, brief),
  text: confluenceText,
});
