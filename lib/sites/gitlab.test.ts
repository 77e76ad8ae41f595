// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { gitlab, gitlabFromUrl, gitlabItemWord, gitlabRouteFromPath, identifyGitLab, isGitLabDocument, readGitLab, type GitLabRoute } from './gitlab';
import { identifyPage, siteOf } from './identify';

const docWith = (head: string, body = '', bodyAttributes = '') =>
  new DOMParser().parseFromString(`<html><head>${head}</head><body ${bodyAttributes}>${body}</body></html>`, 'text/html');
const identify = (url: string, doc?: Document) => identifyGitLab(new URL(url), doc);

/** Real GitLab URL shapes on gitlab.com and the work item and project each names. */
const WORK_ITEMS: Array<[string, string, string | undefined]> = [
  ['https://gitlab.com/acme/web/-/issues/12', 'gitlab:acme/web#12', 'acme/web'],
  ['https://gitlab.com/Acme/Platform/Checkout/-/issues/12', 'gitlab:acme/platform/checkout#12', 'acme/platform/checkout'],
  ['https://gitlab.com/acme/web/-/issues/12#note_2011', 'gitlab:acme/web#12', 'acme/web'],
  ['https://gitlab.com/acme/web/-/issues/12/designs', 'gitlab:acme/web#12', 'acme/web'],
  ['https://gitlab.com/acme/web/-/work_items/12', 'gitlab:acme/web#12', 'acme/web'],
  ['https://gitlab.com/gitlab-org/gitlab/-/merge_requests/34', 'gitlab:gitlab-org/gitlab!34', 'gitlab-org/gitlab'],
  ['https://gitlab.com/a/b/c/d/-/merge_requests/34/diffs?view=parallel', 'gitlab:a/b/c/d!34', 'a/b/c/d'],
  ['https://gitlab.com/acme/web/-/merge_requests/34/pipelines', 'gitlab:acme/web!34', 'acme/web'],
  ['https://gitlab.com/groups/acme/-/epics/5', 'gitlab:acme&5', 'acme'],
  ['https://gitlab.com/groups/acme/platform/-/epics/5', 'gitlab:acme/platform&5', 'acme/platform'],
  ['https://gitlab.com/groups/acme/platform/-/work_items/5', 'gitlab:acme/platform&5', 'acme/platform'],
  ['https://gitlab.com/my.name/dot.files/-/issues/3', 'gitlab:my.name/dot.files#3', 'my.name/dot.files'],
  // Lists, new-item forms and files stay pages of their project.
  ['https://gitlab.com/acme/web/-/issues', 'https://gitlab.com/acme/web/-/issues', 'acme/web'],
  ['https://gitlab.com/acme/web/-/issues/new', 'https://gitlab.com/acme/web/-/issues/new', 'acme/web'],
  ['https://gitlab.com/acme/web/-/merge_requests?scope=all', 'https://gitlab.com/acme/web/-/merge_requests?scope=all', 'acme/web'],
  ['https://gitlab.com/acme/web/-/blob/main/README.md', 'https://gitlab.com/acme/web/-/blob/main/README.md', 'acme/web'],
  ['https://gitlab.com/acme/web/-/pipelines/991', 'https://gitlab.com/acme/web/-/pipelines/991', 'acme/web'],
  // GitLab's own pages, group pages, and paths that name no project.
  ['https://gitlab.com/', 'https://gitlab.com/', undefined],
  ['https://gitlab.com/dashboard/issues?assignee_username=me', 'https://gitlab.com/dashboard/issues?assignee_username=me', undefined],
  ['https://gitlab.com/-/profile', 'https://gitlab.com/-/profile', undefined],
  ['https://gitlab.com/acme/-/issues/1', 'https://gitlab.com/acme/-/issues/1', undefined],
  ['https://gitlab.com/groups/acme/-/issues', 'https://gitlab.com/groups/acme/-/issues', undefined],
  ['https://gitlab.com/groups/acme/-/epics/0', 'https://gitlab.com/groups/acme/-/epics/0', undefined],
  ['https://gitlab.com/acme/web', 'https://gitlab.com/acme/web', undefined],
  ['https://gitlab.com/acme/web/issues/12', 'https://gitlab.com/acme/web/issues/12', undefined],
  ['https://gitlab.com/ac%20me/web/-/issues/12', 'https://gitlab.com/ac%20me/web/-/issues/12', undefined],
];

describe('GitLab URLs', () => {
  it.each(WORK_ITEMS)('%s → %s', (url, workItem, project) => {
    const id = identify(url);
    expect(id.workItem).toBe(workItem);
    expect(id.project).toBe(project);
    expect(siteOf(url)).toBe('gitlab');
  });

  it('tells issue, merge request, epic and project pages apart', () => {
    const kinds: Array<[string, GitLabRoute['kind']]> = [
      ['/acme/web/-/issues/1', 'issue'],
      ['/acme/web/-/work_items/1', 'issue'],
      ['/acme/web/-/merge_requests/1', 'merge request'],
      ['/groups/acme/-/epics/1', 'epic'],
      ['/acme/web/-/tree/main', 'project page'],
      ['/acme/web/-/issues/x', 'project page'],
      ['/explore/projects', 'other'],
      ['/users/sign_in', 'other'],
    ];
    for (const [path, kind] of kinds) expect(gitlabRouteFromPath(path).kind).toBe(kind);
  });

  it('names the host before a colon on self-hosted installations', () => {
    expect(identify('https://GitLab.Corp.Example/platform/payments-api/-/merge_requests/34')).toEqual({
      workItem: 'gitlab:gitlab.corp.example:platform/payments-api!34',
      project: 'gitlab.corp.example/platform/payments-api',
    });
    expect(identify('https://gitlab.corp.example:8443/a/b/c/-/issues/7').workItem).toBe('gitlab:gitlab.corp.example:8443:a/b/c#7');
    expect(identify('https://gitlab.corp.example/groups/platform/-/epics/2').workItem).toBe('gitlab:gitlab.corp.example:platform&2');
    expect(identify('https://www.gitlab.com/acme/web/-/issues/12').workItem).toBe('gitlab:acme/web#12');
  });

  it('answers URL-only questions on gitlab.com only', () => {
    expect(gitlabFromUrl('https://gitlab.com/acme/web/-/merge_requests/34/diffs')?.kind).toBe('merge request');
    expect(gitlabFromUrl('https://gitlab.corp.example/acme/web/-/merge_requests/34')).toBeUndefined();
    expect(gitlabFromUrl('https://github.com/acme/web/issues/1')).toBeUndefined();
    expect(gitlabFromUrl('not a url')).toBeUndefined();
  });

  it('is known on self-hosted hosts only when the person added them', () => {
    const url = 'https://gitlab.corp.example/platform/payments-api/-/merge_requests/34';
    expect(identifyPage(url)).toMatchObject({ site: 'web', workItem: url });
    expect(identifyPage(url, undefined, { hosts: { gitlab: ['gitlab.corp.example'] } })).toMatchObject({
      site: 'gitlab',
      workItem: 'gitlab:gitlab.corp.example:platform/payments-api!34',
    });
  });

  it('calls each item what GitLab calls it', () => {
    expect(gitlabItemWord('https://gitlab.com/acme/web/-/issues/12')).toBe('issue');
    expect(gitlabItemWord('https://gitlab.com/acme/web/-/merge_requests/34/diffs')).toBe('merge request');
    expect(gitlabItemWord('https://gitlab.com/groups/acme/-/epics/5')).toBe('epic');
    expect(gitlabItemWord('https://gitlab.com/acme/web/-/blob/main/x.ts')).toBe('page');
    expect(gitlabItemWord('not a url')).toBe('page');
    expect(gitlab.words).toMatchObject({ label: 'GitLab', project: 'project' });
  });
});

describe('GitLab markup', () => {
  const BODY = 'data-page="projects:issues:show" data-namespace-id="14" data-project-full-path="platform/payments-api"';

  it('is recognised on any host when two GitLab signs agree', () => {
    expect(isGitLabDocument(docWith('', '', BODY))).toBe(true);
    expect(isGitLabDocument(docWith('<meta property="og:site_name" content="GitLab">', '', 'data-page="projects:show"'))).toBe(true);
    expect(isGitLabDocument(docWith('<meta property="og:site_name" content="GitLab">'))).toBe(false);
    expect(isGitLabDocument(docWith('', '', 'data-page="home"'))).toBe(false);
    expect(isGitLabDocument(docWith('', '', 'data-page="<b>:x" data-namespace-id="1"'))).toBe(false);
    expect(isGitLabDocument(docWith(''))).toBe(false);
  });

  it('names the project of a page without `/-/` from the markup, never the work item', () => {
    const home = docWith('', '', 'data-page="projects:show" data-project-full-path="Acme/Web"');
    expect(identify('https://gitlab.com/acme/web', home)).toEqual({ workItem: 'https://gitlab.com/acme/web', project: 'acme/web' });
    expect(identify('https://gitlab.corp.example/acme/web', home).project).toBe('gitlab.corp.example/acme/web');
    const group = docWith('', '', 'data-page="groups:show" data-group-full-path="acme"');
    expect(identify('https://gitlab.com/acme', group).project).toBeUndefined();
    const odd = docWith('', '', 'data-page="projects:show" data-project-full-path="../x"');
    expect(identify('https://gitlab.com/x', odd).project).toBeUndefined();
  });

  it('reads a scoped label as GitLab writes it, and the state from the badge', () => {
    const doc = docWith(
      '',
      `<h1 data-testid="title-content">Fix it</h1>
       <span class="gl-badge issuable-status-badge issuable-status-badge-closed">Closed</span>
       <section data-testid="work-item-labels">
         <span class="gl-label gl-label-scoped"><a><span class="gl-label-text">priority</span><span class="gl-label-text-scoped">1</span></a></span>
         <span class="gl-label"><a><span class="gl-label-text">bug</span></a></span>
       </section>`,
    );
    expect(readGitLab(doc)).toMatchObject({ title: 'Fix it', labels: ['priority::1', 'bug'], status: 'closed' });
  });

  it('titles a page from its document title when the markup has no heading', () => {
    expect(readGitLab(docWith('<title>Flaky login spec (#686) · Issues · Acme / Web · GitLab</title>')).title).toBe('Flaky login spec');
    expect(readGitLab(docWith('<meta property="og:title" content="Pin Node (!7) · Merge requests · Acme · GitLab">')).title).toBe('Pin Node');
  });
});
