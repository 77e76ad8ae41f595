/**
 * GitHub and GitHub Enterprise. Issues, pull requests and discussions share one number space per
 * repository, so all three are `github:owner/repo#N`; commits are `github:owner/repo@sha` and a
 * repository's home page is `github:owner/repo`. Owner and repository are lower-cased because GitHub
 * treats them without case, and a work item must not split in two over `Acme/Web` vs `acme/web`.
 *
 * Other pages inside a repository (file views, lists, wiki, actions) keep their normalised URL as
 * work item, with the repository as project: a lesson on one file is not a lesson on every file,
 * but it is related to the repository. On a host other than github.com the host leads the name
 * (`github:git.corp.example/acme/web#12`) so that two installations never share a key.
 */
import RESERVED_NAMES from 'github-reserved-names/reserved-names.json' with { type: 'json' };
import { hostIn, normalizeUrl, parseHttpUrl } from '../url';
import { defineSite, type Identified, type PageDetails } from './adapter';
import { readIssue } from './issue';
import { metaContent, textOf, titleAndBodyText } from './text';

export type GitHubRoute =
  | { kind: 'issue' | 'pull' | 'discussion'; owner: string; repo: string; number: number; tab?: string }
  | { kind: 'commit'; owner: string; repo: string; sha: string }
  | { kind: 'repo'; owner: string; repo: string }
  | { kind: 'repo-page'; owner: string; repo: string }
  | { kind: 'other' };

/** First path segments that are GitHub's own pages, never an owner (kept up to date upstream). */
const RESERVED = new Set<string>(RESERVED_NAMES);

const OWNER = /^[a-z0-9](?:[a-z0-9-]{0,38})$/i;
const REPO = /^[a-z0-9._-]{1,100}$/i;
const SHA = /^[0-9a-f]{7,64}$/i;
const NUMBER = /^[1-9]\d{0,9}$/;

/** What a GitHub path shows; the host is not looked at. */
export function githubRouteFromPath(pathname: string): GitHubRoute {
  const segments = pathname.split('/').filter(Boolean);
  const [owner, rawRepo, section, id, tab] = segments;
  if (!owner || !rawRepo || RESERVED.has(owner.toLowerCase()) || !OWNER.test(owner)) return { kind: 'other' };
  const repo = rawRepo.replace(/\.git$/i, '');
  if (!REPO.test(repo) || repo === '.' || repo === '..') return { kind: 'other' };
  const o = owner.toLowerCase();
  const r = repo.toLowerCase();
  if (!section) return { kind: 'repo', owner: o, repo: r };
  if (id && NUMBER.test(id)) {
    if (section === 'issues') return { kind: 'issue', owner: o, repo: r, number: Number(id) };
    if (section === 'pull') return { kind: 'pull', owner: o, repo: r, number: Number(id), tab };
    if (section === 'discussions') return { kind: 'discussion', owner: o, repo: r, number: Number(id) };
  }
  if (section === 'commit' && id && SHA.test(id)) return { kind: 'commit', owner: o, repo: r, sha: id.toLowerCase() };
  return { kind: 'repo-page', owner: o, repo: r };
}

export function isGitHubHost(url: URL, knownHosts?: readonly string[]): boolean {
  return url.hostname === 'github.com' || url.hostname === 'www.github.com' || hostIn(url.host, knownHosts);
}

/** URL-only: the route of a URL on a GitHub host; `undefined` off GitHub. */
export function githubFromUrl(url: string, knownHosts?: readonly string[]): GitHubRoute | undefined {
  const parsed = parseHttpUrl(url);
  if (!parsed || !isGitHubHost(parsed, knownHosts)) return undefined;
  return githubRouteFromPath(parsed.pathname);
}

/**
 * Whether the markup is GitHub's, on any host. GitHub Enterprise pages carry the same meta tags as
 * github.com; two of them together are required, as any site could name itself "GitHub".
 */
export function isGitHubDocument(doc: Document): boolean {
  let signs = 0;
  if (metaContent(doc, 'hostname')) signs++;
  if (metaContent(doc, 'expected-hostname')) signs++;
  if (doc.querySelector('meta[name^="octolytics-"]')) signs++;
  if (metaContent(doc, 'github-keyboard-shortcuts')) signs++;
  if (metaContent(doc, 'route-pattern')) signs++;
  if (metaContent(doc, 'og:site_name') === 'GitHub') signs++;
  return signs >= 2;
}

/** The URL's route, else the page's canonical `og:url` or repository meta, for odd mount paths. */
export function githubRoute(url: URL, doc?: Document): GitHubRoute {
  const fromUrl = githubRouteFromPath(url.pathname);
  if (fromUrl.kind !== 'other' || !doc) return fromUrl;
  const og = parseHttpUrl(metaContent(doc, 'og:url'));
  if (og) {
    const fromOg = githubRouteFromPath(og.pathname);
    if (fromOg.kind !== 'other') return fromOg;
  }
  const nwo = metaContent(doc, 'octolytics-dimension-repository_nwo');
  const fromNwo = nwo ? githubRouteFromPath(`/${nwo}/-`) : fromUrl;
  return fromNwo.kind === 'repo-page' ? fromNwo : fromUrl;
}

function repoName(url: URL, owner: string, repo: string): string {
  const dotCom = url.hostname === 'github.com' || url.hostname === 'www.github.com';
  return dotCom ? `${owner}/${repo}` : `${url.host.toLowerCase()}/${owner}/${repo}`;
}

export function githubWorkItem(url: URL, route: GitHubRoute): { workItem: string; project?: string } {
  if (route.kind === 'other') return { workItem: normalizeUrl(url.href) };
  const project = repoName(url, route.owner, route.repo);
  switch (route.kind) {
    case 'issue':
    case 'pull':
    case 'discussion':
      return { workItem: `github:${project}#${route.number}`, project };
    case 'commit':
      return { workItem: `github:${project}@${route.sha}`, project };
    case 'repo':
      return { workItem: `github:${project}`, project };
    case 'repo-page':
      return { workItem: normalizeUrl(url.href), project };
  }
}

export function identifyGitHub(url: URL, doc?: Document): Identified {
  return githubWorkItem(url, githubRoute(url, doc));
}

const TITLE = [
  '.js-issue-title',
  '[data-testid="issue-title"]',
  '.gh-header-title .markdown-title',
  'h1 .markdown-title',
  '.commit-title',
  '[data-testid="commit-header-title"]',
];
const STATE = [
  '#partial-discussion-header .State',
  '.gh-header-meta .State',
  '[data-testid="header-state"]',
  '.State',
];
const LABELS = [
  '.js-issue-labels .IssueLabel',
  '.sidebar-labels .IssueLabel',
  '#partial-discussion-sidebar .IssueLabel',
  '[data-testid="issue-labels"] a',
  '.discussion-sidebar-item .IssueLabel',
];
const FIRST_POST = [
  '.js-discussion .comment-body',
  '[data-testid="issue-body"] .markdown-body',
  '.js-comment-body',
  '.comment-body',
  'article.markdown-body',
];

/** Conversation first; the diff on a pull request's Files tab; a README; else the page's main. */
export const GITHUB_CONTENT_ROOTS = [
  '.js-discussion',
  '#discussion_bucket',
  '[data-testid="issue-viewer-container"]',
  '#files',
  '#readme .markdown-body',
  'article.markdown-body',
  '.markdown-body',
  'main',
];

function labelOf(el: Element): string {
  return el.getAttribute('data-name') ?? textOf(el);
}

/** `Title · Issue #12 · acme/web` → `Title`; `GitHub - acme/web: About` → `acme/web: About`. */
function titleFromDocumentTitle(title: string): string {
  return (title.split(' · ')[0] ?? '').replace(/^GitHub - /, '');
}

export function readGitHub(doc: Document, brief = false): PageDetails {
  return readIssue(doc, { title: TITLE, state: STATE, labels: LABELS, labelOf, body: FIRST_POST, descriptionMeta: 'description', titleFromDocumentTitle }, brief);
}

export function githubText(doc: Document): string {
  return titleAndBodyText(doc, TITLE, FIRST_POST, GITHUB_CONTENT_ROOTS);
}

const ITEM_WORD: Record<string, string> = { pull: 'pull request', issues: 'issue', discussions: 'discussion' };

/** The path's third segment names the kind (`/owner/repo/pull/12/files`), on Enterprise hosts too. */
export function githubItemWord(url: string): string {
  const kind = parseHttpUrl(url)?.pathname.split('/').filter(Boolean)[2];
  return kind && Object.hasOwn(ITEM_WORD, kind) ? ITEM_WORD[kind] : 'issue';
}

export const github = defineSite({
  id: 'github',
  words: { label: 'GitHub', project: 'repository', item: githubItemWord },
  selfHosted: { label: 'GitHub Enterprise' },
  publicHosts: 'github.com',
  isPublicHost: (url) => isGitHubHost(url),
  isDocument: isGitHubDocument,
  identify: identifyGitHub,
  contentRoots: GITHUB_CONTENT_ROOTS,
  read: (_url, doc, _workItem, brief) => readGitHub(doc, brief),
  text: githubText,
});
