// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import {
  githubFromUrl,
  githubRoute,
  githubRouteFromPath,
  identifyGitHub,
  isGitHubDocument,
  readGitHub,
  type GitHubRoute,
} from './github';
import { siteOf } from './identify';
import { stateOf } from './issue';

const docWith = (head: string, body = '') =>
  new DOMParser().parseFromString(`<html><head>${head}</head><body>${body}</body></html>`, 'text/html');
const identify = (url: string, doc = docWith('')) => identifyGitHub(new URL(url), doc);

/** Real GitHub URL shapes and the work item each names. */
const WORK_ITEMS: Array<[string, string, string | undefined]> = [
  ['https://github.com/acme/web/issues/12', 'github:acme/web#12', 'acme/web'],
  ['https://github.com/Acme/Web/issues/12', 'github:acme/web#12', 'acme/web'],
  ['https://github.com/acme/web/issues/12#issuecomment-99', 'github:acme/web#12', 'acme/web'],
  ['https://github.com/acme/web/pull/34', 'github:acme/web#34', 'acme/web'],
  ['https://github.com/acme/web/pull/34/files', 'github:acme/web#34', 'acme/web'],
  ['https://github.com/acme/web/pull/34/commits', 'github:acme/web#34', 'acme/web'],
  ['https://github.com/acme/web/pull/34/commits/abc1234', 'github:acme/web#34', 'acme/web'],
  ['https://github.com/acme/web/pull/34/checks', 'github:acme/web#34', 'acme/web'],
  ['https://github.com/acme/web/pull/34/files?diff=split&w=1', 'github:acme/web#34', 'acme/web'],
  ['https://github.com/acme/web/discussions/5', 'github:acme/web#5', 'acme/web'],
  [
    'https://github.com/acme/web/commit/0123456789ABCDEF0123456789abcdef01234567',
    'github:acme/web@0123456789abcdef0123456789abcdef01234567',
    'acme/web',
  ],
  ['https://github.com/acme/web/commit/abc1234', 'github:acme/web@abc1234', 'acme/web'],
  ['https://github.com/acme/web', 'github:acme/web', 'acme/web'],
  ['https://github.com/acme/web/', 'github:acme/web', 'acme/web'],
  ['https://github.com/acme/web.git', 'github:acme/web', 'acme/web'],
  ['https://github.com/acme/my.repo_v2', 'github:acme/my.repo_v2', 'acme/my.repo_v2'],
  // Pages inside a repository that are not one item: their URL, with the repository as project.
  ['https://github.com/acme/web/issues', 'https://github.com/acme/web/issues', 'acme/web'],
  ['https://github.com/acme/web/pulls?q=is%3Aopen', 'https://github.com/acme/web/pulls?q=is%3Aopen', 'acme/web'],
  ['https://github.com/acme/web/blob/main/x.ts', 'https://github.com/acme/web/blob/main/x.ts', 'acme/web'],
  ['https://github.com/acme/web/tree/main/src', 'https://github.com/acme/web/tree/main/src', 'acme/web'],
  ['https://github.com/acme/web/commits/main', 'https://github.com/acme/web/commits/main', 'acme/web'],
  ['https://github.com/acme/web/issues/new', 'https://github.com/acme/web/issues/new', 'acme/web'],
  ['https://github.com/acme/web/actions/runs/123', 'https://github.com/acme/web/actions/runs/123', 'acme/web'],
  ['https://github.com/acme/web/wiki/Runbook', 'https://github.com/acme/web/wiki/Runbook', 'acme/web'],
  ['https://github.com/acme/web/settings', 'https://github.com/acme/web/settings', 'acme/web'],
  // GitHub's own pages and profiles: no repository.
  ['https://github.com/', 'https://github.com/', undefined],
  ['https://github.com/settings', 'https://github.com/settings', undefined],
  ['https://github.com/settings/profile', 'https://github.com/settings/profile', undefined],
  ['https://github.com/notifications?query=reason%3Amention', 'https://github.com/notifications?query=reason%3Amention', undefined],
  ['https://github.com/orgs/acme/projects/3', 'https://github.com/orgs/acme/projects/3', undefined],
  ['https://github.com/issues', 'https://github.com/issues', undefined],
  ['https://github.com/pulls', 'https://github.com/pulls', undefined],
  ['https://github.com/marketplace/actions/checkout', 'https://github.com/marketplace/actions/checkout', undefined],
  ['https://github.com/acme', 'https://github.com/acme', undefined],
  ['https://github.com/search?q=flaky&type=issues', 'https://github.com/search?q=flaky&type=issues', undefined],
];

describe('GitHub URLs', () => {
  it.each(WORK_ITEMS)('%s → %s', (url, workItem, project) => {
    const id = identify(url);
    expect(id.workItem).toBe(workItem);
    expect(id.project).toBe(project);
    expect(siteOf(url)).toBe('github');
  });

  it('tells issue, pull request, discussion, commit and repository apart', () => {
    const kinds: Array<[string, GitHubRoute['kind']]> = [
      ['/o/r/issues/1', 'issue'],
      ['/o/r/pull/2/files', 'pull'],
      ['/o/r/discussions/3', 'discussion'],
      ['/o/r/commit/abcdef1', 'commit'],
      ['/o/r', 'repo'],
      ['/o/r/issues', 'repo-page'],
      ['/o/r/issues/0', 'repo-page'],
      ['/o/r/issues/abc', 'repo-page'],
      ['/o/r/commit/not-a-sha', 'repo-page'],
      ['/o', 'other'],
      ['/settings/keys', 'other'],
      ['/-o/r/issues/1', 'other'],
      ['/o/../issues/1', 'other'],
    ];
    for (const [path, kind] of kinds) expect(githubRouteFromPath(path).kind, path).toBe(kind);
    expect(githubRouteFromPath('/o/r/pull/2/files')).toMatchObject({ number: 2, tab: 'files' });
  });

  it('puts the host in the name on GitHub Enterprise, so installations never share a key', () => {
    expect(identify('https://git.corp.example/acme/web/issues/12')).toMatchObject({
      workItem: 'github:git.corp.example/acme/web#12',
      project: 'git.corp.example/acme/web',
    });
  });

  it('keeps github.com names whatever the port, as when tests serve the pages locally', () => {
    expect(identify('http://github.com:41234/acme/web/pull/34').workItem).toBe('github:acme/web#34');
    expect(identify('https://git.corp.example:8443/acme/web/pull/34').workItem).toBe('github:git.corp.example:8443/acme/web#34');
  });

  it('answers URL-only questions on github.com and on known hosts only', () => {
    expect(githubFromUrl('https://github.com/acme/web/pull/34/files')?.kind).toBe('pull');
    expect(githubFromUrl('https://git.corp.example/acme/web/pull/34')).toBeUndefined();
    expect(githubFromUrl('https://git.corp.example/acme/web/pull/34', ['git.corp.example'])?.kind).toBe('pull');
    expect(githubFromUrl('https://gitlab.com/acme/web/issues/1')).toBeUndefined();
  });
});

describe('GitHub markup', () => {
  const GITHUB_HEAD =
    '<meta name="hostname" content="git.corp.example"><meta name="octolytics-url" content="https://git.corp.example/_stats">';

  it('is recognised on any host when two GitHub signs agree', () => {
    expect(isGitHubDocument(docWith(GITHUB_HEAD))).toBe(true);
    expect(
      isGitHubDocument(docWith('<meta property="og:site_name" content="GitHub"><meta name="route-pattern" content="/:user_id">')),
    ).toBe(true);
    expect(isGitHubDocument(docWith('<meta property="og:site_name" content="GitHub">'))).toBe(false);
    expect(isGitHubDocument(docWith('<meta name="hostname" content="example.com">'))).toBe(false);
    expect(isGitHubDocument(docWith(''))).toBe(false);
  });

  it('falls back to og:url and the repository meta when the URL path says nothing', () => {
    const og = docWith('<meta property="og:url" content="https://github.com/acme/web/issues/12">');
    expect(githubRoute(new URL('http://localhost:4173/github-issue.html'), og)).toMatchObject({ kind: 'issue', number: 12 });
    const nwo = docWith('<meta name="octolytics-dimension-repository_nwo" content="Acme/Web">');
    expect(githubRoute(new URL('http://localhost:4173/x.html'), nwo)).toEqual({ kind: 'repo-page', owner: 'acme', repo: 'web' });
  });

  it('titles a repository home page from its document title', () => {
    const doc = docWith('<title>GitHub - acme/web: The Acme storefront</title>');
    expect(readGitHub(doc).title).toBe('acme/web: The Acme storefront');
    expect(readGitHub(docWith('<title>Fix it · Issue #3 · acme/web</title>')).title).toBe('Fix it');
  });

  it('reads the state badge', () => {
    const badge = (html: string) => docWith('', html).body.firstElementChild;
    expect(stateOf(badge('<span class="State State--open">Open</span>'))).toBe('open');
    expect(stateOf(badge('<span class="State State--closed" title="Status: Closed">Closed</span>'))).toBe('closed');
    expect(stateOf(badge('<span class="State State--merged">Merged</span>'))).toBe('merged');
    expect(stateOf(badge('<span class="State State--draft">Draft</span>'))).toBe('draft');
    expect(stateOf(badge('<span data-testid="header-state">Closed as not planned</span>'))).toBe('closed');
    expect(stateOf(badge('<span>Answered</span>'))).toBeUndefined();
    expect(stateOf(null)).toBeUndefined();
  });
});
