/**
 * GitLab, on gitlab.com and on self-hosted installations. Work items use GitLab's own reference
 * syntax with the full namespace path: issues `gitlab:group/subgroup/project#12` (work items share
 * the issues' numbers, so `/-/work_items/12` is the same `#12`), merge requests
 * `gitlab:group/project!34`, epics `gitlab:group/subgroup&5`. Paths are lower-cased: GitLab finds
 * namespaces without case, and a work item must not split in two over `Acme/Web` vs `acme/web`.
 *
 * On a host other than gitlab.com the host leads, then a colon: `gitlab:git.corp.example:acme/web#12`.
 * A colon, not a slash as on GitHub Enterprise, because namespaces nest to any depth, so a first path
 * segment could be a group; GitLab paths never hold a colon, so the last one ends the host (which may
 * carry a port). The project (the group, for an epic) is `group/project` on gitlab.com and
 * `<host>/group/project` elsewhere, so two installations never share one.
 *
 * Only the path after the namespace is read (`/-/issues/12`), which GitLab serves since version 13;
 * an installation under a relative URL root (`/gitlab/…`) counts that root as part of the namespace.
 * Other pages of a project (files, pipelines, lists) keep their URL as work item, with the project.
 */
import { normalizeUrl, parseHttpUrl } from '../url';
import { defineSite, type Identified, type PageDetails } from './adapter';
import { readIssue } from './issue';
import { firstText, metaContent, textOf, titleAndBodyText } from './text';

export type GitLabRoute =
  | { kind: 'issue' | 'merge request'; project: string; iid: number }
  | { kind: 'epic'; group: string; iid: number }
  | { kind: 'project page'; project: string }
  | { kind: 'other' };

const SEGMENT = /^[a-z0-9_][a-z0-9_.-]{0,254}$/i;
const IID = /^[1-9]\d{0,9}$/;
const OTHER: GitLabRoute = { kind: 'other' };

/** What a GitLab path shows; the host is not looked at. */
export function gitlabRouteFromPath(pathname: string): GitLabRoute {
  const segments = pathname.split('/').filter(Boolean);
  const dash = segments.indexOf('-');
  const onGroup = segments[0] === 'groups';
  const namespace = segments.slice(onGroup ? 1 : 0, dash);
  if (dash < 0 || namespace.length === 0 || !namespace.every((s) => SEGMENT.test(s))) return OTHER;
  const path = namespace.join('/').toLowerCase();
  const [section, id] = segments.slice(dash + 1);
  const iid = id && IID.test(id) ? Number(id) : undefined;
  if (onGroup) return iid && (section === 'epics' || section === 'work_items') ? { kind: 'epic', group: path, iid } : OTHER;
  // A project always lives in a group or a user's namespace.
  if (namespace.length < 2) return OTHER;
  if (iid && (section === 'issues' || section === 'work_items')) return { kind: 'issue', project: path, iid };
  if (iid && section === 'merge_requests') return { kind: 'merge request', project: path, iid };
  return { kind: 'project page', project: path };
}

const isDotCom = (url: URL) => url.hostname === 'gitlab.com' || url.hostname === 'www.gitlab.com';

/** URL-only: the route of a gitlab.com URL; `undefined` elsewhere. */
export function gitlabFromUrl(url: string): GitLabRoute | undefined {
  const parsed = parseHttpUrl(url);
  return parsed && isDotCom(parsed) ? gitlabRouteFromPath(parsed.pathname) : undefined;
}

/**
 * Whether the markup is GitLab's, on any host: the body's page and namespace attributes every
 * GitLab page carries, and its `og:site_name`. Two of the three are required, as any site could
 * name itself "GitLab".
 */
export function isGitLabDocument(doc: Document): boolean {
  const body = doc.body;
  let signs = 0;
  if (metaContent(doc, 'og:site_name') === 'GitLab') signs++;
  if (/^[a-z_]+(:[a-z_]+)+$/.test(body?.getAttribute('data-page') ?? '')) signs++;
  if (body?.hasAttribute('data-namespace-id') || body?.hasAttribute('data-project-full-path') || body?.hasAttribute('data-group-full-path')) signs++;
  return signs >= 2;
}

/** A project's home and settings pages have no `/-/`; the markup names the project shown. */
function projectFromDocument(doc: Document): string | undefined {
  const body = doc.body;
  if (!body?.getAttribute('data-page')?.startsWith('projects:')) return undefined;
  const path = body.getAttribute('data-project-full-path') ?? '';
  const segments = path.split('/');
  return segments.length >= 2 && segments.every((s) => SEGMENT.test(s)) ? path.toLowerCase() : undefined;
}

export function identifyGitLab(url: URL, doc?: Document): Identified {
  const route = gitlabRouteFromPath(url.pathname);
  const host = isDotCom(url) ? '' : url.host.toLowerCase();
  const named = (path: string) => (host ? `${host}/${path}` : path);
  const key = (ref: string) => `gitlab:${host ? `${host}:` : ''}${ref}`;
  switch (route.kind) {
    case 'issue':
      return { workItem: key(`${route.project}#${route.iid}`), project: named(route.project) };
    case 'merge request':
      return { workItem: key(`${route.project}!${route.iid}`), project: named(route.project) };
    case 'epic':
      return { workItem: key(`${route.group}&${route.iid}`), project: named(route.group) };
    case 'project page':
      return { workItem: normalizeUrl(url.href), project: named(route.project) };
    case 'other': {
      const project = doc && projectFromDocument(doc);
      return { workItem: normalizeUrl(url.href), project: project ? named(project) : undefined };
    }
  }
}

/** What the item at a URL is called; pages that are no item are pages. */
export function gitlabItemWord(url: string): string {
  const parsed = parseHttpUrl(url);
  const route = parsed ? gitlabRouteFromPath(parsed.pathname) : OTHER;
  return route.kind === 'issue' || route.kind === 'merge request' || route.kind === 'epic' ? route.kind : 'page';
}

/** Work items (issues, epics) first, then the merge request header, then older issue pages. */
const TITLE = ['[data-testid="work-item-title"]', '[data-testid="title-content"]', '.detail-page-header h1.title', 'h1.title'];
const STATE = ['.issuable-status-badge', '[data-testid="issue-state-badge"]', '[data-testid="work-item-state-badge"]'];
const LABELS = ['[data-testid="work-item-labels"] .gl-label', '.issuable-show-labels .gl-label', '[data-testid="sidebar-labels"] .gl-label', '.js-labels-block .gl-label'];
const DESCRIPTION = ['[data-testid="work-item-description"] .md', '.detail-page-description .md', '.description .md', '.detail-page-description'];

/** The work item or merge request with its discussion, else the page's content column. */
export const GITLAB_CONTENT_ROOTS = ['[data-testid="work-item-detail"]', '.merge-request', '#content-body', 'main'];

/** A scoped label shows its scope and value apart (`priority` `1`); it is named `priority::1`. */
function labelOf(el: Element): string {
  const named = el.getAttribute('data-qa-label-name');
  if (named) return named;
  const key = firstText(el, ['.gl-label-text']);
  const scoped = firstText(el, ['.gl-label-text-scoped']);
  return key && scoped ? `${key}::${scoped}` : key || textOf(el);
}

/** `Title (#12) · Issues · Acme / Web · GitLab` → `Title`. */
function titleFromDocumentTitle(title: string): string {
  return (title.split(' · ')[0] ?? '').replace(/\s+\([#!&]\d+\)$/, '');
}

export function readGitLab(doc: Document, brief = false): PageDetails {
  return readIssue(doc, { title: TITLE, state: STATE, labels: LABELS, labelOf, body: DESCRIPTION, descriptionMeta: 'og:description', titleFromDocumentTitle }, brief);
}

export function gitlabText(doc: Document): string {
  return titleAndBodyText(doc, TITLE, DESCRIPTION, GITLAB_CONTENT_ROOTS);
}

export const gitlab = defineSite({
  id: 'gitlab',
  words: { label: 'GitLab', project: 'project', item: gitlabItemWord },
  selfHosted: { label: 'GitLab (self-hosted)' },
  publicHosts: 'gitlab.com',
  isPublicHost: isDotCom,
  isDocument: isGitLabDocument,
  identify: identifyGitLab,
  contentRoots: GITLAB_CONTENT_ROOTS,
  read: (_url, doc, _workItem, brief) => readGitLab(doc, brief),
  text: gitlabText,
});
